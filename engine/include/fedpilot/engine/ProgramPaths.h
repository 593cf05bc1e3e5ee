#pragma once

// Where the running program lies, and the shared folder of models and data (../shared beside a checkout).
// The programs (fedpilot, fedpilot-cli, fedpilot-agent) and the tests find both through these functions.

#include <filesystem>
#include <optional>
#include <vector>

namespace fp::engine {

// The folder that holds the running program (read from /proc/self/exe); nullopt when that link cannot be read.
[[nodiscard]] std::optional<std::filesystem::path> programDir();

// True when dir holds models/ or docs/, as the shared folder does.
[[nodiscard]] bool looksLikeSharedDir(const std::filesystem::path &dir);

// The first <ancestor>/shared that looks like the shared folder, trying start itself and then each folder above
// it (relative starts are taken from the working folder); nullopt when there is none.
[[nodiscard]] std::optional<std::filesystem::path> findSharedAbove(const std::filesystem::path &start);

// The shared folder, lexically normalised:
//  1. $FP_SHARED_DIR when set and not empty, as given (even when it does not exist: an explicit choice is kept,
//     and the caller's "file not found" names it);
//  2. else findSharedAbove(programDir()): a build puts programs in <checkout>/build/bin and tests in
//     <checkout>/build/tests, with shared/ beside <checkout>;
//  3. else findSharedAbove of each of alsoAbove, in order (the tests add the working folder and the source tree).
// nullopt when none is found.
[[nodiscard]] std::optional<std::filesystem::path>
findSharedDir(const std::vector<std::filesystem::path> &alsoAbove = {});

} // namespace fp::engine
