// fp_bench_engine: times the engine's LoRA training step, greedy KV-cache generation, feature extraction and
// the machine's matmul rate, and prints ONE JSON line per run. tests/bench/llama_peer.py does the same work in
// plain PyTorch and prints the same fields; tests/bench/bench_engine.py runs both and compares them.
//
//   fp_bench_engine --mode matmul [--threads K]
//   fp_bench_engine --mode attention [--seq-len T] [--steps N] [--threads K]
//       causal attention forward + backward at stories260K's head shape (8 heads of 8, 4 kv heads): the
//       engine's fused kernel against the LibTorch formulation, ms per call and their largest difference.
//   fp_bench_engine --mode train (--model FILE | --random dim=384,layers=6,...) [--seq-len T] [--batch B]
//                   [--steps N] [--warmup W] [--threads K]
//   fp_bench_engine --mode generate --model FILE [--new-tokens N] [--steps N] [--warmup W] [--threads K]
//                   [--backend auto|torch]    (torch: the LibTorch decoding path instead of the CPU decoder)
//   fp_bench_engine --mode features --model FILE --data TASK.json [--feature-tokens 128] [--steps N] [--warmup W]
//                   [--sequences-out FILE] [--check-rows R] [--threads K] [--backend auto|torch] [--lora]
//       the product's feature extraction (federation/ClientWork: featureSequences + lastTokenFeatures in
//       batches of 16) over every sample of one instruction file; --sequences-out writes the token sequences
//       as a JSON list of lists for llama_peer.py, --check-rows prints the first R feature rows (-1: all);
//       --backend torch: LibTorch's forward instead of the CPU feature extractor; --lora: with LoRA adapters
//       attached (zero B, as the first round), as a client's model holds them.
//
// Plain C++ on purpose (no Qt): it builds in engine-only configurations too.

#include "CommandLine.h"
#include "federation/ClientWork.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/LoraTrainer.h"
#include "fedpilot/engine/Runtime.h"
#include "model/CausalAttention.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace fp::engine;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string mode;
    std::string model;  // llama2.c file or Hugging Face directory
    std::string random; // "dim=384,layers=6,heads=6,kv=6,hidden=1024,vocab=32000,seq=256"
    int seqLen = 256;
    int batch = 1;
    int steps = 5;
    int warmup = 1;
    int threads = 0;
    int newTokens = 256;
    std::string data;         // --mode features: an instruction file (NI-v1 task, JSONL, ...)
    std::string sequencesOut; // --mode features: where to write the token sequences (empty: nowhere)
    int featureTokens = 128;  // like the demo trial's feature_tokens
    int checkRows = 4;        // feature rows printed for a correctness comparison; -1: all
    bool lora = false;        // --mode features: attach LoRA adapters first, as a FedHDS client's model has them
    uint64_t seed = 1234;
    GenerationOptions::Backend backend = GenerationOptions::Backend::Auto;
};

[[noreturn]] void die(const std::string &message) {
    std::fprintf(stderr, "fp_bench_engine: %s\n", message.c_str());
    std::exit(2);
}

int toInt(const std::string &flag, const std::string &value) {
    try {
        size_t used = 0;
        const int n = std::stoi(value, &used);
        if (used == value.size()) {
            return n;
        }
    } catch (const std::exception &) {
    }
    die(flag + " expects an integer, got '" + value + "'");
}

