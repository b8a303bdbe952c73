import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Three answers to "which position mattered to this head" at the last position (ThreeWayLab): the
// raw weight, the value-weighted share and the change in the top token's logit less the mean logit
// (as the attribution bars above measure it) when a position's
// value is removed from the head, each column ranked best first. The position with the largest raw
// weight is outlined wherever it appears, so a disagreement shows as the outline moving down (or
// out of) the other columns. The head follows the one the pushes above show (`picker`).
ColumnLayout {
    id: view
    objectName: "threeWay"
    property ThreeWayLab lab
    property LayerLensLab picker // picking a head here picks it there too
    property AnswerVeils veils: null
    readonly property var res: lab ? lab.result : ({})
    readonly property var rows: res.rows || []
    readonly property int shown: 5
    readonly property int topWeight: (res.byWeight || [-1])[0]
    spacing: 6

    // Three decimals: a removal's change can be a few thousandths (GPT-2 small's later layers).
    FontMetrics { id: titleMetrics; font.pixelSize: 12; font.bold: true }

    function signed(v) { return (v >= 0 ? "+" : "−") + Theme.fixed(Math.abs(v), 3) }
    function pick(l, h) {
        if (picker) picker.pickHead(l, h)
        else { lab.layer = l; lab.head = h }
    }

    RowLayout {
        spacing: 6
        Label { text: qsTr("Head: layer"); color: Theme.text; font.pixelSize: 12 }
        SpinBox {
            id: layerBox
            objectName: "threeWayLayer"
            from: 0; to: Math.max(0, ModelHub.nLayer - 1)
            value: view.lab ? view.lab.layer : 0
            onValueModified: view.pick(value, headBox.value)
            Accessible.name: qsTr("Layer")
        }
        Label { text: qsTr("head"); color: Theme.text; font.pixelSize: 12 }
        SpinBox {
            id: headBox
            objectName: "threeWayHead"
            from: 0; to: Math.max(0, ModelHub.nHead - 1)
            value: view.lab ? view.lab.head : 0
            onValueModified: view.pick(layerBox.value, value)
            Accessible.name: qsTr("Head")
        }
    }
    // While the three-way question waits, only what answers it is veiled: the removal column and the
    // description under the columns, which names removal's first position. The raw weights and the
    // value-weighted shares stay open as the clue the question asks the learner to read.
    ColumnLayout {
        Layout.fillWidth: true
        spacing: 6
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Repeater {
                model: [{ key: "weight", order: view.res.byWeight || [], title: qsTr("Raw weight") },
                        { key: "share", order: view.res.byShare || [], title: qsTr("Value-weighted share") },
                        { key: "change", order: view.res.byRemoval || [],
                          title: qsTr("Value removed: change in logit(“%1”) − mean logit").arg(view.res.answer || "") }]
                delegate: ColumnLayout {
                    id: column
                    required property var modelData
                    readonly property var order: modelData.order
                    readonly property real largest: {
                        let m = 1e-9
                        for (let k = 0; k < Math.min(view.shown, order.length); ++k)
                            m = Math.max(m, Math.abs((view.rows[order[k]] || {})[modelData.key] || 0))
                        return m
                    }
                    readonly property int outlinedRank: order.indexOf(view.topWeight) + 1
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 3
                    Label {
                        // Two lines for every title, so the three columns' rows stay level.
                        Layout.fillWidth: true
                        Layout.preferredHeight: 2 * titleMetrics.lineSpacing + 4
                        verticalAlignment: Text.AlignBottom
                        text: column.modelData.title
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        color: Theme.text
                        font.pixelSize: 12
                        font.bold: true
                    }
                    // The removal column alone is veiled while the question waits (its key is
                    // empty in the other two, which never veil); its title stays, to say what is hidden.
                    Veiled {
                        Layout.fillWidth: true
                        veils: view.veils
                        key: column.modelData.key === "change" ? "three-way" : ""
                        ColumnLayout {
                            spacing: 3
                            Repeater {
                                model: Math.min(view.shown, column.order.length)
                                delegate: Rectangle {
                                    id: entry
                                    required property int index
                                    readonly property int position: column.order[index]
                                    readonly property var row: view.rows[position] || ({})
                                    readonly property real value: row[column.modelData.key] || 0
                                    Layout.fillWidth: true
                                    implicitHeight: 22
                                    radius: 3
                                    color: "transparent"
                                    border.color: entry.position === view.topWeight ? Theme.accent : Theme.border
                                    border.width: entry.position === view.topWeight ? 2 : 1
                                    Rectangle {
                                        x: 1; y: 1
                                        height: parent.height - 2
                                        width: (parent.width - 2) * Math.abs(entry.value) / column.largest
                                        radius: 2
                                        color: column.modelData.key === "change" && entry.value > 0 ? Theme.chartSecond : Theme.accentSoft
                                        opacity: column.modelData.key === "change" && entry.value > 0 ? 0.25 : 1
                                    }
                                    Label {
                                        anchors.fill: parent
                                        anchors.leftMargin: 5
                                        anchors.rightMargin: 5
                                        verticalAlignment: Text.AlignVCenter
                                        text: (entry.index + 1) + ". " + entry.row.token + "  @" + entry.position
                                        elide: Text.ElideMiddle
                                        rightPadding: valueLabel.implicitWidth + 4
                                        color: Theme.text
                                        font.pixelSize: 11
                                        font.family: "monospace"
                                    }
                                    Label {
                                        id: valueLabel
                                        anchors.right: parent.right
                                        anchors.rightMargin: 5
                                        anchors.verticalCenter: parent.verticalCenter
                                        text: column.modelData.key === "change" ? view.signed(entry.value) : Theme.fixed(entry.value, 2)
                                        color: Theme.text
                                        font.pixelSize: 11
                                        font.family: "monospace"
                                    }
                                }
                            }
                            Label {
                                // Where the outlined position sits when it is not among the first few.
                                Layout.fillWidth: true
                                visible: column.outlinedRank > view.shown
                                wrapMode: Text.WordWrap
                                text: qsTr("The outlined position ranks %1 of %2 here.").arg(column.outlinedRank).arg(column.order.length)
                                color: Theme.textMuted
                                font.pixelSize: 11
                            }
                        }
                    }
                }
            }
        }
        Veiled {
            Layout.fillWidth: true
            veils: view.veils
            key: "three-way"
            Label {
                wrapMode: Text.WordWrap
                color: Theme.text
                font.pixelSize: 12
                text: view.lab ? view.lab.description : ""
            }
        }
    }
}
