#pragma once

#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Trial.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fp::ui {

// Runs trials for the console. The console (ui) declares what it needs; the application passes an implementation
// (fp_runner: simulated sites and remote agents), so that ui never depends on remote/. Both calls block until the
// work ends and are made on the RunController's worker thread, never on the GUI thread; an implementation opens
// its own workspace connection in the calling thread.
class TrialExecutor {
public:
    // Called on the executing thread while it works. Every member may be empty.
    struct Listener {
        std::function<void(const std::string &line)> log;
        std::function<void(int64_t runId, const std::string &strategy)> runStarted;
        std::function<void(int64_t runId, const engine::RunProgress &progress)> progress;
        std::function<void(int64_t runId, int round)> roundCommitted; // the round is durable in the workspace
        std::function<void(int64_t runId, bool completed)> runFinished;
        // Checked between client calls; true stops the run (recorded as interrupted) and starts no further run.
        std::function<bool()> cancelled;
        // Checked at round boundaries; true stops the run once the round in progress is recorded (recorded as
        // paused) and starts no further run.
        std::function<bool()> pauseRequested;
    };

    virtual ~TrialExecutor() = default;

    // Intra-op threads for the runs started from now on (0: picked from the model); may be called from any thread
    // while a run goes on, which keeps the count it started with.
    virtual void setThreads(int threads) = 0;
    [[nodiscard]] virtual int threads() const = 0;

    // Records one queued run per strategy of the trial in workspaceDir, then runs them in turn. Stops at the first
    // failure or when cancelled; the runs it did not start stay queued for resumeRun. Refused while a live process
    // holds a run of workspaceDir (one trial at a time). Returns the ids of the runs it created; errors name the
    // run that failed.
    virtual Result<std::vector<int64_t>> runTrial(const std::string &workspaceDir, const engine::TrialSpec &trial,
                                                  const std::vector<engine::StrategySpec> &strategies,
                                                  const Listener &listener) = 0;
    // Continues an interrupted or queued run of workspaceDir from its last completed round (its stored trial is
    // parsed again). Refused while another live process holds the run.
    virtual Result<void> resumeRun(const std::string &workspaceDir, int64_t runId, const Listener &listener) = 0;
};

} // namespace fp::ui
