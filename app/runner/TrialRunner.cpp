#include "fedpilot/runner/TrialRunner.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/ProgramPaths.h"
#include "fedpilot/engine/Runtime.h"

#include <cstdlib>
#include <filesystem>

namespace fp::runner {
namespace {

// Passes rounds to the workspace's journal and tells the caller once each one is committed.
class NotifyingJournal : public engine::RunJournal {
public:
    NotifyingJournal(engine::RunJournal &inner, std::function<void(int)> committed)
        : m_inner(inner), m_committed(std::move(committed)) {}
    Result<void> roundCompleted(const engine::RoundRecord &round) override {
        auto ok = m_inner.roundCompleted(round);
        if (ok && m_committed) {
            m_committed(round.round);
        }
        return ok;
    }
    Result<void> event(const engine::RunEvent &event) override { return m_inner.event(event); }

private:
    engine::RunJournal &m_inner;
    std::function<void(int)> m_committed;
};

} // namespace

TrialRunner::TrialRunner(storage::RunStore &store, engine::TrialSpec trial, RunHooks hooks, int threads)
    : m_store(store), m_trial(std::move(trial)), m_hooks(std::move(hooks)), m_threads(threads) {}

bool TrialRunner::stopRequested() const {
    return (m_hooks.cancelled && m_hooks.cancelled()) || (m_hooks.pauseRequested && m_hooks.pauseRequested());
}

bool TrialRunner::pauseOnly() const {
    return !(m_hooks.cancelled && m_hooks.cancelled()) && m_hooks.pauseRequested && m_hooks.pauseRequested();
}

void TrialRunner::log(const std::string &line) const {
    if (m_hooks.log) {
        m_hooks.log(line);
    }
}

Result<remote::TrialSites *> TrialRunner::federation() {
    if (!m_federation) {
        log("loading " + m_trial.modelPath + " and the data of the simulated sites");
        std::vector<std::string> warnings;
        auto built = remote::TrialSites::build(m_trial, &warnings);
        for (const auto &w : warnings) {
            log("warning: " + w);
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
                log("site " + m_trial.sites[s].name + ": agent " + identity->agentVersion + " at " +
                    m_trial.sites[s].agent->address + " (LibTorch " + identity->torchVersion + ", " +
                    std::to_string(identity->threads) + " thread(s)), " + std::to_string(identity->clients) +
                    " client(s), " + std::to_string(identity->samples) + " samples");
            }
        }
        const int automatic = engine::automaticThreads(m_federation->local().model().config().dim);
        const int inForce = engine::configureThreads(m_threads > 0 ? m_threads : automatic);
        log("intra-op threads: " + std::to_string(inForce) + (m_threads > 0 ? "" : " (automatic)"));
    }
    return m_federation.get();
}

