// FedHDS coreset selection and its baselines on planted data.
#include "fedpilot/engine/Selection.h"
#include "support/ResultChecks.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <set>

using namespace fp;
using namespace fp::engine;

namespace {

// K topics (random centers in feature space); each client holds copies of several topics, each copy the
// topic center plus a little noise: the redundancy coreset selection should remove.
struct PlantedData {
    std::vector<std::vector<std::vector<float>>> features; // [client][sample][dim]
    std::vector<std::vector<int>> topic;                   // [client][sample]
    int topics = 0;
};

PlantedData plantedTopics(int topics, int clients, int dim, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    std::vector<std::vector<float>> centers(static_cast<size_t>(topics), std::vector<float>(static_cast<size_t>(dim)));
    for (auto &c : centers) {
        for (auto &v : c) {
            v = 10.f * normal(rng);
        }
    }
    PlantedData data;
    data.topics = topics;
    data.features.resize(size_t(clients));
    data.topic.resize(size_t(clients));
    for (int c = 0; c < clients; ++c) {
        for (int t = 0; t < topics; ++t) {
            // Topic t lives on clients t, t+1 and t+2 (mod clients); frequent topics have many more copies.
            if (((c - t) % clients + clients) % clients > 2) {
                continue;
            }
            const int copies = t % 3 == 0 ? 60 : 8;
            for (int k = 0; k < copies; ++k) {
                std::vector<float> row = centers[size_t(t)];
                for (auto &v : row) {
                    v += 0.05f * normal(rng);
                }
                data.features[size_t(c)].push_back(row);
                data.topic[size_t(c)].push_back(t);
            }
        }
    }
    return data;
}

std::set<int> coveredTopics(const PlantedData &data, const RoundSelection &round) {
    std::set<int> covered;
    for (size_t c = 0; c < round.clients.size(); ++c) {
        for (size_t i : round.clients[c].samples) {
            covered.insert(data.topic[c][i]);
        }
    }
    return covered;
}

int64_t totalSamples(const PlantedData &data) {
    int64_t n = 0;
    for (const auto &c : data.features) {
        n += int64_t(c.size());
    }
    return n;
}

ClusteringOptions plantedOptions() {
    ClusteringOptions options;
    options.minClusterSize = 5;
    options.seed = 3;
    options.tsneIterations = 500;
    return options;
}

} // namespace

