// Direct attribution (logit_lens.h) against a float64 reference built in this test from the shared
// fixture's independent hidden states and attention weights and the model's weights: each head's
// output at the last position from the fixture's weights and its own values, each MLP's output
// computed whole in double (gelu_new), the stream entering ln_f summed from them, and every part's
// share of the top token's logit above the vocabulary's mean logit, with ln_f's scale held. The
// parts must match the reference part by part and add up to the fixture's logit minus the mean of
// the fixture's logits; at GPT-2 small's shapes they must add up to the same quantity from the
// model's own logits. A head's direct effect on every token is checked against the same reference.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "fixture_cases.h"
#include "gpt2_shaped_model.h"

namespace {

using Vec = std::vector<double>;

Vec layerNorm(const Vec& x, const float* g, const float* b, double eps) {
    return testing_support::layerNorm64(x.data(), g, b, int(x.size()), eps);
}

// x [in] . W [in][out] (+ b), W stored row-major with row stride `stride`, starting at column `col`.
Vec matVec(const Vec& x, const float* W, int stride, int col, int out, const float* b) {
    Vec y(static_cast<size_t>(out));
    for (int o = 0; o < out; ++o) y[o] = b ? b[o] : 0.0;
    for (size_t i = 0; i < x.size(); ++i)
        for (int o = 0; o < out; ++o) y[o] += x[i] * W[i * size_t(stride) + size_t(col + o)];
    return y;
}

double geluNew(double x) { return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x))); }

} // namespace

class TestDirectAttribution : public QObject {
    Q_OBJECT
    testing_support::Fixture fx_;

private slots:
    void initTestCase() {
        QVERIFY2(fx_.load(), "AL_FIXTURE_MODEL is not set");
    }

