#pragma once
// What the e2e tests compare between runs: `fedpilot-cli runs export` CSV without the columns that depend on
// timing (seconds, and the costs computed from them) or on the run's id.
#include "Programs.h"

#include <QString>
#include <QStringList>

namespace fp::test {

// The CSV of every round (or every client-round) of a workspace, or a line saying why there is none.
inline QString exportRunsCsv(const QString &workspace, bool clients) {
    QStringList args = {QStringLiteral("runs"), QStringLiteral("export"),      QStringLiteral("--csv"),
                        QStringLiteral("-"),    QStringLiteral("--workspace"), workspace};
    if (clients) {
        args << QStringLiteral("--clients");
    }
    const auto r = runProgram(program(QStringLiteral("fedpilot-cli")), args);
    return r.exitCode == 0 ? r.out : QStringLiteral("export failed: ") + r.err;
}

// Rows of such a CSV with the timing, cost and run-id columns dropped.
inline QStringList deterministicRows(const QString &csv) {
    QStringList rows;
    const auto lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const auto header = lines.value(0).split(QLatin1Char(','));
    for (const auto &line : lines) {
        const auto cells = line.split(QLatin1Char(','));
        QStringList kept;
        for (int i = 0; i < cells.size() && i < header.size(); ++i) {
            if (!header[i].endsWith(QStringLiteral("seconds")) && header[i] != QStringLiteral("cost") &&
                header[i] != QStringLiteral("run")) {
                kept << cells[i];
            }
        }
        rows << kept.join(QLatin1Char(','));
    }
    return rows;
}

} // namespace fp::test
