#pragma once

#include "widgets/Page.h"

namespace fp::ui {

class ReportsPage : public Page {
    Q_OBJECT
public:
    explicit ReportsPage(QWidget *parent = nullptr);
};

} // namespace fp::ui
