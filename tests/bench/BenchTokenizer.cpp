// Times the split-pattern scanners of byte-level tokenizers (engine/src/tokenizer/SplitPattern.cpp), the part of
// tokenizing that classifies every character as letter, number or whitespace (UnicodeClass.cpp).
//   fp_bench_tokenizer [--text FILE] [--megabytes M] [--steps N]
// Time is the thread's CPU time, best of N runs, so that other processes on a busy machine disturb it less.
// Two texts: ASCII-heavy English (--text, default: the first Natural Instructions task file of ../shared, else a
// built-in English paragraph) and a generated mix of scripts (Latin with accents, Greek, Cyrillic, Arabic,
// Devanagari, CJK, Hangul, digits of several scripts, symbols), each repeated to M megabytes. Prints MB/s for the
// GPT-2 and the Llama 3 pattern, and the number of pieces (the same before and after a change).
#include "CommandLine.h"
#include "fedpilot/engine/ProgramPaths.h"
#include "tokenizer/SplitPattern.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using fp::engine::detail::SplitPattern;

struct Options {
    std::string text;
    int megabytes = 8;
    int steps = 5;
};

std::string readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string englishSample(const Options &o) {
    std::string path = o.text;
    if (path.empty()) {
        if (const auto shared = fp::engine::findSharedDir()) {
            const auto tasks = *shared / "data" / "natural-instructions-v1" / "tasks";
            std::error_code ec;
            std::vector<std::filesystem::path> files;
            for (const auto &entry : std::filesystem::directory_iterator(tasks, ec)) {
                files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end());
            if (!files.empty()) {
                path = files.front().string();
            }
        }
    }
    std::string text = path.empty() ? std::string() : readFile(path);
    if (text.empty()) {
        text =
            "The quick brown fox jumps over the lazy dog; it's 42 degrees, isn't it? We'll see: 3.14159 and 2,718.\n";
    }
    std::printf("english text: %s\n", path.empty() ? "built-in paragraph" : path.c_str());
    return text;
}

void appendUtf8(std::string &out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Words of 1..8 characters, each from one block, separated by spaces, punctuation or line breaks (seeded).
std::string mixedScripts() {
    struct Block {
        char32_t first, last;
    };
    const Block blocks[] = {{0x61, 0x7A},   {0xC0, 0xFF},     {0x3B1, 0x3C9},     {0x430, 0x44F},    {0x627, 0x64A},
                            {0x905, 0x939}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},   {0x30, 0x39},      {0x660, 0x669},
                            {0x966, 0x96F}, {0x2190, 0x21FF}, {0x1F600, 0x1F64F}, {0x10400, 0x1044F}};
    const char32_t separators[] = {' ', ' ', ' ', ',', '.', '\n', 0x3000, 0xA0, '\''};
    std::mt19937 rng(7);
    std::string text;
    while (text.size() < (1 << 16)) {
        const Block &block = blocks[rng() % std::size(blocks)];
        for (unsigned n = 1 + rng() % 8; n > 0; --n) {
            appendUtf8(text, block.first + char32_t(rng() % (block.last - block.first + 1)));
        }
        appendUtf8(text, separators[rng() % std::size(separators)]);
    }
    return text;
}

std::string repeatTo(const std::string &text, size_t bytes) {
    std::string out;
    out.reserve(bytes + text.size());
    while (out.size() < bytes) {
        out += text;
    }
    return out;
}

double threadSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

void timeSplits(const char *name, const std::string &text, int steps) {
    for (const auto &[patternName, pattern] :
         {std::pair{"gpt2", SplitPattern::Gpt2}, std::pair{"llama3", SplitPattern::Llama3}}) {
        double best = 1e300;
        size_t pieces = 0;
        for (int step = 0; step < steps; ++step) {
            const double start = threadSeconds();
            pieces = fp::engine::detail::splitByPattern(text, pattern).size();
            best = std::min(best, threadSeconds() - start);
        }
        std::printf("%-8s %-7s %8.1f MB/s  %zu pieces\n", name, patternName, double(text.size()) / best / 1e6, pieces);
    }
}

} // namespace

int main(int argc, char **argv) {
    Options o;
    fp::app::CommandLine cli("fp_bench_tokenizer", "Times the split-pattern scanners of byte-level tokenizers.");
    cli.add_option("--text", o.text, "an ASCII-heavy text file (default: a Natural Instructions task of ../shared)");
    cli.add_option("--megabytes", o.megabytes, "size each text is repeated to")->check(fp::app::integerFrom(1, 4096));
    cli.add_option("--steps", o.steps, "timed runs (the best counts)")->check(fp::app::integerFrom(1, 1000));
    if (const auto code = cli.accept(std::vector<std::string>(argv + 1, argv + argc))) {
        return *code;
    }
    const size_t bytes = size_t(o.megabytes) << 20;
    timeSplits("english", repeatTo(englishSample(o), bytes), o.steps);
    timeSplits("mixed", repeatTo(mixedScripts(), bytes), o.steps);
    return 0;
}
