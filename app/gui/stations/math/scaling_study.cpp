#include "scaling_study.h"

#include "figure_words.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

ScalingStudy::ScalingStudy(QObject* parent) : QObject(parent) { compute(); }

void ScalingStudy::setSeed(quint64 s) { if (s != seed_) { seed_ = s; compute(); } }
void ScalingStudy::setSamples(int n) { n = std::clamp(n, 10, 5000); if (n != samples_) { samples_ = n; compute(); } }
void ScalingStudy::setKeys(int n) { n = std::clamp(n, 2, 64); if (n != keys_) { keys_ = n; compute(); } }

static double peak(const std::vector<double>& s) {
    const double m = *std::max_element(s.begin(), s.end());
    double sum = 0;
    for (double v : s) sum += std::exp(v - m);
    return 1.0 / sum; // the largest weight: exp(0) / sum
}

void ScalingStudy::compute() {
    std::mt19937_64 rng(seed_);
    std::normal_distribution<double> normal(0.0, 1.0);
    dims_.clear(); std_.clear(); peakU_.clear(); peakS_.clear();
    maxStd_ = 0;
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
        dims_ << d;
        std_ << sd;
        peakU_ << pu / samples_;
        peakS_ << ps / samples_;
        maxStd_ = std::max(maxStd_, sd);
    }
    emit changed();
}

QString ScalingStudy::description() const {
    if (dims_.isEmpty() || peakU_.size() != dims_.size() || peakS_.size() != dims_.size())
        return tr("No measurement yet.");
    const int last = int(dims_.size()) - 1;
    return tr("Mean largest of %1 weights: at d = %2, %3 without scaling and %4 with it; at d = %5, %6 without scaling and %7 with it.")
        .arg(keys_).arg(dims_.first().toInt())
        .arg(figure_words::number(peakU_.first().toDouble()), figure_words::number(peakS_.first().toDouble()))
        .arg(dims_[last].toInt())
        .arg(figure_words::number(peakU_[last].toDouble()), figure_words::number(peakS_[last].toDouble()));
}
