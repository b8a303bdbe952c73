#include "patching_lab.h"

#include <QStringList>
#include <algorithm>

#include "attention_lens/error.h"
#include "attention_lens/patching.h"
#include "figure_words.h"
#include "patching_pair.h"
#include "course_math.h"
#include "token_labels.h"

namespace {

using course::PresetPair;
const PresetPair* const kPairs = course::kPresetPairs;
constexpr int kPairCount = course::kPresetCount;

QStringList words(const QString& s) { return s.split(QLatin1Char(' ')); }

// The corrupted text for an edited clean text: the edited words, with the pair's swapped words
// swapped again wherever the learner left them as they were. With another number of words, the
// pair's own corrupted text (the lengths will then differ, and the figure says so).
QString follow(const PresetPair& p, const QString& edited) {
    const QStringList c = words(QString::fromUtf8(p.clean)), k = words(QString::fromUtf8(p.corrupted));
    QStringList e = words(edited);
    if (e.size() != c.size()) return QString::fromUtf8(p.corrupted);
    for (qsizetype i = 0; i < e.size(); ++i)
        if (c[i] != k[i] && e[i] == c[i]) e[i] = k[i];
    return e.join(QLatin1Char(' '));
}

struct Computed {
    QString mismatch;
    QVariantMap result;
    QString clean, corrupted; // on the learner's text: the pair chosen, shown as the two texts
};

QVariantList toList(const std::vector<float>& v, const al::Patching& p) {
    QVariantList out;
    out.reserve(qsizetype(v.size()));
    for (float x : v) out << double(al::patching_fraction(p, x));
    return out;
}

// Both texts as ids, or a message saying why they cannot be patched.
struct Prepared {
    std::vector<int> clean, corrupted;
    QString mismatch;
};

Prepared prepare(const al::Model& m, const std::string& clean, const std::string& corrupted) {
    Prepared r;
    if (!m.tokenizer()) {
        r.mismatch = PatchingLab::tr("This model has no tokenizer, so it cannot read the texts.");
        return r;
    }
    r.clean = m.tokenizer()->encode(clean);
    r.corrupted = m.tokenizer()->encode(corrupted);
    if (r.clean.empty() || r.clean.size() > 64) {
        r.mismatch = PatchingLab::tr("The clean text needs between 1 and 64 tokens; it has %1.").arg(r.clean.size());
        return r;
    }
    if (r.clean.size() != r.corrupted.size()) {
        const int at = al::first_difference(r.clean, r.corrupted);
        const QStringList a = course::tokenLabels(m, r.clean), b = course::tokenLabels(m, r.corrupted);
        r.mismatch = PatchingLab::tr("The clean text has %1 tokens and the corrupted one %2; they first differ at token %3 (“%4” against “%5”). Patching copies position by position, so both need the same number of tokens: use a word that is one token as well, or change the same word in both.")
                         .arg(r.clean.size()).arg(r.corrupted.size()).arg(at)
                         .arg(at < a.size() ? a[at] : PatchingLab::tr("the end"), at < b.size() ? b[at] : PatchingLab::tr("the end"));
    }
    return r;
}

} // namespace

PatchingLab::PatchingLab(QObject* parent) : CourseLab(parent) {
    clean_ = QString::fromUtf8(kPairs[0].clean);
    corrupted_ = QString::fromUtf8(kPairs[0].corrupted);
    result_ = {{QStringLiteral("layers"), 0}};
    positions_ = {{QStringLiteral("size"), 0}};
}

QVariantList PatchingLab::pairs() const {
    QVariantList out;
    for (const PresetPair& p : course::kPresetPairs)
        out << QVariantMap{{QStringLiteral("title"), tr(p.title)}, {QStringLiteral("clean"), QString::fromUtf8(p.clean)},
                           {QStringLiteral("corrupted"), QString::fromUtf8(p.corrupted)},
                           {QStringLiteral("answer"), QString::fromUtf8(p.answer)}, {QStringLiteral("wrong"), QString::fromUtf8(p.wrong)}};
    out << QVariantMap{{QStringLiteral("title"), tr("Your text (one token replaced)")}};
    return out;
}

