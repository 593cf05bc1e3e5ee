// The coordinator's round flow on real simulated sites (stories260K, synthetic instruction data): selection,
// training, accounting, determinism and resume, non-finite steps, empty clients.
#include "../support/FederationFixtures.h"
#include "../support/ResultChecks.h"
#include "../support/SharedData.h"

#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/LocalSite.h"
#include "fedpilot/engine/ModelFiles.h"
#include "fedpilot/engine/Safetensors.h"

#include <QTest>

#include <cmath>
#include <memory>
#include <set>

using namespace fp;
using namespace fp::engine;
using namespace fp::test;

namespace {

// A site that forwards to another but sends back every trained adapter with one tensor cut short (a buggy or
// hostile site): the coordinator must reject those updates without failing the round.
class MisshapedSite final : public Site {
public:
    explicit MisshapedSite(Site &inner) : m_inner(inner) {}
    [[nodiscard]] const std::string &name() const override { return m_inner.name(); }
    Result<SiteInventory> inventory() override { return m_inner.inventory(); }
    Result<Bytes> prepare(std::span<const std::byte> request) override { return m_inner.prepare(request); }
    Result<Bytes> evaluate(std::span<const std::byte> request) override { return m_inner.evaluate(request); }
    Result<Bytes> train(std::span<const std::byte> request) override {
        auto bytes = m_inner.train(request);
        auto reply = bytes ? decodeTrainReply(*bytes, "test") : std::unexpected(bytes.error());
        if (!reply || reply->adapter.empty()) {
            return bytes;
        }
        auto tensors = decodeSafetensors(reply->adapter, "test");
        if (!tensors) {
            return std::unexpected(tensors.error());
        }
        auto &first = tensors->begin()->second;
        first = RawTensor::fromFloat32({first.shape[0] - 1, first.shape[1]},
                                       std::vector<float>(size_t((first.shape[0] - 1) * first.shape[1]), 0.5f).data());
        auto encoded = encodeSafetensors(*tensors);
        if (!encoded) {
            return std::unexpected(encoded.error());
        }
        reply->adapter = std::move(*encoded);
        return encode(*reply);
    }

private:
    Site &m_inner;
};

// A site that forwards to another and keeps what each prepare call asked and answered (decoded): what a run's
// strategy entry sends to the sites.
class RecordingSite final : public Site {
public:
    explicit RecordingSite(Site &inner) : m_inner(inner) {}
    std::vector<PrepareRequest> requests;
    std::vector<PrepareReply> replies;
    [[nodiscard]] const std::string &name() const override { return m_inner.name(); }
    Result<SiteInventory> inventory() override { return m_inner.inventory(); }
    Result<Bytes> train(std::span<const std::byte> request) override { return m_inner.train(request); }
    Result<Bytes> evaluate(std::span<const std::byte> request) override { return m_inner.evaluate(request); }
    Result<Bytes> prepare(std::span<const std::byte> request) override {
        auto decoded = decodePrepareRequest(request, "test");
        if (!decoded) {
            return std::unexpected(decoded.error());
        }
        requests.push_back(std::move(*decoded));
        auto bytes = m_inner.prepare(request);
        if (bytes) {
            auto reply = decodePrepareReply(*bytes, "test");
            if (!reply) {
                return std::unexpected(reply.error());
            }
            replies.push_back(std::move(*reply));
        }
        return bytes;
    }

private:
    Site &m_inner;
};

} // namespace

class TestCoordinator : public QObject {
    Q_OBJECT

    std::shared_ptr<LanguageModel> m_model;
    std::vector<std::unique_ptr<LocalSite>> m_sites;
    std::vector<InstructionSample> m_central = clientSamples("central-heldout", 2, 3);
    PeftAdapter m_initial;

    std::vector<SiteHandle> handles() {
        std::vector<SiteHandle> all;
        for (auto &s : m_sites) {
            all.push_back({s.get(), CostModel{3.6, 1000.0}});
        }
        return all;
    }

    Result<RunOutcome> runOnce(const TrialSpec &trial, SelectionStrategy strategy, MemoryJournal &journal,
                               const std::optional<ResumePoint> &resume = std::nullopt) {
        Coordinator coordinator(trial, strategy, handles(), {m_model.get(), &m_central});
        return coordinator.run(journal, m_initial, resume);
    }

