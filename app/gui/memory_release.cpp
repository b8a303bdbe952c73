#include "memory_release.h"

#include <QJSEngine>
#include <QPointer>
#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace memory_release {

void configureAllocator() {
#if defined(__GLIBC__)
    if (qEnvironmentVariable("AL_MALLOC_TUNE") == QLatin1String("0"))
        return;
    ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    ::mallopt(M_ARENA_MAX, 2);
#endif
}

void releaseSoon(QJSEngine* engine) {
    static const bool enabled = qEnvironmentVariable("AL_MALLOC_TRIM") != QLatin1String("0");
    static bool pending = false;
    if (!enabled || pending)
        return;
    pending = true;
    QTimer::singleShot(1000, [e = QPointer<QJSEngine>(engine)] {
        pending = false;
        if (e)
            e->collectGarbage();
#if defined(__GLIBC__)
        ::malloc_trim(0);
#endif
    });
}

} // namespace memory_release
