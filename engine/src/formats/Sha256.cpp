// SHA-256 after FIPS 180-4 sections 4.1.2 (functions), 4.2.2 (constants), 5.1.1 (padding) and 6.2 (computation).
#include "fedpilot/engine/Sha256.h"

#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace fp::engine {
namespace {

constexpr std::array<uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::array<uint32_t, 8> kInitialState = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

uint32_t loadBigEndian(const uint8_t *p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

} // namespace

Sha256::Sha256() : m_state(kInitialState) {}

void Sha256::compress(const uint8_t *block) {
    std::array<uint32_t, 64> w;
    for (int t = 0; t < 16; ++t) {
        w[size_t(t)] = loadBigEndian(block + 4 * t);
    }
    for (size_t t = 16; t < 64; ++t) {
        const uint32_t s0 = std::rotr(w[t - 15], 7) ^ std::rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const uint32_t s1 = std::rotr(w[t - 2], 17) ^ std::rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
    uint32_t e = m_state[4], f = m_state[5], g = m_state[6], h = m_state[7];
    for (size_t t = 0; t < 64; ++t) {
        const uint32_t sum1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
        const uint32_t choose = (e & f) ^ (~e & g);
        const uint32_t t1 = h + sum1 + choose + kRoundConstants[t] + w[t];
        const uint32_t sum0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
        const uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const uint32_t t2 = sum0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    m_state[0] += a;
    m_state[1] += b;
    m_state[2] += c;
    m_state[3] += d;
    m_state[4] += e;
    m_state[5] += f;
    m_state[6] += g;
    m_state[7] += h;
}

void Sha256::update(std::span<const std::byte> bytes) {
    const auto *p = reinterpret_cast<const uint8_t *>(bytes.data());
    size_t left = bytes.size();
    m_totalBytes += left;
    if (m_blockUsed > 0) {
        const size_t take = std::min(left, m_block.size() - m_blockUsed);
        std::memcpy(m_block.data() + m_blockUsed, p, take);
        m_blockUsed += take;
        p += take;
        left -= take;
        if (m_blockUsed < m_block.size()) {
            return;
        }
        compress(m_block.data());
        m_blockUsed = 0;
    }
    for (; left >= 64; p += 64, left -= 64) {
        compress(p);
    }
    if (left > 0) {
        std::memcpy(m_block.data(), p, left);
        m_blockUsed = left;
    }
}

void Sha256::update(const std::string &text) { update(std::as_bytes(std::span(text.data(), text.size()))); }

Sha256::Digest Sha256::finish() {
    const uint64_t bitLength = m_totalBytes * 8;
    // Padding: a 1 bit, zeros up to 56 bytes mod 64, then the message length in bits, big-endian.
    std::array<uint8_t, 72> padding{};
    padding[0] = 0x80;
    const size_t zeros = (m_blockUsed < 56 ? 56 : 120) - m_blockUsed;
    for (int i = 0; i < 8; ++i) {
        padding[zeros + size_t(i)] = uint8_t(bitLength >> (56 - 8 * i));
    }
    update(std::as_bytes(std::span(padding.data(), zeros + 8)));
    Digest digest;
    for (size_t i = 0; i < 8; ++i) {
        for (size_t j = 0; j < 4; ++j) {
            digest[4 * i + j] = uint8_t(m_state[i] >> (24 - 8 * j));
        }
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
