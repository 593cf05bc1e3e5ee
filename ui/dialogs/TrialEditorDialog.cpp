#include "dialogs/TrialEditorDialog.h"

#include "dialogs/TrialEditorFields.h"
#include "models/EstimateModel.h"
#include "models/TrialEstimator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fp::ui {
namespace {

constexpr int kEstimateTab = 5;

QString pathWithIndex(const QString &path, int index) {
    QString resolved = path;
    return resolved.replace(QStringLiteral("[#]"), QStringLiteral("[%1]").arg(index));
}

// Whether message field `field` lies at or under `path` ("sites[0].data" is under "sites[0].data[1]"'s parent).
bool isAtOrUnder(const QString &field, const QString &path) {
    return field == path || field.startsWith(path + QLatin1Char('.')) || field.startsWith(path + QLatin1Char('['));
}

} // namespace

TrialEditorDialog::TrialEditorDialog(const TrialDocument &document, const QString &baseDir, const QString &origin,
                                     QWidget *parent)
    : QDialog(parent), m_document(document), m_baseDir(baseDir), m_origin(origin) {
    setObjectName(QStringLiteral("trialEditor"));
    m_estimateModel = new EstimateModel(this);
    m_estimator = new TrialEstimator(this);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("editor.summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("editor.tabs"));
    m_tabs->addTab(buildGeneralPage(), QString());
    m_tabs->addTab(buildSitesPage(), QString());
    m_tabs->addTab(buildStrategiesPage(), QString());
    m_tabs->addTab(buildSchedulePage(), QString());
    m_tabs->addTab(buildEvaluationPage(), QString());
    m_tabs->addTab(buildEstimatePage(), QString());
    layout->addWidget(m_tabs, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_exportButton = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("editor.export"));
    m_saveButton = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("editor.save"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &TrialEditorDialog::exportInteractive);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (m_error.isEmpty()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_validateTimer = new QTimer(this);
    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(200);
    connect(m_validateTimer, &QTimer::timeout, this, &TrialEditorDialog::validate);
    connect(m_estimator, &TrialEstimator::finished, this,
            [this](const engine::TrialEstimate &estimate, const std::vector<engine::SiteClientCounts> &sites) {
                m_estimateModel->setEstimate(estimate, sites);
                m_estimateStatus->clear();
                retranslate();
            });
    connect(m_estimator, &TrialEstimator::failed, this, [this](const QString &message) {
        m_estimateStatus->setText(message);
        m_estimateButton->setEnabled(true);
        m_calibrateButton->setEnabled(!m_runInProgress);
    });

    refreshLists();
    loadBindings(false);
    loadStrategy();
    retranslate();
    validate();
    resize(900, 680);
}

TrialEditorDialog::~TrialEditorDialog() { qDeleteAll(m_bindings); }

QString TrialEditorDialog::resolved(const QString &path) const {
    return pathWithIndex(path.contains(QLatin1String("strategies[#]")) ? pathWithIndex(path, m_strategy) : path,
                         m_site);
}

QWidget *TrialEditorDialog::fieldWidget(const QString &path) const {
    return findChild<QWidget *>(QStringLiteral("field.") + path);
}

QString TrialEditorDialog::fieldError(const QString &path) const {
    if (path.startsWith(QLatin1String("strategies[#]"))) {
        return m_strategyError->isHidden() ? QString() : m_strategyError->text();
    }
    for (const Binding *binding : m_bindings) {
        if (QString::fromLatin1(binding->spec->path) == path) {
            return binding->error->isHidden() ? QString() : binding->error->text();
        }
    }
    return {};
}

void TrialEditorDialog::loadBindings(bool onlyIndexed) {
    m_loading = true;
    const bool agent = m_document.isObject(QStringLiteral("sites[%1].agent").arg(m_site));
    const bool hasSite = m_site < m_document.count(QStringLiteral("sites"));
    for (Binding *binding : m_bindings) {
        const QString path = QString::fromLatin1(binding->spec->path);
        const bool indexed = path.contains(QLatin1String("[#]"));
        if (onlyIndexed && !indexed) {
            continue;
        }
        const QString value = m_document.value(resolved(path), binding->spec->kind);
        const QSignalBlocker blocker(binding->editor);
        if (auto *combo = qobject_cast<QComboBox *>(binding->editor)) {
            const int at = combo->findData(value);
            combo->setCurrentIndex(at >= 0 ? at : 0);
        } else if (auto *lines = qobject_cast<QPlainTextEdit *>(binding->editor)) {
            lines->setPlainText(value);
        } else if (auto *line = qobject_cast<QLineEdit *>(binding->editor)) {
            line->setText(value);
        }
        if (indexed) {
            // A site shows its agent's fields or its data's, never both (the parser refuses the mix); name and
            // cost apply to both.
            const bool agentField = agentFields().contains(binding->spec);
            const bool dataField = path.endsWith(QLatin1String(".data")) ||
                                   path.contains(QLatin1String(".partition.")) ||
                                   path.endsWith(QLatin1String(".max_samples_per_client"));
            const bool shown = hasSite && (agentField ? agent : !(dataField && agent));
            binding->editor->setVisible(shown);
            binding->label->setVisible(shown);
        }
    }
    {
        const QSignalBlocker blocker(m_siteSource);
        m_siteSource->setCurrentIndex(agent ? 1 : 0);
        m_siteSource->setEnabled(hasSite);
    }
    m_loading = false;
}

void TrialEditorDialog::fieldEdited(Binding &binding) {
    if (m_loading) {
        return;
    }
    QString text;
    if (auto *combo = qobject_cast<QComboBox *>(binding.editor)) {
        text = combo->currentData().toString();
    } else if (auto *lines = qobject_cast<QPlainTextEdit *>(binding.editor)) {
        text = lines->toPlainText();
    } else if (auto *line = qobject_cast<QLineEdit *>(binding.editor)) {
        text = line->text();
    }
    const QString path = resolved(QString::fromLatin1(binding.spec->path));
    const bool required = binding.spec->kind == TrialDocument::Kind::Text && binding.spec->choices.size() == 0 &&
                          *binding.spec->fallback == '\0';
    if (required && text.isEmpty()) {
        // A field without a default stays in place while it is retyped (the parser says it is empty).
        m_document.setJson(path, QStringLiteral("\"\""));
    } else {
        m_document.setValue(path, text, binding.spec->kind);
    }
    if (path.endsWith(QLatin1String(".name")) && path.startsWith(QLatin1String("sites["))) {
        refreshLists();
    }
    scheduleValidation();
}

void TrialEditorDialog::scheduleValidation() { m_validateTimer->start(); }

void TrialEditorDialog::refreshLists() {
    m_loading = true;
    m_sites->clear();
    for (int i = 0; i < m_document.count(QStringLiteral("sites")); ++i) {
        const QString name = m_document.value(QStringLiteral("sites[%1].name").arg(i), TrialDocument::Kind::Text);
        m_sites->addItem(name.isEmpty() ? QStringLiteral("sites[%1]").arg(i) : name);
    }
    m_sites->setCurrentRow(m_site);
    m_strategies->clear();
    for (int i = 0; i < m_document.count(QStringLiteral("strategies")); ++i) {
        const QString entry = QStringLiteral("strategies[%1]").arg(i);
        m_strategies->addItem(m_document.isObject(entry)
                                  ? m_document.value(entry + QStringLiteral(".name"), TrialDocument::Kind::Text)
                                  : m_document.value(entry, TrialDocument::Kind::Text));
    }
    m_strategies->setCurrentRow(m_strategy);
    m_loading = false;
}

void TrialEditorDialog::selectSite(int index) {
    m_site = std::max(0, index);
    if (m_sites->currentRow() != m_site) {
        const QSignalBlocker blocker(m_sites);
        m_sites->setCurrentRow(m_site);
    }
    loadBindings(true);
    showError(m_error);
}

void TrialEditorDialog::addSite(bool agent) {
    const int n = m_document.count(QStringLiteral("sites"));
    const QString site = agent ? QStringLiteral(R"({"name": "site-%1", "agent": {"address": ""}})").arg(n + 1)
                               : QStringLiteral(R"({"name": "site-%1", "data": []})").arg(n + 1);
    m_site = m_document.append(QStringLiteral("sites"), site);
    refreshLists();
    selectSite(m_site);
    scheduleValidation();
}

void TrialEditorDialog::removeSite() {
    if (m_site >= m_document.count(QStringLiteral("sites"))) {
        return;
    }
    m_document.removeAt(QStringLiteral("sites"), m_site);
    m_site = std::max(0, m_site - 1);
    refreshLists();
    selectSite(m_site);
    scheduleValidation();
}

void TrialEditorDialog::setSiteUsesAgent(bool agent) {
    const QString site = QStringLiteral("sites[%1]").arg(m_site);
    if (m_site >= m_document.count(QStringLiteral("sites")) ||
        agent == m_document.isObject(site + QStringLiteral(".agent"))) {
        return;
    }
    if (agent) {
        for (const char *key : {".data", ".partition", ".max_samples_per_client"}) {
            m_document.remove(site + QString::fromLatin1(key));
        }
        m_document.setJson(site + QStringLiteral(".agent"), QStringLiteral(R"({"address": ""})"));
    } else {
        m_document.remove(site + QStringLiteral(".agent"));
        m_document.setJson(site + QStringLiteral(".data"), QStringLiteral("[]"));
    }
    loadBindings(true);
    scheduleValidation();
}

void TrialEditorDialog::loadStrategy() {
    m_loading = true;
    const QString entry = QStringLiteral("strategies[%1]").arg(m_strategy);
    const bool exists = m_strategy < m_document.count(QStringLiteral("strategies"));
    const bool variant = m_document.isObject(entry);
    const QString method = variant ? m_document.value(entry + QStringLiteral(".method"), TrialDocument::Kind::Text)
                                   : m_document.value(entry, TrialDocument::Kind::Text);
    QSignalBlocker a(m_strategyMethod), b(m_strategyName), c(m_strategySelection), d(m_strategyBudget);
    int at = m_strategyMethod->findText(method == QLatin1String("full") ? QStringLiteral("fedit") : method);
    if (at < 0 && !method.isEmpty()) {
        m_strategyMethod->addItem(method); // an unknown name stays as written; the parser names it
        at = m_strategyMethod->count() - 1;
    }
    m_strategyMethod->setCurrentIndex(std::max(0, at));
    m_strategyName->setText(variant ? m_document.value(entry + QStringLiteral(".name"), TrialDocument::Kind::Text)
                                    : QString());
    m_strategySelection->setText(
        variant ? m_document.value(entry + QStringLiteral(".selection"), TrialDocument::Kind::Json) : QString());
    m_strategyBudget->setText(variant ? m_document.value(entry + QStringLiteral(".budget"), TrialDocument::Kind::Json)
                                      : QString());
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_strategyMethod, m_strategyName, m_strategySelection, m_strategyBudget}) {
        w->setEnabled(exists);
    }
    m_loading = false;
}

