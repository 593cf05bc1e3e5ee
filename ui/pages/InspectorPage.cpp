#include "pages/InspectorPage.h"

#include "charts/CoresetChart.h"
#include "models/CoresetClientsModel.h"
#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

namespace fp::ui {
namespace {

QString elided(const std::string &text, int chars) {
    QString s = QString::fromStdString(text).simplified();
    return s.size() > chars ? s.left(chars) + QChar(0x2026) : s;
}

QString html(const QString &text) { return text.toHtmlEscaped(); }

} // namespace

InspectorPage::InspectorPage(WorkspaceRuns *runs, QWidget *parent)
    : Page(QStringLiteral("page.inspector"), parent), m_runs(runs) {
    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("inspector.content"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout();
    m_runLabel = new QLabel(content);
    m_run = new QComboBox(content);
    m_run->setObjectName(QStringLiteral("inspector.run"));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_roundLabel = new QLabel(content);
    m_round = new QComboBox(content);
    m_round->setObjectName(QStringLiteral("inspector.round"));
    m_round->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_runLabel);
    bar->addWidget(m_run, 1);
    bar->addSpacing(12);
    bar->addWidget(m_roundLabel);
    bar->addWidget(m_round);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    m_model = new CoresetClientsModel(this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("inspector.clients"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CoresetClientsModel::Client, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setTextElideMode(Qt::ElideMiddle); // task names are long; their ends tell them apart
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(right);
    m_summary->setObjectName(QStringLiteral("inspector.summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // client and site names are user text
    m_view = new QChartView(new QChart(), right);
    m_view->setObjectName(QStringLiteral("inspector.chart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(360, 280);
    m_chart = new CoresetChart(m_view->chart(), this);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_view, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({470, 630});
    layout->addWidget(splitter, 1);
    body()->addWidget(content, 1);
    content->hide();

    connect(runs->model(), &QAbstractItemModel::modelReset, this, &InspectorPage::rebuildRunChoices);
    connect(m_run, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            m_runId = m_run->itemData(index).toLongLong();
            m_wantedRound = 0;
            m_wantedSite.clear();
            m_wantedClient.clear();
            loadClients();
        }
    });
    connect(m_round, &QComboBox::currentIndexChanged, this, &InspectorPage::showRound);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InspectorPage::loadMap);
    connect(&m_clientsWatcher, &QFutureWatcher<ClientsResult>::finished, this, &InspectorPage::finishClients);
    connect(&m_mapWatcher, &QFutureWatcher<MapResult>::finished, this, &InspectorPage::finishMap);
    connect(&m_textsWatcher, &QFutureWatcher<TextsResult>::finished, this, &InspectorPage::finishTexts);
    connect(m_chart, &CoresetChart::pointHovered, this, &InspectorPage::showHover);
    retranslate();
}

void InspectorPage::retranslate() {
    setHeading(tr("Coreset"), tr("See what selection kept: a client's samples on its t-SNE map, coloured by group, "
                                 "with the samples it trained on ringed."));
    setEmptyMessage(tr("No coreset to inspect yet. Run a FedHDS trial first (Trials page > Start, Ctrl+R): every "
                       "round keeps each sampled client's t-SNE map, its groups and the samples it selected (for "
                       "sites simulated in this console; for remote sites, the centers they sent)."));
    m_runLabel->setText(tr("Run"));
    m_roundLabel->setText(tr("Round"));
    retranslateChoices();
    m_model->retranslate();
    m_chart->retranslate();
    updateSummary();
}

void InspectorPage::retranslateChoices() {
    const auto *model = m_runs->model();
    for (int i = 0; i < m_run->count() && i < model->rowCount(); ++i) {
        const auto &run = model->run(i);
        m_run->setItemText(i, tr("Run %1 · %2 · %3")
                                  .arg(QString::number(run.id), QString::fromStdString(run.strategy),
                                       QString::fromStdString(run.trial)));
    }
    for (int i = 0; i < m_round->count(); ++i) {
        m_round->setItemText(i, tr("Round %1").arg(m_round->itemData(i).toInt()));
    }
}

QChart *InspectorPage::chart() const { return m_view->chart(); }

QString InspectorPage::summary() const { return m_summary->text(); }

const storage::RunSummary *InspectorPage::runSummary() const {
    const auto *model = m_runs->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->run(row).id == m_runId) {
            return &model->run(row);
        }
    }
    return nullptr;
}

const storage::CoresetClient *InspectorPage::currentClient() const {
    return m_shownRow >= 0 && m_shownRow < m_model->rowCount() ? &m_model->client(m_shownRow) : nullptr;
}

void InspectorPage::showRun(qint64 runId) {
    m_runId = runId;
    m_wantedRound = 0;
    m_wantedSite.clear();
    m_wantedClient.clear();
    const int index = m_run->findData(qlonglong(runId));
    if (index >= 0) {
        const QSignalBlocker blocker(m_run);
        m_run->setCurrentIndex(index);
        loadClients();
    } // else: chosen when the runs are loaded (rebuildRunChoices)
}

// The runs of the workspace as choices; keeps the shown run (reloading it: rounds may have been added), else picks
// the newest run whose clients sent centers (a FedHDS variant), else the newest.
void InspectorPage::rebuildRunChoices() {
    const auto *model = m_runs->model();
    int keep = -1, clustering = -1;
    {
        const QSignalBlocker blocker(m_run);
        m_run->clear();
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto &run = model->run(row);
            m_run->addItem(QString(), qlonglong(run.id));
            keep = run.id == m_runId ? row : keep;
            clustering = clustering < 0 && run.selectionBytes > 0 ? row : clustering;
        }
        const int chosen = keep >= 0 ? keep : clustering >= 0 ? clustering : model->rowCount() > 0 ? 0 : -1;
        m_run->setCurrentIndex(chosen);
    }
    retranslateChoices();
    const bool any = m_run->count() > 0;
    showEmptyMessage(!any);
    findChild<QWidget *>(QStringLiteral("inspector.content"))->setVisible(any);
    if (!any) {
        m_runId = 0;
        return;
    }
    const qint64 id = m_run->currentData().toLongLong();
    if (id != m_runId) {
        m_runId = id;
        m_wantedRound = 0;
        m_wantedSite.clear();
        m_wantedClient.clear();
    }
    loadClients();
}

void InspectorPage::loadClients() {
    if (m_runs->workspace().isEmpty() || m_runId <= 0) {
        return;
    }
    const int64_t runId = m_runId;
    m_clientsWatcher.setFuture(
        queryWorkspace<ClientsLoad>(m_runs->workspace(), [runId](storage::RunStore &store) -> Result<ClientsLoad> {
            auto clients = store.coresetClients(runId);
            if (!clients) {
                return std::unexpected(clients.error());
            }
            auto trial = store.storedTrial(runId); // for the texts; without it the tooltips say why
            return ClientsLoad{std::move(*clients), trial ? *trial : storage::StoredTrial{}};
        }));
}

void InspectorPage::finishClients() {
    ClientsResult result = m_clientsWatcher.result();
    m_loadError = result.error;
    m_loaded = std::move(result.value);
    std::set<int> rounds;
    for (const auto &c : m_loaded.clients) {
        rounds.insert(c.round);
    }
    {
        const QSignalBlocker blocker(m_round);
        m_round->clear();
        for (const int round : rounds) {
            m_round->addItem(tr("Round %1").arg(round), round);
        }
        const int wanted = m_round->findData(m_wantedRound);
        m_round->setCurrentIndex(wanted >= 0 ? wanted : m_round->count() - 1);
    }
    showRound();
    Q_EMIT clientsLoaded();
}

void InspectorPage::showRound() {
    const int round = m_round->currentData().toInt();
    std::vector<storage::CoresetClient> clients;
    for (const auto &c : m_loaded.clients) {
        if (c.round == round) {
            clients.push_back(c);
        }
    }
    int row = -1;
    for (size_t i = 0; i < clients.size(); ++i) {
        if (clients[i].site == m_wantedSite && clients[i].client == m_wantedClient) {
            row = int(i);
        }
    }
    m_model->setClients(std::move(clients));
    row = row >= 0 ? row : m_model->preferredRow();
    if (row < 0) {
        loadMap(); // nothing to draw: says why
        return;
    }
    m_table->setCurrentIndex(m_model->index(row, 0)); // loadMap through currentRowChanged
}

void InspectorPage::loadMap() {
    const int row = m_table->currentIndex().row();
    m_shownRow = row;
    const storage::CoresetClient *shown = currentClient();
    const QString key = shown ? QStringLiteral("%1|%2/%3/%4/%5")
                                    .arg(m_runs->workspace())
                                    .arg(m_runId)
                                    .arg(shown->round)
                                    .arg(QString::fromStdString(shown->site), QString::fromStdString(shown->client))
                              : QString();
    if (!key.isEmpty() && key == m_shownKey && m_mapError.empty() && !m_mapWatcher.isRunning()) {
        // The same client round again (the runs were reloaded as a round committed): recorded rounds never change,
        // so what is drawn and the texts read for it stay.
        updateSummary();
        Q_EMIT mapShown();
        return;
    }
    m_shownKey = key;
    m_map = {};
    m_mapError.clear();
    m_texts.clear();
    m_textsError.clear();
    m_textsPending = false;
    m_mapWatcher.setFuture({}); // a read still running for another client is dropped
    m_textsWatcher.setFuture({});
    const storage::CoresetClient *client = currentClient();
    if (client) {
        m_wantedRound = client->round;
        m_wantedSite = client->site;
        m_wantedClient = client->client;
    }
    if (!client || client->points + client->centers == 0) {
        m_chart->clear();
        m_view->setVisible(false);
        updateSummary();
        Q_EMIT mapShown();
        return;
    }
    const int64_t runId = m_runId;
    const int round = client->round;
    m_mapWatcher.setFuture(queryWorkspace<storage::CoresetMap>(
        m_runs->workspace(), [runId, round, site = client->site, name = client->client](storage::RunStore &store) {
            return store.coresetMap(runId, round, site, name);
        }));
}

void InspectorPage::finishMap() {
    if (m_mapWatcher.future().resultCount() == 0) {
        return; // dropped (setFuture({}))
    }
    MapResult result = m_mapWatcher.result();
    m_mapError = result.error;
    m_map = std::move(result.value);
    const storage::CoresetClient *client = currentClient();
    if (!m_map.points.empty()) {
        m_chart->showMap(m_map.points);
        if (client && !client->remote) {
            std::vector<int64_t> samples;
            for (const auto &p : m_map.points) {
                samples.push_back(p.sample);
            }
            m_textsPending = true;
            m_textsWatcher.setFuture(
                QtConcurrent::run([trial = m_loaded.trial, site = client->site, samples]() -> TextsResult {
                    auto texts = readSampleTexts(trial, site, samples);
                    return texts ? TextsResult{std::move(*texts), {}} : TextsResult{{}, texts.error().message};
                }));
        }
    } else if (!m_map.centers.empty()) {
        m_chart->showCenters(m_map.centers);
    } else {
        m_chart->clear();
    }
    m_view->setVisible(!m_map.points.empty() || !m_map.centers.empty());
    updateSummary();
    Q_EMIT mapShown();
}

void InspectorPage::finishTexts() {
    if (m_textsWatcher.future().resultCount() == 0) {
        return;
    }
    TextsResult result = m_textsWatcher.result();
    m_texts = std::move(result.texts);
    m_textsError = std::move(result.error);
    m_textsPending = false;
    Q_EMIT textsLoaded();
}

void InspectorPage::showHover(int index, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), pointTip(index), m_view);
}

