#include "attention_lens/safe_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <cctype>
#include <filesystem>
#include <optional>
#include <vector>

#include "attention_lens/error.h"

namespace al {

namespace fs = std::filesystem;

namespace {

std::string kind_of(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

// Creates "<prefix>XXXXXX" (six random letters or digits) exclusively, as mkstemp does, but with
// `mode` (0666: the umask and a folder's default ACL decide, as for any new file). O_EXCL with
// O_NOFOLLOW: a link planted under that name makes it fail, it is never followed. The descriptor,
// or -1 with errno set.
int create_temporary(const std::string& prefix, mode_t mode, std::string& name) {
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 100; ++attempt) {
        unsigned char random[6];
        if (::getentropy(random, sizeof random) != 0) return -1;
        name = prefix;
        for (const unsigned char r : random) name += letters[r % 62];
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

FileBytes with(FileProblem problem) {
    FileBytes out;
    out.problem = problem;
    return out;
}

FileBytes unreadable(int error) {
    FileBytes out;
    out.problem = FileProblem::Unreadable;
    out.error = error;
    return out;
}

// write() until all of `bytes` is written; false (errno set) on the first failure. A short write
// (a full disk) is retried once more and then reported as ENOSPC by write() itself.
bool write_all(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) {
            errno = ENOSPC;
            return false;
        }
        p += n;
        left -= size_t(n);
    }
    return true;
}

std::string folder_of(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

} // namespace

FileBytes read_regular_file(const std::string& path, uint64_t max_bytes, Links links) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0)
        return errno == ENOENT || errno == ENOTDIR ? with(FileProblem::Missing) : unreadable(errno);
    if (S_ISLNK(st.st_mode) && links == Links::Refuse) return with(FileProblem::Link);
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
    if (links == Links::Refuse) flags |= O_NOFOLLOW;
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) {
        if (errno == ELOOP && links == Links::Refuse) return with(FileProblem::Link);
        return errno == ENOENT || errno == ENOTDIR ? with(FileProblem::Missing) : unreadable(errno);
    }
    FileBytes out;
    if (::fstat(fd, &st) != 0) {
        out = unreadable(errno);
    } else if (!S_ISREG(st.st_mode)) {
        out.problem = FileProblem::NotRegular;
        out.kind = kind_of(st.st_mode);
    } else if (uint64_t(st.st_size) > max_bytes) {
        out.problem = FileProblem::TooLarge;
        out.size = uint64_t(st.st_size);
    } else {
        // Read one byte more than fstat promised: a file that grew meanwhile is not taken half.
        out.bytes.resize(size_t(st.st_size) + 1);
        size_t have = 0;
        while (have < out.bytes.size()) {
            const ssize_t n = ::read(fd, out.bytes.data() + have, out.bytes.size() - have);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                out = unreadable(errno);
                break;
            }
            if (n == 0) break;
            have += size_t(n);
        }
        if (out.problem == FileProblem::None) {
            if (have != uint64_t(st.st_size)) {
                out = unreadable(EIO); // cut short or grown while read
                out.kind = "changed";
            } else {
                out.bytes.resize(have);
                out.size = have;
            }
        }
    }
    ::close(fd);
    return out;
}

std::string non_regular_kind(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return "";
    return kind_of(st.st_mode);
}

std::string describe(const FileBytes& read, uint64_t max_bytes) {
    switch (read.problem) {
    case FileProblem::None: return "";
    case FileProblem::Missing: return "does not exist";
    case FileProblem::Link: return "is a symbolic link, which is not followed here";
    case FileProblem::NotRegular: return "is " + read.kind + ", not a regular file";
    case FileProblem::TooLarge:
        return "is " + std::to_string(read.size) + " bytes, more than the " + std::to_string(max_bytes) +
               " bytes allowed";
    case FileProblem::Unreadable:
        if (read.kind == "changed") return "changed while it was read";
        return "cannot be read (" + std::string(std::strerror(read.error)) + ")";
    }
    return "cannot be read";
}

