#include "ByteLevelAlphabet.h"

#include "Utf8.h"

namespace fp::engine::detail {

namespace {

bool mapsToItself(unsigned byte) {
    return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE && byte <= 0xFF);
}

} // namespace

const ByteLevelAlphabet &ByteLevelAlphabet::instance() {
    static const ByteLevelAlphabet alphabet;
    return alphabet;
}

ByteLevelAlphabet::ByteLevelAlphabet() {
    char32_t next = 0x100;
    for (unsigned byte = 0; byte < 256; ++byte) {
        const char32_t codepoint = mapsToItself(byte) ? static_cast<char32_t>(byte) : next++;
        appendUtf8(m_charOfByte[byte], codepoint);
        m_byteOfChar.emplace(codepoint, static_cast<unsigned char>(byte));
    }
}

std::string ByteLevelAlphabet::encode(std::string_view bytes) const {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes)
        out += m_charOfByte[static_cast<unsigned char>(c)];
    return out;
}

std::string ByteLevelAlphabet::decode(std::string_view mapped) const {
    std::string out;
    out.reserve(mapped.size());
    for (std::size_t pos = 0; pos < mapped.size();) {
        const std::size_t length = utf8ChunkLength(mapped, pos);
        const std::string_view chunk = mapped.substr(pos, length);
        const auto it = m_byteOfChar.find(decodeUtf8Chunk(chunk));
        if (it != m_byteOfChar.end())
            out.push_back(static_cast<char>(it->second));
        else
            out.append(chunk);
        pos += length;
    }
    return out;
}

} // namespace fp::engine::detail