Options parseArgs(int argc, char **argv) {
    Options o;
    fp::app::CommandLine cli("fp_bench_engine", "Times the engine (training, generation, features, attention, "
                                                "matmul) for tests/bench/bench_engine.py.");
    const auto positive = fp::app::integerFrom(1, 1 << 30);
    cli.add_option("--mode", o.mode, "train, generate, features, attention or matmul")->required();
    cli.add_option("--model", o.model, "llama2.c file or Hugging Face folder");
    cli.add_option("--random", o.random,
                   "a random model: dim=384,layers=6,heads=6,kv=6,hidden=1024,vocab=32000,seq=256");
    cli.add_option("--seq-len", o.seqLen, "tokens per sequence")->check(fp::app::integerFrom(2, 1 << 30));
    cli.add_option("--batch", o.batch, "sequences per step")->check(positive);
    cli.add_option("--steps", o.steps, "timed steps")->check(positive);
    cli.add_option("--warmup", o.warmup, "untimed steps first")->check(fp::app::integerFrom(0, 1 << 30));
    cli.add_option("--threads", o.threads, "intra-op threads")->check(fp::app::integerFrom(0, 1024));
    cli.add_option("--new-tokens", o.newTokens, "generate: tokens to generate")->check(positive);
    cli.add_option("--data", o.data, "features: an instruction file");
    cli.add_option("--sequences-out", o.sequencesOut, "features: write the token sequences here");
    cli.add_option("--feature-tokens", o.featureTokens, "features: tokens per sample")
        ->check(fp::app::integerFrom(2, 1 << 30));
    cli.add_flag("--lora", o.lora, "features: attach LoRA adapters (default config) first, as clients do");
    cli.add_option("--check-rows", o.checkRows, "features: rows printed for comparison (-1: all)")
        ->check(fp::app::integerFrom(-1, 1 << 30));
    cli.add_option("--seed", o.seed, "seed")->check(fp::app::integerFrom(0, std::numeric_limits<int>::max()));
    std::string backend = "auto";
    cli.add_option("--backend", backend, "generate, features: auto or torch")->check(CLI::IsMember({"auto", "torch"}));
    if (const auto code = cli.accept(std::vector<std::string>(argv + 1, argv + argc))) {
        std::exit(*code);
    }
    o.backend = backend == "torch" ? GenerationOptions::Backend::Torch : GenerationOptions::Backend::Auto;
    if (o.mode != "train" && o.mode != "generate" && o.mode != "matmul" && o.mode != "features" &&
        o.mode != "attention") {
        die("--mode must be train, generate, features, attention or matmul");
    }
    if (o.steps < 1 || o.warmup < 0 || o.batch < 1 || o.seqLen < 2 || o.newTokens < 1 || o.featureTokens < 2) {
        die("--steps, --batch, --new-tokens must be >= 1, --seq-len and --feature-tokens >= 2, --warmup >= 0");
    }
    if (o.mode == "features" && (o.data.empty() || o.model.empty())) {
        die("--mode features needs --model (for its tokenizer) and --data");
    }
    return o;
}

LlamaConfig parseRandomConfig(const std::string &spec) {
    LlamaConfig c;
    c.tiedEmbeddings = true;
    const std::map<std::string, int *> fields = {
        {"dim", &c.dim},          {"layers", &c.nLayers},  {"heads", &c.nHeads}, {"kv", &c.nKvHeads},
        {"hidden", &c.hiddenDim}, {"vocab", &c.vocabSize}, {"seq", &c.maxSeqLen}};
    std::stringstream in(spec);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto eq = item.find('=');
        const auto it = eq == std::string::npos ? fields.end() : fields.find(item.substr(0, eq));
        if (it == fields.end()) {
            die("--random: unknown field in '" + item + "' (dim, layers, heads, kv, hidden, vocab, seq)");
        }
        *it->second = toInt("--random " + it->first, item.substr(eq + 1));
    }
    if (c.nKvHeads == 0) {
        c.nKvHeads = c.nHeads;
    }
    return c;
}

LanguageModel loadModel(const Options &o) {
    auto model = o.random.empty() ? LanguageModel::load(o.model)
                                  : LanguageModel::randomInit(parseRandomConfig(o.random), o.seed);
    if (!model) {
        die(model.error().message);
    }
    return std::move(*model);
}

// Deterministic synthetic batch, shared with llama_peer.py: token (b, i) = ((b * T + i) * 7919 + 13) % V;
// the first half of every row is prompt (label -100), the second half is response (label = token).
std::vector<EncodedSample> syntheticBatch(int batch, int length, int vocab) {
    std::vector<EncodedSample> samples(static_cast<size_t>(batch));
    for (int b = 0; b < batch; ++b) {
        for (int i = 0; i < length; ++i) {
            const int token = int((int64_t(b) * length + i) * 7919 % vocab + 13) % vocab;
            samples[size_t(b)].tokens.push_back(token);
            samples[size_t(b)].labels.push_back(i < length / 2 ? EncodedSample::kIgnoreLabel : token);
        }
    }
    return samples;
}

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of the whole process (all threads): on a busy machine it shows how much of the wall time was
// spent computing (or spinning) rather than waiting for a core.
double processCpuSeconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

