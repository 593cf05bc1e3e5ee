#pragma once
// Engine-private: the little-endian binary encoding of the site messages. Fixed-width integers and floats,
// strings and byte blobs as a u32 length then the bytes. A Reader never reads past its input: every read is
// checked, and the first failure names the field.
#include "fedpilot/engine/Error.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace fp::engine::detail {

class WireWriter {
public:
    template <typename T> void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto *p = reinterpret_cast<const std::byte *>(&value);
        m_bytes.insert(m_bytes.end(), p, p + sizeof(T));
    }
    void putString(const std::string &text) {
        put(uint32_t(text.size()));
        const auto *p = reinterpret_cast<const std::byte *>(text.data());
        m_bytes.insert(m_bytes.end(), p, p + text.size());
    }
    void putBytes(std::span<const std::byte> bytes) {
        put(uint32_t(bytes.size()));
        m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
    }
    [[nodiscard]] std::vector<std::byte> take() { return std::move(m_bytes); }

private:
    std::vector<std::byte> m_bytes;
};

class WireReader {
public:
    WireReader(std::span<const std::byte> bytes, std::string message) : m_bytes(bytes), m_message(std::move(message)) {}

    template <typename T> bool get(T &value, const char *field) {
        if (!need(sizeof(T), field)) {
            return false;
        }
        std::memcpy(&value, m_bytes.data() + m_at, sizeof(T));
        m_at += sizeof(T);
        return true;
    }
    bool getString(std::string &text, const char *field) {
        uint32_t n = 0;
        if (!get(n, field) || !need(n, field)) {
            return false;
        }
        text.assign(reinterpret_cast<const char *>(m_bytes.data() + m_at), n);
        m_at += n;
        return true;
    }
    bool getBytes(std::vector<std::byte> &bytes, const char *field) {
        uint32_t n = 0;
        if (!get(n, field) || !need(n, field)) {
            return false;
        }
        bytes.assign(m_bytes.begin() + std::ptrdiff_t(m_at), m_bytes.begin() + std::ptrdiff_t(m_at + n));
        m_at += n;
        return true;
    }
    // A count of items that each take at least itemBytes: rejects counts the input cannot hold.
    bool getCount(uint32_t &count, size_t itemBytes, const char *field) {
        if (!get(count, field)) {
            return false;
        }
        if (itemBytes > 0 && count > (m_bytes.size() - m_at) / itemBytes) {
            m_problem = std::string(field) + ": " + std::to_string(count) + " items do not fit in the " +
                        std::to_string(m_bytes.size() - m_at) + " bytes left";
            return false;
        }
        return true;
    }
    // Succeeds when every byte was consumed and nothing failed.
    [[nodiscard]] Result<void> finish() const {
        if (!m_problem.empty()) {
            return fail(ErrorCode::BadFormat, m_message + ": " + m_problem);
        }
        if (m_at != m_bytes.size()) {
            return fail(ErrorCode::BadFormat,
                        m_message + ": " + std::to_string(m_bytes.size() - m_at) + " unexpected trailing bytes");
        }
        return {};
    }

private:
    bool need(size_t n, const char *field) {
        if (!m_problem.empty()) {
            return false;
        }
        if (n > m_bytes.size() - m_at) {
            m_problem = std::string(field) + ": truncated (needs " + std::to_string(n) + " bytes, " +
                        std::to_string(m_bytes.size() - m_at) + " left)";
            return false;
        }
        return true;
    }
    std::span<const std::byte> m_bytes;
    std::string m_message;
    size_t m_at = 0;
    std::string m_problem;
};

} // namespace fp::engine::detail
