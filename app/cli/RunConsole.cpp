#include "RunConsole.h"

#include "fedpilot/storage/RunSummaryFormat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace fp::app {

namespace {

// How far into a round a phase is: preparing (features, clustering) and training take most of a round.
double roundFraction(const std::string &phase, double fraction) {
    if (phase == "preparing") {
        return 0.4 * fraction;
    }
    if (phase == "training") {
        return 0.4 + 0.5 * fraction;
    }
    return phase == "aggregating" ? 0.9 : phase == "evaluating" ? 0.93 : 0.98;
}

} // namespace

ProgressBar::ProgressBar(std::string label) : m_label(std::move(label)), m_terminal(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::update(const engine::RunProgress &p) {
    if (!m_terminal) {
        // One line per round and phase, so that logs show where a run was without flooding.
        if (p.round != m_lastRound || p.phase != m_lastPhase) {
            std::fprintf(stderr, "%s [round %d/%d] %s\n", m_label.c_str(), p.round, p.rounds, p.phase.c_str());
        }
    } else {
        constexpr int kWidth = 24;
        const double fraction = p.total > 0 ? double(p.done) / double(p.total) : 0.0;
        const double within = roundFraction(p.phase, fraction);
        const double overall = (double(p.round - 1) + within) / double(std::max(1, p.rounds));
        const int filled = int(std::lround(overall * kWidth));
        std::string bar(size_t(filled), '#');
        bar.append(size_t(kWidth - filled), '-');
        std::fprintf(stderr, "\r%s [round %d/%d] %s %-11s %d/%d   ", m_label.c_str(), p.round, p.rounds, bar.c_str(),
                     p.phase.c_str(), p.done, p.total);
    }
    m_lastRound = p.round;
    m_lastPhase = p.phase;
}

void ProgressBar::finish(bool completed) {
    if (!m_terminal || m_lastRound == 0) {
        return;
    }
    if (completed) {
        std::fprintf(stderr, "\r%s [round %d/%d] %s %-11s      ", m_label.c_str(), m_lastRound, m_lastRound,
                     std::string(24, '#').c_str(), "done");
    }
    std::fprintf(stderr, "\n");
}

void printSummary(const std::vector<storage::RunSummary> &runs) {
    int width = 13; // the strategy column fits the longest name (a trial's variants may be up to 64 characters)
    for (const auto &r : runs) {
        width = std::max(width, int(r.strategy.size()));
    }
    std::printf("\n%-5s %-*s %-11s %6s %8s %11s %10s %10s %9s %9s\n", "run", width, "strategy", "status", "rounds",
                "Rouge-L", "data used", "bytes", "select B", "seconds", "cost");
    const storage::RunSummaryFormat format; // English, as the console's Runs page in English
    for (const auto &r : runs) {
        const auto cells = format.cells(r);
        std::printf("%-5lld %-*s %-11s %6s %8s %11s %10s %10s %9s %9s\n", (long long)r.id, width, r.strategy.c_str(),
                    cells.status.c_str(), cells.rounds.c_str(), cells.rougeL.c_str(), cells.dataUsed.c_str(),
                    cells.bytes.c_str(), cells.selectionBytes.c_str(), cells.seconds.c_str(), cells.cost.c_str());
    }
    std::printf(
        "(Rouge-L: central held-out evaluation after the last evaluated round; data used: samples trained on "
        "/ samples the sampled clients held; select B: bytes that selection added; cost: the sites' cost models)\n");
}

void printPeakMemory() {
    struct rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0) {
        std::printf("peak memory %.0f MB\n", double(usage.ru_maxrss) / 1024.0);
    }
}

} // namespace fp::app
