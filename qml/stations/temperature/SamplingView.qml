import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The learner's next-token distribution after temperature, top-k and top-p, and a seeded
// generation of a few tokens (TemperatureLab).
ColumnLayout {
    id: view
    property TemperatureLab lab
    // Predict, then see: the filters stay, and what they give (the count kept, the distribution,
    // the generation) is the part "sampling" veils.
    property AnswerVeils veils: null
    // Committed exercises' answers (Veiled.answers): a question about top-p marks the count of
    // tokens kept; one about temperature alone marks the top token's bar.
    readonly property var answers: resultVeil.answers
    readonly property bool keptAnswered: answers.some(a => (a.params || {}).top_p !== undefined)
    readonly property bool topAnswered: answers.some(a => (a.params || {}).top_p === undefined && (a.params || {}).temperature !== undefined)
    // An answer just revealed sets the filters it was asked about (e.g. top-p 0.9, temperature 2),
    // so the figure shows that very case.
    property var applied: []
    onAnswersChanged: {
        const ids = answers.map(a => a.id)
        for (const a of answers) {
            if (applied.indexOf(a.id) >= 0) continue
            const p = a.params || {}
            if (p.top_p !== undefined || p.temperature !== undefined) {
                lab.topK = 0
                lab.topP = p.top_p !== undefined ? p.top_p : 1
                lab.temperature = p.temperature !== undefined ? p.temperature : 1
            }
        }
        applied = ids
    }
    spacing: Theme.spacingS
    GridLayout {
        columns: 6
        columnSpacing: Theme.spacingS
        Label { text: qsTr("top-k"); color: Theme.text }
        SpinBox { from: 0; to: 100; value: view.lab.topK; onValueModified: view.lab.topK = value; Accessible.name: qsTr("Top k (0 is off)") }
        Label { text: qsTr("top-p"); color: Theme.text }
        Slider { from: 0.05; to: 1; stepSize: 0.05; value: view.lab.topP; onMoved: view.lab.topP = value; Accessible.name: qsTr("Top p") }
        Label { text: qsTr("seed"); color: Theme.text }
        SpinBox { from: 0; to: 9999; value: view.lab.seed; onValueModified: view.lab.seed = value; Accessible.name: qsTr("Seed") }
    }
    Veiled {
        id: resultVeil
        Layout.fillWidth: true
        veils: view.veils
        key: "sampling"
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Label {
                text: qsTr("temperature %1 · top-k %2 · top-p %3 · %4 candidate tokens kept")
                      .arg(Theme.fixed(view.lab.temperature, 2)).arg(view.lab.topK === 0 ? qsTr("off") : view.lab.topK)
                      .arg(Theme.fixed(view.lab.topP, 2)).arg(view.lab.kept)
                color: view.keptAnswered ? Theme.accent : Theme.textMuted; font.pixelSize: Theme.fontSmall
                font.weight: view.keptAnswered ? Font.DemiBold : Font.Normal
            }
            ProbBars {
                entries: view.lab.distribution; compareKey: "p1"; title: qsTr("Next token (outline: temperature 1, no filters)")
                markTop: view.topAnswered; exportName: "next-token"
                exportSettings: ({ temperature: view.lab.temperature, topK: view.lab.topK, topP: view.lab.topP, seed: view.lab.seed })
                exportTitle: qsTr("Next token at temperature %1, top-k %2, top-p %3 (outline: temperature 1, no filters)")
                             .arg(Theme.fixed(view.lab.temperature, 2)).arg(view.lab.topK === 0 ? qsTr("off") : view.lab.topK)
                             .arg(Theme.fixed(view.lab.topP, 2))
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                textFormat: Text.StyledText
                text: qsTr("Generated with seed %1: <i>%2</i><b>%3</b>").arg(view.lab.seed)
                      .arg(ModelHub.text.length > 60 ? "…" + ModelHub.text.slice(-60) : ModelHub.text)
                      .arg(view.lab.generated.replace(/&/g, "&amp;").replace(/</g, "&lt;"))
            }
        }
    }
}
