<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClientDialog</name>
    <message numerus="yes">
        <source>%n projects</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message numerus="yes">
        <source>%n actions due</source>
        <translation>
            <numerusform>%n action due</numerusform>
            <numerusform>%n actions due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>updates every %n days</source>
        <translation>
            <numerusform>updates every day</numerusform>
            <numerusform>updates every %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoodTrendChart</name>
    <message numerus="yes">
        <source>Mood trend for %1, %2: %n points from %3 to %4; latest %5.</source>
        <translation>
            <numerusform>Mood trend for %1, %2: %n point from %3 to %4; latest %5.</numerusform>
            <numerusform>Mood trend for %1, %2: %n points from %3 to %4; latest %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
</TS>
