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
        <source>%n suggested actions</source>
        <translation>
            <numerusform>%n suggested action</numerusform>
            <numerusform>%n suggested actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientManager</name>
    <message numerus="yes">
        <source>Client deleted, but %n backups could not be rewritten without them</source>
        <translation>
            <numerusform>Client deleted, but %n backup could not be rewritten without them</numerusform>
            <numerusform>Client deleted, but %n backups could not be rewritten without them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DamageBanner</name>
    <message numerus="yes">
        <source>%n entries cannot be read; everything else is shown.</source>
        <translation>
            <numerusform>%n entry cannot be read; everything else is shown.</numerusform>
            <numerusform>%n entries cannot be read; everything else is shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DaysSpinBox</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileResults</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s), listed below with where each is in the file. Nothing in your journal was changed. Fix the file and import it again.</source>
        <translation>
            <numerusform>The file has %n problem, listed below with where each is in the file. Nothing in your journal was changed. Fix the file and import it again.</numerusform>
            <numerusform>The file has %n problems, listed below with where each is in the file. Nothing in your journal was changed. Fix the file and import it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The check found %n problem(s)</source>
        <translation>
            <numerusform>The check found %n problem</numerusform>
            <numerusform>The check found %n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalHeader</name>
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
    <name>ReminderText</name>
    <message numerus="yes">
        <source>%n reminders — unlock to see them</source>
        <translation>
            <numerusform>%n reminder — unlock to see them</numerusform>
            <numerusform>%n reminders — unlock to see them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders while you were away</source>
        <translation>
            <numerusform>%n reminder while you were away</numerusform>
            <numerusform>%n reminders while you were away</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n reminder due</numerusform>
            <numerusform>%n reminders due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderTray</name>
    <message numerus="yes">
        <source>ClientJournal — locked, %n reminders due</source>
        <translation>
            <numerusform>ClientJournal — locked, %n reminder due</numerusform>
            <numerusform>ClientJournal — locked, %n reminders due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ClientJournal — %n reminders due</source>
        <translation>
            <numerusform>ClientJournal — %n reminder due</numerusform>
            <numerusform>ClientJournal — %n reminders due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders — unlock to see them</source>
        <translation>
            <numerusform>%n reminder — unlock to see them</numerusform>
            <numerusform>%n reminders — unlock to see them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n reminder due</numerusform>
            <numerusform>%n reminders due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersPanel</name>
    <message numerus="yes">
        <source>%n reminders due</source>
        <translation>
            <numerusform>%n reminder due</numerusform>
            <numerusform>%n reminders due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message numerus="yes">
        <source>Saved “%1” (%n page(s)).</source>
        <translation>
            <numerusform>Saved “%1” (%n page).</numerusform>
            <numerusform>Saved “%1” (%n pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message numerus="yes">
        <source>%n clients</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
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
