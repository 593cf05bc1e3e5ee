#include "fedpilot/remote/Agent.h"

#include "StatusMapping.h"
#include "fedpilot/v1/agent.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace fp::remote {

Result<AgentIdentity> handshake(const std::string &address, const std::string &expectedModelSha256,
                                std::chrono::milliseconds deadline) {
    auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    auto stub = fedpilot::v1::Agent::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    fedpilot::v1::HandshakeRequest request;
    request.set_protocol_version(kProtocolVersion);
    request.set_console_version(FP_VERSION);
    request.set_model_sha256(expectedModelSha256);
    fedpilot::v1::HandshakeReply reply;
    const grpc::Status status = stub->Handshake(&context, request, &reply);
    if (!status.ok()) {
        return std::unexpected(toError(status, address));
    }
    AgentIdentity identity;
    identity.agentVersion = reply.agent_version();
    identity.siteName = reply.site_name();
    identity.modelSha256 = reply.model_sha256();
    identity.torchVersion = reply.torch_version();
    identity.threads = reply.threads();
    return identity;
}

} // namespace fp::remote
