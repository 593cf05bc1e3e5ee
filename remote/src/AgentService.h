#pragma once
// Site side: the Agent gRPC service (proto/fedpilot/v1/agent.proto) of one fedpilot-agent.
#include "fedpilot/v1/agent.grpc.pb.h"
#include "fedpilot/remote/Agent.h"

namespace fp::remote {

class AgentService final : public fedpilot::v1::Agent::Service {
public:
    explicit AgentService(AgentOptions options);

    grpc::Status Handshake(grpc::ServerContext *context, const fedpilot::v1::HandshakeRequest *request,
                           fedpilot::v1::HandshakeReply *reply) override;

private:
    AgentOptions m_options;
};

} // namespace fp::remote
