// The site messages' binary encoding: a 4-byte tag naming the message, then its fields in declaration order.
// One field list per message drives both the encoder and the decoder, so they cannot drift apart.
#include "fedpilot/engine/Site.h"

#include "WireFormat.h"

#include <type_traits>

namespace fp::engine {
namespace {

using detail::WireReader;
using detail::WireWriter;

struct Encoder {
    WireWriter out;
    template <typename T> void operator()(const char *, const T &value) {
        if constexpr (std::is_same_v<T, std::string>) {
            out.putString(value);
        } else if constexpr (std::is_same_v<T, Bytes>) {
            out.putBytes(value);
        } else if constexpr (std::is_same_v<T, bool>) {
            out.put(uint8_t(value ? 1 : 0));
        } else if constexpr (std::is_enum_v<T>) {
            out.put(int32_t(value));
        } else if constexpr (std::is_same_v<T, std::vector<int32_t>>) {
            out.put(uint32_t(value.size()));
            for (int32_t v : value) {
                out.put(v);
            }
        } else if constexpr (std::is_same_v<T, std::vector<Center>>) {
            out.put(uint32_t(value.size()));
            for (const Center &c : value) {
                out.put(c.clusterId);
                out.put(uint8_t(c.coordinates.size()));
                for (float v : c.coordinates) {
                    out.put(v);
                }
            }
        } else {
            static_assert(std::is_arithmetic_v<T>);
            out.put(value);
        }
    }
};

struct Decoder {
    WireReader in;
    template <typename T> void operator()(const char *field, T &value) {
        if constexpr (std::is_same_v<T, std::string>) {
            in.getString(value, field);
        } else if constexpr (std::is_same_v<T, Bytes>) {
            in.getBytes(value, field);
        } else if constexpr (std::is_same_v<T, bool>) {
            uint8_t b = 0;
            in.get(b, field);
            value = b != 0;
        } else if constexpr (std::is_enum_v<T>) {
            int32_t v = 0;
            in.get(v, field);
            value = T(v);
        } else if constexpr (std::is_same_v<T, std::vector<int32_t>>) {
            uint32_t n = 0;
            if (in.getCount(n, 4, field)) {
                value.resize(n);
                for (auto &v : value) {
                    in.get(v, field);
                }
            }
        } else if constexpr (std::is_same_v<T, std::vector<Center>>) {
            uint32_t n = 0;
            if (in.getCount(n, 5, field)) {
                value.resize(n);
                for (auto &c : value) {
                    uint8_t dims = 0;
                    in.get(c.clusterId, field);
                    in.get(dims, field);
                    c.coordinates.resize(dims);
                    for (float &v : c.coordinates) {
                        in.get(v, field);
                    }
                }
            }
        } else {
            in.get(value, field);
        }
    }
};

template <typename Io, typename M> void clusteringFields(Io &io, M &c) {
    io("clustering.min_cluster_size", c.minClusterSize);
    io("clustering.min_samples", c.minSamples);
    io("clustering.server_min_cluster_size", c.serverMinClusterSize);
    io("clustering.perplexity", c.perplexity);
    io("clustering.tsne_iterations", c.tsneIterations);
    io("clustering.dp_sigma", c.dpSigma);
    io("clustering.center_dims", c.centerDims);
    io("clustering.projection_seed", c.projectionSeed);
    io("clustering.seed", c.seed);
    io("clustering.threads", c.threads);
}

template <typename Io, typename M> void fields(Io &io, M &m) {
    using T = std::remove_const_t<M>;
    if constexpr (std::is_same_v<T, PrepareRequest>) {
        io("round", m.round), io("client", m.client), io("strategy", m.strategy);
        io("extract_features", m.extractFeatures);
        clusteringFields(io, m.clustering);
        io("feature_tokens", m.featureTokens), io("global_adapter", m.globalAdapter);
    } else if constexpr (std::is_same_v<T, PrepareReply>) {
        io("available", m.available), io("groups", m.groups), io("centers", m.centers);
        io("feature_seconds", m.featureSeconds), io("selection_seconds", m.selectionSeconds), io("note", m.note);
    } else if constexpr (std::is_same_v<T, TrainRequest>) {
        io("round", m.round), io("client", m.client), io("chosen_clusters", m.chosenClusters), io("count", m.count);
        io("local_epochs", m.localEpochs), io("learning_rate", m.learningRate), io("batch_size", m.batchSize);
        io("max_tokens", m.maxTokens), io("seed", m.seed);
    } else if constexpr (std::is_same_v<T, TrainReply>) {
        io("selected", m.selected), io("training_tokens", m.trainingTokens), io("steps", m.steps);
        io("skipped_steps", m.skippedSteps), io("train_loss", m.trainLoss);
        io("selection_seconds", m.selectionSeconds), io("training_seconds", m.trainingSeconds);
        io("status", m.status), io("adapter", m.adapter);
    } else if constexpr (std::is_same_v<T, EvaluateRequest>) {
        io("round", m.round), io("max_samples_per_task", m.maxSamplesPerTask), io("max_new_tokens", m.maxNewTokens);
        io("max_tokens", m.maxTokens), io("seed", m.seed), io("adapter", m.adapter);
    } else {
        static_assert(std::is_same_v<T, EvaluateReply>);
        io("samples", m.samples), io("rouge_l", m.rougeL), io("loss", m.loss), io("seconds", m.seconds);
    }
}

template <typename M> constexpr uint32_t tagOf() {
    if constexpr (std::is_same_v<M, PrepareRequest>) {
        return 0x31525046; // "FPR1"
    } else if constexpr (std::is_same_v<M, PrepareReply>) {
        return 0x31505046; // "FPP1"
    } else if constexpr (std::is_same_v<M, TrainRequest>) {
        return 0x31545046; // "FPT1"
    } else if constexpr (std::is_same_v<M, TrainReply>) {
        return 0x31555046; // "FPU1"
    } else if constexpr (std::is_same_v<M, EvaluateRequest>) {
        return 0x31455046; // "FPE1"
    } else {
        return 0x31565046; // "FPV1"
    }
}

template <typename M> Bytes encodeMessage(const M &message) {
    Encoder encoder;
    encoder.out.put(tagOf<M>());
    fields(encoder, message);
    return encoder.out.take();
}

template <typename M>
Result<M> decodeMessage(std::span<const std::byte> bytes, const char *name, const std::string &origin) {
    Decoder decoder{WireReader(bytes, std::string(name) + " from " + origin)};
    uint32_t tag = 0;
    decoder.in.get(tag, "tag");
    if (auto ok = decoder.in.finish(); !ok && bytes.size() < 4) {
        return std::unexpected(ok.error());
    }
    if (tag != tagOf<M>()) {
        return fail(ErrorCode::BadFormat, std::string(name) + " from " + origin + ": not a " + name +
                                              " message (wrong tag; mismatched fedpilot versions?)");
    }
    M message;
    fields(decoder, message);
    if (auto ok = decoder.in.finish(); !ok) {
        return std::unexpected(ok.error());
    }
    return message;
}

} // namespace

Bytes encode(const PrepareRequest &message) { return encodeMessage(message); }
Bytes encode(const PrepareReply &message) { return encodeMessage(message); }
Bytes encode(const TrainRequest &message) { return encodeMessage(message); }
Bytes encode(const TrainReply &message) { return encodeMessage(message); }
Bytes encode(const EvaluateRequest &message) { return encodeMessage(message); }
Bytes encode(const EvaluateReply &message) { return encodeMessage(message); }

Result<PrepareRequest> decodePrepareRequest(std::span<const std::byte> bytes, const std::string &origin) {
    auto request = decodeMessage<PrepareRequest>(bytes, "prepare request", origin);
    if (request && (int(request->strategy) < 0 || int(request->strategy) > int(SelectionStrategy::FullData))) {
        return fail(ErrorCode::BadFormat, "prepare request from " + origin + ": strategy: unknown value " +
                                              std::to_string(int(request->strategy)));
    }
    return request;
}
Result<PrepareReply> decodePrepareReply(std::span<const std::byte> bytes, const std::string &origin) {
    return decodeMessage<PrepareReply>(bytes, "prepare reply", origin);
}
Result<TrainRequest> decodeTrainRequest(std::span<const std::byte> bytes, const std::string &origin) {
    return decodeMessage<TrainRequest>(bytes, "train request", origin);
}
Result<TrainReply> decodeTrainReply(std::span<const std::byte> bytes, const std::string &origin) {
    return decodeMessage<TrainReply>(bytes, "train reply", origin);
}
Result<EvaluateRequest> decodeEvaluateRequest(std::span<const std::byte> bytes, const std::string &origin) {
    return decodeMessage<EvaluateRequest>(bytes, "evaluate request", origin);
}
Result<EvaluateReply> decodeEvaluateReply(std::span<const std::byte> bytes, const std::string &origin) {
    return decodeMessage<EvaluateReply>(bytes, "evaluate reply", origin);
}

} // namespace fp::engine
