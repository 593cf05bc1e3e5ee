#pragma once
// Engine-private: the boundary for code that calls LibTorch. Like catchAtBoundary (formats/FileIo.h), but a
// c10::Error is reported by its message alone, without the C++ backtrace nobody can act on.

#include "formats/FileIo.h"

#include <c10/util/Exception.h>

#include <string>

namespace fp::engine::detail {

// First line of a message.
inline std::string firstLine(const char *what) {
    std::string text(what);
    const auto nl = text.find('\n');
    return nl == std::string::npos ? text : text.substr(0, nl);
}

template <typename F> auto guarded(const std::string &context, F &&body) -> decltype(body()) {
    return catchAtBoundary(context, [&]() -> decltype(body()) {
        try {
            return body();
        } catch (const c10::Error &e) {
            return fail(ErrorCode::Runtime, context + ": " + firstLine(e.what_without_backtrace()));
        }
    });
}

} // namespace fp::engine::detail
