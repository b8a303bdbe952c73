#include "token_labels.h"

#include "course_math.h"

namespace course {

QStringList tokenLabels(const al::Model& model, const std::vector<int>& ids) {
    QStringList out;
    out.reserve(qsizetype(ids.size()));
    for (int id : ids)
        out << QString::fromStdString(tokenLabel(model, id));
    return out;
}

} // namespace course
