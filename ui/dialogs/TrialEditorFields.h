#pragma once
// TrialEditorDialog's fields (private to the dialog's .cpp files): one entry per key of docs/trial-format.md that the
// form shows, with the JSON path it edits ("#": the selected site), how its text becomes JSON, the values of a
// choice, and the default shown when the field is empty.
#include "dialogs/TrialEditorDialog.h"
#include "models/TrialDocument.h"

#include <QCoreApplication>
#include <QList>

#include <initializer_list>

class QComboBox;
class QLabel;
class QWidget;

namespace fp::ui {

struct FieldSpec {
    const char *path;
    const char *label; // translated in the fp::ui::TrialEditorDialog context
    TrialDocument::Kind kind;
    std::initializer_list<const char *> choices; // a combo box of these values (plus "default"); empty: free text
    const char *fallback; // the default shown when the field is empty ("" : none); words are translated
};

// The fields of each tab, in form order.
const QList<const FieldSpec *> &generalFields();
const QList<const FieldSpec *> &siteFields();
const QList<const FieldSpec *> &agentFields();
const QList<const FieldSpec *> &selectionFields();
const QList<const FieldSpec *> &scheduleFields();
const QList<const FieldSpec *> &evaluationFields();
const QList<const FieldSpec *> &networkFields();

struct TrialEditorDialog::Binding {
    const FieldSpec *spec = nullptr;
    QWidget *editor = nullptr;
    QLabel *label = nullptr;
    QLabel *error = nullptr;
};

} // namespace fp::ui
