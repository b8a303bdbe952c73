import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 7, a head forms: a tiny GPT-2 trained from scratch on this computer, on random tokens with
// a span written twice, while the learner watches its loss, its heads' scores and their attention.
// The learner predicts first (which layer, gradually or in a step, whether one layer is enough,
// whether shorter spans form an induction head); the runs themselves answer when they have
// finished. Training starts only on the learner's click, after the predictions, so no figure shows
// anything before them.
StationScaffold {
    id: station
    stationId: "forming"
    // Nothing trains until the learner clicks, so the page as it opens (the predictions and the
    // empty figures) is the whole of it.
    labsReady: revealRun ? lab.state === "finished" : (lab.state === "idle" || lab.snapshotCount > 0)
    // --screenshot --reveal shows a page as it is after predicting, which here is after the run:
    // the first option of each question, then training; the figures count as shown once it ends.
    readonly property bool revealRun: AppState.screenshotMode && AppState.revealMode
    Timer {
        running: station.revealRun && station.visible && lab.state === "idle" && station.questions.length > 0
        interval: 200
        onTriggered: {
            for (const q of station.questions)
                if (q.params && q.options && q.options.length > 0)
                    station.choose(q.params.answer, q.options[0].value)
            lab.start()
        }
    }
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

    // The station's questions (exercises.json). The control's and the contrasting run's stay on
    // show without those models: their cards say that they wait for a run with one.
    readonly property var questions: catalog ? catalog.exercises(stationId, catalog.language) : []
    // The learner's predictions ("" until chosen), asked before training.
    property var predictions: ({ layer: "", shape: "", control: "", contrast: "" })
    readonly property bool predicted: predictions.layer !== "" && predictions.shape !== ""
                                      && (predictions.control !== "" || !lab.withControl)
                                      && (predictions.contrast !== "" || !lab.withContrast)
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
                    if (key === "contrast") return a.contrastForms || ""
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
                    if (key === "shape") {
                        const p = a.phaseChange
                        return p.step
                            ? qsTr("Between steps %1 and %2 the in-context loss fell %3 nats further below the other loss: %4% of the %5 nats by which the gap between them grew over the whole run. A step.")
                                .arg(p.from).arg(p.to).arg(Theme.fixed(p.rise, 2)).arg(Math.round(100 * p.rise / p.opening)).arg(Theme.fixed(p.opening, 2))
                            : qsTr("Within any %1 steps the gap between the two losses grew by at most %2 nats; over the whole run it grew by %3 nats. Gradual.")
                                .arg(p.window).arg(Theme.fixed(p.rise, 2)).arg(Theme.fixed(p.opening, 2))
                    }
                    if (key === "contrast")
                        return qsTr("The short-span model's best induction score in any snapshot was %1.").arg(Theme.fixed(Number(a.contrastBestInduction), 2))
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
                 + (lab.withContrast ? " " + qsTr("The short-span model trains after the main run, for as many steps.") : "")
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
            Item { Layout.fillWidth: true }
            Label {
                text: lab.state === "running" ? qsTr("%1 steps/s").arg(Theme.fixed(lab.stepsPerSecond, 1))
                      : lab.state === "paused" ? qsTr("paused") : lab.state === "finished" ? qsTr("done") : ""
                color: Theme.textMuted
            }
        }
        // The models that train besides the main one, on a row of their own: their names are long in
        // some languages, and a Flow wraps them instead of pushing past the frame.
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            CheckBox {
                text: qsTr("Train a one-layer model alongside")
                checked: lab.withControl
                enabled: lab.state === "idle"
                onToggled: lab.withControl = checked
            }
            CheckBox {
                objectName: "contrastBox"
                text: qsTr("Then train on short spans")
                checked: lab.withContrast
                enabled: lab.state === "idle"
                onToggled: lab.withContrast = checked
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
        // The short-span run's own progress: it trains once the main run has finished.
        ProgressBar {
            visible: lab.withContrast
            Layout.fillWidth: true
            from: 0; to: 1
            value: lab.totalSteps > 0 ? lab.contrastStepsDone / lab.totalSteps : 0
        }
        Label {
            visible: lab.withContrast
            text: qsTr("Short spans: step %1 of %2").arg(lab.contrastStepsDone).arg(lab.totalSteps)
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
        caption: qsTr("The in-context loss is the loss on tokens of a span's second copy, after its first token: only a model that looks back can predict them. A shaded band appears only where the gap between the two losses opened in a step: it marks the stretch of at most %1 steps in which the gap grew the most, when it grew there by at least 1 nat and by at least half of its growth over the whole run.").arg(lab.phaseChange.window || 0)
        TrainingLossChart {
            Layout.fillWidth: true
            curve: lab.curve
            controlCurve: lab.controlCurve
            showControl: lab.withControl
            phaseChange: lab.phaseChange
            totalSteps: lab.totalSteps
            markedStep: station.markedStep
        }
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

    // The contrasting run: the same two-layer model and steps, with shorter repeated spans. It
    // trains after the main run (and the control), in the same job.
    FigureSection {
        objectName: "contrastSection"
        visible: lab.withContrast
        title: qsTr("The same model on short spans")
        summary: lab.contrastDescription
        caption: qsTr("The repeated span is %1 to %2 tokens long instead of %3 to %4, so fewer targets can be predicted only by looking back. Everything else is as in the main run. It trains once the main run has finished.")
                 .arg(lab.contrastMinSpan).arg(lab.contrastMaxSpan).arg(lab.minSpan).arg(lab.maxSpan)
        TrainingLossChart {
            Layout.fillWidth: true
            curve: lab.contrastCurve
            phaseChange: lab.contrastPhaseChange
            totalSteps: lab.totalSteps
        }
        HeadScoreCharts {
            Layout.fillWidth: true
            visible: lab.contrastScoreHistory.length > 0
            history: lab.contrastScoreHistory
            totalSteps: lab.totalSteps
            headsPerLayer: lab.headsPerLayer
            prefix: qsTr("short spans, ")
        }
    }
}
