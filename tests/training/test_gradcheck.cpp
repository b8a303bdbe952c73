// Every backward pass in layers_backward.h against central finite differences of its forward in
// layers.h, and the whole trainer's gradient (GPT2::backward) against finite differences of its
// loss. Each check uses the scalar objective f = sum(out * R) with a fixed random R, so dout = R.
// The tolerance (relative 2e-2 with a small absolute floor) is far tighter than any wrong sign or
// factor of 2, and a deliberately broken gradient is shown to fail it (self-test at the end).
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "attention_lens/layers.h"
#include "layers_backward.h"
#include "gpt2_train.h"
#include "plain_check.h"

using namespace al::layers;
using testing_support::failing_checks;

static std::mt19937 rng(42);

static std::vector<float> randn(size_t n, float sd = 1.0f) {
    std::normal_distribution<float> d(0.0f, sd);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

static double dot(const std::vector<float>& a, const std::vector<float>& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); i++) s += static_cast<double>(a[i]) * b[i];
    return s;
}

// Compares analytic gradient `g` of f(x) with central differences; returns true if all agree.
static bool compare(const std::string& what, std::vector<float>& x, const std::vector<float>& g,
                    const std::function<double()>& f, float h = 1e-2f, float rtol = 2e-2f,
                    float atol = 2e-3f, bool report = true) {
    int bad = 0;
    double worst = 0;
    for (size_t i = 0; i < x.size(); i++) {
        const float keep = x[i];
        x[i] = keep + h;
        const double fp = f();
        x[i] = keep - h;
        const double fm = f();
        x[i] = keep;
        const double num = (fp - fm) / (2.0 * h);
        const double err = std::fabs(num - g[i]);
        const double tol = atol + rtol * std::fabs(num);
        worst = std::max(worst, err / tol);
        if (err > tol) {
            if (report && bad < 5)
                std::printf("  %s[%zu]: analytic %.6g numeric %.6g\n", what.c_str(), i, g[i], num);
            bad++;
        }
    }
    if (report) {
        std::printf("%s %s: %zu values, worst error/tolerance %.3f\n", bad ? "FAIL" : "ok  ", what.c_str(),
                    x.size(), worst);
        if (bad) failing_checks()++;
    }
    return bad == 0;
}

static void check_encoder() {
    const int B = 2, T = 3, C = 4, V = 5;
    std::vector<int> inp = {1, 3, 1, 0, 4, 3};
    auto wte = randn(V * C), wpe = randn(T * C), R = randn(B * T * C);
    std::vector<float> out(B * T * C);
    auto f = [&] { encoder_forward(out.data(), inp.data(), wte.data(), wpe.data(), B, T, C); return dot(out, R); };
    std::vector<float> dwte(V * C, 0), dwpe(T * C, 0);
    encoder_backward(dwte.data(), dwpe.data(), R.data(), inp.data(), B, T, C);
    compare("encoder dwte", wte, dwte, f);
    compare("encoder dwpe", wpe, dwpe, f);
}

static void check_layernorm() {
    const int N = 4, C = 6;
    auto x = randn(N * C), w = randn(C), b = randn(C), R = randn(N * C);
    std::vector<float> out(N * C);
    std::vector<float> mean(N), rstd(N);
    auto f = [&] {
        layernorm_forward(out.data(), mean.data(), rstd.data(), x.data(), w.data(), b.data(), N, C, 1e-5f);
        return dot(out, R);
    };
    f();
    std::vector<float> dx(N * C, 0), dw(C, 0), db(C, 0);
    layernorm_backward(dx.data(), dw.data(), db.data(), R.data(), x.data(), w.data(), mean.data(), rstd.data(), N, C);
    compare("layernorm dinp", x, dx, f, 1e-3f);
    compare("layernorm dweight", w, dw, f, 1e-3f);
    compare("layernorm dbias", b, db, f, 1e-3f);
}

static void check_matmul() {
    const int N = 5, C = 4, OC = 7;
    auto x = randn(N * C), w = randn(C * OC), b = randn(OC), R = randn(N * OC);
    std::vector<float> out(N * OC);
    auto f = [&] { matmul_forward(out.data(), x.data(), w.data(), b.data(), N, C, OC); return dot(out, R); };
    std::vector<float> dx(N * C, 0), dw(C * OC, 0), db(OC, 0);
    matmul_backward(dx.data(), dw.data(), db.data(), R.data(), x.data(), w.data(), N, C, OC);
    compare("matmul dinp", x, dx, f);
    compare("matmul dweight [C,OC]", w, dw, f);
    compare("matmul dbias", b, db, f);

    const int V = 6;
    auto wt = randn(V * C), Rt = randn(N * V);
    std::vector<float> outt(N * V);
    auto ft = [&] { matmul_transposed_forward(outt.data(), x.data(), wt.data(), N, C, V); return dot(outt, Rt); };
    std::vector<float> dxt(N * C, 0), dwt(V * C, 0);
    matmul_transposed_backward(dxt.data(), dwt.data(), Rt.data(), x.data(), wt.data(), N, C, V);
    compare("tied head dinp", x, dxt, ft);
    compare("tied head dweight [V,C]", wt, dwt, ft);
}

