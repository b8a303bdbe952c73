#include "model_placeholders.h"

#include <QLocale>
#include <QRegularExpression>

namespace course {
namespace {

const QStringList& knownKeys() {
    static const QStringList keys{QStringLiteral("n_layer"), QStringLiteral("n_head"), QStringLiteral("d_model"),
                                  QStringLiteral("d_head"),  QStringLiteral("d_mlp"),  QStringLiteral("n_vocab"),
                                  QStringLiteral("n_ctx")};
    return keys;
}

const QRegularExpression& placeholder() {
    static const QRegularExpression re(QStringLiteral("\\{\\{model\\.([A-Za-z_]+)\\}\\}"));
    return re;
}

} // namespace

QVariantMap modelSizes(const al::Config* c) {
    if (!c)
        return {};
    return {{QStringLiteral("n_layer"), c->n_layer}, {QStringLiteral("n_head"), c->n_head},
            {QStringLiteral("d_model"), c->n_embd},  {QStringLiteral("d_head"), c->head_dim()},
            {QStringLiteral("d_mlp"), c->inner()},   {QStringLiteral("n_vocab"), c->vocab_size},
            {QStringLiteral("n_ctx"), c->n_positions}};
}

QString fillModelPlaceholders(const QString& text, const QVariantMap& sizes) {
    if (!text.contains(QLatin1String("{{model.")))
        return text;
    QString out;
    qsizetype from = 0;
    for (auto it = placeholder().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString key = m.captured(1);
        out += QStringView(text).mid(from, m.capturedStart() - from);
        if (!knownKeys().contains(key))
            out += m.captured(0);
        else if (sizes.contains(key))
            out += QLocale().toString(sizes.value(key).toLongLong());
        else
            out += QLatin1Char('?');
        from = m.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out;
}

QStringList unknownModelPlaceholders(const QString& text) {
    QStringList unknown;
    qsizetype matched = 0;
    for (auto it = placeholder().globalMatch(text); it.hasNext(); ++matched) {
        const QString key = it.next().captured(1);
        if (!knownKeys().contains(key))
            unknown << key;
    }
    // A pair of braces the pattern does not match at all ("{{ model.n_head }}", "{{model.d head}}")
    // would be shown as typed: report it too.
    if (text.count(QLatin1String("{{")) > matched)
        unknown << QStringLiteral("{{");
    return unknown;
}

} // namespace course
