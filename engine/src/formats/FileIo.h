#pragma once

// File access shared by the format readers and writers: sizes, positioned reads that report
// short files as BadFormat, and atomic writes (temporary file + rename).

#include "fedpilot/engine/Error.h"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>

namespace fp::engine::detail {

// Size of a regular file. `what` names the file's role in messages ("model file", "config file").
// Errors: NotFound (missing), BadFormat (a directory or other non-regular file), Io.
Result<std::uint64_t> regularFileSize(const std::string &path, const std::string &what);

// A binary input file with a known size. Reads past the end are BadFormat ("truncated"), because
// every caller has already promised the bytes are there.
class InputFile {
public:
    static Result<InputFile> open(const std::string &path, const std::string &what);

    [[nodiscard]] std::uint64_t size() const { return m_size; }
    [[nodiscard]] const std::string &path() const { return m_path; }
    // "<what> <path>", the prefix of every message about this file.
    [[nodiscard]] std::string describe() const { return m_what + " " + m_path; }

    // Reads n bytes at the current position and advances.
    Result<void> read(void *dst, std::uint64_t n);
    Result<void> seek(std::uint64_t offset);
    Result<void> skip(std::uint64_t n) { return seek(m_pos + n); }
    [[nodiscard]] std::uint64_t position() const { return m_pos; }

private:
    InputFile() = default;

    std::ifstream m_stream;
    std::string m_path;
    std::string m_what;
    std::uint64_t m_size = 0;
    std::uint64_t m_pos = 0;
};

// Reads a whole text file of at most maxBytes. Errors: NotFound, BadFormat (too large), Io.
Result<std::string> readTextFile(const std::string &path, const std::string &what, std::uint64_t maxBytes);

// Writes path + ".tmp" with writeBody, flushes, then renames it over path, so readers never see a
// half-written file. The temporary is removed on failure. Errors: Io naming the path.
Result<void> writeFileAtomically(const std::string &path, const std::function<void(std::ostream &)> &writeBody);

// Runs body and turns any escaping exception into an Error (std::bad_alloc -> Runtime "out of
// memory"), so nothing throws across the engine's format API.
template <typename Body> auto catchAtBoundary(const std::string &context, Body &&body) -> decltype(body()) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, context + ": out of memory");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, context + ": " + e.what());
    } catch (...) {
        return fail(ErrorCode::Runtime, context + ": unknown exception");
    }
}

} // namespace fp::engine::detail
