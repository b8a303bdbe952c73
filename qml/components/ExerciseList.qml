import QtQuick
import QtQuick.Layouts
import AttentionLens

// A station's exercises, each a predict-then-reveal card, answers computed from the model: one
// ExerciseSet, one card per exercise and one AnswerVeils, whatever the place each card is shown in.
// `veils` tells the station's figures which of their parts to hide: every part an exercise lists
// in its `veils` stays hidden while that exercise waits for a prediction, and comes back, with the
// answer to highlight, once it is committed (or shown without a prediction).
//
// Predict, then see, in place: a card is shown in the frame of the figure it asks about
// (`placeIn`), above that figure's parts: the FigureSection that holds the part named by the
// exercise's `figure` (a part's veil key or a FigureSection's `name`), else the one that holds its
// first `veils` part. A card with no such figure stays here, in this list after the figures.
ColumnLayout {
    id: list
    property string stationId
    property var definitions: []
    // Whether the station shows its exercises now (off screen, answers wait until it is shown again).
    property bool shown: true
    readonly property alias exercises: set
    readonly property AnswerVeils veils: AnswerVeils {}
    // Per card: {open, result}, kept by the cards themselves.
    property var cardStates: []
    // The cards, in order (a station that drives its figures from a card reads them here).
    property var cardItems: []
    // Every exercise has its answer (what --screenshot waits for).
    readonly property bool answered: set.allAnswered
    // How many cards stayed in this list (none: the list takes no room).
    property int ownCards: 0
    // Per card: {n, of, first}: its turn among the cards asked in the same place (first: the index
    // of the card asked first there). Several questions at one figure are asked one at a time, in
    // the order of exercises.json, so that the figure stays in view below the current one.
    property var turns: []
    function stepOf(i) {
        const t = list.turns[i]
        return t && t.of > 1 ? qsTr("%1 of %2").arg(t.n).arg(t.of) : ""
    }
    // Waiting: an earlier card at the same place is still to be answered (revealed, or not
    // computable for this model).
    function waitingAt(i) {
        const t = list.turns[i]
        if (!t)
            return false
        for (let j = t.first; j < i; ++j) {
            const u = list.turns[j], c = list.cardItems[j]
            if (u && u.place === t.place && c && !c.revealed && c.errorText === "")
                return true
        }
        return false
    }
    Layout.fillWidth: true
    visible: shown && ownCards > 0
    spacing: Theme.spacing

    function noteCard(i, open, result) {
        const s = list.cardStates.slice()
        s[i] = { open: open, result: result }
        list.cardStates = s
    }
    function updateVeils() {
        const hidden = {}, revealed = {}, asked = {}
        for (let i = 0; i < set.definitions.length; ++i) {
            const def = set.definitions[i]
            const keys = def.veils || []
            const st = list.cardStates[i]
            for (const k of keys) {
                if (!st || st.open) {
                    hidden[k] = true
                    // What the open exercise asks about (never its answer): a figure may hide just that.
                    // (Read from the set: a card's own answer binding may not have caught up yet
                    // when the set's answersChanged runs this.)
                    const a = set.answers[i] || ({})
                    // (An example sentence's row and layer are not the figures' text: nothing of them to hide.)
                    const own = a.example !== true
                    // example: whether it asks about its example instead of the figures' text
                    // (undefined while its answer computes).
                    asked[k] = (asked[k] || []).concat([{ id: def.id, params: def.params || {}, row: own ? a.row : -1,
                                                          layer: own ? a.layer : -1, focusHead: a.focusHead,
                                                          example: a.example }])
                } else if (st.result && st.result.answer !== undefined) {
                    revealed[k] = (revealed[k] || []).concat([Object.assign({ id: def.id, params: def.params || {} }, st.result)])
                }
            }
        }
        list.veils.hidden = hidden
        list.veils.asked = asked
        list.veils.revealed = revealed
    }
    onCardStatesChanged: updateVeils()
    Connections { target: set; function onDefinitionsChanged() { list.updateVeils() } function onAnswersChanged() { list.updateVeils() } }
    Component.onCompleted: updateVeils()

    // Where each part of the page's figures sits: veil key (or a FigureSection's `name`) -> the
    // FigureSection holding it. Read from the page's items, so a figure needs no registration.
    function framesIn(root) {
        const frames = {}
        const walk = (item, frame) => {
            if (item.exerciseSlot !== undefined) {
                frame = item
                if (item.name && frames[item.name] === undefined)
                    frames[item.name] = item
            }
            if (frame && item.objectName.startsWith("veil:") && frames[item.objectName.slice(5)] === undefined)
                frames[item.objectName.slice(5)] = frame
            for (let i = 0; i < item.children.length; ++i)
                walk(item.children[i], frame)
        }
        if (root)
            walk(root, null)
        return frames
    }
    // Moves every card into the frame of the figure it asks about (or back into this list).
    function placeIn(root) {
        const frames = framesIn(root)
        let own = 0
        const places = [], turns = []
        for (let i = 0; i < list.cardItems.length; ++i) {
            const card = list.cardItems[i]
            if (!card)
                continue
            const def = set.definitions[i] || {}
            const key = def.figure || (def.veils || [])[0] || ""
            const frame = frames[key]
            const target = frame ? frame.exerciseSlot : list
            if (card.parent !== target)
                card.parent = target
            if (!frame)
                ++own
            let place = places.indexOf(target)
            if (place < 0) {
                place = places.length
                places.push(target)
            }
            turns[i] = { place: place, n: 0, of: 0, first: i }
        }
        for (let i = 0; i < turns.length; ++i) {
            const t = turns[i]
            if (!t)
                continue
            const same = turns.filter(u => u && u.place === t.place)
            t.of = same.length
            t.n = same.indexOf(t) + 1
            t.first = turns.indexOf(same[0])
        }
        list.turns = turns
        list.ownCards = own
    }

    ExerciseSet {
        id: set
        stationId: list.stationId
        definitions: list.definitions
        active: list.shown
    }
    Repeater {
        id: cards
        model: set.count
        onItemAdded: (i, item) => { const c = list.cardItems.slice(); c[i] = item; list.cardItems = c }
        onItemRemoved: (i, item) => { list.cardItems = list.cardItems.filter(c => c !== item) }
        delegate: PredictCard {
            required property int index
            objectName: "exercise:" + (definition.id || index)
            visible: list.shown
            step: list.stepOf(index)
            waiting: list.waitingAt(index)
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
