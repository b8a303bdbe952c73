#include "scaling_study.h"

#include "figure_words.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

ScalingStudy::ScalingStudy(QObject* parent) : QObject(parent) { compute(); }

static double peak(const std::vector<double>& s) {
    const double m = *std::max_element(s.begin(), s.end());
    double sum = 0;
    for (double v : s) sum += std::exp(v - m);
    return 1.0 / sum; // the largest weight: exp(0) / sum
}

void ScalingStudy::compute() {
    std::mt19937_64 rng(seed_);
    std::normal_distribution<double> normal(0.0, 1.0);
    QVariantList dims, dotStd, peakUnscaled, peakScaled;
    double maxStd = 0;
    for (int d = 2; d <= 1024; d *= 2) {
        double sum = 0, sumsq = 0, pu = 0, ps = 0;
        std::vector<double> q(d), k(d), scores(keys_);
        for (int n = 0; n < samples_; ++n) {
            for (double& x : q) x = normal(rng);
            for (int j = 0; j < keys_; ++j) {
                double dot = 0;
                for (int i = 0; i < d; ++i) dot += q[i] * normal(rng);
                scores[j] = dot;
                sum += dot;
                sumsq += dot * dot;
            }
            pu += peak(scores);
            for (double& s : scores) s /= std::sqrt(double(d));
            ps += peak(scores);
        }
        const double count = double(samples_) * keys_;
        const double mean = sum / count;
        const double sd = std::sqrt(std::max(0.0, sumsq / count - mean * mean));
        dims << d;
        dotStd << sd;
        peakUnscaled << pu / samples_;
        peakScaled << ps / samples_;
        maxStd = std::max(maxStd, sd);
    }
    result_ = {{QStringLiteral("dims"), dims}, {QStringLiteral("dotStd"), dotStd},
               {QStringLiteral("peakUnscaled"), peakUnscaled}, {QStringLiteral("peakScaled"), peakScaled},
               {QStringLiteral("maxStd"), maxStd}};
    emit changed();
}

QString ScalingStudy::description() const {
    const QVariantList dims = result_.value(QStringLiteral("dims")).toList();
    const QVariantList unscaled = result_.value(QStringLiteral("peakUnscaled")).toList();
    const QVariantList scaled = result_.value(QStringLiteral("peakScaled")).toList();
    if (dims.isEmpty() || unscaled.size() != dims.size() || scaled.size() != dims.size())
        return tr("No measurement yet.");
    const int last = int(dims.size()) - 1;
    return tr("Mean largest of %1 weights: at d = %2, %3 without scaling and %4 with it; at d = %5, %6 without scaling and %7 with it.")
        .arg(keys_).arg(dims.first().toInt())
        .arg(figure_words::number(unscaled.first().toDouble()), figure_words::number(scaled.first().toDouble()))
        .arg(dims[last].toInt())
        .arg(figure_words::number(unscaled[last].toDouble()), figure_words::number(scaled[last].toDouble()));
}
