import QtQuick
import QtQuick.Controls
import AttentionLens

// A part of a figure that can give an exercise's answer away. Wrap it in a Veiled with the part's
// key: while an open exercise lists that key in its `veils`, the content is hidden (not just
// covered, so nothing in it can be read, hovered or copied) and a note takes its place at the
// same size. After the commit the content is back and `answers` holds the exercise's answer, so
// the figure can highlight the cell, bar or head it names. (`answers`: the committed exercises' answer
// maps, in the order of exercises.json.)
Item {
    id: veiled
    property AnswerVeils veils: null
    property string key
    default property Item content
    // False where what the part shows is not what the question asks about (another text, say): then
    // it stays open to explore while the question waits.
    property bool applies: true
    readonly property bool veiled: applies && veils !== null && veils.hides(key)
    readonly property var answers: veils !== null ? veils.answersFor(key) : []
    // The question sits in the figure's frame, above its parts (ExerciseList places it there).
    property string note: qsTr("Hidden until you commit your prediction above")
    objectName: "veil:" + key

    implicitWidth: Math.max(content ? content.implicitWidth : 0, veiled ? noteLabel.implicitWidth + 24 : 0)
    implicitHeight: Math.max(content ? content.implicitHeight : 0, veiled ? noteLabel.implicitHeight + 16 : 0)

    onContentChanged: {
        if (!content)
            return
        content.parent = holder
        content.width = Qt.binding(() => holder.width)
        content.height = Qt.binding(() => Math.max(content.implicitHeight, holder.height))
    }

    Item {
        id: holder
        anchors.fill: parent
        visible: !veiled.veiled
    }
    Rectangle {
        id: cover
        objectName: "veilNote"
        anchors.fill: parent
        visible: veiled.veiled
        radius: Theme.radius
        color: Theme.surfaceAlt
        border.color: Theme.border
        Accessible.role: Accessible.StaticText
        Accessible.name: noteLabel.text
        Label {
            id: noteLabel
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width - 16)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: veiled.note
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
    }
}
