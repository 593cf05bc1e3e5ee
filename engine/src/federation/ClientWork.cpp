#include "ClientWork.h"

#include "data/PortableRandom.h"
#include "fedpilot/engine/LoraTrainer.h"
#include "fedpilot/engine/Rouge.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace fp::engine::detail {

uint64_t mixSeed(uint64_t a, uint64_t b) {
    uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

EncodedSample encodeWithinWindow(const Tokenizer &tokenizer, const InstructionSample &sample, int maxTokens,
                                 Truncation truncation, PromptTemplate promptTemplate) {
    EncodedSample e = encodeForTraining(tokenizer, sample, 0, promptTemplate);
    const size_t limit = size_t(std::max(maxTokens, 2));
    if (e.tokens.size() <= limit) {
        return e;
    }
    if (truncation == Truncation::Reference) {
        // natural_instruction_loader.py tokenizes prompt + response with truncation=True (the right side), and
        // masks the prompt's tokens, themselves cut to the window: the response's end goes first.
        e.tokens.resize(limit);
        e.labels.resize(limit);
        return e;
    }
    const auto firstResponse =
        size_t(std::find_if(e.labels.begin(), e.labels.end(), [](int l) { return l != EncodedSample::kIgnoreLabel; }) -
               e.labels.begin());
    // Drop prompt tokens after BOS (keeping at least the last prompt token), then cut the response's end.
    const size_t excess = e.tokens.size() - limit;
    const size_t droppable = firstResponse > 2 ? firstResponse - 2 : 0;
    const size_t drop = std::min(excess, droppable);
    e.tokens.erase(e.tokens.begin() + 1, e.tokens.begin() + 1 + std::ptrdiff_t(drop));
    e.labels.erase(e.labels.begin() + 1, e.labels.begin() + 1 + std::ptrdiff_t(drop));
    e.tokens.resize(std::min(e.tokens.size(), limit));
    e.labels.resize(e.tokens.size());
    return e;
}

std::vector<std::vector<int>> featureSequences(const Tokenizer &tokenizer,
                                               const std::vector<InstructionSample> &samples,
                                               const std::vector<size_t> &indices, int featureTokens,
                                               Truncation truncation, PromptTemplate promptTemplate) {
    std::vector<std::vector<int>> sequences;
    sequences.reserve(indices.size());
    for (size_t i : indices) {
        auto tokens = encodeForTraining(tokenizer, samples[i], 0, promptTemplate).tokens;
        if (tokens.size() > size_t(featureTokens)) {
            if (truncation == Truncation::Reference) {
                tokens.resize(size_t(featureTokens)); // m_utils.py: the last token of the training sequence
            } else {
                tokens.erase(tokens.begin() + 1, tokens.end() - (featureTokens - 1));
            }
        }
        sequences.push_back(std::move(tokens));
    }
    return sequences;
}

Result<std::vector<std::vector<float>>> extractFeatures(const LanguageModel &model,
                                                        const std::vector<InstructionSample> &samples,
                                                        const std::vector<size_t> &indices, int featureTokens,
                                                        Truncation truncation, PromptTemplate promptTemplate) {
    return model.lastTokenFeatures(
        featureSequences(model.tokenizer(), samples, indices, featureTokens, truncation, promptTemplate),
        kFeatureBatchSize);
}

Result<TrainingOutcome> trainOnCoreset(LanguageModel &model, const std::vector<InstructionSample> &samples,
                                       const std::vector<size_t> &coreset, const TrainRequest &request) {
    std::vector<EncodedSample> encoded;
    for (size_t i : coreset) {
        auto e = encodeWithinWindow(model.tokenizer(), samples[i], request.maxTokens, request.truncation,
                                    request.promptTemplate);
        if (e.responseTokens() > 0) {
            encoded.push_back(std::move(e));
        }
    }
    TrainOptions options;
    options.learningRate = request.learningRate;
    options.seed = mixSeed(request.seed, 1);
    auto trainer = LoraTrainer::create(model, options);
    if (!trainer) {
        return std::unexpected(trainer.error());
    }
    TrainingOutcome outcome;
    double lossSum = 0.0;
    PortableRandom random(mixSeed(request.seed, 2));
    std::vector<size_t> order(encoded.size());
    for (int epoch = 0; epoch < request.localEpochs; ++epoch) {
        for (size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        random.shuffle(order);
        for (size_t at = 0; at < order.size(); at += size_t(request.batchSize)) {
            std::vector<EncodedSample> batch;
            for (size_t j = at; j < std::min(order.size(), at + size_t(request.batchSize)); ++j) {
                batch.push_back(encoded[order[j]]);
            }
            auto stats = trainer->step(batch);
            if (!stats) {
                return std::unexpected(stats.error());
            }
            outcome.trainingTokens += stats->inputTokens;
            if (stats->skipped) {
                ++outcome.skippedSteps;
            } else {
                ++outcome.steps;
                lossSum += stats->loss;
            }
        }
    }
    outcome.meanLoss = outcome.steps ? lossSum / double(outcome.steps) : 0.0;
    return outcome;
}

std::vector<size_t> chooseEvaluationSamples(const std::vector<InstructionSample> &samples,
                                            const std::vector<size_t> &candidates, EvaluationSampling rule,
                                            int maxPerTask, uint64_t seed) {
    std::map<std::string, std::vector<size_t>> byTask;
    for (size_t i : candidates) {
        byTask[samples[i].category].push_back(i);
    }
    std::vector<size_t> chosen;
    for (auto &[task, indices] : byTask) {
        uint64_t taskHash = 0xcbf29ce484222325ULL; // FNV-1a: the same on every platform, unlike std::hash
        for (unsigned char ch : task) {
            taskHash = (taskHash ^ ch) * 0x100000001b3ULL;
        }
        PortableRandom random(mixSeed(seed, taskHash));
        const size_t count = evaluationSampleCount(rule, maxPerTask, indices.size());
        if (indices.size() > count) {
            random.shuffle(indices);
            indices.resize(count);
        }
        chosen.insert(chosen.end(), indices.begin(), indices.end());
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

std::vector<int> generationPrompt(const Tokenizer &tokenizer, const InstructionSample &sample, int maxTokens,
                                  size_t room, Truncation truncation, PromptTemplate promptTemplate) {
    std::vector<int> prompt = tokenizer.encode(promptText(sample, promptTemplate), true);
    room = std::max<size_t>(room, 2);
    if (truncation == Truncation::Reference) {
        // server.py generates from the eval set's input_ids: the prompt alone, tokenized with truncation=True and
        // the default right side at max_length (natural_instruction_loader.py / llm_dataset.py, generation=True).
        prompt.resize(std::min({prompt.size(), size_t(std::max(maxTokens, 2)), room}));
    } else if (prompt.size() > room) {
        prompt.erase(prompt.begin() + 1, prompt.end() - std::ptrdiff_t(room - 1));
    }
    return prompt;
}

Result<EvaluateReply> evaluateSamples(const LanguageModel &model, const std::vector<InstructionSample> &samples,
                                      const std::vector<size_t> &chosen, const EvaluationRules &rules) {
    const auto start = std::chrono::steady_clock::now();
    const int context = model.config().maxSeqLen;
    EvaluateReply reply;
    double rougeSum = 0.0, lossSum = 0.0;
    int64_t lossSamples = 0;
    for (size_t i : chosen) {
        const int newTokens = std::min(rules.maxNewTokens, context / 2);
        const std::vector<int> prompt =
            generationPrompt(model.tokenizer(), samples[i], rules.maxTokens, size_t(context - newTokens),
                             rules.truncation, rules.promptTemplate);
        GenerationOptions options;
        options.maxNewTokens = newTokens;
        auto generated = model.generateTokens(prompt, options);
        if (!generated) {
            return std::unexpected(generated.error().withContext("evaluating a " + samples[i].category + " sample"));
        }
        rougeSum += rougeL(model.tokenizer().decode(*generated), samples[i].output, rules.rouge).fmeasure;
        const auto encoded =
            encodeWithinWindow(model.tokenizer(), samples[i], rules.maxTokens, rules.truncation, rules.promptTemplate);
        if (encoded.responseTokens() > 0) {
            auto loss = model.loss({encoded.tokens}, {encoded.labels});
            if (!loss) {
                return std::unexpected(loss.error());
            }
            lossSum += *loss;
            ++lossSamples;
        }
    }
    reply.samples = int64_t(chosen.size());
    reply.rougeL = chosen.empty() ? 0.0 : rougeSum / double(chosen.size());
    reply.loss = lossSamples ? lossSum / double(lossSamples) : 0.0;
    reply.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return reply;
}

} // namespace fp::engine::detail

namespace fp::engine {

size_t evaluationSampleCount(EvaluationSampling rule, int maxPerTask, size_t available) {
    if (rule == EvaluationSampling::Reference) {
        // natural_instruction_loader.py (eval_subsampling): max(20, int(0.02 * n)) when n > 20. n * 2 / 100 is
        // that floor exactly: the double nearest 0.02 lies above it, so 0.02 * n never rounds below an integer.
        return available <= 20 ? available : std::max<size_t>(20, available * 2 / 100);
    }
    return maxPerTask > 0 ? std::min(available, size_t(maxPerTask)) : available;
}

} // namespace fp::engine
