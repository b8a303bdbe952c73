#include <QJsonArray>
#include <functional>
#include <limits>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "lens/lens_export.h"

namespace lens {
namespace {

// What every export says about where its numbers come from.
QJsonObject header(const LensResult& r, const ExportInfo& info, const QString& figure) {
    QJsonArray tokens;
    for (int i = 0; i < r.tokenCount(); ++i) {
        const TokenInfo& t = r.tokens[size_t(i)];
        QJsonObject o{{QStringLiteral("index"), i},
                      {QStringLiteral("id"), r.ids[size_t(i)]},
                      {QStringLiteral("shown"), t.text},
                      {QStringLiteral("leadingSpace"), t.leadingSpace}};
        if (i < info.tokenStrings.size()) o.insert(QStringLiteral("token"), info.tokenStrings[i]);
        if (i < info.tokenTexts.size()) o.insert(QStringLiteral("text"), info.tokenTexts[i]);
        tokens.append(o);
    }
    return {{QStringLiteral("figure"), figure},
            {QStringLiteral("model"),
             QJsonObject{{QStringLiteral("name"), info.modelName}, {QStringLiteral("folder"), info.modelFolder}}},
            {QStringLiteral("text"), r.text},
            {QStringLiteral("tokens"), tokens},
            {QStringLiteral("layers"), r.nLayer},
            {QStringLiteral("heads"), r.nHead},
            {QStringLiteral("hideFirst"), info.hideFirst}};
}

// A weight as the float it is: 7 significant digits, not the 17 of the double it widens to.
QJsonValue weightValue(float w) {
    if (std::isnan(w)) return QJsonValue(QJsonValue::Null);
    return QJsonValue(QString::number(double(w), 'g', 7).toDouble());
}

// Causal rows: row i holds keys 0..i; a cell the figure leaves empty is null.
QJsonArray rows(int T, const std::function<float(int, int)>& cell) {
    QJsonArray out;
    for (int i = 0; i < T; ++i) {
        QJsonArray row;
        for (int j = 0; j <= i; ++j) { row.append(weightValue(cell(i, j))); }
        out.append(row);
    }
    return out;
}

QByteArray finish(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'; }

} // namespace

QByteArray matrixJson(const LensResult& r, const ShownMatrix& shown, const ExportInfo& info) {
    const int T = r.tokenCount();
    QJsonObject o = header(r, info, QStringLiteral("attention-matrix"));
    o.insert(QStringLiteral("layer"), info.layer);
    o.insert(QStringLiteral("head"), info.head);
    o.insert(QStringLiteral("view"), info.valueWeighted ? QStringLiteral("value-weighted") : QStringLiteral("raw"));
    o.insert(QStringLiteral("weights"),
             rows(T, [&](int i, int j) { return shown[size_t(i) * size_t(T) + size_t(j)]; }));
    return finish(o);
}

QByteArray headGridJson(const LensResult& r, const ExportInfo& info) {
    const int T = r.tokenCount();
    QJsonObject o = header(r, info, QStringLiteral("head-grid"));
    o.insert(QStringLiteral("selected"),
             QJsonObject{{QStringLiteral("layer"), info.layer}, {QStringLiteral("head"), info.head}});
    o.insert(QStringLiteral("view"), QStringLiteral("raw"));
    QJsonArray patterns;
    for (int l = 0; l < r.nLayer; ++l)
        for (int h = 0; h < r.nHead; ++h)
            patterns.append(QJsonObject{{QStringLiteral("layer"), l},
                                        {QStringLiteral("head"), h},
                                        {QStringLiteral("weights"), rows(T, [&](int i, int j) {
                                             if (info.hideFirst && (i == 0 || j == 0))
                                                 return std::numeric_limits<float>::quiet_NaN();
                                             return r.weight(l, h, i, j, info.hideFirst);
                                         })}});
    o.insert(QStringLiteral("patterns"), patterns);
    return finish(o);
}

QByteArray arcsJson(const LensResult& r, const std::vector<float>& row, const ExportInfo& info) {
    QJsonObject o = header(r, info, QStringLiteral("token-strip"));
    o.insert(QStringLiteral("layer"), info.layer);
    o.insert(QStringLiteral("head"), info.head);
    o.insert(QStringLiteral("view"), info.valueWeighted ? QStringLiteral("value-weighted") : QStringLiteral("raw"));
    const int q = info.focusToken >= 0 && info.focusToken < r.tokenCount() ? info.focusToken : -1;
    o.insert(QStringLiteral("query"), q);
    QJsonArray weights;
    for (int j = 0; j <= q && j < int(row.size()); ++j) weights.append(weightValue(row[size_t(j)]));
    o.insert(QStringLiteral("weights"), weights); // the query's row: keys 0..query
    return finish(o);
}

} // namespace lens
