// The trial editor: a trial made through its widgets exports to a reference file; an invalid value shows
// readTrialFile's own message under its field; importing then exporting a trial file loses nothing; and the estimate
// per strategy warns when a strategy would train on (almost) nothing (NI-v1 in 10,000 clients) but not on the demo.
#include "dialogs/TrialEditorDialog.h"
#include "models/EstimateModel.h"
#include "models/TrialDocument.h"
#include "models/TrialEstimator.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceTrials.h"
#include "pages/TrialsPage.h"

#include "fedpilot/engine/TrialEstimate.h"

#include "support/SharedData.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace fp;
using Dialog = ui::TrialEditorDialog;

namespace {

QString sourceFile(const QString &relative) {
    return qEnvironmentVariable("FP_SOURCE_DIR") + QLatin1Char('/') + relative;
}

QString readText(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void writeText(const QString &path, const QString &text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

// Types into a line edit as a user does (textEdited fires), after clearing it.
void type(Dialog &dialog, const QString &path, const QString &text) {
    auto *line = qobject_cast<QLineEdit *>(dialog.fieldWidget(path));
    QVERIFY2(line, qPrintable(path));
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
}

void choose(Dialog &dialog, const QString &path, const QString &value) {
    auto *combo = qobject_cast<QComboBox *>(dialog.fieldWidget(path));
    QVERIFY2(combo, qPrintable(path));
    const int at = combo->findText(value);
    QVERIFY2(at >= 0, qPrintable(value));
    combo->setCurrentIndex(at);
}

void lines(Dialog &dialog, const QString &path, const QString &text) {
    auto *edit = qobject_cast<QPlainTextEdit *>(dialog.fieldWidget(path));
    QVERIFY2(edit, qPrintable(path));
    edit->setPlainText(text);
}

// What a TrialSpec holds that a lossless round trip must keep (paths absolute after parsing).
QString fingerprint(const engine::TrialSpec &t) {
    QStringList parts{QString::fromStdString(t.name),
                      QString::fromStdString(t.modelPath),
                      QString::number(t.maxTokens),
                      QString::number(t.featureTokens),
                      QString::number(int(t.truncation)),
                      QString::number(int(t.promptTemplate)),
                      QString::number(t.lora.rank),
                      QString::number(t.schedule.rounds),
                      QString::number(t.schedule.participation),
                      QString::number(int(t.schedule.clientsPerRound)),
                      QString::number(t.schedule.seed),
                      QString::number(t.evaluation.maxNewTokens),
                      QString::number(int(t.evaluation.rouge)),
                      QString::number(int(t.evaluation.sampling)),
                      QString::number(t.evaluation.federated)};
    for (const auto &site : t.sites) {
        parts << QString::fromStdString(site.name) << QString::number(site.maxSamplesPerClient)
              << QString::number(site.cost.pricePerComputeHour) << QString::number(site.cost.pricePerGb);
        for (const auto &d : site.data) {
            parts << QString::fromStdString(d);
        }
    }
    for (const auto &s : t.strategies) {
        parts << QString::fromStdString(s.name) << QString::number(int(s.method))
              << QString::number(s.clustering.centerDims) << QString::number(int(s.clustering.hdbscanSemantics))
              << QString::number(s.clustering.minClusterSize);
    }
    for (const auto &task : t.evaluation.heldOutTasks) {
        parts << QString::fromStdString(task);
    }
    return parts.join(QLatin1Char('|'));
}

std::optional<QString> sharedOrSkip(const char *what) {
    if (const auto dir = test::sharedDir()) {
        return QString::fromStdString(*dir);
    }
    if (test::isCi()) {
        qFatal("%s", test::missingSharedMessage(what).c_str());
    }
    return std::nullopt;
}

} // namespace

class TestTrialEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        if (qEnvironmentVariableIsEmpty("FP_SHARED_DIR")) {
            qputenv("FP_SHARED_DIR", "/nonexistent/shared"); // parsing expands it; files are not opened
        }
    }