QString InspectorPage::pointTip(int index) const {
    const storage::CoresetClient *client = currentClient();
    if (m_chart->showsMap() && index >= 0 && size_t(index) < m_map.points.size()) {
        const auto &p = m_map.points[size_t(index)];
        QString tip = QStringLiteral("<b>") +
                      html(p.group >= 0 ? tr("Sample %1 · group %2").arg(p.sample).arg(p.group)
                                        : tr("Sample %1 · noise (in no group)").arg(p.sample)) +
                      QStringLiteral("</b>");
        if (p.selected) {
            tip += QStringLiteral("<br><i>") + html(tr("Selected for training this round")) + QStringLiteral("</i>");
        }
        if (const auto it = m_texts.find(p.sample); it != m_texts.end()) {
            tip += QStringLiteral("<br>") + html(tr("Task: %1").arg(QString::fromStdString(it->second.task)));
            tip += QStringLiteral("<br>") + html(elided(it->second.instruction, 400));
            if (!it->second.input.empty()) {
                tip += QStringLiteral("<br>") + html(tr("Input: %1").arg(elided(it->second.input, 240)));
            }
        } else if (m_textsPending) {
            tip += QStringLiteral("<br>") + html(tr("Reading the site's data…"));
        } else if (!m_textsError.empty()) {
            tip += QStringLiteral("<br>") +
                   html(tr("Instruction text unavailable: %1").arg(QString::fromStdString(m_textsError)));
        }
        return QStringLiteral("<qt>") + tip + QStringLiteral("</qt>");
    }
    if (!m_chart->showsMap() && index >= 0 && size_t(index) < m_map.centers.size()) {
        const auto &c = m_map.centers[size_t(index)];
        QStringList values;
        for (const float v : c.coordinates) {
            values << QLocale().toString(double(v), 'f', 3);
        }
        return QStringLiteral("<qt><b>") +
               html(tr("Group %1 of %2").arg(c.group).arg(QString::fromStdString(client ? client->client : ""))) +
               QStringLiteral("</b><br>") +
               html(c.chosen ? tr("Chosen by the coordinator: the client trains on its sample nearest this center")
                             : tr("Not chosen this round")) +
               QStringLiteral("<br>") + html(tr("Center as sent: (%1)").arg(values.join(QStringLiteral(", ")))) +
               QStringLiteral("</qt>");
    }
    return {};
}

