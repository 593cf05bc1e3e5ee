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
    <name>RoundCharts</name>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="53"/>
        <location filename="../../ui/charts/RoundCharts.cpp" line="124"/>
        <location filename="../../ui/charts/RoundCharts.cpp" line="163"/>
        <source>Round</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="111"/>
        <source>%1·%2</source>
        <comment>run id, round</comment>
        <translation>%1·%2</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="124"/>
        <source>Run · round</source>
        <translation>実行 · ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="128"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="128"/>
        <source>kB</source>
        <translation>kB</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="168"/>
        <source>Samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="191"/>
        <source>Rouge-L per round (held-out tasks)</source>
        <translation>ラウンドごとの Rouge-L (評価用タスク)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="192"/>
        <source>Held-out loss per round</source>
        <translation>ラウンドごとの評価用損失</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="193"/>
        <source>Cumulative cost</source>
        <translation>累積コスト</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="194"/>
        <source>Bytes per round, by site</source>
        <translation>ラウンドごとのバイト数 (サイト別)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="195"/>
        <source>Samples selected per client</source>
        <translation>クライアントごとの選択サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="201"/>
        <source>%1 (run %2)</source>
        <translation>%1 (実行 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="209"/>
        <source>Rouge-L (%)</source>
        <translation>Rouge-L (%)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="215"/>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location filename="../../ui/charts/RoundCharts.cpp" line="221"/>
        <source>Cost</source>
        <translation>コスト</translation>
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
    <name>fp::ui::ClientStatus</name>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="111"/>
        <source>trained</source>
        <translation>学習済み</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="112"/>
        <source>skipped: empty coreset</source>
        <translation>スキップ: コアセットが空</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="113"/>
        <source>skipped: no samples</source>
        <translation>スキップ: サンプルなし</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="115"/>
        <source>skipped: %1</source>
        <translation>スキップ: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="116"/>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="117"/>
        <source>dropped: %1</source>
        <translation>除外: %1</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="118"/>
        <source>update rejected: %1</source>
        <translation>更新を拒否: %1</translation>
    </message>
</context>
<context>
    <name>fp::ui::ComparePage</name>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="97"/>
        <source>Run %1 · %2 · %3</source>
        <translation>実行 %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="110"/>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="111"/>
        <source>Compare runs side by side on ROI charts: Rouge-L gained against compute, bytes and cost.</source>
        <translation>ROI チャートで実行を並べて比較します: 計算量・通信量・コストに対して得られた Rouge-L。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="112"/>
        <source>Nothing to compare yet. Start a trial with two or more strategies on the Trials page; each run appears here once a round is evaluated.</source>
        <translation>まだ比較するものがありません。「トライアル」ページで 2 つ以上の戦略を持つトライアルを開始してください。ラウンドが評価されると各実行がここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="114"/>
        <source>Rouge-L against</source>
        <translation>Rouge-L の比較対象</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="115"/>
        <source>Export chart…</source>
        <translation>グラフを書き出す…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="116"/>
        <source>Save the chart as a PNG file.</source>
        <translation>グラフを PNG ファイルとして保存します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="117"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="117"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="117"/>
        <source>Bytes moved (MB)</source>
        <translation>通信量 (MB)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="117"/>
        <source>Data used (%)</source>
        <translation>使用データ (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="131"/>
        <source>Save chart as PNG</source>
        <translation>グラフを PNG で保存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="132"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="137"/>
        <source>Export failed</source>
        <translation>書き出しに失敗しました</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="177"/>
        <source>Rouge-L (%)</source>
        <translation>Rouge-L (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="189"/>
        <source>Pareto front</source>
        <translation>パレート フロント</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="218"/>
        <source>Run %1 (%2), trial %3
Rouge-L %4, %5: %6</source>
        <translation>実行 %1 (%2)、トライアル %3
Rouge-L %4、%5: %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ComparePage.cpp" line="223"/>
        <source>On the Pareto front: no other run reached a higher Rouge-L for less.</source>
        <translation>パレート フロント上: これより少ない量でより高い Rouge-L に達した実行は他にありません。</translation>
    </message>
</context>
<context>
    <name>fp::ui::CoresetChart</name>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="114"/>
        <source>Noise (%n sample(s))</source>
        <translation>
            <numerusform>ノイズ (%n サンプル)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="127"/>
        <source>Group %1 (%n sample(s))</source>
        <translation>
            <numerusform>グループ %1 (%n サンプル)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="138"/>
        <source>Selected for training (%n)</source>
        <translation>
            <numerusform>学習に選ばれたサンプル (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="140"/>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="140"/>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="160"/>
        <source>Group centers sent (%n)</source>
        <translation>
            <numerusform>送信されたグループ中心 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="165"/>
        <source>Chosen by the coordinator (%n)</source>
        <translation>
            <numerusform>コーディネーターが選んだグループ (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="168"/>
        <source>t-SNE 1 (the client&apos;s map)</source>
        <translation>t-SNE 1 (クライアント自身のマップ)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="168"/>
        <source>t-SNE 2 (the client&apos;s map)</source>
        <translation>t-SNE 2 (クライアント自身のマップ)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="170"/>
        <source>Projected coordinate 1 of %1</source>
        <translation>射影座標 1 (全 %1 次元)</translation>
    </message>
    <message>
        <location filename="../../ui/charts/CoresetChart.cpp" line="170"/>
        <source>Projected coordinate 2 of %1</source>
        <translation>射影座標 2 (全 %1 次元)</translation>
    </message>
</context>
<context>
    <name>fp::ui::CoresetClientsModel</name>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="48"/>
        <source>Client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="49"/>
        <source>Site</source>
        <translation>サイト</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="50"/>
        <source>Samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="51"/>
        <source>Groups</source>
        <translation>グループ数</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="52"/>
        <source>Selected</source>
        <translation>選択数</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="53"/>
        <source>Kept</source>
        <translation>保存内容</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="66"/>
        <source>%1 of site %2: %3</source>
        <translation>サイト %2 の %1: %3</translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="91"/>
        <source>%1 (agent)</source>
        <translation>%1 (エージェント)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="98"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n 点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="101"/>
        <source>%n center(s)</source>
        <translation>
            <numerusform>中心 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="103"/>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>fp::ui::EstimateModel</name>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="43"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="44"/>
        <source>Clients / round</source>
        <translation>クライアント数 / ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="45"/>
        <source>Samples held / round</source>
        <translation>保有サンプル / ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="46"/>
        <source>Samples trained / round</source>
        <translation>学習サンプル / ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="47"/>
        <source>Data used</source>
        <translation>使用データ</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="48"/>
        <source>Bytes (run)</source>
        <translation>通信量 (ラン)</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="49"/>
        <source>Compute (run)</source>
        <translation>計算時間 (ラン)</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="50"/>
        <source>Cost (run)</source>
        <translation>コスト (ラン)</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="71"/>
        <source>At most one sample per global cluster of the round&apos;s %1 expected group centers.</source>
        <translation>ラウンドで見込まれる %1 個のグループ中心から、グローバルクラスタごとに最大 1 サンプル。</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="88"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="91"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="120"/>
        <source>%1 would train on almost nothing: %2 samples per round. Its %3 clients per round send about %4 group centers, too few for the server&apos;s clustering (server_min_cluster_size %5). Set schedule.participation to %6 or more.</source>
        <translation>%1 はほとんど何も学習しません (1 ラウンドあたり %2 サンプル)。ラウンドあたり %3 クライアントが送るグループ中心は約 %4 個で、サーバーのクラスタリング (server_min_cluster_size %5) には少なすぎます。schedule.participation を %6 以上にしてください。</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="129"/>
        <source>%1 would train on almost nothing: %2 samples per round. Its clients hold about %3 samples (median), too few for groups of min_cluster_size %4.</source>
        <translation>%1 はほとんど何も学習しません (1 ラウンドあたり %2 サンプル)。クライアントの保有サンプルは約 %3 件 (中央値) で、min_cluster_size %4 のグループを作るには少なすぎます。</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="135"/>
        <source>Set selection.min_cluster_size to %1, or split the sites into at most %2 clients in all.</source>
        <translation>selection.min_cluster_size を %1 にするか、サイト全体のクライアント数を %2 以下に分割してください。</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="141"/>
        <source>Split the sites into at most %1 clients in all (partition.clients), so that each holds enough samples for about two groups.</source>
        <translation>各クライアントが約 2 グループ分のサンプルを持つよう、サイト全体を %1 クライアント以下に分割してください (partition.clients)。</translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="155"/>
        <source>%1: an agent holds the data and its clients (not estimated here)</source>
        <translation>%1: データとクライアントはエージェントが保持 (ここでは見積もりません)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/EstimateModel.cpp" line="163"/>
        <source>%1: %n client(s), %2 training samples (per client %3 to %4), %5 held out</source>
        <translation>
            <numerusform>%1: %n クライアント、学習サンプル %2 件 (クライアントあたり %3〜%4 件)、評価用 %5 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/models/EstimateModel.cpp" line="176"/>
        <source>Bytes, compute and cost need a calibration: press Calibrate to time the trial&apos;s model on this machine.</source>
        <translation>通信量・計算時間・コストには較正が必要です: 「較正して見積もる」でこのマシン上のモデルを計測します。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/EstimateModel.cpp" line="180"/>
        <source>Calibrated on this machine: %1 s/sample for features, %2 s/sample for training (%3 and %4 samples timed, %n thread(s)); adapter %5 each way. Clustering time is not included.</source>
        <translation>
            <numerusform>このマシンで較正: 特徴抽出 %1 秒/サンプル、学習 %2 秒/サンプル (%3 件と %4 件を計測、%n スレッド)。アダプタは片道 %5。クラスタリング時間は含みません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::InspectorPage</name>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="113"/>
        <source>Coreset</source>
        <translation>コアセット</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="113"/>
        <source>See what selection kept: a client&apos;s samples on its t-SNE map, coloured by group, with the samples it trained on ringed.</source>
        <translation>選択が何を残したかを確認します: クライアントのサンプルを t-SNE マップ上にグループごとの色で表示し、学習に使ったサンプルを丸で囲みます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="115"/>
        <source>No coreset to inspect yet. Run a FedHDS trial first (Trials page &gt; Start, Ctrl+R): every round keeps each sampled client&apos;s t-SNE map, its groups and the samples it selected (for sites simulated in this console; for remote sites, the centers they sent).</source>
        <translation>まだ確認できるコアセットがありません。まず FedHDS のトライアルを実行してください (「トライアル」ページ &gt; 開始、Ctrl+R)。各ラウンドで、選ばれた各クライアントの t-SNE マップ、グループ、選択したサンプルが保存されます (このコンソールでシミュレートしたサイトの場合。リモートサイトは送信したグループ中心のみ)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="118"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="119"/>
        <source>Round</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="130"/>
        <source>Run %1 · %2 · %3</source>
        <translation>実行 %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="135"/>
        <location filename="../../ui/pages/InspectorPage.cpp" line="233"/>
        <source>Round %1</source>
        <translation>ラウンド %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="367"/>
        <source>Sample %1 · group %2</source>
        <translation>サンプル %1 · グループ %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="368"/>
        <source>Sample %1 · noise (in no group)</source>
        <translation>サンプル %1 · ノイズ (どのグループにも属さない)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="371"/>
        <source>Selected for training this round</source>
        <translation>このラウンドで学習に選ばれました</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="374"/>
        <source>Task: %1</source>
        <translation>タスク: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="377"/>
        <source>Input: %1</source>
        <translation>入力: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="380"/>
        <source>Reading the site&apos;s data…</source>
        <translation>サイトのデータを読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="383"/>
        <source>Instruction text unavailable: %1</source>
        <translation>指示テキストを表示できません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="394"/>
        <source>Group %1 of %2</source>
        <translation>%2 のグループ %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="396"/>
        <source>Chosen by the coordinator: the client trains on its sample nearest this center</source>
        <translation>コーディネーターが選択: クライアントはこの中心に最も近いサンプルで学習します</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="397"/>
        <source>Not chosen this round</source>
        <translation>このラウンドでは選ばれませんでした</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="398"/>
        <source>Center as sent: (%1)</source>
        <translation>送信された中心: (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="411"/>
        <source>Run %1 (%2) trains without clustering (all the data, or a budgeted random sample): it has no t-SNE map. Pick a FedHDS run.</source>
        <translation>実行 %1 (%2) はクラスタリングせずに学習します (全データ、または予算内のランダムなサンプル)。t-SNE マップはありません。FedHDS の実行を選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="416"/>
        <source>Run %1 has no coreset map: it was recorded before fedpilot kept them, or none of its clients could be clustered. Run a FedHDS trial to inspect its coreset.</source>
        <translation>実行 %1 にはコアセットのマップがありません。fedpilot がマップを保存する前に記録されたか、どのクライアントもクラスタリングできませんでした。コアセットを確認するには FedHDS のトライアルを実行してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="423"/>
        <source>Cannot read the run&apos;s coreset records: %1</source>
        <translation>実行のコアセット記録を読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="427"/>
        <source>Run %1 has no recorded round yet; its clients appear here round by round.</source>
        <translation>実行 %1 にはまだ記録されたラウンドがありません。クライアントはラウンドごとにここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="439"/>
        <source>Pick a client on the left.</source>
        <translation>左の一覧からクライアントを選んでください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="442"/>
        <source>Cannot read this client&apos;s map: %1</source>
        <translation>このクライアントのマップを読み込めません: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="452"/>
        <source>Round %1, client %2 of site %3: %n sample(s) on its t-SNE map.</source>
        <translation>
            <numerusform>ラウンド %1、サイト %3 のクライアント %2: t-SNE マップ上に %n サンプル。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="455"/>
        <source>%n group(s), one colour each.</source>
        <translation>
            <numerusform>%n グループ (グループごとに色分け)。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="456"/>
        <source>%n sample(s) in no group (grey).</source>
        <translation>
            <numerusform>どのグループにも属さないサンプル %n 件 (灰色)。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="457"/>
        <source>%n selected for training (ringed).</source>
        <translation>
            <numerusform>学習に選ばれたサンプル %n 件 (丸で囲んだもの)。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="460"/>
        <source>Showing %1 of %2 samples: the workspace keeps at most %3 per client and round (every selected sample, the others evenly spaced).</source>
        <translation>%2 サンプル中 %1 件を表示しています: ワークスペースはクライアントとラウンドごとに最大 %3 件を保存します (選ばれたサンプルはすべて、その他は等間隔に間引き)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="465"/>
        <source>Hover a point for its sample and instruction text.</source>
        <translation>点にポインターを合わせると、サンプルと指示テキストが表示されます。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="468"/>
        <source>It sent %n group center(s).</source>
        <translation>
            <numerusform>送信したグループ中心は %n 個です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="469"/>
        <source>The coordinator chose %n of them (ringed).</source>
        <translation>
            <numerusform>コーディネーターはそのうち %n 個を選びました (丸で囲んだもの)。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="470"/>
        <source>Round %1, client %2 of site %3 (an agent): its samples never leave the site, so only what crossed the wire is shown.</source>
        <translation>ラウンド %1、サイト %3 (エージェント) のクライアント %2: サンプルはサイトの外に出ないため、通信された内容だけを表示しています。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="472"/>
        <source>Round %1, client %2 of site %3: its clustering fell back to one group, so it has no t-SNE map; only its centers are shown.</source>
        <translation>ラウンド %1、サイト %3 のクライアント %2: クラスタリングが 1 グループにフォールバックしたため t-SNE マップはありません。中心のみを表示しています。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/InspectorPage.cpp" line="478"/>
        <source>Round %1, client %2 of site %3: nothing to show (%4). A client with fewer samples than a group needs (selection.min_cluster_size) is not clustered.</source>
        <translation>ラウンド %1、サイト %3 のクライアント %2: 表示するものがありません (%4)。サンプル数がグループに必要な数 (selection.min_cluster_size) より少ないクライアントはクラスタリングされません。</translation>
    </message>
</context>
<context>
    <name>fp::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="162"/>
        <source>No recent workspaces</source>
        <translation>最近使ったワークスペースはありません</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="171"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="172"/>
        <source>Open &amp;recent</source>
        <translation>最近使ったワークスペース(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="173"/>
        <source>&amp;Trial</source>
        <translation>トライアル(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="174"/>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="175"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="176"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="177"/>
        <source>&amp;New workspace…</source>
        <translation>新しいワークスペース(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="178"/>
        <source>Create a workspace in a folder you choose (Ctrl+N).</source>
        <translation>選んだフォルダーにワークスペースを作成します (Ctrl+N)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="179"/>
        <source>&amp;Open workspace…</source>
        <translation>ワークスペースを開く(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="180"/>
        <source>Open the workspace in a folder (Ctrl+O).</source>
        <translation>フォルダー内のワークスペースを開きます (Ctrl+O)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="181"/>
        <source>&amp;Clear the list</source>
        <translation>一覧を消去(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="182"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="183"/>
        <source>Language, threads for runs, default workspace (Ctrl+,).</source>
        <translation>言語、実行のスレッド数、既定のワークスペース (Ctrl+,)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="185"/>
        <source>Re&amp;fresh</source>
        <translation>更新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="186"/>
        <source>Read the trials and runs again from the workspace (F5).</source>
        <translation>ワークスペースからトライアルと実行を読み直します (F5)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="187"/>
        <source>&amp;About fedpilot</source>
        <translation>fedpilot について(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="188"/>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="189"/>
        <source>Toolbar</source>
        <translation>ツールバー</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="191"/>
        <source>New</source>
        <comment>toolbar: new workspace</comment>
        <translation>新規</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="192"/>
        <source>Open</source>
        <comment>toolbar: open workspace</comment>
        <translation>開く</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="193"/>
        <source>Refresh</source>
        <comment>toolbar</comment>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="194"/>
        <source>Settings</source>
        <comment>toolbar</comment>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="204"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="204"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/MainWindowMenus.cpp" line="205"/>
        <source>LibTorch %1 · %2 · %n thread(s) per run</source>
        <translation>
            <numerusform>LibTorch %1 · %2 · 実行あたり %n スレッド</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="207"/>
        <source>LibTorch %1 · %2 · threads per run: automatic</source>
        <translation>LibTorch %1 · %2 · 実行あたりのスレッド数: 自動</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="209"/>
        <source>No workspace open</source>
        <translation>ワークスペースが開かれていません</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="210"/>
        <source>Workspace: %1</source>
        <translation>ワークスペース: %1</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindowMenus.cpp" line="184"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="151"/>
        <source>A trial is running</source>
        <translation>トライアルを実行中です</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="152"/>
        <source>A trial is running in %1. Cancel it (Run &gt; Cancel) before opening another workspace.</source>
        <translation>%1 でトライアルを実行中です。別のワークスペースを開く前にキャンセルしてください (実行 &gt; キャンセル)。</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="178"/>
        <source>Open a workspace folder</source>
        <translation>ワークスペースのフォルダーを開く</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="181"/>
        <source>Choose a folder for the new workspace</source>
        <translation>新しいワークスペースのフォルダーを選択</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="209"/>
        <source>fedpilot — no workspace</source>
        <translation>fedpilot — ワークスペースなし</translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="211"/>
        <source>%1 — fedpilot</source>
        <translation>%1 — fedpilot</translation>
    </message>
</context>
<context>
    <name>fp::ui::MonitorPage</name>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="163"/>
        <source>Monitor</source>
        <translation>モニター</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="163"/>
        <source>Watch a trial&apos;s runs round by round: accuracy, loss, cost, bytes per site, the data each client trained on, the sites and what went wrong.</source>
        <translation>トライアルの実行をラウンドごとに見守ります: 精度、損失、コスト、サイトごとのバイト数、各クライアントが学習したデータ量、サイトの状態、発生した問題。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="165"/>
        <source>No run to watch yet. Start a trial on the Trials page (Run &gt; Start, Ctrl+R), or from a terminal with fedpilot-cli run TRIAL.json --workspace and this workspace&apos;s folder: its rounds appear here as they are recorded.</source>
        <translation>見守る実行はまだありません。トライアルページでトライアルを開始するか (実行 &gt; 開始、Ctrl+R)、ターミナルで fedpilot-cli run TRIAL.json --workspace にこのワークスペースのフォルダーを指定して実行してください。ラウンドは記録され次第ここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="168"/>
        <source>Trial</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="169"/>
        <source>Export charts…</source>
        <translation>グラフを書き出す…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="170"/>
        <source>Save every chart as a PNG file in a folder you choose.</source>
        <translation>すべてのグラフを、選んだフォルダーに PNG ファイルとして保存します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="172"/>
        <source>Save chart as PNG…</source>
        <translation>グラフを PNG で保存…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="216"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="291"/>
        <source>Follow the running trial</source>
        <translation>実行中のトライアルを追跡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="303"/>
        <source>Follow the running trial (now: %1)</source>
        <translation>実行中のトライアルを追跡 (現在: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="334"/>
        <source>Sites of %1</source>
        <translation>%1 のサイト</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="338"/>
        <source>%1/%2 rounds</source>
        <translation>%1/%2 ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="344"/>
        <source>%1 is running: %2.</source>
        <translation>%1 を実行中: %2。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="345"/>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/MonitorPage.cpp" line="348"/>
        <source>%1 %2 of %n run(s) of this trial completed.</source>
        <translation>
            <numerusform>%1 このトライアルの %n 件の実行のうち %2 件が完了しました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="365"/>
        <source>Export charts to a folder</source>
        <translation>グラフの書き出し先フォルダー</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/MonitorPage.cpp" line="371"/>
        <source>Wrote %n chart(s) to %1.</source>
        <translation>
            <numerusform>%1 に %n 個のグラフを書き出しました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="372"/>
        <location filename="../../ui/pages/MonitorPage.cpp" line="385"/>
        <source>Export failed: %1</source>
        <translation>書き出しに失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="377"/>
        <source>Save chart as PNG</source>
        <translation>グラフを PNG で保存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="379"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/MonitorPage.cpp" line="384"/>
        <source>Wrote %1.</source>
        <translation>%1 を書き出しました。</translation>
    </message>
</context>
<context>
    <name>fp::ui::MonitorRunsModel</name>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="51"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="52"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="53"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="54"/>
        <source>Rounds</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="55"/>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="56"/>
        <source>Rouge-L</source>
        <translation>Rouge-L</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="57"/>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="69"/>
        <source>round %1 of %2</source>
        <translation>ラウンド %1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="71"/>
        <source>round %1 of %2: %3</source>
        <translation>ラウンド %1/%2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="73"/>
        <source>%1 (%2/%3)</source>
        <comment>phase (done/total)</comment>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message>
        <location filename="../../ui/models/MonitorRunsModel.cpp" line="90"/>
        <source>Checked runs are drawn in the charts.</source>
        <translation>チェックした実行がグラフに描かれます。</translation>
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
        <location filename="../../ui/pages/ReportsPage.cpp" line="73"/>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="73"/>
        <source>Export reports (CSV, PDF) from the stored runs.</source>
        <translation>保存された実行からレポート (CSV、PDF) を書き出します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="76"/>
        <source>Rounds as CSV…</source>
        <translation>ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="76"/>
        <source>Client rounds as CSV…</source>
        <translation>クライアント別ラウンドを CSV で…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="76"/>
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
        <location filename="../../ui/pages/ReportsPage.cpp" line="63"/>
        <source>Export failed: %1</source>
        <translation>書き出しに失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="74"/>
        <source>No stored runs to report on yet. Start a trial on the Trials page; its rounds can be exported here as CSV or PDF.</source>
        <translation>レポートにできる実行はまだありません。「トライアル」ページでトライアルを開始してください。そのラウンドをここで CSV や PDF に書き出せます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="83"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="83"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="84"/>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <location filename="../../ui/pages/ReportsPage.cpp" line="96"/>
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
    <name>fp::ui::RunEventsModel</name>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="41"/>
        <source>Client failed</source>
        <translation>クライアント失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="42"/>
        <source>Site dropped</source>
        <translation>サイト離脱</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="43"/>
        <source>Site rejoined</source>
        <translation>サイト復帰</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="44"/>
        <source>Round failed</source>
        <translation>ラウンド失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="45"/>
        <source>Clustering fallback</source>
        <translation>クラスタリングの代替処理</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="46"/>
        <source>Steps skipped</source>
        <translation>ステップのスキップ</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="47"/>
        <source>No update</source>
        <translation>更新なし</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="48"/>
        <source>Update rejected</source>
        <translation>更新の却下</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="49"/>
        <source>Evaluation failed</source>
        <translation>評価失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="75"/>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="76"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="77"/>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunEventsModel.cpp" line="78"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunStatus</name>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="15"/>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="16"/>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="17"/>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="18"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="19"/>
        <source>interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="22"/>
        <source>%1 %</source>
        <comment>a percentage; %1 is the number</comment>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="23"/>
        <source>%1 B</source>
        <comment>bytes</comment>
        <translation>%1 バイト</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="24"/>
        <source>%1 kB</source>
        <comment>kilobytes: 1000 bytes</comment>
        <translation>%1 kB</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="25"/>
        <source>%1 MB</source>
        <comment>megabytes: 1000 kB</comment>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="26"/>
        <source>%1 GB</source>
        <comment>gigabytes: 1000 MB</comment>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="27"/>
        <source>%1 TB</source>
        <comment>terabytes: 1000 GB</comment>
        <translation>%1 TB</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="35"/>
        <source>selecting data</source>
        <translation>データ選択中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="38"/>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="41"/>
        <source>aggregating</source>
        <translation>集約中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="44"/>
        <source>evaluating</source>
        <translation>評価中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="47"/>
        <source>recording</source>
        <translation>記録中</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunStatus.cpp" line="20"/>
        <source>paused</source>
        <translation>一時停止</translation>
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
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="104"/>
        <source>%1 stopped with an error</source>
        <translation>%1 はエラーで停止しました</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/RunStatusIndicator.cpp" line="103"/>
        <source>%1 paused after a round (resumable)</source>
        <translation>%1 をラウンド終了時に一時停止しました (再開できます)</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsPage</name>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="61"/>
        <source>Runs</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="61"/>
        <source>Watch running and finished runs: accuracy, communication volume and cost per round.</source>
        <translation>実行中・完了した実行を確認します: ラウンドごとの精度、通信量、コスト。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="67"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="51"/>
        <source>Loading %1 …</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="54"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="62"/>
        <source>No runs yet. Select a trial on the Trials page and press Start (Ctrl+R); its runs appear here round by round.</source>
        <translation>まだ実行がありません。「トライアル」ページでトライアルを選んで「開始」(Ctrl+R) を押すと、その実行がラウンドごとにここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="68"/>
        <source>Read the runs again from the workspace (F5).</source>
        <translation>ワークスペースから実行を読み直します (F5)。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/RunsPage.cpp" line="76"/>
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件の実行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="64"/>
        <source>Inspect coreset…</source>
        <translation>コアセットを確認…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/RunsPage.cpp" line="65"/>
        <source>Show the selected run&apos;s coreset: each client&apos;s samples on its t-SNE map, by group, with the ones it trained on.</source>
        <translation>選択した実行のコアセットを表示します: 各クライアントのサンプルを t-SNE マップ上にグループごとに示し、学習に使ったサンプルを示します。</translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsTableModel</name>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="24"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="25"/>
        <source>Trial</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="26"/>
        <source>Strategy</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="27"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="28"/>
        <source>Rounds</source>
        <translation>ラウンド</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="29"/>
        <source>Rouge-L</source>
        <translation>Rouge-L</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="30"/>
        <source>Data used</source>
        <translation>使用データ</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="31"/>
        <source>Bytes moved</source>
        <translation>通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="32"/>
        <source>Selection bytes</source>
        <translation>選択の通信量</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="33"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/RunsTableModel.cpp" line="34"/>
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
    <name>fp::ui::SiteStatusModel</name>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="78"/>
        <source>Site</source>
        <translation>サイト</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="79"/>
        <source>Runs at</source>
        <translation>実行場所</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="80"/>
        <source>Clients</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="81"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="88"/>
        <source>waiting for its first round</source>
        <translation>最初のラウンド待ち</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="95"/>
        <source>rejoined in round %1 (dropped in round %2)</source>
        <translation>ラウンド %1 で復帰 (ラウンド %2 で離脱)</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="96"/>
        <source>reachable (round %1)</source>
        <translation>接続可能 (ラウンド %1)</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="98"/>
        <source>round %1: %2 trained, %3 skipped, %4 failed</source>
        <translation>ラウンド %1: 学習 %2、スキップ %3、失敗 %4</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="103"/>
        <source>round %1: %2 trained, %3 skipped</source>
        <translation>ラウンド %1: 学習 %2、スキップ %3</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="92"/>
        <source>dropped in round %1</source>
        <translation>ラウンド %1 で離脱</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="117"/>
        <source>this process (simulated)</source>
        <translation>このプロセス (シミュレーション)</translation>
    </message>
    <message>
        <location filename="../../ui/models/SiteStatusModel.cpp" line="118"/>
        <source>agent %1</source>
        <translation>エージェント %1</translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialEditorDialog</name>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="377"/>
        <source>The trial is valid.</source>
        <translation>トライアルは有効です。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="393"/>
        <source>Reading the sites&apos; data and timing the model on this machine …</source>
        <translation>サイトのデータを読み込み、このマシンでモデルを計測しています …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="394"/>
        <source>Reading and splitting the sites&apos; data …</source>
        <translation>サイトのデータを読み込み、分割しています …</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="418"/>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="424"/>
        <source>Export the trial file</source>
        <translation>トライアルファイルをエクスポート</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="419"/>
        <source>Trial files (*.json);;All files (*)</source>
        <translation>トライアルファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="436"/>
        <source>Trial editor — %1</source>
        <translation>トライアルエディタ — %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="437"/>
        <source>General</source>
        <translation>全般</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="437"/>
        <source>Sites</source>
        <translation>サイト</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="437"/>
        <source>Strategies</source>
        <translation>戦略</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="438"/>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="438"/>
        <source>Evaluation</source>
        <translation>評価</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="438"/>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="468"/>
        <source>Estimate</source>
        <translation>見積もり</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="446"/>
        <source>default: %1</source>
        <translation>既定: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="448"/>
        <source>(not set)</source>
        <translation>(未設定)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="448"/>
        <source>default (%1)</source>
        <translation>既定 (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="462"/>
        <source>Local data (simulated in this process)</source>
        <translation>ローカルデータ (このプロセスでシミュレート)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="463"/>
        <source>Remote agent (fedpilot-agent holds the data)</source>
        <translation>リモートエージェント (fedpilot-agent がデータを保持)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="464"/>
        <source>the trial&apos;s, e.g. {&quot;centers&quot;: &quot;tsne&quot;}</source>
        <translation>トライアルの設定。例: {&quot;centers&quot;: &quot;tsne&quot;}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="465"/>
        <source>the trial&apos;s, e.g. {&quot;max_per_round&quot;: 100}</source>
        <translation>トライアルの設定。例: {&quot;max_per_round&quot;: 100}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="466"/>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="467"/>
        <source>Add to workspace</source>
        <translation>ワークスペースに追加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="469"/>
        <source>Calibrate and estimate</source>
        <translation>較正して見積もる</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorDialog.cpp" line="475"/>
        <source>Press Estimate to read the sites&apos; data and see, per strategy, what a run would train, move and cost.</source>
        <translation>「見積もり」を押すと、サイトのデータを読み込み、戦略ごとにランの学習量・通信量・コストを表示します。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="114"/>
        <source>Add site</source>
        <translation>サイトを追加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="115"/>
        <source>Add agent site</source>
        <translation>エージェントサイトを追加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="116"/>
        <source>Remove site</source>
        <translation>サイトを削除</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="133"/>
        <source>Site&apos;s data</source>
        <translation>サイトのデータ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="163"/>
        <source>Add method</source>
        <translation>手法を追加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="164"/>
        <source>Add variant</source>
        <translation>バリアントを追加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="165"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="192"/>
        <source>Method</source>
        <translation>手法</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="192"/>
        <source>Variant name (empty: the plain method)</source>
        <translation>バリアント名 (空: 手法そのもの)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="193"/>
        <source>Selection overrides (JSON)</source>
        <translation>選択の上書き (JSON)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="193"/>
        <source>Budget overrides (JSON)</source>
        <translation>予算の上書き (JSON)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorPages.cpp" line="210"/>
        <source>Trial-wide selection and budget: every strategy uses them unless its entry overrides them.</source>
        <translation>トライアル全体の選択と予算: 各戦略は、エントリで上書きしない限りこれを使います。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="12"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="13"/>
        <source>Model (llama2.c .bin or Hugging Face folder)</source>
        <translation>モデル (llama2.c .bin または Hugging Face フォルダ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="14"/>
        <source>Tokenizer</source>
        <translation>トークナイザ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="14"/>
        <source>the model&apos;s own</source>
        <translation>モデル付属のもの</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="15"/>
        <source>Training tokens per sample</source>
        <translation>サンプルあたりの学習トークン数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="16"/>
        <source>Feature tokens per sample</source>
        <translation>サンプルあたりの特徴トークン数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="17"/>
        <source>Truncation</source>
        <translation>切り詰め</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="18"/>
        <source>Prompt template</source>
        <translation>プロンプトテンプレート</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="19"/>
        <source>LoRA rank</source>
        <translation>LoRA ランク</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="20"/>
        <source>LoRA alpha</source>
        <translation>LoRA alpha</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="21"/>
        <source>LoRA dropout</source>
        <translation>LoRA ドロップアウト</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="22"/>
        <source>LoRA target modules (one per line)</source>
        <translation>LoRA 対象モジュール (1 行に 1 つ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="22"/>
        <source>all seven</source>
        <translation>7 つすべて</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="23"/>
        <source>Aggregation</source>
        <translation>集約</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="26"/>
        <source>Site name</source>
        <translation>サイト名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="27"/>
        <source>Data files or folders (one per line)</source>
        <translation>データファイルまたはフォルダ (1 行に 1 つ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="28"/>
        <source>Partition</source>
        <translation>分割方式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="29"/>
        <source>Clients (dirichlet, iid)</source>
        <translation>クライアント数 (dirichlet, iid)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="30"/>
        <source>Dirichlet alpha</source>
        <translation>ディリクレ alpha</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="31"/>
        <source>Dirichlet minimum samples per client</source>
        <translation>ディリクレ: クライアントあたりの最小サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="32"/>
        <source>Samples per client at most</source>
        <translation>クライアントあたりの最大サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="32"/>
        <source>0 (all)</source>
        <translation>0 (すべて)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="33"/>
        <source>Compute price per hour</source>
        <translation>計算単価 (1 時間あたり)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="34"/>
        <source>Transfer price per GB</source>
        <translation>転送単価 (1 GB あたり)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="37"/>
        <source>Agent address (host:port)</source>
        <translation>エージェントのアドレス (host:port)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="38"/>
        <source>CA file</source>
        <translation>CA ファイル</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="39"/>
        <source>TLS server name</source>
        <translation>TLS サーバー名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="39"/>
        <source>the host</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="40"/>
        <source>Token file</source>
        <translation>トークンファイル</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="40"/>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="41"/>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="42"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="41"/>
        <source>Client certificate (mutual TLS)</source>
        <translation>クライアント証明書 (相互 TLS)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="42"/>
        <source>Client key (mutual TLS)</source>
        <translation>クライアント鍵 (相互 TLS)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="43"/>
        <source>Plaintext (loopback test agent only)</source>
        <translation>平文 (ループバックのテスト用エージェントのみ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="46"/>
        <source>Client min_cluster_size</source>
        <translation>クライアントの min_cluster_size</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="47"/>
        <source>Client min_samples</source>
        <translation>クライアントの min_samples</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="47"/>
        <source>0 (= min_cluster_size)</source>
        <translation>0 (= min_cluster_size)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="48"/>
        <source>Server min_cluster_size</source>
        <translation>サーバーの min_cluster_size</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="49"/>
        <source>t-SNE perplexity</source>
        <translation>t-SNE パープレキシティ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="50"/>
        <source>t-SNE iterations</source>
        <translation>t-SNE 反復回数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="51"/>
        <source>DP noise sigma</source>
        <translation>DP ノイズ sigma</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="52"/>
        <source>Center space</source>
        <translation>中心の空間</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="53"/>
        <source>Projected center dimensions</source>
        <translation>射影した中心の次元数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="54"/>
        <source>HDBSCAN definition</source>
        <translation>HDBSCAN の定義</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="55"/>
        <source>Budget: fraction per client at most</source>
        <translation>予算: クライアントあたりの最大割合</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="55"/>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="56"/>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="57"/>
        <source>0 (no limit)</source>
        <translation>0 (上限なし)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="56"/>
        <source>Budget: samples per client at most</source>
        <translation>予算: クライアントあたりの最大サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="57"/>
        <source>Budget: samples per round at most</source>
        <translation>予算: ラウンドあたりの最大サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="60"/>
        <source>Rounds</source>
        <translation>ラウンド数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="61"/>
        <source>Participation (fraction of clients per round)</source>
        <translation>参加率 (ラウンドあたりのクライアントの割合)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="62"/>
        <source>Clients per round rounding</source>
        <translation>ラウンドあたりクライアント数の丸め</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="63"/>
        <source>Local epochs</source>
        <translation>ローカルエポック数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="64"/>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="65"/>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="66"/>
        <source>Evaluate every N rounds</source>
        <translation>N ラウンドごとに評価</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="67"/>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="70"/>
        <source>Held-out tasks (one per line)</source>
        <translation>評価用に除外するタスク (1 行に 1 つ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="71"/>
        <source>Central evaluation data (one per line)</source>
        <translation>中央評価データ (1 行に 1 つ)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="72"/>
        <source>Samples per task rule</source>
        <translation>タスクあたりサンプル数の規則</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="73"/>
        <source>Samples per task at most</source>
        <translation>タスクあたりの最大サンプル数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="74"/>
        <source>New tokens at most</source>
        <translation>最大生成トークン数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="75"/>
        <source>Federated evaluation at the sites</source>
        <translation>サイトでの連合評価</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="76"/>
        <source>Rouge-L definition</source>
        <translation>Rouge-L の定義</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="79"/>
        <source>Agent connect timeout (s)</source>
        <translation>エージェント接続タイムアウト (秒)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="80"/>
        <source>Call deadline (s)</source>
        <translation>呼び出し期限 (秒)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="81"/>
        <source>Deadline per sample (s)</source>
        <translation>サンプルあたりの期限 (秒)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="82"/>
        <source>Keepalive interval (s)</source>
        <translation>キープアライブ間隔 (秒)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="83"/>
        <source>Stop after failed rounds in a row</source>
        <translation>連続失敗ラウンドでの停止</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/TrialEditorFields.cpp" line="83"/>
        <source>0 (never)</source>
        <translation>0 (停止しない)</translation>
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
        <location filename="../../ui/pages/TrialsPage.cpp" line="115"/>
        <source>Trials</source>
        <translation>トライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="115"/>
        <source>Define sites, clients, the coreset budget and the round schedule, then start a trial locally or against remote agents.</source>
        <translation>サイト、クライアント、コアセット予算、ラウンドのスケジュールを定義し、ローカルまたはリモートエージェントに対してトライアルを開始します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="109"/>
        <source>No run in progress.</source>
        <translation>実行中のトライアルはありません。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="91"/>
        <source>Cannot read the workspace: %1</source>
        <translation>ワークスペースを読み込めません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="94"/>
        <source>Cannot import the trial file: %1</source>
        <translation>トライアル ファイルをインポートできません: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="99"/>
        <source>Imported “%1”. Select it and press Start.</source>
        <translation>「%1」をインポートしました。選択して「開始」を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="117"/>
        <source>No trials yet. Import a trial file with Trial &gt; Import trial… (Ctrl+I), then select it and press Start.</source>
        <translation>まだトライアルがありません。トライアル &gt; トライアルをインポート… (Ctrl+I) でトライアル ファイルを読み込み、選択して「開始」を押してください。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="119"/>
        <source>&amp;Import trial…</source>
        <translation>トライアルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="120"/>
        <source>Read a trial file (JSON), check it and add it to this workspace (Ctrl+I).</source>
        <translation>トライアル ファイル (JSON) を読み込んで検証し、このワークスペースに追加します (Ctrl+I)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="121"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="122"/>
        <source>Run every strategy of the selected trial as new runs (Ctrl+R).</source>
        <translation>選択したトライアルのすべての戦略を新しい実行として実行します (Ctrl+R)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="123"/>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="131"/>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="140"/>
        <source>Import trial…</source>
        <translation>トライアルをインポート…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="136"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="141"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="125"/>
        <source>Stop the running trial; the run is recorded as interrupted and, with the trial&apos;s runs that had not started, can be resumed (Ctrl+.).</source>
        <translation>実行中のトライアルを停止します。実行は「中断」として記録され、まだ開始していないトライアルの実行とともに再開できます (Ctrl+.)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="133"/>
        <source>Continue the selected interrupted or queued run (or every one of the selected trial) from its last completed round (Ctrl+Shift+R).</source>
        <translation>選択した中断済みまたは待機中の実行 (またはトライアルのすべての実行) を、最後に完了したラウンドから続けます (Ctrl+Shift+R)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="135"/>
        <source>Import</source>
        <comment>toolbar: import a trial file</comment>
        <translation>インポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="137"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="142"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="139"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="144"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="231"/>
        <source>Import a trial file</source>
        <translation>トライアル ファイルのインポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="232"/>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="117"/>
        <source>Trial files (*.json);;All files (*)</source>
        <translation>トライアル ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="241"/>
        <source>Importing %1 …</source>
        <translation>%1 をインポートしています…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="255"/>
        <source>Starting “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を開始しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="268"/>
        <source>Cancelling “%1” after the current client …</source>
        <translation>現在のクライアントの処理後に「%1」をキャンセルします…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="307"/>
        <source>Resuming “%1”: loading the model and the sites&apos; data …</source>
        <translation>「%1」を再開しています: モデルと各サイトのデータを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/TrialsPage.cpp" line="330"/>
        <source>%n trial(s) in %1</source>
        <translation>
            <numerusform>%1 に %n 件のトライアル</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="393"/>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="395"/>
        <source>Running “%1” · run %2 (%3) · round %4 of %5 · %6</source>
        <translation>「%1」を実行中 · 実行 %2 (%3) · ラウンド %4/%5 · %6</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="410"/>
        <source>Cancelled “%1”: the run is recorded as interrupted; Resume continues it.</source>
        <translation>「%1」をキャンセルしました: 実行は「中断」として記録されました。「再開」で続行できます。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="417"/>
        <source>Finished “%1”: every run completed.</source>
        <translation>「%1」が終了しました: すべての実行が完了しました。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="419"/>
        <source>“%1” stopped with an error.</source>
        <translation>「%1」はエラーで停止しました。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="37"/>
        <source>&amp;New trial…</source>
        <translation>新規トライアル(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="38"/>
        <source>Define a trial in the editor and add it to this workspace (Ctrl+Shift+N).</source>
        <translation>エディタでトライアルを定義し、このワークスペースに追加します (Ctrl+Shift+N)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="39"/>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="41"/>
        <source>Open the selected trial in the editor; saving adds the edited trial as a new one (Ctrl+E).</source>
        <translation>選択したトライアルをエディタで開きます。保存すると編集したトライアルが新しいトライアルとして追加されます (Ctrl+E)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="42"/>
        <source>&amp;Duplicate</source>
        <translation>複製(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="43"/>
        <source>Open a copy of the selected trial in the editor (Ctrl+D).</source>
        <translation>選択したトライアルのコピーをエディタで開きます (Ctrl+D)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="44"/>
        <source>E&amp;xport trial…</source>
        <translation>トライアルをエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="45"/>
        <source>Write the selected trial&apos;s file, as stored, to a file you choose.</source>
        <translation>選択したトライアルのファイルを、保存されているとおりに指定したファイルへ書き出します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="46"/>
        <source>E&amp;stimate…</source>
        <translation>見積もり(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="48"/>
        <source>Per strategy: clients per round, samples trained, bytes, compute seconds and cost, before starting.</source>
        <translation>開始前に、戦略ごとのラウンドあたりクライアント数・学習サンプル数・通信量・計算時間・コストを表示します。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="76"/>
        <source>new trial</source>
        <translation>新しいトライアル</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="90"/>
        <source>%1 (copy)</source>
        <translation>%1 (コピー)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="104"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="116"/>
        <source>Export the trial file</source>
        <translation>トライアルファイルをエクスポート</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="124"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPageEditing.cpp" line="128"/>
        <source>Exported the trial to %1.</source>
        <translation>トライアルを %1 にエクスポートしました。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="127"/>
        <source>&amp;Pause after round</source>
        <translation>ラウンド後に一時停止(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="129"/>
        <source>Stop the running trial once the round in progress is recorded; the run is recorded as paused and Resume continues it with the next round (Ctrl+Shift+P).</source>
        <translation>実行中のラウンドが記録された時点でトライアルを停止します。実行は「一時停止」として記録され、「再開」で次のラウンドから続行できます (Ctrl+Shift+P)。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="138"/>
        <location filename="../../ui/pages/TrialsPage.cpp" line="143"/>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="278"/>
        <source>Pausing “%1” once the round in progress is recorded …</source>
        <translation>実行中のラウンドが記録された時点で「%1」を一時停止します…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/TrialsPage.cpp" line="414"/>
        <source>Paused “%1” after a recorded round; Resume continues it with the next round.</source>
        <translation>「%1」をラウンドの記録後に一時停止しました。「再開」で次のラウンドから続行できます。</translation>
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
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="64"/>
        <source>No workspace is open.</source>
        <translation>ワークスペースが開かれていません。</translation>
    </message>
    <message>
        <location filename="../../ui/models/WorkspaceTrials.cpp" line="68"/>
        <source>Another trial file is being imported.</source>
        <translation>別のトライアル ファイルをインポート中です。</translation>
    </message>
</context>
</TS>
