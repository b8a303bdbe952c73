// BLAS thread settings: OneBlasThread runs BLAS on one thread for its lifetime (the cost meter's
// timings) and gives the previous thread count back, also when scopes nest.
#include "attention_lens/threads.h"

#include <QtTest/QtTest>

#include <cblas.h>

class TestThreads : public QObject {
    Q_OBJECT
private slots:
    void oneThreadWhileAliveThenRestored() {
        openblas_set_num_threads(2);
        const int before = openblas_get_num_threads();
        if (before < 2) QSKIP("this OpenBLAS runs on one thread only, so there is nothing to restore");
        {
            const al::OneBlasThread one;
            QCOMPARE(openblas_get_num_threads(), 1);
            {
                const al::OneBlasThread nested;
                QCOMPARE(openblas_get_num_threads(), 1);
            }
            QCOMPARE(openblas_get_num_threads(), 1); // the inner scope restores the outer's setting
        }
        QCOMPARE(openblas_get_num_threads(), before);
    }
};

QTEST_APPLESS_MAIN(TestThreads)
#include "test_threads.moc"
