#pragma once
// How fedpilot-cli shows a federated run: a progress bar per round on the terminal and a summary table.
#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/storage/RunStore.h"

#include <string>
#include <vector>

namespace fp::app {

// Draws "[round 2/3] training   ########----------  4/8" on stderr, redrawn in place on a terminal and one
// line per finished phase otherwise (logs stay readable).
class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    void update(const engine::RunProgress &progress);
    // Ends the bar's line; a completed run shows a full bar.
    void finish(bool completed);

private:
    std::string m_label;
    std::string m_lastPhase;
    int m_lastRound = 0;
    bool m_terminal = false;
};

// The comparison a pilot lead reads at the end: one row per run.
void printSummary(const std::vector<storage::RunSummary> &runs);

// "peak memory 123 MB": the process's peak resident set (one base model is shared by every simulated client).
void printPeakMemory();

} // namespace fp::app
