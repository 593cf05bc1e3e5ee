// Remote sites in one process: fedpilot's Agent service (real gRPC over loopback) hosting LocalSites, and the
// console's RemoteSite. A run through agents must equal the same run on LocalSite; accounted bytes must equal
// the site-message payload that crossed the wire; malformed requests are refused and the agent keeps serving;
// an agent that goes away is dropped for the round and rejoins when it is back.
#include "../support/FederationFixtures.h"
#include "../support/ResultChecks.h"
#include "../support/SharedData.h"

#include "fedpilot/engine/ModelFingerprint.h"
#include "fedpilot/engine/Safetensors.h"
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/HostedSite.h"
#include "fedpilot/remote/RemoteSite.h"
#include "fedpilot/v1/agent.grpc.pb.h"

#include "Frames.h" // white-box: the framing, to send damaged streams

#include <grpcpp/grpcpp.h>

#include <QTest>

#include <functional>

using namespace fp;
using namespace fp::test;

namespace {

namespace pb = fedpilot::v1;

// A journal that runs a hook after each recorded round (to stop or restart an agent between rounds).
class HookedJournal : public MemoryJournal {
public:
    std::function<void(int round)> afterRound;
    Result<void> roundCompleted(const RoundRecord &round) override {
        auto ok = MemoryJournal::roundCompleted(round);
        if (afterRound) {
            afterRound(round.round);
        }
        return ok;
    }
};

void compareRuns(const MemoryJournal &local, const MemoryJournal &remote) {
    QCOMPARE(remote.rounds.size(), local.rounds.size());
    for (size_t r = 0; r < local.rounds.size(); ++r) {
        const auto &a = local.rounds[r], &b = remote.rounds[r];
        QVERIFY2(a.globalAdapter.tensors == b.globalAdapter.tensors, ("round " + std::to_string(r + 1)).c_str());
        QCOMPARE(b.globalClusters, a.globalClusters);
        QCOMPARE(b.clients.size(), a.clients.size());
        for (size_t c = 0; c < a.clients.size(); ++c) {
            const auto &x = a.clients[c], &y = b.clients[c];
            QCOMPARE(y.site, x.site);
            QCOMPARE(y.client, x.client);
            QCOMPARE(y.available, x.available);
            QCOMPARE(y.groups, x.groups);
            QCOMPARE(y.selected, x.selected);
            QCOMPARE(y.trainingTokens, x.trainingTokens);
            QCOMPARE(y.steps, x.steps);
            QCOMPARE(y.trainLoss, x.trainLoss);
            QCOMPARE(y.bytesDown, x.bytesDown);
            QCOMPARE(y.bytesUp, x.bytesUp);
            QCOMPARE(y.selectionBytes, x.selectionBytes);
            QCOMPARE(y.status, x.status);
        }
        QCOMPARE(b.evaluations.size(), a.evaluations.size());
        for (size_t e = 0; e < a.evaluations.size(); ++e) {
            QCOMPARE(b.evaluations[e].scope, a.evaluations[e].scope);
            QCOMPARE(b.evaluations[e].rougeL, a.evaluations[e].rougeL);
            QCOMPARE(b.evaluations[e].loss, a.evaluations[e].loss);
        }
    }
}

} // namespace

class TestRemoteSite : public QObject {
    Q_OBJECT

    std::shared_ptr<LanguageModel> m_console; // the console's model: central evaluation and the LocalSite run
    std::shared_ptr<LanguageModel> m_agents;  // the agents' model, loaded separately as another process would
    std::string m_modelSha, m_tokenizerSha;
    std::vector<InstructionSample> m_central = clientSamples("central-heldout", 2, 3);
    PeftAdapter m_initial;

    struct Agent {
        std::unique_ptr<remote::AgentServer> server;
        std::string address;
    };

    std::shared_ptr<remote::HostedSite> hosted(const std::string &name, const std::vector<std::string> &tasks,
                                               bool empty = false) {
        auto site = std::shared_ptr<engine::Site>(makeSite(name, tasks, m_agents, empty));
        return std::make_shared<remote::HostedSite>(
            remote::HostedSite{name, m_modelSha, m_tokenizerSha, m_agents, site});
    }

    Agent startAgent(std::shared_ptr<remote::HostedSite> site, const std::string &listen = "127.0.0.1:0") {
        remote::AgentOptions options;
        options.listenAddress = listen;
        options.hosted = std::move(site);
        options.security.insecure = true;
        auto server = remote::AgentServer::start(options);
        if (!server) {
            qFatal("agent: %s", server.error().message.c_str());
        }
        const std::string address = "127.0.0.1:" + std::to_string((*server)->port());
        return {std::move(*server), address};
    }

