// The app's QML singletons are the same objects C++ uses (Type::instance(), owned by the
// application object): QML gets them through Type::create() and must never delete them, also
// when an engine goes away before the application does (tests make several engines).
#pragma once
#include <QJSEngine>

template <class T>
T* cppOwned(T* object) {
    QJSEngine::setObjectOwnership(object, QJSEngine::CppOwnership);
    return object;
}
