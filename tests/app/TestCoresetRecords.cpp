// A real FedHDS trial (stories260K, NI-v1 tasks from ../shared, two simulated sites) recorded in a workspace through
// fp_runner, as the CLI and the console run it: every client round of every clustering run has its t-SNE map in the
// workspace, one point per sample, with the groups the client found, the coreset as its selected points (one in each
// group the coordinator chose), and sample indices that name the site's own samples (its data files read in order).
// FedIT records no map.
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/storage/RunStore.h"

#include "support/ResultChecks.h"
#include "support/SharedData.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace fp;

namespace {

// Two sites of two tasks each (12 samples per client), FedHDS with the default projected centers, the paper's
// 2-D t-SNE centers as a variant, and FedIT; two rounds.
std::string trialJson(const std::string &shared) {
    const std::string t = shared + "/data/natural-instructions-v1/tasks/";
    return R"({
  "name": "coreset records",
  "model": {"path": ")" +
           shared + R"(/models/stories260K/stories260K.bin", "max_tokens": 96, "feature_tokens": 48},
  "sites": [
    {"name": "north", "data": [")" +
           t + R"(subtask053_multirc_correct_bad_question.json", ")" + t +
           R"(subtask008_mctaco_wrong_answer_generation_transient_stationary.json"], "max_samples_per_client": 12},
    {"name": "south", "data": [")" +
           t + R"(subtask006_mctaco_question_generation_transient_stationary.json", ")" + t +
           R"(subtask036_qasc_topic_word_to_generate_related_fact.json"], "max_samples_per_client": 12}
  ],
  "strategies": ["fedhds", {"name": "fedhds-paper", "method": "fedhds", "selection": {"centers": "tsne"}}, "fedit"],
  "selection": {"min_cluster_size": 3, "tsne_iterations": 250},
  "schedule": {"rounds": 2, "participation": 1.0, "learning_rate": 1e-3, "seed": 5},
  "evaluation": {"held_out_tasks": [], "max_samples_per_task": 2, "max_new_tokens": 8}
})";
}

// The site's samples as the coordinator's sites read them: its data files in order.
std::vector<engine::InstructionSample> siteSamples(const engine::SiteSpec &site) {
    std::vector<engine::InstructionSample> all;
    auto files = engine::readInstructionFiles(site.data);
    if (files) {
        for (auto &f : *files) {
            all.insert(all.end(), f.samples.begin(), f.samples.end());
        }
    }
    return all;
}

} // namespace

class TestCoresetRecords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyClientRoundOfAFedHdsRunHasItsMap() {
        FP_REQUIRE_SHARED_FILE(model, "models/stories260K/stories260K.bin");
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const std::string shared = *test::sharedDir();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto trial = engine::parseTrial(trialJson(shared), dir.path().toStdString(), "test trial");
        FP_VERIFY_OK(trial);
        auto store = storage::RunStore::open(dir.path().toStdString());
        FP_VERIFY_OK(store);
        runner::TrialRunner trialRunner(*store, *trial, {}, 1);
        auto runs = trialRunner.runStrategies(trial->strategies);
        FP_VERIFY_OK(runs);
        QCOMPARE(runs->size(), size_t(3));

        std::map<std::string, std::vector<engine::InstructionSample>> samples;
        for (const auto &site : trial->sites) {
            samples[site.name] = siteSamples(site);
            QVERIFY(!samples[site.name].empty());
        }
        for (size_t r = 0; r < runs->size(); ++r) {
            const int64_t run = (*runs)[r];
            const bool clusters = r < 2;
            auto clients = store->coresetClients(run);
            FP_VERIFY_OK(clients);
            QCOMPARE(clients->size(), size_t(2 * 4)); // 4 clients, every one sampled, 2 rounds
            for (const auto &c : *clients) {
                const QByteArray who = QByteArray::fromStdString("run " + std::to_string(run) + " round " +
                                                                 std::to_string(c.round) + " " + c.client);
                QVERIFY2(!c.remote, who.constData());
                auto map = store->coresetMap(run, c.round, c.site, c.client);
                FP_VERIFY_OK(map);
                if (!clusters) {
                    QVERIFY2(map->points.empty() && map->centers.empty(), who.constData());
                    continue;
                }
                QCOMPARE(c.points, c.available);
                QCOMPARE(int64_t(map->points.size()), c.available);
                QCOMPARE(c.selectedPoints, c.selected);
                QCOMPARE(int(map->centers.size()), c.groups);
                std::set<int> sent, chosen, found, selectedGroups;
                for (const auto &center : map->centers) {
                    QCOMPARE(center.coordinates.size(), size_t(r == 0 ? 4 : 2)); // projected / the paper's t-SNE
                    sent.insert(center.group);
                    if (center.chosen) {
                        chosen.insert(center.group);
                    }
                }
                for (const auto &p : map->points) {
                    const auto &site = samples[c.site];
                    QVERIFY2(p.sample >= 0 && size_t(p.sample) < site.size(), who.constData());
                    QCOMPARE(site[size_t(p.sample)].category, c.client); // a client is its task here
                    if (p.group >= 0) {
                        found.insert(p.group);
                    }
                    if (p.selected) {
                        QVERIFY2(p.group >= 0 && selectedGroups.insert(p.group).second, who.constData());
                    }
                }
                QCOMPARE(found, sent);
                QCOMPARE(selectedGroups, chosen); // the coreset: one sample in each chosen group
                QCOMPARE(int64_t(chosen.size()), c.selected);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCoresetRecords)
#include "TestCoresetRecords.moc"
