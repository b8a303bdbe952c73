// Station 3's pronoun card: which earlier word the last pronoun's row attends to most, in the layer
// where a head looks at the candidates most decisively, computed from the loaded model on the
// learner's text.
#include "pronoun_answer.h"

#include <QCoreApplication>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "attention_lens/error.h"
#include "course_math.h"

namespace course::answers {
namespace {

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

} // namespace

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

} // namespace course::answers
