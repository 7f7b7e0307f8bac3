// SPDX-License-Identifier: MIT
#include "ByteSource.h"
#include "importers/ImportFailure.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace spanscope {

namespace {

class FileSource final : public ByteSource
{
public:
    FileSource(int fd, uint64_t size) : m_fd(fd), m_size(size) {}
    ~FileSource() override { ::close(m_fd); }

    size_t read(char* buffer, size_t size) override
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, size);
            if (n >= 0) {
                m_read += uint64_t(n);
                return size_t(n);
            }
            if (errno != EINTR)
                throw ImportFailure(SourceLocation{m_read, 0, 0},
                                    std::string("read error: ") + std::strerror(errno));
        }
    }
    uint64_t fileBytesRead() const override { return m_read; }
    uint64_t fileSize() const override { return m_size; }

private:
    int m_fd;
    uint64_t m_size;
    uint64_t m_read = 0;
};

class MemorySource final : public ByteSource
{
public:
    explicit MemorySource(std::string bytes) : m_bytes(std::move(bytes)) {}
    size_t read(char* buffer, size_t size) override
    {
        const size_t n = std::min(size, m_bytes.size() - m_pos);
        std::memcpy(buffer, m_bytes.data() + m_pos, n);
        m_pos += n;
        return n;
    }
    uint64_t fileBytesRead() const override { return m_pos; }
    uint64_t fileSize() const override { return m_bytes.size(); }

private:
    std::string m_bytes;
    size_t m_pos = 0;
};

} // namespace

std::unique_ptr<ByteSource> openFileSource(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw ImportFailure(SourceLocation{}, std::string("cannot open: ") + std::strerror(errno));
    struct stat info
    {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw ImportFailure(SourceLocation{}, "not a regular file");
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return std::make_unique<FileSource>(fd, uint64_t(info.st_size));
}

std::unique_ptr<ByteSource> memorySource(std::string bytes)
{
    return std::make_unique<MemorySource>(std::move(bytes));
}

} // namespace spanscope
