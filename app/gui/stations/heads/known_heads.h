// GPT-2 small's known heads (lessons/03-heads/known-heads.json): heads that published studies
// describe, each with its role, and a check of that role on the learner's text when the loaded
// model really is GPT-2 small (its model.safetensors matches the hash pinned in the download
// manifest: gpt2_small_weights.h). On any other model the panel lists the heads as GPT-2 small's
// and checks nothing.
//
// The checks (see checkKnownHeads): previous-token, duplicate-token and induction heads by their
// census scores; name movers by the weight from the last position onto earlier copies of the predicted token;
// negative (copy-suppression) heads by that weight and their direct effect on the predicted
// token's logit (direct logit attribution, al::direct_logit). S-inhibition heads and backup name
// movers are listed without a live check: their roles show only under interventions.
#pragma once
#include <QJsonObject>
#include <QVariantList>
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "course_lab.h"

namespace course {

struct KnownHeadCheck {
    QString head;          // "L.H"
    QString role;          // key of the role in the data
    bool applicable = false; // the model has this head and the check has something to measure
    double score = 0;      // the role's score (see the data's "check" text)
    double effect = 0;     // copy-suppression: the head's direct effect on the predicted token's logit
    bool holds = false;    // the score passes the role's threshold on this text
    QString measured;      // one line for people: what was measured, with the numbers
};

// Runs the checks on `ids`. `data` is the known-heads.json object. Throws al::Error / al::Cancelled.
std::vector<KnownHeadCheck> checkKnownHeads(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                            const QJsonObject& data, const std::atomic<bool>* cancel = nullptr);

// qrc:/lessons/03-heads/known-heads.json with its translation into `language` (default: the
// interface's) laid over it.
QJsonObject knownHeadsData(const QString& language = {});

} // namespace course

class KnownHeadsLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // "checking", "gpt2" (verified GPT-2 small) or "other".
    Q_PROPERTY(QString identity READ identity NOTIFY resultChanged)
    // Treat the loaded model as GPT-2 small without the hash (tests and benchmarks on random
    // weights of its shape).
    Q_PROPERTY(bool assumeGpt2Small READ assumeGpt2Small WRITE setAssumeGpt2Small NOTIFY assumeChanged)
    // [{head, role, roleTitle, what, check, sources: [short], sourcesFull: [full], applicable, score,
    //   effect, holds, measured}]; the check fields only when identity is "gpt2".
    Q_PROPERTY(QVariantList heads READ heads NOTIFY resultChanged)
    Q_PROPERTY(QVariantList presets READ presets NOTIFY presetsChanged) // [{title, text, why}]
    Q_PROPERTY(QString about READ about NOTIFY presetsChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    explicit KnownHeadsLab(QObject* parent = nullptr);
    QString description() const;
    QString identity() const { return identity_; }
    bool assumeGpt2Small() const { return assume_; }
    void setAssumeGpt2Small(bool on) { if (assignIfChanged(assume_, on)) { emit assumeChanged(); scheduleRecompute(); } }
    QVariantList heads() const { return heads_; }
    QVariantList presets() const;
    QString about() const;

signals:
    void resultChanged();
    void assumeChanged();
    void presetsChanged(); // the texts, in a new language

protected:
    void recompute(const Input& in) override;

private:
    QJsonObject data_;
    QString identity_ = QStringLiteral("checking");
    bool assume_ = false;
    QVariantList heads_;
};
