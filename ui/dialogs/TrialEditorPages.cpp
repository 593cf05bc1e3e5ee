// TrialEditorDialog's tabs: a form per group of fields, the sites and strategy lists, and the estimate.
#include "dialogs/TrialEditorFields.h"
#include "models/EstimateModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace fp::ui {
namespace {

QLabel *errorLabel(QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    label->hide();
    return label;
}

QScrollArea *scrolled(QWidget *content) {
    auto *area = new QScrollArea();
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}

QPushButton *button(QWidget *parent, const char *name) {
    auto *b = new QPushButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    return b;
}

} // namespace

QWidget *TrialEditorDialog::makeEditor(Binding &binding) {
    const FieldSpec &spec = *binding.spec;
    QWidget *editor = nullptr;
    if (spec.choices.size() > 0) {
        auto *combo = new QComboBox();
        combo->addItem(QString(), QString()); // the default; its text is set in retranslate()
        for (const char *choice : spec.choices) {
            combo->addItem(QString::fromLatin1(choice), QString::fromLatin1(choice));
        }
        connect(combo, &QComboBox::currentIndexChanged, this, [this, &binding] { fieldEdited(binding); });
        editor = combo;
    } else if (spec.kind == TrialDocument::Kind::Lines) {
        auto *lines = new QPlainTextEdit();
        lines->setTabChangesFocus(true);
        lines->setFixedHeight(lines->fontMetrics().lineSpacing() * 4 + 12);
        connect(lines, &QPlainTextEdit::textChanged, this, [this, &binding] { fieldEdited(binding); });
        editor = lines;
    } else {
        auto *line = new QLineEdit();
        connect(line, &QLineEdit::textEdited, this, [this, &binding] { fieldEdited(binding); });
        editor = line;
    }
    editor->setObjectName(QStringLiteral("field.") + QString::fromLatin1(spec.path));
    return editor;
}

QWidget *TrialEditorDialog::bindForm(const QList<const FieldSpec *> &fields) {
    auto *form = new QWidget();
    auto *outer = new QVBoxLayout(form); // rows keep their height; the space left goes below them
    outer->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QFormLayout();
    outer->addLayout(layout);
    outer->addStretch(1);
    layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    for (const FieldSpec *spec : fields) {
        auto *binding = new Binding{spec};
        m_bindings << binding;
        binding->editor = makeEditor(*binding);
        binding->label = new QLabel(form);
        binding->error = errorLabel(form);
        binding->error->setObjectName(QStringLiteral("error.") + QString::fromLatin1(spec->path));
        auto *cell = new QWidget(form);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(binding->editor);
        cellLayout->addWidget(binding->error);
        layout->addRow(binding->label, cell);
    }
    return form;
}

QWidget *TrialEditorDialog::buildGeneralPage() { return scrolled(bindForm(generalFields())); }

QWidget *TrialEditorDialog::buildSitesPage() {
    auto *page = new QWidget();
    auto *layout = new QHBoxLayout(page);
    auto *left = new QVBoxLayout();
    m_sites = new QListWidget(page);
    m_sites->setObjectName(QStringLiteral("editor.sites"));
    m_sites->setMaximumWidth(200);
    left->addWidget(m_sites, 1);
    auto *addLocal = button(page, "editor.addSite");
    auto *addAgent = button(page, "editor.addAgentSite");
    auto *remove = button(page, "editor.removeSite");
    for (auto *b : {addLocal, addAgent, remove}) {
        left->addWidget(b);
    }
    m_texts << QPair<QWidget *, const char *>(addLocal, QT_TR_NOOP("Add site"))
            << QPair<QWidget *, const char *>(addAgent, QT_TR_NOOP("Add agent site"))
            << QPair<QWidget *, const char *>(remove, QT_TR_NOOP("Remove site"));
    connect(addLocal, &QPushButton::clicked, this, [this] { addSite(false); });
    connect(addAgent, &QPushButton::clicked, this, [this] { addSite(true); });
    connect(remove, &QPushButton::clicked, this, &TrialEditorDialog::removeSite);
    connect(m_sites, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading && row >= 0) {
            selectSite(row);
        }
    });
    layout->addLayout(left);

    auto *right = new QVBoxLayout();
    auto *sourceRow = new QFormLayout();
    m_siteSource = new QComboBox(page);
    m_siteSource->setObjectName(QStringLiteral("editor.siteSource"));
    m_siteSource->addItems({QString(), QString()});
    auto *sourceLabel = new QLabel(page);
    m_texts << QPair<QWidget *, const char *>(sourceLabel, QT_TR_NOOP("Site's data"));
    sourceRow->addRow(sourceLabel, m_siteSource);
    connect(m_siteSource, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_loading) {
            setSiteUsesAgent(index == 1);
        }
    });
    right->addLayout(sourceRow);
    right->addWidget(bindForm(siteFields()));
    right->addWidget(bindForm(agentFields()));
    right->addStretch(1);
    auto *content = new QWidget();
    content->setLayout(right);
    layout->addWidget(scrolled(content), 1);
    return page;
}

