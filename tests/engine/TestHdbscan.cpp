// HDBSCAN against R's dbscan::hdbscan (fixtures made by tests/fixtures/hdbscan/make_fixtures.R),
// the two MST algorithms against each other, and the option and input checks.
//
// How results are compared with R: R numbers clusters 1..k and uses 0 for noise; R's k must be our
// k-1 and R's 0 our -1, point by point (exact equality, no relabelling up to permutation: the
// numbering follows R's). Membership probabilities must agree to 1e-6 (in practice they are
// bit-identical), except in the two documented cases: noise is 0 here (R reports a value for noise
// when it finds no cluster at all), and a cluster of zero core distances has probability 1 here
// (NaN in R).

#include "fedpilot/engine/Hdbscan.h"
#include "support/ResultChecks.h"

#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace fp;
using namespace fp::engine;

Q_DECLARE_METATYPE(fp::engine::HdbscanAlgorithm)
Q_DECLARE_METATYPE(fp::engine::HdbscanSemantics)
Q_DECLARE_METATYPE(std::vector<double>)

namespace {

struct Fixture {
    int dim = 0;
    std::vector<double> points;
    std::vector<int> rCluster; // R's cluster ids: 0 noise, 1..k
    std::vector<double> rProbability;
};

struct ManifestRow {
    std::string name;
    int minPts = 0;
};

std::filesystem::path fixtureDir() {
    const QByteArray root = qgetenv("FP_SOURCE_DIR"); // set by fp_add_test
    if (!root.isEmpty())
        return std::filesystem::path(root.constData()) / "tests" / "fixtures" / "hdbscan";
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "hdbscan";
}

std::vector<std::string> splitCsvLine(const std::string &line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ','))
        cells.push_back(cell);
    return cells;
}

std::string unquote(const std::string &s) {
    return s.size() >= 2 && s.front() == '"' && s.back() == '"' ? s.substr(1, s.size() - 2) : s;
}

// fixtures.csv: "name","minPts","about" (about may contain commas; only the first two cells are read).
std::vector<ManifestRow> readManifest() {
    std::ifstream in(fixtureDir() / "fixtures.csv");
    std::vector<ManifestRow> rows;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const std::vector<std::string> cells = splitCsvLine(line);
        if (cells.size() >= 2)
            rows.push_back({unquote(cells[0]), std::stoi(unquote(cells[1]))});
    }
    return rows;
}

// Reads a CSV with a header into row-major numbers; returns the column count, 0 on failure.
int readNumbers(const std::filesystem::path &path, std::vector<double> &values) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line))
        return 0;
    const int columns = static_cast<int>(splitCsvLine(line).size());
    while (std::getline(in, line)) {
        const std::vector<std::string> cells = splitCsvLine(line);
        if (static_cast<int>(cells.size()) != columns)
            return 0;
        for (const std::string &cell : cells)
            values.push_back(std::stod(cell)); // "NaN" reads as NaN
    }
    return columns;
}

bool loadFixture(const std::string &name, Fixture &f) {
    f.dim = readNumbers(fixtureDir() / (name + ".points.csv"), f.points);
    std::vector<double> expected;
    if (f.dim == 0 || readNumbers(fixtureDir() / (name + ".expected.csv"), expected) != 2)
        return false;
    for (std::size_t i = 0; i < expected.size(); i += 2) {
        f.rCluster.push_back(static_cast<int>(expected[i]));
        f.rProbability.push_back(expected[i + 1]);
    }
    return f.rCluster.size() * std::size_t(f.dim) == f.points.size();
}

// Empty when every label equals R's cluster - 1 and probabilities agree; otherwise the first difference.
std::string compareWithR(const Fixture &f, const HdbscanResult &r) {
    if (r.labels.size() != f.rCluster.size())
        return "label count " + std::to_string(r.labels.size()) + " vs R's " + std::to_string(f.rCluster.size());
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
        if (r.labels[i] != f.rCluster[i] - 1)
            return "point " + std::to_string(i) + ": label " + std::to_string(r.labels[i]) + ", R's cluster " +
                   std::to_string(f.rCluster[i]) + " maps to " + std::to_string(f.rCluster[i] - 1);
        const double expected = f.rCluster[i] == 0 ? 0.0 : (std::isnan(f.rProbability[i]) ? 1.0 : f.rProbability[i]);
        if (!(std::abs(r.probabilities[i] - expected) <= 1e-6))
            return "point " + std::to_string(i) + ": probability " + std::to_string(r.probabilities[i]) +
                   ", expected " + std::to_string(expected);
    }
    return {};
}

