// Writing a file under the safe file rules (safe_file.h): a temporary beside the target, every
// byte checked, then one rename; and the clean-up of temporaries a killed write left.
#include "attention_lens/safe_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include "safe_file_primitives.h"

namespace al {

namespace fs = std::filesystem;
using namespace file_primitives;

std::string write_file_atomically(const std::string& path, std::string_view bytes) {
    // /dev, /proc and /sys hold devices and the system's own links: /dev/stdout is a link to a
    // process's open file, so with output sent to a file it is "a link to a file", and the rename
    // below would put a file in the system's place (as root) instead of writing the output. Nothing
    // is saved there.
    if (char* real = ::realpath(file_primitives::folder_of(path).c_str(), nullptr)) {
        const std::string folder = real;
        std::free(real);
        for (const char* system : {"/dev", "/proc", "/sys"})
            if (folder == system || folder.rfind(std::string(system) + "/", 0) == 0)
                return "it is in " + std::string(system) + ", which holds the system's devices and links, not files to save "
                       "(to write to the output, give a file's own path or redirect instead)";
    }
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

} // namespace al