void InspectorPage::updateSummary() {
    setLiveText(m_summary, [this] { return summaryText(); });
}

QString InspectorPage::noRecordsText() const {
    const storage::RunSummary *run = runSummary();
    if (run && run->selectionBytes == 0) {
        return tr("Run %1 (%2) trains without clustering (all the data, or a budgeted random sample): it has no t-SNE "
                  "map. Pick a FedHDS run.")
            .arg(run->id)
            .arg(QString::fromStdString(run->strategy));
    }
    return tr("Run %1 has no coreset map: it was recorded before fedpilot kept them, or none of its clients could be "
              "clustered. Run a FedHDS trial to inspect its coreset.")
        .arg(m_runId);
}

QString InspectorPage::summaryText() const {
    if (!m_loadError.empty()) {
        return tr("Cannot read the run's coreset records: %1").arg(QString::fromStdString(m_loadError));
    }
    if (m_loaded.clients.empty()) {
        return m_runId > 0
                   ? tr("Run %1 has no recorded round yet; its clients appear here round by round.").arg(m_runId)
                   : QString();
    }
    bool anyRecord = false;
    for (const auto &c : m_loaded.clients) {
        anyRecord = anyRecord || c.points + c.centers > 0;
    }
    if (!anyRecord) {
        return noRecordsText();
    }
    const storage::CoresetClient *c = currentClient();
    if (!c) {
        return tr("Pick a client on the left.");
    }
    if (!m_mapError.empty()) {
        return tr("Cannot read this client's map: %1").arg(QString::fromStdString(m_mapError));
    }
    const QString client = QString::fromStdString(c->client), site = QString::fromStdString(c->site);
    const QLocale locale;
    if (c->points > 0) {
        int noise = 0;
        for (const auto &p : m_map.points) {
            noise += p.group < 0 ? 1 : 0;
        }
        // One sentence per count, each whole: translations may order them as their language needs.
        QString text = tr("Round %1, client %2 of site %3: %n sample(s) on its t-SNE map.", nullptr, int(c->points))
                           .arg(c->round)
                           .arg(client, site) +
                       QLatin1Char(' ') + tr("%n group(s), one colour each.", nullptr, c->groups) + QLatin1Char(' ') +
                       tr("%n sample(s) in no group (grey).", nullptr, noise) + QLatin1Char(' ') +
                       tr("%n selected for training (ringed).", nullptr, int(c->selected));
        if (c->points < c->available) {
            text += QLatin1Char(' ') +
                    tr("Showing %1 of %2 samples: the workspace keeps at most %3 per client and round (every selected "
                       "sample, the others evenly spaced).")
                        .arg(locale.toString(qlonglong(c->points)), locale.toString(qlonglong(c->available)),
                             locale.toString(qlonglong(engine::kMaxMapPointsPerClientRound)));
        }
        return text + QLatin1Char(' ') + tr("Hover a point for its sample and instruction text.");
    }
    if (c->centers > 0) {
        const QString counts = tr("It sent %n group center(s).", nullptr, int(c->centers)) + QLatin1Char(' ') +
                               tr("The coordinator chose %n of them (ringed).", nullptr, int(c->chosenCenters));
        return (c->remote ? tr("Round %1, client %2 of site %3 (an agent): its samples never leave the site, so only "
                               "what crossed the wire is shown.")
                          : tr("Round %1, client %2 of site %3: its clustering fell back to one group, so it has no "
                               "t-SNE map; only its centers are shown."))
                   .arg(c->round)
                   .arg(client, site) +
               QLatin1Char(' ') + counts;
    }
    return tr("Round %1, client %2 of site %3: nothing to show (%4). A client with fewer samples than a group needs "
              "(selection.min_cluster_size) is not clustered.")
        .arg(c->round)
        .arg(client, site, clientStatusText(c->status));
}

} // namespace fp::ui
