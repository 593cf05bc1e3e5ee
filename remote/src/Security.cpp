// The plain-C++ half of remote security: address rules, the agent's policy and token files (Security.h).
#include "fedpilot/remote/Security.h"

#include "Credentials.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <netinet/in.h>

namespace fp::remote {
namespace {

bool isLoopbackIpv4(const std::string &host) {
    in_addr v4{};
    return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

bool isLoopbackIpv6(const std::string &host) {
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) != 1) {
        return false;
    }
    if (IN6_IS_ADDR_LOOPBACK(&v6)) {
        return true;
    }
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127; // ::ffff:127.x.y.z
}

bool isPort(const std::string &text) {
    if (text.empty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return false;
    }
    return std::stoi(text) <= 65535;
}

} // namespace

bool isLoopbackHost(const std::string &host) {
    std::string lower(host);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower == "localhost" || isLoopbackIpv4(host) || isLoopbackIpv6(host);
}

Result<std::string> hostOf(const std::string &hostPort) {
    std::string host;
    std::string port;
    if (!hostPort.empty() && hostPort.front() == '[') {
        const auto close = hostPort.find(']');
        if (close != std::string::npos && close + 1 < hostPort.size() && hostPort[close + 1] == ':') {
            host = hostPort.substr(1, close - 1);
            port = hostPort.substr(close + 2);
        }
    } else if (const auto colon = hostPort.rfind(':'); colon != std::string::npos) {
        host = hostPort.substr(0, colon);
        port = hostPort.substr(colon + 1);
    }
    if (!isPort(port)) {
        return fail(ErrorCode::InvalidArgument,
                    "address '" + hostPort + "': expected HOST:PORT or [IPV6]:PORT with a port from 0 to 65535");
    }
    return host;
}

Result<void> checkListenAddress(const std::string &hostPort, bool insecure) {
    auto host = hostOf(hostPort);
    if (!host) {
        return std::unexpected(host.error());
    }
    if (insecure && !isLoopbackHost(*host)) {
        return fail(ErrorCode::InvalidArgument,
                    "--insecure on " + hostPort +
                        ": plaintext is allowed only on a loopback address (127.0.0.1, ::1, localhost); "
                        "use --tls-cert/--tls-key to listen on other interfaces");
    }
    return {};
}

Result<void> checkServerSecurity(const ServerSecurity &security, const std::string &listenAddress) {
    if (auto address = checkListenAddress(listenAddress, security.insecure); !address) {
        return address;
    }
    const bool anyTls = !security.certFile.empty() || !security.keyFile.empty() || !security.clientCaFile.empty();
    if (security.insecure) {
        if (anyTls) {
            return fail(ErrorCode::InvalidArgument,
                        "--insecure cannot be combined with --tls-cert, --tls-key or --client-ca: choose one");
        }
        return {};
    }
    if (security.certFile.empty() && security.keyFile.empty()) {
        return fail(ErrorCode::InvalidArgument,
                    "no transport security configured for " + listenAddress +
                        ": pass --tls-cert FILE and --tls-key FILE (or --insecure on a loopback address)");
    }
    if (security.certFile.empty() || security.keyFile.empty()) {
        return fail(ErrorCode::InvalidArgument,
                    security.certFile.empty() ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key");
    }
    if (security.tokenFile.empty() && security.clientCaFile.empty()) {
        return fail(ErrorCode::InvalidArgument, "no authentication configured: --token-file or --client-ca");
    }
    return {};
}

Result<std::string> readTokenFile(const std::string &path, const std::string &flag) {
    auto text = readFileForFlag(path, flag, 4096);
    if (!text) {
        return text;
    }
    std::string token = std::move(*text);
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
        token.pop_back();
    }
    if (token.empty()) {
        return fail(ErrorCode::BadFormat, flag + " " + path + ": the token file is empty");
    }
    const bool printable =
        std::all_of(token.begin(), token.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
    if (!printable) {
        return fail(ErrorCode::BadFormat,
                    flag + " " + path +
                        ": a token may hold only printable ASCII without spaces (it travels in a header)");
    }
    return token;
}

} // namespace fp::remote
