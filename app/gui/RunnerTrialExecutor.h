#pragma once
// The console's ui::TrialExecutor, implemented with fp_runner (simulated sites and remote agents).
#include "fedpilot/ui/TrialExecutor.h"

#include <atomic>

namespace fp::app {

class RunnerTrialExecutor : public ui::TrialExecutor {
public:
    // threads: intra-op threads for runs; 0 picks them from the model.
    explicit RunnerTrialExecutor(int threads = 0) : m_threads(threads) {}

    Result<std::vector<int64_t>> runTrial(const std::string &workspaceDir, const engine::TrialSpec &trial,
                                          const std::vector<engine::StrategySpec> &strategies,
                                          const Listener &listener) override;
    Result<void> resumeRun(const std::string &workspaceDir, int64_t runId, const Listener &listener) override;
    void setThreads(int threads) override { m_threads = threads < 0 ? 0 : threads; }
    [[nodiscard]] int threads() const override { return m_threads; }

private:
    std::atomic<int> m_threads = 0;
};

} // namespace fp::app
