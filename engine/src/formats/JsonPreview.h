#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

// Untrusted values in error messages: a file may hold a megabyte string where a field name or a small number
// belongs, and an error message must stay a line a person can read (and must not carry a file's content into logs).
namespace fp::engine::detail {

// How many bytes of an untrusted string a message quotes.
inline constexpr std::size_t kQuotedPrefix = 40;

// 'text' in single quotes, cut to its first kQuotedPrefix bytes (at a UTF-8 character boundary) with
// "... (N bytes)" after it when longer; control characters become \xNN.
std::string quotePrefix(const std::string &text, std::size_t limit = kQuotedPrefix);

// What a JSON value is, for "found ..." in a message: its type and, for a scalar, its value (a string quoted as
// quotePrefix does): "string 'abc'", "number 3.5", "boolean true", "null", "array of 12 elements",
// "object with 3 fields".
std::string describeJson(const nlohmann::json &value);

} // namespace fp::engine::detail
