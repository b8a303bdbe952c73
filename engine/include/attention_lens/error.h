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

// Thrown by a forward pass whose caller asked it to stop (ForwardOptions::cancel): the work was
// superseded, so there is nothing to report to the learner.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace al
