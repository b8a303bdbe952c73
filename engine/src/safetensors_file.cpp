// SafetensorsFile: a .safetensors file read into memory, the tensors asked for only, after its
// header passed parse_safetensors_header; and the conversion of F16/BF16 tensors to float.
#include "attention_lens/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "safetensors_format.h"

namespace al {

using safetensors_format::kMaxHeaderBytes;
using safetensors_format::read_u64_le;

namespace {

float f16_to_f32(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal: normalise
            exp = 127 - 15 + 1;
            while ((mant & 0x400) == 0) {
                mant <<= 1;
                --exp;
            }
            mant &= 0x3ff;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (mant << 13); // inf / nan
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

// Reads the first out.size() bytes of the file; returns the header length field (the first 8 bytes).
uint64_t read_prefix(int fd, std::vector<uint8_t>& out, const std::string& path) {
    size_t at = 0;
    while (at < out.size()) {
        const ssize_t n = ::pread(fd, out.data() + at, out.size() - at, off_t(at));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(path + ": cannot read (" + std::strerror(errno) + ")");
        if (n == 0) throw Error(path + ": the file was cut short while it was read; was it being replaced?");
        at += size_t(n);
    }
    return read_u64_le(out.data());
}

// Opens a regular file for reading (a FIFO, a folder or a device is refused).
int open_regular(const std::string& path, uint64_t& size) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the S_ISREG check then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(path + ": not a regular file");
    }
    size = uint64_t(st.st_size);
    return fd;
}

struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
};

// The length field and the header's bytes, read alone: they say where every tensor lies, so a file
// with bytes beyond its tensors is refused before any data is read.
std::vector<uint8_t> read_head(int fd, uint64_t size, const std::string& path) {
    if (size < 8)
        throw Error(path + ": the file is " + std::to_string(size) +
                    " bytes, too short to hold the 8-byte header length (truncated?)");
    std::vector<uint8_t> head(8);
    const uint64_t header_len = read_prefix(fd, head, path);
    if (header_len <= kMaxHeaderBytes && header_len <= size - 8) {
        head.resize(size_t(8 + header_len));
        read_prefix(fd, head, path);
    }
    return head;
}

constexpr uint64_t kAlign = 64; // every tensor read starts on a cache line (and so is float-aligned)

} // namespace

SafetensorsHeader read_safetensors_header(const std::string& path) {
    uint64_t size = 0;
    const int fd = open_regular(path, size);
    Closer closer{fd};
    const std::vector<uint8_t> head = read_head(fd, size, path);
    return parse_safetensors_header(head.data(), size, path);
}

