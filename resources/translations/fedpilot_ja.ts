<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>RoiSummary</name>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="41"/>
        <source>FedHDS reached %1 % Rouge-L, against %2 % for FedIT on the full data.</source>
        <translation>FedHDS は Rouge-L %1 % に達しました (全データで学習した FedIT は %2 %)。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="44"/>
        <source>It cost %1 % as much.</source>
        <translation>コストは全データの場合の %1 % でした。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="49"/>
        <source>It finished %1x faster.</source>
        <translation>%1 倍速く完了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="51"/>
        <source>It took %1x as long.</source>
        <translation>所要時間は %1 倍でした。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="53"/>
        <source>It took about as long.</source>
        <translation>所要時間はほぼ同じでした。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="57"/>
        <source>It trained on %1 % of the data.</source>
        <translation>学習に使ったのはデータの %1 % です。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="62"/>
        <source>%1 %2</source>
        <comment>one sentence followed by the next</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="92"/>
        <source>FedHDS reached %1 % Rouge-L. Run FedIT (full data) on the same trial to compare.</source>
        <translation>FedHDS は Rouge-L %1 % に達しました。比較するには、同じトライアルで FedIT (全データ) を実行してください。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="95"/>
        <source>FedIT on the full data reached %1 % Rouge-L. Run FedHDS on the same trial to compare.</source>
        <translation>全データの FedIT は Rouge-L %1 % に達しました。比較するには、同じトライアルで FedHDS を実行してください。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="98"/>
        <source>Run FedHDS and FedIT (full data) on this trial to compare them.</source>
        <translation>比較するには、このトライアルで FedHDS と FedIT (全データ) を実行してください。</translation>
    </message>
    <message>
        <location filename="../../ui/models/RoiSummary.cpp" line="100"/>
        <source>%1: %2</source>
        <comment>trial name: its summary</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>fp::ui::ComparePage</name>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="30"/>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="31"/>
        <source>Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost.</source>
        <translation>ROI チャートで実行を並べて比較します: 計算量・通信量・コストに対して得られた Rouge-L。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="33"/>
        <source>Nothing to compare yet. Runs with an evaluated round appear here.</source>
        <translation>比較できる実行はまだありません。評価済みのラウンドがある実行がここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="35"/>
        <source>Rouge-L against</source>
        <translation>Rouge-L の比較対象</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="38"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="39"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="40"/>
        <source>Bytes moved (MB)</source>
        <translation>通信量 (MB)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="41"/>
        <source>Data used (%)</source>
        <translation>使用データ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="98"/>
        <source>Rouge-L (%)</source>
        <translation>Rouge-L (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="110"/>
        <source>Pareto front</source>
        <translation>パレート フロント</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="139"/>
        <source>Run %1 (%2), trial %3
Rouge-L %4, %5: %6</source>
        <translation>実行 %1 (%2)、トライアル %3
Rouge-L %4、%5: %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="144"/>
        <source>On the Pareto front: no other run reached a higher Rouge-L for less.</source>
        <translation>パレート フロント上: これより少ない量でより高い Rouge-L に達した実行は他にありません。</translation>
    </message>
</context>
<context>
    <name>fp::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="21"/>
        <source>fedpilot — federated instruction tuning console</source>
        <translation>fedpilot — 連合インストラクションチューニング コンソール</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="44"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="45"/>
        <source>&amp;Import trial…</source>
        <translation>トライアルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="53"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="56"/>
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
    <name>fp::ui::RunController</name>
    <message>
        <location filename="../../ui/run/RunController.cpp" line="44"/>
        <location filename="../../ui/run/RunController.cpp" line="56"/>
        <source>This console cannot run trials (no executor).</source>
        <translation>このコンソールではトライアルを実行できません (実行エンジンがありません)。</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunStatus</name>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="11"/>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="14"/>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="17"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="20"/>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="27"/>
        <source>selecting data</source>
        <translation>データ選択中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="30"/>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="33"/>
        <source>aggregating</source>
        <translation>集約中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="36"/>
        <source>evaluating</source>
        <translation>評価中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="39"/>
        <source>recording</source>
        <translation>記録中</translation>
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
        <location filename="../../ui/pages/RunsPage.cpp" line="21"/>
        <source>No runs yet. Start a trial on the Trials page (or fedpilot-cli run TRIAL.json --workspace DIR) to see it here.</source>
        <translation>実行はまだありません。トライアル ページでトライアルを開始すると (または fedpilot-cli run TRIAL.json --workspace DIR) ここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="26"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="43"/>
        <source>Loading %1 …</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="45"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/RunsPage.cpp" line="52"/>
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件の実行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsTableModel</name>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="28"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="29"/>
        <source>Trial</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="30"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="31"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="32"/>
        <source>Rounds</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="33"/>
        <source>Rouge-L</source>
        <translation>Rouge-L</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="34"/>
        <source>Data used</source>
        <translation>使用データ</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="35"/>
        <source>Bytes moved</source>
        <translation>通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="36"/>
        <source>Selection bytes</source>
        <translation>選択の通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="37"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="38"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialsModel</name>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="125"/>
        <source>Trial / run</source>
        <translation>トライアル / 実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="126"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="127"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="128"/>
        <source>Rounds</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="129"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/TrialsModel.cpp" line="155"/>
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 件の実行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/models/TrialsModel.cpp" line="176"/>
        <source>Run %1</source>
        <translation>実行 %1</translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialsPage</name>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="41"/>
        <source>Trials</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="42"/>
        <source>Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against remote agents.</source>
        <translation>サイト、クライアント、コアセット予算、ラウンドのスケジュールを定義し、ローカルまたはリモートエージェントに対してトライアルを開始します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="46"/>
        <source>No trials yet. Import a trial file (File &gt; Import trial…) or run the demo (fedpilot-cli demo --workspace DIR).</source>
        <translation>トライアルはまだありません。トライアル ファイルをインポートする (ファイル &gt; トライアルをインポート…) か、デモを実行してください (fedpilot-cli demo --workspace DIR)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="72"/>
        <source>No run in progress.</source>
        <translation>実行中のトライアルはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="94"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="96"/>
        <source>Cannot import the trial file: %1</source>
        <translation>トライアル ファイルをインポートできません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="100"/>
        <source>Imported “%1”. Select it and press Start.</source>
        <translation>「%1」をインポートしました。選択して「開始」を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="116"/>
        <source>Import trial…</source>
        <translation>トライアルをインポート…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="118"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="120"/>
        <source>Run every strategy of the selected trial as new runs.</source>
        <translation>選択したトライアルのすべての戦略を新しい実行として開始します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="121"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="123"/>
        <source>Stop the running trial; the run is recorded as interrupted and can be resumed.</source>
        <translation>実行中のトライアルを停止します。実行は「中断」として記録され、再開できます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="124"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="126"/>
        <source>Continue the selected interrupted run from its last completed round.</source>
        <translation>選択した中断中の実行を、最後に完了したラウンドから続行します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="161"/>
        <source>Import a trial file</source>
        <translation>トライアル ファイルのインポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="162"/>
        <source>Trial files (*.json);;All files (*)</source>
        <translation>トライアル ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="170"/>
        <source>Importing %1 …</source>
        <translation>%1 をインポートしています…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="183"/>
        <source>Starting “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を開始しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="194"/>
        <source>Cancelling “%1” after the current client …</source>
        <translation>現在のクライアントの処理後に「%1」をキャンセルします…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="221"/>
        <source>Resuming “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を再開しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/TrialsPage.cpp" line="242"/>
        <source>%n trial(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件のトライアル</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="293"/>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="295"/>
        <source>Running “%1” · run %2 (%3) · round %4 of %5 · %6</source>
        <translation>「%1」を実行中 · 実行 %2 (%3) · ラウンド %4/%5 · %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="308"/>
        <source>Cancelled “%1”: the run is recorded as interrupted; Resume continues it.</source>
        <translation>「%1」をキャンセルしました: 実行は「中断」として記録されました。「再開」で続行できます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="310"/>
        <source>Finished “%1”: every run completed.</source>
        <translation>「%1」が終了しました: すべての実行が完了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="312"/>
        <source>“%1” stopped with an error.</source>
        <translation>「%1」はエラーで停止しました。</translation>
    </message>
</context>
<context>
    <name>fp::ui::WorkspaceTrials</name>
    <message>
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="56"/>
        <source>No workspace is open.</source>
        <translation>ワークスペースが開かれていません。</translation>
    </message>
    <message>
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="60"/>
        <source>Another trial file is being imported.</source>
        <translation>別のトライアル ファイルをインポート中です。</translation>
    </message>
</context>
</TS>