    void matchesFloat64Reference_data() {
        testing_support::addCaseRows(fx_.caseCount());
    }
    void matchesFloat64Reference() {
        QFETCH(int, c);
        const std::vector<int> ids = fx_.ids(c);
        const al::Config& cfg = fx_.model->config();
        const int T = int(ids.size()), L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, hs = C / H, FF = cfg.inner();
        const double eps = cfg.layer_norm_epsilon;
        const std::vector<float> hsd = fx_.tensor(c, "hidden_states"); // [L+1][T][C]
        const std::vector<float> att = fx_.tensor(c, "attentions");    // [L][H][T][T]
        const std::vector<float> last = fx_.tensor(c, "logits_last");  // [V]
        const int answer = int(std::max_element(last.begin(), last.end()) - last.begin());
        const int pos = T - 1;
        auto stream = [&](int l, int t) {
            const float* x = hsd.data() + (size_t(l) * T + t) * C;
            return Vec(x, x + C);
        };

        // The reference: every part's vector in the stream at the last position, in double.
        std::vector<Vec> headOut(static_cast<size_t>(L) * H), mlpOut(static_cast<size_t>(L));
        Vec bias(size_t(C), 0.0), resid = stream(0, pos);
        for (int l = 0; l < L; ++l) {
            const al::LayerWeights& w = fx_.model->layer(l);
            std::vector<Vec> ln1(static_cast<size_t>(T));
            for (int j = 0; j <= pos; ++j) ln1[j] = layerNorm(stream(l, j), w.ln1_w, w.ln1_b, eps);
            Vec mid = stream(l, pos);
            for (int h = 0; h < H; ++h) {
                Vec z(size_t(hs), 0.0);
                for (int j = 0; j <= pos; ++j) {
                    const Vec v = matVec(ln1[j], w.attn_w, 3 * C, 2 * C + h * hs, hs, w.attn_b + 2 * C + h * hs);
                    const double a = att[((size_t(l) * H + h) * T + pos) * T + j];
                    for (int d = 0; d < hs; ++d) z[d] += a * v[d];
                }
                Vec out(size_t(C), 0.0);
                for (int d = 0; d < hs; ++d)
                    for (int k = 0; k < C; ++k) out[k] += z[d] * w.proj_w[size_t(h * hs + d) * C + k];
                for (int k = 0; k < C; ++k) mid[k] += out[k];
                headOut[size_t(l) * H + h] = out;
            }
            for (int k = 0; k < C; ++k) mid[k] += w.proj_b[k];
            Vec hid = matVec(layerNorm(mid, w.ln2_w, w.ln2_b, eps), w.fc_w, FF, 0, FF, w.fc_b);
            for (double& v : hid) v = geluNew(v);
            mlpOut[l] = matVec(hid, w.fcproj_w, C, 0, C, nullptr);
            for (int k = 0; k < C; ++k) {
                bias[k] += w.proj_b[k] + w.fcproj_b[k];
                resid[k] = mid[k] + mlpOut[l][k] + w.fcproj_b[k];
            }
            // The reference agrees with the fixture's own next stream.
            if (l + 1 < L) {
                const Vec next = stream(l + 1, pos);
                for (int k = 0; k < C; ++k) QVERIFY(std::abs(resid[k] - next[k]) < 1e-4);
            }
        }
        // The direction: the answer's unembedding less the mean of every token's (GPT-2's is tied to wte).
        const int V = cfg.vocab_size;
        Vec meanRow(static_cast<size_t>(C), 0.0), u(static_cast<size_t>(C));
        for (int t = 0; t < V; ++t)
            for (int k = 0; k < C; ++k) meanRow[k] += fx_.model->wte()[size_t(t) * C + k] / V;
        for (int k = 0; k < C; ++k) u[k] = fx_.model->wte()[size_t(answer) * C + k] - meanRow[k];
        double mean = std::accumulate(resid.begin(), resid.end(), 0.0) / C, var = 0;
        for (double v : resid) var += (v - mean) * (v - mean);
        const double rstd = 1 / std::sqrt(var / C + eps);
        auto share = [&](const Vec& x) {
            const double m = std::accumulate(x.begin(), x.end(), 0.0) / C;
            double s = 0;
            for (int k = 0; k < C; ++k) s += u[k] * fx_.model->lnf_w()[k] * (x[k] - m);
            return s * rstd;
        };
        double lnfBias = 0;
        for (int k = 0; k < C; ++k) lnfBias += u[k] * fx_.model->lnf_b()[k];

        // The quantity, straight from the fixture's logits: the answer's less their mean.
        const double meanLogit = std::accumulate(last.begin(), last.end(), 0.0) / V;
        const double aboveMean = last[answer] - meanLogit;

        al::Runner runner(fx_.model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        const al::ForwardResult r = runner.forward(ids, o);
        const al::DirectAttribution d = al::direct_attribution(*fx_.model, r, pos, answer);
        const double tol = 1e-4;
        QVERIFY(std::abs(d.logit - last[answer]) < 1e-3);
        QVERIFY2(std::abs(d.mean_logit - meanLogit) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(d.mean_logit).arg(meanLogit)));
        QVERIFY(std::abs(d.above_mean - aboveMean) < 1e-4);
        QVERIFY2(std::abs(d.sum() - aboveMean) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(d.sum()).arg(aboveMean)));
        QVERIFY(std::abs(d.lnf_bias - lnfBias) < tol);
        const Vec tokenEmb(fx_.model->wte() + size_t(ids[pos]) * C, fx_.model->wte() + size_t(ids[pos] + 1) * C);
        const Vec posEmb(fx_.model->wpe() + size_t(pos) * C, fx_.model->wpe() + size_t(pos + 1) * C);
        QVERIFY(std::abs(d.token_embedding - share(tokenEmb)) < tol);
        QVERIFY(std::abs(d.position_embedding - share(posEmb)) < tol);
        QVERIFY(std::abs(d.biases - share(bias)) < tol);
        QCOMPARE(int(d.attention.size()), L);
        QCOMPARE(int(d.heads.size()), L * H);
        for (int l = 0; l < L; ++l) {
            double layer = 0;
            for (int h = 0; h < H; ++h) {
                const double want = share(headOut[size_t(l) * H + h]);
                layer += want;
                QVERIFY2(std::abs(d.heads[size_t(l) * H + h] - want) < tol,
                         qPrintable(QStringLiteral("head %1.%2: %3 vs %4").arg(l).arg(h).arg(d.heads[size_t(l) * H + h]).arg(want)));
            }
            QVERIFY(std::abs(d.attention[l] - layer) < tol);
            QVERIFY2(std::abs(d.mlp[l] - share(mlpOut[l])) < tol,
                     qPrintable(QStringLiteral("mlp %1: %2 vs %3").arg(l).arg(d.mlp[l]).arg(share(mlpOut[l]))));
        }
        // The reference's parts add up to the fixture's quantity too: nothing is left out.
        double total = share(tokenEmb) + share(posEmb) + share(bias) + lnfBias;
        for (const Vec& v : headOut) total += share(v);
        for (const Vec& v : mlpOut) total += share(v);
        QVERIFY(std::abs(total - aboveMean) < 1e-4);
        // Attention's share by size, from the reference's parts.
        double absAttention = 0, absMlp = 0;
        for (int l = 0; l < L; ++l) {
            double layer = 0;
            for (int h = 0; h < H; ++h) layer += share(headOut[size_t(l) * H + h]);
            absAttention += std::abs(layer);
            absMlp += std::abs(share(mlpOut[l]));
        }
        QVERIFY(std::abs(d.attention_share() - absAttention / (absAttention + absMlp)) < 1e-5);

