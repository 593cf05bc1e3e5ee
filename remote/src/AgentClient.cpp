#include "fedpilot/remote/Agent.h"

#include "Credentials.h"
#include "StatusMapping.h"
#include "fedpilot/v1/agent.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace fp::remote {
namespace {

// A TLS failure reaches the console as UNAVAILABLE; say what to check besides "is it running".
Error explainFailure(const grpc::Status &status, const std::string &address, const ChannelSecurity &security) {
    Error error = toError(status, address);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) {
        return error;
    }
    if (security.insecure) {
        error.message += "; an agent that serves TLS refuses plaintext connections";
        return error;
    }
    error.message += "; over TLS also check that the agent's certificate is signed by " +
                     (security.caFile.empty() ? std::string("a system CA") : security.caFile) + " and names " +
                     (security.serverName.empty() ? std::string("the host of ") + address : security.serverName) +
                     (security.clientCertFile.empty() ? ", and whether it requires a client certificate (--client-ca)"
                                                      : ", and that it accepts the client certificate");
    return error;
}

Result<void> checkExpectations(const fedpilot::v1::HandshakeReply &reply, const std::string &address,
                               const HandshakeExpectations &expected) {
    if (!expected.modelSha256.empty() && reply.model_sha256() != expected.modelSha256) {
        return fail(ErrorCode::InvalidArgument, "agent " + address + ": base model mismatch: the console has " +
                                                    expected.modelSha256 + ", this agent has " + reply.model_sha256());
    }
    if (!expected.tokenizerSha256.empty() && !reply.tokenizer_sha256().empty() &&
        reply.tokenizer_sha256() != expected.tokenizerSha256) {
        return fail(ErrorCode::InvalidArgument, "agent " + address + ": tokenizer mismatch: the console has " +
                                                    expected.tokenizerSha256 + ", this agent has " +
                                                    reply.tokenizer_sha256());
    }
    if (!expected.siteName.empty() && reply.site_name() != expected.siteName) {
        return fail(ErrorCode::InvalidArgument, "agent " + address + " serves site '" + reply.site_name() +
                                                    "', the trial expects site '" + expected.siteName + "'");
    }
    return {};
}

} // namespace

Result<AgentIdentity> handshake(const std::string &address, const ChannelSecurity &security,
                                const HandshakeExpectations &expected, std::chrono::milliseconds deadline) {
    auto channel = openChannel(address, security);
    if (!channel) {
        return std::unexpected(channel.error());
    }
    auto stub = fedpilot::v1::Agent::NewStub(*channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    fedpilot::v1::HandshakeRequest request;
    request.set_protocol_version(kProtocolVersion);
    request.set_console_version(FP_VERSION);
    request.set_model_sha256(expected.modelSha256);
    request.set_tokenizer_sha256(expected.tokenizerSha256);
    request.set_site(expected.siteName);
    fedpilot::v1::HandshakeReply reply;
    const grpc::Status status = stub->Handshake(&context, request, &reply);
    if (!status.ok()) {
        return std::unexpected(explainFailure(status, address, security));
    }
    if (auto matches = checkExpectations(reply, address, expected); !matches) {
        return std::unexpected(matches.error());
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
