#include "models/SampleTexts.h"

#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/Trial.h"

#include <algorithm>

namespace fp::ui {

Result<std::map<int64_t, SampleText>> readSampleTexts(const storage::StoredTrial &stored, const std::string &site,
                                                      const std::vector<int64_t> &samples) {
    auto trial = engine::parseTrial(stored.json, stored.baseDir, "the run's stored trial");
    if (!trial) {
        return std::unexpected(trial.error());
    }
    const auto spec = std::find_if(trial->sites.begin(), trial->sites.end(),
                                   [&](const engine::SiteSpec &s) { return s.name == site; });
    if (spec == trial->sites.end()) {
        return fail(ErrorCode::NotFound, "the run's stored trial has no site '" + site + "'");
    }
    if (spec->remote()) {
        return fail(ErrorCode::InvalidArgument, "site '" + site + "' runs at an agent: its samples are not here");
    }
    auto files = engine::readInstructionFiles(spec->data);
    if (!files) {
        return std::unexpected(files.error().withContext("site " + site));
    }
    // The files' samples end to end, as engine::readSamples joins them for the run's sites.
    std::vector<const engine::InstructionSample *> all;
    for (const auto &f : *files) {
        for (const auto &s : f.samples) {
            all.push_back(&s);
        }
    }
    std::map<int64_t, SampleText> texts;
    for (const int64_t i : samples) {
        if (i < 0 || size_t(i) >= all.size()) {
            return fail(ErrorCode::InvalidArgument, "site " + site + ": its data holds " + std::to_string(all.size()) +
                                                        " samples now, the map names sample " + std::to_string(i) +
                                                        " (the files changed since the run?)");
        }
        const auto &s = *all[size_t(i)];
        texts[i] = {s.category, s.instruction, s.input};
    }
    return texts;
}

} // namespace fp::ui
