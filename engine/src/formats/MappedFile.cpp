#include "formats/MappedFile.h"

#include "formats/FileIo.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fp::engine::detail {

namespace {

// Closes the descriptor when the mapping is made (or fails): a mapping does not need it.
class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    ~Descriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::string &path, const std::string &what) {
    // regularFileSize gives the NotFound / "not a regular file" messages every reader already used.
    if (auto size = regularFileSize(path, what); !size)
        return std::unexpected(size.error());
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        return fail(ErrorCode::Io, what + " " + path + ": cannot open for reading: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        return fail(ErrorCode::Io, what + " " + path + ": cannot read the size: " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return fail(ErrorCode::BadFormat, what + " " + path + ": not a regular file");
    std::shared_ptr<MappedFile> file(new MappedFile());
    file->m_path = path;
    file->m_what = what;
    file->m_size = static_cast<std::uint64_t>(info.st_size);
    if (file->m_size == 0)
        return file;
    void *address = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (address == MAP_FAILED)
        return fail(ErrorCode::Io, what + " " + path + ": cannot map " + std::to_string(file->m_size) +
                                       " bytes: " + std::strerror(errno));
    file->m_data = static_cast<const std::byte *>(address);
    return file;
}

MappedFile::~MappedFile() {
    if (m_data != nullptr)
        ::munmap(const_cast<std::byte *>(m_data), m_size);
}

void MappedFile::releasePages(const std::byte *begin, std::size_t n) const {
    if (m_data == nullptr || begin < m_data || n > m_size || begin - m_data > static_cast<std::ptrdiff_t>(m_size - n))
        return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto first = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
    const auto last = (reinterpret_cast<std::uintptr_t>(begin) + n) / page * page;
    if (last > first)
        ::madvise(reinterpret_cast<void *>(first), last - first, MADV_DONTNEED);
}

Result<const std::byte *> MappedCursor::take(std::uint64_t n) {
    const std::uint64_t size = m_file->size();
    if (n > size || m_pos > size - n)
        return fail(ErrorCode::BadFormat, describe() + ": truncated: needs " + std::to_string(n) + " bytes at offset " +
                                              std::to_string(m_pos) + ", file has " + std::to_string(size));
    const std::byte *at = m_file->data() + m_pos;
    m_pos += n;
    return at;
}

Result<void> MappedCursor::read(void *dst, std::uint64_t n) {
    auto at = take(n);
    if (!at)
        return std::unexpected(at.error());
    if (n != 0)
        std::memcpy(dst, *at, n);
    return {};
}

Result<void> MappedCursor::seek(std::uint64_t offset) {
    if (offset > m_file->size())
        return fail(ErrorCode::BadFormat, describe() + ": truncated: offset " + std::to_string(offset) +
                                              " is past the end (" + std::to_string(m_file->size()) + " bytes)");
    m_pos = offset;
    return {};
}

} // namespace fp::engine::detail
