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
    : Page(QStringLiteral("page.reports"), tr("Reports"), tr("Export reports (CSV, PDF) from the stored runs."),
           parent),
      m_runs(runs) {
    setEmptyMessage(tr("No stored runs to report on yet."));
    auto *buttons = new QHBoxLayout();
    const struct {
        const char *name;
        QString label;
        Format format;
    } actions[] = {{"reports.rounds", tr("Rounds as CSV…"), Format::RoundsCsv},
                   {"reports.clients", tr("Client rounds as CSV…"), Format::ClientsCsv},
                   {"reports.pdf", tr("Report as PDF…"), Format::Pdf}};
    for (const auto &action : actions) {
        auto *button = new QPushButton(action.label, this);
        button->setObjectName(QString::fromLatin1(action.name));
        const Format format = action.format;
        connect(button, &QPushButton::clicked, this, [this, format] { chooseAndExport(format); });
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reports.status"));
    body()->addWidget(m_status);
    body()->addStretch(1);
    connect(runs, &WorkspaceRuns::loaded, this, [this](int count) { showEmptyMessage(count == 0); });
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher.result();
        m_status->setText(error.isEmpty() ? tr("Wrote %1").arg(QDir::toNativeSeparators(m_target))
                                          : tr("Export failed: %1").arg(error));
        Q_EMIT exported(m_target, error);
    });
}

void ReportsPage::chooseAndExport(Format format) {
    const QString filter = format == Format::Pdf ? tr("PDF (*.pdf)") : tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString(), filter);
    if (!path.isEmpty()) {
        exportTo(format, path);
    }
}

void ReportsPage::exportTo(Format format, const QString &path) {
    if (m_watcher.isRunning()) {
        return;
    }
    m_target = path;
    m_status->setText(tr("Writing %1 …").arg(QDir::toNativeSeparators(path)));
    const QString workspace = m_runs->workspace();
    m_watcher.setFuture(QtConcurrent::run([workspace, path, format]() -> QString {
        const auto ok = format == Format::Pdf ? writePdfReport(workspace, path)
                                              : writeCsvReport(workspace, path, format == Format::ClientsCsv);
        return ok ? QString() : QString::fromStdString(ok.error().message);
    }));
}

} // namespace fp::ui
