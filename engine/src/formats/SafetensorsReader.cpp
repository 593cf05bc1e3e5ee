#include "FileIo.h"
#include "JsonPreview.h"
#include "fedpilot/engine/Safetensors.h"

#include <nlohmann/json.hpp>

#include <cstring>

#include <algorithm>
#include <set>
#include <utility>

namespace fp::engine {

namespace {

using nlohmann::json;

// The reference implementation refuses headers above 100 MB; so do we, before allocating.
constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;
constexpr const char *kMetadataKey = "__metadata__";

struct Entry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

std::string offsetsText(const Entry &e) { return "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]"; }

Result<std::uint64_t> parseUnsigned(const json &value, const std::string &where) {
    if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
        return fail(ErrorCode::BadFormat,
                    where + " must be a non-negative integer, found " + detail::describeJson(value));
    return value.get<std::uint64_t>();
}

Result<std::vector<int64_t>> parseShape(const json &value, const std::string &where) {
    if (!value.is_array())
        return fail(ErrorCode::BadFormat, where + " must be an array of sizes, found " + detail::describeJson(value));
    std::vector<int64_t> shape;
    for (const json &d : value) {
        auto size = parseUnsigned(d, where);
        if (!size)
            return std::unexpected(size.error());
        if (*size > static_cast<std::uint64_t>(INT64_MAX))
            return fail(ErrorCode::BadFormat, where + " has a dimension too large: " + detail::describeJson(d));
        shape.push_back(static_cast<int64_t>(*size));
    }
    return shape;
}

Result<Entry> parseEntry(const std::string &name, const json &value, const std::string &ctx) {
    const std::string where = ctx + ": tensor " + detail::quotePrefix(name);
    if (!value.is_object())
        return fail(ErrorCode::BadFormat, where + " must be an object, found " + detail::describeJson(value));
    for (const char *key : {"dtype", "shape", "data_offsets"})
        if (!value.contains(key))
            return fail(ErrorCode::BadFormat, where + " has no '" + key + "' field");
    Entry e;
    e.name = name;
    const json &dtype = value["dtype"];
    if (!dtype.is_string())
        return fail(ErrorCode::BadFormat,
                    where + " field 'dtype' must be a string, found " + detail::describeJson(dtype));
    const auto parsed = dtypeFromName(dtype.get<std::string>());
    if (!parsed)
        return fail(ErrorCode::Unsupported, where + " has dtype " + detail::quotePrefix(dtype.get<std::string>()) +
                                                ", expected one of F32 F16 BF16 F64 I64 I32 I16 I8 U8 BOOL");
    e.dtype = *parsed;
    auto shape = parseShape(value["shape"], where + " field 'shape'");
    if (!shape)
        return std::unexpected(shape.error());
    e.shape = std::move(*shape);
    const json &offsets = value["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2)
        return fail(ErrorCode::BadFormat,
                    where + " field 'data_offsets' must be [begin, end], found " + detail::describeJson(offsets));
    auto begin = parseUnsigned(offsets[0], where + " field 'data_offsets'");
    auto end = parseUnsigned(offsets[1], where + " field 'data_offsets'");
    if (!begin || !end)
        return std::unexpected(!begin ? begin.error() : end.error());
    e.begin = *begin;
    e.end = *end;
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

Result<StringMap> parseMetadata(const json &value, const std::string &ctx) {
    if (!value.is_object())
        return fail(ErrorCode::BadFormat, ctx + ": '__metadata__' must be an object of strings");
    StringMap metadata;
    for (const auto &[key, v] : value.items()) {
        if (!v.is_string())
            return fail(ErrorCode::BadFormat, ctx + ": '__metadata__' value of " + detail::quotePrefix(key) +
                                                  " must be a string, found " + detail::describeJson(v));
        metadata.emplace(key, v.get<std::string>());
    }
    return metadata;
}

Result<std::vector<Entry>> parseHeader(const std::string &text, std::uint64_t dataSize, const std::string &ctx,
                                       StringMap *metadata) {
    // nlohmann keeps the last of two equal keys silently; the format forbids them, and two tensors of one name
    // would make the file mean different things to different readers. So the top-level keys are counted as parsed.
    std::set<std::string> names;
    std::string duplicate;
    const json::parser_callback_t noteKeys = [&](int depth, json::parse_event_t event, json &parsed) {
        if (event == json::parse_event_t::key && depth == 1 && !names.insert(parsed.get<std::string>()).second &&
            duplicate.empty())
            duplicate = parsed.get<std::string>();
        return true;
    };
    json header;
    try {
        header = json::parse(text, noteKeys);
    } catch (const json::parse_error &e) {
        return fail(ErrorCode::BadFormat, ctx + ": header is not valid JSON: " + e.what());
    }
    if (!duplicate.empty())
        return fail(ErrorCode::BadFormat,
                    ctx + ": the header names tensor " + detail::quotePrefix(duplicate) + " more than once");
    if (!header.is_object())
        return fail(ErrorCode::BadFormat, ctx + ": header must be a JSON object");
    std::vector<Entry> entries;
    for (const auto &[name, value] : header.items()) {
        if (name == kMetadataKey) {
            auto parsed = parseMetadata(value, ctx);
            if (!parsed)
                return std::unexpected(parsed.error());
            if (metadata)
                *metadata = std::move(*parsed);
            continue;
        }
        auto entry = parseEntry(name, value, ctx);
        if (!entry)
            return std::unexpected(entry.error());
        entries.push_back(std::move(*entry));
    }
    auto layout = checkLayout(entries, dataSize, ctx);
    if (!layout)
        return std::unexpected(layout.error());
    return entries;
}

Result<TensorMap> readSafetensorsUnguarded(const std::string &path, StringMap *metadata) {
    auto file = detail::InputFile::open(path, "safetensors file");
    if (!file)
        return std::unexpected(file.error());
    const std::string ctx = file->describe();
    if (file->size() < 8)
        return fail(ErrorCode::BadFormat, ctx + ": expected an 8-byte header length, found a file of " +
                                              std::to_string(file->size()) + " bytes");
    std::uint64_t headerBytes = 0; // little-endian on disk, and the host is little-endian
    if (auto r = file->read(&headerBytes, 8); !r)
        return std::unexpected(r.error());
    if (headerBytes > kMaxHeaderBytes)
        return fail(ErrorCode::BadFormat, ctx + ": header length " + std::to_string(headerBytes) +
                                              " exceeds the limit of " + std::to_string(kMaxHeaderBytes) + " bytes");
    if (headerBytes > file->size() - 8)
        return fail(ErrorCode::BadFormat, ctx + ": header length " + std::to_string(headerBytes) +
                                              " runs past the end of the file (" + std::to_string(file->size()) +
                                              " bytes)");
    std::string text(headerBytes, '\0');
    if (auto r = file->read(text.data(), headerBytes); !r)
        return std::unexpected(r.error());
    const std::uint64_t dataStart = 8 + headerBytes;
    auto entries = parseHeader(text, file->size() - dataStart, ctx, metadata);
    if (!entries)
        return std::unexpected(entries.error());
    TensorMap tensors;
    for (Entry &e : *entries) {
        RawTensor t{e.dtype, std::move(e.shape), std::vector<std::byte>(e.end - e.begin)};
        if (auto r = file->seek(dataStart + e.begin); !r)
            return std::unexpected(r.error());
        if (auto r = file->read(t.bytes.data(), t.bytes.size()); !r)
            return std::unexpected(r.error());
        tensors.emplace(e.name, std::move(t));
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
