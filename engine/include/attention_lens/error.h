// One exception type for everything the engine refuses: a bad file, a bad shape, a bad request.
// The message is meant for a person: which file, which tensor, what is wrong.
#pragma once
#include <stdexcept>
#include <string>

namespace al {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace al
