// The first step of every QML property setter: store the new value and say whether it differs
// from the old one, so that the setter emits its NOTIFY signal (and recomputes) only on a real
// change. QML bindings write a property again with its own value often; a signal for that would
// start jobs for nothing.
#pragma once
#include <utility>

template <class T, class U>
[[nodiscard]] bool assignIfChanged(T& field, U&& value) {
    if (field == value)
        return false;
    field = std::forward<U>(value);
    return true;
}
