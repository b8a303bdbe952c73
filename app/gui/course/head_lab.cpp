#include "head_lab.h"

void HeadLab::setLayer(int l) {
    if (l == layer_)
        return;
    layer_ = l;
    emit selectionChanged();
    selectionMoved();
}

void HeadLab::setHead(int h) {
    if (h == head_)
        return;
    head_ = h;
    emit selectionChanged();
    selectionMoved();
}
