<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AblationLab</name>
    <message>
        <source>No prediction yet.</source>
        <translation>Noch keine Vorhersage.</translation>
    </message>
    <message>
        <source>No head knocked out: the model predicts %1.</source>
        <translation>Kein Head ausgeschaltet: Das Modell sagt %1 vorher.</translation>
    </message>
    <message>
        <source>Knocked out %1: the model predicts %2; KL from the intact model %3 nats; the logit of %4 changed by %5.</source>
        <translation>Ausgeschaltet: %1. Das Modell sagt %2 vorher; KL zum intakten Modell %3 nats; der Logit von %4 ändert sich um %5.</translation>
    </message>
</context>
<context>
    <name>AblationView</name>
    <message>
        <source>Click heads to knock them out</source>
        <translation>Klicke Heads an, um sie auszuschalten</translation>
    </message>
    <message>
        <source>Head %1.%2</source>
        <translation>Head %1.%2</translation>
    </message>
    <message>
        <source>rows: layers · columns: heads · amber: off</source>
        <translation>Zeilen: Layer · Spalten: Heads · bernsteinfarben: aus</translation>
    </message>
    <message>
        <source>outlined: the exercise&apos;s answer, head %1</source>
        <translation>umrandet: die Antwort der Übung, Head %1</translation>
    </message>
    <message>
        <source>All heads on</source>
        <translation>Alle Heads an</translation>
    </message>
    <message>
        <source>Next token after “…%1”</source>
        <translation>Nächstes Token nach „…%1“</translation>
    </message>
    <message>
        <source>All heads on: this is the model&apos;s own prediction.</source>
        <translation>Alle Heads an: Das ist die eigene Vorhersage des Modells.</translation>
    </message>
    <message>
        <source>Largest KL: head %1 (%2 nats)</source>
        <translation>Größte KL: Head %1 (%2 nats)</translation>
    </message>
    <message>
        <source>Searching every head…</source>
        <translation>Alle Heads werden durchprobiert…</translation>
    </message>
    <message>
        <source>Lowers “%1” most: head %2 (logit %3)</source>
        <translation>Senkt „%1“ am stärksten: Head %2 (Logit %3)</translation>
    </message>
    <message>
        <source>Pair: %1 + %2</source>
        <translation>Paar: %1 + %2</translation>
    </message>
    <message>
        <source>Searching pairs…</source>
        <translation>Paare werden durchsucht…</translation>
    </message>
    <message>
        <source>No pair searched</source>
        <translation>Kein Paar durchsucht</translation>
    </message>
    <message>
        <source>Backup: %1 off, watch %2</source>
        <translation>Backup: %1 aus, beobachte %2</translation>
    </message>
    <message>
        <source>Knock-out search progress</source>
        <translation>Fortschritt der Knock-out-Suche</translation>
    </message>
    <message>
        <source>Searching: %1%</source>
        <translation>Suche: %1 %</translation>
    </message>
    <message>
        <source>Logit of “%1”: %2 off alone changes it by %3, %4 alone by %5; both off, by %6, where the sum of the two is %7. %8</source>
        <translation>Logit von „%1“: %2 allein aus ändert ihn um %3, %4 allein um %5; beide aus um %6, während die Summe der beiden %7 ist. %8</translation>
    </message>
    <message>
        <source>About the sum: on this logit the two act roughly independently here.</source>
        <translation>Etwa die Summe: Auf diesen Logit wirken die beiden hier ungefähr unabhängig.</translation>
    </message>
    <message>
        <source>Knocking them out moves the logit in opposite directions, and together they do not move it by the sum of the two: their effects are not independent here.</source>
        <translation>Das Ausschalten verschiebt den Logit in entgegengesetzte Richtungen, und zusammen verschieben sie ihn nicht um die Summe der beiden: Ihre Effekte sind hier nicht unabhängig.</translation>
    </message>
    <message>
        <source>Less than the sum: their effects overlap (the same job done twice, or a limit the logit hits), and the numbers alone do not say which.</source>
        <translation>Weniger als die Summe: Ihre Effekte überlappen sich (dieselbe Aufgabe doppelt erledigt oder eine Grenze, an die der Logit stößt), und die Zahlen allein sagen nicht, welches von beiden.</translation>
    </message>
    <message>
        <source>More than the sum: together they move the logit further than the two single knock-outs added. Their effects are not independent, whether through later layers or through the layer norms that rescale the sum.</source>
        <translation>Mehr als die Summe: Zusammen verschieben sie den Logit weiter als die beiden einzelnen Knock-outs zusammengezählt. Ihre Effekte sind nicht unabhängig, ob über spätere Layer oder über die LayerNorms, die die Summe neu skalieren.</translation>
    </message>
    <message>
        <source>With %1 off, the later head %2&apos;s direct effect on “%3” rises from %4 to %5: it makes up part of the loss. Wang et al. (2022) call heads that do this in GPT-2 small backup heads. If %4 is negative, the head is pushing the logit down less rather than adding to it, which McDougall et al. (2023) link to copy suppression.</source>
        <translation>Mit %1 aus steigt der direkte Effekt des späteren Heads %2 auf „%3“ von %4 auf %5: Er gleicht einen Teil des Verlusts aus. Wang et al. (2022) nennen Heads, die das in GPT-2 small tun, Backup-Heads. Ist %4 negativ, drückt der Head den Logit weniger nach unten, statt etwas hinzuzufügen; McDougall et al. (2023) bringen das mit Copy Suppression in Verbindung.</translation>
    </message>
    <message numerus="yes">
        <source>%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)</source>
        <translation>
            <numerusform>%n Head aus · KL zum unveränderten Lauf: %1 nats · Logit von „%2“: %3 (Umrisse: vorher)</numerusform>
            <numerusform>%n Heads aus · KL zum unveränderten Lauf: %1 nats · Logit von „%2“: %3 (Umrisse: vorher)</numerusform>
        </translation>
    </message>
    <message>
        <source>Every head on</source>
        <translation>Alle Heads an</translation>
    </message>
    <message>
        <source>Knocking heads out, and what the search found, are hidden until you commit your prediction above.</source>
        <translation>Das Ausschalten von Heads und die Ergebnisse der Suche bleiben verborgen, bis du oben deine Vorhersage festlegst.</translation>
    </message>
    <message>
        <source>Next token, all heads on</source>
        <translation>Nächstes Token, alle Heads an</translation>
    </message>
    <message>
        <source>Next token with heads %1 off (outlines: all heads on)</source>
        <translation>Nächstes Token mit den Heads %1 aus (Umrisse: alle Heads an)</translation>
    </message>
</context>
<context>
    <name>AboutInfo</name>
    <message>
        <source>%1 cannot be opened</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
</context>
<context>
    <name>AboutPage</name>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Zurück</translation>
    </message>
    <message>
        <source>Licence: %1 · &lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;</source>
        <translation>Lizenz: %1 · &lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>What the app is made of</source>
        <translation>Woraus die App besteht</translation>
    </message>
    <message>
        <source>Hide licence text</source>
        <translation>Lizenztext ausblenden</translation>
    </message>
    <message>
        <source>Show licence text</source>
        <translation>Lizenztext zeigen</translation>
    </message>
    <message>
        <source>The licence text is not installed here; see the link above.</source>
        <translation>Der Lizenztext ist hier nicht installiert; siehe den Link oben.</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>Wo deine Daten liegen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Manage or remove downloaded models…</source>
        <translation>Heruntergeladene Modelle verwalten oder entfernen…</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <source>Your settings could not be saved to %1: the folder is read-only or the disk is full. The settings saved before are unchanged; this change is kept while the app is open and saved as soon as saving works again.</source>
        <translation>Deine Einstellungen konnten nicht in %1 gespeichert werden: Der Ordner ist schreibgeschützt oder die Festplatte ist voll. Die zuvor gespeicherten Einstellungen bleiben unverändert; diese Änderung bleibt erhalten, solange die App offen ist, und wird gespeichert, sobald das Speichern wieder funktioniert.</translation>
    </message>
    <message>
        <source>Your settings file could not be used because %1. It was kept as %2; the app starts with its default settings.</source>
        <translation>Ihre Einstellungsdatei konnte nicht verwendet werden, weil %1. Sie wurde als %2 aufbewahrt; die App startet mit ihren Standardeinstellungen.</translation>
    </message>
    <message>
        <source>Your settings file %1 could not be used because %2, and it could not be moved aside. It is left untouched and settings changed in this run will not be saved.</source>
        <translation>Ihre Einstellungsdatei %1 konnte nicht verwendet werden, weil %2, und sie konnte nicht beiseitegelegt werden. Sie bleibt unverändert, und in dieser Sitzung geänderte Einstellungen werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>no temporary folder</source>
        <translation>kein temporärer Ordner</translation>
    </message>
    <message>
        <source>the image could not be encoded</source>
        <translation>das Bild konnte nicht kodiert werden</translation>
    </message>
    <message>
        <source>it is not a settings file (it holds binary data)</source>
        <translation>sie ist keine Einstellungsdatei (sie enthält Binärdaten)</translation>
    </message>
    <message>
        <source>it is not a settings file in the format the app writes</source>
        <translation>sie ist keine Einstellungsdatei in dem Format, das die App schreibt</translation>
    </message>
    <message>
        <source>the temporary folder is full or read-only</source>
        <translation>der temporäre Ordner ist voll oder schreibgeschützt</translation>
    </message>
    <message>
        <source>it holds a value in a binary form (@Variant) that the app does not write</source>
        <translation>sie enthält einen Wert in Binärform (@Variant), den die App nicht schreibt</translation>
    </message>
</context>
<context>
    <name>AttentionKindsDiagram</name>
    <message>
        <source>Encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>every token sees every token (BERT)</source>
        <translation>jedes Token sieht jedes Token (BERT)</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <source>causal: only itself and the past (GPT-2)</source>
        <translation>kausal: nur sich selbst und die Vergangenheit (GPT-2)</translation>
    </message>
    <message>
        <source>Cross-attention</source>
        <translation>Cross-Attention</translation>
    </message>
    <message>
        <source>decoder queries (rows) look at all encoder outputs (columns)</source>
        <translation>Queries des Decoders (Zeilen) schauen auf alle Ausgaben des Encoders (Spalten)</translation>
    </message>
    <message>
        <source>Padding mask</source>
        <translation>Padding-Maske</translation>
    </message>
    <message>
        <source>the last key is filler added to fill a batch; nobody looks at it</source>
        <translation>der letzte Key ist Füllmaterial, das einen Batch auffüllt; niemand schaut darauf</translation>
    </message>
</context>
<context>
    <name>CensusAcrossTexts</name>
    <message>
        <source>No measurement yet.</source>
        <translation>Noch keine Messung.</translation>
    </message>
    <message>
        <source>Head %1.%2&apos;s census label on %3 texts: %4.</source>
        <translation>Zensus-Label von Head %1.%2 auf %3 Texten: %4.</translation>
    </message>
</context>
<context>
    <name>CensusTable</name>
    <message>
        <source>layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>This head&apos;s labels and scores are hidden until you commit your prediction above; pick another head to explore.</source>
        <translation>Labels und Scores dieses Heads bleiben verborgen, bis du oben deine Vorhersage festlegst; wähle einen anderen Head, um zu erkunden.</translation>
    </message>
    <message>
        <source>Not the head the question asks about: nothing here is hidden.</source>
        <translation>Nicht der Head, nach dem die Frage fragt: Hier ist nichts verborgen.</translation>
    </message>
    <message>
        <source>* The induction score is measured on one fixed repeated random sequence, not on these texts, so it is the same in every row: the raw share of weight on the token after the earlier copy, with the first position kept, the score the label reads. The other scores come from each text; previous token, self and duplicate leave the first position out.</source>
        <translation>* Der Induktions-Score wird auf einer festen wiederholten Zufallsfolge gemessen, nicht auf diesen Texten, und ist darum in jeder Zeile gleich: der rohe Anteil des Gewichts auf dem Token nach der früheren Kopie, mit der ersten Position, der Score, den das Label liest. Die anderen Scores stammen aus dem jeweiligen Text; vorheriges Token, selbst und Duplikat lassen die erste Position weg.</translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>Colour scale, logarithmic from 0.0001 to 1</source>
        <translation>Farbskala, logarithmisch von 0,0001 bis 1</translation>
    </message>
    <message>
        <source>Colour scale, linear from 0 to 1</source>
        <translation>Farbskala, linear von 0 bis 1</translation>
    </message>
</context>
<context>
    <name>CostChart</name>
    <message>
        <source>One layer of %1 on one core of this machine</source>
        <translation>Ein Layer von %1 auf einem Kern dieses Rechners</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>Millisekunden</translation>
    </message>
    <message>
        <source>attention (scores, softmax, weighted sum)</source>
        <translation>Attention (Scores, Softmax, gewichtete Summe)</translation>
    </message>
    <message>
        <source>the rest (LayerNorms, projections, MLP)</source>
        <translation>der Rest (LayerNorms, Projektionen, MLP)</translation>
    </message>
</context>
<context>
    <name>CostMeter</name>
    <message>
        <source>No measurement yet.</source>
        <translation>Noch keine Messung.</translation>
    </message>
    <message>
        <source>at %1 tokens attention takes %2 ms and the rest of the layer %3 ms</source>
        <translation>bei %1 Token braucht die Attention %2 ms und der Rest des Layers %3 ms</translation>
    </message>
    <message>
        <source>Per layer, %1; %2.</source>
        <translation>Pro Layer: %1; %2.</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>Millisekunden</translation>
    </message>
    <message>
        <source>attention (scores, softmax, weighted sum)</source>
        <translation>Attention (Scores, Softmax, gewichtete Summe)</translation>
    </message>
    <message>
        <source>the rest (LayerNorms, projections, MLP)</source>
        <translation>der Rest (LayerNorms, Projektionen, MLP)</translation>
    </message>
</context>
<context>
    <name>CourseMap</name>
    <message>
        <source>Course map</source>
        <translation>Kursübersicht</translation>
    </message>
    <message>
        <source>See how a language model reads</source>
        <translation>Sieh, wie ein Sprachmodell liest</translation>
    </message>
    <message>
        <source>Some stations could not be read:
%1</source>
        <translation>Einige Stationen konnten nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>No stations were found in this build (lessons/ is empty).</source>
        <translation>In diesem Build wurden keine Stationen gefunden (lessons/ ist leer).</translation>
    </message>
    <message>
        <source>Seven stations on self-attention, the mechanism inside GPT-2 and its successors. Every figure is computed live by a real model: on the text you type, and in the last station by a tiny model trained on your computer. Start anywhere; the order is a suggestion.</source>
        <translation>Sieben Stationen zur Self-Attention, dem Mechanismus in GPT-2 und seinen Nachfolgern. Jede Abbildung berechnet ein echtes Modell live: auf dem Text, den du tippst, und in der letzten Station ein winziges Modell, das auf deinem Computer trainiert wird. Fang an, wo du willst; die Reihenfolge ist ein Vorschlag.</translation>
    </message>
</context>
<context>
    <name>CourseModelNote</name>
    <message>
        <source>You are using the course&apos;s own small model, not GPT-2</source>
        <translation>Du verwendest das kleine eigene Modell des Kurses, nicht GPT-2</translation>
    </message>
    <message>
        <source>%1 has %2 layers × %3 heads and %4 million parameters. It was trained for this course on children&apos;s stories and the Brown Corpus, so that everything works offline; it writes simple stories and has learned only a few kinds of heads. GPT-2 small, the model the lessons describe, has 12 layers × 12 heads and 124 million parameters. Download it (about 550 MB) from the model library to run every station on it.</source>
        <translation>%1 hat %2 Layer × %3 Heads und %4 Millionen Parameter. Es wurde für diesen Kurs auf Kindergeschichten und dem Brown Corpus trainiert, damit alles offline funktioniert; es schreibt einfache Geschichten und hat nur wenige Arten von Heads gelernt. GPT-2 small, das Modell, das die Lektionen beschreiben, hat 12 Layer × 12 Heads und 124 Millionen Parameter. Lade es (etwa 550 MB) aus der Modellbibliothek herunter, um jede Station darauf laufen zu lassen.</translation>
    </message>
    <message>
        <source>Get GPT-2 small…</source>
        <translation>GPT-2 small holen…</translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>noch etwa %1 s</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>noch etwa %1 min</translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>noch etwa %1 h %2 min</translation>
    </message>
    <message>
        <source>No model called &quot;%1&quot; can be downloaded.</source>
        <translation>Ein Modell namens „%1“ lässt sich nicht herunterladen.</translation>
    </message>
</context>
<context>
    <name>ExerciseCard</name>
    <message>
        <source>Predict, then reveal</source>
        <translation>Erst vorhersagen, dann aufdecken</translation>
    </message>
    <message>
        <source>Commit and reveal</source>
        <translation>Festlegen und aufdecken</translation>
    </message>
    <message>
        <source>Click the token you predict.</source>
        <translation>Klicke auf das Token, das du vorhersagst.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Your prediction: %1</source>
        <translation>Deine Vorhersage: %1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Noch einmal</translation>
    </message>
    <message>
        <source>The model is working out the answer…</source>
        <translation>Das Modell berechnet die Antwort…</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Richtig.</translation>
    </message>
    <message>
        <source>Not this time.</source>
        <translation>Diesmal nicht.</translation>
    </message>
    <message>
        <source>Asked once you have answered the question above.</source>
        <translation>Wird gestellt, sobald du die Frage darüber beantwortet hast.</translation>
    </message>
    <message>
        <source>Shown without a prediction.</source>
        <translation>Ohne Vorhersage aufgedeckt.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Show without predicting</source>
        <translation>Ohne Vorhersage aufdecken</translation>
    </message>
    <message>
        <source>This exercise cannot be asked here: %1</source>
        <translation>Diese Übung lässt sich hier nicht stellen: %1</translation>
    </message>
</context>
<context>
    <name>ExerciseList</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>unknown kind of export &quot;%1&quot;</source>
        <translation>unbekannte Art von Export „%1“</translation>
    </message>
    <message>
        <source>there is nothing to export yet</source>
        <translation>noch gibt es nichts zu exportieren</translation>
    </message>
    <message>
        <source>this figure cannot be saved that way</source>
        <translation>diese Abbildung lässt sich so nicht speichern</translation>
    </message>
    <message>
        <source>the export was stopped</source>
        <translation>der Export wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>FigureExportBar</name>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>SVG…</source>
        <translation>SVG…</translation>
    </message>
    <message>
        <source>Save figure as SVG</source>
        <translation>Abbildung als SVG speichern</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>Save the figure&apos;s numbers as JSON</source>
        <translation>Die Zahlen der Abbildung als JSON speichern</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save the figure as SVG</source>
        <translation>Die Abbildung als SVG speichern</translation>
    </message>
    <message>
        <source>Save the figure as PNG</source>
        <translation>Die Abbildung als PNG speichern</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>The figure was not saved: no file name was given. Type a name, press Enter, then Save.</source>
        <translation>Die Abbildung wurde nicht gespeichert: Es wurde kein Dateiname angegeben. Tippe einen Namen, drücke Enter, dann Speichern.</translation>
    </message>
    <message>
        <source>Could not save the image to %1.</source>
        <translation>Das Bild konnte nicht unter %1 gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>FigureSection</name>
    <message>
        <source>The part of this figure that would give the answer away is hidden until you commit your prediction; its description follows then.</source>
        <translation>Der Teil dieser Abbildung, der die Antwort verraten würde, bleibt verborgen, bis du deine Vorhersage festlegst; seine Beschreibung folgt dann.</translation>
    </message>
</context>
<context>
    <name>FigureWords</name>
    <message>
        <source>Layer %1, head %2: no pattern yet.</source>
        <translation>Layer %1, Head %2: noch kein Muster.</translation>
    </message>
    <message>
        <source>Layer %1, head %2: the token %3 attends most to %4 (%5).</source>
        <translation>Layer %1, Head %2: Das Token %3 richtet die meiste Attention auf %4 (%5).</translation>
    </message>
</context>
<context>
    <name>FormingStation</name>
    <message>
        <source>Your predictions, and what the run did</source>
        <translation>Deine Vorhersagen und was der Lauf ergab</translation>
    </message>
    <message>
        <source>Predict before you train</source>
        <translation>Erst vorhersagen, dann trainieren</translation>
    </message>
    <message>
        <source>Answered from this run&apos;s own records.</source>
        <translation>Beantwortet aus den eigenen Aufzeichnungen dieses Laufs.</translation>
    </message>
    <message>
        <source>A 2-layer model with %1 heads a layer will train on random tokens in which a span is written twice. Choose an answer to each question, then train.</source>
        <translation>Ein Modell mit 2 Layern und %1 Heads pro Layer wird auf zufälligen Token trainieren, in denen ein Abschnitt zweimal vorkommt. Wähle zu jeder Frage eine Antwort und trainiere dann.</translation>
    </message>
    <message>
        <source>The strongest induction head is layer %1 head %2, score %3.</source>
        <translation>Der stärkste Induktions-Head ist Layer %1 Head %2, Score %3.</translation>
    </message>
    <message>
        <source>No head reached an induction score of 0.3 in this run (the highest was %1), so there is no induction head to place. A longer run may form one.</source>
        <translation>In diesem Lauf erreichte kein Head einen Induktions-Score von 0,3 (der höchste war %1), es gibt also keinen Induktions-Head zu verorten. Ein längerer Lauf bildet vielleicht einen.</translation>
    </message>
    <message>
        <source>The one-layer model&apos;s best induction score in any snapshot was %1.</source>
        <translation>Der beste Induktions-Score des Modells mit einem Layer in irgendeinem Snapshot war %1.</translation>
    </message>
    <message>
        <source>You predicted: %1</source>
        <translation>Deine Vorhersage: %1</translation>
    </message>
    <message>
        <source>No prediction</source>
        <translation>Keine Vorhersage</translation>
    </message>
    <message>
        <source>✓ Right.</source>
        <translation>✓ Richtig.</translation>
    </message>
    <message>
        <source>✗ Not this time.</source>
        <translation>✗ Diesmal nicht.</translation>
    </message>
    <message>
        <source>Last time you predicted “%1”. The answer shows again when a run answers this question.</source>
        <translation>Beim letzten Mal hast du „%1“ vorhergesagt. Die Antwort erscheint wieder, sobald ein Lauf diese Frage beantwortet.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Seed %1, %2 steps of 16 sequences. Training uses one core; on a busy computer it goes slower.</source>
        <translation>Seed %1, %2 Schritte zu je 16 Folgen. Das Training nutzt einen Kern; auf einem ausgelasteten Computer geht es langsamer.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Train a one-layer model alongside</source>
        <translation>Ein Modell mit einem Layer nebenher trainieren</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 Schritte/s</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>Training without predictions.</source>
        <translation>Training ohne Vorhersagen.</translation>
    </message>
    <message>
        <source>Answer the questions above to train, or &lt;a href=&quot;skip&quot;&gt;train without predicting&lt;/a&gt;.</source>
        <translation>Beantworte die Fragen oben, um zu trainieren, oder &lt;a href=&quot;skip&quot;&gt;trainiere ohne Vorhersage&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 s of training</source>
        <translation>Schritt %1 von %2 · %3 s Training</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Heads over time</source>
        <translation>Heads im Lauf des Trainings</translation>
    </message>
    <message>
        <source>Each head&apos;s previous-token score (weight on the token just before) and induction score (weight, in the repeat, on the token after the earlier copy of the current one), measured every %1 steps.</source>
        <translation>Score für das vorherige Token (Gewicht auf dem Token direkt davor) und Induktions-Score (Gewicht, in der Wiederholung, auf dem Token nach der früheren Kopie des aktuellen Tokens) jedes Heads, gemessen alle %1 Schritte.</translation>
    </message>
    <message>
        <source>one-layer model, </source>
        <translation>Modell mit einem Layer, </translation>
    </message>
    <message>
        <source>Attention on a repeated sequence</source>
        <translation>Attention auf einer wiederholten Folge</translation>
    </message>
    <message>
        <source>%1 random tokens, then the same tokens again. Drag the slider back through the saved snapshots.</source>
        <translation>%1 zufällige Token, dann dieselben Token noch einmal. Zieh den Schieberegler zurück durch die gespeicherten Snapshots.</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>no snapshot yet</source>
        <translation>noch kein Snapshot</translation>
    </message>
    <message>
        <source>Between steps %1 and %2 the in-context loss fell %3 nats further below the other loss: %4% of the %5 nats by which the gap between them grew over the whole run. A step.</source>
        <translation>Zwischen den Schritten %1 und %2 fiel der In-Context-Loss um %3 Nats weiter unter den anderen Loss: %4 % der %5 Nats, um die der Abstand zwischen beiden über den ganzen Lauf wuchs. Eine Stufe.</translation>
    </message>
    <message>
        <source>Within any %1 steps the gap between the two losses grew by at most %2 nats; over the whole run it grew by %3 nats. Gradual.</source>
        <translation>Innerhalb beliebiger %1 Schritte wuchs der Abstand zwischen den beiden Losses um höchstens %2 Nats; über den ganzen Lauf wuchs er um %3 Nats. Allmählich.</translation>
    </message>
    <message>
        <source>The short-span model&apos;s best induction score in any snapshot was %1.</source>
        <translation>Der beste Induktions-Score des Modells mit kurzen Abschnitten in irgendeinem Snapshot war %1.</translation>
    </message>
    <message>
        <source>The short-span model trains after the main run, for as many steps.</source>
        <translation>Das Modell mit kurzen Abschnitten trainiert nach dem Hauptlauf, ebenso viele Schritte.</translation>
    </message>
    <message>
        <source>Then train on short spans</source>
        <translation>Danach mit kurzen Abschnitten trainieren</translation>
    </message>
    <message>
        <source>Short spans: step %1 of %2</source>
        <translation>Kurze Abschnitte: Schritt %1 von %2</translation>
    </message>
    <message>
        <source>The same model on short spans</source>
        <translation>Dasselbe Modell mit kurzen Abschnitten</translation>
    </message>
    <message>
        <source>The repeated span is %1 to %2 tokens long instead of %3 to %4, so fewer targets can be predicted only by looking back. Everything else is as in the main run. It trains once the main run has finished.</source>
        <translation>Der wiederholte Abschnitt ist %1 bis %2 Token lang statt %3 bis %4, also lassen sich weniger Ziele nur durch Zurückschauen vorhersagen. Alles andere ist wie im Hauptlauf. Es trainiert, sobald der Hauptlauf fertig ist.</translation>
    </message>
    <message>
        <source>short spans, </source>
        <translation>kurze Abschnitte, </translation>
    </message>
    <message>
        <source>The in-context loss is the loss on tokens of a span&apos;s second copy, after its first token: only a model that looks back can predict them. A shaded band appears only where the gap between the two losses opened in a step: it marks the stretch of at most %1 steps in which the gap grew the most, when it grew there by at least 1 nat and by at least half of its growth over the whole run.</source>
        <translation>Der In-Context-Loss ist der Loss auf den Token der zweiten Kopie eines Abschnitts, nach ihrem ersten Token: Nur ein Modell, das zurückschaut, kann sie vorhersagen. Ein schattiertes Band erscheint nur dort, wo sich der Abstand zwischen den beiden Losses in einer Stufe öffnete: Es markiert den Abschnitt von höchstens %1 Schritten, in dem der Abstand am stärksten wuchs, sofern er dort um mindestens 1 Nat wuchs und um mindestens die Hälfte seines Wachstums über den ganzen Lauf.</translation>
    </message>
