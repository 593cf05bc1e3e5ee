#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fp::engine {

enum class PartitionScheme {
    OneTaskPerClient, // each category (task) is one client: the paper's Natural Instructions setting
    Dirichlet,        // per category, client shares drawn from Dirichlet(alpha): the paper's Dolly setting
    Iid,              // shuffled and dealt round-robin
};

struct PartitionOptions {
    PartitionScheme scheme = PartitionScheme::OneTaskPerClient;
    int clients = 0;    // Dirichlet and IID: number of clients (> 0)
    double alpha = 0.5; // Dirichlet concentration (paper: 0.5 and 5.0)
    uint64_t seed = 0;
    // Dirichlet: 0 draws once (no balancing). > 0 follows the reference code (partition_idx_labeldir): a client
    // holding total / clients samples or more gets no share of further categories, and the whole split is
    // drawn again until every client holds at least minSamples (reference: 10), at most 1000 times.
    int minSamples = 0;
    // Whole categories kept out of every client for zero-shot evaluation.
    std::vector<std::string> heldOutCategories;
};

struct ClientShard {
    std::string name;            // the task name (one task per client) or "client-N"
    std::vector<size_t> samples; // indices into the sample list, ascending
};

struct Partitioning {
    std::vector<ClientShard> clients;
    std::vector<size_t> heldOut; // indices of held-out samples, ascending
};

// Splits samples into clients, reproducibly from the seed (the same inputs and options give the same
// partition on every machine). Errors: InvalidArgument (clients <= 0 for Dirichlet/IID, alpha <= 0, a
// held-out category that no sample has, nothing left to train on; minSamples < 0, or a Dirichlet split with
// minSamples that fewer than clients * minSamples training samples or 1000 draws cannot meet, naming
// partition.min_samples).
Result<Partitioning> partitionSamples(const std::vector<InstructionSample> &samples, const PartitionOptions &options);

[[nodiscard]] const char *partitionSchemeName(PartitionScheme scheme);
// "task", "dirichlet", "iid". Errors: InvalidArgument naming the accepted values.
Result<PartitionScheme> parsePartitionScheme(const std::string &name);

} // namespace fp::engine
