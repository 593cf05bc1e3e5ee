// t-SNE and trustworthiness against scikit-learn's results recorded by tests/fixtures/tsne/make_fixtures.py.
#include "fedpilot/engine/Tsne.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <random>

using namespace fp;
using namespace fp::engine;

namespace {

QString fixtureDir() {
    return qEnvironmentVariable("FP_SOURCE_DIR", QStringLiteral(".")) + QStringLiteral("/tests/fixtures/tsne/");
}

// Little-endian float32, as make_fixtures.py writes it.
std::vector<double> readFloats(const QString &path) {
    static_assert(std::endian::native == std::endian::little, "fixtures are little-endian float32");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray bytes = file.readAll();
    std::vector<float> values(static_cast<std::size_t>(bytes.size()) / sizeof(float));
    std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
    return {values.begin(), values.end()};
}

// Gaussian clusters for the tests that need no oracle.
std::vector<double> blobs(int n, int dim, int clusters, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    std::vector<double> centres(static_cast<std::size_t>(clusters) * dim), points(static_cast<std::size_t>(n) * dim);
    for (double &c : centres) {
        c = 4.0 * normal(random);
    }
    for (int i = 0; i < n; ++i) {
        for (int d = 0; d < dim; ++d) {
            points[static_cast<std::size_t>(i) * dim + d] = centres[(i % clusters) * dim + d] + normal(random);
        }
    }
    return points;
}

TsneOptions quick(TsneOptions::Method method) {
    TsneOptions options;
    options.method = method;
    options.iterations = 300;
    return options;
}

} // namespace

class TestTsne : public QObject {
    Q_OBJECT

    QJsonArray m_fixtures;

    QJsonObject fixture(const QString &name) const {
        for (const auto &value : m_fixtures) {
            if (value.toObject()[u"name"].toString() == name) {
                return value.toObject();
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QFile manifest(fixtureDir() + QStringLiteral("fixtures.json"));
        QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.fileName()));
        m_fixtures = QJsonDocument::fromJson(manifest.readAll()).object()[u"fixtures"].toArray();
        QVERIFY(m_fixtures.size() >= 4);
    }

