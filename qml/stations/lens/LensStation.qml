import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import AttentionLens

// Station 1, the Attention Lens: type text, see each token's attention in any layer and head.
StationScaffold {
    id: station
    stationId: "lens"
    // The figures show the model's results for the current text. While the model is still
    // loading there is nothing to show yet: that is not "ready".
    labsReady: lens.hasResult && lens.upToDate && !lens.busy
    needsModel: true
    needsModelText: qsTr("The lens needs a GPT-2-style model. Open the model library from the top bar (“Get a model…”), or start the app with --model FOLDER.")
    // The exercise asks about the learner's tokens: there is nothing to ask before there are some.
    exercisesShown: lens.tokenCount > 0
    property var finding: ({})

    LensController {
        id: lens
        text: ModelHub.text
        onResultChanged: {
            // In a screenshot, show a query's attention so the picture explains itself.
            if (AppState.screenshotMode && tokenCount > 1 && strip.pinned < 0) {
                strip.pinned = tokenCount - 1
                focusToken = tokenCount - 1
            }
        }
        onExported: (kind, path, error) => {
            if (error !== "")
                station.finding = { title: qsTr("Export"), why: qsTr("Could not save %1: %2").arg(path).arg(error) }
        }
        onInductionFindingChanged: {
            if (inductionFinding.layer !== undefined) {
                layer = inductionFinding.layer
                head = inductionFinding.head
                station.finding = inductionFinding
            } else if (inductionFinding.error !== undefined) {
                station.finding = { title: qsTr("Induction head"), why: qsTr("The induction test failed: %1").arg(inductionFinding.error) }
            }
        }
    }

    // The learner's own text, kept while the induction finder shows its repeated sample in its
    // place (every station reads the one text), so that it can be put back with one click.
    property string textBeforeSample: ""
    readonly property bool canRestoreText: textBeforeSample !== "" && ModelHub.text === lens.inductionSample

    function isInside(item, ancestor) {
        for (let p = item; p; p = p.parent)
            if (p === ancestor)
                return true
        return false
    }

    function findHead(kind) {
        if (kind === "induction") {
            station.finding = { title: qsTr("Induction head"), why: qsTr("Running the induction test on a repeated random sequence…") }
            if (ModelHub.text !== lens.inductionSample)
                station.textBeforeSample = ModelHub.text
            ModelHub.text = lens.inductionSample
            lens.findInductionHead()
            return
        }
        const f = lens.findHead(kind)
        if (f.layer === undefined) {
            station.finding = { title: "", why: qsTr("Type a few more tokens first.") }
            return
        }
        lens.layer = f.layer
        lens.head = f.head
        station.finding = f
    }

    // ---- the exercise: predict which earlier token the last token attends to most ----
    // It runs through the same ExerciseSet as every station (the answer, and the head it asks
    // about, come from the exercise engine); this page only points the lens at that head, lets
    // the learner pick with the token strip, and hides what its exercise's `veils` name.
    readonly property var lensCard: station.exercises.cardItems[0] || null
    readonly property bool exerciseActive: lensCard !== null && lensCard.started
    readonly property bool exOpen: lensCard !== null && lensCard.open
    readonly property bool exRevealed: lensCard !== null && lensCard.revealed
    readonly property var exAnswerMap: lensCard ? lensCard.answer : ({})
    readonly property int exQuery: exAnswerMap.row !== undefined && exAnswerMap.row >= 0 ? exAnswerMap.row : -1
    readonly property int exLayer: exAnswerMap.focusHead ? parseInt(exAnswerMap.focusHead.split(".")[0]) : 0
    readonly property int exHead: exAnswerMap.focusHead ? parseInt(exAnswerMap.focusHead.split(".")[1]) : 0
    // A token question picks on the strip; a number question about a weight in the asked row (the
    // weight on the token before it) marks that token's column once revealed.
    readonly property bool exPicksToken: lensCard !== null && lensCard.definition.kind === "token"
    readonly property int exPrediction: exPicksToken && lensCard.prediction !== "" ? parseInt(lensCard.prediction) : -1
    readonly property int exAnswer: !exRevealed ? -1 : exPicksToken ? parseInt(lensCard.result.answer)
                                                                   : (exQuery > 0 ? exQuery - 1 : -1)
    readonly property bool exHideFirst: lensCard !== null && lensCard.definition.params !== undefined
                                        && lensCard.definition.params.hide_first === true

    function showExerciseHead() {
        if (!exAnswerMap.focusHead) return
        lens.layer = exLayer; lens.head = exHead
        lens.hideFirst = exHideFirst
        lens.valueWeighted = false // the exercise asks about the raw weights
    }
    onExOpenChanged: {
        if (exOpen) {               // started: the lens shows the head asked about, nothing pinned
            showExerciseHead()
            strip.pinned = -1
            lens.focusToken = -1
            strip.forceActiveFocus()
        }
    }
    onExRevealedChanged: {
        if (exRevealed) {           // committed: the answer's row, pinned, with its weights back
            showExerciseHead()
            strip.pinned = exQuery
            lens.focusToken = exQuery
        }
    }
    // The answer arrives after Start when the text has just changed: point the lens then.
    onExAnswerMapChanged: if (exOpen) showExerciseHead()

    // A plain Column (not a layout) so that heights flow down without feeding back into widths.
    // The lens is one instrument: its exercise is asked in it, between the text and the tokens
    // that the learner clicks to predict (ExerciseList places the card in `exerciseSlot`).
    Column {
        id: content
        Layout.fillWidth: true
        topPadding: 1
        spacing: Theme.spacingL
        readonly property Item exerciseSlot: lensSlot

        // ---- the text ----
        ColumnLayout {
            width: parent.width
            spacing: Theme.spacingS
            Label {
                text: qsTr("Your text")
                font.weight: Font.DemiBold
                color: Theme.text
            }
            TextArea {
                id: input
                objectName: "lensInput"
                Layout.fillWidth: true
                Layout.maximumHeight: 120
                text: ModelHub.text
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("Type any text; the lens updates as you type.")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                onTextChanged: if (text !== ModelHub.text) ModelHub.text = text
                Accessible.name: qsTr("Text for the model to read")
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.surface
                    border.width: input.activeFocus ? 2 : 1
                    border.color: input.activeFocus ? Theme.focusRing : Theme.border
                }
                // Tab leaves the text (instead of typing a tab) for what follows it: the
                // exercise's card when one is asked here, else the token strip.
                Keys.priority: Keys.BeforeItem
                Keys.onTabPressed: (event) => {
                    const next = lensSlot.visible ? input.nextItemInFocusChain(true) : null
                    ;(next && station.isInside(next, lensSlot) ? next : strip).forceActiveFocus(Qt.TabFocusReason)
                    event.accepted = true
                }
            }
            Label {
                color: lens.error !== "" ? Theme.warning : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                text: lens.error !== "" ? qsTr("The model could not read this text: %1").arg(lens.error)
                      : lens.notice !== "" ? lens.notice
                      : lens.tokenCount === 0 ? (lens.busy ? qsTr("Reading…") : " ")
                      : qsTr("%n token(s)", "", lens.tokenCount) + " · "
                        + (lens.busy ? qsTr("updating…") : qsTr("computed in %1 ms").arg(lens.milliseconds < 1 ? Theme.fixed(lens.milliseconds, 2) : Theme.fixed(lens.milliseconds, 0)))
                        + (lens.reusedPrefix > 0 ? qsTr(" (the first %1 reused from before)").arg(lens.reusedPrefix) : "")
            }
        }

        // ---- the exercise, asked where the learner answers it ----
        ColumnLayout {
            id: lensSlot
            objectName: "exerciseSlot"
            width: parent.width
            visible: children.length > 0
            spacing: Theme.spacing
        }

        // ---- the tokens ----
        Column {
            width: parent.width
            spacing: Theme.spacingS
            visible: lens.tokenCount > 0
            RowLayout {
                width: parent.width
                Label {
                    text: qsTr("Tokens")
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    text: station.exOpen && station.exPicksToken
                          ? qsTr("Exercise: click the token you predict (or use ← → and Enter). The weights are hidden until you commit your prediction.")
                          : station.exOpen
                          ? qsTr("Exercise: read the rows you can see, then type your prediction in the card. The asked row's weights are hidden until you commit your prediction.")
                          : qsTr("Point at a token (or use ← →) to see where it looks in layer %1, head %2. Click to pin it. Dashed chips are pieces of one word; a hook over a chip on an earlier line is an arc to it.")
                            .arg(lens.layer).arg(lens.head)
                }
                // The chips and arcs as drawn now (the pinned token's row), as vectors and numbers.
                Label { text: qsTr("Arcs:"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
                FocusButton {
                    objectName: "saveArcsSvgButton"
                    enabled: !strip.inert && !strip.veiled && !matrixView.rowVeiled
                    text: qsTr("SVG…")
                    Accessible.name: qsTr("Save the tokens and arcs as SVG")
                    onClicked: station.exportAs("arcs-svg")
                }
                FocusButton {
                    objectName: "saveArcsJsonButton"
                    enabled: !strip.inert && !strip.veiled && !matrixView.rowVeiled
                    text: qsTr("JSON…")
                    Accessible.name: qsTr("Save the shown token's weights as JSON")
                    onClicked: station.exportAs("arcs-json")
                }
            }
            TokenStrip {
                id: strip
                width: parent.width
                height: implicitHeight
                lens: lens
                objectName: "veil:lens-strip"
                readonly property bool veiled: station.veils.hides("lens-strip")
                choosing: station.exOpen && veiled && station.exPicksToken
                weightsHidden: station.exOpen && veiled
                exerciseQuery: station.exerciseActive ? station.exQuery : -1
                predicted: station.exerciseActive ? station.exPrediction : -1
                answer: station.exRevealed ? station.exAnswer : -1
                onTokenChosen: (i) => { if (station.exPicksToken && i <= station.exQuery) station.lensCard.prediction = String(i) }
            }
        }

        Label {
            visible: lens.tokenCount === 0 && !lens.busy
            text: qsTr("Type some text above to see the model's attention.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontLarge
        }

        // ---- the figures ----
        GridLayout {
            id: figures
            width: parent.width
            visible: lens.tokenCount > 0
            columns: width > 760 ? 2 : 1
            columnSpacing: Theme.spacingXL
            rowSpacing: Theme.spacingL

            ColumnLayout {
                id: figure
                objectName: "lensFigure"
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacingS
                Label {
                    text: qsTr("Layer %1, head %2: who attends to whom").arg(lens.layer).arg(lens.head)
                    font.weight: Font.DemiBold
                    font.pixelSize: Theme.fontLarge
                    color: Theme.text
                }
                // Raw weights or the value-weighted view (Kobayashi et al. 2020); chips, arcs and
                // matrix follow. Off and locked while an exercise waits: its answer is a raw weight.
                RowLayout {
                    objectName: "weightKindToggle"
                    spacing: Theme.spacingS
                    enabled: !station.exOpen
                    Label { text: qsTr("Show:"); color: Theme.text }
                    RadioButton {
                        objectName: "rawWeightsButton"
                        text: qsTr("Raw weights")
                        checked: !lens.valueWeighted
                        onToggled: if (checked) lens.valueWeighted = false
                        Accessible.name: text
                    }
                    RadioButton {
                        objectName: "valueWeightedButton"
                        text: qsTr("Value-weighted")
                        checked: lens.valueWeighted
                        onToggled: if (checked) lens.valueWeighted = true
                        Accessible.name: text
                        Accessible.description: ToolTip.text
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Each weight times the size of what that token's value writes into the head's output (Kobayashi et al. 2020).")
                    }
                }
                Label {
                    objectName: "valueWeightedCaption"
                    visible: lens.valueWeighted
                    text: lens.valueWeightsReady
                          ? qsTr("Value-weighted: weight × size of what the token's value writes, rescaled so a row sums to 1. Chips, arcs and matrix show it.")
                          : qsTr("Value-weighted: computing the sizes of the values…")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.maximumWidth: matrixView.implicitWidth
                }
                MatrixView {
                    id: matrixView
                    lens: lens
                    side: Math.max(220, Math.min(460, (figures.columns === 2 ? figures.width * 0.5 : figures.width) - 150))
                    Layout.preferredWidth: implicitWidth
                    Layout.preferredHeight: implicitHeight
                    logScale: logBox.checked
                    veils: station.veils
                    rowVeilKey: "lens-matrix-row"
                    veiledRow: station.exQuery
                    answerColumn: station.exRevealed && lens.layer === station.exLayer && lens.head === station.exHead ? station.exAnswer : -1
                }
                Flow {
                    Layout.fillWidth: true
                    Layout.maximumWidth: matrixView.implicitWidth
                    spacing: Theme.spacingS
                    CheckBox {
                        id: logBox
                        text: qsTr("Log scale")
                        Accessible.name: text
                        Accessible.description: ToolTip.text
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Spread small weights apart: colours follow log10 of the weight.")
                    }
                    CheckBox {
                        text: qsTr("Hide the first token")
                        Accessible.name: text
                        Accessible.description: ToolTip.text
                        checked: lens.hideFirst
                        onToggled: lens.hideFirst = checked
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Leave out the first token and renormalise the rest to sum to 1; the first token often takes most of the attention (a 'sink').")
                    }
                    FocusButton {
                        objectName: "savePngButton"
                        enabled: !matrixView.rowVeiled
                        text: qsTr("Save figure as PNG…")
                        onClicked: station.exportAs("figure-png")
                    }
                    // The same figure as vectors (the tokens kept as text) and its numbers.
                    FocusButton {
                        objectName: "saveSvgButton"
                        enabled: !matrixView.rowVeiled
                        text: qsTr("SVG…")
                        Accessible.name: qsTr("Save figure as SVG")
                        onClicked: station.exportAs("matrix-svg")
                    }
                    FocusButton {
                        objectName: "saveJsonButton"
                        enabled: !matrixView.rowVeiled
                        text: qsTr("JSON…")
                        Accessible.name: qsTr("Save the figure's numbers as JSON")
                        onClicked: station.exportAs("matrix-json")
                    }
                    FocusButton {
                        objectName: "copyCsvButton"
                        enabled: !matrixView.rowVeiled
                        text: qsTr("Copy matrix as CSV")
                        onClicked: { AppState.copyToClipboard(lens.matrixCsv()); copied.visible = true; copiedTimer.restart() }
                    }
                    Label {
                        id: copied
                        objectName: "copiedNote"
                        visible: false
                        text: qsTr("Copied.")
                        color: Theme.good
                        Timer { id: copiedTimer; interval: 2000; onTriggered: copied.visible = false }
                    }
                }
            }

            ColumnLayout {
                Layout.alignment: Qt.AlignTop
                Layout.fillWidth: true
                spacing: Theme.spacing
                RowLayout {
                    spacing: Theme.spacingS
                    Label { text: qsTr("Layer"); color: Theme.text }
                    SpinBox {
                        id: layerBox
                        from: 0; to: Math.max(0, lens.nLayer - 1)
                        value: lens.layer
                        editable: true
                        onValueModified: lens.layer = value
                        Accessible.name: qsTr("Layer")
                    }
                    Label { text: qsTr("Head"); color: Theme.text; Layout.leftMargin: Theme.spacing }
                    SpinBox {
                        from: 0; to: Math.max(0, lens.nHead - 1)
                        value: lens.head
                        editable: true
                        onValueModified: lens.head = value
                        Accessible.name: qsTr("Head")
                    }
                }
                Label {
                    text: qsTr("All heads for this text (rows: layers, columns: heads). Click one to select it.")
                          + (lens.overviewValueWeighted ? " " + qsTr("Value-weighted, like the matrix.")
                             : lens.valueWeighted ? " " + qsTr("Raw weights until every head's value sizes are computed…") : "")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Veiled {
                    veils: station.veils
                    key: "lens-overview"
                    HeadOverview {
                        id: headOverview
                        lens: lens
                        logScale: logBox.checked
                        // Every head fits the column beside the matrix (12 x 12 beside the
                        // open reading at 1280 x 800): the room the grid gets, from widths
                        // that do not depend on the grid (no feedback through the layout).
                        gridWidth: Math.max(120, (figures.columns === 2 ? figures.width - figure.implicitWidth - figures.columnSpacing
                                                                       : figures.width) - 40)
                    }
                }
                // Every head's pattern holds the asked row too: no export while either part is hidden.
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    readonly property bool veiled: station.veils.hides("lens-overview") || matrixView.rowVeiled
                    Label { text: qsTr("All heads:"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; height: headsPng.height; verticalAlignment: Text.AlignVCenter }
                    FocusButton {
                        id: headsPng
                        objectName: "saveHeadsPngButton"
                        enabled: !parent.veiled
                        text: qsTr("PNG…")
                        Accessible.name: qsTr("Save all heads as PNG")
                        onClicked: station.exportAs("heads-png")
                    }
                    FocusButton {
                        objectName: "saveHeadsSvgButton"
                        enabled: !parent.veiled
                        text: qsTr("SVG…")
                        Accessible.name: qsTr("Save all heads as SVG")
                        onClicked: station.exportAs("heads-svg")
                    }
                    FocusButton {
                        objectName: "saveHeadsJsonButton"
                        enabled: !parent.veiled
                        text: qsTr("JSON…")
                        Accessible.name: qsTr("Save every head's weights as JSON")
                        onClicked: station.exportAs("heads-json")
                    }
                }
                Label {
                    text: qsTr("Find a head")
                    font.weight: Font.DemiBold
                    color: Theme.text
                    Layout.topMargin: Theme.spacingS
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    // The card asks about the strongest previous-token head: this finder would
                    // name it, so it waits until the card is answered (or shown without predicting).
                    FocusButton {
                        text: qsTr("Previous token")
                        enabled: station.lensCard === null || station.exRevealed
                        onClicked: station.findHead("previous-token")
                    }
                    FocusButton { text: qsTr("Attention sink"); onClicked: station.findHead("sink") }
                    FocusButton { text: qsTr("Most decisive"); onClicked: station.findHead("decisive") }
                    FocusButton { text: qsTr("Induction"); onClicked: station.findHead("induction") }
                }
                Label {
                    visible: station.lensCard !== null && !station.exRevealed
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    text: qsTr("“Previous token” opens once you have answered this figure's question.")
                }
                Rectangle {
                    visible: station.finding.why !== undefined
                    Layout.fillWidth: true
                    implicitHeight: findingText.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.accentSoft
                    Label {
                        id: findingText
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        textFormat: Text.StyledText
                        text: (station.finding.title ? "<b>" + station.finding.title + "</b> · " : "")
                              + (station.finding.why || "")
                              + (station.finding.layer !== undefined ? "<br/><i>" + qsTr("A label like this is a heuristic read off one pattern, not a proof of what the head does.") + "</i>" : "")
                    }
                }
                // The induction test put its own text in place of the learner's, on every station.
                Rectangle {
                    objectName: "restoreTextNotice"
                    visible: station.canRestoreText
                    Layout.fillWidth: true
                    implicitHeight: restoreRow.implicitHeight + 2 * Theme.spacingS
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    border.color: Theme.border
                    RowLayout {
                        id: restoreRow
                        anchors.fill: parent
                        anchors.margins: Theme.spacingS
                        spacing: Theme.spacing
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            color: Theme.text
                            font.pixelSize: Theme.fontSmall
                            text: qsTr("The induction test replaced your text with a repeated random sequence, on every station.")
                        }
                        FocusButton {
                            objectName: "restoreTextButton"
                            text: qsTr("Undo: restore my text")
                            onClicked: {
                                ModelHub.text = station.textBeforeSample
                                station.textBeforeSample = ""
                            }
                        }
                    }
                }
            }
        }
    }

    // One dialog for every export; `kind` says which figure and which format.
    function exportAs(kind) {
        saveDialog.kind = kind
        saveDialog.open()
    }

    FileDialog {
        id: saveDialog
        objectName: "savePngDialog"
        property string kind: "figure-png"
        readonly property string suffix: kind.substring(kind.indexOf("-") + 1)
        title: suffix === "svg" ? qsTr("Save the figure as SVG")
             : suffix === "json" ? qsTr("Save the figure's numbers as JSON")
             : qsTr("Save the figure as PNG")
        fileMode: FileDialog.SaveFile
        nameFilters: suffix === "svg" ? [qsTr("SVG images (*.svg)")]
                   : suffix === "json" ? [qsTr("JSON files (*.json)")]
                   : [qsTr("PNG images (*.png)")]
        defaultSuffix: suffix
        onAccepted: {
            const path = AppState.localPath(selectedFile)
            // Qt's own dialog can hand back just the suffix when no name was typed: never write
            // a hidden ".png" somewhere unexpected, say so instead.
            const name = path.substring(path.lastIndexOf("/") + 1)
            if (name === "" || name.startsWith(".")) {
                station.finding = { title: qsTr("Export"), why: qsTr("The figure was not saved: no file name was given. Type a name, press Enter, then Save.") }
                return
            }
            const item = kind.startsWith("heads") ? headOverview : figure
            const arcs = kind.startsWith("arcs")
            if (suffix === "png") {
                item.grabToImage((result) => {
                    // Written beside the file and renamed over it: a full disk leaves an earlier export whole.
                    if (AppState.saveImage(result.image, path) !== "")
                        station.finding = { title: qsTr("Export"), why: qsTr("Could not save the image to %1.").arg(path) }
                })
                return
            }
            // Drawn from the figure's numbers at its size on screen, written the same safe way.
            lens.exportFigure(kind, path, {
                width: arcs ? strip.drawingWidth : item.width, height: arcs ? strip.drawingHeight : item.height,
                logScale: logBox.checked, tile: headOverview.tile, gap: headOverview.gapPx,
                chips: arcs ? strip.chipBoxes() : [],
                model: ModelHub.modelName, modelFolder: ModelHub.modelDir })
        }
    }
}
