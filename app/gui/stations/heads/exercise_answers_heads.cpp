// The answers of Station 3 (many heads)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QJsonArray>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "head_roles.h"

namespace course::answers {
namespace {

// How much of its weight, averaged over the rows, the layer's most first-token-heavy head puts on
// the first token, within 0.1: the census's "first-token" score, whatever label the census gives
// the head (it tries induction, previous-token, duplicate and self before sink, so a head can rest
// on the first token and still be labelled induction). The course's sink head (at least half
// there, its own threshold) is what the reveal counts.
ExerciseAnswer countSinks(const Ctx& c) {
    const int l = paramLayer(c);
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    double best = -1;
    int bestHead = 0, sinks = 0;
    QStringList shares;
    for (const al::HeadScores& s : census)
        if (s.head.layer == l) {
            if (s.first_token > best) { best = s.first_token; bestHead = s.head.head; }
            sinks += s.first_token >= 0.5;
            shares << QStringLiteral("%1: %2").arg(headName(l, s.head.head), num(s.first_token, 2));
        }
    ExerciseAnswer a;
    setNumber(a, best, 0.1, 4);
    a.focusHead = headName(l, bestHead);
    a.detail = QObject::tr("On your text, the share of weight that each head of layer %1 puts on the first token, "
                           "averaged over the rows: %2. Head %3 puts the most there; %4 of the layer's %5 heads put at "
                           "least half there, which is what this course calls a sink head (its own threshold).")
                   .arg(l).arg(shares.join(QStringLiteral(", ")), a.focusHead).arg(sinks).arg(c.H);
    if (sinks == 0)
        a.note = QObject::tr("Trained models such as GPT-2 small usually have many heads that rest on the first token; "
                             "this model has none in layer %1 on your text.").arg(l);
    return a;
}

// Knock out the strongest previous-token head (zero its output): what happens to the probability of
// the token the intact model predicts? Ranges of the ratio knocked-out / intact. The clue is in the
// prompt: which head it is (an early previous-token head feeds later heads that build on it) and
// how sure the model is, with the runner-up.
ExerciseAnswer knockoutTopProbability(const Ctx& c) {
    const al::ForwardResult clean = run(c);
    const al::census::RankedHead head = al::census::previous_token_head(clean, c.T, false);
    al::ForwardOptions o;
    o.zero_ablate = {head.head};
    const al::ForwardResult knocked = run(c, o);
    const std::vector<double> p = nextProbs(clean), q = nextProbs(knocked);
    const int top = argmax(clean.logits_last), after = argmax(knocked.logits_last);
    const double ratio = q[size_t(top)] / std::max(p[size_t(top)], 1e-12);
    ExerciseAnswer a;
    setBucket(c, a, ratio, paramEdges(c, {0.5, 0.9, 1.0}), 0.01);
    const QString name = headName(head.head.layer, head.head.head);
    a.focusHead = name;
    // The runner-up too: whether the top token keeps first place depends on its lead, which the
    // explain speaks of; how far its probability moves is what the question asks.
    std::vector<double> rest = p;
    rest[size_t(top)] = -1;
    const int second = int(std::max_element(rest.begin(), rest.end()) - rest.begin());
    // The lead as a ratio (never below 1), so that it cannot read as another card's share.
    a.promptText = QObject::tr("Head %1, in layer %2, puts the most weight on the previous token (%3 on average). For "
                               "your text the model's most likely next token is %4 at %5, %6 times as likely as the "
                               "runner-up %7. Knock out head %1: what happens to %4's probability?")
                       .arg(name).arg(head.head.layer).arg(num(head.score, 2))
                       .arg(quoted(c.model, top), num(p[size_t(top)], 2),
                            num(p[size_t(top)] / std::max(p[size_t(second)], 1e-12), 2), quoted(c.model, second));
    a.detail = QObject::tr("With head %1 knocked out, %2 has probability %3 (%4 times its probability before); the most "
                           "likely next token is now %5 at %6. KL between the two predictions: %7 nats.")
                   .arg(name, quoted(c.model, top), num(q[size_t(top)], 2), num(ratio, 2), quoted(c.model, after),
                        num(q[size_t(after)], 2), num(kl(p, q), 2));
    return a;
}

ExerciseAnswer positionalEarlyLate(const Ctx& c) {
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    auto positional = [](const std::string& s) { return s == "previous-token" || s == "self"; };
    int first = 0, last = 0;
    for (const al::HeadScores& s : census) {
        if (s.head.layer == 0) first += positional(s.label);
        if (s.head.layer == c.L - 1) last += positional(s.label);
    }
    ExerciseAnswer a;
    setOption(c, a, first > last ? QStringLiteral("early") : first < last ? QStringLiteral("late") : QStringLiteral("same"));
    a.detail = QObject::tr("Heads labelled %1 or %2: %3 of %4 in layer 0, %5 of %4 in layer %6.")
                   .arg(head_roles::label(QStringLiteral("previous-token")), head_roles::label(QStringLiteral("self")))
                   .arg(first).arg(c.H).arg(last).arg(c.L - 1);
    if (a.answer != QLatin1String("early"))
        a.note = QObject::tr("In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in "
                             "early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson "
                             "et al. 2022). This model does not show more such heads in its first layer than in its "
                             "last on your text.");
    return a;
}

bool isPronoun(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    static const char* list[] = {"she", "he", "it", "they", "her", "him", "them", "his", "its", "their"};
    return std::any_of(std::begin(list), std::end(list), [&](const char* p) { return s == p; });
}

// Short enough that its pronoun lies within the token cap even where every byte is a token.
constexpr const char* kPronounExample = "Mary gave John a drink because she was thirsty.";

bool isLetter(char ch) { return std::isalpha(static_cast<unsigned char>(ch)) != 0; }

// The last pronoun of the text: its first and last token (one token in GPT-2's vocabulary, several
// in a vocabulary of bytes), with at least two tokens before it besides the first. Words are read
// from the decoded text, so any tokenizer works. False when there is none.
bool findPronoun(const al::Tokenizer* tok, const std::vector<int>& ids, int& first, int& last) {
    if (!tok) return false;
    std::string text;
    std::vector<size_t> ends; // where each token's bytes end in `text`
    for (int id : ids) { text += tok->token_bytes(id); ends.push_back(text.size()); }
    for (int i = int(ids.size()) - 1; i >= 0; --i) {
        const size_t end = ends[size_t(i)];
        if (end < text.size() && isLetter(text[end])) continue; // the word goes on after this token
        size_t start = end;
        while (start > 0 && isLetter(text[start - 1])) --start;
        if (start == end || !isPronoun(text.substr(start, end - start))) continue;
        int f = i;
        while (f > 0 && ends[size_t(f - 1)] > start) --f;
        if (f < 3) return false;
        first = f;
        last = i;
        return true;
    }
    return false;
}

ExerciseAnswer pronounTarget(const Ctx& c0) {
    std::vector<int> ids = c0.ids;
    int p0 = -1, q = -1;
    const al::Tokenizer* tok = c0.model.tokenizer();
    auto find = [&] {
        if (!findPronoun(tok, ids, p0, q)) q = -1;
    };
    find();
    QString note;
    if (q < 0) {
        ids = tokenize(c0.model, kPronounExample, kTokenCap);
        find();
        note = QObject::tr("Your text has no pronoun with at least two words before it, so this exercise uses the "
                           "example sentence “%1”.").arg(QString::fromUtf8(kPronounExample));
    }
    if (q < 0)
        throw al::Error("no pronoun to ask about");
    Ctx c{c0.def, c0.params, c0.runner, ids, c0.model, c0.L, c0.H, int(ids.size()), c0.cancel};
    const int l = paramLayer(c);
    const al::ForwardResult r = run(c);
    // Candidates: the words before the pronoun, leaving out the first token (where most heads rest)
    // and the token just before the pronoun (where previous-token heads look whatever it means).
    std::vector<double> mean(size_t(q) + 1, 0.0);
    for (int h = 0; h < c.H; ++h)
        for (int j = 0; j <= q; ++j)
            mean[size_t(j)] += r.attention.at(l, h, q, j) / c.H;
    ExerciseAnswer a;
    setTokenArgmax(c, a, mean, 1, p0 - 2, q);
    const int arg = a.answer.toInt();
    // Every copy of an accepted token counts: the learner names a word, not one of its positions.
    for (int j = 1; j <= p0 - 2; ++j)
        for (const QString& acc : QStringList(a.accept))
            if (ids[size_t(j)] == ids[size_t(acc.toInt())] && !a.accept.contains(QString::number(j))) a.accept << QString::number(j);
    a.choices = tokenChoices(c.model, ids);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, ids[size_t(arg)])).arg(arg);
    a.promptText = QObject::tr("In layer %1, averaged over its heads, which earlier word does the pronoun %2 "
                               "(token %3) attend to most, leaving out the first token and the word just before it? "
                               "Click it; any word within 2× of the top weight counts.")
                       .arg(l).arg(quoted(c.model, ids[size_t(q)])).arg(q);
    if (!note.isEmpty())
        a.promptText = note + QLatin1Char(' ') + a.promptText;
    a.detail = QObject::tr("Averaged over layer %1's %2 heads, the pronoun %3 (token %4) puts %5 of its weight on %6. "
                           "It also puts %7 on itself and %8 on the word just before it, %9, which the question leaves "
                           "out. Where a weight goes is not what the pronoun means: in BERT, Clark et al. (2019) found "
                           "single heads whose attention links a pronoun to what it refers to fairly often, and an "
                           "average over heads blurs such heads.")
                   .arg(l).arg(c.H).arg(quoted(c.model, ids[size_t(q)])).arg(q).arg(num(mean[size_t(arg)], 2))
                   .arg(quoted(c.model, ids[size_t(arg)])).arg(num(mean[size_t(q)], 2)).arg(num(mean[size_t(p0 - 1)], 2))
                   .arg(quoted(c.model, ids[size_t(p0 - 1)]));
    // A flat row: when several words lie within 2x of the top, the near-tie rule accepts them all and
    // the reveal says that no word stands out, rather than naming a winner.
    QStringList close;
    for (const QString& acc : std::as_const(a.accept)) {
        const QString w = quoted(c.model, ids[size_t(acc.toInt())]);
        if (!close.contains(w)) close << w;
    }
    if (close.size() >= 3)
        a.detail += QLatin1Char(' ') + QObject::tr("Here no earlier word stands out: %1 words lie within 2× of the top "
                                                   "weight (%2), so any of them counts, and the row says little about "
                                                   "what the pronoun is linked with.")
                                           .arg(close.size()).arg(close.join(QStringLiteral(", ")));
    a.example = !note.isEmpty();
    a.note = note;
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_heads() {
    registerExerciseFunction(QStringLiteral("count_sinks"), answers::countSinks);
    registerExerciseFunction(QStringLiteral("knockout_top_probability"), answers::knockoutTopProbability);
    registerExerciseFunction(QStringLiteral("positional_early_late"), answers::positionalEarlyLate);
    registerExerciseFunction(QStringLiteral("pronoun_target"), answers::pronounTarget);
}

} // namespace course
