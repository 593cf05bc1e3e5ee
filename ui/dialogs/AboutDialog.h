#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

namespace fp::ui {

// Help > About: the fedpilot version, the libraries it runs on (Qt, LibTorch, SQLite, and what the application
// adds, e.g. gRPC) and the compute device with its intra-op threads.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    // components: (name, version) pairs added by the application after the built-in ones.
    explicit AboutDialog(const QList<QPair<QString, QString>> &components, QWidget *parent = nullptr);

    // What the dialog lists, as (label, value) rows, for tests.
    [[nodiscard]] static QList<QPair<QString, QString>> facts(const QList<QPair<QString, QString>> &components);
};

} // namespace fp::ui