// Empty when the centroids are the probability-weighted means (plain means where all weights are 0).
std::string checkCentroids(std::span<const double> points, int dim, const HdbscanResult &r) {
    if (static_cast<int>(r.centroids.size()) != r.clusterCount)
        return "centroid count " + std::to_string(r.centroids.size());
    for (int c = 0; c < r.clusterCount; ++c) {
        std::vector<double> sum(std::size_t(dim), 0.0), plain(std::size_t(dim), 0.0);
        double weight = 0.0, count = 0.0;
        for (std::size_t i = 0; i < r.labels.size(); ++i) {
            if (r.labels[i] != c)
                continue;
            for (int d = 0; d < dim; ++d) {
                sum[d] += r.probabilities[i] * points[i * dim + d];
                plain[d] += points[i * dim + d];
            }
            weight += r.probabilities[i];
            count += 1.0;
        }
        for (int d = 0; d < dim; ++d) {
            const double expected = weight > 0.0 ? sum[d] / weight : plain[d] / count;
            if (!(std::abs(r.centroids[c][d] - expected) <= 1e-9 * (1.0 + std::abs(expected))))
                return "cluster " + std::to_string(c) + " centroid differs in dimension " + std::to_string(d);
        }
    }
    return {};
}

HdbscanOptions options(int minClusterSize, HdbscanAlgorithm algorithm = HdbscanAlgorithm::Auto) {
    HdbscanOptions o;
    o.minClusterSize = minClusterSize;
    o.algorithm = algorithm;
    return o;
}

// Points with many exact ties: integer coordinates in a small range, so duplicates too.
std::vector<double> tiedPoints(int n, int dim, int range, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> coordinate(0, range);
    std::vector<double> points(std::size_t(n) * dim);
    for (double &x : points)
        x = coordinate(rng);
    return points;
}

// Gaussian blobs around two corners of the cube, rounded to 0.5: structure plus ties, in any dimension.
std::vector<double> roundedBlobs(int n, int dim, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<double> points(std::size_t(n) * dim);
    for (std::size_t i = 0; i < points.size(); ++i)
        points[i] = std::round(2.0 * (normal(rng) + 6.0 * double((i / std::size_t(dim)) % 2))) / 2.0;
    return points;
}

} // namespace

class TestHdbscan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesR_data();
    void matchesR();
    void treeAndDenseAgree_data();
    void treeAndDenseAgree();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void tooFewPointsIsAllNoise();
    void allowSingleCluster();
    void minSamplesSetsCoreDistances();
    void minSamplesOneIsSingleLinkage();
    void duplicateStacksGetProbabilityOne();
    void workedExample_data();
    void workedExample();
    void pythonCoreDistancesCountOthers();
    void pythonTreeAndDenseAgree();
};

void TestHdbscan::matchesR_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("minPts");
    QTest::addColumn<HdbscanAlgorithm>("algorithm");
    const std::vector<ManifestRow> rows = readManifest();
    if (rows.empty())
        QTest::newRow("manifest missing") << QString() << 0 << HdbscanAlgorithm::Auto;
    for (const ManifestRow &row : rows) {
        const QString name = QString::fromStdString(row.name);
        QTest::addRow("%s/kdtree", row.name.c_str()) << name << row.minPts << HdbscanAlgorithm::KdTree;
        QTest::addRow("%s/dense", row.name.c_str()) << name << row.minPts << HdbscanAlgorithm::Dense;
    }
}

void TestHdbscan::matchesR() {
    QFETCH(QString, fixture);
    QFETCH(int, minPts);
    QFETCH(HdbscanAlgorithm, algorithm);
    const std::string where = (fixtureDir() / "fixtures.csv").string();
    QVERIFY2(!fixture.isEmpty(), ("no fixtures listed in " + where).c_str());
    Fixture f;
    QVERIFY2(loadFixture(fixture.toStdString(), f), ("cannot read fixture " + fixture.toStdString()).c_str());

    const Result<HdbscanResult> r = hdbscan(f.points, f.dim, options(minPts, algorithm));
    FP_VERIFY_OK(r);
    const std::string difference = compareWithR(f, *r);
    QVERIFY2(difference.empty(), difference.c_str());
    int rClusters = 0;
    for (const int c : f.rCluster)
        rClusters = std::max(rClusters, c);
    QCOMPARE(r->clusterCount, rClusters);
    const std::string centroids = checkCentroids(f.points, f.dim, *r);
    QVERIFY2(centroids.empty(), centroids.c_str());
}