</context>
<context>
    <name>GenerationLab</name>
    <message>
        <source>Nothing written yet.</source>
        <translation>Noch nichts geschrieben.</translation>
    </message>
    <message>
        <source>a written token</source>
        <translation>ein geschriebenes Token</translation>
    </message>
    <message>
        <source>a typed token</source>
        <translation>ein getipptes Token</translation>
    </message>
    <message>
        <source>Your text&apos;s %1 tokens, before anything is written. Head %2.%3&apos;s last row looks most at “%4”.</source>
        <translation>Die %1 Tokens deines Texts, bevor etwas geschrieben ist. Die letzte Zeile von Head %2.%3 schaut am meisten auf „%4“.</translation>
    </message>
    <message>
        <source>Step %1 of %2: the model wrote “%3”. In head %4.%5 it looks most at “%6”, %7 (weight %8). Over all heads, %9 of its attention goes to the written tokens.</source>
        <translation>Schritt %1 von %2: Das Modell schrieb „%3“. In Head %4.%5 schaut es am meisten auf „%6“, %7 (Gewicht %8). Über alle Heads geht %9 seiner Attention an die geschriebenen Tokens.</translation>
    </message>
</context>
<context>
    <name>GenerationView</name>
    <message>
        <source>Showing the question&apos;s case: seed %1, temperature %2, %3 written tokens, no top-k or top-p.</source>
        <translation>Gezeigt wird der Fall der Frage: Seed %1, Temperatur %2, %3 geschriebene Tokens, kein Top-k oder Top-p.</translation>
    </message>
    <message>
        <source>Follow the settings above</source>
        <translation>Den Einstellungen oben folgen</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Step shown (0: your text before anything is written)</source>
        <translation>Gezeigter Schritt (0: dein Text, bevor etwas geschrieben ist)</translation>
    </message>
    <message>
        <source>%1 of %2 written</source>
        <translation>%1 von %2 geschrieben</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Stop the replay</source>
        <translation>Abspielen anhalten</translation>
    </message>
    <message>
        <source>Replay the writing step by step</source>
        <translation>Das Schreiben Schritt für Schritt abspielen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>written token %1: %2</source>
        <translation>geschriebenes Token %1: %2</translation>
    </message>
    <message>
        <source>typed token: %1</source>
        <translation>getipptes Token: %1</translation>
    </message>
    <message>
        <source>Typed tokens are plain; written ones are in italics, underlined and numbered +1, +2… in the order the model wrote them. The framed token is the newest at the shown step.</source>
        <translation>Getippte Tokens sind schlicht; geschriebene sind kursiv, unterstrichen und in der Reihenfolge, in der das Modell sie schrieb, mit +1, +2… nummeriert. Das umrahmte Token ist beim gezeigten Schritt das neueste.</translation>
    </message>
    <message>
        <source>Head %1.%2 at step %3: %4 rows, one per token so far; each step adds the newest token&apos;s row at the bottom, computed from the keys and values kept for the earlier tokens. Right of and below the lines: written tokens. Over all heads, the newest token gives %5 of its attention to the written ones.</source>
        <translation>Head %1.%2 bei Schritt %3: %4 Zeilen, eine pro bisherigem Token; jeder Schritt fügt unten die Zeile des neuesten Tokens hinzu, berechnet aus den Keys und Values, die für die früheren Tokens aufgehoben sind. Rechts von und unter den Linien: geschriebene Tokens. Über alle Heads gibt das neueste Token %5 seiner Attention an die geschriebenen.</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Layer %1</translation>
    </message>
    <message>
        <source>written +%1</source>
        <translation>geschrieben +%1</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>getippt</translation>
    </message>
    <message>
        <source>Point at a cell to read its two tokens and its weight.</source>
        <translation>Zeige auf eine Zelle, um ihre beiden Tokens und ihr Gewicht zu lesen.</translation>
    </message>
    <message>
        <source>“%1” cannot look at the later token “%2”: the causal mask.</source>
        <translation>„%1“ kann nicht auf das spätere Token „%2“ schauen: die kausale Maske.</translation>
    </message>
    <message>
        <source>“%1” (%2) → “%3” (%4): weight %5</source>
        <translation>„%1“ (%2) → „%3“ (%4): Gewicht %5</translation>
    </message>
    <message>
        <source>The newest token&apos;s row in every head: one tile per layer, one line per head, the selected head framed and marked ▶. The upright line in each tile is where the written tokens begin. Click a line to show that head above.</source>
        <translation>Die Zeile des neuesten Tokens in jedem Head: eine Kachel pro Layer, eine Linie pro Head, der gewählte Head umrahmt und mit ▶ markiert. Die senkrechte Linie in jeder Kachel zeigt, wo die geschriebenen Tokens beginnen. Klicke auf eine Linie, um diesen Head oben zu zeigen.</translation>
    </message>
    <message>
        <source>Labels, each token in a frame (a leading space written ·, a line break ⏎): your typed tokens in plain type, the written ones in blue italics, the newest in bold with its row framed; where the cells are small, every few tokens are labelled, counted back from the newest. Colour: the weight, from 0 (darkest: no attention) to 1 (brightest: all of the row&apos;s attention on that one token); each row adds up to 1.</source>
        <translation>Beschriftung, jedes Token in einem Rahmen (ein führendes Leerzeichen als ·, ein Zeilenumbruch als ⏎): deine getippten Tokens in normaler Schrift, die geschriebenen blau und kursiv, das neueste fett mit umrahmter Zeile; wo die Zellen klein sind, ist nur jedes n-te Token beschriftet, vom neuesten aus zurückgezählt. Farbe: das Gewicht, von 0 (am dunkelsten: keine Attention) bis 1 (am hellsten: die ganze Attention der Zeile auf diesem einen Token); jede Zeile ergibt zusammen 1.</translation>
    </message>
</context>
<context>
    <name>HeadOverview</name>
    <message>
        <source>All heads: %1 layers by %2 heads. Selected: layer %3, head %4</source>
        <translation>Alle Heads: %1 Layer mal %2 Heads. Ausgewählt: Layer %3, Head %4</translation>
    </message>
    <message>
        <source>Layer %1, head %2 — click to select</source>
        <translation>Layer %1, Head %2 – zum Auswählen klicken</translation>
    </message>
    <message>
        <source>Layer %1, head %2: the last token, “%3”, attends most to “%4” (%5). Arrow keys choose another head.</source>
        <translation>Layer %1, Head %2: Das letzte Token, „%3“, richtet die meiste Attention auf „%4“ (%5). Die Pfeiltasten wählen einen anderen Head.</translation>
    </message>
</context>
<context>
    <name>HeadPushes</name>
    <message>
        <source>What one head writes: layer</source>
        <translation>Was ein Head schreibt: Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Largest part of the answer</source>
        <translation>Größter Teil der Antwort</translation>
    </message>
    <message>
        <source>Head %1.%2 writes the largest part of the answer of any head, by size: %3.</source>
        <translation>Head %1.%2 schreibt von allen Heads den größten Teil der Antwort, dem Betrag nach: %3.</translation>
    </message>
    <message>
        <source>Head %1.%2&apos;s part of the answer: %3.</source>
        <translation>Teil von Head %1.%2 an der Antwort: %3.</translation>
    </message>
    <message>
        <source>What it writes at the last position pushes every token&apos;s logit up or down against the average token&apos;s; the five each way:</source>
        <translation>Was er an der letzten Position schreibt, hebt oder senkt den Logit jedes Tokens gegenüber dem des mittleren Tokens; die fünf stärksten in jede Richtung:</translation>
    </message>
    <message>
        <source>pushes up</source>
        <translation>hebt</translation>
    </message>
    <message>
        <source>pushes down</source>
        <translation>senkt</translation>
    </message>
    <message>
        <source>A head can push against a token: GPT-2 small&apos;s head 10.7 lowers the logit of a token that already appears in the text when the layers before it predict that token again (copy suppression, McDougall et al. 2023). Only the direct path is counted: what later layers make of this head&apos;s output is not.</source>
        <translation>Ein Head kann gegen ein Token arbeiten: Head 10.7 von GPT-2 small senkt den Logit eines Tokens, das schon im Text steht, wenn die Schichten vor ihm dieses Token erneut vorhersagen (Copy Suppression, McDougall et al. 2023). Gezählt wird nur der direkte Weg: Was spätere Schichten aus der Ausgabe dieses Heads machen, nicht.</translation>
    </message>
</context>
<context>
    <name>HeadRoles</name>
    <message>
        <source>induction</source>
        <translation>Induktion</translation>
    </message>
    <message>
        <source>previous-token</source>
        <translation>vorheriges Token</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>self</source>
        <translation>selbst</translation>
    </message>
    <message>
        <source>sink</source>
        <translation>Senke</translation>
    </message>
    <message>
        <source>diffuse</source>
        <translation>diffus</translation>
    </message>
    <message>
        <source>long-range</source>
        <translation>weitreichend</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>gemischt</translation>
    </message>
    <message>
        <source>first-token</source>
        <translation>erstes Token</translation>
    </message>
</context>
<context>
    <name>HeadScoreCharts</name>
    <message>
        <source>%1layer %2 · head %3</source>
        <translation>%1Layer %2 · Head %3</translation>
    </message>
    <message>
        <source>Scores of layer %1 head %2 over training</source>
        <translation>Scores von Layer %1 Head %2 im Lauf des Trainings</translation>
    </message>
    <message>
        <source>prev %1 · ind %2</source>
        <translation>prev %1 · ind %2</translation>
    </message>
    <message>
        <source>previous-token score</source>
        <translation>Score für das vorherige Token</translation>
    </message>
    <message>
        <source>induction score</source>
        <translation>Induktions-Score</translation>
    </message>
</context>
<context>
    <name>HeadTemperatureView</name>
    <message>
        <source>A what-if experiment: GPT-2 has no adjustable temperature inside its heads.</source>
        <translation>Ein Was-wäre-wenn-Experiment: GPT-2 hat in seinen Heads keine einstellbare Temperatur.</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>head temperature</source>
        <translation>Head-Temperatur</translation>
    </message>
    <message>
        <source>Head temperature</source>
        <translation>Head-Temperatur</translation>
    </message>
    <message>
        <source>Rows are the %1 tokens of your text (queries), columns the keys. Next-token prediction moved by KL %2 nats from the unchanged model.</source>
        <translation>Zeilen sind die %1 Token deines Texts (Queries), Spalten die Keys. Die Vorhersage des nächsten Tokens hat sich gegenüber dem unveränderten Modell um KL %2 nats verschoben.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
</context>
<context>
    <name>HeadsGrid</name>
    <message>
        <source>layer %1 of %2</source>
        <translation>Layer %1 von %2</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Labels are heuristics read off one text&apos;s patterns; most heads are mixtures of several behaviours.</source>
        <translation>Labels sind Heuristiken, abgelesen an den Mustern eines Texts; die meisten Heads mischen mehrere Verhaltensweisen.</translation>
    </message>
    <message>
        <source>Layer %1, head %2: %3</source>
        <translation>Layer %1, Head %2: %3</translation>
    </message>
    <message>
        <source>Rows are queries, columns keys; each row sums to 1.</source>
        <translation>Zeilen sind Queries, Spalten Keys; jede Zeile summiert sich zu 1.</translation>
    </message>
    <message>
        <source>Hidden until you commit your prediction above: the labels, the scores and the asked-about row %1 in this layer.</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst: die Labels, die Scores und die erfragte Zeile %1 in diesem Layer.</translation>
    </message>
    <message>
        <source>Hidden until you commit your prediction above: the labels and the scores.</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst: die Labels und die Scores.</translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation>Layer %1, Head %2</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Raw weights</source>
        <translation>Rohe Gewichte</translation>
    </message>
    <message>
        <source>Value-weighted</source>
        <translation>Wertgewichtet</translation>
    </message>
    <message>
        <source>Each weight times the size of what that token&apos;s value writes into the head&apos;s output (Kobayashi et al. 2020).</source>
        <translation>Jedes Gewicht mal der Größe dessen, was der Value dieses Tokens in die Ausgabe des Heads schreibt (Kobayashi et al. 2020).</translation>
    </message>
    <message>
        <source>Value-weighted: weight × size of what the token&apos;s value writes, rescaled so a row sums to 1. The labels and scores still read the raw weights.</source>
        <translation>Wertgewichtet: Gewicht × Größe dessen, was der Value des Tokens schreibt, so umskaliert, dass jede Zeile 1 ergibt. Die Labels und Scores lesen weiter die rohen Gewichte.</translation>
    </message>
    <message>
        <source>Value-weighted: computing the sizes of the values…</source>
        <translation>Wertgewichtet: die Größen der Werte werden berechnet …</translation>
    </message>
    <message>
        <source>Rows are queries, columns keys; value-weighted, each row rescaled to sum to 1.</source>
        <translation>Zeilen sind Queries, Spalten Keys; wertgewichtet, jede Zeile so umskaliert, dass sie sich zu 1 summiert.</translation>
    </message>
    <message>
        <source>Locked to the raw weights until you commit your prediction above: the question is answered from them.</source>
        <translation>Auf die rohen Gewichte festgelegt, bis du oben deine Vorhersage festlegst: Die Frage wird an ihnen beantwortet.</translation>
    </message>
</context>
<context>
    <name>HeadsLab</name>
    <message>
        <source>first-token weight</source>
        <translation>Gewicht auf erstem Token</translation>
    </message>
    <message>
        <source>previous-token weight</source>
        <translation>Gewicht auf vorherigem Token</translation>
    </message>
    <message>
        <source>self weight</source>
        <translation>Gewicht auf sich selbst</translation>
    </message>
    <message>
        <source>duplicate-token weight</source>
        <translation>Gewicht auf Duplikaten</translation>
    </message>
    <message>
        <source>induction (fixed probe)</source>
        <translation>Induktion (feste Testfolge)</translation>
    </message>
    <message>
        <source>entropy share (1 = even)</source>
        <translation>Gleichmäßigkeit (bis 1)</translation>
    </message>
    <message>
        <source>mean distance (tokens)</source>
        <translation>mittlerer Abstand (Token)</translation>
    </message>
    <message>
        <source>entropy (nats)</source>
        <translation>Entropie (nats)</translation>
    </message>
    <message>
        <source>mean distance</source>
        <translation>mittlerer Abstand</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>Entropie</translation>
    </message>
    <message>
        <source>entropy share</source>
        <translation>Gleichmäßigkeit (Entropieanteil)</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>head %1 %2 (%3)</source>
        <translation>Head %1 %2 (%3)</translation>
    </message>
    <message>
        <source>Layer %1, %2 heads by their census label and score: %3.</source>
        <translation>Layer %1, %2 Heads mit Zensus-Label und Score: %3.</translation>
    </message>
    <message>
        <source>head %1 · %2 %3</source>
        <translation>Head %1 · %2 %3</translation>
    </message>
    <message>
        <source>Layer %1, every head: value-weighted attention</source>
        <translation>Layer %1, alle Heads: wertgewichtete Attention</translation>
    </message>
    <message>
        <source>Layer %1, every head: attention weights</source>
        <translation>Layer %1, alle Heads: Attention-Gewichte</translation>
    </message>
    <message>
        <source>Rows are queries, columns keys. Labels are heuristics read off this text&apos;s patterns.</source>
        <translation>Zeilen sind Queries, Spalten Keys. Labels sind Heuristiken, abgelesen an den Mustern dieses Texts.</translation>
    </message>
</context>
<context>
    <name>HeadsStation</name>
    <message>
        <source>All heads of one layer</source>
        <translation>Alle Heads eines Layers</translation>
    </message>
    <message>
        <source>Each tile is one head&apos;s attention on the first %1 tokens of your text (rows: queries, columns: keys), labelled by the head census. The induction score comes from a fixed repeated random sequence, the same whatever your text. Click a tile for the focused view.</source>
        <translation>Jede Kachel ist die Attention eines Heads auf den ersten %1 Token deines Texts (Zeilen: Queries, Spalten: Keys), beschriftet durch den Head-Zensus. Der Induktions-Score stammt aus einer festen, wiederholten Zufallsfolge und ist für jeden Text gleich. Klicke auf eine Kachel für die Detailansicht.</translation>
    </message>
    <message>
        <source>Many heads, one layer</source>
        <translation>Viele Heads, ein Layer</translation>
    </message>
    <message>
        <source>Every head reads the whole residual stream vector of each token and projects it down to its own query, key and value; their outputs are concatenated and mixed by W_O (sizes of the loaded model).</source>
        <translation>Jeder Head liest den ganzen Vektor des Residual Streams jedes Tokens und projiziert ihn herunter auf seine eigene Query, seinen Key und seinen Value; ihre Ausgaben werden aneinandergehängt und von W_O gemischt (Größen des geladenen Modells).</translation>
    </message>
    <message>
        <source>Knock heads out</source>
        <translation>Heads ausschalten</translation>
    </message>
    <message>
        <source>A head knocked out has its output set to zero. The bars show the next-token prediction after the first %1 tokens of your text; KL measures how far the whole distribution moved, and the change in the top token&apos;s logit how much that token depended on the knocked-out heads, directly or through later layers.</source>
        <translation>Bei einem ausgeschalteten Head wird die Ausgabe auf null gesetzt. Die Balken zeigen die Vorhersage des nächsten Tokens nach den ersten %1 Token deines Texts; KL misst, wie weit sich die ganze Verteilung verschoben hat, und die Änderung im Logit des obersten Tokens, wie sehr dieses Token von den ausgeschalteten Heads abhing, direkt oder über spätere Layer.</translation>
    </message>
    <message>
        <source>Induction as a circuit</source>
        <translation>Induktion als Schaltkreis</translation>
    </message>
    <message>
        <source>Two heads in different layers that can work together on a repeated passage. The first copies into each position what the token before it was. The second uses that to find the earlier place where the current token appeared, and looks at the token that came next there.</source>
        <translation>Zwei Heads in verschiedenen Layern, die bei einer wiederholten Passage zusammenarbeiten können. Der erste kopiert in jede Position, welches Token davor stand. Der zweite nutzt das, um die frühere Stelle zu finden, an der das aktuelle Token vorkam, und schaut auf das Token, das dort folgte.</translation>
    </message>
    <message>
        <source>GPT-2 small&apos;s known heads</source>
        <translation>Die bekannten Heads von GPT-2 small</translation>
    </message>
    <message>
        <source>Heads of GPT-2 small that published studies describe or that score high on a published test, and the role each was found to play.</source>
        <translation>Heads von GPT-2 small, die veröffentlichte Studien beschreiben oder die in einem veröffentlichten Test hoch abschneiden, und die Rolle, die für jeden gefunden wurde.</translation>
    </message>
    <message>
        <source>Patching: which heads carry the answer</source>
        <translation>Patching: welche Heads die Antwort tragen</translation>
    </message>
    <message>
        <source>Two texts that differ in a word or two, so the answer differs. Each cell copies one part of the model&apos;s work on the clean text into its run on the corrupted text and shows how much of the clean answer comes back.</source>
        <translation>Zwei Texte, die sich in ein oder zwei Wörtern unterscheiden, sodass die Antwort sich unterscheidet. Jede Zelle kopiert einen Teil der Arbeit des Modells auf dem sauberen Text in seinen Lauf auf dem verfälschten Text und zeigt, wie viel der sauberen Antwort zurückkommt.</translation>
    </message>
    <message>
        <source>Why a head attends where it does</source>
        <translation>Warum ein Head dorthin schaut, wo er hinschaut</translation>
    </message>
    <message>
        <source>A head&apos;s score for a query and a key, q·k/√d, taken apart by what the residual stream on each side is made of: the token and position embeddings, each earlier head&apos;s and MLP&apos;s output, and fixed biases. Click a cell of the pattern; the bars sum the same terms over the whole pattern, for every head of the layer.</source>
        <translation>Der Score eines Heads für eine Query und einen Key, q·k/√d, zerlegt nach dem, woraus der Residualstrom auf jeder Seite besteht: Token- und Positions-Embedding, die Ausgabe jedes früheren Heads und MLPs und feste Biases. Klicke eine Zelle des Musters an; die Balken summieren dieselben Terme über das ganze Muster, für jeden Head des Layers.</translation>
    </message>
</context>
<context>
    <name>InductionCircuitLab</name>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>Previous-token head %1 (score %2) and head %3, the most induction-like (score %4, attention only), on %5 tokens, a passage written twice; with the first knocked out, the second scores %6.</source>
        <translation>Vorheriges-Token-Head %1 (Score %2) und Head %3, der induktionsähnlichste (Score %4, nur Attention), auf %5 Tokens, einer zweimal geschriebenen Passage; ist der erste ausgeschaltet, erreicht der zweite %6.</translation>
    </message>
</context>
<context>
    <name>InductionCircuitView</name>
    <message>
        <source>Writing your text twice and looking for the two heads…</source>
        <translation>Dein Text wird zweimal geschrieben, die beiden Heads werden gesucht…</translation>
    </message>
    <message>
        <source>Previous-token head %1</source>
        <translation>Head %1 für das vorherige Token</translation>
    </message>
    <message>
        <source>score %1: the share of weight each token puts on the token just before it</source>
        <translation>Score %1: der Anteil des Gewichts, den jedes Token auf das Token direkt davor legt</translation>
    </message>
    <message>
        <source>%1 with %2 knocked out</source>
        <translation>%1 mit %2 ausgeschaltet</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>The first %1 tokens of your text, written twice (%2 tokens in all, with the end-of-text token first where the model has one). Knocking out %3 moves the induction score of %4 from %5 to %6; knocking out each of the other %7 heads of layer %8 instead leaves it at %9 on average.</source>
        <translation>Die ersten %1 Token deines Texts, zweimal geschrieben (%2 Token insgesamt, mit dem End-of-Text-Token vorne, wo das Modell eines hat). Das Ausschalten von %3 verschiebt den Induktions-Score von %4 von %5 auf %6; schaltet man stattdessen jeden der anderen %7 Heads von Layer %8 aus, bleibt er im Mittel bei %9.</translation>
    </message>
    <message>
        <source>So the attention of %1 depends on what %2 writes, directly or through the layers between them. This fits the circuit Elhage et al. (2021) describe in small attention-only models, where the induction head&apos;s keys read the previous-token head&apos;s output (K-composition); this knock-out alone cannot tell whether keys or queries are affected, or whether the link is direct.</source>
        <translation>Die Attention von %1 hängt also davon ab, was %2 schreibt, direkt oder über die Layer dazwischen. Das passt zu dem Schaltkreis, den Elhage et al. (2021) in kleinen Modellen aus reinen Attention-Layern beschreiben, in denen die Keys des Induktions-Heads die Ausgabe des Heads für das vorherige Token lesen (K-Komposition); dieser Knock-out allein kann nicht sagen, ob Keys oder Queries betroffen sind oder ob die Verbindung direkt ist.</translation>
    </message>
    <message>
        <source>This knock-out does not single out %2: either %1 barely changes, or knocking out the other heads of layer %3 changes it about as much. Other heads may carry the same information, %1 may read it from a head other than the strongest previous-token head, or it may find its stripe another way.</source>
        <translation>Dieser Knock-out hebt %2 nicht hervor: Entweder ändert sich %1 kaum, oder das Ausschalten der anderen Heads von Layer %3 ändert ihn etwa genauso stark. Andere Heads könnten dieselbe Information tragen, %1 könnte sie von einem anderen Head lesen als dem stärksten Head für das vorherige Token, oder er findet seinen Streifen auf anderem Weg.</translation>
    </message>
    <message>
        <source>Head %1, the most induction-like on your text written twice</source>
        <translation>Head %1, der induktionsähnlichste auf deinem zweimal geschriebenen Text</translation>
    </message>
    <message>
        <source>score %1 on your text written twice (the raw share, first position kept): how much weight, on average, each token of the second copy puts on the token after its earlier copy (a diagonal line in the lower-left part, one less than a copy&apos;s length to the left of the main diagonal). The grid above scores heads on a fixed probe instead, random tokens written twice, and its label needs 0.3 or more there: the same share on another sequence, so the two numbers differ.</source>
        <translation>Score %1 auf deinem zweimal geschriebenen Text (der rohe Anteil, erste Position mitgezählt): wie viel Gewicht jedes Token der zweiten Kopie im Mittel auf das Token nach seiner früheren Kopie legt (eine diagonale Linie im unteren linken Teil, eine Kopienlänge weniger eins links der Hauptdiagonale). Das Raster oben misst Heads stattdessen an einer festen Probe, zweimal geschriebenen Zufallstokens, und sein Label braucht dort 0,3 oder mehr: derselbe Anteil auf einer anderen Folge, darum unterscheiden sich die beiden Zahlen.</translation>
    </message>
