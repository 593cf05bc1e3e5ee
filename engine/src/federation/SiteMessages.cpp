// The site messages as protobuf (proto/fedpilot/v1/site.proto): the engine's plain structs (Site.h) on one side,
// the serialized bytes that LocalSite and a remote agent exchange on the other. Decoding parses, then checks
// every field against its documented range before anything uses it, and names the message, the field and who
// sent it.
#include "fedpilot/engine/Site.h"

#include "fedpilot/engine/CenterCodes.h"
#include "fedpilot/engine/Sha256.h"
#include "fedpilot/v1/site.pb.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace fp::engine {
namespace {

namespace pb = fedpilot::v1;

template <typename P> Bytes serialize(const P &message) {
    Bytes bytes(message.ByteSizeLong());
    if (!bytes.empty()) {
        message.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t *>(bytes.data()));
    }
    return bytes;
}

// Collects the first range violation of a decoded message.
class Checker {
public:
    explicit Checker(std::string message) : m_message(std::move(message)) {}

    template <typename T> void range(const char *field, T value, T low, T high) {
        if (m_error.empty() && (value < low || value > high)) {
            m_error =
                std::string(field) + ": " + show(value) + " is out of range [" + show(low) + ", " + show(high) + "]";
        }
    }
    void finite(const char *field, double value) {
        if (m_error.empty() && !std::isfinite(value)) {
            m_error = std::string(field) + ": not a finite number";
        }
    }
    void require(bool ok, const std::string &problem) {
        if (m_error.empty() && !ok) {
            m_error = problem;
        }
    }
    [[nodiscard]] bool ok() const { return m_error.empty(); }
    [[nodiscard]] Result<void> result() const {
        if (m_error.empty()) {
            return {};
        }
        return fail(ErrorCode::BadFormat, m_message + ": " + m_error);
    }

private:
    template <typename T> static std::string show(T value) {
        if constexpr (std::is_floating_point_v<T>) {
            char text[32];
            std::snprintf(text, sizeof text, "%g", double(value));
            return text;
        } else {
            return std::to_string(value);
        }
    }
    std::string m_message;
    std::string m_error;
};

constexpr int64_t kMaxCount = int64_t(1) << 40;
constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxNoteBytes = 4096;
constexpr int kMaxCenters = 1 << 20;
constexpr int kMaxCenterDims = 64;

void setAdapter(pb::Adapter *out, const Bytes &safetensors) {
    out->set_safetensors(safetensors.data(), safetensors.size());
    Sha256 hash;
    hash.update(safetensors);
    const auto digest = hash.finish();
    out->set_sha256(digest.data(), digest.size());
}

// An adapter field: empty stays empty; else the bytes must match their SHA-256.
void readAdapter(Checker &check, const char *field, bool present, const pb::Adapter &in, Bytes &out) {
    if (!present || (in.safetensors().empty() && in.sha256().empty())) {
        out.clear();
        return;
    }
    Sha256 hash;
    hash.update(std::as_bytes(std::span(in.safetensors().data(), in.safetensors().size())));
    const auto digest = hash.finish();
    check.require(in.sha256().size() == digest.size() &&
                      std::memcmp(in.sha256().data(), digest.data(), digest.size()) == 0,
                  std::string(field) + ": the adapter bytes do not match their SHA-256 (corrupted in transit?)");
    const auto *p = reinterpret_cast<const std::byte *>(in.safetensors().data());
    out.assign(p, p + in.safetensors().size());
}

// Centers travel packed (site.proto, CenterSet): 8-bit codes of one scale; ids only when they are not 0..n-1.
void setCenters(pb::CenterSet *out, const std::vector<Center> &centers) {
    std::vector<std::vector<float>> coordinates;
    bool implicitIds = true;
    for (size_t i = 0; i < centers.size(); ++i) {
        coordinates.push_back(centers[i].coordinates);
        implicitIds = implicitIds && centers[i].clusterId == int32_t(i) &&
                      centers[i].coordinates.size() == centers.front().coordinates.size();
    }
    const auto packed = quantiseCenters(coordinates);
    out->set_dims(packed.dims);
    out->set_scale(packed.scale);
    out->set_codes(reinterpret_cast<const char *>(packed.codes.data()), packed.codes.size());
    if (!implicitIds) { // also when lengths differ, so that the receiver can tell the codes do not add up
        for (const auto &c : centers) {
            out->add_ids(uint32_t(c.clusterId));
        }
    }
}