void TrialEditorDialog::strategyEdited() {
    if (m_loading || m_strategy >= m_document.count(QStringLiteral("strategies"))) {
        return;
    }
    const QString entry = QStringLiteral("strategies[%1]").arg(m_strategy);
    const QString method = m_strategyMethod->currentText();
    const bool variant = !m_strategyName->text().isEmpty() || !m_strategySelection->text().isEmpty() ||
                         !m_strategyBudget->text().isEmpty();
    if (!variant) {
        m_document.setJson(entry, QStringLiteral("\"%1\"").arg(method));
    } else {
        if (!m_document.isObject(entry)) {
            m_document.setJson(entry, QStringLiteral("{}"));
        }
        // Overwrite only this entry's keys the form shows; anything else in the object stays.
        m_document.setValue(entry + QStringLiteral(".name"), m_strategyName->text(), TrialDocument::Kind::Text);
        m_document.setValue(entry + QStringLiteral(".method"), method, TrialDocument::Kind::Text);
        m_document.setValue(entry + QStringLiteral(".selection"), m_strategySelection->text(),
                            TrialDocument::Kind::Json);
        m_document.setValue(entry + QStringLiteral(".budget"), m_strategyBudget->text(), TrialDocument::Kind::Json);
    }
    refreshLists();
    scheduleValidation();
}

