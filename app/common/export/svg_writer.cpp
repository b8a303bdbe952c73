#include "export/svg_writer.h"

#include <QStringList>
#include <cmath>

namespace al::app {

SvgWriter::SvgWriter(double width, double height, const QString& title) {
    out_ += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" height=\"%2\" "
                           "viewBox=\"0 0 %1 %2\" font-family=\"sans-serif\">\n<title>%3</title>\n")
                .arg(num(width), num(height), escape(title));
}

QString SvgWriter::num(double v) {
    if (!std::isfinite(v)) return QStringLiteral("0");
    QString s = QString::number(std::round(v * 1000) / 1000, 'f', 3);
    while (s.endsWith(QLatin1Char('0'))) s.chop(1);
    if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

QString SvgWriter::escape(const QString& s) {
    QString e;
    e.reserve(s.size() + 8);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            e += c;
            e += s.at(++i);
            continue;
        }
        switch (u) {
            case u'&': e += QStringLiteral("&amp;"); continue;
            case u'<': e += QStringLiteral("&lt;"); continue;
            case u'>': e += QStringLiteral("&gt;"); continue;
            case u'"': e += QStringLiteral("&quot;"); continue;
            case u'\'': e += QStringLiteral("&apos;"); continue;
            default: break;
        }
        if (u < 0x20)
            e += QChar(char16_t(0x2400 + u)); // ␀ … ␟: visible, and allowed in XML
        else if (u == 0x7f)
            e += QChar(char16_t(0x2421)); // ␡
        else if (c.isSurrogate() || u == 0xfffe || u == 0xffff)
            e += QChar(QChar::ReplacementCharacter);
        else
            e += c;
    }
    return e;
}

void SvgWriter::rect(double x, double y, double w, double h, const QString& fill, const QString& stroke,
                     double strokeWidth, double fillOpacity) {
    out_ += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"")
                .arg(num(x), num(y), num(w), num(h), escape(fill));
    if (fillOpacity < 1) out_ += QStringLiteral(" fill-opacity=\"%1\"").arg(num(fillOpacity));
    if (!stroke.isEmpty())
        out_ += QStringLiteral(" stroke=\"%1\" stroke-width=\"%2\"").arg(escape(stroke), num(strokeWidth));
    out_ += QStringLiteral("/>\n");
}

void SvgWriter::line(double x1, double y1, double x2, double y2, const QString& stroke, double width) {
    out_ += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"%5\" stroke-width=\"%6\"/>\n")
                .arg(num(x1), num(y1), num(x2), num(y2), escape(stroke), num(width));
}

void SvgWriter::path(const QString& d, const QString& fill, const QString& stroke, double strokeWidth, double opacity) {
    out_ += QStringLiteral("<path d=\"%1\" fill=\"%2\"")
                .arg(escape(d), fill.isEmpty() ? QStringLiteral("none") : escape(fill));
    if (!stroke.isEmpty())
        out_ += QStringLiteral(" stroke=\"%1\" stroke-width=\"%2\" stroke-linecap=\"round\"")
                    .arg(escape(stroke), num(strokeWidth));
    if (opacity < 1) out_ += QStringLiteral(" opacity=\"%1\"").arg(num(opacity));
    out_ += QStringLiteral("/>\n");
}

void SvgWriter::text(double x, double y, const QString& s, double size, const QString& fill, Anchor anchor, bool bold,
                     double rotate) {
    out_ += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"%3\" fill=\"%4\"")
                .arg(num(x), num(y), num(size), escape(fill));
    if (anchor != Anchor::Start)
        out_ += QStringLiteral(" text-anchor=\"%1\"")
                    .arg(anchor == Anchor::Middle ? QStringLiteral("middle") : QStringLiteral("end"));
    if (bold) out_ += QStringLiteral(" font-weight=\"bold\"");
    if (rotate != 0) out_ += QStringLiteral(" transform=\"rotate(%1 %2 %3)\"").arg(num(rotate), num(x), num(y));
    // Tokens may begin or end with spaces: keep them as typed.
    out_ += QStringLiteral(" xml:space=\"preserve\">%1</text>\n").arg(escape(s));
}

void SvgWriter::verticalGradient(double x, double y, double w, double h, const QStringList& stopsBottomFirst,
                                 const QString& stroke) {
    const QString id = QStringLiteral("g%1").arg(++gradients_);
    out_ += QStringLiteral("<defs><linearGradient id=\"%1\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n").arg(id);
    const qsizetype n = stopsBottomFirst.size();
    for (qsizetype k = 0; k < n; ++k)
        out_ += QStringLiteral("<stop offset=\"%1\" stop-color=\"%2\"/>\n")
                    .arg(num(n > 1 ? double(k) / double(n - 1) : 0), escape(stopsBottomFirst[k]));
    out_ += QStringLiteral("</linearGradient></defs>\n");
    rect(x, y, w, h, QStringLiteral("url(#%1)").arg(id), stroke);
}

void SvgWriter::beginGroup(double dx, double dy, double scale, bool crisp) {
    ++depth_;
    out_ += QStringLiteral("<g transform=\"translate(%1 %2)").arg(num(dx), num(dy));
    if (scale != 1) out_ += QStringLiteral(" scale(%1)").arg(QString::number(scale, 'g', 8));
    out_ += crisp ? QStringLiteral("\" shape-rendering=\"crispEdges\">\n") : QStringLiteral("\">\n");
}

void SvgWriter::endGroup() {
    if (depth_ == 0) return;
    --depth_;
    out_ += QStringLiteral("</g>\n");
}

QByteArray SvgWriter::finish() {
    while (depth_ > 0) endGroup();
    out_ += QStringLiteral("</svg>\n");
    QByteArray bytes = out_.toUtf8();
    out_.clear();
    return bytes;
}

} // namespace al::app
