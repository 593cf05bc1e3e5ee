#include "AgentService.h"

#include "StatusMapping.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/engine/Safetensors.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace fp::remote {
namespace {

namespace pb = fedpilot::v1;

grpc::Status refuse(const std::string &what, const std::string &console, const std::string &agent) {
    return {grpc::StatusCode::FAILED_PRECONDITION,
            what + " mismatch: the console has " + console + ", this agent has " + agent};
}

} // namespace

AgentService::AgentService(AgentOptions options, TokenCheck tokenCheck)
    : m_options(std::move(options)), m_tokenCheck(std::move(tokenCheck)) {}

grpc::Status AgentService::checkHandshake(const pb::HandshakeRequest &request) const {
    if (request.protocol_version() != kProtocolVersion) {
        return refuse("protocol version", std::to_string(request.protocol_version()), std::to_string(kProtocolVersion));
    }
    const std::string &site = m_options.hosted ? m_options.hosted->name : m_options.siteName;
    if (!request.site().empty() && request.site() != site) {
        return refuse("site name", "'" + request.site() + "'", "'" + site + "'");
    }
    const std::string &model = m_options.hosted ? m_options.hosted->modelSha256 : m_options.modelSha256;
    if (!request.model_sha256().empty() && request.model_sha256() != model) {
        return refuse("base model SHA-256", request.model_sha256(), model.empty() ? "(no model)" : model);
    }
    if (m_options.hosted && !request.tokenizer_sha256().empty() &&
        request.tokenizer_sha256() != m_options.hosted->tokenizerSha256) {
        return refuse("tokenizer SHA-256", request.tokenizer_sha256(), m_options.hosted->tokenizerSha256);
    }
    return grpc::Status::OK;
}

// Attaches the console's LoRA configuration to the hosted model (once per distinct configuration) and sizes
// the request limit from the adapter it implies.
grpc::Status AgentService::attachLora(const pb::LoraSpec &spec) {
    engine::LoraConfig config;
    config.rank = spec.rank();
    config.alpha = spec.alpha();
    config.dropout = spec.dropout();
    config.targetModules.assign(spec.targets().begin(), spec.targets().end());
    const auto &known = engine::loraModuleNames();
    for (const auto &t : config.targetModules) {
        if (std::find(known.begin(), known.end(), t) == known.end()) {
            return refuse("LoRA target", "'" + t + "'", "only q/k/v/o/gate/up/down_proj");
        }
    }
    if (config.targetModules.empty() || config.rank < 1 || config.rank > 4096 || !(config.alpha > 0.f) ||
        !(config.dropout >= 0.f && config.dropout < 1.f)) {
        return {grpc::StatusCode::INVALID_ARGUMENT, "handshake: LoRA rank must be in [1, 4096], alpha > 0, dropout "
                                                    "in [0, 1) and at least one target module"};
    }
    auto &model = *m_options.hosted->model;
    if (!model.hasLora() || !(model.loraConfig() == config)) {
        if (auto ok = model.attachLora(config, 0); !ok) {
            return toGrpcStatus(ok.error().withContext("handshake: attaching LoRA"));
        }
    }
    auto adapter = engine::encodeSafetensors(model.adapterTensors());
    if (!adapter) {
        return toGrpcStatus(adapter.error());
    }
    // A request carries at most one adapter plus a few hundred bytes of plan.
    m_maxRequestBytes = adapter->size() + (size_t(1) << 20);
    return grpc::Status::OK;
}

grpc::Status AgentService::Handshake(grpc::ServerContext *context, const pb::HandshakeRequest *request,
                                     pb::HandshakeReply *reply) {
    if (auto status = m_tokenCheck.authorize(*context); !status.ok()) {
        return status;
    }
    std::lock_guard lock(m_mutex);
    if (auto status = checkHandshake(*request); !status.ok()) {
        return status;
    }
    reply->set_protocol_version(kProtocolVersion);
    reply->set_agent_version(FP_VERSION);
    reply->set_torch_version(engine::torchVersion());
    reply->set_threads(engine::currentThreads());
    if (!m_options.hosted) {
        reply->set_site_name(m_options.siteName);
        reply->set_model_sha256(m_options.modelSha256);
        return grpc::Status::OK;
    }
    reply->set_site_name(m_options.hosted->name);
    reply->set_model_sha256(m_options.hosted->modelSha256);
    reply->set_tokenizer_sha256(m_options.hosted->tokenizerSha256);
    if (request->has_lora()) {
        if (auto status = attachLora(request->lora()); !status.ok()) {
            return status;
        }
    }
    auto inventory = m_options.hosted->site->inventory();
    if (!inventory) {
        return toGrpcStatus(inventory.error());
    }
    reply->set_clients(int32_t(inventory->clients.size()));
    int64_t samples = 0;
    for (const auto &c : inventory->clients) {
        samples += c.samples;
    }
    reply->set_samples(samples);
    reply->set_held_out_samples(inventory->heldOutSamples);
    m_ready = request->has_lora();
    const std::string sent = reply->SerializeAsString();
    audit("handshake", std::as_bytes(std::span(sent.data(), sent.size())));
    return grpc::Status::OK;
}

