import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A station: its title and goal, the instrument (the station's own page, loaded from
// station.json's `page`) as the hero, and the station's prose beside it.
Page {
    id: page
    property string stationId
    property LessonCatalog catalog
    readonly property var station: catalog ? catalog.station(stationId, catalog.language) : ({})
    readonly property bool ready: station.status === "ready"
    readonly property string pageUrl: catalog ? catalog.pageUrl(stationId) : ""
    readonly property string prose: catalog ? catalog.prose(stationId, catalog.language) : ""
    // Predict, then see: a reading may hold a part that answers the page's own questions. It
    // starts at a line "<!-- after predicting -->" and stays hidden while the page's
    // `proseUnveiled` is false (a page without that property shows its whole reading).
    readonly property string veilMarker: "<!-- after predicting -->"
    readonly property bool proseUnveiled: instrumentPage ? instrumentPage.proseUnveiled === undefined
                                                           || instrumentPage.proseUnveiled
                                                         : false
    // The loaded station's page, held as `var`: every page is a StationScaffold, and some add
    // properties of their own (proseUnveiled, readsLearnerText) that are read here when present.
    readonly property var instrumentPage: instrument.item
    // The reading names the loaded model's sizes as {{model.KEY}} (beside GPT-2 small's); they are
    // filled in here, and again when another model is loaded.
    ModelFacts { id: facts }
    readonly property string shownProse: {
        const at = prose.indexOf(veilMarker)
        let shown = prose
        if (at >= 0)
            shown = proseUnveiled ? prose.slice(0, at) + prose.slice(at + veilMarker.length)
                                  : prose.slice(0, at) + "*" + qsTr("The rest of this reading opens once you have made your predictions.") + "*\n"
        return facts.fill(shown, facts.sizes)
    }
    property bool proseVisible: AppState.setting("station/proseVisible", true) !== false
                                && AppState.setting("station/proseVisible", "true") !== "false"
    title: station.title || ""
    background: Rectangle { color: Theme.background }

    Component.onCompleted: ProgressStore.markVisited(stationId)

    // --screenshot waits for this: a page with a `figuresReady` property says when its figures
    // (and its exercises' answers) show the model's results; other pages count as shown once
    // loaded. A page that is ready and then recomputes (the model finished loading, a new text)
    // reports that it is pending again.
    // A page pushed onto the course's StackView counts as shown only once its push transition has
    // ended: a page that is ready at once (Station 7 before training) was otherwise captured while
    // it was still sliding in, with the course map on screen.
    // A page popped off the stack loses its StackView (view turns null) a moment before it is
    // destroyed; it has no parent item then, and must not report the next page's figures as shown
    // while that page is still computing. A page outside any StackView (a test) has a parent.
    readonly property bool inPlace: StackView.view === null ? parent !== null
                                                            : StackView.status === StackView.Active
    onInPlaceChanged: reportWhenShown()
    function reportWhenShown() {
        if (!instrument.item)
            return
        if (!inPlace)
            AppState.reportFiguresPending()
        else if (instrumentPage.figuresReady === undefined || instrumentPage.figuresReady)
            AppState.reportFiguresShown()
        else
            AppState.reportFiguresPending()
    }
    Connections {
        target: instrument.item
        ignoreUnknownSignals: true
        function onFiguresReadyChanged() { page.reportWhenShown() }
    }

    // Keyboard only: whatever Tab moves the focus to is scrolled into view.
    Connections {
        target: page.Window.window
        function onActiveFocusItemChanged() { Qt.callLater(page.showFocusedItem) }
    }
    function showFocusedItem() {
        const w = page.Window.window
        const item = w ? w.activeFocusItem : null
        if (!item || !item.visible)
            return
        for (let p = item.parent; p; p = p.parent) {
            if (p.contentY !== undefined && p.contentHeight !== undefined && p.flickableDirection !== undefined) {
                const top = item.mapToItem(p.contentItem, 0, 0).y
                const bottom = top + item.height
                const margin = Theme.spacingL
                if (top - margin < p.contentY)
                    p.contentY = Math.max(0, top - margin)
                else if (bottom + margin > p.contentY + p.height)
                    p.contentY = Math.min(Math.max(0, p.contentHeight - p.height), bottom + margin - p.height)
                return
            }
        }
    }

    header: Rectangle {
        color: Theme.background
        implicitHeight: headRow.implicitHeight + 2 * Theme.spacing
        RowLayout {
            id: headRow
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingL
            anchors.rightMargin: Theme.spacingL
            spacing: Theme.spacing
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    text: qsTr("Station %1 · %2").arg(page.station.order || "?").arg(page.station.title || page.stationId)
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.text
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: page.station.goal || ""
                    color: Theme.textMuted
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                // Texts that show what this station teaches (station.json's `presets`); a click
                // makes one the text every station works on.
                Flow {
                    visible: (page.station.presets || []).length > 0
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Label { text: qsTr("Try a text:"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; topPadding: 3 }
                    Repeater {
                        model: page.station.presets || []
                        delegate: Button {
                            required property var modelData
                            text: modelData.title
                            font.pixelSize: Theme.fontSmall
                            topPadding: 3
                            bottomPadding: 3
                            leftPadding: 8
                            rightPadding: 8
                            implicitHeight: contentItem.implicitHeight + topPadding + bottomPadding
                            checkable: false
                            highlighted: ModelHub.text === modelData.text
                            ToolTip.visible: hovered
                            ToolTip.delay: 400
                            ToolTip.text: modelData.why
                            Accessible.name: qsTr("Use the text: %1").arg(modelData.title)
                            Accessible.description: modelData.why
                            onClicked: ModelHub.text = modelData.text
                        }
                    }
                }
            }
            FocusButton {
                visible: page.prose !== ""
                text: page.proseVisible ? qsTr("Hide the reading") : qsTr("Show the reading")
                checkable: false
                onClicked: {
                    page.proseVisible = !page.proseVisible
                    AppState.setSetting("station/proseVisible", page.proseVisible)
                }
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        NoticeBar {
            Layout.fillWidth: true
            visible: !page.ready
            dismissable: false
            text: qsTr("This station is not built yet. Its figures and exercises are still being written; what you see below may be incomplete.")
        }
        // A text longer than the course reads: say how much of it every figure shows (on every
        // page that reads the learner's text; one with `readsLearnerText: false` does not).
        NoticeBar {
            objectName: "truncationNotice"
            Layout.fillWidth: true
            visible: ModelHub.truncationNotice !== ""
                     && !(page.instrumentPage && page.instrumentPage.readsLearnerText === false)
            dismissable: false
            text: ModelHub.truncationNotice
        }
        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Horizontal

            Item {
                SplitView.fillWidth: true
                SplitView.minimumWidth: 480
                Loader {
                    id: instrument
                    anchors.fill: parent
                    active: page.pageUrl !== ""
                    source: page.pageUrl
                    asynchronous: false
                    onLoaded: {
                        if (page.instrumentPage.stationId !== undefined)
                            page.instrumentPage.stationId = page.stationId
                        if (item.catalog !== undefined)
                            item.catalog = page.catalog
                        Qt.callLater(page.reportWhenShown)
                    }
                }
                Label {
                    anchors.centerIn: parent
                    width: Math.min(parent.width - 2 * Theme.spacingXL, 520)
                    visible: page.pageUrl === "" || instrument.status === Loader.Error
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontLarge
                    text: instrument.status === Loader.Error
                          ? qsTr("This station's page could not be opened (%1).").arg(page.station.page || "")
                          : qsTr("This station has no figures yet.")
                }
            }

            Rectangle {
                visible: page.proseVisible && page.prose !== ""
                SplitView.preferredWidth: Math.max(320, Math.min(440, page.width * 0.3))
                SplitView.minimumWidth: 260
                color: Theme.surface
                Rectangle { width: 1; height: parent.height; color: Theme.border }
                ScrollView {
                    id: proseScroll
                    anchors.fill: parent
                    anchors.leftMargin: 1
                    contentWidth: availableWidth
                    clip: true
                    Label {
                        id: proseText
                        objectName: "proseText"
                        width: proseScroll.availableWidth
                        padding: Theme.spacingL
                        text: page.shownProse
                        textFormat: Text.MarkdownText
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        linkColor: Theme.accent
                        palette.link: Theme.accent // Markdown links take the palette's colour
                        lineHeight: 1.2
                        onLinkActivated: (link) => {
                            if (link.startsWith("glossary:"))
                                glossaryPopup.show(link.substring(9))
                            else
                                Qt.openUrlExternally(link)
                        }
                        Accessible.role: Accessible.StaticText
                        Accessible.name: qsTr("Station reading")
                    }
                }
            }
        }
    }

    // A glossary term from the prose's [words](glossary:id) links: its definition and source.
    Popup {
        id: glossaryPopup
        objectName: "glossaryPopup"
        property var entry: ({})
        function show(id) {
            entry = page.catalog ? page.catalog.glossaryEntry(id) : ({})
            if (entry.term !== undefined)
                open()
        }
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - 2 * Theme.spacingXL, 460)
        modal: true
        focus: true
        padding: Theme.spacingL
        background: Rectangle { color: Theme.surface; border.color: Theme.border; radius: 8 }
        contentItem: ColumnLayout {
            spacing: Theme.spacingS
            Accessible.role: Accessible.Dialog
            Accessible.name: qsTr("Glossary: %1").arg(glossaryPopup.entry.term || "")
            Label {
                text: glossaryPopup.entry.term || ""
                font.pixelSize: Theme.fontLarge
                font.weight: Font.DemiBold
                color: Theme.text
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "glossaryDefinition"
                text: facts.fill(glossaryPopup.entry.definition || "", facts.sizes)
                color: Theme.text
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            Label {
                text: qsTr("Source: %1").arg(glossaryPopup.entry.source || "")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            Button {
                text: qsTr("Close")
                Layout.alignment: Qt.AlignRight
                onClicked: glossaryPopup.close()
            }
        }
    }
}
