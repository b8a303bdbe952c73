import QtQuick
import QtQuick.Controls
import QtTest
import AttentionLens

// Station 7's page: its questions are the lesson's exercises, each card saying that its answer
// waits for the run; training waits for the learner's predictions (or an explicit skip), a short
// run fills the figures, the finished run grades the predictions from its own answers (and the
// station counts as done only when all three are graded), and Reset empties the figures again.
Item {
    id: root
    width: 1000; height: 1400

    LessonCatalog { id: lessons }
    Component { id: stationC; FormingStation { anchors.fill: parent; catalog: lessons } }

    TestCase {
        name: "FormingStation"
        when: windowShown

        // Back at the station after a graded run: each question shows the learner's earlier
        // prediction from the progress file, in the lesson's words for the options, and never that
        // run's answer or verdict (the question waits for a prediction again); a question never
        // graded shows none.
        function test_earlierAnswersShownOnReturn() {
            ProgressStore.reset()
            ProgressStore.recordAnswer("forming", "forming-layer", "1", "1", true)
            ProgressStore.recordAnswer("forming", "forming-shape", "smooth", "step", false)
            const station = createTemporaryObject(stationC, root)
            verify(station)
            const defs = lessons.exercises("forming")
            const label = (i, value) => defs[i].options.find(o => o.value === value).label
            const layer = findChild(station, "earlier-layer")
            verify(layer)
            verify(layer.visible)
            verify(layer.text.indexOf(label(0, "1")) >= 0, layer.text)
            verify(layer.text.indexOf("Right") < 0 && layer.text.indexOf("✓") < 0, layer.text)
            const shape = findChild(station, "earlier-shape")
            verify(shape.visible)
            verify(shape.text.indexOf(label(1, "smooth")) >= 0, shape.text)
            verify(shape.text.indexOf(label(1, "step")) < 0 && shape.text.indexOf("✗") < 0, shape.text)
            compare(findChild(station, "earlier-control").visible, false)
            // A reset of the progress clears them at once.
            ProgressStore.reset()
            compare(layer.visible, false)
            compare(shape.visible, false)
        }

        function test_predictThenTrain() {
            ProgressStore.reset()
            const station = createTemporaryObject(stationC, root)
            verify(station)
            const lab = station.trainer
            verify(lab)
            verify(station.figuresReady)   // nothing to wait for before training
            // The questions come from exercises.json; each card says what its answer waits for.
            const defs = lessons.exercises("forming")
            compare(defs.length, 4)
            compare(station.questions.length, 4)
            compare(defs.map(d => d.id).join(","), "forming-layer,forming-shape,forming-control,forming-contrast")
            for (const key of ["layer", "shape", "control", "contrast"]) {
                const waits = findChild(station, "waits-" + key)
                verify(waits)
                verify(waits.visible)
                verify(waits.text.indexOf("run") >= 0)
                compare(findChild(station, "verdict-" + key).visible, false)
                compare(findChild(station, "explain-" + key).visible, false)
            }
            lab.totalSteps = 50
            lab.withControl = false
            const train = findChild(station, "trainButton")
            verify(train)
            compare(train.enabled, false)  // the predictions come first
            compare(station.proseUnveiled, false) // the reading's answers wait for them too
            station.choose("layer", "1")
            compare(train.enabled, false)
            compare(station.proseUnveiled, false)
            station.choose("shape", "smooth")
            // The contrasting run trains by default: its question is asked too.
            verify(lab.withContrast)
            verify(findChild(station, "contrastSection").visible)
            compare(train.enabled, false)
            compare(station.proseUnveiled, false)
            lab.withContrast = false
            verify(!findChild(station, "contrastSection").visible)
            compare(train.enabled, true)   // the control's and the contrast's questions are not asked without them
            compare(station.proseUnveiled, true)
            train.clicked()
            compare(lab.state, "running")
            tryVerify(() => lab.state === "finished", 120000)
            compare(lab.snapshotCount, 2)

            // The heat maps show the newest snapshot: one per head, probe-sized.
            const maps = findChild(station, "snapshotHeatmaps")
            verify(maps)
            compare(maps.snapshot.step, 50)
            compare(maps.snapshot.heads.length, lab.layers * lab.headsPerLayer)
            compare(maps.snapshot.heads[0].attention.length, lab.probeLength * lab.probeLength)

            // Graded from the run's own answers.
            const a = lab.answers
            const layerVerdict = findChild(station, "verdict-layer")
            // 50 steps form no induction head: the layer question is not graded then.
            compare(a.inductionFormed, a.inductionScore >= 0.3)
            compare(a.inductionFormed, false)
            compare(layerVerdict.visible, false)
            const shapeVerdict = findChild(station, "verdict-shape")
            verify(shapeVerdict.visible)
            compare(shapeVerdict.text.indexOf("Right") >= 0, a.lossShape === "smooth")
            // 50 steps open no gap between the losses: gradual, by the rule the card states.
            compare(a.lossShape, "smooth")
            compare(a.phaseChange.step, false)
            compare(a.phaseChange.window, 25)   // an eighth of 50 steps is less than a record's 25
            verify(findChild(station, "explain-shape").visible)
            compare(findChild(station, "waits-shape").visible, false)
            // Recorded like the other stations' exercises.
            const record = ProgressStore.answer("forming", "forming-shape")
            compare(record.prediction, "smooth")
            compare(record.correct, a.lossShape === "smooth")
            // Ungraded: the layer (no induction head formed) and the control (none trained), whose
            // card still says it waits for a run with the one-layer model.
            compare(Object.keys(ProgressStore.answer("forming", "forming-layer")).length, 0)
            compare(Object.keys(ProgressStore.answer("forming", "forming-control")).length, 0)
            compare(Object.keys(ProgressStore.answer("forming", "forming-contrast")).length, 0)
            verify(findChild(station, "waits-control").visible)
            verify(findChild(station, "waits-contrast").visible)
            // So the station is not done: one of its four exercises is answered.
            verify(ProgressStore.stationProgress("forming", defs.length) < 0.999)
            ProgressStore.recordAnswer("forming", "forming-layer", "1", "1", true)
            ProgressStore.recordAnswer("forming", "forming-control", "no", "no", true)
            verify(ProgressStore.stationProgress("forming", defs.length) < 0.999)
            ProgressStore.recordAnswer("forming", "forming-contrast", "no", "no", true)
            compare(ProgressStore.stationProgress("forming", defs.length), 1)
            ProgressStore.reset()

            findChild(station, "resetButton").clicked()
            compare(lab.state, "idle")
            compare(lab.snapshotCount, 0)
            compare(shapeVerdict.visible, false)
        }

        // The contrasting run's question: asked before training, graded once the short-span
        // model has trained after the main one, from its best induction score in any snapshot.
        function test_contrastGradedByItsRun() {
            ProgressStore.reset()
            const station = createTemporaryObject(stationC, root)
            const lab = station.trainer
            lab.totalSteps = 50
            lab.withControl = false
            station.choose("layer", "1")
            station.choose("shape", "step")
            const train = findChild(station, "trainButton")
            compare(train.enabled, false)
            station.choose("contrast", "no")
            compare(train.enabled, true)
            train.clicked()
            tryVerify(() => lab.answersReady, 120000)
            tryVerify(() => lab.state === "finished", 120000)
            compare(lab.contrastStepsDone, 50)
            const a = lab.answers
            compare(a.contrastForms, a.contrastBestInduction >= 0.3 ? "yes" : "no")
            const verdict = findChild(station, "verdict-contrast")
            verify(verdict.visible)
            compare(verdict.text.indexOf("Right") >= 0, a.contrastForms === "no")
            verify(findChild(station, "explain-contrast").visible)
            const record = ProgressStore.answer("forming", "forming-contrast")
            compare(record.prediction, "no")
            compare(record.correct, a.contrastForms === "no")
            ProgressStore.reset()
        }
    }
}
