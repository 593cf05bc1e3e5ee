#pragma once
// Runs a trial's strategies against its sites (simulated in this process, or remote agents) and records them in
// a workspace (fedpilot-cli run, resume, demo). Ctrl-C (SIGINT) or SIGTERM stops a run between client calls; it is recorded as interrupted and
// `fedpilot-cli resume` continues it from its last completed round.
#include "fedpilot/remote/TrialSites.h"
#include "fedpilot/engine/Trial.h"
#include "fedpilot/storage/RunStore.h"

#include <memory>
#include <vector>

namespace fp::app {

class TrialRunner {
public:
    // threads: intra-op threads; 0 picks them from the model once it is loaded (see federation()).
    TrialRunner(storage::RunStore &store, engine::TrialSpec trial, int threads = 0);

    // Creates a run of the trial with this strategy and runs it to the end. Returns the run id; on failure the
    // run is recorded as failed (or interrupted) and the error says why.
    Result<int64_t> start(engine::SelectionStrategy strategy);
    // Continues a recorded run of this trial from its last completed round.
    Result<void> resume(int64_t runId, engine::SelectionStrategy strategy);

private:
    Result<remote::TrialSites *> federation();
    Result<void> execute(int64_t runId, engine::SelectionStrategy strategy,
                         const std::optional<engine::ResumePoint> &resume);

    storage::RunStore &m_store;
    engine::TrialSpec m_trial;
    std::unique_ptr<remote::TrialSites> m_federation;
    int64_t m_trialId = 0;
    int m_threads = 0;
};

// Resumes one recorded run (its stored trial is parsed again) with the given threads (0: automatic).
Result<void> resumeRun(storage::RunStore &store, int64_t runId, int threads);

// Sets FP_SHARED_DIR (used by the demo trial's paths) to ../shared beside the repository when it is unset.
void ensureSharedDirVariable();

// The summary table of these runs.
void printSummaryOf(storage::RunStore &store, const std::vector<int64_t> &runIds);

} // namespace fp::app
