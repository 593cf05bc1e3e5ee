#pragma once
// How the console and its site agents protect their gRPC connection: TLS (optionally mutual) and a bearer token
// per site. Plain C++ types only; the gRPC side lives in remote/src/Credentials.h.
//
// The rules, enforced where the agent starts (AgentServer::start) and where the console opens a channel:
//  - TLS unless `insecure` is set; plaintext is allowed only on a loopback address (127.0.0.0/8, ::1, localhost).
//  - An agent must authenticate its callers: a token file, a client CA (mutual TLS), or both. Only an insecure
//    loopback agent may run with neither (the agent program prints a warning).
//  - With a token, every call carries the metadata "authorization: Bearer <token>"; the agent answers
//    UNAUTHENTICATED ("missing or wrong token") before doing anything else.
#include "fedpilot/engine/Error.h"

#include <string>

namespace fp::remote {

// Site side: what fedpilot-agent's command-line flags configure.
struct ServerSecurity {
    std::string certFile;     // --tls-cert: PEM certificate (chain) the agent presents
    std::string keyFile;      // --tls-key: PEM private key of certFile
    std::string clientCaFile; // --client-ca: when set, callers must present a certificate signed by it (mTLS)
    std::string tokenFile;    // --token-file: when set, every call must carry this bearer token
    bool insecure = false;    // --insecure: plaintext, loopback listen addresses only
};

// Console side: how to reach one agent.
struct ChannelSecurity {
    std::string caFile;         // PEM roots that signed the agent's certificate; empty: the system's roots
    std::string serverName;     // TLS name to verify instead of the address's host (e.g. "localhost")
    std::string tokenFile;      // the site's bearer token, sent on every call
    std::string clientCertFile; // for an agent started with --client-ca (both or neither of cert and key)
    std::string clientKeyFile;
    bool insecure = false; // plaintext, loopback agents started with --insecure only
};

// True for 127.0.0.0/8, ::1 and "localhost" (case-insensitive).
[[nodiscard]] bool isLoopbackHost(const std::string &host);

// The host of "HOST:PORT" or "[IPV6]:PORT"; InvalidArgument naming hostPort when it has no port.
Result<std::string> hostOf(const std::string &hostPort);

// Checks a listen address: it must be HOST:PORT, and with insecure it must be a loopback host.
// InvalidArgument naming the address otherwise.
Result<void> checkListenAddress(const std::string &hostPort, bool insecure);

// The agent's whole policy (see the top of this file): the listen address, TLS or --insecure but not both halves
// of one, cert with key, and some authentication unless insecure. InvalidArgument naming the flag to add or drop.
// Files are not read here (see readTokenFile and the credential loaders).
Result<void> checkServerSecurity(const ServerSecurity &security, const std::string &listenAddress);

// The token in a token file, trailing whitespace and newlines removed. NotFound/Io naming the file and `flag`
// when it cannot be read; BadFormat when it is empty or holds characters a gRPC header cannot carry.
Result<std::string> readTokenFile(const std::string &path, const std::string &flag);

// Makes TLS material for the demo in `dir` (created if missing) with the `openssl` program, unless it is all there:
// ca.pem/ca.key, server.pem/server.key (names localhost, 127.0.0.1 and ::1), client.pem/client.key (signed by the
// same CA) and a random bearer token in `token`. Keys and the token are readable by the owner only.
// NotFound when openssl is not installed; Runtime with openssl's own message when a step fails.
Result<void> generateDemoCertificates(const std::string &dir);

} // namespace fp::remote
