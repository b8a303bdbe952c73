import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Induction as a circuit (InductionCircuitLab): the learner's text written twice; the earlier
// layer's previous-token head and the later induction head side by side; then the induction head
// again with the previous-token head knocked out, against a control (each other head of that
// layer knocked out instead).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property InductionCircuitLab lab: InductionCircuitLab { id: ownLab; active: view.lab === ownLab }
    // The lab's result, read once per change (every read of a C++ map copies it into JS).
    readonly property var result: lab.result
    readonly property bool ready: view.result.size > 0
    readonly property real drop: view.result.inductionScore - view.result.inductionScoreWithoutPrev
    readonly property real controlDrop: view.result.inductionScore - view.result.controlMean
    spacing: Theme.spacingS

    component Pattern: ColumnLayout {
        property string title
        property string subtitle
        property var values: []
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.alignment: Qt.AlignTop // the three maps line up whatever their captions' lengths
        spacing: 3
        Label { text: parent.title; color: Theme.text; font.weight: Font.DemiBold; Layout.fillWidth: true; wrapMode: Text.WordWrap }
        HeatmapItem {
            Layout.fillWidth: true
            Layout.preferredHeight: width
            Layout.maximumWidth: 320
            rows: view.result.size
            columns: view.result.size
            values: parent.values
            maxValue: 1
            colorMap: HeatmapItem.Viridis
            maskColor: Theme.mask
        }
        Label { text: parent.subtitle; color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.fillWidth: true; wrapMode: Text.WordWrap }
    }

    Label {
        visible: !view.ready
        text: view.lab.error !== "" ? view.lab.error : qsTr("Writing your text twice and looking for the two heads…")
        color: view.lab.error !== "" ? Theme.warning : Theme.textMuted
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
    }
    RowLayout {
        visible: view.ready
        Layout.fillWidth: true
        spacing: Theme.spacing
        Pattern {
            title: qsTr("Previous-token head %1").arg(view.result.prevHead)
            subtitle: qsTr("score %1: the share of weight each token puts on the token just before it").arg(Theme.fixed(view.result.prevScore, 2))
            values: view.result.prevPattern
        }
        Pattern {
            // The census's label reads a fixed probe, not this text: comparing this score with the
            // census's 0.3 would mix two measures, so the title names only what it measures here.
            title: qsTr("Head %1, the most induction-like on your text written twice").arg(view.result.inductionHead)
            subtitle: qsTr("score %1 on your text written twice (the raw share, first position kept): how much weight, on average, each token of the second copy puts on the token after its earlier copy (a diagonal line in the lower-left part, one less than a copy's length to the left of the main diagonal). The grid above scores heads on a fixed probe instead, random tokens written twice, and its label needs 0.3 or more there: the same share on another sequence, so the two numbers differ.").arg(Theme.fixed(view.result.inductionScore, 2))
            values: view.result.inductionPattern
        }
        Pattern {
            title: qsTr("%1 with %2 knocked out").arg(view.result.inductionHead).arg(view.result.prevHead)
            subtitle: qsTr("score %1").arg(Theme.fixed(view.result.inductionScoreWithoutPrev, 2))
            values: view.result.inductionPatternWithoutPrev
        }
    }
    Label {
        visible: view.ready
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        text: qsTr("The first %1 tokens of your text, written twice (%2 tokens in all, with the end-of-text token first where the model has one). Knocking out %3 moves the induction score of %4 from %5 to %6; knocking out each of the other %7 heads of layer %8 instead leaves it at %9 on average.")
              .arg(Math.round((view.result.size - 1) / 2)).arg(view.result.size).arg(view.result.prevHead).arg(view.result.inductionHead)
              .arg(Theme.fixed(view.result.inductionScore, 2)).arg(Theme.fixed(view.result.inductionScoreWithoutPrev, 2))
              .arg(view.result.controlCount).arg(view.result.prevHead.split(".")[0]).arg(Theme.fixed(view.result.controlMean, 2))
              + " " + (view.drop > 0.05 && view.drop > 2 * Math.max(0, view.controlDrop)
                       ? qsTr("So the attention of %1 depends on what %2 writes, directly or through the layers between them. This fits the circuit Elhage et al. (2021) describe in small attention-only models, where the induction head's keys read the previous-token head's output (K-composition); this knock-out alone cannot tell whether keys or queries are affected, or whether the link is direct.").arg(view.result.inductionHead).arg(view.result.prevHead)
                       : qsTr("This knock-out does not single out %2: either %1 barely changes, or knocking out the other heads of layer %3 changes it about as much. Other heads may carry the same information, %1 may read it from a head other than the strongest previous-token head, or it may find its stripe another way.").arg(view.result.inductionHead).arg(view.result.prevHead).arg(view.result.prevHead.split(".")[0]))
    }
}
