// Remote sites end to end, with real processes on loopback: two fedpilot-agent processes (TLS, bearer tokens)
// each hosting a site from a site file, and fedpilot-cli coordinating. A remote trial reproduces the same trial
// on simulated sites; accounted bytes equal the payload the agents counted; nothing an agent sends holds sample
// text, tokens or features; an agent killed mid-run is dropped and rejoins; a console killed mid-run resumes.
#include "../support/Programs.h"
#include "../support/RunExports.h"
#include "../support/SharedData.h"
#include "../support/TestCertificates.h"

#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/Safetensors.h"
#include "fedpilot/engine/Site.h"
#include "fedpilot/storage/RunStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <memory>

using namespace fp::test;

namespace {

const QString kTasks = QStringLiteral("/data/natural-instructions-v1/tasks/");
const QString kHeldOut = QStringLiteral("subtask047_misc_answering_science_questions");

struct SiteData {
    QString name;
    QStringList files;
};

QList<SiteData> siteData() {
    return {
        {QStringLiteral("north"),
         {QStringLiteral("subtask053_multirc_correct_bad_question.json"),
          QStringLiteral("subtask008_mctaco_wrong_answer_generation_transient_stationary.json")}},
        {QStringLiteral("south"),
         {QStringLiteral("subtask006_mctaco_question_generation_transient_stationary.json"),
          QStringLiteral("subtask045_miscellaneous_sentence_paraphrasing.json"), kHeldOut + QStringLiteral(".json")}}};
}

QString quotedFiles(const QString &shared, const QStringList &files) {
    QStringList quoted;
    for (const auto &f : files) {
        quoted << QStringLiteral("\"%1%2%3\"").arg(shared, kTasks, f);
    }
    return quoted.join(QStringLiteral(", "));
}

void writeText(const QString &path, const QString &text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

// The trial: simulated sites with data, or sites naming agents (address per site).
const QString kNetwork = QStringLiteral(R"({"connect_seconds": 2, "call_seconds": 30, "seconds_per_sample": 1})");

QString trialJson(const QString &shared, const QString &tls, const QStringList &agents, int rounds,
                  const QString &token = QStringLiteral("token"), const QString &network = kNetwork) {
    QStringList sites;
    const auto data = siteData();
    for (int i = 0; i < data.size(); ++i) {
        if (agents.isEmpty()) {
            sites << QStringLiteral(R"({"name": "%1", "data": [%2], "max_samples_per_client": 40,
                "cost": {"compute_per_hour": 3.6, "transfer_per_gb": 0.1}})")
                         .arg(data[i].name, quotedFiles(shared, data[i].files));
        } else {
            sites << QStringLiteral(R"({"name": "%1", "agent": {"address": "%2", "ca": "%3/ca.pem",
                "token_file": "%3/%4"}, "cost": {"compute_per_hour": 3.6, "transfer_per_gb": 0.1}})")
                         .arg(data[i].name, agents[i], tls, token);
        }
    }
    return QStringLiteral(R"({
  "name": "remote e2e",
  "model": {"path": "%1/models/stories260K/stories260K.bin", "max_tokens": 128, "feature_tokens": 64},
  "sites": [%2],
  "strategies": ["fedhds"],
  "selection": {"min_cluster_size": 3, "tsne_iterations": 250},
  "schedule": {"rounds": %3, "participation": 1.0, "learning_rate": 1e-3, "seed": 3},
  "evaluation": {"held_out_tasks": ["%4"], "data": ["%1%5%4.json"], "max_samples_per_task": 3,
                 "max_new_tokens": 16},
  "network": %6
})")
        .arg(shared, sites.join(QStringLiteral(",\n    ")))
        .arg(rounds)
        .arg(kHeldOut, kTasks, network);
}

QString siteJson(const QString &shared, const SiteData &site) {
    return QStringLiteral(R"({"name": "%1", "model": {"path": "%2/models/stories260K/stories260K.bin"},
  "data": [%3], "max_samples_per_client": 40, "held_out_tasks": ["%4"], "seed": 3})")
        .arg(site.name, shared, quotedFiles(shared, site.files), kHeldOut);
}

