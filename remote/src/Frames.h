#pragma once
// A site message over gRPC: one header frame (size + SHA-256), then the serialized bytes in chunks of at most
// kChunkBytes (proto/fedpilot/v1/agent.proto, Frame). The reader never sizes an allocation from the header:
// it appends what arrives, stops at the declared size or the caller's limit, and checks the hash at the end.
#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Sha256.h"
#include "fedpilot/engine/Site.h"
#include "fedpilot/v1/agent.pb.h"

#include <grpcpp/support/status.h>

#include <algorithm>
#include <cstring>

namespace fp::remote {

inline constexpr size_t kChunkBytes = size_t(1) << 20;
// gRPC's per-message limit on both sides: a chunk frame plus its few bytes of framing.
inline constexpr int kMaxFrameBytes = int(kChunkBytes) + 4096;

// What one call moved: the site message bytes (payload: what a run accounts) and the serialized frames
// around them (payload + headers + per-chunk framing), each way.
struct TransferCount {
    int64_t payloadSent = 0;
    int64_t payloadReceived = 0;
    int64_t framesSent = 0;
    int64_t framesReceived = 0;
};

// Writes one message. Returns false when the stream broke (the peer went away or the deadline passed).
template <typename Stream> bool writeFramed(Stream &stream, std::span<const std::byte> bytes, TransferCount &count) {
    fedpilot::v1::Frame header;
    header.mutable_header()->set_size(bytes.size());
    engine::Sha256 hash;
    hash.update(bytes);
    const auto digest = hash.finish();
    header.mutable_header()->set_sha256(digest.data(), digest.size());
    count.framesSent += int64_t(header.ByteSizeLong());
    if (!stream.Write(header)) {
        return false;
    }
    for (size_t at = 0; at < bytes.size(); at += kChunkBytes) {
        const size_t n = std::min(kChunkBytes, bytes.size() - at);
        fedpilot::v1::Frame chunk;
        chunk.set_chunk(reinterpret_cast<const char *>(bytes.data() + at), n);
        count.framesSent += int64_t(chunk.ByteSizeLong());
        count.payloadSent += int64_t(n);
        if (!stream.Write(chunk)) {
            return false;
        }
    }
    return true;
}

// Reads one message of at most maxBytes. Errors (as grpc::Status so that handlers can return them):
// INVALID_ARGUMENT for a stream that is not header-then-chunks, a wrong size or hash; RESOURCE_EXHAUSTED
// for a message over the limit; CANCELLED / DATA_LOSS for a stream that ended early.
template <typename Stream>
grpc::Status readFramed(Stream &stream, size_t maxBytes, const std::string &what, engine::Bytes &out,
                        TransferCount &count) {
    out.clear();
    fedpilot::v1::Frame frame;
    if (!stream.Read(&frame)) {
        return {grpc::StatusCode::DATA_LOSS, what + ": the stream ended before its header"};
    }
    count.framesReceived += int64_t(frame.ByteSizeLong());
    if (!frame.has_header()) {
        return {grpc::StatusCode::INVALID_ARGUMENT, what + ": the first frame is not a header"};
    }
    const uint64_t size = frame.header().size();
    const std::string expected = frame.header().sha256();
    if (size > maxBytes) {
        return {grpc::StatusCode::RESOURCE_EXHAUSTED, what + ": " + std::to_string(size) +
                                                          " bytes announced, more than the limit of " +
                                                          std::to_string(maxBytes)};
    }
    if (expected.size() != 32) {
        return {grpc::StatusCode::INVALID_ARGUMENT, what + ": the header's sha256 is not 32 bytes"};
    }
    while (out.size() < size) {
        if (!stream.Read(&frame)) {
            return {grpc::StatusCode::DATA_LOSS, what + ": the stream ended after " + std::to_string(out.size()) +
                                                     " of " + std::to_string(size) + " bytes (truncated)"};
        }
        count.framesReceived += int64_t(frame.ByteSizeLong());
        if (frame.has_header() || frame.chunk().empty() || frame.chunk().size() > kChunkBytes ||
            frame.chunk().size() > size - out.size()) {
            return {grpc::StatusCode::INVALID_ARGUMENT, what + ": a frame after the header is not a chunk of at most " +
                                                            std::to_string(kChunkBytes) +
                                                            " bytes within the announced size"};
        }
        const auto *p = reinterpret_cast<const std::byte *>(frame.chunk().data());
        out.insert(out.end(), p, p + frame.chunk().size());
        count.payloadReceived += int64_t(frame.chunk().size());
    }
    engine::Sha256 hash;
    hash.update(out);
    const auto digest = hash.finish();
    if (std::memcmp(digest.data(), expected.data(), digest.size()) != 0) {
        return {grpc::StatusCode::INVALID_ARGUMENT, what + ": the bytes do not match the header's SHA-256"};
    }
    return grpc::Status::OK;
}

} // namespace fp::remote
