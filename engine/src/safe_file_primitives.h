// The small pieces the safe file rules share (safe_file.h): what a file is called in a message,
// exclusive temporaries, complete writes. Private to the engine.
#pragma once
#include <sys/types.h>

#include <string>
#include <string_view>

namespace al::file_primitives {

// What a non-regular file is, as a message says it: "a named pipe (FIFO)", "a folder", ...
std::string kind_of(mode_t mode);

// Creates "<prefix>XXXXXX" (six random letters or digits) exclusively, as mkstemp does, but with
// `mode` (0666: the umask and a folder's default ACL decide, as for any new file). O_EXCL with
// O_NOFOLLOW: a link planted under that name makes it fail, it is never followed. The descriptor,
// or -1 with errno set.
int create_temporary(const std::string& prefix, mode_t mode, std::string& name);

// write() until all of `bytes` is written; false (errno set) on the first failure. A short write
// (a full disk) is retried once more and then reported as ENOSPC by write() itself.
bool write_all(int fd, std::string_view bytes);

// The folder a path's file lies in ("." for a bare name).
std::string folder_of(const std::string& path);

// A file name as a message may quote it: control bytes (a terminal's escape sequences) as \xNN.
std::string quoted_name(const std::string& name);

// mkdtemp's six letters after `prefix`, exactly.
bool is_temporary_name(const std::string& name, const std::string& prefix);

} // namespace al::file_primitives