    void reachesSklearnTrustworthiness_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("method");
        for (const char *name : {"blobs384", "swissroll", "neardup"}) {
            QTest::addRow("%s exact", name) << QString::fromLatin1(name) << int(TsneOptions::Method::Exact);
            QTest::addRow("%s barnes-hut", name) << QString::fromLatin1(name) << int(TsneOptions::Method::BarnesHut);
        }
        QTest::addRow("small12 auto") << QStringLiteral("small12") << int(TsneOptions::Method::Auto);
    }
    void reachesSklearnTrustworthiness() {
        QFETCH(QString, name);
        QFETCH(int, method);
        const QJsonObject f = fixture(name);
        QVERIFY2(!f.isEmpty(), qPrintable(name));
        const int n = f[u"n"].toInt(), dim = f[u"dim"].toInt(), k = f[u"k"].toInt();
        const auto points = readFloats(fixtureDir() + name + QStringLiteral(".f32"));
        QCOMPARE(points.size(), static_cast<std::size_t>(n) * dim);
        TsneOptions options;
        options.perplexity = f[u"perplexity"].toDouble();
        options.method = static_cast<TsneOptions::Method>(method);
        const auto embedding = tsne(points, dim, options);
        QVERIFY2(embedding.has_value(), embedding ? "" : embedding.error().message.c_str());
        QCOMPARE(embedding->size(), static_cast<std::size_t>(n) * 2);
        const auto ours = trustworthiness(points, dim, *embedding, 2, k);
        QVERIFY(ours.has_value());
        const double sklearn = f[u"sklearn_trustworthiness_mean"].toDouble();
        qInfo("%s: trustworthiness(k=%d) ours %.4f, scikit-learn %.4f", qPrintable(name), k, *ours, sklearn);
        QVERIFY2(*ours >= sklearn - 0.02,
                 qPrintable(QStringLiteral("ours %1 < sklearn %2 - 0.02").arg(*ours).arg(sklearn)));
    }

    // Our metric on scikit-learn's own embedding gives scikit-learn's number.
    void trustworthinessMatchesSklearn_data() {
        QTest::addColumn<QString>("name");
        for (const auto &value : m_fixtures) {
            const QString name = value.toObject()[u"name"].toString();
            QTest::addRow("%s", qPrintable(name)) << name;
        }
    }
    void trustworthinessMatchesSklearn() {
        QFETCH(QString, name);
        const QJsonObject f = fixture(name);
        const int dim = f[u"dim"].toInt(), k = f[u"k"].toInt();
        const auto points = readFloats(fixtureDir() + name + QStringLiteral(".f32"));
        const auto embedding = readFloats(fixtureDir() + name + QStringLiteral(".sklearn.f32"));
        QCOMPARE(embedding.size() / 2, points.size() / dim);
        const auto value = trustworthiness(points, dim, embedding, 2, k);
        QVERIFY(value.has_value());
        QVERIFY(std::abs(*value - f[u"sklearn_trustworthiness"].toArray()[0].toDouble()) < 1e-5);
    }

    void trustworthinessIsOneForAnIdenticalLayout() {
        const auto points = blobs(40, 2, 3, 5);
        const auto value = trustworthiness(points, 2, points, 2, 5);
        QVERIFY(value.has_value());
        QCOMPARE(*value, 1.0);
    }

    void trustworthinessRejectsBadArguments() {
        const auto points = blobs(20, 3, 2, 1);
        const std::vector<double> low(40, 0.0);
        QCOMPARE(trustworthiness(points, 3, low, 2, 10).error().code, ErrorCode::InvalidArgument); // k >= n / 2
        QCOMPARE(trustworthiness(points, 3, low, 2, 0).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(trustworthiness(points, 3, std::vector<double>(38, 0.0), 2, 3).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(trustworthiness(points, 0, low, 2, 3).error().code, ErrorCode::InvalidArgument);
    }

    void sameSeedGivesTheSameOutputOnAnyThreadCount_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("init");
        QTest::addRow("exact pca") << int(TsneOptions::Method::Exact) << int(TsneOptions::Init::Pca);
        QTest::addRow("barnes-hut pca") << int(TsneOptions::Method::BarnesHut) << int(TsneOptions::Init::Pca);
        QTest::addRow("barnes-hut random") << int(TsneOptions::Method::BarnesHut) << int(TsneOptions::Init::Random);
    }
    void sameSeedGivesTheSameOutputOnAnyThreadCount() {
        QFETCH(int, method);
        QFETCH(int, init);
        const auto points = blobs(300, 24, 4, 3);
        TsneOptions options = quick(static_cast<TsneOptions::Method>(method));
        options.init = static_cast<TsneOptions::Init>(init);
        options.seed = 42;
        options.threads = 1;
        const auto one = tsne(points, 24, options);
        options.threads = 3;
        const auto three = tsne(points, 24, options);
        const auto again = tsne(points, 24, options);
        QVERIFY(one && three && again);
        QVERIFY(*one == *three); // bit for bit
        QVERIFY(*three == *again);
    }

    void randomInitFollowsTheSeed() {
        const auto points = blobs(60, 5, 3, 4);
        TsneOptions options = quick(TsneOptions::Method::Exact);
        options.init = TsneOptions::Init::Random;
        options.seed = 1;
        const auto a = tsne(points, 5, options);
        options.seed = 2;
        const auto b = tsne(points, 5, options);
        QVERIFY(a && b);
        QVERIFY(*a != *b);
    }

    void progressCanCancel() {
        const auto points = blobs(200, 10, 3, 6);
        std::vector<int> seen;
        const auto result = tsne(points, 10, TsneOptions{}, [&](int iteration, double kl) {
            seen.push_back(iteration);
            return std::isfinite(kl) && iteration < 100;
        });
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QCOMPARE(seen, (std::vector<int>{50, 100}));
    }

    void progressReportsTheLastIteration() {
        const auto points = blobs(80, 4, 2, 7);
        TsneOptions options = quick(TsneOptions::Method::Auto);
        options.iterations = 120;
        int last = 0;
        const auto result = tsne(points, 4, options, [&](int iteration, double) {
            last = iteration;
            return true;
        });
        QVERIFY(result.has_value());
        QCOMPARE(last, 120);
    }

    void rejectsBadInput_data() {
        QTest::addColumn<int>("problem");
        for (int p = 0; p < 9; ++p) {
            QTest::addRow("%d", p) << p;
        }
    }
    void rejectsBadInput() {
        QFETCH(int, problem);
        auto points = blobs(10, 3, 2, 8);
        int dim = 3;
        TsneOptions options;
        switch (problem) {
        case 0: points[7] = std::nan(""); break;
        case 1: points[4] = INFINITY; break;
        case 2: points.pop_back(); break;
        case 3: dim = 0; break;
        case 4: options.perplexity = 0.0; break;
        case 5: options.iterations = 0; break;
        case 6: options.theta = 1.5; break;
        case 7: options.learningRate = -1.0; break;
        case 8: options.earlyExaggeration = 0.5; break;
        }
        const auto result = tsne(points, dim, options);
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!result.error().message.empty());
    }

    void tinyInputs_data() {
        QTest::addColumn<int>("n");
        for (int n : {0, 1, 2, 3, 4, 5, 12}) {
            QTest::addRow("n=%d", n) << n;
        }
    }
    void tinyInputs() {
        QFETCH(int, n);
        const auto points = blobs(n, 6, 2, 9);
        TsneOptions options;
        options.perplexity = std::min(30, std::max(n - 1, 1)); // FedHDS's choice
        const auto result = tsne(points, 6, options);
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        QCOMPARE(result->size(), static_cast<std::size_t>(2 * n));
        for (double v : *result) {
            QVERIFY(std::isfinite(v));
        }
        if (n == 1) {
            QCOMPARE(*result, (std::vector<double>{0.0, 0.0}));
        }
        if (n >= 2) { // the points do not collapse onto one spot
            QVERIFY((*result)[0] != (*result)[2] || (*result)[1] != (*result)[3]);
        }
    }

    void duplicatePointsStayTogether_data() {
        QTest::addColumn<int>("method");
        QTest::addRow("exact") << int(TsneOptions::Method::Exact);
        QTest::addRow("barnes-hut") << int(TsneOptions::Method::BarnesHut);
    }
    void duplicatePointsStayTogether() {
        QFETCH(int, method);
        // Two clusters of exact copies plus a few distinct points: copies may sit on one spot, and the
        // embedding must stay finite and keep the clusters apart.
        std::vector<double> points;
        for (int i = 0; i < 120; ++i) {
            const double base = i < 60 ? 0.0 : 10.0;
            points.insert(points.end(), {base, base, base});
        }
        for (int i = 0; i < 10; ++i) {
            points.insert(points.end(), {5.0 + i, 5.0 - i, 0.5 * i});
        }
        const auto result = tsne(points, 3, quick(static_cast<TsneOptions::Method>(method)));
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        for (double v : *result) {
            QVERIFY(std::isfinite(v));
        }
        const auto distance = [&](int a, int b) {
            return std::hypot((*result)[2 * a] - (*result)[2 * b], (*result)[2 * a + 1] - (*result)[2 * b + 1]);
        };
        QVERIFY(distance(0, 59) < 0.1 * distance(0, 60));
        QVERIFY(distance(60, 119) < 0.1 * distance(0, 60));
    }

    void hugeAndTinyCoordinatesWork_data() {
        QTest::addColumn<double>("scale");
        QTest::addRow("1e-30") << 1e-30;
        QTest::addRow("1e+30") << 1e30;
    }
    void hugeAndTinyCoordinatesWork() {
        QFETCH(double, scale);
        auto points = blobs(150, 8, 3, 10);
        const auto reference = tsne(points, 8, quick(TsneOptions::Method::BarnesHut));
        for (double &v : points) {
            v *= scale;
        }
        const auto scaled = tsne(points, 8, quick(TsneOptions::Method::BarnesHut));
        QVERIFY(reference && scaled);
        const auto a = trustworthiness(points, 8, *reference, 2, 10);
        const auto b = trustworthiness(points, 8, *scaled, 2, 10);
        QVERIFY(a && b);
        QVERIFY2(*b > *a - 0.02, qPrintable(QStringLiteral("%1 vs %2").arg(*b).arg(*a)));
    }

    void allPointsEqualFallsBackToRandomInit() {
        const std::vector<double> points(50 * 4, 1.5);
        const auto result = tsne(points, 4, quick(TsneOptions::Method::Auto));
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        for (double v : *result) {
            QVERIFY(std::isfinite(v));
        }
    }
};

QTEST_APPLESS_MAIN(TestTsne)
#include "TestTsne.moc"
