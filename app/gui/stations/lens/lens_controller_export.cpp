// LensController's saved figures: the matrix as CSV, and the matrix, the all-heads grid and the
// arcs as SVG or JSON (lens_export.h writes them).
#include "lens/lens_controller.h"

#include <QRectF>
#include <QSizeF>
#include <QStringList>

#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "lens/lens_export.h"
#include "storage/state_file.h"

using lens::LensResultPtr;

QString LensController::matrixCsv() const {
    if (!result_)
        return {};
    auto quote = [](QString s) {
        s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    };
    const int T = result_->tokenCount();
    QStringList lines;
    QStringList header{quote(tr("query \\ key (layer %1, head %2%3)")
                                 .arg(layer_).arg(head_)
                                 .arg((hideFirst_ ? tr(", first token hidden") : QString())
                                      + (showsValueWeighted() ? tr(", value-weighted") : QString())))};
    for (int j = 0; j < T; ++j)
        header << quote(QStringLiteral("%1:%2").arg(j).arg(result_->tokens[size_t(j)].text));
    lines << header.join(QLatin1Char(','));
    for (int i = 0; i < T; ++i) {
        QStringList row{quote(QStringLiteral("%1:%2").arg(i).arg(result_->tokens[size_t(i)].text))};
        for (int j = 0; j < T; ++j) {
            const bool shown = j <= i && !(hideFirst_ && (j == 0 || i == 0));
            row << (shown ? QString::number(weight(i, j), 'g', 6)
                          : QString());
        }
        lines << row.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void LensController::exportFigure(const QString& kind, const QString& path, const QVariantMap& options) {
    static const QStringList kinds{QStringLiteral("matrix-svg"), QStringLiteral("matrix-json"), QStringLiteral("heads-svg"),
                                   QStringLiteral("heads-json"), QStringLiteral("arcs-svg"), QStringLiteral("arcs-json")};
    if (!kinds.contains(kind)) {
        emit exported(kind, path, tr("unknown kind of export \"%1\"").arg(kind));
        return;
    }
    if (!result_ || result_->tokenCount() == 0) {
        emit exported(kind, path, tr("there is nothing to export yet: type some text first"));
        return;
    }
    // Everything the figure shows now, taken on the GUI thread: a later edit cannot mix in.
    const lens::LensResultPtr result = result_;
    auto info = std::make_shared<lens::ExportInfo>();
    info->modelName = options.value(QStringLiteral("model")).toString();
    info->modelFolder = options.value(QStringLiteral("modelFolder")).toString();
    info->layer = layer_;
    info->head = head_;
    info->focusToken = focus_;
    info->hideFirst = hideFirst_;
    info->valueWeighted = showsValueWeighted();
    info->logScale = options.value(QStringLiteral("logScale")).toBool();
    info->size = QSizeF(options.value(QStringLiteral("width")).toDouble(), options.value(QStringLiteral("height")).toDouble());
    info->tile = options.value(QStringLiteral("tile"), 0.0).toDouble();
    info->gap = options.value(QStringLiteral("gap"), 4.0).toDouble();
    for (const QVariant& chip : options.value(QStringLiteral("chips")).toList())
        info->chips << chip.toRectF();
    const int T = result->tokenCount();
    auto shown = std::make_shared<lens::ShownMatrix>(size_t(T) * size_t(T), std::numeric_limits<float>::quiet_NaN());
    if (kind.startsWith(QLatin1String("matrix")) || kind.startsWith(QLatin1String("arcs")))
        for (int i = 0; i < T; ++i)
            for (int j = 0; j <= i; ++j)
                if (!(hideFirst_ && (i == 0 || j == 0)))
                    (*shown)[size_t(i) * size_t(T) + size_t(j)] = float(weight(i, j));

    auto why = std::make_shared<QString>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure; // the learner asked for it and waits for it
    spec.name = QStringLiteral("lens-export");
    spec.receiver = this;
    spec.work = [model = model_, result, info, shown, kind, path, why](compute::JobContext&) {
        if (const al::Tokenizer* tok = model ? model->tokenizer() : nullptr) {
            try {
                for (int id : result->ids) {
                    info->tokenStrings << QString::fromStdString(tok->token_string(id));
                    const std::string bytes = tok->token_bytes(id);
                    info->tokenTexts << QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
                }
            } catch (const al::Error&) {
                info->tokenStrings.clear(); // ids of another model: the chips' "#id" say what they are
                info->tokenTexts.clear();
            }
        }
        const lens::LensResult& r = *result;
        QByteArray bytes;
        if (kind == QLatin1String("matrix-svg"))
            bytes = lens::matrixSvg(r, *shown, *info);
        else if (kind == QLatin1String("matrix-json"))
            bytes = lens::matrixJson(r, *shown, *info);
        else if (kind == QLatin1String("heads-svg"))
            bytes = lens::headGridSvg(r, *info);
        else if (kind == QLatin1String("heads-json"))
            bytes = lens::headGridJson(r, *info);
        else {
            const int T = r.tokenCount(), q = info->focusToken;
            std::vector<float> row(size_t(T), std::numeric_limits<float>::quiet_NaN());
            if (q >= 0 && q < T)
                std::copy_n(shown->begin() + std::ptrdiff_t(q) * T, T, row.begin());
            bytes = kind == QLatin1String("arcs-svg") ? lens::arcsSvg(r, row, *info) : lens::arcsJson(r, row, *info);
        }
        *why = al::app::writeFileAtomically(path, bytes);
    };
    spec.onFinished = [this, kind, path, why](compute::Outcome outcome, const QString& error) {
        emit exported(kind, path, outcome == compute::Outcome::Done ? *why
                                  : !error.isEmpty() ? error : tr("the export was stopped"));
    };
    // Not kept to cancel: an export the learner asked for is written even if the page closes.
    compute::ComputeScheduler::instance()->submit(std::move(spec));
}
