#include "model_facts.h"

#include "model_hub.h"

ModelFacts::ModelFacts(QObject* parent) : QObject(parent) {
    connect(ModelHub::instance(), &ModelHub::modelChanged, this, &ModelFacts::read);
    read();
}

void ModelFacts::read() {
    const auto m = ModelHub::instance()->model();
    vocab_ = m ? m->config().vocab_size : 0;
    mlp_ = m ? (m->config().n_inner > 0 ? m->config().n_inner : 4 * m->config().n_embd) : 0;
    headDim_ = m ? m->config().head_dim() : 0;
    emit changed();
}
