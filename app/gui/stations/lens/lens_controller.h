// Station 1's engine side: runs the model on the learner's text as Figure jobs on the app's
// ComputeScheduler (one al::Runner, reused so that typing costs only the new positions; a mutex
// keeps two jobs from using it at once) and hands each result to the GUI thread. A newer request
// supersedes older ones: the older job's cancel flag is set (a queued one never starts, a running
// forward stops within one layer), and the GUI thread drops results that are not the newest.
#pragma once
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <atomic>
#include <memory>

#include "assign_if_changed.h"
#include "compute/compute_scheduler.h"
#include "lens/lens_result.h"
#include "lens/token_model.h"

namespace al { class Model; }

class LensController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    // The text to look at; every change starts a (superseding) computation.
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    // Follow ModelHub's model (true in the app; tests and the benchmark give a model directly).
    Q_PROPERTY(bool followHub READ followHub WRITE setFollowHub NOTIFY followHubChanged)
    Q_PROPERTY(int layer READ layer WRITE setLayer NOTIFY selectionChanged)
    Q_PROPERTY(int head READ head WRITE setHead NOTIFY selectionChanged)
    Q_PROPERTY(int focusToken READ focusToken WRITE setFocusToken NOTIFY focusTokenChanged) // -1: none
    Q_PROPERTY(bool hideFirst READ hideFirst WRITE setHideFirst NOTIFY hideFirstChanged)
    // Chips, arcs and matrix show the value-weighted view (weight × ‖v_j·W_O‖, rows rescaled to
    // sum to 1) instead of the raw weights, once valueWeightsReady.
    Q_PROPERTY(bool valueWeighted READ valueWeighted WRITE setValueWeighted NOTIFY valueWeightedChanged)
    // The value norms of the shown layer/head are computed (while valueWeighted is on, a job after
    // each result and selection).
    Q_PROPERTY(bool valueWeightsReady READ valueWeightsReady NOTIFY valueWeightsChanged)
    // The all-heads grid shows the value-weighted view: the toggle is on and every head's value
    // norms are in (one more job after each result while the toggle is on; nothing while it is off).
    Q_PROPERTY(bool overviewValueWeighted READ overviewValueWeighted NOTIFY overviewNormsChanged)
    Q_PROPERTY(TokenModel* tokens READ tokens CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)          // a newer request is being computed
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY resultChanged)
    Q_PROPERTY(bool upToDate READ upToDate NOTIFY busyChanged)  // the shown result is for `text`
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY resultChanged) // e.g. text truncated to n_positions
    Q_PROPERTY(int tokenCount READ tokenCount NOTIFY resultChanged)
    Q_PROPERTY(int nLayer READ nLayer NOTIFY resultChanged)
    Q_PROPERTY(int nHead READ nHead NOTIFY resultChanged)
    Q_PROPERTY(int reusedPrefix READ reusedPrefix NOTIFY resultChanged)
    Q_PROPERTY(double milliseconds READ milliseconds NOTIFY resultChanged)
    Q_PROPERTY(QVariantMap inductionFinding READ inductionFinding NOTIFY inductionFindingChanged)
    Q_PROPERTY(QString inductionSample READ inductionSample CONSTANT)
