#include "fedpilot/engine/Aggregation.h"

#include "model/Guard.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

namespace fp::engine {
namespace {

constexpr std::string_view kLoraA = "lora_A.weight";
constexpr std::string_view kLoraB = "lora_B.weight";

std::string shapeText(const std::vector<int64_t> &shape) {
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        text += (i == 0 ? "" : ", ") + std::to_string(shape[i]);
    }
    return text + "]";
}

// "x.lora_A.weight" -> "x.lora_B.weight" and back; empty when name is neither.
std::string partnerName(const std::string &name) {
    for (auto [from, to] : {std::pair{kLoraA, kLoraB}, std::pair{kLoraB, kLoraA}}) {
        if (name.ends_with(from)) {
            return name.substr(0, name.size() - from.size()) + std::string(to);
        }
    }
    return {};
}

Result<std::vector<double>> normalisedWeights(const std::vector<const TensorMap *> &updates,
                                              const std::vector<double> &weights) {
    if (updates.empty()) {
        return fail(ErrorCode::InvalidArgument, "aggregation: no client updates");
    }
    if (weights.size() != updates.size()) {
        return fail(ErrorCode::InvalidArgument, "aggregation: " + std::to_string(weights.size()) + " weights for " +
                                                    std::to_string(updates.size()) + " client updates");
    }
    double sum = 0.0;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (!std::isfinite(weights[i]) || weights[i] < 0.0) {
            return fail(ErrorCode::InvalidArgument, "aggregation: client " + std::to_string(i) + " has weight " +
                                                        std::to_string(weights[i]) + ", expected a finite value >= 0");
        }
        if (updates[i] == nullptr) {
            return fail(ErrorCode::InvalidArgument, "aggregation: client " + std::to_string(i) + " has no update");
        }
        sum += weights[i];
    }
    if (!(sum > 0.0) || !std::isfinite(sum)) {
        return fail(ErrorCode::InvalidArgument, "aggregation: the weights sum to zero");
    }
    std::vector<double> normalised;
    for (double w : weights) {
        normalised.push_back(w / sum);
    }
    return normalised;
}

// Dimensions clients may disagree on: FlexLoRA accepts different ranks (lora_A's rows, lora_B's columns).
bool rankDimension(const std::string &name, size_t dim) {
    return (name.ends_with(kLoraA) && dim == 0) || (name.ends_with(kLoraB) && dim == 1);
}

Result<void> checkTensor(const RawTensor &t, const RawTensor &first, const std::string &name, size_t client,
                         bool ranksMayDiffer) {
    const std::string where = "aggregation: tensor " + name + " of client " + std::to_string(client);
    if (t.dtype != DType::F32 || !t.hasConsistentSize()) {
        return fail(ErrorCode::InvalidArgument,
                    where + ": expected consistent F32 data, found " + dtypeName(t.dtype) + " " + shapeText(t.shape));
    }
    bool same = t.shape.size() == first.shape.size();
    for (size_t d = 0; same && d < t.shape.size(); ++d) {
        same = t.shape[d] == first.shape[d] || (ranksMayDiffer && rankDimension(name, d));
    }
    if (!same) {
        return fail(ErrorCode::InvalidArgument,
                    where + ": shape " + shapeText(t.shape) + " differs from client 0's " + shapeText(first.shape));
    }
    return {};
}

// Every client holds the same tensor names, all F32, of client 0's shapes (up to the rank for FlexLoRA).
Result<void> checkClients(const std::vector<const TensorMap *> &updates, bool ranksMayDiffer) {
    const TensorMap &first = *updates[0];
    for (size_t c = 0; c < updates.size(); ++c) {
        for (const auto &[name, tensor] : *updates[c]) {
            if (!first.contains(name)) {
                return fail(ErrorCode::InvalidArgument, "aggregation: tensor " + name + " of client " +
                                                            std::to_string(c) + " is missing from client 0");
            }
            if (auto ok = checkTensor(tensor, first.at(name), name, c, ranksMayDiffer); !ok) {
                return ok;
            }
        }
        for (const auto &entry : first) {
            if (!updates[c]->contains(entry.first)) {
                return fail(ErrorCode::InvalidArgument,
                            "aggregation: client " + std::to_string(c) + " lacks tensor " + entry.first);
            }
        }
    }
    return {};
}

// Weighted mean of one tensor over clients, in double, clients in order.
RawTensor averageTensor(const std::vector<const TensorMap *> &updates, const std::string &name,
                        const std::vector<double> &weights) {
    const RawTensor &first = updates[0]->at(name);
    std::vector<double> sum(size_t(first.numel()), 0.0);
    std::vector<float> values(sum.size());
    for (size_t c = 0; c < updates.size(); ++c) {
        std::memcpy(values.data(), updates[c]->at(name).bytes.data(), values.size() * sizeof(float));
        for (size_t k = 0; k < sum.size(); ++k) {
            sum[k] += weights[c] * double(values[k]);
        }
    }
    for (size_t k = 0; k < sum.size(); ++k) {
        values[k] = float(sum[k]);
    }
    return RawTensor::fromFloat32(first.shape, values.data());
}

torch::Tensor toDouble(const RawTensor &t) {
    auto *data = const_cast<std::byte *>(t.bytes.data()); // from_blob wants a mutable pointer; it is only read
    return torch::from_blob(data, t.shape, torch::kFloat32).to(torch::kFloat64);
}

RawTensor toRaw(const torch::Tensor &t) {
    const torch::Tensor f = t.to(torch::kFloat32).contiguous();
    return RawTensor::fromFloat32(f.sizes().vec(), f.data_ptr<float>());
}

