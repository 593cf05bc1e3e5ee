#pragma once

// Plain-C++ tensors as stored in files, and the safetensors container
// (https://huggingface.co/docs/safetensors): an 8-byte little-endian header length N,
// N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}},
// then the raw little-endian tensor data, offsets relative to the end of the header.
// No torch here: the model layer converts RawTensor to torch::Tensor itself.

#include <fedpilot/engine/Error.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fp::engine {

// Element types a file may store. Names follow safetensors ("F32", "BF16", "BOOL", ...).
enum class DType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, Bool };

// Bytes per element (1 for Bool).
[[nodiscard]] std::size_t dtypeSize(DType dtype);
// The safetensors spelling: "F32", "F16", "BF16", "F64", "I64", "I32", "I16", "I8", "U8", "BOOL".
[[nodiscard]] const char *dtypeName(DType dtype);
// Inverse of dtypeName; nullopt for a name we do not handle (e.g. "F8_E4M3", "U32").
[[nodiscard]] std::optional<DType> dtypeFromName(std::string_view name);

namespace detail {
class MappedFile;
}

// The bytes of a stored tensor: either owned, or a read-only view into a mapped weight file that the view keeps
// alive (readSafetensors and loadLlama2cCheckpoint return views, so loading a model does not copy the file).
// Reading is the same for both; writing goes through mutableData(), which first turns a view into an owned copy:
// the mapping itself is never written.
class TensorBytes {
public:
    TensorBytes() = default;
    TensorBytes(std::vector<std::byte> owned) : m_owned(std::move(owned)) {} // NOLINT: implicit on purpose
    // A view of [data, data + size) inside file, which the view keeps mapped.
    static TensorBytes view(std::shared_ptr<const detail::MappedFile> file, const std::byte *data, std::size_t size);

    [[nodiscard]] const std::byte *data() const { return m_file ? m_view : m_owned.data(); }
    [[nodiscard]] std::size_t size() const { return m_file ? m_viewSize : m_owned.size(); }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] const std::byte *begin() const { return data(); }
    [[nodiscard]] const std::byte *end() const { return data() + size(); }
    [[nodiscard]] const std::byte &operator[](std::size_t i) const { return data()[i]; }
    // Writable bytes; a view is copied into owned memory first.
    [[nodiscard]] std::byte *mutableData();
    // Resizes (owned afterwards; new bytes are zero).
    void resize(std::size_t n);

    // True for a view into a mapped file; keepAlive() then holds the mapping (for a zero-copy tensor elsewhere).
    [[nodiscard]] bool isView() const { return m_file != nullptr; }
    [[nodiscard]] std::shared_ptr<const void> keepAlive() const { return m_file; }
    // For a view whose bytes have been copied elsewhere: lets the kernel drop its pages from memory (they are
    // read from the file again if touched). Does nothing for owned bytes.
    void releasePages() const;

    friend bool operator==(const TensorBytes &a, const TensorBytes &b);

private:
    std::vector<std::byte> m_owned;
    std::shared_ptr<const detail::MappedFile> m_file;
    const std::byte *m_view = nullptr;
    std::size_t m_viewSize = 0;
};

// A dense, row-major tensor exactly as stored: dtype, shape and little-endian bytes.
struct RawTensor {
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    TensorBytes bytes;

    // Product of the shape (1 for a scalar, i.e. an empty shape).
    [[nodiscard]] int64_t numel() const;
    // True when bytes.size() == numel() * dtypeSize(dtype) and no dimension is negative.
    [[nodiscard]] bool hasConsistentSize() const;
    // Converts every element to float (F16/BF16 exactly, F64/integers rounded, Bool to 0/1).
    [[nodiscard]] std::vector<float> toFloat32() const;
    // An F32 tensor holding numel(shape) floats copied from data.
    [[nodiscard]] static RawTensor fromFloat32(std::vector<int64_t> shape, const float *data);

    friend bool operator==(const RawTensor &, const RawTensor &) = default;
};

using TensorMap = std::map<std::string, RawTensor>;
using StringMap = std::map<std::string, std::string>;

// Reads every tensor of a safetensors file, and its "__metadata__" into *metadata when given. The file is mapped
// read-only and the tensors are views into it (TensorBytes::isView), so reading costs no copy of the weights.
// Validates before allocating: header length against the file size (and a 16 MiB cap: docs/input-limits.md), JSON,
// dtype names, shapes, offsets inside the data region, offsets matching dtype * shape,
// no overlapping tensors.
// Errors: NotFound (no such file), BadFormat (malformed or truncated; the message names the file,
// the tensor and the field), Unsupported (a dtype we do not handle), Io (read failure).
[[nodiscard]] Result<TensorMap> readSafetensors(const std::string &path, StringMap *metadata = nullptr);

// Writes tensors (in name order, contiguous) and metadata as a safetensors file. The JSON header
// is padded with spaces to a multiple of 8 bytes, like the reference implementation. Writes to
// path + ".tmp" and renames it over path, so a failure never leaves a half-written file.
// Errors: InvalidArgument (a tensor whose bytes do not match dtype * shape, or a tensor named
// "__metadata__"), Io (cannot write or rename).
[[nodiscard]] Result<void> writeSafetensors(const std::string &path, const TensorMap &tensors,
                                            const StringMap &metadata = {});

// The same container in memory (an adapter on the wire): encode gives exactly the bytes writeSafetensors
// writes; decode validates like readSafetensors, with origin naming the source in messages.
// Errors: as writeSafetensors / readSafetensors (BadFormat for malformed bytes).
[[nodiscard]] Result<std::vector<std::byte>> encodeSafetensors(const TensorMap &tensors,
                                                               const StringMap &metadata = {});
[[nodiscard]] Result<TensorMap> decodeSafetensors(std::span<const std::byte> bytes, const std::string &origin,
                                                  StringMap *metadata = nullptr);

} // namespace fp::engine
