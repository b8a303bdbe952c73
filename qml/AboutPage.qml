import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// About: what the app is, every component it ships or downloads with its licence, and where this
// installation keeps the learner's settings, progress and models. Data: resources/about.json.
Page {
    id: page
    title: qsTr("About")
    background: Rectangle { color: Theme.background }

    function languageName(code) {
        const l = Translations.available.find(a => a.code === code)
        return l ? l.name : code
    }

    header: Rectangle {
        color: Theme.background
        implicitHeight: 48
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingL
            anchors.rightMargin: Theme.spacingL
            Button {
                text: qsTr("← Back")
                flat: true
                onClicked: page.StackView.view ? page.StackView.view.pop() : null
            }
            Item { Layout.fillWidth: true }
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 2 * Theme.spacingXL, 860)
            x: (scroll.availableWidth - width) / 2
            spacing: Theme.spacingL

            RowLayout {
                Layout.topMargin: Theme.spacingL
                spacing: Theme.spacingL
                Image {
                    source: "qrc:/resources/icons/org.attentionlens.AttentionLens.svg"
                    sourceSize.width: 72
                    sourceSize.height: 72
                    Layout.preferredWidth: 72
                    Layout.preferredHeight: 72
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Label {
                        text: AboutInfo.appName + " " + AboutInfo.version
                        font.pixelSize: Theme.fontHero
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        text: AboutInfo.summary
                        wrapMode: Text.WordWrap
                        color: Theme.textMuted
                    }
                    Label {
                        Layout.fillWidth: true
                        textFormat: Text.StyledText
                        text: qsTr("Licence: %1 · <a href=\"%2\">%2</a>").arg(AboutInfo.license).arg(AboutInfo.url)
                        color: Theme.text
                        linkColor: Theme.accent
                        onLinkActivated: link => Qt.openUrlExternally(link)
                    }
                }
            }

            // The language of the interface and the lessons; "" follows the system. Remembered.
            RowLayout {
                spacing: Theme.spacing
                Label {
                    text: qsTr("Language")
                    font.bold: true
                    color: Theme.text
                }
                ComboBox {
                    id: languagePicker
                    readonly property var choices: [{ code: "", name: qsTr("As the system (%1)").arg(page.languageName(Translations.language)) }]
                                                   .concat(Translations.available)
                    model: choices
                    textRole: "name"
                    valueRole: "code"
                    implicitContentWidthPolicy: ComboBox.WidestText
                    currentIndex: Math.max(0, choices.findIndex(c => c.code === Translations.choice))
                    onActivated: index => Translations.choice = choices[index].code
                }
            }

            Label {
                visible: AboutInfo.problem !== ""
                Layout.fillWidth: true
                text: AboutInfo.problem
                color: Theme.warning
                wrapMode: Text.WordWrap
            }

            Label {
                Layout.topMargin: Theme.spacing
                text: qsTr("What the app is made of")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }

            Repeater {
                model: AboutInfo.components
                delegate: Rectangle {
                    id: card
                    required property var modelData
                    property bool showText: false
                    Layout.fillWidth: true
                    implicitHeight: cardColumn.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border

                    ColumnLayout {
                        id: cardColumn
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacingS
                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                Layout.fillWidth: true
                                text: card.modelData.name
                                font.bold: true
                                font.pixelSize: Theme.fontLarge
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                text: card.modelData.license
                                color: Theme.accent
                                font.pixelSize: Theme.fontSmall
                                Layout.maximumWidth: cardColumn.width * 0.45
                                elide: Text.ElideRight
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: card.modelData.what
                            wrapMode: Text.WordWrap
                            color: Theme.textMuted
                        }
                        RowLayout {
                            spacing: Theme.spacing
                            Label {
                                textFormat: Text.StyledText
                                text: "<a href=\"" + card.modelData.url + "\">" + card.modelData.url + "</a>"
                                linkColor: Theme.accent
                                font.pixelSize: Theme.fontSmall
                                onLinkActivated: link => Qt.openUrlExternally(link)
                            }
                            Button {
                                visible: card.modelData.licenseFile !== ""
                                text: card.showText ? qsTr("Hide licence text") : qsTr("Show licence text")
                                flat: true
                                font.pixelSize: Theme.fontSmall
                                onClicked: card.showText = !card.showText
                            }
                        }
                        TextArea {
                            visible: card.showText
                            Layout.fillWidth: true
                            readOnly: true
                            wrapMode: TextEdit.Wrap
                            font.family: "monospace"
                            font.pixelSize: Theme.fontSmall
                            color: Theme.text
                            text: card.showText ? (AboutInfo.licenseText(card.modelData.licenseFile)
                                                   || qsTr("The licence text is not installed here; see the link above."))
                                                : ""
                            background: Rectangle { color: Theme.surfaceAlt; radius: Theme.radius }
                        }
                    }
                }
            }

            Label {
                Layout.topMargin: Theme.spacing
                text: qsTr("Where your data lives")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }

            Repeater {
                model: AboutInfo.storage
                delegate: ColumnLayout {
                    id: place
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        text: place.modelData.what
                        font.bold: true
                        color: Theme.text
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextEdit {
                            Layout.fillWidth: true
                            text: place.modelData.path
                            readOnly: true
                            selectByMouse: true
                            wrapMode: TextEdit.WrapAnywhere
                            font.family: "monospace"
                            font.pixelSize: Theme.fontSmall
                            color: Theme.text
                        }
                        Button {
                            text: qsTr("Copy")
                            flat: true
                            font.pixelSize: Theme.fontSmall
                            onClicked: AppState.copyToClipboard(place.modelData.path)
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: place.modelData.note
                        wrapMode: Text.WordWrap
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            FocusButton {
                text: qsTr("Manage or remove downloaded models…")
                Accessible.name: text
                onClicked: page.StackView.view.push("qrc:/AttentionLens/library/ModelLibraryPage.qml")
            }

            Item { Layout.preferredHeight: Theme.spacingXL }
        }
    }
}