// Flips column j of U (and row j of Vh) so that its largest-magnitude entry (the first of ties) is positive.
void fixSigns(torch::Tensor &u, torch::Tensor &vh) {
    const torch::Tensor largest = u.abs().argmax(0, /*keepdim=*/true);
    torch::Tensor signs = u.gather(0, largest).sign();
    signs = torch::where(signs == 0, torch::ones_like(signs), signs);
    u = u * signs;
    vh = vh * signs.t();
}

// FlexLoRA for one module: returns {B [out, rank], A [rank, in]}.
std::pair<RawTensor, RawTensor> flexLoraModule(const std::vector<const TensorMap *> &updates, const std::string &a,
                                               const std::string &b, const std::vector<double> &weights, int rank) {
    std::vector<torch::Tensor> bs;
    std::vector<torch::Tensor> as;
    for (size_t c = 0; c < updates.size(); ++c) {
        bs.push_back(toDouble(updates[c]->at(b)) * weights[c]);
        as.push_back(toDouble(updates[c]->at(a)));
    }
    // W = sum_c w_c B_c A_c = Bs As with Bs = [w_1 B_1 ... w_n B_n], As = [A_1; ...; A_n]. With Bs = Qb Rb and
    // As^T = Qa Ra: W = Qb (Rb Ra^T) Qa^T, so the SVD of the small core gives W's.
    const auto [qb, rb] = torch::linalg::qr(torch::cat(bs, 1), "reduced");
    const auto [qa, ra] = torch::linalg::qr(torch::cat(as, 0).t(), "reduced");
    const auto [uc, s, vhc] = torch::linalg::svd(rb.mm(ra.t()), /*full_matrices=*/false, c10::nullopt);
    const int64_t kept = std::min<int64_t>(rank, s.size(0));
    torch::Tensor u = qb.mm(uc).narrow(1, 0, kept);
    torch::Tensor vh = vhc.mm(qa.t()).narrow(0, 0, kept);
    fixSigns(u, vh);
    const torch::Tensor root = s.narrow(0, 0, kept).sqrt();
    torch::Tensor outB = torch::zeros({u.size(0), rank}, torch::kFloat64);
    torch::Tensor outA = torch::zeros({rank, vh.size(1)}, torch::kFloat64);
    outB.narrow(1, 0, kept).copy_(u * root);
    outA.narrow(0, 0, kept).copy_(root.unsqueeze(1) * vh);
    return {toRaw(outB), toRaw(outA)};
}

// Every lora_A has its lora_B (and the reverse), both 2-D, with as many rows of A as columns of B.
Result<void> checkPairs(const std::vector<const TensorMap *> &updates) {
    for (size_t c = 0; c < updates.size(); ++c) {
        for (const auto &[name, tensor] : *updates[c]) {
            const std::string partner = partnerName(name);
            if (partner.empty()) {
                continue;
            }
            if (!updates[c]->contains(partner)) {
                return fail(ErrorCode::InvalidArgument,
                            "aggregation: tensor " + name + " of client " + std::to_string(c) + " has no " + partner);
            }
            const bool isA = name.ends_with(kLoraA);
            const RawTensor &a = isA ? tensor : updates[c]->at(partner);
            const RawTensor &b = isA ? updates[c]->at(partner) : tensor;
            if (a.shape.size() != 2 || b.shape.size() != 2 || a.shape[0] != b.shape[1] || a.shape[0] < 1) {
                return fail(ErrorCode::InvalidArgument, "aggregation: client " + std::to_string(c) + ": " + name + " " +
                                                            shapeText(tensor.shape) + " does not pair with " + partner +
                                                            " (expected A [r, in] and B [out, r], r >= 1)");
            }
        }
    }
    return {};
}

} // namespace

Result<TensorMap> aggregateFedAvg(const std::vector<const TensorMap *> &updates, const std::vector<double> &weights) {
    auto normalised = normalisedWeights(updates, weights);
    if (!normalised) {
        return std::unexpected(normalised.error());
    }
    if (auto ok = checkClients(updates, false); !ok) {
        return std::unexpected(ok.error());
    }
    return detail::catchAtBoundary("FedAvg", [&]() -> Result<TensorMap> {
        TensorMap result;
        for (const auto &entry : *updates[0]) {
            result[entry.first] = averageTensor(updates, entry.first, *normalised);
        }
        return result;
    });
}

Result<TensorMap> aggregateFlexLora(const std::vector<const TensorMap *> &updates, const std::vector<double> &weights,
                                    int rank) {
    if (rank < 1) {
        return fail(ErrorCode::InvalidArgument, "FlexLoRA: rank " + std::to_string(rank) + ", expected >= 1");
    }
    auto normalised = normalisedWeights(updates, weights);
    if (!normalised) {
        return std::unexpected(normalised.error());
    }
    if (auto ok = checkClients(updates, true); !ok) {
        return std::unexpected(ok.error());
    }
    if (auto ok = checkPairs(updates); !ok) {
        return std::unexpected(ok.error());
    }
    return detail::guarded("FlexLoRA", [&]() -> Result<TensorMap> {
        TensorMap result;
        for (const auto &entry : *updates[0]) {
            const std::string &name = entry.first;
            if (!name.ends_with(kLoraA)) {
                if (partnerName(name).empty()) {
                    result[name] = averageTensor(updates, name, *normalised);
                }
                continue;
            }
            const std::string b = partnerName(name);
            auto [outB, outA] = flexLoraModule(updates, name, b, *normalised, rank);
            result[b] = std::move(outB);
            result[name] = std::move(outA);
        }
        return result;
    });
}

} // namespace fp::engine