QWidget *TrialEditorDialog::buildStrategiesPage() {
    auto *page = new QWidget();
    auto *layout = new QVBoxLayout(page);
    auto *top = new QHBoxLayout();
    auto *left = new QVBoxLayout();
    m_strategies = new QListWidget(page);
    m_strategies->setObjectName(QStringLiteral("editor.strategies"));
    m_strategies->setMaximumWidth(200);
    m_strategies->setMaximumHeight(150);
    left->addWidget(m_strategies);
    auto *add = button(page, "editor.addStrategy");
    auto *addVariant = button(page, "editor.addVariant");
    auto *remove = button(page, "editor.removeStrategy");
    m_texts << QPair<QWidget *, const char *>(add, QT_TR_NOOP("Add method"))
            << QPair<QWidget *, const char *>(addVariant, QT_TR_NOOP("Add variant"))
            << QPair<QWidget *, const char *>(remove, QT_TR_NOOP("Remove"));
    for (auto *b : {add, addVariant, remove}) {
        left->addWidget(b);
    }
    connect(add, &QPushButton::clicked, this, [this] { addStrategy(false); });
    connect(addVariant, &QPushButton::clicked, this, [this] { addStrategy(true); });
    connect(remove, &QPushButton::clicked, this, &TrialEditorDialog::removeStrategy);
    connect(m_strategies, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading && row >= 0) {
            selectStrategy(row);
        }
    });
    top->addLayout(left);

    auto *entry = new QFormLayout();
    m_strategyMethod = new QComboBox(page);
    m_strategyMethod->setObjectName(QStringLiteral("field.strategies[#].method"));
    m_strategyMethod->addItems(
        {QStringLiteral("fedhds"), QStringLiteral("fedhds-intra"), QStringLiteral("random"), QStringLiteral("fedit")});
    m_strategyName = new QLineEdit(page);
    m_strategyName->setObjectName(QStringLiteral("field.strategies[#].name"));
    m_strategySelection = new QLineEdit(page);
    m_strategySelection->setObjectName(QStringLiteral("field.strategies[#].selection"));
    m_strategyBudget = new QLineEdit(page);
    m_strategyBudget->setObjectName(QStringLiteral("field.strategies[#].budget"));
    m_strategyError = errorLabel(page);
    m_strategyError->setObjectName(QStringLiteral("error.strategies[#]"));
    const char *labels[] = {QT_TR_NOOP("Method"), QT_TR_NOOP("Variant name (empty: the plain method)"),
                            QT_TR_NOOP("Selection overrides (JSON)"), QT_TR_NOOP("Budget overrides (JSON)")};
    QWidget *editors[] = {m_strategyMethod, m_strategyName, m_strategySelection, m_strategyBudget};
    for (int i = 0; i < 4; ++i) {
        auto *label = new QLabel(page);
        m_texts << QPair<QWidget *, const char *>(label, labels[i]);
        entry->addRow(label, editors[i]);
    }
    entry->addRow(QString(), m_strategyError);
    connect(m_strategyMethod, &QComboBox::currentIndexChanged, this, &TrialEditorDialog::strategyEdited);
    for (auto *line : {m_strategyName, m_strategySelection, m_strategyBudget}) {
        connect(line, &QLineEdit::textEdited, this, &TrialEditorDialog::strategyEdited);
    }
    top->addLayout(entry, 1);
    layout->addLayout(top);
    auto *wide = new QLabel(page);
    wide->setWordWrap(true);
    m_texts << QPair<QWidget *, const char *>(
        wide, QT_TR_NOOP("Trial-wide selection and budget: every strategy uses them unless its entry overrides them."));
    layout->addWidget(wide);
    layout->addWidget(scrolled(bindForm(selectionFields())), 1);
    return page;
}

QWidget *TrialEditorDialog::buildSchedulePage() {
    auto *content = new QWidget();
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(bindForm(scheduleFields()));
    layout->addWidget(bindForm(networkFields()));
    layout->addStretch(1);
    return scrolled(content);
}

QWidget *TrialEditorDialog::buildEvaluationPage() { return scrolled(bindForm(evaluationFields())); }

QWidget *TrialEditorDialog::buildEstimatePage() {
    auto *page = new QWidget();
    auto *layout = new QVBoxLayout(page);
    auto *buttons = new QHBoxLayout();
    m_estimateButton = button(page, "editor.estimate");
    m_calibrateButton = button(page, "editor.calibrate");
    m_estimateStatus = new QLabel(page);
    m_estimateStatus->setObjectName(QStringLiteral("editor.estimateStatus"));
    buttons->addWidget(m_estimateButton);
    buttons->addWidget(m_calibrateButton);
    buttons->addWidget(m_estimateStatus, 1);
    layout->addLayout(buttons);
    connect(m_estimateButton, &QPushButton::clicked, this, [this] { estimate(false); });
    connect(m_calibrateButton, &QPushButton::clicked, this, [this] { estimate(true); });
    m_clientsPreview = new QLabel(page);
    m_clientsPreview->setObjectName(QStringLiteral("editor.clientsPreview"));
    m_clientsPreview->setWordWrap(true);
    layout->addWidget(m_clientsPreview);
    m_estimateTable = new QTableView(page);
    m_estimateTable->setObjectName(QStringLiteral("editor.estimateTable"));
    m_estimateTable->setModel(m_estimateModel);
    m_estimateTable->verticalHeader()->hide();
    m_estimateTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_estimateTable->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_estimateTable, 1);
    m_warnings = errorLabel(page);
    m_warnings->setObjectName(QStringLiteral("editor.estimateWarnings"));
    layout->addWidget(m_warnings);
    m_calibration = new QLabel(page);
    m_calibration->setObjectName(QStringLiteral("editor.calibration"));
    m_calibration->setWordWrap(true);
    layout->addWidget(m_calibration);
    return page;
}

} // namespace fp::ui
