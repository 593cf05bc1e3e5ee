#include "models/RunReport.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/RunSummaryFormat.h"

#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <sstream>

namespace fp::ui {
namespace {

QString cell(const std::string &text) {
    return QStringLiteral("<td>") + QString::fromStdString(text).toHtmlEscaped() + QStringLiteral("</td>");
}

// The report is written in English (its headings are), with the figures as fedpilot-cli writes them.
storage::RunSummaryFormat reportFormat() {
    storage::SummaryWords words;
    words.none = "\u2013";
    return storage::RunSummaryFormat(std::move(words));
}

QString summaryTable(const std::vector<storage::RunSummary> &runs) {
    const auto format = reportFormat();
    QString html = QStringLiteral("<table border='1' cellspacing='0' cellpadding='3'><tr><th>Run</th><th>Trial</th>"
                                  "<th>Strategy</th><th>Status</th><th>Rounds</th><th>Rouge-L</th><th>Data used</th>"
                                  "<th>Bytes</th><th>Selection bytes</th><th>Seconds</th><th>Cost</th></tr>");
    for (const auto &r : runs) {
        const auto c = format.cells(r);
        html += QStringLiteral("<tr>") + cell(std::to_string(r.id)) + cell(r.trial) + cell(r.strategy) +
                cell(c.status) + cell(c.rounds) + cell(c.rougeL) + cell(c.dataUsed) + cell(c.bytes) +
                cell(c.selectionBytes) + cell(c.seconds) + cell(c.cost) + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString roundsTable(const storage::RunDetail &detail) {
    const auto format = reportFormat();
    QString html = QStringLiteral("<h3>Run %1: %2</h3><table border='1' cellspacing='0' cellpadding='3'><tr>"
                                  "<th>Round</th><th>Clients</th><th>Available</th><th>Selected</th><th>Tokens</th>"
                                  "<th>Bytes</th><th>Seconds</th><th>Rouge-L</th><th>Loss</th></tr>")
                       .arg(detail.summary.id)
                       .arg(QString::fromStdString(detail.summary.strategy).toHtmlEscaped());
    for (const auto &r : detail.rounds) {
        std::string rouge = format.words().none, loss = format.words().none;
        for (const auto &e : r.evaluations) {
            if (e.scope == storage::kCentralScope) {
                rouge = format.percent(e.rougeL);
                loss = format.loss(e.loss);
            }
        }
        html += QStringLiteral("<tr>") + cell(std::to_string(r.round)) + cell(std::to_string(r.clients.size())) +
                cell(std::to_string(r.available)) + cell(std::to_string(r.selected)) +
                cell(std::to_string(r.trainingTokens)) + cell(format.bytes(r.bytesDown + r.bytesUp)) +
                cell(format.seconds(r.seconds)) + cell(rouge) + cell(loss) + QStringLiteral("</tr>");
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