void TestHdbscan::treeAndDenseAgree_data() {
    QTest::addColumn<std::vector<double>>("points");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("minClusterSize");
    QTest::addColumn<int>("minSamples");
    QTest::addRow("1-D ties") << tiedPoints(400, 1, 60, 1) << 1 << 5 << 0;
    QTest::addRow("2-D ties, minPts 2") << tiedPoints(800, 2, 25, 2) << 2 << 2 << 0;
    QTest::addRow("2-D ties, minPts 10") << tiedPoints(800, 2, 25, 3) << 2 << 10 << 0;
    QTest::addRow("2-D ties, minSamples 3") << tiedPoints(800, 2, 30, 4) << 2 << 8 << 3;
    QTest::addRow("3-D ties") << tiedPoints(600, 3, 8, 5) << 3 << 5 << 0;
    QTest::addRow("3-D rounded blobs") << roundedBlobs(500, 3, 5) << 3 << 5 << 0;
    QTest::addRow("6-D rounded blobs") << roundedBlobs(300, 6, 6) << 6 << 4 << 0;
    std::mt19937 rng(7);
    std::normal_distribution<double> normal;
    std::vector<double> blobs(2 * 1000);
    for (std::size_t i = 0; i < blobs.size(); ++i)
        blobs[i] = normal(rng) + 8.0 * double((i / 2) % 4);
    QTest::addRow("2-D blobs") << blobs << 2 << 5 << 0;
}

// The two MST builders must produce the same visit order, hence bit-identical results.
void TestHdbscan::treeAndDenseAgree() {
    QFETCH(std::vector<double>, points);
    QFETCH(int, dim);
    QFETCH(int, minClusterSize);
    QFETCH(int, minSamples);
    HdbscanOptions o = options(minClusterSize, HdbscanAlgorithm::KdTree);
    o.minSamples = minSamples;
    const Result<HdbscanResult> tree = hdbscan(points, dim, o);
    o.algorithm = HdbscanAlgorithm::Dense;
    const Result<HdbscanResult> dense = hdbscan(points, dim, o);
    FP_VERIFY_OK(tree);
    FP_VERIFY_OK(dense);
    QVERIFY(tree->clusterCount > 0);
    QCOMPARE(tree->labels, dense->labels);
    QCOMPARE(tree->probabilities, dense->probabilities);
    QCOMPARE(tree->coreDistances, dense->coreDistances);
}

void TestHdbscan::rejectsBadInput_data() {
    QTest::addColumn<std::vector<double>>("points");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("minClusterSize");
    QTest::addColumn<int>("minSamples");
    QTest::addColumn<QString>("needle");
    const std::vector<double> ok{0, 0, 1, 1, 2, 2};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("dim 0") << ok << 0 << 2 << 0 << "dim must be at least 1, got 0";
    QTest::addRow("dim negative") << ok << -2 << 2 << 0 << "dim must be at least 1, got -2";
    QTest::addRow("n*dim mismatch") << ok << 4 << 2 << 0 << "6 coordinates are not a whole number of 4-dimensional";
    QTest::addRow("minClusterSize 1") << ok << 2 << 1 << 0 << "minClusterSize must be at least 2, got 1";
    QTest::addRow("minSamples negative") << ok << 2 << 2 << -1 << "minSamples must be 0";
    QTest::addRow("NaN") << std::vector<double>{0, 0, 1, nan} << 2 << 2 << 0 << "point 1, coordinate 1 is nan";
    QTest::addRow("infinity") << std::vector<double>{-inf, 0, 1, 1} << 2 << 2 << 0 << "point 0, coordinate 0 is -inf";
    QTest::addRow("too large") << std::vector<double>{0, 0, 1e200, 1} << 2 << 2 << 0
                               << "beyond the supported magnitude";
}

