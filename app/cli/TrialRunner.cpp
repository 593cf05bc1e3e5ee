#include "TrialRunner.h"

#include "RunConsole.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Runtime.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fp::app {
namespace {

std::atomic<bool> g_stopRequested{false};

void requestStop(int) { g_stopRequested = true; }

void installStopHandlers() {
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
}

} // namespace

TrialRunner::TrialRunner(storage::RunStore &store, engine::TrialSpec trial, int threads)
    : m_store(store), m_trial(std::move(trial)), m_threads(threads) {}

Result<remote::TrialSites *> TrialRunner::federation() {
    if (!m_federation) {
        std::cerr << "loading " << m_trial.modelPath << " and the data of the simulated sites\n";
        std::vector<std::string> warnings;
        auto built = remote::TrialSites::build(m_trial, &warnings);
        for (const auto &w : warnings) {
            std::cerr << "warning: " << w << "\n";
        }
        if (!built) {
            return std::unexpected(built.error());
        }
        m_federation = std::move(*built);
        for (size_t s = 0; s < m_trial.sites.size(); ++s) {
            if (auto *remoteSite = m_federation->remoteSite(s)) {
                auto identity = remoteSite->connect();
                if (!identity) {
                    return std::unexpected(identity.error());
                }
                std::cerr << "site " << m_trial.sites[s].name << ": agent " << identity->agentVersion << " at "
                          << m_trial.sites[s].agent->address << " (LibTorch " << identity->torchVersion << ", "
                          << identity->threads << " thread(s)), " << identity->clients << " client(s), "
                          << identity->samples << " samples\n";
            }
        }
        const int automatic = engine::automaticThreads(m_federation->local().model().config().dim);
        const int inForce = engine::configureThreads(m_threads > 0 ? m_threads : automatic);
        std::cerr << "intra-op threads: " << inForce << (m_threads > 0 ? "" : " (automatic)") << "\n";
    }
    return m_federation.get();
}

Result<int64_t> TrialRunner::start(engine::SelectionStrategy strategy) {
    auto federation = this->federation();
    if (!federation) {
        return std::unexpected(federation.error());
    }
    if (m_trialId == 0) {
        auto id = m_store.saveTrial(m_trial);
        if (!id) {
            return std::unexpected(id.error());
        }
        m_trialId = *id;
    }
    auto inventories = (*federation)->inventories();
    if (!inventories) {
        return std::unexpected(inventories.error());
    }
    std::vector<storage::SiteClients> sites;
    for (size_t s = 0; s < inventories->size(); ++s) {
        const auto &spec = m_trial.sites[s];
        storage::SiteClients site{spec.name, spec.agent ? spec.agent->address : std::string(), spec.cost, {}};
        for (const auto &c : (*inventories)[s].clients) {
            site.clients.emplace_back(c.name, c.samples);
        }
        sites.push_back(std::move(site));
    }
    auto runId = m_store.createRun(m_trialId, engine::selectionStrategyName(strategy), m_trial.schedule.rounds,
                                   m_trial.schedule.seed, sites);
    if (!runId) {
        return std::unexpected(runId.error());
    }
    if (auto ok = execute(*runId, strategy, std::nullopt); !ok) {
        const std::string prefix = "run " + std::to_string(*runId) + ":";
        return std::unexpected(ok.error().message.rfind(prefix, 0) == 0
                                   ? ok.error()
                                   : ok.error().withContext(prefix.substr(0, prefix.size() - 1)));
    }
    return *runId;
}

Result<void> TrialRunner::resume(int64_t runId, engine::SelectionStrategy strategy) {
    if (auto ok = m_store.markRunning(runId); !ok) {
        return ok;
    }
    auto point = m_store.resumePoint(runId);
    if (!point) {
        m_store.finishRun(runId, storage::kRunFailed, point.error().message);
        return std::unexpected(point.error());
    }
    std::cerr << "run " << runId << ": resuming after round " << (*point ? (*point)->completedRounds : 0) << "\n";
    return execute(runId, strategy, *point);
}

Result<void> TrialRunner::execute(int64_t runId, engine::SelectionStrategy strategy,
                                  const std::optional<engine::ResumePoint> &resume) {
    auto federation = this->federation();
    if (!federation) {
        m_store.finishRun(runId, storage::kRunFailed, federation.error().message);
        return std::unexpected(federation.error());
    }
    installStopHandlers();
    auto journal = m_store.journal(runId, m_trial.modelPath);
    engine::Coordinator coordinator(m_trial, strategy, (*federation)->handles(), (*federation)->local().central());
    ProgressBar bar("run " + std::to_string(runId) + " " + engine::selectionStrategyName(strategy));
    engine::RunControl control;
    control.progress = [&bar](const engine::RunProgress &p) { bar.update(p); };
    control.cancelled = [] { return g_stopRequested.load(); };
    auto outcome = coordinator.run(*journal, (*federation)->local().initialAdapter(), resume, control);
    bar.finish(outcome.has_value());
    if (!outcome) {
        const bool interrupted = outcome.error().code == ErrorCode::Cancelled;
        m_store.finishRun(runId, interrupted ? storage::kRunInterrupted : storage::kRunFailed, outcome.error().message);
        return std::unexpected(outcome.error());
    }
    return m_store.finishRun(runId, storage::kRunCompleted, "");
}

Result<void> resumeRun(storage::RunStore &store, int64_t runId, int threads) {
    auto stored = store.storedTrial(runId);
    if (!stored) {
        return std::unexpected(stored.error());
    }
    auto trial = engine::parseTrial(stored->json, stored->baseDir, "the stored trial of run " + std::to_string(runId));
    if (!trial) {
        return std::unexpected(trial.error());
    }
    auto detail = store.runDetail(runId);
    if (!detail) {
        return std::unexpected(detail.error());
    }
    auto strategy = engine::parseSelectionStrategy(detail->summary.strategy);
    if (!strategy) {
        return std::unexpected(strategy.error());
    }
    if (detail->summary.status == storage::kRunCompleted) {
        std::cerr << "run " << runId << " is already completed\n";
        return {};
    }
    TrialRunner runner(store, std::move(*trial), threads);
    return runner.resume(runId, *strategy);
}

void ensureSharedDirVariable() {
    if (const char *set = std::getenv("FP_SHARED_DIR"); set && *set) {
        return;
    }
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto shared = (exe.parent_path() / ".." / ".." / ".." / "shared").lexically_normal();
    if (!ec && std::filesystem::is_directory(shared)) {
        setenv("FP_SHARED_DIR", shared.c_str(), 0);
    }
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
