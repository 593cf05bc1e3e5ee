#pragma once
// Engine-private: turns exceptions escaping LibTorch (c10::Error, std::bad_alloc, ...) into fp::Error at the
// module boundary, so no exception crosses the public API.

#include "fedpilot/engine/Error.h"

#include <c10/util/Exception.h>

#include <new>
#include <string>
#include <type_traits>

namespace fp::engine::detail {

// First line of a c10 message (the rest is a C++ backtrace nobody can act on).
inline std::string firstLine(const char *what) {
    std::string text(what);
    const auto nl = text.find('\n');
    return nl == std::string::npos ? text : text.substr(0, nl);
}

template <typename F> auto guarded(const std::string &context, F &&body) -> decltype(body()) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, context + ": out of memory");
    } catch (const c10::Error &e) {
        return fail(ErrorCode::Runtime, context + ": " + firstLine(e.what_without_backtrace()));
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, context + ": " + e.what());
    }
}

} // namespace fp::engine::detail
