#pragma once
// The gRPC side of remote security (private to fp_remote): credentials, channel limits and the bearer-token check.
// Security.h holds the plain types and the policy; this file turns them into gRPC objects.
#include "fedpilot/remote/Security.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace fp::remote {

// Largest gRPC message either side sends or accepts. Site messages travel in frames of at most 1 MiB (agent.proto).
inline constexpr int kMaxMessageBytes = 4 * 1024 * 1024;
// How often a console pings an agent during a call (a Train call may carry no data for minutes).
inline constexpr std::chrono::seconds kDefaultKeepalive{30};
// Agents accept pings this often; openChannel never pings more often, or the agent would close the connection.
inline constexpr std::chrono::seconds kMinKeepalive{10};

// A small file's bytes. NotFound or Io naming `flag` and the file; BadFormat when larger than maxBytes.
Result<std::string> readFileForFlag(const std::string &path, const std::string &flag, std::size_t maxBytes);

// Agent side: TLS credentials (mutual when clientCaFile is set) or, with insecure, plaintext.
// Reads and checks the PEM files; errors name the file and its flag. Does not check the policy (checkServerSecurity).
Result<std::shared_ptr<grpc::ServerCredentials>> serverCredentials(const ServerSecurity &security);

// Agent side: message-size limits and keepalive settings matching openChannel's.
void applyServerChannelArgs(grpc::ServerBuilder &builder);

// Agent side: the bearer-token check every RPC handler calls first:
//     if (auto denied = m_tokenCheck.authorize(*context); !denied.ok()) { return denied; }
// Without a token configured every call passes (the agent then relies on mutual TLS, or is an insecure loopback
// agent). The comparison takes the same time wherever the given token first differs.
class TokenCheck {
public:
    TokenCheck() = default;
    // Reads security.tokenFile (flag --token-file) when it is set.
    static Result<TokenCheck> load(const ServerSecurity &security);
    static TokenCheck forToken(const std::string &token);

    // OK, or UNAUTHENTICATED "missing or wrong token" when the call lacks "authorization: Bearer <token>".
    [[nodiscard]] grpc::Status authorize(const grpc::ServerContext &context) const;
    [[nodiscard]] bool enabled() const { return !m_expected.empty(); }

private:
    std::string m_expected; // "Bearer <token>", empty when no token is configured
};

// Console side: a channel to one agent. TLS unless security.insecure (then only to a loopback address), with
// message limits of kMaxMessageBytes and keepalive pings every `keepalive` (at least kMinKeepalive) during calls.
// With a token file, every call made on the channel carries "authorization: Bearer <token>" (added by an
// interceptor, so no call can forget it). Errors: InvalidArgument for an inconsistent configuration, NotFound/Io/
// BadFormat naming an unreadable file. Connecting is lazy: a wrong CA or name shows up on the first call.
Result<std::shared_ptr<grpc::Channel>> openChannel(const std::string &address, const ChannelSecurity &security,
                                                   std::chrono::seconds keepalive = kDefaultKeepalive);

} // namespace fp::remote
