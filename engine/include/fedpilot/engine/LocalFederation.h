#pragma once

#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/LocalSite.h"
#include "fedpilot/engine/Trial.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fp::engine {

class LanguageModel;

// The in-process part of a trial: the base model (loaded once, shared by every local site and the central
// evaluation), one LocalSite per trial site without an agent, and the central evaluation samples. Sites with
// an agent get no LocalSite: the caller connects to them and places them in the gaps of siteSlots().
class LocalFederation {
public:
    // Loads the model and attaches LoRA; builds each local site with buildLocalSite (SiteHost.h: partitioned
    // with the schedule seed, held-out tasks kept aside, clients capped); reads evaluation.data and keeps its
    // samples of the held-out tasks for central evaluation. warnings receives skipped records and other notes.
    // Errors: those of loading the model and data, naming the site or evaluation.data; InvalidArgument when
    // evaluation.data holds no sample of a held-out task, when every site is local and a held-out task is in
    // no site's data, or when a site has no client.
    static Result<std::unique_ptr<LocalFederation>> build(const TrialSpec &trial, std::vector<std::string> *warnings);
    ~LocalFederation();

    // The local sites' handles in trial order: every trial site when none has an agent.
    [[nodiscard]] std::vector<SiteHandle> sites();
    // One entry per trial site in trial order: the local site's handle (with its cost), or nullopt for a site
    // with an agent.
    [[nodiscard]] std::vector<std::optional<SiteHandle>> siteSlots();
    // The LocalSite of trial site trialIndex; nullptr for a site with an agent or an index out of range.
    [[nodiscard]] LocalSite *localSite(size_t trialIndex);
    // The model and evaluation.data's held-out samples; {nullptr, nullptr} without evaluation.data (no central
    // evaluation).
    [[nodiscard]] CentralEvaluation central();
    [[nodiscard]] const std::vector<InstructionSample> &centralSamples() const { return m_central; }
    // The adapter every run of the trial starts from (fresh LoRA, seeded by the schedule seed).
    [[nodiscard]] const PeftAdapter &initialAdapter() const { return m_initial; }
    [[nodiscard]] LanguageModel &model() { return *m_model; }
    [[nodiscard]] std::shared_ptr<LanguageModel> sharedModel() const { return m_model; }
    // The local sites' clients and sample counts, in trial order (as sites()).
    [[nodiscard]] Result<std::vector<SiteInventory>> inventories();

private:
    LocalFederation() = default;
    Result<void> buildSites(std::vector<std::string> *warnings);
    Result<void> loadCentral(std::vector<std::string> *warnings);

    TrialSpec m_trial;
    std::shared_ptr<LanguageModel> m_model;
    std::vector<std::unique_ptr<LocalSite>> m_sites; // by trial site index; null for a site with an agent
    std::vector<InstructionSample> m_central;
    PeftAdapter m_initial;
};

} // namespace fp::engine
