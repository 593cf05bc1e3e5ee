#pragma once
// Shared by the libFuzzer harnesses (README.md here): a per-process scratch folder for loaders that only take
// a path, and the split of one input into several files.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace fp::fuzz {

inline std::string_view asText(const uint8_t *data, size_t size) {
    return {reinterpret_cast<const char *>(data), size};
}

inline std::span<const std::byte> asBytes(const uint8_t *data, size_t size) {
    return {reinterpret_cast<const std::byte *>(data), size};
}

// Separates the files of a multi-file input: "FILE1<kFileSeparator>FILE2". The seeds of such harnesses are
// made by concatenating real files around it; the harness dictionaries hold it too.
inline constexpr std::string_view kFileSeparator = "\n#fp-fuzz-next-file#\n";

// The first parts-1 separators split the input into `parts` pieces (missing ones are empty), so that every
// input means something and mutations of either file stay local.
inline std::vector<std::string_view> splitFiles(std::string_view input, size_t parts) {
    std::vector<std::string_view> files;
    while (files.size() + 1 < parts) {
        const auto at = input.find(kFileSeparator);
        if (at == std::string_view::npos) {
            break;
        }
        files.push_back(input.substr(0, at));
        input.remove_prefix(at + kFileSeparator.size());
    }
    files.push_back(input);
    files.resize(parts);
    return files;
}

// One folder per process (see parentFolder), made on first use and removed at exit. Files keep their
// paths between runs, so a harness rewrites the same few files instead of creating new ones.
class ScratchDir {
public:
    static ScratchDir &instance() {
        static ScratchDir dir;
        return dir;
    }

    [[nodiscard]] const std::string &path() const { return m_path; }

    // Writes bytes to path()/name (replacing it) and returns the full path; aborts when it cannot, since a
    // harness that silently fuzzes nothing is worse than one that stops.
    std::string write(const std::string &name, std::string_view bytes) const {
        const std::string file = m_path + "/" + name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out) {
            std::fprintf(stderr, "fuzz: cannot write %s\n", file.c_str());
            std::abort();
        }
        return file;
    }

    // Removes path()/name when present (a harness whose input omits an optional file).
    void remove(const std::string &name) const {
        std::error_code ec;
        std::filesystem::remove(m_path + "/" + name, ec);
    }

    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;

private:
    // $FP_FUZZ_SCRATCH, else /dev/shm when there is one (files are rewritten at every run: on a disk that costs
    // more than the loaders themselves), else $TMPDIR or /tmp.
    static std::string parentFolder() {
        if (const char *chosen = std::getenv("FP_FUZZ_SCRATCH"); chosen && *chosen) {
            return chosen;
        }
        std::error_code ec;
        if (std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0) {
            return "/dev/shm";
        }
        const char *tmp = std::getenv("TMPDIR");
        return tmp && *tmp ? tmp : "/tmp";
    }

    ScratchDir() {
        std::string pattern = parentFolder() + "/fp-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("fuzz: mkdtemp");
            std::abort();
        }
        m_path = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }

    std::string m_path;
};

} // namespace fp::fuzz
