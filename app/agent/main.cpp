// fedpilot-agent: runs at a site next to its private data; the console connects to it over gRPC.
#include "CommandLine.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/HostedSite.h"

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <malloc.h>
#include <thread>
#include <unistd.h>

namespace {

int g_stopPipe[2] = {-1, -1};

void requestStop(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = write(g_stopPipe[1], &byte, 1);
}

// Everything fedpilot-agent takes from its command line.
struct AgentSettings {
    fp::remote::AgentOptions options;
    long long threads = 0;
};

void declareOptions(fp::app::CommandLine &cli, AgentSettings &s) {
    auto &o = s.options;
    o.listenAddress = "127.0.0.1:50051";
    o.siteName = "site";
    cli.footer("TLS by default: --tls-cert/--tls-key, and authenticate consoles with --token-file (bearer token),\n"
               "--client-ca (mutual TLS) or both. --insecure serves plaintext, only on a loopback address.\n"
               "Exit codes: 0 ok, 1 failure, 2 bad command line or refused configuration, 3 unreadable site,\n"
               "key, certificate or token file.");
    cli.add_option("--listen", o.listenAddress, "HOST:PORT to serve on (port 0 picks a free one)")
        ->capture_default_str();
    cli.add_option("--site", o.siteFile,
                   "the site file (docs/site-format.md): model, data and how it becomes clients; without it the "
                   "agent only answers handshakes");
    cli.add_option("--site-name", o.siteName, "the site's name when no site file names it")->capture_default_str();
    cli.add_option("--threads", s.threads, "intra-op threads")->check(fp::app::integerFrom(1, 1024));
    cli.add_option("--tls-cert", o.security.certFile, "the agent's certificate (PEM)");
    cli.add_option("--tls-key", o.security.keyFile, "its private key (PEM)");
    cli.add_option("--client-ca", o.security.clientCaFile, "CA for consoles' client certificates (mutual TLS)");
    cli.add_flag("--insecure", o.security.insecure, "plaintext gRPC, on a loopback address only");
    cli.add_option("--token-file", o.security.tokenFile, "file holding the bearer token consoles must present");
    cli.add_option("--audit-dir", o.auditDir, "write every message the agent sends there (privacy audit)");
    cli.add_option("--stats-file", o.statsFile, "append one JSON line per site call with the bytes it moved");
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
    const int inForce = fp::engine::configureThreads(
        threads > 0 ? threads : fp::engine::automaticThreads(options.hosted->model->config().dim));
    std::cerr << "fedpilot-agent: site '" << options.hosted->name << "' (" << options.hosted->modelSha256.substr(0, 12)
              << "...), " << inForce << " intra-op thread(s)\n";
    return {};
}

} // namespace

int main(int argc, char **argv) {
    using namespace fp;
    // Site calls run on gRPC's handler threads, which glibc would give arenas of their own; there the large
    // activation buffers the engine allocates and frees every forward come from fresh, zero-filled pages (the
    // heap tuning of configureThreads applies to the main arena). One arena for the whole process: calls run
    // one at a time anyway.
    mallopt(M_ARENA_MAX, 1);
    app::CommandLine cli("fedpilot-agent", "Serves one federated site (gRPC) next to its private data.");
    AgentSettings settings;
    declareOptions(cli, settings);
    if (const auto code = cli.accept(std::vector<std::string>(argv + 1, argv + argc))) {
        return *code;
    }
    remote::AgentOptions &options = settings.options;
    const long long threads = settings.threads;
    // The policy first, so that a refused configuration exits 2 before anything else happens.
    if (auto allowed = remote::checkServerSecurity(options.security, options.listenAddress); !allowed) {
        std::cerr << "fedpilot-agent: " << allowed.error().message << "\n";
        return app::exitCodeFor(allowed.error());
    }
    warnIfInsecure(options);
    engine::configureThreads(int(threads));
    if (!options.siteFile.empty()) {
        if (auto ok = loadSite(options, int(threads)); !ok) {
            std::cerr << "fedpilot-agent: " << ok.error().message << "\n";
            return app::exitCodeForInput(ok.error());
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
