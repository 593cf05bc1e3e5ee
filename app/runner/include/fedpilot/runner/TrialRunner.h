#pragma once
// Runs a trial's strategies against its sites (simulated in this process, or remote agents) and records them in
// a workspace. Used by fedpilot-cli (run, resume, demo) and by the console (through ui::TrialExecutor). A run
// stopped through RunHooks::cancelled is recorded as interrupted and resume() continues it from its last
// completed round.
#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/Trial.h"
#include "fedpilot/remote/TrialSites.h"
#include "fedpilot/storage/RunStore.h"

#include <functional>
#include <memory>
#include <string>

namespace fp::runner {

// What a TrialRunner tells its caller while it works, on the thread that called it. Every member may be empty.
struct RunHooks {
    // A line about what happens (loading the model, agents reached, threads, resuming); no trailing newline.
    std::function<void(const std::string &line)> log;
    // A run is about to execute (new or resumed): its coordinator starts next.
    std::function<void(int64_t runId, engine::SelectionStrategy strategy)> runStarted;
    std::function<void(int64_t runId, const engine::RunProgress &progress)> progress;
    // A round is recorded in the workspace (its transaction committed).
    std::function<void(int64_t runId, int round)> roundCommitted;
    // The run's coordinator returned: completed, or failed / interrupted (the error then says why).
    std::function<void(int64_t runId, bool completed)> runFinished;
    // Checked between client calls; true stops the run, recorded as interrupted.
    std::function<bool()> cancelled;
};

class TrialRunner {
public:
    // threads: intra-op threads; 0 picks them from the model once it is loaded (see federation()). The store's
    // connection is used from the calling thread only.
    TrialRunner(storage::RunStore &store, engine::TrialSpec trial, RunHooks hooks = {}, int threads = 0);

    // Creates a run of the trial with this strategy and runs it to the end. Returns the run id; on failure the
    // run is recorded as failed (or interrupted, when cancelled) and the error says why.
    Result<int64_t> start(engine::SelectionStrategy strategy);
    // Continues a recorded run of this trial from its last completed round.
    Result<void> resume(int64_t runId, engine::SelectionStrategy strategy);

private:
    Result<remote::TrialSites *> federation();
    Result<void> execute(int64_t runId, engine::SelectionStrategy strategy,
                         const std::optional<engine::ResumePoint> &resume);
    void log(const std::string &line) const;

    storage::RunStore &m_store;
    engine::TrialSpec m_trial;
    RunHooks m_hooks;
    std::unique_ptr<remote::TrialSites> m_federation;
    int64_t m_trialId = 0;
    int m_threads = 0;
};

// Resumes one recorded run (its stored trial is parsed again) with the given threads (0: automatic). A completed
// run is left as it is (logged). Errors: NotFound (no such run), the stored trial's parse errors, the run's errors.
Result<void> resumeRun(storage::RunStore &store, int64_t runId, int threads, const RunHooks &hooks = {});

// Sets FP_SHARED_DIR (used by the demo trial's paths) to the shared folder engine::findSharedDir() finds, when unset.
void ensureSharedDirVariable();

} // namespace fp::runner
