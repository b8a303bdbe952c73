#include "figure_export.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QColor>
#include <QSizeF>
#include <algorithm>
#include <cmath>
#include <memory>

#include "compute/compute_scheduler.h"
#include "export/chart_svg.h"
#include "export/svg_palette.h"
#include "heatmap/colormap.h"
#include "storage/state_file.h"

using namespace al::app;

namespace {

QSizeF sizeOf(const QVariantMap& options) {
    return {options.value(QStringLiteral("width")).toDouble(), options.value(QStringLiteral("height")).toDouble()};
}

QString titleOf(const QVariantMap& figure, const QVariantMap& options) {
    const QString t = options.value(QStringLiteral("title")).toString();
    return t.isEmpty() ? figure.value(QStringLiteral("title")).toString() : t;
}

// A cell's colour as the screen draws it: "weights" in the lens's colour map over [0, maxValue]
// (an attention weight looks the same in every figure); "accent" the accent laid over the page
// with opacity sqrt(v / maxValue) (Station 6's swap grid); "signed" the accent for a positive
// value and the second chart colour for a negative one, with opacity 0.08 + 0.82 |v| / maxValue
// (Station 3's patching grids).
QString cellColour(const QString& scale, double v, double maxValue) {
    const double t = std::clamp(maxValue > 0 ? v / maxValue : 0.0, 0.0, 1.0);
    if (scale == QLatin1String("accent")) {
        const QColor a(svg_palette::kAccent), page(svg_palette::kPage);
        const double f = std::sqrt(t);
        auto mix = [f](int p, int c) { return int(std::lround(p + (c - p) * f)); };
        return QColor(mix(page.red(), a.red()), mix(page.green(), a.green()), mix(page.blue(), a.blue())).name();
    }
    if (scale == QLatin1String("signed")) {
        const QColor c(v >= 0 ? svg_palette::kAccent : svg_palette::kSecond), page(svg_palette::kPage);
        const double a = 0.08 + 0.82 * std::clamp(maxValue > 0 ? std::abs(v) / maxValue : 0.0, 0.0, 1.0);
        auto mix = [a](int p, int x) { return int(std::lround(p + (x - p) * a)); };
        return QColor(mix(page.red(), c.red()), mix(page.green(), c.green()), mix(page.blue(), c.blue())).name();
    }
    return QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, float(t))).name();
}

HeatmapChart heatmapOf(const QVariantMap& figure, const QVariantMap& options) {
    HeatmapChart c;
    c.title = titleOf(figure, options);
    c.rowLabels = figure.value(QStringLiteral("rowLabels")).toStringList();
    c.columnLabels = figure.value(QStringLiteral("columnLabels")).toStringList();
    c.perRow = figure.value(QStringLiteral("perRow")).toInt();
    c.cellText = figure.value(QStringLiteral("cellText")).toBool();
    c.square = figure.value(QStringLiteral("square"), true).toBool();
    c.note = figure.value(QStringLiteral("note")).toString();
    const QString scale = figure.value(QStringLiteral("colours"), QStringLiteral("weights")).toString();
    const double maxValue = figure.value(QStringLiteral("maxValue"), 1.0).toDouble();
    for (const QVariant& pv : figure.value(QStringLiteral("panels")).toList()) {
        const QVariantMap p = pv.toMap();
        HeatmapPanel panel;
        panel.title = p.value(QStringLiteral("title")).toString();
        panel.rows = p.value(QStringLiteral("rows")).toInt();
        panel.columns = p.value(QStringLiteral("columns")).toInt();
        panel.marked = p.value(QStringLiteral("marked")).toBool();
        for (const QVariant& v : p.value(QStringLiteral("values")).toList()) {
            // A blanked cell arrives as NaN or, through QML and JSON, as null.
            const double x = v.isNull() || !v.isValid() ? std::nan("") : v.toDouble();
            panel.values << x;
            panel.colours << (std::isnan(x) ? QString() : cellColour(scale, x, maxValue));
        }
        c.panels << panel;
    }
    return c;
}

