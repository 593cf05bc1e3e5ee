#pragma once

#include "models/SampleTexts.h"
#include "models/WorkspaceQuery.h"
#include "widgets/Page.h"

#include <QFutureWatcher>

#include <map>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableView;

namespace fp::ui {

class CoresetChart;
class CoresetClientsModel;
class WorkspaceRuns;

// The coreset inspector: for a run, a round and one of its sampled clients, what selection saw and chose. For a
// client of a site simulated in the console's process, its 2-D t-SNE map: one point per sample coloured by group
// (HDBSCAN cluster), noise in grey, the samples it trained on ringed; hovering a point names the sample and shows
// its instruction text, read from the site's data file off the GUI thread. For a remote site only what crossed the
// wire: the group centers the client sent and the groups the coordinator chose. Every read runs off the GUI thread.
class InspectorPage : public Page {
    Q_OBJECT
public:
    explicit InspectorPage(WorkspaceRuns *runs, QWidget *parent = nullptr);

    // Shows run runId (when the workspace has it): its last round, the first client with a map.
    void showRun(qint64 runId);

    [[nodiscard]] qint64 currentRun() const { return m_runId; }
    [[nodiscard]] QChart *chart() const;
    [[nodiscard]] CoresetClientsModel *clientsModel() const { return m_model; }
    [[nodiscard]] QString summary() const;
    // The tooltip of point `index` of what the chart shows (a map point or a center).
    [[nodiscard]] QString pointTip(int index) const;

Q_SIGNALS:
    void clientsLoaded(); // the run's client rounds are listed (or the read failed)
    void mapShown();      // a client round is drawn (or said to have nothing to draw)
    void textsLoaded();   // the instruction texts of the shown map arrived (or failed to)

protected:
    void retranslate() override;

private:
    struct ClientsLoad {
        std::vector<storage::CoresetClient> clients;
        storage::StoredTrial trial;
    };
    using ClientsResult = WorkspaceQueryResult<ClientsLoad>;
    using MapResult = WorkspaceQueryResult<storage::CoresetMap>;
    struct TextsResult {
        std::map<int64_t, SampleText> texts;
        std::string error;
    };

    void rebuildRunChoices();
    void retranslateChoices();
    void loadClients();
    void finishClients();
    void showRound();
    void loadMap();
    void finishMap();
    void finishTexts();
    void showHover(int index, bool state);
    void updateSummary();
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QString noRecordsText() const;
    [[nodiscard]] const storage::RunSummary *runSummary() const;
    [[nodiscard]] const storage::CoresetClient *currentClient() const;

    WorkspaceRuns *m_runs;
    QLabel *m_runLabel = nullptr;
    QComboBox *m_run = nullptr;
    QLabel *m_roundLabel = nullptr;
    QComboBox *m_round = nullptr;
    QTableView *m_table = nullptr;
    CoresetClientsModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QChartView *m_view = nullptr;
    CoresetChart *m_chart = nullptr;

    qint64 m_runId = 0;
    ClientsLoad m_loaded;    // the shown run's client rounds and stored trial
    std::string m_loadError; // why they could not be read
    int m_shownRow = -1;     // the client round drawn (row of m_model), -1: none
    QString m_shownKey;      // "workspace|run/round/site/client" of the client round drawn
    storage::CoresetMap m_map;
    std::string m_mapError;
    std::map<int64_t, SampleText> m_texts;
    std::string m_textsError;
    bool m_textsPending = false;
    // What to select again after a reload of the same run.
    int m_wantedRound = 0;
    std::string m_wantedSite, m_wantedClient;

    QFutureWatcher<ClientsResult> m_clientsWatcher;
    QFutureWatcher<MapResult> m_mapWatcher;
    QFutureWatcher<TextsResult> m_textsWatcher;
};

} // namespace fp::ui
