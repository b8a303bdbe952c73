import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 7, a head forms: a tiny GPT-2 trained from scratch on this computer, on random tokens with
// a span written twice, while the learner watches its loss, its heads' scores and their attention.
// The learner predicts first (which layer, smooth or a step, whether one layer is enough); the run
// itself answers when it has finished. Training starts only on the learner's click, after the
// predictions, so no figure shows anything before them.
StationScaffold {
    id: station
    stationId: "forming"
    // Nothing trains until the learner clicks, so the page as it opens (the predictions and the
    // empty figures) is the whole of it.
    labsReady: lab.state === "idle" || lab.snapshotCount > 0
    // It trains a model of its own: the loaded one (or none) changes nothing here.
    readsModel: false
    // Its three questions are cards of its own below, graded by the run.
    asksOwnExercises: true
    // It trains on its own random spans, never on the learner's text: no note about that text here.
    readonly property bool readsLearnerText: false

    TrainingLabController { id: lab }
    readonly property TrainingLabController trainer: lab   // for tests
    // Pause when the station leaves the screen; the learner resumes.
    onVisibleChanged: if (!visible) lab.pause()

    // The station's questions (exercises.json). The control's stays on show without the control:
    // its card says that it waits for a run with one.
    readonly property var questions: catalog ? catalog.exercises(stationId, catalog.language) : []
    // The learner's predictions ("" until chosen), asked before training.
    property var predictions: ({ layer: "", shape: "", control: "" })
    readonly property bool predicted: predictions.layer !== "" && predictions.shape !== ""
                                      && (predictions.control !== "" || !lab.withControl)
    property bool skipPredictions: false
    // The reading's part that describes what such a run does (and so answers the questions) opens
    // once the learner has predicted, chosen to train without predicting, or started training.
    readonly property bool proseUnveiled: predicted || skipPredictions || lab.state !== "idle"
    // The snapshot on show: follows the newest one unless the learner has scrubbed back.
    property int shownIndex: -1
    readonly property int shownSnapshot: lab.snapshotCount === 0 ? -1
                                         : (shownIndex < 0 || shownIndex >= lab.snapshotCount ? lab.snapshotCount - 1 : shownIndex)
    readonly property var snapshot: shownSnapshot >= 0 ? lab.snapshot(shownSnapshot) : ({})
    readonly property int markedStep: snapshot.step !== undefined ? snapshot.step : -1

    function choose(key, value) {
        const p = Object.assign({}, predictions)
        p[key] = value
        predictions = p
    }

    FigureSection {
        title: lab.state === "finished" ? qsTr("Your predictions, and what the run did")
                                        : qsTr("Predict before you train")
        summary: lab.progressDescription
        caption: lab.state === "finished"
                 ? qsTr("Answered from this run's own records.")
                 : qsTr("A 2-layer model with %1 heads a layer will train on random tokens in which a span is written twice. Choose an answer to each question, then train.").arg(lab.headsPerLayer)
        // The three questions are the station's exercises (lessons/07-forming/exercises.json,
        // "compute": "training_run"): their texts come from the lesson in the learner's
        // language, their answers from this run. A question counts as answered in the progress
        // file once the run has graded it, so the course map shows the station as done only then.
        Repeater {
            model: station.questions
            delegate: ColumnLayout {
                id: question
                required property var modelData
                required property int index
                Layout.topMargin: index > 0 ? Theme.spacingS : 0
                readonly property string key: modelData.params ? modelData.params.answer : ""
                readonly property string chosen: station.predictions[key] || ""
                readonly property string answer: {
                    if (!lab.answersReady) return ""
                    const a = lab.answers
                    if (key === "layer") return a.inductionFormed ? String(a.inductionLayer) : "none"
                    if (key === "shape") return a.lossShape
                    return a.controlForms || ""
                }
                readonly property string detail: {
                    if (answer === "") return ""
                    const a = lab.answers
                    if (key === "layer")
                        return a.inductionFormed
                            ? qsTr("The strongest induction head is layer %1 head %2, score %3.")
                                .arg(a.inductionLayer).arg(a.inductionHead).arg(Theme.fixed(Number(a.inductionScore), 2))
                            : qsTr("No head reached an induction score of 0.3 in this run (the highest was %1), so there is no induction head to place. A longer run may form one.")
                                .arg(Theme.fixed(Number(a.inductionScore), 2))
                    if (key === "shape")
                        return a.phaseChangeStep >= 0
                            ? qsTr("The in-context loss fell below half the other loss at step %1 and stayed there: a step.").arg(a.phaseChangeStep)
                            : qsTr("The in-context loss never fell below half the other loss: no step in this run.")
                    return qsTr("The one-layer model's best induction score in any snapshot was %1.").arg(Theme.fixed(Number(a.controlBestInduction), 2))
                }
                readonly property bool graded: answer !== "" && answer !== "none" && chosen !== ""
                // The learner's prediction from an earlier visit, from the progress file: the run
                // that graded it ended when the station was left. Only the prediction, never that
                // run's answer or verdict: the question waits for a prediction again, and training
                // is seeded, so the earlier answer would be this run's answer too.
                property var earlier: ({})
                function readEarlier() { earlier = ProgressStore.answer(station.stationId, modelData.id) }
                function optionLabel(value) {
                    const o = (modelData.options || []).find(o => o.value === value)
                    return o ? o.label : value
                }
                Component.onCompleted: readEarlier()
                Connections { target: ProgressStore; function onChanged() { question.readEarlier() } }
                // The learner's record, as for the other stations' exercises.
                onGradedChanged: if (graded)
                                     ProgressStore.recordAnswer(station.stationId, modelData.id,
                                                                chosen, answer, chosen === answer)
                Layout.fillWidth: true
                spacing: 2
                Label { text: question.modelData.prompt; color: Theme.text; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                // Until the run has graded it, the card says what its answer waits for.
                Label {
                    objectName: "waits-" + question.key
                    visible: !question.graded && question.detail === ""
                    text: question.modelData.intro || ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "earlier-" + question.key
                    visible: !question.graded && question.earlier.prediction !== undefined
                    text: question.earlier.prediction === undefined ? ""
                          : qsTr("Last time you predicted “%1”. The answer shows again when a run answers this question.")
                              .arg(question.optionLabel(question.earlier.prediction))
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    spacing: Theme.spacingS
                    // The choice is open until training starts; then it is stated.
                    Repeater {
                        model: lab.state === "idle" ? question.modelData.options : []
                        delegate: Button {
                            required property var modelData
                            text: modelData.label
                            checkable: true
                            checked: question.chosen === modelData.value
                            onClicked: station.choose(question.key, modelData.value)
                        }
                    }
                    Label {
                        visible: lab.state !== "idle"
                        text: {
                            const o = question.modelData.options.find(o => o.value === question.chosen)
                            return o ? qsTr("You predicted: %1").arg(o.label) : qsTr("No prediction")
                        }
                        color: Theme.text
                        font.weight: Font.DemiBold
                    }
                    Label {
                        objectName: "verdict-" + question.key
                        visible: question.graded
                        text: question.chosen === question.answer ? qsTr("✓ Right.") : qsTr("✗ Not this time.")
                        color: question.chosen === question.answer ? Theme.good : Theme.warning
                        font.weight: Font.DemiBold
                    }
                }
                Label {
                    visible: question.answer !== ""
                    text: question.detail
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "explain-" + question.key
                    visible: question.graded
                    text: question.modelData.explain || ""
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
        }
    }

    FigureSection {
        title: qsTr("Train")
        summary: lab.progressDescription
        caption: qsTr("Seed %1, %2 steps of 16 sequences. Training uses one core; on a busy computer it goes slower.").arg(lab.seed).arg(lab.totalSteps)
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Button {
                objectName: "trainButton"
                text: lab.state === "paused" ? qsTr("Resume") : lab.state === "running" ? qsTr("Pause") : qsTr("Train")
                enabled: lab.state !== "finished" && (station.predicted || station.skipPredictions || lab.state !== "idle")
                onClicked: lab.state === "running" ? lab.pause() : lab.start()
            }
            Button {
                objectName: "resetButton"
                text: qsTr("Reset")
                enabled: lab.state !== "idle"
                onClicked: { station.shownIndex = -1; lab.reset() }
            }
            CheckBox {
                text: qsTr("Train a one-layer model alongside")
                checked: lab.withControl
                enabled: lab.state === "idle"
                onToggled: lab.withControl = checked
            }
            Item { Layout.fillWidth: true }
            Label {
                text: lab.state === "running" ? qsTr("%1 steps/s").arg(Theme.fixed(lab.stepsPerSecond, 1))
                      : lab.state === "paused" ? qsTr("paused") : lab.state === "finished" ? qsTr("done") : ""
                color: Theme.textMuted
            }
        }
        Label {
            visible: lab.state === "idle" && !station.predicted
            text: station.skipPredictions ? qsTr("Training without predictions.")
                                          : qsTr("Answer the questions above to train, or <a href=\"skip\">train without predicting</a>.")
            textFormat: Text.StyledText
            color: Theme.textMuted
            linkColor: Theme.accent
            onLinkActivated: station.skipPredictions = true
        }
        ProgressBar {
            Layout.fillWidth: true
            from: 0; to: 1
            value: lab.progress
        }
        Label {
            text: qsTr("Step %1 of %2 · %3 s of training").arg(lab.stepsDone).arg(lab.totalSteps).arg(Theme.fixed(lab.seconds, 0))
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
        Label {
            visible: lab.error !== ""
            text: lab.error
            color: Theme.warning
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    FigureSection {
        title: qsTr("Loss")
        summary: lab.lossDescription
        caption: qsTr("The in-context loss is the loss on tokens of a span's second copy, after its first token: only a model that looks back can predict them.")
        TrainingLossChart { lab: lab; markedStep: station.markedStep; Layout.fillWidth: true }
    }

    FigureSection {
        title: qsTr("Heads over time")
        summary: lab.headsDescription
        caption: qsTr("Each head's previous-token score (weight on the token just before) and induction score (weight, in the repeat, on the token after the earlier copy of the current one), measured every %1 steps.").arg(25)
        HeadScoreCharts {
            Layout.fillWidth: true
            history: lab.scoreHistory
            totalSteps: lab.totalSteps
            headsPerLayer: lab.headsPerLayer
            markedStep: station.markedStep
        }
        HeadScoreCharts {
            Layout.fillWidth: true
            visible: lab.withControl && lab.controlScoreHistory.length > 0
            history: lab.controlScoreHistory
            totalSteps: lab.totalSteps
            headsPerLayer: lab.headsPerLayer
            markedStep: station.markedStep
            prefix: qsTr("one-layer model, ")
        }
    }

    FigureSection {
        title: qsTr("Attention on a repeated sequence")
        summary: lab.snapshotDescription(station.shownSnapshot)
        caption: qsTr("%1 random tokens, then the same tokens again. Drag the slider back through the saved snapshots.").arg(Math.floor((lab.probeLength - 1) / 2))
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Slider {
                id: slider
                Layout.fillWidth: true
                from: 0
                to: Math.max(0, lab.snapshotCount - 1)
                stepSize: 1
                snapMode: Slider.SnapAlways
                enabled: lab.snapshotCount > 1
                value: station.shownSnapshot < 0 ? 0 : station.shownSnapshot
                onMoved: station.shownIndex = (value >= lab.snapshotCount - 1) ? -1 : value
                Accessible.name: qsTr("Snapshot")
            }
            Label {
                text: station.markedStep >= 0 ? qsTr("step %1").arg(station.markedStep) : qsTr("no snapshot yet")
                color: Theme.text
            }
        }
        SnapshotHeatmaps {
            objectName: "snapshotHeatmaps"
            Layout.fillWidth: true
            snapshot: station.snapshot
            headsPerLayer: lab.headsPerLayer
        }
        // The one-layer model at the same step (it trains step for step alongside).
        SnapshotHeatmaps {
            Layout.fillWidth: true
            visible: lab.withControl && snapshot.heads !== undefined
            snapshot: lab.withControl && station.shownSnapshot >= 0 ? lab.controlSnapshot(station.shownSnapshot) : ({})
            headsPerLayer: lab.headsPerLayer
            prefix: qsTr("one-layer model, ")
        }
    }
}
