// For --screenshot --reveal only: commit a prediction on every exercise card of the open station,
// so the picture shows the figures as a learner sees them after predicting (with the answers they
// highlight), not the veiled state they start in. Never used while a learner runs the app.
#pragma once

class QJSEngine;
class QQuickItem;

// Starts every exercise that waits for a Start press and commits its first offered answer (the
// first option, or the first accepted token, head or number). Returns how many were committed.
int revealAllPredictions(QJSEngine& engine, QQuickItem* root);