grpc::Status AgentService::Inventory(grpc::ServerContext *context, const pb::InventoryRequest *,
                                     pb::InventoryReply *reply) {
    if (auto status = m_tokenCheck.authorize(*context); !status.ok()) {
        return status;
    }
    std::lock_guard lock(m_mutex);
    if (!m_options.hosted) {
        return {grpc::StatusCode::FAILED_PRECONDITION, "this agent hosts no site (start it with --site SITE.json)"};
    }
    auto inventory = m_options.hosted->site->inventory();
    if (!inventory) {
        return toGrpcStatus(inventory.error());
    }
    const auto bytes = engine::encode(*inventory);
    if (!reply->ParseFromArray(bytes.data(), int(bytes.size()))) {
        return {grpc::StatusCode::INTERNAL, "inventory: cannot re-read its own encoding"};
    }
    audit("inventory", bytes);
    return grpc::Status::OK;
}

grpc::Status AgentService::serveSiteCall(const grpc::ServerContext &context, Frames &stream, const char *call,
                                         SiteCall method) {
    if (auto status = m_tokenCheck.authorize(context); !status.ok()) {
        return status;
    }
    std::lock_guard lock(m_mutex);
    TransferCount count;
    grpc::Status status;
    if (!m_options.hosted) {
        status = {grpc::StatusCode::FAILED_PRECONDITION, "this agent hosts no site (start it with --site SITE.json)"};
    } else if (!m_ready) {
        status = {grpc::StatusCode::FAILED_PRECONDITION,
                  std::string(call) + ": no handshake with LoRA settings since this agent started; handshake first"};
    } else {
        engine::Bytes request;
        status = readFramed(stream, m_maxRequestBytes, std::string(call) + " request", request, count);
        if (status.ok()) {
            auto reply = ((*m_options.hosted->site).*method)(request);
            if (!reply) {
                status = toGrpcStatus(reply.error());
            } else {
                audit(call, *reply);
                if (!writeFramed(stream, *reply, count)) {
                    status = {grpc::StatusCode::CANCELLED, std::string(call) + ": the console went away"};
                }
            }
        }
    }
    recordStats(call, count, status);
    return status;
}

grpc::Status AgentService::Prepare(grpc::ServerContext *context, Frames *stream) {
    return serveSiteCall(*context, *stream, "prepare", &engine::Site::prepare);
}

grpc::Status AgentService::Train(grpc::ServerContext *context, Frames *stream) {
    return serveSiteCall(*context, *stream, "train", &engine::Site::train);
}

grpc::Status AgentService::Evaluate(grpc::ServerContext *context, Frames *stream) {
    return serveSiteCall(*context, *stream, "evaluate", &engine::Site::evaluate);
}

void AgentService::audit(const char *call, std::span<const std::byte> bytes) {
    if (m_options.auditDir.empty()) {
        return;
    }
    std::ostringstream name;
    name << std::setw(6) << std::setfill('0') << ++m_auditSequence << "-" << call << ".bin";
    std::ofstream out(std::filesystem::path(m_options.auditDir) / name.str(), std::ios::binary);
    out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

void AgentService::recordStats(const char *call, const TransferCount &count, const grpc::Status &status) {
    if (m_options.statsFile.empty()) {
        return;
    }
    std::ofstream out(m_options.statsFile, std::ios::app);
    out << "{\"call\":\"" << call << "\",\"ok\":" << (status.ok() ? "true" : "false")
        << ",\"payload_in\":" << count.payloadReceived << ",\"payload_out\":" << count.payloadSent
        << ",\"frames_in\":" << count.framesReceived << ",\"frames_out\":" << count.framesSent << "}\n";
}

} // namespace fp::remote
