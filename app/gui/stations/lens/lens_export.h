// Station 1's figures written from their own numbers: the selected head's matrix and the all-heads
// grid as SVG (vectors, the tokens kept as text) and as JSON (the weights with the model, the text,
// the tokens and the layer/head they belong to). The SVG uses the light theme's palette and the
// lens's colour map, so a cell has the colour it has on screen in every theme; the caller gives
// the figure's size on screen, so the SVG and the PNG of the same figure are the same size.
#pragma once
#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <vector>

#include "lens/lens_result.h"

namespace lens {

struct ExportInfo {
    QString modelName, modelFolder;
    QStringList tokenStrings; // the tokenizer's own form of each token (GPT-2's "Ġthe"); may be empty
    QStringList tokenTexts;   // each token's bytes as text (a piece of a character becomes U+FFFD)
    int layer = 0, head = 0;
    int focusToken = -1; // the row the figure outlines; -1: none
    bool hideFirst = false;
    bool valueWeighted = false;
    bool logScale = false;
    QSizeF size;              // the figure's size on screen
    double tile = 0, gap = 4; // the head grid's tile and gap on screen (0: from the size)
    QList<QRectF> chips;      // the token strip's chip boxes on screen, one per token
};

// What the matrix shows for the selected head: [T * T], NaN where the causal mask or "hide the
// first token" leaves a cell empty.
using ShownMatrix = std::vector<float>;

QByteArray matrixSvg(const LensResult& r, const ShownMatrix& shown, const ExportInfo& info);
QByteArray matrixJson(const LensResult& r, const ShownMatrix& shown, const ExportInfo& info);
// Every layer × head of the result (hideFirst applied as the grid shows it), the selected head outlined.
QByteArray headGridSvg(const LensResult& r, const ExportInfo& info);
QByteArray headGridJson(const LensResult& r, const ExportInfo& info);
// The token strip: each token's chip at its place on screen, filled by the focused query's weight
// on it, and the arcs to the strongest few (as TokenStrip draws them). `row` is that query's row
// of what the lens shows ([T], NaN for a later token or a hidden one).
QByteArray arcsSvg(const LensResult& r, const std::vector<float>& row, const ExportInfo& info);
QByteArray arcsJson(const LensResult& r, const std::vector<float>& row, const ExportInfo& info);

} // namespace lens
