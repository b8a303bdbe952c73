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
        caption: qsTr("Six candidate scores. Low temperature: the top score takes almost everything. High temperature: the bars even out.")
        veils: station.veils
        captionVeil: "softmax"
        veiledCaption: qsTr("Six candidate scores and their softmax at the temperature you set.")
        // The six scores are not the text's, so the chart stays to reason with while the question
        // about the text's top token waits; what it would tell is its trend, which the caption
        // states (captionVeil): that part is what "softmax" hides.
        SoftmaxBars { Layout.fillWidth: true; lab: lab }
        Item {
            objectName: "veil:softmax"
            readonly property bool veiled: station.veils.hides("softmax")
            visible: false
        }
    }
    FigureSection {
        title: qsTr("Your text's next token")
        summary: lab.samplingDescription
        caption: qsTr("After the first %1 tokens of your text: the same temperature, plus top-k and top-p filters; the seed makes a generation repeatable.").arg(ModelHub.tokenCap)
        Veiled {
            id: samplingVeil
            Layout.fillWidth: true
            veils: station.veils
            key: "sampling"
            SamplingView { lab: lab; answers: samplingVeil.answers }
        }
    }
    FigureSection {
        title: qsTr("What if one head had a temperature?")
        summary: lab.headDescription
        caption: qsTr("The head's scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.").arg(ModelHub.tokenCap)
        HeadTemperatureView { lab: lab; Layout.fillWidth: true }
    }
}
