// The engine's softmax (engine/src/kernels/softmax.h) against a double-precision reference:
// weights never negative, each row summing to 1, vanishing weights exactly 0, in place or not,
// on the lengths the forward pass meets (a single score, remainders of the 8-lane loops, a
// 50,257-entry logit row).
#include "kernels/softmax.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

// softmax(x) in double with libm's exp: the reference.
std::vector<double> reference(const std::vector<float>& x) {
    double mx = -std::numeric_limits<double>::infinity();
    for (float v : x) mx = std::fmax(mx, v);
    std::vector<double> p(x.size());
    double sum = 0.0;
    for (size_t i = 0; i < x.size(); i++) sum += (p[i] = std::exp(static_cast<double>(x[i]) - mx));
    for (double& v : p) v /= sum;
    return p;
}

} // namespace

class TestSoftmax : public QObject {
    Q_OBJECT
private slots:
    void matchesReference_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<float>("spread");
        for (int n : {1, 2, 7, 8, 9, 63, 64, 65, 511, 512, 513, 1024, 50257})
            QTest::addRow("n%d", n) << n << 8.0f;
        QTest::addRow("wide-scores") << 300 << 60.0f;
        QTest::addRow("logits") << 50257 << 25.0f;
    }
    void matchesReference() {
        QFETCH(int, n);
        QFETCH(float, spread);
        std::mt19937 rng(static_cast<unsigned>(n));
        std::normal_distribution<float> d(0.0f, spread);
        std::vector<float> x(static_cast<size_t>(n));
        for (float& v : x) v = d(rng);
        const std::vector<double> ref = reference(x);
        std::vector<float> p(x.size());
        al::kernels::softmax_row(p.data(), x.data(), n);
        double sum = 0.0, worst = 0.0;
        for (int i = 0; i < n; i++) {
            QVERIFY2(p[i] >= 0.0f, qPrintable(QString("negative weight %1 at %2").arg(p[i]).arg(i)));
            sum += p[i];
            worst = std::fmax(worst, std::fabs(p[i] - ref[i]) / std::fmax(ref[i], 1e-30));
            if (ref[i] > 1e-30) QVERIFY2(std::fabs(p[i] - ref[i]) <= 1e-5 * ref[i] + 1e-12,
                                         qPrintable(QString("p[%1] = %2, reference %3").arg(i).arg(p[i]).arg(ref[i])));
        }
        QVERIFY2(std::fabs(sum - 1.0) < 1e-5, qPrintable(QString("row sums to %1").arg(sum, 0, 'g', 10)));
        // In place gives the same bits as into another buffer.
        std::vector<float> y = x;
        al::kernels::softmax_row(y.data(), y.data(), n);
        QCOMPARE(y, p);
    }

    void vanishingWeightsAreExactlyZero() {
        // A score 1e8 below the row's maximum, one 90 below, and a masked -inf: e^-90 is below the
        // smallest normal float, so each weight is 0, not a clamp's 1.2e-38.
        std::vector<float> x = {3.0f, 3.0f - 1e8f, 1.0f, 3.0f - 90.0f, -std::numeric_limits<float>::infinity(),
                                2.0f, 3.0f - 1e8f, 0.5f, 3.0f - 1e8f, -1e30f, 3.0f};
        std::vector<float> p(x.size());
        al::kernels::softmax_row(p.data(), x.data(), static_cast<int>(x.size()));
        for (int i : {1, 3, 4, 6, 8, 9}) QCOMPARE(p[static_cast<size_t>(i)], 0.0f);
        const std::vector<double> ref = reference(x);
        double sum = 0.0;
        for (size_t i = 0; i < x.size(); i++) {
            QVERIFY(p[i] >= 0.0f);
            QVERIFY(std::fabs(p[i] - ref[i]) <= 1e-6);
            sum += p[i];
        }
        QVERIFY(std::fabs(sum - 1.0) < 1e-6);
        // 87 below the maximum still counts: e^-87 is a normal float.
        std::vector<float> near = {0.0f, -87.0f};
        al::kernels::softmax_row(near.data(), near.data(), 2);
        QVERIFY(near[1] > 0.0f);
        QVERIFY(std::fabs(near[1] / std::exp(-87.0) - 1.0) < 1e-5);
    }

    void oneScoreIsCertain() {
        float x = -42.0f, p = 0.0f;
        al::kernels::softmax_row(&p, &x, 1);
        QCOMPARE(p, 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestSoftmax)
#include "test_softmax.moc"
