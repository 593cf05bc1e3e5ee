// fedpilot-cli: the headless face of fedpilot (scripts, servers, CI).
#include "CommandLine.h"
#include "Commands.h"

#include <cstdio>
#include <functional>
#include <iostream>

namespace {

struct Command {
    const char *name;
    const char *summary;
    std::function<int(const std::vector<std::string> &)> run;
};

const std::vector<Command> &commands() {
    static const std::vector<Command> all = {
        {"info", "versions, compute device, threads and measured matmul speed", fp::app::runInfo},
        {"generate", "continue a prompt with a model (--model PATH --prompt TEXT ...)", fp::app::runGenerate},
        {"convert", "write a model in the Hugging Face layout (--model SRC --out DIR)", fp::app::runConvert},
        {"cluster", "HDBSCAN (optionally after t-SNE) over a numeric CSV; prints x,y,label,probability",
         fp::app::runCluster},
        {"select", "coreset selection per client (--model PATH --data PATH... --strategy NAME)", fp::app::runSelect},
#ifdef FP_FULL_BUILD
        {"run", "run a trial file's strategies side by side (TRIAL.json --workspace DIR)", fp::app::runRun},
        {"resume", "continue interrupted runs from their last completed round (--workspace DIR [RUN...])",
         fp::app::runResume},
        {"runs", "list | show RUN | export [RUN] --csv FILE [--clients]  (--workspace DIR)", fp::app::runRuns},
        {"agents", "check TRIAL.json: reach every agent of a trial (security, identity, model, clients)",
         fp::app::runAgents},
        {"tls", "DIR: a test CA, a localhost certificate and a token for agents on this machine", fp::app::runTls},
        {"demo", "the built-in demo: a two-site NI pilot on stories260K, FedHDS vs FedIT", fp::app::runDemo},
#endif
    };
    return all;
}

void printUsage() {
    std::cout << "usage: fedpilot-cli <command> [options]\n\ncommands:\n";
    for (const auto &c : commands()) {
        std::printf("  %-10s %s\n", c.name, c.summary);
    }
    std::cout << "\n'fedpilot-cli <command> --help' lists a command's options.\n";
    std::cout << "\nexit codes: 0 ok, 1 failure, 2 bad command line, 3 bad or missing input, 4 cancelled\n";
}

} // namespace

namespace fp::app {

int reportError(const std::string &command, const Error &error) {
    std::cerr << "fedpilot-cli " << command << ": " << error.message << "\n";
    return exitCodeFor(error);
}

int reportInputError(const std::string &command, const Error &error) {
    std::cerr << "fedpilot-cli " << command << ": " << error.message << "\n";
    return exitCodeForInput(error);
}

} // namespace fp::app

int main(int argc, char **argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        printUsage();
        return words.empty() ? fp::app::ExitUsage : fp::app::ExitOk;
    }
    if (words[0] == "--version") {
        std::cout << "fedpilot " << FP_VERSION << "\n";
        return fp::app::ExitOk;
    }
    for (const auto &c : commands()) {
        if (words[0] == c.name) {
            return c.run(std::vector<std::string>(words.begin() + 1, words.end()));
        }
    }
    std::cerr << "fedpilot-cli: unknown command '" << words[0] << "' (try --help)\n";
    return fp::app::ExitUsage;
}
