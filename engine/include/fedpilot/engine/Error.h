#pragma once

#include <expected>
#include <string>
#include <utility>

namespace fp {

// What went wrong, in a class a caller can branch on.
enum class ErrorCode {
    InvalidArgument, // a parameter or option is out of range or inconsistent
    NotFound,        // a file, tensor, token or record does not exist
    BadFormat,       // a file exists but its content is malformed or truncated
    Unsupported,     // well-formed, but a variant (dtype, version, layout) we do not handle
    Io,              // the OS refused a read or write (permissions, disk full)
    Cancelled,       // the caller's cancel token fired
    Runtime,         // a numerical or backend failure (NaN, out of memory, device error)
    Network,         // a remote peer failed or timed out
};

// An error a person can act on: the message names what and where
// ("model file X: expected 7 int32 header fields, found a file of 12 bytes").
struct Error {
    ErrorCode code = ErrorCode::Runtime;
    std::string message;

    Error() = default;
    Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

    // Prepends context ("loading /x/y: " + message) while keeping the code.
    [[nodiscard]] Error withContext(const std::string &context) const { return Error(code, context + ": " + message); }
};

template <typename T> using Result = std::expected<T, Error>;

// Shorthand for `return fp::fail(ErrorCode::BadFormat, "...");` inside functions returning Result<T>.
inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
    return std::unexpected<Error>(Error(code, std::move(message)));
}

[[nodiscard]] const char *errorCodeName(ErrorCode code);

} // namespace fp