std::string read_model_file(const std::string& path, uint64_t max_bytes, const std::string& what) {
    FileBytes read = read_regular_file(path, max_bytes, Links::Follow);
    if (read.problem == FileProblem::Missing) throw Error(path + ": cannot open " + what + " (it does not exist)");
    if (read.problem != FileProblem::None) throw Error(path + ": " + what + " " + describe(read, max_bytes));
    return std::move(read.bytes);
}

std::string write_file_atomically(const std::string& path, std::string_view bytes) {
    // Only a regular file, a link to one or a dangling link is replaced: a device, a pipe, a socket
    // or a folder at the path (or a link to one, such as /dev/stdout) is someone else's, and the
    // rename would put a file in its place.
    struct stat at {};
    if (::lstat(path.c_str(), &at) == 0 && !S_ISREG(at.st_mode)) {
        struct stat target {};
        if (!S_ISLNK(at.st_mode))
            return "it is " + kind_of(at.st_mode) + ", not a regular file, and is left as it is";
        if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode))
            return "it is a link to " + kind_of(target.st_mode) + ", not to a regular file, and is left as it is";
    }
    // The file that takes the place of an existing one keeps its permissions (a private 0600 file
    // stays private); a new one gets what open() gives under the learner's umask and default ACLs.
    const bool replaces_file = ::lstat(path.c_str(), &at) == 0 && S_ISREG(at.st_mode);
    std::string tmp;
    // Private while it is written (0600), then given the old file's bits.
    const int fd = create_temporary(path + ".saving-", replaces_file ? 0600 : 0666, tmp);
    if (fd < 0) return std::strerror(errno);
    int error = 0;
    if (!write_all(fd, bytes)) error = errno;
    struct stat st {};
    if (!error && (::fstat(fd, &st) != 0 || uint64_t(st.st_size) != bytes.size())) error = errno ? errno : EIO;
    if (!error && replaces_file && ::fchmod(fd, at.st_mode & 0777) != 0) error = errno;
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    // rename() replaces whatever is at `path`, a link included, and never writes through it.
    if (!error && std::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(tmp.c_str());
        return std::strerror(error);
    }
    return "";
}

void remove_stale_temporaries(const std::string& path, long min_age_seconds) {
    const std::string folder = folder_of(path);
    const std::string prefix = fs::path(path).filename().string() + ".saving-";
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    std::vector<std::string> stale;
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        if (name.size() == prefix.size() + 6 && name.compare(0, prefix.size(), prefix) == 0) stale.push_back(name);
    }
    ::closedir(dir);
    for (const std::string& name : stale) {
        const std::string full = folder + "/" + name;
        struct stat st {};
        if (::lstat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            (min_age_seconds <= 0 || std::time(nullptr) - st.st_mtime >= min_age_seconds))
            ::unlink(full.c_str());
    }
}

namespace {

// A file name as a message may quote it: control bytes (a terminal's escape sequences) as \xNN.
std::string quoted_name(const std::string& name) {
    std::string out;
    for (const unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out;
}

bool is_one_of(const std::string& name, const std::vector<std::string>& names) {
    for (const std::string& n : names)
        if (n == name) return true;
    return false;
}

// The entries of `folder` that are not regular files named in `ours`, as a message lists them
// ("a.txt", "sub/"), sorted; "" in `error` unless the folder could not be read.
std::vector<std::string> foreign_entries(const std::string& folder, const std::vector<std::string>& ours,
                                         std::string& error) {
    std::vector<std::string> out;
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) {
        error = std::strerror(errno);
        return out;
    }
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st {};
        const bool known = ::lstat((folder + "/" + name).c_str(), &st) == 0;
        if (known && S_ISREG(st.st_mode) && is_one_of(name, ours)) continue;
        out.push_back(quoted_name(name) + (known && S_ISDIR(st.st_mode) ? "/" : ""));
    }
    ::closedir(dir);
    std::sort(out.begin(), out.end());
    return out;
}

bool is_temporary_name(const std::string& name, const std::string& prefix);

