#pragma once

#include "fedpilot/storage/RunStore.h"

#include <cstdint>
#include <vector>

namespace fp::ui {

// What the Monitor page shows, read in one go off the GUI thread: every run of the workspace (to choose a trial)
// and, for the trial shown, each run with its sites, rounds and events.
struct MonitorSnapshot {
    std::vector<storage::RunSummary> runs;   // every run, newest first
    int64_t trialId = 0;                     // the trial shown (0: the workspace has no run)
    std::vector<storage::RunDetail> details; // its runs, oldest first (the trial's strategy order)

    // Whether a run of the trial shown is running, or queued and held by a live process (more rounds will come).
    [[nodiscard]] bool live() const;
};

// Reads the snapshot of trialId; 0 (or a trial without runs) picks the trial of the newest running run, else the
// trial of the newest run. Errors: RunStore's.
Result<MonitorSnapshot> readMonitorSnapshot(storage::RunStore &store, int64_t trialId);

} // namespace fp::ui
