// The trainer's window sampler draws what its options say, on a token file whose ids are their own
// positions (tokens[i] == i), so every window shows where each of its tokens came from:
//  * with no options, a window is one run of consecutive corpus tokens from offset
//    next_random(seed) % (size - n): the same windows as before the options existed, so earlier
//    runs still resume and reproduce;
//  * targets are the inputs shifted by one;
//  * --bos-frac 1 starts every window with <|endoftext|>; 0.5 about every other one;
//  * --repeat-frac 1 writes a passage of at least kMinRepeat tokens twice in every window, the copy
//    right after the original, then the text that followed the original;
//  * --random-repeat-frac makes that share of the repeated passages random token ids (never
//    <|endoftext|>) instead of corpus text;
//  * the same seed gives the same windows.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "window_sampler.h"
#include "plain_check.h"

using namespace al::train;

using testing_support::check;
using testing_support::failing_checks;

static bool consecutive(const int* w, int from, int to) {
    for (int i = from + 1; i < to; i++)
        if (w[i] != w[i - 1] + 1) return false;
    return true;
}

// For a window with one repeated passage: the position p of the copy's start and the passage
// length L (w[p..p+L) == w[p-L..p)), or false when no id occurs twice.
static bool find_repeat(const std::vector<int>& w, int& p, int& L) {
    for (int i = 1; i < static_cast<int>(w.size()); i++)
        for (int j = 0; j < i; j++)
            if (w[i] == w[j]) {
                p = i;
                L = i - j;
                return true;
            }
    return false;
}

int main() {
    // Long enough that two random offsets rarely land within one window of each other.
    const int N = 4000000, n = 257, bos = -7;
    std::vector<int> tokens(N);
    for (int i = 0; i < N; i++) tokens[i] = i;
    std::vector<int> w(n);

    {
        Sampler plain;
        uint64_t rng = 1337, ref = 1337;
        bool all = true;
        for (int k = 0; k < 200; k++) {
            sample_window(tokens, n, plain, rng, w.data());
            const int off = static_cast<int>(next_random(ref) % static_cast<uint64_t>(N - n));
            all = all && w[0] == off && consecutive(w.data(), 0, n);
        }
        check(all && rng == ref, "plain windows: consecutive tokens from next_random % (size - n), one draw each");
    }
    {
        Sampler plain;
        uint64_t rng = 7;
        const int B = 3, T = 256;
        std::vector<int> x(B * T), y(B * T);
        sample_batch(tokens, B, T, plain, rng, x, y);
        bool shifted = true;
        for (int i = 0; i < B * T; i++) shifted = shifted && y[i] == x[i] + 1;
        check(shifted, "sample_batch: targets are the inputs shifted by one");
    }
    {
        Sampler s;
        s.bos_id = bos;
        s.bos_frac = 1.0f;
        uint64_t rng = 1;
        bool all = true;
        for (int k = 0; k < 200; k++) {
            sample_window(tokens, n, s, rng, w.data());
            all = all && w[0] == bos && consecutive(w.data(), 1, n);
        }
        check(all, "--bos-frac 1: every window is <|endoftext|> then consecutive text");
        s.bos_frac = 0.5f;
        int with = 0;
        const int windows = 4000;
        for (int k = 0; k < windows; k++) {
            sample_window(tokens, n, s, rng, w.data());
            with += w[0] == bos;
        }
        const double share = static_cast<double>(with) / windows;
        std::printf("     share of windows starting with <|endoftext|> at --bos-frac 0.5: %.3f\n", share);
        check(std::fabs(share - 0.5) < 0.04, "--bos-frac 0.5: about half the windows start with <|endoftext|>");
    }
    {
        Sampler s;
        s.repeat_frac = 1.0f;
        uint64_t rng = 2;
        bool all = true;
        int shortest = n, longest = 0;
        for (int k = 0; k < 500; k++) {
            sample_window(tokens, n, s, rng, w.data());
            int p = 0, L = 0;
            if (!find_repeat(w, p, L)) {
                all = false;
                break;
            }
            shortest = std::min(shortest, L);
            longest = std::max(longest, L);
            const bool copy = p + L <= n && std::equal(w.begin() + p - L, w.begin() + p, w.begin() + p);
            // original passage, copy, then the text after the original: consecutive from p-L on,
            // once the copy is skipped; the prefix before the original is a run of its own.
            const bool rest = consecutive(w.data(), p - L, p) && (p + L >= n || w[p + L] == w[p - 1] + 1) &&
                              consecutive(w.data(), p + L, n) && consecutive(w.data(), 0, p - L);
            all = all && L >= kMinRepeat && L <= n / 3 && copy && rest;
        }
        std::printf("     repeated passages: %d to %d tokens\n", shortest, longest);
        check(all, "--repeat-frac 1: every window holds a passage of >= 16 tokens twice, then its continuation");
        check(longest - shortest > n / 6, "--repeat-frac 1: passage lengths vary over the allowed range");
    }
    {
        Sampler s;
        s.bos_id = bos;
        s.bos_frac = 0.5f;
        s.repeat_frac = 0.25f;
        uint64_t a = 42, b = 42;
        std::vector<int> wa(n), wb(n);
        bool same = true;
        int repeats = 0;
        for (int k = 0; k < 400; k++) {
            sample_window(tokens, n, s, a, wa.data());
            sample_window(tokens, n, s, b, wb.data());
            same = same && wa == wb;
            int p = 0, L = 0;
            repeats += find_repeat(wa, p, L);
        }
        check(same, "the same seed draws the same windows");
        std::printf("     windows with a repeated passage at --repeat-frac 0.25: %d of 400\n", repeats);
        check(repeats > 70 && repeats < 130, "--repeat-frac 0.25: about a quarter of the windows repeat a passage");
    }
    {
        // Random passages: ids below V (corpus ids here are offsets into 4M tokens, almost never that
        // small), never <|endoftext|>, written twice, between two runs of corpus text.
        const int V = 50, eot = 7;
        Sampler s;
        s.bos_id = eot;
        s.repeat_frac = 1.0f;
        s.random_repeat_frac = 1.0f;
        s.vocab = V;
        uint64_t rng = 3;
        bool all = true, no_eot = true;
        for (int k = 0; k < 500; k++) {
            sample_window(tokens, n, s, rng, w.data());
            int p = 0;
            while (p < n && w[p] >= V) p++;
            int q = p;
            while (q < n && w[q] < V) no_eot = no_eot && w[q] != eot, q++;
            const int L = (q - p) / 2;
            const bool copy = (q - p) % 2 == 0 && std::equal(w.begin() + p, w.begin() + p + L, w.begin() + p + L);
            all = all && L >= kMinRepeat && L <= n / 3 && copy && consecutive(w.data(), 0, p) &&
                  consecutive(w.data(), q, n) && (q == n || w[q] >= V);
        }
        check(all, "--random-repeat-frac 1: every repeated passage is random ids, written twice, between corpus text");
        check(no_eot, "--random-repeat-frac: random passages never hold <|endoftext|>");
        s.random_repeat_frac = 0.5f;
        int random = 0;
        for (int k = 0; k < 400; k++) {
            sample_window(tokens, n, s, rng, w.data());
            random += std::count_if(w.begin(), w.end(), [&](int id) { return id < V; }) > 0;
        }
        std::printf("     random passages at --random-repeat-frac 0.5: %d of 400\n", random);
        check(random > 160 && random < 240, "--random-repeat-frac 0.5: about half the repeated passages are random");
    }
    if (failing_checks()) std::printf("%d check(s) failed\n", failing_checks());
    return failing_checks() ? 1 : 0;
}
