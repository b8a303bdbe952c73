#include "head_three_way.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "attention_lens/value_removal.h"
#include "attention_lens/value_weighted.h"

namespace course {
namespace {

// Positions 0..n-1 ordered by key(j), largest first; ties keep the earlier position first.
template <class Key>
std::vector<int> ranked(int n, Key key) {
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
    return order;
}

} // namespace

HeadThreeWay headThreeWay(const al::Model& model, const al::ForwardResult& r, int layer, int head,
                          const std::atomic<bool>* cancel, const std::vector<double>* unembeddingMean) {
    HeadThreeWay w;
    w.layer = layer;
    w.head = head;
    const al::ValueRemoval removal = al::value_removal(model, r, layer, head, cancel, unembeddingMean); // checks the head and `r`
    const std::vector<float> norms = al::value_norms(model, r, layer, head);
    const int T = int(r.ids.size()), last = T - 1;
    w.token = removal.token;
    w.cleanLogit = removal.clean_logit;
    w.change = removal.change;
    w.weight.resize(size_t(T));
    w.share.resize(size_t(T));
    double sum = 0;
    for (int j = 0; j < T; ++j) {
        w.weight[size_t(j)] = r.attention.at(layer, head, last, j);
        sum += double(w.weight[size_t(j)]) * norms[size_t(j)];
    }
    for (int j = 0; j < T; ++j)
        w.share[size_t(j)] = sum > 0 ? float(double(w.weight[size_t(j)]) * norms[size_t(j)] / sum) : 0.0f;
    w.byWeight = ranked(T, [&](int j) { return w.weight[size_t(j)]; });
    w.byShare = ranked(T, [&](int j) { return w.share[size_t(j)]; });
    w.byRemoval = ranked(T, [&](int j) { return std::abs(w.change[size_t(j)]); });
    return w;
}

} // namespace course
