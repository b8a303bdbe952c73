// Small probes shared by the soak benchmark and the long-run tests: the process's resident memory,
// and an item of the live QML scene found by its objectName.
#pragma once

#include <QFile>
#include <QList>
#include <QObject>
#include <QQuickItem>
#include <QString>
#include <unistd.h>

namespace probes {

// Resident set size in MB (/proc/self/statm), or -1 where it cannot be read.
inline double rssMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? double(parts[1].toLongLong()) * double(::sysconf(_SC_PAGESIZE)) / 1048576.0 : -1;
}

// The first object named `name` under `o`, through QObject children and visual children alike
// (items created by a Loader or a Repeater are parented only visually).
inline QObject* findByName(QObject* o, const QString& name) {
    if (!o) return nullptr;
    if (o->objectName() == name) return o;
    for (QObject* c : o->children())
        if (QObject* f = findByName(c, name)) return f;
    if (auto* item = qobject_cast<QQuickItem*>(o))
        for (QQuickItem* c : item->childItems())
            if (c->parent() != item)
                if (QObject* f = findByName(c, name)) return f;
    return nullptr;
}

} // namespace probes
