#pragma once

#include "fedpilot/engine/Error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

// OpenSSL's EVP_MD_CTX, declared here so that this header does not pull in OpenSSL.
struct evp_md_ctx_st;

namespace fp::engine {

// SHA-256 (FIPS 180-4) from OpenSSL's EVP interface, incremental: feed bytes with update(), then take the digest
// once with finish(). Checkpoints, model files and adapters on the wire are hashed with it.
// Move-only. Throws std::runtime_error only when OpenSSL itself cannot run SHA-256 (out of memory, or a crypto
// policy that disables it), never because of the data.
class Sha256 {
public:
    using Digest = std::array<uint8_t, 32>;

    Sha256();
    ~Sha256();
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(std::span<const std::byte> bytes);
    void update(const std::string &text);
    // The digest of everything fed so far. The object must not be updated afterwards.
    [[nodiscard]] Digest finish();

    // 64 lowercase hex digits.
    [[nodiscard]] static std::string hex(const Digest &digest);
    // One-shot helper: hex digest of text.
    [[nodiscard]] static std::string hexOf(const std::string &text);

private:
    struct ContextDeleter {
        void operator()(evp_md_ctx_st *context) const;
    };
    std::unique_ptr<evp_md_ctx_st, ContextDeleter> m_context;
};

struct FileDigest {
    std::string sha256; // 64 lowercase hex digits
    int64_t bytes = 0;
};

// Hashes a file's content. Errors: NotFound (no such file), Io (cannot open or read; the message names the file).
Result<FileDigest> sha256File(const std::string &path);

} // namespace fp::engine
