#include "FileIo.h"

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <system_error>

namespace fp::engine::detail {

namespace fs = std::filesystem;

Result<std::uint64_t> regularFileSize(const std::string &path, const std::string &what) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return fail(ErrorCode::NotFound, what + " " + path + ": no such file");
    if (ec)
        return fail(ErrorCode::Io, what + " " + path + ": " + ec.message());
    if (status.type() != fs::file_type::regular)
        return fail(ErrorCode::BadFormat, what + " " + path + ": not a regular file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        return fail(ErrorCode::Io, what + " " + path + ": cannot read the size: " + ec.message());
    return static_cast<std::uint64_t>(size);
}

Result<InputFile> InputFile::open(const std::string &path, const std::string &what) {
    auto size = regularFileSize(path, what);
    if (!size)
        return std::unexpected(size.error());
    InputFile file;
    file.m_stream.open(path, std::ios::binary);
    if (!file.m_stream)
        return fail(ErrorCode::Io, what + " " + path + ": cannot open for reading");
    file.m_path = path;
    file.m_what = what;
    file.m_size = *size;
    return file;
}

Result<void> InputFile::read(void *dst, std::uint64_t n) {
    if (n > m_size || m_pos > m_size - n)
        return fail(ErrorCode::BadFormat, describe() + ": truncated: needs " + std::to_string(n) + " bytes at offset " +
                                              std::to_string(m_pos) + ", file has " + std::to_string(m_size));
    if (n == 0)
        return {};
    m_stream.read(static_cast<char *>(dst), static_cast<std::streamsize>(n));
    if (static_cast<std::uint64_t>(m_stream.gcount()) != n)
        return fail(ErrorCode::Io, describe() + ": read of " + std::to_string(n) + " bytes at offset " +
                                       std::to_string(m_pos) + " failed");
    m_pos += n;
    return {};
}

Result<void> InputFile::seek(std::uint64_t offset) {
    if (offset > m_size)
        return fail(ErrorCode::BadFormat, describe() + ": truncated: offset " + std::to_string(offset) +
                                              " is past the end (" + std::to_string(m_size) + " bytes)");
    m_stream.clear();
    m_stream.seekg(static_cast<std::streamoff>(offset));
    if (!m_stream)
        return fail(ErrorCode::Io, describe() + ": cannot seek to offset " + std::to_string(offset));
    m_pos = offset;
    return {};
}

Result<std::string> readTextFile(const std::string &path, const std::string &what, std::uint64_t maxBytes) {
    auto file = InputFile::open(path, what);
    if (!file)
        return std::unexpected(file.error());
    if (file->size() > maxBytes)
        return fail(ErrorCode::BadFormat, file->describe() + ": " + std::to_string(file->size()) +
                                              " bytes, more than the " + std::to_string(maxBytes) + "-byte limit");
    std::string text(file->size(), '\0');
    auto read = file->read(text.data(), text.size());
    if (!read)
        return std::unexpected(read.error());
    return text;
}

Result<void> writeFileAtomically(const std::string &path, const std::function<void(std::ostream &)> &writeBody) {
    const std::string tmpPath = path + ".tmp";
    std::error_code ec;
    {
        std::ofstream out(tmpPath, std::ios::binary | std::ios::trunc);
        if (!out)
            return fail(ErrorCode::Io, "cannot create " + tmpPath);
        errno = 0;
        try {
            writeBody(out);
        } catch (...) {
            out.close();
            fs::remove(tmpPath, ec);
            throw;
        }
        out.flush();
        out.close();
        if (!out) {
            // The stream hides the OS's reason; errno of the failed write still holds it (e.g. ENOSPC).
            const std::string reason = errno ? std::strerror(errno) : "write failed (disk full?)";
            fs::remove(tmpPath, ec);
            return fail(ErrorCode::Io, "writing " + tmpPath + ": " + reason);
        }
    }
    fs::rename(tmpPath, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmpPath, ignored);
        return fail(ErrorCode::Io, "cannot rename " + tmpPath + " to " + path + ": " + ec.message());
    }
    return {};
}

} // namespace fp::engine::detail
