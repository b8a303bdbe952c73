// Checks an exported SVG as a reader would open it: well-formed XML, accepted by Qt's renderer at
// the size it says, and not blank when drawn; returns what is wrong ("" when nothing) and every
// <text> element's content in document order.
#pragma once
#include <QByteArray>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSize>
#include <QStringList>
#include <QSvgRenderer>
#include <QXmlStreamReader>

namespace testing_support {

// Every <text> element's content, in document order; `error` gets the parser's error when it is not XML.
inline QStringList svgTexts(const QByteArray& svg, QString* error) {
    QStringList texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) texts << xml.readElementText();
    }
    if (xml.hasError()) *error = xml.errorString();
    return texts;
}

// AL_EXPORT_SHOT=PREFIX saves each rendering as PREFIX + `shotName` (or a hash of the SVG) + ".png".
inline QString checkSvg(const QByteArray& svg, QSize size, QStringList* texts, const QString& shotName = {}) {
    QString error;
    *texts = svgTexts(svg, &error);
    if (!error.isEmpty()) return QStringLiteral("not XML: ") + error;
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) return QStringLiteral("Qt's renderer refuses it");
    if (renderer.defaultSize() != size)
        return QStringLiteral("%1 x %2, want %3 x %4").arg(renderer.defaultSize().width()).arg(renderer.defaultSize().height())
            .arg(size.width()).arg(size.height());
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
    if (colours.size() <= 20) return QStringLiteral("blank: %1 colours").arg(colours.size());
    if (!qEnvironmentVariableIsEmpty("AL_EXPORT_SHOT"))
        image.save(qEnvironmentVariable("AL_EXPORT_SHOT") + (shotName.isEmpty() ? QString::number(qHash(svg)) : shotName) +
                   QStringLiteral(".png"));
    return {};
}

} // namespace testing_support
