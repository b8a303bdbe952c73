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
// What a lock file says: this prefix, the holder's process id and a newline. The words, not bare
// digits, are what tell a lock of ours from a learner's file that happens to have the name.
constexpr char kLockPrefix[] = "attention-lens lock, process ";

enum class Found { Lock, Empty, Other };

// What the open file at the lock's path is, and (for Other) why it is not taken.
Found what_is_there(int fd, const struct stat& st, std::string& why, std::string& pid) {
    if (st.st_nlink != 1) {
        why = "has other names (hard links)";
        return Found::Other;
    }
    constexpr off_t kMaxBytes = 64; // the prefix, the longest process id and a newline
    if (st.st_size == 0) return Found::Empty;
    if (st.st_size > kMaxBytes) {
        why = "is not a lock file of this program";
        return Found::Other;
    }
    char buf[kMaxBytes + 1] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n < 0) {
        why = std::string("cannot be read (") + std::strerror(errno) + ")";
        return Found::Other;
    }
    std::string text(buf, size_t(n));
    if (text.empty()) return Found::Empty;
    if (text.back() == '\n') text.pop_back();
    const std::string prefix = kLockPrefix;
    const bool ours = text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
                      std::all_of(text.begin() + std::ptrdiff_t(prefix.size()), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ours) {
        why = "is not a lock file of this program";
        return Found::Other;
    }
    pid = text.substr(prefix.size());
    return Found::Lock;
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
        const bool created = fd >= 0;
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
        std::string why, pid;
        const Found found = created ? Found::Empty : what_is_there(fd, opened, why, pid);
        if (found == Found::Other) {
            ::close(fd);
            problem_ = dest + ": " + quoted_name(path_) + " " + why + ", so it is not taken as the lock; move it away or give another folder";
            return;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int e = errno;
            ::close(fd);
            if (e == EWOULDBLOCK) {
                busy_ = true;
                problem_ = dest + " is being written by another process" + (pid.empty() ? "" : " (process " + pid + ")") +
                           "; wait for it to finish or give another folder";
            } else {
                problem_ = dest + ": cannot take the lock " + path_ + " (" + std::strerror(e) + ")";
            }
            return;
        }
        // The file locked must still be the one at the path (not one its last holder removed).
        struct stat now {};
        if (::lstat(path_.c_str(), &now) == 0 && now.st_dev == opened.st_dev && now.st_ino == opened.st_ino) {
            const std::string says = kLockPrefix + std::to_string(::getpid()) + "\n";
            if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, says.data(), says.size(), 0) < 0) { /* the id is only for messages */ }
            fd_ = fd;
            removeAtRelease_ = created || found == Found::Lock;
            return;
        }
        ::close(fd);
    }
    problem_ = dest + ": cannot take the lock " + path_ + " (it keeps changing)";
}

FolderWriteLock::~FolderWriteLock() {
    if (fd_ < 0) return;
    if (removeAtRelease_)
        ::unlink(path_.c_str()); // removed while still locked, so no one can lock the old file after us
    else if (::ftruncate(fd_, 0) != 0) { /* an empty file found: left as it was found, empty */ }
    ::close(fd_);
}

} // namespace al
