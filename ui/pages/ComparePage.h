#pragma once

#include "widgets/Page.h"

namespace fp::ui {

class ComparePage : public Page {
    Q_OBJECT
public:
    explicit ComparePage(QWidget *parent = nullptr);
};

} // namespace fp::ui
