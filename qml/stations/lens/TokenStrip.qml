import QtQuick
import QtQuick.Controls
import AttentionLens

// The text as token chips with the focused query's attention drawn on them and as arcs (thickness =
// weight). Point at a chip, or focus the strip and use the arrow keys; click to pin a query.
FocusScope {
    id: strip
    property LensController lens
    property int pinned: -1
    property bool choosing: false     // exercise mode: a click chooses a prediction
    // While an exercise asks about the weights (a token or a number question), none shows: no chip
    // weight, no arc, and pointing at a chip does not move the lens's query.
    property bool weightsHidden: false
    readonly property bool inert: choosing || weightsHidden
    property int predicted: -1
    property int answer: -1
    property int exerciseQuery: -1    // the token an exercise asks about (marked while choosing)
    signal tokenChosen(int index)
    // The whole strip as drawn, scrolled or not, and each chip's box in it: what the SVG export draws.
    readonly property real drawingWidth: flow.width
    readonly property real drawingHeight: flow.height
    function chipBoxes() {
        const boxes = []
        for (let i = 0; i < repeater.count; ++i) {
            const c = repeater.itemAt(i)
            boxes.push(c ? Qt.rect(c.x + c.box.x, c.y + c.box.y, c.box.width, c.box.height) : Qt.rect(0, 0, 0, 0))
        }
        return boxes
    }
    readonly property int arcSpace: 30
    property int maxArcs: 8
    // Long texts scroll inside the strip instead of pushing the figures below the fold.
    property real maxHeight: 330

    implicitHeight: Math.min(flow.height + 8, maxHeight)
    activeFocusOnTab: true
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Tokens of your text")
    Accessible.description: lens && lens.focusToken >= 0 ? lens.tokens.get(lens.focusToken).accessibleText
                            : qsTr("Use the left and right arrow keys to choose a query token.")

    function setFocusToken(i) {
        if (!lens || lens.tokenCount === 0) return
        lens.focusToken = Math.max(0, Math.min(lens.tokenCount - 1, i))
    }
    // While choosing a prediction the keys move a cursor over the chips without showing weights.
    property int cursor: -1
    readonly property int current: inert ? cursor : (lens ? lens.focusToken : -1)
    function move(i) {
        if (!lens || lens.tokenCount === 0) return
        i = Math.max(0, Math.min(lens.tokenCount - 1, i))
        if (inert) cursor = i
        else lens.focusToken = i
    }
    // Keep the chip the keys moved to in view.
    onCurrentChanged: Qt.callLater(reveal)
    function reveal() {
        if (!view.interactive || current < 0 || current >= repeater.count) return
        const chip = repeater.itemAt(current)
        if (chip === null) return
        const top = chip.mapToItem(flow, 0, 0).y
        const bottom = top + chip.height
        if (top < view.contentY) view.contentY = top
        else if (bottom > view.contentY + view.height)
            view.contentY = Math.min(view.contentHeight - view.height, bottom - view.height)
    }
    Keys.onLeftPressed: move(current < 0 ? lens.tokenCount - 1 : current - 1)
    Keys.onRightPressed: move(current < 0 ? 0 : current + 1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Home) { move(0); event.accepted = true }
        else if (event.key === Qt.Key_End) { move(lens.tokenCount - 1); event.accepted = true }
        else if (event.key === Qt.Key_Escape) { pinned = -1; lens.focusToken = -1; event.accepted = true }
        else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space) {
            if (current >= 0) {
                if (choosing) strip.tokenChosen(current)
                else if (!weightsHidden) pinned = (pinned === current ? -1 : current)
            }
            event.accepted = true
        }
    }

    Rectangle {
        anchors.fill: parent
        anchors.margins: -4
        radius: Theme.radius
        color: "transparent"
        border.width: 2
        border.color: Theme.focusRing
        visible: strip.activeFocus
    }

    Flickable {
        id: view
        objectName: "tokenScroller"
        anchors.fill: parent
        contentWidth: width
        contentHeight: flow.height + 8
        clip: interactive
        interactive: contentHeight > height + 1
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: view.interactive ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff }

    Flow {
        id: flow
        onHeightChanged: Qt.callLater(strip.reveal)
        width: parent.width
        spacing: 0
        Repeater {
            id: repeater
            model: strip.lens ? strip.lens.tokens : null
            delegate: TokenChip {
                required property var model
                objectName: "chip" + model.index
                index: model.index
                text: model.text
                leadingSpace: model.leadingSpace
                continuesWord: model.continuesWord
                continued: model.continued
                special: model.special
                partialBytes: model.partialBytes
                // While a prediction is being chosen no weight shows, whichever row the lens points at.
                weight: strip.inert ? -1 : model.weight
                isQuery: model.isQuery || strip.exerciseQuery === model.index
                predicted: strip.predicted === model.index || (strip.choosing && strip.activeFocus && strip.cursor === model.index)
                answer: strip.answer === model.index
                arcSpace: strip.arcSpace
                onHoveredToken: (i) => { if (!strip.inert) strip.lens.focusToken = i }
                onUnhoveredToken: (i) => { if (!strip.inert) strip.lens.focusToken = strip.pinned }
                onClickedToken: (i) => {
                    strip.forceActiveFocus()
                    if (strip.choosing) strip.tokenChosen(i)
                    else if (!strip.weightsHidden) { strip.pinned = (strip.pinned === i ? -1 : i); strip.lens.focusToken = i }
                }
            }
        }
    }

    // Arcs from the query down to each earlier token it attends to; thickness = weight.
    Canvas {
        id: arcs
        anchors.fill: flow
        renderStrategy: Canvas.Cooperative
        property var weights: []
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const lens = strip.lens
            if (!lens || lens.focusToken < 0 || strip.inert) return
            const q = repeater.itemAt(lens.focusToken)
            if (!q) return
            const qx = q.x + q.box.x + q.box.width / 2
            const qy = q.y + q.box.y
            ctx.strokeStyle = Theme.accent
            ctx.lineCap = "round"
            // Only the strongest few arcs: with long texts, arcs to every token would be noise.
            const picks = []
            for (let j = 0; j < lens.focusToken; ++j) {
                const w = lens.tokens.get(j).weight
                if (w >= 0.02) picks.push({ j: j, w: w })
            }
            picks.sort((a, b) => b.w - a.w)
            for (let p = 0; p < Math.min(picks.length, strip.maxArcs); ++p) {
                const j = picks[p].j, w = picks[p].w
                const k = repeater.itemAt(j)
                if (!k) continue
                const kx = k.x + k.box.x + k.box.width / 2
                const ky = k.y + k.box.y
                ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, w)
                ctx.lineWidth = 1 + 9 * w
                ctx.beginPath()
                ctx.moveTo(kx, ky)
                if (Math.abs(ky - qy) < 1) {
                    // Same line: an arc from the key up and over to the query.
                    const lift = Math.min(strip.arcSpace - 3, 10 + Math.abs(qx - kx) * 0.15)
                    ctx.bezierCurveTo(kx, ky - lift, qx, qy - lift, qx, qy)
                } else {
                    // An earlier line: a hook over the key that turns toward the query (later in
                    // the text), kept inside this line's own space rather than crossing other lines.
                    const lift = strip.arcSpace - 8
                    ctx.quadraticCurveTo(kx, ky - lift, kx + 16, ky - lift)
                }
                ctx.stroke()
            }
        }
        Connections {
            target: strip.lens ? strip.lens.tokens : null
            function onDataChanged() { arcs.requestPaint() }
            function onRowsInserted() { arcs.requestPaint() }
            function onRowsRemoved() { arcs.requestPaint() }
        }
        Connections {
            target: strip
            function onInertChanged() { arcs.requestPaint() }
        }
        Connections {
            target: flow
            function onWidthChanged() { arcs.requestPaint() }
            function onImplicitHeightChanged() { arcs.requestPaint() }
        }
    }
    }
}