// Checks a CenterSet against site.proto's rules before decoding a single code; sizes come from the bytes received.
void readCenters(Checker &check, const pb::CenterSet &in, int32_t groups, std::vector<Center> &out) {
    const auto &codes = in.codes();
    check.range("centers.dims", in.dims(), uint32_t(1), uint32_t(kMaxCenterDims));
    check.finite("centers.scale", in.scale());
    check.range("centers.scale", in.scale(), 0.0f, std::numeric_limits<float>::max());
    check.require(!codes.empty(), "centers.codes: empty (a center set holds at least one center)");
    if (!check.ok()) {
        return;
    }
    const size_t dims = in.dims();
    const size_t count = in.ids_size() > 0 ? size_t(in.ids_size()) : codes.size() / dims;
    check.range("centers", count, size_t(1), size_t(kMaxCenters));
    check.require(in.ids_size() > 0 || codes.size() % dims == 0, "centers.codes: " + std::to_string(codes.size()) +
                                                                     " bytes are not a whole number of centers of " +
                                                                     std::to_string(dims) + " dims");
    check.require(codes.size() == count * dims, "centers.codes: " + std::to_string(codes.size()) + " bytes where " +
                                                    std::to_string(count) + " centers of " + std::to_string(dims) +
                                                    " dims need " + std::to_string(count * dims));
    check.require(count == size_t(std::max(groups, 0)),
                  "centers: " + std::to_string(count) + " centers where groups is " + std::to_string(groups));
    for (uint32_t id : in.ids()) {
        check.range("centers.ids", id, uint32_t(0), uint32_t(kMaxCenters));
    }
    std::vector<uint32_t> ids(in.ids().begin(), in.ids().end());
    std::sort(ids.begin(), ids.end());
    check.require(std::adjacent_find(ids.begin(), ids.end()) == ids.end(), "centers.ids: an id appears twice");
    check.require(std::none_of(codes.begin(), codes.end(), [](char c) { return int8_t(c) < -kCenterCodeMax; }),
                  "centers.codes: -128 is not a code (codes are in [-127, 127])");
    if (!check.ok()) {
        return;
    }
    for (size_t i = 0; i < count; ++i) {
        Center center;
        center.clusterId = in.ids_size() > 0 ? int32_t(in.ids(int(i))) : int32_t(i);
        for (size_t k = 0; k < dims; ++k) {
            const float v = centerValue(int8_t(codes[i * dims + k]), in.scale());
            check.finite("centers.codes", v); // cannot fail for a finite scale; kept as the last line of defence
            center.coordinates.push_back(v);
        }
        out.push_back(std::move(center));
    }
}

template <typename P> Result<P> parse(std::span<const std::byte> bytes, const std::string &what) {
    P message;
    if (bytes.size() > size_t(std::numeric_limits<int>::max()) ||
        !message.ParseFromArray(bytes.data(), int(bytes.size()))) {
        return fail(ErrorCode::BadFormat, what + ": not a valid message (" + std::to_string(bytes.size()) +
                                              " bytes; truncated, or mismatched fedpilot versions?)");
    }
    return message;
}

template <typename P> void setTruncation(P &out, Truncation truncation) {
    out.set_truncation(truncation == Truncation::Reference ? pb::TRUNCATION_REFERENCE : pb::TRUNCATION_PROMPT_START);
}

Truncation readTruncation(Checker &check, pb::Truncation in) {
    check.range("truncation", int(in), 0, 1);
    return in == pb::TRUNCATION_REFERENCE ? Truncation::Reference : Truncation::PromptStart;
}

// The proto enum's values are the engine enum's, in order (site.proto).
template <typename P> void setPromptTemplate(P &out, PromptTemplate promptTemplate) {
    out.set_prompt_template(pb::PromptTemplate(int(promptTemplate)));
}

PromptTemplate readPromptTemplate(Checker &check, pb::PromptTemplate in) {
    check.range("prompt_template", int(in), 0, 2);
    return int(in) >= 0 && int(in) <= 2 ? PromptTemplate(int(in)) : PromptTemplate::Alpaca;
}

void checkName(Checker &check, const char *field, const std::string &name) {
    check.require(!name.empty() && name.size() <= kMaxNameBytes, std::string(field) + ": expected 1 to " +
                                                                     std::to_string(kMaxNameBytes) + " bytes, got " +
                                                                     std::to_string(name.size()));
}

pb::Strategy toProto(SelectionStrategy strategy) {
    switch (strategy) {
    case SelectionStrategy::FedHds: return pb::STRATEGY_FEDHDS;
    case SelectionStrategy::FedHdsIntraOnly: return pb::STRATEGY_FEDHDS_INTRA;
    case SelectionStrategy::Random: return pb::STRATEGY_RANDOM;
    case SelectionStrategy::FullData: return pb::STRATEGY_FULL;
    }
    return pb::STRATEGY_FEDHDS;
}

} // namespace

