// Reading a file whole under the safe file rules (safe_file.h): regular files only, without
// blocking, up to a cap, and the messages that say why a file was not read.
#include "attention_lens/safe_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "attention_lens/error.h"
#include "safe_file_primitives.h"

namespace al {

using file_primitives::kind_of;

namespace {

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

} // namespace al
