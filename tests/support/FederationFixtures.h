#pragma once
// Federation fixtures shared by the coordinator and remote-site tests: an in-memory journal, small synthetic
// instruction clients with planted redundancy, a site of task clients, and a small trial for stories260K.
#include "fedpilot/engine/Coordinator.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/LocalSite.h"

#include <memory>
#include <string>
#include <vector>

namespace fp::test {

using namespace fp::engine;

class MemoryJournal : public RunJournal {
public:
    std::vector<RoundRecord> rounds;
    Result<void> roundCompleted(const RoundRecord &round) override {
        rounds.push_back(round);
        return {};
    }
    Result<void> event(const RunEvent &) override { return {}; }
};

// A client's samples: `topics` templates, each repeated with small variations (the redundancy selection removes).
inline std::vector<InstructionSample> clientSamples(const std::string &task, int topics, int perTopic) {
    static const char *subjects[] = {"a cat", "the river", "a small robot", "my friend", "the old tree", "a red ball"};
    static const char *asks[] = {"Write one sentence about", "Name the colour of", "Say where you can find",
                                 "Tell a short story about", "Give a word that rhymes with"};
    std::vector<InstructionSample> samples;
    for (int t = 0; t < topics; ++t) {
        for (int i = 0; i < perTopic; ++i) {
            InstructionSample s;
            s.instruction = std::string(asks[t % 5]) + " " + subjects[(t + i) % 6] + ".";
            s.output = std::string("Once upon a time ") + subjects[(t * 2 + i) % 6] + " was happy.";
            s.category = task;
            samples.push_back(std::move(s));
        }
    }
    return samples;
}

// One site whose clients are tasks; `empty` adds a client with no samples.
inline std::unique_ptr<LocalSite> makeSite(const std::string &name, const std::vector<std::string> &tasks,
                                           std::shared_ptr<LanguageModel> model, bool empty = false, int topics = 3) {
    std::vector<InstructionSample> samples;
    Partitioning partition;
    for (size_t t = 0; t < tasks.size(); ++t) {
        auto own = clientSamples(tasks[t], topics, 8);
        ClientShard shard{tasks[t], {}};
        for (auto &s : own) {
            shard.samples.push_back(samples.size());
            samples.push_back(std::move(s));
        }
        partition.clients.push_back(std::move(shard));
    }
    if (empty) {
        partition.clients.push_back({name + "-empty", {}});
    }
    auto heldOut = clientSamples(name + "-heldout", 1, 3);
    for (auto &s : heldOut) {
        partition.heldOut.push_back(samples.size());
        samples.push_back(std::move(s));
    }
    return std::make_unique<LocalSite>(name, std::move(samples), std::move(partition), std::move(model));
}

inline TrialSpec smallTrial() {
    TrialSpec trial;
    trial.name = "coordinator test";
    trial.maxTokens = 64;
    trial.featureTokens = 32;
    trial.clustering.minClusterSize = 3;
    trial.clustering.tsneIterations = 250;
    trial.clustering.perplexity = 5;
    trial.schedule.rounds = 3;
    trial.schedule.participation = 1.0;
    trial.schedule.learningRate = 3e-3f;
    trial.schedule.seed = 11;
    trial.evaluation.maxNewTokens = 8;
    trial.evaluation.maxSamplesPerTask = 3;
    trial.evaluation.federated = true;
    return trial;
}

} // namespace fp::test
