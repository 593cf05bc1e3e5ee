// Instruction data readers and client partitions.
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/Partition.h"
#include "support/ResultChecks.h"
#include "support/SharedData.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>
#include <set>

using namespace fp;
using namespace fp::engine;

class TestInstructionData : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsRealNaturalInstructionsTasks() {
        FP_REQUIRE_SHARED_FILE(dir, "data/natural-instructions-v1/tasks");
        auto all = readInstructionFiles({dir});
        FP_VERIFY_OK(all);
        QCOMPARE(all->size(), size_t(48));
        const auto &first = all->front();
        QCOMPARE(first.report.format, std::string("natural-instructions v1"));
        QCOMPARE(first.samples.front().category, std::string("subtask003_mctaco_question_generation_event_duration"));
        QVERIFY(first.samples.front().instruction.rfind("In this task, we ask you to write a question", 0) == 0);
        int64_t total = 0;
        for (const auto &task : *all) {
            QCOMPARE(task.report.samples + task.report.skipped, task.report.records);
            total += task.report.samples;
        }
        qInfo("%lld samples in 48 tasks", (long long)total);
        QVERIFY(total > 1000);
    }

    void readsSelfInstructTasksOneSamplePerInstance() {
        FP_REQUIRE_SHARED_FILE(path, "data/self-instruct/user_oriented_instructions.jsonl");
        auto data = readInstructionFile(path);
        FP_VERIFY_OK(data);
        QCOMPARE(data->report.format, std::string("jsonl (self-instruct)"));
        QCOMPARE(data->report.records, int64_t(252));
        QCOMPARE(data->report.skipped, int64_t(0));
        QVERIFY(data->samples.size() >= 252);
        QCOMPARE(data->samples.front().category, std::string("Grammarly"));
    }

    void readsAlpacaAndDollyLines() {
        const auto path =
            write("mixed.jsonl", "{\"instruction\": \"Add\", \"input\": \"2+2\", \"output\": \"4\"}\n"
                                 "\n"
                                 "{\"instruction\": \"Name a color\", \"context\": null, \"response\": \"Blue\", "
                                 "\"category\": \"open_qa\"}\n");
        auto data = readInstructionFile(path);
        FP_VERIFY_OK(data);
        QCOMPARE(data->samples.size(), size_t(2));
        QCOMPARE(data->samples[0].input, std::string("2+2"));
        QCOMPARE(data->samples[1].output, std::string("Blue"));
        QCOMPARE(data->samples[1].category, std::string("open_qa"));
    }

    void malformedRecordsAreReportedWithLineAndKeptApart_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        const QByteArray good = "{\"instruction\": \"Say hi\", \"output\": \"hi\"}\n";
        QTest::addRow("broken json") << good + "{\"instruction\": \"x\", \"output\": \n" + good
                                     << QStringLiteral(":2: not valid JSON");
        QTest::addRow("missing output") << good + good + "{\"instruction\": \"x\"}\n"
                                        << QStringLiteral(":3: missing field \"output\"");
        QTest::addRow("wrong type") << "{\"instruction\": 5, \"output\": \"y\"}\n" + good
                                    << QStringLiteral(":1: field \"instruction\" is number");
        QTest::addRow("empty output") << good + "{\"instruction\": \"x\", \"output\": \"\"}\n"
                                      << QStringLiteral(":2: empty output");
        QTest::addRow("bad instance") << good + "{\"instruction\": \"x\", \"instances\": [{\"input\": \"a\"}]}\n"
                                      << QStringLiteral(":2: instances[0]: missing field \"output\"");
        QTest::addRow("not an object") << good + "[1, 2]\n" << QStringLiteral(":2: ");
    }
    void malformedRecordsAreReportedWithLineAndKeptApart() {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        const auto path = write("bad.jsonl", content);
        auto data = readInstructionFile(path);
        FP_VERIFY_OK(data);
        QCOMPARE(data->report.skipped, int64_t(1));
        QCOMPARE(int64_t(data->samples.size()), data->report.records - 1);
        QCOMPARE(data->report.problems.size(), size_t(1));
        QVERIFY2(QString::fromStdString(data->report.problems[0]).contains(problem), data->report.problems[0].c_str());
        QVERIFY(data->report.problems[0].rfind(path, 0) == 0);
    }

    // JSON Lines are parsed record by record, each record bounded (16 MiB): an oversized line is one problem,
    // the other records are kept.
    void oversizedRecordIsOneProblem() {
        const QByteArray good = "{\"instruction\": \"Say hi\", \"output\": \"hi\"}\n";
        const QByteArray big = "{\"instruction\": \"" + QByteArray(17 * 1024 * 1024, 'x') + "\", \"output\": \"y\"}\n";
        const auto path = write("big.jsonl", good + big + good);
        auto data = readInstructionFile(path);
        FP_VERIFY_OK(data);
        QCOMPARE(data->samples.size(), size_t(2));
        QCOMPARE(data->report.problems.size(), size_t(1));
        const std::string &problem = data->report.problems[0];
        QVERIFY2(problem.rfind(path + ":2: 17825826 bytes of JSON, more than 16777216 (the limit for instruction "
                                      "records)",
                               0) == 0,
                 problem.c_str());
    }

    // A document that starts with '{' and is over the 256 MiB limit of one JSON document is read as JSON Lines;
    // when it is not JSON Lines either, the error says both (not only "line 1 is not a record").
    void oversizedObjectDocumentSaysWhy() {
        const QByteArray instance = "    {\"input\": \"" + QByteArray(1000, 'x') + "\", \"output\": [\"y\"]},\n";
        QByteArray text = "{\n  \"Definition\": [\"Say y.\"],\n  \"Instances\": [\n";
        text.reserve(257 * 1024 * 1024 + 4096);
        while (text.size() <= 257 * 1024 * 1024) {
            text += instance;
        }
        text += "    {\"input\": \"x\", \"output\": [\"y\"]}\n  ]\n}\n";
        const auto path = write("huge-task.json", text);
        text = QByteArray(); // the reader holds its own copy
        FP_VERIFY_ERROR(readInstructionFile(path), ErrorCode::BadFormat,
                        path + ": 257 MiB is over the 256 MiB limit of one JSON document");
    }

    // A JSON array document is parsed whole, with the nesting bounded.
    void deepArrayDocumentIsAnError() {
        const auto path = write("deep.json", QByteArray(200, '[') + QByteArray(200, ']'));
        FP_VERIFY_ERROR(readInstructionFile(path), ErrorCode::BadFormat,
                        path + ": nested deeper than 64 levels (the limit for instruction data documents)");
    }

    void unusableFilesAreErrors_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::addRow("empty") << QByteArray("\n\n") << int(ErrorCode::BadFormat) << QStringLiteral("empty");
        QTest::addRow("nothing valid") << QByteArray("{\"instruction\": \"x\"}\n{\"foo\": 1}\n")
                                       << int(ErrorCode::BadFormat) << QStringLiteral("no valid instruction sample");
        QTest::addRow("csv") << QByteArray("instruction,output\nx,y\n") << int(ErrorCode::BadFormat)
                             << QStringLiteral("not JSON Lines");
        QTest::addRow("ni bad definition") << QByteArray("{\"Definition\": 3, \"Instances\": []}")
                                           << int(ErrorCode::BadFormat) << QStringLiteral("\"Definition\"");
        QTest::addRow("ni no instances") << QByteArray("{\"Definition\": [\"Do it\"], \"Instances\": []}")
                                         << int(ErrorCode::BadFormat) << QStringLiteral("no valid instruction");
    }
    void unusableFilesAreErrors() {
        QFETCH(QByteArray, content);
        QFETCH(int, code);
        QFETCH(QString, needle);
        const auto path = write("unusable.json", content);
        FP_VERIFY_ERROR(readInstructionFile(path), ErrorCode(code), needle.toStdString());
        FP_VERIFY_ERROR(readInstructionFile(path), ErrorCode(code), path);
        FP_VERIFY_ERROR(readInstructionFile(m_dir.filePath(QStringLiteral("absent.jsonl")).toStdString()),
                        ErrorCode::NotFound, "absent.jsonl");
    }

    void naturalInstructionsV2KeepsGoodInstances() {
        const auto path =
            write("task999_demo.json", "{\"Definition\": [\"Answer the question.\"], \"Instances\": ["
                                       "{\"id\": \"a\", \"input\": \"1+1?\", \"output\": [\"2\", \"two\"]},"
                                       "{\"id\": \"b\", \"input\": \"2+2?\", \"output\": []},"
                                       "{\"id\": \"c\", \"input\": \"3+3?\", \"output\": [\"6\"]}]}");
        auto data = readInstructionFile(path);
        FP_VERIFY_OK(data);
        QCOMPARE(data->report.format, std::string("natural-instructions v2"));
        QCOMPARE(data->samples.size(), size_t(2));
        QCOMPARE(data->samples[0].output, std::string("2"));
        QCOMPARE(data->samples[1].category, std::string("task999_demo"));
        QVERIFY(data->report.problems.at(0).find("Instances[1]") != std::string::npos);
    }

    void oneTaskPerClientWithHeldOutTasks() {
        const auto samples = syntheticSamples();
        PartitionOptions options;
        options.heldOutCategories = {"t3"};
        auto p = partitionSamples(samples, options);
        FP_VERIFY_OK(p);
        QCOMPARE(p->clients.size(), size_t(3));
        QCOMPARE(p->clients[0].name, std::string("t0"));
        QCOMPARE(p->heldOut.size(), size_t(10));
        for (const auto &c : p->clients) {
            for (size_t i : c.samples) {
                QCOMPARE(samples[i].category, c.name);
            }
        }
        checkEverySampleOnce(*p, samples.size());
    }

    void dirichletIsSeededAndCoversEverySample() {
        const auto samples = syntheticSamples();
        PartitionOptions options;
        options.scheme = PartitionScheme::Dirichlet;
        options.clients = 5;
        options.alpha = 0.5;
        options.seed = 42;
        auto a = partitionSamples(samples, options);
        auto b = partitionSamples(samples, options);
        FP_VERIFY_OK(a);
        QCOMPARE(a->clients.size(), size_t(5));
        for (size_t c = 0; c < 5; ++c) {
            QCOMPARE(a->clients[c].samples, b->clients[c].samples);
        }
        checkEverySampleOnce(*a, samples.size());
        options.seed = 43;
        auto other = partitionSamples(samples, options);
        bool differs = false;
        for (size_t c = 0; c < 5; ++c) {
            differs = differs || other->clients[c].samples != a->clients[c].samples;
        }
        QVERIFY(differs);
        // Small alpha concentrates each task on few clients: some client holds at least half of a task.
        options.seed = 42;
        size_t largest = 0;
        for (const auto &c : a->clients) {
            size_t t0 = 0;
            for (size_t i : c.samples) {
                t0 += samples[i].category == "t0";
            }
            largest = std::max(largest, t0);
        }
        QVERIFY(largest >= 5);
    }

    // partition.min_samples (the reference code's partition_idx_labeldir): balanced draws, repeated until every
    // client holds at least min_samples; seeded like every other split.
    void dirichletMinSamplesRedrawsUntilEveryClientHasEnough() {
        std::vector<InstructionSample> samples;
        for (int t = 0; t < 4; ++t) {
            for (int i = 0; i < 50; ++i) {
                samples.push_back({"task", std::to_string(i), "out", "t" + std::to_string(t)});
            }
        }
        PartitionOptions options;
        options.scheme = PartitionScheme::Dirichlet;
        options.clients = 8;
        options.alpha = 0.1;
        options.seed = 7;
        auto once = partitionSamples(samples, options);
        FP_VERIFY_OK(once);
        const auto smallest = [](const Partitioning &p) {
            size_t least = SIZE_MAX;
            for (const auto &c : p.clients) {
                least = std::min(least, c.samples.size());
            }
            return least;
        };
        QVERIFY2(smallest(*once) < 10, "the plain draw already meets the minimum: the test proves nothing");
        options.minSamples = 10;
        auto a = partitionSamples(samples, options);
        auto b = partitionSamples(samples, options);
        FP_VERIFY_OK(a);
        FP_VERIFY_OK(b);
        QVERIFY(smallest(*a) >= 10);
        checkEverySampleOnce(*a, samples.size());
        for (size_t c = 0; c < a->clients.size(); ++c) {
            QCOMPARE(a->clients[c].samples, b->clients[c].samples);
        }
    }

    void dirichletMinSamplesThatCannotBeMetIsAnError() {
        std::vector<InstructionSample> samples(30, InstructionSample{"task", "in", "out", "t0"});
        PartitionOptions options;
        options.scheme = PartitionScheme::Dirichlet;
        options.clients = 4;
        options.minSamples = 10;
        FP_VERIFY_ERROR(partitionSamples(samples, options), ErrorCode::InvalidArgument,
                        "partition.min_samples: 4 clients with at least 10 samples each need 40 training samples, the "
                        "data has 30");
        // One task, three clients, shares far from even: 30 samples almost never split 10/10/10.
        options.clients = 3;
        options.alpha = 0.01;
        FP_VERIFY_ERROR(partitionSamples(samples, options), ErrorCode::InvalidArgument,
                        "partition.min_samples: no Dirichlet split of 30 samples in 1000 draws");
        options.minSamples = -1;
        FP_VERIFY_ERROR(partitionSamples(samples, options), ErrorCode::InvalidArgument, "partition.min_samples");
    }

    void iidDealsEvenly() {
        PartitionOptions options;
        options.scheme = PartitionScheme::Iid;
        options.clients = 4;
        auto p = partitionSamples(syntheticSamples(), options);
        FP_VERIFY_OK(p);
        for (const auto &c : p->clients) {
            QCOMPARE(c.samples.size(), size_t(10));
        }
    }

    void badPartitionOptions() {
        PartitionOptions options;
        options.heldOutCategories = {"nope"};
        FP_VERIFY_ERROR(partitionSamples(syntheticSamples(), options), ErrorCode::InvalidArgument, "nope");
        options.heldOutCategories = {"t0", "t1", "t2", "t3"};
        FP_VERIFY_ERROR(partitionSamples(syntheticSamples(), options), ErrorCode::InvalidArgument, "nothing is left");
        options = {};
        options.scheme = PartitionScheme::Dirichlet;
        FP_VERIFY_ERROR(partitionSamples(syntheticSamples(), options), ErrorCode::InvalidArgument, "clients");
        FP_VERIFY_ERROR(parsePartitionScheme("random"), ErrorCode::InvalidArgument, "task, dirichlet or iid");
        QCOMPARE(*parsePartitionScheme("dirichlet"), PartitionScheme::Dirichlet);
    }

private:
    std::string write(const char *name, const QByteArray &content) {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return {};
        }
        f.write(content);
        return path.toStdString();
    }

    static std::vector<InstructionSample> syntheticSamples() {
        std::vector<InstructionSample> samples;
        for (int t = 0; t < 4; ++t) {
            for (int i = 0; i < 10; ++i) {
                samples.push_back({"task " + std::to_string(t), std::to_string(i), "out", "t" + std::to_string(t)});
            }
        }
        return samples;
    }

    static void checkEverySampleOnce(const Partitioning &p, size_t total) {
        std::vector<int> seen(total, 0);
        for (const auto &c : p.clients) {
            for (size_t i : c.samples) {
                ++seen[i];
            }
        }
        for (size_t i : p.heldOut) {
            ++seen[i];
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestInstructionData)
#include "TestInstructionData.moc"
