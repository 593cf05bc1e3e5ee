#pragma once
// Site side: the Agent gRPC service (proto/fedpilot/v1/agent.proto) of one fedpilot-agent.
#include "fedpilot/v1/agent.grpc.pb.h"
#include "fedpilot/remote/Agent.h"
#include "Credentials.h" // TokenCheck

namespace fp::remote {

class AgentService final : public fedpilot::v1::Agent::Service {
public:
    // Every RPC first calls tokenCheck.authorize(*context) and returns its status when that is not OK.
    AgentService(AgentOptions options, TokenCheck tokenCheck);

    grpc::Status Handshake(grpc::ServerContext *context, const fedpilot::v1::HandshakeRequest *request,
                           fedpilot::v1::HandshakeReply *reply) override;

private:
    AgentOptions m_options;
    TokenCheck m_tokenCheck;
};

} // namespace fp::remote