QString cli() { return program(QStringLiteral("fedpilot-cli")); }

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One fedpilot-agent process.
class Agent {
public:
    Agent(const QString &siteFile, const QString &tls, const QString &dir, int port = 0) {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(program(QStringLiteral("fedpilot-agent")),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--site"),
                         siteFile, QStringLiteral("--tls-cert"), tls + QStringLiteral("/server.pem"),
                         QStringLiteral("--tls-key"), tls + QStringLiteral("/server.key"),
                         QStringLiteral("--token-file"), tls + QStringLiteral("/token"), QStringLiteral("--audit-dir"),
                         dir + QStringLiteral("/audit"), QStringLiteral("--stats-file"),
                         dir + QStringLiteral("/stats.jsonl")});
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && m_address.isEmpty() && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(200);
            m_out += QString::fromUtf8(m_process.readAllStandardOutput());
            const int at = m_out.indexOf(QStringLiteral("listening on "));
            if (at >= 0 && m_out.indexOf(QLatin1Char('\n'), at) > at) {
                m_address = m_out.mid(at + 13, m_out.indexOf(QLatin1Char('\n'), at) - at - 13).trimmed();
            }
        }
    }
    ~Agent() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    [[nodiscard]] const QString &address() const { return m_address; }
    [[nodiscard]] int port() const { return m_address.section(QLatin1Char(':'), -1).toInt(); }
    [[nodiscard]] QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }
    void signal(int number) { ::kill(pid_t(m_process.processId()), number); }
    void killHard() {
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
    QString m_out;
    QString m_address;
};

} // namespace

class TestRemoteSites : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_shared, m_tls;
    QStringList m_siteFiles;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Starts one agent per site; each writes its audit and stats under <tag>-<site>/.
    std::vector<std::unique_ptr<Agent>> startAgents(const QString &tag) {
        std::vector<std::unique_ptr<Agent>> agents;
        const auto data = siteData();
        for (int i = 0; i < data.size(); ++i) {
            const QString dir = path(tag + QLatin1Char('-') + data[i].name);
            QDir().mkpath(dir);
            agents.push_back(std::make_unique<Agent>(m_siteFiles[i], m_tls, dir));
        }
        return agents;
    }
    static QStringList addresses(const std::vector<std::unique_ptr<Agent>> &agents) {
        QStringList all;
        for (const auto &a : agents) {
            all << a->address();
        }
        return all;
    }
    ProcessResult runTrial(const QString &trial, const QString &workspace) {
        return runProgram(cli(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), workspace}, 600000);
    }
    static QString exportCsv(const QString &workspace, bool clients) { return exportRunsCsv(workspace, clients); }
    // Rounds run 1 has recorded in the workspace (polled while a run goes on in another process).
    static int completedRounds(const QString &workspace) {
        auto store = fp::storage::RunStore::open(workspace.toStdString());
        if (!store) {
            return 0;
        }
        auto detail = store->runDetail(1);
        return detail ? int(detail->rounds.size()) : 0;
    }
    static QStringList eventsOf(const QString &workspace) {
        QStringList all;
        auto store = fp::storage::RunStore::open(workspace.toStdString());
        if (store) {
            if (auto detail = store->runDetail(1)) {
                for (const auto &e : detail->events) {
                    all << QString::fromStdString(e.kind + ": " + e.message);
                }
            }
        }
        return all;
    }

    void checkAuditHoldsNoSampleData(const QString &auditDir, const SiteData &site);

