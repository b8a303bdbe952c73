// What Station 7's charts and cards read from a run's records: the phase change, the answers, the
// loss curves, the score histories, the pattern snapshots, and the sentences that describe them.
#include "training_lab_controller.h"

#include "figure_words.h"

using al::train::LabRecord;

namespace {
// A head counts as an induction head from this score on the probe: the lab's benchmark bar (its
// one-layer control stays under it; the default run's induction head reaches about 0.8).
constexpr float kInductionBar = 0.3f;
} // namespace

QVariantMap TrainingLabController::phaseChangeOf(const std::vector<LabRecord>& records) const {
    const al::train::PhaseChange p =
        al::train::find_phase_change(records, al::train::phase_window_steps(settings_.steps, settings_.log_every));
    return QVariantMap{{QStringLiteral("step"), p.step},
                       {QStringLiteral("from"), p.from_step},
                       {QStringLiteral("to"), p.to_step},
                       {QStringLiteral("rise"), double(p.rise)},
                       {QStringLiteral("opening"), double(p.opening)},
                       {QStringLiteral("window"), p.window_steps}};
}

namespace {
// The best induction score in any record: a head that formed and faded counts.
double bestInductionEver(const std::vector<LabRecord>& records) {
    double most = 0.0;
    for (const auto& r : records)
        for (const auto& h : r.heads)
            most = std::max(most, double(h.induction));
    return most;
}
} // namespace

QVariantMap TrainingLabController::answers() const {
    if (!mainDone_ || records_.empty())
        return {};
    QVariantMap a;
    const al::train::LabHeadScores* best = nullptr;
    for (const auto& h : records_.back().heads)
        if (!best || h.induction > best->induction)
            best = &h;
    a[QStringLiteral("inductionLayer")] = best ? best->layer : -1;
    a[QStringLiteral("inductionHead")] = best ? best->head : -1;
    a[QStringLiteral("inductionScore")] = best ? double(best->induction) : 0.0;
    // Whether there is an induction head to place at all (the benchmark's bar, as for the control).
    a[QStringLiteral("inductionFormed")] = best && best->induction >= kInductionBar;
    const QVariantMap phase = phaseChange();
    a[QStringLiteral("phaseChange")] = phase;
    a[QStringLiteral("lossShape")] = phase.value(QStringLiteral("step")).toBool() ? QStringLiteral("step") : QStringLiteral("smooth");
    if (!controlRecords_.empty()) {
        const double most = bestInductionEver(controlRecords_);
        a[QStringLiteral("controlBestInduction")] = most;
        a[QStringLiteral("controlForms")] = most >= kInductionBar ? QStringLiteral("yes") : QStringLiteral("no");
    } else {
        a[QStringLiteral("controlForms")] = QString();
    }
    // The contrasting run answers once it has trained to its end.
    if (!contrastRecords_.empty() && contrastRecords_.back().step >= settings_.steps) {
        const double most = bestInductionEver(contrastRecords_);
        a[QStringLiteral("contrastBestInduction")] = most;
        a[QStringLiteral("contrastForms")] = most >= kInductionBar ? QStringLiteral("yes") : QStringLiteral("no");
    } else {
        a[QStringLiteral("contrastForms")] = QString();
    }
    return a;
}

QVariantList TrainingLabController::curveOf(const std::vector<LabRecord>& records) {
    QVariantList out;
    out.reserve(qsizetype(records.size()));
    for (const auto& r : records)
        out.append(QVariantMap{{QStringLiteral("step"), r.step},
                               {QStringLiteral("loss"), double(r.loss)},
                               {QStringLiteral("inContextLoss"), double(r.in_context_loss)},
                               {QStringLiteral("otherLoss"), double(r.other_loss)}});
    return out;
}

QVariantList TrainingLabController::historyOf(const std::vector<LabRecord>& records) {
    QVariantList out;
    if (records.empty())
        return out;
    const size_t heads = records.front().heads.size();
    for (size_t h = 0; h < heads; ++h) {
        QVariantList steps, prev, ind;
        for (const auto& r : records) {
            if (h >= r.heads.size())
                continue;
            steps.append(r.step);
            prev.append(double(r.heads[h].previous_token));
            ind.append(double(r.heads[h].induction));
        }
        out.append(QVariantMap{{QStringLiteral("layer"), records.front().heads[h].layer},
                               {QStringLiteral("head"), records.front().heads[h].head},
                               {QStringLiteral("steps"), steps},
                               {QStringLiteral("previousToken"), prev},
                               {QStringLiteral("induction"), ind}});
    }
    return out;
}

QVariantMap TrainingLabController::snapshotOf(const std::vector<LabRecord>& records, int index, int size) {
    if (index < 0 || index >= int(records.size()) || size <= 0)
        return {};
    const LabRecord& r = records[size_t(index)];
    const size_t cells = size_t(size) * size_t(size);
    QVariantList heads;
    for (size_t h = 0; h < r.heads.size(); ++h) {
        QVariantList attention;
        if (r.attention.size() >= (h + 1) * cells) {
            attention.reserve(qsizetype(cells));
            for (size_t i = 0; i < cells; ++i)
                attention.append(double(r.attention[h * cells + i]));
        }
        heads.append(QVariantMap{{QStringLiteral("layer"), r.heads[h].layer},
                                 {QStringLiteral("head"), r.heads[h].head},
                                 {QStringLiteral("previousToken"), double(r.heads[h].previous_token)},
                                 {QStringLiteral("induction"), double(r.heads[h].induction)},
                                 {QStringLiteral("attention"), attention}});
    }
    return QVariantMap{{QStringLiteral("step"), r.step},
                       {QStringLiteral("loss"), double(r.loss)},
                       {QStringLiteral("inContextLoss"), double(r.in_context_loss)},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("heads"), heads}};
}

