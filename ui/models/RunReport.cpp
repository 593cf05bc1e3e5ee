#include "models/RunReport.h"

#include "charts/ChartImage.h"
#include "charts/RoundCharts.h"
#include "models/RoiSummary.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/RunSummaryFormat.h"

#include <QChart>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>
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

// Charts two by two, each with its caption; the images are the document's resources chart:0, chart:1, ...
QString chartsTable(const std::vector<ReportChart> &charts) {
    QString html = QStringLiteral("<h2>Charts</h2><table cellspacing='0' cellpadding='4'>");
    for (std::size_t i = 0; i < charts.size(); ++i) {
        html += (i % 2 == 0 ? QStringLiteral("<tr>") : QString()) +
                QStringLiteral("<td><img src='chart:%1' width='%2' height='%3'><br>%4</td>")
                    .arg(i)
                    .arg(charts[i].image.width())
                    .arg(charts[i].image.height())
                    .arg(charts[i].caption.toHtmlEscaped()) +
                (i % 2 == 1 || i + 1 == charts.size() ? QStringLiteral("</tr>") : QString());
    }
    return html + QStringLiteral("</table>");
}

QString reportHtml(const ReportData &data, const std::vector<ReportChart> &charts) {
    QString html = QStringLiteral("<h1>fedpilot report</h1><p>Workspace %1, %2 run(s).</p>")
                       .arg(data.workspaceDir.toHtmlEscaped())
                       .arg(data.runs.size());
    if (const QString roi = RoiSummary::describe(data.runs); !roi.isEmpty()) {
        html += QStringLiteral("<h2>ROI summary</h2><p>") +
                roi.toHtmlEscaped().replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>")) + QStringLiteral("</p>");
    }
    html += QStringLiteral("<h2>Runs</h2>") + summaryTable(data.runs);
    if (!charts.empty()) {
        html += chartsTable(charts);
    }
    html += QStringLiteral("<h2>Rounds</h2>");
    for (const auto &detail : data.details) {
        html += roundsTable(detail);
    }
    return html;
}

} // namespace

Result<ReportData> readReport(const QString &workspaceDir) {
    auto store = storage::RunStore::open(workspaceDir.toStdString());
    if (!store) {
        return std::unexpected(store.error());
    }
    auto runs = store->listRuns();
    if (!runs) {
        return std::unexpected(runs.error());
    }
    ReportData data{workspaceDir, std::move(*runs), {}};
    for (auto it = data.runs.rbegin(); it != data.runs.rend(); ++it) {
        auto detail = store->runDetail(it->id);
        if (!detail) {
            return std::unexpected(detail.error());
        }
        data.details.push_back(std::move(*detail));
    }
    return data;
}

std::vector<ReportChart> reportCharts(const ReportData &data) {
    // Trials in the order of their first run.
    std::vector<int64_t> trials;
    for (const auto &d : data.details) {
        if (std::find(trials.begin(), trials.end(), d.summary.trialId) == trials.end()) {
            trials.push_back(d.summary.trialId);
        }
    }
    std::vector<ReportChart> charts;
    for (const int64_t trial : trials) {
        std::vector<storage::RunDetail> runs;
        for (const auto &d : data.details) {
            if (d.summary.trialId == trial && !d.rounds.empty()) {
                runs.push_back(d);
            }
        }
        if (runs.empty()) {
            continue;
        }
        for (const RoundChart kind : kRoundCharts) {
            QChart chart;
            RoundCharts::fill(&chart, kind, runs);
            chart.legend()->setAlignment(Qt::AlignBottom);
            charts.push_back({QStringLiteral("%1: %2").arg(QString::fromStdString(runs.front().summary.trial),
                                                           RoundCharts::title(kind)),
                              chartImage(&chart, QSize(500, 290))});
        }
    }
    return charts;
}

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

Result<void> writePdfReport(const ReportData &data, const std::vector<ReportChart> &charts, const QString &path) {
    const QString html = reportHtml(data, charts);
    const QString partial = path + QStringLiteral(".partial");
    {
        QPdfWriter writer(partial);
        writer.setResolution(96); // the HTML's font sizes are in screen pixels
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setTitle(QStringLiteral("fedpilot report"));
        QTextDocument document;
        for (std::size_t i = 0; i < charts.size(); ++i) {
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:%1").arg(i)),
                                 charts[i].image);
        }
        document.setHtml(html);
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
