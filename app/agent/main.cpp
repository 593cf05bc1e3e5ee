// fedpilot-agent: runs at a site next to its private data; the console connects to it over gRPC.
#include "Args.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/remote/Agent.h"

#include <csignal>
#include <iostream>
#include <thread>

int main(int argc, char **argv) {
    using namespace fp;
    auto args =
        app::Args::parse(std::vector<std::string>(argv + 1, argv + argc), {"help"}, {"listen", "site-name", "threads"});
    if (!args || args->has("help")) {
        if (!args) {
            std::cerr << "fedpilot-agent: " << args.error().message << "\n";
        }
        std::cerr << "usage: fedpilot-agent [--listen HOST:PORT] [--site-name NAME] [--threads N]\n";
        return args ? app::ExitOk : app::ExitUsage;
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        std::cerr << "fedpilot-agent: " << threads.error().message << "\n";
        return app::ExitUsage;
    }
    engine::configureThreads(int(*threads));

    // Block termination signals in every thread; one thread waits for them and shuts the server down.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    remote::AgentOptions options;
    options.listenAddress = args->valueOr("listen", "127.0.0.1:50051");
    options.siteName = args->valueOr("site-name", "site");
    auto server = remote::AgentServer::start(options);
    if (!server) {
        std::cerr << "fedpilot-agent: " << server.error().message << "\n";
        return app::exitCodeFor(server.error());
    }
    const std::string host = options.listenAddress.substr(0, options.listenAddress.rfind(':'));
    std::cout << "fedpilot-agent " << FP_VERSION << " site '" << options.siteName << "' listening on " << host << ":"
              << (*server)->port() << std::endl;

    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        (*server)->shutdown();
    });
    (*server)->wait();
    stopper.join();
    std::cout << "fedpilot-agent stopped" << std::endl;
    return app::ExitOk;
}