static void check_attention(bool causal) {
    const int B = 2, T = 5, C = 8, NH = 2;
    const float scale = 1.0f / std::sqrt(static_cast<float>(C / NH));
    auto qkv = randn(B * T * 3 * C), R = randn(B * T * C);
    std::vector<float> out(B * T * C);
    std::vector<float> pre(B * NH * T * T), att(B * NH * T * T);
    auto f = [&] {
        attention_forward(out.data(), pre.data(), att.data(), qkv.data(), B, T, C, NH, scale, causal);
        return dot(out, R);
    };
    f();
    std::vector<float> dqkv(B * T * 3 * C, 0), dpre(B * NH * T * T), datt(B * NH * T * T);
    attention_backward(dqkv.data(), dpre.data(), datt.data(), R.data(), qkv.data(), att.data(), B, T, C, NH, scale);
    compare(causal ? "attention dqkv (causal)" : "attention dqkv (no mask)", qkv, dqkv, f, 1e-3f);
}

static void check_gelu() {
    const int N = 40;
    auto x = randn(N, 2.0f), R = randn(N);
    std::vector<float> out(N);
    auto f = [&] { gelu_forward(out.data(), x.data(), N); return dot(out, R); };
    std::vector<float> dx(N, 0);
    gelu_backward(dx.data(), x.data(), R.data(), N);
    compare("gelu_new dinp", x, dx, f, 1e-3f);
}

static void check_residual() {
    const int N = 10;
    auto a = randn(N), b = randn(N), R = randn(N);
    std::vector<float> out(N);
    auto f = [&] { residual_forward(out.data(), a.data(), b.data(), N); return dot(out, R); };
    std::vector<float> da(N, 0), db(N, 0);
    residual_backward(da.data(), db.data(), R.data(), N);
    compare("residual da", a, da, f);
    compare("residual db", b, db, f);
}

static void check_crossentropy() {
    const int N = 3, V = 7;
    auto logits = randn(N * V);
    std::vector<int> targets = {2, 6, 0};
    std::vector<float> probs(N * V), losses(N);
    auto f = [&] {
        softmax_forward(probs.data(), logits.data(), N, V);
        return static_cast<double>(crossentropy_forward(losses.data(), probs.data(), targets.data(), N, V));
    };
    f();
    std::vector<float> dl(N * V, 0);
    crossentropy_softmax_backward(dl.data(), probs.data(), targets.data(), N, V, 1.0f / N);
    compare("softmax+cross-entropy dlogits", logits, dl, f, 1e-3f);
}

static void check_whole_model() {
    const al::train::ModelShape s{.vocab = 11, .max_T = 8, .n_layer = 2, .n_head = 2, .n_embd = 8};
    al::train::GPT2 model(s);
    model.init_random(7);
    // Larger weights than GPT-2's init so every path carries a gradient well above float noise.
    std::normal_distribution<float> d(0.0f, 0.3f);
    for (float& w : model.params()) w += d(rng);
    const int B = 2, T = 6;
    std::vector<int> x = {1, 5, 2, 9, 3, 3, 4, 4, 10, 0, 7, 1};
    std::vector<int> y = {5, 2, 9, 3, 3, 8, 4, 10, 0, 7, 1, 6};
    model.forward(x.data(), y.data(), B, T);
    model.backward();
    const std::vector<float> grads = model.grads();
    auto& p = model.params();
    auto f = [&] { return static_cast<double>(model.forward(x.data(), y.data(), B, T)); };
    for (const auto& info : model.layout()) {
        std::vector<float> sub(p.begin() + info.offset, p.begin() + info.offset + info.numel);
        std::vector<float> gsub(grads.begin() + info.offset, grads.begin() + info.offset + info.numel);
        // Perturb the real parameter through a view: copy back around each evaluation.
        auto fview = [&] {
            std::copy(sub.begin(), sub.end(), p.begin() + info.offset);
            return f();
        };
        compare("model " + info.hf_name, sub, gsub, fview, 1e-2f, 3e-2f, 1e-4f);
        std::copy(sub.begin(), sub.end(), p.begin() + info.offset);
    }
}

// The checker must be able to fail: a gradient off by a factor of 2, or with the wrong sign, is
// rejected.
static void self_test() {
    const int N = 5, C = 4, OC = 3;
    auto x = randn(N * C), w = randn(C * OC), R = randn(N * OC);
    std::vector<float> out(N * OC);
    auto f = [&] { matmul_forward(out.data(), x.data(), w.data(), nullptr, N, C, OC); return dot(out, R); };
    std::vector<float> dx(N * C, 0), dw(C * OC, 0);
    matmul_backward(dx.data(), dw.data(), nullptr, R.data(), x.data(), w.data(), N, C, OC);
    std::vector<float> doubled = dw, negated = dw;
    for (float& g : doubled) g *= 2;
    for (float& g : negated) g = -g;
    const bool caught_double = !compare("", w, doubled, f, 1e-2f, 2e-2f, 2e-3f, false);
    const bool caught_sign = !compare("", w, negated, f, 1e-2f, 2e-2f, 2e-3f, false);
    std::printf("%s checker rejects a doubled gradient and a negated one\n",
                caught_double && caught_sign ? "ok  " : "FAIL");
    if (!(caught_double && caught_sign)) failing_checks()++;
}

int main() {
    check_encoder();
    check_layernorm();
    check_matmul();
    check_attention(true);
    check_attention(false);
    check_gelu();
    check_residual();
    check_crossentropy();
    check_whole_model();
    self_test();
    std::printf("%d failing check(s)\n", failing_checks());
    return failing_checks() == 0 ? 0 : 1;
}
