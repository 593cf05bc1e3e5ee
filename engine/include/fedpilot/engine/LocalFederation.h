#pragma once

#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/LocalSite.h"
#include "fedpilot/engine/Trial.h"

#include <memory>
#include <string>
#include <vector>

namespace fp::engine {

class LanguageModel;

// A whole trial simulated in one process: the base model (loaded once, shared by every site and the central
// evaluation), one LocalSite per trial site with its clients, and the held-out tasks for central evaluation.
class LocalFederation {
public:
    // Loads the model and every site's data, partitions each site into clients (held-out tasks kept aside),
    // caps clients at maxSamplesPerClient (seeded), and attaches LoRA. warnings receives skipped records and
    // other notes. Errors: those of loading the model and data, naming the site; InvalidArgument when a
    // held-out task is in no site's data or a site has no client.
    static Result<std::unique_ptr<LocalFederation>> build(const TrialSpec &trial, std::vector<std::string> *warnings);
    ~LocalFederation();

    [[nodiscard]] std::vector<SiteHandle> sites();
    [[nodiscard]] CentralEvaluation central();
    // The adapter every run of the trial starts from (fresh LoRA, seeded by the schedule seed).
    [[nodiscard]] const PeftAdapter &initialAdapter() const { return m_initial; }
    [[nodiscard]] LanguageModel &model() { return *m_model; }
    // Per site: the clients and their sample counts.
    [[nodiscard]] Result<std::vector<SiteInventory>> inventories();

private:
    LocalFederation() = default;
    TrialSpec m_trial;
    std::shared_ptr<LanguageModel> m_model;
    std::vector<std::unique_ptr<LocalSite>> m_sites;
    std::vector<InstructionSample> m_heldOut;
    PeftAdapter m_initial;
};

} // namespace fp::engine