// Deletes the regular files named in `ours` from `folder`, and the "<name>.saving-XXXXXX" files a
// killed write_file_atomically of one of them left, then the folder if that emptied it. Nothing
// else is ever deleted: what is left stays where it is.
void remove_our_files(const std::string& folder, const std::vector<std::string>& ours) {
    std::vector<std::string> names = ours;
    if (DIR* dir = ::opendir(folder.c_str())) {
        while (const dirent* e = ::readdir(dir)) {
            const std::string entry = e->d_name;
            for (const std::string& name : ours)
                if (is_temporary_name(entry, name + ".saving-")) names.push_back(entry);
        }
        ::closedir(dir);
    }
    for (const std::string& name : names) {
        const std::string full = folder + "/" + name;
        struct stat st {};
        if (::lstat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode)) ::unlink(full.c_str());
    }
    ::rmdir(folder.c_str());
}

// A folder this process is filling or holding aside, locked (flock) for as long as it is in use:
// the lock ends with the process, however it ends, so a folder of ours that nobody holds locked
// is a leftover of a killed run.
class HeldFolder {
public:
    explicit HeldFolder(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~HeldFolder() {
        if (fd_ >= 0) ::close(fd_);
    }
    HeldFolder(const HeldFolder&) = delete;
    HeldFolder& operator=(const HeldFolder&) = delete;

private:
    int fd_;
};

// mkdtemp's six letters after `prefix`, exactly.
bool is_temporary_name(const std::string& name, const std::string& prefix) {
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) return false;
    return std::all_of(name.begin() + long(prefix.size()), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// Cleans what replace_folder_atomically calls for `final_path` left when they were killed: their
// ".<name>.writing-XXXXXX" and ".<name>.previous-XXXXXX" folders that no live process holds
// locked. Only files named in `ours` are deleted (then the folder, if that emptied it); an earlier
// folder held aside while `final_path` is missing is put back, since it is the learner's model.
void clean_dead_leftovers(const fs::path& parent, const std::string& name, const fs::path& final_path,
                          const std::vector<std::string>& ours) {
    const std::string writing = "." + name + ".writing-";
    const std::string previous = "." + name + ".previous-";
    std::vector<std::string> found;
    if (DIR* dir = ::opendir(parent.c_str())) {
        while (const dirent* e = ::readdir(dir)) {
            const std::string entry = e->d_name;
            if (is_temporary_name(entry, writing) || is_temporary_name(entry, previous)) found.push_back(entry);
        }
        ::closedir(dir);
    }
    for (const std::string& entry : found) {
        const std::string full = (parent / entry).string();
        const int fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue; // not a folder (or a link to one): not ours
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (is_temporary_name(entry, writing)) {
                remove_our_files(full, ours);
            } else {
                const std::string old = full + "/old";
                struct stat st {};
                if (::lstat(old.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
                    struct stat at {};
                    if (::lstat(final_path.c_str(), &at) != 0 && errno == ENOENT)
                        std::rename(old.c_str(), final_path.c_str());
                    else
                        remove_our_files(old, ours);
                }
                ::rmdir(full.c_str());
            }
        }
        ::close(fd);
    }
}

} // namespace

std::string why_folder_cannot_be_replaced(const std::string& dest, const std::vector<std::string>& ours) {
    // The folder replace_folder_atomically would replace: "a/b/.." names a, as it does there.
    std::error_code ec;
    const fs::path absolute = fs::absolute(fs::path(dest), ec);
    std::string at = ec ? dest : absolute.lexically_normal().string();
    while (at.size() > 1 && at.back() == '/') at.pop_back();
    struct stat st {};
    if (::lstat(at.c_str(), &st) != 0) {
        if (errno == ENOENT) return "";
        return dest + ": cannot look at it (" + std::strerror(errno) + ")";
    }
    if (S_ISLNK(st.st_mode)) return dest + " is a symbolic link; give a new or empty folder";
    if (!S_ISDIR(st.st_mode)) return dest + " exists and is not a folder; give a new or empty folder";
    std::string error;
    const std::vector<std::string> foreign = foreign_entries(at, ours, error);
    if (!error.empty()) return dest + ": cannot list what it holds (" + error + "); give a new or empty folder";
    if (foreign.empty()) return "";
    std::string list;
    const size_t shown = std::min<size_t>(foreign.size(), 8);
    for (size_t i = 0; i < shown; ++i) list += (i ? ", " : "") + foreign[i];
    if (foreign.size() > shown) list += " and " + std::to_string(foreign.size() - shown) + " more";
    return dest + " exists and holds other files (" + list + "); give a new or empty folder";
}

void replace_folder_atomically(const std::string& dest, const std::vector<std::string>& ours,
                               const std::function<void(const std::string& dir)>& fill) {
    const fs::path target = fs::absolute(fs::path(dest)).lexically_normal();
    fs::path name = target.filename();
    if (name.empty()) name = target.parent_path().filename(); // "dir/" names dir
    const fs::path parent = target.filename().empty() ? target.parent_path().parent_path() : target.parent_path();
    if (name.empty() || name == "." || name == "..") throw Error(dest + ": give a folder by its name");
    const fs::path final_path = parent / name;
    clean_dead_leftovers(parent, name.string(), final_path, ours);
    if (const std::string why = why_folder_cannot_be_replaced(dest, ours); !why.empty()) throw Error(why);
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw Error(parent.string() + ": cannot create the folder (" + ec.message() + ")");

    std::string pattern = (parent / ("." + name.string() + ".writing-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data()))
        throw Error(final_path.string() + ": cannot create a folder beside it (" + std::strerror(errno) + ")");
    const std::string fresh(buf.data());
    const HeldFolder hold_fresh(fresh);
    ::chmod(fresh.c_str(), 0755);
    try {
        fill(fresh);
    } catch (...) {
        fs::remove_all(fresh, ec); // a folder this call made and only `fill` wrote into
        throw;
    }
    // Looked at again: `fill` may have taken long, and the folder may have changed meanwhile.
    if (const std::string why = why_folder_cannot_be_replaced(dest, ours); !why.empty()) {
        fs::remove_all(fresh, ec);
        throw Error(why);
    }

    struct stat st {};
    const bool had_old = ::lstat(final_path.c_str(), &st) == 0;
    std::string aside;
    std::optional<HeldFolder> hold_aside;
    if (had_old && S_ISDIR(st.st_mode)) {
        // The new folder takes the place of the learner's own: it keeps that folder's permissions
        // and owner (a private folder must not turn world-readable by being filled).
        ::chmod(fresh.c_str(), st.st_mode & 07777);
        if (::chown(fresh.c_str(), st.st_uid, st.st_gid) != 0) { /* not ours to give away: keep ours */ }
        // So does each file that takes the place of one of the same name.
        for (const std::string& file : ours) {
            struct stat was {}, now {};
            const std::string old_file = (final_path / file).string(), new_file = fresh + "/" + file;
            if (::lstat(old_file.c_str(), &was) == 0 && S_ISREG(was.st_mode) && ::lstat(new_file.c_str(), &now) == 0 &&
                S_ISREG(now.st_mode))
                ::chmod(new_file.c_str(), was.st_mode & 0777);
        }
    }
    if (had_old) {
        std::string aside_pattern = (parent / ("." + name.string() + ".previous-XXXXXX")).string();
        std::vector<char> abuf(aside_pattern.begin(), aside_pattern.end());
        abuf.push_back('\0');
        if (!::mkdtemp(abuf.data()) ) {
            fs::remove_all(fresh, ec);
            throw Error(final_path.string() + ": cannot make room to move the earlier folder aside (" +
                        std::strerror(errno) + ")");
        }
        hold_aside.emplace(abuf.data());
        aside = std::string(abuf.data()) + "/old";
        if (std::rename(final_path.c_str(), aside.c_str()) != 0) {
            const int e = errno;
            fs::remove_all(fresh, ec);
            ::rmdir(abuf.data());
            throw Error(final_path.string() + ": cannot move the earlier folder aside (" + std::strerror(e) +
                        "); it was left as it was");
        }
    }
    if (std::rename(fresh.c_str(), final_path.c_str()) != 0) {
        const int e = errno;
        if (had_old) {
            std::rename(aside.c_str(), final_path.c_str());
            ::rmdir(fs::path(aside).parent_path().c_str());
        }
        fs::remove_all(fresh, ec);
        throw Error(final_path.string() + ": cannot move the new folder into place (" + std::strerror(e) + ")");
    }
    if (had_old) {
        remove_our_files(aside, ours);
        ::rmdir(fs::path(aside).parent_path().c_str());
    }
}

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
    path_ = (parent / ("." + name.string() + ".lock")).string();
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
