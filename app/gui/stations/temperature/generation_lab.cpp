#include "generation_lab.h"

#include <QLocale>
#include <cmath>
#include <limits>
#include <memory>

#include "attention_lens/generation.h"
#include "course_math.h"
#include "figure_words.h"
#include "seeded_writing.h"
#include "token_labels.h"

void GenerationLab::recompute(const Input& in) {
    const al::SamplingOptions o = options_;
    const int count = count_;
    // One job writes every token; each step is posted to the GUI thread as soon as it is computed,
    // so the figure grows a row at a time. A newer text or setting supersedes the job (its posts
    // are dropped once it is no longer current).
    struct Done {};
    runJob<Done>(
        Priority::Figure,
        [this, model = in.model, text = in.text, o, count](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::Generation gen(model);
            course::writeSeeded(
                gen, ids, o, count, ctx.cancelFlag(),
                [&](const al::ForwardResult& r) {
                    ctx.post([this, att = r.attention, labels = course::tokenLabels(*model, r.ids), L = r.n_layer, H = r.n_head] {
                        prompt_ = att;
                        layers_ = L;
                        heads_ = H;
                        tokens_ = labels;
                        promptLength_ = int(labels.size());
                        rows_.clear();
                        done_ = false;
                        step_ = 0;
                        emit stepsChanged();
                        emit shownChanged();
                    });
                },
                [&](const al::GenerationStep& s) {
                    Step out;
                    out.token = s.token;
                    out.label = course::tokenLabels(*model, {s.token}).value(0);
                    out.attention = s.attention;
                    ctx.post([this, out = std::move(out)]() mutable { addStep(std::move(out)); });
                });
            return Done{};
        },
        [this](Done&) {
            done_ = true;
            emit stepsChanged();
        });
    // An example worked out for another text may be the new text itself (a preset just chosen):
    // it goes before it could be read beside the question about that text.
    if (!example_.isEmpty() && exampleFor_ != QString::fromStdString(in.text)) {
        example_.clear();
        emit exampleChanged();
    }
    writeExample(in);
}

void GenerationLab::setExampleTexts(const QStringList& texts) {
    if (assignIfChanged(exampleTexts_, texts)) {
        emit exampleChanged();
        rerun(&GenerationLab::writeExample);
    }
}

// The example is written like the figure's text (same settings, same count), but never on the
// learner's own tokens: there it would state the answer of the question about the writing.
void GenerationLab::writeExample(const Input& in) {
    // Submitted even with nothing to work out, so that it supersedes an example still running.
    std::vector<std::string> texts;
    for (const QString& t : exampleTexts_) texts.push_back(t.toStdString());
    runJob<QVariantMap>(
        Priority::Figure,
        [model = in.model, text = in.text, texts, o = options_, count = count_](JobContext& ctx) {
            if (count == 0) return QVariantMap{};
            const std::vector<int> own = course::promptWithRoom(*model, course::tokenize(*model, text, course::kTokenCap), count);
            for (const std::string& candidate : texts) {
                const std::vector<int> ids = course::tokenize(*model, candidate, course::kTokenCap);
                if (ids.empty() || course::promptWithRoom(*model, ids, count) == own) continue;
                al::Generation gen(model);
                al::GenerationStep last;
                course::writeSeeded(gen, ids, o, count, ctx.cancelFlag(), {}, [&](const al::GenerationStep& s) { last = s; });
                const course::WrittenShare w = course::writtenShareOf(last, int(course::promptWithRoom(*model, ids, count).size()));
                return QVariantMap{{QStringLiteral("text"), QString::fromStdString(candidate)},
                                   {QStringLiteral("typed"), w.typed},
                                   {QStringLiteral("written"), w.written},
                                   {QStringLiteral("seen"), w.seen},
                                   {QStringLiteral("share"), w.share},
                                   {QStringLiteral("even"), w.even()},
                                   {QStringLiteral("ratio"), w.ratio()}};
            }
            return QVariantMap{};
        },
        [this, own = QString::fromStdString(in.text)](QVariantMap& m) {
            example_ = std::move(m);
            exampleFor_ = own;
            emit exampleChanged();
        },
        /*channel=*/1);
}

void GenerationLab::addStep(Step s) {
    const bool following = step_ == int(rows_.size());
    tokens_ << s.label;
    rows_.push_back(std::move(s));
    emit stepsChanged();
    if (following) {
        step_ = int(rows_.size());
        emit shownChanged();
    }
}

void GenerationLab::setStep(int s) {
    if (assignIfChanged(step_, std::clamp(s, 0, int(rows_.size()))))
        emit shownChanged();
}

float GenerationLab::weight(int l, int h, int i, int j) const {
    if (j > i) return 0;
    if (i < promptLength_) return prompt_.at(l, h, i, j);
    const Step& s = rows_[size_t(i - promptLength_)];
    return s.attention[(size_t(l) * heads_ + h) * size_t(i + 1) + size_t(j)];
}

QList<qreal> GenerationLab::matrix() const {
    const int T = shownTokens();
    if (T == 0) return {};
    const int l = layerWithin(layers_), h = headWithin(heads_);
    const qreal nan = std::numeric_limits<qreal>::quiet_NaN();
    QList<qreal> out;
    out.reserve(T * T);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) out << (j > i ? nan : qreal(weight(l, h, i, j)));
    return out;
}

QList<qreal> GenerationLab::row() const {
    const int T = shownTokens();
    if (T == 0) return {};
    const int l = layerWithin(layers_), h = headWithin(heads_);
    QList<qreal> out;
    for (int j = 0; j < T; ++j) out << qreal(weight(l, h, T - 1, j));
    return out;
}

QVariantList GenerationLab::overview() const {
    const int T = shownTokens();
    QVariantList out;
    if (T == 0) return out;
    for (int l = 0; l < layers_; ++l) {
        QList<qreal> tile;
        tile.reserve(heads_ * T);
        for (int h = 0; h < heads_; ++h)
            for (int j = 0; j < T; ++j) tile << qreal(weight(l, h, T - 1, j));
        out << QVariant::fromValue(tile);
    }
    return out;
}

double GenerationLab::writtenShare() const {
    const int T = shownTokens();
    if (T == 0 || step_ == 0) return 0;
    double sum = 0;
    for (int l = 0; l < layers_; ++l)
        for (int h = 0; h < heads_; ++h)
            for (int j = promptLength_; j < T; ++j) sum += weight(l, h, T - 1, j);
    return sum / (layers_ * heads_);
}

QString GenerationLab::description() const {
    const int T = shownTokens();
    if (T == 0) return tr("Nothing written yet.");
    const int l = layerWithin(layers_), h = headWithin(heads_);
    const QList<qreal> r = row();
    const int peak = int(std::max_element(r.begin(), r.end()) - r.begin());
    const QString where = peak >= promptLength_ ? tr("a written token") : tr("a typed token");
    if (step_ == 0)
        return tr("Your text's %1 tokens, before anything is written. Head %2.%3's last row looks most at “%4”.")
            .arg(QString::number(promptLength_), QString::number(l), QString::number(h), tokens_.value(peak));
    return tr("Step %1 of %2: the model wrote “%3”. In head %4.%5 it looks most at “%6”, %7 (weight %8). Over all heads, "
              "%9 of its attention goes to the written tokens.")
        .arg(QString::number(step_), QString::number(steps()), tokens_.value(T - 1), QString::number(l), QString::number(h),
             tokens_.value(peak), where, figure_words::number(r[peak]), figure_words::number(writtenShare()));
}
