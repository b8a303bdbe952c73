// A deadline that ends the process even when the GUI thread is blocked: a std::thread waits on a
// steady clock and, unless disarmed first, prints the message to stderr and calls _exit(code).
// --screenshot uses it so that a run that never finishes fails clearly instead of hanging.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace compute {

class Watchdog {
public:
    Watchdog() = default;
    ~Watchdog(); // disarms and joins
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    void arm(std::chrono::milliseconds timeout, std::string message, int exitCode);
    // What the armed deadline will print, from now on: the run's wait may change what it is for.
    void setMessage(std::string message);
    void disarm();

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool disarmed_ = false;
    std::string message_;
    std::thread thread_;
};

} // namespace compute
