<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>fp::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/MainWindowMenus.cpp" line="200"/>
        <source>LibTorch %1 · %2 · %n thread(s) per run</source>
        <translation>
            <numerusform>LibTorch %1 · %2 · %n thread per run</numerusform>
            <numerusform>LibTorch %1 · %2 · %n threads per run</numerusform>
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
        <location filename="../../ui/pages/RunsPage.cpp" line="59"/>
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
        <location filename="../../ui/pages/TrialsPage.cpp" line="328"/>
        <source>%n trial(s) in %1</source>
        <translation>
            <numerusform>%n trial in %1</numerusform>
            <numerusform>%n trials in %1</numerusform>
        </translation>
    </message>
</context>
</TS>
