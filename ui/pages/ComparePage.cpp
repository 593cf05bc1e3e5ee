#include "pages/ComparePage.h"

namespace fp::ui {

ComparePage::ComparePage(QWidget *parent)
    : Page(QStringLiteral("page.compare"), tr("Compare"),
           tr("Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost."), parent) {
    setEmptyMessage(tr("Nothing to compare yet. Finished runs appear here."));
}

} // namespace fp::ui
