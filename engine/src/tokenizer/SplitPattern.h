#pragma once

// The split regexes of byte-level tokenizers, matched by hand-written scanners instead of a regex
// engine (std::regex has no \p{L} and is slow). Each scanner follows the leftmost-first alternation
// and backtracking of the original pattern, so its splits equal those of Hugging Face tokenizers.

#include <optional>
#include <string_view>
#include <vector>

namespace fp::engine::detail {

enum class SplitPattern {
    // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    Gpt2,
    // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    // ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
    Llama3,
};

// The pattern whose source text is exactly regex, or nothing.
[[nodiscard]] std::optional<SplitPattern> recognizeSplitPattern(std::string_view regex);
// The regex source of pattern, as tokenizer.json spells it.
[[nodiscard]] std::string_view splitPatternSource(SplitPattern pattern);

// The successive matches of pattern in text. They cover text completely and in order (no text
// falls between matches), so concatenating them gives text back. Invalid UTF-8 bytes count as
// characters that are neither letters, numbers nor whitespace.
[[nodiscard]] std::vector<std::string_view> splitByPattern(std::string_view text, SplitPattern pattern);

} // namespace fp::engine::detail
