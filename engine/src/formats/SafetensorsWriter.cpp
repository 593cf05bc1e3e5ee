#include "FileIo.h"
#include "fedpilot/engine/Safetensors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace fp::engine {

namespace {

using nlohmann::json;

// Compact JSON header, padded with spaces so the data starts 8-byte aligned (as the reference does).
Result<std::string> buildHeader(const TensorMap &tensors, const StringMap &metadata, const std::string &ctx) {
    json header = json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    // TensorMap iterates in name order, the same order json's sorted object will list them.
    for (const auto &[name, t] : tensors) {
        if (name == "__metadata__")
            return fail(ErrorCode::InvalidArgument, ctx + ": a tensor may not be named '__metadata__'");
        if (!t.hasConsistentSize())
            return fail(ErrorCode::InvalidArgument,
                        ctx + ": tensor '" + name + "' holds " + std::to_string(t.bytes.size()) +
                            " bytes, which does not match " + dtypeName(t.dtype) + " x " + std::to_string(t.numel()));
        const std::uint64_t end = offset + t.bytes.size();
        header[name] = {{"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, end}}};
        offset = end;
    }
    std::string text;
    try {
        text = header.dump();
    } catch (const json::type_error &e) {
        return fail(ErrorCode::InvalidArgument, ctx + ": a tensor name or metadata string is not UTF-8: " + e.what());
    }
    text.append((8 - text.size() % 8) % 8, ' ');
    return text;
}

Result<void> writeSafetensorsUnguarded(const std::string &path, const TensorMap &tensors, const StringMap &metadata) {
    const std::string ctx = "safetensors file " + path;
    auto header = buildHeader(tensors, metadata, ctx);
    if (!header)
        return std::unexpected(header.error());
    auto written = detail::writeFileAtomically(path, [&](std::ostream &out) {
        const std::uint64_t headerBytes = header->size(); // little-endian host
        out.write(reinterpret_cast<const char *>(&headerBytes), 8);
        out.write(header->data(), static_cast<std::streamsize>(header->size()));
        for (const auto &[name, t] : tensors)
            out.write(reinterpret_cast<const char *>(t.bytes.data()), static_cast<std::streamsize>(t.bytes.size()));
    });
    if (!written)
        return std::unexpected(written.error().withContext(ctx));
    return {};
}

} // namespace

Result<std::vector<std::byte>> encodeSafetensors(const TensorMap &tensors, const StringMap &metadata) {
    return detail::catchAtBoundary("encoding safetensors", [&]() -> Result<std::vector<std::byte>> {
        auto header = buildHeader(tensors, metadata, "encoding safetensors");
        if (!header)
            return std::unexpected(header.error());
        size_t total = 8 + header->size();
        for (const auto &[name, t] : tensors)
            total += t.bytes.size();
        std::vector<std::byte> out(total);
        const std::uint64_t headerBytes = header->size(); // little-endian host
        std::memcpy(out.data(), &headerBytes, 8);
        std::memcpy(out.data() + 8, header->data(), header->size());
        auto at = out.begin() + std::ptrdiff_t(8 + header->size());
        for (const auto &[name, t] : tensors)
            at = std::copy(t.bytes.begin(), t.bytes.end(), at); // not memcpy: an empty tensor's data() may be null
        return out;
    });
}

Result<void> writeSafetensors(const std::string &path, const TensorMap &tensors, const StringMap &metadata) {
    return detail::catchAtBoundary("writing safetensors file " + path,
                                   [&] { return writeSafetensorsUnguarded(path, tensors, metadata); });
}

} // namespace fp::engine