public:
    explicit LensController(QObject* parent = nullptr);
    ~LensController() override;

    QString text() const { return text_; }
    void setText(const QString& text);
    bool followHub() const { return followHub_; }
    void setFollowHub(bool on);
    int layer() const { return layer_; }
    void setLayer(int layer);
    int head() const { return head_; }
    void setHead(int head);
    int focusToken() const { return focus_; }
    void setFocusToken(int token);
    bool hideFirst() const { return hideFirst_; }
    void setHideFirst(bool on);
    bool valueWeighted() const { return valueWeighted_; }
    void setValueWeighted(bool on);
    bool valueWeightsReady() const;
    bool overviewValueWeighted() const { return valueWeighted_ && overviewNorms() != nullptr; }
    // Every head's ‖v_j·W_O‖ for the shown result, [L][H][T]; null until its job is done.
    const std::vector<float>* overviewNorms() const;
    TokenModel* tokens() { return &tokens_; }
    bool busy() const { return requested_ != shown_; }
    bool hasResult() const { return result_ != nullptr; }
    bool upToDate() const { return result_ && requested_ == shown_; }
    QString error() const { return error_; }
    QString notice() const;
    int tokenCount() const { return result_ ? result_->tokenCount() : 0; }
    int nLayer() const { return result_ ? result_->nLayer : 0; }
    int nHead() const { return result_ ? result_->nHead : 0; }
    int reusedPrefix() const { return result_ ? result_->reusedPrefix : 0; }
    double milliseconds() const { return result_ ? result_->milliseconds : 0; }
    QVariantMap inductionFinding() const { return induction_; }
    QString inductionSample() const;

    // The result shown now (nullptr before the first one). Items read their pixels from it.
    lens::LensResultPtr result() const { return result_; }
    void setModel(std::shared_ptr<const al::Model> model); // also re-runs the current request
    // Runs on token ids directly (no tokenizer needed; the chips show "#id").
    void requestIds(const std::vector<int>& ids);
    // Installs a finished result as if the worker had produced it (benchmarks, tests).
    void setResultForTesting(lens::LensResultPtr result);
    quint64 requestedGeneration() const { return requested_; }
    quint64 shownGeneration() const { return shown_; }
    int droppedResults() const { return dropped_; } // finished but stale, never shown

    // What the lens shows for query i on key j in the current layer/head (hideFirst applied; the
    // value-weighted view when it is on and ready); 0 where masked.
    Q_INVOKABLE double weight(int i, int j) const;
    // The value-weighted view of query i on key j in the current layer/head, whatever the toggle
    // says; -2 while its value norms are being computed.
    Q_INVOKABLE double valueWeightedWeight(int i, int j) const;
    Q_INVOKABLE double weightIn(int layer, int head, int i, int j, bool hideFirst) const;
    // The key token query i attends to most in (layer, head); -1 if none.
    Q_INVOKABLE int argmaxKey(int layer, int head, int query, bool hideFirst) const;
    // The current matrix as CSV: a header row of tokens, one row per query (masked cells empty).
    Q_INVOKABLE QString matrixCsv() const;
    // Writes a figure to `path` atomically (never through a link there): `kind` is "matrix-svg",
    // "matrix-json" (the selected head, as the matrix shows it), "heads-svg" or "heads-json" (every
    // head, as the all-heads grid shows it), "arcs-svg" or "arcs-json" (the focused token's row, as
    // the token strip shows it). `options`: width and height (the figure's size on screen),
    // logScale, tile and gap (the grid's), chips (the strip's chip boxes), model and modelFolder.
    // The figure is taken as shown now; it is drawn and written on a worker (144 heads take a few
    // hundred ms), and `exported` says how it went. An unknown kind or no result yet answers at once.
    Q_INVOKABLE void exportFigure(const QString& kind, const QString& path, const QVariantMap& options);
    // Finders: {layer, head, score, kind, title, why}; kind = "previous-token", "sink", "decisive".
    Q_INVOKABLE QVariantMap findHead(const QString& kind) const;
    // Starts the induction census (off the GUI thread; result in inductionFinding).
    Q_INVOKABLE void findInductionHead();
    Q_INVOKABLE QString tokenText(int i) const;

signals:
    void textChanged();
    void followHubChanged();
    void selectionChanged();
    void focusTokenChanged();
    void hideFirstChanged();
    void valueWeightedChanged();
    void valueWeightsChanged();
    void overviewNormsChanged();
    void busyChanged();
    void resultChanged();
    void errorChanged();
    void inductionFindingChanged();
    // An export asked for by exportFigure is written (error "") or could not be (error: why).
    void exported(const QString& kind, const QString& path, const QString& error);

private:
    void request();
    void acceptResult(lens::LensResultPtr result, const QString& error, quint64 generation);
    void updateWeights();
    void requestValueNorms();
    void requestOverviewNorms();
    bool showsValueWeighted() const { return valueWeighted_ && valueWeightsReady(); }
    void choose(int& field, int value, int count);
    void onHubModelChanged();

    QString text_;
    bool followHub_ = true;
    bool useIds_ = false;
    std::vector<int> ids_;
    int layer_ = 0, head_ = 0, focus_ = -1;
    bool hideFirst_ = false;
    bool valueWeighted_ = false;
    // ‖v_j·W_O‖ of normsLayer_/normsHead_ in normsOf_ (empty until its job is done).
    std::vector<float> norms_;
    std::weak_ptr<const lens::LensResult> normsOf_;
    int normsLayer_ = -1, normsHead_ = -1;
    // Every head's norms for allNormsOf_ (empty until its job is done).
    std::vector<float> allNorms_;
    std::weak_ptr<const lens::LensResult> allNormsOf_;
    TokenModel tokens_;
    lens::LensResultPtr result_;
    QString error_;
    quint64 requested_ = 0, shown_ = 0;
    int dropped_ = 0;
    std::shared_ptr<const al::Model> model_;
    QVariantMap induction_;
    std::shared_ptr<class LensWorker> worker_; // the runner; shared with running jobs
    compute::JobPtr job_, inductionJob_, normsJob_, allNormsJob_;
};
