// write_safetensors: F32 tensors into a .safetensors file (written beside it, then renamed).
#include "attention_lens/safetensors.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"

namespace al {

void write_safetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header;
    if (!metadata.empty()) {
        nlohmann::ordered_json m = nlohmann::ordered_json::object();
        for (const auto& [k, v] : metadata) m[k] = v;
        header["__metadata__"] = m;
    }
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        uint64_t n = 1;
        for (int64_t d : t.shape) {
            if (d < 0) throw Error(path + ": tensor " + quote_value(t.name) + " has a negative dimension");
            n *= uint64_t(d);
        }
        if (header.contains(t.name)) throw Error(path + ": tensor " + quote_value(t.name) + " given twice");
        header[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + 4 * n}}};
        offset += 4 * n;
    }
    std::string text = header.dump();
    while ((8 + text.size()) % 8 != 0) text.push_back(' '); // data buffer 8-byte aligned

    const std::string tmp = path + ".tmp";
    // Made afresh (O_EXCL, no link followed): a file left under that name, or a hard link to one
    // elsewhere, is removed by its name rather than truncated and written through.
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE* f = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
    if (!f) {
        const int e = errno;
        if (fd >= 0) ::close(fd);
        throw Error(tmp + ": cannot create (" + std::strerror(e) + ")");
    }
    uint8_t len[8];
    for (int i = 0; i < 8; ++i) len[i] = uint8_t((uint64_t(text.size()) >> (8 * i)) & 0xff);
    // The first failure's errno is the reason given: a full disk, a file-size limit, an I/O error.
    int why = 0;
    auto check = [&why](bool done) {
        if (!done && why == 0) why = errno ? errno : EIO;
        return done;
    };
    errno = 0;
    bool ok = check(std::fwrite(len, 1, 8, f) == 8) && check(std::fwrite(text.data(), 1, text.size(), f) == text.size());
    for (const auto& t : tensors) {
        if (!ok) break;
        uint64_t n = 1;
        for (int64_t d : t.shape) n *= uint64_t(d);
        if (n) ok = check(std::fwrite(t.data, 4, n, f) == n); // little-endian hosts only (x86-64, arm64)
    }
    ok = check(std::fflush(f) == 0) && ok;
    ok = check(::fsync(::fileno(f)) == 0) && ok;
    ok = check(std::fclose(f) == 0) && ok;
    if (!ok) {
        std::remove(tmp.c_str());
        throw Error(path + ": cannot write the file (" + std::strerror(why) + ")");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw Error(path + ": cannot replace the file (" + std::strerror(errno) + ")");
    }
}

} // namespace al
