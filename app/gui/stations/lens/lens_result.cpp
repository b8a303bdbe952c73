#include "lens/lens_result.h"

#include "attention_lens/value_weighted.h"
#include "course_math.h"

namespace lens {

float LensResult::weight(int l, int h, int i, int j, bool hideFirst) const {
    const int T = tokenCount();
    if (l < 0 || h < 0 || l >= nLayer || h >= nHead || i < 0 || j < 0 || i >= T || j >= T)
        return 0.f;
    if (j > i)
        return 0.f;
    const float* row = attention.row(l, h, i);
    if (!hideFirst)
        return row[j];
    if (i == 0)
        return -1.f;
    if (j == 0)
        return 0.f;
    const float rest = 1.f - row[0];
    if (rest <= 1e-12f) {
        // Everything went to the first token; what is left is spread by the raw (tiny) weights.
        float sum = 0.f;
        for (int k = 1; k <= i; ++k)
            sum += row[k];
        return sum > 0.f ? row[j] / sum : 1.f / float(i);
    }
    return row[j] / rest;
}

std::vector<float> valueNorms(const al::Model& model, const LensResult& r, int layer, int head) {
    al::ForwardResult kept; // al::value_norms reads only the ids and the values
    kept.ids = r.ids;
    kept.v = r.values;
    return al::value_norms(model, kept, layer, head);
}

std::vector<float> allValueNorms(const al::Model& model, const LensResult& r, const std::atomic<bool>* cancel) {
    al::ForwardResult kept; // al::value_norms_all reads only the ids and the values
    kept.ids = r.ids;
    kept.v = r.values;
    return al::value_norms_all(model, kept, cancel);
}

float valueWeighted(const LensResult& r, const std::vector<float>& norms, int l, int h, int i, int j, bool hideFirst) {
    return norms.size() == size_t(r.tokenCount()) ? valueWeighted(r, norms.data(), l, h, i, j, hideFirst) : 0.f;
}

float valueWeighted(const LensResult& r, const float* norms, int l, int h, int i, int j, bool hideFirst) {
    const int T = r.tokenCount();
    if (!norms || l < 0 || h < 0 || l >= r.nLayer || h >= r.nHead || i < 0 || j < 0 || i >= T || j >= T)
        return 0.f;
    if (hideFirst && i == 0)
        return -1.f; // nothing left in row 0, as in LensResult::weight
    if (j > i || (hideFirst && j == 0))
        return 0.f;
    const float* row = r.attention.row(l, h, i);
    double sum = 0;
    for (int k = hideFirst ? 1 : 0; k <= i; ++k)
        sum += double(row[k]) * norms[size_t(k)];
    return sum > 0 ? float(double(row[j]) * norms[size_t(j)] / sum) : 0.f;
}

TokenInfo describeToken(const std::string& bytes, bool special) {
    TokenInfo t;
    t.special = special;
    if (special) {
        t.text = QString::fromStdString(bytes);
        return t;
    }
    std::string b = bytes;
    if (!b.empty() && b[0] == ' ') {
        t.leadingSpace = true;
        b.erase(0, 1);
    }
    // The same escapes as every other label (course::tokenText); the chip shows the space as a gap.
    bool partial = false;
    QString shown = QString::fromStdString(course::tokenText(b, &partial));
    t.partialBytes = partial;
    if (t.leadingSpace && shown.isEmpty())
        shown = QStringLiteral("␣");
    t.text = shown;
    return t;
}

} // namespace lens
