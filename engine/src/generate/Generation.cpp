#include "fedpilot/engine/LanguageModel.h"

#include "generate/Sampler.h"
#include "model/CpuDecoder.h"
#include "model/Guard.h"
#include "model/ModelState.h"

namespace fp::engine {

Result<std::vector<int>> LanguageModel::generateTokens(const std::vector<int> &prompt, const GenerationOptions &options,
                                                       const TokenCallback &onToken) const {
    const auto &model = m_state->model;
    const auto &config = model.config();
    if (prompt.empty()) {
        return fail(ErrorCode::InvalidArgument, "generate: the prompt has no tokens");
    }
    if (options.maxNewTokens < 0 || prompt.size() + size_t(options.maxNewTokens) > size_t(config.maxSeqLen)) {
        return fail(ErrorCode::InvalidArgument, "generate: prompt (" + std::to_string(prompt.size()) + " tokens) + " +
                                                    std::to_string(options.maxNewTokens) +
                                                    " new tokens exceeds the model's context of " +
                                                    std::to_string(config.maxSeqLen));
    }
    for (const int t : prompt) {
        if (t < 0 || t >= config.vocabSize) {
            return fail(ErrorCode::InvalidArgument, "generate: token id " + std::to_string(t) +
                                                        " is outside the vocabulary (0.." +
                                                        std::to_string(config.vocabSize - 1) + ")");
        }
    }
    return detail::guarded("generate", [&]() -> Result<std::vector<int>> {
        c10::InferenceMode inference;
        const int64_t capacity = int64_t(prompt.size()) + options.maxNewTokens;
        detail::Sampler sampler(options);
        std::function<const float *(const std::vector<int> &)> feed;
        // CPU fp32: the overhead-free decoder; otherwise LibTorch with its KV cache (CUDA, bf16).
        auto fast = options.backend == GenerationOptions::Backend::Auto ? detail::CpuDecoder::create(model, capacity)
                                                                        : std::nullopt;
        torch::Tensor logits;
        auto cache = fast ? detail::KvCache() : model.newCache(capacity);
        if (fast) {
            feed = [&](const std::vector<int> &tokens) {
                const float *out = nullptr;
                for (const int t : tokens) {
                    out = fast->step(t);
                }
                return out;
            };
        } else {
            feed = [&](const std::vector<int> &tokens) {
                detail::ForwardOptions step;
                step.cache = &cache;
                step.lastLogitsOnly = true;
                step.startPosition = cache.length;
                logits =
                    model.forward(detail::padBatch({tokens}, 0, model.device()), step).to(torch::kCPU).contiguous();
                return static_cast<const float *>(logits.data_ptr<float>());
            };
        }
        std::vector<int> generated;
        const float *next = options.maxNewTokens > 0 ? feed(prompt) : nullptr;
        int previous = prompt.back();
        for (int i = 0; i < options.maxNewTokens; ++i) {
            const int token = sampler.next(next, config.vocabSize);
            if (options.stopAtEos && token == m_state->tokenizer.eosId() && token >= 0) {
                break;
            }
            generated.push_back(token);
            if (onToken && !onToken(token, m_state->tokenizer.decodeToken(previous, token))) {
                break;
            }
            previous = token;
            if (i + 1 < options.maxNewTokens) {
                next = feed({token});
            }
        }
        return generated;
    });
}

Result<std::string> LanguageModel::generate(std::string_view prompt, const GenerationOptions &options,
                                            const TokenCallback &onToken) const {
    const auto &tokenizer = m_state->tokenizer;
    if (tokenizer.kind() == Tokenizer::Kind::Empty) {
        return fail(ErrorCode::InvalidArgument, "generate: this model has no tokenizer");
    }
    const auto promptTokens = tokenizer.encode(prompt, true, false);
    auto tokens = generateTokens(promptTokens, options, onToken);
    if (!tokens) {
        return std::unexpected(tokens.error());
    }
    // Piece by piece, as streamed: a continuation keeps its leading space; only text right after BOS drops
    // the dummy-prefix space.
    std::string text;
    int previous = promptTokens.back();
    for (const int token : *tokens) {
        text += tokenizer.decodeToken(previous, token);
        previous = token;
    }
    return text;
}

} // namespace fp::engine
