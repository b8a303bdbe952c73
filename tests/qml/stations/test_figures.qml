import QtQuick
import QtQuick.Controls
import QtTest
import AttentionLens

// The stations' figures, each created on the fixture model and checked for what it shows.
Item {
    id: root
    width: 1000; height: 800

    Component { id: heatmapC; HeatmapItem { width: 100; height: 100 } }
    Component { id: matrixC; AttentionMatrixItem { width: 100; height: 100 } }
    Component { id: sandboxC; QkvSandboxView {} }
    Component { id: scalingC; ScalingChart { width: 800 } }
    Component { id: realC; QkvRealView { width: 800 } }
    Component { id: headsC; HeadsGrid { width: 800 } }
    Component { id: ablationC; AblationView { width: 800 } }
    Component { id: maskC; MaskStepper { width: 800 } }
    Component { id: tempLabC; TemperatureLab {} }
    Component { id: softmaxC; SoftmaxBars { width: 600 } }
    Component { id: samplingC; SamplingView { width: 600 } }
    Component { id: headTempC; HeadTemperatureView { width: 600 } }
    Component { id: swapC; PatternSwapView { width: 600 } }
    Component { id: costC; CostChart { width: 600 } }
    Component { id: probC; ProbBars { width: 400 } }
    Component { id: lossC; TrainingLossChart { width: 600 } }
    Component { id: patchC; PatchingView { width: 1000 } }
    Component { id: censusC; CensusTable { width: 600 } }
    Component { id: plumbingC; PlumbingDiagram { width: 600 } }
    Component { id: kindsC; AttentionKindsDiagram {} }
    Component { id: multiC; MultiHeadDiagram {} }
    Component { id: cardC; PredictCard { width: 600 } }
    Component { id: setC; ExerciseSet {} }
    Component { id: veilsC; AnswerVeils {} }
    // Two figures and a station's exercises: where does each card go?
    Component {
        id: placesC
        Column {
            width: 800
            readonly property alias list: exerciseList
            readonly property alias first: firstFigure
            readonly property alias second: secondFigure
            FigureSection {
                id: firstFigure
                width: 800
                title: "first"
                Veiled { veils: exerciseList.veils; key: "k1"; Rectangle { implicitWidth: 100; implicitHeight: 40 } }
            }
            FigureSection { id: secondFigure; width: 800; title: "second"; name: "second" }
            ExerciseList {
                id: exerciseList
                width: 800
                stationId: "qmlplaces"
                definitions: [
                    { id: "at-veil", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, veils: ["k1"] },
                    { id: "named", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, veils: ["k1"], figure: "second" },
                    { id: "nowhere", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, veils: [] },
                    { id: "at-veil-too", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, veils: ["k1"] }
                ]
            }
        }
    }

    TestCase {
        name: "StationFigures"
        when: windowShown

        function test_hub() { verify(ModelHub.ready, "the fixture model is loaded") }

        function test_heatmapTakesJsArraysAndLists() {
            const h = createTemporaryObject(heatmapC, root, { rows: 2, columns: 2, values: [0, 0.5, NaN, 1] })
            compare(h.values.length, 4)
            verify(isNaN(h.values[2]))
            compare(h.cellAt(75, 25), Qt.point(1, 0))
            compare(h.cellAt(-1, 5), Qt.point(-1, -1))
            h.diverging = true
            compare(h.shownMax(), 1)
        }

        function test_attentionFiguresShareTheLensColours() {
            // A weight has one colour in every station: the course's heat maps of attention use the
            // lens matrix's colour map, not a ramp of their own.
            const h = createTemporaryObject(heatmapC, root, { rows: 1, columns: 3, values: [0, 0.5, 1], maxValue: 1, colorMap: HeatmapItem.Viridis })
            const m = createTemporaryObject(matrixC, root)
            for (const w of [0, 0.25, 0.5, 1])
                compare(String(h.colorFor(w)), String(m.colorAt(w)), "weight " + w)
            verify(String(h.colorFor(0)) !== String(h.colorFor(1)))
            // One colour-map type for both: the same value names the same map in each.
            compare(m.colorMap, HeatmapItem.Viridis)
            const viridisLow = String(m.colorAt(0))
            h.colorMap = HeatmapItem.Cividis
            m.colorMap = AttentionMatrixItem.Cividis
            for (const w of [0, 0.5, 1])
                compare(String(h.colorFor(w)), String(m.colorAt(w)), "cividis weight " + w)
            verify(String(m.colorAt(0)) !== viridisLow)
            h.colorMap = HeatmapItem.Ramp
            compare(String(h.colorFor(0)), String(h.lowColor))
        }

        function test_sandbox() {
            const v = createTemporaryObject(sandboxC, root)
            const w = v.sandbox.weights
            compare(w.length, 3)
            fuzzyCompare(w[0] + w[1] + w[2], 1, 1e-9)
            const before = v.sandbox.weights[0]
            v.sandbox.query = v.sandbox.keys[0]          // point the query at key 1
            verify(v.sandbox.weights[0] > before)
            v.sandbox.scaled = false
            v.sandbox.dimension = 1024
            verify(v.sandbox.weights[0] > 0.9)
        }

        function test_scalingChart() {
            const c = createTemporaryObject(scalingC, root)
            compare(c.study.result.dims.length, 10)
            verify(c.study.result.peakUnscaled[9] > c.study.result.peakScaled[9])
        }

        function test_realVectors() {
            const v = createTemporaryObject(realC, root)
            tryVerify(() => v.inspector.ready, 20000)
            compare(v.inspector.row.q.length, 16)
            compare(v.inspector.row.keys.length, v.inspector.tokens.length)
            let sum = 0
            for (let i = 0; i < v.inspector.row.weights.length; ++i) sum += v.inspector.row.weights[i]
            fuzzyCompare(sum, 1, 1e-4)
        }

        function test_headsGrid() {
            const g = createTemporaryObject(headsC, root)
            tryVerify(() => g.lab.heads.length === 4, 20000)
            compare(g.lab.layers, 2)
            g.lab.layer = 1
            compare(g.lab.heads[0].pattern.length, g.lab.tokens.length * g.lab.tokens.length)
            verify(["sink", "previous-token", "self", "duplicate", "induction", "diffuse", "long-range", "mixed"].indexOf(g.lab.heads[0].label) >= 0)
            // The value-weighted toggle: the tiles show each head's value-weighted pattern once its
            // norms are in (their numbers are checked in C++), and its caption says what they are.
            const button = findChild(g, "headsValueWeightedButton")
            verify(button !== null)
            mouseClick(button)
            verify(g.lab.valueWeighted)
            tryVerify(() => g.lab.valueWeightsReady && !g.lab.busy, 20000)
            const h = g.lab.heads[0]
            compare(h.valuePattern.length, h.pattern.length)
            compare(g.shownPattern(h), h.valuePattern)
            verify(findChild(g, "headsValueWeightedCaption").visible)
            mouseClick(findChild(g, "headsRawWeightsButton"))
            verify(!g.lab.valueWeighted)
            compare(g.shownPattern(g.lab.heads[0]), g.lab.heads[0].pattern)
        }

        // ProbBars as a chart to save: its entries' tokens and probabilities, the compared ones too,
        // and the three export buttons only where a page names the export.
        function test_probBarsFigure() {
            const b = createTemporaryObject(probC, root, {
                entries: [{ token: "·a", p: 0.5, baseP: 0.4 }, { token: "<b>", p: 0.25, baseP: 0.3 }],
                compareKey: "baseP", title: "Next token" })
            const f = b.figure()
            compare(f.chart, "prob-bars")
            compare(f.title, "Next token")
            compare(f.bars.length, 2)
            compare(f.bars[1].token, "<b>")
            compare(f.bars[1].compare, 0.3)
            compare(f.numbers.tokens, ["·a", "<b>"])
            compare(f.numbers.p, [0.5, 0.25])
            compare(f.numbers.baseP, [0.4, 0.3])
            verify(!Array.from(b.children).some(c => c.item !== undefined && c.active), "no export without a name")
            // The settings that made the bars go into the saved numbers, and the saved title names them.
            b.exportSettings = { temperature: 2, ablated: ["0.1"] }
            b.exportTitle = "Next token at temperature 2.00"
            const g = b.figure()
            compare(g.title, "Next token at temperature 2.00")
            compare(g.numbers.temperature, 2)
            compare(g.numbers.ablated, ["0.1"])
            compare(g.numbers.p, [0.5, 0.25])
            b.exportName = "next-token"
            tryVerify(() => Array.from(b.children).some(c => c.item !== undefined && c.item !== null && c.item.ready), 5000,
                      "the export buttons are there and ready")
        }

        // While a question about the census waits, the tiles keep their patterns but show no label
        // and no score, and the row it asks about is blank in the layer it asks about only.
        function test_headsGridHidesOnlyWhatIsAsked() {
            const veils = createTemporaryObject(veilsC, root, { hidden: { "k": true },
                                                             asked: { "k": [{ id: "q", params: { layer: "last" }, row: 2 }] } })
            const g = createTemporaryObject(headsC, root, { veils: veils, veilKey: "k" })
            tryVerify(() => g.lab.heads.length === 4 && g.lab.tokens.length > 3, 20000)
            g.lab.layer = 1
            tryVerify(() => g.lab.layer === 1 && !g.lab.busy, 20000)
            const marker = findChild(g, "veil:k")
            verify(marker.veiled && marker.visible)
            compare(g.hiddenRow, 2)
            // Nothing of the grid can be saved while the card waits: no figure, no button to press.
            const exportBar = findChild(g, "headsGridExport")
            verify(exportBar !== null)
            verify(!exportBar.ready)
            compare(Object.keys(exportBar.figure).length, 0)
            // The raw/value-weighted toggle is locked, and says why.
            const toggle = findChild(g, "headsWeightKindToggle")
            verify(!findChild(g, "headsValueWeightedButton").enabled)
            verify(toggle.lockedWhy.indexOf("commit") >= 0)
            // (The tiles are made anew whenever the lab's heads change.)
            const tilesOf = () => {
                const out = []
                const walk = (item) => { if (item.labelHidden !== undefined) out.push(item); for (let i = 0; i < item.children.length; ++i) walk(item.children[i]) }
                walk(g)
                return out
            }
            const tiles = tilesOf()
            compare(tiles.length, 4)
            const T = g.lab.tokens.length
            for (const t of tiles) {
                verify(t.labelHidden)
                for (let c = 0; c < T; ++c)
                    verify(isNaN(t.values[2 * T + c]), "row 2 is blank")
                verify(!isNaN(t.values[3 * T]), "row 3 keeps its weights")
            }
            g.lab.layer = 0
            tryVerify(() => g.hiddenRow === -1, 20000, "another layer than the one asked about keeps every row")
            tryVerify(() => g.lab.layer === 0 && !g.lab.busy, 20000)
            verify(tilesOf().length === 4 && tilesOf().every(t => t.labelHidden), "the labels stay hidden in every layer")
            veils.hidden = ({})
            verify(!marker.veiled)
            verify(tilesOf().every(t => !t.labelHidden))
            // Once answered: saved as drawn, each head's panel holding the tiles' weights, row 2 too.
            tryVerify(() => exportBar.ready, 5000)
            const f = exportBar.figure
            compare(f.chart, "heatmap")
            compare(f.layer, 0)
            compare(f.panels.length, 4)
            compare(f.rowLabels, g.lab.tokens)
            for (let h = 0; h < 4; ++h)
                for (let c = 0; c <= 2; ++c)
                    fuzzyCompare(f.panels[h].values[2 * T + c], g.lab.heads[h].pattern[2 * T + c], 1e-9)
            verify(isNaN(f.panels[0].values[2 * T + 3]), "the mask above the diagonal is no cell")
            verify(findChild(g, "headsValueWeightedButton").enabled)
            compare(toggle.lockedWhy, "")
        }

        // A card is asked in the frame of the figure holding its first veiled part, or of the
        // figure its `figure` names; one with neither stays in the list; several at one figure
        // are asked in turn, one at a time.
        function test_cardsAreAskedAtTheirFigure() {
            const page = createTemporaryObject(placesC, root)
            const list = page.list
            tryVerify(() => list.cardItems.length === 4, 10000)
            list.placeIn(page)
            const card = id => list.cardItems.find(c => c.definition.id === id)
            compare(card("at-veil").parent, page.first.exerciseSlot)
            compare(card("at-veil-too").parent, page.first.exerciseSlot)
            compare(card("named").parent, page.second.exerciseSlot)
            compare(card("nowhere").parent, list)
            compare(list.ownCards, 1)
            verify(list.visible)
            compare(card("at-veil").step, "1 of 2")
            compare(card("at-veil-too").step, "2 of 2")
            compare(card("named").step, "")
            tryVerify(() => card("at-veil").answer.answer !== undefined, 20000)
            verify(!card("at-veil").waiting)
            verify(card("at-veil-too").waiting, "the second question at a figure waits for the first")
            card("at-veil").prediction = "1"
            card("at-veil").commit()
            verify(!card("at-veil-too").waiting)
            verify(list.veils.hides("k1"), "k1 stays veiled while another card that lists it waits")
        }

        function test_ablation() {
            const v = createTemporaryObject(ablationC, root)
            tryVerify(() => v.lab.top.length === 5, 20000)
            compare(v.lab.kl, 0)
            v.lab.toggle(0, 1)
            compare(v.lab.ablated, ["0.1"])
            tryVerify(() => v.lab.kl > 0, 20000)
            tryVerify(() => v.lab.strongest.head !== undefined, 30000)
        }

        // The current row's weights saved as bars: the lab's weights, the blocked keys at 0; while a
        // card about this head waits, neither the figure nor its buttons.
        function test_maskRowExport() {
            const veils = createTemporaryObject(veilsC, root, { hidden: { "m": true },
                                                             asked: { "m": [{ id: "q", params: { layer: 0, head: 0 }, row: 1 }] } })
            const m = createTemporaryObject(maskC, root, { veils: veils, veilKey: "m" })
            tryVerify(() => m.lab.tokens.length > 2 && m.lab.weights.length === m.count * m.count, 20000)
            const bar = findChild(m, "maskRowExport")
            verify(bar !== null)
            verify(!bar.ready)
            compare(Object.keys(bar.figure).length, 0)
            veils.hidden = ({})
            m.row = 2
            tryVerify(() => bar.ready, 5000)
            const f = bar.figure
            compare(f.chart, "signed-bars")
            compare(f.signed, false)
            compare(f.numbers.row, 2)
            compare(f.rows.length, m.count)
            compare(f.numbers.tokens, m.lab.tokens)
            for (let c = 0; c < m.count; ++c) {
                const w = m.lab.weights[2 * m.count + c]
                compare(f.numbers.blocked[c], c > 2)
                fuzzyCompare(f.rows[c].bars[0].value, c > 2 ? 0 : w, 1e-9)
                compare(f.rows[c].label, m.lab.tokens[c])
            }
        }

        // The patching grids saved as drawn: the lab's shares per head and MLP, per layer and
        // token; while a card about the shown pair waits, the grids and their buttons are hidden.
        function test_patchingExport() {
            const veils = createTemporaryObject(veilsC, root, { hidden: { "p": true }, asked: { "p": [{ id: "x", example: true }] } })
            const v = createTemporaryObject(patchC, root, { veils: veils, veilKey: "p" })
            v.lab.pair = 0
            tryVerify(() => v.ready && v.positions.size > 0 && !v.lab.busy, 60000)
            const heads = findChild(v, "patchingHeadsExport"), positions = findChild(v, "patchingPositionsExport")
            verify(heads !== null && positions !== null)
            verify(!heads.visible && !positions.visible, "hidden with the grids while the card waits")
            veils.hidden = ({})
            tryVerify(() => heads.visible && heads.ready && positions.ready, 5000)
            const H = v.result.heads, L = v.result.layers
            const f = heads.figure
            compare(f.panels[0].rows, L)
            compare(f.panels[0].columns, H + 1)
            compare(f.columnLabels[H], "MLP")
            for (let l = 0; l < L; ++l) {
                for (let h = 0; h < H; ++h) {
                    compare(f.panels[0].values[l * (H + 1) + h], v.result.cells[l * H + h])
                    compare(f.numbers.heads[l][h], v.result.cells[l * H + h])
                }
                compare(f.panels[0].values[l * (H + 1) + H], v.result.mlps[l])
            }
            const p = positions.figure
            compare(p.columnLabels, v.result.tokens.slice(0, v.positions.size))
            compare(p.panels[0].values.length, v.positions.layers * v.positions.size)
            compare(p.numbers.shares[1][2], v.positions.cells[v.positions.size + 2])
        }

        // The loss curves saved as drawn: a series per curve, the control's only when shown.
        function test_lossChartFigure() {
            const chart = createTemporaryObject(lossC, root, {
                curve: [{ step: 0, otherLoss: 4, inContextLoss: 4.5 }, { step: 100, otherLoss: 3, inContextLoss: 1 }],
                controlCurve: [{ step: 0, otherLoss: 4, inContextLoss: 4.4 }], totalSteps: 100 })
            let f = chart.figure()
            compare(f.chart, "lines")
            compare(f.series.length, 2)
            compare(f.series[1].points, [[0, 4.5], [100, 1]])
            compare(f.numbers.otherLoss, [4, 3])
            verify(f.numbers.control === undefined)
            chart.showControl = true
            f = chart.figure()
            compare(f.series.length, 3)
            compare(f.numbers.control.inContextLoss, [4.4])
            verify(findChild(chart, "lossExport").ready)
        }

        function test_maskStepper() {
            const m = createTemporaryObject(maskC, root)
            tryVerify(() => m.lab.tokens.length > 2, 20000)
            const T = m.lab.tokens.length
            verify(isNaN(m.lab.scores[1]))               // row 0 cannot see column 1
            fuzzyCompare(m.lab.weights[0], 1, 1e-5)      // row 0 puts all weight on itself
            m.row = 2
            compare(m.row, 2)
            compare(m.lab.unmaskedTop.length, 5)
        }

        function test_temperature() {
            const lab = createTemporaryObject(tempLabC, root)
            const bars = createTemporaryObject(softmaxC, root, { lab: lab })
            lab.temperature = 0.05
            verify(lab.candidateWeights[0] > 0.99)
            lab.temperature = 3
            verify(lab.candidateWeights[0] < 0.3)
            // Saved as drawn: a bar per candidate, its weight at this temperature.
            const f = findChild(bars, "softmaxExport").figure
            compare(f.rows.length, lab.candidateScores.length)
            for (let i = 0; i < f.rows.length; ++i)
                compare(f.rows[i].bars[0].value, lab.candidateWeights[i])
            compare(f.numbers.temperature, 3)
            verify(f.title.indexOf("3.00") >= 0)
            const s = createTemporaryObject(samplingC, root, { lab: lab })
            const h = createTemporaryObject(headTempC, root, { lab: lab })
            tryVerify(() => lab.distribution.length === 10 && lab.generated !== "", 20000)
            tryVerify(() => lab.pattern.length === lab.tokens.length * lab.tokens.length, 20000)
        }

        function test_notFigures() {
            const s = createTemporaryObject(swapC, root)
            tryVerify(() => s.lab.kls.length === 2, 30000)
            // The swap grid saved as drawn: a cell per layer and head holding the lab's KL.
            tryVerify(() => !s.lab.busy && findChild(s, "swapExport").ready, 30000)
            const f = findChild(s, "swapExport").figure
            compare(f.chart, "heatmap")
            compare(f.panels[0].rows, 2)
            compare(f.panels[0].columns, ModelHub.nHead)
            compare(f.rowLabels.length, 2)
            for (let l = 0; l < 2; ++l)
                for (let h = 0; h < ModelHub.nHead; ++h)
                    compare(f.panels[0].values[l * ModelHub.nHead + h], s.lab.kls[l][h])
            const c = createTemporaryObject(costC, root)
            c.meter.maxLength = 64
            tryVerify(() => c.meter.lengths.length === 3, 30000)
            const t = createTemporaryObject(censusC, root)
            t.census.texts = ["one two three one two three", "The cat sat."]
            tryVerify(() => t.census.rows.length === 2, 30000)
        }

        function test_diagramsShowModelSizes() {
            const p = createTemporaryObject(plumbingC, root)
            verify(p.d === 64)
            verify(createTemporaryObject(kindsC, root) !== null)
            const m = createTemporaryObject(multiC, root)
            compare(m.headDim, 16)
        }

        // The grid of every layer and head, by keys: up and down one layer, left and right one
        // head, stopping at the edges, and the head the keys land on is the prediction.
        function test_headGridMovesByLayerAndHead() {
            const card = createTemporaryObject(cardC, root, {
                definition: { id: "which", kind: "head", prompt: "?" },
                answer: { kind: "head", layers: 12, heads: 12 }
            })
            const start = findChild(card, "head:3.5")
            verify(start !== null && start.visible)
            start.forceActiveFocus()
            keyClick(Qt.Key_Down)
            compare(card.prediction, "4.5")
            verify(findChild(card, "head:4.5").activeFocus)
            keyClick(Qt.Key_Up)
            keyClick(Qt.Key_Up)
            compare(card.prediction, "2.5")
            keyClick(Qt.Key_Right)
            compare(card.prediction, "2.6")
            keyClick(Qt.Key_Left)
            keyClick(Qt.Key_Left)
            compare(card.prediction, "2.4")
            verify(findChild(card, "head:2.4").activeFocus)
            // At the edges it stays: no wrapping onto the next layer or round to the other side.
            findChild(card, "head:0.0").forceActiveFocus()
            keyClick(Qt.Key_Up)
            compare(card.prediction, "0.0")
            keyClick(Qt.Key_Left)
            compare(card.prediction, "0.0")
            findChild(card, "head:5.11").forceActiveFocus()
            keyClick(Qt.Key_Right)
            compare(card.prediction, "5.11")
            findChild(card, "head:11.11").forceActiveFocus()
            keyClick(Qt.Key_Down)
            compare(card.prediction, "11.11")
            keyClick(Qt.Key_Right)
            compare(card.prediction, "11.11")
            verify(findChild(card, "head:11.11").activeFocus)
        }

        // A number with a decimal point or a decimal comma reads as the same number; once typed it
        // shows in the interface's format (here the test runner's, English). German: test_app_language.
        function test_numberTakesPointOrComma() {
            const card = createTemporaryObject(cardC, root, {
                definition: { id: "n", kind: "number", prompt: "?" },
                answer: { kind: "number" }
            })
            const field = findChild(card, "numberField")
            verify(field !== null)
            for (const typed of ["0.5", "0,5"]) {
                field.text = ""
                field.forceActiveFocus()
                keyClick(Qt.Key_0)
                keyClick(typed[1] === "." ? Qt.Key_Period : Qt.Key_Comma, Qt.NoModifier)
                keyClick(Qt.Key_5)
                compare(field.text, typed)
                verify(field.acceptableInput, typed)
                compare(card.prediction, "0.5")
                field.editingFinished()
                compare(field.text, "0" + Qt.locale().decimalPoint + "5")
                compare(card.prediction, "0.5")
            }
        }

        function test_predictCardRevealsOnlyAfterCommit() {
            const set = createTemporaryObject(setC, root, {
                stationId: "qmltest",
                definitions: [{ id: "hd", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, explain: "because" }]
            })
            tryVerify(() => set.answers.length === 1 && set.answers[0].answer !== undefined, 20000)
            const card = createTemporaryObject(cardC, root, { definition: set.definitions[0], answer: set.answers[0], exercises: set })
            verify(!card.revealed)
            card.commit()                                 // nothing committed yet: no reveal
            verify(!card.revealed)
            // 3 x tokens x 16, the fixture's head width: a multiple of 48.
            verify(Number(set.answers[0].answer) > 0 && Number(set.answers[0].answer) % 48 === 0)
            card.prediction = set.answers[0].answer
            card.commit()
            verify(card.revealed)
            verify(card.result.correct)
            card.again()
            verify(!card.revealed)
            card.prediction = "4"
            card.commit()
            verify(!card.result.correct)
        }

        // "Show without predicting": the answer is shown and the progress file records a skip, which
        // the course map does not count as done; a skip never replaces a prediction recorded before.
        function test_predictCardShowsWithoutPredicting() {
            ProgressStore.reset()
            const set = createTemporaryObject(setC, root, {
                stationId: "qmlskip",
                definitions: [{ id: "hd", kind: "number", prompt: "?", compute: "head_key_numbers", params: {}, explain: "because" }]
            })
            tryVerify(() => set.answers.length === 1 && set.answers[0].answer !== undefined, 20000)
            const card = createTemporaryObject(cardC, root, { definition: set.definitions[0], answer: set.answers[0], exercises: set })
            const skip = findChild(card, "skipButton")
            verify(skip.visible && skip.enabled)
            mouseClick(skip)
            verify(card.revealed)
            verify(card.skipped)
            verify(!card.correct)
            verify(!skip.visible)
            let record = ProgressStore.answer("qmlskip", "hd")
            compare(record.skipped, true)
            compare(record.correct, false)
            compare(record.prediction, "")
            const right = set.answers[0].answer // 3 x tokens x 16, the fixture's head width
            compare(record.answer, right)
            fuzzyCompare(ProgressStore.stationProgress("qmlskip", 1), 0.1, 1e-9)
            card.again()
            card.prediction = right
            card.commit()
            verify(card.revealed && !card.skipped && card.correct)
            compare(ProgressStore.answer("qmlskip", "hd").skipped, undefined)
            fuzzyCompare(ProgressStore.stationProgress("qmlskip", 1), 1, 1e-9)
            card.again()
            mouseClick(findChild(card, "skipButton"))
            verify(card.skipped)
            record = ProgressStore.answer("qmlskip", "hd")
            compare(record.correct, true, "the earlier prediction's record stays")
            compare(record.prediction, right)
            fuzzyCompare(ProgressStore.stationProgress("qmlskip", 1), 1, 1e-9)
        }
    }
}
