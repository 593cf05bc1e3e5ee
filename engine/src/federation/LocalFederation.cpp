#include "fedpilot/engine/LocalFederation.h"

#include "ClientWork.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/SiteHost.h"

#include <map>
#include <set>

namespace fp::engine {

LocalFederation::~LocalFederation() = default;

Result<std::unique_ptr<LocalFederation>> LocalFederation::build(const TrialSpec &trial,
                                                                std::vector<std::string> *warnings) {
    std::unique_ptr<LocalFederation> federation(new LocalFederation());
    federation->m_trial = trial;
    ModelOptions modelOptions;
    modelOptions.tokenizerPath = trial.tokenizerPath;
    auto model = LanguageModel::load(trial.modelPath, modelOptions);
    if (!model) {
        return std::unexpected(model.error().withContext("model.path"));
    }
    federation->m_model = std::make_shared<LanguageModel>(std::move(*model));
    if (auto ok = federation->m_model->attachLora(trial.lora, detail::mixSeed(trial.schedule.seed, 7)); !ok) {
        return std::unexpected(ok.error().withContext("lora"));
    }
    federation->m_initial = {trial.lora, federation->m_model->adapterTensors()};
    if (auto ok = federation->buildSites(warnings); !ok) {
        return std::unexpected(ok.error());
    }
    if (auto ok = federation->loadCentral(warnings); !ok) {
        return std::unexpected(ok.error());
    }
    return federation;
}

Result<void> LocalFederation::buildSites(std::vector<std::string> *warnings) {
    std::set<std::string> heldOutFound;
    bool allLocal = true;
    for (const auto &site : m_trial.sites) {
        if (site.remote()) {
            allLocal = false;
            m_sites.push_back(nullptr);
            continue;
        }
        auto loaded = loadSiteSamples(siteDataOf(m_trial, site), warnings);
        if (!loaded) {
            return std::unexpected(loaded.error());
        }
        heldOutFound.insert(loaded->heldOutTasks.begin(), loaded->heldOutTasks.end());
        m_sites.push_back(
            std::make_unique<LocalSite>(site.name, std::move(loaded->samples), std::move(loaded->partition), m_model));
        m_sites.back()->keepClientMaps(true); // the coordinator records them for the coreset inspector
    }
    // A remote site may hold the task; only a fully simulated trial can tell that no site does.
    for (const auto &task : m_trial.evaluation.heldOutTasks) {
        if (allLocal && !heldOutFound.count(task)) {
            return fail(ErrorCode::InvalidArgument,
                        "evaluation.held_out_tasks: task '" + task + "' is in no site's data");
        }
    }
    return {};
}

Result<void> LocalFederation::loadCentral(std::vector<std::string> *warnings) {
    const EvaluationSpec &evaluation = m_trial.evaluation;
    if (evaluation.data.empty()) {
        return {};
    }
    auto samples = readSamples(evaluation.data, "evaluation.data", warnings);
    if (!samples) {
        return std::unexpected(samples.error());
    }
    std::map<std::string, size_t> perTask;
    for (const auto &task : evaluation.heldOutTasks) {
        perTask[task] = 0;
    }
    for (auto &s : *samples) {
        if (const auto it = perTask.find(s.category); it != perTask.end()) {
            ++it->second;
            m_central.push_back(std::move(s));
        }
    }
    for (const auto &task : evaluation.heldOutTasks) {
        if (perTask[task] == 0) {
            return fail(ErrorCode::InvalidArgument, "evaluation.data: holds no sample of held-out task '" + task + "'");
        }
    }
    return {};
}

std::vector<SiteHandle> LocalFederation::sites() {
    std::vector<SiteHandle> handles;
    for (const auto &slot : siteSlots()) {
        if (slot) {
            handles.push_back(*slot);
        }
    }
    return handles;
}

std::vector<std::optional<SiteHandle>> LocalFederation::siteSlots() {
    std::vector<std::optional<SiteHandle>> slots;
    for (size_t s = 0; s < m_sites.size(); ++s) {
        if (m_sites[s]) {
            slots.emplace_back(SiteHandle{m_sites[s].get(), m_trial.sites[s].cost});
        } else {
            slots.emplace_back(std::nullopt);
        }
    }
    return slots;
}

LocalSite *LocalFederation::localSite(size_t trialIndex) {
    return trialIndex < m_sites.size() ? m_sites[trialIndex].get() : nullptr;
}

CentralEvaluation LocalFederation::central() {
    if (m_central.empty()) {
        return {};
    }
    return {m_model.get(), &m_central};
}

Result<std::vector<SiteInventory>> LocalFederation::inventories() {
    std::vector<SiteInventory> all;
    for (auto &site : m_sites) {
        if (!site) {
            continue;
        }
        auto inventory = site->inventory();
        if (!inventory) {
            return std::unexpected(inventory.error());
        }
        all.push_back(std::move(*inventory));
    }
    return all;
}

} // namespace fp::engine
