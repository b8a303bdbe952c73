// Next-token sampling: the distribution after temperature, top-k and top-p, greedy decoding, seeds,
// and draws whose frequencies match the distribution.
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

const std::vector<float> kLogits = {1.0f, 3.0f, -2.0f, 0.5f, 2.5f, 3.0f, -INFINITY, 0.0f};

std::vector<double> softmax(const std::vector<float>& x, double temp) {
    double mx = -INFINITY;
    for (float v : x) mx = std::max(mx, double(v));
    std::vector<double> p(x.size());
    double s = 0;
    for (size_t i = 0; i < x.size(); i++) s += (p[i] = std::exp((x[i] - mx) / temp));
    for (double& v : p) v /= s;
    return p;
}

int nonzero(const std::vector<float>& p) {
    return int(std::count_if(p.begin(), p.end(), [](float v) { return v > 0.0f; }));
}

} // namespace

class TestSampling : public QObject {
    Q_OBJECT
private slots:
    void plainSoftmax() {
        for (double temp : {1.0, 0.5, 2.0}) {
            al::SamplingOptions o;
            o.temperature = float(temp);
            const auto p = al::sampling_distribution(kLogits, o);
            const auto ref = softmax(kLogits, temp);
            QCOMPARE(p.size(), kLogits.size());
            QVERIFY(std::fabs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-6);
            for (size_t i = 0; i < p.size(); i++) QVERIFY(std::fabs(p[i] - ref[i]) < 1e-6);
            QCOMPARE(p[6], 0.0f); // -inf logit
        }
        // A higher temperature flattens: the top probability drops.
        al::SamplingOptions cold, hot;
        cold.temperature = 0.5f;
        hot.temperature = 2.0f;
        QVERIFY(al::sampling_distribution(kLogits, hot)[1] < al::sampling_distribution(kLogits, cold)[1]);
    }

    void greedy() {
        al::SamplingOptions o;
        o.temperature = 0.0f;
        const auto p = al::sampling_distribution(kLogits, o);
        QCOMPARE(p[1], 1.0f); // first of the two maxima
        QCOMPARE(nonzero(p), 1);
        al::Sampler s(5);
        for (int i = 0; i < 20; i++) QCOMPARE(s.sample(kLogits, o), 1);
    }

    void topK() {
        for (int k : {1, 2, 3, 5}) {
            al::SamplingOptions o;
            o.top_k = k;
            const auto p = al::sampling_distribution(kLogits, o);
            QCOMPARE(nonzero(p), k);
            QVERIFY(std::fabs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-6);
            // The kept ones are the k largest, in their original proportions.
            const auto ref = softmax(kLogits, 1.0);
            std::vector<int> order(kLogits.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return ref[a] > ref[b]; });
            double mass = 0;
            for (int r = 0; r < k; r++) mass += ref[order[r]];
            for (int r = 0; r < k; r++) QVERIFY(std::fabs(p[order[r]] - ref[order[r]] / mass) < 1e-6);
        }
        al::SamplingOptions big;
        big.top_k = 100;
        QCOMPARE(nonzero(al::sampling_distribution(kLogits, big)), 7);
    }

    void topP() {
        const auto ref = softmax(kLogits, 1.0);
        std::vector<double> sorted(ref.begin(), ref.end());
        std::sort(sorted.rbegin(), sorted.rend());
        for (float top_p : {0.1f, 0.3f, 0.5f, 0.8f, 0.95f, 0.999f}) {
            al::SamplingOptions o;
            o.top_p = top_p;
            const auto p = al::sampling_distribution(kLogits, o);
            // The smallest prefix of the sorted probabilities whose mass reaches top_p.
            int expect = 0;
            double cum = 0;
            while (cum < top_p) cum += sorted[expect++];
            QCOMPARE(nonzero(p), expect);
            QVERIFY(std::fabs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-6);
        }
    }

    void rejectsBadOptions() {
        al::SamplingOptions o;
        o.temperature = -1.0f;
        QVERIFY_THROWS_EXCEPTION(al::Error, al::sampling_distribution(kLogits, o));
        o = {};
        o.top_p = 0.0f;
        QVERIFY_THROWS_EXCEPTION(al::Error, al::sampling_distribution(kLogits, o));
        o.top_p = 1.5f;
        QVERIFY_THROWS_EXCEPTION(al::Error, al::sampling_distribution(kLogits, o));
        o = {};
        QVERIFY_THROWS_EXCEPTION(al::Error, al::sampling_distribution({}, o));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::sampling_distribution({1.0f, NAN}, o));
    }

    void seeded() {
        al::SamplingOptions o;
        o.top_k = 5;
        al::Sampler a(42), b(42), c(43);
        std::vector<int> ta, tb, tc;
        for (int i = 0; i < 50; i++) {
            ta.push_back(a.sample(kLogits, o));
            tb.push_back(b.sample(kLogits, o));
            tc.push_back(c.sample(kLogits, o));
        }
        QCOMPARE(ta, tb);
        QVERIFY(ta != tc);
    }

    // Frequencies over many draws match the distribution (chi-square, 6 degrees of freedom:
    // the 0.1% critical value is 22.5; the seed is fixed, so this is deterministic).
    void frequenciesMatch() {
        al::SamplingOptions o;
        o.temperature = 1.3f;
        const auto p = al::sampling_distribution(kLogits, o);
        al::Sampler s(7);
        const int n = 200000;
        std::vector<int> count(kLogits.size(), 0);
        for (int i = 0; i < n; i++) count[s.sample(kLogits, o)]++;
        QCOMPARE(count[6], 0);
        double chi2 = 0;
        for (size_t i = 0; i < p.size(); i++) {
            if (p[i] <= 0) continue;
            const double e = n * double(p[i]);
            chi2 += (count[i] - e) * (count[i] - e) / e;
        }
        QVERIFY2(chi2 < 22.5, qPrintable(QString("chi2 %1").arg(chi2)));
        // And a sampler that ignored the distribution would fail: uniform counts give a huge chi2.
        double chi2_uniform = 0;
        for (size_t i = 0; i < p.size(); i++) {
            if (p[i] <= 0) continue;
            const double e = n * double(p[i]), u = n / 7.0;
            chi2_uniform += (u - e) * (u - e) / e;
        }
        QVERIFY(chi2_uniform > 1000);
    }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "test_sampling.moc"
