// SHA-256 through OpenSSL's EVP digest interface (libcrypto), which replaced a hand-written FIPS 180-4
// implementation; tests/engine/TestSha256.cpp keeps digests recorded from that one.
#include "fedpilot/engine/Sha256.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace fp::engine {
namespace {

[[noreturn]] void throwOpenSslError(const char *call) {
    const unsigned long code = ERR_get_error();
    char reason[256] = "no OpenSSL error queued";
    if (code != 0) {
        ERR_error_string_n(code, reason, sizeof reason);
    }
    throw std::runtime_error(std::string("SHA-256: ") + call + " failed: " + reason);
}

} // namespace

void Sha256::ContextDeleter::operator()(evp_md_ctx_st *context) const { EVP_MD_CTX_free(context); }

Sha256::Sha256() : m_context(EVP_MD_CTX_new()) {
    if (!m_context) {
        throwOpenSslError("EVP_MD_CTX_new");
    }
    if (EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1) {
        throwOpenSslError("EVP_DigestInit_ex");
    }
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::update(std::span<const std::byte> bytes) {
    if (!bytes.empty() && EVP_DigestUpdate(m_context.get(), bytes.data(), bytes.size()) != 1) {
        throwOpenSslError("EVP_DigestUpdate");
    }
}

void Sha256::update(const std::string &text) { update(std::as_bytes(std::span(text.data(), text.size()))); }

Sha256::Digest Sha256::finish() {
    Digest digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context.get(), digest.data(), &length) != 1 || length != digest.size()) {
        throwOpenSslError("EVP_DigestFinal_ex");
    }
    return digest;
}

std::string Sha256::hex(const Digest &digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    text.reserve(64);
    for (uint8_t byte : digest) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0xf];
    }
    return text;
}

std::string Sha256::hexOf(const std::string &text) {
    Sha256 hash;
    hash.update(text);
    return hex(hash.finish());
}

Result<FileDigest> sha256File(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int error = errno;
        return fail(error == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                    "hashing " + path + ": cannot open: " + std::strerror(error));
    }
    Sha256 hash;
    FileDigest result;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        const auto got = size_t(in.gcount());
        hash.update(std::as_bytes(std::span(buffer.data(), got)));
        result.bytes += int64_t(got);
    }
    if (in.bad()) {
        return fail(ErrorCode::Io,
                    "hashing " + path + ": read failed after " + std::to_string(result.bytes) + " bytes");
    }
    result.sha256 = Sha256::hex(hash.finish());
    return result;
}

} // namespace fp::engine
