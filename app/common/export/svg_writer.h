// Writes one SVG document as text: shapes, paths and text, with every string escaped for XML, so
// that a figure exported from its own numbers stays a vector drawing whose words can be searched,
// selected and edited. Qt Core only (the CLI may write figures too); the caller lays the figure out.
#pragma once
#include <QByteArray>
#include <QString>

namespace al::app {

class SvgWriter {
public:
    enum class Anchor { Start, Middle, End };

    // A document of `width` × `height` user units (the viewBox), drawn as that many pixels.
    SvgWriter(double width, double height, const QString& title);

    // A filled rectangle; `stroke` empty: none.
    void rect(double x, double y, double w, double h, const QString& fill, const QString& stroke = {},
              double strokeWidth = 1, double fillOpacity = 1);
    void line(double x1, double y1, double x2, double y2, const QString& stroke, double width = 1);
    // `d` is path data the caller builds from numbers only (never from text).
    void path(const QString& d, const QString& fill, const QString& stroke = {}, double strokeWidth = 1,
              double opacity = 1);
    // One line of text at its baseline; `rotate` degrees about (x, y).
    void text(double x, double y, const QString& s, double size, const QString& fill, Anchor anchor = Anchor::Start,
              bool bold = false, double rotate = 0);
    // A vertical linear gradient from `bottom` (at 0) to `top` (at 1), sampled at `stops` colours
    // given bottom first; fills a rectangle.
    void verticalGradient(double x, double y, double w, double h, const QStringList& stopsBottomFirst,
                          const QString& stroke);
    // A group moved by (dx, dy) and scaled by `scale`: cell coordinates inside stay small integers.
    // `crisp`: edges on whole pixels, so that cells side by side show no seam between them.
    void beginGroup(double dx, double dy, double scale = 1, bool crisp = false);
    void endGroup();

    // The finished document (UTF-8). The writer is spent afterwards.
    QByteArray finish();

    // `s` as XML character data or an attribute value: &, <, >, " and ' escaped; characters XML
    // 1.0 does not allow (C0 controls, U+FFFE, U+FFFF, lone surrogates) shown as their control
    // pictures or U+FFFD, so that any token makes a well-formed document.
    static QString escape(const QString& s);
    // A number with at most 3 decimals and no trailing zeros ("12", "0.5", "-3.125").
    static QString num(double v);

private:
    QString out_;
    int gradients_ = 0;
    int depth_ = 0;
};

} // namespace al::app
