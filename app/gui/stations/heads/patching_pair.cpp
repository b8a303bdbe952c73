#include "patching_pair.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <functional>

#include "attention_lens/error.h"

namespace course {

const PresetPair kPresetPairs[kPresetCount] = {
    {QT_TRANSLATE_NOOP("PatchingLab", "Who gets the drink (names swapped)"),
     "When Mary and John went to the store, John gave a drink to",
     "When Mary and John went to the store, Mary gave a drink to", " Mary", " John"},
    {QT_TRANSLATE_NOOP("PatchingLab", "Who is thanked (names and pronouns swapped)"),
     "John lent Mary his book because she asked, so she thanked",
     "Mary lent John her book because he asked, so he thanked", " him", " her"},
};

namespace {

// The positions whose replacement is tried (see the header), each once, latest first.
std::vector<int> candidatePositions(const std::vector<int>& ids) {
    const int T = int(ids.size());
    std::vector<int> out;
    auto add = [&](int i) {
        if (i >= 0 && i <= T - 3 && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    };
    int repeats = 0;
    for (int i = T - 3; i >= 1 && repeats < 4; --i)
        if (std::find(ids.begin(), ids.begin() + i, ids[size_t(i)]) != ids.begin() + i) {
            add(i);
            ++repeats;
        }
    add(T - 3);
    add(3 * (T - 1) / 4);
    add((T - 1) / 2);
    add((T - 1) / 4);
    std::sort(out.begin(), out.end(), std::greater<int>());
    return out;
}

// Each replacement word's token; where the tokenizer splits a word (a byte-level one does), its
// first piece that is not a space. Each token once.
std::vector<int> replacementTokens(const al::Model& model) {
    std::vector<int> out;
    for (const char* w : kReplacementWords) {
        const std::vector<int> t = model.tokenizer()->encode(w);
        if (t.empty()) continue;
        int token = t.front();
        if (t.size() > 1)
            for (int piece : t) {
                const std::string bytes = model.tokenizer()->token_bytes(piece);
                if (bytes.find_first_not_of(" \t\n") != std::string::npos) {
                    token = piece;
                    break;
                }
            }
        if (std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);
    }
    return out;
}

int argmax(const std::vector<float>& v, int skip = -1) {
    int best = skip == 0 ? 1 : 0;
    for (int i = 0; i < int(v.size()); ++i)
        if (i != skip && v[size_t(i)] > v[size_t(best)]) best = i;
    return best;
}

// The measure on two runs' last logits (see the header): answer, wrong and both logit differences.
void measure(al::Patching& p) {
    const std::vector<float>& c = p.clean.logits;
    const std::vector<float>& r = p.corrupted.logits;
    p.answer = argmax(c);
    p.wrong = argmax(r);
    if (p.wrong == p.answer) p.wrong = argmax(c, p.answer);
    // As patching_prepare measures: the last position's logits, answer minus wrong.
    p.ld_clean = c[size_t(p.answer)] - c[size_t(p.wrong)];
    p.ld_corrupted = r[size_t(p.answer)] - r[size_t(p.wrong)];
}

} // namespace

TextPatching patchText(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                       const std::atomic<bool>* cancel) {
    if (ids.size() < 3 || !model->tokenizer()) throw al::Error("patching needs a text of at least 3 tokens");
    const std::vector<int> words = replacementTokens(*model);
    TextPatching best;
    al::Patching m;
    // Measures the replacements at `positions` (each with each word), all in one batched run that
    // starts each replaced text at its replaced token, and keeps the one that moves the measure most.
    auto tryPositions = [&](const std::vector<int>& positions) {
        std::vector<std::pair<int, int>> subs;
        for (int k : positions)
            for (int w : words)
                if (w != ids[size_t(k)]) subs.push_back({k, w});
        if (subs.empty()) return;
        const std::vector<float> logits = al::substitution_logits(model, ids, subs, cancel);
        const size_t V = logits.size() / (subs.size() + 1);
        m.clean.logits.assign(logits.begin(), logits.begin() + ptrdiff_t(V));
        for (size_t i = 0; i < subs.size(); ++i) {
            m.corrupted.logits.assign(logits.begin() + ptrdiff_t((i + 1) * V), logits.begin() + ptrdiff_t((i + 2) * V));
            measure(m);
            const PatchCandidate c{subs[i].first, subs[i].second, m.ld_clean - m.ld_corrupted};
            if (best.tried.empty() || c.gap > best.tried[size_t(best.pair.changed)].gap) best.pair.changed = int(best.tried.size());
            best.tried.push_back(c);
        }
    };
    const std::vector<int> first = candidatePositions(ids);
    tryPositions(first);
    if (best.tried.empty() || best.tried[size_t(best.pair.changed)].gap < kMinPatchGap) {
        // None of those moves the measure enough: every other position that may be replaced.
        std::vector<int> rest;
        for (int i = int(ids.size()) - 3; i >= 0; --i)
            if (std::find(first.begin(), first.end(), i) == first.end()) rest.push_back(i);
        tryPositions(rest);
    }
    const int T = int(ids.size());
    if (best.tried.empty() || best.tried[size_t(best.pair.changed)].gap < kMinPatchGap) {
        // Nothing further back moves the answer (a byte-level model trained briefly reads mostly its
        // last two tokens). Where the worked pair has no gap either, the token just before the last
        // is tried, so that a question stays: its share is the model's to compute like any other.
        bool presetMoves = false;
        try {
            const al::Patching p = patchPreset(model, kPresetPairs[0], cancel);
            presetMoves = std::abs(p.ld_clean - p.ld_corrupted) >= kMinPatchGap;
        } catch (const al::Cancelled&) {
            throw;
        } catch (const al::Error&) { // the pair's texts differ in length in this tokenizer
        }
        if (!presetMoves) tryPositions({T - 2});
    }
    if (best.tried.empty()) throw al::Error("patching: no replacement word differs from the text's tokens");
    const PatchCandidate& chosen = best.tried[size_t(best.pair.changed)];
    best.pair.changed = chosen.position;
    best.pair.clean = ids;
    best.pair.corrupted = ids;
    best.pair.corrupted[size_t(chosen.position)] = chosen.token;
    // The chosen pair's activations, for the grids; its measure from these runs.
    best.patching = al::patching_prepare(model, best.pair.clean, best.pair.corrupted, 0, 0, cancel);
    measure(best.patching);
    return best;
}

al::Patching patchPair(const std::shared_ptr<const al::Model>& model, std::vector<int> clean, std::vector<int> corrupted,
                       const char* answerWord, const char* wrongWord, const std::atomic<bool>* cancel) {
    auto oneToken = [&](const char* word) {
        const std::vector<int> t = model->tokenizer() ? model->tokenizer()->encode(word) : std::vector<int>{};
        return t.size() == 1 ? t.front() : -1;
    };
    const int answer = oneToken(answerWord), wrong = oneToken(wrongWord);
    if (answer >= 0 && wrong >= 0 && answer != wrong)
        return al::patching_prepare(model, std::move(clean), std::move(corrupted), answer, wrong, cancel);
    // The pair's words are not one token each in this model: each run's own top token.
    al::Patching p = al::patching_prepare(model, std::move(clean), std::move(corrupted), 0, 0, cancel);
    p.answer = argmax(p.clean.logits);
    p.wrong = argmax(p.corrupted.logits);
    p.ld_clean = p.clean.logits[size_t(p.answer)] - p.clean.logits[size_t(p.wrong)];
    p.ld_corrupted = p.corrupted.logits[size_t(p.answer)] - p.corrupted.logits[size_t(p.wrong)];
    return p;
}

al::Patching patchPreset(const std::shared_ptr<const al::Model>& model, const PresetPair& pair,
                         const std::atomic<bool>* cancel) {
    if (!model->tokenizer()) throw al::Error("patching: this model has no tokenizer");
    return patchPair(model, model->tokenizer()->encode(pair.clean), model->tokenizer()->encode(pair.corrupted),
                     pair.answer, pair.wrong, cancel);
}

} // namespace course
