#pragma once

// The token table of a tokenizer: id -> piece, score and kind, piece -> id, and the ids of the
// 256 byte-fallback tokens "<0x00>".."<0xFF>".

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fp::engine::detail {

enum class TokenKind : std::uint8_t {
    Normal,  // an ordinary BPE piece
    Unknown, // the unk token
    Control, // BOS, EOS and other special tokens: never produced by BPE
    Byte,    // "<0xNN>": one raw byte (byte fallback)
    Added,   // a non-special added token: matched verbatim, decoded as its content
    Unused,  // an id no piece was given (a hole in a tokenizer.json vocabulary)
};

// The byte a piece "<0xNN>" stands for (hex digits in either case), or nothing.
[[nodiscard]] std::optional<unsigned char> parseByteToken(std::string_view piece);

class Vocabulary {
public:
    // Sets the token table; the lookup keeps the lowest id of a piece that occurs twice.
    void assign(std::vector<std::string> pieces, std::vector<float> scores, std::vector<TokenKind> kinds);

    [[nodiscard]] int size() const { return static_cast<int>(m_pieces.size()); }
    [[nodiscard]] bool contains(int id) const { return id >= 0 && id < size(); }
    [[nodiscard]] const std::string &piece(int id) const { return m_pieces[static_cast<std::size_t>(id)]; }
    [[nodiscard]] float score(int id) const { return m_scores[static_cast<std::size_t>(id)]; }
    [[nodiscard]] TokenKind kind(int id) const { return m_kinds[static_cast<std::size_t>(id)]; }
    // The id of piece, or -1.
    [[nodiscard]] int find(std::string_view piece) const;
    // The id of the byte token for byte, or -1.
    [[nodiscard]] int byteToken(unsigned char byte) const { return m_byteTokens[byte]; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::vector<std::string> m_pieces;
    std::vector<float> m_scores;
    std::vector<TokenKind> m_kinds;
    std::unordered_map<std::string, int, Hash, std::equal_to<>> m_ids;
    std::array<int, 256> m_byteTokens{};
};

} // namespace fp::engine::detail
