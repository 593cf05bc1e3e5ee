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

// A dense, row-major tensor exactly as stored: dtype, shape and little-endian bytes.
struct RawTensor {
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::vector<std::byte> bytes;

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

// Reads every tensor of a safetensors file, and its "__metadata__" into *metadata when given.
// Validates before allocating: header length against the file size (and a 100 MB cap), JSON,
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
