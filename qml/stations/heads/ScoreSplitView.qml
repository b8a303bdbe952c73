import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Why a head attends where it does: for the picked head, its pattern (click a cell), that cell's
// score taken apart into query-part × key-part terms, and how much of the head's choice of keys
// comes from position, content and the fixed biases, for it and for every head of its layer
// beside their census labels. While a card that lists `veilKey` waits, the table and the shares
// are hidden and the picker shows the head the card names; the pattern stays, to reason from.
ColumnLayout {
    id: view
    property ScoreSplitLab lab: ScoreSplitLab { id: ownLab; active: view.lab === ownLab }
    // The census labels of every head ([layer][head] ids), from the heads grid's lab.
    property var censusLabels: []
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property var r: lab.result
    readonly property var cell: r.cell || ({})
    readonly property var tokens: r.tokens || []
    readonly property var answers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    // The head an open card asks about: the picker goes there while it waits.
    readonly property string askedHead: {
        if (veils === null || veilKey === "")
            return ""
        for (const q of veils.askedFor(veilKey))
            if (q.focusHead)
                return q.focusHead
        return ""
    }
    onAskedHeadChanged: if (askedHead !== "") {
        lab.layer = parseInt(askedHead.split(".")[0])
        lab.head = parseInt(askedHead.split(".")[1])
    }
    readonly property string markedHead: answers.length > 0 ? answers[0].focusHead || "" : ""
    spacing: Theme.spacingS

    function pct(x) { return Math.round(100 * Number(x || 0)) + "%" }
    function tokenAt(i) { return i >= 0 && i < tokens.length ? tokens[i] : "" }
    function partName(p) {
        // The engine's part names, in the interface's language.
        if (p === "token") return qsTr("token")
        if (p === "position") return qsTr("position")
        if (p === "attention biases") return qsTr("attention biases")
        if (p === "LayerNorm shift and q/k bias") return qsTr("fixed part")
        if (p.startsWith("head ")) return qsTr("head %1").arg(p.slice(5))
        if (p.startsWith("MLP ")) return qsTr("MLP %1").arg(p.slice(4))
        return p
    }
    readonly property color positionColor: Theme.positionPart
    readonly property color contentColor: Theme.contentPart
    readonly property color biasColor: Theme.mask

    RowLayout {
        spacing: Theme.spacingS
        Label { text: qsTr("Layer"); color: Theme.text }
        SpinBox {
            from: 0; to: Math.max(0, (view.r.layers || 1) - 1)
            value: view.r.layer || 0
            onValueModified: view.lab.layer = value
            Accessible.name: qsTr("Layer")
        }
        Label { text: qsTr("Head"); color: Theme.text }
        SpinBox {
            from: 0; to: Math.max(0, (view.r.heads || 1) - 1)
            value: view.r.head || 0
            onValueModified: view.lab.head = value
            Accessible.name: qsTr("Head")
        }
        BusyIndicator { running: view.lab.busy; visible: running; implicitWidth: 22; implicitHeight: 22 }
        Item { Layout.fillWidth: true }
    }
    Label {
        visible: view.lab.error !== ""
        text: view.lab.error
        color: Theme.warning
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    // Every head of the layer: its shares as one stacked bar, with its census label.
    Veiled {
        Layout.fillWidth: true
        veils: view.veils
        key: view.veilKey
        ColumnLayout {
            spacing: Theme.spacingS
            Label {
                text: qsTr("Layer %1: where each head's choice of keys comes from").arg(view.r.layer || 0)
                color: Theme.text
                font.weight: Font.DemiBold
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Repeater {
                    model: view.r.layerSplits || []
                    delegate: Rectangle {
                        id: chip
                        required property var modelData
                        readonly property string name: (view.r.layer || 0) + "." + modelData.head
                        readonly property string census: {
                            const row = view.censusLabels[view.r.layer || 0]
                            return row && row[modelData.head] ? HeadRoles.label(row[modelData.head]) : ""
                        }
                        width: 104
                        height: chipCol.implicitHeight + 8
                        radius: 4
                        color: modelData.head === view.r.head ? Theme.accentSoft : Theme.surface
                        border.color: name === view.markedHead || modelData.head === view.r.head ? Theme.accent : Theme.border
                        border.width: name === view.markedHead ? 2.5 : 1
                        Accessible.role: Accessible.Button
                        Accessible.name: qsTr("Head %1: position %2, content %3, biases %4, census label %5")
                                         .arg(name).arg(view.pct(modelData.position)).arg(view.pct(modelData.content))
                                         .arg(view.pct(modelData.biases)).arg(census)
                        ColumnLayout {
                            id: chipCol
                            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 4 }
                            spacing: 2
                            Row {
                                Layout.fillWidth: true
                                height: 12
                                Rectangle { width: chipCol.width * chip.modelData.position; height: 12; color: view.positionColor }
                                Rectangle { width: chipCol.width * chip.modelData.content; height: 12; color: view.contentColor }
                                Rectangle { width: chipCol.width * chip.modelData.biases; height: 12; color: view.biasColor }
                            }
                            Label {
                                text: qsTr("%1 · pos. %2").arg(chip.name).arg(view.pct(chip.modelData.position))
                                color: Theme.text
                                font.pixelSize: Theme.fontSmall
                            }
                            Label {
                                text: chip.census
                                color: Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                Layout.fillWidth: true
                            }
                        }
                        MouseArea { anchors.fill: parent; cursorShape: Qt.PointingHandCursor; onClicked: view.lab.head = chip.modelData.head }
                    }
                }
            }
            RowLayout {
                spacing: Theme.spacing
                Repeater {
                    model: [{ c: view.positionColor, t: qsTr("position") },
                            { c: view.contentColor, t: qsTr("content (tokens, earlier heads and MLPs)") },
                            { c: view.biasColor, t: qsTr("fixed biases") }]
                    delegate: RowLayout {
                        id: legendEntry
                        required property var modelData
                        spacing: 4
                        Rectangle { width: 12; height: 12; color: legendEntry.modelData.c }
                        Label { text: legendEntry.modelData.t; color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                text: qsTr("Under each bar: the head's census label, a heuristic read off where its weight goes on your text. The split says which parts of the vectors put the weight there; the two need not agree.")
            }
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingL
        // The head's pattern: click a cell to take its score apart.
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 4
            Label {
                text: qsTr("Head %1.%2: click a cell").arg(view.r.layer || 0).arg(view.r.head || 0)
                color: Theme.text
                font.weight: Font.DemiBold
            }
            HeatmapItem {
                id: heat
                Layout.preferredWidth: 260
                Layout.preferredHeight: 260
                rows: view.r.size || 0
                columns: view.r.size || 0
                values: view.r.pattern || []
                maxValue: 1
                colorMap: HeatmapItem.Viridis
                highlightRow: view.cell.query !== undefined ? view.cell.query : -1
                highlightColumn: view.cell.key !== undefined ? view.cell.key : -1
                Accessible.role: Accessible.Table
                Accessible.name: qsTr("Attention pattern of head %1.%2; click a cell to take its score apart").arg(view.r.layer || 0).arg(view.r.head || 0)
                MouseArea {
                    anchors.fill: parent
                    cursorShape: Qt.PointingHandCursor
                    onClicked: mouse => {
                        const p = heat.cellAt(mouse.x, mouse.y)
                        if (p.x >= 0 && p.y >= 0 && p.x <= p.y)
                            view.lab.pickCell(p.y, p.x)
                    }
                }
            }
            Label {
                text: qsTr("rows: queries, columns: keys")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        // The picked cell's score taken apart.
        Veiled {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            veils: view.veils
            key: view.veilKey
            ColumnLayout {
                spacing: 4
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.weight: Font.DemiBold
                    text: qsTr("Query %1 “%2” → key %3 “%4”: score %5, weight %6")
                          .arg(view.cell.query).arg(view.tokenAt(view.cell.query))
                          .arg(view.cell.key).arg(view.tokenAt(view.cell.key))
                          .arg(Theme.fixed(Number(view.cell.score || 0), 3)).arg(Theme.fixed(Number(view.cell.weight || 0), 3))
                }
                GridLayout {
                    columns: 3
                    columnSpacing: Theme.spacing
                    rowSpacing: 2
                    Label { text: qsTr("query side"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
                    Label { text: qsTr("key side"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
                    Label { text: qsTr("term"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.alignment: Qt.AlignRight }
                    Repeater {
                        model: view.cell.terms || []
                        delegate: Label {
                            required property var modelData
                            required property int index
                            Layout.row: 1 + index
                            Layout.column: 0
                            text: view.partName(modelData.query)
                            color: Theme.text
                        }
                    }
                    Repeater {
                        model: view.cell.terms || []
                        delegate: Label {
                            required property var modelData
                            required property int index
                            Layout.row: 1 + index
                            Layout.column: 1
                            // The fixed part is the same vector at every key (no LayerNorm scale
                            // divides it), so its term shifts the whole row alike and moves no weight.
                            text: view.partName(modelData.key) + (modelData.key === "LayerNorm shift and q/k bias"
                                  ? " <font color=\"" + Theme.textMuted + "\">" + qsTr("(same for every key)") + "</font>" : "")
                            textFormat: Text.StyledText
                            color: Theme.text
                        }
                    }
                    Repeater {
                        model: view.cell.terms || []
                        delegate: Label {
                            required property var modelData
                            required property int index
                            Layout.row: 1 + index
                            Layout.column: 2
                            Layout.alignment: Qt.AlignRight
                            text: Theme.fixed(Number(modelData.value), 3)
                            color: Theme.text
                        }
                    }
                    Label {
                        Layout.row: 1 + (view.cell.terms || []).length
                        Layout.column: 0
                        Layout.columnSpan: 2
                        text: qsTr("the remaining terms (%1), summed").arg(view.cell.restCount || 0)
                        color: Theme.textMuted
                    }
                    Label {
                        Layout.row: 1 + (view.cell.terms || []).length
                        Layout.column: 2
                        Layout.alignment: Qt.AlignRight
                        text: Theme.fixed(Number(view.cell.rest || 0), 3)
                        color: Theme.textMuted
                    }
                    Label {
                        Layout.row: 2 + (view.cell.terms || []).length
                        Layout.column: 0
                        Layout.columnSpan: 2
                        text: qsTr("total: the score q·k/√d")
                        color: Theme.text
                        font.weight: Font.DemiBold
                    }
                    Label {
                        Layout.row: 2 + (view.cell.terms || []).length
                        Layout.column: 2
                        Layout.alignment: Qt.AlignRight
                        text: Theme.fixed(Number(view.cell.sum || 0), 3)
                        color: Theme.text
                        font.weight: Font.DemiBold
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("Fixed part: the LayerNorm shift and bias, the same vector whatever the text. A term whose key side is the fixed part is the same for every key of the row, so it moves no weight.")
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("The split is exact: with each LayerNorm's scale held at its value on this text, the score is bilinear in the parts, so the %1 × %1 terms add up to the score (the forward pass gives %2).")
                          .arg(view.cell.parts || 0).arg(Theme.fixed(Number(view.cell.score || 0), 3))
                }
                // The head's own shares over its whole pattern.
                Label {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacingS
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    text: qsTr("Over the whole pattern, head %1.%2's choice of keys comes %3 from position, %4 from content and %5 from the fixed biases.")
                          .arg(view.r.layer || 0).arg(view.r.head || 0)
                          .arg(view.pct((view.r.split || {}).position)).arg(view.pct((view.r.split || {}).content))
                          .arg(view.pct((view.r.split || {}).biases))
                }
            }
        }
    }
}
