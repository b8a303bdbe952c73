import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 5, temperature: six candidates' softmax, the learner's next token with temperature,
// top-k, top-p and a seeded generation, and a what-if temperature inside one head.
StationScaffold {
    id: station
    stationId: "temperature"
    // The prediction and the head what-if.
    labsReady: lab.ready && lab.distribution.length > 0 && !lab.busy

    TemperatureLab { id: lab; active: station.visible }

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
    }
    FigureSection {
        title: qsTr("What if one head had a temperature?")
        summary: lab.headDescription
        caption: qsTr("The head's scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.").arg(ModelHub.tokenCap)
        HeadTemperatureView { lab: lab; Layout.fillWidth: true }
    }
}
