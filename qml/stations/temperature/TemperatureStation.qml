import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 5, temperature: six candidates' softmax, the learner's next token with temperature,
// top-k, top-p and a seeded generation, the attention of that generation step by step, and a
// what-if temperature inside one head.
StationScaffold {
    id: station
    stationId: "temperature"
    // The prediction and the head what-if.
    // A lab that failed (a model whose context is too short for the text, say) is finished too: its
    // reason is shown on the figure instead.
    labsReady: ((lab.ready && lab.distribution.length > 0) || lab.error !== "") && !lab.busy
               && (writing.done || writing.error !== "") && !writing.busy

    TemperatureLab { id: lab; active: station.visible }
    // Writes the same tokens as the sampling figure (it follows its settings), or the case a
    // revealed question about the writing asked about.
    GenerationLab {
        id: writing
        readonly property var pinned: writingView.pinned
        active: station.visible
        temperature: pinned ? (pinned.temperature ?? 1) : lab.temperature
        topK: pinned ? 0 : lab.topK
        topP: pinned ? 1 : lab.topP
        seed: pinned ? (pinned.seed ?? 42) : lab.seed
        count: pinned ? (pinned.count ?? 8) : lab.generateCount
        // The worked example's texts: the station's presets (the lab skips the learner's own).
        exampleTexts: station.catalog ? (station.catalog.station(station.stationId).presets || []).map(p => p.text) : []
    }

    FigureSection {
        title: qsTr("Softmax with a temperature")
        summary: lab.softmaxDescription
        caption: qsTr("Six candidate scores, not your text's. Lower the temperature and the top score takes more, almost everything near 0; raise it and the bars even out.")
        // The six scores are not the text's: the chart and its trend are there to reason with
        // while a question about the text's next token waits at the figure below.
        SoftmaxBars { Layout.fillWidth: true; lab: lab }
    }
    FigureSection {
        title: qsTr("Your text's next token")
        summary: lab.samplingDescription
        caption: qsTr("After the first %1 tokens of your text: the same temperature, plus top-k and top-p filters; the seed makes a generation repeatable.").arg(ModelHub.tokenCap)
        // The filters stay to set while a question waits; what they give is veiled inside.
        SamplingView { lab: lab; veils: station.veils; Layout.fillWidth: true }
        Label { visible: lab.error !== ""; text: lab.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
    }
    FigureSection {
        title: qsTr("Attention while the model writes")
        summary: writing.description
        // While a question about the writing waits, and after its reveal, the figure shows the
        // question's own case (GenerationView.pinned), not the sampling figure's generation.
        caption: writingView.pinned !== null
                 ? qsTr("Showing the question's generation (seed %1, temperature %2), not the one above, one token at a time: each written token is read with the keys and values kept from every token before it, so only its own row is new. Go back through the steps with the slider.")
                   .arg(writingView.pinned.seed).arg(Theme.fixed(writingView.pinned.temperature, 1))
                 : qsTr("The generation above, one token at a time: each written token is read with the keys and values kept from every token before it, so only its own row is new. Go back through the steps with the slider.")
        lead: WrittenShareExample { lab: writing; Layout.fillWidth: true }
        GenerationView { id: writingView; lab: writing; veils: station.veils; Layout.fillWidth: true }
        Label { visible: writing.error !== ""; text: writing.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
    }
    FigureSection {
        title: qsTr("What if one head had a temperature?")
        summary: lab.headDescription
        caption: qsTr("The head's scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.").arg(ModelHub.tokenCap)
        HeadTemperatureView { lab: lab; Layout.fillWidth: true }
    }
}
