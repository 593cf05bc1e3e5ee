// FedAvg and FlexLoRA over LoRA adapters as clients send them (PEFT names, F32).
#include "fedpilot/engine/Aggregation.h"
#include "support/ResultChecks.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace fp;
using namespace fp::engine;

namespace {

const std::string kA = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
const std::string kB = "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight";

RawTensor tensor(std::vector<int64_t> shape, const std::vector<float> &values) {
    return RawTensor::fromFloat32(std::move(shape), values.data());
}

RawTensor randomTensor(std::vector<int64_t> shape, std::mt19937 &rng) {
    std::uniform_real_distribution<float> dist(-1.f, 1.f);
    std::vector<float> values(size_t(shape[0] * shape[1]));
    for (float &v : values) {
        v = dist(rng);
    }
    return tensor(std::move(shape), values);
}

// Row-major [rows, cols] matrix of doubles.
struct Matrix {
    int64_t rows = 0, cols = 0;
    std::vector<double> v;
    double &at(int64_t i, int64_t j) { return v[size_t(i * cols + j)]; }
};

// B [out, r] times A [r, in], scaled.
Matrix product(const TensorMap &adapter, double scale = 1.0) {
    const RawTensor &b = adapter.at(kB);
    const RawTensor &a = adapter.at(kA);
    const auto bv = b.toFloat32();
    const auto av = a.toFloat32();
    const int64_t out = b.shape[0], r = b.shape[1], in = a.shape[1];
    Matrix m{out, in, std::vector<double>(size_t(out * in), 0.0)};
    for (int64_t i = 0; i < out; ++i) {
        for (int64_t j = 0; j < in; ++j) {
            for (int64_t k = 0; k < r; ++k) {
                m.at(i, j) += scale * double(bv[size_t(i * r + k)]) * double(av[size_t(k * in + j)]);
            }
        }
    }
    return m;
}

double maxDifference(const Matrix &x, const Matrix &y) {
    double worst = 0.0;
    for (size_t k = 0; k < x.v.size(); ++k) {
        worst = std::max(worst, std::abs(x.v[k] - y.v[k]));
    }
    return worst;
}

double frobeniusDistance(const Matrix &x, const Matrix &y) {
    double sum = 0.0;
    for (size_t k = 0; k < x.v.size(); ++k) {
        sum += (x.v[k] - y.v[k]) * (x.v[k] - y.v[k]);
    }
    return std::sqrt(sum);
}

Matrix sum(Matrix x, const Matrix &y) {
    for (size_t k = 0; k < x.v.size(); ++k) {
        x.v[k] += y.v[k];
    }
    return x;
}

TensorMap randomAdapter(int64_t out, int64_t in, int64_t rank, unsigned seed) {
    std::mt19937 rng(seed);
    TensorMap adapter;
    adapter[kA] = randomTensor({rank, in}, rng);
    adapter[kB] = randomTensor({out, rank}, rng);
    return adapter;
}

} // namespace