private Q_SLOTS:
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(model, "models/stories260K/stories260K.bin");
        FP_REQUIRE_SHARED_FILE(data, "data/natural-instructions-v1/tasks");
        QVERIFY(m_dir.isValid());
        m_shared = QString::fromStdString(*sharedDir());
        m_tls = path(QStringLiteral("tls"));
        const QString problem = makeTestCertificates(m_tls);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const auto &site : siteData()) {
            m_siteFiles << path(site.name + QStringLiteral(".site.json"));
            writeText(m_siteFiles.back(), siteJson(m_shared, site));
        }
    }

    void remoteTrialReproducesSimulatedTrialAndAccountsPayload() {
        writeText(path(QStringLiteral("local.json")), trialJson(m_shared, m_tls, {}, 3));
        const auto local = runTrial(path(QStringLiteral("local.json")), path(QStringLiteral("ws-local")));
        QVERIFY2(local.exitCode == 0, qPrintable(local.err));

        auto agents = startAgents(QStringLiteral("equal"));
        QVERIFY2(!agents[0]->address().isEmpty() && !agents[1]->address().isEmpty(), qPrintable(agents[0]->errors()));
        writeText(path(QStringLiteral("remote.json")), trialJson(m_shared, m_tls, addresses(agents), 3));
        const auto remote = runTrial(path(QStringLiteral("remote.json")), path(QStringLiteral("ws-remote")));
        QVERIFY2(remote.exitCode == 0, qPrintable(remote.err + agents[0]->errors() + agents[1]->errors()));

        const auto localClients = exportCsv(path(QStringLiteral("ws-local")), true);
        const auto remoteClients = exportCsv(path(QStringLiteral("ws-remote")), true);
        QCOMPARE(deterministicRows(remoteClients), deterministicRows(localClients));
        QCOMPARE(deterministicRows(exportCsv(path(QStringLiteral("ws-remote")), false)),
                 deterministicRows(exportCsv(path(QStringLiteral("ws-local")), false)));
        for (int round = 1; round <= 3; ++round) {
            const QString adapter = QStringLiteral("/artifacts/run-1/round-%1/adapter_model.safetensors").arg(round);
            const QByteArray a = readAll(path(QStringLiteral("ws-local")) + adapter);
            QVERIFY(!a.isEmpty());
            QVERIFY2(a == readAll(path(QStringLiteral("ws-remote")) + adapter), qPrintable(adapter));
        }

        // Accounted bytes (the client records) equal the payload the agents counted on their side.
        qint64 down = 0, up = 0;
        const auto lines = remoteClients.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        const auto header = lines.value(0).split(QLatin1Char(','));
        const int downAt = int(header.indexOf(QStringLiteral("bytes_down")));
        const int upAt = int(header.indexOf(QStringLiteral("bytes_up")));
        QVERIFY(downAt >= 0 && upAt >= 0);
        for (int i = 1; i < lines.size(); ++i) {
            const auto cells = lines[i].split(QLatin1Char(','));
            down += cells.value(downAt).toLongLong();
            up += cells.value(upAt).toLongLong();
        }
        qint64 payloadIn = 0, payloadOut = 0, framesIn = 0, framesOut = 0;
        for (const auto &site : siteData()) {
            const auto stats = readAll(path(QStringLiteral("equal-") + site.name + QStringLiteral("/stats.jsonl")));
            for (const auto &line : stats.split('\n')) {
                const auto call = QJsonDocument::fromJson(line).object();
                if (call.isEmpty() || call.value(QStringLiteral("call")).toString() == QStringLiteral("evaluate")) {
                    continue; // federated evaluation is not attributed to clients
                }
                payloadIn += call.value(QStringLiteral("payload_in")).toInteger();
                payloadOut += call.value(QStringLiteral("payload_out")).toInteger();
                framesIn += call.value(QStringLiteral("frames_in")).toInteger();
                framesOut += call.value(QStringLiteral("frames_out")).toInteger();
            }
        }
        QVERIFY(down > 0 && up > 0);
        QCOMPARE(payloadIn, down);
        QCOMPARE(payloadOut, up);
        qInfo("accounted %lld B down / %lld B up = agents' payload; gRPC frames add %lld B / %lld B (%.3f %%)", down,
              up, framesIn - payloadIn, framesOut - payloadOut,
              100.0 * double(framesIn + framesOut - payloadIn - payloadOut) / double(payloadIn + payloadOut));

        for (int i = 0; i < 2; ++i) {
            checkAuditHoldsNoSampleData(path(QStringLiteral("equal-") + siteData()[i].name + QStringLiteral("/audit")),
                                        siteData()[i]);
        }
    }

    void killedAgentIsDroppedAndRejoins() {
        auto agents = startAgents(QStringLiteral("drop"));
        const int southPort = agents[1]->port();
        writeText(path(QStringLiteral("drop.json")), trialJson(m_shared, m_tls, addresses(agents), 6));
        const QString workspace = path(QStringLiteral("ws-drop"));
        QProcess run;
        run.start(cli(),
                  {QStringLiteral("run"), path(QStringLiteral("drop.json")), QStringLiteral("--workspace"), workspace});
        QTRY_VERIFY_WITH_TIMEOUT(completedRounds(workspace) >= 1, 120000);
        agents[1]->killHard(); // kill -9 the south agent while round 2 runs
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(workspace).join(QLatin1Char('\n')).contains(QStringLiteral("site-dropped")),
                                 120000);
        agents[1] = std::make_unique<Agent>(m_siteFiles[1], m_tls, path(QStringLiteral("drop-south")), southPort);
        QVERIFY2(!agents[1]->address().isEmpty(), "the agent restarts on its port");
        QVERIFY(run.waitForFinished(300000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        const auto events = eventsOf(workspace).join(QLatin1Char('\n'));
        QVERIFY2(events.contains(QStringLiteral("site-dropped: south")), qPrintable(events));
        QVERIFY2(events.contains(QStringLiteral("site-rejoined: south")), qPrintable(events));
        QCOMPARE(completedRounds(workspace), 6);
    }

    // A stalled agent (SIGSTOP: the socket stays open, nothing answers) is dropped once its call's deadline has
    // passed, and rejoins when it runs again.
    void stalledAgentIsDroppedAfterItsDeadlineAndRejoins() {
        auto agents = startAgents(QStringLiteral("stall"));
        writeText(path(QStringLiteral("stall.json")),
                  trialJson(m_shared, m_tls, addresses(agents), 6, QStringLiteral("token"),
                            QStringLiteral(R"({"connect_seconds": 2, "call_seconds": 3, "seconds_per_sample": 0.1})")));
        const QString workspace = path(QStringLiteral("ws-stall"));
        QProcess run;
        run.start(cli(), {QStringLiteral("run"), path(QStringLiteral("stall.json")), QStringLiteral("--workspace"),
                          workspace});
        QTRY_VERIFY_WITH_TIMEOUT(completedRounds(workspace) >= 1, 120000);
        agents[1]->signal(SIGSTOP);
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(workspace).join(QLatin1Char('\n')).contains(QStringLiteral("site-dropped")),
                                 120000);
        agents[1]->signal(SIGCONT);
        QVERIFY(run.waitForFinished(300000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        const auto events = eventsOf(workspace).join(QLatin1Char('\n'));
        QVERIFY2(events.contains(QStringLiteral("site-dropped: south")), qPrintable(events));
        QVERIFY2(events.contains(QStringLiteral("deadline")), qPrintable(events));
        QVERIFY2(events.contains(QStringLiteral("site-rejoined: south")), qPrintable(events));
        QCOMPARE(completedRounds(workspace), 6);
    }

    void killedConsoleResumesAgainstTheSameAgents() {
        auto agents = startAgents(QStringLiteral("resume"));
        writeText(path(QStringLiteral("resume.json")), trialJson(m_shared, m_tls, addresses(agents), 4));
        const QString workspace = path(QStringLiteral("ws-resume"));
        QProcess run;
        run.start(cli(), {QStringLiteral("run"), path(QStringLiteral("resume.json")), QStringLiteral("--workspace"),
                          workspace});
        QTRY_VERIFY_WITH_TIMEOUT(completedRounds(workspace) >= 1, 120000);
        ::kill(pid_t(run.processId()), SIGKILL);
        QVERIFY(run.waitForFinished(10000));
        const auto resumed =
            runProgram(cli(), {QStringLiteral("resume"), QStringLiteral("--workspace"), workspace}, 600000);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(completedRounds(workspace), 4);

        // The same trial uninterrupted gives the same records.
        auto fresh = startAgents(QStringLiteral("resume-ref"));
        writeText(path(QStringLiteral("resume-ref.json")), trialJson(m_shared, m_tls, addresses(fresh), 4));
        const auto reference = runTrial(path(QStringLiteral("resume-ref.json")), path(QStringLiteral("ws-resume-ref")));
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));
        QCOMPARE(deterministicRows(exportCsv(workspace, true)),
                 deterministicRows(exportCsv(path(QStringLiteral("ws-resume-ref")), true)));
    }

    void wrongTokenIsRefusedAndTheAgentDoesNothing() {
        auto agents = startAgents(QStringLiteral("token"));
        writeText(path(QStringLiteral("token.json")),
                  trialJson(m_shared, m_tls, addresses(agents), 1, QStringLiteral("other.token")));
        const auto r = runTrial(path(QStringLiteral("token.json")), path(QStringLiteral("ws-token")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("token")), qPrintable(r.err));
        QVERIFY2(!QFile::exists(path(QStringLiteral("token-north/stats.jsonl"))), "a refused console made a site call");
        QVERIFY(QDir(path(QStringLiteral("token-north/audit"))).isEmpty());
    }

    void agentsCheckReportsEverySite() {
        auto agents = startAgents(QStringLiteral("check"));
        writeText(path(QStringLiteral("check.json")), trialJson(m_shared, m_tls, addresses(agents), 1));
        const auto ok =
            runProgram(cli(), {QStringLiteral("agents"), QStringLiteral("check"), path(QStringLiteral("check.json"))});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
        QVERIFY2(ok.out.contains(QStringLiteral("north")) && ok.out.contains(QStringLiteral("south")),
                 qPrintable(ok.out));
        QVERIFY2(ok.out.contains(QStringLiteral("TLS")), qPrintable(ok.out));
        agents[1]->killHard();
        const auto down =
            runProgram(cli(), {QStringLiteral("agents"), QStringLiteral("check"), path(QStringLiteral("check.json"))});
        QCOMPARE(down.exitCode, 3);
        QVERIFY2(down.out.contains(QStringLiteral("unreachable")), qPrintable(down.out));
    }
};

