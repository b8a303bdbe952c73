// The training tools read each number on their command lines whole (flag_number): a value that
// is a number of the option's type passes through; anything else, including a number with
// trailing text that std::stoi would have cut off, is refused with a message naming the option.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "flag_number.h"
#include "plain_check.h"

using al::train::flag_number;
using testing_support::check;
using testing_support::failing_checks;

// The message flag_number<T>(flag, text) throws, or "" when it accepts the text.
template <class T>
static std::string refusal(const std::string& flag, const std::string& text) {
    try {
        flag_number<T>(flag, text);
        return "";
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
}

int main() {
    check(flag_number<int>("--steps", "3000") == 3000, "an int");
    check(flag_number<int>("--bos-id", "-1") == -1, "a negative int");
    check(flag_number<long long>("--steps", "5000000000") == 5000000000LL, "a long long");
    check(flag_number<uint64_t>("--seed", "18446744073709551615") == UINT64_MAX, "the largest uint64");
    check(flag_number<float>("--lr", "3e-4") == 3e-4f, "a float in exponent form");
    check(flag_number<double>("--max-minutes", "2.5") == 2.5, "a double");

    check(refusal<int>("--steps", "12abc") == "--steps: \"12abc\" is not a whole number", "trailing text");
    check(refusal<int>("--steps", "1e3") == "--steps: \"1e3\" is not a whole number", "an exponent for an int");
    check(refusal<int>("--steps", "2.5") == "--steps: \"2.5\" is not a whole number", "a fraction for an int");
    check(refusal<int>("--steps", "") == "--steps: \"\" is not a whole number", "an empty value");
    check(refusal<int>("--steps", " 12") == "--steps: \" 12\" is not a whole number", "a leading space");
    check(refusal<uint64_t>("--seed", "-1") == "--seed: \"-1\" is not a whole number of 0 or more", "a negative seed");
    check(refusal<int>("--steps", "3000000000") == "--steps: \"3000000000\" is out of range", "an int too large");
    check(refusal<float>("--lr", "x") == "--lr: \"x\" is not a number", "a word for a float");
    check(refusal<float>("--lr", "1e39") == "--lr: \"1e39\" is out of range", "a float too large");
    check(refusal<float>("--lr", "nan") == "--lr: \"nan\" is not a finite number", "nan");
    check(refusal<double>("--max-minutes", "inf") == "--max-minutes: \"inf\" is not a finite number", "inf");

    if (failing_checks()) std::printf("%d check(s) failed\n", failing_checks());
    return failing_checks() ? 1 : 0;
}
