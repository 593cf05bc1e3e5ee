// White-box: the feature extractor's matrix product (model/PackedGemm.h) on every path this CPU has, against
// LibTorch's product in float64 of the same float32 inputs. Shapes cover every tile remainder: rows 1..13 and
// 97 (row tiles of 4, 6 or 8 and a row block of 48), columns below, at and above the 16-column panel, inner
// sizes 1 and odd ones, and an output stride wider than the columns.
#include "model/PackedGemm.h"

#include <QTest>

#include <torch/torch.h>

#include <cstring>
#include <vector>

using namespace fp::engine::detail;

namespace {

std::vector<float> values(const torch::Tensor &t) {
    const auto c = t.contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

} // namespace

class TestPackedGemm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { forceGemmPath(GemmPath::Widest); }

    void matchesLibTorch_data() {
        QTest::addColumn<int>("path");
        QTest::newRow("widest") << int(GemmPath::Widest);
        QTest::newRow("avx2") << int(GemmPath::Avx2);
        QTest::newRow("portable") << int(GemmPath::Portable);
    }

    void matchesLibTorch() {
        QFETCH(int, path);
        forceGemmPath(GemmPath(path));
        qInfo("path: %s", gemmPathName());
        torch::manual_seed(3);
        double worst = 0.0;
        for (int64_t k : {1, 7, 64, 172}) {
            for (int64_t n : {1, 15, 16, 17, 48, 344}) {
                const auto w = torch::randn({n, k});
                const PackedWeight packed(values(w).data(), n, k);
                QCOMPARE(packed.outputs(), n);
                QCOMPARE(packed.inputs(), k);
                for (int64_t m : {1, 2, 3, 5, 6, 7, 8, 9, 13, 97}) {
                    const auto x = torch::randn({m, k});
                    const int64_t stride = n + 3;
                    std::vector<float> out(size_t(m * stride), -7.f); // the 3 extra columns must stay untouched
                    packed.apply(values(x).data(), m, out.data(), stride);
                    const auto reference = torch::mm(x.to(torch::kFloat64), w.to(torch::kFloat64).t());
                    const double bound = 1e-6 * double(k) * std::max(1.0, reference.abs().max().item<double>());
                    const auto *ref = reference.data_ptr<double>();
                    for (int64_t r = 0; r < m; ++r) {
                        for (int64_t c = 0; c < stride; ++c) {
                            const float got = out[size_t(r * stride + c)];
                            if (c >= n) {
                                QCOMPARE(got, -7.f);
                                continue;
                            }
                            const double diff = std::abs(double(got) - ref[r * n + c]);
                            worst = std::max(worst, diff / bound);
                            if (diff > bound) {
                                QFAIL(qPrintable(QStringLiteral("m %1 n %2 k %3 at (%4, %5): %6 vs %7")
                                                     .arg(m)
                                                     .arg(n)
                                                     .arg(k)
                                                     .arg(r)
                                                     .arg(c)
                                                     .arg(got)
                                                     .arg(ref[r * n + c])));
                            }
                        }
                    }
                }
            }
        }
        qInfo("largest difference: %.3f of the bound (1e-6 * k * max |reference|)", worst);
    }

    // A row's result does not depend on the rows around it: the extractor's features must not depend on how
    // sequences were batched.
    void rowsAreIndependentOfTheirBatch() {
        torch::manual_seed(5);
        const int64_t n = 40, k = 33, m = 29;
        const auto w = values(torch::randn({n, k}));
        const auto x = values(torch::randn({m, k}));
        const PackedWeight packed(w.data(), n, k);
        std::vector<float> all(size_t(m * n));
        packed.apply(x.data(), m, all.data());
        for (int64_t r = 0; r < m; ++r) {
            std::vector<float> one(static_cast<size_t>(n));
            packed.apply(x.data() + r * k, 1, one.data());
            QVERIFY(std::memcmp(one.data(), all.data() + r * n, size_t(n) * sizeof(float)) == 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestPackedGemm)
#include "TestPackedGemm.moc"
