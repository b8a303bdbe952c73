// Numbers on the training tools' command lines, read strictly: the whole text must be one number
// of the option's type. std::stoi reads "12abc" as 12 and "1e3" as 1, so a typo would train with
// a setting nobody asked for; this says which option is wrong and why instead.
#pragma once
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

namespace al::train {

// `text` as a T for the option `flag`; throws std::invalid_argument naming both otherwise.
template <class T>
T flag_number(const std::string& flag, const std::string& text) {
    static_assert(std::is_arithmetic_v<T>);
    T value{};
    const char* first = text.data();
    const char* last = first + text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    const char* kind = std::is_integral_v<T> ? (std::is_signed_v<T> ? "a whole number"
                                                                   : "a whole number of 0 or more")
                                             : "a number";
    if (ec == std::errc::result_out_of_range)
        throw std::invalid_argument(flag + ": \"" + text + "\" is out of range");
    if (text.empty() || ec != std::errc() || end != last)
        throw std::invalid_argument(flag + ": \"" + text + "\" is not " + kind);
    if constexpr (std::is_floating_point_v<T>)
        if (!std::isfinite(value)) throw std::invalid_argument(flag + ": \"" + text + "\" is not a finite number");
    return value;
}

} // namespace al::train
