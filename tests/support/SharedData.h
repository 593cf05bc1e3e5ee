#pragma once

// Locating the shared folder of real models and data (../shared next to the checkout) from tests.
// Tests that need it skip when it is absent, except on CI where its absence is a failure.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>

namespace fp::test {

namespace detail {

// A folder counts as the shared folder when it holds models/ or docs/.
inline bool looksLikeSharedDir(const std::filesystem::path &dir) {
    std::error_code ec;
    return std::filesystem::is_directory(dir / "models", ec) || std::filesystem::is_directory(dir / "docs", ec);
}

// Walks up from start, trying <ancestor>/shared at each level.
inline std::optional<std::filesystem::path> findSharedAbove(std::filesystem::path start) {
    std::error_code ec;
    start = std::filesystem::absolute(start, ec);
    if (ec)
        return std::nullopt;
    for (auto dir = start; !dir.empty(); dir = dir.parent_path()) {
        if (looksLikeSharedDir(dir / "shared"))
            return dir / "shared";
        if (dir == dir.parent_path())
            break;
    }
    return std::nullopt;
}

inline std::string envOrEmpty(const char *name) {
    const char *value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

} // namespace detail

// The shared folder: $FP_SHARED_DIR when it exists, else the first <ancestor>/shared above the
// working directory, else above $FP_SOURCE_DIR. nullopt when none is found.
inline std::optional<std::string> sharedDir() {
    const std::string fromEnv = detail::envOrEmpty("FP_SHARED_DIR");
    if (!fromEnv.empty() && detail::looksLikeSharedDir(fromEnv))
        return std::filesystem::path(fromEnv).lexically_normal().string();
    std::error_code ec;
    if (auto found = detail::findSharedAbove(std::filesystem::current_path(ec)); found && !ec)
        return found->lexically_normal().string();
    const std::string source = detail::envOrEmpty("FP_SOURCE_DIR");
    if (!source.empty())
        if (auto found = detail::findSharedAbove(source))
            return found->lexically_normal().string();
    return std::nullopt;
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
