#include "course_lab.h"

#include <QTimer>

#include "model_hub.h"

CourseLab::CourseLab(QObject* parent) : QObject(parent) {
    // Connect after construction so that QML-set properties are in place before the first run.
    QTimer::singleShot(0, this, [this] {
        if (!followHub_)
            return;
        ModelHub* hub = ModelHub::instance();
        connect(hub, &ModelHub::modelChanged, this, [this] { if (followHub_) takeFromHub(); });
        connect(hub, &ModelHub::textChanged, this, [this] { if (followHub_) takeFromHub(); });
        takeFromHub();
    });
}

void CourseLab::setFollowHub(bool on) {
    if (on == followHub_)
        return;
    followHub_ = on;
    emit followHubChanged();
}

void CourseLab::takeFromHub() {
    ModelHub* hub = ModelHub::instance();
    model_ = hub->model();
    text_ = hub->text();
    setReady(false);
    scheduleRecompute();
}

void CourseLab::setModel(std::shared_ptr<const al::Model> model, const QString& text) {
    followHub_ = false;
    model_ = std::move(model);
    text_ = text;
    setReady(false);
    recompute();
}

void CourseLab::scheduleRecompute() {
    if (scheduled_)
        return;
    scheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        scheduled_ = false;
        if (model_)
            recompute();
    });
}

void CourseLab::setError(const QString& e) {
    if (e == error_)
        return;
    error_ = e;
    emit errorChanged();
}

void CourseLab::setReady(bool r) {
    if (r == ready_)
        return;
    ready_ = r;
    emit readyChanged();
}
