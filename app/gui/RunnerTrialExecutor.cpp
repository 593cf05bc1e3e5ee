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
    runner::TrialRunner trialRunner(*store, trial, hooksFor(listener), m_threads);
    std::vector<int64_t> runIds;
    for (const auto &strategy : strategies) {
        if (listener.cancelled && listener.cancelled()) {
            break;
        }
        auto id = trialRunner.start(strategy);
        if (!id) {
            return std::unexpected(id.error());
        }
        runIds.push_back(*id);
    }
    return runIds;
}

Result<void> RunnerTrialExecutor::resumeRun(const std::string &workspaceDir, int64_t runId, const Listener &listener) {
    auto store = storage::RunStore::open(workspaceDir);
    if (!store) {
        return std::unexpected(store.error());
    }
    return runner::resumeRun(*store, runId, m_threads, hooksFor(listener));
}

} // namespace fp::app
