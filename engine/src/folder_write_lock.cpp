// FolderWriteLock (safe_file.h): one writer at a time for a folder the engine replaces.
#include "attention_lens/safe_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "safe_file_primitives.h"

namespace al {

namespace fs = std::filesystem;
using file_primitives::quoted_name;

namespace {
// A lock file as FolderWriteLock writes it: one name, a process id and a newline, or empty for the
// moment between its creation and the id being written. "" when the open file is one; else why not.
std::string why_not_a_lock_file(int fd, const struct stat& st) {
    if (st.st_nlink != 1) return "has other names (hard links)";
    constexpr off_t kMaxBytes = 24; // the longest process id and a newline
    if (st.st_size > kMaxBytes) return "holds more than a process id";
    char buf[kMaxBytes + 1] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n < 0) return std::string("cannot be read (") + std::strerror(errno) + ")";
    std::string text(buf, size_t(n));
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "holds more than a process id";
    return {};
}
} // namespace

FolderWriteLock::FolderWriteLock(const std::string& dest) {
    const fs::path target = fs::absolute(fs::path(dest)).lexically_normal();
    fs::path name = target.filename();
    if (name.empty()) name = target.parent_path().filename(); // "dir/" names dir
    const fs::path parent = target.filename().empty() ? target.parent_path().parent_path() : target.parent_path();
    if (name.empty() || name == "." || name == "..") {
        problem_ = dest + ": give a folder by its name";
        return;
    }
    std::error_code ec;
    fs::create_directories(parent, ec);
    // Appended piece by piece: GCC 12 warns about "." + a temporary string here (-Wrestrict, a
    // false positive).
    std::string lock_name = ".";
    lock_name += name.string();
    lock_name += ".lock";
    path_ = (parent / lock_name).string();
    // A few tries: a writer that just finished removes its lock file between our open() and flock().
    for (int attempt = 0; attempt < 5; ++attempt) {
        // A lock file is made by us (O_EXCL). One already there is taken over only when it can be
        // nothing but a lock file: the name may be a file of the learner's, or a hard link to one
        // elsewhere, and taking over truncates the file and removes its name at exit.
        int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST)
            fd = ::open(path_.c_str(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT) continue; // removed between the two opens
            problem_ = dest + ": cannot take the lock " + path_ + " (" + std::strerror(errno) + ")";
            return;
        }
        struct stat opened {};
        if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
            ::close(fd);
            problem_ = dest + ": " + path_ + " is not a regular file, so the lock cannot be taken";
            return;
        }
        if (const std::string why = why_not_a_lock_file(fd, opened); !why.empty()) {
            ::close(fd);
            problem_ = dest + ": " + quoted_name(path_) + " " + why + ", so it is not taken as the lock; move it away or give another folder";
            return;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int e = errno;
            char pid[32] = {};
            const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
            ::close(fd);
            if (e == EWOULDBLOCK) {
                busy_ = true;
                std::string who = "another process";
                if (n > 0) {
                    std::string digits(pid, size_t(n));
                    while (!digits.empty() && !std::isdigit(static_cast<unsigned char>(digits.back()))) digits.pop_back();
                    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
                        who += " (process " + digits + ")";
                }
                problem_ = dest + " is being written by " + who + "; wait for it to finish or give another folder";
            } else {
                problem_ = dest + ": cannot take the lock " + path_ + " (" + std::strerror(e) + ")";
            }
            return;
        }
        // The file locked must still be the one at the path (not one its last holder removed).
        struct stat now {};
        if (::lstat(path_.c_str(), &now) == 0 && now.st_dev == opened.st_dev && now.st_ino == opened.st_ino) {
            const std::string pid = std::to_string(::getpid()) + "\n";
            if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) < 0) { /* the pid is only for messages */ }
            fd_ = fd;
            return;
        }
        ::close(fd);
    }
    problem_ = dest + ": cannot take the lock " + path_ + " (it keeps changing)";
}

FolderWriteLock::~FolderWriteLock() {
    if (fd_ < 0) return;
    ::unlink(path_.c_str()); // removed while still locked, so no one can lock the old file after us
    ::close(fd_);
}

} // namespace al
