#include "dialogs/AboutDialog.h"

#include "fedpilot/engine/Runtime.h"
#include "fedpilot/storage/Workspace.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace fp::ui {

QList<QPair<QString, QString>> AboutDialog::facts(const QList<QPair<QString, QString>> &components) {
    QList<QPair<QString, QString>> rows;
    rows << qMakePair(tr("Version"), QStringLiteral(FP_VERSION));
    rows << qMakePair(QStringLiteral("Qt"), QString::fromLatin1(qVersion()));
    rows << qMakePair(QStringLiteral("LibTorch"), QString::fromStdString(engine::torchVersion()));
    rows << qMakePair(QStringLiteral("SQLite"), QString::fromStdString(storage::sqliteVersion()));
    rows << components;
    QString device = tr("CPU");
    if (engine::cudaAvailable()) {
        const QString gpu = QString::fromStdString(engine::cudaDeviceName());
        device = tr("CUDA (%1)").arg(gpu.isEmpty() ? tr("GPU") : gpu);
    }
    rows << qMakePair(tr("Compute device"), device);
    rows << qMakePair(tr("Intra-op threads"),
                      tr("%1 now, %2 cores available").arg(engine::currentThreads()).arg(engine::availableCores()));
    return rows;
}

AboutDialog::AboutDialog(const QList<QPair<QString, QString>> &components, QWidget *parent) : QDialog(parent) {
    setObjectName(QStringLiteral("dialog.about"));
    setWindowTitle(tr("About fedpilot"));
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout();
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/fedpilot.svg")).pixmap(64, 64));
    header->addWidget(icon);
    auto *name = new QLabel(this);
    name->setTextFormat(Qt::RichText);
    name->setText(QStringLiteral("<h2>fedpilot %1</h2>").arg(QStringLiteral(FP_VERSION)) +
                  tr("Federated, data-efficient instruction tuning: select a small coreset at every site each round "
                     "(FedHDS), tune LoRA adapters, and see what accuracy costs."));
    name->setWordWrap(true);
    header->addWidget(name, 1);
    layout->addLayout(header);
    auto *form = new QFormLayout();
    for (const auto &[label, value] : facts(components)) {
        auto *text = new QLabel(value, this);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(label + QLatin1Char(':'), text);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace fp::ui
