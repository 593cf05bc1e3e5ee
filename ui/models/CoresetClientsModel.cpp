#include "models/CoresetClientsModel.h"

#include <QCoreApplication>
#include <QLocale>

namespace fp::ui {

CoresetClientsModel::CoresetClientsModel(QObject *parent) : QAbstractTableModel(parent) {}

void CoresetClientsModel::setClients(std::vector<storage::CoresetClient> clients) {
    beginResetModel();
    m_clients = std::move(clients);
    endResetModel();
}

int CoresetClientsModel::preferredRow() const {
    for (size_t i = 0; i < m_clients.size(); ++i) {
        if (m_clients[i].points > 0) {
            return int(i);
        }
    }
    for (size_t i = 0; i < m_clients.size(); ++i) {
        if (m_clients[i].centers > 0) {
            return int(i);
        }
    }
    return m_clients.empty() ? -1 : 0;
}

void CoresetClientsModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (!m_clients.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
    }
}

int CoresetClientsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_clients.size());
}

int CoresetClientsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(Count); }

QVariant CoresetClientsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Client: return tr("Client");
    case Site: return tr("Site");
    case Samples: return tr("Samples");
    case Groups: return tr("Groups");
    case Selected: return tr("Selected");
    case Kept: return tr("Kept");
    default: return {};
    }
}

QVariant CoresetClientsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const auto &client = m_clients[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(client, index.column());
    case Qt::ToolTipRole:
        return tr("%1 of site %2: %3")
            .arg(QString::fromStdString(client.client), QString::fromStdString(client.site),
                 clientStatusText(client.status));
    case Qt::UserRole:
        switch (index.column()) {
        case Samples: return qlonglong(client.available);
        case Groups: return client.groups;
        case Selected: return qlonglong(client.selected);
        case Kept: return qlonglong(client.points > 0 ? client.points : client.centers);
        default: return display(client, index.column());
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Samples || index.column() == Groups || index.column() == Selected) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default: return {};
    }
}

QVariant CoresetClientsModel::display(const storage::CoresetClient &client, int column) const {
    const QLocale locale;
    switch (column) {
    case Client: return QString::fromStdString(client.client);
    case Site:
        return client.remote ? tr("%1 (agent)").arg(QString::fromStdString(client.site))
                             : QString::fromStdString(client.site);
    case Samples: return locale.toString(qlonglong(client.available));
    case Groups: return locale.toString(client.groups);
    case Selected: return locale.toString(qlonglong(client.selected));
    case Kept:
        if (client.points > 0) {
            return tr("%n point(s)", nullptr, int(client.points));
        }
        if (client.centers > 0) {
            return tr("%n center(s)", nullptr, int(client.centers));
        }
        return tr("nothing");
    default: return {};
    }
}

QString clientStatusText(const std::string &status) {
    static const char *const kContext = "fp::ui::ClientStatus";
    // Statuses recorded whole, then prefixes whose detail (an error message) stays as recorded.
    static const char *const kWhole[] = {QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "trained"),
                                         QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "skipped: empty coreset"),
                                         QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "skipped: no samples")};
    static const std::pair<const char *, const char *> kPrefixes[] = {
        {"skipped: ", QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "skipped: %1")},
        {"failed: ", QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "failed: %1")},
        {"dropped: ", QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "dropped: %1")},
        {"update rejected: ", QT_TRANSLATE_NOOP("fp::ui::ClientStatus", "update rejected: %1")}};
    for (const char *whole : kWhole) {
        if (status == whole) {
            return QCoreApplication::translate(kContext, whole);
        }
    }
    for (const auto &[recorded, shown] : kPrefixes) {
        const std::string prefix = recorded;
        if (status.rfind(prefix, 0) == 0) {
            return QCoreApplication::translate(kContext, shown)
                .arg(QString::fromStdString(status.substr(prefix.size())));
        }
    }
    return QString::fromStdString(status);
}

} // namespace fp::ui
