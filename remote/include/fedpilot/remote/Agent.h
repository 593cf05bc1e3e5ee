#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/remote/Security.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace fp::remote {

// The site protocol's version (proto/fedpilot/v1/agent.proto); console and agent must speak the same.
inline constexpr uint32_t kProtocolVersion = 4;

// What an agent says about itself in the handshake.
struct AgentIdentity {
    std::string agentVersion;
    std::string siteName;
    std::string modelSha256;
    std::string torchVersion;
    int threads = 0;
    std::string tokenizerSha256;
    int clients = 0;
    int64_t samples = 0;
    int64_t heldOutSamples = 0;
};

struct HostedSite;

struct AgentOptions {
    std::string siteName = "site";
    std::string modelSha256; // of the base model this site holds; empty when none is configured
    std::string listenAddress = "127.0.0.1:0";
    std::string siteFile;    // --site SITE.json: the site's data and model (fedpilot-agent loads it into hosted)
    ServerSecurity security; // TLS, client CA, token or insecure loopback; see Security.h
    // The site served (HostedSite.h). Null: the agent answers the handshake only and refuses site calls.
    std::shared_ptr<HostedSite> hosted;
    // When set, every message the agent sends is also written there (one file per message, for a privacy audit).
    std::string auditDir;
    // When set, one JSON line per call is appended there: the call and the bytes it moved (payload and frames).
    std::string statsFile;
};

// The site-side gRPC server. Serves the Agent service and standard gRPC health checking.
class AgentServer {
public:
    // Checks options.security (checkServerSecurity), loads its files, binds and starts serving on
    // options.listenAddress (port 0 picks a free port). InvalidArgument for a refused configuration (plaintext on a
    // non-loopback address, no authentication), NotFound/Io/BadFormat naming an unreadable file and its flag,
    // Network when the address cannot be bound.
    static Result<std::unique_ptr<AgentServer>> start(const AgentOptions &options);
    ~AgentServer();
    AgentServer(const AgentServer &) = delete;
    AgentServer &operator=(const AgentServer &) = delete;

    [[nodiscard]] int port() const;
    // Blocks until shutdown() is called from another thread.
    void wait();
    void shutdown();

private:
    struct Impl;
    explicit AgentServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// What the console expects of an agent; empty fields are not checked.
struct HandshakeExpectations {
    std::string modelSha256;     // lowercase hex SHA-256 of the console's base model
    std::string tokenizerSha256; // lowercase hex SHA-256 of the console's tokenizer vocabulary
    std::string siteName;        // the site the trial expects at this address
};

// Console side: one handshake with the agent at `address` ("HOST:PORT"), bounded by a deadline, over a channel
// made by `security` (TLS, token, client certificate, or insecure loopback). Both sides compare the base model:
// a mismatch is InvalidArgument naming both hashes; so is a site name other than expected.siteName.
// A refused token is Network "agent ADDRESS: missing or wrong token"; a TLS failure is Network naming the address.
Result<AgentIdentity> handshake(const std::string &address, const ChannelSecurity &security,
                                const HandshakeExpectations &expected,
                                std::chrono::milliseconds deadline = std::chrono::seconds(5));

// The gRPC library version in use.
[[nodiscard]] std::string grpcVersion();

} // namespace fp::remote
