// Gives memory freed by a page that has left the screen back to the system. A station page holds
// thousands of QML objects and its figures' engine results; when it goes, glibc keeps the freed
// blocks in its arenas (one per worker thread as well as the GUI thread's) for later reuse, and
// holes between live blocks are never returned on their own. Over a long session of station
// switches that shows as resident memory that climbs and stays up although nothing is alive in it.
#pragma once

class QJSEngine;

namespace memory_release {

// Sets glibc's allocator up for a long session in which pages and their results come and go; call
// it first thing in main, before any thread starts. Two settings:
// - a fixed mmap threshold of 256 KiB. glibc raises its threshold each time a large mapped block
//   is freed (up to 32 MiB), after which every engine result of a few megabytes (attention of all
//   heads, K/V caches, logits) comes from an arena, and what it leaves there when freed stays in
//   the process. With the threshold fixed, such a block is mapped for itself and given back to
//   the system the moment it is freed.
// - at most two arenas. Each compute worker otherwise gets an arena of its own, and the free space
//   in one arena cannot serve an allocation in another.
// AL_MALLOC_TUNE=0 leaves glibc's defaults (to measure the effect).
void configureAllocator();

// A moment after the call (the page's deferred deletes and the cancelled jobs' frees have run):
// collect the QML engine's garbage (the page's JavaScript objects), then hand free pages of every
// malloc arena back (malloc_trim). Calls within that moment coalesce into one. AL_MALLOC_TRIM=0
// turns it off (to measure its effect).
void releaseSoon(QJSEngine* engine);

} // namespace memory_release