Bytes encode(const PrepareRequest &m) {
    pb::PrepareRequest out;
    out.set_round(m.round);
    out.set_client(m.client);
    out.set_strategy(toProto(m.strategy));
    out.set_extract_features(m.extractFeatures);
    auto *c = out.mutable_clustering();
    c->set_min_cluster_size(m.clustering.minClusterSize);
    c->set_min_samples(m.clustering.minSamples);
    c->set_server_min_cluster_size(m.clustering.serverMinClusterSize);
    c->set_perplexity(m.clustering.perplexity);
    c->set_tsne_iterations(m.clustering.tsneIterations);
    c->set_dp_sigma(m.clustering.dpSigma);
    c->set_center_dims(m.clustering.centerDims);
    c->set_projection_seed(m.clustering.projectionSeed);
    c->set_seed(m.clustering.seed);
    c->set_threads(m.clustering.threads);
    c->set_hdbscan(m.clustering.hdbscanSemantics == HdbscanSemantics::PythonHdbscan ? pb::HDBSCAN_PYTHON_HDBSCAN
                                                                                    : pb::HDBSCAN_R_DBSCAN);
    out.set_feature_tokens(m.featureTokens);
    setTruncation(out, m.truncation);
    setPromptTemplate(out, m.promptTemplate);
    setAdapter(out.mutable_global_adapter(), m.globalAdapter);
    return serialize(out);
}

Result<PrepareRequest> decodePrepareRequest(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "prepare request from " + origin;
    auto in = parse<pb::PrepareRequest>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    PrepareRequest m;
    m.round = in->round();
    check.range("round", m.round, 1, 1000000);
    m.client = in->client();
    checkName(check, "client", m.client);
    switch (in->strategy()) {
    case pb::STRATEGY_FEDHDS: m.strategy = SelectionStrategy::FedHds; break;
    case pb::STRATEGY_FEDHDS_INTRA: m.strategy = SelectionStrategy::FedHdsIntraOnly; break;
    case pb::STRATEGY_RANDOM: m.strategy = SelectionStrategy::Random; break;
    case pb::STRATEGY_FULL: m.strategy = SelectionStrategy::FullData; break;
    default: check.require(false, "strategy: unknown value " + std::to_string(int(in->strategy())));
    }
    m.extractFeatures = in->extract_features();
    const auto &c = in->clustering();
    m.clustering.minClusterSize = c.min_cluster_size();
    check.range("clustering.min_cluster_size", m.clustering.minClusterSize, 2, 1000);
    m.clustering.minSamples = c.min_samples();
    check.range("clustering.min_samples", m.clustering.minSamples, 0, 1000);
    m.clustering.serverMinClusterSize = c.server_min_cluster_size();
    check.range("clustering.server_min_cluster_size", m.clustering.serverMinClusterSize, 2, 1000);
    m.clustering.perplexity = c.perplexity();
    check.finite("clustering.perplexity", m.clustering.perplexity);
    check.range("clustering.perplexity", m.clustering.perplexity, 1e-3, 1000.0);
    m.clustering.tsneIterations = c.tsne_iterations();
    check.range("clustering.tsne_iterations", m.clustering.tsneIterations, 1, 100000);
    m.clustering.dpSigma = c.dp_sigma();
    check.finite("clustering.dp_sigma", m.clustering.dpSigma);
    check.range("clustering.dp_sigma", m.clustering.dpSigma, 0.0, 1000.0);
    m.clustering.centerDims = c.center_dims();
    check.range("clustering.center_dims", m.clustering.centerDims, 0, kMaxCenterDims);
    m.clustering.projectionSeed = c.projection_seed();
    m.clustering.seed = c.seed();
    m.clustering.threads = c.threads();
    check.range("clustering.threads", m.clustering.threads, 0, 1024);
    check.range("clustering.hdbscan", int(c.hdbscan()), 0, 1);
    m.clustering.hdbscanSemantics =
        c.hdbscan() == pb::HDBSCAN_PYTHON_HDBSCAN ? HdbscanSemantics::PythonHdbscan : HdbscanSemantics::RDbscan;
    m.featureTokens = in->feature_tokens();
    check.range("feature_tokens", m.featureTokens, 2, 32768);
    m.truncation = readTruncation(check, in->truncation());
    m.promptTemplate = readPromptTemplate(check, in->prompt_template());
    readAdapter(check, "global_adapter", in->has_global_adapter(), in->global_adapter(), m.globalAdapter);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const PrepareReply &m) {
    pb::PrepareReply out;
    out.set_available(m.available);
    out.set_groups(m.groups);
    if (!m.centers.empty()) {
        setCenters(out.mutable_centers(), m.centers);
    }
    out.set_feature_seconds(m.featureSeconds);
    out.set_selection_seconds(m.selectionSeconds);
    out.set_note(m.note);
    return serialize(out);
}

