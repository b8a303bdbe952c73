import QtQuick
import QtTest
import AttentionLens

// The course map lists the stations from lessons/ with their status, and the station page loads
// Station 1's instrument.
Item {
    id: root
    width: 1280
    height: 800

    LessonCatalog { id: catalog }
    ModelFacts { id: facts }
    CourseMap { id: map; anchors.fill: parent; catalog: catalog }

    Component {
        id: pageComponent
        StationPage { width: 1280; height: 760 }
    }

    TestCase {
        name: "Shell"
        when: windowShown

        function test_mapListsStations() {
            verify(catalog.count >= 1)
            const i = catalog.indexOf("lens")
            verify(i >= 0)
            const s = catalog.station("lens")
            compare(s.status, "ready")
            compare(s.order, 1)
        }

        function test_stationPageLoadsTheLens() {
            const page = createTemporaryObject(pageComponent, root, { stationId: "lens", catalog: catalog })
            verify(page)
            compare(page.ready, true)
            compare(page.pageUrl, "qrc:/AttentionLens/stations/lens/LensStation.qml")
            verify(page.prose.indexOf("Olsson") >= 0)
            tryVerify(() => findChild(page, "chip0") !== null, 20000)
        }

        // A glossary link in the prose opens the term's definition; an ordinary link does not.
        function test_glossaryLinkOpensItsTerm() {
            const page = createTemporaryObject(pageComponent, root, { stationId: "heads", catalog: catalog })
            verify(page)
            const prose = findChild(page, "proseText")
            verify(prose)
            const popup = findChild(page, "glossaryPopup")
            verify(popup)
            compare(popup.opened, false)
            prose.linkActivated("glossary:residual-stream")
            tryVerify(() => popup.opened)
            compare(popup.entry.term, "residual stream")
            verify(popup.entry.definition.length > 20)
            popup.close()
            tryVerify(() => !popup.opened)
            prose.linkActivated("glossary:no-such-term")
            wait(50)
            compare(popup.opened, false)
        }

        // The reading names the loaded model's sizes beside GPT-2 small's: its placeholders are
        // filled with the hub's model, in the prose and in a glossary definition.
        function test_readingShowsTheLoadedModelsSizes() {
            tryVerify(() => ModelHub.ready, 20000)
            const page = createTemporaryObject(pageComponent, root, { stationId: "heads", catalog: catalog })
            verify(page)
            const prose = findChild(page, "proseText")
            verify(prose)
            verify(prose.text.indexOf("{{") < 0, prose.text.substring(0, 300))
            verify(prose.text.indexOf("(12 in GPT-2 small, " + ModelHub.nHead + " in the model") >= 0)
            verify(prose.text.indexOf(ModelHub.nEmbd + " / " + ModelHub.nHead + " = " + (ModelHub.nEmbd / ModelHub.nHead)) >= 0)
            const popup = findChild(page, "glossaryPopup")
            prose.linkActivated("glossary:residual-stream")
            tryVerify(() => popup.opened)
            popup.close()
            tryVerify(() => !popup.opened)
            popup.show("token")
            tryVerify(() => popup.opened)
            const definition = findChild(popup.contentItem, "glossaryDefinition")
            verify(definition)
            verify(definition.text.indexOf("{{") < 0, definition.text)
            // The loaded model's vocabulary, whatever group separator the locale writes.
            verify(facts.vocab > 0)
            verify(definition.text.replace(/(\d)[,.\u00a0\u202f](?=\d{3}\b)/g, "$1").indexOf(" " + facts.vocab + ".") >= 0, definition.text)
            popup.close()
        }
    }
}
