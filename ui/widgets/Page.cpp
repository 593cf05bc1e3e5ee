#include "widgets/Page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace fp::ui {

Page::Page(const QString &objectName, const QString &title, const QString &purpose, QWidget *parent)
    : QWidget(parent), m_title(title) {
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto *subtitle = new QLabel(purpose, this);
    subtitle->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(subtitle);
    m_body = new QVBoxLayout();
    layout->addLayout(m_body, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_body->addWidget(m_empty, 1);
}

void Page::setEmptyMessage(const QString &message) { m_empty->setText(message); }

void Page::showEmptyMessage(bool show) { m_empty->setVisible(show); }

} // namespace fp::ui
