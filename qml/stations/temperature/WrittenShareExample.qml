import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// How the question about the writing is worked out, on an example text that is never the
// learner's (GenerationLab.example): the share on the written tokens, the even share (written /
// tokens seen) and their ratio, all computed from the loaded model.
ColumnLayout {
    id: example
    property GenerationLab lab
    readonly property var numbers: lab ? lab.example : ({})
    visible: numbers.text !== undefined
    spacing: 2
    // Long example texts are quoted by their start.
    function shortText(t) { return t.length > 48 ? t.slice(0, 45).trim() + "…" : t }

    Label {
        text: qsTr("Worked example, on another text than yours")
        color: Theme.text
        font.weight: Font.DemiBold
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        text: example.numbers.text === undefined ? "" :
              qsTr("“%1” has %2 tokens. Written with the same settings, %3 tokens follow, so the last written token sees %4 tokens, %3 of them written. Averaged over all %5 heads, the written tokens get %6 of the last token's attention. Spread evenly over the %4 tokens, they would get %3 / %4 = %7. The ratio: %6 / %7 = %8, so the written tokens get %8 times their even share.")
              .arg(example.shortText(example.numbers.text)).arg(example.numbers.typed).arg(example.numbers.written)
              .arg(example.numbers.seen).arg(ModelHub.nLayer * ModelHub.nHead)
              .arg(Theme.fixed(example.numbers.share, 3)).arg(Theme.fixed(example.numbers.even, 3))
              .arg(Theme.fixed(example.numbers.ratio, 2))
    }
}