        // A head's direct effect: every token's push, from the reference head output, less the
        // pushes' mean; the largest and the most negative, in order.
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                const Vec& out = headOut[size_t(l) * H + h];
                const double om = std::accumulate(out.begin(), out.end(), 0.0) / C;
                std::vector<double> push(size_t(V), 0.0);
                for (int t = 0; t < V; ++t) {
                    double s = 0;
                    for (int k = 0; k < C; ++k)
                        s += (fx_.model->wte()[size_t(t) * C + k] - meanRow[k]) * fx_.model->lnf_w()[k] * (out[k] - om);
                    push[size_t(t)] = s * rstd;
                }
                std::vector<int> order(static_cast<size_t>(V));
                std::iota(order.begin(), order.end(), 0);
                std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return push[size_t(a)] > push[size_t(b)]; });
                const int k = 3;
                const al::HeadDirectEffect e = al::head_direct_effect(*fx_.model, r, pos, l, h, k);
                QCOMPARE(int(e.up.size()), k);
                QCOMPARE(int(e.down.size()), k);
                for (int i = 0; i < k; ++i) {
                    const int wantUp = order[size_t(i)], wantDown = order[size_t(V - 1 - i)];
                    QVERIFY2(std::abs(e.up[size_t(i)].push - push[size_t(wantUp)]) < tol,
                             qPrintable(QStringLiteral("head %1.%2 up %3: %4 vs %5").arg(l).arg(h).arg(i).arg(e.up[size_t(i)].push).arg(push[size_t(wantUp)])));
                    QVERIFY(std::abs(e.down[size_t(i)].push - push[size_t(wantDown)]) < tol);
                    // The token itself, unless a near tie makes the order a matter of rounding.
                    if (std::abs(push[size_t(order[size_t(i)])] - push[size_t(order[size_t(i + 1)])]) > 1e-4)
                        QCOMPARE(e.up[size_t(i)].token, wantUp);
                    if (std::abs(push[size_t(order[size_t(V - 1 - i)])] - push[size_t(order[size_t(V - 2 - i)])]) > 1e-4)
                        QCOMPARE(e.down[size_t(i)].token, wantDown);
                }
                // It is this head's part of the attribution, read for the answer.
                QVERIFY(std::abs(push[size_t(answer)] - d.heads[size_t(l) * H + h]) < tol);
            }
    }

    // At GPT-2 small's shapes: the parts add up to the model's own logit, at the last position and
    // in the middle of the text, for its top token and for another.
    void addsUpAtGpt2SmallShapes() {
        const auto model = testing_support::gpt2ShapedModel(5);
        const std::vector<int> ids = model->tokenizer()->encode("The cat sat on the mat because it was tired, and then it slept.");
        al::Runner runner(model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.all_logits = true;
        const al::ForwardResult r = runner.forward(ids, o);
        const int T = int(ids.size()), V = model->config().vocab_size;
        for (int pos : {T - 1, T / 2}) {
            const float* z = r.logits_all.data() + size_t(pos) * V;
            const int top = int(std::max_element(z, z + V) - z);
            double mean = 0;
            for (int t = 0; t < V; ++t) mean += z[t];
            mean /= V;
            for (int token : {top, 1000}) {
                const al::DirectAttribution d = al::direct_attribution(*model, r, pos, token);
                QCOMPARE(int(d.attention.size()), 12);
                QCOMPARE(int(d.heads.size()), 144);
                QVERIFY2(std::abs(d.logit - z[token]) < 1e-3, qPrintable(QStringLiteral("%1 vs %2").arg(d.logit).arg(z[token])));
                QVERIFY2(std::abs(d.mean_logit - mean) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(d.mean_logit).arg(mean)));
                QVERIFY2(std::abs(d.sum() - (z[token] - mean)) < 1e-4,
                         qPrintable(QStringLiteral("%1 vs %2").arg(d.sum()).arg(z[token] - mean)));
                // Not all in one part: the check above would pass trivially otherwise.
                QVERIFY(std::abs(d.attention_total()) > 1e-3 && std::abs(d.mlp_total()) > 1e-3);
            }
            // A head's pushes, read for one token, are its part of that token's attribution; the
            // largest push is at least the answer's, the most negative at most.
            // A mean computed once and passed in gives the same parts as one computed inside.
            const std::vector<double> unembeddingMean = al::unembedding_mean(*model);
            const al::DirectAttribution d = al::direct_attribution(*model, r, pos, top, &unembeddingMean);
            const al::DirectAttribution own = al::direct_attribution(*model, r, pos, top);
            QCOMPARE(d.above_mean, own.above_mean);
            QCOMPARE(d.mlp, own.mlp);
            for (int head : {0, 77, 143}) {
                const al::HeadDirectEffect e = al::head_direct_effect(*model, r, pos, head / 12, head % 12, 5);
                QCOMPARE(int(e.up.size()), 5);
                QVERIFY(e.up.front().push >= d.heads[size_t(head)] - 1e-4 && e.down.front().push <= d.heads[size_t(head)] + 1e-4);
                const al::DirectAttribution dUp = al::direct_attribution(*model, r, pos, e.up.front().token);
                QVERIFY2(std::abs(dUp.heads[size_t(head)] - e.up.front().push) < 1e-4,
                         qPrintable(QStringLiteral("%1 vs %2").arg(dUp.heads[size_t(head)]).arg(e.up.front().push)));
                for (size_t i = 1; i < e.up.size(); ++i) QVERIFY(e.up[i].push <= e.up[i - 1].push);
            }
        }
    }

    void refusesBadInput() {
        const std::vector<int> ids = fx_.ids(0);
        al::Runner runner(fx_.model);
        const al::ForwardResult plain = runner.forward(ids, {});
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, plain, 0, 0));
        al::ForwardOptions o;
        o.keep_hidden = true;
        const al::ForwardResult r = runner.forward(ids, o);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, r, int(ids.size()), 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, r, -1, 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, r, 0, fx_.model->config().vocab_size));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, r, 0, -1));
        const al::Config& cfg = fx_.model->config();
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, plain, 0, 0, 0, 3));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, int(ids.size()), 0, 0, 3));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, 0, cfg.n_layer, 0, 3));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, 0, 0, cfg.n_head, 3));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, 0, 0, -1, 3));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, 0, 0, 0, 0));
        const std::vector<double> wrongSize(size_t(cfg.n_embd + 1), 0.0);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_attribution(*fx_.model, r, 0, 0, &wrongSize));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::head_direct_effect(*fx_.model, r, 0, 0, 0, 3, &wrongSize));
    }
};

QTEST_APPLESS_MAIN(TestDirectAttribution)
#include "test_direct_attribution.moc"
