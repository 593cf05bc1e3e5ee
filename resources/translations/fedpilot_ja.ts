<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>fp::ui::ComparePage</name>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="21"/>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="22"/>
        <source>Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost.</source>
        <translation>ROI チャートで実行を並べて比較します: 計算量・通信量・コストに対して得られた Rouge-L。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="24"/>
        <source>Nothing to compare yet. Runs with an evaluated round appear here.</source>
        <translation>比較できる実行はまだありません。評価済みのラウンドがある実行がここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="26"/>
        <source>Rouge-L against</source>
        <translation>Rouge-L の比較対象</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="29"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="30"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="31"/>
        <source>Bytes moved (MB)</source>
        <translation>通信量 (MB)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="32"/>
        <source>Data used (%)</source>
        <translation>使用データ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="79"/>
        <source>Rouge-L (%)</source>
        <translation>Rouge-L (%)</translation>
    </message>
</context>
<context>
    <name>fp::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="18"/>
        <source>fedpilot — federated instruction tuning console</source>
        <translation>fedpilot — 連合インストラクションチューニング コンソール</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="37"/>
        <source>LibTorch %1 · %2 · %3 threads</source>
        <translation>LibTorch %1 · %2 · %3 スレッド</translation>
    </message>
</context>
<context>
    <name>fp::ui::ReportsPage</name>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="17"/>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="17"/>
        <source>Export reports (CSV, PDF) from the stored runs.</source>
        <translation>保存された実行からレポート (CSV、PDF) を書き出します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="20"/>
        <source>No stored runs to report on yet.</source>
        <translation>レポート対象の保存済み実行はまだありません。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="26"/>
        <source>Rounds as CSV…</source>
        <translation>ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="27"/>
        <source>Client rounds as CSV…</source>
        <translation>クライアント別ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="28"/>
        <source>Report as PDF…</source>
        <translation>レポートを PDF で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="45"/>
        <source>Wrote %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="46"/>
        <source>Export failed: %1</source>
        <translation>書き出しに失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="52"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="52"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="53"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="64"/>
        <source>Writing %1 …</source>
        <translation>%1 を書き出し中…</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsPage</name>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="17"/>
        <source>Runs</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="18"/>
        <source>Watch running and finished runs: accuracy, communication volume and cost per round.</source>
        <translation>実行中・完了した実行を確認します: ラウンドごとの精度、通信量、コスト。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="20"/>
        <source>No runs yet. Start a trial (fedpilot-cli run TRIAL.json --workspace DIR) to see it here.</source>
        <translation>実行はまだありません。トライアルを開始すると (fedpilot-cli run TRIAL.json --workspace DIR) ここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="24"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="41"/>
        <source>Loading %1 …</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="43"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/RunsPage.cpp" line="50"/>
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件の実行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsTableModel</name>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="26"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="27"/>
        <source>Trial</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="28"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="29"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="30"/>
        <source>Rounds</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="31"/>
        <source>Rouge-L</source>
        <translation>Rouge-L</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="32"/>
        <source>Data used</source>
        <translation>使用データ</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="33"/>
        <source>Bytes moved</source>
        <translation>通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="34"/>
        <source>Selection bytes</source>
        <translation>選択の通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="35"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="36"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialsPage</name>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="6"/>
        <source>Trials</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="7"/>
        <source>Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against remote agents.</source>
        <translation>サイト、クライアント、コアセット予算、ラウンドのスケジュールを定義し、ローカルまたはリモートエージェントに対してトライアルを開始します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="10"/>
        <source>No trials yet. A trial defines two or more sites and the strategies to compare.</source>
        <translation>トライアルはまだありません。トライアルでは 2 つ以上のサイトと比較する戦略を定義します。</translation>
    </message>
</context>
</TS>
