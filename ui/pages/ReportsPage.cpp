#include "pages/ReportsPage.h"

namespace fp::ui {

ReportsPage::ReportsPage(QWidget *parent)
    : Page(QStringLiteral("page.reports"), tr("Reports"), tr("Export reports (CSV, PDF) from the stored runs."),
           parent) {
    setEmptyMessage(tr("No stored runs to report on yet."));
}

} // namespace fp::ui
