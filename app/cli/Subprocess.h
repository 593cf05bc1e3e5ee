#pragma once

#include "fedpilot/engine/Error.h"

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace fp::app {

// A child process whose standard output we read line by line (e.g. a fedpilot-agent started by the demo).
// The destructor terminates it (SIGTERM, then SIGKILL) and reaps it.
class Subprocess {
public:
    static Result<Subprocess> spawn(const std::string &program, const std::vector<std::string> &arguments);
    Subprocess(Subprocess &&other) noexcept;
    Subprocess(const Subprocess &) = delete;
    Subprocess &operator=(const Subprocess &) = delete;
    Subprocess &operator=(Subprocess &&) = delete;
    ~Subprocess();

    // Next line of the child's stdout, waiting at most timeout. Errors when the child closes stdout first.
    Result<std::string> readLine(std::chrono::milliseconds timeout);
    // Stops the child and returns its exit status (as from waitpid).
    int terminate();
    [[nodiscard]] pid_t pid() const { return m_pid; }

private:
    Subprocess(pid_t pid, int stdoutFd) : m_pid(pid), m_fd(stdoutFd) {}
    pid_t m_pid = -1;
    int m_fd = -1;
    std::string m_buffer;
};

// Path of a program installed beside the running executable (same folder), or the bare name if absent.
std::string siblingProgram(const std::string &name);

} // namespace fp::app
