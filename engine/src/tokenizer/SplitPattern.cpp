#include "SplitPattern.h"

#include "UnicodeClass.h"
#include "Utf8.h"

#include <cstddef>
#include <cstdint>

namespace fp::engine::detail {

namespace {

constexpr std::string_view kGpt2Source =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
constexpr std::string_view kLlama3Source =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// The text as classified characters; indices past the end classify as nothing.
class CharClasses {
public:
    explicit CharClasses(std::string_view text) {
        for (std::size_t pos = 0; pos < text.size();) {
            const std::size_t length = utf8ChunkLength(text, pos);
            const char32_t cp = decodeUtf8Chunk(text.substr(pos, length));
            m_chars.push_back({cp, pos, classify(cp)});
            pos += length;
        }
        m_end = text.size();
    }

    [[nodiscard]] std::size_t size() const { return m_chars.size(); }
    [[nodiscard]] std::size_t offset(std::size_t i) const { return i < m_chars.size() ? m_chars[i].offset : m_end; }
    [[nodiscard]] char32_t codepoint(std::size_t i) const { return i < m_chars.size() ? m_chars[i].cp : 0; }
    [[nodiscard]] bool letter(std::size_t i) const { return has(i, kLetter); }
    [[nodiscard]] bool number(std::size_t i) const { return has(i, kNumber); }
    [[nodiscard]] bool space(std::size_t i) const { return has(i, kSpace); }
    [[nodiscard]] bool lineBreak(std::size_t i) const { return has(i, kLineBreak); }
    // [^\s\p{L}\p{N}]
    [[nodiscard]] bool other(std::size_t i) const { return i < m_chars.size() && m_chars[i].flags == 0; }

    // First index at or after i where pred fails.
    template <typename Pred> [[nodiscard]] std::size_t skip(std::size_t i, Pred pred) const {
        while (i < m_chars.size() && pred(i))
            ++i;
        return i;
    }

private:
    static constexpr std::uint8_t kLetter = 1, kNumber = 2, kSpace = 4, kLineBreak = 8;

    struct Char {
        char32_t cp;
        std::size_t offset;
        std::uint8_t flags;
    };

    static std::uint8_t classify(char32_t cp) {
        if (cp == kInvalidCodepoint)
            return 0;
        std::uint8_t flags = 0;
        if (isLetter(cp))
            flags |= kLetter;
        if (isNumber(cp))
            flags |= kNumber;
        if (isWhitespace(cp))
            flags |= kSpace;
        if (cp == '\r' || cp == '\n')
            flags |= kLineBreak;
        return flags;
    }

    [[nodiscard]] bool has(std::size_t i, std::uint8_t flag) const {
        return i < m_chars.size() && (m_chars[i].flags & flag) != 0;
    }

    std::vector<Char> m_chars;
    std::size_t m_end = 0;
};

char32_t asciiLower(char32_t cp) { return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp; }

// 's|'t|'re|'ve|'m|'ll|'d, optionally case-insensitive; returns the end index or 0.
std::size_t matchContraction(const CharClasses &c, std::size_t i, bool ignoreCase) {
    if (c.codepoint(i) != '\'')
        return 0;
    auto at = [&](std::size_t k) { return ignoreCase ? asciiLower(c.codepoint(k)) : c.codepoint(k); };
    const char32_t first = at(i + 1);
    // Under Unicode case folding U+017F (long s) matches 's' too.
    if (first == 's' || first == 't' || first == 'm' || first == 'd' || (ignoreCase && first == 0x17F))
        return i + 2;
    const char32_t second = at(i + 2);
    if ((first == 'r' && second == 'e') || (first == 'v' && second == 'e') || (first == 'l' && second == 'l'))
        return i + 3;
    return 0;
}

// The whitespace alternatives shared by both patterns, at a whitespace character i:
// [\s*[\r\n]+ |] \s+(?!\S) | \s+
std::size_t matchWhitespace(const CharClasses &c, std::size_t i, bool lineBreakRun) {
    const std::size_t runEnd = c.skip(i, [&](std::size_t k) { return c.space(k); });
    if (lineBreakRun) {
        // Greedy \s* backs off to the last line break of the run; [\r\n]+ then takes just it.
        for (std::size_t k = runEnd; k > i; --k) {
            if (c.lineBreak(k - 1))
                return k;
        }
    }
    if (runEnd == c.size())
        return runEnd; // (?!\S) holds at the end of the text
    if (runEnd - 1 > i)
        return runEnd - 1; // back off one so that the lookahead sees whitespace
    return runEnd;
}

std::size_t matchLlama3(const CharClasses &c, std::size_t i) {
    if (const std::size_t end = matchContraction(c, i, true))
        return end;
    auto letters = [&](std::size_t k) { return c.letter(k); };
    if (c.letter(i))
        return c.skip(i, letters);
    if (!c.lineBreak(i) && !c.letter(i) && !c.number(i) && c.letter(i + 1))
        return c.skip(i + 1, letters);
    if (c.number(i)) {
        std::size_t end = i;
        while (end < i + 3 && c.number(end))
            ++end;
        return end;
    }
    const std::size_t start = (c.codepoint(i) == ' ' && c.other(i + 1)) ? i + 1 : i;
    if (c.other(start)) {
        const std::size_t end = c.skip(start, [&](std::size_t k) { return c.other(k); });
        return c.skip(end, [&](std::size_t k) { return c.lineBreak(k); });
    }
    if (c.space(i))
        return matchWhitespace(c, i, true);
    return i + 1;
}

std::size_t matchGpt2(const CharClasses &c, std::size_t i) {
    if (const std::size_t end = matchContraction(c, i, false))
        return end;
    const bool leadingSpace = c.codepoint(i) == ' ';
    auto runFrom = [&](auto pred) -> std::size_t {
        const std::size_t start = (leadingSpace && pred(i + 1)) ? i + 1 : i;
        return pred(start) ? c.skip(start, pred) : 0;
    };
    if (const std::size_t end = runFrom([&](std::size_t k) { return c.letter(k); }))
        return end;
    if (const std::size_t end = runFrom([&](std::size_t k) { return c.number(k); }))
        return end;
    if (const std::size_t end = runFrom([&](std::size_t k) { return c.other(k); }))
        return end;
    if (c.space(i))
        return matchWhitespace(c, i, false);
    return i + 1;
}

} // namespace

std::optional<SplitPattern> recognizeSplitPattern(std::string_view regex) {
    if (regex == kGpt2Source)
        return SplitPattern::Gpt2;
    if (regex == kLlama3Source)
        return SplitPattern::Llama3;
    return std::nullopt;
}

std::string_view splitPatternSource(SplitPattern pattern) {
    return pattern == SplitPattern::Gpt2 ? kGpt2Source : kLlama3Source;
}

std::vector<std::string_view> splitByPattern(std::string_view text, SplitPattern pattern) {
    const CharClasses chars(text);
    std::vector<std::string_view> pieces;
    for (std::size_t i = 0; i < chars.size();) {
        const std::size_t end = pattern == SplitPattern::Gpt2 ? matchGpt2(chars, i) : matchLlama3(chars, i);
        pieces.push_back(text.substr(chars.offset(i), chars.offset(end) - chars.offset(i)));
        i = end;
    }
    return pieces;
}

} // namespace fp::engine::detail
