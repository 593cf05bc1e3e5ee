#include "fedpilot/remote/TrialSites.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/ModelFingerprint.h"

namespace fp::remote {

RemoteSiteOptions remoteSiteOptions(const engine::TrialSpec &trial, const engine::SiteSpec &site,
                                    const std::string &modelSha256, const std::string &tokenizerSha256) {
    RemoteSiteOptions options;
    options.siteName = site.name;
    const auto &agent = *site.agent;
    options.address = agent.address;
    options.security.caFile = agent.caFile;
    options.security.serverName = agent.serverName;
    options.security.tokenFile = agent.tokenFile;
    options.security.clientCertFile = agent.clientCertFile;
    options.security.clientKeyFile = agent.clientKeyFile;
    options.security.insecure = agent.insecure;
    options.modelSha256 = modelSha256;
    options.tokenizerSha256 = tokenizerSha256;
    options.lora = trial.lora;
    options.connectSeconds = trial.network.connectSeconds;
    options.callSeconds = trial.network.callSeconds;
    options.secondsPerSample = trial.network.secondsPerSample;
    options.keepaliveSeconds = trial.network.keepaliveSeconds;
    return options;
}

Result<std::unique_ptr<TrialSites>> TrialSites::build(const engine::TrialSpec &trial,
                                                      std::vector<std::string> *warnings) {
    std::unique_ptr<TrialSites> sites(new TrialSites());
    sites->m_trial = trial;
    auto local = engine::LocalFederation::build(trial, warnings);
    if (!local) {
        return std::unexpected(local.error());
    }
    sites->m_local = std::move(*local);
    bool anyRemote = false;
    for (const auto &s : trial.sites) {
        anyRemote = anyRemote || s.remote();
    }
    if (anyRemote) {
        auto sha = engine::modelFilesSha256(trial.modelPath);
        if (!sha) {
            return std::unexpected(sha.error().withContext("model.path"));
        }
        sites->m_modelSha256 = *sha;
        sites->m_tokenizerSha256 = engine::tokenizerSha256(sites->m_local->model().tokenizer());
    }
    for (const auto &s : trial.sites) {
        sites->m_remote.push_back(s.remote() ? std::make_unique<RemoteSite>(remoteSiteOptions(
                                                   trial, s, sites->m_modelSha256, sites->m_tokenizerSha256))
                                             : nullptr);
    }
    return sites;
}

std::vector<engine::SiteHandle> TrialSites::handles() {
    std::vector<engine::SiteHandle> all;
    const auto slots = m_local->siteSlots();
    for (size_t i = 0; i < m_trial.sites.size(); ++i) {
        if (m_remote[i]) {
            all.push_back({m_remote[i].get(), m_trial.sites[i].cost});
        } else {
            all.push_back(*slots[i]);
        }
    }
    return all;
}

Result<std::vector<engine::SiteInventory>> TrialSites::inventories() {
    std::vector<engine::SiteInventory> all;
    for (auto &handle : handles()) {
        auto inventory = handle.site->inventory();
        if (!inventory) {
            return std::unexpected(inventory.error().withContext("site " + handle.site->name()));
        }
        all.push_back(std::move(*inventory));
    }
    return all;
}

} // namespace fp::remote
