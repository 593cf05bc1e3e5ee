#pragma once

#include "widgets/Page.h"

#include <QFutureWatcher>

#include <vector>

class QLabel;
class QPushButton;

namespace fp::ui {

class WorkspaceRuns;

// Exports of the stored runs: CSV (every round, or every client-round) for spreadsheets and a PDF report.
class ReportsPage : public Page {
    Q_OBJECT
public:
    explicit ReportsPage(WorkspaceRuns *runs, QWidget *parent = nullptr);

    enum class Format { RoundsCsv, ClientsCsv, Pdf };
    // Writes the report in a worker thread; exported() tells how it went.
    void exportTo(Format format, const QString &path);

Q_SIGNALS:
    void exported(const QString &path, const QString &error); // error empty on success

protected:
    void retranslate() override;

private:
    void chooseAndExport(Format format);

    WorkspaceRuns *m_runs;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    std::vector<QPushButton *> m_buttons;
    QFutureWatcher<QString> m_watcher;
    QString m_target;
};

} // namespace fp::ui
