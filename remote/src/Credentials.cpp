#include "Credentials.h"

#include <grpcpp/support/client_interceptor.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fp::remote {
namespace {

constexpr std::size_t kMaxPemBytes = 1024 * 1024;
constexpr int kKeepaliveTimeoutMs = 20000;

// A PEM file holding a block whose label ends with `label` ("CERTIFICATE", "PRIVATE KEY").
Result<std::string> readPem(const std::string &path, const std::string &flag, const std::string &label) {
    auto text = readFileForFlag(path, flag, kMaxPemBytes);
    if (text && text->find(label + "-----") == std::string::npos) {
        return fail(ErrorCode::BadFormat, flag + " " + path + ": no PEM " + label + " block in the file");
    }
    return text;
}

// Compares without an early exit: the time depends on the lengths only, never on where the bytes differ.
bool constantTimeEquals(const std::string &expected, const std::string_view given) {
    std::size_t difference = expected.size() ^ given.size();
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0U;
        difference |= static_cast<unsigned char>(expected[i]) ^ g;
    }
    return difference == 0;
}

class BearerTokenInterceptor final : public grpc::experimental::Interceptor {
public:
    explicit BearerTokenInterceptor(std::string header) : m_header(std::move(header)) {}
    void Intercept(grpc::experimental::InterceptorBatchMethods *methods) override {
        if (methods->QueryInterceptionHookPoint(
                grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
            methods->GetSendInitialMetadata()->emplace("authorization", m_header);
        }
        methods->Proceed();
    }

private:
    std::string m_header;
};

class BearerTokenInterceptorFactory final : public grpc::experimental::ClientInterceptorFactoryInterface {
public:
    explicit BearerTokenInterceptorFactory(std::string header) : m_header(std::move(header)) {}
    grpc::experimental::Interceptor *CreateClientInterceptor(grpc::experimental::ClientRpcInfo *) override {
        return new BearerTokenInterceptor(m_header);
    }

private:
    std::string m_header;
};

Result<std::shared_ptr<grpc::ChannelCredentials>> channelCredentials(const std::string &address,
                                                                     const ChannelSecurity &security) {
    if (security.insecure) {
        auto host = hostOf(address);
        if (!host) {
            return std::unexpected(host.error());
        }
        if (!isLoopbackHost(*host)) {
            return fail(ErrorCode::InvalidArgument, "agent " + address +
                                                        ": plaintext (insecure) connections are allowed only to a "
                                                        "loopback address; configure TLS for this site");
        }
        return grpc::InsecureChannelCredentials();
    }
    if (security.clientCertFile.empty() != security.clientKeyFile.empty()) {
        return fail(ErrorCode::InvalidArgument,
                    "agent " + address + ": a client certificate needs its key and a key its certificate");
    }
    grpc::SslCredentialsOptions options;
    const std::pair<const std::string *, std::string *> files[] = {{&security.caFile, &options.pem_root_certs},
                                                                   {&security.clientCertFile, &options.pem_cert_chain},
                                                                   {&security.clientKeyFile, &options.pem_private_key}};
    const char *names[] = {"CA file", "client certificate", "client key"};
    const char *labels[] = {"CERTIFICATE", "CERTIFICATE", "PRIVATE KEY"};
    for (int i = 0; i < 3; ++i) {
        if (files[i].first->empty()) {
            continue;
        }
        auto pem = readPem(*files[i].first, names[i], labels[i]);
        if (!pem) {
            return std::unexpected(pem.error().withContext("agent " + address));
        }
        *files[i].second = std::move(*pem);
    }
    return grpc::SslCredentials(options);
}

} // namespace

Result<std::string> readFileForFlag(const std::string &path, const std::string &flag, std::size_t maxBytes) {
    if (path.empty()) {
        return fail(ErrorCode::NotFound, flag + ": no file given");
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) {
        return fail(ErrorCode::NotFound, flag + " " + path + ": no such file");
    }
    if (std::filesystem::is_directory(status)) {
        return fail(ErrorCode::Io, flag + " " + path + ": is a folder, expected a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::Io, flag + " " + path + ": cannot read the file (permissions?)");
    }
    std::string text(maxBytes + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    if (text.size() > maxBytes) {
        return fail(ErrorCode::BadFormat,
                    flag + " " + path + ": larger than " + std::to_string(maxBytes) + " bytes, not a key file");
    }
    return text;
}

Result<std::shared_ptr<grpc::ServerCredentials>> serverCredentials(const ServerSecurity &security) {
    if (security.insecure) {
        return grpc::InsecureServerCredentials();
    }
    auto cert = readPem(security.certFile, "--tls-cert", "CERTIFICATE");
    if (!cert) {
        return std::unexpected(cert.error());
    }
    auto key = readPem(security.keyFile, "--tls-key", "PRIVATE KEY");
    if (!key) {
        return std::unexpected(key.error());
    }
    const bool mutual = !security.clientCaFile.empty();
    grpc::SslServerCredentialsOptions options(mutual ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                     : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    if (mutual) {
        auto ca = readPem(security.clientCaFile, "--client-ca", "CERTIFICATE");
        if (!ca) {
            return std::unexpected(ca.error());
        }
        options.pem_root_certs = std::move(*ca);
    }
    options.pem_key_cert_pairs.push_back({std::move(*key), std::move(*cert)});
    return grpc::SslServerCredentials(options);
}

void applyServerChannelArgs(grpc::ServerBuilder &builder) {
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    builder.SetMaxSendMessageSize(kMaxMessageBytes);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutMs);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                               int(std::chrono::milliseconds(kMinKeepalive).count()));
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
}

Result<TokenCheck> TokenCheck::load(const ServerSecurity &security) {
    if (security.tokenFile.empty()) {
        return TokenCheck();
    }
    auto token = readTokenFile(security.tokenFile, "--token-file");
    if (!token) {
        return std::unexpected(token.error());
    }
    return forToken(*token);
}

TokenCheck TokenCheck::forToken(const std::string &token) {
    TokenCheck check;
    check.m_expected = "Bearer " + token;
    return check;
}

grpc::Status TokenCheck::authorize(const grpc::ServerContext &context) const {
    if (m_expected.empty()) {
        return grpc::Status::OK;
    }
    const auto &metadata = context.client_metadata();
    const auto found = metadata.find("authorization");
    const std::string_view given =
        found == metadata.end() ? std::string_view() : std::string_view(found->second.data(), found->second.size());
    if (!constantTimeEquals(m_expected, given)) {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing or wrong token");
    }
    return grpc::Status::OK;
}

Result<std::shared_ptr<grpc::Channel>> openChannel(const std::string &address, const ChannelSecurity &security,
                                                   std::chrono::seconds keepalive) {
    auto credentials = channelCredentials(address, security);
    if (!credentials) {
        return std::unexpected(credentials.error());
    }
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(kMaxMessageBytes);
    args.SetMaxReceiveMessageSize(kMaxMessageBytes);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, int(std::chrono::milliseconds(std::max(keepalive, kMinKeepalive)).count()));
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutMs);
    args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    if (!security.insecure && !security.serverName.empty()) {
        args.SetSslTargetNameOverride(security.serverName);
    }
    std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
    if (!security.tokenFile.empty()) {
        auto token = readTokenFile(security.tokenFile, "token file");
        if (!token) {
            return std::unexpected(token.error().withContext("agent " + address));
        }
        interceptors.push_back(std::make_unique<BearerTokenInterceptorFactory>("Bearer " + *token));
    }
    return grpc::experimental::CreateCustomChannelWithInterceptors(address, *credentials, args,
                                                                   std::move(interceptors));
}

} // namespace fp::remote
