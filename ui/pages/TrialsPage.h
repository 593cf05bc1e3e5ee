#pragma once

#include "widgets/Page.h"

namespace fp::ui {

class TrialsPage : public Page {
    Q_OBJECT
public:
    explicit TrialsPage(QWidget *parent = nullptr);
};

} // namespace fp::ui
