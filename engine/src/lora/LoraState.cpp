#include "lora/LoraState.h"

#include "lora/LoraProjection.h"
#include "model/LlamaModel.h"

#include <array>
#include <cmath>
#include <mutex>

namespace fp::engine {

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

namespace {

// A dropout mask (0 or 1 / (1 - p)) of the given shape, fp32 on the CPU. The bits come from a SplitMix64
// stream whose seed is drawn from torch's default generator, so torch::manual_seed still fixes every mask;
// one pass over a buffer is several times faster than bernoulli_, which calls the generator per element.
torch::Tensor dropoutMask(c10::IntArrayRef shape, float p) {
    uint64_t state = 0;
    {
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        state = generator.get<at::CPUGeneratorImpl>()->random64();
    }
    auto mask = torch::empty(shape, torch::TensorOptions().dtype(torch::kFloat32));
    float *out = mask.data_ptr<float>();
    const int64_t n = mask.numel();
    const auto threshold = uint32_t(double(p) * double(1u << 24)); // keep when 24 random bits >= p * 2^24
    const float keep = 1.f / (1.f - p);
    for (int64_t i = 0; i < n; i += 2) {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        out[i] = uint32_t(z >> 40) >= threshold ? keep : 0.f;
        if (i + 1 < n) {
            out[i + 1] = uint32_t(z & 0xffffffu) >= threshold ? keep : 0.f;
        }
    }
    return mask;
}

} // namespace

torch::Tensor LoraState::dropout(const torch::Tensor &x, bool training) const {
    if (!training || !(m_config.dropout > 0.f)) {
        return x;
    }
    return x * dropoutMask(x.sizes(), m_config.dropout).to(x.options());
}

std::vector<torch::Tensor> LoraState::project(const torch::Tensor &x, const torch::Tensor &weight,
                                              const std::vector<int64_t> &sizes, int layer, LoraModule first,
                                              bool training) const {
    std::vector<AdapterSlot> slots;
    bool fused = torch::GradMode::is_enabled() && x.scalar_type() == torch::kFloat32;
    int64_t column = 0;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (const LoraPair *p = pair(layer, LoraModule(first + int(i)))) {
            slots.push_back({p, column, sizes[i]});
            fused = fused && p->a.requires_grad() && p->a.grad().defined() && p->b.grad().defined();
        }
        column += sizes[i];
    }
    const auto split = [&](const torch::Tensor &y) {
        return sizes.size() == 1 ? std::vector<torch::Tensor>{y} : y.split_with_sizes(sizes, 1);
    };
    if (slots.empty() || !fused) {
        return applyGroup(split(torch::mm(x, weight.t())), x, layer, first, training);
    }
    const bool drop = training && m_config.dropout > 0.f;
    const auto mask = drop ? dropoutMask(x.sizes(), m_config.dropout).to(x.options()) : torch::Tensor();
    return split(projectWithAdapters(x, weight, mask, slots, m_config.scaling()));
}

std::vector<torch::Tensor> LoraState::applyGroup(std::vector<torch::Tensor> bases, const torch::Tensor &x, int layer,
                                                 LoraModule first, bool training) const {
    std::vector<const LoraPair *> pairs;
    std::vector<torch::Tensor> as;
    for (size_t i = 0; i < bases.size(); ++i) {
        pairs.push_back(pair(layer, LoraModule(first + int(i))));
        if (pairs.back()) {
            as.push_back(pairs.back()->a);
        }
    }
    if (as.empty()) {
        return bases;
    }
    const auto input = dropout(x, training);
    auto a = as.size() == 1 ? as.front() : torch::cat(as, 0); // [count * rank, in]
    if (a.scalar_type() != x.scalar_type()) {
        a = a.to(x.scalar_type());
    }
    // split (not narrow): its backward is one cat, not one zero-filled full-width gradient per part.
    const auto down = torch::mm(input, a.t()).split(m_config.rank, 1);
    size_t next = 0;
    for (size_t i = 0; i < bases.size(); ++i) {
        if (pairs[i]) {
            const auto &b = pairs[i]->b;
            bases[i] = torch::addmm(bases[i], down[next++],
                                    b.scalar_type() == x.scalar_type() ? b.t() : b.to(x.scalar_type()).t(), 1.0,
                                    m_config.scaling());
        }
    }
    return bases;
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
