// fedpilot-agent: runs at a site next to its private data; the console connects to it over gRPC.
#include "Args.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/HostedSite.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <thread>

namespace {

int g_stopPipe[2] = {-1, -1};

void requestStop(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = write(g_stopPipe[1], &byte, 1);
}

constexpr const char *kUsage =
    "usage: fedpilot-agent [--listen HOST:PORT] [--site SITE.json] [--site-name NAME] [--threads N]\n"
    "                      (--tls-cert FILE --tls-key FILE [--client-ca FILE] | --insecure) [--token-file FILE]\n"
    "                      [--audit-dir DIR] [--stats-file FILE]\n"
    "  --site: the site file (docs/site-format.md): model, data and how it becomes clients. Without it the agent\n"
    "  only answers handshakes. --audit-dir writes every message the agent sends there (privacy audit);\n"
    "  --stats-file appends one JSON line per site call with the bytes it moved.\n"
    "  TLS by default: --tls-cert/--tls-key, and authenticate consoles with --token-file (bearer token),\n"
    "  --client-ca (mutual TLS) or both. --insecure serves plaintext, only on a loopback address.\n";

fp::remote::AgentOptions optionsFrom(const fp::app::Args &args) {
    fp::remote::AgentOptions options;
    options.listenAddress = args.valueOr("listen", "127.0.0.1:50051");
    options.siteName = args.valueOr("site-name", "site");
    options.siteFile = args.valueOr("site", "");
    options.security.certFile = args.valueOr("tls-cert", "");
    options.security.keyFile = args.valueOr("tls-key", "");
    options.security.clientCaFile = args.valueOr("client-ca", "");
    options.security.tokenFile = args.valueOr("token-file", "");
    options.security.insecure = args.has("insecure");
    options.auditDir = args.valueOr("audit-dir", "");
    options.statsFile = args.valueOr("stats-file", "");
    return options;
}

void warnIfInsecure(const fp::remote::AgentOptions &options) {
    if (!options.security.insecure) {
        return;
    }
    std::cerr << "fedpilot-agent: warning: --insecure: plaintext gRPC on " << options.listenAddress
              << ", for this machine only";
    if (options.security.tokenFile.empty()) {
        std::cerr << "; no --token-file, so any local process can call this agent";
    }
    std::cerr << std::endl;
}

// Loads the site file into options.hosted and picks the intra-op threads for its model, as the console does for
// simulated sites (so that a remote run reproduces a simulated one bit for bit).
fp::Result<void> loadSite(fp::remote::AgentOptions &options, int threads) {
    std::vector<std::string> warnings;
    auto hosted = fp::remote::loadHostedSite(options.siteFile, &warnings);
    for (const auto &w : warnings) {
        std::cerr << "fedpilot-agent: warning: " << w << "\n";
    }
    if (!hosted) {
        return std::unexpected(hosted.error());
    }
    options.hosted = std::move(*hosted);
    const int inForce =
        fp::engine::configureThreads(threads > 0 ? threads : fp::engine::automaticThreads(options.hosted->model->config().dim));
    std::cerr << "fedpilot-agent: site '" << options.hosted->name << "' (" << options.hosted->modelSha256.substr(0, 12)
              << "...), " << inForce << " intra-op thread(s)\n";
    return {};
}

} // namespace

int main(int argc, char **argv) {
    using namespace fp;
    auto args =
        app::Args::parse(std::vector<std::string>(argv + 1, argv + argc), {"help", "insecure"},
                         {"listen", "site", "site-name", "threads", "tls-cert", "tls-key", "client-ca", "token-file",
                          "audit-dir", "stats-file"});
    if (!args || args->has("help")) {
        if (!args) {
            std::cerr << "fedpilot-agent: " << args.error().message << "\n";
        }
        std::cerr << kUsage;
        return args ? app::ExitOk : app::ExitUsage;
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        std::cerr << "fedpilot-agent: " << threads.error().message << "\n";
        return app::ExitUsage;
    }
    remote::AgentOptions options = optionsFrom(*args);
    // The policy first, so that a refused configuration exits 2 before anything else happens.
    if (auto allowed = remote::checkServerSecurity(options.security, options.listenAddress); !allowed) {
        std::cerr << "fedpilot-agent: " << allowed.error().message << "\n";
        return app::exitCodeFor(allowed.error());
    }
    warnIfInsecure(options);
    engine::configureThreads(int(*threads));
    if (!options.siteFile.empty()) {
        if (auto ok = loadSite(options, int(*threads)); !ok) {
            std::cerr << "fedpilot-agent: " << ok.error().message << "\n";
            return app::exitCodeFor(ok.error());
        }
    }
    if (!options.auditDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.auditDir, ec);
        if (ec) {
            std::cerr << "fedpilot-agent: --audit-dir " << options.auditDir << ": " << ec.message() << "\n";
            return app::ExitBadInput;
        }
    }

    // SIGTERM/SIGINT write a byte into a pipe (async-signal-safe, whichever thread takes the signal: libraries
    // start threads before main, so masking signals here would not cover them); one thread waits on the pipe
    // and shuts the server down, so the agent always stops cleanly.
    if (pipe(g_stopPipe) != 0) {
        std::cerr << "fedpilot-agent: cannot create the stop pipe\n";
        return app::ExitFailure;
    }
    struct sigaction onStop = {};
    onStop.sa_handler = requestStop;
    sigemptyset(&onStop.sa_mask);
    sigaction(SIGTERM, &onStop, nullptr);
    sigaction(SIGINT, &onStop, nullptr);

    auto server = remote::AgentServer::start(options);
    if (!server) {
        std::cerr << "fedpilot-agent: " << server.error().message << "\n";
        return app::exitCodeFor(server.error());
    }
    const std::string host = options.listenAddress.substr(0, options.listenAddress.rfind(':'));
    const std::string &site = options.hosted ? options.hosted->name : options.siteName;
    std::cout << "fedpilot-agent " << FP_VERSION << " site '" << site << "' listening on " << host << ":"
              << (*server)->port() << std::endl;

    std::thread stopper([&] {
        char byte = 0;
        while (read(g_stopPipe[0], &byte, 1) < 0 && errno == EINTR) {
        }
        (*server)->shutdown();
    });
    (*server)->wait();
    stopper.join();
    std::cout << "fedpilot-agent stopped" << std::endl;
    return app::ExitOk;
}
