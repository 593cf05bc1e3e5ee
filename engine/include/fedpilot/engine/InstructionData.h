#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fp::engine {

// What reading one file found. Nothing is dropped silently: every skipped record is counted and the
// first problems are listed as "FILE:LINE: reason" (JSONL) or "FILE: Instances[i]: reason" (JSON).
struct ReadReport {
    std::string file;
    std::string format;  // "jsonl (alpaca)", "jsonl (dolly)", "jsonl (self-instruct)", "natural-instructions v1", ...
    int64_t records = 0; // lines or instances looked at
    int64_t samples = 0; // samples produced (a self-instruct task with 3 instances gives 3)
    int64_t skipped = 0; // records rejected
    std::vector<std::string> problems; // the first kMaxProblems reasons
    static constexpr size_t kMaxProblems = 20;
    void addProblem(std::string problem);
};

struct InstructionData {
    std::vector<InstructionSample> samples;
    ReadReport report;
};

// Reads instruction samples from one file; the format is taken from the content:
// - JSON Lines (one object per line): Alpaca fields (instruction, input, output), Dolly fields
//   (instruction, context, response, category) or Self-Instruct tasks (instruction, instances: [{input,
//   output}], with id/name/motivation_app as the category); one sample per instance.
// - A Natural Instructions task (.json): v1 ("Definition" a string, "Instances" [{input, output: [..]}]) or
//   v2 ("Definition" a list, "Instances" [{id, input, output: [..]}]); the category is the task name (file
//   stem) and the output the first reference.
// - A JSON array of Alpaca/Dolly records.
// Malformed records are skipped and reported. Errors: NotFound, Io, BadFormat when the file is not JSON of
// a known shape or holds no valid record at all (the message gives the first problems).
Result<InstructionData> readInstructionFile(const std::string &path);

// Reads several files (or every *.json / *.jsonl file of a directory, sorted by name) in order.
Result<std::vector<InstructionData>> readInstructionFiles(const std::vector<std::string> &paths);

} // namespace fp::engine
