import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import AttentionLens

// The model library: the course model, GPT-2 small (and its family) to download in one click,
// models already on disk (downloaded, in the Hugging Face cache, or opened from a folder), and
// "Open a folder…". Switching keeps the learner's text and station; the stations recompute.
Page {
    id: page
    objectName: "modelLibraryPage"
    title: qsTr("Model library")
    background: Rectangle { color: Theme.background }

    // The page can be given its own instances (tests); by default it makes them.
    property ModelLibraryModel library: ModelLibraryModel {}
    property DownloadController downloads: DownloadController {}
    property string folderError: ""

    Component.onCompleted: library.refresh()

    Connections {
        target: page.downloads
        function onFinished(ok, dir) { page.library.refresh() }
    }
    Connections {
        target: ModelHub
        function onModelChanged() { page.library.refresh() }
    }
    Connections {
        target: page.library
        function onFolderOpened(problem) { page.folderError = problem }
    }

    function kindLabel(kind) {
        switch (kind) {
        case "embedded": return qsTr("Built in")
        case "download": return qsTr("Download")
        case "downloaded": return qsTr("Downloaded")
        case "hf-cache": return qsTr("Hugging Face cache")
        default: return qsTr("Folder")
        }
    }

    FolderDialog {
        id: folderDialog
        title: qsTr("Choose a GPT-2 model folder")
        onAccepted: page.library.openFolder(selectedFolder.toString())
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            id: column
            width: Math.min(scroll.availableWidth - 2 * Theme.spacingXL, 920)
            x: (scroll.availableWidth - width) / 2
            spacing: Theme.spacing

            Item { Layout.preferredHeight: Theme.spacingL }

            Label {
                text: qsTr("Model library")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                text: qsTr("The course runs on any GPT-2-family model. GPT-2 small is the model the lessons talk about: "
                         + "12 layers × 12 heads, 144 heads in all. Switching models keeps your text and your place; "
                         + "every figure and exercise is recomputed on the new model.")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                text: ModelHub.loading ? qsTr("Loading a model…")
                    : ModelHub.ready ? qsTr("In use: <b>%1</b> — %2 layers × %3 heads.").arg(ModelHub.modelName).arg(ModelHub.nLayer).arg(ModelHub.nHead)
                      + (ModelHub.isEmbedded ? " " + qsTr("This is the course's own small model, trained for this course so that it works offline; it is not GPT-2. Download GPT-2 small below to see the model the lessons describe.") : "")
                    : qsTr("No model is loaded yet.")
            }
            NoticeBar {
                Layout.fillWidth: true
                visible: ModelHub.error !== "" && !ModelHub.loading
                text: ModelHub.error + (ModelHub.ready ? " " + qsTr("The previous model is still loaded.") : "")
                dismissable: false
                radius: Theme.radius
            }

            // The download in progress (or the last one's outcome).
            Rectangle {
                id: progressPanel
                Layout.fillWidth: true
                visible: page.downloads.busy || page.downloads.error !== ""
                implicitHeight: progressColumn.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: page.downloads.error !== "" ? Theme.warningSoft : Theme.surface
                border.color: Theme.border
                ColumnLayout {
                    id: progressColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingS
                    Label {
                        Layout.fillWidth: true
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        text: page.downloads.error !== "" ? qsTr("The download stopped")
                            : page.downloads.phase === "verifying" ? qsTr("Checking the files…")
                            : page.downloads.phase === "validating" ? qsTr("Loading the model to check it…")
                            : qsTr("Downloading %1").arg(page.downloads.modelTitle)
                    }
                    ProgressBar {
                        Layout.fillWidth: true
                        visible: page.downloads.busy
                        from: 0; to: 1
                        value: Math.max(0, page.downloads.progress)
                        indeterminate: page.downloads.progress < 0
                        Accessible.name: qsTr("Download progress")
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: page.downloads.busy && text !== ""
                        color: Theme.textMuted
                        text: [page.downloads.bytesText, page.downloads.speedText, page.downloads.etaText]
                              .filter(s => s !== "").join("  ·  ")
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        text: page.downloads.error !== "" ? page.downloads.error : page.downloads.status
                    }
                    RowLayout {
                        spacing: Theme.spacingS
                        FocusButton {
                            visible: page.downloads.busy
                            text: qsTr("Pause")
                            onClicked: page.downloads.cancel()
                        }
                        FocusButton {
                            visible: !page.downloads.busy && page.downloads.error !== ""
                            accent: true
                            text: qsTr("Try again")
                            onClicked: page.downloads.download(page.downloads.modelId)
                        }
                        FocusButton {
                            visible: !page.downloads.busy && page.downloads.error !== ""
                            flat: true
                            text: qsTr("Discard the partial download")
                            onClicked: page.downloads.discard(page.downloads.modelId)
                        }
                    }
                }
            }

            Repeater {
                model: page.library
                delegate: Rectangle {
                    id: card
                    required property string key
                    required property string kind
                    required property string title
                    required property string source
                    required property bool ready
                    required property string problem
                    required property string sizeText
                    required property string parametersText
                    required property string shapeText
                    required property bool current
                    required property bool downloadable
                    required property string partialText
                    required property string manifestId
                    readonly property bool downloadingThis: page.downloads.busy && page.downloads.modelId === manifestId

                    Layout.fillWidth: true
                    implicitHeight: cardRow.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.width: current ? 2 : 1
                    border.color: current ? Theme.accent : Theme.border
                    Accessible.role: Accessible.ListItem
                    Accessible.name: title + ", " + shapeText + ", " + parametersText + ", " + sizeText

                    RowLayout {
                        id: cardRow
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        anchors.leftMargin: Theme.spacingL
                        spacing: Theme.spacing

                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            RowLayout {
                                spacing: Theme.spacingS
                                Label {
                                    text: card.title
                                    font.pixelSize: Theme.fontLarge
                                    font.bold: true
                                    color: Theme.text
                                }
                                Rectangle {
                                    implicitWidth: badge.implicitWidth + 12
                                    implicitHeight: badge.implicitHeight + 4
                                    radius: height / 2
                                    color: Theme.surfaceAlt
                                    Label {
                                        id: badge
                                        anchors.centerIn: parent
                                        text: page.kindLabel(card.kind)
                                        font.pixelSize: Theme.fontSmall
                                        color: Theme.textMuted
                                    }
                                }
                            }
                            Label {
                                Layout.fillWidth: true
                                text: card.source
                                visible: text !== ""
                                elide: Text.ElideMiddle
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.WordWrap
                                color: Theme.text
                                text: [card.shapeText, card.parametersText, card.sizeText, card.partialText]
                                      .filter(s => s !== "").join("  ·  ")
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.WordWrap
                                font.pixelSize: Theme.fontSmall
                                color: card.ready ? Theme.good : card.kind === "download" ? Theme.textMuted : Theme.warning
                                text: card.current ? qsTr("● In use")
                                    : card.ready ? qsTr("Ready")
                                    : card.downloadingThis ? qsTr("Downloading…")
                                    : card.kind === "download" ? qsTr("Not downloaded yet")
                                    : card.problem
                            }
                        }

                        FocusButton {
                            visible: card.ready && !card.current
                            enabled: !ModelHub.loading
                            accent: true
                            text: qsTr("Use")
                            Accessible.name: qsTr("Use %1").arg(card.title)
                            onClicked: page.library.use(card.key)
                        }
                        FocusButton {
                            visible: card.kind === "download" && !card.downloadingThis
                            enabled: !page.downloads.busy
                            accent: true
                            text: card.partialText !== "" ? qsTr("Resume download") : qsTr("Download")
                            Accessible.name: qsTr("%1 %2").arg(text).arg(card.title)
                            onClicked: page.downloads.download(card.manifestId)
                        }
                        BusyIndicator {
                            visible: card.downloadingThis
                            running: visible
                            implicitWidth: 28; implicitHeight: 28
                        }
                        FocusButton {
                            visible: (card.kind === "downloaded" || (card.kind === "download" && card.ready)) && !card.current
                            flat: true
                            text: qsTr("Remove…")
                            Accessible.name: qsTr("Remove the downloaded files of %1").arg(card.title)
                            onClicked: removeDialog.ask(card.key, card.title)
                        }
                        FocusButton {
                            visible: card.kind === "folder" && !card.current
                            flat: true
                            text: qsTr("Forget")
                            Accessible.name: qsTr("Forget %1").arg(card.title)
                            onClicked: page.library.forget(card.key)
                        }
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                spacing: Theme.spacing
                FocusButton {
                    text: qsTr("Open a folder…")
                    onClicked: { page.folderError = ""; folderDialog.open() }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: Theme.textMuted
                    text: qsTr("Any GPT-2-family folder in Hugging Face layout: config.json, model.safetensors, vocab.json, merges.txt.")
                }
            }
            NoticeBar {
                Layout.fillWidth: true
                visible: page.folderError !== ""
                text: page.folderError
                radius: Theme.radius
                onDismissed: page.folderError = ""
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                text: qsTr("Downloads come from huggingface.co (or $HF_ENDPOINT) at a fixed commit; every file is checked against its size and hash (pinned in the app for GPT-2 small, given by the server otherwise) and the model is test-loaded before it is saved in %1.")
                      .arg(page.library.modelsFolder)
                      + (page.library.cacheFolders.length > 0
                         ? " " + qsTr("Also listed: models in the Hugging Face cache (%1).").arg(page.library.cacheFolders.join(", ")) : "")
            }
            Item { Layout.preferredHeight: Theme.spacingXL }
        }
    }

    // Removing deletes files: ask first, and say what happened.
    Dialog {
        id: removeDialog
        property string key: ""
        property string name: ""
        function ask(k, n) { key = k; name = n; open() }
        anchors.centerIn: parent
        modal: true
        title: qsTr("Remove %1?").arg(name)
        standardButtons: Dialog.Ok | Dialog.Cancel
        // A fixed content width: sizing the dialog from a wrapped label's implicit width loops.
        contentWidth: 420
        Label {
            width: removeDialog.availableWidth
            wrapMode: Text.WordWrap
            text: qsTr("The downloaded files of %1 will be deleted from %2. You can download it again later.")
                  .arg(removeDialog.name).arg(page.library.modelsFolder)
        }
        onAccepted: page.folderError = page.library.removeDownloaded(key)
    }
}
