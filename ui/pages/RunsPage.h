#pragma once

#include "widgets/Page.h"

namespace fp::ui {

class RunsPage : public Page {
    Q_OBJECT
public:
    explicit RunsPage(QWidget *parent = nullptr);
};

} // namespace fp::ui
