#pragma once

// Locating the shared folder of real models and data (../shared next to the checkout) from tests.
// Tests that need it skip when it is absent, except on CI where its absence is a failure.

#include "fedpilot/engine/ProgramPaths.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace fp::test {

namespace detail {

inline std::string envOrEmpty(const char *name) {
    const char *value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

} // namespace detail

// The shared folder as the programs find it (engine::findSharedDir: $FP_SHARED_DIR, else shared/ beside the
// build tree), else the first <ancestor>/shared above the working folder or $FP_SOURCE_DIR. nullopt when none is
// found or $FP_SHARED_DIR names a folder that is not there.
inline std::optional<std::string> sharedDir() {
    std::error_code ec;
    std::vector<std::filesystem::path> alsoAbove{std::filesystem::current_path(ec)};
    if (const std::string source = detail::envOrEmpty("FP_SOURCE_DIR"); !source.empty())
        alsoAbove.emplace_back(source);
    const auto found = fp::engine::findSharedDir(alsoAbove);
    if (!found || !std::filesystem::is_directory(*found, ec))
        return std::nullopt;
    return found->string();
}

// <shared>/relativePath when the shared folder and that file or folder exist.
inline std::optional<std::string> sharedFile(const std::string &relativePath) {
    const auto dir = sharedDir();
    if (!dir)
        return std::nullopt;
    std::error_code ec;
    const auto path = std::filesystem::path(*dir) / relativePath;
    if (!std::filesystem::exists(path, ec))
        return std::nullopt;
    return path.string();
}

// True when running under CI (CI=true, as GitHub Actions, GitLab and most runners set it).
inline bool isCi() {
    const std::string ci = detail::envOrEmpty("CI");
    return ci == "true" || ci == "TRUE" || ci == "True" || ci == "1" || ci == "yes";
}

inline std::string missingSharedMessage(const std::string &relativePath) {
    return "shared data '" + relativePath + "' not found (set FP_SHARED_DIR or place shared/ beside the checkout)";
}

} // namespace fp::test

// Inside a QtTest function: declares `const std::string var`, the path of a shared file, or skips
// the test when it is absent (fails it on CI, where the shared data must be present).
#define FP_REQUIRE_SHARED_FILE(var, relativePath)                                                                      \
    const auto var##Found = ::fp::test::sharedFile(relativePath);                                                      \
    if (!var##Found) {                                                                                                 \
        if (::fp::test::isCi())                                                                                        \
            QFAIL(::fp::test::missingSharedMessage(relativePath).c_str());                                             \
        QSKIP(::fp::test::missingSharedMessage(relativePath).c_str());                                                 \
    }                                                                                                                  \
    const std::string var = *var##Found
