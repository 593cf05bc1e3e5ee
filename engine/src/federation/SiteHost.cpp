#include "fedpilot/engine/SiteHost.h"

#include "ClientWork.h"
#include "data/PortableRandom.h"
#include "federation/TrialFields.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/Trial.h"
#include "formats/FileIo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <limits>
#include <set>

namespace fp::engine {
namespace {

using detail::FieldReader;
using detail::IntRange;
using nlohmann::json;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

uint64_t nameHash(const std::string &text) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

// Keeps the first maxSamples of each larger client after a shuffle seeded by the site and client names.
void capClients(const SiteData &site, Partitioning &partition) {
    if (site.maxSamplesPerClient <= 0) {
        return;
    }
    for (auto &client : partition.clients) {
        if (client.samples.size() > size_t(site.maxSamplesPerClient)) {
            detail::PortableRandom random(detail::mixSeed(site.seed, nameHash(site.name + "/" + client.name)));
            random.shuffle(client.samples);
            client.samples.resize(size_t(site.maxSamplesPerClient));
            std::sort(client.samples.begin(), client.samples.end());
        }
    }
}

SiteHostSpec readSiteHost(const json &root, const std::string &baseDir, const std::string &origin) {
    const detail::JsonFields fields(origin, ErrorCode::InvalidArgument);
    FieldReader top(root, "", fields);
    SiteHostSpec spec;
    spec.site.name = detail::readName(top, "name");
    FieldReader model = top.object("model");
    spec.modelPath = detail::resolvePath(model, detail::readName(model, "path"), model.path("path"), baseDir);
    if (spec.modelPath.empty()) {
        model.fail(ErrorCode::InvalidArgument, model.path("path"), "expands to an empty path");
    }
    spec.tokenizerPath = detail::resolvePath(model, model.string("tokenizer", ""), model.path("tokenizer"), baseDir);
    model.finish();
    spec.site.data = detail::readPathList(top, "data", baseDir);
    spec.site.partition = detail::readPartition(top.object("partition"));
    spec.site.maxSamplesPerClient = top.integer("max_samples_per_client", 0, IntRange{0, kInt64Max});
    spec.site.heldOutTasks = detail::readTaskList(top, "held_out_tasks");
    spec.site.seed = uint64_t(top.integer("seed", 0, IntRange{0, kInt64Max}));
    spec.site.partition.seed = spec.site.seed;
    top.finish();
    return spec;
}

} // namespace

SiteData siteDataOf(const TrialSpec &trial, const SiteSpec &site) {
    return {site.name,          site.data, site.partition, site.maxSamplesPerClient, trial.evaluation.heldOutTasks,
            trial.schedule.seed};
}

Result<std::vector<InstructionSample>> readSamples(const std::vector<std::string> &paths, const std::string &context,
                                                   std::vector<std::string> *warnings) {
    auto files = readInstructionFiles(paths);
    if (!files) {
        return std::unexpected(files.error().withContext(context));
    }
    std::vector<InstructionSample> samples;
    for (auto &f : *files) {
        if (warnings && f.report.skipped > 0) {
            warnings->push_back(context + ": " + f.report.file + ": " + std::to_string(f.report.skipped) +
                                " record(s) skipped" +
                                (f.report.problems.empty() ? "" : " (first: " + f.report.problems.front() + ")"));
        }
        std::move(f.samples.begin(), f.samples.end(), std::back_inserter(samples));
    }
    return samples;
}

Result<SiteSamples> loadSiteSamples(const SiteData &site, std::vector<std::string> *warnings) {
    const std::string context = "site " + site.name;
    auto samples = readSamples(site.data, context, warnings);
    if (!samples) {
        return std::unexpected(samples.error());
    }
    SiteSamples loaded;
    loaded.samples = std::move(*samples);
    std::set<std::string> categories;
    for (const auto &s : loaded.samples) {
        categories.insert(s.category);
    }
    PartitionOptions options = site.partition;
    options.seed = site.seed;
    options.heldOutCategories.clear();
    for (const auto &task : site.heldOutTasks) {
        if (categories.count(task)) {
            options.heldOutCategories.push_back(task);
        }
    }
    auto partition = partitionSamples(loaded.samples, options);
    if (!partition) {
        return std::unexpected(partition.error().withContext(context));
    }
    loaded.partition = std::move(*partition);
    loaded.heldOutTasks = std::move(options.heldOutCategories);
    capClients(site, loaded.partition);
    return loaded;
}

Result<std::unique_ptr<LocalSite>> buildLocalSite(const SiteData &site, std::shared_ptr<LanguageModel> model,
                                                  std::vector<std::string> *warnings) {
    auto loaded = loadSiteSamples(site, warnings);
    if (!loaded) {
        return std::unexpected(loaded.error());
    }
    return std::make_unique<LocalSite>(site.name, std::move(loaded->samples), std::move(loaded->partition),
                                       std::move(model));
}

Result<SiteHostSpec> parseSiteFile(const std::string &text, const std::string &baseDir, const std::string &origin) {
    return detail::catchAtBoundary(origin, [&]() -> Result<SiteHostSpec> {
        try {
            SiteHostSpec spec =
                readSiteHost(detail::parseJson(text, origin, detail::kTrialJsonLimits), baseDir, origin);
            spec.sourceJson = text;
            spec.baseDir = std::filesystem::absolute(baseDir).lexically_normal().string();
            return spec;
        } catch (const detail::JsonFieldError &e) {
            return fail(e.code(), e.what());
        }
    });
}

Result<SiteHostSpec> readSiteFile(const std::string &path) {
    auto text = detail::readTextFile(path, "site file", detail::kTrialJsonLimits.maxBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return parseSiteFile(*text, baseDir.empty() ? "." : baseDir, path);
}

} // namespace fp::engine
