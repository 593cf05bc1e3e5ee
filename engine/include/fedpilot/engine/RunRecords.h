#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/PeftAdapter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What a federated run produces, round by round, as plain data: the coordinator fills these and hands each
// completed round to a RunJournal (the storage layer's SQLite recorder implements it).
namespace fp::engine {

// What the coreset inspector keeps of a client round is bounded: at most this many map points and this many centers
// per client and round (the workspace refuses more).
inline constexpr size_t kMaxMapPointsPerClientRound = 2000;
inline constexpr size_t kMaxCentersPerClientRound = 2000;

// One local sample on its client's 2-D t-SNE map. Only a site whose clients run in this process can give these
// (LocalSite); a remote site's samples, features and map never leave it.
struct MapPoint {
    int64_t sample = 0; // index into the site's samples: its data files read in order (engine::readSamples)
    double x = 0.0;     // t-SNE coordinates in the client's own map
    double y = 0.0;
    int group = -1;        // the client's HDBSCAN cluster (the group id its center was sent under); -1: noise
    bool selected = false; // in the coreset the client trained on this round
};

// A group center as it crossed the wire (the client's PrepareReply, decoded) and whether the coordinator chose the
// group (the TrainRequest's chosen groups).
struct SentCenter {
    int group = 0;
    std::vector<float> coordinates; // ClusteringOptions::centerDims values (2: the client's t-SNE map)
    bool chosen = false;
};

// One sampled client in one round.
struct ClientRoundRecord {
    std::string site;
    std::string client;
    int64_t available = 0;      // local training samples
    int64_t selected = 0;       // coreset size (FedIT: every sample)
    int groups = 0;             // clusters the client found (FedHDS variants)
    int64_t trainingTokens = 0; // tokens fed to training (padding excluded), all epochs
    int64_t steps = 0;          // optimizer steps taken
    int64_t skippedSteps = 0;   // steps skipped for a non-finite loss or gradient
    double trainLoss = 0.0;     // mean loss of the applied steps (0 when none)
    double featureSeconds = 0.0;
    double selectionSeconds = 0.0; // client-side clustering (t-SNE + HDBSCAN) and coreset picking
    double trainingSeconds = 0.0;
    int64_t bytesDown = 0;      // serialized bytes the client received (global adapter, plan, selection)
    int64_t bytesUp = 0;        // serialized bytes it sent (centers, adapter update, report)
    int64_t selectionBytes = 0; // the part of bytesDown + bytesUp that selection costs (centers + chosen ids)
    double cost = 0.0;          // the site's CostModel applied to the seconds and bytes above
    std::string status;         // "trained", "skipped: ...", "failed: ..."
    // The coreset inspector's view of the round, for strategies that cluster (FedHDS variants, Random without a
    // budget). map: every local sample of a client of an in-process site, with its t-SNE coordinates, group and
    // whether it was selected (at most kMaxMapPointsPerClientRound: every selected sample, then the others evenly
    // spaced in sample order); empty for remote sites, other strategies, and clients too small for t-SNE.
    // centers: the centers the client sent (any site; at most kMaxCentersPerClientRound, the chosen ones first).
    std::vector<MapPoint> map;
    std::vector<SentCenter> centers;
};

// Evaluation after a round: "central" (held-out tasks on the coordinator) or a site's own held-out data.
struct EvaluationRecord {
    std::string scope;
    int64_t samples = 0;
    double rougeL = 0.0; // mean Rouge-L F-measure, in [0, 1]
    double loss = 0.0;   // mean response cross-entropy
    double seconds = 0.0;
};

struct RunEvent {
    std::string kind; // "nan-step", "client-failed", "empty-coreset", ...
    std::string message;
};

struct RoundRecord {
    int round = 0; // 1-based
    std::vector<ClientRoundRecord> clients;
    std::vector<EvaluationRecord> evaluations; // empty when the schedule skips evaluation this round
    std::vector<RunEvent> events;
    int globalClusters = 0;
    double seconds = 0.0;      // wall time of the whole round
    PeftAdapter globalAdapter; // after aggregation: the round's checkpoint
};

// Where a run's rounds go. roundCompleted must make the whole round durable (checkpoint files, then every row
// in one transaction) before it returns, or leave nothing of it: a crash never leaves half a round.
class RunJournal {
public:
    virtual ~RunJournal() = default;
    virtual Result<void> roundCompleted(const RoundRecord &round) = 0;
    // Something worth an audit line outside a round (start, resume, failure).
    virtual Result<void> event(const RunEvent &event) = 0;
};

// Where a resumed run continues: after `completedRounds` rounds, from that round's global adapter.
struct ResumePoint {
    int completedRounds = 0;
    PeftAdapter globalAdapter;
};

} // namespace fp::engine
