#pragma once

// QtTest checks for fp::Result<T>: success with the error shown on failure, and failure with an
// expected code and message fragment.

#include "fedpilot/engine/Error.h"

#include <string>

namespace fp::test {

// Empty when result failed with `code` and a message containing `needle`; otherwise what differs.
template <typename T> std::string errorMismatch(const Result<T> &result, ErrorCode code, const std::string &needle) {
    if (result)
        return "expected an error, the call succeeded";
    const Error &e = result.error();
    if (e.code != code)
        return std::string("expected code '") + errorCodeName(code) + "', got '" + errorCodeName(e.code) +
               "': " + e.message;
    if (e.message.find(needle) == std::string::npos)
        return "message lacks '" + needle + "': " + e.message;
    return {};
}

} // namespace fp::test

// Evaluates expr once; fails the test with its error message unless it succeeded.
#define FP_VERIFY_OK(expr)                                                                                             \
    do {                                                                                                               \
        const auto &fpResult = (expr);                                                                                 \
        QVERIFY2(fpResult.has_value(), fpResult ? "" : fpResult.error().message.c_str());                              \
    } while (false)

// Evaluates expr once; fails the test unless it failed with `code` and a message containing `needle`.
#define FP_VERIFY_ERROR(expr, code, needle)                                                                            \
    do {                                                                                                               \
        const std::string fpMismatch = ::fp::test::errorMismatch((expr), (code), (needle));                            \
        QVERIFY2(fpMismatch.empty(), fpMismatch.c_str());                                                              \
    } while (false)
