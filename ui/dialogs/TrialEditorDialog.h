#pragma once

#include "models/TrialDocument.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace fp::ui {

class EstimateModel;
class TrialEstimator;

// Edits every field of a trial file (docs/trial-format.md) in tabs: general (model, LoRA, aggregation), sites
// (local data or an agent, partition, cost), strategies with the trial-wide selection and budget, schedule,
// evaluation and network, and an estimate per strategy. Every edit changes only its key of the TrialDocument and
// runs engine::parseTrial on the result: the parser's message shows next to the field it names and above the tabs
// (no second validator). Empty fields take the trial format's defaults, shown as placeholders.
class TrialEditorDialog : public QDialog {
    Q_OBJECT
public:
    // document: the trial to edit; baseDir: the folder its relative paths resolve against; origin: how messages
    // name it (the file name, or "trial").
    TrialEditorDialog(const TrialDocument &document, const QString &baseDir, const QString &origin,
                      QWidget *parent = nullptr);
    ~TrialEditorDialog() override;

    [[nodiscard]] const TrialDocument &document() const { return m_document; }
    [[nodiscard]] QString baseDir() const { return m_baseDir; }
    [[nodiscard]] QString origin() const { return m_origin; }
    // The parser's message for the current text; empty when the trial is valid.
    [[nodiscard]] QString errorText() const { return m_error; }
    // The editor widget of a field ("schedule.rounds"; "sites[#].name" for the selected site, "strategies[#].name"
    // for the selected strategy entry), and the message shown under it (empty: none).
    [[nodiscard]] QWidget *fieldWidget(const QString &path) const;
    [[nodiscard]] QString fieldError(const QString &path) const;
    [[nodiscard]] EstimateModel *estimateModel() const { return m_estimateModel; }
    [[nodiscard]] TrialEstimator *estimator() const { return m_estimator; }

    void selectSite(int index);
    void selectStrategy(int index);
    void addSite(bool agent);
    void removeSite();
    // A plain entry ("fedhds") or a variant {"name", "method"}.
    void addStrategy(bool variant);
    void removeStrategy();
    // A site with local data (false) or an agent (true); switching drops the other kind's keys.
    void setSiteUsesAgent(bool agent);
    void showEstimatePage();
    // Writes the document's text to path. Errors name the file.
    Result<void> exportTo(const QString &path) const;
    // Whether a run may be in progress in this process (then calibrating, which sets the threads, is refused).
    void setRunInProgress(bool running);

public Q_SLOTS:
    // Runs the parser on the document now and shows its message (the dialog also does this shortly after edits).
    void validate();
    // Reads and splits the sites' data (and with calibrate, times the model on this machine), then shows the
    // estimate per strategy.
    void estimate(bool calibrate);

Q_SIGNALS:
    void validated(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Binding;
    QWidget *buildGeneralPage();
    QWidget *buildSitesPage();
    QWidget *buildStrategiesPage();
    QWidget *buildSchedulePage();
    QWidget *buildEvaluationPage();
    QWidget *buildEstimatePage();
    QWidget *bindForm(const QList<const struct FieldSpec *> &fields);
    QWidget *makeEditor(Binding &binding);
    QString resolved(const QString &path) const;
    void loadBindings(bool onlyIndexed);
    void fieldEdited(Binding &binding);
    void strategyEdited();
    void loadStrategy();
    void refreshLists();
    void scheduleValidation();
    void showError(const QString &message);
    void retranslate();
    void exportInteractive();

    TrialDocument m_document;
    QString m_baseDir;
    QString m_origin;
    QString m_error;
    int m_site = 0;
    int m_strategy = 0;
    bool m_loading = false;
    bool m_runInProgress = false;
    QList<Binding *> m_bindings;
    QTimer *m_validateTimer = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_sites = nullptr;
    QComboBox *m_siteSource = nullptr;
    QListWidget *m_strategies = nullptr;
    QLineEdit *m_strategyName = nullptr;
    QComboBox *m_strategyMethod = nullptr;
    QLineEdit *m_strategySelection = nullptr;
    QLineEdit *m_strategyBudget = nullptr;
    QLabel *m_strategyError = nullptr;
    EstimateModel *m_estimateModel = nullptr;
    TrialEstimator *m_estimator = nullptr;
    QTableView *m_estimateTable = nullptr;
    QLabel *m_estimateStatus = nullptr;
    QLabel *m_clientsPreview = nullptr;
    QLabel *m_warnings = nullptr;
    QLabel *m_calibration = nullptr;
    QPushButton *m_estimateButton = nullptr;
    QPushButton *m_calibrateButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QList<QPair<QWidget *, const char *>> m_texts; // labels retranslated by source text
};

} // namespace fp::ui
