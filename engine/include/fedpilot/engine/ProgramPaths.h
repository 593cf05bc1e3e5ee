#pragma once

// Where the running program lies, the data installed with it, and the shared folder of models and data (../shared
// beside a checkout, or the part of it the Debian package ships). The programs (fedpilot, fedpilot-cli,
// fedpilot-agent) and the tests find them through these functions.

#include <filesystem>
#include <optional>
#include <vector>

namespace fp::engine {

// The folder that holds the running program (read from /proc/self/exe); nullopt when that link cannot be read.
[[nodiscard]] std::optional<std::filesystem::path> programDir();

// The data folder installed with a program in programFolder: programFolder/../share/fedpilot when it is a folder
// (the Debian package puts the programs in /usr/bin and the demo, the example trials and the demo's models and data
// in /usr/share/fedpilot), lexically normalised; nullopt otherwise (a build tree: build/bin has no ../share).
[[nodiscard]] std::optional<std::filesystem::path> installedDataDirOf(const std::filesystem::path &programFolder);
// installedDataDirOf(programDir()).
[[nodiscard]] std::optional<std::filesystem::path> installedDataDir();

// True when dir holds models/ or docs/, as the shared folder does.
[[nodiscard]] bool looksLikeSharedDir(const std::filesystem::path &dir);

// The first <ancestor>/shared that looks like the shared folder, trying start itself and then each folder above
// it (relative starts are taken from the working folder); nullopt when there is none.
[[nodiscard]] std::optional<std::filesystem::path> findSharedAbove(const std::filesystem::path &start);

// The shared folder, lexically normalised:
//  1. $FP_SHARED_DIR when set and not empty, as given (even when it does not exist: an explicit choice is kept,
//     and the caller's "file not found" names it);
//  2. else installedDataDir()/shared when it looks like the shared folder: an installed program uses the models and
//     data packaged with it;
//  3. else findSharedAbove(programDir()): a build puts programs in <checkout>/build/bin and tests in
//     <checkout>/build/tests, with shared/ beside <checkout>;
//  4. else findSharedAbove of each of alsoAbove, in order (the tests add the working folder and the source tree).
// nullopt when none is found.
[[nodiscard]] std::optional<std::filesystem::path>
findSharedDir(const std::vector<std::filesystem::path> &alsoAbove = {});

} // namespace fp::engine