    void createsATrialThroughTheEditor() {
        QTemporaryDir dir;
        Dialog dialog(ui::TrialDocument::blank(QStringLiteral("new trial")), dir.path(), QStringLiteral("trial"));
        type(dialog, QStringLiteral("name"), QStringLiteral("ni pilot"));
        type(dialog, QStringLiteral("model.path"), QStringLiteral("models/stories260K.bin"));
        type(dialog, QStringLiteral("model.max_tokens"), QStringLiteral("128"));
        type(dialog, QStringLiteral("lora.rank"), QStringLiteral("4"));
        choose(dialog, QStringLiteral("aggregation"), QStringLiteral("flexlora"));
        dialog.selectSite(0);
        type(dialog, QStringLiteral("sites[#].name"), QStringLiteral("tokyo"));
        lines(dialog, QStringLiteral("sites[#].data"), QStringLiteral("data/tokyo.jsonl\n\ndata/extra\n"));
        choose(dialog, QStringLiteral("sites[#].partition.scheme"), QStringLiteral("iid"));
        type(dialog, QStringLiteral("sites[#].partition.clients"), QStringLiteral("20"));
        type(dialog, QStringLiteral("sites[#].cost.compute_per_hour"), QStringLiteral("2.5"));
        dialog.addSite(true);
        type(dialog, QStringLiteral("sites[#].name"), QStringLiteral("osaka"));
        type(dialog, QStringLiteral("sites[#].agent.address"), QStringLiteral("osaka.example.org:50051"));
        type(dialog, QStringLiteral("sites[#].agent.ca"), QStringLiteral("tls/ca.pem"));
        type(dialog, QStringLiteral("sites[#].agent.token_file"), QStringLiteral("tls/osaka.token"));
        dialog.addStrategy(true);
        type(dialog, QStringLiteral("strategies[#].name"), QStringLiteral("fedhds-paper"));
        type(dialog, QStringLiteral("strategies[#].selection"), QStringLiteral(R"({"centers": "tsne"})"));
        type(dialog, QStringLiteral("selection.min_cluster_size"), QStringLiteral("3"));
        type(dialog, QStringLiteral("budget.max_per_round"), QStringLiteral("200"));
        type(dialog, QStringLiteral("schedule.rounds"), QStringLiteral("5"));
        type(dialog, QStringLiteral("schedule.learning_rate"), QStringLiteral("3e-4"));
        lines(dialog, QStringLiteral("evaluation.held_out_tasks"), QStringLiteral("task-a"));
        lines(dialog, QStringLiteral("evaluation.data"), QStringLiteral("data/eval.jsonl"));
        choose(dialog, QStringLiteral("evaluation.federated"), QStringLiteral("true"));
        type(dialog, QStringLiteral("network.call_seconds"), QStringLiteral("60"));
        dialog.validate();
        QCOMPARE(dialog.errorText(), QString());

        const QString exported = dir.filePath(QStringLiteral("trial.json"));
        QVERIFY(dialog.exportTo(exported).has_value());
        QCOMPARE(readText(exported), readText(sourceFile(QStringLiteral("tests/fixtures/ui/editor-trial.json"))));
        const auto trial = engine::readTrialFile(exported.toStdString());
        QVERIFY2(trial.has_value(), trial ? "" : trial.error().message.c_str());
        QCOMPARE(trial->strategies.size(), size_t(3));
        QCOMPARE(trial->strategies[2].clustering.centerDims, 0);     // the variant's tsne centers
        QCOMPARE(trial->strategies[2].clustering.minClusterSize, 3); // the trial's selection under it
        QVERIFY(trial->sites[1].remote());
    }

