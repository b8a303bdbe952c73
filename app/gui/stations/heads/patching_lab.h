// Station 3's activation patching (patching.h): a clean and a corrupted text of the same token
// length, from a preset pair, whose clean text the learner may edit (the corrupted one follows:
// the pair's swapped words are swapped again in the edited text). For every head, its output at
// every position is copied from the clean run into the corrupted run, and the cell is the share of
// the logit difference logit(answer) - logit(wrong) at the last position that comes back; also each
// layer's MLP output, and (a second, slower job) the residual stream entering each layer at each
// position.
#pragma once
#include <QVariantList>
#include <QVariantMap>

#include "course_lab.h"

class PatchingLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // [{title, clean, corrupted, answer, wrong}]: the preset pairs (texts stay English: the model
    // reads them), then {title} for the learner's own text with one token replaced (patching_pair.h).
    Q_PROPERTY(QVariantList pairs READ pairs CONSTANT)
    Q_PROPERTY(int pair READ pair WRITE setPair NOTIFY pairChanged)
    Q_PROPERTY(QString cleanText READ cleanText WRITE setCleanText NOTIFY textsChanged)
    Q_PROPERTY(QString corruptedText READ corruptedText NOTIFY textsChanged)
    // {layers, heads, cells [L*H] (restored shares), mlps [L], ldClean, ldCorrupted, answer, wrong
    // (token labels), best ("L.H"), bestValue, tokens (clean), corruptedTokens}; layers 0 until the
    // first result. mismatch: why the texts cannot be patched ("" when they can).
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString mismatch READ mismatch NOTIFY resultChanged)
    // {layers, size, cells [L*T]}; size 0 until computed.
    Q_PROPERTY(QVariantMap positions READ positions NOTIFY positionsChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    explicit PatchingLab(QObject* parent = nullptr);
    QVariantList pairs() const;
    int pair() const { return pair_; }
    void setPair(int pair);
    QString cleanText() const { return clean_; }
    void setCleanText(const QString& text);
    QString corruptedText() const { return corrupted_; }
    QVariantMap result() const { return result_; }
    QString mismatch() const { return mismatch_; }
    QVariantMap positions() const { return positions_; }
    QString description() const;

signals:
    void pairChanged();
    void textsChanged();
    void resultChanged();
    void positionsChanged();

protected:
    void recompute(const Input& in) override;

private:
    void heads(const Input& in);
    void positionGrid(const Input& in);
    bool onOwnText() const; // the last pair: the learner's text, one token replaced
    int pair_ = 0;
    QString clean_, corrupted_;
    QVariantMap result_, positions_;
    QString mismatch_;
};
