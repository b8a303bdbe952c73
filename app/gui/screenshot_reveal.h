// For --screenshot --reveal only: commit a prediction on every exercise card of the open station,
// so the picture shows the figures as a learner sees them after predicting (with the answers they
// highlight), not the veiled state they start in. Never used while a learner runs the app.
#pragma once

class QJSEngine;
class QQuickItem;

struct RevealCount {
    int cards = 0;    // exercise cards on the page
    int revealed = 0; // of those, how many show their answer now
    int refused = 0;  // of those, how many say why they cannot be asked on this text
    bool done() const { return revealed + refused == cards; }
};

// Starts every exercise that waits for a Start press and commits its first offered answer (the
// first option, or the first accepted token, head or number). A card that has just been started
// may compute its answer first (Station 1 picks its head then): call again once the page's
// figures are shown again, until every card is revealed; revealed cards are left as they are.
RevealCount revealAllPredictions(QJSEngine& engine, QQuickItem* root);
