#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <utility>

#include "export/svg_palette.h"
#include "export/svg_writer.h"
#include "lens/lens_export.h"

using al::app::SvgWriter;

namespace lens {
namespace {

using namespace al::app::svg_palette;
constexpr int kMaxArcs = 8;      // TokenStrip.maxArcs
constexpr double kMinArc = 0.02; // weights below it draw no arc
constexpr double kArcSpace = 30; // TokenStrip.arcSpace

QString n(double v) { return SvgWriter::num(v); }

} // namespace

QByteArray arcsSvg(const LensResult& r, const std::vector<float>& row, const ExportInfo& info) {
    const int T = r.tokenCount();
    const double W = std::max(60.0, info.size.width()), H = std::max(40.0, info.size.height());
    SvgWriter svg(W, H, QCoreApplication::translate("LensExport", "Tokens of your text"));
    svg.rect(0, 0, W, H, kPage);
    if (T == 0 || info.chips.size() != T) return svg.finish();
    const int q = info.focusToken >= 0 && info.focusToken < T ? info.focusToken : -1;
    auto weightOf = [&](int j) {
        return q >= 0 && j < int(row.size()) && !std::isnan(row[size_t(j)]) ? double(row[size_t(j)]) : -1.0;
    };

    for (int j = 0; j < T; ++j) {
        const QRectF b = info.chips[j];
        const TokenInfo& t = r.tokens[size_t(j)];
        const double w = weightOf(j);
        svg.rect(b.x(), b.y(), b.width(), b.height(), t.special ? kSurfaceAlt : kPage, j == q ? kAccent : kBorder,
                 j == q ? 2.5 : 1);
        if (w > 0)
            svg.rect(b.x() + 1, b.y() + 1, b.width() - 2, b.height() - 2, kAccent, {}, 1, std::min(1.0, w) * 0.85);
        const QString label =
            t.special
                ? QStringLiteral("⟨%1⟩").arg(QString(t.text).remove(QStringLiteral("<|")).remove(QStringLiteral("|>")))
                : t.text;
        svg.text(b.center().x(), b.center().y() + 5, label, 15,
                 w > 0.55 ? kOnAccent : (t.special ? kMuted : kText), SvgWriter::Anchor::Middle);
        const QString below = w >= 0   ? QString::number(w, 'f', 2)
                              : j == q ? QCoreApplication::translate("LensExport", "query")
                                       : QString();
        if (!below.isEmpty())
            svg.text(b.center().x(), b.bottom() + 13, below, 11, j == q ? kAccent : kMuted, SvgWriter::Anchor::Middle,
                     j == q);
    }

    if (q < 0) return svg.finish();
    // The strongest few arcs, the strongest drawn first, as the strip draws them.
    std::vector<std::pair<double, int>> picks;
    for (int j = 0; j < q; ++j)
        if (weightOf(j) >= kMinArc) picks.emplace_back(weightOf(j), j);
    std::stable_sort(picks.begin(), picks.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const QRectF qb = info.chips[q];
    const double qx = qb.center().x(), qy = qb.top();
    for (size_t p = 0; p < std::min(picks.size(), size_t(kMaxArcs)); ++p) {
        const auto [w, j] = picks[p];
        const QRectF kb = info.chips[j];
        const double kx = kb.center().x(), ky = kb.top();
        QString d = QStringLiteral("M%1 %2").arg(n(kx), n(ky));
        if (std::abs(ky - qy) < 1) {
            const double lift = std::min(kArcSpace - 3, 10 + std::abs(qx - kx) * 0.15);
            d += QStringLiteral("C%1 %2 %3 %4 %5 %6").arg(n(kx), n(ky - lift), n(qx), n(qy - lift), n(qx), n(qy));
        } else {
            const double lift = kArcSpace - 8;
            d += QStringLiteral("Q%1 %2 %3 %4").arg(n(kx), n(ky - lift), n(kx + 16), n(ky - lift));
        }
        svg.path(d, {}, kAccent, 1 + 9 * w, 0.35 + 0.65 * std::min(1.0, w));
    }
    return svg.finish();
}

} // namespace lens
