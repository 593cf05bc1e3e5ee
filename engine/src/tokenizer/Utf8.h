#pragma once

// UTF-8 helpers for the tokenizers. Tokenizers never reject text: invalid sequences are walked
// byte-group by byte-group exactly as llama2.c does, so they still encode (through byte fallback).

#include <cstddef>
#include <string>
#include <string_view>

namespace fp::engine::detail {

// Marks a byte group that is not a valid UTF-8 encoding of one code point.
inline constexpr char32_t kInvalidCodepoint = 0xFFFFFFFFu;

// Length of the character starting at pos, grouped as llama2.c does: the byte at pos plus the
// continuation bytes (10xxxxxx) after it, at most 4 bytes in all. pos < text.size().
std::size_t utf8ChunkLength(std::string_view text, std::size_t pos);

// The code point encoded by a chunk from utf8ChunkLength, or kInvalidCodepoint when the chunk is
// malformed (stray continuation byte, overlong form, surrogate, wrong length).
char32_t decodeUtf8Chunk(std::string_view chunk);

void appendUtf8(std::string &out, char32_t codepoint);

[[nodiscard]] bool isValidUtf8(std::string_view text);

// Replaces every occurrence of from (non-empty) by to.
std::string replaceAll(std::string_view text, std::string_view from, std::string_view to);

} // namespace fp::engine::detail
