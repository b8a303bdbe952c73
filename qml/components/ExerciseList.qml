import QtQuick
import QtQuick.Layouts
import AttentionLens

// All of a station's exercises, each a predict-then-reveal card, answers computed from the model.
// `veils` tells the station's figures which of their parts to hide: every part an exercise lists
// in its `veils` stays hidden while that exercise waits for a prediction, and comes back, with the
// answer to highlight, once it is committed.
ColumnLayout {
    id: list
    property string stationId
    property var definitions: []
    readonly property alias exercises: set
    readonly property AnswerVeils veils: AnswerVeils {}
    // Per card: {open, result}, kept by the cards themselves.
    property var cardStates: []
    // The cards, in order (a station that drives its figures from a card reads them here).
    property var cardItems: []
    // Every exercise has its answer (what --screenshot waits for).
    readonly property bool answered: set.allAnswered
    Layout.fillWidth: true
    spacing: Theme.spacing

    function noteCard(i, open, result) {
        const s = list.cardStates.slice()
        s[i] = { open: open, result: result }
        list.cardStates = s
    }
    function updateVeils() {
        const hidden = {}, revealed = {}
        for (let i = 0; i < set.definitions.length; ++i) {
            const keys = set.definitions[i].veils || []
            const st = list.cardStates[i]
            for (const k of keys) {
                if (!st || st.open)
                    hidden[k] = true
                else if (st.result && st.result.answer !== undefined)
                    revealed[k] = (revealed[k] || []).concat([Object.assign({ id: set.definitions[i].id, params: set.definitions[i].params || {} }, st.result)])
            }
        }
        list.veils.hidden = hidden
        list.veils.revealed = revealed
    }
    onCardStatesChanged: updateVeils()
    Connections { target: set; function onDefinitionsChanged() { list.updateVeils() } }
    Component.onCompleted: updateVeils()

    ExerciseSet {
        id: set
        stationId: list.stationId
        definitions: list.definitions
        active: list.visible // off screen, answers wait until the station is shown again
    }
    Repeater {
        id: cards
        model: set.count
        onItemAdded: (i, item) => { const c = list.cardItems.slice(); c[i] = item; list.cardItems = c }
        onItemRemoved: (i, item) => { list.cardItems = list.cardItems.filter(c => c !== item) }
        delegate: PredictCard {
            required property int index
            objectName: "exercise:" + (definition.id || index)
            exerciseIndex: index
            definition: set.definitions[index] || ({})
            answer: set.answers[index] || ({})
            exercises: set
            onOpenChanged: list.noteCard(index, open, result)
            onResultChanged: list.noteCard(index, open, result)
            Component.onCompleted: list.noteCard(index, open, result)
        }
    }
}
