#include "FileIo.h"
#include "JsonFields.h"
#include "MappedFile.h"
#include "fedpilot/engine/Safetensors.h"

#include <nlohmann/json.hpp>

#include <cstring>

#include <algorithm>
#include <set>
#include <utility>

namespace fp::engine {

namespace {

using nlohmann::json;

// The reference implementation refuses headers above 100 MB; its DOM could take 2.8 GB here, so the engine's cap
// is smaller (JsonFields.h), checked before anything is allocated.
constexpr std::uint64_t kMaxHeaderBytes = detail::kSafetensorsHeaderLimits.maxBytes;
constexpr const char *kMetadataKey = "__metadata__";

struct Entry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

std::string offsetsText(const Entry &e) { return "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]"; }

constexpr detail::IntRange kSize{0, INT64_MAX};

Entry parseEntry(const detail::JsonFields &f, const std::string &name, const json &value) {
    const std::string where = detail::quotePrefix(name);
    f.asObject(value, where);
    Entry e;
    e.name = name;
    const std::string dtype = f.asString(f.member(value, "dtype", where), where + ".dtype");
    const auto parsed = dtypeFromName(dtype);
    if (!parsed)
        f.fail(ErrorCode::Unsupported, where + ".dtype",
               detail::quotePrefix(dtype) + ", expected one of F32 F16 BF16 F64 I64 I32 I16 I8 U8 BOOL");
    e.dtype = *parsed;
    const json &shape = f.asArray(f.member(value, "shape", where), where + ".shape");
    for (std::size_t i = 0; i < shape.size(); ++i)
        e.shape.push_back(f.asInteger(shape[i], detail::indexPath(where + ".shape", i), kSize));
    const json &offsets = f.asArray(f.member(value, "data_offsets", where), where + ".data_offsets");
    if (offsets.size() != 2)
        f.fail(ErrorCode::BadFormat, where + ".data_offsets",
               "expected [begin, end], found " + detail::describeJson(offsets));
    e.begin = static_cast<std::uint64_t>(f.asInteger(offsets[0], where + ".data_offsets[0]", kSize));
    e.end = static_cast<std::uint64_t>(f.asInteger(offsets[1], where + ".data_offsets[1]", kSize));
    return e;
}

// The byte count an entry's dtype and shape call for; nullopt on overflow.
std::optional<std::uint64_t> expectedBytes(const Entry &e) {
    std::uint64_t n = dtypeSize(e.dtype);
    for (int64_t d : e.shape)
        if (__builtin_mul_overflow(n, static_cast<std::uint64_t>(d), &n))
            return std::nullopt;
    return n;
}

Result<void> checkEntrySpan(const Entry &e, std::uint64_t dataSize, const std::string &ctx) {
    const std::string where = ctx + ": tensor " + detail::quotePrefix(e.name) + " data_offsets " + offsetsText(e);
    if (e.begin > e.end)
        return fail(ErrorCode::BadFormat, where + ": begin is after end");
    if (e.end > dataSize)
        return fail(ErrorCode::BadFormat,
                    where + " run past the end of the data region (" + std::to_string(dataSize) + " bytes)");
    const auto expected = expectedBytes(e);
    if (!expected || *expected != e.end - e.begin) {
        std::string shapeText;
        for (int64_t d : e.shape)
            shapeText += (shapeText.empty() ? "" : ",") + std::to_string(d);
        return fail(ErrorCode::BadFormat, where + " span " + std::to_string(e.end - e.begin) + " bytes, but " +
                                              dtypeName(e.dtype) + " [" + shapeText + "] needs " +
                                              (expected ? std::to_string(*expected) : std::string("too many")));
    }
    return {};
}

// The tensors must tile the data region exactly, as the safetensors format requires: no two share a byte and no
// byte belongs to no tensor (a gap could hide data that no tensor accounts for, and overlapping tensors alias).
Result<void> checkLayout(std::vector<Entry> &entries, std::uint64_t dataSize, const std::string &ctx) {
    for (const Entry &e : entries) {
        auto ok = checkEntrySpan(e, dataSize, ctx);
        if (!ok)
            return ok;
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
    std::uint64_t covered = 0;   // the data region up to here belongs to the tensors seen so far
    const Entry *last = nullptr; // the tensor that ends at `covered`
    for (const Entry &cur : entries) {
        if (cur.begin == cur.end && cur.begin <= covered)
            continue; // an empty tensor holds no byte
        if (cur.begin < covered)
            return fail(ErrorCode::BadFormat, ctx + ": tensors " + detail::quotePrefix(last->name) + " " +
                                                  offsetsText(*last) + " and " + detail::quotePrefix(cur.name) + " " +
                                                  offsetsText(cur) + " overlap");
        if (cur.begin > covered)
            return fail(ErrorCode::BadFormat, ctx + ": bytes [" + std::to_string(covered) + ", " +
                                                  std::to_string(cur.begin) +
                                                  ") of the data region belong to no tensor (a gap before tensor " +
                                                  detail::quotePrefix(cur.name) + ")");
        covered = cur.end;
        last = &cur;
    }
    if (covered != dataSize)
        return fail(ErrorCode::BadFormat, ctx + ": bytes [" + std::to_string(covered) + ", " +
                                              std::to_string(dataSize) +
                                              ") at the end of the data region belong to no tensor");
    return {};
}

StringMap parseMetadata(const detail::JsonFields &f, const json &value) {
    f.asObject(value, kMetadataKey);
    StringMap metadata;
    for (const auto &[key, v] : value.items())
        metadata.emplace(key, f.asString(v, std::string(kMetadataKey) + "." + detail::quotePrefix(key)));
    return metadata;
}

Result<std::vector<Entry>> parseHeader(const std::string &text, std::uint64_t dataSize, const std::string &ctx,
                                       StringMap *metadata) {
    return detail::catchJsonFields([&]() -> Result<std::vector<Entry>> {
        const detail::JsonFields f(ctx + ": header");
        // nlohmann keeps the last of two equal keys silently; the format forbids them, and two tensors of one name
        // would make the file mean different things to different readers. So the top-level keys are counted as
        // parsed.
        std::set<std::string> names;
        std::string duplicate;
        const auto noteKey = [&](int depth, const std::string &key) {
            if (depth == 1 && !names.insert(key).second && duplicate.empty())
                duplicate = key;
        };
        const json header = detail::parseJson(text, ctx + ": header", detail::kSafetensorsHeaderLimits, noteKey);
        if (!duplicate.empty())
            return fail(ErrorCode::BadFormat,
                        ctx + ": the header names tensor " + detail::quotePrefix(duplicate) + " more than once");
        f.asObject(header, "");
        std::vector<Entry> entries;
        for (const auto &[name, value] : header.items()) {
            if (name == kMetadataKey) {
                StringMap parsed = parseMetadata(f, value);
                if (metadata)
                    *metadata = std::move(parsed);
                continue;
            }
            entries.push_back(parseEntry(f, name, value));
        }
        auto layout = checkLayout(entries, dataSize, ctx);
        if (!layout)
            return std::unexpected(layout.error());
        return entries;
    });
}

Result<TensorMap> readSafetensorsUnguarded(const std::string &path, StringMap *metadata) {
    auto mapped = detail::MappedFile::open(path, "safetensors file");
    if (!mapped)
        return std::unexpected(mapped.error());
    const detail::MappedFile &file = **mapped;
    const std::string ctx = file.describe();
    if (file.size() < 8)
        return fail(ErrorCode::BadFormat, ctx + ": expected an 8-byte header length, found a file of " +
                                              std::to_string(file.size()) + " bytes");
    std::uint64_t headerBytes = 0; // little-endian on disk, and the host is little-endian
    std::memcpy(&headerBytes, file.data(), 8);
    if (headerBytes > kMaxHeaderBytes)
        return fail(ErrorCode::BadFormat, ctx + ": header length " + std::to_string(headerBytes) +
                                              " exceeds the limit of " + std::to_string(kMaxHeaderBytes) + " bytes");
    if (headerBytes > file.size() - 8)
        return fail(ErrorCode::BadFormat, ctx + ": header length " + std::to_string(headerBytes) +
                                              " runs past the end of the file (" + std::to_string(file.size()) +
                                              " bytes)");
    const std::string text(reinterpret_cast<const char *>(file.data()) + 8, headerBytes);
    const std::uint64_t dataStart = 8 + headerBytes;
    // parseHeader checks every tensor's span against the data region, so no view reaches past the end of the file.
    auto entries = parseHeader(text, file.size() - dataStart, ctx, metadata);
    if (!entries)
        return std::unexpected(entries.error());
    TensorMap tensors;
    for (Entry &e : *entries) {
        auto bytes = TensorBytes::view(*mapped, file.data() + dataStart + e.begin, e.end - e.begin);
        tensors.emplace(e.name, RawTensor{e.dtype, std::move(e.shape), std::move(bytes)});
    }
    return tensors;
}

Result<TensorMap> decodeSafetensorsUnguarded(std::span<const std::byte> bytes, const std::string &origin,
                                             StringMap *metadata) {
    const std::string ctx = "safetensors bytes from " + origin;
    if (bytes.size() < 8)
        return fail(ErrorCode::BadFormat,
                    ctx + ": expected an 8-byte header length, found " + std::to_string(bytes.size()) + " bytes");
    std::uint64_t headerBytes = 0;
    std::memcpy(&headerBytes, bytes.data(), 8);
    if (headerBytes > kMaxHeaderBytes || headerBytes > bytes.size() - 8)
        return fail(ErrorCode::BadFormat, ctx + ": header length " + std::to_string(headerBytes) +
                                              " runs past the end of the data (" + std::to_string(bytes.size()) +
                                              " bytes)");
    const std::string text(reinterpret_cast<const char *>(bytes.data()) + 8, headerBytes);
    const std::uint64_t dataStart = 8 + headerBytes;
    auto entries = parseHeader(text, bytes.size() - dataStart, ctx, metadata);
    if (!entries)
        return std::unexpected(entries.error());
    TensorMap tensors;
    for (Entry &e : *entries) {
        const auto *begin = bytes.data() + dataStart + e.begin;
        RawTensor t{e.dtype, std::move(e.shape), std::vector<std::byte>(begin, begin + (e.end - e.begin))};
        tensors.emplace(e.name, std::move(t));
    }
    return tensors;
}

} // namespace

Result<TensorMap> decodeSafetensors(std::span<const std::byte> bytes, const std::string &origin, StringMap *metadata) {
    return detail::catchAtBoundary("decoding safetensors from " + origin,
                                   [&] { return decodeSafetensorsUnguarded(bytes, origin, metadata); });
}

Result<TensorMap> readSafetensors(const std::string &path, StringMap *metadata) {
    return detail::catchAtBoundary("reading safetensors file " + path,
                                   [&] { return readSafetensorsUnguarded(path, metadata); });
}

} // namespace fp::engine