</context>
<context>
    <name>KnownHeadsLab</name>
    <message>
        <source>No heads listed yet.</source>
        <translation>Noch keine Heads aufgeführt.</translation>
    </message>
    <message>
        <source>Known heads: %1.</source>
        <translation>Bekannte Heads: %1.</translation>
    </message>
    <message>
        <source>The loaded model is not GPT-2 small, so none is checked on your text.</source>
        <translation>Das geladene Modell ist nicht GPT-2 small, daher wird keiner an deinem Text geprüft.</translation>
    </message>
    <message>
        <source>On your text, %1 of the %2 checked heads show their role.</source>
        <translation>An deinem Text zeigen %1 der %2 geprüften Heads ihre Rolle.</translation>
    </message>
</context>
<context>
    <name>KnownHeadsPanel</name>
    <message>
        <source>The loaded model is GPT-2 small (its weights match the published file&apos;s hash), so each role is checked live: on your text, except induction, which is checked on random tokens written twice. A role is what a study measured on its own prompts; on your text a head may do something else.</source>
        <translation>Das geladene Modell ist GPT-2 small (seine Gewichte passen zum Hash der veröffentlichten Datei), darum wird jede Rolle live geprüft: auf deinem Text, außer der Induktion, die auf zweimal geschriebenen Zufallstoken geprüft wird. Eine Rolle ist das, was eine Studie auf ihren eigenen Prompts gemessen hat; auf deinem Text kann ein Head etwas anderes tun.</translation>
    </message>
    <message>
        <source>Checking whether the loaded model is GPT-2 small…</source>
        <translation>Es wird geprüft, ob das geladene Modell GPT-2 small ist…</translation>
    </message>
    <message>
        <source>These heads and roles are GPT-2 small&apos;s, from the studies cited; the loaded model is not GPT-2 small, so these head numbers say nothing about its heads. Get GPT-2 small from the model library to see whether each head does its job on your text.</source>
        <translation>Diese Heads und Rollen gehören zu GPT-2 small und stammen aus den zitierten Studien; das geladene Modell ist nicht GPT-2 small, darum sagen diese Head-Nummern nichts über seine Heads. Hol dir GPT-2 small aus der Modellbibliothek, um zu sehen, ob jeder Head auf deinem Text seine Aufgabe erfüllt.</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>role (source)</source>
        <translation>Rolle (Quelle)</translation>
    </message>
    <message>
        <source>what it does</source>
        <translation>was er tut</translation>
    </message>
    <message>
        <source>on your text</source>
        <translation>auf deinem Text</translation>
    </message>
    <message>
        <source>✓ scores as one: </source>
        <translation>✓ besteht den Test: </translation>
    </message>
    <message>
        <source>✓ does this here: </source>
        <translation>✓ tut das hier: </translation>
    </message>
    <message>
        <source>not here: </source>
        <translation>hier nicht: </translation>
    </message>
    <message>
        <source>What each head does on your text is hidden until you commit your prediction about knock-outs above.</source>
        <translation>Was jeder Head auf deinem Text tut, bleibt verborgen, bis du oben deine Vorhersage zum Ausschalten festlegst.</translation>
    </message>
    <message>
        <source>How each role is checked: previous-token heads by the census&apos;s previous-token score on your text with the first token left out (0.60 or more: stricter than the census label, which also takes 0.40 or more counting the first token, so a head labelled previous-token in the grid above can fall short here); duplicate-token heads by the census&apos;s duplicate-token score on your text (0.40 or more, or 0.60 or more with the first token left out), when a token of your text repeats; induction heads by the census&apos;s induction score on random tokens written twice, the same for every text (0.30 or more); name movers by the weight from the last token onto earlier copies of the predicted token (0.30 or more) together with a positive direct effect on its logit; negative heads by that weight (0.20 or more) together with a negative direct effect on the predicted token&apos;s logit. S-inhibition heads and backup name movers are not checked live: Wang et al. found them through interventions over many prompts (swapping a head&apos;s output between prompts, knocking the name movers out), and a pattern on one text cannot show them. Thresholds are the course&apos;s heuristics, not the studies&apos;.</source>
        <translation>So wird jede Rolle geprüft: Heads für das vorherige Token am Score des Zensus für das vorherige Token auf deinem Text ohne das erste Token (0,60 oder mehr: strenger als das Etikett des Zensus, das auch 0,40 oder mehr mit dem ersten Token nimmt; ein Head mit dem Etikett „vorheriges Token“ im Raster oben kann hier also durchfallen); Duplikat-Heads am Duplikat-Score des Zensus auf deinem Text (0,40 oder mehr, oder 0,60 oder mehr ohne das erste Token), wenn sich ein Token deines Textes wiederholt; Induktions-Heads am Induktions-Score des Zensus auf zweimal geschriebenen Zufallstoken, für jeden Text gleich (0,30 oder mehr); Name Mover am Gewicht vom letzten Token auf frühere Kopien des vorhergesagten Tokens (0,30 oder mehr) zusammen mit einem positiven direkten Effekt auf seinen Logit; negative Heads an diesem Gewicht (0,20 oder mehr) zusammen mit einem negativen direkten Effekt auf den Logit des vorhergesagten Tokens. S-Inhibition-Heads und Backup-Name-Mover werden nicht live geprüft: Wang et al. fanden sie durch Eingriffe über viele Prompts (die Ausgabe eines Heads zwischen Prompts tauschen, die Name Mover ausschalten), und ein Muster auf einem Text kann sie nicht zeigen. Die Schwellen sind Heuristiken des Kurses, nicht die der Studien.</translation>
    </message>
</context>
<context>
    <name>LayerLensLab</name>
    <message>
        <source>the embeddings</source>
        <translation>den Embeddings</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>The final answer at the last position is %1. It first ranks among the top %2 after %3. Its logit stands %4 above the average token&apos;s; of that, attention wrote %5 directly and the MLPs %6.</source>
        <translation>Die endgültige Antwort an der letzten Position ist %1. Sie steht zum ersten Mal unter den ersten %2 nach %3. Ihr Logit liegt %4 über dem des mittleren Tokens; davon schrieb die Attention %5 direkt und die MLPs %6.</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>emb.</source>
        <translation>Emb.</translation>
    </message>
    <message>
        <source>attn</source>
        <translation>Attn</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>written into how far %1 stands above the average token</source>
        <translation>in den Abstand von %1 über dem mittleren Token geschrieben</translation>
    </message>
    <message>
        <source>Logit %1 − mean logit over the vocabulary (%2) = %3 = attention %4 + MLPs %5 + embeddings %6 + output biases %7 + final LayerNorm&apos;s bias %8.</source>
        <translation>Logit %1 − mittlerer Logit über das Vokabular (%2) = %3 = Attention %4 + MLPs %5 + Embeddings %6 + Ausgabe-Biases %7 + Bias der letzten LayerNorm %8.</translation>
    </message>
</context>
<context>
    <name>LayerLensView</name>
    <message>
        <source>embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>rank of %1</source>
        <translation>Rang von %1</translation>
    </message>
    <message>
        <source>#%1, first in the top %2</source>
        <translation>#%1, zuerst unter den ersten %2</translation>
    </message>
    <message>
        <source>emb.</source>
        <translation>Emb.</translation>
    </message>
    <message>
        <source>attn</source>
        <translation>Attn</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>top %1 next tokens and their probabilities, most likely first</source>
        <translation>die %1 wahrscheinlichsten nächsten Tokens und ihre Wahrscheinlichkeiten, das wahrscheinlichste zuerst</translation>
    </message>
    <message>
        <source>written into how far %1 stands above the average token</source>
        <translation>in den Abstand von %1 über dem mittleren Token geschrieben</translation>
    </message>
    <message>
        <source>Logit %1 − mean logit over the vocabulary (%2) = %3 = attention %4 + MLPs %5 + embeddings %6 + output biases %7 + final LayerNorm&apos;s bias %8.</source>
        <translation>Logit %1 − mittlerer Logit über das Vokabular (%2) = %3 = Attention %4 + MLPs %5 + Embeddings %6 + Ausgabe-Biases %7 + Bias der letzten LayerNorm %8.</translation>
    </message>
    <message>
        <source>The embeddings row reads the input before any layer. In a model that uses the same matrix to embed and to unembed, as GPT-2 does, that row mostly names the current token itself, not a prediction.</source>
        <translation>Die Zeile der Embeddings liest die Eingabe vor jeder Schicht. In einem Modell, das dieselbe Matrix zum Einbetten und zum Ausbetten verwendet, wie GPT-2, nennt diese Zeile meist das aktuelle Token selbst, keine Vorhersage.</translation>
    </message>
</context>
<context>
    <name>LensController</name>
    <message>
        <source>query \ key (layer %1, head %2%3)</source>
        <translation>Query \ Key (Layer %1, Head %2%3)</translation>
    </message>
    <message>
        <source>, first token hidden</source>
        <translation>, erstes Token ausgeblendet</translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation>Layer %1, Head %2</translation>
    </message>
    <message>
        <source>Previous-token head</source>
        <translation>Head für das vorherige Token</translation>
    </message>
    <message>
        <source>Attention sink</source>
        <translation>Attention-Senke</translation>
    </message>
    <message>
        <source>Most decisive head</source>
        <translation>Entschiedenster Head</translation>
    </message>
    <message>
        <source>%1 has the lowest average entropy (%2 nats, first token left out): each token concentrates its attention on few others.</source>
        <translation>%1 hat die niedrigste mittlere Entropie (%2 nats, ohne das erste Token): Jedes Token bündelt seine Attention auf wenige andere.</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 tokens; the rest of the text is left out.</source>
        <translation>Die ersten %1 von %2 Token werden gezeigt; der Rest des Texts bleibt weg.</translation>
    </message>
    <message>
        <source>%1 puts on average %2 of each token&apos;s attention on the very first token. Models seem to use the first position as a place to park attention they do not need elsewhere.</source>
        <translation>%1 legt im Mittel %2 der Attention jedes Tokens auf das allererste Token. Modelle scheinen die erste Position als Ort zu nutzen, an dem sie Attention abstellen, die sie anderswo nicht brauchen.</translation>
    </message>
    <message>
        <source>No attention sink on this text</source>
        <translation>Keine Attention-Senke in diesem Text</translation>
    </message>
    <message>
        <source>No head puts on average half or more of each token&apos;s attention on the first token here, the share from which the census calls a head a sink. The closest is layer %1, head %2, with on average %3 there.</source>
        <translation>Kein Head legt hier im Mittel die Hälfte oder mehr der Attention jedes Tokens auf das erste Token, den Anteil, ab dem der Zensus einen Head Senke nennt. Am nächsten kommt Layer %1, Head %2 mit im Mittel %3 dort.</translation>
    </message>
    <message>
        <source>%1 puts on average %2 of each token&apos;s attention on the token just before it — the highest of all heads for this text. (The second token is left out: the token before it is the first, where many heads rest anyway.)</source>
        <translation>%1 legt im Mittel %2 der Attention jedes Tokens auf das Token direkt davor – der höchste Wert aller Heads für diesen Text. (Das zweite Token zählt nicht mit: Das Token davor ist das erste, auf dem viele Heads ohnehin ruhen.)</translation>
    </message>
    <message>
        <source>, value-weighted</source>
        <translation>, wertgewichtet</translation>
    </message>
    <message>
        <source>unknown kind of export &quot;%1&quot;</source>
        <translation>unbekannte Art von Export „%1“</translation>
    </message>
    <message>
        <source>there is nothing to export yet: type some text first</source>
        <translation>noch gibt es nichts zu exportieren: tippe zuerst einen Text</translation>
    </message>
    <message>
        <source>the export was stopped</source>
        <translation>der Export wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>LensExport</name>
    <message>
        <source>Tokens of your text</source>
        <translation>Token deines Texts</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>value-weighted</source>
        <translation>wertgewichtet</translation>
    </message>
    <message>
        <source>raw weights</source>
        <translation>rohe Gewichte</translation>
    </message>
    <message>
        <source>first token hidden</source>
        <translation>erstes Token ausgeblendet</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <source>Layer %1, head %2: who attends to whom</source>
        <translation>Layer %1, Head %2: wer auf wen achtet</translation>
    </message>
    <message>
        <source>key: the token looked at →</source>
        <translation>Key: das Token, auf das geschaut wird →</translation>
    </message>
    <message>
        <source>All heads: %1 layers by %2 heads</source>
        <translation>Alle Heads: %1 Layer mal %2 Heads</translation>
    </message>
</context>
<context>
    <name>LensStation</name>
    <message>
        <source>Induction head</source>
        <translation>Induktions-Head</translation>
    </message>
    <message>
        <source>The induction test failed: %1</source>
        <translation>Der Induktions-Test ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Running the induction test on a repeated random sequence…</source>
        <translation>Der Induktions-Test läuft auf einer wiederholten Zufallsfolge…</translation>
    </message>
    <message>
        <source>Type a few more tokens first.</source>
        <translation>Tippe zuerst noch ein paar Token.</translation>
    </message>
    <message>
        <source>The lens needs a GPT-2-style model. Open the model library from the top bar (“Get a model…”), or start the app with --model FOLDER.</source>
        <translation>Die Linse braucht ein Modell im Stil von GPT-2. Öffne die Modellbibliothek in der oberen Leiste („Modell holen…“) oder starte die App mit --model ORDNER.</translation>
    </message>
    <message>
        <source>Your text</source>
        <translation>Dein Text</translation>
    </message>
    <message>
        <source>Type any text; the lens updates as you type.</source>
        <translation>Tippe einen beliebigen Text; die Linse aktualisiert sich beim Tippen.</translation>
    </message>
    <message>
        <source>Text for the model to read</source>
        <translation>Text, den das Modell lesen soll</translation>
    </message>
    <message>
        <source>The model could not read this text: %1</source>
        <translation>Das Modell konnte diesen Text nicht lesen: %1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Token</numerusform>
        </translation>
    </message>
    <message>
        <source>updating…</source>
        <translation>wird aktualisiert…</translation>
    </message>
    <message>
        <source>computed in %1 ms</source>
        <translation>berechnet in %1 ms</translation>
    </message>
    <message>
        <source> (the first %1 reused from before)</source>
        <translation> (die ersten %1 von vorher wiederverwendet)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Exercise: click the token you predict (or use ← → and Enter). The weights are hidden until you commit your prediction.</source>
        <translation>Übung: Klicke auf das Token, das du vorhersagst (oder nutze ← → und Enter). Die Gewichte bleiben verborgen, bis du deine Vorhersage festlegst.</translation>
    </message>
    <message>
        <source>Point at a token (or use ← →) to see where it looks in layer %1, head %2. Click to pin it. Dashed chips are pieces of one word; a hook over a chip on an earlier line is an arc to it.</source>
        <translation>Zeige auf ein Token (oder nutze ← →), um zu sehen, wohin es in Layer %1, Head %2 schaut. Klicke, um es festzuhalten. Gestrichelte Chips sind Teile eines Worts; ein Haken über einem Chip in einer früheren Zeile ist ein Bogen dorthin.</translation>
    </message>
    <message>
        <source>Type some text above to see the model&apos;s attention.</source>
        <translation>Tippe oben einen Text, um die Attention des Modells zu sehen.</translation>
    </message>
    <message>
        <source>Layer %1, head %2: who attends to whom</source>
        <translation>Layer %1, Head %2: wer auf wen achtet</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <source>Spread small weights apart: colours follow log10 of the weight.</source>
        <translation>Kleine Gewichte auseinanderziehen: Die Farben folgen log10 des Gewichts.</translation>
    </message>
    <message>
        <source>Hide the first token</source>
        <translation>Erstes Token ausblenden</translation>
    </message>
    <message>
        <source>Leave out the first token and renormalise the rest to sum to 1; the first token often takes most of the attention (a &apos;sink&apos;).</source>
        <translation>Das erste Token weglassen und den Rest so renormieren, dass er sich zu 1 summiert; das erste Token nimmt oft den größten Teil der Attention auf (eine „Senke“).</translation>
    </message>
    <message>
        <source>Save figure as PNG…</source>
        <translation>Abbildung als PNG speichern…</translation>
    </message>
    <message>
        <source>Copy matrix as CSV</source>
        <translation>Matrix als CSV kopieren</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>All heads for this text (rows: layers, columns: heads). Click one to select it.</source>
        <translation>Alle Heads für diesen Text (Zeilen: Layer, Spalten: Heads). Klicke einen an, um ihn auszuwählen.</translation>
    </message>
    <message>
        <source>Find a head</source>
        <translation>Einen Head finden</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>Vorheriges Token</translation>
    </message>
    <message>
        <source>Attention sink</source>
        <translation>Attention-Senke</translation>
    </message>
    <message>
        <source>Most decisive</source>
        <translation>Am entschiedensten</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>Induktion</translation>
    </message>
    <message>
        <source>A label like this is a heuristic read off one pattern, not a proof of what the head does.</source>
        <translation>Ein solches Label ist eine Heuristik, abgelesen an einem Muster, kein Beweis dafür, was der Head tut.</translation>
    </message>
    <message>
        <source>Save the figure as PNG</source>
        <translation>Die Abbildung als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>The figure was not saved: no file name was given. Type a name, press Enter, then Save.</source>
        <translation>Die Abbildung wurde nicht gespeichert: Es wurde kein Dateiname angegeben. Tippe einen Namen, drücke Enter, dann Speichern.</translation>
    </message>
    <message>
        <source>Could not save the image to %1.</source>
        <translation>Das Bild konnte nicht unter %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>Exercise: read the rows you can see, then type your prediction in the card. The asked row&apos;s weights are hidden until you commit your prediction.</source>
        <translation>Aufgabe: Lies die Zeilen, die du siehst, und tippe dann deine Vorhersage in die Karte. Die Gewichte der gefragten Zeile bleiben verborgen, bis du deine Vorhersage abgibst.</translation>
    </message>
    <message>
        <source>The induction test replaced your text with a repeated random sequence, on every station.</source>
        <translation>Der Induktionstest hat deinen Text durch eine wiederholte Zufallsfolge ersetzt, auf allen Stationen.</translation>
    </message>
    <message>
        <source>Undo: restore my text</source>
        <translation>Rückgängig: meinen Text wiederherstellen</translation>
    </message>
    <message>
        <source>“Previous token” opens once you have answered this figure&apos;s question.</source>
        <translation>„Vorheriges Token“ wird frei, sobald du die Frage dieser Abbildung beantwortet hast.</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Raw weights</source>
        <translation>Rohe Gewichte</translation>
    </message>
    <message>
        <source>Value-weighted</source>
        <translation>Wertgewichtet</translation>
    </message>
    <message>
        <source>Each weight times the size of what that token&apos;s value writes into the head&apos;s output (Kobayashi et al. 2020).</source>
        <translation>Jedes Gewicht mal der Größe dessen, was der Value dieses Tokens in die Ausgabe des Heads schreibt (Kobayashi et al. 2020).</translation>
    </message>
    <message>
        <source>Value-weighted: weight × size of what the token&apos;s value writes, rescaled so a row sums to 1. Chips, arcs and matrix show it.</source>
        <translation>Wertgewichtet: Gewicht × Größe dessen, was der Wert des Tokens schreibt, so umskaliert, dass jede Zeile 1 ergibt. Chips, Bögen und Matrix zeigen es.</translation>
    </message>
    <message>
        <source>Value-weighted: computing the sizes of the values…</source>
        <translation>Wertgewichtet: die Größen der Werte werden berechnet …</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Arcs:</source>
        <translation>Bögen:</translation>
    </message>
    <message>
        <source>SVG…</source>
        <translation>SVG…</translation>
    </message>
    <message>
        <source>Save the tokens and arcs as SVG</source>
        <translation>Die Token und Bögen als SVG speichern</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>Save the shown token&apos;s weights as JSON</source>
        <translation>Die Gewichte des gezeigten Tokens als JSON speichern</translation>
    </message>
    <message>
        <source>Save figure as SVG</source>
        <translation>Abbildung als SVG speichern</translation>
    </message>
    <message>
        <source>Save the figure&apos;s numbers as JSON</source>
        <translation>Die Zahlen der Abbildung als JSON speichern</translation>
    </message>
    <message>
        <source>Value-weighted, like the matrix.</source>
        <translation>Wertgewichtet, wie die Matrix.</translation>
    </message>
    <message>
        <source>Raw weights until every head&apos;s value sizes are computed…</source>
        <translation>Rohe Gewichte, bis die Value-Größen aller Heads berechnet sind…</translation>
    </message>
    <message>
        <source>All heads:</source>
        <translation>Alle Heads:</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Save all heads as PNG</source>
        <translation>Alle Heads als PNG speichern</translation>
    </message>
    <message>
        <source>Save all heads as SVG</source>
        <translation>Alle Heads als SVG speichern</translation>
    </message>
    <message>
        <source>Save every head&apos;s weights as JSON</source>
        <translation>Die Gewichte jedes Heads als JSON speichern</translation>
    </message>
    <message>
        <source>Save the figure as SVG</source>
        <translation>Die Abbildung als SVG speichern</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
</context>
<context>
    <name>LessonCatalog</name>
    <message>
        <source>%1/station.json: %2</source>
        <translation>%1/station.json: %2</translation>
    </message>
    <message>
        <source>no id</source>
        <translation>keine id</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Attention Lens</source>
        <translation>%1 – Attention Lens</translation>
    </message>
    <message>
        <source>Attention Lens</source>
        <translation>Attention Lens</translation>
    </message>
    <message>
        <source>There is no station called “%1”; here is the course map.</source>
        <translation>Es gibt keine Station namens „%1“; hier ist die Kursübersicht.</translation>
    </message>
    <message>
        <source>Open the model library</source>
        <translation>Die Modellbibliothek öffnen</translation>
    </message>
    <message>
        <source>The previous model is still loaded.</source>
        <translation>Das vorige Modell ist weiterhin geladen.</translation>
    </message>
    <message>
        <source>Switching models</source>
        <translation>Modell wechseln</translation>
    </message>
    <message>
        <source>The model library is not part of this build yet. To use another model, start the app with --model FOLDER, where FOLDER holds a GPT-2-style model (config.json, model.safetensors, vocab.json, merges.txt).</source>
        <translation>Die Modellbibliothek ist noch nicht Teil dieses Builds. Um ein anderes Modell zu verwenden, starte die App mit --model ORDNER, wobei ORDNER ein Modell im Stil von GPT-2 enthält (config.json, model.safetensors, vocab.json, merges.txt).</translation>
    </message>
</context>
<context>
    <name>MaskLab</name>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>%1 tokens, one row per query; in each row the cells after its own token are −∞ before the softmax.</source>
        <translation>%1 Token, eine Zeile pro Query; in jeder Zeile sind die Zellen nach ihrem eigenen Token vor dem Softmax −∞.</translation>
    </message>
    <message>
        <source>No prediction yet.</source>
        <translation>Noch keine Vorhersage.</translation>
    </message>
    <message>
        <source>With the mask the model predicts %1; without it, %2. KL between the two: %3 nats.</source>
        <translation>Mit der Maske sagt das Modell %1 vorher, ohne sie %2. KL zwischen beiden: %3 nats.</translation>
    </message>
