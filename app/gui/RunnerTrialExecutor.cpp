#include "RunnerTrialExecutor.h"

#include "fedpilot/runner/TrialRunner.h"

namespace fp::app {
namespace {

runner::RunHooks hooksFor(const ui::TrialExecutor::Listener &listener) {
    runner::RunHooks hooks;
    hooks.log = listener.log;
    hooks.runStarted = listener.runStarted;
    hooks.progress = listener.progress;
    hooks.roundCommitted = listener.roundCommitted;
    hooks.runFinished = listener.runFinished;
    hooks.cancelled = listener.cancelled;
    hooks.pauseRequested = listener.pauseRequested;
    return hooks;
}

} // namespace

Result<std::vector<int64_t>> RunnerTrialExecutor::runTrial(const std::string &workspaceDir,
                                                           const engine::TrialSpec &trial,
                                                           const std::vector<engine::StrategySpec> &strategies,
                                                           const Listener &listener) {
    auto store = storage::RunStore::open(workspaceDir);
    if (!store) {
        return std::unexpected(store.error());
    }
    // The console runs one trial at a time per workspace, whichever process started the other one.
    auto held = store->heldRuns();
    if (!held) {
        return std::unexpected(held.error());
    }
    if (!held->empty()) {
        const auto &run = held->front();
        return fail(ErrorCode::InvalidArgument, "workspace " + store->workspaceDir() + ": trial '" + run.trial +
                                                    "' is running (run " + std::to_string(run.id) + ", " +
                                                    run.strategy + ", in process " + std::to_string(run.owner->pid) +
                                                    " on host " + run.owner->host +
                                                    "); one trial runs at a time, start this one when it has finished");
    }
    runner::TrialRunner trialRunner(*store, trial, hooksFor(listener), m_threads);
    return trialRunner.runStrategies(strategies);
}

Result<void> RunnerTrialExecutor::resumeRun(const std::string &workspaceDir, int64_t runId, const Listener &listener) {
    auto store = storage::RunStore::open(workspaceDir);
    if (!store) {
        return std::unexpected(store.error());
    }
    return runner::resumeRun(*store, runId, m_threads, hooksFor(listener));
}

} // namespace fp::app
