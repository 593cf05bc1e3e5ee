#include "CommandLine.h"
#include "Commands.h"
#include "Subprocess.h"
#include "TerminalRun.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/ProgramPaths.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/Security.h"
#include "fedpilot/runner/DemoWorkspace.h"
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

namespace fp::app {
namespace {

// FP_SHARED_DIR, or ../shared beside the repository (the build puts programs in <repo>/build/bin); when neither is
// found, ../shared of the working folder, which the demo's first missing file then names.
std::filesystem::path defaultSharedDir() {
    return engine::findSharedDir().value_or(std::filesystem::path("../shared"));
}

// The engine on the demo's base model: load it, greedy-generate the opening of a story.
Result<void> showEngine(const std::filesystem::path &shared) {
    const auto modelPath = (shared / "models" / "stories260K" / "stories260K.bin").lexically_normal();
    auto model = engine::LanguageModel::load(modelPath.string());
    if (!model) {
        return std::unexpected(model.error());
    }
    std::cout << "  model     " << model->sourceDescription() << ", " << model->parameterCount() << " parameters\n";
    engine::GenerationOptions options;
    options.maxNewTokens = 40;
    const auto start = std::chrono::steady_clock::now();
    auto text = model->generate("", options);
    if (!text) {
        return std::unexpected(text.error());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "  generate  \"" << *text << "\" (" << options.maxNewTokens << " tokens in " << int(seconds * 1000)
              << " ms)\n";
    return {};
}

struct DemoAgent {
    std::string site;
    std::string address;
    Subprocess process;
};

// Starts one fedpilot-agent process per site file of the demo, on free loopback ports, with TLS and a token.
Result<std::vector<DemoAgent>> startAgents(const std::filesystem::path &sites, const std::filesystem::path &tls) {
    std::vector<DemoAgent> agents;
    for (const char *site : {"tokyo", "osaka"}) {
        const auto siteFile = sites / (std::string(site) + ".site.json");
        auto agent = Subprocess::spawn(siblingProgram("fedpilot-agent"),
                                       {"--listen", "127.0.0.1:0", "--site", siteFile.string(), "--tls-cert",
                                        (tls / "server.pem").string(), "--tls-key", (tls / "server.key").string(),
                                        "--token-file", (tls / "token").string()});
        if (!agent) {
            return std::unexpected(agent.error());
        }
        auto line = agent->readLine(std::chrono::seconds(60));
        if (!line) {
            return std::unexpected(line.error().withContext("waiting for the agent of site " + std::string(site)));
        }
        const auto at = line->rfind("listening on ");
        if (at == std::string::npos) {
            return fail(ErrorCode::Runtime, "fedpilot-agent said '" + *line + "' instead of its address");
        }
        std::cout << "  agent     site " << site << ", pid " << agent->pid() << " at " << line->substr(at + 13)
                  << " (TLS, bearer token; " << siteFile.string() << ")\n";
        agents.push_back({site, line->substr(at + 13), std::move(*agent)});
    }
    return agents;
}

// The demo trial with each site's data replaced by its agent's endpoint, written into the workspace.
Result<std::filesystem::path> writeAgentTrial(const std::filesystem::path &trialPath,
                                              const std::vector<DemoAgent> &agents, const std::filesystem::path &tls,
                                              const std::filesystem::path &dir) {
    std::ifstream in(trialPath);
    nlohmann::json trial = nlohmann::json::parse(in, nullptr, false);
    if (trial.is_discarded() || !trial.contains("sites")) {
        return fail(ErrorCode::BadFormat, "demo trial " + trialPath.string() + ": not a trial file");
    }
    for (auto &site : trial["sites"]) {
        for (const auto &agent : agents) {
            if (site.value("name", "") == agent.site) {
                site.erase("data");
                site.erase("partition");
                site.erase("max_samples_per_client");
                site["agent"] = {{"address", agent.address},
                                 {"ca", (tls / "ca.pem").string()},
                                 {"token_file", (tls / "token").string()}};
            }
        }
    }
    const auto out = dir / "demo-trial.json";
    std::ofstream file(out, std::ios::trunc);
    file << trial.dump(2) << "\n";
    if (!file) {
        return fail(ErrorCode::Io, "cannot write " + out.string());
    }
    return out;
}

// The pilot itself: FedHDS and FedIT side by side on two sites, each served by its own fedpilot-agent process
// over TLS, recorded in the workspace.
Result<void> runDemoTrial(const std::filesystem::path &workspaceDir, int threads) {
    const auto demo = runner::demoDir();
    const auto tls = workspaceDir / "tls";
    if (auto ok = remote::generateDemoCertificates(tls.string()); !ok) {
        return std::unexpected(ok.error().withContext("demo certificates"));
    }
    auto agents = startAgents(demo / "sites", tls);
    if (!agents) {
        return std::unexpected(agents.error());
    }
    auto trialPath = writeAgentTrial(demo / runner::kDemoTrialFile, *agents, tls, workspaceDir);
    if (!trialPath) {
        return std::unexpected(trialPath.error());
    }
    auto trial = engine::readTrialFile(trialPath->string());
    if (!trial) {
        return std::unexpected(trial.error());
    }
    std::cout << "  trial     " << trial->name << " (" << trialPath->string() << ")\n";
    auto store = storage::RunStore::open(workspaceDir.string());
    if (!store) {
        return std::unexpected(store.error());
    }
    TrialRunner runner(*store, *trial, terminalHooks(), threads);
    auto runIds = runner.runStrategies(trial->strategies);
    if (!runIds) {
        return std::unexpected(runIds.error());
    }
    printSummaryOf(*store, *runIds);
    return {};
}

} // namespace

int runDemo(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli demo", "The built-in demo: a two-site NI pilot on stories260K, FedHDS vs FedIT, "
                                         "each site served by its own fedpilot-agent.");
    std::string workspaceDir = "fedpilot-demo", sharedDir;
    long long threads = 0;
    cli.add_option("--workspace", workspaceDir, "workspace folder")->capture_default_str();
    cli.add_option("--threads", threads, "intra-op threads")->check(integerFrom(1, 1024));
    cli.add_option("--shared", sharedDir, "folder with the shared models and data");
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    engine::configureThreads(int(threads)); // the trial then picks its own for its model (see TrialRunner)
    // Absolute: the trial it writes into the workspace names the workspace's TLS files, and a trial's relative paths
    // are read from the trial file's folder (a relative --workspace ws would become ws/ws/tls/ca.pem).
    const std::filesystem::path dir = std::filesystem::absolute(workspaceDir).lexically_normal();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return reportError(
            "demo", Error(ErrorCode::Io, "cannot create workspace folder " + dir.string() + ": " + ec.message()));
    }
    std::cout << "fedpilot demo (LibTorch " << engine::torchVersion() << ")\n";

    auto workspace = storage::Workspace::open((dir / "workspace.sqlite").string());
    if (!workspace) {
        return reportError("demo", workspace.error());
    }
    std::cout << "  workspace " << workspace->path() << " (schema v" << workspace->schemaVersion() << ")\n";

    const auto shared = sharedDir.empty() ? defaultSharedDir() : std::filesystem::path(sharedDir);
    if (auto ok = showEngine(shared); !ok) {
        return reportError("demo", ok.error());
    }
    setenv("FP_SHARED_DIR", std::filesystem::absolute(shared).lexically_normal().c_str(), 1);
    if (auto ok = runDemoTrial(dir, int(threads)); !ok) {
        return reportError("demo", ok.error());
    }
    std::cout << "demo finished\n";
    return ExitOk;
}

} // namespace fp::app
