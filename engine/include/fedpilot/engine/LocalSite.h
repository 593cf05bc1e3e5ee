#pragma once

#include "fedpilot/engine/Instruction.h"
#include "fedpilot/engine/Partition.h"
#include "fedpilot/engine/Site.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fp::engine {

class LanguageModel;

// A site simulated in-process: its clients' samples live in memory and run on a base model shared with every
// other local site and the coordinator (one model in memory however many clients; each call sets the adapter
// it needs). Decodes the coordinator's messages and encodes its replies exactly as a remote agent would.
class LocalSite final : public Site {
public:
    // samples: the site's samples; partition: its clients (indices into samples) and held-out samples.
    // The model must carry LoRA adapters of the trial's configuration.
    LocalSite(std::string name, std::vector<InstructionSample> samples, Partitioning partition,
              std::shared_ptr<LanguageModel> model);
    ~LocalSite() override;

    [[nodiscard]] const std::string &name() const override { return m_name; }
    Result<SiteInventory> inventory() override;
    // Errors: BadFormat (malformed message), NotFound (unknown client), those of feature extraction.
    Result<Bytes> prepare(std::span<const std::byte> request) override;
    // Errors: BadFormat, NotFound, InvalidArgument (train without a prepare of the same round), training errors.
    Result<Bytes> train(std::span<const std::byte> request) override;
    Result<Bytes> evaluate(std::span<const std::byte> request) override;

    // Whether train keeps each client's t-SNE map for takeClientMap (off by default: an agent has nobody to hand
    // it to; LocalFederation turns it on for the coreset inspector). At most one map per client is kept.
    void keepClientMaps(bool keep) { m_keepClientMaps = keep; }
    // The map kept by the client's train call of `round` (its samples in sample order, bounded as
    // ClientRoundRecord::map says); nullopt when none was kept (maps off, no t-SNE this round, another round).
    std::optional<std::vector<MapPoint>> takeClientMap(int round, const std::string &client) override;

private:
    struct Pending; // what a client computed in prepare, until its train call
    Result<size_t> clientIndex(const std::string &client) const;
    Result<std::vector<size_t>> coresetFor(size_t client, const TrainRequest &request, const Pending &pending) const;

    std::string m_name;
    std::vector<InstructionSample> m_samples;
    Partitioning m_partition;
    std::shared_ptr<LanguageModel> m_model;
    std::map<size_t, std::unique_ptr<Pending>> m_pending;
    bool m_keepClientMaps = false;
    std::map<size_t, std::pair<int, std::vector<MapPoint>>> m_maps; // client -> (round, map), until taken
};

} // namespace fp::engine
