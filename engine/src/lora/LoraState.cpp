#include "lora/LoraState.h"

#include "model/LlamaModel.h"

#include <array>
#include <cmath>

namespace fp::engine {

const std::vector<std::string> &loraModuleNames() {
    static const std::vector<std::string> names = {"q_proj",    "k_proj",  "v_proj",   "o_proj",
                                                   "gate_proj", "up_proj", "down_proj"};
    return names;
}

namespace detail {
namespace {

// [in, out] of each projection.
std::array<int64_t, 2> moduleShape(const LlamaConfig &c, LoraModule module) {
    switch (module) {
    case kQ:
    case kO: return {c.dim, c.dim};
    case kK:
    case kV: return {c.dim, c.kvDim()};
    case kGate:
    case kUp: return {c.dim, c.hiddenDim};
    case kDown: return {c.hiddenDim, c.dim};
    default: return {0, 0};
    }
}

Result<std::array<bool, kModuleCount>> targetedModules(const LoraConfig &config) {
    std::array<bool, kModuleCount> targeted{};
    for (const auto &target : config.targetModules) {
        const auto &names = loraModuleNames();
        const auto it = std::find(names.begin(), names.end(), target);
        if (it == names.end()) {
            return fail(ErrorCode::InvalidArgument, "LoRA target '" + target +
                                                        "' is not one of q_proj, k_proj, v_proj, o_proj, "
                                                        "gate_proj, up_proj, down_proj");
        }
        targeted[size_t(it - names.begin())] = true;
    }
    return targeted;
}

} // namespace

const char *LoraState::modulePath(LoraModule module) {
    static const char *paths[] = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                                  "mlp.gate_proj",    "mlp.up_proj",      "mlp.down_proj"};
    return paths[module];
}

std::string peftName(int layer, LoraModule module, bool isA) {
    return "base_model.model.model.layers." + std::to_string(layer) + "." + LoraState::modulePath(module) +
           (isA ? ".lora_A.weight" : ".lora_B.weight");
}

Result<void> LoraState::attach(const LoraConfig &config, const LlamaConfig &model, torch::Device device,
                               uint64_t seed) {
    if (config.rank <= 0 || config.rank > 4096) {
        return fail(ErrorCode::InvalidArgument, "LoRA rank must be from 1 to 4096, got " + std::to_string(config.rank));
    }
    if (!(config.dropout >= 0.f && config.dropout < 1.f)) {
        return fail(ErrorCode::InvalidArgument,
                    "LoRA dropout must be in [0, 1), got " + std::to_string(config.dropout));
    }
    auto targeted = targetedModules(config);
    if (!targeted) {
        return std::unexpected(targeted.error());
    }
    int64_t total = 0;
    for (int m = 0; m < kModuleCount; ++m) {
        if ((*targeted)[size_t(m)]) {
            const auto [in, out] = moduleShape(model, LoraModule(m));
            total += int64_t(model.nLayers) * config.rank * (in + out);
        }
    }
    m_config = config;
    m_layers = model.nLayers;
    m_flat = torch::zeros({total}, torch::TensorOptions().dtype(torch::kFloat32));
    m_flatGrad = torch::zeros({total}, torch::TensorOptions().dtype(torch::kFloat32).device(device));
    auto generator = at::detail::createCPUGenerator(seed);
    m_pairs.assign(size_t(m_layers) * kModuleCount, std::nullopt);
    int64_t offset = 0;
    std::vector<std::array<int64_t, 4>> layout; // offset, rank, in, out per adapter
    for (int layer = 0; layer < m_layers; ++layer) {
        for (int m = 0; m < kModuleCount; ++m) {
            if (!(*targeted)[size_t(m)]) {
                continue;
            }
            const auto [in, out] = moduleShape(model, LoraModule(m));
            // PEFT: kaiming_uniform_(a=sqrt(5)) on A, i.e. U(-1/sqrt(in), 1/sqrt(in)); B starts at zero.
            const double bound = 1.0 / std::sqrt(double(in));
            m_flat.narrow(0, offset, config.rank * in).uniform_(-bound, bound, generator);
            layout.push_back({offset, config.rank, in, out});
            offset += config.rank * (in + out);
        }
    }
    m_flat = m_flat.to(device);
    size_t next = 0;
    for (int layer = 0; layer < m_layers; ++layer) {
        for (int m = 0; m < kModuleCount; ++m) {
            if (!(*targeted)[size_t(m)]) {
                continue;
            }
            const auto [off, rank, in, out] = layout[next++];
            LoraPair pair;
            pair.a = m_flat.narrow(0, off, rank * in).view({rank, in}).detach().requires_grad_(true);
            pair.b = m_flat.narrow(0, off + rank * in, out * rank).view({out, rank}).detach().requires_grad_(true);
            pair.a.mutable_grad() = m_flatGrad.narrow(0, off, rank * in).view({rank, in});
            pair.b.mutable_grad() = m_flatGrad.narrow(0, off + rank * in, out * rank).view({out, rank});
            m_pairs[size_t(layer) * kModuleCount + size_t(m)] = std::move(pair);
        }
    }
    return {};
}

void LoraState::detach() {
    m_pairs.clear();
    m_flat = torch::Tensor();
    m_flatGrad = torch::Tensor();
    m_layers = 0;
}

const LoraPair *LoraState::pair(int layer, LoraModule module) const {
    if (m_pairs.empty()) {
        return nullptr;
    }
    const auto &p = m_pairs[size_t(layer) * kModuleCount + size_t(module)];
    return p ? &*p : nullptr;
}

torch::Tensor LoraState::apply(const torch::Tensor &base, const torch::Tensor &x, int layer, LoraModule module,
                               bool training) const {
    const LoraPair *p = pair(layer, module);
    if (!p) {
        return base;
    }
    const auto &input = training && m_config.dropout > 0.f ? torch::dropout(x, m_config.dropout, true) : x;
    const auto a = p->a.scalar_type() == x.scalar_type() ? p->a : p->a.to(x.scalar_type());
    const auto b = p->b.scalar_type() == x.scalar_type() ? p->b : p->b.to(x.scalar_type());
    return torch::addmm(base, torch::mm(input, a.t()), b.t(), 1.0, m_config.scaling());
}

TensorMap LoraState::exportPeft() const {
    TensorMap tensors;
    for (int layer = 0; layer < m_layers; ++layer) {
        for (int m = 0; m < kModuleCount; ++m) {
            if (const LoraPair *p = pair(layer, LoraModule(m))) {
                tensors[peftName(layer, LoraModule(m), true)] = fromTorch(p->a.detach());
                tensors[peftName(layer, LoraModule(m), false)] = fromTorch(p->b.detach());
            }
        }
    }
    return tensors;
}

Result<void> LoraState::importPeft(const TensorMap &tensors, const std::string &source) {
    size_t used = 0;
    torch::NoGradGuard noGrad;
    for (int layer = 0; layer < m_layers; ++layer) {
        for (int m = 0; m < kModuleCount; ++m) {
            const LoraPair *p = pair(layer, LoraModule(m));
            if (!p) {
                continue;
            }
            for (const bool isA : {true, false}) {
                const std::string name = peftName(layer, LoraModule(m), isA);
                const auto it = tensors.find(name);
                const auto &target = isA ? p->a : p->b;
                if (it == tensors.end()) {
                    return fail(ErrorCode::NotFound, source + ": adapter tensor " + name + " is missing");
                }
                if (it->second.shape != target.sizes().vec()) {
                    return fail(ErrorCode::BadFormat, source + ": adapter tensor " + name + " has shape " +
                                                          c10::str(c10::IntArrayRef(it->second.shape)) +
                                                          ", the model needs " + c10::str(target.sizes()));
                }
                target.copy_(toTorch(it->second, target.device(), torch::kFloat32));
                ++used;
            }
        }
    }
    if (used != tensors.size()) {
        for (const auto &[name, tensor] : tensors) {
            if (name.find("lora_A") == std::string::npos && name.find("lora_B") == std::string::npos) {
                return fail(ErrorCode::Unsupported,
                            source + ": tensor " + name + " is not a LoRA matrix (modules_to_save is not supported)");
            }
        }
        return fail(ErrorCode::BadFormat, source + ": holds " + std::to_string(tensors.size()) +
                                              " adapter tensors, but the adapter config targets " +
                                              std::to_string(used) + " (layers or modules do not match this model)");
    }
    return {};
}

} // namespace detail
} // namespace fp::engine