</context>
<context>
    <name>MaskStation</name>
    <message>
        <source>The score grid, row by row</source>
        <translation>Das Score-Raster, Zeile für Zeile</translation>
    </message>
    <message>
        <source>The first %1 tokens of your text. Each row is one query: its scaled scores against every key, with the cells after it set to −∞ before the softmax.</source>
        <translation>Die ersten %1 Token deines Texts. Jede Zeile ist eine Query: ihre skalierten Scores gegen jeden Key, wobei die Zellen danach vor dem Softmax auf −∞ gesetzt sind.</translation>
    </message>
    <message>
        <source>What if there were no mask?</source>
        <translation>Was wäre ohne Maske?</translation>
    </message>
    <message>
        <source>The loaded model&apos;s next-token prediction after the first %1 tokens of your text, with the mask (as trained) and without it (every token sees the future).</source>
        <translation>Die Vorhersage des nächsten Tokens durch das geladene Modell nach den ersten %1 Token deines Texts, mit der Maske (wie trainiert) und ohne sie (jedes Token sieht die Zukunft).</translation>
    </message>
    <message>
        <source>With the mask</source>
        <translation>Mit der Maske</translation>
    </message>
    <message>
        <source>Without the mask</source>
        <translation>Ohne die Maske</translation>
    </message>
    <message>
        <source>KL between the two predictions: %1 nats. In training, a model without the mask could read the very token it is asked to predict — it would learn to copy instead of to predict.</source>
        <translation>KL zwischen den beiden Vorhersagen: %1 nats. Im Training könnte ein Modell ohne Maske genau das Token lesen, das es vorhersagen soll – es würde lernen zu kopieren statt vorherzusagen.</translation>
    </message>
    <message>
        <source>Encoder, decoder, cross-attention, padding</source>
        <translation>Encoder, Decoder, Cross-Attention, Padding</translation>
    </message>
    <message>
        <source>Coloured cells: which key (column) a query (row) may look at.</source>
        <translation>Farbige Zellen: auf welchen Key (Spalte) eine Query (Zeile) schauen darf.</translation>
    </message>
    <message>
        <source>Four grids of queries (rows) against keys (columns): an encoder lets every query see every key; a decoder lets each query see only the keys up to its own position; in cross-attention every decoder query sees every encoder key; padding keys are seen by no query.</source>
        <translation>Vier Raster aus Queries (Zeilen) und Keys (Spalten): Ein Encoder lässt jede Query jeden Key sehen; ein Decoder lässt jede Query nur die Keys bis zu ihrer eigenen Position sehen; bei Cross-Attention sieht jede Decoder-Query jeden Encoder-Key; Padding-Keys sieht keine Query.</translation>
    </message>
    <message>
        <source>In training, a model without the mask could read the very token it is asked to predict — it would learn to copy instead of to predict.</source>
        <translation>Im Training könnte ein Modell ohne Maske genau das Token lesen, das es vorhersagen soll – es würde lernen zu kopieren statt vorherzusagen.</translation>
    </message>
</context>
<context>
    <name>MaskStepper</name>
    <message>
        <source>◀ Row</source>
        <translation>◀ Zeile</translation>
    </message>
    <message>
        <source>Row ▶</source>
        <translation>Zeile ▶</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Row %1 (“%2”) after the softmax</source>
        <translation>Zeile %1 („%2“) nach dem Softmax</translation>
    </message>
    <message>
        <source>0 (blocked)</source>
        <translation>0 (gesperrt)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Another layer or head than the one asked about: nothing here is hidden.</source>
        <translation>Ein anderer Layer oder Head als der erfragte: Hier ist nichts verborgen.</translation>
    </message>
    <message>
        <source>Hidden until you commit your prediction above: the scores and weights of rows %1 and %2 in this head (rows count from 0).</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst: die Scores und Gewichte der Zeilen %1 und %2 in diesem Head (Zeilen ab 0 gezählt).</translation>
    </message>
    <message>
        <source>Hidden until you commit your prediction above: the scores and weights of row %1 in this head (rows count from 0).</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst: die Scores und Gewichte der Zeile %1 in diesem Head (Zeilen ab 0 gezählt).</translation>
    </message>
    <message>
        <source>Keys after the query are blocked (−∞ before the softmax): their weight is 0.</source>
        <translation>Keys nach der Query sind gesperrt (−∞ vor dem Softmax): Ihr Gewicht ist 0.</translation>
    </message>
</context>
<context>
    <name>MathStation</name>
    <message>
        <source>Q·K·V sandbox</source>
        <translation>Q·K·V-Sandkasten</translation>
    </message>
    <message>
        <source>Drag the query q, the keys k and the values v. The weights are the softmax of the scores; the black arrow is their weighted sum of the values.</source>
        <translation>Ziehe die Query q, die Keys k und die Values v. Die Gewichte sind der Softmax der Scores; der schwarze Pfeil ist die damit gewichtete Summe der Values.</translation>
    </message>
    <message>
        <source>The real thing: one head on your text</source>
        <translation>Am echten Modell: ein Head auf deinem Text</translation>
    </message>
    <message>
        <source>%1, the first %2 tokens of your text: the real query of the chosen token, every key it may see, the scaled scores, the weights and the weighted sum of the real values.</source>
        <translation>%1, die ersten %2 Token deines Texts: die echte Query des gewählten Tokens, jeder Key, den es sehen darf, die skalierten Scores, die Gewichte und die gewichtete Summe der echten Values.</translation>
    </message>
    <message>
        <source>Load a model to see its real vectors.</source>
        <translation>Lade ein Modell, um seine echten Vektoren zu sehen.</translation>
    </message>
    <message>
        <source>Why divide by √d</source>
        <translation>Warum durch √d teilen</translation>
    </message>
    <message>
        <source>Random vectors with unit-variance entries, 300 samples per size, seed 2017. Without scaling, the softmax over 8 keys puts nearly everything on one key as d grows; with it, the weights stay soft.</source>
        <translation>Zufallsvektoren mit Einträgen der Varianz 1, 300 Stichproben pro Größe, Seed 2017. Ohne Skalierung legt der Softmax über 8 Keys mit wachsendem d fast alles auf einen Key; mit ihr bleiben die Gewichte weich.</translation>
    </message>
    <message>
        <source>Random vectors with unit-variance entries, 300 samples per size, seed 2017.</source>
        <translation>Zufallsvektoren mit Einträgen der Varianz 1, 300 Stichproben pro Größe, Seed 2017.</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Attention matrix of layer %1, head %2</source>
        <translation>Attention-Matrix von Layer %1, Head %2</translation>
    </message>
    <message>
        <source>key: the token looked at →</source>
        <translation>Key: das Token, auf das geschaut wird →</translation>
    </message>
    <message>
        <source>query: the token looking ↓</source>
        <translation>Query: das schauende Token ↓</translation>
    </message>
    <message>
        <source>Empty by design: the causal mask.
A token sees only itself and earlier tokens.</source>
        <translation>Absichtlich leer: die kausale Maske.
Ein Token sieht nur sich selbst und frühere Token.</translation>
    </message>
    <message>
        <source>Row %1 (“%2”) is hidden until you commit your prediction below.</source>
        <translation>Zeile %1 („%2“) bleibt verborgen, bis du unten deine Vorhersage festlegst.</translation>
    </message>
    <message>
        <source>Point at a cell to read its weight.</source>
        <translation>Zeige auf eine Zelle, um ihr Gewicht abzulesen.</translation>
    </message>
    <message>
        <source>“%1” (%2) cannot look at the later token “%3” (%4): masked.</source>
        <translation>„%1“ (%2) kann nicht auf das spätere Token „%3“ (%4) schauen: maskiert.</translation>
    </message>
    <message>
        <source>Hidden: the first token is left out and the rest renormalised.</source>
        <translation>Ausgeblendet: Das erste Token ist weggelassen und der Rest renormiert.</translation>
    </message>
    <message>
        <source>“%1” (%2) → “%3” (%4): %5 of its attention</source>
        <translation>„%1“ (%2) → „%3“ (%4): %5 seiner Attention</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>Kausale Maske</translation>
    </message>
</context>
<context>
    <name>ModelDownloader</name>
    <message>
        <source>a repository id is owner/name, each part made of letters, digits, &quot;.&quot;, &quot;_&quot; and &quot;-&quot; (at most 96), starting and ending with a letter or digit</source>
        <translation>eine Repository-ID ist Besitzer/Name, jeder Teil aus Buchstaben, Ziffern, „.“, „_“ und „-“ (höchstens 96), am Anfang und Ende ein Buchstabe oder eine Ziffer</translation>
    </message>
    <message>
        <source>%1 is not a repository id (%2)</source>
        <translation>%1 ist keine Repository-ID (%2)</translation>
    </message>
    <message>
        <source>%1 is not a revision (a branch, tag or commit: letters, digits, &quot;.&quot;, &quot;_&quot;, &quot;-&quot; and &quot;/&quot;, no part starting with &quot;.&quot;)</source>
        <translation>%1 ist keine Revision (ein Branch, Tag oder Commit: Buchstaben, Ziffern, „.“, „_“, „-“ und „/“, kein Teil, der mit „.“ beginnt)</translation>
    </message>
    <message>
        <source>%1 is not a plain file name</source>
        <translation>%1 ist kein einfacher Dateiname</translation>
    </message>
</context>
<context>
    <name>ModelFacts</name>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>%1 heads each project every token&apos;s %2-number vector to a query, a key and a value of %3 numbers; their %1 outputs are concatenated back to %2 numbers and mixed by W_O.</source>
        <translation>%1 Heads projizieren jeweils den Vektor jedes Tokens aus %2 Zahlen auf eine Query, einen Key und einen Value aus je %3 Zahlen; ihre %1 Ausgaben werden wieder zu %2 Zahlen aneinandergehängt und von W_O gemischt.</translation>
    </message>
    <message>
        <source>%1 blocks, each a layer norm, attention with %2 heads and a residual add, then a layer norm, an MLP of width %3 and a residual add; tokens enter as %4-number vectors from a vocabulary of %5, and a final layer norm and the unembedding give the next-token scores.</source>
        <translation>%1 Blöcke, jeder aus LayerNorm, Attention mit %2 Heads und Addition in den Residual Stream, dann LayerNorm, einem MLP der Breite %3 und wieder einer Addition; Token kommen als Vektoren aus %4 Zahlen aus einem Vokabular von %5 herein, und eine letzte LayerNorm und das Unembedding liefern die Scores für das nächste Token.</translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <source>No model folder was given.</source>
        <translation>Es wurde kein Modellordner angegeben.</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>Den Modellordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>Could not load the model in %1: %2</source>
        <translation>Das Modell in %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>The course&apos;s own model (%1) was not found (looked in: %2). Open the model library to download GPT-2 small or open a model folder, or start the app with --model FOLDER.</source>
        <translation>Das eigene Modell des Kurses (%1) wurde nicht gefunden (gesucht in: %2). Öffne die Modellbibliothek, um GPT-2 small herunterzuladen oder einen Modellordner zu öffnen, oder starte die App mit --model ORDNER.</translation>
    </message>
    <message>
        <source>Showing the first %1 tokens of your text, which has more than %2: every figure and exercise reads only those, and the rest is left out.</source>
        <translation>Die ersten %1 Token deines Texts werden gezeigt, der mehr als %2 hat: Jede Abbildung und Übung liest nur diese, und der Rest bleibt weg.</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 tokens: every figure and exercise reads only the first %1 tokens of your text, and the rest is left out.</source>
        <translation>Die ersten %1 von %2 Token werden gezeigt: Jede Abbildung und Übung liest nur die ersten %1 Token deines Texts, und der Rest bleibt weg.</translation>
    </message>
</context>
<context>
    <name>ModelIndicator</name>
    <message>
        <source>Model: %1. Switch model</source>
        <translation>Modell: %1. Modell wechseln</translation>
    </message>
    <message>
        <source>No model loaded. Get a model</source>
        <translation>Kein Modell geladen. Ein Modell holen</translation>
    </message>
    <message>
        <source>%1
%2 layers × %3 heads, %4-dimensional, reads up to %5 tokens.
Folder: %6
%7Click to switch models.</source>
        <translation>%1
%2 Layer × %3 Heads, %4-dimensional, liest bis zu %5 Token.
Ordner: %6
%7Klicke, um das Modell zu wechseln.</translation>
    </message>
    <message>
        <source>The course&apos;s own small model, trained for this course: not GPT-2.
</source>
        <translation>Das kleine eigene Modell des Kurses, für diesen Kurs trainiert: nicht GPT-2.
</translation>
    </message>
    <message>
        <source>Click to get a model.</source>
        <translation>Klicke, um ein Modell zu holen.</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <source>%1 · %2 layers × %3 heads</source>
        <translation>%1 · %2 Layer × %3 Heads</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Switch…</source>
        <translation>Wechseln…</translation>
    </message>
    <message>
        <source>Get a model…</source>
        <translation>Modell holen…</translation>
    </message>
</context>
<context>
    <name>ModelLibraryModel</name>
    <message>
        <source>%1%2 to download</source>
        <translation>%1%2 zum Herunterladen</translation>
    </message>
    <message>
        <source>%1 on disk</source>
        <translation>%1 auf der Festplatte</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>%1 layers × %2 heads</source>
        <translation>%1 Layer × %2 Heads</translation>
    </message>
    <message>
        <source>%1 already downloaded</source>
        <translation>%1 bereits heruntergeladen</translation>
    </message>
    <message>
        <source>No folder was chosen.</source>
        <translation>Es wurde kein Ordner gewählt.</translation>
    </message>
    <message>
        <source>Only models downloaded by Attention Lens can be removed here.</source>
        <translation>Hier lassen sich nur Modelle entfernen, die Attention Lens heruntergeladen hat.</translation>
    </message>
    <message>
        <source>%1 is not inside the app&apos;s models folder; it was left alone.</source>
        <translation>%1 liegt nicht im Modellordner der App; es wurde nicht angerührt.</translation>
    </message>
    <message>
        <source>This model is in use. Switch to another model first, then remove it.</source>
        <translation>Dieses Modell ist in Gebrauch. Wechsle zuerst zu einem anderen Modell und entferne es dann.</translation>
    </message>
    <message>
        <source>Could not remove %1 completely (check its permissions).</source>
        <translation>%1 konnte nicht vollständig entfernt werden (prüfe die Zugriffsrechte).</translation>
    </message>
    <message>
        <source>That model is no longer in the library.</source>
        <translation>Dieses Modell ist nicht mehr in der Bibliothek.</translation>
    </message>
    <message>
        <source>Could not remove the link %1.</source>
        <translation>Die Verknüpfung %1 konnte nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>ModelLibraryPage</name>
    <message>
        <source>Model library</source>
        <translation>Modellbibliothek</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>Eingebaut</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Choose a GPT-2 model folder</source>
        <translation>Einen GPT-2-Modellordner wählen</translation>
    </message>
    <message>
        <source>The course runs on any GPT-2-family model. GPT-2 small is the model the lessons talk about: 12 layers × 12 heads, 144 heads in all. Switching models keeps your text and your place; every figure and exercise is recomputed on the new model.</source>
        <translation>Der Kurs läuft auf jedem Modell der GPT-2-Familie. GPT-2 small ist das Modell, von dem die Lektionen sprechen: 12 Layer × 12 Heads, 144 Heads insgesamt. Beim Modellwechsel bleiben dein Text und deine Stelle erhalten; jede Abbildung und jede Übung wird auf dem neuen Modell neu berechnet.</translation>
    </message>
    <message>
        <source>Loading a model…</source>
        <translation>Ein Modell wird geladen…</translation>
    </message>
    <message>
        <source>In use: &lt;b&gt;%1&lt;/b&gt; — %2 layers × %3 heads.</source>
        <translation>In Gebrauch: &lt;b&gt;%1&lt;/b&gt; – %2 Layer × %3 Heads.</translation>
    </message>
    <message>
        <source>This is the course&apos;s own small model, trained for this course so that it works offline; it is not GPT-2. Download GPT-2 small below to see the model the lessons describe.</source>
        <translation>Das ist das kleine eigene Modell des Kurses, für diesen Kurs trainiert, damit er offline funktioniert; es ist nicht GPT-2. Lade unten GPT-2 small herunter, um das Modell zu sehen, das die Lektionen beschreiben.</translation>
    </message>
    <message>
        <source>No model is loaded yet.</source>
        <translation>Noch ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>The previous model is still loaded.</source>
        <translation>Das vorige Modell ist weiterhin geladen.</translation>
    </message>
    <message>
        <source>The download stopped</source>
        <translation>Der Download wurde angehalten</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>Die Dateien werden geprüft…</translation>
    </message>
    <message>
        <source>Loading the model to check it…</source>
        <translation>Das Modell wird zur Prüfung geladen…</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>%1 wird heruntergeladen</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Noch einmal</translation>
    </message>
    <message>
        <source>Discard the partial download</source>
        <translation>Den unvollständigen Download verwerfen</translation>
    </message>
    <message>
        <source>● In use</source>
        <translation>● In Gebrauch</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>Noch nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Download fortsetzen</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Remove the downloaded files of %1</source>
        <translation>Die heruntergeladenen Dateien von %1 entfernen</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Forget %1</source>
        <translation>%1 vergessen</translation>
    </message>
    <message>
        <source>Open a folder…</source>
        <translation>Einen Ordner öffnen…</translation>
    </message>
    <message>
        <source>Any GPT-2-family folder in Hugging Face layout: config.json, model.safetensors, vocab.json, merges.txt.</source>
        <translation>Jeder Ordner eines Modells der GPT-2-Familie im Hugging-Face-Layout: config.json, model.safetensors, vocab.json, merges.txt.</translation>
    </message>
    <message>
        <source>Downloads come from huggingface.co (or $HF_ENDPOINT) at a fixed commit; every file is checked against its size and hash (pinned in the app for GPT-2 small, given by the server otherwise) and the model is test-loaded before it is saved in %1.</source>
        <translation>Downloads kommen von huggingface.co (oder $HF_ENDPOINT) zu einem festen Commit; jede Datei wird gegen ihre Größe und ihren Hash geprüft (für GPT-2 small in der App festgelegt, sonst vom Server angegeben), und das Modell wird probeweise geladen, bevor es in %1 gespeichert wird.</translation>
    </message>
    <message>
        <source>Also listed: models in the Hugging Face cache (%1).</source>
        <translation>Ebenfalls aufgeführt: Modelle im Hugging-Face-Cache (%1).</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>The downloaded files of %1 will be deleted from %2. You can download it again later.</source>
        <translation>Die heruntergeladenen Dateien von %1 werden aus %2 gelöscht. Du kannst es später wieder herunterladen.</translation>
    </message>
</context>
<context>
    <name>MultiHeadDiagram</name>
    <message>
        <source>residual stream
%1 numbers</source>
        <translation>Residual Stream
%1 Zahlen</translation>
    </message>
    <message>
        <source>… %1 heads in all</source>
        <translation>… %1 Heads insgesamt</translation>
    </message>
    <message>
        <source>head %1: q, k, v of %2</source>
        <translation>Head %1: q, k, v mit je %2</translation>
    </message>
    <message>
        <source>concatenate
%1 × %2 = %3</source>
        <translation>aneinanderhängen
%1 × %2 = %3</translation>
    </message>
    <message>
        <source>mix by W_O
%1 × %1</source>
        <translation>mischen mit W_O
%1 × %1</translation>
    </message>
    <message>
        <source>add to the
residual stream</source>
        <translation>zum Residual
Stream addieren</translation>
    </message>
</context>
<context>
    <name>NotStation</name>
    <message>
        <source>Weights are not explanations</source>
        <translation>Gewichte sind keine Erklärungen</translation>
    </message>
    <message>
        <source>Each cell: how far the next-token prediction after the first %1 tokens of your text moves (KL, nats) when that head&apos;s pattern is replaced. Pale cells: replacing that head&apos;s pattern barely moves the prediction.</source>
        <translation>Jede Zelle: wie weit sich die Vorhersage des nächsten Tokens nach den ersten %1 Token deines Texts verschiebt (KL, nats), wenn das Muster dieses Heads ersetzt wird. Blasse Zellen: Das Ersetzen des Musters dieses Heads verschiebt die Vorhersage kaum.</translation>
    </message>
    <message>
        <source>How attention&apos;s cost grows with the text</source>
        <translation>Wie die Kosten der Attention mit dem Text wachsen</translation>
    </message>
    <message>
        <source>Wall-clock time, measured now with the engine&apos;s own layer functions on one core of this machine (the fastest of several runs per length). Time is not arithmetic: counted in multiply-adds, attention is T / (6·d) of the rest, which for this model (d = %1) reaches the rest only at %2 tokens; its context holds %3.</source>
        <translation>Echte Laufzeit, eben gemessen mit den eigenen Layer-Funktionen der Engine auf einem Kern dieses Rechners (der schnellste von mehreren Läufen pro Länge). Zeit ist nicht Arithmetik: In Multiply-Adds gezählt, beträgt die Attention T / (6·d) des Rests, was bei diesem Modell (d = %1) den Rest erst bei %2 Token erreicht; sein Kontext fasst %3.</translation>
    </message>
    <message>
        <source>Wall-clock time, measured now with the engine&apos;s own layer functions on one core of this machine (the fastest of several runs per length).</source>
        <translation>Echte Laufzeit, eben gemessen mit den eigenen Layer-Funktionen der Engine auf einem Kern dieses Rechners (der schnellste von mehreren Läufen pro Länge).</translation>
    </message>
    <message>
        <source>One head is not one concept</source>
        <translation>Ein Head ist nicht ein Konzept</translation>
    </message>
    <message>
        <source>The same head&apos;s census on the first %1 tokens of your text and of three others. Labels are heuristics.</source>
        <translation>Der Zensus desselben Heads auf den ersten %1 Token deines Texts und dreier anderer. Labels sind Heuristiken.</translation>
    </message>
    <message>
        <source>The plumbing</source>
        <translation>Die Leitungen</translation>
    </message>
    <message>
        <source>Where attention sits in the model, with the loaded model&apos;s sizes.</source>
        <translation>Wo die Attention im Modell sitzt, mit den Größen des geladenen Modells.</translation>
    </message>
    <message>
        <source>The prediction, layer by layer</source>
        <translation>Die Vorhersage, Schicht für Schicht</translation>
    </message>
    <message>
        <source>Attention&apos;s share, worked through once</source>
        <translation>Der Anteil der Attention, einmal durchgerechnet</translation>
    </message>
    <message>
        <source>The question in the next figure asks for attention&apos;s share on your text. Here it is computed once on a fixed text, never yours, from the loaded model: the same parts as the next figure&apos;s bars, their sizes, the two sums and the share. The embeddings and the biases are left out of it: it weighs the layers&apos; attention against their MLPs.</source>
        <translation>Die Frage in der nächsten Abbildung fragt nach dem Anteil der Attention auf deinem Text. Hier wird er einmal an einem festen Text berechnet, nie an deinem, mit dem geladenen Modell: dieselben Teile wie in den Balken der nächsten Abbildung, ihre Beträge, die beiden Summen und der Anteil. Embeddings und Biases bleiben außen vor: Er wägt die Attention der Schichten gegen ihre MLPs ab.</translation>
    </message>
    <message>
        <source>The table: the logit lens at the last of the first %1 tokens of your text: the final LayerNorm and the unembedding applied to the stream after each layer, its five most likely next tokens, and the rank of the model&apos;s final answer (outlined). Early rows are a rough view: those layers were not trained to be read this way. The bars: how far the final answer&apos;s logit stands above the average token&apos;s, split into what each layer&apos;s attention and MLP wrote directly, with the final LayerNorm&apos;s scale held at its value on this text. Below them, one head&apos;s pushes on every token.</source>
        <translation>Die Tabelle: die Logit Lens an der letzten der ersten %1 Tokens deines Textes: die letzte LayerNorm und das Unembedding, angewandt auf den Strom nach jeder Schicht, seine fünf wahrscheinlichsten nächsten Tokens und der Rang der endgültigen Antwort des Modells (umrandet). Frühe Zeilen sind nur ein grober Blick: Diese Schichten wurden nicht darauf trainiert, so gelesen zu werden. Die Balken: wie weit der Logit der endgültigen Antwort über dem des mittleren Tokens liegt, zerlegt in das, was die Attention und das MLP jeder Schicht direkt geschrieben haben, mit dem Skalierungsfaktor der letzten LayerNorm bei seinem Wert auf diesem Text festgehalten. Darunter: wie ein Head die Logits aller Tokens verschiebt.</translation>
    </message>
    <message>
        <source>Which position, read through this head, mattered to the answer: three answers</source>
        <translation>Welche Position zählte, durch diesen Head gelesen, für die Antwort: drei Antworten</translation>
    </message>
    <message>
        <source>One head at the last of the first %1 tokens of your text, three ways to rank the positions it reads: its raw weight; its weight times the size of what the position&apos;s value writes, ‖v·W_O‖, as a share of the row (value-weighted, Kobayashi et al. 2020); and how far the logit of the model&apos;s top next token moves against the mean logit over the vocabulary, as in the bars above, when that position&apos;s value alone is taken out of the head there, every later layer run again (exact about that one logit through this head, not an estimate). Each entry: rank, token, @ its position, value; in the removal column + means removing the value raises the logit less the mean and − that it lowers it, blue bars where it raises it. Bars are scaled to each column&apos;s largest. The position with the largest raw weight is outlined in every column.</source>
        <translation>Ein Head am letzten der ersten %1 Tokens deines Textes, drei Arten, die Positionen zu ordnen, die er liest: sein rohes Gewicht; sein Gewicht mal der Größe dessen, was der Value der Position schreibt, ‖v·W_O‖, als Anteil an der Zeile (wertgewichtet, Kobayashi et al. 2020); und wie weit sich der Logit des wahrscheinlichsten nächsten Tokens gegenüber dem mittleren Logit über das Vokabular verschiebt, wie bei den Balken oben, wenn allein der Value dieser Position dort aus dem Head genommen wird und jede spätere Schicht neu rechnet (exakt für diesen einen Logit durch diesen Head, keine Schätzung). Jeder Eintrag: Platz, Token, @ seine Position, Wert; in der Spalte des Entfernens heißt +, dass das Entfernen des Values den Logit abzüglich des Mittels hebt, und −, dass es ihn senkt; blaue Balken, wo es ihn hebt. Die Balken sind auf den größten Wert jeder Spalte skaliert. Die Position mit dem größten rohen Gewicht ist in jeder Spalte umrandet.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>PatchingLab</name>
    <message>
        <source>Who gets the drink (names swapped)</source>
        <translation>Wer bekommt das Getränk (Namen getauscht)</translation>
    </message>
    <message>
        <source>This model has no tokenizer, so it cannot read the texts.</source>
        <translation>Dieses Modell hat keinen Tokenizer und kann die Texte daher nicht lesen.</translation>
    </message>
    <message>
        <source>The clean text needs between 1 and 64 tokens; it has %1.</source>
        <translation>Der saubere Text braucht 1 bis 64 Tokens; er hat %1.</translation>
    </message>
    <message>
        <source>The clean text has %1 tokens and the corrupted one %2; they first differ at token %3 (“%4” against “%5”). Patching copies position by position, so both need the same number of tokens: use a word that is one token as well, or change the same word in both.</source>
        <translation>Der saubere Text hat %1 Tokens und der verfälschte %2; sie unterscheiden sich zuerst bei Token %3 („%4“ gegen „%5“). Patching kopiert Position für Position, also brauchen beide gleich viele Tokens: Nimm ein Wort, das ebenfalls ein Token ist, oder ändere in beiden dasselbe Wort.</translation>
    </message>
    <message>
        <source>the end</source>
        <translation>das Ende</translation>
    </message>
    <message>
        <source>Your text (one token replaced)</source>
        <translation>Dein Text (ein Token ersetzt)</translation>
    </message>
    <message>
        <source>Your text needs at least 3 tokens for a pair.</source>
        <translation>Dein Text braucht mindestens 3 Tokens für ein Paar.</translation>
    </message>
    <message>
        <source>The logit difference between “%1” and “%2” is the same on both texts, so there is nothing to restore. Change a word that matters for the answer.</source>
        <translation>Die Logit-Differenz zwischen „%1“ und „%2“ ist auf beiden Texten gleich, also gibt es nichts wiederherzustellen. Ändere ein Wort, auf das es für die Antwort ankommt.</translation>
    </message>
    <message>
        <source>Patching: waiting for the model.</source>
        <translation>Patching: wartet auf das Modell.</translation>
    </message>
    <message>
        <source>Patching each head&apos;s output from the clean text into the corrupted one, for the logit difference between “%1” and “%2” (%3 on the clean text, %4 on the corrupted one).</source>
        <translation>Die Ausgabe jedes Heads wird vom sauberen Text in den verfälschten gepatcht, für die Logit-Differenz zwischen „%1“ und „%2“ (%3 auf dem sauberen Text, %4 auf dem verfälschten).</translation>
    </message>
    <message>
        <source>On your text, replacing one token hardly changes the answer: the logit difference between “%1” and “%2” only goes from %3 to %4, so the heads&apos; shares would be mostly noise. Try another text, one whose answer depends on an earlier word.</source>
        <translation>Auf deinem Text ändert das Ersetzen eines Tokens die Antwort kaum: Die Logit-Differenz zwischen „%1“ und „%2“ geht nur von %3 auf %4, die Anteile der Heads wären also größtenteils Rauschen. Versuch einen anderen Text, dessen Antwort von einem früheren Wort abhängt.</translation>
    </message>
    <message>
        <source>Who is thanked (names and pronouns swapped)</source>
        <translation>Wem wird gedankt (Namen und Pronomen getauscht)</translation>
    </message>