void TrialEditorDialog::selectStrategy(int index) {
    m_strategy = std::max(0, index);
    if (m_strategies->currentRow() != m_strategy) {
        const QSignalBlocker blocker(m_strategies);
        m_strategies->setCurrentRow(m_strategy);
    }
    loadStrategy();
    showError(m_error);
}

void TrialEditorDialog::addStrategy(bool variant) {
    const int n = m_document.count(QStringLiteral("strategies"));
    m_strategy = m_document.append(QStringLiteral("strategies"),
                                   variant ? QStringLiteral(R"({"name": "variant-%1", "method": "fedhds"})").arg(n + 1)
                                           : QStringLiteral("\"fedhds\""));
    refreshLists();
    selectStrategy(m_strategy);
    scheduleValidation();
}

void TrialEditorDialog::removeStrategy() {
    if (m_strategy >= m_document.count(QStringLiteral("strategies"))) {
        return;
    }
    m_document.removeAt(QStringLiteral("strategies"), m_strategy);
    m_strategy = std::max(0, m_strategy - 1);
    refreshLists();
    selectStrategy(m_strategy);
    scheduleValidation();
}

void TrialEditorDialog::validate() {
    m_validateTimer->stop();
    auto trial = m_document.parse(m_baseDir, m_origin);
    showError(trial ? QString() : QString::fromStdString(trial.error().message));
    Q_EMIT validated(m_error.isEmpty());
}

