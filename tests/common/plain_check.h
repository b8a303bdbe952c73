// The checks of the tests that run without Qt Test (tests/training): each prints "ok" or "FAIL"
// with what it checked, and main returns failing_checks() ? 1 : 0.
#pragma once
#include <cstdio>
#include <string>

namespace testing_support {

inline int& failing_checks() {
    static int n = 0;
    return n;
}

inline void check(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) failing_checks()++;
}

} // namespace testing_support
