#pragma once
// How fedpilot-cli runs trials (run, resume, demo): fp_runner's TrialRunner with hooks that show the work on the
// terminal. Ctrl-C (SIGINT) or SIGTERM stops a run between client calls; it is recorded as interrupted and
// `fedpilot-cli resume` continues it from its last completed round.
#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/storage/RunStore.h"

#include <vector>

namespace fp::app {

using runner::ensureSharedDirVariable;
using runner::resumeRun;
using runner::TrialRunner;

// Log lines on stderr, a progress bar per run (RunConsole.h), and the stop signals installed when a run starts.
runner::RunHooks terminalHooks();

// The summary table of these runs.
void printSummaryOf(storage::RunStore &store, const std::vector<int64_t> &runIds);

} // namespace fp::app
