// Builds the Debian package with CPack from the configured build tree and checks what it holds.
#include "support/Programs.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using fp::test::buildDir;
using fp::test::runProgram;

class TestPackage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
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
    }

    void holdsTheProgramsDesktopEntryAndIcon() {
        const auto r = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
        QCOMPARE(r.exitCode, 0);
        for (const char *path :
             {"./usr/bin/fedpilot", "./usr/bin/fedpilot-cli", "./usr/bin/fedpilot-agent",
              "./usr/share/applications/fedpilot.desktop", "./usr/share/icons/hicolor/scalable/apps/fedpilot.svg",
              "./usr/share/fedpilot/demo/ni-two-sites.json"}) {
            QVERIFY2(
                r.out.contains(QRegularExpression(QRegularExpression::escape(QLatin1String(path)) + QStringLiteral("$"),
                                                  QRegularExpression::MultilineOption)),
                path);
        }
        QVERIFY2(!r.out.contains(QStringLiteral("/include/")), "no headers in the runtime package");
    }

    void dependsOnRuntimePackagesOnly() {
        const auto r = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
        QCOMPARE(r.exitCode, 0);
        const QString depends = r.out;
        for (const char *name :
             {"libtorch", "libqt6widgets6", "libgrpc++", "libsqlite3", "libopenblas0-pthread", "libqt6svg6"}) {
            QVERIFY2(depends.contains(QLatin1String(name)),
                     qPrintable(QLatin1String(name) + QStringLiteral(" in ") + depends));
        }
        QVERIFY2(!depends.contains(QStringLiteral("-dev")), qPrintable(depends));
    }

    void desktopEntryIsValid() {
        QTemporaryDir x;
        const auto r = runProgram(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, x.path()});
        QCOMPARE(r.exitCode, 0);
        QFile f(x.filePath(QStringLiteral("usr/share/applications/fedpilot.desktop")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString entry = QString::fromUtf8(f.readAll());
        QVERIFY(entry.startsWith(QStringLiteral("[Desktop Entry]")));
        QVERIFY(entry.contains(QStringLiteral("\nExec=fedpilot")));
        QVERIFY(entry.contains(QStringLiteral("\nIcon=fedpilot")));
        QVERIFY(entry.contains(QStringLiteral("\nName[ja]=")));
    }

private:
    QTemporaryDir m_out;
    QString m_deb;
};

QTEST_GUILESS_MAIN(TestPackage)
#include "TestPackage.moc"