bool PatchingLab::onOwnText() const { return pair_ == kPairCount; }

void PatchingLab::setPair(int pair) {
    pair = std::clamp(pair, 0, kPairCount);
    if (!assignIfChanged(pair_, pair)) return;
    clean_ = onOwnText() ? QString() : QString::fromUtf8(kPairs[pair_].clean);
    corrupted_ = onOwnText() ? QString() : QString::fromUtf8(kPairs[pair_].corrupted);
    emit pairChanged();
    emit textsChanged();
    recomputeNow();
}

void PatchingLab::setCleanText(const QString& text) {
    if (onOwnText() || !assignIfChanged(clean_, text)) return;
    corrupted_ = follow(kPairs[pair_], text);
    emit textsChanged();
    recomputeNow();
}

void PatchingLab::recompute(const Input& in) {
    // The grids of the previous pair or text must not stand under the new texts while they compute.
    mismatch_.clear();
    result_ = {{QStringLiteral("layers"), 0}};
    emit resultChanged();
    if (onOwnText()) {
        // The learner's text at once; its corrupted twin once the heads' job has chosen it.
        clean_ = QString::fromStdString(in.text);
        corrupted_.clear();
        emit textsChanged();
    }
    heads(in);
    positionGrid(in);
}

namespace {
// The patching of the lab's pair: a preset (its texts as given) or the learner's text (its pair's
// texts into `ownPair`, when given).
al::Patching patchingFor(const std::shared_ptr<const al::Model>& model, bool ownText, const std::string& text,
                         const std::string& clean, const std::string& corrupted, const PresetPair& pair, QString& mismatch,
                         const std::atomic<bool>* cancel, course::TextPair* ownPair = nullptr) {
    if (ownText) {
        const std::vector<int> ids = course::tokenize(*model, text, course::kPatchTokens);
        if (ids.size() < 3) {
            mismatch = PatchingLab::tr("Your text needs at least 3 tokens for a pair.");
            return {};
        }
        course::TextPatching tp = course::patchText(model, ids, cancel);
        if (ownPair) *ownPair = tp.pair;
        if (tp.gap() < course::kMinPatchGap) {
            const QStringList answer = course::tokenLabels(*model, {tp.patching.answer}),
                              wrong = course::tokenLabels(*model, {tp.patching.wrong});
            mismatch = PatchingLab::tr("On your text, replacing one token hardly changes the answer: the logit difference between “%1” and “%2” only goes from %3 to %4, so the heads' shares would be mostly noise. Try another text, one whose answer depends on an earlier word.")
                           .arg(answer.value(0), wrong.value(0), figure_words::number(tp.patching.ld_clean),
                                figure_words::number(tp.patching.ld_corrupted));
            return {};
        }
        return std::move(tp.patching);
    }
    Prepared pr = prepare(*model, clean, corrupted);
    if (!pr.mismatch.isEmpty()) {
        mismatch = pr.mismatch;
        return {};
    }
    return course::patchPair(model, std::move(pr.clean), std::move(pr.corrupted), pair.answer, pair.wrong, cancel);
}
} // namespace