void TestHdbscan::rejectsBadInput() {
    QFETCH(std::vector<double>, points);
    QFETCH(int, dim);
    QFETCH(int, minClusterSize);
    QFETCH(int, minSamples);
    QFETCH(QString, needle);
    HdbscanOptions o = options(minClusterSize);
    o.minSamples = minSamples;
    FP_VERIFY_ERROR(hdbscan(points, dim, o), ErrorCode::InvalidArgument, needle.toStdString());
}

// R stops with "Not enough neighbors in data set!" here; we answer "no cluster".
void TestHdbscan::tooFewPointsIsAllNoise() {
    const std::vector<double> three{0, 0, 0.1, 0, 0, 0.1};
    const Result<HdbscanResult> r = hdbscan(three, 2, options(5));
    FP_VERIFY_OK(r);
    QCOMPARE(r->clusterCount, 0);
    QCOMPARE(r->labels, std::vector<int>(3, -1));
    QCOMPARE(r->probabilities, std::vector<double>(3, 0.0));
    QVERIFY(r->centroids.empty());
    QVERIFY(std::isinf(r->coreDistances[0]));

    const Result<HdbscanResult> empty = hdbscan(std::vector<double>{}, 2, options(5));
    FP_VERIFY_OK(empty);
    QVERIFY(empty->labels.empty());
    QCOMPARE(empty->clusterCount, 0);
}

// R has no such option: the single-blob fixture gives R's two clusters without it, one cluster with it,
// while data with real structure keeps its clusters.
void TestHdbscan::allowSingleCluster() {
    Fixture blob, three;
    QVERIFY(loadFixture("single_blob_m5", blob));
    QVERIFY(loadFixture("blobs_m5", three));
    HdbscanOptions o = options(5);
    const Result<HdbscanResult> split = hdbscan(blob.points, blob.dim, o);
    FP_VERIFY_OK(split);
    QCOMPARE(split->clusterCount, 2);

    o.allowSingleCluster = true;
    const Result<HdbscanResult> single = hdbscan(blob.points, blob.dim, o);
    FP_VERIFY_OK(single);
    QCOMPARE(single->clusterCount, 1);
    QCOMPARE(single->labels, std::vector<int>(blob.rCluster.size(), 0));
    double maxCore = 0.0;
    for (const double c : single->coreDistances)
        maxCore = std::max(maxCore, c);
    QCOMPARE(single->probabilities[7], (maxCore - single->coreDistances[7]) / maxCore);

    const Result<HdbscanResult> kept = hdbscan(three.points, three.dim, o);
    FP_VERIFY_OK(kept);
    QVERIFY(compareWithR(three, *kept).empty());

    const std::vector<double> five{0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5}; // root never splits
    QCOMPARE(hdbscan(five, 2, options(5))->clusterCount, 0);
    QCOMPARE(hdbscan(five, 2, o)->labels, std::vector<int>(5, 0));
}

// Core distance = distance to the minSamples-th nearest point, the point itself counting as the first.
void TestHdbscan::minSamplesSetsCoreDistances() {
    const std::vector<double> points = tiedPoints(300, 2, 40, 11);
    for (const int minSamples : {1, 3, 7}) {
        HdbscanOptions o = options(4);
        o.minSamples = minSamples;
        const Result<HdbscanResult> r = hdbscan(points, 2, o);
        FP_VERIFY_OK(r);
        for (const int i : {0, 17, 299}) {
            std::vector<double> d;
            for (std::size_t j = 0; j < 300; ++j)
                d.push_back(std::hypot(points[2 * i] - points[2 * j], points[2 * i + 1] - points[2 * j + 1]));
            std::nth_element(d.begin(), d.begin() + (minSamples - 1), d.end());
            QCOMPARE(r->coreDistances[i], d[minSamples - 1]);
        }
    }
    Fixture f;
    QVERIFY(loadFixture("blobs_m5", f));
    HdbscanOptions same = options(5);
    same.minSamples = 5;
    QCOMPARE(hdbscan(f.points, f.dim, same)->labels, hdbscan(f.points, f.dim, options(5))->labels);
}

