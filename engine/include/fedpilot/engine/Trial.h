#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/Partition.h"
#include "fedpilot/engine/Rouge.h"
#include "fedpilot/engine/Selection.h"
#include "fedpilot/engine/Site.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// A trial: what a pilot lead defines before pressing start. Read from a JSON trial file whose schema is
// documented in docs/trial-format.md; every field error names the field ("sites[1].data[0]: ...").
namespace fp::engine {

// What a site pays. Compute is charged for the seconds its clients spend on feature extraction, selection
// and training; transfer for the bytes it sends and receives.
struct CostModel {
    double pricePerComputeHour = 0.0; // currency units per hour of compute
    double pricePerGb = 0.0;          // currency units per 1e9 bytes transferred (down + up)
    [[nodiscard]] double cost(double computeSeconds, int64_t bytes) const {
        return pricePerComputeHour * computeSeconds / 3600.0 + pricePerGb * double(bytes) / 1e9;
    }
};

// How the coordinator reaches a remote fedpilot-agent. Paths are absolute after parsing.
struct AgentEndpoint {
    std::string address;        // "host:port" ("[::1]:50051" for IPv6)
    std::string caFile;         // PEM roots that sign the agent's certificate; required unless insecure
    std::string serverName;     // TLS name override (the certificate's name when it differs from the host)
    std::string tokenFile;      // bearer token sent with every call; empty: none
    std::string clientCertFile; // mutual TLS: the coordinator's certificate and key, both or neither
    std::string clientKeyFile;
    bool insecure = false; // plaintext; the parser allows it only for a loopback host
};

struct SiteSpec {
    std::string name;                // unique within the trial, [A-Za-z0-9_.-]+
    std::vector<std::string> data;   // instruction files or folders (absolute after parsing); empty when remote
    PartitionOptions partition;      // how the site's samples become clients; seed = schedule.seed;
                                     // heldOutCategories left empty by the parser (the coordinator fills
                                     // in the trial's held-out tasks present at this site)
    int64_t maxSamplesPerClient = 0; // 0: all; else the first N of each client after a seeded shuffle
    CostModel cost;
    // Absent: simulated in-process (LocalSite) from data. Present: a remote agent that holds the data and its
    // split itself (data, partition and maxSamplesPerClient are then unused).
    std::optional<AgentEndpoint> agent;
    [[nodiscard]] bool remote() const { return agent.has_value(); }
};

// Deadlines and failure policy for remote sites (unused by simulated ones).
struct NetworkSpec {
    double connectSeconds = 10.0;   // wait for an agent's channel to connect
    double callSeconds = 120.0;     // deadline base of every site call
    double secondsPerSample = 2.0;  // added to a call's deadline per sample the client holds
    double keepaliveSeconds = 20.0; // keepalive ping interval on agent channels
    int stopAfterFailedRounds = 0;  // 0: never; N: stop after N consecutive rounds where every client failed
};

// How k * N becomes a number of clients: ceil (the default), or floor with at least one (the paper's reference).
enum class ClientsPerRound { Ceil, Floor };

struct ScheduleSpec {
    int rounds = 10;
    double participation = 0.05; // fraction k of all clients sampled per round: ceil(k * N) clients (see below)
    ClientsPerRound clientsPerRound = ClientsPerRound::Ceil;
    int localEpochs = 1;
    float learningRate = 3e-4f;
    int batchSize = 1;
    int evalEvery = 1; // evaluate after every E-th round (and always after the last); 0: only at the end
    uint64_t seed = 0;
};

enum class Aggregation { FedAvg, FlexLora };
[[nodiscard]] const char *aggregationName(Aggregation aggregation); // "fedavg", "flexlora"

struct EvaluationSpec {
    std::vector<std::string> heldOutTasks; // categories kept out of every client
    // Files or folders (absolute after parsing) the coordinator evaluates on: their samples of the held-out
    // tasks. Empty: no central evaluation (sites' held-out samples never leave them).
    std::vector<std::string> data;
    // How many held-out samples per task are evaluated (a seeded choice): up to maxSamplesPerTask, or the
    // reference code's rule (evaluationSampleCount in Site.h).
    EvaluationSampling sampling = EvaluationSampling::Fixed;
    int maxSamplesPerTask = 20;                    // with Fixed: held-out samples evaluated per task; 0: all
    int maxNewTokens = 128;                        // greedy decoding limit
    bool federated = false;                        // also ask every site to evaluate on its own held-out data
    RougeVariant rouge = RougeVariant::RougeScore; // rouge-score (default) or pltrdy (the reference's package)
};

// One entry of a trial's strategies: a selection method under a name, with the trial's selection and budget
// settings, overridden where the entry says so. A plain entry ("fedhds") is named after its method
// (selectionStrategyName: "fedit" becomes "full") and takes the trial's settings unchanged; an object entry
// ({"name": "fedhds-paper", "method": "fedhds", "selection": {...}}) is a variant. The name is what storage
// records and what tables show; resume finds the variant again by it in the stored trial.
struct StrategySpec {
    std::string name;
    SelectionStrategy method = SelectionStrategy::FedHds;
    ClusteringOptions clustering; // its seed is ignored: rounds derive seeds from schedule.seed
    CoresetBudget budget;
};

struct TrialSpec {
    std::string name;
    std::string modelPath;                           // llama2.c .bin or Hugging Face directory (absolute after parsing)
    std::string tokenizerPath;                       // optional
    int maxTokens = 256;                             // training sequences are truncated to this many tokens
    int featureTokens = 256;                         // feature extraction sees BOS + the last featureTokens-1 tokens
    Truncation truncation = Truncation::PromptStart; // which side of a too-long sequence is lost
    PromptTemplate promptTemplate = PromptTemplate::Alpaca; // the prompt around each sample
    LoraConfig lora;
    std::vector<SiteSpec> sites;
    std::vector<StrategySpec> strategies; // one run per entry, same data, seed, schedule and evaluation
    ClusteringOptions clustering;         // trial-wide selection (a strategy entry may override it)
    CoresetBudget budget;                 // trial-wide budget (a strategy entry may override it)
    ScheduleSpec schedule;
    Aggregation aggregation = Aggregation::FedAvg;
    EvaluationSpec evaluation;
    NetworkSpec network;
    std::string sourceJson; // the file's text, stored with the trial for audit
    std::string baseDir;    // the folder relative paths were resolved against (resume parses sourceJson again)

