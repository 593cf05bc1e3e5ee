// The agent's framing of site messages (remote/src/Frames.h): readFramed over a stream of Frame messages, without
// gRPC's transport. Input: frames, each a 2-byte little-endian length then that many bytes of a serialized
// fedpilot.v1.Frame; bytes that do not parse end the stream, as a broken gRPC stream would. Also writes the input
// with writeFramed and checks readFramed gives back the same bytes.
#include "FuzzSupport.h"

#include "Frames.h"

#include <cstring>
#include <vector>

namespace {

constexpr size_t kMaxMessageBytes = size_t(1) << 16;

// Replays parsed frames (the reader side of a gRPC stream).
struct ReplayStream {
    std::vector<fedpilot::v1::Frame> frames;
    size_t next = 0;
    bool Read(fedpilot::v1::Frame *frame) {
        if (next == frames.size()) {
            return false;
        }
        *frame = frames[next++];
        return true;
    }
};

// Records written frames (the writer side).
struct RecordStream {
    std::vector<fedpilot::v1::Frame> frames;
    bool Write(const fedpilot::v1::Frame &frame) {
        frames.push_back(frame);
        return true;
    }
};

ReplayStream parseFrames(const uint8_t *data, size_t size) {
    ReplayStream stream;
    while (size >= 2) {
        const size_t length = std::min<size_t>(size_t(data[0]) | size_t(data[1]) << 8, size - 2);
        fedpilot::v1::Frame frame;
        if (!frame.ParseFromArray(data + 2, int(length))) {
            break;
        }
        stream.frames.push_back(std::move(frame));
        data += 2 + length;
        size -= 2 + length;
    }
    return stream;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fp::engine::Bytes message;
    fp::remote::TransferCount count;
    auto replay = parseFrames(data, size);
    const auto status = fp::remote::readFramed(replay, kMaxMessageBytes, "fuzz request", message, count);
    if (status.ok() && (message.size() > kMaxMessageBytes || count.payloadReceived != int64_t(message.size()))) {
        std::fprintf(stderr, "readFramed accepted %zu bytes, limit %zu\n", message.size(), kMaxMessageBytes);
        std::abort();
    }

    RecordStream written;
    fp::remote::TransferCount sent;
    if (!fp::remote::writeFramed(written, fp::fuzz::asBytes(data, size), sent)) {
        std::abort();
    }
    ReplayStream back{std::move(written.frames)};
    fp::engine::Bytes echoed;
    const auto echo = fp::remote::readFramed(back, size, "echo", echoed, count);
    if (!echo.ok() || echoed.size() != size || (size && std::memcmp(echoed.data(), data, size) != 0)) {
        std::fprintf(stderr, "writeFramed then readFramed does not give back the bytes: %s\n",
                     echo.error_message().c_str());
        std::abort();
    }
    return 0;
}