</context>
<context>
    <name>PatchingView</name>
    <message>
        <source>Pair:</source>
        <translation>Paar:</translation>
    </message>
    <message>
        <source>Clean text:</source>
        <translation>Sauberer Text:</translation>
    </message>
    <message>
        <source>Clean text (edit one word and press Enter)</source>
        <translation>Sauberer Text (ein Wort ändern und Enter drücken)</translation>
    </message>
    <message>
        <source>Corrupted text:</source>
        <translation>Verfälschter Text:</translation>
    </message>
    <message>
        <source>Edit one word of the clean text and press Enter: the corrupted text keeps the pair&apos;s swap and takes your word too.</source>
        <translation>Ändere ein Wort des sauberen Texts und drücke Enter: Der verfälschte Text behält den Tausch des Paars und übernimmt auch dein Wort.</translation>
    </message>
    <message>
        <source>Patching every head…</source>
        <translation>Jeder Head wird gepatcht …</translation>
    </message>
    <message>
        <source>Measure: logit(“%1”) − logit(“%2”) at the last position: %3 on the clean text, %4 on the corrupted one. A cell shows how much of that gap a patch closes: 1 brings the clean value back, 0 changes nothing, a negative share moves it further away.</source>
        <translation>Maß: Logit(„%1“) − Logit(„%2“) an der letzten Position: %3 auf dem sauberen Text, %4 auf dem verfälschten. Eine Zelle zeigt, wie viel dieser Lücke ein Patch schließt: 1 bringt den sauberen Wert zurück, 0 ändert nichts, ein negativer Anteil entfernt ihn weiter.</translation>
    </message>
    <message>
        <source>Each head&apos;s output patched (rows: layers, columns: heads; last column: the layer&apos;s MLP)</source>
        <translation>Die Ausgabe jedes Heads gepatcht (Zeilen: Layer, Spalten: Heads; letzte Spalte: das MLP des Layers)</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>The residual stream patched at one position entering one layer (rows: layers, columns: tokens of the clean text)</source>
        <translation>Der Residual Stream an einer Position gepatcht, wo er in einen Layer eintritt (Zeilen: Layer, Spalten: Tokens des sauberen Texts)</translation>
    </message>
    <message>
        <source>Patching every position of every layer…</source>
        <translation>Jede Position jedes Layers wird gepatcht …</translation>
    </message>
    <message>
        <source>layer %1, token %2: %3</source>
        <translation>Layer %1, Token %2: %3</translation>
    </message>
    <message>
        <source>Largest share from one head: head %1 brings back %2 of the change between the two texts. A head&apos;s output is its weighted values times its rows of W_O, without the bias, at every position.</source>
        <translation>Größter Anteil eines einzelnen Heads: Head %1 bringt %2 der Änderung zwischen den beiden Texten zurück. Die Ausgabe eines Heads sind seine gewichteten Values mal seine Zeilen von W_O, ohne den Bias, an jeder Position.</translation>
    </message>
    <message>
        <source>Tokens in the accent colour differ between the two texts. Where the information sits at each layer shows as the strong cells: at first on the changed tokens, later on the last one, where the answer is read. The rows end with the stream entering the last layer: what moves inside that layer does not show here.</source>
        <translation>Tokens in der Akzentfarbe unterscheiden sich zwischen den beiden Texten. Wo die Information in jeder Schicht sitzt, zeigen die starken Zellen: zuerst auf den geänderten Tokens, später auf dem letzten, wo die Antwort gelesen wird. Die Zeilen enden mit dem Strom, der in die letzte Schicht eintritt: Was sich innerhalb dieser Schicht bewegt, zeigt sich hier nicht.</translation>
    </message>
    <message>
        <source>Your text (its first %1 tokens) with one token replaced by a short common word (“the”, “a”, “and” or “it”): of the tokens tried (up to four of the last ones that repeat an earlier one, the third-last, and the ones three quarters, half and a quarter of the way in; where none of them moves the measure by 1, every token but the last two, and where the names pair has no gap either, the one before the last), each with each word, the replacement that moves the measure most. The measure compares the model&apos;s top answer on your text with its top answer on the changed text (its runner-up where both agree).</source>
        <translation>Dein Text (seine ersten %1 Tokens), in dem ein Token durch ein kurzes, häufiges Wort („the“, „a“, „and“ oder „it“) ersetzt ist: Von den ausprobierten Tokens (bis zu vier der letzten, die ein früheres wiederholen, das drittletzte und die bei drei Vierteln, der Hälfte und einem Viertel des Texts; wo keines davon das Maß um 1 verschiebt, jedes Token außer den letzten beiden, und wo auch das Namenspaar keinen Abstand hat, das vorletzte), jedes mit jedem Wort, die Ersetzung, die das Maß am stärksten verschiebt. Das Maß vergleicht die oberste Antwort des Modells auf deinem Text mit seiner obersten Antwort auf dem geänderten Text (mit seiner zweitbesten, wo beide übereinstimmen).</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Layer %1</translation>
    </message>
    <message>
        <source>Each head&apos;s output patched: share of the gap closed</source>
        <translation>Die Ausgabe jedes Heads gepatcht: geschlossener Anteil der Lücke</translation>
    </message>
    <message>
        <source>1 brings the clean value back, 0 changes nothing, a negative share moves it further away.</source>
        <translation>1 bringt den sauberen Wert zurück, 0 ändert nichts, ein negativer Anteil entfernt ihn weiter.</translation>
    </message>
    <message>
        <source>The residual stream patched at one position entering one layer</source>
        <translation>Der Residual Stream an einer Position gepatcht, wo er in einen Layer eintritt</translation>
    </message>
</context>
<context>
    <name>PatternSwapLab</name>
    <message>
        <source>No measurement yet.</source>
        <translation>Noch keine Messung.</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>gleichmäßiges</translation>
    </message>
    <message>
        <source>shuffled</source>
        <translation>gemischtes</translation>
    </message>
    <message>
        <source>With each head&apos;s pattern replaced by a %1 one in turn, the prediction moves most for heads %2 (up to KL %3 nats) and least for heads %4.</source>
        <translation>Wird das Muster jedes Heads der Reihe nach durch ein %1 ersetzt, verschiebt sich die Vorhersage am stärksten bei den Heads %2 (bis zu KL %3 nats) und am wenigsten bei den Heads %4.</translation>
    </message>
</context>
<context>
    <name>PatternSwapView</name>
    <message>
        <source>uniform</source>
        <translation>gleichmäßig</translation>
    </message>
    <message>
        <source>shuffled rows</source>
        <translation>durchgemischte Zeilen</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Layer %1</translation>
    </message>
    <message>
        <source>Replacing the pattern barely moves the prediction: heads %1. Moves it most: heads %2. (KL in nats; columns are heads.)</source>
        <translation>Das Ersetzen des Musters verschiebt die Vorhersage kaum: Heads %1. Verschiebt sie am meisten: Heads %2. (KL in nats; Spalten sind Heads.)</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>KL when each head&apos;s pattern is made uniform</source>
        <translation>KL, wenn das Muster jedes Heads gleichmäßig gemacht wird</translation>
    </message>
    <message>
        <source>KL when each head&apos;s pattern has its rows shuffled</source>
        <translation>KL, wenn die Zeilen im Muster jedes Heads durchgemischt werden</translation>
    </message>
    <message>
        <source>KL in nats between the prediction before and after the swap.</source>
        <translation>KL in Nats zwischen der Vorhersage vor und nach dem Austausch.</translation>
    </message>
</context>
<context>
    <name>PatternTile</name>
    <message>
        <source>Head %1, %2</source>
        <translation>Head %1, %2</translation>
    </message>
    <message>
        <source>head %1 · %2</source>
        <translation>Head %1 · %2</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Head %1</translation>
    </message>
</context>
<context>
    <name>PlumbingDiagram</name>
    <message>
        <source>tokens → embeddings + positions: %1 numbers per token (up to %2 positions)</source>
        <translation>Token → Embeddings + Positionen: %1 Zahlen pro Token (bis zu %2 Positionen)</translation>
    </message>
    <message>
        <source>one block, repeated %1 times</source>
        <translation>ein Block, %1-mal wiederholt</translation>
    </message>
    <message>
        <source>LayerNorm → attention: %1 heads of %2 → W_O (%3 × %3) → add to the residual stream</source>
        <translation>LayerNorm → Attention: %1 Heads mit je %2 → W_O (%3 × %3) → zum Residual Stream addieren</translation>
    </message>
    <message>
        <source>LayerNorm → MLP: %1 → %2 → %1 (GELU) → add to the residual stream</source>
        <translation>LayerNorm → MLP: %1 → %2 → %1 (GELU) → zum Residual Stream addieren</translation>
    </message>
    <message>
        <source>final LayerNorm → unembedding: %1 scores, one per vocabulary token</source>
        <translation>letzte LayerNorm → Unembedding: %1 Scores, einer pro Token des Vokabulars</translation>
    </message>
    <message>
        <source>%1 parameters in all · the residual stream keeps %2 numbers per token from start to end; each part adds to it.</source>
        <translation>%1 Parameter insgesamt · der Residual Stream hält %2 Zahlen pro Token vom Anfang bis zum Ende; jeder Teil addiert etwas hinzu.</translation>
    </message>
</context>
<context>
    <name>PredictCard</name>
    <message>
        <source>(Layer %1, head %2.)</source>
        <translation>(Layer %1, Head %2.)</translation>
    </message>
    <message>
        <source>The model&apos;s answer: %1</source>
        <translation>Die Antwort des Modells: %1</translation>
    </message>
    <message>
        <source>Token %1: %2</source>
        <translation>Token %1: %2</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Layer %1</translation>
    </message>
    <message>
        <source>your number</source>
        <translation>deine Zahl</translation>
    </message>
    <message>
        <source>Your prediction</source>
        <translation>Deine Vorhersage</translation>
    </message>
