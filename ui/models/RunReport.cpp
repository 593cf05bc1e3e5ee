#include "models/RunReport.h"

#include "fedpilot/storage/RunStore.h"

#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <cmath>
#include <sstream>

namespace fp::ui {
namespace {

QString percent(double fraction) {
    return std::isnan(fraction) ? QStringLiteral("–")
                                : QString::number(100.0 * fraction, 'f', 2) + QStringLiteral(" %");
}

QString cell(const QString &text) { return QStringLiteral("<td>") + text.toHtmlEscaped() + QStringLiteral("</td>"); }

QString summaryTable(const std::vector<storage::RunSummary> &runs) {
    QString html = QStringLiteral("<table border='1' cellspacing='0' cellpadding='3'><tr><th>Run</th><th>Trial</th>"
                                  "<th>Strategy</th><th>Status</th><th>Rounds</th><th>Rouge-L</th><th>Data used</th>"
                                  "<th>Bytes</th><th>Selection bytes</th><th>Seconds</th><th>Cost</th></tr>");
    for (const auto &r : runs) {
        html += QStringLiteral("<tr>") + cell(QString::number(r.id)) + cell(QString::fromStdString(r.trial)) +
                cell(QString::fromStdString(r.strategy)) + cell(QString::fromStdString(r.status)) +
                cell(QStringLiteral("%1/%2").arg(r.completedRounds).arg(r.plannedRounds)) +
                cell(r.lastRougeL ? percent(*r.lastRougeL) : QStringLiteral("–")) + cell(percent(r.dataFraction())) +
                cell(QString::number(r.bytesDown + r.bytesUp)) + cell(QString::number(r.selectionBytes)) +
                cell(QString::number(r.seconds, 'f', 1)) + cell(QString::number(r.cost, 'f', 4)) +
                QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString roundsTable(const storage::RunDetail &detail) {
    QString html = QStringLiteral("<h3>Run %1: %2</h3><table border='1' cellspacing='0' cellpadding='3'><tr>"
                                  "<th>Round</th><th>Clients</th><th>Available</th><th>Selected</th><th>Tokens</th>"
                                  "<th>Bytes</th><th>Seconds</th><th>Rouge-L</th><th>Loss</th></tr>")
                       .arg(detail.summary.id)
                       .arg(QString::fromStdString(detail.summary.strategy).toHtmlEscaped());
    for (const auto &r : detail.rounds) {
        QString rouge = QStringLiteral("–"), loss = QStringLiteral("–");
        for (const auto &e : r.evaluations) {
            if (e.scope == storage::kCentralScope) {
                rouge = percent(e.rougeL);
                loss = QString::number(e.loss, 'f', 4);
            }
        }
        html += QStringLiteral("<tr>") + cell(QString::number(r.round)) + cell(QString::number(r.clients.size())) +
                cell(QString::number(r.available)) + cell(QString::number(r.selected)) +
                cell(QString::number(r.trainingTokens)) + cell(QString::number(r.bytesDown + r.bytesUp)) +
                cell(QString::number(r.seconds, 'f', 2)) + cell(rouge) + cell(loss) + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

Result<QString> reportHtml(const QString &workspaceDir) {
    auto store = storage::RunStore::open(workspaceDir.toStdString());
    if (!store) {
        return std::unexpected(store.error());
    }
    auto runs = store->listRuns();
    if (!runs) {
        return std::unexpected(runs.error());
    }
    QString html = QStringLiteral("<h1>fedpilot report</h1><p>Workspace %1, %2 run(s).</p><h2>Runs</h2>")
                       .arg(workspaceDir.toHtmlEscaped())
                       .arg(runs->size());
    html += summaryTable(*runs) + QStringLiteral("<h2>Rounds</h2>");
    for (const auto &r : *runs) {
        auto detail = store->runDetail(r.id);
        if (!detail) {
            return std::unexpected(detail.error());
        }
        html += roundsTable(*detail);
    }
    return html;
}

} // namespace

Result<void> writeCsvReport(const QString &workspaceDir, const QString &path, bool clientRounds) {
    auto store = storage::RunStore::open(workspaceDir.toStdString());
    if (!store) {
        return std::unexpected(store.error());
    }
    std::ostringstream csv;
    if (auto ok = store->exportCsv(0, csv, clientRounds ? storage::CsvKind::Clients : storage::CsvKind::Rounds); !ok) {
        return ok;
    }
    QSaveFile file(path);
    const std::string text = csv.str();
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()) ||
        !file.commit()) {
        return fail(ErrorCode::Io, "cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    }
    return {};
}

Result<void> writePdfReport(const QString &workspaceDir, const QString &path) {
    auto html = reportHtml(workspaceDir);
    if (!html) {
        return std::unexpected(html.error());
    }
    const QString partial = path + QStringLiteral(".partial");
    {
        QPdfWriter writer(partial);
        writer.setResolution(96); // the HTML's font sizes are in screen pixels
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setTitle(QStringLiteral("fedpilot report"));
        QTextDocument document;
        document.setHtml(*html);
        document.setPageSize(QSizeF(writer.width(), writer.height()));
        QPainter painter;
        if (!painter.begin(&writer)) {
            return fail(ErrorCode::Io, "cannot write " + partial.toStdString());
        }
        for (int page = 0; page < document.pageCount(); ++page) {
            if (page > 0) {
                writer.newPage();
            }
            painter.save();
            painter.translate(0, -page * writer.height());
            document.drawContents(&painter, QRectF(0, page * writer.height(), writer.width(), writer.height()));
            painter.restore();
        }
        painter.end();
    }
    if (QFile(partial).size() == 0) {
        QFile::remove(partial);
        return fail(ErrorCode::Io, "cannot write " + partial.toStdString() + " (disk full?)");
    }
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        return fail(ErrorCode::Io, "cannot write " + path.toStdString());
    }
    return {};
}

} // namespace fp::ui
