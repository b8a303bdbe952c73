#include "qkv_sandbox.h"

#include "figure_words.h"

#include <algorithm>
#include <cmath>

QkvSandbox::QkvSandbox(QObject* parent) : QObject(parent) { resetVectors(); }

void QkvSandbox::resetVectors() {
    q_ = {1.0, 0.4};
    k_[0] = {1.2, 0.2};  k_[1] = {-0.3, 1.0}; k_[2] = {-0.8, -0.9};
    v_[0] = {0.9, -0.6}; v_[1] = {0.2, 1.1};  v_[2] = {-1.0, 0.1};
    update();
}

void QkvSandbox::setKey(int i, QPointF k) { if (i >= 0 && i < 3) { k_[i] = k; update(); } }
void QkvSandbox::setValue(int i, QPointF v) { if (i >= 0 && i < 3) { v_[i] = v; update(); } }
double QkvSandbox::divisor() const { return scaled_ ? std::sqrt(double(d_)) : 1.0; }

void QkvSandbox::update() {
    const double grow = std::sqrt(d_ / 2.0); // how much larger a d-dimensional dot product would be
    double m = -INFINITY;
    for (int i = 0; i < 3; ++i) {
        dot_[i] = q_.x() * k_[i].x() + q_.y() * k_[i].y();
        score_[i] = dot_[i] * grow / divisor();
        m = std::max(m, score_[i]);
    }
    double sum = 0;
    for (int i = 0; i < 3; ++i) sum += (w_[i] = std::exp(score_[i] - m));
    out_ = {};
    for (int i = 0; i < 3; ++i) {
        w_[i] /= sum;
        out_ += w_[i] * v_[i];
    }
    emit changed();
}

static QVariantList points(const QPointF* p) { return {p[0], p[1], p[2]}; }
static QVariantList numbers(const double* p) { return {p[0], p[1], p[2]}; }
QVariantList QkvSandbox::keys() const { return points(k_); }
QVariantList QkvSandbox::values() const { return points(v_); }
QVariantList QkvSandbox::dots() const { return numbers(dot_); }
QVariantList QkvSandbox::scores() const { return numbers(score_); }
QVariantList QkvSandbox::weights() const { return numbers(w_); }

QString QkvSandbox::description() const {
    const QVariantList w = weights();
    QStringList parts;
    for (int i = 0; i < w.size(); ++i)
        parts << tr("key %1: %2").arg(i + 1).arg(figure_words::number(w[i].toDouble()));
    return tr("Query at (%1, %2), scores divided by %3; weights %4; the weighted sum of the values lies at (%5, %6).")
        .arg(figure_words::number(q_.x()), figure_words::number(q_.y()), figure_words::number(divisor()),
             parts.join(QStringLiteral(", ")), figure_words::number(out_.x()), figure_words::number(out_.y()));
}
