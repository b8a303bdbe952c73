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
    }
}
