// The answers of Station 3 (many heads)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/score_parts.h"
#include "course_math.h"
#include "head_roles.h"
#include "patching_pair.h"

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

// For a text too short to ask about: its pronoun's antecedent is neither the first word nor the
// word just before the pronoun, which the question leaves out.
constexpr const char* kPronounExample = "After lunch, Mary gave John a drink because she was thirsty.";

bool isLetter(char ch) { return std::isalpha(static_cast<unsigned char>(ch)) != 0; }

// The last pronoun of the text: its first and last token (one token in GPT-2's vocabulary, several
// in a vocabulary of bytes), with at least two tokens before it besides the first. Words are read
// from the decoded text, so any tokenizer works. False when there is none.
bool findPronoun(const al::Tokenizer* tok, const std::vector<int>& ids, int below, int& first, int& last) {
    if (!tok) return false;
    std::string text;
    std::vector<size_t> ends; // where each token's bytes end in `text`
    for (int id : ids) { text += tok->token_bytes(id); ends.push_back(text.size()); }
    for (int i = std::min(below, int(ids.size())) - 1; i >= 0; --i) {
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

// A byte that belongs inside a word: a letter, a digit, or part of a character beyond ASCII.
bool wordByte(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0 || static_cast<unsigned char>(ch) >= 0x80; }

// The first token of the word each token belongs to. A small vocabulary splits words into pieces
// (" tro", "ph", "y"); GPT-2's byte-level BPE marks a new word by a leading space or punctuation,
// so a token continues the word before it when it starts with a letter or digit and the token
// before it ends in one or in a space (a vocabulary of bytes: " ", "s", "h", "e").
std::vector<int> wordStarts(const al::Tokenizer& tok, const std::vector<int>& ids) {
    std::vector<int> start(ids.size());
    std::string prev;
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string b = tok.token_bytes(ids[i]);
        const bool goesOn = i > 0 && !b.empty() && wordByte(b[0]) && !prev.empty() && (wordByte(prev.back()) || prev.back() == ' ');
        start[i] = goesOn ? start[i - 1] : int(i);
        prev = b;
    }
    return start;
}

// One layer's question about the pronoun: the candidate words (first and last token), each word's
// weight (the row's weights over its pieces, averaged over heads) and the near-ties of the best.
struct PronounWords {
    std::vector<std::pair<int, int>> words;
    std::vector<double> weight;
    int best = -1, close = 0;
    int tokens = 0, closeTokens = 0; // the same counted in tokens: a long word is many clicks
    // More than half of the words, or of their tokens, within 2x of the best is a lottery: nearly
    // any click would count.
    bool flat() const { return 2 * close > int(words.size()) || 2 * closeTokens > tokens; }
};

PronounWords pronounWords(const al::ForwardResult& r, const std::vector<int>& start, int l, int H, int q, int from, int to) {
    PronounWords w;
    for (int j = from; j <= to; ++j) {
        if (start[size_t(j)] == j || w.words.empty()) { w.words.push_back({j, j}); w.weight.push_back(0); }
        w.words.back().second = j;
        for (int h = 0; h < H; ++h) w.weight.back() += r.attention.at(l, h, q, j) / H;
    }
    for (size_t k = 0; k < w.words.size(); ++k)
        if (w.best < 0 || w.weight[k] > w.weight[size_t(w.best)]) w.best = int(k);
    for (size_t k = 0; k < w.words.size(); ++k) {
        const int n = w.words[k].second - w.words[k].first + 1;
        const bool near = nearBest(w.weight[k], w.weight[size_t(w.best)], true);
        w.close += near;
        w.tokens += n;
        w.closeTokens += near ? n : 0;
    }
    return w;
}

// One pronoun's question: its row, the word just before it, each token's word start, and the
// candidate words in the layer asked.
struct PronounQuestion {
    int q = -1, before = 0, layer = -1;
    std::vector<int> start;
    PronounWords w;
    bool flat() const { return w.flat(); }
};

// The candidates of the pronoun at tokens p0..q: the words after the first word (where most heads
// rest) and before the word just before the pronoun (where previous-token heads look whatever it
// means), in layer `asked`, or, where that row is flat, in the nearest earlier layer where it is
// not. False when fewer than two words are left to choose from.
bool pronounQuestion(const al::Tokenizer& tok, const std::vector<int>& ids, const al::ForwardResult& r, int H,
                     int asked, int p0, int q, PronounQuestion& out) {
    PronounQuestion pq;
    pq.q = q;
    pq.start = wordStarts(tok, ids);
    const int word = pq.start[size_t(p0)];
    if (word < 1) return false;
    pq.before = pq.start[size_t(word - 1)];
    int from = 1;
    while (from < pq.before && pq.start[size_t(from)] == 0) ++from;
    const int to = pq.before - 1;
    pq.layer = asked;
    pq.w = pronounWords(r, pq.start, asked, H, q, from, to);
    if (pq.w.words.size() < 2) return false;
    for (int k = asked - 1; k >= 0 && pq.flat(); --k) {
        PronounWords t = pronounWords(r, pq.start, k, H, q, from, to);
        if (!t.flat()) { pq.w = t; pq.layer = k; }
    }
    out = std::move(pq);
    return true;
}

// The last pronoun of the text whose row is not flat in some layer (else the last usable one, flat).
// 0: no usable pronoun; 1: one with a word that stands out; 2: only flat ones.
int pickPronoun(const Ctx& c, const al::Tokenizer& tok, int asked, PronounQuestion& out) {
    const al::ForwardResult r = run(c);
    int found = 0, below = c.T, p0 = -1, q = -1;
    while (findPronoun(&tok, c.ids, below, p0, q)) {
        below = p0;
        PronounQuestion pq;
        if (!pronounQuestion(tok, c.ids, r, c.H, asked, p0, q, pq)) continue;
        if (found == 0 || !pq.flat()) { out = pq; found = pq.flat() ? 2 : 1; }
        if (found == 1) break;
    }
    return found;
}

QString wordText(const al::Tokenizer& tok, const std::vector<int>& ids, int first, int last) {
    std::string b;
    for (int j = first; j <= last; ++j) b += tok.token_bytes(ids[size_t(j)]);
    return QStringLiteral("“%1”").arg(QString::fromUtf8(b.data(), int(b.size())).trimmed());
}

ExerciseAnswer pronounTarget(const Ctx& c0) {
    const al::Tokenizer* tok = c0.model.tokenizer();
    if (!tok) throw al::Error("this model has no tokenizer, so it cannot find a pronoun");
    const int asked = paramLayer(c0);
    PronounQuestion pq;
    // Always the learner's own text, whose rows the grid shows: its last pronoun whose row singles
    // out a word (or, where every row is flat, its last usable pronoun, graded as leniently as the
    // flat row asks); a text without a pronoun is asked about its last word instead.
    const int own = pickPronoun(c0, *tok, asked, pq);
    std::vector<int> ids = c0.ids;
    const bool lastWord = own == 0;
    // The text's last word, as the question's word when the text has no pronoun.
    auto askLastWord = [&](const Ctx& cx) {
        const std::vector<int> start = wordStarts(*tok, cx.ids);
        int q = cx.T - 1;
        auto hasLetter = [&](int i) {
            for (char ch : tok->token_bytes(cx.ids[size_t(i)])) if (wordByte(ch)) return true;
            return false;
        };
        while (q > 0 && !hasLetter(q)) --q;
        return q >= 3 && pronounQuestion(*tok, cx.ids, run(cx), cx.H, asked, start[size_t(q)], q, pq);
    };
    QString note;
    if (lastWord && !askLastWord(c0)) {
        // Too short to leave two earlier words to choose from: the example sentence, which the
        // prompt quotes (the learner can reason from the sentence itself), and a word to type more.
        ids = tokenize(c0.model, kPronounExample, kTokenCap);
        const Ctx ex{c0.def, c0.params, c0.runner, ids, c0.model, c0.L, c0.H, int(ids.size()), c0.cancel};
        if (pickPronoun(ex, *tok, asked, pq) == 0)
            throw al::Error("no pronoun to ask about");
        note = QObject::tr("Your text is too short for this question (it needs at least four words), so it asks about "
                           "the sentence “%1”; type a longer text to ask about your own. The figures above still show "
                           "your text.").arg(QString::fromUtf8(kPronounExample));
    }
    Ctx c{c0.def, c0.params, c0.runner, ids, c0.model, c0.L, c0.H, int(ids.size()), c0.cancel};
    const al::ForwardResult r = run(c);
    const int q = pq.q, l = pq.layer, before = pq.before;
    const std::vector<int>& start = pq.start;
    const PronounWords& w = pq.w;
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, ids);
    a.row = q;
    a.layer = l;
    a.extreme = QStringLiteral("most");
    const auto [bestFirst, bestLast] = w.words[size_t(w.best)];
    a.answer = QString::number(bestFirst);
    // Every piece of an accepted word counts (the learner names a word, not one of its pieces), and
    // so does every copy of it elsewhere in the candidates.
    QStringList closeWords;
    for (size_t k = 0; k < w.words.size(); ++k) {
        const QString text = wordText(*tok, ids, w.words[k].first, w.words[k].second);
        const bool ok = nearBest(w.weight[k], w.weight[size_t(w.best)], true);
        if (ok && !closeWords.contains(text)) closeWords << text;
        // The question measures words: each is listed once, by its first piece (what the audit
        // compares a guess against); a click on any of its pieces is graded as the word.
        a.scores.insert(QString::number(w.words[k].first), w.weight[k]);
        for (int j = w.words[k].first; j <= w.words[k].second; ++j)
            if (ok) a.accept << QString::number(j);
    }
    for (size_t k = 0; k < w.words.size(); ++k)
        if (closeWords.contains(wordText(*tok, ids, w.words[k].first, w.words[k].second)))
            for (int j = w.words[k].first; j <= w.words[k].second; ++j)
                if (!a.accept.contains(QString::number(j))) a.accept << QString::number(j);
    const QString bestWord = wordText(*tok, ids, bestFirst, bestLast);
    a.answerText = bestFirst == bestLast
                       ? QObject::tr("%1 (token %2), weight %3").arg(bestWord).arg(bestFirst).arg(num(w.weight[size_t(w.best)], 2))
                       : QObject::tr("%1 (tokens %2 to %3), weight %4 over its pieces")
                             .arg(bestWord).arg(bestFirst).arg(bestLast).arg(num(w.weight[size_t(w.best)], 2));
    const QString pronoun = wordText(*tok, ids, start[size_t(q)], q);
    a.promptText = lastWord && note.isEmpty()
        ? QObject::tr("Your text has no pronoun, so this asks about its last word. In layer %1, averaged over its heads, "
                      "which earlier word does %2 (token %3) attend to most, leaving out the first word and the word just "
                      "before it? A word split into pieces counts with all its pieces; click any piece of it. Any word "
                      "within 2× of the top weight counts too.")
              .arg(l).arg(pronoun).arg(q)
        : QObject::tr("In layer %1, averaged over its heads, which earlier word does the pronoun %2 (token %3) "
                      "attend to most, leaving out the first word and the word just before the pronoun? A word "
                      "split into pieces counts with all its pieces; click any piece of it. Any word within 2× "
                      "of the top weight counts too.")
              .arg(l).arg(pronoun).arg(q);
    if (note.isEmpty())
        a.promptText += QLatin1Char(' ') + QObject::tr("The grid shows layer %1 with this word's row hidden; its row in the "
                                                       "other layers stays to reason from.").arg(l);
    else
        a.promptText = note + QLatin1Char(' ') + a.promptText;
    if (l != asked)
        a.promptText += QLatin1Char(' ') + QObject::tr("(In layer %1, the last, the words weigh too nearly the same for a "
                                                       "fair question.)").arg(asked);
    double self = 0, prev = 0;
    for (int h = 0; h < c.H; ++h) {
        self += r.attention.at(l, h, q, q) / c.H;
        for (int j = before; j < start[size_t(q)]; ++j) prev += r.attention.at(l, h, q, j) / c.H;
    }
    a.detail = QObject::tr("Averaged over layer %1's %2 heads, the pronoun %3 (token %4) puts %5 of its weight on %6, "
                           "summed over the word's pieces. It also puts %7 on its own token and %8 on the word just "
                           "before it, %9, which the question leaves out.")
                   .arg(l).arg(c.H).arg(pronoun).arg(q).arg(num(w.weight[size_t(w.best)], 2), bestWord)
                   .arg(num(self, 2), num(prev, 2), wordText(*tok, ids, before, start[size_t(q)] - 1));
    a.detail += QLatin1Char(' ') + QObject::tr("Where a weight goes is not what the pronoun means: in BERT, Clark et al. "
                                               "(2019) found single heads whose attention links a pronoun to what it "
                                               "refers to fairly often, and an average over heads blurs such heads.");
    if (closeWords.size() >= 2)
        a.detail += QLatin1Char(' ') + QObject::tr("Within 2× of the top weight, and so counted right: %1.")
                                           .arg(closeWords.join(QStringLiteral(", ")));
    if (w.flat())
        a.detail += QLatin1Char(' ') + QObject::tr("Here no earlier word stands out in any layer: %1 of the %2 words lie "
                                                   "within 2× of the top weight, so the row says little about what the "
                                                   "pronoun is linked with.")
                                           .arg(w.close).arg(w.words.size());
    a.example = !note.isEmpty();
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
namespace answers {
namespace {

// What the learner needs to reason about the worked pair's shares: which of the two measured tokens
// this model prefers on each text and by how much, and which way the swap moves the difference (a
// small model may prefer the name said twice on both texts, the opposite of GPT-2 small's answer).
QString preferences(const Ctx& c, const al::Patching& p) {
    // Two decimals, as the patching figure beside the card writes the logit differences.
    const auto two = [](double v) {
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        return locale.toString(v, 'f', 2);
    };
    const QString answer = quoted(c.model, p.answer), wrong = quoted(c.model, p.wrong);
    const bool cleanAnswer = p.ld_clean >= 0, corruptedAnswer = p.ld_corrupted >= 0;
    QString out = QObject::tr("On the first text this model prefers %1 to %2: its logit is %3 higher.")
                      .arg(cleanAnswer ? answer : wrong, cleanAnswer ? wrong : answer, two(std::abs(p.ld_clean)));
    out += QLatin1Char(' ') + (cleanAnswer == corruptedAnswer
                                   ? QObject::tr("On the second it still prefers %1, by %2.")
                                   : QObject::tr("On the second it prefers %1 instead, by %2."))
                                  .arg(corruptedAnswer ? answer : wrong, two(std::abs(p.ld_corrupted)));
    const bool towardWrong = p.ld_clean > p.ld_corrupted;
    out += QLatin1Char(' ') + QObject::tr("So the swap moves their logit difference (%1 minus %2) from %3 to %4: a shift "
                                          "of %5 toward %6.")
                                  .arg(answer, wrong, two(p.ld_clean), two(p.ld_corrupted),
                                       two(std::abs(p.ld_clean - p.ld_corrupted)), towardWrong ? wrong : answer);
    return out;
}

// The best single head's share of the drop, as a range (the exact share could only be guessed),
// with the head named in the detail only: a focus head is shown with the prompt, and this one is
// the answer's.
ExerciseAnswer bestHeadShare(const Ctx& c, const al::Patching& p, QString& bestHead, double& share) {
    const std::vector<float> heads = al::patch_heads(p);
    int best = 0;
    for (int i = 1; i < int(heads.size()); ++i)
        if (al::patching_fraction(p, heads[size_t(i)]) > al::patching_fraction(p, heads[size_t(best)])) best = i;
    share = al::patching_fraction(p, heads[size_t(best)]);
    bestHead = headName(best / c.H, best % c.H);
    ExerciseAnswer a;
    setBucket(c, a, share, paramEdges(c, {0.1, 0.3, 0.6}), 0.005);
    return a;
}

// Patching on the learner's text (patching_pair.h): one token replaced, each head's output copied
// back from the clean run in turn. How much of the logit difference does the best single head
// restore? Where no replacement moves the measure enough for fair shares, the question is asked
// about the station's first worked pair (the indirect-object sentences) instead, as an example.
ExerciseAnswer patchBestHead(const Ctx& c) {
    if (c.T < 3)
        throw NotAskable(QObject::tr("This needs a text of at least three tokens, so that one of them can be replaced "
                                     "before the last.").toStdString());
    std::vector<int> ids(c.ids.begin(), c.ids.begin() + std::min<size_t>(c.ids.size(), kPatchTokens));
    // The exercise engine's runner holds the model; patching needs it shared.
    const std::shared_ptr<const al::Model> model = c.runner.model_ptr();
    const TextPatching tp = patchText(model, ids, c.cancel);
    QString bestHead;
    double share = 0;
    if (tp.gap() >= kMinPatchGap) {
        const TextPair& pair = tp.pair;
        const al::Patching& p = tp.patching;
        ExerciseAnswer a = bestHeadShare(c, p, bestHead, share);
        const QString was = quoted(c.model, pair.clean[size_t(pair.changed)]), now = quoted(c.model, pair.corrupted[size_t(pair.changed)]);
        // The prompt names no token: another card of this station asks for a word of the same text.
        a.promptText = QObject::tr("Take the first %1 tokens of your text and replace token %2 (counting from 0) by a short "
                                   "common word. The model's top answer on your text loses ground to another token: their "
                                   "logit difference goes from %3 to %4. Copy one head's output at a time from the run on "
                                   "your text into the run on the changed one: how much of that drop does the best single "
                                   "head bring back?")
                           .arg(int(ids.size())).arg(pair.changed).arg(num(p.ld_clean, 2), num(p.ld_corrupted, 2));
        if (pair.changed == int(ids.size()) - 2)
            a.promptText += QLatin1Char(' ') +
                            QObject::tr("(No token further back moves this model's answer by 1, nor does the figure's "
                                        "names pair, so the token replaced is the one just before the last, which the "
                                        "last position can read in one attention step.)");
        a.detail = QObject::tr("Token %1, %2, was replaced by %3; the measure is the logit of %4 minus that of %5. Head %6 "
                               "brings back the most: %7 of the drop. The figure shows your text's pair now (“Your text”), "
                               "with every head's share.")
                       .arg(pair.changed)
                       .arg(was, now, quoted(c.model, p.answer), quoted(c.model, p.wrong), bestHead, num(share, 2));
        return a;
    }
    // A small drop makes every share noise over a small number: no fair question on this text. (No
    // token of the text is named: another card of this station asks for a word of it.)
    const QString own = QObject::tr("On your text, replacing one token hardly changes the answer: of the %1 replacements "
                                    "tried, the one that moves it most changes the logit difference between the model's "
                                    "top answer and its rival by only %2, so the heads' shares would be mostly noise.")
                            .arg(int(tp.tried.size()))
                            .arg(num(tp.gap(), 2));
    const PresetPair& preset = kPresetPairs[0];
    const QString title = QCoreApplication::translate("PatchingLab", preset.title);
    const al::Patching p = patchPreset(model, preset, c.cancel);
    // Measured on the pair's own words, the change may go either way: its size is what counts.
    if (std::abs(p.ld_clean - p.ld_corrupted) < kMinPatchGap)
        throw NotAskable((own + QLatin1Char(' ') +
                          QObject::tr("On the worked pair “%1” this model's logit difference moves only from %2 to %3, "
                                      "so there is no fair question there either. Try another text, one whose answer "
                                      "depends on an earlier word.")
                              .arg(title, num(p.ld_clean, 2), num(p.ld_corrupted, 2)))
                             .toStdString());
    ExerciseAnswer a = bestHeadShare(c, p, bestHead, share);
    a.example = true;
    a.promptText = own + QLatin1Char(' ') +
                   QObject::tr("So this asks about the figure's worked pair “%1” instead: %2 becomes %3, so the "
                               "name said twice changes from %4 to %5, %6 tokens before the last.")
                       .arg(title, QStringLiteral("“%1”").arg(QString::fromUtf8(preset.clean)),
                            QStringLiteral("“%1”").arg(QString::fromUtf8(preset.corrupted)),
                            QString::fromUtf8(preset.wrong).trimmed(), QString::fromUtf8(preset.answer).trimmed())
                       .arg(int(p.clean_ids.size()) - 1 - al::first_difference(p.clean_ids, p.corrupted_ids)) +
                   QLatin1Char(' ') + preferences(c, p) + QLatin1Char(' ') +
                   QObject::tr("Copy one head's output at a time from the first text's run into the second's: how much "
                               "of that shift does the best single head bring back? (Type a text whose answer depends "
                               "on an earlier word to ask about your own.)");
    a.detail = QObject::tr("On the worked pair “%1”, the measure is the logit of %2 minus that of %3. Head %4 brings back "
                           "the most: %5 of the change. The figure shows this pair now, with every head's share.")
                   .arg(title, quoted(c.model, p.answer), quoted(c.model, p.wrong), bestHead, num(share, 2));
    return a;
}

} // namespace
namespace {

// Whether a head's choice of keys comes mostly from position or mostly from content, by the split
// of its scores over the whole pattern (al::score_split: the attention-weighted size of each
// group's terms, measured from their mean over the keys each query may see), as the position
// share of position and content together (the fixed biases left out), in ranges. The head asked
// about is the one, in any layer, whose last row puts the least weight on the first token: a head
// that is not resting, whose pattern the learner can read. Which head that is depends on the
// text, and so does its layer: a first-layer head sees only tokens and positions, a later one also
// what earlier heads wrote, which the split counts as content.
ExerciseAnswer positionOrContent(const Ctx& c) {
    if (c.T < 3)
        throw NotAskable(QObject::tr("This needs a text of at least three tokens, so that a head has keys to choose "
                                     "between.").toStdString());
    al::ForwardOptions o;
    o.keep_hidden = true;
    const al::ForwardResult r = run(c, o);
    int layer = 0, head = 0;
    double least = 2;
    for (int l = 0; l < c.L; ++l)
        for (int h = 0; h < c.H; ++h) {
            const double w = r.attention.at(l, h, c.T - 1, 0);
            if (w < least - 1e-12) { least = w; layer = l; head = h; }
        }
    const al::ScoreSplit s = al::score_split(c.model, r, layer, head);
    const double share = s.position + s.content > 0 ? s.position / (s.position + s.content) : 0.5;
    ExerciseAnswer a;
    setBucket(c, a, share, paramEdges(c, {0.3, 0.78}), 0.005);
    a.measured = num(share, 4);
    a.focusHead = headName(layer, head);
    a.layer = layer;
    a.detail = QObject::tr("Head %1's choice of keys over your text: %2% from position, %3% from content, %4% from "
                           "the fixed biases; position is %5% of position and content together.")
                   .arg(a.focusHead).arg(std::lround(100 * s.position)).arg(std::lround(100 * s.content))
                   .arg(std::lround(100 * s.biases)).arg(std::lround(100 * share));
    a.promptText = QObject::tr("Head %1 is the head whose last row puts the least weight on the first token (%2). Is "
                               "its choice of keys over your text driven by position or by content?")
                       .arg(a.focusHead, num(least, 3));
    return a;
}

} // namespace
} // namespace answers

void registerStationAnswers_heads() {
    registerExerciseFunction(QStringLiteral("count_sinks"), answers::countSinks);
    registerExerciseFunction(QStringLiteral("positional_early_late"), answers::positionalEarlyLate);
    registerExerciseFunction(QStringLiteral("pronoun_target"), answers::pronounTarget);
    registerExerciseFunction(QStringLiteral("patch_best_head"), answers::patchBestHead);
    registerExerciseFunction(QStringLiteral("position_or_content"), answers::positionOrContent);
}

} // namespace course
