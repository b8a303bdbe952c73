// The common base of the stations' C++ backends: each lab runs its engine work off the GUI thread
// (QtConcurrent, a fresh al::Runner per job, so jobs never share one), a newer request supersedes
// an older one (the older result is dropped), and everything is recomputed when the hub's model or
// text changes.
#pragma once
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>

#include "attention_lens/model.h"

class CourseLab : public QObject {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)   // results for the current model are shown
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // Follow ModelHub's model and text (on by default); tests turn it off and call setModel.
    Q_PROPERTY(bool followHub READ followHub WRITE setFollowHub NOTIFY followHubChanged)
public:
    explicit CourseLab(QObject* parent = nullptr);
    bool busy() const { return pending_ > 0; }
    bool ready() const { return ready_; }
    QString error() const { return error_; }
    bool followHub() const { return followHub_; }
    void setFollowHub(bool on);

    // For tests and for labs used outside the hub: a model and text to work on.
    void setModel(std::shared_ptr<const al::Model> model, const QString& text);
    std::shared_ptr<const al::Model> model() const { return model_; }
    QString text() const { return text_; }

    Q_INVOKABLE void refresh() { recompute(); }

signals:
    void busyChanged();
    void readyChanged();
    void errorChanged();
    void followHubChanged();
    void computed(); // a result was applied (tests wait on this)

protected:
    virtual void recompute() = 0;

    // Runs work() on the thread pool; apply(result) runs on the GUI thread unless a newer job of
    // the same channel started since. work() may throw: the message lands in `error`.
    template <class R>
    void runJob(std::function<R()> work, std::function<void(R&)> apply, int channel = 0) {
        const int ticket = ++tickets_[channel];
        ++pending_;
        emit busyChanged();
        auto shared = std::make_shared<std::function<void(R&)>>(std::move(apply));
        QtConcurrent::run([work = std::move(work)]() -> std::pair<std::shared_ptr<R>, QString> {
            try {
                return {std::make_shared<R>(work()), QString()};
            } catch (const std::exception& e) {
                return {nullptr, QString::fromUtf8(e.what())};
            }
        }).then(this, [this, ticket, channel, shared](std::pair<std::shared_ptr<R>, QString> out) {
            --pending_;
            emit busyChanged();
            if (ticket != tickets_[channel])
                return; // superseded
            setError(out.second);
            if (out.first) {
                (*shared)(*out.first);
                setReady(true);
                emit computed();
            }
        });
    }
    void setError(const QString& e);
    void setReady(bool r);
    void scheduleRecompute();   // coalesces bursts of changes into one recompute

private:
    void takeFromHub();
    std::shared_ptr<const al::Model> model_;
    QString text_;
    bool followHub_ = true;
    bool ready_ = false;
    bool scheduled_ = false;
    int pending_ = 0;
    QHash<int, int> tickets_; // per channel: the newest job's number
    QString error_;
};
