// fedpilot-cli run / resume / runs: federated trials recorded in a workspace.
#include "CommandLine.h"
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

// The trial's entries named in the comma-separated list (all of them when empty). A method name the trial does
// not list runs as its plain entry (the trial-wide selection and budget); "fedit" finds the entry "full".
Result<std::vector<engine::StrategySpec>> pickStrategies(const engine::TrialSpec &trial, const std::string &names) {
    if (names.empty()) {
        return trial.strategies;
    }
    std::vector<engine::StrategySpec> picked;
    std::stringstream list(names);
    for (std::string name; std::getline(list, name, ',');) {
        const auto method = engine::parseSelectionStrategy(name);
        if (const auto *entry = trial.strategy(method ? engine::selectionStrategyName(*method) : name)) {
            picked.push_back(*entry);
        } else if (method) {
            picked.push_back(engine::plainStrategy(trial, *method));
        } else {
            std::string known;
            for (const auto &s : trial.strategies) {
                known += (known.empty() ? "" : ", ") + s.name;
            }
            return fail(ErrorCode::InvalidArgument,
                        "--strategy: '" + name + "' is neither a method nor a strategy of the trial (" + known + ")");
        }
    }
    return picked;
}

} // namespace

int runRun(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli run", "Runs a trial file's strategies one after the other, recorded in a workspace.");
    std::string trialPath, workspace = "fedpilot-workspace", strategyNames;
    long long threads = 0;
    cli.add_option("trial", trialPath, "the trial file (docs/trial-format.md)")->required();
    cli.add_option("--workspace", workspace, "workspace folder")->capture_default_str();
    cli.add_option("--strategy", strategyNames, "strategies to run, comma-separated (default: the trial's)");
    cli.add_option("--threads", threads, "intra-op threads")->check(integerFrom(1, 1024));
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    ensureSharedDirVariable();
    auto trial = engine::readTrialFile(trialPath);
    if (!trial) {
        return reportInputError("run", trial.error());
    }
    auto strategies = pickStrategies(*trial, strategyNames);
    if (!strategies) {
        return reportError("run", strategies.error());
    }
    auto store = storage::RunStore::open(workspace);
    if (!store) {
        return reportError("run", store.error());
    }
    TrialRunner runner(*store, *trial, terminalHooks(), int(threads));
    auto runIds = runner.runStrategies(*strategies);
    printSummaryOf(*store, runner.queuedRuns());
    if (!runIds) {
        return reportInputError("run", runIds.error());
    }
    printPeakMemory();
    return ExitOk;
}

int runResume(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli resume", "Continues the given runs, or every interrupted run and every queued run "
                                           "that no live process holds, oldest first, from its last completed round.");
    std::vector<std::string> runWords;
    std::string workspace = "fedpilot-workspace";
    long long threads = 0;
    cli.add_option("runs", runWords, "run ids (default: every interrupted or abandoned queued run)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cli.add_option("--workspace", workspace, "workspace folder")->capture_default_str();
    cli.add_option("--threads", threads, "intra-op threads")->check(integerFrom(1, 1024));
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    ensureSharedDirVariable();
    auto store = storage::RunStore::open(workspace);
    if (!store) {
        return reportError("resume", store.error());
    }
    std::vector<int64_t> pending;
    if (!runWords.empty()) {
        for (const auto &word : runWords) {
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
        // Oldest first: a trial's runs were queued in its order, so they continue in that order.
        for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
            if (storage::isResumable(it->status, it->owner)) {
                pending.push_back(it->id);
            }
        }
        if (pending.empty()) {
            std::cout << "nothing to resume: no interrupted or queued run in " << store->workspaceDir() << "\n";
            return ExitOk;
        }
    }
    for (int64_t id : pending) {
        if (auto ok = resumeRun(*store, id, int(threads), terminalHooks()); !ok) {
            printSummaryOf(*store, pending);
            return reportInputError("resume", ok.error());
        }
    }
    printSummaryOf(*store, pending);
    printPeakMemory();
    return ExitOk;
}

} // namespace fp::app