    remote::RemoteSiteOptions remoteOptions(const std::string &name, const std::string &address) const {
        remote::RemoteSiteOptions options;
        options.siteName = name;
        options.address = address;
        options.security.insecure = true;
        options.modelSha256 = m_modelSha;
        options.tokenizerSha256 = m_tokenizerSha;
        options.connectSeconds = 5;
        options.callSeconds = 60;
        return options;
    }

    Result<RunOutcome> run(const TrialSpec &trial, std::vector<Site *> sites, MemoryJournal &journal) {
        std::vector<SiteHandle> handles;
        for (auto *s : sites) {
            handles.push_back({s, CostModel{3.6, 1000.0}});
        }
        Coordinator coordinator(trial, SelectionStrategy::FedHds, handles, {m_console.get(), &m_central});
        return coordinator.run(journal, m_initial, std::nullopt);
    }

private Q_SLOTS:
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(path, "models/stories260K/stories260K.bin");
        auto console = LanguageModel::load(path);
        auto agents = LanguageModel::load(path);
        FP_VERIFY_OK(console);
        FP_VERIFY_OK(agents);
        m_console = std::make_shared<LanguageModel>(std::move(*console));
        m_agents = std::make_shared<LanguageModel>(std::move(*agents));
        FP_VERIFY_OK(m_console->attachLora(LoraConfig{}, 5));
        m_initial = {LoraConfig{}, m_console->adapterTensors()};
        auto sha = modelFilesSha256(path);
        FP_VERIFY_OK(sha);
        m_modelSha = *sha;
        m_tokenizerSha = tokenizerSha256(m_console->tokenizer());
    }

    void remoteRunEqualsLocalRunAndAccountsPayloadBytes() {
        auto trial = smallTrial();
        trial.evaluation.federated = false; // every byte a run records is then a client's
        MemoryJournal local;
        auto north = makeSite("north", {"task-a", "task-b"}, m_console);
        auto south = makeSite("south", {"task-c", "task-d"}, m_console, true);
        FP_VERIFY_OK(run(trial, {north.get(), south.get()}, local));

        auto a = startAgent(hosted("north", {"task-a", "task-b"}));
        auto b = startAgent(hosted("south", {"task-c", "task-d"}, true));
        remote::RemoteSite remoteNorth(remoteOptions("north", a.address));
        remote::RemoteSite remoteSouth(remoteOptions("south", b.address));
        // Per round: what the RemoteSites moved during the round equals what the round recorded.
        HookedJournal remote;
        int64_t sentBefore = 0, receivedBefore = 0;
        std::vector<std::pair<int64_t, int64_t>> moved; // payload down, up per round
        remote.afterRound = [&](int) {
            const int64_t sent = remoteNorth.traffic().payloadSent + remoteSouth.traffic().payloadSent;
            const int64_t received = remoteNorth.traffic().payloadReceived + remoteSouth.traffic().payloadReceived;
            moved.emplace_back(sent - sentBefore, received - receivedBefore);
            sentBefore = sent;
            receivedBefore = received;
        };
        FP_VERIFY_OK(run(trial, {&remoteNorth, &remoteSouth}, remote));
        compareRuns(local, remote);
        QCOMPARE(moved.size(), remote.rounds.size());
        for (size_t r = 0; r < moved.size(); ++r) {
            int64_t roundDown = 0, roundUp = 0;
            for (const auto &c : remote.rounds[r].clients) {
                roundDown += c.bytesDown;
                roundUp += c.bytesUp;
            }
            QCOMPARE(moved[r].first, roundDown);
            QCOMPARE(moved[r].second, roundUp);
        }

        int64_t down = 0, up = 0;
        for (const auto &round : remote.rounds) {
            for (const auto &c : round.clients) {
                down += c.bytesDown;
                up += c.bytesUp;
            }
        }
        const auto n = remoteNorth.traffic(), s = remoteSouth.traffic();
        QCOMPARE(n.payloadSent + s.payloadSent, down);
        QCOMPARE(n.payloadReceived + s.payloadReceived, up);
        QVERIFY(n.framesSent > n.payloadSent && n.framesReceived > n.payloadReceived);
        qInfo("accounted %lld B down, %lld B up; frames add %lld B down, %lld B up", (long long)down, (long long)up,
              (long long)(n.framesSent + s.framesSent - down), (long long)(n.framesReceived + s.framesReceived - up));
    }

    void federatedEvaluationWorksRemotely() {
        auto trial = smallTrial();
        trial.schedule.rounds = 1;
        auto a = startAgent(hosted("north", {"task-a", "task-b"}));
        remote::RemoteSite site(remoteOptions("north", a.address));
        MemoryJournal journal;
        FP_VERIFY_OK(run(trial, {&site}, journal));
        QCOMPARE(journal.rounds[0].evaluations.size(), size_t(2)); // central + north
        QCOMPARE(journal.rounds[0].evaluations[1].scope, std::string("north"));
        QVERIFY(journal.rounds[0].evaluations[1].samples > 0);
    }

    void handshakeMismatchesAreRefusedNamingBothValues_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("theirs");
        QTest::addRow("model") << "model"
                               << "feedbeef";
        QTest::addRow("tokenizer") << "tokenizer"
                                   << "0badc0de";
        QTest::addRow("site") << "site"
                              << "elsewhere";
    }
    void handshakeMismatchesAreRefusedNamingBothValues() {
        QFETCH(QString, field);
        QFETCH(QString, theirs);
        auto a = startAgent(hosted("north", {"task-a"}));
        auto options = remoteOptions("north", a.address);
        std::string expectedOurs = m_modelSha;
        if (field == QStringLiteral("model")) {
            options.modelSha256 = theirs.toStdString();
        } else if (field == QStringLiteral("tokenizer")) {
            options.tokenizerSha256 = theirs.toStdString();
            expectedOurs = m_tokenizerSha;
        } else {
            options.siteName = theirs.toStdString();
            expectedOurs = "north";
        }
        remote::RemoteSite site(options);
        auto identity = site.connect();
        QVERIFY(!identity);
        const std::string &message = identity.error().message;
        QVERIFY2(message.find(theirs.toStdString()) != std::string::npos, message.c_str());
        QVERIFY2(message.find(expectedOurs) != std::string::npos, message.c_str());
        QVERIFY2(message.find("mismatch") != std::string::npos, message.c_str());
    }

    void otherProtocolVersionIsRefused() {
        auto a = startAgent(hosted("north", {"task-a"}));
        auto stub = pb::Agent::NewStub(grpc::CreateChannel(a.address, grpc::InsecureChannelCredentials()));
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        pb::HandshakeRequest request;
        request.set_protocol_version(remote::kProtocolVersion + 1);
        request.set_site("north");
        pb::HandshakeReply reply;
        const auto status = stub->Handshake(&context, request, &reply);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        const std::string expected = "protocol version mismatch: the console has " +
                                     std::to_string(remote::kProtocolVersion + 1) + ", this agent has " +
                                     std::to_string(remote::kProtocolVersion);
        QVERIFY2(status.error_message().find(expected) != std::string::npos, status.error_message().c_str());
        // Nothing was attached or served: a site call is still refused for want of a handshake.
        grpc::ClientContext call;
        auto stream = stub->Train(&call);
        stream->WritesDone();
        QCOMPARE(stream->Finish().error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    }

    void malformedRequestsAreRefusedAndTheAgentKeepsServing() {
        auto a = startAgent(hosted("north", {"task-a"}));
        auto channel = grpc::CreateChannel(a.address, grpc::InsecureChannelCredentials());
        auto stub = pb::Agent::NewStub(channel);
        const auto frames = [&](const std::function<void(grpc::ClientReaderWriter<pb::Frame, pb::Frame> &)> &send) {
            grpc::ClientContext context;
            context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
            auto stream = stub->Train(&context);
            send(*stream);
            stream->WritesDone();
            pb::Frame ignored;
            while (stream->Read(&ignored)) {
            }
            return stream->Finish();
        };
        const auto header = [](uint64_t size, const std::string &sha) {
            pb::Frame f;
            f.mutable_header()->set_size(size);
            f.mutable_header()->set_sha256(sha);
            return f;
        };
        // Before any handshake: refused.
        QCOMPARE(frames([](auto &) {}).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        remote::RemoteSite site(remoteOptions("north", a.address));
        FP_VERIFY_OK(site.connect());

        const auto sendMessage = [&](const engine::Bytes &bytes) {
            return frames([&](auto &stream) {
                remote::TransferCount count;
                remote::writeFramed(stream, bytes, count);
            });
        };
        struct Case {
            const char *name;
            grpc::StatusCode code;
            std::function<grpc::Status()> call;
        };
        engine::TrainRequest zeroBatch;
        zeroBatch.round = 1;
        zeroBatch.client = "task-a";
        zeroBatch.batchSize = 0;
        engine::TrainRequest unknown = zeroBatch;
        unknown.batchSize = 1;
        unknown.client = "nobody";
        const std::vector<Case> cases = {
            {"first frame not a header", grpc::StatusCode::INVALID_ARGUMENT,
             [&] {
                 return frames([](auto &stream) {
                     pb::Frame f;
                     f.set_chunk("hello");
                     stream.Write(f);
                 });
             }},
            {"oversized", grpc::StatusCode::RESOURCE_EXHAUSTED,
             [&] {
                 return frames([&](auto &stream) { stream.Write(header(uint64_t(1) << 40, std::string(32, 'x'))); });
             }},
            {"truncated stream", grpc::StatusCode::DATA_LOSS,
             [&] {
                 return frames([&](auto &stream) {
                     stream.Write(header(100, std::string(32, 'x')));
                     pb::Frame f;
                     f.set_chunk(std::string(10, 'a'));
                     stream.Write(f);
                 });
             }},
            {"wrong hash", grpc::StatusCode::INVALID_ARGUMENT,
             [&] {
                 return frames([&](auto &stream) {
                     stream.Write(header(4, std::string(32, 'x')));
                     pb::Frame f;
                     f.set_chunk("abcd");
                     stream.Write(f);
                 });
             }},
            {"not a message", grpc::StatusCode::INVALID_ARGUMENT,
             [&] { return sendMessage(engine::Bytes(7, std::byte{0xff})); }},
            {"batch size 0", grpc::StatusCode::INVALID_ARGUMENT, [&] { return sendMessage(encode(zeroBatch)); }},
            {"unknown client", grpc::StatusCode::NOT_FOUND, [&] { return sendMessage(encode(unknown)); }},
        };
        for (const auto &c : cases) {
            const auto status = c.call();
            QVERIFY2(status.error_code() == c.code, (std::string(c.name) + ": got " +
                                                     std::to_string(status.error_code()) + " " + status.error_message())
                                                        .c_str());
            QVERIFY2(!status.error_message().empty(), c.name);
            // The agent still serves.
            auto again = site.connect();
            QVERIFY2(again.has_value(), c.name);
        }
        // An adapter of the wrong shape is refused by the site and the agent keeps serving.
        engine::PrepareRequest prepare;
        prepare.round = 1;
        prepare.client = "task-a";
        prepare.globalAdapter =
            *encodeSafetensors({{"base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                                 RawTensor::fromFloat32({3, 3}, std::vector<float>(9, 0.f).data())}});
        auto refused = site.prepare(encode(prepare));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("q_proj") != std::string::npos, refused.error().message.c_str());
        FP_VERIFY_OK(site.connect());
    }

    void droppedAgentIsSkippedAndRejoins() {
        auto trial = smallTrial();
        trial.schedule.rounds = 4;
        trial.evaluation.federated = false;
        auto a = startAgent(hosted("north", {"task-a", "task-b"}));
        auto southSite = hosted("south", {"task-c", "task-d"});
        auto b = startAgent(southSite);
        const std::string southAddress = b.address;
        remote::RemoteSite north(remoteOptions("north", a.address));
        auto southOptions = remoteOptions("south", southAddress);
        southOptions.connectSeconds = 1;
        remote::RemoteSite south(southOptions);
        HookedJournal journal;
        journal.afterRound = [&](int round) {
            if (round == 1) {
                b.server.reset(); // the agent goes away
            } else if (round == 2) {
                b = startAgent(southSite, southAddress); // and comes back on the same port
            }
        };
        auto outcome = run(trial, {&north, &south}, journal);
        FP_VERIFY_OK(outcome);
        QCOMPARE(outcome->completedRounds, 4);
        const auto events = [&](int round, const std::string &kind) {
            int n = 0;
            for (const auto &e : journal.rounds[size_t(round - 1)].events) {
                n += e.kind == kind ? 1 : 0;
            }
            return n;
        };
        QCOMPARE(events(2, "site-dropped"), 1);
        QCOMPARE(events(3, "site-rejoined"), 1);
        for (const auto &c : journal.rounds[1].clients) {
            if (c.site == "south") {
                QVERIFY2(c.status.rfind("failed", 0) == 0 || c.status.rfind("dropped", 0) == 0, c.status.c_str());
                QCOMPARE(c.selected, int64_t(0));
            } else {
                QVERIFY2(c.status.rfind("failed", 0) != 0, c.status.c_str());
            }
        }
        // Back in round 3: the site's clients answer again (whether FedHDS then picks their groups is its choice).
        int southAnswered = 0;
        for (const auto &c : journal.rounds[2].clients) {
            if (c.site == "south") {
                QVERIFY2(c.status.rfind("failed", 0) != 0 && c.status.rfind("dropped", 0) != 0, c.status.c_str());
                southAnswered += c.bytesUp > 0 ? 1 : 0;
            }
        }
        QVERIFY(southAnswered > 0);
    }
};

QTEST_APPLESS_MAIN(TestRemoteSite)
#include "TestRemoteSite.moc"
