// The app's one loaded model and the learner's text, shared by every station.
// Stations' C++ types read the current model here and run their work on the ComputeScheduler
// (each job with its own al::Runner); models load there too. QML reads the properties through the
// ModelHub singleton.
#pragma once
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <memory>

#include "attention_lens/model.h"

class ModelHub : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // The learner's text; kept across stations and across model switches.
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY modelChanged)          // a model is loaded
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    // e.g. "GPT-2 small (124M)" for the published weights, "my-finetune (GPT-2 small's shape, 124M)"
    // for another folder of that shape (see describeModel); it changes once a folder's weights are
    // verified, after the model itself changed.
    Q_PROPERTY(QString modelName READ modelName NOTIFY nameChanged)
    Q_PROPERTY(QString modelDir READ modelDir NOTIFY modelChanged)
    Q_PROPERTY(bool isEmbedded READ isEmbedded NOTIFY modelChanged)  // the course's own small model
    Q_PROPERTY(int nLayer READ nLayer NOTIFY modelChanged)
    Q_PROPERTY(int nHead READ nHead NOTIFY modelChanged)
    Q_PROPERTY(int nEmbd READ nEmbd NOTIFY modelChanged)
    Q_PROPERTY(int nPositions READ nPositions NOTIFY modelChanged)
    Q_PROPERTY(qint64 parameters READ parameters NOTIFY modelChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)        // last load error, "" if none
    // How many tokens of the text every figure and exercise reads (course::kTokenCap, or fewer
    // when the model's context is shorter); captions say "the first N tokens" with it.
    Q_PROPERTY(int tokenCap READ tokenCap NOTIFY modelChanged)
    // How many tokens the whole text has for the loaded model (0 without a tokenizer), and when
    // that is more than tokenCap a sentence that says so ("Showing the first 64 of 1,310 tokens…"),
    // "" otherwise. Every station shows it above its figures.
    Q_PROPERTY(int textTokens READ textTokens NOTIFY textTokensChanged)
    Q_PROPERTY(QString truncationNotice READ truncationNotice NOTIFY textTokensChanged)

public:
    static ModelHub* instance();                        // the one created in main / test mains
    static ModelHub* create(class QQmlEngine*, class QJSEngine*); // QML singleton factory
    ~ModelHub() override;

    // The current model, safe to keep and use from any thread (immutable). nullptr if none.
    std::shared_ptr<const al::Model> model() const;

    QString text() const;
    void setText(const QString& text);
    bool ready() const;
    bool loading() const;
    QString modelName() const;
    QString modelDir() const;
    bool isEmbedded() const;
    int nLayer() const;
    int nHead() const;
    int nEmbd() const;
    int nPositions() const;
    qint64 parameters() const;
    QString error() const;
    int tokenCap() const;
    int textTokens() const;
    QString truncationNotice() const;

    // Loads a model folder off the GUI thread (a Figure job on the ComputeScheduler); the current
    // model stays until the new one is ready.
    Q_INVOKABLE void loadModel(const QString& dir);
    Q_INVOKABLE void loadEmbeddedModel();
    // Makes a model built in memory the current one (benchmarks and tests: a GPT-2-small-shaped
    // model without writing it to disk); it supersedes any load in flight.
    void useModel(std::shared_ptr<const al::Model> model, const QString& name);
    // Makes an already loaded model (a download's validated one, named by its installed folder)
    // the current one without loading it again; supersedes any load in flight.
    void adoptModel(std::shared_ptr<const al::Model> model, const QString& dir);

    // The name the header shows for a model. GPT-2 small's name goes only to its published weights
    // (`gpt2SmallWeights`: the folder's model.safetensors matches the hash pinned in the download
    // manifest); any other model of its shape, random or fine-tuned, is named by its source
    // (source.json's repo), else its folder, "with GPT-2 small's shape". Likewise for GPT-2 medium,
    // whose weights are not pinned.
    static QString describeModel(const al::Model& model, const QString& dir, bool gpt2SmallWeights);

signals:
    void textChanged();
    void modelChanged();   // stations recompute their figures and exercises on this
    void nameChanged();
    void loadingChanged();
    void errorChanged();
    void textTokensChanged();

private:
    explicit ModelHub(QObject* parent = nullptr);
    // dir: the model's folder (empty for one built in memory); name: shown instead of the
    // description made from the model and its folder, when given.
    void setCurrent(std::shared_ptr<const al::Model> model, const QString& dir, const QString& name = {});
    void supersedeLoads();
    void verifyGpt2Small(); // hashes the folder's weights off the GUI thread, then renames
    struct Private;
    std::unique_ptr<Private> d;
    void countTokens();
};
