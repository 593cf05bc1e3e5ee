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
    <name>fp::ui::AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="17"/>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="22"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="25"/>
        <source>CUDA (%1)</source>
        <translation>CUDA (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="25"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="27"/>
        <source>Compute device</source>
        <translation>計算デバイス</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="28"/>
        <source>Intra-op threads</source>
        <translation>演算スレッド数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="29"/>
        <source>%1 now, %2 cores available</source>
        <translation>現在 %1、利用可能なコア %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="35"/>
        <source>About fedpilot</source>
        <translation>fedpilot について</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/AboutDialog.cpp" line="44"/>
        <source>Federated, data-efficient instruction tuning: select a small coreset at every site each round (FedHDS), tune LoRA adapters, and see what accuracy costs.</source>
        <translation>連合型でデータ効率のよい指示チューニング: 毎ラウンド各サイトで小さなコアセットを選び (FedHDS)、LoRA アダプターを学習し、精度にかかるコストを確かめます。</translation>
    </message>
</context>
<context>
    <name>fp::ui::ComparePage</name>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="61"/>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="62"/>
        <source>Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost.</source>
        <translation>ROI チャートで実行を並べて比較します: 計算量・通信量・コストに対して得られた Rouge-L。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="63"/>
        <source>Nothing to compare yet. Start a trial with two or more strategies on the Trials page; each run appears here once a round is evaluated.</source>
        <translation>まだ比較するものがありません。「トライアル」ページで 2 つ以上の戦略を持つトライアルを開始してください。ラウンドが評価されると各実行がここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="65"/>
        <source>Rouge-L against</source>
        <translation>Rouge-L の比較対象</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="66"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="66"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="66"/>
        <source>Bytes moved (MB)</source>
        <translation>通信量 (MB)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="66"/>
        <source>Data used (%)</source>
        <translation>使用データ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="110"/>
        <source>Rouge-L (%)</source>
        <translation>Rouge-L (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="122"/>
        <source>Pareto front</source>
        <translation>パレート フロント</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="151"/>
        <source>Run %1 (%2), trial %3
Rouge-L %4, %5: %6</source>
        <translation>実行 %1 (%2)、トライアル %3
Rouge-L %4、%5: %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="156"/>
        <source>On the Pareto front: no other run reached a higher Rouge-L for less.</source>
        <translation>パレート フロント上: これより少ない量でより高い Rouge-L に達した実行は他にありません。</translation>
    </message>
</context>
<context>
    <name>fp::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="157"/>
        <source>No recent workspaces</source>
        <translation>最近使ったワークスペースはありません</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="166"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="167"/>
        <source>Open &amp;recent</source>
        <translation>最近使ったワークスペース(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="168"/>
        <source>&amp;Trial</source>
        <translation>トライアル(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="169"/>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="170"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="171"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="172"/>
        <source>&amp;New workspace…</source>
        <translation>新しいワークスペース(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="173"/>
        <source>Create a workspace in a folder you choose (Ctrl+N).</source>
        <translation>選んだフォルダーにワークスペースを作成します (Ctrl+N)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="174"/>
        <source>&amp;Open workspace…</source>
        <translation>ワークスペースを開く(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="175"/>
        <source>Open the workspace in a folder (Ctrl+O).</source>
        <translation>フォルダー内のワークスペースを開きます (Ctrl+O)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="176"/>
        <source>&amp;Clear the list</source>
        <translation>一覧を消去(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="177"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="178"/>
        <source>Language, threads for runs, default workspace (Ctrl+,).</source>
        <translation>言語、実行のスレッド数、既定のワークスペース (Ctrl+,)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="180"/>
        <source>Re&amp;fresh</source>
        <translation>更新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="181"/>
        <source>Read the trials and runs again from the workspace (F5).</source>
        <translation>ワークスペースからトライアルと実行を読み直します (F5)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="182"/>
        <source>&amp;About fedpilot</source>
        <translation>fedpilot について(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="183"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="184"/>
        <source>Toolbar</source>
        <translation>ツールバー</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="186"/>
        <source>New</source>
        <comment>toolbar: new workspace</comment>
        <translation>新規</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="187"/>
        <source>Open</source>
        <comment>toolbar: open workspace</comment>
        <translation>開く</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="188"/>
        <source>Refresh</source>
        <comment>toolbar</comment>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="189"/>
        <source>Settings</source>
        <comment>toolbar</comment>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="199"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="199"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/MainWindowMenus.cpp" line="200"/>
        <source>LibTorch %1 · %2 · %n thread(s) per run</source>
        <translation>
            <numerusform>LibTorch %1 · %2 · 実行あたり %n スレッド</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="202"/>
        <source>LibTorch %1 · %2 · threads per run: automatic</source>
        <translation>LibTorch %1 · %2 · 実行あたりのスレッド数: 自動</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="204"/>
        <source>No workspace open</source>
        <translation>ワークスペースが開かれていません</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="205"/>
        <source>Workspace: %1</source>
        <translation>ワークスペース: %1</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="179"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="136"/>
        <source>A trial is running</source>
        <translation>トライアルを実行中です</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="137"/>
        <source>A trial is running in %1. Cancel it (Run &gt; Cancel) before opening another workspace.</source>
        <translation>%1 でトライアルを実行中です。別のワークスペースを開く前にキャンセルしてください (実行 &gt; キャンセル)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="163"/>
        <source>Open a workspace folder</source>
        <translation>ワークスペースのフォルダーを開く</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="166"/>
        <source>Choose a folder for the new workspace</source>
        <translation>新しいワークスペースのフォルダーを選択</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="194"/>
        <source>fedpilot — no workspace</source>
        <translation>fedpilot — ワークスペースなし</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="196"/>
        <source>%1 — fedpilot</source>
        <translation>%1 — fedpilot</translation>
    </message>
</context>
<context>
    <name>fp::ui::Page</name>
    <message>
        <location filename="../../ui/widgets/Page.cpp" line="69"/>
        <source>No workspace is open.
Create one with File &gt; New workspace… (Ctrl+N) or open one with File &gt; Open workspace… (Ctrl+O).</source>
        <translation>ワークスペースが開かれていません。
ファイル &gt; 新しいワークスペース… (Ctrl+N) で作成するか、ファイル &gt; ワークスペースを開く… (Ctrl+O) で開いてください。</translation>
    </message>
</context>
<context>
    <name>fp::ui::ReportsPage</name>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="63"/>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="63"/>
        <source>Export reports (CSV, PDF) from the stored runs.</source>
        <translation>保存された実行からレポート (CSV、PDF) を書き出します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="66"/>
        <source>Rounds as CSV…</source>
        <translation>ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="66"/>
        <source>Client rounds as CSV…</source>
        <translation>クライアント別ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="66"/>
        <source>Report as PDF…</source>
        <translation>レポートを PDF で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="55"/>
        <source>Wrote %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/ReportsPage.cpp" line="47"/>
        <source>%n run(s) stored in %1: export their rounds as CSV, or a PDF report.</source>
        <translation>
            <numerusform>%1 に %n 件の実行が保存されています: ラウンドを CSV で、またはレポートを PDF で書き出せます。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="55"/>
        <source>Export failed: %1</source>
        <translation>書き出しに失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="64"/>
        <source>No stored runs to report on yet. Start a trial on the Trials page; its rounds can be exported here as CSV or PDF.</source>
        <translation>レポートにできる実行はまだありません。「トライアル」ページでトライアルを開始してください。そのラウンドをここで CSV や PDF に書き出せます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="73"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="73"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="74"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="86"/>
        <source>Writing %1 …</source>
        <translation>%1 を書き出し中…</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunController</name>
    <message>
        <location filename="../../ui/run/RunController.cpp" line="53"/>
        <location filename="../../ui/run/RunController.cpp" line="75"/>
        <source>This console cannot run trials (no executor).</source>
        <translation>このコンソールではトライアルを実行できません (実行エンジンがありません)。</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunStatus</name>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="11"/>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="14"/>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="17"/>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="20"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="23"/>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="26"/>
        <source>paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="33"/>
        <source>selecting data</source>
        <translation>データ選択中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="36"/>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="39"/>
        <source>aggregating</source>
        <translation>集約中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="42"/>
        <source>evaluating</source>
        <translation>評価中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="45"/>
        <source>recording</source>
        <translation>記録中</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunStatusIndicator</name>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="80"/>
        <source>resumed runs</source>
        <translation>再開した実行</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="80"/>
        <source>“%1”</source>
        <comment>a trial&apos;s name in quotes</comment>
        <translation>「%1」</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="82"/>
        <source>No run in progress</source>
        <translation>実行中のトライアルはありません</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="83"/>
        <source>Starting %1 …</source>
        <translation>%1 を開始しています…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="86"/>
        <source>Running %1 · run %2 (%3)</source>
        <translation>%1 を実行中 · 実行 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="90"/>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="92"/>
        <source>Running %1 · run %2 (%3) · round %4/%5 · %6</source>
        <translation>%1 を実行中 · 実行 %2 (%3) · ラウンド %4/%5 · %6</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="101"/>
        <source>%1 finished</source>
        <translation>%1 が終了しました</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="102"/>
        <source>%1 cancelled (resumable)</source>
        <translation>%1 をキャンセルしました (再開できます)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="103"/>
        <source>%1 paused after a round (resumable)</source>
        <translation>%1 をラウンド終了時に一時停止しました (再開できます)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="104"/>
        <source>%1 stopped with an error</source>
        <translation>%1 はエラーで停止しました</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsPage</name>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="47"/>
        <source>Runs</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="47"/>
        <source>Watch running and finished runs: accuracy, communication volume and cost per round.</source>
        <translation>実行中・完了した実行を確認します: ラウンドごとの精度、通信量、コスト。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="50"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="37"/>
        <source>Loading %1 …</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="40"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="48"/>
        <source>No runs yet. Select a trial on the Trials page and press Start (Ctrl+R); its runs appear here round by round.</source>
        <translation>まだ実行がありません。「トライアル」ページでトライアルを選んで「開始」(Ctrl+R) を押すと、その実行がラウンドごとにここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="51"/>
        <source>Read the runs again from the workspace (F5).</source>
        <translation>ワークスペースから実行を読み直します (F5)。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/RunsPage.cpp" line="59"/>
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
    <name>fp::ui::SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="73"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="74"/>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="75"/>
        <source>Intra-op threads:</source>
        <translation>演算スレッド数:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="76"/>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="77"/>
        <source>Threads each run started from this window computes with. Automatic picks them from the model (1 for small models, every core for large ones). Applies to the next run.</source>
        <translation>このウィンドウから開始する実行が計算に使うスレッド数です。「自動」はモデルに応じて選びます (小さなモデルは 1、大きなモデルは全コア)。次の実行から適用されます。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="79"/>
        <source>Default workspace:</source>
        <translation>既定のワークスペース:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="80"/>
        <source>The last workspace opened</source>
        <translation>最後に開いたワークスペース</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="81"/>
        <source>Choose a folder</source>
        <translation>フォルダーを選択</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="82"/>
        <source>Opened when fedpilot starts without --workspace.</source>
        <translation>fedpilot を --workspace なしで起動したときに開きます。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/SettingsDialog.cpp" line="108"/>
        <source>Default workspace</source>
        <translation>既定のワークスペース</translation>
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
        <location filename="../../ui/pages/TrialsPage.cpp" line="114"/>
        <source>Trials</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="114"/>
        <source>Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against remote agents.</source>
        <translation>サイト、クライアント、コアセット予算、ラウンドのスケジュールを定義し、ローカルまたはリモートエージェントに対してトライアルを開始します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="108"/>
        <source>No run in progress.</source>
        <translation>実行中のトライアルはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="90"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="93"/>
        <source>Cannot import the trial file: %1</source>
        <translation>トライアル ファイルをインポートできません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="98"/>
        <source>Imported “%1”. Select it and press Start.</source>
        <translation>「%1」をインポートしました。選択して「開始」を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="116"/>
        <source>No trials yet. Import a trial file with Trial &gt; Import trial… (Ctrl+I), then select it and press Start.</source>
        <translation>まだトライアルがありません。トライアル &gt; トライアルをインポート… (Ctrl+I) でトライアル ファイルを読み込み、選択して「開始」を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="118"/>
        <source>&amp;Import trial…</source>
        <translation>トライアルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="119"/>
        <source>Read a trial file (JSON), check it and add it to this workspace (Ctrl+I).</source>
        <translation>トライアル ファイル (JSON) を読み込んで検証し、このワークスペースに追加します (Ctrl+I)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="120"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="121"/>
        <source>Run every strategy of the selected trial as new runs (Ctrl+R).</source>
        <translation>選択したトライアルのすべての戦略を新しい実行として実行します (Ctrl+R)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="122"/>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="130"/>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="139"/>
        <source>Import trial…</source>
        <translation>トライアルをインポート…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="135"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="140"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="124"/>
        <source>Stop the running trial; the run is recorded as interrupted and, with the trial&apos;s runs that had not started, can be resumed (Ctrl+.).</source>
        <translation>実行中のトライアルを停止します。実行は「中断」として記録され、まだ開始していないトライアルの実行とともに再開できます (Ctrl+.)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="126"/>
        <source>&amp;Pause after round</source>
        <translation>ラウンド後に一時停止(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="128"/>
        <source>Stop the running trial once the round in progress is recorded; the run is recorded as paused and Resume continues it with the next round (Ctrl+Shift+P).</source>
        <translation>実行中のラウンドが記録された時点でトライアルを停止します。実行は「一時停止」として記録され、「再開」で次のラウンドから続行できます (Ctrl+Shift+P)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="132"/>
        <source>Continue the selected interrupted or queued run (or every one of the selected trial) from its last completed round (Ctrl+Shift+R).</source>
        <translation>選択した中断済みまたは待機中の実行 (またはトライアルのすべての実行) を、最後に完了したラウンドから続けます (Ctrl+Shift+R)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="134"/>
        <source>Import</source>
        <comment>toolbar: import a trial file</comment>
        <translation>インポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="136"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="141"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="137"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="142"/>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="138"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="143"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="229"/>
        <source>Import a trial file</source>
        <translation>トライアル ファイルのインポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="230"/>
        <source>Trial files (*.json);;All files (*)</source>
        <translation>トライアル ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="239"/>
        <source>Importing %1 …</source>
        <translation>%1 をインポートしています…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="253"/>
        <source>Starting “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を開始しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="266"/>
        <source>Cancelling “%1” after the current client …</source>
        <translation>現在のクライアントの処理後に「%1」をキャンセルします…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="276"/>
        <source>Pausing “%1” once the round in progress is recorded …</source>
        <translation>実行中のラウンドが記録された時点で「%1」を一時停止します…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="305"/>
        <source>Resuming “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を再開しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/TrialsPage.cpp" line="328"/>
        <source>%n trial(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件のトライアル</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="388"/>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="390"/>
        <source>Running “%1” · run %2 (%3) · round %4 of %5 · %6</source>
        <translation>「%1」を実行中 · 実行 %2 (%3) · ラウンド %4/%5 · %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="405"/>
        <source>Cancelled “%1”: the run is recorded as interrupted; Resume continues it.</source>
        <translation>「%1」をキャンセルしました: 実行は「中断」として記録されました。「再開」で続行できます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="409"/>
        <source>Paused “%1” after a recorded round; Resume continues it with the next round.</source>
        <translation>「%1」をラウンドの記録後に一時停止しました。「再開」で次のラウンドから続行できます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="412"/>
        <source>Finished “%1”: every run completed.</source>
        <translation>「%1」が終了しました: すべての実行が完了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="414"/>
        <source>“%1” stopped with an error.</source>
        <translation>「%1」はエラーで停止しました。</translation>
    </message>
</context>
<context>
    <name>fp::ui::WorkspaceOpener</name>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="21"/>
        <source>Cannot read the workspace in %1: %2</source>
        <translation>%1 のワークスペースを読み込めません: %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="28"/>
        <source>Create a workspace?</source>
        <translation>ワークスペースを作成しますか?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="29"/>
        <source>%1 holds no fedpilot workspace.

Create a new, empty workspace in this folder?</source>
        <translation>%1 には fedpilot のワークスペースがありません。

このフォルダーに新しい空のワークスペースを作成しますか?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="36"/>
        <source>The workspace in %1 was written by a newer fedpilot (schema %2; this version understands up to schema %3).

Open it with a newer fedpilot. It was not changed.</source>
        <translation>%1 のワークスペースは新しいバージョンの fedpilot で作成されています (スキーマ %2。このバージョンが扱えるのはスキーマ %3 まで)。

新しい fedpilot で開いてください。ワークスペースは変更していません。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="43"/>
        <source>%1 is not a fedpilot workspace database.

Choose another folder. The file was not changed.</source>
        <translation>%1 は fedpilot のワークスペース データベースではありません。

別のフォルダーを選んでください。ファイルは変更していません。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="54"/>
        <source>Cannot create a workspace in %1: %2</source>
        <translation>%1 にワークスペースを作成できません: %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="62"/>
        <source>The workspace in %1 was written by an older fedpilot (schema %2). This version uses schema %3 and must upgrade it before opening it; older versions of fedpilot will then no longer open it.

A backup copy of the database is made first, next to it (workspace-v%2-backup-&lt;time&gt;.sqlite).

Upgrade the workspace now?</source>
        <translation>%1 のワークスペースは古いバージョンの fedpilot で作成されています (スキーマ %2)。このバージョンはスキーマ %3 を使うため、開く前にアップグレードが必要です。アップグレード後は古いバージョンの fedpilot では開けなくなります。

先にデータベースのバックアップを同じフォルダーに作成します (workspace-v%2-backup-&lt;日時&gt;.sqlite)。

今すぐアップグレードしますか?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="69"/>
        <source>Upgrade the workspace?</source>
        <translation>ワークスペースをアップグレードしますか?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="74"/>
        <source>The workspace was not upgraded: the backup copy failed: %1</source>
        <translation>ワークスペースはアップグレードしていません: バックアップの作成に失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="80"/>
        <source>Upgrading the workspace failed: %1

The backup copy is %2.</source>
        <translation>ワークスペースのアップグレードに失敗しました: %1

バックアップは %2 です。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="84"/>
        <source>Workspace upgraded</source>
        <translation>ワークスペースをアップグレードしました</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="84"/>
        <source>The workspace in %1 now uses schema %2.

The database as it was before is kept as %3.</source>
        <translation>%1 のワークスペースはスキーマ %2 になりました。

以前のデータベースは %3 として残しています。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/WorkspaceOpener.cpp" line="93"/>
        <source>Cannot open the workspace</source>
        <translation>ワークスペースを開けません</translation>
    </message>
</context>
<context>
    <name>fp::ui::WorkspaceTrials</name>
    <message>
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="52"/>
        <source>No workspace is open.</source>
        <translation>ワークスペースが開かれていません。</translation>
    </message>
    <message>
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="56"/>
        <source>Another trial file is being imported.</source>
        <translation>別のトライアル ファイルをインポート中です。</translation>
    </message>
</context>
</TS>
