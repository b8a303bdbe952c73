import QtQuick
import QtQuick.Controls
import QtTest
import AttentionLens

// Predict, then see, on every station's page with the fixture model, in a 1280 x 800 window:
// while an exercise waits for the learner's prediction, every part of a figure it lists in
// `veils` is hidden (a whole part behind the note, or just what would tell), and no visible text
// states its answer; each veiled figure has the question that unveils it inside its own frame,
// above the veiled part; once every exercise is committed, those parts are back with the answer
// highlighted. With AL_VEIL_SHOTS=DIR the window is saved before and after.
Item {
    id: root
    width: 1280; height: 800
    Rectangle { anchors.fill: parent; color: Theme.background }   // the window's own background

    LessonCatalog { id: catalog }
    Component { id: signalSpy; SignalSpy {} }
    Component { id: lensC; LensStation { anchors.fill: parent } }
    Component { id: mathC; MathStation { anchors.fill: parent } }
    Component { id: headsC; HeadsStation { anchors.fill: parent } }
    Component { id: maskC; MaskStation { anchors.fill: parent } }
    Component { id: temperatureC; TemperatureStation { anchors.fill: parent } }
    Component { id: notC; NotStation { anchors.fill: parent } }

    TestCase {
        name: "Veils"
        when: windowShown

        function all(item, pred, out) {
            out = out || []
            if (pred(item)) out.push(item)
            for (let i = 0; i < item.children.length; ++i)
                all(item.children[i], pred, out)
            // A ScrollView's content lives under its contentItem, which children lists.
            return out
        }
        function first(item, pred) { const a = all(item, pred); return a.length > 0 ? a[0] : null }
        function veilsFor(page, key) { return all(page, i => i.objectName === "veil:" + key) }
        function visibleTexts(page) {
            return all(page, i => i.visible && typeof i.text === "string" && i.text !== "" && i.font !== undefined
                                   && i.width > 0 && i.opacity > 0).map(i => i.text)
        }
        // Phrases that state an answer outright; none may be on screen while an exercise is open.
        readonly property var revealing: ["barely moves the prediction: heads", "candidate tokens kept",
                                          "numbers per vector", "KL between the two predictions",
                                          "puts nearly everything on one key",
                                          "of its attention", "= attention"]

        function open(component) {
            const page = createTemporaryObject(component, root, { catalog: catalog })
            verify(page !== null)
            tryVerify(() => page.figuresReady, 60000, "the station's figures are computed")
            const list = first(page, i => i.cardItems !== undefined && i.veils !== undefined)
            verify(list !== null, "the station uses ExerciseList")
            tryVerify(() => list.cardItems.length === list.exercises.count && list.exercises.count > 0, 10000)
            for (const card of list.cardItems) {
                tryVerify(() => card.answer.answer !== undefined || card.answer.error !== undefined, 60000, "answer for " + card.definition.id)
                verify(card.answer.answer !== undefined || refused(card), card.definition.id + ": " + card.answer.error)
            }
            return { page: page, list: list }
        }
        // The one card that may refuse a text, with its reason: patching, where replacing a token
        // barely moves the answer and the names pair's measure barely moves either (the shares
        // would be noise). Such a card asks nothing, so hides nothing.
        function refused(card) {
            return card.definition.id === "heads-patch-best" && card.answer.error !== undefined
                   && String(card.answer.error).indexOf("hardly changes the answer") >= 0
        }
        function asking(list) { return list.cardItems.filter(c => !refused(c)) }
        function keysOf(list) {
            let keys = []
            for (const card of asking(list)) keys = keys.concat(card.definition.veils || [])
            return keys
        }
        function checkVeiled(page, list) {
            for (const card of asking(list)) {
                verify(card.open, card.definition.id + " waits for a prediction")
                // Every exercise says what it hides (an empty list says nothing on its page gives it away).
                verify(Array.isArray(card.definition.veils), card.definition.id + " declares what it veils")
                const keys = card.definition.veils
                for (const key of keys) {
                    const parts = veilsFor(page, key)
                    verify(parts.length > 0, "a figure part carries the veil key " + key)
                    for (const p of parts) {
                        verify(p.veiled, key + " is veiled before the commit")
                        if (p.content !== undefined) {
                            verify(!p.content.visible, key + ": its content is hidden, not just covered")
                            const note = first(p, i => i.objectName === "veilNote")
                            verify(note !== null && note.visible, key + ": the note is shown")
                            verify(all(note, i => i.visible && i.text !== undefined
                                                  && String(i.text).indexOf("Hidden until you commit your prediction") >= 0).length > 0)
                        }
                    }
                }
            }
            checkPlacement(page, list)
            const texts = visibleTexts(page).join("\n")
            for (const phrase of revealing)
                verify(texts.indexOf(phrase) < 0, "“" + phrase + "” is on screen before the commit")
            // A head answer's name is nowhere on screen either, outside the cards themselves (a card
            // may offer the answer as one choice of a shortlist, named like every other choice).
            const cards = list.cardItems
            const underCard = item => { for (let p = item; p; p = p.parent) if (cards.indexOf(p) >= 0) return true; return false }
            // (GPT-2 small's heads from published studies are listed whatever model is loaded: their
            // names are the studies', not a finding on this model.)
            const outside = all(page, i => i.visible && typeof i.text === "string" && i.text !== "" && i.font !== undefined
                                           && i.width > 0 && i.opacity > 0 && !underCard(i)
                                           && i.objectName !== "publishedHead").map(i => i.text).join("\n")
            for (const card of cards)
                if (card.answer.kind === "head") {
                    const re = new RegExp("(^|[^0-9.])" + card.answer.answer.replace(".", "\\.") + "([^0-9]|$)")
                    verify(!re.test(outside), "head " + card.answer.answer + " is named on screen before the commit")
                }
        }
        // The frame (a FigureSection, or Station 1's instrument) an item sits in.
        function frameOf(item) {
            for (let p = item.parent; p; p = p.parent)
                if (p.exerciseSlot !== undefined) return p
            return null
        }
        function rectIn(item, page) {
            const r = item.mapToItem(page, 0, 0)
            return { x: r.x, y: r.y, w: item.width, h: item.height }
        }
        // Predict, then see, in place: every exercise that veils a part of a figure is asked inside
        // that figure's frame, above every part it veils; and every veiled figure (a part whose
        // content is covered) has a question that unveils it in its own frame. Geometry is read
        // in the page's coordinates, with the page laid out at the window's size.
        function checkPlacement(page, list) {
            const veiledFrames = []
            for (const card of asking(list)) {
                const keys = card.definition.veils || []
                if (keys.length === 0)
                    continue
                verify(card.visible && card.width > 0 && card.height > 0, card.definition.id + " is shown")
                const frame = frameOf(card)
                verify(frame !== null, card.definition.id + " is asked inside a figure's frame, not in a list after the figures")
                const c = rectIn(card, page), f = rectIn(frame, page)
                verify(c.x >= f.x - 0.5 && c.y >= f.y - 0.5 && c.x + c.w <= f.x + f.w + 0.5 && c.y + c.h <= f.y + f.h + 0.5,
                       card.definition.id + ": the card " + JSON.stringify(c) + " lies inside its figure's frame " + JSON.stringify(f))
                const placeKey = card.definition.figure || keys[0]
                verify(veilsFor(frame, placeKey).length > 0, card.definition.id + " is asked at the figure that holds " + placeKey)
                for (const key of keys)
                    for (const p of veilsFor(page, key)) {
                        const v = rectIn(p, page)
                        verify(v.y >= c.y + c.h - 0.5, card.definition.id + ": the question is above the part it veils (" + key + ")")
                    }
            }
            // A figure whose part is covered whole (a Veiled with its note) holds the question.
            for (const p of all(page, i => i.objectName.startsWith("veil:") && i.veiled === true && i.content !== undefined)) {
                const key = p.objectName.slice(5)
                const frame = frameOf(p)
                verify(frame !== null, key + " sits in a figure's frame")
                const asks = list.cardItems.filter(c => c.open && (c.definition.veils || []).indexOf(key) >= 0 && frameOf(c) === frame)
                verify(asks.length > 0, "the figure veiled by " + key + " has the question that unveils it in its own frame")
            }
        }
        function commitAll(list) {
            for (const card of asking(list)) {
                const a = card.answer
                card.prediction = a.kind === "option" ? a.choices[0].value : a.accept[0]
                card.commit()
                verify(card.revealed, card.definition.id + " is revealed")
                verify(!card.open)
            }
        }
        function checkRevealed(page, list) {
            for (const key of keysOf(list))
                for (const p of veilsFor(page, key)) {
                    verify(!p.veiled, key + " is shown after the commit")
                    if (p.content !== undefined) {
                        verify(p.content.visible, key + ": its content is back")
                        verify(p.answers.length > 0, key + ": the figure gets the answer to highlight")
                    }
                }
        }
        // AL_VEIL_SHOTS=DIR (read by the test main): save the window before and after the commit.
        function save(name) {
            if (typeof veilShotsDir === "undefined" || veilShotsDir === "") return
            wait(300)
            grabImage(root).save(veilShotsDir + "/" + name + "-" + (Theme.dark ? "dark" : "light") + ".png")
        }

        function station(component, name, extraBefore, extraAfter) {
            const s = open(component)
            if (extraBefore) extraBefore(s)
            checkVeiled(s.page, s.list)
            save(name + "-before")
            commitAll(s.list)
            checkRevealed(s.page, s.list)
            if (extraAfter) extraAfter(s)
            save(name + "-after")
        }

        function test_lens() {
            const s = open(lensC)
            const card = s.list.cardItems[0]
            // Before Start the lens is the learner's to explore; nothing is asked yet.
            verify(!card.open)
            verify(!s.page.veils.hides("lens-overview"))
            // The value-weighted view is on before Start; the exercise asks about raw weights.
            const toggle = findChild(s.page, "weightKindToggle")
            verify(toggle.enabled)
            first(s.page, i => i.rowVeilKey !== undefined).lens.valueWeighted = true
            card.started = true
            tryVerify(() => card.open)
            verify(!toggle.enabled, "the raw/value-weighted toggle is locked while the card waits")
            verify(!first(s.page, i => i.rowVeilKey !== undefined).lens.valueWeighted,
                   "the lens is back on the raw weights the exercise asks about")
            const lh = card.answer.focusHead.split(".")
            tryCompare(s.page, "exLayer", Number(lh[0]))
            // The lens shows the head the exercise asks about (the engine's, not a finder of its own).
            tryVerify(() => first(s.page, i => i.rowVeilKey !== undefined).lens.layer === Number(lh[0]))
            const matrix = first(s.page, i => i.rowVeilKey !== undefined)
            compare(matrix.lens.head, Number(lh[1]))
            verify(matrix.rowVeiled)
            compare(matrix.veiledRow, card.answer.row)
            compare(first(s.page, i => i.objectName === "copyCsvButton").enabled, false)
            // No export gives the answer away: the figure's and every head's, in every format.
            const exportButtons = ["savePngButton", "saveSvgButton", "saveJsonButton",
                                   "saveHeadsPngButton", "saveHeadsSvgButton", "saveHeadsJsonButton",
                                   "saveArcsSvgButton", "saveArcsJsonButton"]
            for (const name of exportButtons)
                compare(first(s.page, i => i.objectName === name).enabled, false, name + " waits for the commit")
            const strip = first(s.page, i => i.objectName === "veil:lens-strip")
            verify(strip.weightsHidden && strip.inert, "the token strip hides its weights")
            verify(!strip.choosing, "a number question picks no token on the strip")
            // Even pointed at the asked-about row (a click in the matrix does that), no chip shows a weight.
            matrix.lens.focusToken = card.answer.row
            for (let j = 0; j <= card.answer.row; ++j)
                compare(findChild(strip, "chip" + j).weight, -1, "chip " + j + " shows no weight")
            checkVeiled(s.page, s.list)
            save("lens-before")
            // The question asks for a weight: a click on a chip is no prediction. The number is
            // committed through the station's ExerciseSet like every other exercise, and recorded
            // under the lesson's exercise id (the id saved progress uses).
            compare(card.answer.kind, "number")
            const chip = findChild(strip, "chip0")
            mouseClick(chip.box, chip.box.width / 2, chip.box.height / 2)
            compare(card.prediction, "")
            card.prediction = card.answer.answer
            card.commit()
            verify(card.revealed && card.result.correct === true, "the chosen answer is graded right")
            const record = ProgressStore.answer("lens", "lens-predict-argmax")
            compare(record.prediction, card.answer.answer)
            compare(record.answer, card.answer.answer)
            verify(record.correct)
            checkRevealed(s.page, s.list)
            verify(!matrix.rowVeiled)
            compare(matrix.answerColumn, card.answer.row - 1) // the weight asked about: on the token before
            verify(first(s.page, i => i.objectName === "answerColumn").visible)
            compare(matrix.lens.focusToken, card.answer.row)
            verify(toggle.enabled, "after the commit the learner may switch views again")
            for (const name of exportButtons)
                verify(first(s.page, i => i.objectName === name).enabled, name + " opens after the commit")
            save("lens-after")
        }

        // An export that cannot be written says why on the figure, as the PNG export does.
        function test_lensExportFailureIsShown() {
            const s = open(lensC)
            const lens = first(s.page, i => i.rowVeilKey !== undefined).lens
            const spy = createTemporaryObject(signalSpy, root, { target: lens, signalName: "exported" })
            lens.exportFigure("matrix-svg", "/no/such/folder/figure.svg", { width: 400, height: 400 })
            spy.wait(10000)
            compare(s.page.finding.title, "Export")
            verify(s.page.finding.why.indexOf("/no/such/folder/figure.svg") >= 0, s.page.finding.why)
            verify(s.page.finding.why.length > "Could not save /no/such/folder/figure.svg: ".length, "and why")
        }

        // "Find a head → Induction" puts a repeated random sequence in place of the learner's text
        // (the one text every station reads); one click puts the learner's text back.
        function test_lensInductionFinderRestoresText() {
            const s = open(lensC)
            const before = ModelHub.text
            const notice = first(s.page, i => i.objectName === "restoreTextNotice")
            verify(!notice.visible)
            s.page.findHead("induction")
            verify(ModelHub.text !== before, "the finder shows its own sample")
            verify(notice.visible, "the notice offers to restore the text")
            const button = first(notice, i => i.objectName === "restoreTextButton")
            button.clicked() // (below the fold of the window: no pointer reaches it without scrolling)
            compare(ModelHub.text, before)
            verify(!notice.visible)
            tryVerify(() => s.page.figuresReady, 60000)
        }

        // "Show without predicting" unveils the card's parts as a commit does, with the answer to
        // highlight, and leaves the other cards' parts veiled.
        function test_showWithoutPredicting() {
            ProgressStore.reset() // a skip never replaces a prediction recorded before (by test_math)
            const s = open(mathC)
            const card = s.list.cardItems.find(c => (c.definition.veils || []).indexOf("scaling-peak") >= 0)
            const other = s.list.cardItems.find(c => (c.definition.veils || []).indexOf("qkv-real") >= 0)
            first(card, i => i.objectName === "skipButton").clicked()
            verify(card.revealed && card.skipped)
            compare(ProgressStore.answer("math", card.definition.id).skipped, true)
            for (const p of veilsFor(s.page, "scaling-peak")) {
                verify(!p.veiled)
                verify(p.answers.length > 0)
            }
            verify(other.open)
            for (const p of veilsFor(s.page, "qkv-real"))
                verify(p.veiled)
        }

        function test_math() {
            station(mathC, "math", null, s => {
                const real = first(s.page, i => i.answerRow !== undefined)
                verify(real.sizeAnswered)
                const tokenAnswer = s.list.cardItems.find(c => c.answer.kind === "token").answer
                tryCompare(real, "answerRow", Number(tokenAnswer.answer), 20000)
                const label = first(s.page, i => i.objectName === "headDimLabel")
                verify(label.visible)
                compare(String(label.color), String(Theme.accent))
                verify(visibleTexts(s.page).join("\n").indexOf("numbers per vector") >= 0)
                // The score split is of layer 0 whatever layer the figure above shows; when that
                // is another layer, a note says so and names it, and the split stays on layer 0.
                const compact = first(s.page, i => i.figureLayer !== undefined && i.rowAsked !== undefined)
                verify(compact !== null, "the score split is on the page")
                const note = first(compact, i => i.objectName === "splitLayerNote")
                verify(note !== null, "the score split has its layer note")
                const inspector = real.inspector
                const layerBefore = inspector.layer
                inspector.layer = 0
                verify(!note.visible, "no note while the figure shows layer 0 too")
                inspector.layer = 1
                compare(compact.figureLayer, 1)
                verify(note.visible, "the note shows while the figure shows layer 1")
                verify(/\blayer 0\b/.test(note.text) && /shows layer 1\b/.test(note.text), note.text)
                tryVerify(() => !compact.lab.busy && compact.lab.result.layer === 0, 20000, "the split stays on layer 0")
                inspector.layer = layerBefore
            })
        }

        // The patching figure hides exactly the pair its question asks about: the learner's own
        // text, or (where that text gives no fair pair, and the answer is an example) the names
        // pair; both while the answer is still computing; none once it is committed, which then
        // shows the asked pair.
        Component { id: patchViewC; PatchingView { width: 1200 } }
        Component { id: veilsC; AnswerVeils {} }
        function test_patchingVeilFollowsTheAskedPair() {
            const veils = createTemporaryObject(veilsC, root)
            const view = createTemporaryObject(patchViewC, root, { veils: veils, veilKey: "patch-grid" })
            const veil = veilsFor(view, "patch-grid")[0]
            verify(veil !== undefined)
            const own = view.ownTextPair
            compare(own, 2, "two worked pairs, then the learner's text")
            const hiddenFor = (asked) => {
                veils.asked = { "patch-grid": [asked] }
                veils.hidden = { "patch-grid": true }
                const out = []
                for (let pair = 0; pair <= own; ++pair) {
                    view.lab.pair = pair
                    if (veil.veiled) out.push(pair)
                }
                return out
            }
            compare(hiddenFor({ id: "heads-patch-best", example: false }), [own], "own text asked: only its pair")
            compare(hiddenFor({ id: "heads-patch-best", example: true }), [0], "names pair asked: only that pair")
            compare(hiddenFor({ id: "heads-patch-best" }), [0, own], "answer not known yet: either")
            veils.hidden = {}
            veils.asked = {}
            for (let pair = 0; pair <= own; ++pair) {
                view.lab.pair = pair
                verify(!veil.veiled, "nothing hidden without a question")
            }
            view.lab.pair = 1
            veils.revealed = { "patch-grid": [{ id: "heads-patch-best", answer: "0.7-up", example: true }] }
            compare(view.lab.pair, 0, "committed on the names pair: the figure shows it")
            view.lab.pair = 1
            veils.revealed = { "patch-grid": [{ id: "heads-patch-best", answer: "0.7-up", example: false }] }
            compare(view.lab.pair, own, "committed on the own text: the figure shows it")
        }

        function test_heads() {
            station(headsC, "heads", s => {
                // While the cards wait, the grid shows the layer the first open card asks about.
                const grid = first(s.page, i => i.markHead !== undefined)
                tryVerify(() => grid.lab.layers > 0 && grid.lab.layer === grid.lab.layers - 1, 30000)
                // The patching card asks about the learner's own text: a worked pair's grids stay open to
                // explore while it waits, and the own-text pair's grids are hidden (checked below too).
                const patching = first(s.page, i => i.ownTextPair !== undefined && i.lab !== undefined)
                const patchVeil = veilsFor(patching, "patch-grid")[0]
                const patchCard = s.list.cardItems.find(c => c.definition.id === "heads-patch-best")
                verify(patching.lab.pair !== patching.ownTextPair, "a worked pair is shown first")
                verify(!patchVeil.veiled && patchVeil.content.visible, "a worked pair's grids are shown while the card waits")
                patching.lab.pair = patching.ownTextPair
                if (refused(patchCard)) {
                    // The figure refuses the same text for the same reason, and shows no shares.
                    tryVerify(() => patching.lab.mismatch.indexOf("hardly changes the answer") >= 0, 30000, "the figure says why")
                    verify(!patching.ready, "no shares are shown for a refused text")
                } else {
                    verify(patchCard.open, "the patching card waits")
                    tryVerify(() => patchVeil.veiled && !patchVeil.content.visible, 5000, "the own-text pair's grids are hidden")
                }
            }, s => {
                const grid = first(s.page, i => i.markHead !== undefined)
                const share = s.list.cardItems.find(c => c.definition.id === "heads-count-sinks").answer.focusHead
                verify(share !== undefined && share !== "", "the first-token share names its head")
                compare(grid.markHead, share, "the grid outlines the head with the largest first-token share")
                compare(grid.lab.layer, grid.lab.layers - 1, "the first-token share's layer is shown")
                // The knock-out lab, which no card asks about, shows its search's findings.
                tryVerify(() => visibleTexts(s.page).join("\n").indexOf("Largest KL:") >= 0, 30000)
            })
        }

        function test_mask() {
            // Before the commit, the grid's asked-about rows (in the head asked about) show no score
            // and no weight, whichever row the stepper shows; the other rows stay to reason from.
            const askedRowsHidden = s => {
                const stepper = first(s.page, i => i.hiddenRows !== undefined)
                verify(stepper.hiddenRows.indexOf(3) >= 0 || stepper.lab.tokens.length <= 3, "row 3 is hidden")
                verify(stepper.hiddenRows.indexOf(1) >= 0, "row 1 is hidden")
                for (const r of stepper.hiddenRows) {
                    stepper.row = r
                    verify(stepper.rowHidden)
                    compare(all(stepper, i => i.w !== undefined && i.visible).length, 0, "row " + r + " shows no weights")
                    const cells = all(stepper, i => i.r === r && i.c !== undefined && i.c >= 0 && i.c <= r)
                    verify(cells.length > 0 && cells.every(c => c.hidden), "row " + r + " shows no scores")
                }
                stepper.row = 2
                verify(!stepper.rowHidden)
                verify(all(stepper, i => i.w !== undefined && i.visible).length > 0, "another row shows its weights")
            }
            station(maskC, "mask", askedRowsHidden, s => {
                const stepper = first(s.page, i => i.answerRows !== undefined)
                verify(stepper.answerRows.indexOf(3) >= 0 || stepper.lab.tokens.length <= 3)
                verify(stepper.answerRows.indexOf(stepper.row) >= 0, "the stepper shows an answer's row")
                verify(all(s.page, i => i.markTop === true).length >= 2, "the mask-off bars mark their top tokens")
                verify(visibleTexts(s.page).join("\n").indexOf("KL between the two predictions") >= 0)
            })
        }

        function test_temperature() {
            station(temperatureC, "temperature", s => {
                // The worked example of the question about the writing: shown above its card while
                // it waits, on another text than the learner's (the lab skips the learner's own).
                const example = first(s.page, i => i.numbers !== undefined && i.shortText !== undefined)
                const other = "one two three four five six seven eight"
                example.lab.exampleTexts = [ModelHub.text, other]
                tryVerify(() => example.numbers.text !== undefined && !example.lab.busy, 30000, "the example is worked out")
                compare(example.numbers.text, other)
                verify(example.visible)
                const wcard = s.list.cardItems.find(c => c.definition.compute === "written_share")
                verify(example.mapToItem(null, 0, 0).y < wcard.mapToItem(null, 0, 0).y, "the example comes before its card")
                const ratio = example.numbers.share / example.numbers.even
                fuzzyCompare(example.numbers.ratio, ratio, 1e-9)
                // The learner's own text as the only example text: no example rather than the answer.
                example.lab.exampleTexts = [ModelHub.text]
                tryVerify(() => example.numbers.text === undefined && !example.lab.busy, 30000, "no example on the learner's text")
                verify(!example.visible)
                example.lab.exampleTexts = [ModelHub.text, other]
                tryVerify(() => example.numbers.text === other, 30000)
                // While that question waits, the figure and its example write the question's case
                // (its seed and temperature, no top-k or top-p), not the sampling figure's settings.
                const sampling = first(s.page, i => i.keptAnswered !== undefined)
                const writing = first(s.page, i => i.followSettings !== undefined)
                const asked = wcard.definition.params
                const before = sampling.lab.temperature, beforeTopP = sampling.lab.topP
                sampling.lab.temperature = 2.0
                sampling.lab.topP = 0.9
                verify(writing.pinned !== null, "the waiting question pins its case")
                compare(writing.lab.seed, asked.seed)
                fuzzyCompare(writing.lab.temperature, asked.temperature, 1e-6)
                fuzzyCompare(writing.lab.topP, 1.0, 1e-6)
                compare(writing.lab.topK, 0)
                compare(writing.lab.count, asked.count)
                // Its caption says so: the question's generation, with the question's seed and
                // temperature, not the one above.
                const frame = frameOf(writing)
                const pinnedCaption = "Showing the question's generation (seed " + asked.seed + ", temperature "
                                      + Theme.fixed(asked.temperature, 1) + "), not the one above"
                verify(frame.caption.indexOf(pinnedCaption) === 0, frame.caption)
                sampling.lab.temperature = before
                sampling.lab.topP = beforeTopP
            }, s => {
                const sampling = first(s.page, i => i.keptAnswered !== undefined)
                verify(sampling.keptAnswered)
                verify(sampling.topAnswered)
                // The figure shows the case the last revealed exercise asked about: top-p 0.9 at
                // temperature 2, and it keeps the count that exercise measured.
                fuzzyCompare(sampling.lab.topP, 0.9, 1e-6)
                fuzzyCompare(sampling.lab.temperature, 2.0, 1e-6)
                const card = s.list.cardItems.find(c => c.definition.compute === "nucleus_size"
                                                        && c.definition.params.temperature === 2.0)
                const counted = /temperature 2, top-p 0.9 keeps (\d+) of/.exec(card.answer.detail)
                verify(counted !== null, card.answer.detail)
                tryVerify(() => Math.abs(sampling.lab.kept - Number(counted[1])) <= 1,
                          20000, "the figure keeps the answer's count " + counted[1])
                verify(visibleTexts(s.page).join("\n").indexOf("candidate tokens kept") >= 0)
                // The generation figure shows the case its question asked about: the last written
                // token's share on the written tokens is the one the answer measured.
                const writing = first(s.page, i => i.followSettings !== undefined)
                verify(writing.pinned !== null, "the revealed question pins its case")
                const wcard = s.list.cardItems.find(c => c.definition.compute === "written_share")
                const share = /gives ([0-9.]+) of its attention/.exec(wcard.answer.detail)
                verify(share !== null, wcard.answer.detail)
                tryVerify(() => writing.lab.done && writing.lab.steps === wcard.definition.params.count
                                && writing.lab.step === writing.lab.steps, 20000, "the figure writes the question's tokens")
                fuzzyCompare(writing.lab.writtenShare, Number(share[1]), 0.006)
                // The caption names the revealed question's generation; following the settings
                // above again, it describes the generation above instead.
                const frame = frameOf(writing)
                const asked = wcard.definition.params
                verify(frame.caption.indexOf("Showing the question's generation (seed " + asked.seed + ", temperature "
                                             + Theme.fixed(asked.temperature, 1) + ")") === 0, frame.caption)
                writing.followSettings = true
                verify(writing.pinned === null)
                verify(frame.caption.indexOf("The generation above, one token at a time") === 0, frame.caption)
                writing.followSettings = false
            })
        }

        function test_not() {
            // The census table turns to the head the label question asks about: hidden before the
            // commit, shown after it with that head's weight on the learner's text repeated.
            const censusTable = s => first(s.page, i => i.askedHeadShown !== undefined && i.census !== undefined)
            const labelCard = s => s.list.cardItems.find(c => c.definition.id === "not-label-stable")
            station(notC, "not", s => {
                const t = censusTable(s), asked = labelCard(s).answer.focusHead
                verify(asked !== undefined && asked !== "", "the label question names its head")
                compare(t.census.layer + "." + t.census.head, asked)
                verify(t.askedHeadShown, "the asked head's labels and scores are hidden")
                tryVerify(() => t.census.rows.length > 0 && !t.census.busy, 30000)
                const cells = all(t, i => i.visible && i.r !== undefined && i.c !== undefined && i.c >= 1)
                verify(cells.length > 0)
                for (const cell of cells) compare(cell.text, "?")
                verify(!first(t, i => i.objectName === "censusAnswerLine").visible)
                // The worked example of attention's share stays open while the share question waits:
                // it is on a fixed text, never the learner's, and shows every layer's two parts.
                const ex = first(s.page, i => i.objectName === "shareExample")
                tryVerify(() => ex.lab.example.text !== undefined, 30000, "the worked example is computed")
                verify(ex.visible && ex.lab.example.text !== ModelHub.text)
                compare(ex.lab.example.attention.length, ModelHub.nLayer)
                const e = ex.lab.example
                fuzzyCompare(e.share, e.attentionSize / (e.attentionSize + e.mlpSize), 1e-9)
                verify(visibleTexts(s.page).join("\n").indexOf("Attention's share: ") >= 0)
                // The head's pushes sit behind the share question's veil with the bars.
                verify(!first(s.page, i => i.objectName === "pushLayer").visible)
                // The three-way question hides only its answer: the removal column and the description
                // that names removal's first position. The raw weights and the value-weighted shares,
                // its clue, stay open, with the removal column's title saying what is hidden.
                const three = first(s.page, i => i.objectName === "threeWay")
                tryVerify(() => three.rows.length > 0 && !three.lab.busy, 30000, "the three-way figure is computed")
                const hidden = veilsFor(three, "three-way")
                compare(hidden.length, 2, "the removal column and the description are veiled")
                for (const p of hidden)
                    verify(p.veiled && !p.content.visible, "removal's results are hidden before the commit")
                const columns = all(three, i => i.objectName === "veil:")
                compare(columns.length, 2, "the raw-weight and value-weighted columns never veil")
                for (const p of columns)
                    verify(!p.veiled && p.content.visible, "the weights and the value-weighted shares are shown")
                const texts = visibleTexts(three).join("\n")
                verify(texts.indexOf("Raw weight") >= 0 && texts.indexOf("Value-weighted share") >= 0)
                verify(texts.indexOf("Value removed: change in logit(") >= 0)
                const removalFirst = three.rows[three.res.byRemoval[0]]
                verify(texts.indexOf(three.signed(removalFirst.change)) < 0, "no removal value is on screen")
                verify(texts.indexOf("changes the logit of") < 0, "the description naming removal's first is hidden")
            }, s => {
                const t = censusTable(s), card = labelCard(s)
                compare(t.census.layer + "." + t.census.head, card.answer.focusHead)
                // The removal column and the three-way description are back after the commit.
                const three = first(s.page, i => i.objectName === "threeWay")
                for (const p of veilsFor(three, "three-way"))
                    verify(!p.veiled && p.content.visible, "removal's results are shown after the commit")
                verify(!t.askedHeadShown)
                const line = first(t, i => i.objectName === "censusAnswerLine")
                verify(line.visible, "the asked head's weight on the repeated text is shown")
                compare(line.text, card.answer.detail)
                const swap = first(s.page, i => i.answerHeads !== undefined && i.lab !== undefined && i.lab.leastHeads !== undefined)
                const head = s.list.cardItems.find(c => c.definition.id === "not-least-sensitive").answer.focusHead
                verify(swap.answerHeads.indexOf(head) >= 0, "the pattern-swap grid outlines head " + head)
                verify(visibleTexts(s.page).join("\n").indexOf("barely moves the prediction: heads") >= 0)
                // The direct attribution's bars and their sum are back (the logit lens's table stayed).
                verify(visibleTexts(s.page).join("\n").indexOf("= attention") >= 0)
                verify(visibleTexts(s.page).join("\n").indexOf("first in the top 5") >= 0)
                // One head's pushes are back beside the bars: five tokens each way.
                verify(first(s.page, i => i.objectName === "pushLayer").visible)
                const pushes = first(s.page, i => i.objectName === "headPushes")
                compare(pushes.eff.up.length, 5)
                compare(pushes.eff.down.length, 5)
                verify(pushes.eff.up[0].push >= pushes.eff.part - 1e-4 && pushes.eff.down[0].push <= pushes.eff.part + 1e-4)
                verify(pushes.eff.strongest, "the head with the largest part of the answer comes first")
                // A head picked by the learner is shown, on the same pass, until the button goes back.
                const strongest = pushes.eff.layer + "." + pushes.eff.head
                const other = strongest === "0.1" ? [0, 0] : [0, 1]
                pushes.lab.pickHead(other[0], other[1])
                tryVerify(() => pushes.eff.layer === other[0] && pushes.eff.head === other[1] && !pushes.eff.strongest, 10000)
                compare(pushes.eff.up.length, 5)
                pushes.lab.pickStrongest()
                tryVerify(() => pushes.eff.strongest && pushes.eff.layer + "." + pushes.eff.head === strongest, 10000)
            })
        }
    }
}
