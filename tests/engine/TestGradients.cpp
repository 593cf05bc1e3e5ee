// White-box: the hand-written backward passes (causal attention, RMSNorm, LoRA-adapted projections) against
// LibTorch autograd of the plain formulation. The references run in float64 from the same float32 inputs, so
// what is measured is the kernels' own rounding; each comparison prints its largest difference.
//
// What the kernels accept, and so what is covered:
//  - causalAttention: fp32 only, head dims 4, 8, 16, 24, 32 (causalAttentionApplies sends every other head dim,
//    e.g. 6 or 10, and fp64 to LibTorch's ops), grouped-query heads, no padding or attention mask (every row is
//    a real token). Both vector paths: 8 lanes (AVX2 + FMA, head dims that are multiples of 8) and the 4-lane
//    path, forced with forceVectorPath(VectorPath::Portable).
//  - rmsNormFrozenWeight: fp32 only (LlamaModel calls it for fp32 training only), gradient of x only: the weight
//    is frozen by design and gets no gradient.
//  - projectWithAdapters: fp32 and fp64, one or several slots (grouped q/k/v, gate/up), columns without an
//    adapter, dropout masks; the adapter gradients are added into pre-set .grad slices of one flat buffer.
#include "lora/LoraProjection.h"
#include "lora/LoraState.h"
#include "model/CausalAttention.h"
#include "model/RmsNorm.h"

#include <QTest>

#include <torch/torch.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

using namespace fp::engine;
using namespace fp::engine::detail;

namespace {

// Largest |got - reference| and the bound it must stay under: tolerance * max(1, largest |reference|).
struct Difference {
    double max = 0.0;
    double bound = 0.0;
};

Difference difference(const torch::Tensor &got, const torch::Tensor &reference, double tolerance) {
    const auto ref = reference.detach().to(torch::kFloat64);
    const double diff = (got.detach().to(torch::kFloat64) - ref).abs().max().item<double>();
    const double scale = std::max(1.0, ref.abs().max().item<double>());
    return {diff, tolerance * scale};
}

} // namespace

// Compares a tensor with its reference (same shape, max abs difference within tolerance * max(1, max |ref|)),
// prints the difference, and fails the test function when it is larger or not finite.
#define FP_COMPARE_CLOSE(label, got, reference, tolerance)                                                             \
    do {                                                                                                               \
        const QString label_ = QString::fromUtf8(label);                                                               \
        const torch::Tensor got_ = (got);                                                                              \
        const torch::Tensor ref_ = (reference);                                                                        \
        QVERIFY2(got_.defined(), qPrintable(label_ + QStringLiteral(" is undefined")));                                \
        QVERIFY2(got_.sizes() == ref_.sizes(), qPrintable(label_ + QStringLiteral(": shapes differ")));                \
        const Difference d_ = difference(got_, ref_, (tolerance));                                                     \
        qInfo("  %-12s max |diff| %.3g (bound %.3g)", qPrintable(label_), d_.max, d_.bound);                           \
        QVERIFY2(std::isfinite(d_.max) && d_.max <= d_.bound,                                                          \
                 qPrintable(label_ + QStringLiteral(": max |diff| %1 > %2").arg(d_.max).arg(d_.bound)));               \
    } while (false)

namespace {

constexpr double kFp32Tolerance = 1e-5; // relative to max(1, max |reference|)
constexpr double kFp64Tolerance = 1e-12;

// softmax(scale q k^T + causal mask) v with ordinary ops; q [B, T, H, hd], k and v [B, T, kvH, hd].
// Returns [B * T, H * hd] like causalAttention.
torch::Tensor referenceAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v, double scale,
                                 bool causal = true) {
    const int64_t batch = q.size(0), length = q.size(1), heads = q.size(2), groups = heads / k.size(2);
    const auto qh = q.transpose(1, 2);                              // [B, H, T, hd]
    const auto kh = k.repeat_interleave(groups, 2).transpose(1, 2); // query head h reads kv head h / groups
    const auto vh = v.repeat_interleave(groups, 2).transpose(1, 2);
    auto scores = torch::matmul(qh, kh.transpose(2, 3)) * scale; // [B, H, T, T]
    if (causal) {
        const auto future = torch::ones({length, length}, torch::kBool).triu(1);
        scores = scores.masked_fill(future, -std::numeric_limits<double>::infinity());
    }
    const auto out = torch::matmul(torch::softmax(scores, -1), vh); // [B, H, T, hd]
    return out.transpose(1, 2).reshape({batch * length, heads * q.size(3)});
}