void TrialEditorDialog::showError(const QString &message) {
    m_error = message;
    const QString field = TrialDocument::fieldOfError(message, m_origin);
    // The error goes under the field it names: the binding whose path is the longest prefix of the message's.
    Binding *best = nullptr;
    int bestLength = -1;
    for (Binding *binding : m_bindings) {
        binding->error->hide();
        const QString path = resolved(QString::fromLatin1(binding->spec->path));
        if (!field.isEmpty() && isAtOrUnder(field, path) && path.size() > bestLength) {
            best = binding;
            bestLength = int(path.size());
        }
    }
    if (best && !best->editor->isHidden()) {
        best->error->setText(message);
        best->error->show();
    }
    const QString entry = QStringLiteral("strategies[%1]").arg(m_strategy);
    const bool strategyError = !field.isEmpty() && isAtOrUnder(field, entry);
    m_strategyError->setText(strategyError ? message : QString());
    m_strategyError->setVisible(strategyError);
    m_summary->setText(message.isEmpty() ? tr("The trial is valid.") : message);
    m_summary->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("QLabel { color: #b00020; }"));
    m_saveButton->setEnabled(message.isEmpty());
    m_estimateButton->setEnabled(message.isEmpty() && !m_estimator->isRunning());
    m_calibrateButton->setEnabled(message.isEmpty() && !m_estimator->isRunning() && !m_runInProgress);
}

void TrialEditorDialog::estimate(bool calibrate) {
    validate();
    auto trial = m_document.parse(m_baseDir, m_origin);
    if (!trial || (calibrate && m_runInProgress)) {
        return;
    }
    if (m_estimator->start(*trial, calibrate)) {
        m_estimateButton->setEnabled(false);
        m_calibrateButton->setEnabled(false);
        m_estimateStatus->setText(calibrate ? tr("Reading the sites' data and timing the model on this machine …")
                                            : tr("Reading and splitting the sites' data …"));
    }
}