</context>
<context>
    <name>ProgressStore</name>
    <message>
        <source>Your progress file could not be used because %1. It was kept as %2; the course starts with fresh progress.</source>
        <translation>Deine Fortschrittsdatei konnte nicht verwendet werden, weil %1. Sie wurde als %2 aufbewahrt; der Kurs beginnt mit frischem Fortschritt.</translation>
    </message>
    <message>
        <source>Your progress file %1 could not be used because %2, and it could not be moved aside. It is left untouched and progress in this run will not be saved.</source>
        <translation>Deine Fortschrittsdatei %1 konnte nicht verwendet werden, weil %2, und sie ließ sich nicht beiseitelegen. Sie bleibt unverändert, und der Fortschritt in diesem Lauf wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>Your progress could not be saved to %1 (%2). The progress saved before is unchanged; what you do now is kept while the app is open and saved as soon as saving works again.</source>
        <translation>Dein Fortschritt konnte nicht in %1 gespeichert werden (%2). Der zuvor gespeicherte Fortschritt bleibt unverändert; was du jetzt tust, bleibt erhalten, solange die App offen ist, und wird gespeichert, sobald das Speichern wieder funktioniert.</translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation>sie kein gültiges JSON ist (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>it is not an Attention Lens progress file</source>
        <translation>sie keine Fortschrittsdatei von Attention Lens ist</translation>
    </message>
    <message>
        <source>it has no version number</source>
        <translation>sie keine Versionsnummer hat</translation>
    </message>
    <message>
        <source>its version number %1 is not one that Attention Lens writes</source>
        <translation>ihre Versionsnummer %1 ist keine, die Attention Lens schreibt</translation>
    </message>
    <message>
        <source>it was written by a newer version of Attention Lens (format %1; this one reads %2)</source>
        <translation>sie von einer neueren Version von Attention Lens geschrieben wurde (Format %1; diese liest %2)</translation>
    </message>
    <message>
        <source>its &quot;stations&quot; entry is missing or not an object</source>
        <translation>ihr Eintrag &quot;stations&quot; fehlt oder kein Objekt ist</translation>
    </message>
    <message>
        <source>it would be larger than the %1 MB the app reads back</source>
        <translation>er wäre größer als die %1 MB, die die App wieder einliest</translation>
    </message>
    <message numerus="yes">
        <source>Part of your progress file %1 could not be read (%n entries are not in the shape Attention Lens writes), and the file could not be moved aside. It is left untouched and progress in this run will not be saved.</source>
        <translation>
            <numerusform>Ein Teil Ihrer Fortschrittsdatei %1 konnte nicht gelesen werden (%n Eintrag hat nicht die Form, die Attention Lens schreibt), und die Datei konnte nicht beiseitegelegt werden. Sie bleibt unverändert; der Fortschritt dieses Laufs wird nicht gespeichert.</numerusform>
            <numerusform>Ein Teil Ihrer Fortschrittsdatei %1 konnte nicht gelesen werden (%n Einträge haben nicht die Form, die Attention Lens schreibt), und die Datei konnte nicht beiseitegelegt werden. Sie bleibt unverändert; der Fortschritt dieses Laufs wird nicht gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Part of your progress file could not be read (%n entries are not in the shape Attention Lens writes). The file as it was is kept as %1; the rest of your progress is carried on.</source>
        <translation>
            <numerusform>Ein Teil Ihrer Fortschrittsdatei konnte nicht gelesen werden (%n Eintrag hat nicht die Form, die Attention Lens schreibt). Die Datei, wie sie war, ist als %1 aufbewahrt; der übrige Fortschritt wird weitergeführt.</numerusform>
            <numerusform>Ein Teil Ihrer Fortschrittsdatei konnte nicht gelesen werden (%n Einträge haben nicht die Form, die Attention Lens schreibt). Die Datei, wie sie war, ist als %1 aufbewahrt; der übrige Fortschritt wird weitergeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your progress file held data that Attention Lens does not use, too large to save your new answers beside it. The file as it was is kept as %1; your progress is saved without that data.</source>
        <translation>Deine Fortschrittsdatei enthielt Daten, die Attention Lens nicht nutzt, zu groß, um deine neuen Antworten daneben zu speichern. Die Datei, wie sie war, ist als %1 aufbewahrt; dein Fortschritt wird ohne diese Daten gespeichert.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Head %1 is in the last layer, so no later head can take over its job.</source>
        <translation>Head %1 liegt im letzten Layer, darum kann kein späterer Head seine Aufgabe übernehmen.</translation>
    </message>
    <message>
        <source>With head %1 off, no head of the %2 in later layers raised its direct effect by a tenth of head %1&apos;s effect or more: this test finds no backup head on this text (a head could still make up for it through later layers).</source>
        <translation>Mit Head %1 aus hat keiner der %2 Heads in späteren Layern seinen direkten Effekt um ein Zehntel des Effekts von Head %1 oder mehr erhöht: Dieser Test findet auf diesem Text keinen Backup-Head (ein Head könnte den Ausfall trotzdem über spätere Layer ausgleichen).</translation>
    </message>
    <message>
        <source>With head %1 off, the direct effect of each of the %2 heads in later layers was compared with its value when all heads are on.</source>
        <translation>Mit Head %1 aus wurde der direkte Effekt jedes der %2 Heads in späteren Layern mit seinem Wert verglichen, wenn alle Heads an sind.</translation>
    </message>
    <message>
        <source>Searched: all %1 heads one at a time; then every pair among the %2 whose single knock-out moved the logit most (%3 pairs, in any layers). %4</source>
        <translation>Durchsucht: alle %1 Heads einzeln; dann jedes Paar unter den %2, deren einzelner Knock-out den Logit am meisten verschob (%3 Paare, in beliebigen Layern). %4</translation>
    </message>
    <message>
        <source>%1 (token %2)</source>
        <translation>%1 (Token %2)</translation>
    </message>
    <message>
        <source>In head %1, the query of %2 scores highest against the key of %3: score %4, softmax weight %5. The largest score always gets the largest weight.</source>
        <translation>In Head %1 erzielt die Query von %2 den höchsten Score gegen den Key von %3: Score %4, Softmax-Gewicht %5. Der größte Score bekommt immer das größte Gewicht.</translation>
    </message>
    <message>
        <source>For %1 in head %2 the largest weight is %3 with the scaling and %4 without it: every score %5 times larger, so every gap between scores %5 times wider.</source>
        <translation>Für %1 in Head %2 ist das größte Gewicht %3 mit der Skalierung und %4 ohne sie: jeder Score %5-mal größer, also jeder Abstand zwischen Scores %5-mal breiter.</translation>
    </message>
    <message>
        <source>Heads labelled %1 or %2: %3 of %4 in layer 0, %5 of %4 in layer %6.</source>
        <translation>Heads mit dem Label „%1“ oder „%2“: %3 von %4 in Layer 0, %5 von %4 in Layer %6.</translation>
    </message>
    <message>
        <source>In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson et al. 2022). This model does not show more such heads in its first layer than in its last on your text.</source>
        <translation>In GPT-2 small sitzen die Heads für das vorherige Token, die Wang et al. (2022) fanden, 2.2 und 4.11, in frühen Layern, wo spätere Induktions-Heads auf ihnen aufbauen können (Elhage et al. 2021; Olsson et al. 2022). Dieses Modell zeigt auf deinem Text in seinem ersten Layer nicht mehr solche Heads als in seinem letzten.</translation>
    </message>
    <message>
        <source>The top token %1 has probability %2 at temperature 1 and %3 at temperature %4.</source>
        <translation>Das oberste Token %1 hat bei Temperatur 1 die Wahrscheinlichkeit %2 und bei Temperatur %4 die Wahrscheinlichkeit %3.</translation>
    </message>
    <message>
        <source>At temperature %1, top-p %2 keeps %3 of %4 tokens.</source>
        <translation>Bei Temperatur %1 behält Top-p %2 %3 von %4 Token.</translation>
    </message>
    <message>
        <source>Your text has %1 tokens and the model&apos;s width is %2: attention&apos;s scores and weighted sums take %3 multiply-adds over the full grid (%4 over the allowed half), the projections and the MLP %5. Attention&apos;s arithmetic is %6% of the rest&apos;s (%7% over the allowed half).</source>
        <translation>Dein Text hat %1 Token und das Modell die Breite %2: Die Scores und gewichteten Summen der Attention brauchen %3 Multiply-Adds über das ganze Raster (%4 über die erlaubte Hälfte), die Projektionen und das MLP %5. Die Arithmetik der Attention beträgt %6 % der des Rests (%7 % über die erlaubte Hälfte).</translation>
    </message>
    <message>
        <source>This model has no head %1.</source>
        <translation>Dieses Modell hat keinen Head %1.</translation>
    </message>
    <message>
        <source>previous-token score on your text %1</source>
        <translation>Score für das vorherige Token auf deinem Text %1</translation>
    </message>
    <message>
        <source>induction score on random tokens written twice %1</source>
        <translation>Induktions-Score auf zweimal geschriebenen Zufallstoken %1</translation>
    </message>
    <message>
        <source>the predicted token %1 does not occur earlier in your text: nothing to move</source>
        <translation>das vorhergesagte Token %1 kommt in deinem Text nicht früher vor: nichts zu verschieben</translation>
    </message>
    <message>
        <source>weight from the last token onto “%1” %2, direct effect on its logit %3</source>
        <translation>Gewicht vom letzten Token auf „%1“ %2, direkter Effekt auf seinen Logit %3</translation>
    </message>
    <message>
        <source>weight onto “%1” %2, direct effect on its logit %3</source>
        <translation>Gewicht auf „%1“ %2, direkter Effekt auf seinen Logit %3</translation>
    </message>
    <message>
        <source>Induction head</source>
        <translation>Induktions-Head</translation>
    </message>
    <message>
        <source>Layer %1, head %2 scores highest on the induction test: on a random sequence of %3 tokens repeated twice, tokens in the second copy put on average %4 of their attention on the token that followed them in the first copy. In the sample text, point at a word of the second sentence and look where its attention goes.</source>
        <translation>Layer %1, Head %2 schneidet im Induktions-Test am höchsten ab: Auf einer Zufallsfolge von %3 Token, zweimal wiederholt, legen Token der zweiten Kopie im Mittel %4 ihrer Attention auf das Token, das ihnen in der ersten Kopie folgte. Zeige im Beispieltext auf ein Wort des zweiten Satzes und schau, wohin seine Attention geht.</translation>
    </message>
    <message>
        <source>duplicate-token score on your text %1 (first token left out %2)</source>
        <translation>Duplikat-Score auf deinem Text %1 (ohne das erste Token %2)</translation>
    </message>
    <message>
        <source>no token of your text repeats an earlier one: nothing to check</source>
        <translation>kein Token deines Textes wiederholt ein früheres: nichts zu prüfen</translation>
    </message>
    <message>
        <source>not checked live: see how this role is checked</source>
        <translation>nicht live geprüft: siehe, wie diese Rolle geprüft wird</translation>
    </message>
    <message>
        <source>Trained models such as GPT-2 small usually have many heads that rest on the first token; this model has none in layer %1 on your text.</source>
        <translation>Trainierte Modelle wie GPT-2 small haben meist viele Heads, die auf dem ersten Token ruhen; dieses Modell hat auf deinem Text in Layer %1 keinen.</translation>
    </message>
    <message>
        <source>In head %1, how much of its weight will the last row, %2, give to the token just before it, %3? Read the rows you can see first. (Within 0.1 counts.)</source>
        <translation>Wie viel seines Gewichts gibt in Head %1 die letzte Zeile, %2, dem Token direkt davor, %3? Lies zuerst die Zeilen, die du siehst. (Auf 0,1 genau zählt.)</translation>
    </message>
    <message>
        <source>The other rows of head %1 give their previous token %2 on average. In the last row, %3 gives %4 to %5 and %6 to the first token.</source>
        <translation>Die anderen Zeilen von Head %1 geben ihrem vorherigen Token im Mittel %2. In der letzten Zeile gibt %3 %4 an %5 und %6 an das erste Token.</translation>
    </message>
    <message>
        <source>Without the mask %1 has probability %2 (%3 times its probability with the mask); the most likely token is now %4 at %5. KL between the two predictions: %6 nats. The last token already sees everything, but the earlier tokens&apos; vectors now mix in later tokens, and that reaches the last position through the layers.</source>
        <translation>Ohne Maske hat %1 die Wahrscheinlichkeit %2 (das %3-Fache seiner Wahrscheinlichkeit mit Maske); das wahrscheinlichste Token ist jetzt %4 mit %5. KL zwischen den beiden Vorhersagen: %6 nats. Das letzte Token sieht schon alles, aber die Vektoren der früheren Tokens mischen jetzt spätere Tokens hinein, und das erreicht die letzte Position durch die Layer.</translation>
    </message>
    <message>
        <source>1 / (1 + e^(%1 − %2)) = %3: the weight of %4. Itself gets the rest, %5.</source>
        <translation>1 / (1 + e^(%1 − %2)) = %3: das Gewicht von %4. Es selbst bekommt den Rest, %5.</translation>
    </message>
    <message>
        <source>The model you have loaded gives every token %1 numbers and has %2 heads in each layer. Your text has %3 tokens. How many numbers make up one head&apos;s queries, keys and values for your whole text?</source>
        <translation>Das geladene Modell gibt jedem Token %1 Zahlen und hat %2 Heads in jedem Layer. Dein Text hat %3 Tokens. Aus wie vielen Zahlen bestehen Queries, Keys und Values eines Heads für deinen ganzen Text?</translation>
    </message>
    <message>
        <source>Every one of the %2 heads reads all %1 numbers of a position and projects them down with its own matrices to %1 / %2 = %3 numbers for its query, key and value. 3 × %4 tokens × %3 = %5.</source>
        <translation>Jeder der %2 Heads liest alle %1 Zahlen einer Position und projiziert sie mit eigenen Matrizen auf %1 / %2 = %3 Zahlen für seine Query, seinen Key und seinen Value. 3 × %4 Tokens × %3 = %5.</translation>
    </message>
    <message>
        <source>Your text has %1 tokens and the model&apos;s width is %2. Counting the full %1 × %1 grid, how large is one layer&apos;s attention arithmetic (scores and weighted sums), in percent of the rest of the layer (projections and MLP)? Within a fifth either way counts.</source>
        <translation>Dein Text hat %1 Tokens, und die Breite des Modells ist %2. Wie groß ist, über das ganze Raster von %1 × %1 gezählt, die Attention-Arithmetik eines Layers (Scores und gewichtete Summen) in Prozent des übrigen Layers (Projektionen und MLP)? Auf ein Fünftel genau, in beide Richtungen, zählt.</translation>
    </message>
    <message>
        <source>At temperature %1, top-p %2 keeps %3 of %4 tokens; a guess from %5 to %6 counts.</source>
        <translation>Bei Temperatur %1 behält top-p %2 %3 von %4 Tokens; ein Tipp von %5 bis %6 zählt.</translation>
    </message>
    <message>
        <source>On your text, the share of weight that each head of layer %1 puts on the first token, averaged over the rows: %2. Head %3 puts the most there; %4 of the layer&apos;s %5 heads put at least half there, which is what this course calls a sink head (its own threshold).</source>
        <translation>Auf deinem Text der Anteil des Gewichts, den jeder Head von Layer %1 im Mittel über die Zeilen auf das erste Token legt: %2. Head %3 legt am meisten dorthin; %4 der %5 Heads des Layers legen mindestens die Hälfte dorthin, und so einen Head nennt dieser Kurs einen Senken-Head (mit seiner eigenen Schwelle).</translation>
    </message>
    <message>
        <source>Row %1 of the grid&apos;s head, head %2 (rows count from 0), may see %3 tokens: %4 and the ones before it. Its scores against all %5 keys on the grid, the blocked ones as they would be without the mask: %6. If the mask were lifted on the grid, what share of row %1&apos;s weight would go to the %7 tokens after it? (Within 0.1 counts.)</source>
        <translation>Zeile %1 des Heads im Raster, Head %2 (Zeilen ab 0 gezählt), darf %3 Tokens sehen: %4 und die davor. Ihre Scores gegen alle %5 Keys im Raster, die blockierten so, wie sie ohne Maske wären: %6. Welcher Anteil des Gewichts von Zeile %1 ginge ohne Maske im Raster an die %7 Tokens nach ihr? (Auf 0,1 genau zählt.)</translation>
    </message>
    <message>
        <source>Without the mask, row %1 of head %2 would give %3 of its weight to the %4 later tokens on the grid. The mask sets those weights to 0, and the softmax hands their share back to the %5 tokens the row may see.</source>
        <translation>Ohne Maske gäbe Zeile %1 von Head %2 %3 ihres Gewichts an die %4 späteren Tokens im Raster. Die Maske setzt diese Gewichte auf 0, und der Softmax gibt ihren Anteil den %5 Tokens zurück, die die Zeile sehen darf.</translation>
    </message>
    <message>
        <source>With the mask, the most likely next token for your text is %1 at probability %2. Turn the mask off in every layer: what share of its probability will %1 keep?</source>
        <translation>Mit der Maske ist das wahrscheinlichste nächste Token für deinen Text %1 mit Wahrscheinlichkeit %2. Schalte die Maske in jedem Layer aus: Welchen Anteil seiner Wahrscheinlichkeit behält %1?</translation>
    </message>
    <message>
        <source>Row 0 has one allowed cell, so its weight is 1. Row 1 (rows count from 0) has two. In the grid&apos;s head, head %1, the second token %2 scores %3 against the first token %4 and %5 against itself. What weight does it give the first token? (Within 0.05 counts.)</source>
        <translation>Zeile 0 hat eine erlaubte Zelle, ihr Gewicht ist also 1. Zeile 1 (Zeilen ab 0 gezählt) hat zwei. Im Head des Rasters, Head %1, hat das zweite Token %2 den Score %3 gegen das erste Token %4 und %5 gegen sich selbst. Welches Gewicht gibt es dem ersten Token? (Auf 0,05 genau zählt.)</translation>
    </message>
    <message>
        <source>the token itself</source>
        <translation>das Token selbst</translation>
    </message>
    <message>
        <source>the token before it</source>
        <translation>das Token davor</translation>
    </message>
    <message>
        <source>a token further back</source>
        <translation>ein Token weiter vorn</translation>
    </message>
    <message>
        <source>In head %1, the row of the last token (the whole row, first token included): its two largest scaled scores are %2 and %3, and √d = %4. Suppose you multiplied every score of this row by √d, as if the model skipped the division (arithmetic on this row, not a model trained without it). How large would the largest weight be?</source>
        <translation>In Head %1, die Zeile des letzten Tokens (die ganze Zeile, das erste Token eingeschlossen): Ihre beiden größten skalierten Scores sind %2 und %3, und √d = %4. Angenommen, du multiplizierst jeden Score dieser Zeile mit √d, als ließe das Modell die Division weg (Rechnen an dieser Zeile, kein ohne Division trainiertes Modell). Wie groß wäre das größte Gewicht?</translation>
    </message>
    <message>
        <source>Squared, the top&apos;s %1 becomes %2 and the runner-up&apos;s %4 (%3) becomes %5; the squares of all %6 tokens add up to %7, so the top gets %2 / %7 = %8.</source>
        <translation>Quadriert wird aus den %1 des obersten Tokens %2 und aus den %4 des Zweiten (%3) %5; die Quadrate aller %6 Tokens ergeben zusammen %7, also bekommt das oberste Token %2 / %7 = %8.</translation>
    </message>
    <message>
        <source>At temperature 1 it keeps %1.</source>
        <translation>Bei Temperatur 1 behält es %1.</translation>
    </message>
    <message>
        <source>At temperature %1 the likeliest next token for your text has probability %2, and the ten likeliest together %3. With top-p %4, how many candidate tokens are kept? (Any guess from half to twice the true count counts.)</source>
        <translation>Bei Temperatur %1 hat das wahrscheinlichste nächste Token deines Texts die Wahrscheinlichkeit %2, die zehn wahrscheinlichsten zusammen %3. Wie viele Kandidaten-Tokens behält top-p %4? (Jede Schätzung von der Hälfte bis zum Doppelten der wahren Zahl zählt.)</translation>
    </message>
    <message>
        <source>In head %1, leaving out the first token: on %2 of the %3 rows from row 2 to the one before the last (rows count from 0), the key that scores highest is %4. The figure below shows every query of this head but the last one&apos;s: pick a few to see where it looks. Which key scores highest against the query of the last token, %5? Click it; any key within 2× of the top weight counts.</source>
        <translation>In Head %1, ohne das erste Token: In %2 der %3 Zeilen von Zeile 2 bis zur vorletzten (Zeilen ab 0 gezählt) hat %4 den Key mit dem höchsten Score. Die Abbildung unten zeigt jede Query dieses Heads außer der des letzten Tokens: Wähle ein paar aus, um zu sehen, wohin er schaut. Welcher Key hat den höchsten Score gegen die Query des letzten Tokens, %5? Klicke ihn an; jeder Key innerhalb des Zweifachen des größten Gewichts zählt.</translation>
    </message>
    <message>
        <source>At temperature 1 the most likely next token for your text, %1, has probability %2, and the runner-up, %3, %4. Lower the temperature to %5: what probability will the top token get?</source>
        <translation>Bei Temperatur 1 hat das wahrscheinlichste nächste Token für deinen Text, %1, die Wahrscheinlichkeit %2, das zweitwahrscheinlichste, %3, %4. Senke die Temperatur auf %5: Welche Wahrscheinlichkeit bekommt das oberste Token?</translation>
    </message>
    <message>
        <source>%1 (token %2), weight %3</source>
        <translation>%1 (Token %2), Gewicht %3</translation>
    </message>
    <message>
        <source>%1 (tokens %2 to %3), weight %4 over its pieces</source>
        <translation>%1 (Token %2 bis %3), Gewicht %4 über seine Stücke</translation>
    </message>
    <message>
        <source>In layer %1, averaged over its heads, which earlier word does the pronoun %2 (token %3) attend to most, leaving out the first word and the word just before the pronoun? A word split into pieces counts with all its pieces; click any piece of it. Any word within 2× of the top weight counts too.</source>
        <translation>Auf welches frühere Wort achtet das Pronomen %2 (Token %3) in Layer %1, gemittelt über seine Heads, am meisten, ohne das erste Wort und das Wort direkt vor dem Pronomen? Ein in Stücke zerlegtes Wort zählt mit allen seinen Stücken; klicke ein beliebiges Stück davon an. Jedes Wort innerhalb des Zweifachen des größten Gewichts zählt ebenfalls.</translation>
    </message>
    <message>
        <source>(In layer %1, the last, the words weigh too nearly the same for a fair question.)</source>
        <translation>(In Layer %1, dem letzten, wiegen die Wörter zu ähnlich für eine faire Frage.)</translation>
    </message>
    <message>
        <source>Averaged over layer %1&apos;s %2 heads, the pronoun %3 (token %4) puts %5 of its weight on %6, summed over the word&apos;s pieces. It also puts %7 on its own token and %8 on the word just before it, %9, which the question leaves out.</source>
        <translation>Gemittelt über die %2 Heads von Layer %1 legt das Pronomen %3 (Token %4) %5 seines Gewichts auf %6, summiert über die Stücke des Worts. Außerdem legt es %7 auf sein eigenes Token und %8 auf das Wort direkt davor, %9, das die Frage weglässt.</translation>
    </message>
    <message>
        <source>Where a weight goes is not what the pronoun means: in BERT, Clark et al. (2019) found single heads whose attention links a pronoun to what it refers to fairly often, and an average over heads blurs such heads.</source>
        <translation>Wohin ein Gewicht geht, ist nicht, was das Pronomen bedeutet: In BERT fanden Clark et al. (2019) einzelne Heads, deren Attention ein Pronomen recht oft mit dem verbindet, worauf es sich bezieht, und ein Mittel über Heads verwischt solche Heads.</translation>
    </message>
    <message>
        <source>Within 2× of the top weight, and so counted right: %1.</source>
        <translation>Innerhalb des Zweifachen des größten Gewichts und darum als richtig gezählt: %1.</translation>
    </message>
    <message>
        <source>Here no earlier word stands out in any layer: %1 of the %2 words lie within 2× of the top weight, so the row says little about what the pronoun is linked with.</source>
        <translation>Hier sticht in keinem Layer ein früheres Wort heraus: %1 der %2 Wörter liegen innerhalb des Zweifachen des größten Gewichts, die Zeile sagt also wenig darüber, womit das Pronomen verbunden ist.</translation>
    </message>
    <message>
        <source>Head %1 is the strongest previous-token head on your text. Knocked out (its output set to zero, as in Station 3), it moves the next-token prediction by KL %2 nats. Give it uniform weights instead: it still writes an output, the average of the values its row can see. How far will the prediction move?</source>
        <translation>Head %1 ist der stärkste Vorheriges-Token-Head auf deinem Text. Ausgeschaltet (seine Ausgabe auf null gesetzt, wie in Station 3) verschiebt er die Vorhersage des nächsten Tokens um KL %2 nats. Gib ihm stattdessen gleichmäßige Gewichte: Er schreibt dann immer noch eine Ausgabe, den Mittelwert der Values, die seine Zeile sehen kann. Wie weit verschiebt sich die Vorhersage?</translation>
    </message>
    <message>
        <source>Uniform weights in head %1 move the prediction by KL %2 nats (knocked out: %3); the most likely next token goes from %4 (%5) to %6 (%7).</source>
        <translation>Gleichmäßige Gewichte in Head %1 verschieben die Vorhersage um KL %2 nats (ausgeschaltet: %3); das wahrscheinlichste nächste Token geht von %4 (%5) zu %6 (%7).</translation>
    </message>
    <message>
        <source>Your text has no pronoun, so this asks about its last word. In layer %1, averaged over its heads, which earlier word does %2 (token %3) attend to most, leaving out the first word and the word just before it? A word split into pieces counts with all its pieces; click any piece of it. Any word within 2× of the top weight counts too.</source>
        <translation>Dein Text hat kein Pronomen, darum geht es um sein letztes Wort. Auf welches frühere Wort achtet %2 (Token %3) in Layer %1, gemittelt über dessen Heads, am meisten, ohne das erste Wort und das Wort direkt davor? Ein in Stücke geteiltes Wort zählt mit allen Stücken; klicke irgendein Stück davon an. Jedes Wort innerhalb des Zweifachen des größten Gewichts zählt auch.</translation>
    </message>
    <message>
        <source>The grid shows layer %1 with this word&apos;s row hidden; its row in the other layers stays to reason from.</source>
        <translation>Das Raster zeigt Layer %1 mit der verborgenen Zeile dieses Worts; seine Zeile in den anderen Layern bleibt zum Nachdenken sichtbar.</translation>
    </message>
    <message>
        <source>On the census&apos;s repeated random tokens, head %1 has the model&apos;s highest induction score: %2 of its weight goes to the token after the earlier copy of the current token. Suppose the first %3 tokens of your text (all of it, if shorter) were put in a random order and then written twice in a row: will its weight on the token after the earlier copy be above or below %2, and how far? (Station 3 showed your text written twice in its own order.)</source>
        <translation>Auf den wiederholten Zufalls-Tokens des Zensus hat Head %1 den höchsten Induktions-Score des Modells: %2 seines Gewichts gehen an das Token nach der früheren Kopie des aktuellen Tokens. Angenommen, die ersten %3 Tokens deines Texts (der ganze Text, wenn er kürzer ist) würden zufällig umgeordnet und dann zweimal hintereinander geschrieben: Liegt sein Gewicht auf dem Token nach der früheren Kopie über oder unter %2, und wie weit? (Station 3 zeigte deinen Text zweimal in seiner eigenen Reihenfolge.)</translation>
    </message>
    <message>
        <source>On the first %1 tokens of your text, shuffled and written twice, head %2 puts %3 of its weight on the token after the earlier copy; on the census&apos;s random tokens, %4, so %5% of its probe score. On your text, the census labels it %6.</source>
        <translation>Auf den ersten %1 Tokens deines Texts, umgeordnet und zweimal geschrieben, legt Head %2 %3 seines Gewichts auf das Token nach der früheren Kopie; auf den Zufalls-Tokens des Zensus %4, also %5 % seines Scores auf der Testfolge. Auf deinem Text gibt der Zensus ihm das Label %6.</translation>
    </message>
    <message>
        <source>Your text is too short for this question (it needs at least four words), so it asks about the sentence “%1”; type a longer text to ask about your own. The figures above still show your text.</source>
        <translation>Dein Text ist für diese Frage zu kurz (sie braucht mindestens vier Wörter), darum geht es um den Satz „%1“; tippe einen längeren Text, um nach deinem eigenen zu fragen. Die Abbildungen oben zeigen weiter deinen Text.</translation>
    </message>
    <message>
        <source>Take the first %1 tokens of your text and replace token %2 (counting from 0) by a short common word. The model&apos;s top answer on your text loses ground to another token: their logit difference goes from %3 to %4. Copy one head&apos;s output at a time from the run on your text into the run on the changed one: how much of that drop does the best single head bring back?</source>
        <translation>Nimm die ersten %1 Tokens deines Texts und ersetze Token %2 (ab 0 gezählt) durch ein kurzes, häufiges Wort. Die beste Antwort des Modells auf deinem Text verliert gegenüber einem anderen Token an Boden: Ihre Logit-Differenz geht von %3 auf %4. Kopiere die Ausgabe jeweils eines Heads aus dem Lauf auf deinem Text in den Lauf auf dem geänderten: Wie viel von diesem Rückgang bringt der beste einzelne Head zurück?</translation>
    </message>
    <message>
        <source>Token %1, %2, was replaced by %3; the measure is the logit of %4 minus that of %5. Head %6 brings back the most: %7 of the drop. The figure shows your text&apos;s pair now (“Your text”), with every head&apos;s share.</source>
        <translation>Token %1, %2, wurde durch %3 ersetzt; das Maß ist das Logit von %4 minus das von %5. Head %6 bringt am meisten zurück: %7 des Rückgangs. Die Abbildung zeigt jetzt das Paar deines Texts („Dein Text“), mit dem Anteil jedes Heads.</translation>
    </message>
    <message>
        <source>On your text, replacing one token hardly changes the answer: of the %1 replacements tried, the one that moves it most changes the logit difference between the model&apos;s top answer and its rival by only %2, so the heads&apos; shares would be mostly noise.</source>
        <translation>Auf deinem Text ändert das Ersetzen eines Tokens die Antwort kaum: Von den %1 ausprobierten Ersetzungen verschiebt die stärkste die Logit-Differenz zwischen der besten Antwort des Modells und ihrer Rivalin nur um %2, die Anteile der Heads wären also größtenteils Rauschen.</translation>
    </message>
    <message>
        <source>On the worked pair “%1” this model&apos;s logit difference moves only from %2 to %3, so there is no fair question there either. Try another text, one whose answer depends on an earlier word.</source>
        <translation>Auf dem Beispielpaar „%1“ bewegt sich die Logit-Differenz dieses Modells nur von %2 auf %3, dort gibt es also auch keine faire Frage. Versuch einen anderen Text, dessen Antwort von einem früheren Wort abhängt.</translation>
    </message>
    <message>
        <source>On the worked pair “%1”, the measure is the logit of %2 minus that of %3. Head %4 brings back the most: %5 of the change. The figure shows this pair now, with every head&apos;s share.</source>
        <translation>Auf dem Beispielpaar „%1“ ist das Maß der Logit von %2 minus dem von %3. Head %4 bringt am meisten zurück: %5 der Änderung. Die Abbildung zeigt jetzt dieses Paar mit dem Anteil jedes Heads.</translation>
    </message>
    <message>
        <source>This needs a text of at least three tokens, so that a head has keys to choose between.</source>
        <translation>Dafür braucht es einen Text aus mindestens drei Tokens, damit ein Head zwischen Keys wählen kann.</translation>
    </message>
    <message>
        <source>Head %1&apos;s choice of keys over your text: %2% from position, %3% from content, %4% from the fixed biases; position is %5% of position and content together.</source>
        <translation>Die Wahl der Keys bei Head %1 auf deinem Text: %2 % von der Position, %3 % vom Inhalt, %4 % von den festen Biases; die Position macht %5 % von Position und Inhalt zusammen aus.</translation>
    </message>
    <message>
        <source>Head %1 is the head whose last row puts the least weight on the first token (%2). Is its choice of keys over your text driven by position or by content?</source>
        <translation>Head %1 ist der Head, dessen letzte Zeile am wenigsten Gewicht auf das erste Token legt (%2). Wird seine Wahl der Keys auf deinem Text von der Position oder vom Inhalt bestimmt?</translation>
    </message>
    <message>
        <source>At the last position of your text the model&apos;s final answer is %1, with probability %2. Each layer&apos;s attention and each layer&apos;s MLP write a part of how far its logit stands above the average token&apos;s. Counting every part by its absolute size (a negative part counts as positive), as in the worked example above, what share of the total size is attention&apos;s?</source>
        <translation>An der letzten Position deines Textes ist die endgültige Antwort des Modells %1, mit Wahrscheinlichkeit %2. Die Attention jeder Schicht und das MLP jeder Schicht schreiben je einen Teil dessen, wie weit ihr Logit über dem des mittleren Tokens liegt. Zählt man jeden Teil nach seinem Betrag (ein negativer Teil zählt positiv), wie im Rechenbeispiel oben: Welcher Anteil an der Summe der Beträge stammt von der Attention?</translation>
    </message>
    <message>
        <source>Attention&apos;s parts of how far %1 stands above the average token add up to %2 in absolute size, the MLPs&apos; to %3: attention&apos;s parts make up %4% of the total size of all these parts.</source>
        <translation>Die Teile der Attention daran, wie weit %1 über dem mittleren Token liegt, ergeben dem Betrag nach %2, die der MLPs %3: Die Teile der Attention machen %4 % der Summe aller dieser Beträge aus.</translation>
    </message>
    <message>
        <source>The last written token gives %1 of its attention to the %2 written tokens and %3 to your %4 tokens. The even share is %2 / %5 = %6, so the ratio is %1 / %6 = %7.</source>
        <translation>Das zuletzt geschriebene Token gibt %1 seiner Attention an die %2 geschriebenen Tokens und %3 an deine %4 Tokens. Der gleichmäßige Anteil ist %2 / %5 = %6, das Verhältnis also %1 / %6 = %7.</translation>
    </message>
    <message>
        <source>Your text has %1 tokens; with seed %2, at temperature %7 and without top-k or top-p, the model writes %3 more, so the last written token sees %4 tokens, %3 of them written. Spread evenly, the written ones would get a share of %5. Averaged over all %6 heads, how does their real share compare with that even share?</source>
        <translation>Dein Text hat %1 Tokens; mit Seed %2, bei Temperatur %7 und ohne Top-k oder Top-p schreibt das Modell %3 weitere, das zuletzt geschriebene Token sieht also %4 Tokens, %3 davon geschrieben. Gleichmäßig verteilt bekämen die geschriebenen einen Anteil von %5. Wie verhält sich, gemittelt über alle %6 Heads, ihr wirklicher Anteil zu diesem gleichmäßigen Anteil?</translation>
    </message>
    <message>
        <source>(No token further back moves this model&apos;s answer by 1, nor does the figure&apos;s names pair, so the token replaced is the one just before the last, which the last position can read in one attention step.)</source>
        <translation>(Kein weiter zurückliegendes Token verschiebt die Antwort dieses Modells um 1, und das Namenspaar der Abbildung auch nicht; darum ist das ersetzte Token das vorletzte, das die letzte Position in einem Attention-Schritt lesen kann.)</translation>
    </message>
    <message>
        <source>This model does not divide its scores by √d alone (its config.json sets another scale), so asking what skipping that division would do does not apply to it. GPT-2 and the built-in model divide by √d.</source>
        <translation>Dieses Modell teilt seine Werte nicht allein durch √d (seine config.json legt eine andere Skalierung fest), daher lässt sich hier nicht fragen, was ein Weglassen dieser Division bewirken würde. GPT-2 und das eingebaute Modell teilen durch √d.</translation>
    </message>
    <message>
        <source>The value-weighted share of position %1 in the figure is a clue, not the answer: it counts how long the value is, not which way it points or what the later layers make of it.</source>
        <translation>Der wertgewichtete Anteil von Position %1 in der Abbildung ist ein Hinweis, nicht die Antwort: Er zählt, wie lang der Value ist, nicht, in welche Richtung er zeigt oder was die späteren Schichten daraus machen.</translation>
    </message>
    <message>
        <source>That is within %1 of the edge at %2 times, so the ranges on both sides of it count as right.</source>
        <translation>Das liegt innerhalb von %1 an der Grenze beim %2-Fachen, deshalb zählen die Bereiche auf beiden Seiten als richtig.</translation>
    </message>
    <message>
        <source>On the first text this model prefers %1 to %2: its logit is %3 higher.</source>
        <translation>Auf dem ersten Text zieht dieses Modell %1 gegenüber %2 vor: Sein Logit ist um %3 höher.</translation>
    </message>
    <message>
        <source>On the second it still prefers %1, by %2.</source>
        <translation>Auf dem zweiten zieht es weiterhin %1 vor, um %2.</translation>
    </message>
    <message>
        <source>On the second it prefers %1 instead, by %2.</source>
        <translation>Auf dem zweiten zieht es stattdessen %1 vor, um %2.</translation>
    </message>
    <message>
        <source>So the swap moves their logit difference (%1 minus %2) from %3 to %4: a shift of %5 toward %6.</source>
        <translation>Der Tausch verschiebt ihre Logit-Differenz (%1 minus %2) also von %3 auf %4: eine Verschiebung um %5 in Richtung %6.</translation>
    </message>
    <message>
        <source>This needs a text of at least three tokens, so that one of them can be replaced before the last.</source>
        <translation>Dafür braucht es einen Text aus mindestens drei Token, damit sich vor dem letzten eines ersetzen lässt.</translation>
    </message>
    <message>
        <source>So this asks about the figure&apos;s worked pair “%1” instead: %2 becomes %3, so the name said twice changes from %4 to %5, %6 tokens before the last.</source>
        <translation>Darum fragt diese Frage stattdessen nach dem Beispielpaar „%1“ der Abbildung: Aus %2 wird %3, der zweimal genannte Name wechselt also von %4 zu %5, %6 Tokens vor dem letzten.</translation>
    </message>
    <message>
        <source>Copy one head&apos;s output at a time from the first text&apos;s run into the second&apos;s: how much of that shift does the best single head bring back? (Type a text whose answer depends on an earlier word to ask about your own.)</source>
        <translation>Kopiere die Ausgabe jeweils eines Heads aus dem Lauf auf dem ersten Text in den Lauf auf dem zweiten: Wie viel von dieser Verschiebung bringt der beste einzelne Head zurück? (Tippe einen Text, dessen Antwort von einem früheren Wort abhängt, um nach deinem eigenen zu fragen.)</translation>
    </message>
    <message>
        <source>This needs a text of at least two tokens, so that the last token has one before it.</source>
        <translation>Dafür braucht es einen Text aus mindestens zwei Token, damit das letzte Token eines vor sich hat.</translation>
    </message>
    <message>
        <source>This needs a text of at least three tokens, so that a row has a later token to hide.</source>
        <translation>Dafür braucht es einen Text aus mindestens drei Token, damit eine Zeile ein späteres Token zu verbergen hat.</translation>
    </message>
    <message>
        <source>This needs a text of at least two tokens, so that the second row has two cells to weigh.</source>
        <translation>Dafür braucht es einen Text aus mindestens zwei Token, damit die zweite Zeile zwei Zellen zu gewichten hat.</translation>
    </message>
    <message>
        <source>This needs a text of at least four tokens, so that the other rows show the head&apos;s habit.</source>
        <translation>Dafür braucht es einen Text aus mindestens vier Token, damit die übrigen Zeilen die Gewohnheit des Heads zeigen.</translation>
    </message>
    <message>
        <source>Head %1 writes the largest part of the final answer %2 at the last position of your text. There its largest weight, %3, is on %4 (position %5): that position&apos;s share of the head&apos;s weights. Take each position&apos;s value out of the head there in turn, and add up how far the logit of %2 moves against the mean logit, every change counted by its size. Compared with its weight, what share of that total comes from position %5?</source>
        <translation>Head %1 schreibt an der letzten Position deines Textes den größten Teil der endgültigen Antwort %2. Dort liegt sein größtes Gewicht, %3, auf %4 (Position %5): der Anteil dieser Position an den Gewichten des Heads. Nimm dort den Value jeder Position der Reihe nach aus dem Head heraus und addiere, wie weit sich der Logit von %2 gegenüber dem mittleren Logit verschiebt, jede Änderung nach ihrem Betrag gezählt. Verglichen mit ihrem Gewicht: Welcher Anteil dieser Summe stammt von Position %5?</translation>
    </message>
    <message>
        <source>Removing the value of position %1 moves the logit of %2 against the mean logit by %3: %4% of all the positions&apos; changes added by size, %5 times its weight. The largest change, %6, comes from removing %7 (position %8, weight %9).</source>
        <translation>Den Value von Position %1 zu entfernen verschiebt den Logit von %2 gegenüber dem mittleren Logit um %3: %4 % aller Änderungen der Positionen, nach Betrag addiert, das %5-Fache ihres Gewichts. Die größte Änderung, %6, kommt vom Entfernen von %7 (Position %8, Gewicht %9).</translation>
    </message>
