#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Site.h"

#include <memory>
#include <string>
#include <vector>

namespace fp::engine {
class LanguageModel;
}

namespace fp::remote {

// The one site a fedpilot-agent serves: its base model (LoRA is attached at each handshake with the console's
// configuration), the model's and tokenizer's SHA-256 (computed here from the agent's own files), and the site
// itself (a LocalSite over the agent's data, partitioned as its site file says).
struct HostedSite {
    std::string name;
    std::string modelSha256;
    std::string tokenizerSha256;
    std::shared_ptr<engine::LanguageModel> model;
    std::shared_ptr<engine::Site> site;
};

// Reads a site file (docs/site-format.md), loads its model and data and partitions them into clients.
// warnings receives skipped records. Errors: those of the site file, the model and the data, naming the file.
Result<std::shared_ptr<HostedSite>> loadHostedSite(const std::string &siteFile, std::vector<std::string> *warnings);

} // namespace fp::remote
