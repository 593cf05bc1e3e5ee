#include "fedpilot/engine/Safetensors.h"

#include "formats/MappedFile.h"

#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace fp::engine {

static_assert(std::endian::native == std::endian::little, "the format code assumes a little-endian host");

namespace {

struct DTypeInfo {
    DType dtype;
    const char *name;
    std::size_t size;
};

constexpr std::array<DTypeInfo, 10> kDTypes{{
    {DType::F32, "F32", 4},
    {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},
    {DType::F64, "F64", 8},
    {DType::I64, "I64", 8},
    {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},
    {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},
    {DType::Bool, "BOOL", 1},
}};

const DTypeInfo &infoOf(DType dtype) {
    for (const auto &info : kDTypes)
        if (info.dtype == dtype)
            return info;
    return kDTypes[0];
}

// IEEE 754 binary16 -> binary32, including subnormals, infinities and NaN.
float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1fu;
    std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa != 0) {
        // Subnormal half: normalise it, the float has the range to hold it exactly.
        exponent = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3ffu) << 13);
    } else {
        bits = sign;
    }
    return std::bit_cast<float>(bits);
}

template <typename T> T loadAt(const std::byte *base, std::size_t index) {
    T value;
    std::memcpy(&value, base + index * sizeof(T), sizeof(T));
    return value;
}

float elementAsFloat(DType dtype, const std::byte *base, std::size_t i) {
    switch (dtype) {
    case DType::F32: return loadAt<float>(base, i);
    case DType::F16: return halfToFloat(loadAt<std::uint16_t>(base, i));
    case DType::BF16: return std::bit_cast<float>(static_cast<std::uint32_t>(loadAt<std::uint16_t>(base, i)) << 16);
    case DType::F64: return static_cast<float>(loadAt<double>(base, i));
    case DType::I64: return static_cast<float>(loadAt<std::int64_t>(base, i));
    case DType::I32: return static_cast<float>(loadAt<std::int32_t>(base, i));
    case DType::I16: return static_cast<float>(loadAt<std::int16_t>(base, i));
    case DType::I8: return static_cast<float>(loadAt<std::int8_t>(base, i));
    case DType::U8: return static_cast<float>(loadAt<std::uint8_t>(base, i));
    case DType::Bool: return loadAt<std::uint8_t>(base, i) != 0 ? 1.f : 0.f;
    }
    return 0.f;
}

} // namespace

std::size_t dtypeSize(DType dtype) { return infoOf(dtype).size; }

const char *dtypeName(DType dtype) { return infoOf(dtype).name; }

std::optional<DType> dtypeFromName(std::string_view name) {
    for (const auto &info : kDTypes)
        if (name == info.name)
            return info.dtype;
    return std::nullopt;
}

TensorBytes TensorBytes::view(std::shared_ptr<const detail::MappedFile> file, const std::byte *data, std::size_t size) {
    TensorBytes bytes;
    bytes.m_file = std::move(file);
    bytes.m_view = data;
    bytes.m_viewSize = size;
    return bytes;
}

std::byte *TensorBytes::mutableData() {
    if (m_file) {
        m_owned.assign(m_view, m_view + m_viewSize);
        m_file.reset();
        m_view = nullptr;
        m_viewSize = 0;
    }
    return m_owned.data();
}

void TensorBytes::resize(std::size_t n) {
    (void)mutableData();
    m_owned.resize(n);
}

void TensorBytes::releasePages() const {
    if (m_file)
        m_file->releasePages(m_view, m_viewSize);
}

bool operator==(const TensorBytes &a, const TensorBytes &b) {
    return a.size() == b.size() && (a.size() == 0 || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

int64_t RawTensor::numel() const {
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

bool RawTensor::hasConsistentSize() const {
    std::uint64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0 || __builtin_mul_overflow(n, static_cast<std::uint64_t>(d), &n))
            return false;
    }
    std::uint64_t byteCount = 0;
    if (__builtin_mul_overflow(n, static_cast<std::uint64_t>(dtypeSize(dtype)), &byteCount))
        return false;
    return byteCount == bytes.size();
}

std::vector<float> RawTensor::toFloat32() const {
    const std::size_t count = bytes.size() / dtypeSize(dtype);
    std::vector<float> out(count);
    if (dtype == DType::F32) {
        if (count != 0)
            std::memcpy(out.data(), bytes.data(), count * sizeof(float));
        return out;
    }
    for (std::size_t i = 0; i < count; ++i)
        out[i] = elementAsFloat(dtype, bytes.data(), i);
    return out;
}

RawTensor RawTensor::fromFloat32(std::vector<int64_t> shape, const float *data) {
    RawTensor t;
    t.dtype = DType::F32;
    t.shape = std::move(shape);
    const auto count = static_cast<std::size_t>(t.numel());
    t.bytes.resize(count * sizeof(float));
    if (count != 0)
        std::memcpy(t.bytes.mutableData(), data, count * sizeof(float));
    return t;
}

} // namespace fp::engine