    void invalidValueShowsTheParsersMessage_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addRow("out of range") << QStringLiteral("schedule.rounds") << QStringLiteral("0");
        QTest::addRow("not a number") << QStringLiteral("lora.alpha") << QStringLiteral("sixteen");
        QTest::addRow("not an integer") << QStringLiteral("selection.min_cluster_size") << QStringLiteral("2.5");
        QTest::addRow("site field") << QStringLiteral("sites[#].name") << QStringLiteral("to kyo");
    }

    void invalidValueShowsTheParsersMessage() {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QTemporaryDir dir;
        auto document =
            ui::TrialDocument::fromText(readText(sourceFile(QStringLiteral("resources/demo/ni-two-sites.json"))),
                                        QStringLiteral("ni-two-sites.json"));
        QVERIFY(document.has_value());
        Dialog dialog(*document, dir.path(), QStringLiteral("ni-two-sites.json"));
        QCOMPARE(dialog.errorText(), QString());
        type(dialog, field, text);
        dialog.validate();
        // readTrialFile on the same text says the same after its origin (the file's path).
        const QString file = dir.filePath(QStringLiteral("same.json"));
        writeText(file, dialog.document().text());
        const auto read = engine::readTrialFile(file.toStdString());
        QVERIFY(!read.has_value());
        const QString expected = QString::fromStdString(read.error().message).mid(file.size() + 2);
        QVERIFY2(!expected.isEmpty(), qPrintable(expected));
        QCOMPARE(dialog.errorText().mid(QStringLiteral("ni-two-sites.json: ").size()), expected);
        QCOMPARE(dialog.fieldError(field), dialog.errorText());
        QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("editor.save"))->isEnabled());
    }

    void importExportRoundTripIsLossless_data() {
        QTest::addColumn<QString>("file");
        QTest::addRow("demo") << QStringLiteral("resources/demo/ni-two-sites.json");
        QTest::addRow("paper vs default") << QStringLiteral("resources/trials/fedhds-paper-vs-default.json");
    }

    void importExportRoundTripIsLossless() {
        QFETCH(QString, file);
        const QString path = sourceFile(file);
        const QString text = readText(path);
        auto document = ui::TrialDocument::fromText(text, path);
        QVERIFY(document.has_value());
        const QString baseDir = QFileInfo(path).absolutePath();
        Dialog dialog(*document, baseDir, path);
        for (int i = 0; i < 2; ++i) { // visiting sites and strategies loads their widgets and changes nothing
            dialog.selectSite(i);
            dialog.selectStrategy(i);
        }
        QCOMPARE(dialog.errorText(), QString());
        QTemporaryDir dir;
        const QString exported = dir.filePath(QStringLiteral("exported.json"));
        QVERIFY(dialog.exportTo(exported).has_value());
        QCOMPARE(QJsonDocument::fromJson(readText(exported).toUtf8()), QJsonDocument::fromJson(text.toUtf8()));
        const auto original = engine::readTrialFile(path.toStdString());
        const auto again = engine::parseTrial(readText(exported).toStdString(), baseDir.toStdString(), "exported");
        QVERIFY(original.has_value() && again.has_value());
        QCOMPARE(fingerprint(*again), fingerprint(*original));

        // An edit changes its key only: everything else, shown by the form or not, stays as written.
        type(dialog, QStringLiteral("schedule.rounds"), QStringLiteral("7"));
        QVERIFY(dialog.exportTo(exported).has_value());
        QJsonObject expected = QJsonDocument::fromJson(text.toUtf8()).object();
        QJsonObject schedule = expected[QStringLiteral("schedule")].toObject();
        schedule[QStringLiteral("rounds")] = 7;
        expected[QStringLiteral("schedule")] = schedule;
        QCOMPARE(QJsonDocument::fromJson(readText(exported).toUtf8()).object(), expected);
    }

    void duplicateFromTheTrialsPageAddsACopy() {
        QTemporaryDir workspace;
        ui::WorkspaceTrials trials;
        trials.setWorkspace(workspace.path());
        ui::TrialsPage page(&trials, nullptr);
        QSignalSpy imported(&trials, &ui::WorkspaceTrials::imported);
        page.importTrialFile(sourceFile(QStringLiteral("resources/demo/ni-two-sites.json")));
        QVERIFY(imported.wait(20000));
        QSignalSpy loaded(&trials, &ui::WorkspaceTrials::loaded);
        QVERIFY(loaded.wait(20000) || trials.model()->rowCount() == 1);
        page.findChild<QTreeView *>(QStringLiteral("trials.table"))->setCurrentIndex(trials.model()->index(0, 0));
        QVERIFY(page.editorActions()[2]->isEnabled());
        page.editorActions()[2]->trigger(); // Duplicate
        auto *dialog = page.findChild<Dialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->document().value(QStringLiteral("name"), ui::TrialDocument::Kind::Text),
                 QStringLiteral("demo: NI-v1 two-site pilot (stories260K) (copy)"));
        dialog->findChild<QPushButton *>(QStringLiteral("editor.save"))->click();
        QVERIFY(imported.wait(20000));
        QTRY_COMPARE(trials.model()->rowCount(), 2);
        QStringList names;
        for (const auto &trial : trials.model()->trials()) {
            names << QString::fromStdString(trial.name);
        }
        QVERIFY2(names.contains(QStringLiteral("demo: NI-v1 two-site pilot (stories260K) (copy)")),
                 qPrintable(names.join(QLatin1Char(','))));
    }

    void estimateWarnsWhenAStrategyTrainsOnNothing() {
        // NI-v1 split into 10,000 clients of about 12 samples, min_cluster_size 5 (a FedHDS round trained 0).
        auto trial = engine::parseTrial(R"({"name": "ni-10k", "model": {"path": "m.bin"},
            "sites": [{"name": "ni", "data": ["tasks"], "partition": {"scheme": "iid", "clients": 10000}}],
            "strategies": ["fedhds", "fedhds-intra", "random", "fedit"], "selection": {"min_cluster_size": 5},
            "schedule": {"rounds": 3, "participation": 0.05}})",
                                        ".", "ni-10k");
        QVERIFY(trial.has_value());
        engine::SiteClientCounts site{"ni", false, std::vector<int64_t>(10000, 12), 0};
        for (size_t i = 0; i < 2000; ++i) {
            site.samples[i] = 13;
        }
        const auto estimate = engine::estimateTrial(*trial, {site}, std::nullopt);
        QCOMPARE(estimate.strategies.size(), size_t(4));
        QCOMPARE(estimate.strategies[0].clientsPerRound, 500.0);
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(estimate.strategies[size_t(i)].starved, estimate.strategies[size_t(i)].name.c_str());
        }
        QVERIFY(!estimate.strategies[3].starved);
        QCOMPARE(estimate.strategies[3].samplesTrained, estimate.strategies[3].samplesOffered);
        // 12 samples are too few even for min_cluster_size 2: the suggestion is fewer, larger clients that form
        // groups at min_cluster_size 5 (ceil(8.9 * 5) = 45 samples each).
        QCOMPARE(estimate.strategies[0].suggestedMinClusterSize, 0);
        QCOMPARE(estimate.strategies[0].suggestedMaxClients, int64_t(122000 / 45));
        QVERIFY(engine::expectedClientGroups(122000 / estimate.strategies[0].suggestedMaxClients, 5) >= 2.0);

        ui::EstimateModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEstimate(estimate, {site});
        QCOMPARE(model.rowCount(), 4);
        const QStringList warnings = model.warnings();
        QCOMPARE(warnings.size(), 3);
        QVERIFY2(warnings[0].startsWith(QStringLiteral("fedhds would train on almost nothing")),
                 qPrintable(warnings[0]));
        QVERIFY2(warnings[0].contains(QStringLiteral("at most 2711 clients")), qPrintable(warnings[0]));
        QVERIFY(model.clientsPreview()[0].contains(QStringLiteral("10000 client")));

        // Clients of 30 samples form no group at min_cluster_size 10 but about two at 3: that is what it suggests.
        auto coarse = *trial;
        coarse.strategies[0].clustering.minClusterSize = 10;
        engine::SiteClientCounts larger{"ni", false, std::vector<int64_t>(4000, 30), 0};
        const auto suggested = engine::estimateTrial(coarse, {larger}, std::nullopt);
        QVERIFY(suggested.strategies[0].starved);
        QCOMPARE(suggested.strategies[0].suggestedMinClusterSize, 3);
        QVERIFY(!suggested.strategies[1].starved); // min_cluster_size 5 finds about one group in 30 samples

        // Clients that form groups, but two per round send too few centers for the server (the paper mode's case):
        // it asks for more clients per round.
        auto few = engine::parseTrial(R"({"name": "few", "model": {"path": "m.bin"},
            "sites": [{"name": "ni", "data": ["tasks"]}], "strategies": ["fedhds"],
            "schedule": {"participation": 0.05, "clients_per_round": "floor"}})",
                                      ".", "few");
        QVERIFY(few.has_value());
        const auto server = engine::estimateTrial(*few, {{"ni", false, std::vector<int64_t>(40, 40), 0}}, std::nullopt);
        const auto &row = server.strategies[0];
        QCOMPARE(row.clientsPerRound, 2.0);
        QVERIFY(row.groupsPerRound > 2.0 && row.groupsPerRound < 8.0);
        QVERIFY(row.starved && row.starvedAtServer);
        QCOMPARE(row.suggestedParticipation, 5.0 / 40.0); // ceil(8 / 1.67 groups per client) = 5 of 40 clients
        model.setEstimate(server, {});
        QVERIFY2(model.warnings()[0].contains(QStringLiteral("schedule.participation to 0.125")),
                 qPrintable(model.warnings()[0]));
    }

    void estimateWarnsOnNiV1InTenThousandClients() {
        // The case as reported: the NI-v1 tasks of ../shared dealt into 10,000 clients, min_cluster_size 5.
        const auto shared = sharedOrSkip("data/natural-instructions-v1/tasks");
        if (!shared) {
            QSKIP("../shared not found");
        }
        const QString json = QStringLiteral(R"({"name": "ni-10k", "model": {"path": "m.bin"},
            "sites": [{"name": "ni", "data": ["%1/data/natural-instructions-v1/tasks"],
                       "partition": {"scheme": "iid", "clients": 10000}}],
            "strategies": ["fedhds", "fedit"], "selection": {"min_cluster_size": 5},
            "schedule": {"rounds": 3, "participation": 0.05}})")
                                 .arg(*shared);
        auto trial = engine::parseTrial(json.toStdString(), ".", "ni-10k");
        QVERIFY(trial.has_value());
        auto sites = engine::countTrialClients(*trial, nullptr);
        QVERIFY2(sites.has_value(), sites ? "" : sites.error().message.c_str());
        QCOMPARE(sites->at(0).samples.size(), size_t(10000));
        const auto estimate = engine::estimateTrial(*trial, *sites, std::nullopt);
        qInfo("NI-v1 in 10,000 clients: median %lld samples per client; fedhds %.2f samples per round, fedit %.0f; "
              "suggested at most %lld clients",
              (long long)estimate.strategies[0].medianClientSamples, estimate.strategies[0].samplesTrained,
              estimate.strategies[1].samplesTrained, (long long)estimate.strategies[0].suggestedMaxClients);
        QVERIFY(estimate.strategies[0].starved);
        QVERIFY(!estimate.strategies[1].starved);
        QVERIFY(estimate.strategies[0].suggestedMaxClients > 0);
    }

    void estimateOfTheDemoDoesNotWarnAndIsCalibrated() {
        const auto shared = sharedOrSkip("models/stories260K");
        if (!shared) {
            QSKIP("../shared not found");
        }
        qputenv("FP_SHARED_DIR", shared->toUtf8());
        const QString path = sourceFile(QStringLiteral("resources/demo/ni-two-sites.json"));
        auto document = ui::TrialDocument::fromText(readText(path), path);
        QVERIFY(document.has_value());
        Dialog dialog(*document, QFileInfo(path).absolutePath(), path);
        QAbstractItemModelTester tester(dialog.estimateModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy done(dialog.estimator(), &ui::TrialEstimator::finished);
        QSignalSpy failed(dialog.estimator(), &ui::TrialEstimator::failed);
        dialog.estimate(true);
        QVERIFY(done.wait(120000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        const auto &estimate = dialog.estimateModel()->estimate();
        QVERIFY(estimate.calibrated);
        QVERIFY(estimate.calibration.featureSecondsPerSample > 0.0);
        QVERIFY(estimate.calibration.trainSecondsPerSample > 0.0);
        QVERIFY(estimate.calibration.adapterBytes > 0);
        QCOMPARE(estimate.clients, int64_t(6)); // 3 tasks per site after the held-out ones
        QCOMPARE(dialog.estimateModel()->rowCount(), 2);
        for (const auto &row : estimate.strategies) {
            QVERIFY2(!row.starved, row.name.c_str());
            QCOMPARE(row.clientsPerRound, 3.0);
            QVERIFY(row.bytes > 0 && row.computeSeconds > 0.0 && row.cost > 0.0);
        }
        QVERIFY(estimate.strategies[0].samplesTrained < estimate.strategies[1].samplesTrained);
        QVERIFY(dialog.estimateModel()->warnings().isEmpty());
        QVERIFY(dialog.estimateModel()->calibrationText().startsWith(QStringLiteral("Calibrated on this machine")));
        QCOMPARE(dialog.estimateModel()->clientsPreview().size(), 2);
    }
};

QTEST_MAIN(TestTrialEditor)
#include "TestTrialEditor.moc"
