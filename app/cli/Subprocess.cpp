#include "Subprocess.h"

#include "fedpilot/engine/ProgramPaths.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fp::app {

Result<Subprocess> Subprocess::spawn(const std::string &program, const std::vector<std::string> &arguments) {
    int fds[2];
    if (pipe(fds) != 0) {
        return fail(ErrorCode::Io, std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(program.c_str()));
    for (const auto &a : arguments) {
        argv.push_back(const_cast<char *>(a.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return fail(ErrorCode::NotFound, "cannot start " + program + ": " + std::strerror(rc));
    }
    return Subprocess(pid, fds[0]);
}

Subprocess::Subprocess(Subprocess &&other) noexcept
    : m_pid(other.m_pid), m_fd(other.m_fd), m_buffer(std::move(other.m_buffer)) {
    other.m_pid = -1;
    other.m_fd = -1;
}

Subprocess::~Subprocess() { terminate(); }

Result<std::string> Subprocess::readLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const auto nl = m_buffer.find('\n'); nl != std::string::npos) {
            std::string line = m_buffer.substr(0, nl);
            m_buffer.erase(0, nl + 1);
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return fail(ErrorCode::Runtime, "process " + std::to_string(m_pid) + " printed no line in time");
        }
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, int(left.count())) <= 0) {
            continue;
        }
        char chunk[512];
        const ssize_t n = read(m_fd, chunk, sizeof chunk);
        if (n <= 0) {
            return fail(ErrorCode::Runtime, "process " + std::to_string(m_pid) + " exited or closed its output");
        }
        m_buffer.append(chunk, size_t(n));
    }
}

int Subprocess::terminate() {
    int status = 0;
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        for (int i = 0; i < 50 && waitpid(m_pid, &status, WNOHANG) == 0; ++i) {
            usleep(20000);
        }
        if (waitpid(m_pid, &status, WNOHANG) == 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }
    if (m_fd >= 0) {
        close(m_fd);
        m_fd = -1;
    }
    return status;
}

std::string siblingProgram(const std::string &name) {
    if (const auto dir = engine::programDir()) {
        const auto candidate = *dir / name;
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec)) {
            return candidate.string();
        }
    }
    return name;
}

} // namespace fp::app
