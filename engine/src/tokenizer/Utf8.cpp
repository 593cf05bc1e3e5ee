#include "Utf8.h"

namespace fp::engine::detail {

namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }

} // namespace

std::size_t utf8ChunkLength(std::string_view text, std::size_t pos) {
    std::size_t length = 1;
    while (length < 4 && pos + length < text.size() && isContinuation(static_cast<unsigned char>(text[pos + length])))
        ++length;
    return length;
}

char32_t decodeUtf8Chunk(std::string_view chunk) {
    if (chunk.empty())
        return kInvalidCodepoint;
    const auto lead = static_cast<unsigned char>(chunk[0]);
    std::size_t expected = 0;
    char32_t codepoint = 0;
    if (lead < 0x80u) {
        expected = 1;
        codepoint = lead;
    } else if ((lead & 0xE0u) == 0xC0u) {
        expected = 2;
        codepoint = lead & 0x1Fu;
    } else if ((lead & 0xF0u) == 0xE0u) {
        expected = 3;
        codepoint = lead & 0x0Fu;
    } else if ((lead & 0xF8u) == 0xF0u) {
        expected = 4;
        codepoint = lead & 0x07u;
    } else {
        return kInvalidCodepoint;
    }
    if (chunk.size() != expected)
        return kInvalidCodepoint;
    for (std::size_t i = 1; i < expected; ++i) {
        const auto byte = static_cast<unsigned char>(chunk[i]);
        if (!isContinuation(byte))
            return kInvalidCodepoint;
        codepoint = (codepoint << 6) | (byte & 0x3Fu);
    }
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < kMinimum[expected] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
        return kInvalidCodepoint;
    return codepoint;
}

void appendUtf8(std::string &out, char32_t codepoint) {
    if (codepoint < 0x80) {
        out.push_back(static_cast<char>(codepoint));
    } else if (codepoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codepoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    } else if (codepoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codepoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codepoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    }
}

bool isValidUtf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = utf8ChunkLength(text, pos);
        if (decodeUtf8Chunk(text.substr(pos, length)) == kInvalidCodepoint)
            return false;
        pos += length;
    }
    return true;
}

std::string replaceAll(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (true) {
        const std::size_t hit = text.find(from, pos);
        if (hit == std::string_view::npos)
            break;
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = hit + from.size();
    }
    out.append(text.substr(pos));
    return out;
}

} // namespace fp::engine::detail
