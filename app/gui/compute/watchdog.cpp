#include "compute/watchdog.h"

#include <cstdio>
#include <unistd.h>

namespace compute {

Watchdog::~Watchdog() { disarm(); }

void Watchdog::arm(std::chrono::milliseconds timeout, std::string message, int exitCode) {
    disarm();
    {
        std::lock_guard lock(mutex_);
        disarmed_ = false;
        message_ = std::move(message);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    thread_ = std::thread([this, deadline, exitCode] {
        std::unique_lock lock(mutex_);
        if (cv_.wait_until(lock, deadline, [this] { return disarmed_; }))
            return;
        // Straight to the file descriptor and out: nothing here may wait for the GUI thread.
        std::fputs(message_.c_str(), stderr);
        std::fputc('\n', stderr);
        std::fflush(stderr);
        _exit(exitCode);
    });
}

void Watchdog::setMessage(std::string message) {
    std::lock_guard lock(mutex_);
    message_ = std::move(message);
}

void Watchdog::disarm() {
    {
        std::lock_guard lock(mutex_);
        disarmed_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

} // namespace compute