void TrialEditorDialog::setRunInProgress(bool running) {
    m_runInProgress = running;
    showError(m_error);
}

void TrialEditorDialog::showEstimatePage() { m_tabs->setCurrentIndex(kEstimateTab); }

Result<void> TrialEditorDialog::exportTo(const QString &path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(ErrorCode::Io, path.toStdString() + ": " + file.errorString().toStdString());
    }
    file.write(m_document.text().toUtf8());
    if (!file.commit()) {
        return fail(ErrorCode::Io, path.toStdString() + ": " + file.errorString().toStdString());
    }
    return {};
}

void TrialEditorDialog::exportInteractive() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the trial file"), m_baseDir,
                                                      tr("Trial files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    if (auto ok = exportTo(path); !ok) {
        QMessageBox::warning(this, tr("Export the trial file"), QString::fromStdString(ok.error().message));
    }
}

void TrialEditorDialog::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

void TrialEditorDialog::retranslate() {
    setWindowTitle(tr("Trial editor — %1").arg(m_document.value(QStringLiteral("name"), TrialDocument::Kind::Text)));
    const char *tabs[] = {QT_TR_NOOP("General"),  QT_TR_NOOP("Sites"),      QT_TR_NOOP("Strategies"),
                          QT_TR_NOOP("Schedule"), QT_TR_NOOP("Evaluation"), QT_TR_NOOP("Estimate")};
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->setTabText(i, tr(tabs[i]));
    }
    for (Binding *binding : m_bindings) {
        binding->label->setText(tr(binding->spec->label));
        // Defaults in words ("none", "0 (no limit)") are translated; values ("256", "fedavg") stay as written.
        const QString fallback = *binding->spec->fallback ? tr(binding->spec->fallback) : QString();
        const QString shown = fallback.isEmpty() ? QString() : tr("default: %1").arg(fallback);
        if (auto *combo = qobject_cast<QComboBox *>(binding->editor)) {
            combo->setItemText(0, fallback.isEmpty() ? tr("(not set)") : tr("default (%1)").arg(fallback));
        } else if (auto *lines = qobject_cast<QPlainTextEdit *>(binding->editor)) {
            lines->setPlaceholderText(shown);
        } else if (auto *line = qobject_cast<QLineEdit *>(binding->editor)) {
            line->setPlaceholderText(shown);
        }
    }
    for (const auto &[widget, text] : m_texts) {
        if (auto *label = qobject_cast<QLabel *>(widget)) {
            label->setText(tr(text));
        } else if (auto *b = qobject_cast<QPushButton *>(widget)) {
            b->setText(tr(text));
        }
    }
    m_siteSource->setItemText(0, tr("Local data (simulated in this process)"));
    m_siteSource->setItemText(1, tr("Remote agent (fedpilot-agent holds the data)"));
    m_strategySelection->setPlaceholderText(tr("the trial's, e.g. {\"centers\": \"tsne\"}"));
    m_strategyBudget->setPlaceholderText(tr("the trial's, e.g. {\"max_per_round\": 100}"));
    m_exportButton->setText(tr("Export…"));
    m_saveButton->setText(tr("Add to workspace"));
    m_estimateButton->setText(tr("Estimate"));
    m_calibrateButton->setText(tr("Calibrate and estimate"));
    m_clientsPreview->setText(m_estimateModel->clientsPreview().join(QLatin1Char('\n')));
    const QStringList warnings = m_estimateModel->warnings();
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    m_calibration->setText(m_estimateModel->rowCount() > 0 ? m_estimateModel->calibrationText()
                                                           : tr("Press Estimate to read the sites' data and see, per "
                                                                "strategy, what a run would train, move and cost."));
    m_estimateModel->retranslate();
    showError(m_error);
}

} // namespace fp::ui
