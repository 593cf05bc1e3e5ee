#pragma once

// Unicode character classes used by the split patterns of byte-level tokenizers: \p{L}, \p{N} and
// \s as the regex engines behind Hugging Face tokenizers define them. Categories come from libutf8proc.

namespace fp::engine::detail {

// General category L* (Lu, Ll, Lt, Lm, Lo).
[[nodiscard]] bool isLetter(char32_t codepoint);
// General category N* (Nd, Nl, No).
[[nodiscard]] bool isNumber(char32_t codepoint);
// The White_Space property (what \s matches in Unicode mode).
[[nodiscard]] bool isWhitespace(char32_t codepoint);
// The Unicode version the categories follow (libutf8proc's), e.g. "15.0.0".
[[nodiscard]] const char *unicodeVersion();

} // namespace fp::engine::detail
