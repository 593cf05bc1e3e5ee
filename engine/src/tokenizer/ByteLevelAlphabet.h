#pragma once

// GPT-2's reversible byte <-> unicode mapping used by byte-level BPE (GPT-2, Llama 3): printable
// Latin-1 bytes map to themselves, the other 68 bytes to U+0100 onwards, so every byte sequence
// becomes a printable string ("Ġ" for a space, "Ċ" for a newline).

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fp::engine::detail {

class ByteLevelAlphabet {
public:
    static const ByteLevelAlphabet &instance();

    // The UTF-8 encoding of the character that stands for byte.
    [[nodiscard]] const std::string &charOf(unsigned char byte) const { return m_charOfByte[byte]; }
    // Maps every byte of bytes to its character.
    [[nodiscard]] std::string encode(std::string_view bytes) const;
    // Inverse of encode; characters outside the alphabet are kept as their UTF-8 bytes.
    [[nodiscard]] std::string decode(std::string_view mapped) const;

private:
    ByteLevelAlphabet();

    std::array<std::string, 256> m_charOfByte;
    std::unordered_map<char32_t, unsigned char> m_byteOfChar;
};

} // namespace fp::engine::detail