class TestSelection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fedHdsCoversEveryPlantedTopicWithFewSamples() {
        const auto data = plantedTopics(8, 6, 32, 11);
        auto fedhds = selectCoreset(data.features, SelectionStrategy::FedHds, plantedOptions(), {});
        FP_VERIFY_OK(fedhds);
        auto full = selectCoreset(data.features, SelectionStrategy::FullData, plantedOptions(), {});
        auto random = selectCoreset(data.features, SelectionStrategy::Random, plantedOptions(), {});
        auto intra = selectCoreset(data.features, SelectionStrategy::FedHdsIntraOnly, plantedOptions(), {});
        FP_VERIFY_OK(full);
        FP_VERIFY_OK(random);
        FP_VERIFY_OK(intra);
        const auto covered = coveredTopics(data, *fedhds);
        qInfo("planted %d topics in %lld samples on %zu clients", data.topics, (long long)totalSamples(data),
              data.features.size());
        qInfo("  fedhds       %3lld samples, %zu topics covered (%lld centers sent, %d global clusters)",
              (long long)fedhds->total(), covered.size(), (long long)fedhds->centersSent, fedhds->globalClusters);
        qInfo("  fedhds-intra %3lld samples, %zu topics covered", (long long)intra->total(),
              coveredTopics(data, *intra).size());
        qInfo("  random       %3lld samples, %zu topics covered", (long long)random->total(),
              coveredTopics(data, *random).size());
        qInfo("  full (FedIT) %3lld samples, %zu topics covered", (long long)full->total(),
              coveredTopics(data, *full).size());
        QVERIFY(fedhds->total() <= 2 * data.topics);
        QCOMPARE(full->total(), totalSamples(data));
        QCOMPARE(random->total(), fedhds->total());
        QVERIFY(coveredTopics(data, *random).size() < covered.size()); // Random misses topics at the same count
        // Centers travel in a space shared by every client (ClusteringOptions::centerDims), so the server sees
        // each topic once however many clients hold it, and keeps one sample of each.
        QCOMPARE(int(covered.size()), data.topics);
        QVERIFY(fedhds->total() >= data.topics);
        // The intra-client step alone keeps one sample per topic per client that holds it.
        QCOMPARE(int(coveredTopics(data, *intra).size()), data.topics);
        QVERIFY(intra->total() >= fedhds->total());
    }

    void tsneCentersOfTheReferenceImplementationAreNotComparable() {
        // centerDims = 0 sends each client's t-SNE coordinates, as the paper's reference implementation does. Maps of
        // different clients are not aligned: the same topic lands in different places on different clients, so a
        // center's nearest center from another client may be another topic. Projected centers (the default) put a
        // topic in the same place on every client. Counted per group: is its nearest center on another client (of
        // those holding its topic) of the same topic?
        const auto data = plantedTopics(8, 6, 32, 11);
        const auto matchingNeighbours = [&](int centerDims, int &groups) {
            auto options = plantedOptions();
            options.centerDims = centerDims;
            struct Center {
                size_t client;
                int topic;
                std::vector<double> at;
            };
            std::vector<Center> centers;
            for (size_t c = 0; c < data.features.size(); ++c) {
                auto clustering = clusterClient(data.features[c], options);
                if (!clustering) {
                    return -1;
                }
                for (const auto &g : clustering->groups) {
                    centers.push_back({c, data.topic[c][g.representative], g.sent});
                }
            }
            int matching = 0;
            groups = 0;
            for (const auto &a : centers) {
                double best = std::numeric_limits<double>::infinity();
                int nearestTopic = -1;
                bool topicElsewhere = false;
                for (const auto &b : centers) {
                    if (b.client == a.client) {
                        continue;
                    }
                    topicElsewhere = topicElsewhere || b.topic == a.topic;
                    double d = 0.0;
                    for (size_t k = 0; k < a.at.size(); ++k) {
                        d += (a.at[k] - b.at[k]) * (a.at[k] - b.at[k]);
                    }
                    if (d < best) {
                        best = d;
                        nearestTopic = b.topic;
                    }
                }
                if (topicElsewhere) {
                    ++groups;
                    matching += nearestTopic == a.topic ? 1 : 0;
                }
            }
            return matching;
        };
        int tsneGroups = 0, projectedGroups = 0;
        const int tsneMatching = matchingNeighbours(0, tsneGroups);
        const int projectedMatching = matchingNeighbours(4, projectedGroups);
        qInfo("  nearest center on another client is the same topic: t-SNE centers %d of %d groups, projected "
              "centers %d of %d",
              tsneMatching, tsneGroups, projectedMatching, projectedGroups);
        QVERIFY(tsneMatching >= 0 && projectedMatching >= 0); // clustering succeeded
        QVERIFY(projectedGroups >= data.topics);
        QCOMPARE(projectedMatching, projectedGroups); // comparable: every topic meets itself
        QVERIFY(tsneGroups >= data.topics);
        QVERIFY2(tsneMatching < tsneGroups, "t-SNE centers of different clients happened to line up");

        // What the server makes of them: the selection stays small, coverage is whatever the maps give.
        auto options = plantedOptions();
        options.centerDims = 0;
        auto fedhds = selectCoreset(data.features, SelectionStrategy::FedHds, options, {});
        FP_VERIFY_OK(fedhds);
        qInfo("  fedhds with t-SNE centers: %lld samples, %zu of %d topics covered", (long long)fedhds->total(),
              coveredTopics(data, *fedhds).size(), data.topics);
        QVERIFY(fedhds->total() <= 2 * data.topics);
    }

    void clientAsOneGroupSendsACenterLikeEveryOther() {
        // The fallback when clustering fails: its center must have the dimension of every other client's (an
        // empty one failed the server's step for the whole round) and live in the same space. The fallback over
        // one cluster's members must land on that cluster's center, though it weighs every member equally.
        const auto data = plantedTopics(4, 4, 32, 9);
        auto options = plantedOptions();
        auto clustered = clusterClient(data.features[0], options);
        FP_VERIFY_OK(clustered);
        QVERIFY(clustered->groups.size() >= 2);
        for (const auto &g : clustered->groups) {
            std::vector<std::vector<float>> members;
            for (size_t i = 0; i < clustered->labels.size(); ++i) {
                if (clustered->labels[i] == g.clusterId) {
                    members.push_back(data.features[0][i]);
                }
            }
            auto fallback = clientAsOneGroup(members, options);
            FP_VERIFY_OK(fallback);
            QCOMPARE(fallback->sent.size(), size_t(options.centerDims));
            QCOMPARE(fallback->size, int(members.size()));
            double distance = 0.0;
            for (size_t k = 0; k < fallback->sent.size(); ++k) {
                QVERIFY(std::isfinite(fallback->sent[k]));
                distance = std::max(distance, std::abs(fallback->sent[k] - g.sent[k]));
            }
            qInfo("  group %d: fallback center vs the clustered one: max |diff| %.3g", g.clusterId, distance);
            QVERIFY(distance < 1e-2);
        }

        // A clustering that fails (here t-SNE rejects 0 iterations): the fallback still sends a valid center.
        auto failing = plantedOptions();
        failing.tsneIterations = 0;
        QVERIFY(!clusterClient(data.features[0], failing).has_value());
        auto failedClient = clientAsOneGroup(data.features[0], failing);
        FP_VERIFY_OK(failedClient);
        QCOMPARE(failedClient->sent.size(), size_t(failing.centerDims));
        for (double v : failedClient->sent) {
            QVERIFY(std::isfinite(v));
        }

        // Identical features: t-SNE cannot spread them. Whether clustering fails or not, the fallback is valid.
        const std::vector<std::vector<float>> same(12, std::vector<float>{0.5f, -1.f, 2.f, 0.f, 3.f, 1.f});
        auto sameClustering = clusterClient(same, options);
        qInfo("  identical features: clustering %s",
              sameClustering ? "succeeded" : sameClustering.error().message.c_str());
        for (const int dims : {4, 7, 0}) {
            options.centerDims = dims;
            for (const double sigma : {0.0, 0.5}) {
                options.dpSigma = sigma;
                auto group = clientAsOneGroup(same, options);
                FP_VERIFY_OK(group);
                QCOMPARE(group->sent.size(), size_t(dims > 0 ? dims : 2));
                for (double v : group->sent) {
                    QVERIFY(std::isfinite(v));
                }
                if (dims == 0 && sigma == 0.0) {
                    QCOMPARE(group->sent, (std::vector<double>{0.0, 0.0})); // the origin of the client's map
                }
            }
        }
        // Representative: the sample nearest the mean (4, 4).
        options = plantedOptions();
        auto three = clientAsOneGroup({{0.f, 0.f}, {3.f, 3.f}, {9.f, 9.f}}, options);
        FP_VERIFY_OK(three);
        QCOMPARE(three->representative, size_t(1));
        FP_VERIFY_ERROR(clientAsOneGroup({}, options), ErrorCode::InvalidArgument, "no samples");
        FP_VERIFY_ERROR(clientAsOneGroup({{1.f, NAN}, {1.f, 2.f}}, options), ErrorCode::InvalidArgument, "not finite");
    }

    void sameSeedSameSelection() {
        const auto data = plantedTopics(5, 4, 16, 5);
        auto a = selectCoreset(data.features, SelectionStrategy::FedHds, plantedOptions(), {});
        auto b = selectCoreset(data.features, SelectionStrategy::FedHds, plantedOptions(), {});
        FP_VERIFY_OK(a);
        FP_VERIFY_OK(b);
        for (size_t c = 0; c < a->clients.size(); ++c) {
            QCOMPARE(a->clients[c].samples, b->clients[c].samples);
        }
        auto r1 = selectCoreset(data.features, SelectionStrategy::Random, plantedOptions(), {});
        auto r2 = selectCoreset(data.features, SelectionStrategy::Random, plantedOptions(), {});
        for (size_t c = 0; c < r1->clients.size(); ++c) {
            QCOMPARE(r1->clients[c].samples, r2->clients[c].samples);
        }
    }

    void groupsAreCenteredOnRealSamples() {
        const auto data = plantedTopics(4, 4, 16, 9);
        auto clustering = clusterClient(data.features[0], plantedOptions());
        FP_VERIFY_OK(clustering);
        QCOMPARE(clustering->embedding.size(), 2 * data.features[0].size());
        std::set<int> topicsOfGroups;
        for (const auto &g : clustering->groups) {
            QCOMPARE(clustering->labels[g.representative], g.clusterId);
            topicsOfGroups.insert(data.topic[0][g.representative]);
        }
        QCOMPARE(topicsOfGroups.size(), clustering->groups.size()); // one group per topic
        QCOMPARE(int(topicsOfGroups.size()), 3);                    // client 0 holds topics 0, 2, 3 (of 4)
    }

    void differentialPrivacyNoisesWhatIsSent() {
        const auto data = plantedTopics(4, 4, 16, 9);
        auto options = plantedOptions();
        auto plain = clusterClient(data.features[0], options);
        options.dpSigma = 0.1;
        auto noised = clusterClient(data.features[0], options);
        FP_VERIFY_OK(noised);
        QCOMPARE(noised->groups.size(), plain->groups.size());
        for (size_t i = 0; i < noised->groups.size(); ++i) {
            QCOMPARE(noised->groups[i].representative, plain->groups[i].representative); // local choice unchanged
            QCOMPARE(noised->groups[i].sent.size(), plain->groups[i].sent.size());
            for (size_t k = 0; k < noised->groups[i].sent.size(); ++k) {
                QVERIFY(std::abs(noised->groups[i].sent[k]) < 2.0); // tanh(.) + small noise
                QVERIFY(noised->groups[i].sent[k] != std::tanh(plain->groups[i].sent[k]));
            }
        }
    }

    void tinyClientsFormNoGroup() {
        std::vector<std::vector<float>> three = {{1.f, 2.f}, {1.f, 2.1f}, {5.f, 5.f}};
        auto c = clusterClient(three, plantedOptions());
        FP_VERIFY_OK(c);
        QVERIFY(c->groups.empty());
        auto none = clusterClient({}, plantedOptions());
        FP_VERIFY_OK(none);
        FP_VERIFY_ERROR(clusterClient({{1.f, 2.f}, {1.f}}, plantedOptions()), ErrorCode::InvalidArgument, "row 1");
        FP_VERIFY_ERROR(clusterClient({{1.f, NAN}, {1.f, 2.f}}, plantedOptions()), ErrorCode::InvalidArgument,
                        "not finite");
    }

    void budgetRuleIsDeterministic() {
        RoundSelection round;
        round.clients = {{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, 0}, {{5, 6, 7}, 100, 0}, {{1, 2, 3, 4}, 4, 0}};
        CoresetBudget budget;
        budget.maxFractionPerClient = 0.5; // caps: 5, 50, 2
        FP_VERIFY_OK(applyBudget(round, budget));
        QCOMPARE(round.clients[0].samples, (std::vector<size_t>{0, 1, 2, 3, 4}));
        QCOMPARE(round.clients[1].samples.size(), size_t(3));
        QCOMPARE(round.clients[2].samples, (std::vector<size_t>{1, 2}));
        budget = {};
        budget.maxPerRound = 6; // 5 + 3 + 2 = 10 -> drop from the fullest client, ties to the last listed
        FP_VERIFY_OK(applyBudget(round, budget));
        QCOMPARE(round.clients[0].samples.size(), size_t(2));
        QCOMPARE(round.clients[1].samples.size(), size_t(2));
        QCOMPARE(round.clients[2].samples.size(), size_t(2));
        budget = {};
        budget.maxFractionPerClient = 1.5;
        FP_VERIFY_ERROR(applyBudget(round, budget), ErrorCode::InvalidArgument, "fraction");
    }

    void budgetCapsEveryStrategy() {
        const auto data = plantedTopics(5, 4, 16, 5);
        CoresetBudget budget;
        budget.maxPerClient = 2;
        budget.maxPerRound = 5;
        for (auto s : {SelectionStrategy::FedHds, SelectionStrategy::FedHdsIntraOnly, SelectionStrategy::Random,
                       SelectionStrategy::FullData}) {
            auto round = selectCoreset(data.features, s, plantedOptions(), budget);
            FP_VERIFY_OK(round);
            QVERIFY2(round->total() <= 5, selectionStrategyName(s));
            for (const auto &c : round->clients) {
                QVERIFY(c.samples.size() <= 2);
            }
        }
    }

    void strategyNames() {
        QCOMPARE(*parseSelectionStrategy("fedit"), SelectionStrategy::FullData);
        QCOMPARE(*parseSelectionStrategy("fedhds-intra"), SelectionStrategy::FedHdsIntraOnly);
        FP_VERIFY_ERROR(parseSelectionStrategy("kmeans"), ErrorCode::InvalidArgument, "fedhds, fedhds-intra");
    }
};

QTEST_APPLESS_MAIN(TestSelection)
#include "TestSelection.moc"
