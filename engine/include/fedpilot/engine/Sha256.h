#pragma once

#include "fedpilot/engine/Error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace fp::engine {

// SHA-256 (FIPS 180-4), incremental: feed bytes with update(), then take the digest once with finish().
// Checkpoints, model files and adapters on the wire are hashed with it.
class Sha256 {
public:
    using Digest = std::array<uint8_t, 32>;

    Sha256();
    void update(std::span<const std::byte> bytes);
    void update(const std::string &text);
    // The digest of everything fed so far. The object must not be updated afterwards.
    [[nodiscard]] Digest finish();

    // 64 lowercase hex digits.
    [[nodiscard]] static std::string hex(const Digest &digest);
    // One-shot helper: hex digest of text.
    [[nodiscard]] static std::string hexOf(const std::string &text);

private:
    void compress(const uint8_t *block);

    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_block{};
    size_t m_blockUsed = 0;
    uint64_t m_totalBytes = 0;
};

struct FileDigest {
    std::string sha256; // 64 lowercase hex digits
    int64_t bytes = 0;
};

// Hashes a file's content. Errors: NotFound (no such file), Io (cannot open or read; the message names the file).
Result<FileDigest> sha256File(const std::string &path);

} // namespace fp::engine
