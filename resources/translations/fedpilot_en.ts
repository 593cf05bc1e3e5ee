<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>fp::ui::CoresetChart</name>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="114"/>
        <source>Noise (%n sample(s))</source>
        <translation>
            <numerusform>Noise (%n sample)</numerusform>
            <numerusform>Noise (%n samples)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="127"/>
        <source>Group %1 (%n sample(s))</source>
        <translation>
            <numerusform>Group %1 (%n sample)</numerusform>
            <numerusform>Group %1 (%n samples)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="138"/>
        <source>Selected for training (%n)</source>
        <translation>
            <numerusform>Selected for training (%n)</numerusform>
            <numerusform>Selected for training (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="160"/>
        <source>Group centers sent (%n)</source>
        <translation>
            <numerusform>Group centers sent (%n)</numerusform>
            <numerusform>Group centers sent (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/charts/CoresetChart.cpp" line="165"/>
        <source>Chosen by the coordinator (%n)</source>
        <translation>
            <numerusform>Chosen by the coordinator (%n)</numerusform>
            <numerusform>Chosen by the coordinator (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::CoresetClientsModel</name>
    <message numerus="yes">
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="98"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/CoresetClientsModel.cpp" line="101"/>
        <source>%n center(s)</source>
        <translation>
            <numerusform>%n center</numerusform>
            <numerusform>%n centers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::EstimateModel</name>
    <message numerus="yes">
        <location filename="../../ui/models/EstimateModel.cpp" line="163"/>
        <source>%1: %n client(s), %2 training samples (per client %3 to %4), %5 held out</source>
        <translation>
            <numerusform>%1: %n client, %2 training samples (per client %3 to %4), %5 held out</numerusform>
            <numerusform>%1: %n clients, %2 training samples (per client %3 to %4), %5 held out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/models/EstimateModel.cpp" line="180"/>
        <source>Calibrated on this machine: %1 s/sample for features, %2 s/sample for training (%3 and %4 samples timed, %n thread(s)); adapter %5 each way. Clustering time is not included.</source>
        <translation>
            <numerusform>Calibrated on this machine: %1 s/sample for features, %2 s/sample for training (%3 and %4 samples timed, %n thread); adapter %5 each way. Clustering time is not included.</numerusform>
            <numerusform>Calibrated on this machine: %1 s/sample for features, %2 s/sample for training (%3 and %4 samples timed, %n threads); adapter %5 each way. Clustering time is not included.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::InspectorPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="452"/>
        <source>Round %1, client %2 of site %3: %n sample(s) on its t-SNE map.</source>
        <translation>
            <numerusform>Round %1, client %2 of site %3: %n sample on its t-SNE map.</numerusform>
            <numerusform>Round %1, client %2 of site %3: %n samples on its t-SNE map.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="455"/>
        <source>%n group(s), one colour each.</source>
        <translation>
            <numerusform>%n group.</numerusform>
            <numerusform>%n groups, one colour each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="456"/>
        <source>%n sample(s) in no group (grey).</source>
        <translation>
            <numerusform>%n sample in no group (grey).</numerusform>
            <numerusform>%n samples in no group (grey).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="457"/>
        <source>%n selected for training (ringed).</source>
        <translation>
            <numerusform>%n selected for training (ringed).</numerusform>
            <numerusform>%n selected for training (ringed).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="468"/>
        <source>It sent %n group center(s).</source>
        <translation>
            <numerusform>It sent %n group center.</numerusform>
            <numerusform>It sent %n group centers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/InspectorPage.cpp" line="469"/>
        <source>The coordinator chose %n of them (ringed).</source>
        <translation>
            <numerusform>The coordinator chose %n of them (ringed).</numerusform>
            <numerusform>The coordinator chose %n of them (ringed).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/MainWindowMenus.cpp" line="205"/>
        <source>LibTorch %1 · %2 · %n thread(s) per run</source>
        <translation>
            <numerusform>LibTorch %1 · %2 · %n thread per run</numerusform>
            <numerusform>LibTorch %1 · %2 · %n threads per run</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::MonitorPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/MonitorPage.cpp" line="348"/>
        <source>%1 %2 of %n run(s) of this trial completed.</source>
        <translation>
            <numerusform>%1 %2 of %n run of this trial completed.</numerusform>
            <numerusform>%1 %2 of %n runs of this trial completed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/MonitorPage.cpp" line="371"/>
        <source>Wrote %n chart(s) to %1.</source>
        <translation>
            <numerusform>Wrote %n chart to %1.</numerusform>
            <numerusform>Wrote %n charts to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::ReportsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/ReportsPage.cpp" line="47"/>
        <source>%n run(s) stored in %1: export their rounds as CSV, or a PDF report.</source>
        <translation>
            <numerusform>%n run stored in %1: export its rounds as CSV, or a PDF report.</numerusform>
            <numerusform>%n runs stored in %1: export their rounds as CSV, or a PDF report.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::RunsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/RunsPage.cpp" line="76"/>
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%n run in %1</numerusform>
            <numerusform>%n runs in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialsModel</name>
    <message numerus="yes">
        <location filename="../../ui/models/TrialsModel.cpp" line="155"/>
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fp::ui::TrialsPage</name>
    <message numerus="yes">
        <location filename="../../ui/pages/TrialsPage.cpp" line="330"/>
        <source>%n trial(s) in %1</source>
        <translation>
            <numerusform>%n trial in %1</numerusform>
            <numerusform>%n trials in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
