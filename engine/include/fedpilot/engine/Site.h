#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"
#include "fedpilot/engine/Rouge.h"
#include "fedpilot/engine/RunRecords.h"
#include "fedpilot/engine/Selection.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// A site hosts clients next to their private data. The coordinator talks to a site only through encoded
// messages (the bytes below: the protobuf messages of proto/fedpilot/v1/site.proto), so that communication is
// accounted from real serialized sizes, in-process (LocalSite) exactly as over the network (RemoteSite sends the
// same bytes to a fedpilot-agent, which hands them to its own LocalSite).
namespace fp::engine {

using Bytes = std::vector<std::byte>;

struct ClientRef {
    std::string name;
    int64_t samples = 0; // local training samples
};

struct SiteInventory {
    std::vector<ClientRef> clients;
    int64_t heldOutSamples = 0; // samples of held-out tasks the site keeps for federated evaluation
};

// Coordinator -> client, first message of a round: the plan and the global adapter (safetensors bytes).
// Which side of a training or feature sequence longer than its window is lost (trial key model.truncation).
enum class Truncation {
    PromptStart, // BOS kept; the start of the prompt goes first, then the end of the response. Features: BOS +
                 // the last tokens
    Reference,   // the reference code's Hugging Face tokenizer (truncation=True, truncation side "right"): the
                 // first tokens are kept, so the end of the response goes first, then the end of the prompt
};

struct PrepareRequest {
    int round = 0;
    std::string client;
    SelectionStrategy strategy = SelectionStrategy::FedHds;
    bool extractFeatures = true;  // false for strategies that need no features (full data, budgeted random)
    ClusteringOptions clustering; // seed already derived for this client and round
    int featureTokens = 256;
    Truncation truncation = Truncation::PromptStart;
    PromptTemplate promptTemplate = PromptTemplate::Alpaca;
    Bytes globalAdapter;
};

struct Center {
    int32_t clusterId = 0;
    // ClusteringOptions::centerDims values (2: the client's t-SNE map). They travel as 8-bit codes (CenterCodes.h):
    // a decoded reply holds the quantised values, the same for a simulated and a remote site.
    std::vector<float> coordinates;
};

// Client -> coordinator: what it has and the centers of its groups. No sample, token or feature leaves.
struct PrepareReply {
    int64_t available = 0;
    int32_t groups = 0;
    std::vector<Center> centers;
    double featureSeconds = 0.0;
    double selectionSeconds = 0.0;
    std::string note; // a warning for the audit trail (e.g. "clustering fell back to one group: ...")
};

// Coordinator -> client: which groups to take (FedHDS variants, in any order: the client takes larger groups
// first) and how many samples at most (the budget; for Random and full data, exactly that many).
struct TrainRequest {
    int round = 0;
    std::string client;
    std::vector<int32_t> chosenClusters;
    int64_t count = 0;
    int localEpochs = 1;
    float learningRate = 3e-4f;
    int batchSize = 1;
    int maxTokens = 256;
    Truncation truncation = Truncation::PromptStart;
    PromptTemplate promptTemplate = PromptTemplate::Alpaca;
    uint64_t seed = 0; // coreset order, batches and LoRA dropout
};

// Client -> coordinator: the trained adapter (safetensors bytes; empty when it did not train) and its counts.
struct TrainReply {
    int64_t selected = 0;
    int64_t trainingTokens = 0;
    int64_t steps = 0;
    int64_t skippedSteps = 0;
    double trainLoss = 0.0;
    double selectionSeconds = 0.0; // picking the coreset
    double trainingSeconds = 0.0;
    std::string status; // "trained", "skipped: ..."
    Bytes adapter;
};

// How many held-out samples of one task are evaluated (trial key evaluation.samples_per_task).
enum class EvaluationSampling {
    Fixed,     // up to maxSamplesPerTask (0: all)
    Reference, // the paper's reference code: all of n <= 20 samples, else max(20, floor(0.02 * n))
};

// The number of a task's `available` held-out samples that are evaluated under `rule`; maxPerTask counts only
// for Fixed. Never more than `available`.
[[nodiscard]] size_t evaluationSampleCount(EvaluationSampling rule, int maxPerTask, size_t available);

// Coordinator -> site: evaluate an adapter on the site's own held-out data.
struct EvaluateRequest {
    int round = 0;
    EvaluationSampling sampling = EvaluationSampling::Fixed;
    int maxSamplesPerTask = 20; // only for EvaluationSampling::Fixed
    int maxNewTokens = 128;
    int maxTokens = 256;
    Truncation truncation = Truncation::PromptStart; // of the generation prompts and the loss sequences
    PromptTemplate promptTemplate = PromptTemplate::Alpaca;
    uint64_t seed = 0;
    RougeVariant rouge = RougeVariant::RougeScore;
    Bytes adapter;
};

struct EvaluateReply {
    int64_t samples = 0;
    double rougeL = 0.0; // mean over samples
    double loss = 0.0;   // mean response cross-entropy
    double seconds = 0.0;
};

// Encoders and decoders (protobuf, site.proto). Adapters travel with their SHA-256. Decoding checks the bytes
// parse, every numeric field against its range (site.proto's comments), names and notes against their size
// limits, and an adapter against its SHA-256; errors are BadFormat naming the message, the field and origin
// (who sent it). Shapes of adapter tensors are checked by whoever applies them (LanguageModel::setAdapterTensors).
Bytes encode(const PrepareRequest &message);
Bytes encode(const PrepareReply &message);
Bytes encode(const TrainRequest &message);
Bytes encode(const TrainReply &message);
Bytes encode(const EvaluateRequest &message);
Bytes encode(const EvaluateReply &message);
Result<PrepareRequest> decodePrepareRequest(std::span<const std::byte> bytes, const std::string &origin);
Result<PrepareReply> decodePrepareReply(std::span<const std::byte> bytes, const std::string &origin);
Result<TrainRequest> decodeTrainRequest(std::span<const std::byte> bytes, const std::string &origin);
Result<TrainReply> decodeTrainReply(std::span<const std::byte> bytes, const std::string &origin);
Result<EvaluateRequest> decodeEvaluateRequest(std::span<const std::byte> bytes, const std::string &origin);
Result<EvaluateReply> decodeEvaluateReply(std::span<const std::byte> bytes, const std::string &origin);
Bytes encode(const SiteInventory &message);
Result<SiteInventory> decodeInventory(std::span<const std::byte> bytes, const std::string &origin);

// What the coordinator calls. One call at a time; each takes and returns encoded messages. A site keeps
// what a client computed in prepare (its groups) until that client's train call of the same round.
class Site {
public:
    virtual ~Site() = default;
    [[nodiscard]] virtual const std::string &name() const = 0;
    virtual Result<SiteInventory> inventory() = 0;
    virtual Result<Bytes> prepare(std::span<const std::byte> request) = 0;
    virtual Result<Bytes> train(std::span<const std::byte> request) = 0;
    virtual Result<Bytes> evaluate(std::span<const std::byte> request) = 0;

    // The client's 2-D map of `round` (its samples' t-SNE coordinates, groups and coreset) after its train call of
    // that round, once; nullopt when the site has none to give. Not a message: only a site whose clients run in
    // this process can answer (LocalSite::keepClientMaps), and a remote site's samples never leave it, so the
    // default has nothing.
    virtual std::optional<std::vector<MapPoint>> takeClientMap(int round, const std::string &client) {
        (void)round;
        (void)client;
        return std::nullopt;
    }
};

} // namespace fp::engine
