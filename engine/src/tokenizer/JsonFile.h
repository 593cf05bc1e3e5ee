#pragma once

// Typed access to the JSON of one file, with messages that name the file and the field
// ("tokenizer file X: model.vocab["abc"] must be an integer, found string"). Failures throw
// TokenizerFormatError, which the tokenizer loaders catch and return as fp::Error.

#include "fedpilot/engine/Error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace fp::engine::detail {

class TokenizerFormatError : public std::runtime_error {
public:
    TokenizerFormatError(ErrorCode code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

class JsonFile {
public:
    // what: "tokenizer file /path/tokenizer.json", the prefix of every message.
    explicit JsonFile(std::string what) : m_what(std::move(what)) {}

    // Reads and parses path. Errors: NotFound, Io, BadFormat (too large, malformed JSON).
    static Result<nlohmann::json> read(const std::string &path, const std::string &what);

    [[nodiscard]] const std::string &what() const { return m_what; }
    [[noreturn]] void fail(ErrorCode code, const std::string &detail) const;

    // object[key], which must exist and not be null; where names object ("model").
    const nlohmann::json &member(const nlohmann::json &object, const char *key, const std::string &where) const;
    // object[key], or nullptr when object is not an object, or key is absent or null.
    static const nlohmann::json *optional(const nlohmann::json &object, const char *key);

    std::string string(const nlohmann::json &value, const std::string &where) const;
    std::int64_t integer(const nlohmann::json &value, const std::string &where) const;
    bool boolean(const nlohmann::json &value, const std::string &where) const;
    const nlohmann::json &array(const nlohmann::json &value, const std::string &where) const;
    const nlohmann::json &object(const nlohmann::json &value, const std::string &where) const;

    // object[key] as a string/bool, or fallback when absent or null.
    std::string stringOr(const nlohmann::json &object, const char *key, const std::string &fallback,
                         const std::string &where) const;
    bool booleanOr(const nlohmann::json &object, const char *key, bool fallback, const std::string &where) const;

private:
    [[noreturn]] void wrongType(const nlohmann::json &value, const char *expected, const std::string &where) const;

    std::string m_what;
};

} // namespace fp::engine::detail
