#include "fedpilot/engine/ProgramPaths.h"

#include <cstdlib>
#include <system_error>

namespace fp::engine {

namespace fs = std::filesystem;

std::optional<fs::path> programDir() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec || self.empty()) {
        return std::nullopt;
    }
    return self.parent_path();
}

std::optional<fs::path> installedDataDirOf(const fs::path &programFolder) {
    std::error_code ec;
    const fs::path dir = (programFolder / ".." / "share" / "fedpilot").lexically_normal();
    if (programFolder.empty() || !fs::is_directory(dir, ec)) {
        return std::nullopt;
    }
    return dir;
}

std::optional<fs::path> installedDataDir() {
    const auto dir = programDir();
    return dir ? installedDataDirOf(*dir) : std::nullopt;
}

bool looksLikeSharedDir(const fs::path &dir) {
    std::error_code ec;
    return fs::is_directory(dir / "models", ec) || fs::is_directory(dir / "docs", ec);
}

std::optional<fs::path> findSharedAbove(const fs::path &start) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(start, ec);
    if (ec || start.empty()) {
        return std::nullopt;
    }
    for (fs::path dir = absolute.lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
        if (looksLikeSharedDir(dir / "shared")) {
            return dir / "shared";
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return std::nullopt;
}

std::optional<fs::path> findSharedDir(const std::vector<fs::path> &alsoAbove) {
    if (const char *set = std::getenv("FP_SHARED_DIR"); set && *set) {
        return fs::path(set).lexically_normal();
    }
    if (const auto installed = installedDataDir(); installed && looksLikeSharedDir(*installed / "shared")) {
        return *installed / "shared";
    }
    if (const auto dir = programDir()) {
        if (auto found = findSharedAbove(*dir)) {
            return found;
        }
    }
    for (const fs::path &start : alsoAbove) {
        if (auto found = findSharedAbove(start)) {
            return found;
        }
    }
    return std::nullopt;
}

} // namespace fp::engine