QVariantMap TrainingLabController::snapshot(int index) const {
    return snapshotOf(records_, index, probeLength_);
}

QVariantMap TrainingLabController::controlSnapshot(int index) const {
    return snapshotOf(controlRecords_, index, probeLength_);
}

using al::train::LabHeadScores;

namespace {

// The heads with the highest previous-token and induction scores in one record, in words.
QString strongestHeads(const LabRecord& r) {
    const LabHeadScores* prev = nullptr;
    const LabHeadScores* ind = nullptr;
    for (const LabHeadScores& h : r.heads) {
        if (!prev || h.previous_token > prev->previous_token) prev = &h;
        if (!ind || h.induction > ind->induction) ind = &h;
    }
    if (!prev || !ind)
        return {};
    return TrainingLabController::tr("the strongest previous-token head is %1.%2 (%3), the strongest induction head %4.%5 (%6)")
        .arg(prev->layer).arg(prev->head).arg(figure_words::number(prev->previous_token))
        .arg(ind->layer).arg(ind->head).arg(figure_words::number(ind->induction));
}

} // namespace

QString TrainingLabController::progressDescription() const {
    if (state_ == State::Idle && stepsDone_ == 0)
        return tr("Not trained yet: %1 steps to go.").arg(settings_.steps);
    if (mainDone_ && withContrast_ && state_ != State::Finished)
        return tr("The main run is done. The short-span run: step %1 of %2, %3 steps per second.")
            .arg(contrastStepsDone_).arg(settings_.steps).arg(figure_words::number(stepsPerSecond_, 1));
    return tr("Step %1 of %2 done, %3 steps per second.").arg(stepsDone_).arg(settings_.steps).arg(figure_words::number(stepsPerSecond_, 1));
}

// The phase-change rule's verdict on some records, in words.
static QString phaseWords(const QVariantMap& p) {
    if (p.value(QStringLiteral("from")).toInt() < 0)
        return {};
    const QString rise = figure_words::number(p.value(QStringLiteral("rise")).toDouble());
    const QString opening = figure_words::number(p.value(QStringLiteral("opening")).toDouble());
    if (p.value(QStringLiteral("step")).toBool())
        return TrainingLabController::tr("Phase change between steps %1 and %2: there the gap between the losses grew by %3 nats, of %4 over the run so far.")
            .arg(p.value(QStringLiteral("from")).toInt()).arg(p.value(QStringLiteral("to")).toInt()).arg(rise, opening);
    return TrainingLabController::tr("No phase change so far: within any %1 steps the gap between the losses grew by at most %2 nats, of %3 over the run so far.")
        .arg(p.value(QStringLiteral("window")).toInt()).arg(rise, opening);
}

QString TrainingLabController::lossDescription() const {
    if (records_.empty())
        return tr("Not trained yet.");
    const LabRecord& r = records_.back();
    QString s = tr("At step %1 the in-context loss is %2 and the other loss %3.")
                    .arg(r.step).arg(figure_words::number(r.in_context_loss)).arg(figure_words::number(r.other_loss));
    const QString phase = phaseWords(phaseChange());
    if (!phase.isEmpty())
        s += QLatin1Char(' ') + phase;
    return s;
}

QString TrainingLabController::contrastDescription() const {
    if (contrastRecords_.empty())
        return withContrast_ ? tr("Not trained yet: it trains after the main run.") : tr("Not trained in this run.");
    const LabRecord& r = contrastRecords_.back();
    const LabHeadScores* ind = nullptr;
    for (const LabHeadScores& h : r.heads)
        if (!ind || h.induction > ind->induction) ind = &h;
    QString s = tr("At step %1 the in-context loss is %2 and the other loss %3; the strongest induction head is %4.%5 (%6).")
                    .arg(r.step).arg(figure_words::number(r.in_context_loss)).arg(figure_words::number(r.other_loss))
                    .arg(ind->layer).arg(ind->head).arg(figure_words::number(ind->induction));
    const QString phase = phaseWords(contrastPhaseChange());
    if (!phase.isEmpty())
        s += QLatin1Char(' ') + phase;
    return s;
}

QString TrainingLabController::headsDescription() const {
    if (records_.empty())
        return tr("Not trained yet.");
    return tr("At step %1, %2.").arg(records_.back().step).arg(strongestHeads(records_.back()));
}

QString TrainingLabController::snapshotDescription(int index) const {
    if (index < 0 || index >= int(records_.size()))
        return tr("Not trained yet.");
    return tr("Snapshot at step %1: %2.").arg(records_[size_t(index)].step).arg(strongestHeads(records_[size_t(index)]));
}
