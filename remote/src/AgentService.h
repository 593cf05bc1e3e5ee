#pragma once
// Site side: the Agent gRPC service (proto/fedpilot/v1/agent.proto) of one fedpilot-agent. Calls run one at a
// time (the hosted site keeps a client's groups between its prepare and train calls); every request is
// authenticated, size-limited and decoded with range checks (engine/Site.h) before the site uses it.
#include "Credentials.h"
#include "Frames.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/HostedSite.h"
#include "fedpilot/v1/agent.grpc.pb.h"

#include <fstream>
#include <mutex>

namespace fp::remote {

class AgentService final : public fedpilot::v1::Agent::Service {
public:
    using Frames = grpc::ServerReaderWriter<fedpilot::v1::Frame, fedpilot::v1::Frame>;
    // tokenCheck runs first in every RPC; a refusal is returned as is and nothing else runs.
    AgentService(AgentOptions options, TokenCheck tokenCheck);

    grpc::Status Handshake(grpc::ServerContext *context, const fedpilot::v1::HandshakeRequest *request,
                           fedpilot::v1::HandshakeReply *reply) override;
    grpc::Status Inventory(grpc::ServerContext *context, const fedpilot::v1::InventoryRequest *request,
                           fedpilot::v1::InventoryReply *reply) override;
    grpc::Status Prepare(grpc::ServerContext *context, Frames *stream) override;
    grpc::Status Train(grpc::ServerContext *context, Frames *stream) override;
    grpc::Status Evaluate(grpc::ServerContext *context, Frames *stream) override;

private:
    using SiteCall = Result<engine::Bytes> (engine::Site::*)(std::span<const std::byte>);
    grpc::Status serveSiteCall(const grpc::ServerContext &context, Frames &stream, const char *call, SiteCall method);
    grpc::Status checkHandshake(const fedpilot::v1::HandshakeRequest &request) const;
    grpc::Status attachLora(const fedpilot::v1::LoraSpec &spec);
    void audit(const char *call, std::span<const std::byte> bytes);
    void recordStats(const char *call, const TransferCount &count, const grpc::Status &status);

    AgentOptions m_options;
    TokenCheck m_tokenCheck;
    std::mutex m_mutex;
    bool m_ready = false;               // a handshake succeeded since the agent started
    size_t m_maxRequestBytes = 1 << 20; // grows to fit the attached adapter
    int64_t m_auditSequence = 0;
};

} // namespace fp::remote
