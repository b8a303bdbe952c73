// A property check inside a fuzz target: on failure it prints what broke and aborts, which
// libFuzzer reports as a crash and saves the input that caused it.
#pragma once
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                      \
    do {                                                                            \
        if (!(cond)) {                                                              \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
            std::abort();                                                           \
        }                                                                           \
    } while (0)
