// Builds the Debian package with CPack from the configured build tree, checks what it holds, and runs the demo and
// the console's first start from the package alone: unpacked into a scratch root, with a scratch HOME and XDG
// folders, and (in a private mount namespace) the source tree and ../shared hidden under empty mounts.
#include "support/Programs.h"
#include "support/SharedData.h"
#include "support/SqlRows.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using fp::test::buildDir;
using fp::test::ProcessResult;
using fp::test::runProgram;

namespace {

// The demo's model, tokenizer and task files, as the package holds them (taken from ../shared when it is made).
const char *const kPackagedShared[] = {
    "models/stories260K/stories260K.bin",
    "models/stories260K/tok512.bin",
    "models/stories260K/SOURCE.md",
    "data/natural-instructions-v1/SOURCE.md",
    "data/natural-instructions-v1/tasks/subtask003_mctaco_question_generation_event_duration.json",
    "data/natural-instructions-v1/tasks/subtask004_mctaco_answer_generation_event_duration.json",
    "data/natural-instructions-v1/tasks/subtask006_mctaco_question_generation_transient_stationary.json",
    "data/natural-instructions-v1/tasks/subtask010_mctaco_answer_generation_event_ordering.json",
    "data/natural-instructions-v1/tasks/subtask036_qasc_topic_word_to_generate_related_fact.json",
    "data/natural-instructions-v1/tasks/subtask041_qasc_answer_generation.json",
    "data/natural-instructions-v1/tasks/subtask045_miscellaneous_sentence_paraphrasing.json",
    "data/natural-instructions-v1/tasks/subtask047_misc_answering_science_questions.json",
};

const QString kDemoTrialName = QStringLiteral("demo: NI-v1 two-site pilot (stories260K)");

QString readText(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        // The package takes the demo's files from the shared folder: without it, it cannot be made.
        FP_REQUIRE_SHARED_FILE(model, "models/stories260K/stories260K.bin");
        m_shared = QDir(QString::fromStdString(*fp::test::sharedDir())).canonicalPath();
        QVERIFY(m_out.isValid());
        const auto r =
            runProgram(QStringLiteral("cpack"),
                       {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                        buildDir() + QStringLiteral("/CPackConfig.cmake"), QStringLiteral("-B"), m_out.path()},
                       600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QStringList debs = QDir(m_out.path()).entryList({QStringLiteral("*.deb")});
        QCOMPARE(debs.size(), 1);
        m_deb = m_out.filePath(debs.first());
        qInfo("%s: %lld bytes", qPrintable(debs.first()), QFileInfo(m_deb).size());

        m_root = QDir(m_out.filePath(QStringLiteral("root"))).absolutePath();
        const auto x = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(x.exitCode == 0, qPrintable(x.err));
        m_root = QDir(m_root).canonicalPath();
    }

    void holdsTheProgramsDesktopEntryAndIcon() {
        const auto r = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
        QCOMPARE(r.exitCode, 0);
        QStringList paths = {QStringLiteral("./usr/bin/fedpilot"),
                             QStringLiteral("./usr/bin/fedpilot-cli"),
                             QStringLiteral("./usr/bin/fedpilot-agent"),
                             QStringLiteral("./usr/share/applications/fedpilot.desktop"),
                             QStringLiteral("./usr/share/icons/hicolor/scalable/apps/fedpilot.svg"),
                             QStringLiteral("./usr/share/fedpilot/demo/ni-two-sites.json"),
                             QStringLiteral("./usr/share/fedpilot/demo/sites/tokyo.site.json"),
                             QStringLiteral("./usr/share/fedpilot/demo/sites/osaka.site.json"),
                             QStringLiteral("./usr/share/fedpilot/trials/fedhds-paper-vs-default.json"),
                             QStringLiteral("./usr/share/doc/fedpilot/copyright")};
        for (const char *file : kPackagedShared) {
            paths << QStringLiteral("./usr/share/fedpilot/shared/") + QLatin1String(file);
        }
        for (const QString &path : std::as_const(paths)) {
            QVERIFY2(r.out.contains(QRegularExpression(QRegularExpression::escape(path) + QStringLiteral("$"),
                                                       QRegularExpression::MultilineOption)),
                     qPrintable(path));
        }
        QVERIFY2(!r.out.contains(QStringLiteral("/include/")), "no headers in the runtime package");
        // Only the demo's tasks, not the whole of ../shared.
        QCOMPARE(r.out.count(QStringLiteral("/natural-instructions-v1/tasks/subtask")), 8);
    }

    // The packaged files are the shared folder's, byte for byte.
    void packagedSharedFilesAreTheSharedOnes() {
        for (const char *file : kPackagedShared) {
            QFile packaged(m_root + QStringLiteral("/usr/share/fedpilot/shared/") + QLatin1String(file));
            QFile original(m_shared + QLatin1Char('/') + QLatin1String(file));
            QVERIFY2(packaged.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly), file);
            QVERIFY2(packaged.readAll() == original.readAll(), file);
        }
    }

