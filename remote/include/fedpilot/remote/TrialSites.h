#pragma once

#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/LocalFederation.h"
#include "fedpilot/engine/Trial.h"
#include "fedpilot/remote/RemoteSite.h"

#include <memory>
#include <string>
#include <vector>

namespace fp::remote {

// The sites of a trial as the coordinator calls them, in trial order: sites with data are simulated in this
// process (engine::LocalFederation, which also holds the base model and the central evaluation data), sites
// with an agent are RemoteSites reaching that agent. Nothing of a remote site runs here.
class TrialSites {
public:
    // Loads the model and local data (LocalFederation::build) and prepares a RemoteSite per agent, with the
    // console's model and tokenizer SHA-256 for the handshake. Agents are not contacted yet.
    static Result<std::unique_ptr<TrialSites>> build(const engine::TrialSpec &trial,
                                                     std::vector<std::string> *warnings);

    [[nodiscard]] std::vector<engine::SiteHandle> handles();
    [[nodiscard]] engine::LocalFederation &local() { return *m_local; }
    // Every site's clients, in trial order (remote sites are asked: their agents must be reachable).
    Result<std::vector<engine::SiteInventory>> inventories();
    // The RemoteSite of trial site i, or nullptr for a simulated one.
    [[nodiscard]] RemoteSite *remoteSite(size_t i) { return m_remote[i].get(); }
    [[nodiscard]] const std::string &modelSha256() const { return m_modelSha256; }
    [[nodiscard]] const std::string &tokenizerSha256() const { return m_tokenizerSha256; }

private:
    TrialSites() = default;
    engine::TrialSpec m_trial;
    std::unique_ptr<engine::LocalFederation> m_local;
    std::vector<std::unique_ptr<RemoteSite>> m_remote; // by trial site index; null for a simulated site
    std::string m_modelSha256;
    std::string m_tokenizerSha256;
};

// How to reach a trial's site with an agent (its endpoint and the trial's network settings).
[[nodiscard]] RemoteSiteOptions remoteSiteOptions(const engine::TrialSpec &trial, const engine::SiteSpec &site,
                                                  const std::string &modelSha256, const std::string &tokenizerSha256);

} // namespace fp::remote