void PatchingLab::heads(const Input& in) {
    runJob<Computed>(
        Priority::Figure,
        [model = in.model, ownText = onOwnText(), text = in.text, clean = clean_.toStdString(), corrupted = corrupted_.toStdString(),
         pair = kPairs[std::min(pair_, kPairCount - 1)]](JobContext& ctx) {
            Computed c;
            course::TextPair own;
            const al::Patching p = patchingFor(model, ownText, text, clean, corrupted, pair, c.mismatch, ctx.cancelFlag(), &own);
            if (ownText && own.changed >= 0 && model->tokenizer()) {
                c.clean = QString::fromStdString(model->tokenizer()->decode(own.clean));
                c.corrupted = QString::fromStdString(model->tokenizer()->decode(own.corrupted));
            }
            if (!c.mismatch.isEmpty()) return c;
            const QStringList answer = course::tokenLabels(*model, {p.answer}), wrong = course::tokenLabels(*model, {p.wrong});
            if (!(std::abs(p.ld_clean - p.ld_corrupted) > 1e-6f)) {
                c.mismatch = PatchingLab::tr("The logit difference between “%1” and “%2” is the same on both texts, so there is nothing to restore. Change a word that matters for the answer.")
                                 .arg(answer.value(0), wrong.value(0));
                return c;
            }
            const al::Config& cfg = model->config();
            const int L = cfg.n_layer, H = cfg.n_head;
            const std::vector<float> heads = al::patch_heads(p, [&](int done, int total) { ctx.setProgress(0.9 * done / total); });
            const std::vector<float> mlps = al::patch_mlps(p);
            int best = 0;
            for (int i = 1; i < L * H; ++i)
                if (al::patching_fraction(p, heads[i]) > al::patching_fraction(p, heads[best])) best = i;
            c.result = {{QStringLiteral("layers"), L}, {QStringLiteral("heads"), H},
                        {QStringLiteral("cells"), toList(heads, p)}, {QStringLiteral("mlps"), toList(mlps, p)},
                        {QStringLiteral("ldClean"), double(p.ld_clean)}, {QStringLiteral("ldCorrupted"), double(p.ld_corrupted)},
                        {QStringLiteral("answer"), answer.value(0)}, {QStringLiteral("wrong"), wrong.value(0)},
                        {QStringLiteral("best"), QStringLiteral("%1.%2").arg(best / H).arg(best % H)},
                        {QStringLiteral("bestValue"), double(al::patching_fraction(p, heads[best]))},
                        {QStringLiteral("tokens"), course::tokenLabels(*model, p.clean_ids)},
                        {QStringLiteral("corruptedTokens"), course::tokenLabels(*model, p.corrupted_ids)}};
            return c;
        },
        [this](Computed& c) {
            if (onOwnText() && !c.clean.isEmpty()) {
                clean_ = c.clean;
                corrupted_ = c.corrupted;
                emit textsChanged();
            }
            mismatch_ = c.mismatch;
            result_ = c.mismatch.isEmpty() ? c.result : QVariantMap{{QStringLiteral("layers"), 0}};
            emit resultChanged();
        },
        0);
}

void PatchingLab::positionGrid(const Input& in) {
    positions_ = {{QStringLiteral("size"), 0}};
    emit positionsChanged();
    runJob<QVariantMap>(
        Priority::Search, // after the heads' grid, which the page shows first
        [model = in.model, ownText = onOwnText(), text = in.text, clean = clean_.toStdString(), corrupted = corrupted_.toStdString(),
         pair = kPairs[std::min(pair_, kPairCount - 1)]](JobContext& ctx) {
            QString mismatch;
            const al::Patching p = patchingFor(model, ownText, text, clean, corrupted, pair, mismatch, ctx.cancelFlag());
            if (!mismatch.isEmpty() || !(std::abs(p.ld_clean - p.ld_corrupted) > 1e-6f)) return QVariantMap{{QStringLiteral("size"), 0}};
            const std::vector<float> cells = al::patch_positions(p, [&](int done, int total) { ctx.setProgress(double(done) / total); });
            return QVariantMap{{QStringLiteral("layers"), model->config().n_layer},
                               {QStringLiteral("size"), int(p.clean_ids.size())},
                               {QStringLiteral("cells"), toList(cells, p)}};
        },
        keepIn(positions_, &PatchingLab::positionsChanged), 1);
}

QString PatchingLab::description() const {
    if (!mismatch_.isEmpty()) return mismatch_;
    if (result_.value(QStringLiteral("layers")).toInt() == 0) return tr("Patching: waiting for the model.");
    return tr("Patching each head's output from the clean text into the corrupted one, for the logit difference between “%1” and “%2” (%3 on the clean text, %4 on the corrupted one).")
        .arg(result_.value(QStringLiteral("answer")).toString(), result_.value(QStringLiteral("wrong")).toString(),
             figure_words::number(result_.value(QStringLiteral("ldClean")).toDouble()),
             figure_words::number(result_.value(QStringLiteral("ldCorrupted")).toDouble()));
}
