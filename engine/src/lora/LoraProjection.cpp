#include "lora/LoraProjection.h"

namespace fp::engine::detail {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// params: a0, b0, a1, b1, ... (one pair per slot); columns and widths: each slot's output columns.
struct LoraProjectionFunction : torch::autograd::Function<LoraProjectionFunction> {
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x, const torch::Tensor &weight,
                                 const c10::optional<torch::Tensor> &dropoutMask, at::TensorList params,
                                 std::vector<int64_t> columns, std::vector<int64_t> widths, double scaling) {
        const auto mask = dropoutMask.value_or(torch::Tensor());
        const auto input = mask.defined() ? x * mask : x;
        c10::List<torch::Tensor> as, bs;
        for (size_t i = 0; i < params.size(); i += 2) {
            as.push_back(params[i]);
            bs.push_back(params[i + 1]);
        }
        const int64_t rank = params[0].size(0);
        const auto a = as.size() == 1 ? as.get(0) : torch::cat(as.vec(), 0); // [slots * rank, in]
        const auto down = torch::mm(input, a.t());                           // [N, slots * rank]
        auto y = torch::mm(x, weight.t());
        for (size_t s = 0; s < as.size(); ++s) {
            y.narrow(1, columns[s], widths[s])
                .addmm_(down.narrow(1, int64_t(s) * rank, rank), bs.get(s).t(), 1.0, scaling);
        }
        ctx->save_for_backward({input, weight, mask, a, down});
        ctx->saved_data["as"] = as;
        ctx->saved_data["bs"] = bs;
        ctx->saved_data["columns"] = columns;
        ctx->saved_data["widths"] = widths;
        ctx->saved_data["scaling"] = scaling;
        return y;
    }

    // dx = dy W + ((dy_s B_s) scaling, per slot) A * mask; dA_s += (scaling dy_s B_s)^T input;
    // dB_s += scaling dy_s^T down_s. The adapter gradients go straight into their .grad tensors.
    static variable_list backward(AutogradContext *ctx, variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &input = saved[0], &weight = saved[1], &mask = saved[2], &a = saved[3], &down = saved[4];
        const auto as = ctx->saved_data["as"].toTensorList(), bs = ctx->saved_data["bs"].toTensorList();
        const auto columns = ctx->saved_data["columns"].toIntVector();
        const auto widths = ctx->saved_data["widths"].toIntVector();
        const double scaling = ctx->saved_data["scaling"].toDouble();
        const auto dy = grads[0].contiguous();
        const int64_t rank = a.size(0) / int64_t(as.size());
        auto up = torch::empty_like(down); // scaling * dy_s B_s per slot: [N, slots * rank]
        for (size_t s = 0; s < as.size(); ++s) {
            const auto dySlot = dy.narrow(1, columns[s], widths[s]);
            auto upSlot = up.narrow(1, int64_t(s) * rank, rank);
            torch::mm_out(upSlot, dySlot, bs.get(s));
            bs.get(s).mutable_grad().addmm_(dySlot.t(), down.narrow(1, int64_t(s) * rank, rank), 1.0, scaling);
        }
        up.mul_(scaling);
        for (size_t s = 0; s < as.size(); ++s) {
            as.get(s).mutable_grad().addmm_(up.narrow(1, int64_t(s) * rank, rank).t(), input);
        }
        variable_list result(3 + 2 * as.size() + 3); // x, weight, mask, params, columns, widths, scaling
        if (ctx->needs_input_grad(0)) {
            auto dx = torch::mm(dy, weight);
            result[0] = mask.defined() ? dx.add_(torch::mm(up, a).mul_(mask)) : dx.addmm_(up, a);
        }
        return result;
    }
};

} // namespace

torch::Tensor projectWithAdapters(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &mask,
                                  const std::vector<AdapterSlot> &slots, double scaling) {
    std::vector<torch::Tensor> params;
    std::vector<int64_t> columns, widths;
    for (const auto &slot : slots) {
        params.push_back(slot.pair->a);
        params.push_back(slot.pair->b);
        columns.push_back(slot.column);
        widths.push_back(slot.width);
    }
    const c10::optional<torch::Tensor> dropoutMask = mask.defined() ? c10::optional<torch::Tensor>(mask) : c10::nullopt;
    return LoraProjectionFunction::apply(x, weight, dropoutMask, at::TensorList(params), columns, widths, scaling);
}

} // namespace fp::engine::detail
