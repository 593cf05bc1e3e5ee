#include "fedpilot/engine/LocalFederation.h"

#include "ClientWork.h"
#include "data/PortableRandom.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/LanguageModel.h"

#include <algorithm>
#include <set>

namespace fp::engine {
namespace {

struct SiteData {
    std::vector<InstructionSample> samples;
    Partitioning partition;
};

uint64_t nameHash(const std::string &text) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

Result<SiteData> loadSite(const TrialSpec &trial, const SiteSpec &site, std::vector<std::string> *warnings) {
    auto files = readInstructionFiles(site.data);
    if (!files) {
        return std::unexpected(files.error().withContext("site " + site.name));
    }
    SiteData data;
    std::set<std::string> categories;
    for (auto &f : *files) {
        if (warnings && f.report.skipped > 0) {
            warnings->push_back("site " + site.name + ": " + f.report.file + ": " + std::to_string(f.report.skipped) +
                                " record(s) skipped" +
                                (f.report.problems.empty() ? "" : " (first: " + f.report.problems.front() + ")"));
        }
        for (auto &s : f.samples) {
            categories.insert(s.category);
            data.samples.push_back(std::move(s));
        }
    }
    PartitionOptions options = site.partition;
    options.seed = trial.schedule.seed;
    for (const auto &task : trial.evaluation.heldOutTasks) {
        if (categories.count(task)) {
            options.heldOutCategories.push_back(task);
        }
    }
    auto partition = partitionSamples(data.samples, options);
    if (!partition) {
        return std::unexpected(partition.error().withContext("site " + site.name));
    }
    data.partition = std::move(*partition);
    if (site.maxSamplesPerClient > 0) {
        for (auto &client : data.partition.clients) {
            if (client.samples.size() > size_t(site.maxSamplesPerClient)) {
                detail::PortableRandom random(
                    detail::mixSeed(trial.schedule.seed, nameHash(site.name + "/" + client.name)));
                random.shuffle(client.samples);
                client.samples.resize(size_t(site.maxSamplesPerClient));
                std::sort(client.samples.begin(), client.samples.end());
            }
        }
    }
    return data;
}

} // namespace

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
    std::set<std::string> heldOutFound;
    for (const auto &site : trial.sites) {
        auto data = loadSite(trial, site, warnings);
        if (!data) {
            return std::unexpected(data.error());
        }
        for (size_t i : data->partition.heldOut) {
            heldOutFound.insert(data->samples[i].category);
            federation->m_heldOut.push_back(data->samples[i]);
        }
        federation->m_sites.push_back(std::make_unique<LocalSite>(site.name, std::move(data->samples),
                                                                  std::move(data->partition), federation->m_model));
    }
    for (const auto &task : trial.evaluation.heldOutTasks) {
        if (!heldOutFound.count(task)) {
            return fail(ErrorCode::InvalidArgument,
                        "evaluation.held_out_tasks: task '" + task + "' is in no site's data");
        }
    }
    return federation;
}

std::vector<SiteHandle> LocalFederation::sites() {
    std::vector<SiteHandle> handles;
    for (size_t s = 0; s < m_sites.size(); ++s) {
        handles.push_back({m_sites[s].get(), m_trial.sites[s].cost});
    }
    return handles;
}

CentralEvaluation LocalFederation::central() { return {m_model.get(), &m_heldOut}; }

Result<std::vector<SiteInventory>> LocalFederation::inventories() {
    std::vector<SiteInventory> all;
    for (auto &site : m_sites) {
        auto inventory = site->inventory();
        if (!inventory) {
            return std::unexpected(inventory.error());
        }
        all.push_back(std::move(*inventory));
    }
    return all;
}

} // namespace fp::engine
