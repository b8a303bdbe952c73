import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 3, heads: every head of a layer with its census label, how heads combine, and knock-outs.
StationScaffold {
    id: station
    stationId: "heads"
    // Every figure and the knock-out search; a lab that failed shows its message, and that counts.
    labsReady: (headsLab.heads.length > 0 || headsLab.error !== "") && !headsLab.busy
               && (!headsLab.valueWeighted || headsLab.valueWeightsReady || headsLab.error !== "")
               && (ablation.top.length > 0 || ablation.error !== "") && !ablation.busy
               && (splitLab.result.cell !== undefined || splitLab.error !== "") && !splitLab.busy
               && (patching.result.layers > 0 || patching.mismatch !== "" || patching.error !== "") && !patching.busy

    // Off screen, the labs stop and catch up when shown again.
    HeadsLab { id: headsLab; active: station.visible }
    AblationLab { id: ablation; active: station.visible }
    InductionCircuitLab { id: circuit; active: station.visible }
    KnownHeadsLab { id: knownHeads; active: station.visible }
    PatchingLab { id: patching; active: station.visible }
    ScoreSplitLab { id: splitLab; active: station.visible; layer: headsLab.layer }
    ModelFacts { id: facts }

    FigureSection {
        title: qsTr("All heads of one layer")
        summary: headsLab.description
        caption: qsTr("Each tile is one head's attention on the first %1 tokens of your text (rows: queries, columns: keys), labelled by the head census. The induction score comes from a fixed repeated random sequence, the same whatever your text. Click a tile for the focused view.").arg(ModelHub.tokenCap)
        HeadsGrid {
            id: grid
            Layout.fillWidth: true
            lab: headsLab
            veils: station.veils
            veilKey: "heads-grid"
            // The first-token share revealed: show its layer (the last), the head it names outlined.
            readonly property var shareAnswer: answers.find(a => a.kind === "number")
            onShareAnswerChanged: if (shareAnswer) headsLab.layer = Math.max(0, headsLab.layers - 1)
            markHead: shareAnswer ? shareAnswer.focusHead || "" : ""
        }
    }
    FigureSection {
        title: qsTr("Why a head attends where it does")
        summary: splitLab.description
        caption: qsTr("A head's score for a query and a key, q·k/√d, taken apart by what the residual stream on each side is made of: the token and position embeddings, each earlier head's and MLP's output, and fixed biases. Click a cell of the pattern; the bars sum the same terms over the whole pattern, for every head of the layer.")
        ScoreSplitView {
            Layout.fillWidth: true
            lab: splitLab
            censusLabels: headsLab.labels
            veils: station.veils
            veilKey: "score-split"
        }
    }
    FigureSection {
        title: qsTr("Many heads, one layer")
        summary: facts.multiHeadDescription
        caption: qsTr("Every head reads the whole residual stream vector of each token and projects it down to its own query, key and value; their outputs are concatenated and mixed by W_O (sizes of the loaded model).")
        MultiHeadDiagram { Layout.fillWidth: true }
    }
    FigureSection {
        title: qsTr("Knock heads out")
        summary: ablation.description
        caption: qsTr("A head knocked out has its output set to zero. The bars show the next-token prediction after the first %1 tokens of your text; KL measures how far the whole distribution moved, and the change in the top token's logit how much that token depended on the knocked-out heads, directly or through later layers.").arg(ModelHub.tokenCap)
        AblationView { Layout.fillWidth: true; lab: ablation; veils: station.veils; veilKey: "ablation" }
    }
    FigureSection {
        title: qsTr("Induction as a circuit")
        summary: circuit.description
        caption: qsTr("Two heads in different layers that can work together on a repeated passage. The first copies into each position what the token before it was. The second uses that to find the earlier place where the current token appeared, and looks at the token that came next there.")
        // Not veiled: it measures two heads on the learner's text written twice, which answers none
        // of the station's questions (they ask about census labels, the learner's own text, and
        // which knock-out moves the next-token prediction most).
        InductionCircuitView { Layout.fillWidth: true; lab: circuit }
    }
    FigureSection {
        title: qsTr("Patching: which heads carry the answer")
        summary: patching.description
        caption: qsTr("Two texts that differ in a word or two, so the answer differs. Each cell copies one part of the model's work on the clean text into its run on the corrupted text and shows how much of the clean answer comes back.")
        PatchingView { Layout.fillWidth: true; lab: patching; veils: station.veils; veilKey: "patch-grid" }
    }
    FigureSection {
        title: qsTr("GPT-2 small's known heads")
        summary: knownHeads.description
        caption: qsTr("Heads of GPT-2 small that published studies describe or that score high on a published test, and the role each was found to play.")
        // The published heads and roles are a clue to reason from; what each head does on the
        // learner's text (measured on GPT-2 small) waits for the which-head knock-out question.
        KnownHeadsPanel { Layout.fillWidth: true; lab: knownHeads; veils: station.veils; veilKey: "ablation" }
    }
}
