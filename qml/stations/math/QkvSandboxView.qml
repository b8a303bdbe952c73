import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Shapes
import AttentionLens

// The Q·K·V sandbox: a 2-D plane with a draggable query (ring), three keys (squares) and three
// values (diamonds), and the output Σ wᵢvᵢ as an arrow. All numbers come from QkvSandbox (C++).
RowLayout {
    id: view
    property QkvSandbox sandbox: QkvSandbox {}
    readonly property var keyColors: Theme.keyColors
    spacing: Theme.spacingL

    Rectangle {
        id: plane
        readonly property real span: 2.2 // the plane shows -span..span on both axes
        Layout.preferredWidth: 300
        Layout.preferredHeight: 300
        color: Theme.background
        border.color: Theme.border
        function toScreen(p) { return Qt.point((p.x / span + 1) * width / 2, (1 - p.y / span) * height / 2) }
        function toWorld(x, y) {
            return Qt.point(Math.max(-span, Math.min(span, (x / width * 2 - 1) * span)),
                            Math.max(-span, Math.min(span, (1 - y / height * 2) * span)))
        }
        Rectangle { x: plane.width / 2; width: 1; height: plane.height; color: Theme.border }
        Rectangle { y: plane.height / 2; height: 1; width: plane.width; color: Theme.border }

        // Arrows from the origin: the query, the output.
        Shape {
            anchors.fill: parent
            ShapePath {
                strokeColor: Theme.accent; strokeWidth: 2; fillColor: "transparent"
                startX: plane.width / 2; startY: plane.height / 2
                PathLine { x: plane.toScreen(view.sandbox.query).x; y: plane.toScreen(view.sandbox.query).y }
            }
            ShapePath {
                strokeColor: Theme.text; strokeWidth: 3; fillColor: "transparent"
                strokeStyle: ShapePath.SolidLine
                startX: plane.width / 2; startY: plane.height / 2
                PathLine { x: plane.toScreen(view.sandbox.output).x; y: plane.toScreen(view.sandbox.output).y }
            }
        }
        Rectangle { // the output's head
            readonly property point p: plane.toScreen(view.sandbox.output)
            x: p.x - 5; y: p.y - 5; width: 10; height: 10; radius: 5; color: Theme.text
        }
        Label {
            readonly property point p: plane.toScreen(view.sandbox.output)
            x: p.x + 8; y: p.y - 8
            text: qsTr("output Σwv"); color: Theme.text; font.pixelSize: Theme.fontSmall; font.weight: Font.DemiBold
        }

        component Handle: Rectangle {
            id: handle
            property point point
            property string label
            property color tint
            property int shape: 0 // 0 ring, 1 square, 2 diamond
            signal moved(point p)
            readonly property point screen: plane.toScreen(point)
            x: screen.x - width / 2; y: screen.y - height / 2
            width: 18; height: 18
            radius: shape === 0 ? 9 : 2
            rotation: shape === 2 ? 45 : 0
            color: shape === 0 ? "transparent" : tint
            opacity: shape === 2 ? 0.75 : 1
            border.color: tint; border.width: shape === 0 ? 3 : 1
            Accessible.role: Accessible.Slider
            Accessible.name: label
            MouseArea {
                anchors.fill: parent
                anchors.margins: -6
                cursorShape: Qt.SizeAllCursor
                onPositionChanged: (mouse) => {
                    if (!pressed) return
                    const p = mapToItem(plane, mouse.x, mouse.y)
                    handle.moved(plane.toWorld(p.x, p.y))
                }
            }
            Label {
                rotation: -handle.rotation
                x: handle.width + 2; y: -4
                text: handle.label; color: handle.tint; font.pixelSize: Theme.fontSmall; font.weight: Font.DemiBold
            }
        }
        Repeater {
            model: 3
            Handle {
                required property int index
                point: view.sandbox.values[index]; shape: 2; tint: view.keyColors[index]; label: "v" + (index + 1)
                onMoved: (p) => view.sandbox.setValue(index, p)
            }
        }
        Repeater {
            model: 3
            Handle {
                required property int index
                point: view.sandbox.keys[index]; shape: 1; tint: view.keyColors[index]; label: "k" + (index + 1)
                onMoved: (p) => view.sandbox.setKey(index, p)
            }
        }
        Handle {
            point: view.sandbox.query; shape: 0; tint: Theme.accent; label: "q"
            onMoved: (p) => view.sandbox.query = p
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        Layout.alignment: Qt.AlignTop
        spacing: Theme.spacingS
        GridLayout {
            columns: 4
            columnSpacing: Theme.spacing
            rowSpacing: 4
            Label { text: qsTr("key"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            Label { text: "q·k"; color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            Label { text: qsTr("score"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            Label { text: qsTr("softmax weight"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.fillWidth: true }
            Repeater {
                model: 3
                delegate: Label {
                    required property int index
                    Layout.row: index + 1; Layout.column: 0
                    text: "k" + (index + 1); color: view.keyColors[index]; font.weight: Font.DemiBold
                }
            }
            Repeater {
                model: 3
                delegate: Label {
                    required property int index
                    Layout.row: index + 1; Layout.column: 1
                    text: Theme.fixed(Number(view.sandbox.dots[index]), 2); color: Theme.text; font.family: "monospace"
                }
            }
            Repeater {
                model: 3
                delegate: Label {
                    required property int index
                    Layout.row: index + 1; Layout.column: 2
                    text: Theme.fixed(Number(view.sandbox.scores[index]), 2); color: Theme.text; font.family: "monospace"
                }
            }
            Repeater {
                model: 3
                delegate: RowLayout {
                    required property int index
                    Layout.row: index + 1; Layout.column: 3
                    Layout.fillWidth: true
                    Rectangle {
                        Layout.preferredWidth: 160 * view.sandbox.weights[index] + 1
                        Layout.preferredHeight: 14
                        color: view.keyColors[index]
                    }
                    Label { text: Theme.fixed(Number(view.sandbox.weights[index]), 3); color: Theme.text; font.family: "monospace" }
                }
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            text: view.sandbox.scaled
                  ? qsTr("score = q·k × √(d/2) (how a d-dimensional dot product would grow) ÷ √d (√d ≈ %1): the two factors leave q·k / √2 whatever d, which is the point of dividing").arg(Theme.fixed(view.sandbox.divisor, 2))
                  : qsTr("score = q·k × √(d/2) (how a d-dimensional dot product would grow) ÷ 1 (no scaling): the scores grow with d")
        }
        RowLayout {
            Label { text: qsTr("pretend d ="); color: Theme.text }
            Slider {
                id: dimSlider
                from: 1; to: 10; stepSize: 1
                value: Math.round(Math.log(view.sandbox.dimension) / Math.LN2)
                onMoved: view.sandbox.dimension = Math.pow(2, value)
                Accessible.name: qsTr("Pretend dimension")
            }
            Label { text: view.sandbox.dimension; color: Theme.text; font.family: "monospace"; Layout.preferredWidth: 40 }
        }
        RowLayout {
            Switch {
                text: qsTr("divide by √d")
                Accessible.name: text
                checked: view.sandbox.scaled
                onToggled: view.sandbox.scaled = checked
                palette.windowText: Theme.text
                // The Basic style fills an on switch's track with palette.dark, which the app sets to a
                // pale grey for checked buttons; the accent makes "on" read as on.
                palette.dark: Theme.accent
            }
            FocusButton { text: qsTr("Reset vectors"); onClicked: view.sandbox.resetVectors() }
        }
    }
}
