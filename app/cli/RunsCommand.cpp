// fedpilot-cli runs list | show RUN | export [RUN] --csv FILE: what a workspace holds.
#include "CommandLine.h"
#include "Commands.h"
#include "RunConsole.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/RunSummaryFormat.h"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace fp::app {
namespace {

Result<int64_t> runIdFrom(const std::string &word) {
    try {
        size_t used = 0;
        const long long id = std::stoll(word, &used);
        if (used == word.size() && id > 0) {
            return id;
        }
    } catch (const std::exception &) {
    }
    return fail(ErrorCode::InvalidArgument, "'" + word + "' is not a run id (see fedpilot-cli runs list)");
}

void printRunDetail(const storage::RunDetail &detail) {
    const storage::RunSummaryFormat format;
    const auto &s = detail.summary;
    std::printf("run %lld: trial '%s', strategy %s, %s, %s rounds, seed %llu\n", (long long)s.id, s.trial.c_str(),
                s.strategy.c_str(), format.status(s.status).c_str(),
                format.rounds(s.completedRounds, s.plannedRounds).c_str(), (unsigned long long)s.seed);
    if (!s.message.empty()) {
        std::printf("  %s\n", s.message.c_str());
    }
    for (const auto &site : detail.sites) {
        std::printf("  site %-12s %zu clients%s\n", site.name.c_str(), site.clients.size(),
                    site.agent.empty() ? " (simulated)" : (" at " + site.agent).c_str());
    }
    // Counts stay exact here (bytes to the byte): this is the view to check a run's records against.
    std::printf("\n%5s %7s %9s %9s %10s %11s %11s %9s %9s %8s %8s\n", "round", "clients", "available", "selected",
                "tokens", "bytes down", "bytes up", "select B", "seconds", "Rouge-L", "loss");
    for (const auto &r : detail.rounds) {
        std::string rouge = format.words().none, loss = format.words().none;
        for (const auto &e : r.evaluations) {
            if (e.scope == storage::kCentralScope) {
                rouge = format.percent(e.rougeL);
                loss = format.loss(e.loss);
            }
        }
        std::printf("%5d %7zu %9lld %9lld %10lld %11lld %11lld %9lld %9.2f %8s %8s\n", r.round, r.clients.size(),
                    (long long)r.available, (long long)r.selected, (long long)r.trainingTokens, (long long)r.bytesDown,
                    (long long)r.bytesUp, (long long)r.selectionBytes, r.seconds, rouge.c_str(), loss.c_str());
    }
    if (!detail.events.empty()) {
        std::printf("\nevents:\n");
        for (const auto &e : detail.events) {
            std::printf("  %s %-18s %s\n", e.createdAt.c_str(), e.kind.c_str(), e.message.c_str());
        }
    }
}

struct RunsSettings {
    std::vector<std::string> words; // list | show RUN | export [RUN]
    std::string workspace = "fedpilot-workspace", csv = "-";
    bool clients = false;
};

int exportRuns(storage::RunStore &store, const RunsSettings &settings) {
    int64_t id = 0;
    if (settings.words.size() > 2) {
        return reportError("runs export", Error(ErrorCode::InvalidArgument, "usage: fedpilot-cli runs export [RUN]"));
    }
    if (settings.words.size() > 1) {
        auto parsed = runIdFrom(settings.words[1]);
        if (!parsed) {
            return reportError("runs export", parsed.error());
        }
        id = *parsed;
    }
    const auto kind = settings.clients ? storage::CsvKind::Clients : storage::CsvKind::Rounds;
    const std::string &target = settings.csv;
    if (target == "-") {
        auto ok = store.exportCsv(id, std::cout, kind);
        return ok ? ExitOk : reportError("runs export", ok.error());
    }
    // Written beside the target and renamed over it, so that a failed export leaves any earlier file whole.
    const std::string partial = target + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    auto ok = out ? store.exportCsv(id, out, kind) : fail(ErrorCode::Io, "cannot write " + partial);
    out.close();
    if (ok && !out) {
        ok = fail(ErrorCode::Io, "writing " + partial + " failed (disk full?)");
    }
    if (!ok || std::rename(partial.c_str(), target.c_str()) != 0) {
        std::remove(partial.c_str());
        return reportError("runs export",
                           ok ? Error(ErrorCode::Io, "cannot rename " + partial + " to " + target) : ok.error());
    }
    std::cerr << "wrote " << target << "\n";
    return ExitOk;
}

} // namespace

int runRuns(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli runs", "What a workspace holds: runs list | runs show RUN | runs export [RUN].");
    RunsSettings settings;
    cli.add_option("action", settings.words, "list (default), show RUN or export [RUN]")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cli.add_option("--workspace", settings.workspace, "workspace folder")->capture_default_str();
    cli.add_option("--csv", settings.csv, "export: the CSV file to write, - for standard output")
        ->capture_default_str();
    cli.add_flag("--clients", settings.clients, "export: one row per client and round");
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    const std::string action = settings.words.empty() ? "list" : settings.words[0];
    auto store = storage::RunStore::open(settings.workspace);
    if (!store) {
        return reportError("runs", store.error());
    }
    if (action == "list") {
        auto runs = store->listRuns();
        if (!runs) {
            return reportError("runs", runs.error());
        }
        if (runs->empty()) {
            std::cout << "no runs in " << store->workspaceDir() << "\n";
            return ExitOk;
        }
        printSummary(*runs);
        return ExitOk;
    }
    if (action == "show") {
        if (settings.words.size() != 2) {
            return reportError("runs", Error(ErrorCode::InvalidArgument, "usage: fedpilot-cli runs show RUN"));
        }
        auto id = runIdFrom(settings.words[1]);
        auto detail = id ? store->runDetail(*id) : std::unexpected(id.error());
        if (!detail) {
            return reportError("runs show", detail.error());
        }
        printRunDetail(*detail);
        return ExitOk;
    }
    if (action == "export") {
        return exportRuns(*store, settings);
    }
    return reportError("runs", Error(ErrorCode::InvalidArgument,
                                     "unknown action '" + action + "': expected list, show RUN or export [RUN]"));
}

} // namespace fp::app