</context>
<context>
    <name>QkvInspector</name>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>Its scores are q·k divided by √%1 = %2.</source>
        <translation>Seine Scores sind q·k geteilt durch √%1 = %2.</translation>
    </message>
    <message>
        <source>Its scores are q·k divided by %1, as this model&apos;s config.json sets it (GPT-2 divides by √%2).</source>
        <translation>Seine Werte sind q·k geteilt durch %1, wie es die config.json dieses Modells festlegt (GPT-2 teilt durch √%2).</translation>
    </message>
</context>
<context>
    <name>QkvRealView</name>
    <message>
        <source>layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>%1 numbers per vector · scores divided by √%1 = %2</source>
        <translation>%1 Zahlen pro Vektor · Scores geteilt durch √%1 = %2</translation>
    </message>
    <message>
        <source>Pick the query token:</source>
        <translation>Wähle das Query-Token:</translation>
    </message>
    <message>
        <source>query of “%1”</source>
        <translation>Query von „%1“</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>key k</source>
        <translation>Key k</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>value v</source>
        <translation>Value v</translation>
    </message>
    <message>
        <source>← the answer</source>
        <translation>← die Antwort</translation>
    </message>
    <message>
        <source>this head&apos;s output for the token</source>
        <translation>die Ausgabe dieses Heads für das Token</translation>
    </message>
    <message>
        <source>The scores and weights of this query are hidden until you commit your prediction above. Pick another query token to see where head %1 looks from there.</source>
        <translation>Die Scores und Gewichte dieser Query bleiben verborgen, bis du deine Vorhersage oben festlegst. Wähle ein anderes Query-Token, um zu sehen, wohin Head %1 von dort schaut.</translation>
    </message>
    <message>
        <source>The question is about the last token&apos;s query in head %1: its scores and weights stay hidden until you commit.</source>
        <translation>Die Frage betrifft die Query des letzten Tokens in Head %1: Ihre Scores und Gewichte bleiben verborgen, bis du festlegst.</translation>
    </message>
    <message>
        <source>%1 numbers per vector · scores divided by %2, as this model&apos;s config.json sets it (GPT-2 divides by √%1)</source>
        <translation>%1 Zahlen je Vektor · Werte geteilt durch %2, wie es die config.json dieses Modells festlegt (GPT-2 teilt durch √%1)</translation>
    </message>
    <message>
        <source>q·k ÷ %1</source>
        <translation>q·k ÷ %1</translation>
    </message>
</context>
<context>
    <name>QkvSandbox</name>
    <message>
        <source>key %1: %2</source>
        <translation>Key %1: %2</translation>
    </message>
    <message>
        <source>Query at (%1, %2), scores divided by %3; weights %4; the weighted sum of the values lies at (%5, %6).</source>
        <translation>Query bei (%1; %2), Scores geteilt durch %3; Gewichte %4; die gewichtete Summe der Values liegt bei (%5; %6).</translation>
    </message>
</context>
<context>
    <name>QkvSandboxView</name>
    <message>
        <source>output Σwv</source>
        <translation>Ausgabe Σwv</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>softmax weight</source>
        <translation>Softmax-Gewicht</translation>
    </message>
    <message>
        <source>pretend d =</source>
        <translation>angenommenes d =</translation>
    </message>
    <message>
        <source>Pretend dimension</source>
        <translation>Angenommene Dimension</translation>
    </message>
    <message>
        <source>divide by √d</source>
        <translation>durch √d teilen</translation>
    </message>
    <message>
        <source>Reset vectors</source>
        <translation>Vektoren zurücksetzen</translation>
    </message>
    <message>
        <source>score = q·k × √(d/2) (how a d-dimensional dot product would grow) ÷ √d (√d ≈ %1): the two factors leave q·k / √2 whatever d, which is the point of dividing</source>
        <translation>Score = q·k × √(d/2) (wie ein d-dimensionales Skalarprodukt wachsen würde) ÷ √d (√d ≈ %1): Die beiden Faktoren lassen q·k / √2 übrig, was auch immer d ist – genau dafür wird geteilt</translation>
    </message>
    <message>
        <source>score = q·k × √(d/2) (how a d-dimensional dot product would grow) ÷ 1 (no scaling): the scores grow with d</source>
        <translation>Score = q·k × √(d/2) (wie ein d-dimensionales Skalarprodukt wachsen würde) ÷ 1 (ohne Skalierung): Die Scores wachsen mit d</translation>
    </message>
</context>
<context>
    <name>SamplingView</name>
    <message>
        <source>top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top k (0 is off)</source>
        <translation>Top-k (0 ist aus)</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>temperature %1 · top-k %2 · top-p %3 · %4 candidate tokens kept</source>
        <translation>Temperatur %1 · Top-k %2 · Top-p %3 · %4 Kandidaten-Token behalten</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Next token (outline: temperature 1, no filters)</source>
        <translation>Nächstes Token (Umriss: Temperatur 1, keine Filter)</translation>
    </message>
    <message>
        <source>Generated with seed %1: &lt;i&gt;%2&lt;/i&gt;&lt;b&gt;%3&lt;/b&gt;</source>
        <translation>Erzeugt mit Seed %1: &lt;i&gt;%2&lt;/i&gt;&lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next token at temperature %1, top-k %2, top-p %3 (outline: temperature 1, no filters)</source>
        <translation>Nächstes Token bei Temperatur %1, Top-k %2, Top-p %3 (Umriss: Temperatur 1, keine Filter)</translation>
    </message>
</context>
<context>
    <name>ScalingChart</name>
    <message>
        <source>Spread of q·k grows like √d</source>
        <translation>Die Streuung von q·k wächst wie √d</translation>
    </message>
    <message>
        <source>std of q·k</source>
        <translation>Std.-Abw. von q·k</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>Largest softmax weight (%1 keys)</source>
        <translation>Größtes Softmax-Gewicht (%1 Keys)</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>q·k (no scaling)</source>
        <translation>q·k (ohne Skalierung)</translation>
    </message>
    <message>
        <source>q·k / √d</source>
        <translation>q·k / √d</translation>
    </message>
    <message>
        <source>d (logarithmic axis)</source>
        <translation>d (logarithmische Achse)</translation>
    </message>
</context>
<context>
    <name>ScalingStudy</name>
    <message>
        <source>No measurement yet.</source>
        <translation>Noch keine Messung.</translation>
    </message>
    <message>
        <source>Mean largest of %1 weights: at d = %2, %3 without scaling and %4 with it; at d = %5, %6 without scaling and %7 with it.</source>
        <translation>Mittleres größtes von %1 Gewichten: bei d = %2 %3 ohne Skalierung und %4 mit ihr; bei d = %5 %6 ohne Skalierung und %7 mit ihr.</translation>
    </message>
</context>
<context>
    <name>ScoreSplitCompact</name>
    <message>
        <source>One score of layer 0, taken apart</source>
        <translation>Ein Score von Schicht 0, zerlegt</translation>
    </message>
    <message>
        <source>Hidden until you commit your prediction above</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Layer 0, head %1: query %2 on key</source>
        <translation>Schicht 0, Head %1: Query %2 auf Key</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>query side</source>
        <translation>Query-Seite</translation>
    </message>
    <message>
        <source>key side</source>
        <translation>Key-Seite</translation>
    </message>
    <message>
        <source>term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>The remaining term: %1.</source>
        <translation>Der übrige Term: %1.</translation>
    </message>
    <message>
        <source>The other %1 terms: %2.</source>
        <translation>Die übrigen %1 Terme: %2.</translation>
    </message>
    <message>
        <source>Together: %1, the score the head computed (%2).</source>
        <translation>Zusammen: %1, der Score, den der Head berechnet hat (%2).</translation>
    </message>
    <message>
        <source>In layer 0 the stream entering a head is only the token&apos;s embedding plus its position&apos;s. With the first LayerNorm&apos;s scale held at its value on this text, q·k/√d is then exactly a sum of terms: the query&apos;s token with the key&apos;s token, token with position, position with token, position with position, and the fixed part (LayerNorm shift and bias). Only differences between keys move the weights: a term whose key side is the fixed part is the same for every key and changes none. Station 3 takes apart the scores of every layer.</source>
        <translation>In Schicht 0 ist der Strom, der in einen Head geht, nur das Embedding des Tokens plus das seiner Position. Hält man die Skala der ersten LayerNorm auf ihrem Wert für diesen Text fest, ist q·k/√d genau eine Summe von Termen: das Token der Query mit dem Token des Keys, Token mit Position, Position mit Token, Position mit Position, und der feste Teil (LayerNorm-Verschiebung und Bias). Nur Unterschiede zwischen den Keys bewegen die Gewichte: Ein Term, dessen Key-Seite der feste Teil ist, ist für jeden Key gleich und ändert keines. Station 3 zerlegt die Scores jeder Schicht.</translation>
    </message>
    <message>
        <source>This split is of layer 0 (where the stream is only token + position); the figure above shows layer %1. Pick layer 0 above to compare the score.</source>
        <translation>Diese Zerlegung gilt für Schicht 0 (dort ist der Strom nur Token + Position); die Abbildung oben zeigt Schicht %1. Wähle oben Schicht 0, um den Score zu vergleichen.</translation>
    </message>
    <message>
        <source>fixed part</source>
        <translation>fester Teil</translation>
    </message>
    <message>
        <source>(same for every key)</source>
        <translation>(für jeden Key gleich)</translation>
    </message>
</context>
<context>
    <name>ScoreSplitLab</name>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>Head %1.%2: %3% of its choice of keys comes from position, %4% from content, %5% from the fixed biases. Its score from query %6 to key %7 is %8.</source>
        <translation>Head %1.%2: %3 % seiner Wahl der Keys kommen von der Position, %4 % vom Inhalt, %5 % von den festen Biases. Sein Score von Query %6 zu Key %7 ist %8.</translation>
    </message>
</context>
<context>
    <name>ScoreSplitView</name>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>attention biases</source>
        <translation>Attention-Biases</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Head %1</translation>
    </message>
    <message>
        <source>MLP %1</source>
        <translation>MLP %1</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Layer %1: where each head&apos;s choice of keys comes from</source>
        <translation>Layer %1: woher die Wahl der Keys bei jedem Head kommt</translation>
    </message>
    <message>
        <source>Head %1: position %2, content %3, biases %4, census label %5</source>
        <translation>Head %1: Position %2, Inhalt %3, Biases %4, Label des Zensus %5</translation>
    </message>
    <message>
        <source>%1 · pos. %2</source>
        <translation>%1 · Pos. %2</translation>
    </message>
    <message>
        <source>content (tokens, earlier heads and MLPs)</source>
        <translation>Inhalt (Tokens, frühere Heads und MLPs)</translation>
    </message>
    <message>
        <source>fixed biases</source>
        <translation>feste Biases</translation>
    </message>
    <message>
        <source>Head %1.%2: click a cell</source>
        <translation>Head %1.%2: Klicke eine Zelle an</translation>
    </message>
    <message>
        <source>Attention pattern of head %1.%2; click a cell to take its score apart</source>
        <translation>Attention-Muster von Head %1.%2; klicke eine Zelle an, um ihren Score zu zerlegen</translation>
    </message>
    <message>
        <source>rows: queries, columns: keys</source>
        <translation>Zeilen: Queries, Spalten: Keys</translation>
    </message>
    <message>
        <source>Query %1 “%2” → key %3 “%4”: score %5, weight %6</source>
        <translation>Query %1 „%2“ → Key %3 „%4“: Score %5, Gewicht %6</translation>
    </message>
    <message>
        <source>query side</source>
        <translation>Query-Seite</translation>
    </message>
    <message>
        <source>key side</source>
        <translation>Key-Seite</translation>
    </message>
    <message>
        <source>term</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>the remaining terms (%1), summed</source>
        <translation>die übrigen Terme (%1), summiert</translation>
    </message>
    <message>
        <source>total: the score q·k/√d</source>
        <translation>Summe: der Score q·k/√d</translation>
    </message>
    <message>
        <source>The split is exact: with each LayerNorm&apos;s scale held at its value on this text, the score is bilinear in the parts, so the %1 × %1 terms add up to the score (the forward pass gives %2).</source>
        <translation>Die Zerlegung ist exakt: Hält man die Skala jeder LayerNorm auf ihrem Wert für diesen Text fest, ist der Score bilinear in den Teilen, also ergeben die %1 × %1 Terme zusammen den Score (der Vorwärtslauf liefert %2).</translation>
    </message>
    <message>
        <source>Over the whole pattern, head %1.%2&apos;s choice of keys comes %3 from position, %4 from content and %5 from the fixed biases.</source>
        <translation>Über das ganze Muster kommt die Wahl der Keys bei Head %1.%2 zu %3 von der Position, zu %4 vom Inhalt und zu %5 von den festen Biases.</translation>
    </message>
    <message>
        <source>Under each bar: the head&apos;s census label, a heuristic read off where its weight goes on your text. The split says which parts of the vectors put the weight there; the two need not agree.</source>
        <translation>Unter jedem Balken: das Zensus-Etikett des Heads, eine Heuristik, abgelesen daran, wohin sein Gewicht auf deinem Text geht. Die Aufteilung sagt, welche Teile der Vektoren das Gewicht dorthin legen; beides muss nicht übereinstimmen.</translation>
    </message>
    <message>
        <source>fixed part</source>
        <translation>fester Teil</translation>
    </message>
    <message>
        <source>(same for every key)</source>
        <translation>(für jeden Key gleich)</translation>
    </message>
    <message>
        <source>Fixed part: the LayerNorm shift and bias, the same vector whatever the text. A term whose key side is the fixed part is the same for every key of the row, so it moves no weight.</source>
        <translation>Fester Teil: die LayerNorm-Verschiebung und der Bias, derselbe Vektor, was immer der Text ist. Ein Term, dessen Key-Seite der feste Teil ist, ist für jeden Key der Zeile gleich und bewegt also kein Gewicht.</translation>
    </message>
</context>
<context>
    <name>ShareExample</name>
    <message>
        <source>On the text “%1” the model&apos;s answer is “%2”; its logit stands %3 above the average token&apos;s. Each layer&apos;s two parts, with their sizes (a negative part counts as positive):</source>
        <translation>Auf dem Text „%1“ ist die Antwort des Modells „%2“; ihr Logit liegt %3 über dem des mittleren Tokens. Die zwei Teile jeder Schicht mit ihren Beträgen (ein negativer Teil zählt positiv):</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>its size</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Attention&apos;s sizes add up to %1, the MLPs&apos; to %2; together %3. Attention&apos;s share: %1 ÷ %3 = %4%.</source>
        <translation>Die Beträge der Attention ergeben %1, die der MLPs %2; zusammen %3. Anteil der Attention: %1 ÷ %3 = %4 %.</translation>
    </message>
    <message>
        <source>On the fixed text “%1” the answer is “%2”. Attention&apos;s parts add up to %3 in size, the MLPs&apos; to %4: attention&apos;s share is %5%.</source>
        <translation>Auf dem festen Text „%1“ ist die Antwort „%2“. Die Teile der Attention ergeben zusammen eine Größe von %3, die der MLPs %4: Der Anteil der Attention beträgt %5 %.</translation>
    </message>
</context>
<context>
    <name>ShellHeader</name>
    <message>
        <source>← Course map</source>
        <translation>← Kursübersicht</translation>
    </message>
    <message>
        <source>Back to the course map</source>
        <translation>Zurück zur Kursübersicht</translation>
    </message>
    <message>
        <source>Attention Lens</source>
        <translation>Attention Lens</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>About Attention Lens, licences and where your data lives</source>
        <translation>Über Attention Lens, Lizenzen und wo deine Daten liegen</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>a symbolic link</source>
        <translation>eine symbolische Verknüpfung</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>The lock file %1 could not be used because it was %2. It was kept as %3.</source>
        <translation>Die Sperrdatei %1 konnte nicht verwendet werden, weil sie %2 war. Sie wurde als %3 aufbewahrt.</translation>
    </message>
    <message>
        <source>larger than a lock file can be</source>
        <translation>größer, als eine Sperrdatei sein kann</translation>
    </message>
    <message>
        <source>process %1 on this computer</source>
        <translation>Prozess %1 auf diesem Computer</translation>
    </message>
    <message>
        <source>process %1 on the computer &quot;%2&quot;</source>
        <translation>Prozess %1 auf dem Computer „%2“</translation>
    </message>
    <message>
        <source>could not lock the data folder (%1: %2); a second copy opened now would not be noticed</source>
        <translation>Der Datenordner konnte nicht gesperrt werden (%1: %2); eine jetzt geöffnete zweite Kopie würde nicht bemerkt</translation>
    </message>
</context>
<context>
    <name>SnapshotHeatmaps</name>
    <message>
        <source>%1layer %2 · head %3</source>
        <translation>%1Layer %2 · Head %3</translation>
    </message>
    <message>
        <source>Attention of layer %1 head %2 at step %3</source>
        <translation>Attention von Layer %1 Head %2 bei Schritt %3</translation>
    </message>
</context>
<context>
    <name>SoftmaxBars</name>
    <message>
        <source>temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Softmax of six scores at temperature %1</source>
        <translation>Softmax von sechs Scores bei Temperatur %1</translation>
    </message>
</context>
<context>
    <name>StateFile</name>
    <message>
        <source>it is a symbolic link, and the app does not read or write through links</source>
        <translation>sie ist eine symbolische Verknüpfung, und die App liest und schreibt nicht über Verknüpfungen</translation>
    </message>
    <message>
        <source>it is %1, not a regular file</source>
        <translation>sie ist %1, keine gewöhnliche Datei</translation>
    </message>
    <message>
        <source>it is %1 bytes, far more than such a file can hold (at most %2)</source>
        <translation>sie ist %1 Bytes groß, weit mehr, als eine solche Datei enthalten kann (höchstens %2)</translation>
    </message>
    <message>
        <source>it changed while it was read</source>
        <translation>sie hat sich während des Lesens geändert</translation>
    </message>
    <message>
        <source>it could not be read (%1)</source>
        <translation>sie konnte nicht gelesen werden (%1)</translation>
    </message>
</context>
<context>
    <name>StationCard</name>
    <message>
        <source>Station %1: %2. %3. %4</source>
        <translation>Station %1: %2. %3. %4</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Not built yet</source>
        <translation>Noch nicht gebaut</translation>
    </message>
    <message>
        <source>%1 percent done</source>
        <translation>%1 Prozent erledigt</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>Not built yet — this station is still being written.</source>
        <translation>Noch nicht gebaut – diese Station wird noch geschrieben.</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station %1 · %2</source>
        <translation>Station %1 · %2</translation>
    </message>
    <message>
        <source>Try a text:</source>
        <translation>Probiere einen Text:</translation>
    </message>
    <message>
        <source>Use the text: %1</source>
        <translation>Den Text verwenden: %1</translation>
    </message>
    <message>
        <source>Hide the reading</source>
        <translation>Lesetext ausblenden</translation>
    </message>
    <message>
        <source>Show the reading</source>
        <translation>Lesetext zeigen</translation>
    </message>
    <message>
        <source>This station is not built yet. Its figures and exercises are still being written; what you see below may be incomplete.</source>
        <translation>Diese Station ist noch nicht gebaut. Ihre Abbildungen und Übungen werden noch geschrieben; was du unten siehst, kann unvollständig sein.</translation>
    </message>
    <message>
        <source>This station&apos;s page could not be opened (%1).</source>
        <translation>Die Seite dieser Station konnte nicht geöffnet werden (%1).</translation>
    </message>
    <message>
        <source>This station has no figures yet.</source>
        <translation>Diese Station hat noch keine Abbildungen.</translation>
    </message>
    <message>
        <source>Station reading</source>
        <translation>Lesetext der Station</translation>
    </message>
    <message>
        <source>Glossary: %1</source>
        <translation>Glossar: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The rest of this reading opens once you have made your predictions.</source>
        <translation>Der Rest dieses Lesetexts öffnet sich, sobald du deine Vorhersagen festgelegt hast.</translation>
    </message>
</context>
<context>
    <name>StationScaffold</name>
    <message>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen…</translation>
    </message>
    <message>
        <source>No model is loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
</context>
<context>
    <name>TemperatureLab</name>
    <message>
        <source>At temperature %1 the six weights are %2.</source>
        <translation>Bei Temperatur %1 sind die sechs Gewichte %2.</translation>
    </message>
    <message>
        <source>No prediction yet.</source>
        <translation>Noch keine Vorhersage.</translation>
    </message>
    <message>
        <source>At temperature %1, with top-k %2 and top-p %3, the most likely next tokens are %4; %5 tokens keep a probability above zero.</source>
        <translation>Bei Temperatur %1, Top-k %2 und Top-p %3 sind die wahrscheinlichsten nächsten Token %4; %5 Token behalten eine Wahrscheinlichkeit über null.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>At head temperature %1 the next-token prediction moves by KL %2 nats.</source>
        <translation>Bei Head-Temperatur %1 verschiebt sich die Vorhersage des nächsten Tokens um KL %2 nats.</translation>
    </message>