QByteArray svgOf(const QVariantMap& figure, const QVariantMap& options) {
    const QString chart = figure.value(QStringLiteral("chart")).toString();
    if (chart == QLatin1String("signed-bars")) {
        SignedBarChart c;
        c.title = titleOf(figure, options);
        c.scale = figure.value(QStringLiteral("scale"), 1.0).toDouble();
        c.note = figure.value(QStringLiteral("note")).toString();
        c.signedAxis = figure.value(QStringLiteral("signed"), true).toBool();
        for (const QVariant& rv : figure.value(QStringLiteral("rows")).toList()) {
            const QVariantMap r = rv.toMap();
            SignedBarRow row{r.value(QStringLiteral("label")).toString(), {}};
            for (const QVariant& bv : r.value(QStringLiteral("bars")).toList()) {
                const QVariantMap b = bv.toMap();
                row.bars << SignedBar{b.value(QStringLiteral("name")).toString(), b.value(QStringLiteral("value")).toDouble(),
                                      b.value(QStringLiteral("colour")).toString()};
            }
            c.rows << row;
        }
        return signedBarsSvg(c, sizeOf(options));
    }
    if (chart == QLatin1String("lines")) {
        LineChart c;
        c.title = titleOf(figure, options);
        c.xTitle = figure.value(QStringLiteral("xTitle")).toString();
        c.yTitle = figure.value(QStringLiteral("yTitle")).toString();
        for (const QVariant& sv : figure.value(QStringLiteral("series")).toList()) {
            const QVariantMap s = sv.toMap();
            LineSeriesData d{s.value(QStringLiteral("name")).toString(), s.value(QStringLiteral("colour")).toString(), {}};
            for (const QVariant& pv : s.value(QStringLiteral("points")).toList()) {
                const QVariantList p = pv.toList();
                if (p.size() == 2) d.points << QPointF(p[0].toDouble(), p[1].toDouble());
            }
            c.series << d;
        }
        return lineChartSvg(c, sizeOf(options));
    }
    if (chart == QLatin1String("heatmap")) return heatmapSvg(heatmapOf(figure, options), sizeOf(options));
    if (chart == QLatin1String("prob-bars")) {
        ProbBarChart c;
        c.title = titleOf(figure, options);
        c.colour = figure.value(QStringLiteral("colour")).toString();
        c.markTop = figure.value(QStringLiteral("markTop")).toBool();
        for (const QVariant& bv : figure.value(QStringLiteral("bars")).toList()) {
            const QVariantMap b = bv.toMap();
            c.bars << ProbBar{b.value(QStringLiteral("token")).toString(), b.value(QStringLiteral("p")).toDouble(),
                              b.value(QStringLiteral("compare"), -1.0).toDouble()};
        }
        return probBarsSvg(c, sizeOf(options));
    }
    return {};
}

// What every chart's JSON says about where its numbers come from, then the numbers.
QByteArray jsonOf(const QVariantMap& figure, const QVariantMap& options) {
    QJsonObject o{{QStringLiteral("figure"), figure.value(QStringLiteral("name")).toString()},
                  {QStringLiteral("title"), titleOf(figure, options)},
                  {QStringLiteral("model"),
                   QJsonObject{{QStringLiteral("name"), options.value(QStringLiteral("model")).toString()},
                               {QStringLiteral("folder"), options.value(QStringLiteral("modelFolder")).toString()}}},
                  {QStringLiteral("text"), options.value(QStringLiteral("text")).toString()}};
    for (const char* key : {"layer", "head"}) {
        const QString k = QLatin1String(key);
        if (figure.contains(k) && figure.value(k).toInt() >= 0) o.insert(k, figure.value(k).toInt());
    }
    const QJsonObject numbers = QJsonObject::fromVariantMap(figure.value(QStringLiteral("numbers")).toMap());
    for (auto it = numbers.begin(); it != numbers.end(); ++it) o.insert(it.key(), it.value());
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

QByteArray FigureExport::render(const QString& kind, const QVariantMap& figure, const QVariantMap& options) {
    if (kind.endsWith(QLatin1String("-svg"))) return svgOf(figure, options);
    if (kind.endsWith(QLatin1String("-json"))) return jsonOf(figure, options);
    return {};
}

void FigureExport::save(const QString& kind, const QString& path, const QVariantMap& figure, const QVariantMap& options) {
    if (!kind.endsWith(QLatin1String("-svg")) && !kind.endsWith(QLatin1String("-json"))) {
        emit exported(kind, path, tr("unknown kind of export \"%1\"").arg(kind));
        return;
    }
    if (figure.isEmpty()) {
        emit exported(kind, path, tr("there is nothing to export yet"));
        return;
    }
    auto why = std::make_shared<QString>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure; // the learner asked for it and waits for it
    spec.name = QStringLiteral("figure-export");
    spec.receiver = this;
    // The figure's numbers were taken on the GUI thread when the learner asked: a later result cannot mix in.
    spec.work = [kind, path, figure, options, why](compute::JobContext&) {
        const QByteArray bytes = render(kind, figure, options);
        *why = bytes.isEmpty() ? tr("this figure cannot be saved that way") : writeFileAtomically(path, bytes);
    };
    spec.onFinished = [this, kind, path, why](compute::Outcome outcome, const QString& error) {
        emit exported(kind, path, outcome == compute::Outcome::Done ? *why
                                  : !error.isEmpty() ? error : tr("the export was stopped"));
    };
    // Not kept to cancel: an export the learner asked for is written even if the page closes.
    compute::ComputeScheduler::instance()->submit(std::move(spec));
}