Result<PrepareReply> decodePrepareReply(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "prepare reply from " + origin;
    auto in = parse<pb::PrepareReply>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    PrepareReply m;
    m.available = in->available();
    check.range("available", m.available, int64_t(0), kMaxCount);
    m.groups = in->groups();
    check.range("groups", m.groups, 0, kMaxCenters);
    if (in->has_centers()) {
        readCenters(check, in->centers(), m.groups, m.centers);
    }
    m.featureSeconds = in->feature_seconds();
    check.finite("feature_seconds", m.featureSeconds);
    m.selectionSeconds = in->selection_seconds();
    check.finite("selection_seconds", m.selectionSeconds);
    m.note = in->note();
    check.range("note", m.note.size(), size_t(0), kMaxNoteBytes);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const TrainRequest &m) {
    pb::TrainRequest out;
    out.set_round(m.round);
    out.set_client(m.client);
    for (int32_t id : m.chosenClusters) {
        out.add_chosen_clusters(id);
    }
    out.set_count(m.count);
    out.set_local_epochs(m.localEpochs);
    out.set_learning_rate(m.learningRate);
    out.set_batch_size(m.batchSize);
    out.set_max_tokens(m.maxTokens);
    setTruncation(out, m.truncation);
    setPromptTemplate(out, m.promptTemplate);
    out.set_seed(m.seed);
    return serialize(out);
}

Result<TrainRequest> decodeTrainRequest(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "train request from " + origin;
    auto in = parse<pb::TrainRequest>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    TrainRequest m;
    m.round = in->round();
    check.range("round", m.round, 1, 1000000);
    m.client = in->client();
    checkName(check, "client", m.client);
    check.range("chosen_clusters", in->chosen_clusters_size(), 0, kMaxCenters);
    for (int32_t id : in->chosen_clusters()) {
        check.range("chosen_clusters", id, 0, kMaxCenters);
    }
    m.chosenClusters.assign(in->chosen_clusters().begin(), in->chosen_clusters().end());
    m.count = in->count();
    check.range("count", m.count, int64_t(0), kMaxCount);
    m.localEpochs = in->local_epochs();
    check.range("local_epochs", m.localEpochs, 1, 100);
    m.learningRate = in->learning_rate();
    check.finite("learning_rate", m.learningRate);
    check.range("learning_rate", m.learningRate, 1e-12f, 1.0f);
    m.batchSize = in->batch_size();
    check.range("batch_size", m.batchSize, 1, 1024);
    m.maxTokens = in->max_tokens();
    check.range("max_tokens", m.maxTokens, 2, 32768);
    m.truncation = readTruncation(check, in->truncation());
    m.promptTemplate = readPromptTemplate(check, in->prompt_template());
    m.seed = in->seed();
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const TrainReply &m) {
    pb::TrainReply out;
    out.set_selected(m.selected);
    out.set_training_tokens(m.trainingTokens);
    out.set_steps(m.steps);
    out.set_skipped_steps(m.skippedSteps);
    out.set_train_loss(m.trainLoss);
    out.set_selection_seconds(m.selectionSeconds);
    out.set_training_seconds(m.trainingSeconds);
    out.set_status(m.status);
    if (!m.adapter.empty()) {
        setAdapter(out.mutable_adapter(), m.adapter);
    }
    return serialize(out);
}

