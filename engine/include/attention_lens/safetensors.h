// Read-only, validated access to a .safetensors file, its tensors read into memory the object owns.
// Layout: u64 little-endian header length N, N bytes of JSON header, then the data buffer.
#pragma once
#include <memory>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace al {

enum class DType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL, Other };
const char* dtype_name(DType d);
std::size_t dtype_size(DType d); // 0 for Other

struct TensorInfo {
    std::string name;
    DType dtype = DType::Other;
    std::string dtype_text;          // as written in the header, e.g. "F32"
    std::vector<int64_t> shape;
    uint64_t begin = 0;              // offsets relative to the data buffer
    uint64_t end = 0;
    int64_t numel() const;
};

// What a validated header says: where the data buffer starts and every tensor's place in it.
struct SafetensorsHeader {
    uint64_t data_start = 0;                       // 8 + header length
    std::map<std::string, TensorInfo> tensors;
    std::map<std::string, std::string> metadata;   // __metadata__
};

// Validates the first `size` bytes of a safetensors file held in memory (the whole file, or at least
// its length field and header followed by a data buffer of size - data_start bytes), exactly as
// SafetensorsFile does on open. Throws al::Error naming `source` and the tensor. Reads nothing past
// `size`, so it can be given any bytes at all.
SafetensorsHeader parse_safetensors_header(const uint8_t* bytes, uint64_t size, const std::string& source);

// Opens a file and validates its header as above, reading no tensor data (a cheap look at what a
// file holds). Throws al::Error like SafetensorsFile.
SafetensorsHeader read_safetensors_header(const std::string& path);

class SafetensorsFile {
public:
    // Opens and validates the header: length sane (<= 100 MB and inside the file), valid JSON object,
    // every entry has dtype/shape/data_offsets of the right types, offsets inside the file, sizes agree
    // with dtype x shape, no two tensors overlap. Throws al::Error naming the file and tensor.
    // The bytes are read, not mapped: a mapping faults (SIGBUS) on every page of a file that another
    // program cuts short or copies over while it is in use; read bytes stay valid whatever happens
    // to the file. Only the tensors `wanted` names are read (all when it is empty): a checkpoint's
    // unused extras, however large, cost no memory. Tensors larger than this computer's memory are
    // refused before they are read.
    explicit SafetensorsFile(const std::string& path, const std::function<bool(const std::string&)>& wanted = {});
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return path_; }
    bool has(const std::string& name) const;
    const TensorInfo& info(const std::string& name) const; // throws if absent
    const std::map<std::string, TensorInfo>& tensors() const { return tensors_; }
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    const uint8_t* data(const TensorInfo& t) const;        // pointer into the bytes read (64-byte aligned);
                                                           // throws for a tensor not wanted
    // Copies a float tensor (F32, F16 or BF16) to float32. Throws for other dtypes.
    std::vector<float> to_float(const TensorInfo& t) const;
    uint64_t file_size() const { return size_; }

private:
    std::string path_;
    // The wanted tensors, in an anonymous mapping of its own (huge pages where the kernel allows:
    // far fewer page faults while it is filled); placed_ says where each begins in it.
    struct Unmap {
        uint64_t size; // no initializer: it must be default-constructible inside an incomplete class
        void operator()(uint8_t* p) const;
    };
    std::unique_ptr<uint8_t[], Unmap> bytes_;
    uint64_t size_ = 0;
    std::map<std::string, uint64_t> placed_;
    std::map<std::string, TensorInfo> tensors_;
    std::map<std::string, std::string> metadata_;
};

// Writes float32 tensors to a .safetensors file (used by the trainer and tests). Atomic: writes
// path + ".tmp" then renames.
struct TensorToWrite {
    std::string name;
    std::vector<int64_t> shape;
    const float* data;
};
void write_safetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                       const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

} // namespace al