    bool loadModel(const std::string &path) {
        auto model = LanguageModel::load(path);
        if (!model || !model->attachLora(LoraConfig{}, 5)) {
            return false;
        }
        m_model = std::make_shared<LanguageModel>(std::move(*model));
        m_initial = {LoraConfig{}, m_model->adapterTensors()};
        m_sites.clear();
        m_sites.push_back(makeSite("north", {"task-a", "task-b"}, m_model));
        m_sites.push_back(makeSite("south", {"task-c", "task-d"}, m_model, true));
        return true;
    }

private Q_SLOTS:
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(path, "models/stories260K/stories260K.bin");
        QVERIFY(loadModel(path));
    }

    void samplesCeilOfFractionReproducibly() {
        const auto a = sampleClients(738, 0.05, 42, 3);
        QCOMPARE(a.size(), size_t(37)); // ceil(0.05 * 738) = 37
        QCOMPARE(std::set<size_t>(a.begin(), a.end()).size(), a.size());
        QVERIFY(a.back() < 738);
        QCOMPARE(sampleClients(738, 0.05, 42, 3), a);
        QVERIFY(sampleClients(738, 0.05, 42, 4) != a);
        QCOMPARE(sampleClients(10, 1.0, 1, 1).size(), size_t(10));
        QCOMPARE(sampleClients(10, 0.01, 1, 1).size(), size_t(1));
        // The reference code's rule: floor(k * N), at least one client; the same seeded order.
        const auto floor = sampleClients(738, 0.05, 42, 3, ClientsPerRound::Floor);
        QCOMPARE(floor.size(), size_t(36)); // floor(0.05 * 738) = 36
        QCOMPARE(sampleClients(738, 0.05, 42, 3, ClientsPerRound::Floor), floor);
        QCOMPARE(sampleClients(10, 0.01, 1, 1, ClientsPerRound::Floor).size(), size_t(1));
        QCOMPARE(sampleClients(20, 0.05, 1, 1, ClientsPerRound::Floor).size(), size_t(1));
    }

    void fedHdsSelectsAFewSamplesAndAccountsBytes() {
        MemoryJournal journal;
        auto outcome = runOnce(smallTrial(), SelectionStrategy::FedHds, journal);
        FP_VERIFY_OK(outcome);
        QCOMPARE(journal.rounds.size(), size_t(3));
        const auto &round = journal.rounds[0];
        QCOMPARE(round.clients.size(), size_t(5)); // every client sampled at k = 1
        int64_t available = 0, selected = 0;
        for (const auto &c : round.clients) {
            available += c.available;
            selected += c.selected;
            QVERIFY(c.selected <= c.available);
            QVERIFY2(c.bytesDown > 1000, "the global adapter travels down");
            if (c.available > 0) {
                QVERIFY2(c.selectionBytes > 0 && c.selectionBytes < 200, std::to_string(c.selectionBytes).c_str());
            }
            QVERIFY(c.cost > 0.0);
        }
        QCOMPARE(available, int64_t(4 * 24));
        QVERIFY2(selected > 0 && selected < available / 4, std::to_string(selected).c_str());
        QVERIFY(outcome->finalAdapter.tensors != m_initial.tensors);
        QVERIFY(outcome->lastCentral.has_value());
        QCOMPARE(outcome->lastCentral->samples, int64_t(3)); // at most 3 per held-out task
        // Federated evaluation: each site reports on its own held-out task.
        QCOMPARE(journal.rounds.back().evaluations.size(), size_t(3));
    }

    // A trial's variant (its own selection options) and the plain entry run side by side: each run's requests carry
    // its own options, the clients answer in that center space, and a variant leaves the trial-wide options as
    // they were for the runs after it.
    void strategyVariantsReachTheSitesPerRun() {
        const TrialSpec trial = smallTrial();
        StrategySpec paper = plainStrategy(trial, SelectionStrategy::FedHds);
        paper.name = "fedhds-paper";
        paper.clustering.centerDims = 0; // the reference's 2-D t-SNE centers
        paper.clustering.hdbscanSemantics = HdbscanSemantics::PythonHdbscan;
        // The reference's semantics leave small clients' maps all noise at min_cluster_size 3 (whether any group
        // forms turns on float rounding of the features); at 2 groups form, so the centers' shape is checked.
        paper.clustering.minClusterSize = 2;
        struct Run {
            std::vector<PrepareRequest> requests;
            std::vector<PrepareReply> replies;
            MemoryJournal journal;
        };
        auto run = [&](const StrategySpec &strategy, Run &into) {
            std::vector<std::unique_ptr<RecordingSite>> recorders;
            std::vector<SiteHandle> sites;
            for (auto &s : m_sites) {
                recorders.push_back(std::make_unique<RecordingSite>(*s));
                sites.push_back({recorders.back().get(), CostModel{}});
            }
            Coordinator coordinator(trial, strategy, sites, {m_model.get(), &m_central});
            FP_VERIFY_OK(coordinator.run(into.journal, m_initial, std::nullopt));
            for (auto &r : recorders) {
                into.requests.insert(into.requests.end(), r->requests.begin(), r->requests.end());
                into.replies.insert(into.replies.end(), r->replies.begin(), r->replies.end());
            }
        };
        Run before, variant, after;
        run(plainStrategy(trial, SelectionStrategy::FedHds), before);
        run(paper, variant);
        run(plainStrategy(trial, SelectionStrategy::FedHds), after);
        QVERIFY(!before.requests.empty() && before.requests.size() == variant.requests.size());
        size_t centers[2] = {0, 0};
        for (int which = 0; which < 2; ++which) {
            const Run &r = which == 0 ? before : variant;
            for (const auto &request : r.requests) {
                QCOMPARE(request.clustering.centerDims, which == 0 ? 4 : 0);
                QCOMPARE(request.clustering.minClusterSize, which == 0 ? 3 : 2);
                QCOMPARE(request.clustering.hdbscanSemantics,
                         which == 0 ? HdbscanSemantics::RDbscan : HdbscanSemantics::PythonHdbscan);
            }
            for (const auto &reply : r.replies) {
                for (const auto &center : reply.centers) {
                    QCOMPARE(center.coordinates.size(), size_t(which == 0 ? 4 : 2));
                    ++centers[which];
                }
            }
        }
        QVERIFY2(centers[0] > 0 && centers[1] > 0,
                 qPrintable(QStringLiteral("centers: default %1, paper %2").arg(centers[0]).arg(centers[1])));
        // The plain run after the variant is the plain run before it, round for round.
        QCOMPARE(after.journal.rounds.size(), before.journal.rounds.size());
        for (size_t i = 0; i < before.journal.rounds.size(); ++i) {
            QVERIFY(after.journal.rounds[i].globalAdapter.tensors == before.journal.rounds[i].globalAdapter.tensors);
        }
    }

    // The coreset inspector's records. A site in this process that keeps maps (north) gives, per client round, the
    // client's t-SNE map: one point per sample, the groups its clustering found, and as selected exactly the
    // coreset, one sample in each group the coordinator chose. A site that is not (south behind a forwarding
    // wrapper, as a RemoteSite is) gives only what crossed the wire: its centers, the chosen ones flagged. FedIT
    // clusters nothing and records neither.
    void coresetMapsForInProcessSitesCentersForTheOthers() {
        auto trial = smallTrial();
        trial.schedule.rounds = 2;
        trial.evaluation.federated = false;
        m_sites[0]->keepClientMaps(true);
        m_sites[1]->keepClientMaps(true);
        RecordingSite south(*m_sites[1]);
        MemoryJournal journal;
        {
            Coordinator coordinator(trial, SelectionStrategy::FedHds, {{m_sites[0].get(), {}}, {&south, {}}},
                                    {m_model.get(), &m_central});
            FP_VERIFY_OK(coordinator.run(journal, m_initial, std::nullopt));
        }
        int mapped = 0;
        for (const auto &round : journal.rounds) {
            for (const auto &c : round.clients) {
                const QByteArray who = QByteArray::fromStdString(c.site + "/" + c.client);
                std::set<int> chosenGroups, sentGroups;
                for (const auto &center : c.centers) {
                    QVERIFY(sentGroups.insert(center.group).second);
                    QCOMPARE(center.coordinates.size(), size_t(4)); // the default projected centers
                    if (center.chosen) {
                        chosenGroups.insert(center.group);
                    }
                }
                QCOMPARE(int(c.centers.size()), c.groups);
                QCOMPARE(int64_t(chosenGroups.size()), c.selected); // no budget: one sample per chosen group
                if (c.site == "south" || c.available == 0) {
                    QVERIFY2(c.map.empty(), who.constData());
                    continue;
                }
                ++mapped;
                QCOMPARE(int64_t(c.map.size()), c.available);
                std::set<int64_t> samples;
                std::set<int> groups, selectedGroups;
                int64_t selected = 0;
                for (const auto &p : c.map) {
                    QVERIFY(samples.insert(p.sample).second);
                    QVERIFY(std::isfinite(p.x) && std::isfinite(p.y));
                    if (p.group >= 0) {
                        groups.insert(p.group);
                    }
                    if (p.selected) {
                        ++selected;
                        QVERIFY2(p.group >= 0, "a selected sample belongs to a group");
                        QVERIFY2(selectedGroups.insert(p.group).second, "one selected sample per group");
                    }
                }
                QCOMPARE(int(groups.size()), c.groups);
                QCOMPARE(groups, sentGroups);
                QCOMPARE(selected, c.selected);
                QCOMPARE(selectedGroups, chosenGroups);
            }
        }
        QCOMPARE(mapped, 2 * 2); // north's two clients, both rounds
        MemoryJournal fedit;
        {
            Coordinator coordinator(trial, SelectionStrategy::FullData, {{m_sites[0].get(), {}}, {&south, {}}},
                                    {m_model.get(), &m_central});
            FP_VERIFY_OK(coordinator.run(fedit, m_initial, std::nullopt));
        }
        m_sites[0]->keepClientMaps(false);
        m_sites[1]->keepClientMaps(false);
        for (const auto &c : fedit.rounds[0].clients) {
            QVERIFY(c.map.empty() && c.centers.empty());
        }
    }

    void misshapedUpdatesAreRejectedAndTheGlobalAdapterIsUntouched() {
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        trial.evaluation.federated = false;
        MisshapedSite north(*m_sites[0]), south(*m_sites[1]);
        Coordinator coordinator(trial, SelectionStrategy::FullData, {{&north, CostModel{}}, {&south, CostModel{}}},
                                {m_model.get(), &m_central});
        MemoryJournal journal;
        auto outcome = coordinator.run(journal, m_initial, std::nullopt);
        FP_VERIFY_OK(outcome);
        int rejected = 0;
        for (const auto &c : journal.rounds[0].clients) {
            if (c.available > 0) {
                QVERIFY2(c.status.rfind("update rejected: tensor ", 0) == 0, c.status.c_str());
                ++rejected;
            }
        }
        QCOMPARE(rejected, 4);
        // Every update was rejected: the round keeps the global adapter as it was, bit for bit.
        QVERIFY(outcome->finalAdapter.tensors == m_initial.tensors);
        bool recorded = false;
        for (const auto &e : journal.rounds[0].events) {
            recorded = recorded || e.kind == "update-rejected";
        }
        QVERIFY(recorded);
    }

    void fullDataTrainsOnEverySampleWithoutSelectionBytes() {
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        MemoryJournal journal;
        FP_VERIFY_OK(runOnce(trial, SelectionStrategy::FullData, journal));
        for (const auto &c : journal.rounds[0].clients) {
            QCOMPARE(c.selected, c.available);
            QCOMPARE(c.selectionBytes, int64_t(0));
            QCOMPARE(c.featureSeconds, 0.0);
        }
    }

    void resumedRunEndsBitIdentical() {
        MemoryJournal whole;
        auto full = runOnce(smallTrial(), SelectionStrategy::FedHds, whole);
        FP_VERIFY_OK(full);
        MemoryJournal again;
        auto resumed =
            runOnce(smallTrial(), SelectionStrategy::FedHds, again, ResumePoint{1, whole.rounds[0].globalAdapter});
        FP_VERIFY_OK(resumed);
        QCOMPARE(again.rounds.size(), size_t(2));
        QVERIFY(resumed->finalAdapter.tensors == full->finalAdapter.tensors);
        for (size_t r = 0; r < 2; ++r) {
            const auto &a = whole.rounds[r + 1], &b = again.rounds[r];
            QCOMPARE(a.round, b.round);
            for (size_t c = 0; c < a.clients.size(); ++c) {
                QCOMPARE(a.clients[c].selected, b.clients[c].selected);
                QCOMPARE(a.clients[c].trainLoss, b.clients[c].trainLoss);
                QCOMPARE(a.clients[c].bytesDown, b.clients[c].bytesDown);
                QCOMPARE(a.clients[c].bytesUp, b.clients[c].bytesUp);
            }
            QCOMPARE(a.evaluations.front().rougeL, b.evaluations.front().rougeL);
            QCOMPARE(a.evaluations.front().loss, b.evaluations.front().loss);
        }
    }

    void flexLoraAggregationRuns() {
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        trial.aggregation = Aggregation::FlexLora;
        MemoryJournal journal;
        auto outcome = runOnce(trial, SelectionStrategy::FullData, journal);
        FP_VERIFY_OK(outcome);
        QVERIFY(outcome->finalAdapter.tensors != m_initial.tensors);
        QCOMPARE(outcome->finalAdapter.tensors.size(), m_initial.tensors.size());
        for (const auto &[name, t] : outcome->finalAdapter.tensors) {
            QCOMPARE(t.shape, m_initial.tensors.at(name).shape);
        }
    }

    void clientWithoutSamplesIsSkippedAndRecorded() {
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        MemoryJournal journal;
        FP_VERIFY_OK(runOnce(trial, SelectionStrategy::FullData, journal));
        bool found = false;
        for (const auto &c : journal.rounds[0].clients) {
            if (c.client == "south-empty") {
                found = true;
                QCOMPARE(c.status, std::string("skipped: no samples"));
                QCOMPARE(c.trainingTokens, int64_t(0));
            }
        }
        QVERIFY(found);
        bool event = false;
        for (const auto &e : journal.rounds[0].events) {
            event = event || e.message.find("south-empty") != std::string::npos;
        }
        QVERIFY(event);
    }

    void nonFiniteLossSkipsTheStepAndIsRecorded() {
        // A poisoned base model: NaN in the embedding of one token that only some samples contain.
        FP_REQUIRE_SHARED_FILE(path, "models/stories260K/stories260K.bin");
        auto checkpoint = loadCheckpoint(path);
        FP_VERIFY_OK(checkpoint);
        auto tokenizer = loadTokenizerFor(path, "", checkpoint->config.vocabSize);
        FP_VERIFY_OK(tokenizer);
        // Topic 3 ("Tell a short story about ...") carries a token no other sample has.
        std::set<int> others, poisoned;
        bool first = true;
        for (const auto &sample : clientSamples("task-a", 4, 8)) {
            const auto tokens = encodeForTraining(*tokenizer, sample, 0).tokens;
            const std::set<int> ids(tokens.begin(), tokens.end());
            if (sample.instruction.rfind("Tell a short story", 0) == 0) {
                if (first) {
                    poisoned = ids;
                    first = false;
                }
                std::erase_if(poisoned, [&](int id) { return !ids.count(id); });
            } else {
                others.insert(ids.begin(), ids.end());
            }
        }
        int poison = -1;
        for (int id : poisoned) {
            if (!others.count(id)) {
                poison = id;
            }
        }
        QVERIFY2(poison >= 0, "no token unique to the poisoned instruction");
        // Untied copy of the head first: a tied NaN row would poison every logit, not one input token.
        checkpoint->config.tiedEmbeddings = false;
        checkpoint->tensors["lm_head.weight"] = checkpoint->tensors.at("model.embed_tokens.weight");
        auto &embedding = checkpoint->tensors.at("model.embed_tokens.weight");
        auto *values =
            reinterpret_cast<float *>(embedding.bytes.mutableData()); // a copy: the file stays mapped read-only
        values[size_t(poison) * size_t(checkpoint->config.dim)] = NAN;
        auto model = LanguageModel::fromCheckpoint(*checkpoint, std::move(*tokenizer));
        FP_VERIFY_OK(model);
        QVERIFY(model->attachLora(LoraConfig{}, 5));
        auto shared = std::make_shared<LanguageModel>(std::move(*model));
        std::vector<std::unique_ptr<LocalSite>> sites;
        sites.push_back(makeSite("poisoned", {"task-a", "task-b"}, shared, false, 4));
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        trial.evaluation.federated = false;
        Coordinator coordinator(trial, SelectionStrategy::FullData, {{sites[0].get(), {}}}, {});
        MemoryJournal journal;
        auto outcome = coordinator.run(journal, PeftAdapter{LoraConfig{}, shared->adapterTensors()}, std::nullopt);
        FP_VERIFY_OK(outcome);
        int64_t skipped = 0, steps = 0;
        for (const auto &c : journal.rounds[0].clients) {
            skipped += c.skippedSteps;
            steps += c.steps;
        }
        QVERIFY2(skipped > 0 && steps > 0, (std::to_string(skipped) + " skipped, " + std::to_string(steps)).c_str());
        bool recorded = false;
        for (const auto &e : journal.rounds[0].events) {
            recorded = recorded || e.kind == "nan-step";
        }
        QVERIFY(recorded);
        for (const auto &[name, t] : outcome->finalAdapter.tensors) {
            for (float v : t.toFloat32()) {
                QVERIFY2(std::isfinite(v), name.c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCoordinator)
#include "TestCoordinator.moc"