    void dependsOnRuntimePackagesOnly() {
        const auto r = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
        QCOMPARE(r.exitCode, 0);
        const QString depends = r.out;
        for (const char *name : {"libtorch", "libqt6widgets6", "libgrpc++", "libsqlite3", "libopenblas0-pthread",
                                 "libqt6svg6", "openssl", "fonts-noto-cjk"}) {
            QVERIFY2(depends.contains(QLatin1String(name)),
                     qPrintable(QLatin1String(name) + QStringLiteral(" in ") + depends));
        }
        QVERIFY2(!depends.contains(QStringLiteral("-dev")), qPrintable(depends));
    }

    // The copyright file (Debian's machine-readable format) names the licences of the packaged model and data.
    void copyrightNamesTheLicences() {
        const QString copyright = readText(m_root + QStringLiteral("/usr/share/doc/fedpilot/copyright"));
        QVERIFY(copyright.startsWith(QStringLiteral("Format: https://www.debian.org/doc/packaging-manuals/")));
        QVERIFY(copyright.contains(
            QStringLiteral("Files: usr/share/fedpilot/shared/models/stories260K/*\nCopyright: 2023 Andrej Karpathy")));
        QVERIFY(copyright.contains(QStringLiteral("Files: usr/share/fedpilot/shared/data/natural-instructions-v1/*")));
        QVERIFY(copyright.contains(QStringLiteral("\nLicense: MIT\n Permission is hereby granted")));
        QVERIFY(copyright.contains(QStringLiteral("\nLicense: Apache-2.0\n Licensed under the Apache License")));
    }

    void desktopEntryIsValid() {
        const QString entry = readText(m_root + QStringLiteral("/usr/share/applications/fedpilot.desktop"));
        QVERIFY(entry.startsWith(QStringLiteral("[Desktop Entry]")));
        QVERIFY(entry.contains(QStringLiteral("\nExec=fedpilot")));
        QVERIFY(entry.contains(QStringLiteral("\nIcon=fedpilot")));
        QVERIFY(entry.contains(QStringLiteral("\nName[ja]=")));
    }