// minSamples 1: zero core distances, so HDBSCAN* reduces to single linkage with a size threshold.
// The loner joins last, so it leaves the root (noise), not one of the clusters (which would own it).
void TestHdbscan::minSamplesOneIsSingleLinkage() {
    const std::vector<double> points{0, 0, 0.3, 0, 0, 0.3, 10, 10, 10.2, 10, 10, 10.4, 40, 40};
    HdbscanOptions o = options(3);
    o.minSamples = 1;
    const Result<HdbscanResult> r = hdbscan(points, 2, o);
    FP_VERIFY_OK(r);
    QCOMPARE(r->coreDistances, std::vector<double>(7, 0.0));
    QCOMPARE(r->clusterCount, 2);
    QCOMPARE(r->labels[0], r->labels[1]);
    QCOMPARE(r->labels[0], r->labels[2]);
    QCOMPARE(r->labels[3], r->labels[5]);
    QVERIFY(r->labels[0] != r->labels[3]);
    QCOMPARE(r->labels[6], -1);
}

// R reports NaN probabilities here (0/0); every member gets 1 and centroids stay finite.
void TestHdbscan::duplicateStacksGetProbabilityOne() {
    Fixture f;
    QVERIFY(loadFixture("duplicates_exact_m5", f));
    QVERIFY(std::isnan(f.rProbability[0]));
    const Result<HdbscanResult> r = hdbscan(f.points, f.dim, options(5));
    FP_VERIFY_OK(r);
    QCOMPARE(r->probabilities, std::vector<double>(20, 1.0));
    QCOMPARE(r->clusterCount, 2);
    QCOMPARE(r->centroids[r->labels[0]], (std::vector<double>{0.0, 0.0}));
    QCOMPARE(r->centroids[r->labels[10]], (std::vector<double>{5.0, 5.0}));
}

// The worked example of docs/hdbscan.md: seven points on a line, minClusterSize 2 (the server's
// setting), minSamples left to default. Every value below is derived by hand there. Both semantics
// find the clusters {0, 1, 3, 6} and {20, 21, 23}; core distances, probabilities and the weighted
// centers differ.
void TestHdbscan::workedExample_data() {
    QTest::addColumn<HdbscanSemantics>("semantics");
    QTest::addColumn<HdbscanAlgorithm>("algorithm");
    QTest::addColumn<std::vector<double>>("core");
    QTest::addColumn<std::vector<double>>("probability");
    QTest::addColumn<std::vector<double>>("centers"); // of {0, 1, 3, 6}, then of {20, 21, 23}
    // R: core = distance to the nearest other point (minPts 2 counts the point itself).
    // Probabilities (maxCore - core) / maxCore: maxCore 3 and 2.
    const std::vector<double> rCore{1, 1, 2, 3, 1, 1, 2};
    const std::vector<double> rProbability{2.0 / 3, 2.0 / 3, 1.0 / 3, 0.0, 0.5, 0.5, 0.0};
    // (0 * 2/3 + 1 * 2/3 + 3 * 1/3 + 6 * 0) / (5/3) = 1; (20 * 1/2 + 21 * 1/2 + 23 * 0) / 1 = 20.5.
    const std::vector<double> rCenters{1.0, 20.5};
    // Python: core = distance to the 2nd nearest other point. 6 leaves {0, 1, 3, 6} at lambda 1/5, the
    // others at 1/3 (mutual reachability 3), the cluster's largest lambda: 6 gets (1/5) / (1/3).
    const std::vector<double> pyCore{3, 2, 3, 5, 3, 2, 3};
    const std::vector<double> pyProbability{1.0, 1.0, 1.0, 0.6, 1.0, 1.0, 1.0};
    // (0 + 1 + 3 + 6 * 0.6) / 3.6 = 19/9; (20 + 21 + 23) / 3 = 64/3.
    const std::vector<double> pyCenters{19.0 / 9, 64.0 / 3};
    for (const auto algorithm : {HdbscanAlgorithm::KdTree, HdbscanAlgorithm::Dense}) {
        const char *name = algorithm == HdbscanAlgorithm::KdTree ? "kd-tree" : "dense";
        QTest::addRow("R dbscan, %s", name)
            << HdbscanSemantics::RDbscan << algorithm << rCore << rProbability << rCenters;
        QTest::addRow("Python hdbscan, %s", name)
            << HdbscanSemantics::PythonHdbscan << algorithm << pyCore << pyProbability << pyCenters;
    }
}

