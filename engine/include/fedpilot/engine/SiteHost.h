#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"
#include "fedpilot/engine/LocalSite.h"
#include "fedpilot/engine/Partition.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// Hosting a site's clients next to its data: what LocalFederation simulates in-process and what a fedpilot-agent
// serves over the network. Both build their LocalSite here, so the same data, partition and seed give the same
// clients with the same samples wherever the site runs.
namespace fp::engine {

class LanguageModel;
struct SiteSpec;
struct TrialSpec;

// One site's data and how it becomes clients.
struct SiteData {
    std::string name;                      // names the site in messages and seeds the per-client caps
    std::vector<std::string> data;         // instruction files or folders, read in order
    PartitionOptions partition;            // scheme, clients, alpha; its seed and heldOutCategories are set from below
    int64_t maxSamplesPerClient = 0;       // 0: all; else the first N of each client after a seeded shuffle
    std::vector<std::string> heldOutTasks; // tasks kept out of every client (those the data holds)
    uint64_t seed = 0;                     // partition and caps
};

// The SiteData of a trial's site (held-out tasks and seed from the trial). Meaningful for a site without agent.
[[nodiscard]] SiteData siteDataOf(const TrialSpec &trial, const SiteSpec &site);

// A site's samples split into clients, before they are handed to a LocalSite.
struct SiteSamples {
    std::vector<InstructionSample> samples;
    Partitioning partition;                // clients and held-out samples (indices into samples)
    std::vector<std::string> heldOutTasks; // the held-out tasks the data holds, in SiteData::heldOutTasks order
};

// Reads instruction files or folders in order. warnings (may be null) gets "<context>: <file>: N record(s)
// skipped (first: ...)" per file with skipped records. Errors: those of readInstructionFiles, after "<context>: ".
Result<std::vector<InstructionSample>> readSamples(const std::vector<std::string> &paths, const std::string &context,
                                                   std::vector<std::string> *warnings);

// Reads the site's data, partitions it with the seed (the held-out tasks it holds kept aside), and caps each
// client at maxSamplesPerClient (a seeded shuffle per client, then the kept samples in file order).
// Errors (after "site <name>: "): those of reading the data; InvalidArgument from partitioning (bad options,
// nothing left to train on).
Result<SiteSamples> loadSiteSamples(const SiteData &site, std::vector<std::string> *warnings);

// loadSiteSamples, then a LocalSite on model (which must carry the trial's LoRA configuration).
Result<std::unique_ptr<LocalSite>> buildLocalSite(const SiteData &site, std::shared_ptr<LanguageModel> model,
                                                  std::vector<std::string> *warnings);

// What a fedpilot-agent serves: one site, read from a site file (docs/site-format.md).
struct SiteHostSpec {
    SiteData site;
    std::string modelPath;     // llama2.c .bin or Hugging Face folder (absolute after parsing)
    std::string tokenizerPath; // optional
    std::string sourceJson;    // the file's text
    std::string baseDir;       // the folder relative paths were resolved against
};

// Parses and validates a site file: the same rules and messages as a trial file (field paths named, unknown
// keys refused, paths resolved against the file's folder with ${NAME} expanded). Data and model are not opened.
// Errors: NotFound (no such file), BadFormat (not JSON, over 4 MB, a number beyond a double, wrong type,
// unknown field), InvalidArgument (a required field missing, a value out of range, an unknown partition
// scheme, a held-out task listed twice, an unset environment variable).
Result<SiteHostSpec> readSiteFile(const std::string &path);
// The same from text; baseDir resolves relative paths and origin names the source in messages.
Result<SiteHostSpec> parseSiteFile(const std::string &json, const std::string &baseDir, const std::string &origin);

} // namespace fp::engine
