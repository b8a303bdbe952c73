// Gives memory freed by a page that has left the screen back to the system. A station page holds
// thousands of QML objects and its figures' engine results; when it goes, glibc keeps the freed
// blocks in its arenas (one per worker thread as well as the GUI thread's) for later reuse, and
// holes between live blocks are never returned on their own. Over a long session of station
// switches that shows as resident memory that climbs and stays up although nothing is alive in it.
#pragma once

class QJSEngine;

namespace memory_release {

// A moment after the call (the page's deferred deletes and the cancelled jobs' frees have run):
// collect the QML engine's garbage (the page's JavaScript objects), then hand free pages of every
// malloc arena back (malloc_trim). Calls within that moment coalesce into one. AL_MALLOC_TRIM=0
// turns it off (to measure its effect).
void releaseSoon(QJSEngine* engine);

} // namespace memory_release
