// fedpilot-cli agents check TRIAL.json: reaches every agent a trial names and says, per site, whether it answers,
// how the connection is secured, who answered, whether its model matches, and what it holds.
#include "CommandLine.h"
#include "Commands.h"
#include "TerminalRun.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/ModelFingerprint.h"
#include "fedpilot/remote/TrialSites.h"

#include <cstdio>
#include <iostream>

namespace fp::app {
namespace {

std::string securityOf(const engine::AgentEndpoint &agent) {
    if (agent.insecure) {
        return agent.tokenFile.empty() ? "plaintext" : "plaintext+token";
    }
    std::string text = "TLS";
    if (!agent.clientCertFile.empty()) {
        text += "+mTLS";
    }
    if (!agent.tokenFile.empty()) {
        text += "+token";
    }
    return text;
}

void printRow(const std::string &site, const std::string &address, const std::string &reachable,
              const std::string &security, const std::string &identity, const std::string &model,
              const std::string &clients, const std::string &samples) {
    std::printf("%-12s %-22s %-12s %-16s %-28s %-9s %8s %9s\n", site.c_str(), address.c_str(), reachable.c_str(),
                security.c_str(), identity.c_str(), model.c_str(), clients.c_str(), samples.c_str());
}

// One remote site: handshake (which checks model, tokenizer, site name and protocol) and inventory.
bool checkSite(const engine::TrialSpec &trial, const engine::SiteSpec &site, const std::string &modelSha,
               const std::string &tokenizerSha) {
    remote::RemoteSite remoteSite(remote::remoteSiteOptions(trial, site, modelSha, tokenizerSha));
    const std::string security = securityOf(*site.agent);
    auto identity = remoteSite.connect();
    if (!identity) {
        const bool unreachable = identity.error().code == ErrorCode::Network;
        printRow(site.name, site.agent->address, unreachable ? "unreachable" : "refused", security, "-",
                 unreachable ? "-" : "mismatch", "-", "-");
        std::printf("  %s\n", identity.error().message.c_str());
        return false;
    }
    auto inventory = remoteSite.inventory();
    const std::string who = "agent " + identity->agentVersion + " '" + identity->siteName + "'";
    if (!inventory) {
        printRow(site.name, site.agent->address, "yes", security, who, "match", "?", "?");
        std::printf("  %s\n", inventory.error().message.c_str());
        return false;
    }
    int64_t samples = 0;
    for (const auto &c : inventory->clients) {
        samples += c.samples;
    }
    printRow(site.name, site.agent->address, "yes", security, who, "match", std::to_string(inventory->clients.size()),
             std::to_string(samples));
    return !inventory->clients.empty();
}

} // namespace

int runAgents(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli agents",
                    "agents check TRIAL.json: reaches every agent a trial names and checks security, identity, model "
                    "and clients.");
    std::string action, trialPath;
    cli.add_option("action", action, "check")->required()->check(CLI::IsMember({"check"}));
    cli.add_option("trial", trialPath, "the trial file")->required();
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    ensureSharedDirVariable();
    auto trial = engine::readTrialFile(trialPath);
    if (!trial) {
        std::cerr << "fedpilot-cli agents: " << trial.error().message << "\n";
        return ExitBadInput;
    }
    engine::ModelOptions options;
    options.tokenizerPath = trial->tokenizerPath;
    auto model = engine::LanguageModel::load(trial->modelPath, options);
    auto modelSha = engine::modelFilesSha256(trial->modelPath);
    if (!model || !modelSha) {
        std::cerr << "fedpilot-cli agents: model.path: " << (!model ? model.error() : modelSha.error()).message << "\n";
        return ExitBadInput;
    }
    const std::string tokenizerSha = engine::tokenizerSha256(model->tokenizer());
    std::printf("console model %s (SHA-256 %.16s...)\n", trial->modelPath.c_str(), modelSha->c_str());
    printRow("site", "address", "reachable", "security", "identity", "model", "clients", "samples");
    bool ok = true;
    for (const auto &site : trial->sites) {
        if (!site.remote()) {
            printRow(site.name, "(simulated here)", "-", "-", "-", "-", "-", "-");
            continue;
        }
        ok = checkSite(*trial, site, *modelSha, tokenizerSha) && ok;
    }
    return ok ? ExitOk : ExitBadInput;
}

} // namespace fp::app
