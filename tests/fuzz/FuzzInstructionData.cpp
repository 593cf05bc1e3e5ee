// Instruction data: fp::engine::readInstructionFile (a path), which picks the reader from the content: JSON
// Lines (Alpaca, Dolly, Self-Instruct), Natural Instructions v1/v2 task JSON or a JSON array of records.
#include "FuzzSupport.h"

#include "fedpilot/engine/InstructionData.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto path = fp::fuzz::ScratchDir::instance().write("task001_fuzz.json", fp::fuzz::asText(data, size));
    if (auto read = fp::engine::readInstructionFile(path)) {
        const auto &report = read->report;
        if (read->samples.empty() || report.samples != int64_t(read->samples.size()) ||
            report.problems.size() > fp::engine::ReadReport::kMaxProblems) {
            std::fprintf(stderr, "inconsistent read report\n");
            std::abort();
        }
    }
    return 0;
}