std::string header(const Options &o, const LanguageModel *model) {
    std::ostringstream out;
    out << "{\"impl\":\"fedpilot\",\"mode\":\"" << o.mode << "\",\"threads\":" << currentThreads() << ",\"blas\":\""
        << blasLibrary() << "\",\"torch\":\"" << torchVersion() << "\"";
    if (model) {
        out << ",\"params\":" << model->parameterCount() << ",\"lora_params\":" << model->loraParameterCount();
    }
    return out.str();
}

void runTrain(const Options &o) {
    auto model = loadModel(o);
    if (auto ok = model.attachLora(LoraConfig{}, o.seed); !ok) {
        die(ok.error().message);
    }
    auto trainer = LoraTrainer::create(model, TrainOptions{});
    if (!trainer) {
        die(trainer.error().message);
    }
    const auto batch = syntheticBatch(o.batch, o.seqLen, model.config().vocabSize);
    std::vector<double> losses;
    double seconds = 0.0, cpuSeconds = 0.0;
    for (int i = 0; i < o.warmup + o.steps; ++i) {
        const auto start = Clock::now();
        const double cpuStart = processCpuSeconds();
        const auto stats = trainer->step(batch);
        const double elapsed = secondsSince(start);
        const double cpuElapsed = processCpuSeconds() - cpuStart;
        if (!stats) {
            die(stats.error().message);
        }
        losses.push_back(stats->loss);
        if (i >= o.warmup) {
            seconds += elapsed;
            cpuSeconds += cpuElapsed;
        }
    }
    const int64_t tokens = int64_t(o.steps) * o.batch * o.seqLen;
    std::printf("%s,\"batch\":%d,\"seq_len\":%d,\"steps\":%d,\"tokens\":%lld,\"seconds\":%.6f,"
                "\"cpu_seconds\":%.6f,\"tokens_per_s\":%.3f,\"loss_first\":%.6f,\"loss_last\":%.6f}\n",
                header(o, &model).c_str(), o.batch, o.seqLen, o.steps, static_cast<long long>(tokens), seconds,
                cpuSeconds, double(tokens) / seconds, losses.front(), losses.back());
}

void runGenerate(const Options &o) {
    const auto model = loadModel(o);
    GenerationOptions generation;
    generation.maxNewTokens = o.newTokens;
    generation.temperature = 0.f;
    generation.stopAtEos = false;
    generation.backend = o.backend;
    const std::vector<int> prompt = {model.config().bosId >= 0 ? model.config().bosId : 1};
    std::vector<int> tokens;
    double seconds = 0.0, cpuSeconds = 0.0;
    for (int i = 0; i < o.warmup + o.steps; ++i) {
        const auto start = Clock::now();
        const double cpuStart = processCpuSeconds();
        auto generated = model.generateTokens(prompt, generation);
        const double elapsed = secondsSince(start);
        const double cpuElapsed = processCpuSeconds() - cpuStart;
        if (!generated) {
            die(generated.error().message);
        }
        tokens = std::move(*generated);
        if (i >= o.warmup) {
            seconds += elapsed;
            cpuSeconds += cpuElapsed;
        }
    }
    const int64_t total = int64_t(o.steps) * int64_t(tokens.size());
    std::string ids;
    for (size_t i = 0; i < tokens.size(); ++i) {
        ids += (i ? "," : "") + std::to_string(tokens[i]);
    }
    std::printf(
        "%s,\"backend\":\"%s\",\"new_tokens\":%d,\"steps\":%d,\"tokens\":%lld,\"seconds\":%.6f,\"cpu_seconds\":%.6f,"
        "\"tokens_per_s\":%.3f,\"token_ids\":[%s]}\n",
        header(o, &model).c_str(), o.backend == GenerationOptions::Backend::Auto ? "auto" : "torch", o.newTokens,
        o.steps, static_cast<long long>(total), seconds, cpuSeconds, double(total) / seconds, ids.c_str());
}

