#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"
#include "fedpilot/engine/RunRecords.h"
#include "fedpilot/engine/Site.h"
#include "fedpilot/engine/Trial.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fp::engine {

class LanguageModel;

// Where a run stands, for progress bars: phase is "preparing", "selecting", "training", "aggregating",
// "evaluating" or "recording"; done/total count clients (or samples while evaluating).
struct RunProgress {
    int round = 0;
    int rounds = 0;
    std::string phase;
    int done = 0;
    int total = 0;
};

struct RunControl {
    std::function<void(const RunProgress &)> progress; // may be empty
    std::function<bool()> cancelled;                   // may be empty; checked between client calls
    // May be empty; checked at each round boundary (after a round is recorded, and before the first): true stops
    // the run there, with every round it began recorded. run() then fails with ErrorCode::Cancelled and a message
    // that starts with kPausedMessage; resuming continues with the next round as if nothing had happened.
    std::function<bool()> pauseRequested;
};

// How the message of a run stopped by RunControl::pauseRequested starts.
inline constexpr const char *kPausedMessage = "paused";

struct SiteHandle {
    Site *site = nullptr; // not owned
    CostModel cost;
};

// The coordinator's own evaluation: held-out tasks run on a base model with the global adapter.
struct CentralEvaluation {
    LanguageModel *model = nullptr; // not owned; null: no central evaluation
    const std::vector<InstructionSample> *samples = nullptr;
};

struct RunOutcome {
    int completedRounds = 0;
    PeftAdapter finalAdapter;
    std::optional<EvaluationRecord> lastCentral; // the last central evaluation, when one ran
};

// The server side of one federated run (ARCHITECTURE.md "One round"): samples ceil(k*N) clients per round
// (seeded, the same for every strategy of a trial), sends each the global adapter and plan, runs the
// inter-client selection over their centers, lets them train on their coresets, aggregates (FedAvg weighted
// by coreset size, or FlexLoRA), evaluates every E rounds, and hands each round to the journal. Every random
// choice derives from (schedule seed, round, client), so a run resumed from a recorded round ends bit-identical
// to an uninterrupted one.
class Coordinator {
public:
    // Runs one strategy entry of the trial: its method, selection options and budget; everything else is the
    // trial's. Errors at run(): InvalidArgument (no sites, no clients, duplicate client names in a site).
    Coordinator(const TrialSpec &trial, const StrategySpec &strategy, std::vector<SiteHandle> sites,
                CentralEvaluation central);
    // The plain entry of `method` (plainStrategy): the trial-wide selection and budget.
    Coordinator(const TrialSpec &trial, SelectionStrategy method, std::vector<SiteHandle> sites,
                CentralEvaluation central);
    ~Coordinator();

    // Runs rounds resume.completedRounds + 1 .. schedule.rounds, starting from the resume point's adapter or
    // from `initial`. A client whose site fails is recorded as failed and left out of the round; a round in
    // which the journal cannot record stops the run (its error names the round). Errors: Cancelled (the run
    // can be resumed from its last recorded round), the journal's errors, InvalidArgument (see above).
    Result<RunOutcome> run(RunJournal &journal, const PeftAdapter &initial, const std::optional<ResumePoint> &resume,
                           const RunControl &control = {});

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The clients sampled in a round: ceil(fraction * clients) (or floor, at least 1, as the paper's reference code)
// distinct indices in [0, clients), ascending, reproducible from (seed, round).
[[nodiscard]] std::vector<size_t> sampleClients(size_t clients, double fraction, uint64_t seed, int round,
                                                ClientsPerRound rule = ClientsPerRound::Ceil);

} // namespace fp::engine
