#pragma once

#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/Site.h"
#include "fedpilot/remote/Agent.h"

#include <chrono>
#include <memory>
#include <string>

namespace fp::remote {

// How the console reaches one site's agent and what it expects there.
struct RemoteSiteOptions {
    std::string siteName; // the trial's name for the site; the agent must host a site of that name
    std::string address;  // host:port
    ChannelSecurity security;
    std::string modelSha256;     // the console's base model (engine/ModelFingerprint.h)
    std::string tokenizerSha256; // the console's tokenizer
    engine::LoraConfig lora;     // attached by the agent at the handshake
    double connectSeconds = 10.0;
    double callSeconds = 120.0;     // deadline of every call ...
    double secondsPerSample = 2.0;  // ... plus this per sample the call works on
    double keepaliveSeconds = 20.0; // HTTP/2 pings while a call runs, so a dead peer is noticed
};

// The bytes a RemoteSite moved since it was created: site-message payload (what a run accounts) and the
// serialized frames around it, each way.
struct SiteTraffic {
    int64_t payloadSent = 0;
    int64_t payloadReceived = 0;
    int64_t framesSent = 0;
    int64_t framesReceived = 0;
};

// The engine's Site over gRPC (proto/fedpilot/v1/agent.proto): the same site-message bytes LocalSite takes and
// gives, streamed in frames to a fedpilot-agent. Every call has a deadline that grows with the samples it works
// on. The handshake (protocol version, site name, model and tokenizer SHA-256, LoRA configuration) runs on the
// first call and again after any failed call, so a restarted agent rejoins at the next call.
// Errors: Network (unreachable, deadline passed, stream broken), InvalidArgument (refused handshake: the
// message names both values), and the agent's own errors with its message.
class RemoteSite final : public engine::Site {
public:
    explicit RemoteSite(RemoteSiteOptions options);
    ~RemoteSite() override;
    RemoteSite(const RemoteSite &) = delete;
    RemoteSite &operator=(const RemoteSite &) = delete;

    [[nodiscard]] const std::string &name() const override;
    Result<engine::SiteInventory> inventory() override;
    Result<engine::Bytes> prepare(std::span<const std::byte> request) override;
    Result<engine::Bytes> train(std::span<const std::byte> request) override;
    Result<engine::Bytes> evaluate(std::span<const std::byte> request) override;

    // Handshakes now (also done implicitly by the first call). Returns what the agent said about itself.
    Result<AgentIdentity> connect();
    [[nodiscard]] SiteTraffic traffic() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fp::remote
