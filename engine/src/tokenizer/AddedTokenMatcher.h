#pragma once

// Finds added tokens (special tokens such as "<|eot_id|>") verbatim in text, before any
// normalization or BPE, as Hugging Face tokenizers do: leftmost match first, the longest token
// when several start at the same place.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fp::engine::detail {

struct AddedToken {
    int id = -1;
    std::string content;
    bool special = true;
    bool lstrip = false;     // the match swallows whitespace before it
    bool rstrip = false;     // the match swallows whitespace after it
    bool normalized = false; // kept for saving; matching always uses the raw text
    bool singleWord = false; // kept for saving; not enforced
};

// A piece of the input: either text to tokenize, or one added token.
struct TextSegment {
    std::string_view text;
    std::size_t offset = 0; // byte offset of text in the input
    int tokenId = -1;       // >= 0 for an added token
};

class AddedTokenMatcher {
public:
    AddedTokenMatcher() = default;
    explicit AddedTokenMatcher(std::vector<AddedToken> tokens);

    [[nodiscard]] bool empty() const { return m_tokens.empty(); }
    [[nodiscard]] const std::vector<AddedToken> &tokens() const { return m_tokens; }

    // Splits text into text segments (never empty) and added-token segments, in order.
    [[nodiscard]] std::vector<TextSegment> split(std::string_view text) const;

private:
    // Index into m_tokens of the longest token matching at pos, or -1.
    [[nodiscard]] int longestMatchAt(std::string_view text, std::size_t pos) const;

    std::vector<AddedToken> m_tokens;
    std::array<std::vector<int>, 256> m_byFirstByte; // token indices, longest content first
};

} // namespace fp::engine::detail
