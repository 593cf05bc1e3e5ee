#pragma once
// The instruction text behind a coreset map's points, for the inspector's tooltips. Read from the site's own data
// files with the engine's instruction-data reader, in the order a run's sites read them (its files in order, their
// samples in order), so that a map point's sample index names its sample. Call it off the GUI thread.
#include "fedpilot/engine/Error.h"
#include "fedpilot/storage/RunStore.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fp::ui {

struct SampleText {
    std::string task; // the sample's task or category
    std::string instruction;
    std::string input;
};

// The texts of `samples` (indices into site `site`'s samples) of the trial stored with a run. Errors: the stored
// trial's parse errors; NotFound (no such site in the trial); InvalidArgument (the site is an agent: its samples
// are not here); the reader's errors (a data file gone or unreadable); OutOfRange-like InvalidArgument when an index
// is beyond what the files hold now ("the files changed since the run?").
Result<std::map<int64_t, SampleText>> readSampleTexts(const storage::StoredTrial &trial, const std::string &site,
                                                      const std::vector<int64_t> &samples);

} // namespace fp::ui