void TestHdbscan::workedExample() {
    QFETCH(HdbscanSemantics, semantics);
    QFETCH(HdbscanAlgorithm, algorithm);
    QFETCH(std::vector<double>, core);
    QFETCH(std::vector<double>, probability);
    QFETCH(std::vector<double>, centers);
    const std::vector<double> line{0, 1, 3, 6, 20, 21, 23};
    HdbscanOptions o = options(2, algorithm);
    o.semantics = semantics;
    const Result<HdbscanResult> r = hdbscan(line, 1, o);
    FP_VERIFY_OK(r);
    QCOMPARE(r->clusterCount, 2);
    for (int i : {1, 2, 3})
        QCOMPARE(r->labels[i], r->labels[0]);
    for (int i : {5, 6})
        QCOMPARE(r->labels[i], r->labels[4]);
    QVERIFY(r->labels[0] >= 0 && r->labels[4] >= 0 && r->labels[0] != r->labels[4]);
    QCOMPARE(r->coreDistances, core);
    for (std::size_t i = 0; i < line.size(); ++i)
        QVERIFY2(std::abs(r->probabilities[i] - probability[i]) < 1e-12,
                 ("point " + std::to_string(i) + ": " + std::to_string(r->probabilities[i])).c_str());
    QVERIFY(std::abs(r->centroids[std::size_t(r->labels[0])][0] - centers[0]) < 1e-12);
    QVERIFY(std::abs(r->centroids[std::size_t(r->labels[4])][0] - centers[1]) < 1e-12);
}

// Python's core distance skips the point itself and caps min_samples at n - 1: with 3 points and
// minClusterSize 5, the 2nd nearest other point (and no cluster, as 3 < 5).
void TestHdbscan::pythonCoreDistancesCountOthers() {
    const std::vector<double> three{0, 1, 3};
    HdbscanOptions o = options(5);
    o.semantics = HdbscanSemantics::PythonHdbscan;
    const Result<HdbscanResult> capped = hdbscan(three, 1, o);
    FP_VERIFY_OK(capped);
    QCOMPARE(capped->coreDistances, (std::vector<double>{3, 2, 3}));
    QCOMPARE(capped->labels, std::vector<int>(3, -1));
    QCOMPARE(capped->probabilities, std::vector<double>(3, 0.0));
    // minSamples 1: the nearest other point, where R's minPts 1 gives 0.
    o.minClusterSize = 2;
    o.minSamples = 1;
    QCOMPARE(hdbscan(three, 1, o)->coreDistances, (std::vector<double>{1, 1, 2}));
    o.semantics = HdbscanSemantics::RDbscan;
    QCOMPARE(hdbscan(three, 1, o)->coreDistances, (std::vector<double>{0, 0, 0}));
    // One point: no neighbour, no core distance, noise (the package raises here).
    o.semantics = HdbscanSemantics::PythonHdbscan;
    const Result<HdbscanResult> one = hdbscan(std::vector<double>{4.0}, 1, o);
    FP_VERIFY_OK(one);
    QCOMPARE(one->labels, std::vector<int>{-1});
    QVERIFY(std::isinf(one->coreDistances[0]));
}

// The two MST algorithms give the same result under the Python semantics too, ties included.
void TestHdbscan::pythonTreeAndDenseAgree() {
    for (unsigned seed = 1; seed <= 4; ++seed) {
        const std::vector<double> points = seed % 2 ? tiedPoints(300, 2, 12, seed) : roundedBlobs(300, 2, seed);
        for (int m : {2, 5, 10}) {
            HdbscanOptions o = options(m, HdbscanAlgorithm::KdTree);
            o.semantics = HdbscanSemantics::PythonHdbscan;
            const Result<HdbscanResult> tree = hdbscan(points, 2, o);
            o.algorithm = HdbscanAlgorithm::Dense;
            const Result<HdbscanResult> dense = hdbscan(points, 2, o);
            FP_VERIFY_OK(tree);
            FP_VERIFY_OK(dense);
            QCOMPARE(tree->labels, dense->labels);
            QCOMPARE(tree->probabilities, dense->probabilities);
            QCOMPARE(tree->coreDistances, dense->coreDistances);
            for (double p : tree->probabilities)
                QVERIFY(p >= 0.0 && p <= 1.0);
        }
    }
}

QTEST_APPLESS_MAIN(TestHdbscan)
#include "TestHdbscan.moc"
