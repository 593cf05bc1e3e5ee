#include "Args.h"
#include "Commands.h"
#include "Subprocess.h"
#include "TrialRunner.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fp::app {
namespace {

// Starts a real fedpilot-agent process on a free loopback port and shakes hands with it.
Result<remote::AgentIdentity> handshakeWithLocalAgent(const std::string &siteName) {
    auto agent = Subprocess::spawn(siblingProgram("fedpilot-agent"),
                                   {"--listen", "127.0.0.1:0", "--site-name", siteName, "--threads", "1"});
    if (!agent) {
        return std::unexpected(agent.error());
    }
    auto line = agent->readLine(std::chrono::seconds(20));
    if (!line) {
        return std::unexpected(line.error().withContext("waiting for fedpilot-agent to listen"));
    }
    const auto at = line->rfind("listening on ");
    if (at == std::string::npos) {
        return fail(ErrorCode::Runtime, "fedpilot-agent said '" + *line + "' instead of its address");
    }
    const std::string address = line->substr(at + 13);
    std::cout << "  agent     pid " << agent->pid() << " at " << address << "\n";
    return remote::handshake(address, "");
}

// ../shared beside the repository (the build puts programs in <repo>/build/bin), or FP_SHARED_DIR.
std::filesystem::path defaultSharedDir() {
    if (const char *env = std::getenv("FP_SHARED_DIR"); env && *env) {
        return env;
    }
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path("../shared") : exe.parent_path() / ".." / ".." / ".." / "shared";
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

// The demo trial: installed beside the program (share/fedpilot/demo) or in the source tree.
std::filesystem::path demoTrialPath() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto installed = exe.parent_path() / ".." / "share" / "fedpilot" / "demo" / "ni-two-sites.json";
    if (!ec && std::filesystem::exists(installed)) {
        return installed.lexically_normal();
    }
    return std::filesystem::path(FP_SOURCE_DEMO_DIR) / "ni-two-sites.json";
}

// The pilot itself: FedHDS and FedIT side by side on two simulated sites, recorded in the workspace.
Result<void> runDemoTrial(const std::filesystem::path &workspaceDir, int threads) {
    const auto path = demoTrialPath();
    auto trial = engine::readTrialFile(path.string());
    if (!trial) {
        return std::unexpected(trial.error());
    }
    std::cout << "  trial     " << trial->name << " (" << path.string() << ")\n";
    auto store = storage::RunStore::open(workspaceDir.string());
    if (!store) {
        return std::unexpected(store.error());
    }
    TrialRunner runner(*store, *trial, threads);
    std::vector<int64_t> runIds;
    for (auto strategy : trial->strategies) {
        auto id = runner.start(strategy);
        if (!id) {
            return std::unexpected(id.error());
        }
        runIds.push_back(*id);
    }
    printSummaryOf(*store, runIds);
    return {};
}

} // namespace

int runDemo(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {"workspace", "threads", "shared"});
    if (!args) {
        return reportError("demo", args.error());
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        return reportError("demo", threads.error());
    }
    engine::configureThreads(int(*threads)); // the trial then picks its own for its model (see TrialRunner)
    const std::filesystem::path dir = args->valueOr("workspace", "fedpilot-demo");
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

    auto identity = handshakeWithLocalAgent("demo-site-a");
    if (!identity) {
        return reportError("demo", identity.error());
    }
    std::cout << "  handshake site '" << identity->siteName << "', agent " << identity->agentVersion << ", LibTorch "
              << identity->torchVersion << ", " << identity->threads << " thread(s)\n";

    if (auto ok = workspace->recordEvent("demo", "handshake with site '" + identity->siteName + "'"); !ok) {
        return reportError("demo", ok.error());
    }
    std::cout << "  recorded  " << workspace->eventCount().value_or(-1) << " event(s) in the workspace\n";
    const auto shared = args->value("shared") ? std::filesystem::path(*args->value("shared")) : defaultSharedDir();
    if (auto ok = showEngine(shared); !ok) {
        return reportError("demo", ok.error());
    }
    setenv("FP_SHARED_DIR", std::filesystem::absolute(shared).lexically_normal().c_str(), 1);
    if (auto ok = runDemoTrial(dir, int(*threads)); !ok) {
        return reportError("demo", ok.error());
    }
    std::cout << "demo finished\n";
    return ExitOk;
}

} // namespace fp::app
