#include "fedpilot/engine/LoraTrainer.h"

#include "fedpilot/engine/LanguageModel.h"
#include "model/Guard.h"
#include "model/ModelState.h"

#include <cmath>

namespace fp::engine {

struct LoraTrainer::State {
    LanguageModel *model = nullptr;
    TrainOptions options;
    torch::Tensor expAvg;   // Adam first moment, flat like the adapters
    torch::Tensor expAvgSq; // Adam second moment
    int64_t steps = 0;
};

LoraTrainer::LoraTrainer(std::unique_ptr<State> state) : m_state(std::move(state)) {}
LoraTrainer::LoraTrainer(LoraTrainer &&) noexcept = default;
LoraTrainer &LoraTrainer::operator=(LoraTrainer &&) noexcept = default;
LoraTrainer::~LoraTrainer() = default;

Result<LoraTrainer> LoraTrainer::create(LanguageModel &model, const TrainOptions &options) {
    if (!model.hasLora()) {
        return fail(ErrorCode::InvalidArgument, "training: attach LoRA adapters to the model first");
    }
    if (!(options.learningRate > 0.f) || !(options.beta1 >= 0.f && options.beta1 < 1.f) ||
        !(options.beta2 >= 0.f && options.beta2 < 1.f) || !(options.epsilon > 0.f) || options.clipGradNorm < 0.f) {
        return fail(ErrorCode::InvalidArgument,
                    "training: learning rate and epsilon must be positive, betas in [0, 1), clipping >= 0");
    }
    auto state = std::make_unique<State>();
    state->model = &model;
    state->options = options;
    auto &flat = model.impl().lora().flatParameters();
    state->expAvg = torch::zeros_like(flat);
    state->expAvgSq = torch::zeros_like(flat);
    return LoraTrainer(std::move(state));
}

int64_t LoraTrainer::stepsTaken() const { return m_state->steps; }

namespace {

Result<void> checkBatch(const std::vector<EncodedSample> &batch, const LlamaConfig &config) {
    if (batch.empty()) {
        return fail(ErrorCode::InvalidArgument, "training step: empty batch");
    }
    int response = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
        const auto &s = batch[i];
        if (s.tokens.size() != s.labels.size() || s.tokens.empty()) {
            return fail(ErrorCode::InvalidArgument,
                        "training step: sample " + std::to_string(i) + " has no tokens or mismatched labels");
        }
        if (s.tokens.size() > size_t(config.maxSeqLen)) {
            return fail(ErrorCode::InvalidArgument,
                        "training step: sample " + std::to_string(i) + " has " + std::to_string(s.tokens.size()) +
                            " tokens, more than the model's context of " + std::to_string(config.maxSeqLen));
        }
        for (const int t : s.tokens) {
            if (t < 0 || t >= config.vocabSize) {
                return fail(ErrorCode::InvalidArgument, "training step: sample " + std::to_string(i) +
                                                            " has token id " + std::to_string(t) +
                                                            " outside the vocabulary");
            }
        }
        response += s.responseTokens();
    }
    if (response == 0) {
        return fail(ErrorCode::InvalidArgument, "training step: no sample has response tokens to learn from");
    }
    return {};
}

} // namespace

Result<StepStats> LoraTrainer::step(const std::vector<EncodedSample> &batch) {
    auto &model = m_state->model->impl();
    if (auto ok = checkBatch(batch, model.config()); !ok) {
        return std::unexpected(ok.error());
    }
    return detail::guarded("training step", [&]() -> Result<StepStats> {
        const auto &o = m_state->options;
        auto &lora = model.lora();
        std::vector<std::vector<int>> tokens, labels;
        StepStats stats;
        for (const auto &s : batch) {
            tokens.push_back(s.tokens);
            labels.push_back(s.labels);
            stats.inputTokens += int64_t(s.tokens.size());
            stats.lossTokens += s.responseTokens();
        }
        const auto input = detail::padBatch(tokens, 0, model.device());
        const auto target = detail::padBatch(labels, EncodedSample::kIgnoreLabel, model.device());
        torch::manual_seed(o.seed + uint64_t(m_state->steps)); // reproducible dropout masks
        const auto loss = detail::responseLoss(model, input, target, true);
        lora.flatGradients().zero_();
        loss.backward();
        stats.loss = loss.item<double>();

        torch::NoGradGuard noGrad;
        auto &param = lora.flatParameters();
        auto grad = lora.flatGradients();
        stats.gradientNorm = grad.norm().item<double>();
        if (!std::isfinite(stats.loss) || !std::isfinite(stats.gradientNorm)) {
            stats.skipped = true;
            return stats;
        }
        if (o.clipGradNorm > 0.f && stats.gradientNorm > o.clipGradNorm) {
            grad.mul_(o.clipGradNorm / (stats.gradientNorm + 1e-6));
        }
        if (o.weightDecay > 0.f) {
            grad = grad.add(param, o.weightDecay);
        }
        // Adam, exactly as torch.optim.Adam (no amsgrad), over all adapters at once.
        const int64_t step = ++m_state->steps;
        m_state->expAvg.mul_(o.beta1).add_(grad, 1.0 - o.beta1);
        m_state->expAvgSq.mul_(o.beta2).addcmul_(grad, grad, 1.0 - o.beta2);
        const double correction1 = 1.0 - std::pow(double(o.beta1), double(step));
        const double correction2 = 1.0 - std::pow(double(o.beta2), double(step));
        const auto denom = (m_state->expAvgSq.sqrt() / std::sqrt(correction2)).add_(o.epsilon);
        param.addcdiv_(m_state->expAvg, denom, -double(o.learningRate) / correction1);
        return stats;
    });
}

} // namespace fp::engine
