#pragma once

#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QVBoxLayout;

namespace fp::ui {

// Common frame of a console page: a title, a one-line purpose and a body that shows an empty-state message until
// the page has content (or, with no workspace open, says how to open one).
//
// Language: every text of a page is set in its retranslate(), which runs when the page is built and again when
// the language changes at run time (QEvent::LanguageChange). Texts that depend on state (a status line) are set
// with setLiveText(): the function that makes them runs again in the new language.
class Page : public QWidget {
    Q_OBJECT
public:
    explicit Page(const QString &objectName, QWidget *parent = nullptr);

    [[nodiscard]] QString title() const { return m_title; }
    // Whether a workspace is open; without one the empty state says how to open or create one.
    void setWorkspaceOpen(bool open);
    [[nodiscard]] bool workspaceOpen() const { return m_workspaceOpen; }

Q_SIGNALS:
    void titleChanged(const QString &title);

protected:
    // Sets every text of the page in the current language; derived pages call their own at the end of their
    // constructor.
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;

    void setHeading(const QString &title, const QString &purpose);
    // Where a page puts its widgets; starts with the empty-state label.
    QVBoxLayout *body() const { return m_body; }
    void setEmptyMessage(const QString &message);
    void showEmptyMessage(bool show);
    // Sets label's text to text() now and again after each language change (an empty function forgets it).
    void setLiveText(QLabel *label, std::function<QString()> text);

private:
    void updateEmptyState();

    QString m_title;
    QLabel *m_heading = nullptr;
    QLabel *m_purpose = nullptr;
    QVBoxLayout *m_body = nullptr;
    QLabel *m_empty = nullptr;
    QString m_emptyMessage;
    bool m_showEmpty = true;
    bool m_workspaceOpen = true;
    QHash<QLabel *, std::function<QString()>> m_liveTexts;
};

} // namespace fp::ui
