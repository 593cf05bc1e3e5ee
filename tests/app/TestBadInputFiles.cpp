// Every loader, through the real programs: a small damaged input file makes fedpilot-cli (or fedpilot-agent) exit 3
// ("bad or missing input", README) with a message that names the file; never 2 ("bad command line"), which is
// what some of them gave when the loader called the problem an invalid argument.
#include "support/Programs.h"
#include "support/SharedData.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>

using fp::test::program;
using fp::test::runProgram;

namespace {

constexpr const char *kModel = "models/stories260K/stories260K.bin";
constexpr const char *kTokenizer = "models/stories260K/tok512.bin";

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool copyFolder(const QString &from, const QString &to) {
    if (!QDir().mkpath(to)) {
        return false;
    }
    for (const auto &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name)) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestBadInputFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        FP_REQUIRE_SHARED_FILE(model, kModel);
        FP_REQUIRE_SHARED_FILE(tokenizer, kTokenizer);
        m_model = QString::fromStdString(model);
        m_tokenizer = QString::fromStdString(tokenizer);
        m_hf = m_dir.filePath(QStringLiteral("hf"));
        const auto r = runProgram(program(QStringLiteral("fedpilot-cli")),
                                  {QStringLiteral("convert"), QStringLiteral("--model"), m_model,
                                   QStringLiteral("--tokenizer"), m_tokenizer, QStringLiteral("--out"), m_hf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    // generate with a damaged model part; select, run and the agent with damaged data, trial and site files.
    void damagedFileExitsThreeNamingIt_data() {
        QTest::addColumn<QString>("programName");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named"); // what the message must contain: the damaged file
        if (m_model.isEmpty()) {
            QSKIP("no shared model");
        }
        const QString cli = QStringLiteral("fedpilot-cli");
        const auto generate = [&](const QString &model, const QStringList &more) {
            return QStringList{QStringLiteral("generate"), QStringLiteral("--model"), model,
                               QStringLiteral("--max-new-tokens"), QStringLiteral("1")} +
                   more;
        };

        const QString checkpoint = m_dir.filePath(QStringLiteral("truncated.bin"));
        QVERIFY(writeAll(checkpoint, readAll(m_model).left(100)));
        QTest::addRow("model checkpoint")
            << cli << generate(checkpoint, {QStringLiteral("--tokenizer"), m_tokenizer}) << checkpoint;

        // A well-formed tokenizer.bin with one token more than the model has: it does not fit the model.
        QByteArray extra = readAll(m_tokenizer);
        const float score = 0.0f;
        const std::int32_t length = 3;
        extra.append(reinterpret_cast<const char *>(&score), sizeof score);
        extra.append(reinterpret_cast<const char *>(&length), sizeof length);
        extra.append("xyz");
        const QString tokenizerBin = m_dir.filePath(QStringLiteral("tok513.bin"));
        QVERIFY(writeAll(tokenizerBin, extra));
        QTest::addRow("tokenizer.bin") << cli << generate(m_model, {QStringLiteral("--tokenizer"), tokenizerBin})
                                       << tokenizerBin;

        const QString badJson = m_dir.filePath(QStringLiteral("hf-bad-tokenizer"));
        QVERIFY(copyFolder(m_hf, badJson));
        QVERIFY(writeAll(badJson + QStringLiteral("/tokenizer.json"), R"({"model": {"type": "BPE", "vocab": )"));
        QTest::addRow("tokenizer.json") << cli << generate(badJson, {}) << badJson + QStringLiteral("/tokenizer.json");

        const QString badTensors = m_dir.filePath(QStringLiteral("hf-bad-safetensors"));
        QVERIFY(copyFolder(m_hf, badTensors));
        const QString tensors = badTensors + QStringLiteral("/model.safetensors");
        QVERIFY(writeAll(tensors, readAll(tensors).chopped(4)));
        QTest::addRow("safetensors") << cli << generate(badTensors, {}) << tensors;

        const QString adapter = m_dir.filePath(QStringLiteral("adapter"));
        QVERIFY(QDir().mkpath(adapter));
        QVERIFY(writeAll(adapter + QStringLiteral("/adapter_config.json"), R"({"peft_type": "LORA", "r": )"));
        QTest::addRow("adapter folder") << cli << generate(m_model, {QStringLiteral("--adapter"), adapter}) << adapter;

        // Valid JSON, but a required field is missing: the trial and site readers call that an invalid argument.
        const QString trial = m_dir.filePath(QStringLiteral("trial.json"));
        QVERIFY(writeAll(trial, "{}"));
        QTest::addRow("trial file") << cli
                                    << QStringList{QStringLiteral("run"), trial, QStringLiteral("--workspace"),
                                                   m_dir.filePath(QStringLiteral("workspace"))}
                                    << trial;
        const QString site = m_dir.filePath(QStringLiteral("site.json"));
        QVERIFY(writeAll(site, R"({"name": "a"})"));
        QTest::addRow("site file") << QStringLiteral("fedpilot-agent")
                                   << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                                  QStringLiteral("--insecure"), QStringLiteral("--site"), site}
                                   << site;

        const QString data = m_dir.filePath(QStringLiteral("data.jsonl"));
        QVERIFY(writeAll(data, "{\"instruction\": 12}\nnot json\n"));
        QTest::addRow("instruction data") << cli
                                          << QStringList{QStringLiteral("select"),
                                                         QStringLiteral("--model"),
                                                         m_model,
                                                         QStringLiteral("--tokenizer"),
                                                         m_tokenizer,
                                                         QStringLiteral("--data"),
                                                         data}
                                          << data;

        // A binary "cell" is quoted by its first 40 bytes only: the message names the file and stays one line.
        const QString points = m_dir.filePath(QStringLiteral("points.csv"));
        QVERIFY(writeAll(points, "1,2\n3," + QByteArray(100000, 'z') + "\n"));
        QTest::addRow("cluster points") << cli
                                        << QStringList{QStringLiteral("cluster"), QStringLiteral("--input"), points,
                                                       QStringLiteral("--min-cluster-size"), QStringLiteral("2")}
                                        << points + QStringLiteral(":2: column 2 is not a number ('") +
                                               QString(40, QLatin1Char('z')) + QStringLiteral("'... (100000 bytes))");
    }
    void damagedFileExitsThreeNamingIt() {
        QFETCH(QString, programName);
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const auto r = runProgram(program(programName), arguments, 120000);
        QVERIFY(r.finished);
        QVERIFY2(r.exitCode == 3, qPrintable(QStringLiteral("exit %1: ").arg(r.exitCode) + r.err));
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
    }

private:
    QTemporaryDir m_dir;
    QString m_model, m_tokenizer, m_hf;
};

QTEST_GUILESS_MAIN(TestBadInputFiles)
#include "TestBadInputFiles.moc"
