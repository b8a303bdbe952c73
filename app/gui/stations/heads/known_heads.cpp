#include "known_heads.h"

#include "figure_words.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "gpt2_small_weights.h"
#include "i18n/lesson_translation.h"
#include "i18n/translations.h"

namespace course {
namespace {

// Thresholds of the roles' checks (the data's "check" texts say the same in words).
constexpr double kPreviousToken = 0.6;  // census previous-token score, first token left out
constexpr double kInduction = 0.3;      // census induction score (the census's own label threshold)
constexpr double kDuplicate = 0.4;      // census duplicate-token score (the census's own label thresholds)
constexpr double kDuplicateNf = 0.6;    // the same, first token left out
constexpr double kNameMover = 0.3;      // weight on earlier copies of the predicted token
constexpr double kSuppressionWeight = 0.2;

QString n2(double v) { return figure_words::number(v, 2); } // for people: 0.62, or 0,62 in German

} // namespace

QJsonObject knownHeadsData(const QString& language) {
    auto read = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    };
    const QJsonObject english = read(QStringLiteral(":/lessons/03-heads/known-heads.json"));
    const QString lang = language.isEmpty() ? Translations::instance()->language() : language;
    if (lang == QLatin1String("en"))
        return english;
    return lesson_translation::knownHeads(english, read(QStringLiteral(":/lessons/03-heads/known-heads.%1.json").arg(lang)));
}

std::vector<KnownHeadCheck> checkKnownHeads(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                            const QJsonObject& data, const std::atomic<bool>* cancel) {
    const al::Config& cfg = model->config();
    const int L = cfg.n_layer, H = cfg.n_head, T = int(ids.size()), C = cfg.n_embd;
    al::Runner runner(model);
    al::ForwardOptions plain;
    plain.keep_scores = false;
    plain.cancel = cancel;
    const al::ForwardResult r = runner.forward(ids, plain);
    al::CensusOptions censusOptions;
    censusOptions.cancel = cancel;
    const std::vector<al::HeadScores> census = al::head_census(runner, ids, censusOptions);
    const al::VariantRunner dla(model, ids, cancel, /*keep_head_outputs=*/true);
    const int top = argmax(r.logits_last);
    const QString topLabel = QString::fromStdString(tokenLabel(*model, top));
    std::vector<int> copies; // earlier positions holding the predicted token
    for (int j = 0; j < T; ++j)
        if (ids[j] == top) copies.push_back(j);
    bool repeats = false; // a token of the text occurs earlier in it: the duplicate score measures something
    for (int i = 1; i < T && !repeats; ++i)
        repeats = std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i;

    std::vector<KnownHeadCheck> out;
    for (const QJsonValue& v : data.value(QStringLiteral("heads")).toArray()) {
        const QJsonObject o = v.toObject();
        KnownHeadCheck k;
        k.head = o.value(QStringLiteral("head")).toString();
        k.role = o.value(QStringLiteral("role")).toString();
        const int l = k.head.section(QLatin1Char('.'), 0, 0).toInt(), h = k.head.section(QLatin1Char('.'), 1, 1).toInt();
        if (l < 0 || l >= L || h < 0 || h >= H) {
            k.measured = QObject::tr("This model has no head %1.").arg(k.head);
            out.push_back(k);
            continue;
        }
        const al::HeadScores& s = census[size_t(l) * H + h];
        double onCopies = 0;
        for (int j : copies) onCopies += r.attention.at(l, h, T - 1, j);
        if (k.role == QLatin1String("previous-token")) {
            k.applicable = T >= 3;
            k.score = s.previous_token_nf;
            k.holds = k.applicable && k.score >= kPreviousToken;
            k.measured = QObject::tr("previous-token score on your text %1").arg(n2(k.score));
        } else if (k.role == QLatin1String("duplicate-token")) {
            k.applicable = repeats;
            k.score = s.duplicate_token;
            k.holds = k.applicable && (s.duplicate_token >= kDuplicate || s.duplicate_token_nf >= kDuplicateNf);
            k.measured = k.applicable
                             ? QObject::tr("duplicate-token score on your text %1 (first token left out %2)")
                                   .arg(n2(s.duplicate_token), n2(s.duplicate_token_nf))
                             : QObject::tr("no token of your text repeats an earlier one: nothing to check");
        } else if (k.role == QLatin1String("s-inhibition") || k.role == QLatin1String("backup-name-mover")) {
            // Both roles show only under interventions (path patching, knocking the name movers
            // out); a pattern on one text says nothing about them.
            k.applicable = false;
            k.measured = QObject::tr("not checked live: see how this role is checked");
        } else if (k.role == QLatin1String("induction")) {
            k.applicable = true;
            k.score = s.induction;
            k.holds = k.score >= kInduction;
            k.measured = QObject::tr("induction score on random tokens written twice %1").arg(n2(k.score));
        } else if (k.role == QLatin1String("name-mover") || k.role == QLatin1String("copy-suppression")) {
            k.applicable = !copies.empty();
            k.score = onCopies;
            if (!k.applicable) {
                k.measured = QObject::tr("the predicted token %1 does not occur earlier in your text: nothing to move")
                                 .arg(QStringLiteral("“%1”").arg(topLabel));
            } else {
                // Where the head looks is not what it does: its direct effect on the predicted
                // token's logit says whether it raises it (a mover) or lowers it (a negative head).
                const size_t at = (size_t(l) * H + h) * C;
                k.effect = al::direct_logit(*model, dla.clean().head_out_last.data() + at, dla.clean().resid_last.data(), top);
            }
            if (k.applicable && k.role == QLatin1String("name-mover")) {
                k.holds = k.score >= kNameMover && k.effect > 0;
                k.measured = QObject::tr("weight from the last token onto “%1” %2, direct effect on its logit %3")
                                 .arg(topLabel, n2(k.score), (k.effect >= 0 ? QStringLiteral("+") : QString()) + n2(k.effect));
            } else if (k.applicable) {
                k.holds = k.score >= kSuppressionWeight && k.effect < 0;
                k.measured = QObject::tr("weight onto “%1” %2, direct effect on its logit %3")
                                 .arg(topLabel, n2(k.score), (k.effect >= 0 ? QStringLiteral("+") : QString()) + n2(k.effect));
            }
        }
        out.push_back(k);
    }
    return out;
}

} // namespace course

