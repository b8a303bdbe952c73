// Starts the app's window as main.cpp does (the QML module from qrc, Main.qml) in a new engine,
// sized to `size` when one is given, shown and exposed. `beforeLoad` sees the engine before Main.qml
// loads (to install translations, say). Null when Main.qml does not load or the window is not exposed.
#pragma once
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSize>
#include <QTest>

#include <functional>
#include <memory>

namespace testing_support {

inline QQuickWindow* startMainWindow(std::unique_ptr<QQmlApplicationEngine>& engine, QSize size = {},
                                     const std::function<void(QQmlApplicationEngine&)>& beforeLoad = {}) {
    engine = std::make_unique<QQmlApplicationEngine>();
    if (beforeLoad)
        beforeLoad(*engine);
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->load(QUrl(QStringLiteral("qrc:/AttentionLens/Main.qml")));
    if (engine->rootObjects().isEmpty())
        return nullptr;
    auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().constFirst());
    if (!window)
        return nullptr;
    if (size.isValid())
        window->resize(size);
    window->show();
    return QTest::qWaitForWindowExposed(window) ? window : nullptr;
}

// The first T on the page that is on screen: one whose item (or the item that owns it) hangs from
// the window's content item. A page popped off the course's StackView keeps its objects until its
// deferred deletion runs, detached from the window: window->findChild() could return those.
template <class T>
T* onScreen(QQuickWindow* window) {
    for (T* candidate : window->findChildren<T*>()) {
        QObject* o = candidate;
        while (o && !qobject_cast<QQuickItem*>(o))
            o = o->parent();
        for (auto* item = qobject_cast<QQuickItem*>(o); item; item = item->parentItem())
            if (item == window->contentItem())
                return candidate;
    }
    return nullptr;
}

} // namespace testing_support
