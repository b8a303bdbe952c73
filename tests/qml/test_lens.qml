import QtQuick
import QtTest
import AttentionLens

// The lens components on the fixture model: chips, hover weights, the matrix's hover read-out, the
// all-heads overview and the theme.
Item {
    id: root
    width: 1000
    height: 700

    LensController { id: lens }
    TokenStrip { id: strip; width: 900; lens: lens }
    MatrixView { id: matrixView; y: 200; lens: lens; side: 280 }
    HeadOverview { id: overview; x: 500; y: 200; width: 300; lens: lens }

    TestCase {
        name: "Lens"
        when: windowShown

        function initTestCase() {
            verify(ModelHub.ready, "the fixture model is loaded")
            lens.text = "The cat sat on the mat."
            tryVerify(() => lens.upToDate, 20000)
        }

        function test_chipsMatchTokens() {
            compare(lens.tokens.count, lens.tokenCount)
            verify(lens.tokenCount >= 6)
            for (let i = 0; i < lens.tokenCount; ++i) {
                const t = lens.tokens.get(i)
                verify(t.text.indexOf("Ġ") < 0, "no raw Ġ in " + t.text)
            }
            compare(lens.tokens.get(1).text, "cat")
            verify(lens.tokens.get(1).leadingSpace)
        }

        function test_hoverShowsWeightsThatSumToOne() {
            lens.focusToken = -1
            const target = findChild(strip, "chip3")
            verify(target !== null)
            mouseMove(target.box, target.box.width / 2, target.box.height / 2)
            tryCompare(lens, "focusToken", 3)
            let sum = 0
            for (let j = 0; j <= 3; ++j) {
                const w = lens.tokens.get(j).weight
                verify(w >= 0 && w <= 1)
                sum += w
            }
            fuzzyCompare(sum, 1.0, 1e-4)
            compare(lens.tokens.get(4).weight, -1, "later tokens get no weight")
            verify(lens.tokens.get(3).isQuery)
            mouseClick(target.box, 2, 2)
            compare(strip.pinned, 3)
        }

        function test_keyboardMovesTheQuery() {
            strip.forceActiveFocus()
            lens.focusToken = 2
            keyClick(Qt.Key_Right)
            compare(lens.focusToken, 3)
            keyClick(Qt.Key_Home)
            compare(lens.focusToken, 0)
            keyClick(Qt.Key_End)
            compare(lens.focusToken, lens.tokenCount - 1)
        }

        function test_matrixHoverReadsTheCell() {
            lens.layer = 1; lens.head = 2; lens.hideFirst = false
            const m = matrixView.matrixItem
            compare(m.cells, lens.tokenCount)
            const c = m.cellSize
            verify(c > 0)
            mouseMove(m, 0.5 * c, 6.5 * c) // the first move only enters the item
            mouseMove(m, 1.5 * c, 4.5 * c)
            compare(m.hoverRow, 4)
            compare(m.hoverColumn, 1)
            fuzzyCompare(m.value(4, 1), lens.weightIn(1, 2, 4, 1, false), 1e-6)
            verify(matrixView.Accessible.description.indexOf(m.value(4, 1).toFixed(3)) >= 0)
            mouseMove(m, 4.5 * c, 1.5 * c)
            verify(m.masked(1, 4))
            verify(matrixView.Accessible.description.indexOf("masked") >= 0)
        }

        function test_overviewClickSelectsAHead() {
            lens.layer = 0; lens.head = 0
            wait(50)
            const grid = findChild(overview, "grid")
            verify(grid !== null)
            const r = grid.tileRect(1, 3)
            mouseClick(grid, r.x + r.width / 2, r.y + r.height / 2)
            compare(lens.layer, 1)
            compare(lens.head, 3)
            keyClick(Qt.Key_Left)
            compare(lens.head, 2)
            keyClick(Qt.Key_Up)
            compare(lens.layer, 0)
        }

        function test_findersJumpToAHead() {
            const f = lens.findHead("previous-token")
            verify(f.layer >= 0 && f.layer < lens.nLayer)
            verify(f.head >= 0 && f.head < lens.nHead)
            verify(f.score >= 0 && f.score <= 1)
            verify(f.why.length > 20)
        }

        function test_longTextScrollsInsideTheStrip() {
            const shortText = lens.text
            mouseMove(root, root.width - 2, root.height - 2) // the pointer off the chips: hover would move the query
            let longText = ""
            for (let i = 0; i < 12; ++i) longText += "The cat sat on the mat. "
            lens.text = longText
            tryVerify(() => lens.upToDate && lens.tokenCount > 0, 20000)
            // The lens reads the course's token cap, like every figure and exercise, and says so.
            compare(lens.tokenCount, ModelHub.tokenCap)
            verify(lens.notice.indexOf(String(ModelHub.tokenCap)) >= 0, lens.notice)
            strip.width = 420 // narrow enough that the capped text's chips overflow the strip
            // The chips scroll inside a bounded strip instead of pushing the figures down (the Flow
            // lays the new chips out on the next polish, so wait for it).
            const scroller = findChild(strip, "tokenScroller")
            tryVerify(() => scroller.contentHeight > scroller.height, 5000, "the chips overflow the strip")
            verify(strip.height <= strip.maxHeight, "strip " + strip.height + " > " + strip.maxHeight)
            scroller.contentY = 0
            // Moving the query to the last token brings its chip into view.
            strip.forceActiveFocus()
            keyClick(Qt.Key_End)
            compare(lens.focusToken, lens.tokenCount - 1)
            tryVerify(() => scroller.contentY > 0)
            const last = findChild(strip, "chip" + (lens.tokenCount - 1))
            const top = last.mapToItem(scroller, 0, 0).y
            verify(top >= 0 && top + last.height <= scroller.height + 1, "the query chip is in view: " + top)
            lens.text = shortText
            strip.width = 900
            tryVerify(() => lens.upToDate && lens.tokenCount < 20, 20000)
            tryVerify(() => strip.height < strip.maxHeight)
        }

        function test_theme() {
            verify(Theme.text !== Theme.background)
            compare(Theme.dark, AppState.dark)
        }
    }
}
