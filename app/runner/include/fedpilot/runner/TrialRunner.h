#pragma once
// Runs a trial's strategies against its sites (simulated in this process, or remote agents) and records them in
// a workspace. Used by fedpilot-cli (run, resume, demo) and by the console (through ui::TrialExecutor). A run
// stopped through RunHooks::cancelled is recorded as interrupted, one stopped through RunHooks::pauseRequested as
// paused, and resume() continues either from its last completed round. All runs of a trial are recorded as queued
// before the first one starts, so that a crash, a failure or a cancel never loses the strategies that had not started:
// resume picks them up.
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
    // A run is about to execute (new or resumed): its coordinator starts next. strategy: the entry's name.
    std::function<void(int64_t runId, const std::string &strategy)> runStarted;
    std::function<void(int64_t runId, const engine::RunProgress &progress)> progress;
    // A round is recorded in the workspace (its transaction committed).
    std::function<void(int64_t runId, int round)> roundCommitted;
    // The run's coordinator returned: completed, or failed / interrupted (the error then says why).
    std::function<void(int64_t runId, bool completed)> runFinished;
    // Checked between client calls; true stops the run, recorded as interrupted.
    std::function<bool()> cancelled;
    // Checked at round boundaries (engine::RunControl::pauseRequested): true stops the run after the round in
    // progress is recorded (recorded as paused) and starts no further run.
    std::function<bool()> pauseRequested;
};

class TrialRunner {
public:
    // threads: intra-op threads; 0 picks them from the model once it is loaded (see federation()). The store's
    // connection is used from the calling thread only.
    TrialRunner(storage::RunStore &store, engine::TrialSpec trial, RunHooks hooks = {}, int threads = 0);

    // Records one queued run per strategy (RunStore::queueRuns, refused while another live process runs this
    // trial), then runs them in this order, each to the end. Stops at the first failure (that run is recorded as
    // failed, or interrupted / paused when stopped so) or when RunHooks::cancelled or pauseRequested says so before
    // a run starts; the runs it
    // did not start stay queued and are released for resume. Returns the ids of every queued run, in order
    // (queuedRuns() has them after a failure too).
    Result<std::vector<int64_t>> runStrategies(const std::vector<engine::StrategySpec> &strategies);
    [[nodiscard]] const std::vector<int64_t> &queuedRuns() const { return m_queued; }
    // Continues a recorded run of this trial (interrupted, failed, or queued) from its last completed round.
    // Errors: InvalidArgument when another live process holds the run (RunStore::markRunning).
    Result<void> resume(int64_t runId, const engine::StrategySpec &strategy);

private:
    Result<remote::TrialSites *> federation();
    Result<std::vector<storage::SiteClients>> siteClients();
    Result<void> execute(int64_t runId, const engine::StrategySpec &strategy,
                         const std::optional<engine::ResumePoint> &resume);
    void log(const std::string &line) const;
    [[nodiscard]] bool stopRequested() const; // cancelled or a pause requested
    [[nodiscard]] bool pauseOnly() const;     // a pause requested and no cancel

    storage::RunStore &m_store;
    engine::TrialSpec m_trial;
    RunHooks m_hooks;
    std::unique_ptr<remote::TrialSites> m_federation;
    int64_t m_trialId = 0;
    std::vector<int64_t> m_queued;
    int m_threads = 0;
};

// Resumes one recorded run (interrupted, failed or queued; its stored trial is parsed again and the run's strategy
// entry found by its recorded name) with the given threads (0: automatic). A completed run is left as it is
// (logged). Errors: NotFound (no such run, or no entry of that name in the stored trial), InvalidArgument (another
// live process holds it), the stored trial's parse errors, the run's errors.
Result<void> resumeRun(storage::RunStore &store, int64_t runId, int threads, const RunHooks &hooks = {});

// Sets FP_SHARED_DIR (used by the demo trial's paths) to the shared folder engine::findSharedDir() finds, when unset.
void ensureSharedDirVariable();

} // namespace fp::runner