// ---- KnownHeadsLab ----

namespace {
struct Checked {
    QString identity;
    std::vector<course::KnownHeadCheck> checks;
};
} // namespace

KnownHeadsLab::KnownHeadsLab(QObject* parent) : CourseLab(parent), data_(course::knownHeadsData()) {
    // The roles' texts follow the interface's language; the checks run again to relabel them.
    connect(Translations::instance(), &Translations::languageChanged, this, [this] {
        data_ = course::knownHeadsData();
        emit presetsChanged();
        scheduleRecompute();
    });
}

QVariantList KnownHeadsLab::presets() const { return data_.value(QStringLiteral("presets")).toArray().toVariantList(); }
QString KnownHeadsLab::about() const { return data_.value(QStringLiteral("about")).toString(); }

void KnownHeadsLab::recompute(const Input& in) {
    const QJsonObject data = data_;
    const bool assume = assume_;
    identity_ = QStringLiteral("checking");
    emit resultChanged();
    runJob<Checked>(
        Priority::Search, // hashing a 500 MB file and three forwards: after the station's figures
        [model = in.model, text = in.text, data, assume](JobContext& ctx) {
            Checked out;
            const bool gpt2 = assume || (course::hasGpt2SmallShape(model->config()) && !model->dir().empty() &&
                                         course::isGpt2SmallWeights(QString::fromStdString(model->dir()), ctx.cancelFlag()));
            out.identity = gpt2 ? QStringLiteral("gpt2") : QStringLiteral("other");
            if (gpt2)
                out.checks = course::checkKnownHeads(model, course::tokenize(*model, text, course::kTokenCap), data,
                                                     ctx.cancelFlag());
            return out;
        },
        [this](Checked& r) {
            identity_ = r.identity;
            const QJsonObject roles = data_.value(QStringLiteral("roles")).toObject();
            const QJsonObject sources = data_.value(QStringLiteral("sources")).toObject();
            heads_.clear();
            const QJsonArray list = data_.value(QStringLiteral("heads")).toArray();
            for (int i = 0; i < list.size(); ++i) {
                const QJsonObject o = list[i].toObject();
                const QJsonObject role = roles.value(o.value(QStringLiteral("role")).toString()).toObject();
                QStringList shortNames, fullNames;
                for (const QJsonValue& s : o.value(QStringLiteral("sources")).toArray()) {
                    shortNames << sources.value(s.toString()).toObject().value(QStringLiteral("short")).toString();
                    fullNames << sources.value(s.toString()).toObject().value(QStringLiteral("full")).toString();
                }
                QVariantMap e{{QStringLiteral("head"), o.value(QStringLiteral("head")).toString()},
                              {QStringLiteral("role"), o.value(QStringLiteral("role")).toString()},
                              {QStringLiteral("roleTitle"), role.value(QStringLiteral("title")).toString()},
                              {QStringLiteral("what"), role.value(QStringLiteral("what")).toString()},
                              {QStringLiteral("check"), role.value(QStringLiteral("check")).toString()},
                              {QStringLiteral("sources"), shortNames},
                              {QStringLiteral("sourcesFull"), fullNames}};
                if (i < int(r.checks.size())) {
                    const course::KnownHeadCheck& k = r.checks[size_t(i)];
                    e.insert(QStringLiteral("applicable"), k.applicable);
                    e.insert(QStringLiteral("score"), k.score);
                    e.insert(QStringLiteral("effect"), k.effect);
                    e.insert(QStringLiteral("holds"), k.holds);
                    e.insert(QStringLiteral("measured"), k.measured);
                }
                heads_ << e;
            }
            emit resultChanged();
        });
}

QString KnownHeadsLab::description() const {
    QStringList parts;
    int checked = 0, holding = 0;
    for (const QVariant& v : heads_) {
        const QVariantMap h = v.toMap();
        parts << QStringLiteral("%1 %2").arg(h.value(QStringLiteral("head")).toString(), h.value(QStringLiteral("roleTitle")).toString());
        if (h.value(QStringLiteral("applicable")).toBool()) {
            ++checked;
            if (h.value(QStringLiteral("holds")).toBool())
                ++holding;
        }
    }
    if (parts.isEmpty())
        return tr("No heads listed yet.");
    const QString list = tr("Known heads: %1.").arg(parts.join(QStringLiteral(", ")));
    if (identity_ != QLatin1String("gpt2"))
        return list + QLatin1Char(' ') + tr("The loaded model is not GPT-2 small, so none is checked on your text.");
    return list + QLatin1Char(' ') + tr("On your text, %1 of the %2 checked heads show their role.").arg(holding).arg(checked);
}
