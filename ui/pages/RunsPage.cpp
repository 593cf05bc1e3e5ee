#include "pages/RunsPage.h"

namespace fp::ui {

RunsPage::RunsPage(QWidget *parent)
    : Page(QStringLiteral("page.runs"), tr("Runs"),
           tr("Watch running and finished runs: accuracy, communication volume and cost per round."), parent) {
    setEmptyMessage(tr("No runs yet. Start a trial to see its rounds here."));
}

} // namespace fp::ui
