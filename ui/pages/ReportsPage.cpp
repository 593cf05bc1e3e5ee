#include "pages/ReportsPage.h"

#include "models/RunReport.h"
#include "models/WorkspaceRuns.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fp::ui {

ReportsPage::ReportsPage(WorkspaceRuns *runs, QWidget *parent)
    : Page(QStringLiteral("page.reports"), parent), m_runs(runs) {
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("reports.summary"));
    body()->addWidget(m_summary);
    auto *buttons = new QHBoxLayout();
    const struct {
        const char *name;
        Format format;
    } actions[] = {
        {"reports.rounds", Format::RoundsCsv}, {"reports.clients", Format::ClientsCsv}, {"reports.pdf", Format::Pdf}};
    for (const auto &action : actions) {
        auto *button = new QPushButton(this);
        button->setObjectName(QString::fromLatin1(action.name));
        const Format format = action.format;
        connect(button, &QPushButton::clicked, this, [this, format] { chooseAndExport(format); });
        buttons->addWidget(button);
        m_buttons.push_back(button);
    }
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reports.status"));
    body()->addWidget(m_status);
    body()->addStretch(1);
    connect(runs, &WorkspaceRuns::loaded, this, [this](int count) {
        showEmptyMessage(count == 0);
        const QString dir = QDir::toNativeSeparators(m_runs->workspace());
        setLiveText(m_summary, [count, dir] {
            return count == 0
                       ? QString()
                       : tr("%n run(s) stored in %1: export their rounds as CSV, or a PDF report.", nullptr, count)
                             .arg(dir);
        });
    });
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher.result();
        const QString target = QDir::toNativeSeparators(m_target);
        setLiveText(m_status, [error, target] {
            return error.isEmpty() ? tr("Wrote %1").arg(target) : tr("Export failed: %1").arg(error);
        });
        Q_EMIT exported(m_target, error);
    });
    connect(&m_readWatcher, &QFutureWatcher<Result<ReportData>>::finished, this, [this] {
        const Result<ReportData> data = m_readWatcher.result();
        if (!data) {
            const QString error = QString::fromStdString(data.error().message);
            setLiveText(m_status, [error] { return tr("Export failed: %1").arg(error); });
            Q_EMIT exported(m_target, error);
            return;
        }
        writePdf(*data);
    });
    retranslate();
}

void ReportsPage::retranslate() {
    setHeading(tr("Reports"), tr("Export reports (CSV, PDF) from the stored runs."));
    setEmptyMessage(tr("No stored runs to report on yet. Start a trial on the Trials page; its rounds can be "
                       "exported here as CSV or PDF."));
    const QString labels[] = {tr("Rounds as CSV…"), tr("Client rounds as CSV…"), tr("Report as PDF…")};
    for (std::size_t i = 0; i < m_buttons.size(); ++i) {
        m_buttons[i]->setText(labels[i]);
    }
}

void ReportsPage::chooseAndExport(Format format) {
    const QString filter = format == Format::Pdf ? tr("PDF (*.pdf)") : tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString(), filter);
    if (!path.isEmpty()) {
        exportTo(format, path);
    }
}

void ReportsPage::exportTo(Format format, const QString &path) {
    if (m_watcher.isRunning() || m_readWatcher.isRunning()) {
        return;
    }
    m_target = path;
    const QString target = QDir::toNativeSeparators(path);
    setLiveText(m_status, [target] { return tr("Writing %1 …").arg(target); });
    const QString workspace = m_runs->workspace();
    if (format == Format::Pdf) {
        m_readWatcher.setFuture(QtConcurrent::run([workspace] { return readReport(workspace); }));
        return;
    }
    m_watcher.setFuture(QtConcurrent::run([workspace, path, format]() -> QString {
        const auto ok = writeCsvReport(workspace, path, format == Format::ClientsCsv);
        return ok ? QString() : QString::fromStdString(ok.error().message);
    }));
}

void ReportsPage::writePdf(const ReportData &data) {
    std::vector<ReportChart> charts = reportCharts(data); // GUI thread: charts are graphics items
    m_watcher.setFuture(QtConcurrent::run([data, charts = std::move(charts), path = m_target]() -> QString {
        const auto ok = writePdfReport(data, charts, path);
        return ok ? QString() : QString::fromStdString(ok.error().message);
    }));
}

} // namespace fp::ui
