#include "TerminalRun.h"

#include "RunConsole.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

namespace fp::app {
namespace {

std::atomic<bool> g_stopRequested{false};

void requestStop(int) { g_stopRequested = true; }

void installStopHandlers() {
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
}

} // namespace

runner::RunHooks terminalHooks() {
    auto bar = std::make_shared<std::unique_ptr<ProgressBar>>();
    runner::RunHooks hooks;
    hooks.log = [](const std::string &line) { std::cerr << line << "\n"; };
    hooks.runStarted = [bar](int64_t runId, const std::string &strategy) {
        installStopHandlers();
        *bar = std::make_unique<ProgressBar>("run " + std::to_string(runId) + " " + strategy);
    };
    hooks.progress = [bar](int64_t, const engine::RunProgress &p) {
        if (*bar) {
            (*bar)->update(p);
        }
    };
    hooks.runFinished = [bar](int64_t, bool completed) {
        if (*bar) {
            (*bar)->finish(completed);
            bar->reset();
        }
    };
    hooks.cancelled = [] { return g_stopRequested.load(); };
    return hooks;
}

void printSummaryOf(storage::RunStore &store, const std::vector<int64_t> &runIds) {
    auto runs = store.listRuns();
    if (!runs) {
        std::cerr << "cannot list runs: " << runs.error().message << "\n";
        return;
    }
    std::vector<storage::RunSummary> chosen;
    for (const auto &r : *runs) {
        if (std::find(runIds.begin(), runIds.end(), r.id) != runIds.end()) {
            chosen.push_back(r);
        }
    }
    std::reverse(chosen.begin(), chosen.end());
    if (!chosen.empty()) {
        printSummary(chosen);
    }
}

} // namespace fp::app
