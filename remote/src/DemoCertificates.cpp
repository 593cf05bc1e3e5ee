// generateDemoCertificates (Security.h): a CA, a server and a client certificate and a token, made with the openssl
// program (no shell: arguments pass as they are). The demo and the remote tests use it.
#include "fedpilot/remote/Security.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace fp::remote {
namespace {

namespace fs = std::filesystem;

// Extensions of each certificate.
constexpr const char *kOpensslConfig = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = fedpilot
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
)";

std::string tail(const fs::path &log) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.size() > 600 ? text.substr(text.size() - 600) : text;
}

// Runs `openssl args...` in `dir`, its output going to dir/openssl.log. No shell: arguments pass as they are.
Result<void> runOpenssl(const fs::path &dir, std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    std::vector<char *> argv;
    for (auto &arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const fs::path log = dir / "openssl.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned == ENOENT) {
        return fail(ErrorCode::NotFound, "the openssl program is not installed (Debian package openssl)");
    }
    if (spawned != 0) {
        return fail(ErrorCode::Runtime, std::string("cannot run openssl: ") + std::strerror(spawned));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return fail(ErrorCode::Runtime, "openssl " + args[1] + " " + args[2] + " failed: " + tail(log));
    }
    return {};
}

std::vector<std::string> newKeyArgs(const fs::path &dir, const std::string &name) {
    return {"-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            (dir / (name + ".key")).string()};
}

// A key and certificate `name` signed by ca.pem, with the extensions of section `extensions`.
Result<void> makeSignedCertificate(const fs::path &dir, const std::string &name, const std::string &subject,
                                   const std::string &extensions) {
    const std::string config = (dir / "openssl.cnf").string();
    const std::string csr = (dir / (name + ".csr")).string();
    std::vector<std::string> request{"req", "-new", "-config", config, "-subj", subject, "-out", csr};
    auto key = newKeyArgs(dir, name);
    request.insert(request.end(), key.begin(), key.end());
    if (auto made = runOpenssl(dir, request); !made) {
        return made;
    }
    auto signedCert = runOpenssl(dir, {"x509", "-req", "-in", csr, "-CA", (dir / "ca.pem").string(), "-CAkey",
                                       (dir / "ca.key").string(), "-CAcreateserial", "-CAserial",
                                       (dir / "ca.srl").string(), "-days", "825", "-extfile", config, "-extensions",
                                       extensions, "-out", (dir / (name + ".pem")).string()});
    std::error_code ec;
    fs::remove(csr, ec);
    return signedCert;
}

Result<void> writeToken(const fs::path &dir) {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[32] = {};
    if (!random.read(reinterpret_cast<char *>(bytes), sizeof bytes)) {
        return fail(ErrorCode::Io, "cannot read /dev/urandom for the demo token");
    }
    std::string token;
    for (unsigned char b : bytes) {
        static constexpr char kHex[] = "0123456789abcdef";
        token += kHex[b >> 4];
        token += kHex[b & 15];
    }
    const fs::path path = dir / "token";
    std::ofstream out(path, std::ios::trunc);
    std::error_code ec; // owner-only before the token goes in
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, ec);
    out << token << "\n";
    if (ec || !out.flush()) {
        return fail(ErrorCode::Io, "cannot write " + path.string());
    }
    return {};
}

} // namespace

Result<void> generateDemoCertificates(const std::string &dirName) {
    const fs::path dir(dirName);
    const char *wanted[] = {"ca.pem", "ca.key", "server.pem", "server.key", "client.pem", "client.key", "token"};
    if (std::all_of(std::begin(wanted), std::end(wanted), [&](const char *f) { return fs::exists(dir / f); })) {
        return {};
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::ofstream config(dir / "openssl.cnf", std::ios::trunc);
    config << kOpensslConfig;
    if (ec || !config.flush()) {
        return fail(ErrorCode::Io, "cannot write TLS material into " + dirName);
    }
    std::vector<std::string> ca{"req",         "-x509",  "-config", (dir / "openssl.cnf").string(),
                                "-extensions", "ca_ext", "-subj",   "/CN=fedpilot demo CA",
                                "-days",       "3650",   "-out",    (dir / "ca.pem").string()};
    auto key = newKeyArgs(dir, "ca");
    ca.insert(ca.end(), key.begin(), key.end());
    auto made = runOpenssl(dir, ca);
    if (made) {
        made = makeSignedCertificate(dir, "server", "/CN=localhost", "server_ext");
    }
    if (made) {
        made = makeSignedCertificate(dir, "client", "/CN=fedpilot console", "client_ext");
    }
    if (made) {
        made = writeToken(dir);
    }
    if (!made) {
        return std::unexpected(made.error().withContext("making demo TLS material in " + dirName));
    }
    for (const char *keyFile : {"ca.key", "server.key", "client.key"}) {
        fs::permissions(dir / keyFile, fs::perms::owner_read | fs::perms::owner_write, ec);
    }
    return {};
}

} // namespace fp::remote
