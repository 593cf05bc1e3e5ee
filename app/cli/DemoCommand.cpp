#include "Args.h"
#include "Commands.h"
#include "Subprocess.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/storage/Workspace.h"

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

} // namespace

int runDemo(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {"workspace", "threads"});
    if (!args) {
        return reportError("demo", args.error());
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        return reportError("demo", threads.error());
    }
    const int inForce = engine::configureThreads(int(*threads));
    const std::filesystem::path dir = args->valueOr("workspace", "fedpilot-demo");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return reportError("demo", Error(ErrorCode::Io, "cannot create workspace folder " + dir.string() + ": " +
                                                            ec.message()));
    }
    std::cout << "fedpilot demo (LibTorch " << engine::torchVersion() << ", " << inForce << " threads)\n";

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
    std::cout << "demo finished\n";
    return ExitOk;
}

} // namespace fp::app
