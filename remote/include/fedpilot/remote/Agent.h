#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/remote/Security.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace fp::remote {

// The site protocol's version (proto/fedpilot/v1/agent.proto); console and agent must speak the same.
inline constexpr uint32_t kProtocolVersion = 1;

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
    ServerSecurity security;
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
    // Binds and starts serving on options.listenAddress (port 0 picks a free port).
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

// Console side: one handshake with an agent, bounded by a deadline. Errors are Network with the peer's address.
Result<AgentIdentity> handshake(const std::string &address, const std::string &expectedModelSha256,
                                std::chrono::milliseconds deadline = std::chrono::seconds(5));

// The gRPC library version in use.
[[nodiscard]] std::string grpcVersion();

} // namespace fp::remote
