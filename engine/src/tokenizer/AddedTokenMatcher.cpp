#include "AddedTokenMatcher.h"

#include "UnicodeClass.h"
#include "Utf8.h"

#include <algorithm>

namespace fp::engine::detail {

namespace {

// Length of the whitespace run at the start of text.
std::size_t leadingWhitespace(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t length = utf8ChunkLength(text, pos);
        if (!isWhitespace(decodeUtf8Chunk(text.substr(pos, length))))
            break;
        pos += length;
    }
    return pos;
}

// Length of the whitespace run at the end of text.
std::size_t trailingWhitespace(std::string_view text) {
    std::size_t runStart = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = utf8ChunkLength(text, pos);
        if (!isWhitespace(decodeUtf8Chunk(text.substr(pos, length))))
            runStart = pos + length;
        pos += length;
    }
    return text.size() - runStart;
}

} // namespace

AddedTokenMatcher::AddedTokenMatcher(std::vector<AddedToken> tokens) : m_tokens(std::move(tokens)) {
    for (int i = 0; i < static_cast<int>(m_tokens.size()); ++i) {
        const std::string &content = m_tokens[static_cast<std::size_t>(i)].content;
        if (!content.empty())
            m_byFirstByte[static_cast<unsigned char>(content[0])].push_back(i);
    }
    for (auto &candidates : m_byFirstByte) {
        std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
            return m_tokens[static_cast<std::size_t>(a)].content.size() >
                   m_tokens[static_cast<std::size_t>(b)].content.size();
        });
    }
}

int AddedTokenMatcher::longestMatchAt(std::string_view text, std::size_t pos) const {
    for (const int index : m_byFirstByte[static_cast<unsigned char>(text[pos])]) {
        if (text.substr(pos).starts_with(m_tokens[static_cast<std::size_t>(index)].content))
            return index;
    }
    return -1;
}

std::vector<TextSegment> AddedTokenMatcher::split(std::string_view text) const {
    std::vector<TextSegment> segments;
    std::size_t textStart = 0; // start of the pending text segment
    std::size_t pos = 0;
    while (pos < text.size()) {
        const int index = longestMatchAt(text, pos);
        if (index < 0) {
            ++pos;
            continue;
        }
        const AddedToken &token = m_tokens[static_cast<std::size_t>(index)];
        std::string_view before = text.substr(textStart, pos - textStart);
        if (token.lstrip)
            before.remove_suffix(trailingWhitespace(before));
        if (!before.empty())
            segments.push_back({before, textStart, -1});
        segments.push_back({text.substr(pos, token.content.size()), pos, token.id});
        pos += token.content.size();
        if (token.rstrip)
            pos += leadingWhitespace(text.substr(pos));
        textStart = pos;
    }
    if (textStart < text.size())
        segments.push_back({text.substr(textStart), textStart, -1});
    return segments;
}

} // namespace fp::engine::detail