    // fedpilot-cli demo from the unpacked package: its agents, model, tokenizer and data come from the package.
    void installedDemoRunsFromThePackage() {
        requireHiding();
        // As a user types it: no options, so the workspace is ./fedpilot-demo (the scratch HOME).
        const auto r = runUnpacked(QStringLiteral("fedpilot-cli"), {QStringLiteral("demo")}, {}, 800000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.out + r.err));
        const QString share = m_root + QStringLiteral("/usr/share/fedpilot");
        QVERIFY2(r.out.contains(QStringLiteral("model     llama2.c legacy checkpoint ") + share +
                                QStringLiteral("/shared/models/stories260K/stories260K.bin")),
                 qPrintable(r.out));
        for (const char *site : {"tokyo", "osaka"}) {
            QVERIFY2(r.out.contains(share + QStringLiteral("/demo/sites/") + QLatin1String(site) +
                                    QStringLiteral(".site.json)")),
                     qPrintable(r.out));
        }
        static const QRegularExpression completed(QStringLiteral("\\n[12] +(fedhds|full) +completed +3/3 "));
        QCOMPARE(r.out.count(completed), 2);
        QVERIFY2(r.out.endsWith(QStringLiteral("demo finished\n")), qPrintable(r.out));
        QVERIFY(QFileInfo::exists(m_home.filePath(QStringLiteral("fedpilot-demo/workspace.sqlite"))));
    }

    // fedpilot as the desktop menu starts it (no arguments, nothing configured yet): it opens the demo workspace in
    // the user's data folder, set up with the demo trial from the package.
    void consoleFirstStartOpensTheDemoWorkspace() {
        requireHiding();
        const auto r = runUnpacked(QStringLiteral("fedpilot"), {},
                                   {{QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")},
                                    {QStringLiteral("FP_QUIT_AFTER_MS"), QStringLiteral("3000")}},
                                   120000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("demo workspace")), qPrintable(r.err));
        const QString demo = m_home.filePath(QStringLiteral("data/fedpilot/fedpilot/demo"));
        const QString db = demo + QStringLiteral("/workspace.sqlite");
        QVERIFY2(QFileInfo::exists(db), qPrintable(db));
        QCOMPARE(QString::fromStdString(fp::test::sqlRowsAt(db.toStdString(), "SELECT name FROM trials")),
                 kDemoTrialName + QLatin1Char('\n'));
        // The window opened it (and remembers it among the recent workspaces).
        const QString settings = readText(m_home.filePath(QStringLiteral("config/fedpilot/fedpilot.conf")));
        QVERIFY2(settings.contains(demo), qPrintable(settings));
    }

private:
    // The source tree and the shared folder are hidden under empty mounts in a private mount namespace (root or
    // CAP_SYS_ADMIN): without one, a program that quietly read them instead of the package would pass. A skip on a
    // developer's machine, a failure on CI, whose runner must provide it.
    void requireHiding() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("FP_SOURCE_DIR"), "FP_SOURCE_DIR is not set (run through ctest)");
        if (QProcess::execute(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("true")}) != 0) {
            const char *reason =
                "cannot create a private mount namespace here (unshare -m needs root or CAP_SYS_ADMIN)";
            if (fp::test::isCi()) {
                QFAIL(reason);
            }
            QSKIP(reason);
        }
    }

    // Runs <root>/usr/bin/<program> in the scratch folder with a scratch HOME and XDG folders, none of the test's
    // FP_* variables, and the source tree and ../shared hidden.
    ProcessResult runUnpacked(const QString &program, const QStringList &arguments,
                              const QList<QPair<QString, QString>> &extraEnvironment, int timeoutMs) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"FP_SHARED_DIR", "FP_SOURCE_DIR", "FP_BUILD_DIR", "XDG_RUNTIME_DIR"}) {
            env.remove(QLatin1String(name));
        }
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        for (const auto &[name, value] : extraEnvironment) {
            env.insert(name, value);
        }
        const QString source = QDir(qEnvironmentVariable("FP_SOURCE_DIR")).canonicalPath();
        QProcess process;
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_home.path());
        // sh -c SCRIPT sh SOURCE SHARED PROGRAM ARGS...: the paths travel as arguments, never through a shell's parser.
        const QString script = QStringLiteral("mount -t tmpfs -o ro,size=4k tmpfs \"$1\" && "
                                              "mount -t tmpfs -o ro,size=4k tmpfs \"$2\" && shift 2 && exec \"$@\"");
        process.start(QStringLiteral("unshare"), QStringList{QStringLiteral("-m"), QStringLiteral("sh"),
                                                             QStringLiteral("-c"), script, QStringLiteral("sh"), source,
                                                             m_shared, m_root + QStringLiteral("/usr/bin/") + program} +
                                                     arguments);
        ProcessResult result;
        result.finished = process.waitForFinished(timeoutMs);
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QTemporaryDir m_out;
    QTemporaryDir m_home;
    QString m_deb;
    QString m_root;
    QString m_shared;
};

QTEST_GUILESS_MAIN(TestPackage)
#include "TestPackage.moc"
