#pragma once

// A whole file mapped read-only (mmap PROT_READ, MAP_PRIVATE): the weight readers hand out views into it instead
// of reading the file into buffers and copying. Shared ownership keeps the mapping alive while any view exists.
//
// The size is taken once, from the open descriptor; every reader checks offsets against size() before it touches
// the mapping, so a file that is short from the start gives a BadFormat error, never SIGBUS. (A file truncated by
// another program while it is mapped can still fault: the usual contract of mapped files.)

#include "fedpilot/engine/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace fp::engine::detail {

class MappedFile {
public:
    // Maps path. `what` names the file's role in messages ("model file"). An empty file maps to no memory
    // (data() is nullptr). Errors: NotFound, BadFormat (not a regular file), Io (open or mmap failed).
    static Result<std::shared_ptr<const MappedFile>> open(const std::string &path, const std::string &what);

    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile();

    [[nodiscard]] const std::byte *data() const { return m_data; }
    [[nodiscard]] std::uint64_t size() const { return m_size; }
    [[nodiscard]] const std::string &path() const { return m_path; }
    // "<what> <path>", the prefix of every message about this file.
    [[nodiscard]] std::string describe() const { return m_what + " " + m_path; }

    // Tells the kernel the pages wholly inside [begin, begin + n) are not needed now (madvise MADV_DONTNEED), so
    // they stop counting against the process once their bytes have been copied elsewhere. The mapping is private
    // and never written, so a later read simply loads them from the file again. Ranges outside the mapping are
    // ignored.
    void releasePages(const std::byte *begin, std::size_t n) const;

private:
    MappedFile() = default;

    const std::byte *m_data = nullptr;
    std::uint64_t m_size = 0;
    std::string m_path;
    std::string m_what;
};

// Sequential reads from a mapped file with the checks and messages of InputFile: a read past the end is BadFormat
// ("truncated") and never touches the mapping.
class MappedCursor {
public:
    explicit MappedCursor(std::shared_ptr<const MappedFile> file) : m_file(std::move(file)) {}

    [[nodiscard]] const std::shared_ptr<const MappedFile> &file() const { return m_file; }
    [[nodiscard]] std::uint64_t size() const { return m_file->size(); }
    [[nodiscard]] std::string describe() const { return m_file->describe(); }
    [[nodiscard]] std::uint64_t position() const { return m_pos; }

    // Copies n bytes at the current position and advances.
    Result<void> read(void *dst, std::uint64_t n);
    // The n bytes at the current position, in the mapping; advances.
    Result<const std::byte *> take(std::uint64_t n);
    Result<void> seek(std::uint64_t offset);
    Result<void> skip(std::uint64_t n) { return seek(m_pos + n); }

private:
    std::shared_ptr<const MappedFile> m_file;
    std::uint64_t m_pos = 0;
};

} // namespace fp::engine::detail