    // The entry named `name`, or nullptr.
    [[nodiscard]] const StrategySpec *strategy(const std::string &name) const;
};

// The entry a plain strategy name makes in `trial`: named after the method, with the trial-wide selection and
// budget.
[[nodiscard]] StrategySpec plainStrategy(const TrialSpec &trial, SelectionStrategy method);

// Parses and validates a trial file. Relative paths are resolved against the file's folder; "${NAME}" in a
// path is replaced by the environment variable NAME (an unset variable is an error naming it).
// Data and model files are not opened here (the run checks them).
// Every range matches what the site protocol accepts (site.proto), so a valid trial never makes a request a
// site refuses.
// Errors: NotFound (no such trial file), BadFormat (not JSON, more than 4 MB, a number beyond a double; wrong
// type or unknown field, naming the JSON path), InvalidArgument (a required field missing; a value out of
// range, naming the field and the accepted range; an unknown strategy, scheme, module or aggregation;
// duplicate site or strategy names; a strategy entry that overrides a trial-wide field; no sites or no
// strategies; an unset environment variable; a site with
// an agent that also gives data, partition or max_samples_per_client; a site without agent and data;
// agent.insecure with a host that is not loopback; agent without ca unless insecure; client_cert without
// client_key or the reverse; evaluation.data without held_out_tasks).
Result<TrialSpec> readTrialFile(const std::string &path);
// The same from text; baseDir resolves relative paths and origin names the source in messages.
Result<TrialSpec> parseTrial(const std::string &json, const std::string &baseDir, const std::string &origin);

} // namespace fp::engine
