// fedpilot-cli run / resume / runs: federated trials recorded in a workspace.
#include "Args.h"
#include "Commands.h"
#include "RunConsole.h"
#include "TerminalRun.h"

#include "fedpilot/storage/RunStore.h"

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace fp::app {
namespace {

// Trial files are input: any problem in them (including a value out of range) is "bad input", not usage.
int reportInput(const std::string &command, const Error &error) {
    std::cerr << "fedpilot-cli " << command << ": " << error.message << "\n";
    return error.code == ErrorCode::InvalidArgument ? ExitBadInput : exitCodeFor(error);
}

Result<std::vector<engine::SelectionStrategy>> pickStrategies(const engine::TrialSpec &trial, const Args &args) {
    if (!args.value("strategy")) {
        return trial.strategies;
    }
    std::vector<engine::SelectionStrategy> picked;
    std::stringstream list(*args.value("strategy"));
    for (std::string name; std::getline(list, name, ',');) {
        auto s = engine::parseSelectionStrategy(name);
        if (!s) {
            return std::unexpected(s.error().withContext("--strategy"));
        }
        picked.push_back(*s);
    }
    return picked;
}

} // namespace

int runRun(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {"workspace", "threads", "strategy"});
    if (!args) {
        return reportError("run", args.error());
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        return reportError("run", threads.error());
    }
    if (args->positional().size() != 1) {
        return reportError("run",
                           Error(ErrorCode::InvalidArgument, "usage: fedpilot-cli run TRIAL.json --workspace DIR"));
    }
    ensureSharedDirVariable();
    auto trial = engine::readTrialFile(args->positional()[0]);
    if (!trial) {
        return reportInput("run", trial.error());
    }
    auto strategies = pickStrategies(*trial, *args);
    if (!strategies) {
        return reportError("run", strategies.error());
    }
    auto store = storage::RunStore::open(args->valueOr("workspace", "fedpilot-workspace"));
    if (!store) {
        return reportError("run", store.error());
    }
    TrialRunner runner(*store, *trial, terminalHooks(), int(*threads));
    std::vector<int64_t> runIds;
    for (auto strategy : *strategies) {
        auto id = runner.start(strategy);
        if (id) {
            runIds.push_back(*id);
        }
        if (!id) {
            printSummaryOf(*store, runIds);
            return reportInput("run", id.error());
        }
    }
    printSummaryOf(*store, runIds);
    printPeakMemory();
    return ExitOk;
}

int runResume(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {"workspace", "threads"});
    if (!args) {
        return reportError("resume", args.error());
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        return reportError("resume", threads.error());
    }
    ensureSharedDirVariable();
    auto store = storage::RunStore::open(args->valueOr("workspace", "fedpilot-workspace"));
    if (!store) {
        return reportError("resume", store.error());
    }
    std::vector<int64_t> pending;
    if (!args->positional().empty()) {
        for (const auto &word : args->positional()) {
            try {
                pending.push_back(std::stoll(word));
            } catch (const std::exception &) {
                return reportError("resume", Error(ErrorCode::InvalidArgument, "'" + word + "' is not a run id"));
            }
        }
    } else {
        auto runs = store->listRuns();
        if (!runs) {
            return reportError("resume", runs.error());
        }
        for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
            if (it->status == storage::kRunInterrupted) {
                pending.push_back(it->id);
            }
        }
        if (pending.empty()) {
            std::cout << "nothing to resume: no interrupted run in " << store->workspaceDir() << "\n";
            return ExitOk;
        }
    }
    for (int64_t id : pending) {
        if (auto ok = resumeRun(*store, id, int(*threads), terminalHooks()); !ok) {
            printSummaryOf(*store, pending);
            return reportInput("resume", ok.error());
        }
    }
    printSummaryOf(*store, pending);
    printPeakMemory();
    return ExitOk;
}

} // namespace fp::app
