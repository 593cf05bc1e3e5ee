#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace fp::ui {

// Edit > Settings…: the console's language (applied at once, every page and menu follows), intra-op threads for
// runs started from the console, and the workspace opened when fedpilot starts without --workspace. OK stores
// them (ConsoleSettings) and emits applied(); Cancel puts the language back.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Stores the values shown and emits applied() (what OK does).
    void apply();
    // Closes without storing; a language tried in the dialog is switched back.
    void reject() override;

Q_SIGNALS:
    void applied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseWorkspace();

    QString m_languageBefore;
    QLabel *m_languageLabel = nullptr;
    QLabel *m_threadsLabel = nullptr;
    QLabel *m_threadsHint = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QLabel *m_workspaceHint = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_threads = nullptr;
    QLineEdit *m_workspace = nullptr;
    QAction *m_browse = nullptr;
};

} // namespace fp::ui
