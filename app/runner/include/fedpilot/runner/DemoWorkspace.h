#pragma once
// The built-in demo's files and its workspace, for fedpilot-cli demo and for the console's first start.
#include "fedpilot/engine/Error.h"

#include <filesystem>

namespace fp::runner {

// The demo trial's file name in demoDir(): two simulated sites on stories260K (its paths name ${FP_SHARED_DIR}).
inline constexpr const char *kDemoTrialFile = "ni-two-sites.json";

// The demo folder (the demo trial and its sites/ files): <prefix>/share/fedpilot/demo of an installed program when
// it holds the demo trial, else the source tree's resources/demo (a build tree).
[[nodiscard]] std::filesystem::path demoDir();

// Makes folder dir a workspace holding the demo trial (demoDir()/kDemoTrialFile, stored as it is in the file, so
// that the run resolves ${FP_SHARED_DIR} when it starts), unless dir already holds a workspace database: then
// nothing is written (a workspace is never changed behind its user's back). Returns true when it set dir up.
// Errors: the trial file's (readTrialFile: missing file, bad field), RunStore::open's (Io: cannot create the folder
// or the database).
Result<bool> setUpDemoWorkspace(const std::filesystem::path &dir);

} // namespace fp::runner
