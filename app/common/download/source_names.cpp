#include "download/source_names.h"

#include <QCoreApplication>
#include <QStringList>

#include "download/download_parsers.h"
#include "library/model_manifest.h"

namespace al::download {

namespace {
// Messages are translated in ModelDownloader's context (written out at each call, so lupdate files them there).

bool allowed(QChar c, bool slash) {
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '_' ||
           u == '-' || (slash && u == '/');
}
bool wordChar(QChar c) { return allowed(c, false) && c != QLatin1Char('.') && c != QLatin1Char('-'); }
} // namespace

QString repoIdProblem(const QString& repo) {
    const QString rule = QCoreApplication::translate("ModelDownloader", "a repository id is owner/name, each part made of letters, digits, \".\", \"_\" and "
                            "\"-\" (at most 96), starting and ending with a letter or digit");
    const QStringList parts = repo.split(QLatin1Char('/'));
    bool ok = parts.size() == 2 && !repo.contains(QLatin1String("--")) && !repo.contains(QLatin1String(".."));
    for (const QString& part : parts) {
        ok = ok && !part.isEmpty() && part.size() <= 96 && wordChar(part.front()) && wordChar(part.back());
        for (QChar c : part)
            ok = ok && allowed(c, false);
    }
    return ok ? QString() : QCoreApplication::translate("ModelDownloader", "%1 is not a repository id (%2)").arg(quotedValue(repo), rule);
}

QString revisionProblem(const QString& revision) {
    bool ok = !revision.isEmpty() && revision.size() <= 255;
    for (QChar c : revision)
        ok = ok && allowed(c, true);
    for (const QString& part : revision.split(QLatin1Char('/')))
        ok = ok && !part.isEmpty() && !part.startsWith(QLatin1Char('.'));
    return ok ? QString()
              : QCoreApplication::translate("ModelDownloader", "%1 is not a revision (a branch, tag or commit: letters, digits, \".\", \"_\", \"-\" and \"/\", "
                   "no part starting with \".\")").arg(quotedValue(revision));
}

QString fileNameProblem(const QString& name) {
    bool ok = !name.isEmpty() && name.size() <= 255 && !name.startsWith(QLatin1Char('.'));
    for (QChar c : name)
        ok = ok && allowed(c, false);
    return ok ? QString() : QCoreApplication::translate("ModelDownloader", "%1 is not a plain file name").arg(quotedValue(name));
}

QString sourceProblem(const al::library::ManifestModel& model) {
    QString problem = repoIdProblem(model.repo);
    if (problem.isEmpty())
        problem = revisionProblem(model.revision);
    for (const al::library::ManifestFile& f : model.files)
        if (problem.isEmpty())
            problem = fileNameProblem(f.name);
    return problem;
}

} // namespace al::download
