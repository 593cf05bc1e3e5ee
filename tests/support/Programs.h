#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace fp::test {

// Folder of the build tree under test (set by fp_add_test), for tests that run the built programs.
inline QString buildDir() { return qEnvironmentVariable("FP_BUILD_DIR"); }
inline QString program(const QString &name) { return buildDir() + QStringLiteral("/bin/") + name; }

struct ProcessResult {
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

// Runs a program to completion (or until timeoutMs) and captures its output.
inline ProcessResult runProgram(const QString &path, const QStringList &arguments, int timeoutMs = 120000) {
    QProcess process;
    process.start(path, arguments);
    ProcessResult result;
    result.finished = process.waitForFinished(timeoutMs);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace fp::test
