#include "widgets/Page.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace fp::ui {

Page::Page(const QString &objectName, QWidget *parent) : QWidget(parent) {
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("pageTitle"));
    QFont font = m_heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    m_heading->setFont(font);
    m_purpose = new QLabel(this);
    m_purpose->setObjectName(QStringLiteral("pagePurpose"));
    m_purpose->setWordWrap(true);
    layout->addWidget(m_heading);
    layout->addWidget(m_purpose);
    m_body = new QVBoxLayout();
    layout->addLayout(m_body, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_body->addWidget(m_empty, 1);
}

void Page::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        for (auto it = m_liveTexts.cbegin(); it != m_liveTexts.cend(); ++it) {
            it.key()->setText(it.value()());
        }
    }
    QWidget::changeEvent(event);
}

void Page::setHeading(const QString &title, const QString &purpose) {
    m_title = title;
    m_heading->setText(title);
    m_purpose->setText(purpose);
    Q_EMIT titleChanged(title);
}

void Page::setWorkspaceOpen(bool open) {
    m_workspaceOpen = open;
    updateEmptyState();
}

void Page::setEmptyMessage(const QString &message) {
    m_emptyMessage = message;
    updateEmptyState();
}

void Page::showEmptyMessage(bool show) {
    m_showEmpty = show;
    updateEmptyState();
}

void Page::updateEmptyState() {
    if (m_workspaceOpen) {
        m_empty->setText(m_emptyMessage);
    } else {
        m_empty->setText(tr("No workspace is open.\nCreate one with File > New workspace… (Ctrl+N) or open one with "
                            "File > Open workspace… (Ctrl+O)."));
    }
    m_empty->setVisible(m_showEmpty || !m_workspaceOpen);
}

void Page::setLiveText(QLabel *label, std::function<QString()> text) {
    if (!text) {
        m_liveTexts.remove(label);
        return;
    }
    label->setText(text());
    m_liveTexts.insert(label, std::move(text));
}

} // namespace fp::ui