SafetensorsFile::SafetensorsFile(const std::string& path, const std::function<bool(const std::string&)>& wanted)
    : path_(path) {
    const int fd = open_regular(path, size_);
    Closer closer{fd};
    const std::vector<uint8_t> head = read_head(fd, size_, path);
    SafetensorsHeader header = parse_safetensors_header(head.data(), size_, path);

    // Only the wanted tensors' bytes are read, each to a place of its own in one anonymous mapping:
    // a file's unused tensors (however large) cost neither memory nor reading time.
    struct Piece {
        uint64_t from, to, bytes; // file offset, offset in bytes_, length
    };
    std::vector<Piece> pieces;
    uint64_t room_size = 0;
    for (const auto& [name, t] : header.tensors) {
        if (wanted && !wanted(name)) continue;
        placed_[name] = room_size;
        if (t.end > t.begin) pieces.push_back({header.data_start + t.begin, room_size, t.end - t.begin});
        room_size += (t.end - t.begin + kAlign - 1) / kAlign * kAlign;
    }
    const uint64_t memory = uint64_t(::sysconf(_SC_PHYS_PAGES)) * uint64_t(::sysconf(_SC_PAGESIZE));
    if (memory > 0 && room_size > memory)
        throw Error(path + ": its tensors need " + std::to_string(room_size) +
                    " bytes, more than this computer's memory (" + std::to_string(memory) + " bytes)");
    if (room_size > 0) {
        void* room = ::mmap(nullptr, size_t(room_size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (room == MAP_FAILED)
            throw Error(path + ": not enough memory to load the file (" + std::to_string(room_size) + " bytes)");
        bytes_ = std::unique_ptr<uint8_t[], Unmap>(static_cast<uint8_t*>(room), Unmap{room_size});
        // Filling 500 MB of 4 KiB pages costs 120,000 page faults, a second or more; 2 MiB pages a few hundred.
        ::madvise(room, size_t(room_size), MADV_HUGEPAGE);
    }
    // Read in pieces of at most 64 MiB, a few threads at once: most of the time goes to the kernel
    // filling fresh pages, which several cores do side by side. Every piece must be read in full: a
    // file cut short meanwhile is refused.
    constexpr uint64_t kPiece = 64u << 20;
    std::vector<Piece> work;
    for (const Piece& p : pieces)
        for (uint64_t at = 0; at < p.bytes; at += kPiece)
            work.push_back({p.from + at, p.to + at, std::min(kPiece, p.bytes - at)});
    const unsigned threads =
        room_size < (64u << 20) ? 1u : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<int> failure(threads, 0); // errno, or -1: the file ended early
    auto read_some = [&](unsigned i) {
        for (size_t k = i; k < work.size(); k += threads) {
            const Piece& p = work[k];
            uint64_t done = 0;
            while (done < p.bytes) {
                const ssize_t n = ::pread(fd, bytes_.get() + p.to + done, size_t(p.bytes - done), off_t(p.from + done));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    failure[i] = n < 0 ? errno : -1;
                    return;
                }
                done += uint64_t(n);
            }
        }
    };
    std::vector<std::thread> readers;
    for (unsigned i = 1; i < threads; ++i) readers.emplace_back(read_some, i);
    read_some(0);
    for (std::thread& t : readers) t.join();
    for (int e : failure) {
        if (e > 0) throw Error(path + ": cannot read (" + std::strerror(e) + ")");
        if (e < 0)
            throw Error(path + ": the file was cut short while it was read (it had " + std::to_string(size_) +
                        " bytes); was it being replaced?");
    }
    // The header read again after the data: a file replaced meanwhile is refused, not mixed.
    std::vector<uint8_t> again(head.size());
    read_prefix(fd, again, path);
    if (again != head) throw Error(path + ": the file's header changed while it was read; was it being replaced?");
    tensors_ = std::move(header.tensors);
    metadata_ = std::move(header.metadata);
}

SafetensorsFile::~SafetensorsFile() = default;

void SafetensorsFile::Unmap::operator()(uint8_t* p) const {
    if (p) ::munmap(p, size_t(size));
}

bool SafetensorsFile::has(const std::string& name) const { return tensors_.count(name) != 0; }

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end()) throw Error(path_ + ": no tensor " + quote_value(name));
    return it->second;
}

const uint8_t* SafetensorsFile::data(const TensorInfo& t) const {
    auto it = placed_.find(t.name);
    if (it == placed_.end()) throw Error(path_ + ": tensor " + quote_value(t.name) + " was not read (it was opened without it)");
    return bytes_.get() + it->second;
}

std::vector<float> SafetensorsFile::to_float(const TensorInfo& t) const {
    const uint8_t* p = data(t);
    const size_t n = size_t(t.numel());
    std::vector<float> out(n);
    switch (t.dtype) {
    case DType::F32:
        if (n) std::memcpy(out.data(), p, n * 4);
        break;
    case DType::F16:
        for (size_t i = 0; i < n; ++i) {
            uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            out[i] = f16_to_f32(h);
        }
        break;
    case DType::BF16:
        for (size_t i = 0; i < n; ++i) {
            uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            const uint32_t bits = uint32_t(h) << 16;
            std::memcpy(&out[i], &bits, 4);
        }
        break;
    default:
        throw Error(path_ + ": tensor " + quote_value(t.name) + " has dtype " + t.dtype_text +
                    "; only F32, F16 and BF16 can be read as floats");
    }
    return out;
}

} // namespace al