Result<std::vector<storage::SiteClients>> TrialRunner::siteClients() {
    auto federation = this->federation();
    if (!federation) {
        return std::unexpected(federation.error());
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
    return sites;
}

Result<std::vector<int64_t>> TrialRunner::runStrategies(const std::vector<engine::StrategySpec> &strategies) {
    m_queued.clear();
    auto sites = siteClients();
    if (!sites) {
        return std::unexpected(sites.error());
    }
    if (m_trialId == 0) {
        auto id = m_store.saveTrial(m_trial);
        if (!id) {
            return std::unexpected(id.error());
        }
        m_trialId = *id;
    }
    std::vector<std::string> names;
    for (const auto &strategy : strategies) {
        names.push_back(strategy.name);
    }
    auto queued = m_store.queueRuns(m_trialId, names, m_trial.schedule.rounds, m_trial.schedule.seed, *sites);
    if (!queued) {
        return std::unexpected(queued.error());
    }
    m_queued = *queued;
    for (size_t i = 0; i < m_queued.size(); ++i) {
        const int64_t runId = m_queued[i];
        if (stopRequested()) {
            log(std::string(pauseOnly() ? "paused" : "cancelled") + ": run " + std::to_string(runId) +
                " and later ones stay queued; resume runs them");
            m_store.releaseQueuedRuns({m_queued.begin() + std::ptrdiff_t(i), m_queued.end()});
            return m_queued;
        }
        if (auto ok = resume(runId, strategies[i]); !ok) {
            m_store.releaseQueuedRuns({m_queued.begin() + std::ptrdiff_t(i + 1), m_queued.end()});
            const std::string prefix = "run " + std::to_string(runId) + ":";
            return std::unexpected(ok.error().message.rfind(prefix, 0) == 0
                                       ? ok.error()
                                       : ok.error().withContext(prefix.substr(0, prefix.size() - 1)));
        }
    }
    return m_queued;
}

Result<void> TrialRunner::resume(int64_t runId, const engine::StrategySpec &strategy) {
    if (auto ok = m_store.markRunning(runId); !ok) {
        return ok;
    }
    auto point = m_store.resumePoint(runId);
    if (!point) {
        m_store.finishRun(runId, storage::kRunFailed, point.error().message);
        return std::unexpected(point.error());
    }
    if (*point) {
        log("run " + std::to_string(runId) + ": resuming after round " + std::to_string((*point)->completedRounds));
    }
    return execute(runId, strategy, *point);
}

Result<void> TrialRunner::execute(int64_t runId, const engine::StrategySpec &strategy,
                                  const std::optional<engine::ResumePoint> &resume) {
    auto federation = this->federation();
    if (!federation) {
        m_store.finishRun(runId, storage::kRunFailed, federation.error().message);
        return std::unexpected(federation.error());
    }
    if (m_hooks.runStarted) {
        m_hooks.runStarted(runId, strategy.name);
    }
    auto storeJournal = m_store.journal(runId, m_trial.modelPath);
    NotifyingJournal journal(*storeJournal, [this, runId](int round) {
        if (m_hooks.roundCommitted) {
            m_hooks.roundCommitted(runId, round);
        }
    });
    engine::Coordinator coordinator(m_trial, strategy, (*federation)->handles(), (*federation)->local().central());
    engine::RunControl control;
    control.progress = [this, runId](const engine::RunProgress &p) {
        if (m_hooks.progress) {
            m_hooks.progress(runId, p);
        }
    };
    control.cancelled = [this] { return m_hooks.cancelled && m_hooks.cancelled(); };
    control.pauseRequested = [this] { return m_hooks.pauseRequested && m_hooks.pauseRequested(); };
    auto outcome = coordinator.run(journal, (*federation)->local().initialAdapter(), resume, control);
    if (m_hooks.runFinished) {
        m_hooks.runFinished(runId, outcome.has_value());
    }
    if (!outcome) {
        const bool stopped = outcome.error().code == ErrorCode::Cancelled;
        const char *status = !stopped      ? storage::kRunFailed
                             : pauseOnly() ? storage::kRunPaused
                                           : storage::kRunInterrupted;
        m_store.finishRun(runId, status, outcome.error().message);
        return std::unexpected(outcome.error());
    }
    return m_store.finishRun(runId, storage::kRunCompleted, "");
}

Result<void> resumeRun(storage::RunStore &store, int64_t runId, int threads, const RunHooks &hooks) {
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
    const engine::StrategySpec *strategy = trial->strategy(detail->summary.strategy);
    if (!strategy) {
        return fail(ErrorCode::NotFound, "run " + std::to_string(runId) + ": its stored trial has no strategy named '" +
                                             detail->summary.strategy + "'");
    }
    if (detail->summary.status == storage::kRunCompleted) {
        if (hooks.log) {
            hooks.log("run " + std::to_string(runId) + " is already completed");
        }
        return {};
    }
    const engine::StrategySpec entry = *strategy;
    TrialRunner runner(store, std::move(*trial), hooks, threads);
    return runner.resume(runId, entry);
}

void ensureSharedDirVariable() {
    if (const char *set = std::getenv("FP_SHARED_DIR"); set && *set) {
        return;
    }
    if (const auto shared = engine::findSharedDir()) {
        setenv("FP_SHARED_DIR", shared->c_str(), 0);
    }
}

} // namespace fp::runner
