#include "AgentService.h"

#include "StatusMapping.h"
#include "fedpilot/engine/Runtime.h"

namespace fp::remote {

AgentService::AgentService(AgentOptions options, TokenCheck tokenCheck)
    : m_options(std::move(options)), m_tokenCheck(std::move(tokenCheck)) {}

grpc::Status AgentService::Handshake(grpc::ServerContext *context, const fedpilot::v1::HandshakeRequest *request,
                                     fedpilot::v1::HandshakeReply *reply) {
    if (auto denied = m_tokenCheck.authorize(*context); !denied.ok()) {
        return denied;
    }
    reply->set_agent_version(FP_VERSION);
    reply->set_site_name(m_options.siteName);
    reply->set_model_sha256(m_options.modelSha256);
    if (!request->model_sha256().empty() && request->model_sha256() != m_options.modelSha256) {
        return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                            "base model mismatch: the console has " + request->model_sha256() + ", this agent has " +
                                m_options.modelSha256);
    }
    reply->set_torch_version(engine::torchVersion());
    reply->set_threads(engine::currentThreads());
    return grpc::Status::OK;
}

} // namespace fp::remote
