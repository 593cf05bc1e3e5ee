// Trial JSON: fp::engine::parseTrial, the in-memory half of readTrialFile (which adds only the size-capped read).
// Relative paths resolve against the scratch folder; the parser does not open them.
#include "FuzzSupport.h"

#include "fedpilot/engine/Trial.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string text(fp::fuzz::asText(data, size));
    (void)fp::engine::parseTrial(text, fp::fuzz::ScratchDir::instance().path(), "trial.json");
    return 0;
}
