// AttentionStore: every head's attention pattern (or scores) in one block, a causal row i holding
// only its i+1 entries; and the accessors of ForwardResult's [L][H][T][hs] and [L+1][T][C] arrays.
#include "attention_lens/forward.h"

#include <algorithm>
#include <cstring>

#include "kernels/aligned_floats.h"

namespace al {

AttentionStore::AttentionStore(int n_layer, int n_head, int T, bool causal)
    : L_(n_layer), H_(n_head), T_(T), causal_(causal) {
    allocate(true);
}

AttentionStore AttentionStore::for_overwrite(int n_layer, int n_head, int T, bool causal) {
    AttentionStore s;
    s.L_ = n_layer; s.H_ = n_head; s.T_ = T; s.causal_ = causal;
    s.allocate(false);
    return s;
}

void AttentionStore::allocate(bool zero) {
    per_head_ = causal_ ? static_cast<size_t>(T_) * (T_ + 1) / 2 : static_cast<size_t>(T_) * T_;
    size_ = per_head_ * L_ * H_;
    capacity_ = size_;
    data_ = kernels::allocate_floats(size_, zero);
}

static size_t row_offset(bool causal, int T, int i) {
    return causal ? static_cast<size_t>(i) * (i + 1) / 2 : static_cast<size_t>(i) * T;
}

float* AttentionStore::row(int l, int h, int i) {
    if (data_.use_count() > 1) {
        std::shared_ptr<float[]> own = kernels::allocate_floats(size_, false);
        std::memcpy(own.get(), data_.get(), size_ * sizeof(float));
        data_ = std::move(own);
        capacity_ = size_;
    }
    return data_.get() + (static_cast<size_t>(l) * H_ + h) * per_head_ + row_offset(causal_, T_, i);
}

const float* AttentionStore::row(int l, int h, int i) const {
    return data_.get() + (static_cast<size_t>(l) * H_ + h) * per_head_ + row_offset(causal_, T_, i);
}

float AttentionStore::at(int l, int h, int i, int j) const {
    if (j >= row_length(i)) return 0.0f;
    return row(l, h, i)[j];
}

std::vector<float> AttentionStore::dense(int l, int h, float masked_value) const {
    std::vector<float> out(static_cast<size_t>(T_) * T_, masked_value);
    for (int i = 0; i < T_; i++) {
        const float* r = row(l, h, i);
        std::copy(r, r + row_length(i), out.begin() + static_cast<size_t>(i) * T_);
    }
    return out;
}

bool ForwardOptions::has_interventions() const {
    return !causal_mask || !zero_ablate.empty() || !mean_ablate.empty() || !replace_pattern.empty() ||
           !head_temperature.empty();
}

const float* ForwardResult::hidden_at(int layer_plus_one, int t) const {
    return hidden.data() + (static_cast<size_t>(layer_plus_one) * tokens + t) * n_embd;
}
const float* ForwardResult::q_at(int l, int h, int t) const {
    return q.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}
const float* ForwardResult::k_at(int l, int h, int t) const {
    return k.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}
const float* ForwardResult::v_at(int l, int h, int t) const {
    return v.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}

} // namespace al
