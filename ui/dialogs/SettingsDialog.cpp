#include "dialogs/SettingsDialog.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/ui/ConsoleSettings.h"
#include "fedpilot/ui/Language.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fp::ui {

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent), m_languageBefore(currentLanguage()) {
    setObjectName(QStringLiteral("dialog.settings"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout();
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("settings.language"));
    for (const QString &code : availableLanguages()) {
        m_language->addItem(languageName(code), code);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(currentLanguage())));
    m_languageLabel = new QLabel(this);
    form->addRow(m_languageLabel, m_language);

    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("settings.threads"));
    m_threads->setRange(0, std::max(64, engine::availableCores()));
    m_threads->setValue(ConsoleSettings::threads());
    m_threadsLabel = new QLabel(this);
    m_threadsHint = new QLabel(this);
    m_threadsHint->setWordWrap(true);
    m_threadsHint->setEnabled(false);
    form->addRow(m_threadsLabel, m_threads);
    form->addRow(QString(), m_threadsHint);

    m_workspace = new QLineEdit(ConsoleSettings::defaultWorkspace(), this);
    m_workspace->setObjectName(QStringLiteral("settings.defaultWorkspace"));
    m_workspace->setClearButtonEnabled(true);
    m_browse = m_workspace->addAction(QIcon(QStringLiteral(":/icons/workspace-open.svg")), QLineEdit::TrailingPosition);
    connect(m_browse, &QAction::triggered, this, &SettingsDialog::chooseWorkspace);
    m_workspaceLabel = new QLabel(this);
    m_workspaceHint = new QLabel(this);
    m_workspaceHint->setWordWrap(true);
    m_workspaceHint->setEnabled(false);
    form->addRow(m_workspaceLabel, m_workspace);
    form->addRow(QString(), m_workspaceHint);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    layout->addWidget(buttons);
    // The language switches as soon as it is chosen, so that the user sees it; Cancel switches back.
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { applyLanguage(m_language->currentData().toString()); });
    retranslate();
    setMinimumWidth(520);
}

void SettingsDialog::retranslate() {
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("Language:"));
    m_threadsLabel->setText(tr("Intra-op threads:"));
    m_threads->setSpecialValueText(tr("Automatic"));
    m_threadsHint->setText(tr("Threads each run started from this window computes with. Automatic picks them from "
                              "the model (1 for small models, every core for large ones). Applies to the next run."));
    m_workspaceLabel->setText(tr("Default workspace:"));
    m_workspace->setPlaceholderText(tr("The last workspace opened"));
    m_browse->setToolTip(tr("Choose a folder"));
    m_workspaceHint->setText(tr("Opened when fedpilot starts without --workspace."));
}

void SettingsDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

void SettingsDialog::apply() {
    ConsoleSettings::setLanguage(m_language->currentData().toString());
    ConsoleSettings::setThreads(m_threads->value());
    ConsoleSettings::setDefaultWorkspace(m_workspace->text().trimmed());
    m_languageBefore = m_language->currentData().toString();
    Q_EMIT applied();
}

void SettingsDialog::reject() {
    if (currentLanguage() != m_languageBefore) {
        applyLanguage(m_languageBefore);
    }
    QDialog::reject();
}

void SettingsDialog::chooseWorkspace() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Default workspace"), m_workspace->text());
    if (!dir.isEmpty()) {
        m_workspace->setText(QDir::toNativeSeparators(dir));
    }
}

} // namespace fp::ui
