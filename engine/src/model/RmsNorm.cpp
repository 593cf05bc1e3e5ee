#include "model/RmsNorm.h"

#include <cmath>

namespace fp::engine::detail {
namespace {

// y = x * r * w per row, r = 1 / sqrt(mean(x^2) + eps); rInv (one per row) is kept for the backward pass.
void normRows(const float *x, const float *w, int64_t rows, int64_t dim, double eps, float *y, float *r) {
    for (int64_t n = 0; n < rows; ++n) {
        const float *in = x + n * dim;
        float sum = 0.f;
        for (int64_t d = 0; d < dim; ++d) {
            sum += in[d] * in[d];
        }
        const float scale = float(1.0 / std::sqrt(double(sum) / double(dim) + eps));
        r[n] = scale;
        for (int64_t d = 0; d < dim; ++d) {
            y[n * dim + d] = in[d] * scale * w[d];
        }
    }
}

// dx = r * (g w) - x * r^3 * mean(x * g w), per row.
void normRowsBackward(const float *x, const float *w, const float *r, const float *g, int64_t rows, int64_t dim,
                      float *dx) {
    for (int64_t n = 0; n < rows; ++n) {
        const float *in = x + n * dim, *grad = g + n * dim;
        float dot = 0.f;
        for (int64_t d = 0; d < dim; ++d) {
            dot += in[d] * grad[d] * w[d];
        }
        const float scale = r[n], correction = scale * scale * scale * dot / float(dim);
        for (int64_t d = 0; d < dim; ++d) {
            dx[n * dim + d] = scale * grad[d] * w[d] - in[d] * correction;
        }
    }
}

struct RmsNormFunction : torch::autograd::Function<RmsNormFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &x,
                                 const torch::Tensor &weight, double eps) {
        const int64_t dim = x.size(-1), rows = x.numel() / dim;
        auto y = torch::empty_like(x);
        auto r = torch::empty({rows}, x.options());
        normRows(x.data_ptr<float>(), weight.data_ptr<float>(), rows, dim, eps, y.data_ptr<float>(),
                 r.data_ptr<float>());
        ctx->save_for_backward({x, weight, r});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &weight = saved[1], &r = saved[2];
        const auto g = grads[0].contiguous();
        const int64_t dim = x.size(-1), rows = x.numel() / dim;
        auto dx = torch::empty_like(x);
        normRowsBackward(x.data_ptr<float>(), weight.data_ptr<float>(), r.data_ptr<float>(), g.data_ptr<float>(), rows,
                         dim, dx.data_ptr<float>());
        return {dx, torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor rmsNormFrozenWeight(const torch::Tensor &x, const torch::Tensor &weight, double eps) {
    return RmsNormFunction::apply(x.contiguous(), weight.contiguous(), eps);
}

} // namespace fp::engine::detail
