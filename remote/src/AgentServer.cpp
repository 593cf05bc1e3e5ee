#include "fedpilot/remote/Agent.h"

#include "AgentService.h"
#include "Credentials.h"
#include "StatusMapping.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

namespace fp::remote {

struct AgentServer::Impl {
    std::unique_ptr<AgentService> service;
    std::unique_ptr<grpc::Server> server;
    int port = 0;
};

AgentServer::AgentServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AgentServer::~AgentServer() { shutdown(); }

Result<std::unique_ptr<AgentServer>> AgentServer::start(const AgentOptions &options) {
    if (auto allowed = checkServerSecurity(options.security, options.listenAddress); !allowed) {
        return std::unexpected(allowed.error());
    }
    auto credentials = serverCredentials(options.security);
    if (!credentials) {
        return std::unexpected(credentials.error());
    }
    auto tokenCheck = TokenCheck::load(options.security);
    if (!tokenCheck) {
        return std::unexpected(tokenCheck.error());
    }
    auto impl = std::make_unique<Impl>();
    impl->service = std::make_unique<AgentService>(options, std::move(*tokenCheck));
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    // Without this, gRPC binds with SO_REUSEPORT and a second agent on the same port would "start" silently.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    applyServerChannelArgs(builder);
    builder.AddListeningPort(options.listenAddress, *credentials, &impl->port);
    builder.RegisterService(impl->service.get());
    impl->server = builder.BuildAndStart();
    if (!impl->server || impl->port == 0) {
        return fail(ErrorCode::Network, "agent: cannot listen on " + options.listenAddress +
                                            " (address in use or not available on this machine?)");
    }
    return std::unique_ptr<AgentServer>(new AgentServer(std::move(impl)));
}

int AgentServer::port() const { return m_impl->port; }

void AgentServer::wait() { m_impl->server->Wait(); }

void AgentServer::shutdown() {
    if (m_impl && m_impl->server) {
        m_impl->server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    }
}

std::string grpcVersion() { return grpc::Version(); }

} // namespace fp::remote
