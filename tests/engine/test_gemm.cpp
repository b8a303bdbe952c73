// The engine's AVX-512 matrix product (engine/src/kernels/gemm_avx512.h) against a plain double-precision loop:
// every remainder the blocking creates (rows past a multiple of 8, columns past a multiple of 48,
// depths past a multiple of 256), strided operands, a transposed B, accumulation into C, and one
// or two threads giving bit-identical results.
#include "kernels/gemm.h"
#include "kernels/gemm_avx512.h"

#include <QtTest/QtTest>

#include <cblas.h>

#include <cmath>
#include <random>
#include <vector>

namespace {

struct Case { int M, N, K; bool trans_b; int pad; };

// C + A . op(B) in double, the reference.
std::vector<double> reference(const Case& c, const std::vector<float>& A, int lda, const std::vector<float>& B, int ldb,
                              const std::vector<float>& C0, int ldc) {
    std::vector<double> out(static_cast<size_t>(c.M) * c.N);
    for (int i = 0; i < c.M; i++)
        for (int j = 0; j < c.N; j++) {
            double s = C0[static_cast<size_t>(i) * ldc + j];
            for (int k = 0; k < c.K; k++) {
                const float b = c.trans_b ? B[static_cast<size_t>(j) * ldb + k] : B[static_cast<size_t>(k) * ldb + j];
                s += static_cast<double>(A[static_cast<size_t>(i) * lda + k]) * b;
            }
            out[static_cast<size_t>(i) * c.N + j] = s;
        }
    return out;
}

} // namespace

class TestGemm : public QObject {
    Q_OBJECT
private slots:
    void matchesReference_data() {
        QTest::addColumn<int>("M");
        QTest::addColumn<int>("N");
        QTest::addColumn<int>("K");
        QTest::addColumn<bool>("transB");
        QTest::addColumn<int>("pad");
        for (int M : {1, 3, 7, 8, 9, 17, 32, 33})
            QTest::addRow("M%d", M) << M << 100 << 300 << false << 0;
        for (int N : {1, 15, 16, 17, 47, 48, 49, 97, 2304})
            QTest::addRow("N%d", N) << 10 << N << 64 << false << 0;
        for (int K : {1, 255, 256, 257, 769})
            QTest::addRow("K%d", K) << 9 << 50 << K << false << 0;
        QTest::addRow("strided") << 13 << 70 << 300 << false << 5;
        QTest::addRow("transposed") << 11 << 101 << 270 << true << 0;
        QTest::addRow("transposed-strided") << 5 << 49 << 33 << true << 3;
    }
    void matchesReference() {
        if (!al::kernels::gemm_uses_avx512()) QSKIP("no AVX-512 on this CPU (or AL_GEMM=blas): OpenBLAS does every product");
        QFETCH(int, M); QFETCH(int, N); QFETCH(int, K); QFETCH(bool, transB); QFETCH(int, pad);
        const Case c{M, N, K, transB, pad};
        const int lda = K + pad, ldc = N + pad, ldb = (transB ? K : N) + pad;
        std::mt19937 rng(static_cast<unsigned>(M * 131 + N * 7 + K));
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        std::vector<float> A(static_cast<size_t>(M) * lda), B(static_cast<size_t>(transB ? N : K) * ldb),
            C(static_cast<size_t>(M) * ldc);
        for (float& x : A) x = u(rng);
        for (float& x : B) x = u(rng);
        for (float& x : C) x = u(rng);
        const std::vector<double> want = reference(c, A, lda, B, ldb, C, ldc);
        const std::vector<float> before = C;
        al::kernels::gemm_avx512(M, N, K, A.data(), lda, B.data(), ldb, transB, C.data(), ldc);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                const double got = C[static_cast<size_t>(i) * ldc + j], w = want[static_cast<size_t>(i) * N + j];
                if (std::fabs(got - w) > 1e-5 * (1.0 + std::sqrt(static_cast<double>(K))))
                    QFAIL(qPrintable(QString("C[%1][%2] = %3, expected %4").arg(i).arg(j).arg(got).arg(w)));
            }
            for (int j = N; j < ldc; j++) // the padding between rows is never written
                QCOMPARE(C[static_cast<size_t>(i) * ldc + j], before[static_cast<size_t>(i) * ldc + j]);
        }
    }

    // Threads split the columns; each element is summed in the same order, so the result is the
    // same to the bit whatever the thread count.
    void threadCountDoesNotChangeResults() {
        if (!al::kernels::gemm_uses_avx512()) QSKIP("no AVX-512 on this CPU (or AL_GEMM=blas)");
        const int M = 64, N = 2304, K = 768;
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        std::vector<float> A(static_cast<size_t>(M) * K), B(static_cast<size_t>(K) * N);
        for (float& x : A) x = u(rng);
        for (float& x : B) x = u(rng);
        const int previous = openblas_get_num_threads();
        std::vector<float> one(static_cast<size_t>(M) * N, 0.0f), two(one.size(), 0.0f);
        openblas_set_num_threads(1);
        al::kernels::gemm_avx512(M, N, K, A.data(), K, B.data(), N, false, one.data(), N);
        openblas_set_num_threads(2);
        al::kernels::gemm_avx512(M, N, K, A.data(), K, B.data(), N, false, two.data(), N);
        openblas_set_num_threads(previous);
        QVERIFY(one == two);
    }

    // The dispatch (kernels/gemm.h) on whichever kernel this CPU gets, with GPT-2's GELU applied
    // once the sum is complete: gelu_new(C + A . B), against the double-precision formula.
    void dispatchAppliesGeluAfterTheSum() {
        const Case c{19, 130, 300, false, 0};
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> u(-0.3f, 0.3f);
        std::vector<float> A(static_cast<size_t>(c.M) * c.K), B(static_cast<size_t>(c.K) * c.N),
            C(static_cast<size_t>(c.M) * c.N);
        for (float& x : A) x = u(rng);
        for (float& x : B) x = u(rng);
        for (float& x : C) x = u(rng);
        const std::vector<double> sum = reference(c, A, c.K, B, c.N, C, c.N);
        al::kernels::gemm(c.M, c.N, c.K, A.data(), c.K, B.data(), c.N, false, C.data(), c.N,
                          al::kernels::GemmEpilogue::GeluTanh);
        for (size_t i = 0; i < C.size(); i++) {
            const double x = sum[i];
            const double want = 0.5 * x * (1.0 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
            if (std::fabs(C[i] - want) > 1e-4)
                QFAIL(qPrintable(QString("C[%1] = %2, expected gelu(%3) = %4").arg(i).arg(C[i]).arg(x).arg(want)));
        }
    }
};

QTEST_APPLESS_MAIN(TestGemm)
#include "test_gemm.moc"
