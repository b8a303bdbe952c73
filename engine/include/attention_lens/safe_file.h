// Files read and written as if anyone could have put anything at their path: a named pipe that
// would block open() for ever, a device that never ends (/dev/zero), a sparse file larger than
// memory, a link into someone else's file. The one way the engine, the CLI and the app read a
// file whole and write one: reads take only regular files, without blocking, up to a cap; writes
// go to a temporary file beside the target, every byte checked, then one rename puts it in place
// (a link at the target is replaced, never written through).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace al {

enum class FileProblem {
    None,       // read whole: `bytes` holds the file
    Missing,    // nothing at the path
    Link,       // a symbolic link where links are not followed
    NotRegular, // a named pipe, a device, a socket or a folder
    TooLarge,   // more than the cap
    Unreadable, // open() or read() failed, or the file changed size while it was read
};

struct FileBytes {
    FileProblem problem = FileProblem::None;
    std::string bytes;
    uint64_t size = 0;  // the size on disk (TooLarge)
    int error = 0;      // errno (Unreadable)
    std::string kind;   // what it is (NotRegular): "a named pipe (FIFO)", "a folder", ...
};

enum class Links { Follow, Refuse };

// Reads the regular file at `path` whole if it holds at most `max_bytes`. Opens with O_NONBLOCK
// (a FIFO is seen and refused, not waited on) and checks the opened file itself (fstat), so what
// is read is what was checked. Never throws.
FileBytes read_regular_file(const std::string& path, uint64_t max_bytes, Links links);

// What is at `path` (links followed) when it is not a regular file: "a named pipe (FIFO)", "a
// character device", "a folder"...; "" for a regular file or nothing at all.
std::string non_regular_kind(const std::string& path);

// Plain words for a problem: "is a named pipe (FIFO), not a regular file", "is 8796093022208 bytes,
// more than the 16777216 allowed", "cannot be read (Permission denied)"...
std::string describe(const FileBytes& read, uint64_t max_bytes);

// For a model folder's files (links are followed: the Hugging Face cache links its files to
// blobs): the bytes, or an al::Error "<path>: <what> <problem>".
std::string read_model_file(const std::string& path, uint64_t max_bytes, const std::string& what);

// Writes `bytes` to `path` atomically: into "<path>.saving-XXXXXX" in the same folder (created
// exclusively, so never through a link), every write and the final size checked, fsync'd, then
// renamed over `path`. The new file keeps the permission bits of the regular file it replaces; a
// file that was not there gets what the umask gives (0644 under the usual 022). On failure `path` is untouched and the temporary removed. Returns "" or why
// it failed (strerror's words). Something at `path` that is not a regular file, a link to one or a
// dangling link (a device, a pipe, a folder, a link to /dev/stdout) is refused, never replaced.
std::string write_file_atomically(const std::string& path, std::string_view bytes);

// Removes "<path>.saving-*" files that a save killed between its write and its rename left
// behind. Call it only while no other process can be saving `path`, or, where another may be, with
// `min_age_seconds`: a save takes milliseconds, so a temporary file older than that is no save's.
void remove_stale_temporaries(const std::string& path, long min_age_seconds = 0);

// Why a folder at `dest` may not be replaced by replace_folder_atomically: "" when nothing is
// there, or a folder holding nothing but regular files named in `ours` (an empty one included);
// else a sentence that starts with `dest` and names what else is there: "<dest> exists and holds
// other files (a.txt, sub/); give a new or empty folder", or that it is a link or not a folder.
std::string why_folder_cannot_be_replaced(const std::string& dest, const std::vector<std::string>& ours);

// Builds a folder at `dest` in one step: `fill` writes into a fresh folder beside it
// (".<name>.writing-XXXXXX", same file system), then the folder is renamed into place. A folder
// already at `dest` is replaced only when it holds nothing but regular files named in `ours` (the
// files `fill` writes), checked before `fill` and again before the move: anything else throws and
// leaves it untouched. It is moved aside first and, once the new one is in place (put back if that
// fails), only the files named in `ours` are deleted from it, so `dest` is at every moment either
// the old folder or the new one, whole, and nothing of the learner's is ever deleted. The new
// folder, and each file in it that replaces one of the same name, keeps the old one's permissions.
// Temporary folders that earlier calls for `dest` left when they were killed (no live process
// holds them locked) are cleaned first: only the files named in `ours` are deleted from them, and
// an earlier folder held aside while nothing took its place is put back.
// Throws al::Error; whatever `fill` throws is passed on after the temporary folder is removed.
void replace_folder_atomically(const std::string& dest, const std::vector<std::string>& ours,
                               const std::function<void(const std::string& dir)>& fill);

// One writer at a time for the folder `dest`: an exclusive lock (flock, never waited for) on a
// ".<name>.lock" file beside it that says "attention-lens lock, process <id>", taken by the
// constructor and released by the destructor or when the process ends however it ends. A link or
// anything but a regular file at the lock's path is never followed: the lock is then not taken.
// The lock file is created afresh and removed at release; a file already at its path is taken over
// only when it is an earlier lock of ours (one name, that sentence) or empty (a writer stopped
// between creating it and writing its id). An empty file taken over is left empty, not removed: it
// may be the learner's. Anything else is refused, never truncated or removed.
class FolderWriteLock {
public:
    explicit FolderWriteLock(const std::string& dest);
    ~FolderWriteLock();
    FolderWriteLock(const FolderWriteLock&) = delete;
    FolderWriteLock& operator=(const FolderWriteLock&) = delete;

    bool held() const { return fd_ >= 0; }
    // Another process holds it (then problem() names its process id when known).
    bool busy() const { return busy_; }
    // "" when held; else a sentence starting with `dest`.
    const std::string& problem() const { return problem_; }

private:
    int fd_ = -1;
    bool busy_ = false;
    bool removeAtRelease_ = false; // made by us, or an earlier lock of ours: not an empty file found
    std::string path_, problem_;
};

} // namespace al
