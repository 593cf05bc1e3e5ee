#include "fedpilot/remote/RemoteSite.h"

#include "Credentials.h"
#include "Frames.h"
#include "StatusMapping.h"
#include "fedpilot/v1/agent.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <cmath>
#include <map>
#include <mutex>

namespace fp::remote {
namespace {

namespace pb = fedpilot::v1;
using Clock = std::chrono::system_clock;

Clock::time_point deadlineAfter(double seconds) {
    return Clock::now() + std::chrono::milliseconds(int64_t(std::ceil(std::max(seconds, 0.001) * 1000.0)));
}

} // namespace

struct RemoteSite::Impl {
    RemoteSiteOptions options;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Agent::Stub> stub;
    bool session = false; // a handshake succeeded and no call failed since
    std::map<std::string, int64_t> clientSamples;
    int64_t heldOutSamples = 0;
    SiteTraffic traffic;

    Result<void> ensureChannel();
    Result<AgentIdentity> handshake();
    Result<void> ensureSession();
    Result<engine::Bytes> call(
        const char *what, std::span<const std::byte> request, double workSamples,
        std::unique_ptr<grpc::ClientReaderWriter<pb::Frame, pb::Frame>> (pb::Agent::Stub::*rpc)(grpc::ClientContext *));
    Error failure(const grpc::Status &status, const char *what) {
        // The next call opens a fresh channel and shakes hands again (the agent may have restarted; a fresh
        // channel does not wait out the old one's reconnect backoff).
        session = false;
        stub.reset();
        channel.reset();
        return toError(status, options.address).withContext("site " + options.siteName + ": " + what);
    }
};

RemoteSite::RemoteSite(RemoteSiteOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
}

RemoteSite::~RemoteSite() = default;

const std::string &RemoteSite::name() const { return m_impl->options.siteName; }

SiteTraffic RemoteSite::traffic() const { return m_impl->traffic; }

Result<void> RemoteSite::Impl::ensureChannel() {
    if (channel) {
        return {};
    }
    // TLS (or loopback plaintext), the bearer token on every call, keepalive pings and 4 MiB message limits.
    auto opened = openChannel(options.address, options.security,
                              std::chrono::seconds(int64_t(std::ceil(options.keepaliveSeconds))));
    if (!opened) {
        return std::unexpected(opened.error().withContext("site " + options.siteName));
    }
    channel = std::move(*opened);
    stub = pb::Agent::NewStub(channel);
    return {};
}

Result<AgentIdentity> RemoteSite::Impl::handshake() {
    if (auto ok = ensureChannel(); !ok) {
        return std::unexpected(ok.error());
    }
    grpc::ClientContext context;
    context.set_deadline(deadlineAfter(options.connectSeconds));
    context.set_wait_for_ready(false);
    pb::HandshakeRequest request;
    request.set_protocol_version(kProtocolVersion);
    request.set_console_version(FP_VERSION);
    request.set_model_sha256(options.modelSha256);
    request.set_tokenizer_sha256(options.tokenizerSha256);
    request.set_site(options.siteName);
    auto *lora = request.mutable_lora();
    lora->set_rank(options.lora.rank);
    lora->set_alpha(options.lora.alpha);
    lora->set_dropout(options.lora.dropout);
    for (const auto &t : options.lora.targetModules) {
        lora->add_targets(t);
    }
    pb::HandshakeReply reply;
    if (const auto status = stub->Handshake(&context, request, &reply); !status.ok()) {
        return std::unexpected(failure(status, "handshake"));
    }
    // The agent checks too; the console checks what the agent says so that a permissive agent is caught.
    const auto mismatch = [&](const std::string &what, const std::string &ours, const std::string &theirs) {
        session = false;
        return fail(ErrorCode::InvalidArgument, "site " + options.siteName + " at " + options.address + ": " + what +
                                                    " mismatch: the console has " + ours + ", the agent has " + theirs);
    };
    if (reply.protocol_version() != kProtocolVersion) {
        return mismatch("protocol version", std::to_string(kProtocolVersion), std::to_string(reply.protocol_version()));
    }
    if (reply.site_name() != options.siteName) {
        return mismatch("site name", "'" + options.siteName + "'", "'" + reply.site_name() + "'");
    }
    if (reply.model_sha256() != options.modelSha256) {
        return mismatch("base model SHA-256", options.modelSha256, reply.model_sha256());
    }
    if (reply.tokenizer_sha256() != options.tokenizerSha256) {
        return mismatch("tokenizer SHA-256", options.tokenizerSha256, reply.tokenizer_sha256());
    }
    session = true;
    return AgentIdentity{reply.agent_version(), reply.site_name(), reply.model_sha256(),
                         reply.torch_version(), reply.threads(),   reply.tokenizer_sha256(),
                         reply.clients(),       reply.samples(),   reply.held_out_samples()};
}

Result<void> RemoteSite::Impl::ensureSession() {
    if (session) {
        return {};
    }
    auto identity = handshake();
    if (!identity) {
        return std::unexpected(identity.error());
    }
    return {};
}

Result<AgentIdentity> RemoteSite::connect() { return m_impl->handshake(); }

Result<engine::SiteInventory> RemoteSite::inventory() {
    auto &impl = *m_impl;
    if (auto ok = impl.ensureSession(); !ok) {
        return std::unexpected(ok.error());
    }
    grpc::ClientContext context;
    context.set_deadline(deadlineAfter(impl.options.callSeconds));
    pb::InventoryReply reply;
    if (const auto status = impl.stub->Inventory(&context, pb::InventoryRequest(), &reply); !status.ok()) {
        return std::unexpected(impl.failure(status, "inventory"));
    }
    const std::string bytes = reply.SerializeAsString();
    auto inventory =
        engine::decodeInventory(std::as_bytes(std::span(bytes.data(), bytes.size())), "site " + impl.options.siteName);
    if (!inventory) {
        return std::unexpected(inventory.error());
    }
    impl.clientSamples.clear();
    for (const auto &c : inventory->clients) {
        impl.clientSamples[c.name] = c.samples;
    }
    impl.heldOutSamples = inventory->heldOutSamples;
    return inventory;
}

Result<engine::Bytes> RemoteSite::Impl::call(
    const char *what, std::span<const std::byte> request, double workSamples,
    std::unique_ptr<grpc::ClientReaderWriter<pb::Frame, pb::Frame>> (pb::Agent::Stub::*rpc)(grpc::ClientContext *)) {
    if (auto ok = ensureSession(); !ok) {
        return std::unexpected(ok.error());
    }
    grpc::ClientContext context;
    context.set_deadline(deadlineAfter(options.callSeconds + options.secondsPerSample * workSamples));
    auto stream = ((*stub).*rpc)(&context);
    TransferCount count;
    const bool sent = writeFramed(*stream, request, count) && stream->WritesDone();
    engine::Bytes reply;
    const auto read = sent ? readFramed(*stream, size_t(1) << 40,
                                        std::string(what) + " reply from site " + options.siteName, reply, count)
                           : grpc::Status(grpc::StatusCode::UNAVAILABLE, "the request could not be sent");
    const auto status = stream->Finish();
    traffic.payloadSent += count.payloadSent;
    traffic.payloadReceived += count.payloadReceived;
    traffic.framesSent += count.framesSent;
    traffic.framesReceived += count.framesReceived;
    if (!status.ok()) {
        return std::unexpected(failure(status, what));
    }
    if (!read.ok()) {
        return std::unexpected(failure(read, what));
    }
    return reply;
}

Result<engine::Bytes> RemoteSite::prepare(std::span<const std::byte> request) {
    auto decoded = engine::decodePrepareRequest(request, "the console");
    if (!decoded) {
        return std::unexpected(decoded.error());
    }
    const auto it = m_impl->clientSamples.find(decoded->client);
    const double samples = it == m_impl->clientSamples.end() ? 0.0 : double(it->second);
    return m_impl->call("prepare", request, decoded->extractFeatures ? samples : 0.0, &pb::Agent::Stub::Prepare);
}

Result<engine::Bytes> RemoteSite::train(std::span<const std::byte> request) {
    auto decoded = engine::decodeTrainRequest(request, "the console");
    if (!decoded) {
        return std::unexpected(decoded.error());
    }
    return m_impl->call("train", request, double(decoded->count) * decoded->localEpochs, &pb::Agent::Stub::Train);
}

Result<engine::Bytes> RemoteSite::evaluate(std::span<const std::byte> request) {
    return m_impl->call("evaluate", request, double(m_impl->heldOutSamples), &pb::Agent::Stub::Evaluate);
}

} // namespace fp::remote
