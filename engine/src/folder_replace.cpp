// Replacing a whole folder at once (safe_file.h): the new files are written into a fresh folder
// beside it, which then takes its place, and leftovers of killed runs are cleaned.
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
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "attention_lens/error.h"
#include "safe_file_primitives.h"

namespace al {

namespace fs = std::filesystem;
using namespace file_primitives;

namespace {

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

} // namespace al