Result<TrainReply> decodeTrainReply(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "train reply from " + origin;
    auto in = parse<pb::TrainReply>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    TrainReply m;
    m.selected = in->selected();
    check.range("selected", m.selected, int64_t(0), kMaxCount);
    m.trainingTokens = in->training_tokens();
    check.range("training_tokens", m.trainingTokens, int64_t(0), kMaxCount);
    m.steps = in->steps();
    check.range("steps", m.steps, int64_t(0), kMaxCount);
    m.skippedSteps = in->skipped_steps();
    check.range("skipped_steps", m.skippedSteps, int64_t(0), kMaxCount);
    m.trainLoss = in->train_loss(); // may be NaN when every step was skipped; the coordinator records it
    m.selectionSeconds = in->selection_seconds();
    check.finite("selection_seconds", m.selectionSeconds);
    m.trainingSeconds = in->training_seconds();
    check.finite("training_seconds", m.trainingSeconds);
    m.status = in->status();
    check.range("status", m.status.size(), size_t(0), kMaxNoteBytes);
    readAdapter(check, "adapter", in->has_adapter(), in->adapter(), m.adapter);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const EvaluateRequest &m) {
    pb::EvaluateRequest out;
    out.set_round(m.round);
    out.set_max_samples_per_task(m.maxSamplesPerTask);
    out.set_max_new_tokens(m.maxNewTokens);
    out.set_max_tokens(m.maxTokens);
    setTruncation(out, m.truncation);
    setPromptTemplate(out, m.promptTemplate);
    out.set_seed(m.seed);
    out.set_rouge(m.rouge == RougeVariant::Pltrdy ? pb::ROUGE_PLTRDY : pb::ROUGE_SCORE);
    out.set_sampling(m.sampling == EvaluationSampling::Reference ? pb::SAMPLING_REFERENCE : pb::SAMPLING_FIXED);
    setAdapter(out.mutable_adapter(), m.adapter);
    return serialize(out);
}

Result<EvaluateRequest> decodeEvaluateRequest(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "evaluate request from " + origin;
    auto in = parse<pb::EvaluateRequest>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    EvaluateRequest m;
    m.round = in->round();
    check.range("round", m.round, 1, 1000000);
    m.maxSamplesPerTask = in->max_samples_per_task();
    check.range("max_samples_per_task", m.maxSamplesPerTask, 0, 100000);
    m.maxNewTokens = in->max_new_tokens();
    check.range("max_new_tokens", m.maxNewTokens, 1, 4096);
    m.maxTokens = in->max_tokens();
    check.range("max_tokens", m.maxTokens, 2, 32768);
    m.truncation = readTruncation(check, in->truncation());
    m.promptTemplate = readPromptTemplate(check, in->prompt_template());
    m.seed = in->seed();
    check.range("rouge", int(in->rouge()), 0, 1);
    m.rouge = in->rouge() == pb::ROUGE_PLTRDY ? RougeVariant::Pltrdy : RougeVariant::RougeScore;
    check.range("sampling", int(in->sampling()), 0, 1);
    m.sampling = in->sampling() == pb::SAMPLING_REFERENCE ? EvaluationSampling::Reference : EvaluationSampling::Fixed;
    readAdapter(check, "adapter", in->has_adapter(), in->adapter(), m.adapter);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const EvaluateReply &m) {
    pb::EvaluateReply out;
    out.set_samples(m.samples);
    out.set_rouge_l(m.rougeL);
    out.set_loss(m.loss);
    out.set_seconds(m.seconds);
    return serialize(out);
}

Result<EvaluateReply> decodeEvaluateReply(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "evaluate reply from " + origin;
    auto in = parse<pb::EvaluateReply>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    EvaluateReply m;
    m.samples = in->samples();
    check.range("samples", m.samples, int64_t(0), kMaxCount);
    m.rougeL = in->rouge_l();
    check.range("rouge_l", m.rougeL, 0.0, 1.0);
    m.loss = in->loss(); // NaN when no sample had a response token
    m.seconds = in->seconds();
    check.finite("seconds", m.seconds);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

Bytes encode(const SiteInventory &m) {
    pb::InventoryReply out;
    for (const auto &client : m.clients) {
        auto *c = out.add_clients();
        c->set_name(client.name);
        c->set_samples(client.samples);
    }
    out.set_held_out_samples(m.heldOutSamples);
    return serialize(out);
}

Result<SiteInventory> decodeInventory(std::span<const std::byte> bytes, const std::string &origin) {
    const std::string what = "inventory from " + origin;
    auto in = parse<pb::InventoryReply>(bytes, what);
    if (!in) {
        return std::unexpected(in.error());
    }
    Checker check(what);
    SiteInventory m;
    check.range("clients", in->clients_size(), 0, 10000000);
    for (const auto &c : in->clients()) {
        checkName(check, "clients.name", c.name());
        check.range("clients.samples", c.samples(), int64_t(0), kMaxCount);
        m.clients.push_back({c.name(), c.samples()});
    }
    m.heldOutSamples = in->held_out_samples();
    check.range("held_out_samples", m.heldOutSamples, int64_t(0), kMaxCount);
    if (auto ok = check.result(); !ok) {
        return std::unexpected(ok.error());
    }
    return m;
}

} // namespace fp::engine