// Every message an agent sent, decoded as what it is: only counts, timings, group centers of a few dimensions,
// LoRA tensors and short statuses; and no sample's instruction or response appears in any of the bytes.
void TestRemoteSites::checkAuditHoldsNoSampleData(const QString &auditDir, const SiteData &site) {
    const auto files = QDir(auditDir).entryInfoList(QDir::Files, QDir::Name);
    QVERIFY2(files.size() > 4, qPrintable(auditDir));
    std::vector<QByteArray> sent;
    for (const auto &file : files) {
        sent.push_back(readAll(file.filePath()));
        const auto bytes = std::as_bytes(std::span(sent.back().constData(), size_t(sent.back().size())));
        const QString name = file.fileName();
        if (name.endsWith(QStringLiteral("-prepare.bin"))) {
            auto reply = fp::engine::decodePrepareReply(bytes, "audit");
            QVERIFY2(reply.has_value(), qPrintable(name));
            for (const auto &c : reply->centers) {
                QVERIFY2(c.coordinates.size() <= 8, "a center holds only a few coordinates, never a feature");
            }
        } else if (name.endsWith(QStringLiteral("-train.bin"))) {
            auto reply = fp::engine::decodeTrainReply(bytes, "audit");
            QVERIFY2(reply.has_value(), qPrintable(name));
            if (!reply->adapter.empty()) {
                auto tensors = fp::engine::decodeSafetensors(reply->adapter, "audit");
                QVERIFY(tensors.has_value());
                for (const auto &[tensorName, t] : *tensors) {
                    QVERIFY2(tensorName.find("lora_A") != std::string::npos ||
                                 tensorName.find("lora_B") != std::string::npos,
                             tensorName.c_str());
                }
            }
        } else if (name.endsWith(QStringLiteral("-inventory.bin"))) {
            QVERIFY(fp::engine::decodeInventory(bytes, "audit").has_value());
        } else if (name.endsWith(QStringLiteral("-evaluate.bin"))) {
            QVERIFY(fp::engine::decodeEvaluateReply(bytes, "audit").has_value());
        } else {
            QVERIFY2(name.endsWith(QStringLiteral("-handshake.bin")), qPrintable(name));
        }
    }
    int checked = 0;
    for (const auto &file : site.files) {
        auto read = fp::engine::readInstructionFiles({(m_shared + kTasks + file).toStdString()});
        QVERIFY(read.has_value());
        for (const auto &f : *read) {
            for (const auto &s : f.samples) {
                for (const std::string *text : {&s.instruction, &s.input, &s.output}) {
                    if (text->size() < 16) {
                        continue;
                    }
                    const QByteArray needle = QByteArray::fromStdString(text->substr(0, 24));
                    for (const auto &bytes : sent) {
                        QVERIFY2(!bytes.contains(needle), needle.constData());
                    }
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 100);
}

QTEST_GUILESS_MAIN(TestRemoteSites)
#include "TestRemoteSites.moc"