// The product's feature sequences for every sample of the instruction file.
std::vector<std::vector<int>> taskSequences(const Options &o, const LanguageModel &model) {
    auto data = readInstructionFile(o.data);
    if (!data) {
        die(data.error().message);
    }
    std::vector<size_t> all(data->samples.size());
    std::iota(all.begin(), all.end(), size_t(0));
    return fp::engine::detail::featureSequences(model.tokenizer(), data->samples, all, o.featureTokens,
                                                fp::engine::Truncation::PromptStart);
}

void writeSequences(const std::string &path, const std::vector<std::vector<int>> &sequences) {
    std::ofstream out(path);
    out << '[';
    for (size_t i = 0; i < sequences.size(); ++i) {
        out << (i ? ",\n[" : "[");
        for (size_t j = 0; j < sequences[i].size(); ++j) {
            out << (j ? "," : "") << sequences[i][j];
        }
        out << ']';
    }
    out << "]\n";
    if (!out.flush()) {
        die("cannot write " + path);
    }
}

// The first `rows` feature rows as a JSON list of lists, with enough digits to round-trip a float.
std::string featureRows(const std::vector<std::vector<float>> &features, size_t rows) {
    std::string out = "[";
    char number[32];
    for (size_t i = 0; i < std::min(rows, features.size()); ++i) {
        out += i ? ",[" : "[";
        for (size_t j = 0; j < features[i].size(); ++j) {
            std::snprintf(number, sizeof number, "%s%.9g", j ? "," : "", double(features[i][j]));
            out += number;
        }
        out += ']';
    }
    return out + "]";
}

void runFeatures(const Options &o) {
    auto model = loadModel(o);
    if (o.lora) {
        if (auto ok = model.attachLora(LoraConfig{}, o.seed); !ok) {
            die(ok.error().message);
        }
    }
    const auto sequences = taskSequences(o, model);
    if (!o.sequencesOut.empty()) {
        writeSequences(o.sequencesOut, sequences);
    }
    std::vector<std::vector<float>> features;
    double seconds = 0.0, cpuSeconds = 0.0;
    for (int i = 0; i < o.warmup + o.steps; ++i) {
        const auto start = Clock::now();
        const double cpuStart = processCpuSeconds();
        auto rows =
            model.lastTokenFeatures(sequences, fp::engine::detail::kFeatureBatchSize,
                                    o.backend == GenerationOptions::Backend::Torch ? fp::engine::FeatureBackend::Torch
                                                                                   : fp::engine::FeatureBackend::Auto);
        const double elapsed = secondsSince(start);
        const double cpuElapsed = processCpuSeconds() - cpuStart;
        if (!rows) {
            die(rows.error().message);
        }
        features = std::move(*rows);
        if (i >= o.warmup) {
            seconds += elapsed;
            cpuSeconds += cpuElapsed;
        }
    }
    double sum = 0.0, sumAbs = 0.0;
    for (const auto &row : features) {
        for (float v : row) {
            sum += v;
            sumAbs += std::abs(v);
        }
    }
    size_t tokens = 0;
    for (const auto &s : sequences) {
        tokens += s.size();
    }
    const int64_t samples = int64_t(o.steps) * int64_t(sequences.size());
    std::printf("%s,\"backend\":\"%s\",\"feature_tokens\":%d,\"batch\":%d,\"task_samples\":%zu,\"sequence_tokens\":%zu,"
                "\"feature_dim\":%zu,\"steps\":%d,\"samples\":%lld,\"seconds\":%.6f,\"cpu_seconds\":%.6f,"
                "\"samples_per_s\":%.3f,\"checksum\":%.9g,\"checksum_abs\":%.9g,\"rows\":%s}\n",
                header(o, &model).c_str(), o.backend == GenerationOptions::Backend::Auto ? "auto" : "torch",
                o.featureTokens, fp::engine::detail::kFeatureBatchSize, sequences.size(), tokens,
                features.empty() ? size_t(0) : features[0].size(), o.steps, static_cast<long long>(samples), seconds,
                cpuSeconds, double(samples) / seconds, sum, sumAbs,
                featureRows(features, o.checkRows < 0 ? features.size() : size_t(o.checkRows)).c_str());
}