// x * rsqrt(mean(x^2) + eps) * w with ordinary ops.
torch::Tensor referenceRmsNorm(const torch::Tensor &x, const torch::Tensor &w, double eps) {
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + eps) * w;
}

} // namespace

class TestGradients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { torch::manual_seed(20240611); }
    void cleanup() { forceVectorPath(VectorPath::Widest); }

    void attentionTakesOnlyTheHeadDimsItHasKernelsFor() {
        for (const int64_t hd : {4, 8, 16, 24, 32}) {
            QVERIFY2(causalAttentionApplies(torch::kFloat32, torch::kCPU, hd), qPrintable(QString::number(hd)));
        }
        for (const int64_t hd : {2, 6, 10, 12, 20, 40, 64}) {
            QVERIFY2(!causalAttentionApplies(torch::kFloat32, torch::kCPU, hd), qPrintable(QString::number(hd)));
        }
        QVERIFY(!causalAttentionApplies(torch::kFloat64, torch::kCPU, 8));
        QVERIFY(!causalAttentionApplies(torch::kBFloat16, torch::kCPU, 8));
    }

    void attentionMatchesAutograd_data() {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<int>("lanes");
        struct Shape {
            const char *name;
            int batch, length, heads, kvHeads, headDim;
        };
        const Shape shapes[] = {
            {"T=1", 1, 1, 1, 1, 8},
            {"T=2 hd=16", 1, 2, 2, 2, 16},
            {"T=7 hd=8", 1, 7, 2, 2, 8},
            {"T=9 B=2 GQA 4/2", 2, 9, 4, 2, 8},
            {"T=17 MQA 3/1 hd=24", 1, 17, 3, 1, 24},
            {"T=33 B=2 GQA 2/1 hd=32", 2, 33, 2, 1, 32},
            {"T=64 B=3 hd=8", 3, 64, 4, 4, 8},
        };
        for (const int lanes : {8, 4}) {
            for (const auto &s : shapes) {
                QTest::addRow("%s, %d lanes", s.name, lanes)
                    << s.batch << s.length << s.heads << s.kvHeads << s.headDim << lanes;
            }
        }
        // Head dim 4 (a multiple of 4, not of 8) has only the 4-lane kernel.
        QTest::addRow("T=1 hd=4, 4 lanes") << 1 << 1 << 1 << 1 << 4 << 4;
        QTest::addRow("T=11 B=2 GQA 4/2 hd=4, 4 lanes") << 2 << 11 << 4 << 2 << 4 << 4;
    }
    void attentionMatchesAutograd() {
        QFETCH(int, batch);
        QFETCH(int, length);
        QFETCH(int, heads);
        QFETCH(int, kvHeads);
        QFETCH(int, headDim);
        QFETCH(int, lanes);
        forceVectorPath(lanes == 4 ? VectorPath::Portable : VectorPath::Widest);
        if (lanes == 8 && causalAttentionLanes(headDim) != 8) {
            QSKIP("this CPU has no AVX2 + FMA: only the 4-lane path runs here");
        }
        QCOMPARE(causalAttentionLanes(headDim), lanes);

        const double scale = 1.0 / std::sqrt(double(headDim));
        const auto q = torch::randn({batch, length, heads, headDim});
        const auto k = torch::randn({batch, length, kvHeads, headDim});
        const auto v = torch::randn({batch, length, kvHeads, headDim});
        const auto dOut = torch::randn({batch * length, heads * headDim});

        const auto qk = q.clone().requires_grad_(), kk = k.clone().requires_grad_(), vk = v.clone().requires_grad_();
        const auto out = causalAttention(qk, kk, vk, scale);
        out.backward(dOut);

        const auto q64 = q.to(torch::kFloat64).requires_grad_(), k64 = k.to(torch::kFloat64).requires_grad_(),
                   v64 = v.to(torch::kFloat64).requires_grad_();
        const auto ref = referenceAttention(q64, k64, v64, scale);
        ref.backward(dOut.to(torch::kFloat64));

        // For scale: LibTorch's own fp32 ops against the same fp64 reference.
        const auto q32 = q.clone().requires_grad_(), k32 = k.clone().requires_grad_(), v32 = v.clone().requires_grad_();
        referenceAttention(q32, k32, v32, scale).backward(dOut);
        qInfo("  LibTorch fp32: dq %.3g, dk %.3g, dv %.3g", difference(q32.grad(), q64.grad(), 1).max,
              difference(k32.grad(), k64.grad(), 1).max, difference(v32.grad(), v64.grad(), 1).max);

        FP_COMPARE_CLOSE("output", out, ref, kFp32Tolerance);
        FP_COMPARE_CLOSE("dq", qk.grad(), q64.grad(), kFp32Tolerance);
        FP_COMPARE_CLOSE("dk", kk.grad(), k64.grad(), kFp32Tolerance);
        FP_COMPARE_CLOSE("dv", vk.grad(), v64.grad(), kFp32Tolerance);
    }

    void attentionPathsAgree() {
        // The two vector widths sum in different orders, so they need not agree bit for bit, only closely.
        forceVectorPath(VectorPath::Widest);
        if (causalAttentionLanes(16) != 8) {
            QSKIP("this CPU has no AVX2 + FMA: only the 4-lane path runs here");
        }
        const auto q = torch::randn({2, 21, 4, 16}), k = torch::randn({2, 21, 2, 16}), v = torch::randn({2, 21, 2, 16});
        const auto dOut = torch::randn({2 * 21, 4 * 16});
        std::vector<torch::Tensor> results[2];
        for (const auto path : {VectorPath::Widest, VectorPath::Portable}) {
            forceVectorPath(path);
            const auto qa = q.clone().requires_grad_(), ka = k.clone().requires_grad_(),
                       va = v.clone().requires_grad_();
            const auto out = causalAttention(qa, ka, va, 0.25);
            out.backward(dOut);
            results[path == VectorPath::Portable] = {out, qa.grad(), ka.grad(), va.grad()};
        }
        const char *names[] = {"output", "dq", "dk", "dv"};
        for (size_t i = 0; i < 4; ++i) {
            const auto d = difference(results[1][i], results[0][i], kFp32Tolerance);
            qInfo("  8 vs 4 lanes %-6s max |diff| %.3g (bound %.3g)", names[i], d.max, d.bound);
            QVERIFY2(d.max <= d.bound, names[i]);
        }
    }

    void attentionComparisonSeesTheCausalMask() {
        // The comparison above can fail: the same kernel output is far from attention without the causal mask.
        const auto q = torch::randn({1, 6, 2, 8}), k = torch::randn({1, 6, 2, 8}), v = torch::randn({1, 6, 2, 8});
        const auto out = causalAttention(q, k, v, 0.35);
        const auto open =
            referenceAttention(q.to(torch::kFloat64), k.to(torch::kFloat64), v.to(torch::kFloat64), 0.35, false);
        const auto d = difference(out, open, kFp32Tolerance);
        qInfo("  against attention without a mask: max |diff| %.3g", d.max);
        QVERIFY(d.max > 100 * d.bound);
    }

    void rmsNormMatchesAutograd_data() {
        QTest::addColumn<QList<int>>("shape");
        QTest::addColumn<double>("eps");
        QTest::addColumn<double>("magnitude");
        QTest::addColumn<bool>("zeroRow"); // row 0 all zeros: eps alone keeps it finite
        QTest::addRow("1 x 1") << QList<int>{1, 1} << 1e-5 << 1.0 << false;
        QTest::addRow("1 x 7") << QList<int>{1, 7} << 1e-5 << 1.0 << false;
        QTest::addRow("5 x 33") << QList<int>{5, 33} << 1e-6 << 1.0 << false;
        QTest::addRow("3 x 64 small values") << QList<int>{3, 64} << 1e-5 << 1e-3 << false;
        QTest::addRow("3 x 64 large values") << QList<int>{3, 64} << 1e-5 << 30.0 << false;
        QTest::addRow("2 x 3 x 10") << QList<int>{2, 3, 10} << 1e-5 << 1.0 << false;
        QTest::addRow("4 x 9 with a zero row") << QList<int>{4, 9} << 1e-5 << 1.0 << true;
    }
    void rmsNormMatchesAutograd() {
        QFETCH(QList<int>, shape);
        QFETCH(double, eps);
        QFETCH(double, magnitude);
        QFETCH(bool, zeroRow);
        const std::vector<int64_t> sizes(shape.begin(), shape.end());
        const int64_t dim = sizes.back();
        auto x = torch::randn(sizes) * magnitude;
        if (zeroRow) {
            x.view({-1, dim})[0].zero_();
        }
        const auto w = torch::randn({dim});
        const auto dy = torch::randn(sizes);

        const auto xk = x.clone().requires_grad_();
        const auto wk = w.clone().requires_grad_(); // frozen by design: the node gives it no gradient
        const auto y = rmsNormFrozenWeight(xk, wk, eps);
        y.backward(dy);

        const auto x64 = x.to(torch::kFloat64).requires_grad_();
        const auto ref = referenceRmsNorm(x64, w.to(torch::kFloat64), eps);
        ref.backward(dy.to(torch::kFloat64));

        FP_COMPARE_CLOSE("output", y, ref, kFp32Tolerance);
        FP_COMPARE_CLOSE("dx", xk.grad(), x64.grad(), kFp32Tolerance);
        QVERIFY2(!wk.grad().defined(), "the frozen weight got a gradient");
    }

    void loraProjectionMatchesAutograd_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("in");
        QTest::addColumn<QList<int>>("sizes");   // output columns of each module
        QTest::addColumn<QList<int>>("adapted"); // 1: the module has an adapter
        QTest::addColumn<int>("rank");
        QTest::addColumn<double>("dropout"); // 0: no mask
        QTest::addColumn<bool>("float64");
        QTest::addColumn<bool>("inputGrad"); // false: x does not require grad (layer 0's input)
        struct Case {
            const char *name;
            int rows, in;
            QList<int> sizes, adapted;
            int rank;
            double dropout;
            bool inputGrad;
        };
        const Case cases[] = {
            {"o_proj", 5, 12, {12}, {1}, 4, 0.0, true},
            {"o_proj one row", 1, 12, {12}, {1}, 4, 0.0, true},
            {"q/k/v grouped", 6, 16, {16, 8, 8}, {1, 1, 1}, 2, 0.0, true},
            {"q/k/v grouped, dropout", 6, 16, {16, 8, 8}, {1, 1, 1}, 2, 0.3, true},
            {"q and v, k without adapter", 7, 16, {16, 8, 8}, {1, 0, 1}, 3, 0.0, true},
            {"gate/up grouped, dropout", 4, 10, {27, 27}, {1, 1}, 3, 0.1, true},
            {"down_proj, x without grad", 3, 27, {10}, {1}, 2, 0.2, false},
        };
        for (const bool float64 : {false, true}) {
            for (const auto &c : cases) {
                QTest::addRow("%s, %s", c.name, float64 ? "fp64" : "fp32")
                    << c.rows << c.in << c.sizes << c.adapted << c.rank << c.dropout << float64 << c.inputGrad;
            }
        }
    }
    void loraProjectionMatchesAutograd() {
        QFETCH(int, rows);
        QFETCH(int, in);
        QFETCH(QList<int>, sizes);
        QFETCH(QList<int>, adapted);
        QFETCH(int, rank);
        QFETCH(double, dropout);
        QFETCH(bool, float64);
        QFETCH(bool, inputGrad);
        const auto dtype = float64 ? torch::kFloat64 : torch::kFloat32;
        const double tolerance = float64 ? kFp64Tolerance : kFp32Tolerance;
        const int64_t out = std::accumulate(sizes.begin(), sizes.end(), int64_t(0));
        const double scaling = 16.0 / rank;

        const auto x = torch::randn({rows, in}, dtype);
        const auto weight = torch::randn({out, in}, dtype) / std::sqrt(double(in));
        // A dropout mask as LoRA draws it, 0 or 1 / (1 - p), fixed here so that the reference can use it.
        const auto mask = dropout > 0.0
                              ? torch::bernoulli(torch::full({rows, in}, 1.0 - dropout, dtype)) / (1.0 - dropout)
                              : torch::Tensor();
        const auto dy = torch::randn({rows, out}, dtype);

        // Adapters as LoraState lays them out: leaves sharing one flat buffer, their .grad slices of one flat
        // gradient buffer. The buffer starts non-zero: the backward pass must add, not overwrite.
        std::vector<int64_t> offsets;
        int64_t total = 0;
        for (qsizetype m = 0; m < sizes.size(); ++m) {
            offsets.push_back(total);
            total += adapted[m] ? int64_t(rank) * (in + sizes[m]) : 0;
        }
        const auto flat = torch::randn({total}, dtype) * 0.3;
        const auto initialGrad = torch::randn({total}, dtype);
        auto flatGrad = initialGrad.clone();
        std::vector<LoraPair> pairs(size_t(sizes.size()));
        std::vector<AdapterSlot> slots;
        std::vector<torch::Tensor> referenceLeaves; // float64 copies of A and B, in slot order
        int64_t column = 0;
        for (qsizetype m = 0; m < sizes.size(); ++m) {
            if (adapted[m]) {
                const int64_t off = offsets[size_t(m)], width = sizes[m];
                auto &p = pairs[size_t(m)];
                p.a = flat.narrow(0, off, rank * in).view({rank, in}).detach().requires_grad_(true);
                p.b = flat.narrow(0, off + rank * in, width * rank).view({width, rank}).detach().requires_grad_(true);
                p.a.mutable_grad() = flatGrad.narrow(0, off, rank * in).view({rank, in});
                p.b.mutable_grad() = flatGrad.narrow(0, off + rank * in, width * rank).view({width, rank});
                slots.push_back({&p, column, width});
                referenceLeaves.push_back(p.a.detach().to(torch::kFloat64).requires_grad_());
                referenceLeaves.push_back(p.b.detach().to(torch::kFloat64).requires_grad_());
            }
            column += sizes[m];
        }

        const auto xk = x.clone().requires_grad_(inputGrad);
        const auto y = projectWithAdapters(xk, weight, mask, slots, scaling);
        QVERIFY2(y.requires_grad(), "no autograd node recorded for the adapters");
        y.backward(dy);

        // Reference: x W^T + scaling * B (A (mask * x)) per adapted module, in float64.
        const auto x64 = x.to(torch::kFloat64).requires_grad_(inputGrad);
        const auto input64 = mask.defined() ? x64 * mask.to(torch::kFloat64) : x64;
        std::vector<torch::Tensor> parts;
        size_t leaf = 0;
        column = 0;
        for (qsizetype m = 0; m < sizes.size(); ++m) {
            auto part = torch::mm(x64, weight.to(torch::kFloat64).narrow(0, column, sizes[m]).t());
            if (adapted[m]) {
                const auto &a = referenceLeaves[leaf++], &b = referenceLeaves[leaf++];
                part = part + scaling * torch::mm(torch::mm(input64, a.t()), b.t());
            }
            parts.push_back(part);
            column += sizes[m];
        }
        const auto ref = torch::cat(parts, 1);
        ref.backward(dy.to(torch::kFloat64));

        FP_COMPARE_CLOSE("output", y, ref, tolerance);
        if (inputGrad) {
            FP_COMPARE_CLOSE("dx", xk.grad(), x64.grad(), tolerance);
        }
        // Every adapter's gradient, read from the flat buffer less what it held before.
        const auto added = flatGrad - initialGrad;
        leaf = 0;
        for (qsizetype m = 0; m < sizes.size(); ++m) {
            if (!adapted[m]) {
                continue;
            }
            const int64_t off = offsets[size_t(m)], width = sizes[m];
            const auto &a = referenceLeaves[leaf++], &b = referenceLeaves[leaf++];
            const std::string index = "[" + std::to_string(m) + "]";
            FP_COMPARE_CLOSE(("dA" + index).c_str(), added.narrow(0, off, rank * in).view({rank, in}), a.grad(),
                             tolerance);
            FP_COMPARE_CLOSE(("dB" + index).c_str(), added.narrow(0, off + rank * in, width * rank).view({width, rank}),
                             b.grad(), tolerance);
        }
        QVERIFY2(added.abs().max().item<double>() > 1e-3, "the adapters got no gradient at all");
    }

    void loraStateProjectionMatchesItsUnfusedPath() {
        // LoraState::project in training runs the fused node; applyGroup is the same adapters as plain LibTorch
        // ops. With the same seed both draw the same dropout mask, so outputs and the gradients both add into
        // the flat buffer must agree.
        LlamaConfig model;
        model.dim = 16;
        model.hiddenDim = 40;
        model.nLayers = 2;
        model.nHeads = 4;
        model.nKvHeads = 2;
        model.vocabSize = 32;
        model.maxSeqLen = 16;
        LoraConfig config;
        config.rank = 4;
        config.alpha = 8.f;
        config.dropout = 0.25f;
        LoraState lora;
        QVERIFY(lora.attach(config, model, torch::kCPU, 7).has_value());
        {
            torch::NoGradGuard noGrad;
            lora.flatParameters().normal_(0.0, 0.3); // B starts at zero, which would hide dA
        }
        const auto x = torch::randn({9, model.dim});
        const auto weight = torch::randn({model.dim + 2 * model.kvDim(), model.dim}) * 0.25;
        const std::vector<int64_t> sizes = {model.dim, model.kvDim(), model.kvDim()};
        const auto dy = torch::randn({9, model.dim + 2 * model.kvDim()});

        const auto run = [&](bool fused, torch::Tensor &dx) {
            lora.flatGradients().zero_();
            torch::manual_seed(99);
            const auto xi = x.clone().requires_grad_();
            const auto parts =
                fused ? lora.project(xi, weight, sizes, 1, kQ, true)
                      : lora.applyGroup(torch::mm(xi, weight.t()).split_with_sizes(sizes, 1), xi, 1, kQ, true);
            const auto y = torch::cat(parts, 1);
            y.backward(dy);
            dx = xi.grad();
            return std::make_pair(y.detach(), lora.flatGradients().clone());
        };
        torch::Tensor dxFused, dxPlain;
        const auto [yFused, gradFused] = run(true, dxFused);
        const auto [yPlain, gradPlain] = run(false, dxPlain);
        FP_COMPARE_CLOSE("output", yFused, yPlain, kFp32Tolerance);
        FP_COMPARE_CLOSE("dx", dxFused, dxPlain, kFp32Tolerance);
        FP_COMPARE_CLOSE("flat grads", gradFused, gradPlain, kFp32Tolerance);
        QVERIFY(gradPlain.abs().max().item<double>() > 1e-3);

        // Dropout was on: without it the output differs.
        torch::NoGradGuard noGrad;
        const auto evaluation = torch::cat(lora.project(x, weight, sizes, 1, kQ, false), 1);
        QVERIFY((evaluation - yFused).abs().max().item<double>() > 1e-3);
    }
};

QTEST_APPLESS_MAIN(TestGradients)
#include "TestGradients.moc"
