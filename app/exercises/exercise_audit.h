// The exercise audit: every exercise of every station run over a corpus of texts, to measure
// whether its question is worth predicting. Per exercise: how often each answer occurs, how often
// guesses that need no knowledge would be graded right (against the chance of a uniform guess), the
// near-ties its grader refuses, and leaks (its answer visible on the page before the commit).
// `attention-lens-cli exercises audit` prints it; its ctest holds the exercises to the thresholds
// of check(). lessons/README.md explains the measures and keeps the table.
#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <vector>

#include "attention_lens/forward.h"
#include "exercise_engine.h"

namespace course::audit {

// One station as the audit reads it from the source tree.
struct Station {
    QString id;            // station.json's id
    int order = 0;
    QJsonArray exercises;  // exercises.json, in card order
    QStringList presets;   // station.json's preset texts
    QStringList pageTexts; // what its page shows before any commit: prose.md and its QML's qsTr captions
};

// Reads every station of `lessonsDir` (folders NN-id, not those starting with "_"), its prose and
// the qsTr captions of qml/stations/<id>/ under `qmlDir`, ordered by station.json's order.
// Throws al::Error for a folder or file it cannot read.
std::vector<Station> readStations(const QString& lessonsDir, const QString& qmlDir);
// The texts of a corpus file: one per line, UTF-8, blank lines skipped.
QStringList readTexts(const QString& path);

// One exercise computed on one text, with what the page showed before its commit.
struct Sample {
    ExerciseAnswer answer;
    int tokens = 0;             // the text's length in tokens
    QString previousAnswer;     // the card before it on the same text ("" for the first card)
    QString previousKind;
    QStringList visible;        // everything readable before the commit (see visibleBefore)
};

struct ExerciseReport {
    QString station, id;
    bool trainingRun = false;   // answered by Station 7's training run, not the loaded model
    bool surprise = false;      // "surprise": true in exercises.json
    QString explain;
    QString usual;              // the most common answer as the card shows it (an option's label)
    std::map<QString, int> answers;          // answer (as audit reads it) -> texts
    double chance = 0;
    std::map<QString, double> strategies;    // no-knowledge strategy -> hit rate
    QStringList leaks;
    int refusedNearTies = 0;
    int computed = 0;           // texts the exercise ran on
    int example = 0;            // of them, texts it replaced by the example sentence or refused (NotAskable)
    QStringList errors;         // texts it could not run on (first few)
    QStringList values;         // per text (in corpus order, example texts left out): the measured value or answer
    double mostCommonShare() const;
    QString mostCommon() const;
};

struct Report {
    QString model;
    int texts = 0;
    std::vector<ExerciseReport> exercises;
};

// How the audit names an answer across texts: a token by where it sits relative to the row asked
// about ("first token", "previous token", "the token itself", "3 tokens back"), anything else by
// its canonical answer (a head "1.2", a number, an option value).
QString answerKey(const ExerciseAnswer& a, int tokens);
// The row a token question asks about: answer.row, or the last token.
int askedRow(const ExerciseAnswer& a, int tokens);

// The no-knowledge guesses for one sample: strategy name -> the prediction it makes ("" when the
// strategy does not apply to the exercise's kind). `median` is the corpus median for numbers.
std::map<QString, QString> strategyGuesses(const QJsonObject& def, const Sample& s, const QString& median);
// How likely a uniform random guess among the offered choices is graded right on this sample.
double sampleChance(const QJsonObject& def, const Sample& s);
// The choices within 2x of the best of a "most"/"least" question that the grader refuses.
QStringList refusedNearTies(const ExerciseAnswer& a);
// Where the answer can be read in `visible` texts: one line per finding, with the text around it.
// Each visible text starts with its source in brackets: "[prose] ", "[Page.qml] ", "[card-id prompt] ",
// "[card-id intro] ", "[card-id explain] " (the lesson's own words: the same whatever the text), and
// "[card-id question] " (a prompt computed for the text), "[card-id answer] ", "[card-id detail] ",
// "[card-id note] " (computed). `constant`: the answer is
// the same on at least half of the texts, so a number in the static texts can state it (otherwise a
// match there is a coincidence of numbers, not a leak).
QStringList findLeaks(const QJsonObject& def, const ExerciseAnswer& a, const QStringList& visible, bool constant);

// The report of one exercise from its samples on every text.
ExerciseReport summarize(const QString& station, const QJsonObject& def, const std::vector<Sample>& samples);

// Runs every exercise of `stations` on every text (the token cap of the app, kTokenCap). progress
// is told each station and text as it goes. Throws al::Error when a text cannot be tokenized.
Report run(const std::vector<Station>& stations, al::Runner& runner, const QStringList& texts,
           const std::function<void(const QString&)>& progress = {});

// The thresholds the exercises are held to; one line per miss, empty when all pass:
// the most common answer at most 60% of the texts; no strategy more than 20 points above chance; no
// leaks; no refused near-ties; at most one "surprise" card per station, whose explain names its
// usual answer (a surprise card is exempt from the first two); every text computed.
QStringList check(const Report& report);

inline constexpr double kMaxMostCommon = 0.6;
inline constexpr double kMaxAboveChance = 0.2;

QJsonObject toJson(const Report& report);
QString toTable(const Report& report); // a Markdown table, one row per exercise

} // namespace course::audit