class TestAggregation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fedAvgIsTheWeightedMean() {
        TensorMap one{{"x", tensor({2, 2}, {1, 2, 3, 4})}, {"y", tensor({3}, {0.5f, -1, 8})}};
        TensorMap two{{"x", tensor({2, 2}, {5, 6, 7, 8})}, {"y", tensor({3}, {1.5f, 1, 0})}};
        auto mean = aggregateFedAvg({&one, &two}, {1.0, 3.0});
        FP_VERIFY_OK(mean);
        // x: (1*[1 2 3 4] + 3*[5 6 7 8]) / 4 = [4 5 6 7]; y: (1*[.5 -1 8] + 3*[1.5 1 0]) / 4 = [1.25 .5 2].
        QCOMPARE(mean->at("x"), tensor({2, 2}, {4, 5, 6, 7}));
        QCOMPARE(mean->at("y"), tensor({3}, {1.25f, 0.5f, 2}));
        // Only the ratio of the weights counts.
        auto scaled = aggregateFedAvg({&one, &two}, {25.0, 75.0});
        FP_VERIFY_OK(scaled);
        QCOMPARE(*scaled, *mean);
        // One client with any weight, or zero weight for the others, gives it back unchanged.
        QCOMPARE(*aggregateFedAvg({&one}, {7.0}), one);
        QCOMPARE(*aggregateFedAvg({&one, &two}, {0.0, 2.0}), two);
    }

    void fedAvgRejectsMismatches() {
        TensorMap one{{"x", tensor({2}, {1, 2})}};
        TensorMap other{{"x", tensor({2}, {1, 2})}};
        FP_VERIFY_ERROR(aggregateFedAvg({}, {}), ErrorCode::InvalidArgument, "no client updates");
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &other}, {1.0}), ErrorCode::InvalidArgument, "1 weights for 2");
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &other}, {1.0, -1.0}), ErrorCode::InvalidArgument, "client 1");
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &other}, {0.0, 0.0}), ErrorCode::InvalidArgument, "sum to zero");
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &other}, {1.0, NAN}), ErrorCode::InvalidArgument, "client 1");
        FP_VERIFY_ERROR(aggregateFedAvg({&one, nullptr}, {1.0, 1.0}), ErrorCode::InvalidArgument, "no update");
        TensorMap shape{{"x", tensor({1, 2}, {1, 2})}};
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &shape}, {1.0, 1.0}), ErrorCode::InvalidArgument,
                        "tensor x of client 1: shape [1, 2] differs from client 0's [2]");
        TensorMap extra{{"x", tensor({2}, {1, 2})}, {"z", tensor({1}, {1})}};
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &extra}, {1.0, 1.0}), ErrorCode::InvalidArgument,
                        "tensor z of client 1 is missing from client 0");
        FP_VERIFY_ERROR(aggregateFedAvg({&extra, &one}, {1.0, 1.0}), ErrorCode::InvalidArgument,
                        "client 1 lacks tensor z");
        TensorMap half = one;
        half["x"].dtype = DType::F16; // 8 bytes no longer match [2] x F16 either way: rejected as not F32
        FP_VERIFY_ERROR(aggregateFedAvg({&one, &half}, {1.0, 1.0}), ErrorCode::InvalidArgument,
                        "tensor x of client 1: expected consistent F32 data, found F16");
    }

    void flexLoraOfOneClientReproducesItsProduct() {
        const TensorMap adapter = randomAdapter(5, 6, 4, 1);
        auto result = aggregateFlexLora({&adapter}, {3.0}, 4);
        FP_VERIFY_OK(result);
        QCOMPARE(result->at(kB).shape, (std::vector<int64_t>{5, 4}));
        QCOMPARE(result->at(kA).shape, (std::vector<int64_t>{4, 6}));
        QVERIFY(maxDifference(product(*result), product(adapter)) < 1e-5);
    }

    void flexLoraOfTwoClientsReproducesTheWeightedSum() {
        // Ranks 2 and 3: the weighted sum has rank <= 5, so rank 5 loses nothing.
        const TensorMap one = randomAdapter(7, 9, 2, 2);
        const TensorMap two = randomAdapter(7, 9, 3, 3);
        const Matrix expected = sum(product(one, 0.25), product(two, 0.75));
        auto result = aggregateFlexLora({&one, &two}, {1.0, 3.0}, 5);
        FP_VERIFY_OK(result);
        QCOMPARE(result->at(kB).shape, (std::vector<int64_t>{7, 5}));
        QCOMPARE(result->at(kA).shape, (std::vector<int64_t>{5, 9}));
        QVERIFY(maxDifference(product(*result), expected) < 1e-5);
        // Truncated to rank 2 it is the best rank-2 approximation (Eckart-Young): no farther from the sum than
        // another rank-2 matrix, 0.25 B1 A1.
        auto truncated = aggregateFlexLora({&one, &two}, {1.0, 3.0}, 2);
        FP_VERIFY_OK(truncated);
        QCOMPARE(truncated->at(kB).shape, (std::vector<int64_t>{7, 2}));
        QCOMPARE(truncated->at(kA).shape, (std::vector<int64_t>{2, 9}));
        QVERIFY(frobeniusDistance(product(*truncated), expected) <= frobeniusDistance(product(one, 0.25), expected));
    }

    void flexLoraPadsRanksBeyondTheMatrix() {
        const TensorMap adapter = randomAdapter(3, 2, 2, 4); // W is 3 x 2: at most 2 singular values
        auto result = aggregateFlexLora({&adapter}, {1.0}, 4);
        FP_VERIFY_OK(result);
        QCOMPARE(result->at(kB).shape, (std::vector<int64_t>{3, 4}));
        QCOMPARE(result->at(kA).shape, (std::vector<int64_t>{4, 2}));
        const auto b = result->at(kB).toFloat32();
        for (int64_t i = 0; i < 3; ++i) {
            QCOMPARE(b[size_t(i * 4 + 2)], 0.f);
            QCOMPARE(b[size_t(i * 4 + 3)], 0.f);
        }
        QVERIFY(maxDifference(product(*result), product(adapter)) < 1e-5);
    }

    void flexLoraSignsAreFixed() {
        const TensorMap adapter = randomAdapter(6, 5, 3, 5);
        auto result = aggregateFlexLora({&adapter}, {1.0}, 3);
        FP_VERIFY_OK(result);
        const auto b = result->at(kB).toFloat32();
        for (int64_t j = 0; j < 3; ++j) { // B = U sqrt(S): each column's largest-magnitude entry is positive
            float largest = 0.f;
            for (int64_t i = 0; i < 6; ++i) {
                const float v = b[size_t(i * 3 + j)];
                largest = std::abs(v) > std::abs(largest) ? v : largest;
            }
            QVERIFY(largest > 0.f);
        }
    }

    void flexLoraAveragesOtherTensorsAndChecksPairs() {
        TensorMap one = randomAdapter(4, 4, 2, 6);
        TensorMap two = randomAdapter(4, 4, 2, 7);
        one["scale"] = tensor({1}, {1.f});
        two["scale"] = tensor({1}, {3.f});
        auto result = aggregateFlexLora({&one, &two}, {1.0, 1.0}, 2);
        FP_VERIFY_OK(result);
        QCOMPARE(result->at("scale"), tensor({1}, {2.f}));
        TensorMap lonely = one;
        lonely.erase(kB);
        FP_VERIFY_ERROR(aggregateFlexLora({&lonely}, {1.0}, 2), ErrorCode::InvalidArgument, kA + " of client 0 has no");
        TensorMap skewed = one;
        skewed[kB] = tensor({4, 3}, std::vector<float>(12, 1.f)); // B's rank 3 against A's 2
        FP_VERIFY_ERROR(aggregateFlexLora({&skewed}, {1.0}, 2), ErrorCode::InvalidArgument, "does not pair");
        FP_VERIFY_ERROR(aggregateFlexLora({&one}, {1.0}, 0), ErrorCode::InvalidArgument, "rank 0");
        TensorMap wide = randomAdapter(4, 5, 2, 8); // in 5 against 4
        FP_VERIFY_ERROR(aggregateFlexLora({&one, &wide}, {1.0, 1.0}, 2), ErrorCode::InvalidArgument, kA);
    }

    void resultsAreDeterministic() {
        const TensorMap one = randomAdapter(16, 12, 4, 9);
        const TensorMap two = randomAdapter(16, 12, 4, 10);
        const TensorMap three = randomAdapter(16, 12, 4, 11);
        const std::vector<const TensorMap *> updates{&one, &two, &three};
        const std::vector<double> weights{3.0, 1.0, 2.0};
        QCOMPARE(*aggregateFlexLora(updates, weights, 4), *aggregateFlexLora(updates, weights, 4));
        QCOMPARE(*aggregateFedAvg(updates, weights), *aggregateFedAvg(updates, weights));
    }
};

QTEST_APPLESS_MAIN(TestAggregation)
#include "TestAggregation.moc"
