#include "model_facts.h"

#include "figure_words.h"
#include "model_placeholders.h"

#include "model_hub.h"

ModelFacts::ModelFacts(QObject* parent) : QObject(parent) {
    connect(ModelHub::instance(), &ModelHub::modelChanged, this, &ModelFacts::read);
    read();
}

void ModelFacts::read() {
    const auto m = ModelHub::instance()->model();
    vocab_ = m ? m->config().vocab_size : 0;
    mlp_ = m ? m->config().inner() : 0;
    headDim_ = m ? m->config().head_dim() : 0;
    sizes_ = course::modelSizes(m ? &m->config() : nullptr);
    emit changed();
}

QString ModelFacts::fill(const QString& text, const QVariantMap& sizes) const {
    return course::fillModelPlaceholders(text, sizes);
}

QString ModelFacts::multiHeadDescription() const {
    const ModelHub* hub = ModelHub::instance();
    if (headDim_ == 0)
        return tr("No model loaded.");
    return tr("%1 heads each project every token's %2-number vector to a query, a key and a value of %3 numbers; their %1 outputs are concatenated back to %2 numbers and mixed by W_O.")
        .arg(hub->nHead()).arg(hub->nEmbd()).arg(headDim_);
}

QString ModelFacts::plumbingDescription() const {
    const ModelHub* hub = ModelHub::instance();
    if (headDim_ == 0)
        return tr("No model loaded.");
    return tr("%1 blocks, each a layer norm, attention with %2 heads and a residual add, then a layer norm, an MLP of width %3 and a residual add; tokens enter as %4-number vectors from a vocabulary of %5, and a final layer norm and the unembedding give the next-token scores.")
        .arg(hub->nLayer()).arg(hub->nHead()).arg(mlp_).arg(hub->nEmbd()).arg(vocab_);
}
