import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// All heads of one layer with a layer slider; each tile carries its census label. Clicking a tile
// opens the focused view of that head (a larger heat map with the tokens and all census scores).
ColumnLayout {
    id: grid
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property HeadsLab lab: HeadsLab { id: ownLab; active: grid.lab === ownLab }
    property int focusedHead: -1
    // The tile of this head of the shown layer ("L.H", an exercise's answer) is outlined.
    property string markHead: ""
    // Predict, then see: while an exercise that lists `veilKey` waits, the census labels and scores
    // are hidden (they are what such a question counts), and so is the row it asks about in the
    // layer it asks about (a pronoun's row in the last layer); the patterns stay, to reason from.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property bool labelsHidden: veils !== null && veilKey !== "" && veils.hides(veilKey)
    readonly property var answers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    // The layer an open question asks about (the card's own pick for this text, else its params'
    // layer), never its answer.
    function askedLayer(q) {
        if (q.layer !== undefined && q.layer >= 0)
            return q.layer
        const p = q.params.layer
        return p === "last" ? grid.lab.layers - 1 : p === "first" ? 0 : p === undefined ? -1 : Number(p)
    }
    readonly property int hiddenRow: {
        if (!labelsHidden)
            return -1
        for (const q of veils.askedFor(veilKey))
            if (q.row !== undefined && q.row >= 0 && askedLayer(q) === grid.lab.layer)
                return q.row
        return -1
    }
    // While a card asks about a layer, the slider shows that layer (the learner can still move it).
    readonly property int questionLayer: {
        if (!labelsHidden)
            return -1
        for (const q of veils.askedFor(veilKey)) {
            const l = askedLayer(q)
            if (l >= 0 && !isNaN(l) && l < grid.lab.layers)
                return l
        }
        return -1
    }
    onQuestionLayerChanged: if (questionLayer >= 0) grid.lab.layer = questionLayer
    // The raw weights while a card waits: its answer is read off them (as on Station 1's lens).
    onLabelsHiddenChanged: if (labelsHidden) grid.lab.valueWeighted = false
    // What a tile shows: the value-weighted pattern once it is computed, else the raw weights.
    function shownPattern(h) {
        return grid.lab.valueWeightsReady && h.valuePattern ? h.valuePattern : h.pattern
    }
    // A pattern (rows x rows, flat) with one row left blank (NaN: drawn as no weight at all).
    function withoutRow(pattern, size, row) {
        if (row < 0 || row >= size || !pattern)
            return pattern || []
        const out = Array.from(pattern)
        for (let c = 0; c < size; ++c)
            out[row * size + c] = NaN
        return out
    }
    spacing: Theme.spacingS

    RowLayout {
        Label { text: qsTr("layer %1 of %2").arg(grid.lab.layer).arg(Math.max(0, grid.lab.layers - 1)); color: Theme.text; Layout.preferredWidth: 110 }
        Slider {
            Layout.fillWidth: true
            from: 0; to: Math.max(0, grid.lab.layers - 1); stepSize: 1
            value: grid.lab.layer
            onMoved: grid.lab.layer = value
            Accessible.name: qsTr("Layer")
        }
        BusyIndicator { running: grid.lab.busy; visible: running; implicitWidth: 22; implicitHeight: 22 }
    }
    // Raw weights or the value-weighted view (Kobayashi et al. 2020), as on Station 1's lens. The
    // labels and scores stay those of the raw weights: the census reads where a head looks.
    // Locked to the raw weights while a card waits; hovering says why (a disabled control shows no
    // tooltip of its own, so the row, which stays enabled, carries it).
    RowLayout {
        id: weightKindToggle
        objectName: "headsWeightKindToggle"
        spacing: Theme.spacingS
        readonly property string lockedWhy: grid.labelsHidden
            ? qsTr("Locked to the raw weights until you commit your prediction above: the question is answered from them.") : ""
        HoverHandler { id: toggleHover }
        ToolTip.visible: toggleHover.hovered && lockedWhy !== ""
        ToolTip.text: lockedWhy
        Accessible.description: lockedWhy
        Label { text: qsTr("Show:"); color: Theme.text; enabled: !grid.labelsHidden }
        RadioButton {
            objectName: "headsRawWeightsButton"
            enabled: !grid.labelsHidden
            text: qsTr("Raw weights")
            checked: !grid.lab.valueWeighted
            onToggled: if (checked) grid.lab.valueWeighted = false
            Accessible.name: text
        }
        RadioButton {
            objectName: "headsValueWeightedButton"
            enabled: !grid.labelsHidden
            text: qsTr("Value-weighted")
            checked: grid.lab.valueWeighted
            onToggled: if (checked) grid.lab.valueWeighted = true
            Accessible.name: text
            Accessible.description: ToolTip.text
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Each weight times the size of what that token's value writes into the head's output (Kobayashi et al. 2020).")
        }
    }
    Label {
        objectName: "headsValueWeightedCaption"
        visible: grid.lab.valueWeighted
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: grid.lab.valueWeightsReady
              ? qsTr("Value-weighted: weight × size of what the token's value writes, rescaled so a row sums to 1. The labels and scores still read the raw weights.")
              : qsTr("Value-weighted: computing the sizes of the values…")
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: qsTr("Labels are heuristics read off one text's patterns; most heads are mixtures of several behaviours.")
    }
    Label {
        objectName: "veil:" + grid.veilKey
        readonly property bool veiled: grid.labelsHidden
        visible: veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.italic: true
        text: grid.hiddenRow >= 0
              ? qsTr("Hidden until you commit your prediction above: the labels, the scores and the asked-about row %1 in this layer.").arg(grid.hiddenRow)
              : qsTr("Hidden until you commit your prediction above: the labels and the scores.")
    }
    Flow {
        id: tiles
        Layout.fillWidth: true
        spacing: Theme.spacingS
        Repeater {
            model: grid.lab.heads
            delegate: PatternTile {
                required property var modelData
                required property int index
                width: Math.max(110, Math.min(150, (grid.width - 5 * Theme.spacingS) / 6))
                head: modelData
                selected: grid.focusedHead === index
                labelHidden: grid.labelsHidden
                values: grid.withoutRow(grid.shownPattern(modelData), modelData.size || 0, grid.hiddenRow)
                marked: grid.markHead === grid.lab.layer + "." + modelData.head
                onClicked: grid.focusedHead = (grid.focusedHead === index ? -1 : index)
            }
        }
    }
    // The layer's tiles saved as they are drawn. Not while a card waits: the labels, the scores and
    // an asked-about row are hidden then, and what is hidden is not saved either.
    FigureExportBar {
        objectName: "headsGridExport"
        target: tiles
        name: "heads-grid"
        available: !grid.labelsHidden
        figure: grid.lab.heads.length > 0 && !grid.labelsHidden ? grid.lab.gridFigure() : ({})
    }
    // The focused view.
    RowLayout {
        id: focusedView
        visible: grid.focusedHead >= 0 && grid.focusedHead < grid.lab.heads.length
        readonly property var head: grid.lab.heads[grid.focusedHead] || ({})
        spacing: Theme.spacingL
        Layout.fillWidth: true
        ColumnLayout {
            spacing: 0
            Repeater {
                model: grid.lab.tokens
                delegate: Label {
                    required property string modelData
                    text: modelData; color: Theme.text; font.pixelSize: 10
                    Layout.preferredHeight: focusMap.height / Math.max(1, grid.lab.tokens.length)
                    Layout.alignment: Qt.AlignRight
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
        HeatmapItem {
            id: focusMap
            Layout.preferredWidth: Math.min(360, Math.max(200, grid.lab.tokens.length * 14))
            Layout.preferredHeight: Layout.preferredWidth
            rows: parent.head.size || 0
            columns: parent.head.size || 0
            values: grid.withoutRow(grid.shownPattern(parent.head), parent.head.size || 0, grid.hiddenRow)
            maxValue: 1
            colorMap: HeatmapItem.Viridis // the lens's colours: the same weight looks the same everywhere
        }
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            Label {
                text: grid.labelsHidden ? qsTr("Layer %1, head %2").arg(grid.lab.layer).arg(focusedView.head.head)
                      : qsTr("Layer %1, head %2: %3").arg(grid.lab.layer).arg(focusedView.head.head).arg(focusedView.head.labelText || "")
                color: Theme.text; font.weight: Font.DemiBold
            }
            Repeater {
                model: grid.labelsHidden ? [] : (focusedView.head.scoreRows || [])
                delegate: Label {
                    required property var modelData
                    text: modelData.name + ": " + Theme.fixed(Number(modelData.value), 3)
                    color: Theme.textMuted; font.pixelSize: Theme.fontSmall; font.family: "monospace"
                }
            }
            Label {
                text: grid.lab.valueWeightsReady
                      ? qsTr("Rows are queries, columns keys; value-weighted, each row rescaled to sum to 1.")
                      : qsTr("Rows are queries, columns keys; each row sums to 1.")
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall
            }
        }
    }
    Label { visible: grid.lab.error !== ""; text: grid.lab.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
}
