import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The shell: a header (title, back, model indicator) over a stack of the course map and pages.
ApplicationWindow {
    id: window
    width: 1280
    height: 800
    minimumWidth: 820
    minimumHeight: 560
    visible: true
    title: stack.depth > 1 && stack.currentItem && (stack.currentItem as Page).title
           ? qsTr("%1 — Attention Lens").arg((stack.currentItem as Page).title) : qsTr("Attention Lens")
    color: Theme.background

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceAlt
    palette.text: Theme.text
    palette.button: Theme.surfaceAlt
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.textOnAccent
    // The Basic style writes a checked or highlighted button's label in brightText, on the
    // palette's dark (Theme.checkedFill) or on a choice's accentSoft: body text is readable on both.
    palette.brightText: Theme.text
    palette.mid: Theme.border
    palette.dark: Theme.checkedFill
    palette.light: Theme.surface
    palette.midlight: Theme.surfaceAlt
    palette.placeholderText: Theme.textMuted
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text
    font.pixelSize: Theme.fontBody

    LessonCatalog { id: catalog }

    function openStation(id) {
        const i = catalog.indexOf(id)
        if (i < 0)
            return false
        while (stack.depth > 1)
            stack.pop(null, StackView.Immediate)
        AppState.releaseFreedMemory() // the page just left freed its objects and results
        // A --screenshot captures the page in place, not halfway through its slide-in.
        stack.push(stationPage, { stationId: id, catalog: catalog }, AppState.screenshotMode ? StackView.Immediate : StackView.PushTransition)
        AppState.setSetting("lastStation", id)
        return true
    }
    function openLibrary() {
        const url = "qrc:/AttentionLens/library/ModelLibraryPage.qml"
        if (AppState.exists(url))
            stack.push(url)
        else
            noLibrary.open()
    }
    function openAbout() {
        stack.push("qrc:/AttentionLens/AboutPage.qml")
    }
    function goHome() {
        while (stack.depth > 1)
            stack.pop(null, StackView.Immediate)
        AppState.releaseFreedMemory()
        AppState.setSetting("lastStation", "")
    }

    Component.onCompleted: {
        if (!AppState.screenshotMode) {
            const g = AppState.restoredWindowGeometry()
            if (g.width > 300 && g.height > 300) {
                x = g.x; y = g.y; width = g.width; height = g.height
            }
            if (AppState.setting("window/maximized", false) === true || AppState.setting("window/maximized", "false") === "true")
                window.visibility = Window.Maximized
        }
        const start = AppState.initialStation !== "" ? AppState.initialStation : AppState.setting("lastStation", "")
        if (start && start !== "" && start !== "map" && !openStation(start) && AppState.initialStation !== "")
            unknownStation.text = qsTr("There is no station called “%1”; here is the course map.").arg(start)
    }
    // --screenshot of the course map: nothing to wait for once the map is laid out.
    Timer {
        running: AppState.screenshotMode && stack.depth === 1 && !ModelHub.loading
        interval: 500
        onTriggered: AppState.reportFiguresShown()
    }

    onClosing: {
        AppState.setSetting("window/maximized", window.visibility === Window.Maximized)
        if (window.visibility !== Window.Maximized)
            AppState.setSetting("window/geometry", Qt.rect(x, y, width, height))
    }

    header: ShellHeader {
        canGoBack: stack.depth > 1
        pageTitle: stack.depth > 1 && stack.currentItem ? ((stack.currentItem as Page).title || "") : ""
        onBackRequested: window.goHome()
        onLibraryRequested: window.openLibrary()
        onAboutRequested: window.openAbout()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        NoticeBar {
            id: unknownStation
            Layout.fillWidth: true
            visible: text !== ""
            onDismissed: text = ""
        }
        NoticeBar {
            Layout.fillWidth: true
            visible: !ModelHub.ready && !ModelHub.loading && ModelHub.error !== ""
            text: ModelHub.error
            actionText: qsTr("Open the model library")
            onActionTriggered: window.openLibrary()
        }
        NoticeBar {
            Layout.fillWidth: true
            visible: ModelHub.ready && ModelHub.error !== ""
            text: ModelHub.error + " " + qsTr("The previous model is still loaded.")
        }
        // Saving progress or settings failed (read-only folder, full disk): said once per message.
        NoticeBar {
            objectName: "progressNotice"
            property string dismissedText: ""
            Layout.fillWidth: true
            visible: ProgressStore.notice !== "" && ProgressStore.notice !== dismissedText
            text: ProgressStore.notice
            onDismissed: dismissedText = ProgressStore.notice
        }
        NoticeBar {
            objectName: "settingsNotice"
            property string dismissedText: ""
            Layout.fillWidth: true
            visible: AppState.settingsNotice !== "" && AppState.settingsNotice !== dismissedText
            text: AppState.settingsNotice
            onDismissed: dismissedText = AppState.settingsNotice
        }
        StackView {
            id: stack
            Layout.fillWidth: true
            Layout.fillHeight: true
            initialItem: CourseMap {
                catalog: catalog
                onStationChosen: (id) => window.openStation(id)
                onLibraryRequested: window.openLibrary()
            }
        }
    }

    Component {
        id: stationPage
        StationPage {}
    }

    Dialog {
        id: noLibrary
        anchors.centerIn: parent
        modal: true
        title: qsTr("Switching models")
        standardButtons: Dialog.Ok
        Label {
            width: 420
            wrapMode: Text.WordWrap
            text: qsTr("The model library is not part of this build yet. To use another model, start the app with --model FOLDER, where FOLDER holds a GPT-2-style model (config.json, model.safetensors, vocab.json, merges.txt).")
        }
    }
}