</context>
<context>
    <name>TemperatureStation</name>
    <message>
        <source>Softmax with a temperature</source>
        <translation>Softmax mit einer Temperatur</translation>
    </message>
    <message>
        <source>Your text&apos;s next token</source>
        <translation>Das nächste Token deines Texts</translation>
    </message>
    <message>
        <source>After the first %1 tokens of your text: the same temperature, plus top-k and top-p filters; the seed makes a generation repeatable.</source>
        <translation>Nach den ersten %1 Token deines Texts: dieselbe Temperatur, dazu Top-k- und Top-p-Filter; der Seed macht eine Generierung wiederholbar.</translation>
    </message>
    <message>
        <source>What if one head had a temperature?</source>
        <translation>Was wäre, wenn ein Head eine Temperatur hätte?</translation>
    </message>
    <message>
        <source>The head&apos;s scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.</source>
        <translation>Die Scores des Heads auf den ersten %1 Token deines Texts werden vor seinem Softmax durch diese Temperatur geteilt.</translation>
    </message>
    <message>
        <source>Six candidate scores, not your text&apos;s. Lower the temperature and the top score takes more, almost everything near 0; raise it and the bars even out.</source>
        <translation>Sechs Kandidaten-Scores, nicht die deines Texts. Senke die Temperatur, und der oberste Score bekommt mehr, nahe 0 fast alles; erhöhe sie, und die Balken gleichen sich an.</translation>
    </message>
    <message>
        <source>Attention while the model writes</source>
        <translation>Attention, während das Modell schreibt</translation>
    </message>
    <message>
        <source>The generation above, one token at a time: each written token is read with the keys and values kept from every token before it, so only its own row is new. Go back through the steps with the slider.</source>
        <translation>Die Generierung von oben, ein Token nach dem anderen: Jedes geschriebene Token wird mit den Keys und Values gelesen, die von allen Tokens davor aufgehoben sind, nur seine eigene Zeile ist also neu. Mit dem Regler gehst du durch die Schritte zurück.</translation>
    </message>
    <message>
        <source>Showing the question&apos;s generation (seed %1, temperature %2), not the one above, one token at a time: each written token is read with the keys and values kept from every token before it, so only its own row is new. Go back through the steps with the slider.</source>
        <translation>Gezeigt wird die Generierung der Frage (Seed %1, Temperatur %2), nicht die von oben, ein Token nach dem anderen: Jedes geschriebene Token wird mit den Keys und Values gelesen, die von allen Tokens davor aufgehoben sind, nur seine eigene Zeile ist also neu. Mit dem Regler gehst du durch die Schritte zurück.</translation>
    </message>
</context>
<context>
    <name>ThreeWayLab</name>
    <message>
        <source>No measurement yet.</source>
        <translation>Noch keine Messung.</translation>
    </message>
    <message>
        <source>%1 (position %2)</source>
        <translation>%1 (Position %2)</translation>
    </message>
    <message>
        <source>All three agree on this head.</source>
        <translation>Bei diesem Head stimmen alle drei überein.</translation>
    </message>
    <message>
        <source>The raw weight disagrees with both: its top position ranks %1 by the weighted share and %2 by removal (a change of %3).</source>
        <translation>Das rohe Gewicht widerspricht beiden: Seine oberste Position steht beim gewichteten Anteil auf Platz %1 und beim Entfernen auf Platz %2 (eine Änderung von %3).</translation>
    </message>
    <message>
        <source>Weight and weighted share agree; removal, which also counts what the later layers make of the value, points elsewhere.</source>
        <translation>Gewicht und gewichteter Anteil stimmen überein; das Entfernen, das auch mitzählt, was die späteren Schichten aus dem Value machen, zeigt woandershin.</translation>
    </message>
    <message>
        <source>Weight and removal agree; the weighted share points elsewhere.</source>
        <translation>Gewicht und Entfernen stimmen überein; der gewichtete Anteil zeigt woandershin.</translation>
    </message>
    <message>
        <source>Head %1.%2 at the last position: the largest weight is on %3 (%4); weighted by what each value moves, %5 comes first (%6); removing the value of %7 changes the logit of %8 against the mean logit most: it raises it by %9.</source>
        <translation>Head %1.%2 an der letzten Position: Das größte Gewicht liegt auf %3 (%4); gewichtet mit dem, was jeder Value bewegt, steht %5 vorn (%6); den Value von %7 zu entfernen ändert den Logit von %8 gegenüber dem mittleren Logit am stärksten: Es hebt ihn um %9.</translation>
    </message>
    <message>
        <source>Head %1.%2 at the last position: the largest weight is on %3 (%4); weighted by what each value moves, %5 comes first (%6); removing the value of %7 changes the logit of %8 against the mean logit most: it lowers it by %9.</source>
        <translation>Head %1.%2 an der letzten Position: Das größte Gewicht liegt auf %3 (%4); gewichtet mit dem, was jeder Value bewegt, steht %5 vorn (%6); den Value von %7 zu entfernen ändert den Logit von %8 gegenüber dem mittleren Logit am stärksten: Es senkt ihn um %9.</translation>
    </message>
</context>
<context>
    <name>ThreeWayView</name>
    <message>
        <source>Head: layer</source>
        <translation>Head: Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>Raw weight</source>
        <translation>Rohes Gewicht</translation>
    </message>
    <message>
        <source>Value-weighted share</source>
        <translation>Wertgewichteter Anteil</translation>
    </message>
    <message>
        <source>The outlined position ranks %1 of %2 here.</source>
        <translation>Die umrandete Position steht hier auf Platz %1 von %2.</translation>
    </message>
    <message>
        <source>Value removed: change in logit(“%1”) − mean logit</source>
        <translation>Value entfernt: Änderung von Logit(„%1“) − mittlerer Logit</translation>
    </message>
</context>
<context>
    <name>TokenChip</name>
    <message>
        <source>⟨%1⟩</source>
        <translation>⟨%1⟩</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
</context>
<context>
    <name>TokenModel</name>
    <message>
        <source>Token %1 of %2: %3</source>
        <translation>Token %1 von %2: %3</translation>
    </message>
    <message>
        <source>, special token</source>
        <translation>, Sondertoken</translation>
    </message>
    <message>
        <source>, continues the previous word</source>
        <translation>, setzt das vorige Wort fort</translation>
    </message>
    <message>
        <source>, the selected query</source>
        <translation>, die ausgewählte Query</translation>
    </message>
    <message>
        <source>, receives %1 of the attention</source>
        <translation>, erhält %1 der Attention</translation>
    </message>
</context>
<context>
    <name>TokenStrip</name>
    <message>
        <source>Tokens of your text</source>
        <translation>Token deines Texts</translation>
    </message>
    <message>
        <source>Use the left and right arrow keys to choose a query token.</source>
        <translation>Wähle mit den Pfeiltasten links und rechts ein Query-Token.</translation>
    </message>
</context>
<context>
    <name>TrainingLabController</name>
    <message>
        <source>the strongest previous-token head is %1.%2 (%3), the strongest induction head %4.%5 (%6)</source>
        <translation>der stärkste Head für das vorherige Token ist %1.%2 (%3), der stärkste Induktions-Head %4.%5 (%6)</translation>
    </message>
    <message>
        <source>Not trained yet: %1 steps to go.</source>
        <translation>Noch nicht trainiert: %1 Schritte stehen aus.</translation>
    </message>
    <message>
        <source>Step %1 of %2 done, %3 steps per second.</source>
        <translation>Schritt %1 von %2 erledigt, %3 Schritte pro Sekunde.</translation>
    </message>
    <message>
        <source>Not trained yet.</source>
        <translation>Noch nicht trainiert.</translation>
    </message>
    <message>
        <source>At step %1, %2.</source>
        <translation>Bei Schritt %1: %2.</translation>
    </message>
    <message>
        <source>Snapshot at step %1: %2.</source>
        <translation>Snapshot bei Schritt %1: %2.</translation>
    </message>
    <message>
        <source>The main run is done. The short-span run: step %1 of %2, %3 steps per second.</source>
        <translation>Der Hauptlauf ist fertig. Der Lauf mit kurzen Abschnitten: Schritt %1 von %2, %3 Schritte pro Sekunde.</translation>
    </message>
    <message>
        <source>Phase change between steps %1 and %2: there the gap between the losses grew by %3 nats, of %4 over the run so far.</source>
        <translation>Phasenübergang zwischen den Schritten %1 und %2: Dort wuchs der Abstand zwischen den Losses um %3 Nats, von %4 über den bisherigen Lauf.</translation>
    </message>
    <message>
        <source>No phase change so far: within any %1 steps the gap between the losses grew by at most %2 nats, of %3 over the run so far.</source>
        <translation>Bisher kein Phasenübergang: Innerhalb beliebiger %1 Schritte wuchs der Abstand zwischen den Losses um höchstens %2 Nats, von %3 über den bisherigen Lauf.</translation>
    </message>
    <message>
        <source>At step %1 the in-context loss is %2 and the other loss %3.</source>
        <translation>Bei Schritt %1 beträgt der In-Context-Loss %2 und der andere Loss %3.</translation>
    </message>
    <message>
        <source>Not trained yet: it trains after the main run.</source>
        <translation>Noch nicht trainiert: Es trainiert nach dem Hauptlauf.</translation>
    </message>
    <message>
        <source>Not trained in this run.</source>
        <translation>In diesem Lauf nicht trainiert.</translation>
    </message>
    <message>
        <source>At step %1 the in-context loss is %2 and the other loss %3; the strongest induction head is %4.%5 (%6).</source>
        <translation>Bei Schritt %1 beträgt der In-Context-Loss %2 und der andere Loss %3; der stärkste Induktions-Head ist %4.%5 (%6).</translation>
    </message>
</context>
<context>
    <name>TrainingLossChart</name>
    <message>
        <source>Loss curves of the training run</source>
        <translation>Loss-Kurven des Trainingslaufs</translation>
    </message>
    <message>
        <source>in-context loss (second copy of a repeated span)</source>
        <translation>In-Context-Loss (zweite Kopie eines wiederholten Abschnitts)</translation>
    </message>
    <message>
        <source>one-layer control, in-context loss</source>
        <translation>Kontrolle mit einem Layer, In-Context-Loss</translation>
    </message>
    <message>
        <source>phase change, steps %1–%2</source>
        <translation>Phasenübergang, Schritte %1–%2</translation>
    </message>
    <message>
        <source>other loss (all other targets)</source>
        <translation>anderer Loss (alle übrigen Ziele)</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>Loss (Nats)</translation>
    </message>
</context>
<context>
    <name>Veiled</name>
    <message>
        <source>Hidden until you commit your prediction above</source>
        <translation>Verborgen, bis du oben deine Vorhersage festlegst</translation>
    </message>
</context>
<context>
    <name>WrittenShareExample</name>
    <message>
        <source>Worked example, on another text than yours</source>
        <translation>Durchgerechnetes Beispiel, an einem anderen Text als deinem</translation>
    </message>
    <message>
        <source>“%1” has %2 tokens. Written with the same settings, %3 tokens follow, so the last written token sees %4 tokens, %3 of them written. Averaged over all %5 heads, the written tokens get %6 of the last token&apos;s attention. Spread evenly over the %4 tokens, they would get %3 / %4 = %7. The ratio: %6 / %7 = %8, so the written tokens get %8 times their even share.</source>
        <translation>„%1“ hat %2 Tokens. Mit denselben Einstellungen geschrieben, folgen %3 Tokens; das zuletzt geschriebene Token sieht also %4 Tokens, %3 davon geschrieben. Gemittelt über alle %5 Heads bekommen die geschriebenen Tokens %6 der Attention des letzten Tokens. Gleichmäßig über die %4 Tokens verteilt bekämen sie %3 / %4 = %7. Das Verhältnis: %6 / %7 = %8, die geschriebenen Tokens bekommen also das %8-Fache ihres gleichmäßigen Anteils.</translation>
    </message>
</context>
<context>
    <name>al::download::ModelDownloader</name>
    <message>
        <source>%1 is ready.</source>
        <translation>%1 ist bereit.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Download abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2). Check the internet connection and try again.</source>
        <translation>%1 ist nicht erreichbar (%2). Prüfe die Internetverbindung und versuche es erneut.</translation>
    </message>
    <message>
        <source>%1 was not found at %2%3: the repository, revision or file does not exist.</source>
        <translation>%1 wurde unter %2%3 nicht gefunden: Das Repository, die Revision oder die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>The server refused access to %1 (HTTP %2): the repository is gated or private.</source>
        <translation>Der Server verweigerte den Zugriff auf %1 (HTTP %2): Das Repository ist zugangsbeschränkt oder privat.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 for %2.</source>
        <translation>Der Server antwortete mit HTTP %1 für %2.</translation>
    </message>
    <message>
        <source>The server did not say how large %1 is (no X-Linked-Size or Content-Length).</source>
        <translation>Der Server hat nicht angegeben, wie groß %1 ist (kein X-Linked-Size oder Content-Length).</translation>
    </message>
    <message>
        <source>The server did not name the commit of %1 at &quot;%2&quot; (no X-Repo-Commit header).</source>
        <translation>Der Server hat den Commit von %1 bei „%2“ nicht genannt (kein X-Repo-Commit-Header).</translation>
    </message>
    <message>
        <source>Cannot write in %1: %2</source>
        <translation>In %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 is on a read-only file system.</source>
        <translation>%1 liegt auf einem schreibgeschützten Dateisystem.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Resuming %1 at %2…</source>
        <translation>%1 wird bei %2 fortgesetzt…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen…</translation>
    </message>
    <message>
        <source>The disk is full while writing %1 (%2). Free some space and resume: what was downloaded is kept.</source>
        <translation>Die Festplatte ist beim Schreiben von %1 voll geworden (%2). Schaffe Platz und setze fort: Was heruntergeladen wurde, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Download paused; what was downloaded is kept and the next start resumes it.</source>
        <translation>Download pausiert; was heruntergeladen wurde, bleibt erhalten, und der nächste Start setzt ihn fort.</translation>
    </message>
    <message>
        <source>The server refused the byte range for %1 (HTTP 416) even after starting over.</source>
        <translation>Der Server lehnte den Byte-Bereich für %1 ab (HTTP 416), auch nach einem Neuanfang.</translation>
    </message>
    <message>
        <source>%1 was not found at %2 (HTTP 404).</source>
        <translation>%1 wurde unter %2 nicht gefunden (HTTP 404).</translation>
    </message>
    <message>
        <source>The server refused access to %1 (HTTP %2).</source>
        <translation>Der Server verweigerte den Zugriff auf %1 (HTTP %2).</translation>
    </message>
    <message>
        <source>No data arrived for %1 s while downloading %2.</source>
        <translation>Beim Herunterladen von %2 kamen %1 s lang keine Daten an.</translation>
    </message>
    <message>
        <source>Cannot reach %1 (%2). Check the internet connection; the download resumes where it stopped.</source>
        <translation>%1 ist nicht erreichbar (%2). Prüfe die Internetverbindung; der Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>The connection dropped after %1 of %2 (%3).</source>
        <translation>Die Verbindung brach nach %1 von %2 ab (%3).</translation>
    </message>
    <message>
        <source>The server closed %1 after %2 of %3.</source>
        <translation>Der Server beendete %1 nach %2 von %3.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes, but %3 bytes were expected; the file was deleted. Try again later.</source>
        <translation>%1 hat %2 Byte, erwartet waren aber %3 Byte; die Datei wurde gelöscht. Versuche es später erneut.</translation>
    </message>
    <message>
        <source>What was downloaded is kept; start again to resume.</source>
        <translation>Was heruntergeladen wurde, bleibt erhalten; starte erneut, um fortzusetzen.</translation>
    </message>
    <message>
        <source>Resuming (attempt %1 of %2)…</source>
        <translation>Wird fortgesetzt (Versuch %1 von %2)…</translation>
    </message>
    <message>
        <source>Cannot rename %1 in %2.</source>
        <translation>%1 in %2 kann nicht umbenannt werden.</translation>
    </message>
    <message>
        <source>Checking %1 (%2)…</source>
        <translation>%1 wird geprüft (%2)…</translation>
    </message>
    <message>
        <source>%1 arrived damaged: its %2 is %3, not %4. The file was deleted; nothing was installed. Try again.</source>
        <translation>%1 kam beschädigt an: Sein %2 ist %3, nicht %4. Die Datei wurde gelöscht; nichts wurde installiert. Versuche es erneut.</translation>
    </message>
    <message>
        <source>Loading %1 to check it…</source>
        <translation>%1 wird zur Prüfung geladen…</translation>
    </message>
    <message>
        <source>The downloaded files are intact but the model does not load: %1</source>
        <translation>Die heruntergeladenen Dateien sind unversehrt, aber das Modell lässt sich nicht laden: %1</translation>
    </message>
    <message>
        <source>Cannot create the folder %1. Check that %2 is writable, or choose another folder.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden. Prüfe, ob %2 beschreibbar ist, oder wähle einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Cannot write in %1 (%2). Check that the folder is writable, or choose another folder.</source>
        <translation>In %1 kann nicht geschrieben werden (%2). Prüfe, ob der Ordner beschreibbar ist, oder wähle einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Checking the files of %1…</source>
        <translation>Die Dateien von %1 werden geprüft…</translation>
    </message>
    <message>
        <source>the folder for %1 would not be inside %2</source>
        <translation>der Ordner für %1 läge nicht in %2</translation>
    </message>
    <message>
        <source>the file %1 would not be inside %2</source>
        <translation>die Datei %1 läge nicht in %2</translation>
    </message>
    <message>
        <source>Nothing was downloaded: %1.</source>
        <translation>Nichts wurde heruntergeladen: %1.</translation>
    </message>
    <message>
        <source>%1 is a symbolic link; the download does not follow links there. Remove the link or choose another models folder.</source>
        <translation>%1 ist ein symbolischer Link; der Download folgt dort keinen Links. Entferne den Link oder wähle einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>%1 is not a folder. Remove it or choose another models folder.</source>
        <translation>%1 ist kein Ordner. Entferne es oder wähle einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>%1 is not a folder; give a folder to download models into.</source>
        <translation>%1 ist kein Ordner; gib einen Ordner an, in den Modelle geladen werden.</translation>
    </message>
    <message>
        <source>%1 would be installed as %2, but that folder may not be replaced: %3. Move what is there away or choose another models folder.</source>
        <translation>%1 würde als %2 installiert, aber dieser Ordner darf nicht ersetzt werden: %3. Verschiebe, was dort liegt, oder wähle einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>The download of %1 is complete but was not installed: %2. The downloaded files are kept in %3.</source>
        <translation>Der Download von %1 ist vollständig, wurde aber nicht installiert: %2. Die heruntergeladenen Dateien bleiben in %3.</translation>
    </message>
    <message>
        <source>The server named the commit of %1 at &quot;%2&quot; with an X-Repo-Commit header that is not a valid commit id (40 hexadecimal digits).</source>
        <translation>Der Server hat den Commit von %1 bei „%2“ mit einem X-Repo-Commit-Header angegeben, der keine gültige Commit-ID ist (40 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>The server gave a size for %1 that is not valid (its %2 header is not a byte count).</source>
        <translation>Der Server hat für %1 eine ungültige Größe angegeben (sein %2-Header ist keine Byte-Anzahl).</translation>
    </message>
    <message>
        <source>%1: the server announced %2 bytes where %3 were expected</source>
        <translation>%1: Der Server hat %2 Bytes angekündigt, erwartet wurden %3</translation>
    </message>
    <message>
        <source>%1: the server sent more than the %2 bytes it announced</source>
        <translation>%1: Der Server hat mehr als die angekündigten %2 Bytes gesendet</translation>
    </message>
    <message>
        <source>%1; the download stopped and the partial file was deleted. Try again later.</source>
        <translation>%1; der Download wurde angehalten und die unvollständige Datei gelöscht. Versuche es später noch einmal.</translation>
    </message>
    <message>
        <source>Nothing was downloaded: %1</source>
        <translation>Nichts wurde heruntergeladen: %1</translation>
    </message>
    <message>
        <source>Another download of %1 into %2 is in progress; wait for it to finish.</source>
        <translation>Ein anderer Download von %1 nach %2 läuft gerade; warte, bis er fertig ist.</translation>
    </message>
    <message>
        <source>Cannot create a lock file in %1. Check that the folder is writable, or choose another folder.</source>
        <translation>In %1 kann keine Sperrdatei angelegt werden. Prüfe, ob der Ordner beschreibbar ist, oder wähle einen anderen Ordner.</translation>
    </message>
    <message>
        <source>It is not replaced: remove or move that folder, or download into another models folder (with --dest for attention-lens-cli download).</source>
        <translation>Sie wird nicht ersetzt: Entfernen oder verschieben Sie diesen Ordner, oder laden Sie in einen anderen Modellordner herunter (mit --dest für attention-lens-cli download).</translation>
    </message>
    <message>
        <source>%1 already holds a model with no record of where it came from (no source.json naming a repository), perhaps one of your own. %2</source>
        <translation>%1 enthält bereits ein Modell ohne Angabe seiner Herkunft (keine source.json, die ein Repository nennt), vielleicht ein eigenes. %2</translation>
    </message>
    <message>
        <source>%1 already holds %2, not %3. %4</source>
        <translation>%1 enthält bereits %2, nicht %3. %4</translation>
    </message>
    <message>
        <source>The download of %1 is complete but was not installed: %2 The downloaded files are kept in %3.</source>
        <translation>Der Download von %1 ist vollständig, wurde aber nicht installiert: %2 Die heruntergeladenen Dateien bleiben in %3 erhalten.</translation>
    </message>
    <message>
        <source>The server does not resume downloads (it sends the whole file again each time) and never got further than %1 of %2 in %3 attempts.</source>
        <translation>Der Server setzt Downloads nicht fort (er sendet jedes Mal die ganze Datei neu) und kam in %3 Versuchen nie über %1 von %2 hinaus.</translation>
    </message>
    <message>
        <source>%1 is not a regular file; it was not checked and nothing was installed.</source>
        <translation>%1 ist keine gewöhnliche Datei; sie wurde nicht geprüft und nichts wurde installiert.</translation>
    </message>
    <message>
        <source>The server gave a size for %1 beyond this download&apos;s limit of %2 per file.</source>
        <translation>Der Server hat für %1 eine Größe angegeben, die über der Grenze dieses Downloads von %2 je Datei liegt.</translation>
    </message>
    <message>
        <source>Fewer than %1 arrived in %2 s while downloading %3: the connection is too slow to finish. What was downloaded is kept; start again to resume.</source>
        <translation>Beim Herunterladen von %3 kamen in %2 s weniger als %1 an: Die Verbindung ist zu langsam, um fertig zu werden. Was schon heruntergeladen ist, bleibt erhalten; starten Sie erneut, um fortzusetzen.</translation>
    </message>
    <message>
        <source>larger than a lock file can be</source>
        <translation>größer, als eine Sperrdatei sein kann</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>eine symbolische Verknüpfung</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>The lock file %1 cannot be used: it is %2. Delete it and start the download again.</source>
        <translation>Die Sperrdatei %1 kann nicht verwendet werden: Sie ist %2. Löschen Sie sie und starten Sie den Download erneut.</translation>
    </message>
    <message>
        <source>The lock file %1 could not be used because it was %2. It was kept as %3.</source>
        <translation>Die Sperrdatei %1 konnte nicht verwendet werden, weil sie %2 war. Sie wurde als %3 aufbewahrt.</translation>
    </message>
    <message>
        <source>The lock file %1 names no download and cannot be removed. Delete it and start the download again.</source>
        <translation>Die Sperrdatei %1 gehört zu keinem Download und kann nicht entfernt werden. Löschen Sie sie und starten Sie den Download erneut.</translation>
    </message>
    <message>
        <source>The server&apos;s answer for %1 (HTTP %2) had headers that could not be read: none, or too many or too large for this app to accept.</source>
        <translation>Die Antwort des Servers für %1 (HTTP %2) hatte Header, die nicht gelesen werden konnten: keine, oder zu viele oder zu große, als dass diese App sie annimmt.</translation>
    </message>
    <message>
        <source>The server sent the request for %1 on to another server (%2); only redirects within %3 are followed.</source>
        <translation>Der Server hat die Anfrage nach %1 an einen anderen Server weitergeleitet (%2); nur Weiterleitungen innerhalb von %3 werden befolgt.</translation>
    </message>
    <message>
        <source>Cannot download %1: the folder %2 is in its way. Delete that folder and start again.</source>
        <translation>%1 kann nicht heruntergeladen werden: Der Ordner %2 ist im Weg. Löschen Sie diesen Ordner und starten Sie erneut.</translation>
    </message>
    <message>
        <source>The server sent %1 compressed (Content-Encoding: %2) although the file itself was asked for; a compressed file cannot be checked or resumed. Try another endpoint.</source>
        <translation>Der Server hat %1 komprimiert gesendet (Content-Encoding: %2), obwohl die Datei selbst angefordert wurde; eine komprimierte Datei kann weder geprüft noch fortgesetzt werden. Versuchen Sie einen anderen Endpunkt.</translation>
    </message>
    <message>
        <source>The server at %1 accepted the connection but sent no answer for %2 s. It may be overloaded; try again later.</source>
        <translation>Der Server unter %1 hat die Verbindung angenommen, aber %2 s lang keine Antwort gesendet. Vielleicht ist er überlastet; versuche es später noch einmal.</translation>
    </message>
    <message>
        <source>The server redirected the request for %1 more than 5 times without answering it (last to %2).</source>
        <translation>Der Server hat die Anfrage nach %1 mehr als fünfmal weitergeleitet, ohne sie zu beantworten (zuletzt an %2).</translation>
    </message>
    <message>
        <source>Not enough free space on %1: the download needs %2 more, plus %3 left free so that the system and the app can go on working, and only %4 is free.</source>
        <translation>Nicht genug freier Platz auf %1: Der Download braucht noch %2, dazu %3, die frei bleiben, damit das System und die App weiterarbeiten können, und frei sind nur %4.</translation>
    </message>
    <message>
        <source>the download address “%1” does not start with https:// or http:// and a server&apos;s name (it comes from HF_ENDPOINT when that is set)</source>
        <translation>die Download-Adresse „%1“ beginnt nicht mit https:// oder http:// und dem Namen eines Servers (sie stammt aus HF_ENDPOINT, wenn das gesetzt ist)</translation>
    </message>
</context>
</TS>
