#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace fp::ui {

// Common frame of a console page: a title, a one-line purpose and a body that shows an
// empty-state message until the page has content.
class Page : public QWidget {
    Q_OBJECT
public:
    Page(const QString &objectName, const QString &title, const QString &purpose, QWidget *parent = nullptr);

    [[nodiscard]] QString title() const { return m_title; }

protected:
    // Where a page puts its widgets; starts with the empty-state label.
    QVBoxLayout *body() const { return m_body; }
    void setEmptyMessage(const QString &message);
    void showEmptyMessage(bool show);

private:
    QString m_title;
    QVBoxLayout *m_body = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace fp::ui
