#include "pages/TrialsPage.h"

namespace fp::ui {

TrialsPage::TrialsPage(QWidget *parent)
    : Page(QStringLiteral("page.trials"), tr("Trials"),
           tr("Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against "
              "remote agents."),
           parent) {
    setEmptyMessage(tr("No trials yet. A trial defines two or more sites and the strategies to compare."));
}

} // namespace fp::ui
