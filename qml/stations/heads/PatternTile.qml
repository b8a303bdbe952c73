import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// One head's attention pattern as a small heat map with its census label and score. Clickable.
Rectangle {
    id: tile
    property var head: ({})          // an entry of HeadsLab.heads
    property bool selected: false
    property bool marked: false      // outlined: part of an exercise's answer
    // While an exercise asks about the census labels, the tile shows its pattern only: no label,
    // no score. (The grid hands in the pattern with an asked-about row blanked out.)
    property bool labelHidden: false
    property var values: head.pattern || []
    signal clicked()
    implicitWidth: 150
    implicitHeight: col.implicitHeight + 12
    radius: 6
    color: selected ? Theme.accentSoft : Theme.surface
    border.color: selected || marked ? Theme.accent : Theme.border
    border.width: selected || marked ? 2.5 : 1
    Accessible.role: Accessible.Button
    Accessible.name: labelHidden ? qsTr("Head %1").arg(head.head) : qsTr("Head %1, %2").arg(head.head).arg(head.labelText || "")

    ColumnLayout {
        id: col
        anchors.fill: parent
        anchors.margins: 6
        spacing: 3
        HeatmapItem {
            Layout.fillWidth: true
            Layout.preferredHeight: width
            rows: tile.head.size || 0
            columns: tile.head.size || 0
            values: tile.values
            maxValue: 1
            colorMap: HeatmapItem.Viridis // the lens's colours: the same weight looks the same everywhere
        }
        Label {
            text: tile.labelHidden ? qsTr("head %1").arg(tile.head.head) : qsTr("head %1 · %2").arg(tile.head.head).arg(tile.head.labelText || "")
            color: Theme.text
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
            // Labels such as "previous-token" are longer than a small tile is wide, and German ones
            // ("vorheriges Token") longer still: wrap, never cut.
            wrapMode: Text.Wrap
            maximumLineCount: 3
            Layout.fillWidth: true
        }
        Label {
            visible: !tile.labelHidden
            text: tile.labelHidden ? "" : (tile.head.scoreName || "") + " " + Theme.fixed(Number(tile.head.score || 0), 2)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            maximumLineCount: 3
            Layout.fillWidth: true
        }
    }
    MouseArea { anchors.fill: parent; onClicked: tile.clicked(); cursorShape: Qt.PointingHandCursor }
}