// Causal attention forward + backward on one sequence of stories260K's shape: the fused kernel against the
// LibTorch formulation the model used before it (baddbmm with a mask, softmax, bmm).
void runAttention(const Options &o) {
    const int64_t t = o.seqLen, h = 8, kvh = 4, hd = 8, groups = h / kvh;
    torch::manual_seed(1);
    auto q = torch::randn({1, t, h, hd}).requires_grad_(), k = torch::randn({1, t, kvh, hd}).requires_grad_();
    auto v = torch::randn({1, t, kvh, hd}).requires_grad_();
    const auto grad = torch::randn({t, h * hd});
    const auto mask = torch::full({t, t}, -INFINITY).triu(1).repeat({groups, 1});
    const double scale = 1.0 / std::sqrt(double(hd));
    const auto viaTorch = [&] {
        auto q3 = q.permute({0, 2, 1, 3}).reshape({kvh, groups * t, hd});
        auto k3 = k.permute({0, 2, 1, 3}).reshape({kvh, t, hd}), v3 = v.permute({0, 2, 1, 3}).reshape({kvh, t, hd});
        auto out = torch::bmm(torch::softmax(torch::baddbmm(mask, q3, k3.transpose(1, 2), 1.0, scale), -1), v3);
        return out.view({1, kvh, groups, t, hd}).permute({0, 3, 1, 2, 4}).reshape({t, h * hd});
    };
    const auto fused = [&] { return fp::engine::detail::causalAttention(q, k, v, scale); };
    const auto gradients = [&](auto fn) { // output and dq, dk, dv, flattened
        for (auto *x : {&q, &k, &v}) {
            x->mutable_grad() = torch::Tensor();
        }
        const auto out = fn();
        out.backward(grad);
        return torch::cat({out.detach().flatten(), q.grad().flatten(), k.grad().flatten(), v.grad().flatten()});
    };
    std::printf("{\"max_abs_diff\":%g", (gradients(viaTorch) - gradients(fused)).abs().max().item<double>());
    const std::vector<std::pair<const char *, std::function<torch::Tensor()>>> variants = {{"torch", viaTorch},
                                                                                           {"fused", fused}};
    for (const auto &[name, fn] : variants) {
        double best = 1e9;
        for (int rep = 0; rep < o.steps; ++rep) {
            const auto start = Clock::now();
            for (int i = 0; i < 20; ++i) {
                fn().backward(grad);
            }
            best = std::min(best, secondsSince(start) / 20);
        }
        std::printf(",\"%s_ms\":%.3f", name, best * 1e3);
    }
    std::printf("}\n");
}

void runMatmul(const Options &o) {
    const auto rate = measureMatmulRate(Device::Cpu, 1024, 1.0);
    if (!rate) {
        die(rate.error().message);
    }
    std::printf("%s,\"n\":%d,\"repetitions\":%d,\"seconds\":%.6f,\"gflops\":%.3f}\n", header(o, nullptr).c_str(),
                rate->n, rate->repetitions, rate->seconds, rate->gflops);
}

} // namespace

int main(int argc, char **argv) {
    const Options options = parseArgs(argc, argv);
    configureThreads(options.threads);
    if (options.mode == "matmul") {
        runMatmul(options);
    } else if (options.mode == "attention") {
        runAttention(options);
    } else if (options.model.empty() == options.random.empty()) {
        die("give exactly one of --model and --random");
    } else if (options.mode == "train") {
        runTrain(options);
    } else if (options.mode == "features") {
        runFeatures(options);
    } else {
        runGenerate(options);
    }
    std::fflush(stdout);
    return 0;
}
