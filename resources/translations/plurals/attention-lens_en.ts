<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English needs translations only for strings with a count (qsTr with %n): one form for 1,
     another for every other number. Everything else shows the source text itself. -->
<TS version="2.1" language="en_US">
<context>
    <name>AblationView</name>
    <message numerus="yes">
        <source>%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)</source>
        <translation>
            <numerusform>%n head off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)</numerusform>
            <numerusform>%n heads off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LensStation</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressStore</name>
    <message numerus="yes">
        <source>Part of your progress file %1 could not be read (%n entries are not in the shape Attention Lens writes), and the file could not be moved aside. It is left untouched and progress in this run will not be saved.</source>
        <translation>
            <numerusform>Part of your progress file %1 could not be read (%n entry is not in the shape Attention Lens writes), and the file could not be moved aside. It is left untouched and progress in this run will not be saved.</numerusform>
            <numerusform>Part of your progress file %1 could not be read (%n entries are not in the shape Attention Lens writes), and the file could not be moved aside. It is left untouched and progress in this run will not be saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Part of your progress file could not be read (%n entries are not in the shape Attention Lens writes). The file as it was is kept as %1; the rest of your progress is carried on.</source>
        <translation>
            <numerusform>Part of your progress file could not be read (%n entry is not in the shape Attention Lens writes). The file as it was is kept as %1; the rest of your progress is carried on.</numerusform>
            <numerusform>Part of your progress file could not be read (%n entries are not in the shape Attention Lens writes). The file as it was is kept as %1; the rest of your progress is carried on.</numerusform>
        </translation>
    </message>
</context>
</TS>
