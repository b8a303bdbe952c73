#include "model_hub.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QQmlEngine>
#include <QUrl>
#include <algorithm>
#include <mutex>

#include "attention_lens/error.h"
#include "compute/compute_scheduler.h"
#include "course_math.h"
#include "gpt2_small_weights.h"
#include "cpp_owned.h"
#include "model_locator.h"

namespace {

struct LoadOutcome {
    std::shared_ptr<const al::Model> model;
    QString dir;
    QString error;
};

LoadOutcome loadFolder(const QString& dir) {
    LoadOutcome out;
    out.dir = dir;
    try {
        out.model = al::Model::load(QDir(dir).absolutePath().toStdString());
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

// Where a folder came from: the repo its source.json (written by the downloader) names, else the
// folder's own name.
QString sourceName(const QString& dir) {
    QFile f(QDir(dir).filePath(QStringLiteral("source.json")));
    if (f.open(QIODevice::ReadOnly)) {
        const QString repo = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("repo")).toString();
        if (!repo.isEmpty())
            return repo;
    }
    return QFileInfo(dir).fileName();
}

} // namespace

struct ModelHub::Private {
    mutable std::mutex mutex; // guards model (read from worker threads through model())
    std::shared_ptr<const al::Model> model;
    QString dir;
    QString name;
    QString text = QStringLiteral("The cat sat on the mat because it was tired.");
    QString error;
    bool embedded = false;
    int loads = 0;        // loads in flight
    quint64 generation = 0; // the newest load request; older ones are dropped when they finish
    QString embeddedDir;
    compute::JobPtr loadJob; // the newest load
    int textTokens = 0;
};

ModelHub* ModelHub::instance() {
    static ModelHub* self = new ModelHub(qApp);
    return self;
}
ModelHub* ModelHub::create(QQmlEngine*, QJSEngine*) { return cppOwned(instance()); }

ModelHub::ModelHub(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {
    connect(this, &ModelHub::modelChanged, this, &ModelHub::countTokens);
}
ModelHub::~ModelHub() = default;

std::shared_ptr<const al::Model> ModelHub::model() const {
    std::lock_guard lock(d->mutex);
    return d->model;
}

QString ModelHub::text() const { return d->text; }
void ModelHub::setText(const QString& text) {
    if (text == d->text)
        return;
    d->text = text;
    emit textChanged();
    countTokens();
}

// On the GUI thread: GPT-2's tokenizer reads about a megabyte a second here, so a text of a few
// thousand tokens costs about a millisecond. A paste of a whole book is counted in its first
// kCountChars characters and said as "more than".
namespace {
constexpr qsizetype kCountChars = 200000;
}

void ModelHub::countTokens() {
    const auto m = model();
    int n = 0;
    if (m && m->tokenizer()) {
        const QByteArray utf8 = d->text.left(kCountChars).toUtf8();
        n = int(m->tokenizer()->encode(std::string_view(utf8.constData(), size_t(utf8.size()))).size());
    }
    if (n == d->textTokens)
        return;
    d->textTokens = n;
    emit textTokensChanged();
}

int ModelHub::textTokens() const { return d->textTokens; }

QString ModelHub::truncationNotice() const {
    const int cap = tokenCap();
    if (d->textTokens <= cap)
        return {};
    const QString total = QLocale(QLocale::English).toString(d->textTokens);
    if (d->text.size() > kCountChars)
        return tr("Showing the first %1 tokens of your text, which has more than %2: every figure and exercise "
                  "reads only those, and the rest is left out.").arg(cap).arg(total);
    return tr("Showing the first %1 of %2 tokens: every figure and exercise reads only the first %1 tokens "
              "of your text, and the rest is left out.").arg(cap).arg(total);
}

QString ModelHub::describeModel(const al::Model& m, const QString& dir, bool gpt2SmallWeights) {
    const al::Config& c = m.config();
    const double millions = double(m.parameter_count()) / 1e6;
    // One decimal below 10M, so a 1.35M model does not read as "1M".
    const QString size = millions >= 10.0 ? QStringLiteral("%1M").arg(millions, 0, 'f', 0)
                       : millions >= 1.0  ? QStringLiteral("%1M").arg(millions, 0, 'f', 1)
                                         : QStringLiteral("%1k").arg(millions * 1000.0, 0, 'f', 0);
    const QString base = dir.isEmpty() ? QStringLiteral("random model") : sourceName(dir);
    if (course::hasGpt2SmallShape(c))
        return gpt2SmallWeights ? QStringLiteral("GPT-2 small (%1)").arg(size)
                                : QStringLiteral("%1 (GPT-2 small's shape, %2)").arg(base, size);
    if (c.n_layer == 24 && c.n_embd == 1024)
        return QStringLiteral("%1 (GPT-2 medium's shape, %2)").arg(base, size);
    return QStringLiteral("%1 (%2)").arg(base, size);
}

bool ModelHub::ready() const { return model() != nullptr; }
bool ModelHub::loading() const { return d->loads > 0; }
QString ModelHub::modelName() const { return d->name; }
QString ModelHub::modelDir() const { return d->dir; }
bool ModelHub::isEmbedded() const { return d->embedded; }
int ModelHub::nLayer() const { auto m = model(); return m ? m->config().n_layer : 0; }
int ModelHub::nHead() const { auto m = model(); return m ? m->config().n_head : 0; }
int ModelHub::nEmbd() const { auto m = model(); return m ? m->config().n_embd : 0; }
int ModelHub::nPositions() const { auto m = model(); return m ? m->config().n_positions : 0; }
qint64 ModelHub::parameters() const { auto m = model(); return m ? m->parameter_count() : 0; }
QString ModelHub::error() const { return d->error; }
int ModelHub::tokenCap() const {
    auto m = model();
    return m ? std::min(course::kTokenCap, m->config().n_positions) : course::kTokenCap;
}

void ModelHub::loadModel(const QString& dirIn) {
    const QString dir = dirIn.startsWith(QLatin1String("file://")) ? QUrl(dirIn).toLocalFile() : dirIn;
    const quint64 generation = ++d->generation;
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) {
        d->error = dir.isEmpty() ? tr("No model folder was given.")
                                 : tr("The model folder %1 does not exist.").arg(dir);
        emit errorChanged();
        return;
    }
    ++d->loads;
    emit loadingChanged();
    // Loading reads and checks the weights: a Figure job on the app's scheduler, since every
    // station waits for it. A newer load supersedes this one (its result is dropped).
    auto out = std::make_shared<LoadOutcome>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure;
    spec.name = QStringLiteral("load model");
    spec.receiver = this;
    spec.work = [out, dir](compute::JobContext&) { *out = loadFolder(dir); };
    spec.onFinished = [this, out, generation](compute::Outcome outcome, const QString& error) {
        --d->loads;
        emit loadingChanged();
        if (generation != d->generation || outcome == compute::Outcome::Cancelled)
            return; // a newer request superseded this one
        if (outcome == compute::Outcome::Failed)
            out->error = error;
        if (!out->model) {
            d->error = tr("Could not load the model in %1: %2").arg(out->dir, out->error);
            emit errorChanged();
            return; // the current model stays
        }
        setCurrent(out->model, out->dir);
    };
    if (d->loadJob)
        d->loadJob->cancel();
    d->loadJob = compute::ComputeScheduler::instance()->submit(std::move(spec));
}

void ModelHub::setCurrent(std::shared_ptr<const al::Model> model, const QString& dir, const QString& name) {
    {
        std::lock_guard lock(d->mutex);
        d->model = std::move(model);
    }
    d->dir = dir.isEmpty() ? QString() : QDir::cleanPath(QDir(dir).absolutePath());
    d->name = name.isEmpty() ? describeModel(*d->model, d->dir, false) : name;
    d->embedded = !d->dir.isEmpty() && !d->embeddedDir.isEmpty() &&
                  QDir::cleanPath(QDir(d->embeddedDir).absolutePath()) == d->dir;
    if (!d->error.isEmpty()) {
        d->error.clear();
        emit errorChanged();
    }
    emit modelChanged();
    emit nameChanged();
    if (name.isEmpty())
        verifyGpt2Small();
}

void ModelHub::verifyGpt2Small() {
    const std::shared_ptr<const al::Model> m = model();
    if (!m || d->dir.isEmpty() || !course::hasGpt2SmallShape(m->config()))
        return;
    auto verified = std::make_shared<bool>(false);
    compute::JobSpec spec;
    spec.priority = compute::Priority::Search; // 500 MB to hash: after every figure
    spec.name = QStringLiteral("verify GPT-2 small");
    spec.receiver = this;
    spec.work = [verified, dir = d->dir](compute::JobContext& ctx) {
        *verified = course::isGpt2SmallWeights(dir, ctx.cancelFlag());
    };
    spec.onFinished = [this, verified, m](compute::Outcome outcome, const QString&) {
        if (outcome != compute::Outcome::Done || !*verified || model() != m)
            return; // another model came in meanwhile, or these are not the published weights
        d->name = describeModel(*m, d->dir, true);
        emit nameChanged();
    };
    compute::ComputeScheduler::instance()->submit(std::move(spec));
}

// A model handed over (not loaded here) wins over any load still in flight: its result is dropped.
void ModelHub::supersedeLoads() {
    ++d->generation;
    if (d->loadJob)
        d->loadJob->cancel();
}

void ModelHub::adoptModel(std::shared_ptr<const al::Model> model, const QString& dir) {
    if (!model)
        return;
    supersedeLoads();
    setCurrent(std::move(model), dir);
}

void ModelHub::loadEmbeddedModel() {
    d->embeddedDir = al::app::locateEmbeddedModel();
    if (d->embeddedDir.isEmpty()) {
        ++d->generation;
        d->error = tr("The course's own model (%1) was not found (looked in: %2). Open the model "
                      "library to download GPT-2 small or open a model folder, or start the app "
                      "with --model FOLDER.")
                       .arg(al::app::embeddedModelName(),
                            al::app::embeddedModelCandidates().join(QStringLiteral(", ")));
        emit errorChanged();
        return;
    }
    loadModel(d->embeddedDir);
}

void ModelHub::useModel(std::shared_ptr<const al::Model> model, const QString& name) {
    if (!model)
        return;
    supersedeLoads();
    setCurrent(std::move(model), QString(), name);
}
