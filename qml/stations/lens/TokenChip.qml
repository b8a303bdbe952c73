import QtQuick
import QtQuick.Controls
import AttentionLens

// One token as a chip. Fill strength = the focused query's attention on it (the number is shown
// underneath). Pieces of one word split by BPE sit flush with dashed borders; special tokens are
// labelled; the query chip is outlined.
Item {
    id: chip
    property int index: 0
    property string text: ""
    property bool leadingSpace: false
    property bool continuesWord: false
    property bool continued: false
    property bool special: false
    property bool partialBytes: false
    property real weight: -1            // -1: no weight to show
    property bool isQuery: false
    property bool predicted: false      // the learner's prediction in an exercise
    property bool answer: false         // the model's answer, after the reveal
    property real arcSpace: 0
    readonly property bool multiPiece: continuesWord || continued
    readonly property alias box: box
    signal hoveredToken(int index)
    signal unhoveredToken(int index)
    signal clickedToken(int index)

    width: box.width + (continuesWord ? 0 : Theme.spacingS)
    height: arcSpace + box.height + weightLabel.height + 4

    Rectangle {
        id: box
        x: chip.continuesWord ? 0 : Theme.spacingS
        y: chip.arcSpace
        width: Math.max(label.implicitWidth + 14, 22)
        height: 30
        radius: chip.multiPiece ? 2 : 6
        color: chip.special ? Theme.surfaceAlt : Theme.surface
        border.width: chip.multiPiece ? 0 : (chip.isQuery ? 2.5 : 1)
        border.color: chip.isQuery ? Theme.accent : Theme.border

        Rectangle { // the attention fill
            anchors.fill: parent
            anchors.margins: 1
            radius: parent.radius
            color: Theme.accent
            opacity: chip.weight > 0 ? Math.min(1, chip.weight) * 0.85 : 0
        }
        Canvas { // dashed outline joining the pieces of one word
            // A Canvas rather than a Shape: it is clipped like any item when the strip scrolls,
            // also under Qt Quick's software renderer.
            id: dashes
            anchors.fill: parent
            visible: chip.multiPiece
            property color stroke: chip.isQuery ? Theme.accent : Theme.textMuted
            property real lineWidth: chip.isQuery ? 2.5 : 1.2
            onStrokeChanged: requestPaint()
            onLineWidthChanged: requestPaint()
            onWidthChanged: requestPaint()
            onHeightChanged: requestPaint()
            onPaint: {
                const ctx = getContext("2d")
                ctx.reset()
                ctx.strokeStyle = stroke
                ctx.lineWidth = lineWidth
                // Qt's Canvas has no setLineDash: 3 px dashes, 2 px gaps, edge by edge.
                const h = lineWidth / 2
                const corners = [[h, h], [width - h, h], [width - h, height - h], [h, height - h], [h, h]]
                ctx.beginPath()
                for (let e = 0; e < 4; ++e) {
                    const [x0, y0] = corners[e], [x1, y1] = corners[e + 1]
                    const len = Math.hypot(x1 - x0, y1 - y0)
                    for (let d = 0; d < len; d += 5) {
                        const t0 = d / len, t1 = Math.min(len, d + 3) / len
                        ctx.moveTo(x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0)
                        ctx.lineTo(x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)
                    }
                }
                ctx.stroke()
            }
        }
        Rectangle { // prediction / answer marks in the exercise
            anchors.fill: parent
            anchors.margins: -4
            radius: 8
            color: "transparent"
            border.width: 2
            border.color: chip.answer ? Theme.good : Theme.focusRing
            visible: chip.predicted || chip.answer
        }
        Label {
            id: label
            anchors.centerIn: parent
            text: chip.special ? qsTr("⟨%1⟩").arg(chip.text.replace(/<\|/g, "").replace(/\|>/g, "")) : chip.text
            font.pixelSize: Theme.fontBody + 1
            font.italic: chip.special || chip.partialBytes
            font.family: chip.partialBytes ? "monospace" : Qt.application.font.family
            color: chip.weight > 0.55 ? "#ffffff" : (chip.special ? Theme.textMuted : Theme.text)
        }
        MouseArea {
            anchors.fill: parent
            hoverEnabled: true
            cursorShape: Qt.PointingHandCursor
            onEntered: chip.hoveredToken(chip.index)
            onExited: chip.unhoveredToken(chip.index)
            onClicked: chip.clickedToken(chip.index)
        }
    }
    Label {
        id: weightLabel
        anchors.horizontalCenter: box.horizontalCenter
        anchors.top: box.bottom
        anchors.topMargin: 2
        // The query's own weight counts too (a token may attend to itself); its chip is outlined.
        text: chip.weight >= 0 ? Theme.fixed(chip.weight, 2) : chip.isQuery ? qsTr("query") : " "
        font.bold: chip.isQuery
        Accessible.ignored: text.trim() === "" // a blank placeholder has nothing to read
        font.pixelSize: Theme.fontSmall - 1
        color: chip.isQuery ? Theme.accent : Theme.textMuted
    }
}
