// The exercise audit (see exercise_audit.h).
#include "exercise_audit.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>
#include <algorithm>
#include <cmath>
#include <set>

#include "attention_lens/error.h"
#include "attention_lens/safe_file.h"
#include "attention_lens/tokenizer.h"
#include "course_math.h"
#include "model_placeholders.h"
#include "exercise_context.h"

namespace course::audit {

int askedRow(const ExerciseAnswer& a, int tokens) { return a.row >= 0 ? a.row : tokens - 1; }

namespace {

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw al::Error("cannot read " + path.toStdString() + ": " + f.errorString().toStdString());
    return f.readAll();
}

QJsonDocument readJson(const QString& path) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path), &err);
    if (err.error != QJsonParseError::NoError)
        throw al::Error(path.toStdString() + " is not valid JSON: " + err.errorString().toStdString());
    return doc;
}

// The string literals of qsTr("...") calls: the captions a page shows whatever the model says.
QStringList qsTrLiterals(const QString& qml) {
    static const QRegularExpression re(QStringLiteral(R"(qsTr\(\s*"((?:[^"\\]|\\.)*)\")"));
    QStringList out;
    for (auto it = re.globalMatch(qml); it.hasNext();) {
        QString s = it.next().captured(1);
        s.replace(QStringLiteral("\\\""), QStringLiteral("\"")).replace(QStringLiteral("\\n"), QStringLiteral("\n"));
        out << s;
    }
    return out;
}

bool isTrainingRun(const QJsonObject& def) { return def.value(QStringLiteral("compute")).toString() == QLatin1String("training_run"); }

QStringList optionValues(const QJsonObject& def) {
    QStringList out;
    for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
        out << o.toObject().value(QStringLiteral("value")).toString();
    return out;
}

// A number worth looking for in prose: one or two digits turn up everywhere ("layer 2", "Station 3")
// and tell nothing, so only numbers of ten or more and fractions count.
bool specificNumber(const QString& text) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok && std::isfinite(v) && (std::abs(v) >= 10 || v != std::floor(v));
}

// `needle` as a whole number in `hay`: not part of a longer number ("32" not in "320" or "0.32"),
// nor a head's name ("head 3.3").
int findNumber(const QString& hay, const QString& needle) {
    const QRegularExpression re(QStringLiteral(R"((?<![\d.,])(?<![Hh]ead )%1(?![\d]|[.,]\d))").arg(QRegularExpression::escape(needle)));
    const QRegularExpressionMatch m = re.match(hay);
    return m.hasMatch() ? int(m.capturedStart()) : -1;
}

QString around(const QString& text, int at, int len) {
    const int from = std::max(0, at - 40);
    return text.mid(from, at - from + len + 40).simplified();
}

QString fmt(double v) { return QString::number(v, 'f', 2); }

// The tokens a token question offers: those it measured (answer.scores), else every token up to
// the row it asks about.
QStringList offeredTokens(const Sample& s) {
    QList<int> idx;
    for (auto it = s.answer.scores.begin(); it != s.answer.scores.end(); ++it) idx << it.key().toInt();
    if (idx.isEmpty())
        for (int j = 0; j <= askedRow(s.answer, s.tokens); ++j) idx << j;
    std::sort(idx.begin(), idx.end());
    QStringList out;
    for (int j : idx) out << QString::number(j);
    return out;
}

// Texts on the page whatever the model computes (the prose, the QML captions), as opposed to the
// cards' texts computed for this text.
bool isStatic(const QString& visible) {
    const QString tag = visible.section(QLatin1Char(']'), 0, 0);
    return tag == QLatin1String("[prose") || tag.endsWith(QLatin1String(".qml")) || tag.endsWith(QLatin1String(" prompt")) ||
           tag.endsWith(QLatin1String(" intro")) || tag.endsWith(QLatin1String(" explain"));
}
bool isReveal(const QString& visible) {
    const QString tag = visible.section(QLatin1Char(']'), 0, 0);
    return tag.endsWith(QLatin1String(" answer")) || tag.endsWith(QLatin1String(" detail")) ||
           tag.endsWith(QLatin1String(" note")) || tag.endsWith(QLatin1String(" explain"));
}

} // namespace

std::vector<Station> readStations(const QString& lessonsDir, const QString& qmlDir) {
    const QDir dir(lessonsDir);
    if (!dir.exists())
        throw al::Error("no lessons folder at " + lessonsDir.toStdString());
    std::vector<Station> out;
    for (const QString& folder : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (folder.startsWith(QLatin1Char('_')) || !QFile::exists(dir.filePath(folder + QStringLiteral("/station.json"))))
            continue;
        const QJsonObject meta = readJson(dir.filePath(folder + QStringLiteral("/station.json"))).object();
        Station s;
        s.id = meta.value(QStringLiteral("id")).toString();
        s.order = meta.value(QStringLiteral("order")).toInt();
        for (const QJsonValue& p : meta.value(QStringLiteral("presets")).toArray())
            s.presets << p.toObject().value(QStringLiteral("text")).toString();
        const QString ex = dir.filePath(folder + QStringLiteral("/exercises.json"));
        if (QFile::exists(ex)) {
            const QJsonDocument doc = readJson(ex);
            s.exercises = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("exercises")).toArray();
        }
        const QString prose = dir.filePath(folder + QStringLiteral("/prose.md"));
        if (QFile::exists(prose))
            s.pageTexts << QStringLiteral("[prose] ") + QString::fromUtf8(readFile(prose));
        const QDir page(QDir(qmlDir).filePath(QStringLiteral("stations/") + s.id));
        for (const QString& qml : page.entryList({QStringLiteral("*.qml")}, QDir::Files, QDir::Name))
            for (const QString& caption : qsTrLiterals(QString::fromUtf8(readFile(page.filePath(qml)))))
                s.pageTexts << QStringLiteral("[%1] ").arg(qml) + caption;
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [](const Station& a, const Station& b) { return a.order < b.order; });
    return out;
}

QStringList readTexts(const QString& path) {
    // A corpus is a text file; a pipe, a device or a file larger than this is a mistake.
    constexpr uint64_t kMaxCorpusBytes = 16u << 20;
    const al::FileBytes read = al::read_regular_file(path.toStdString(), kMaxCorpusBytes, al::Links::Follow);
    if (read.problem != al::FileProblem::None)
        throw al::Error(path.toStdString() + " " + al::describe(read, kMaxCorpusBytes));
    if (const size_t at = al::first_invalid_utf8(read.bytes); at != std::string_view::npos)
        throw al::Error(path.toStdString() + " is not valid UTF-8 text (one text per line): byte " + std::to_string(at) +
                        " (counted from 0) starts no UTF-8 character");
    const QString text = QString::fromUtf8(read.bytes.data(), qsizetype(read.bytes.size()));
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}


QString answerKey(const ExerciseAnswer& a, int tokens) {
    if (a.kind != QLatin1String("token"))
        return a.answer;
    const int q = askedRow(a, tokens), j = a.answer.toInt();
    if (j == 0) return QStringLiteral("first token");
    if (j == q) return QStringLiteral("the token itself");
    if (j == q - 1) return QStringLiteral("previous token");
    if (j > q) return QStringLiteral("a later token");
    return QStringLiteral("%1 tokens back").arg(q - j);
}

std::map<QString, QString> strategyGuesses(const QJsonObject& def, const Sample& s, const QString& median) {
    const ExerciseAnswer& a = s.answer;
    std::map<QString, QString> g;
    const QString kind = a.kind;
    QStringList offered; // the choices in the order the card offers them
    if (kind == QLatin1String("option")) offered = optionValues(def);
    else if (kind == QLatin1String("head")) for (const QVariant& v : a.choices) offered << v.toString();
    else if (kind == QLatin1String("token") || kind == QLatin1String("cell"))
        offered = offeredTokens(s);
    if (!offered.isEmpty()) {
        g[QStringLiteral("first option")] = offered.first();
        // The middle of an even list is either of two; the better of them is reported (middle2).
        g[QStringLiteral("middle")] = offered[(offered.size() - 1) / 2];
        if (offered.size() % 2 == 0) g[QStringLiteral("middle2")] = offered[offered.size() / 2];
    }
    if (kind == QLatin1String("token")) {
        const int q = askedRow(a, s.tokens);
        g[QStringLiteral("previous token")] = QString::number(std::max(0, q - 1));
        g[QStringLiteral("first token")] = QStringLiteral("0");
    }
    if (kind == QLatin1String("number") && !median.isEmpty())
        g[QStringLiteral("corpus median")] = median;
    if (!s.previousAnswer.isEmpty() && s.previousKind == kind)
        g[QStringLiteral("previous card")] = s.previousAnswer;
    return g;
}

double sampleChance(const QJsonObject& def, const Sample& s) {
    const ExerciseAnswer& a = s.answer;
    if (a.kind == QLatin1String("option")) {
        const QStringList values = optionValues(def);
        int right = 0;
        for (const QString& v : values) right += a.accept.contains(v);
        return values.isEmpty() ? 0 : double(right) / values.size();
    }
    if (a.kind == QLatin1String("head")) {
        const int n = a.choices.isEmpty() ? a.layers * a.heads : int(a.choices.size());
        return n > 0 ? double(a.accept.size()) / n : 0;
    }
    if (a.kind == QLatin1String("token") || a.kind == QLatin1String("cell")) {
        const QStringList offered = offeredTokens(s);
        int right = 0;
        for (const QString& v : a.accept) right += offered.contains(v);
        return offered.isEmpty() ? 0 : double(right) / offered.size();
    }
    return 0; // numbers: from the corpus, in summarize()
}

QStringList refusedNearTies(const ExerciseAnswer& a) {
    QStringList out;
    if (a.scores.isEmpty() || (a.extreme != QLatin1String("most") && a.extreme != QLatin1String("least")))
        return out;
    const bool most = a.extreme == QLatin1String("most");
    double best = most ? -INFINITY : INFINITY;
    for (auto it = a.scores.begin(); it != a.scores.end(); ++it)
        best = most ? std::max(best, it.value().toDouble()) : std::min(best, it.value().toDouble());
    for (auto it = a.scores.begin(); it != a.scores.end(); ++it) {
        const double v = it.value().toDouble();
        const bool near = most ? v * 2 >= best : v <= best * 2;
        if (near && !a.accept.contains(it.key()))
            out << QStringLiteral("%1 (%2 against the best %3)").arg(it.key(), QString::number(v, 'g', 3), QString::number(best, 'g', 3));
    }
    return out;
}

QStringList findLeaks(const QJsonObject& def, const ExerciseAnswer& a, const QStringList& visible, bool constant) {
    QStringList out;
    auto lookText = [&](const QString& needle, Qt::CaseSensitivity cs) {
        for (const QString& t : visible) {
            // An option's label is shared by the cards that offer the same ranges; another card's
            // reveal naming it says nothing about this card's answer.
            if (a.kind == QLatin1String("option") && isReveal(t)) continue;
            const int at = int(t.indexOf(needle, 0, cs));
            if (at >= 0) out << QStringLiteral("%1 in %2").arg(needle, around(t, at, int(needle.size())));
        }
    };
    auto lookNumber = [&](const QString& n) {
        if (!specificNumber(n)) return;
        for (const QString& t : visible) {
            // A number in the prose can only state an answer that is the same on most texts.
            if (isStatic(t) && !constant) continue;
            const int at = findNumber(t, n);
            if (at >= 0) out << QStringLiteral("%1 in %2").arg(n, around(t, at, int(n.size())));
        }
    };
    if (a.kind == QLatin1String("token")) {
        const int j = a.answer.toInt();
        if (j >= 0 && j < a.choices.size())
            lookText(QStringLiteral("“%1”").arg(a.choices[j].toString()), Qt::CaseSensitive);
    } else if (a.kind == QLatin1String("number")) {
        lookNumber(a.answer);
    } else if (a.kind == QLatin1String("head")) {
        const QRegularExpression re(QStringLiteral(R"((?<![\d.])%1(?![\d]|\.\d))").arg(QRegularExpression::escape(a.answer)));
        for (const QString& t : visible) {
            if (isStatic(t) && !constant) continue;
            const QRegularExpressionMatch m = re.match(t);
            if (m.hasMatch()) out << QStringLiteral("head %1 in %2").arg(a.answer, around(t, int(m.capturedStart()), int(a.answer.size())));
        }
    } else if (a.kind == QLatin1String("option")) {
        if (!a.measured.isEmpty()) lookNumber(a.measured);
        // A range's label ("more than 1,000") names the answer; a word such as "yes" does not.
        for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
            if (o.toObject().value(QStringLiteral("value")).toString() == a.answer) {
                const QString label = o.toObject().value(QStringLiteral("label")).toString();
                if (label.contains(QRegularExpression(QStringLiteral("\\d"))) && label.size() >= 5)
                    lookText(label, Qt::CaseInsensitive);
            }
    }
    out.removeDuplicates();
    return out;
}

double ExerciseReport::mostCommonShare() const {
    int total = 0, top = 0;
    for (const auto& [k, n] : answers) { total += n; top = std::max(top, n); }
    return total > 0 ? double(top) / total : 0;
}

QString ExerciseReport::mostCommon() const {
    QString best;
    int top = -1;
    for (const auto& [k, n] : answers)
        if (n > top) { top = n; best = k; }
    return best;
}

ExerciseReport summarize(const QString& station, const QJsonObject& def, const std::vector<Sample>& samples) {
    ExerciseReport r;
    r.station = station;
    r.id = def.value(QStringLiteral("id")).toString();
    r.surprise = def.value(QStringLiteral("surprise")).toBool(false);
    r.explain = def.value(QStringLiteral("explain")).toString();
    r.trainingRun = isTrainingRun(def);
    std::vector<const Sample*> used;
    for (const Sample& s : samples) {
        ++r.computed;
        if (s.answer.example) { ++r.example; continue; } // not the text's own answer
        used.push_back(&s);
    }
    if (used.empty()) return r;
    const bool number = used.front()->answer.kind == QLatin1String("number");
    QString median;
    if (number) {
        std::vector<double> v;
        for (const Sample* s : used) v.push_back(s->answer.answer.toDouble());
        std::sort(v.begin(), v.end());
        median = QString::number(v[v.size() / 2], 'g', 6);
    }
    std::map<QString, int> hits;
    std::set<QString> names;
    double chance = 0;
    QStringList leaks;
    for (const Sample* s : used) {
        ++r.answers[answerKey(s->answer, s->tokens)];
        r.values << (s->answer.measured.isEmpty() ? s->answer.answer : s->answer.measured);
    }
    for (const Sample* s : used) {
        for (const auto& [name, guess] : strategyGuesses(def, *s, median)) {
            names.insert(name);
            hits[name] += gradePrediction(s->answer, guess);
        }
        if (number) {
            int covered = 0;
            for (const Sample* o : used) covered += gradePrediction(s->answer, o->answer.answer);
            chance += double(covered) / used.size();
        } else {
            chance += sampleChance(def, *s);
        }
        r.refusedNearTies += !refusedNearTies(s->answer).isEmpty();
        const bool constant = 2 * r.answers[answerKey(s->answer, s->tokens)] >= int(used.size());
        leaks << findLeaks(def, s->answer, s->visible, constant);
    }
    r.chance = chance / used.size();
    for (const QString& name : names) r.strategies[name] = double(hits[name]) / used.size();
    if (r.strategies.count(QStringLiteral("middle2"))) { // the better of an even list's two middles
        r.strategies[QStringLiteral("middle")] = std::max(r.strategies[QStringLiteral("middle")], r.strategies[QStringLiteral("middle2")]);
        r.strategies.erase(QStringLiteral("middle2"));
    }
    leaks.removeDuplicates();
    r.leaks = leaks;
    r.usual = r.mostCommon();
    for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
        if (o.toObject().value(QStringLiteral("value")).toString() == r.usual)
            r.usual = o.toObject().value(QStringLiteral("label")).toString();
    return r;
}

Report run(const std::vector<Station>& stations, al::Runner& runner, const QStringList& texts,
           const std::function<void(const QString&)>& progress) {
    Report report;
    report.texts = int(texts.size());
    const QVariantMap sizes = modelSizes(&runner.model().config());
    for (const Station& st : stations) {
        const int n = int(st.exercises.size());
        std::vector<std::vector<Sample>> samples(static_cast<size_t>(n));
        std::vector<QStringList> errors(static_cast<size_t>(n));
        for (int t = 0; t < texts.size(); ++t) {
            if (progress) progress(QStringLiteral("%1: text %2 of %3").arg(st.id).arg(t + 1).arg(texts.size()));
            const std::vector<int> ids = tokenize(runner.model(), texts[t].toStdString(), kTokenCap);
            std::vector<ExerciseAnswer> answers(static_cast<size_t>(n));
            std::vector<bool> ok(static_cast<size_t>(n), false);
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                if (isTrainingRun(def)) continue;
                try {
                    answers[size_t(k)] = computeExercise(def, runner, ids);
                    ok[size_t(k)] = true;
                } catch (const NotAskable&) {
                    // Refused with its reason on the card: counted with the example sentences.
                    answers[size_t(k)] = ExerciseAnswer{};
                    answers[size_t(k)].example = true;
                    ok[size_t(k)] = true;
                } catch (const std::exception& e) {
                    if (errors[size_t(k)].size() < 3) errors[size_t(k)] << QStringLiteral("%1: %2").arg(texts[t].left(40), QString::fromUtf8(e.what()));
                }
            }
            // What every card shows before any commit: the page (its lesson texts with the loaded
            // model's sizes filled in, as the page shows them), and each card's question.
            QStringList before;
            for (const QString& text : st.pageTexts)
                before << fillModelPlaceholders(text, sizes);
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                const QString id = def.value(QStringLiteral("id")).toString();
                for (const char* key : {"prompt", "intro"})
                    if (def.contains(QLatin1String(key)))
                        before << QStringLiteral("[%1 %2] ").arg(id, QLatin1String(key)) + def.value(QLatin1String(key)).toString();
                if (ok[size_t(k)] && !answers[size_t(k)].promptText.isEmpty())
                    before << QStringLiteral("[%1 question] ").arg(id) + answers[size_t(k)].promptText;
            }
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                if (ok[size_t(k)]) {
                    Sample s;
                    s.answer = answers[size_t(k)];
                    s.tokens = int(ids.size());
                    if (k > 0 && ok[size_t(k - 1)]) {
                        s.previousAnswer = answers[size_t(k - 1)].answer;
                        s.previousKind = answers[size_t(k - 1)].kind;
                    }
                    s.visible = before;
                    if (s.answer.kind == QLatin1String("token")) // its own question names the token asked about
                        s.visible.removeAll(QStringLiteral("[%1 question] ").arg(def.value(QStringLiteral("id")).toString()) + s.answer.promptText);
                    samples[size_t(k)].push_back(std::move(s));
                }
                // Once committed, the card's reveal is on the page for every later card.
                const QString id = def.value(QStringLiteral("id")).toString();
                before << QStringLiteral("[%1 explain] ").arg(id) + def.value(QStringLiteral("explain")).toString();
                if (ok[size_t(k)]) {
                    const ExerciseAnswer& a = answers[size_t(k)];
                    // An option's answer text is one of its labels, on the card from the start.
                    if (a.kind != QLatin1String("option")) before << QStringLiteral("[%1 answer] ").arg(id) + a.answerText;
                    before << QStringLiteral("[%1 detail] ").arg(id) + a.detail
                           << QStringLiteral("[%1 note] ").arg(id) + a.note;
                }
            }
        }
        for (int k = 0; k < n; ++k) {
            ExerciseReport r = summarize(st.id, st.exercises[k].toObject(), samples[size_t(k)]);
            r.errors = errors[size_t(k)];
            report.exercises.push_back(std::move(r));
        }
    }
    return report;
}

QStringList check(const Report& report) {
    QStringList out;
    std::map<QString, int> surprises;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) continue;
        const QString who = r.station + QLatin1Char('/') + r.id;
        if (!r.errors.isEmpty())
            out << QStringLiteral("%1: could not run on every text (%2)").arg(who, r.errors.join(QStringLiteral("; ")));
        if (r.computed - r.example <= 0) {
            out << QStringLiteral("%1: no text of its own to answer on").arg(who);
            continue;
        }
        if (r.surprise) {
            ++surprises[r.station];
            const QString usual = r.usual;
            if (!r.explain.contains(usual, Qt::CaseInsensitive))
                out << QStringLiteral("%1: a surprise card whose explain does not name its usual answer \"%2\"").arg(who, usual);
        } else {
            if (r.mostCommonShare() > kMaxMostCommon + 1e-9)
                out << QStringLiteral("%1: its most common answer \"%2\" covers %3 of the texts (at most %4)")
                           .arg(who, r.mostCommon(), fmt(r.mostCommonShare()), fmt(kMaxMostCommon));
            for (const auto& [name, rate] : r.strategies)
                if (rate > r.chance + kMaxAboveChance + 1e-9)
                    out << QStringLiteral("%1: the strategy \"%2\" is right on %3 of the texts, chance %4")
                               .arg(who, name, fmt(rate), fmt(r.chance));
        }
        for (const QString& leak : r.leaks) out << QStringLiteral("%1: leak: %2").arg(who, leak);
        if (r.refusedNearTies > 0)
            out << QStringLiteral("%1: refuses a near-tie on %2 texts").arg(who).arg(r.refusedNearTies);
    }
    for (const auto& [station, n] : surprises)
        if (n > 1) out << QStringLiteral("%1: %2 surprise cards (at most one)").arg(station).arg(n);
    return out;
}

QJsonObject toJson(const Report& report) {
    QJsonArray list, training;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) {
            training << QJsonObject{{QStringLiteral("station"), r.station}, {QStringLiteral("id"), r.id}};
            continue;
        }
        QJsonObject answers, strategies;
        for (const auto& [k, n] : r.answers) answers.insert(k, n);
        for (const auto& [k, v] : r.strategies) strategies.insert(k, v);
        QJsonArray leaks;
        for (const QString& l : r.leaks) leaks << l;
        list << QJsonObject{{QStringLiteral("station"), r.station}, {QStringLiteral("id"), r.id},
                            {QStringLiteral("answers"), answers}, {QStringLiteral("chance"), r.chance},
                            {QStringLiteral("strategies"), strategies}, {QStringLiteral("leaks"), leaks},
                            {QStringLiteral("refused_near_ties"), r.refusedNearTies}, {QStringLiteral("surprise"), r.surprise}};
    }
    QJsonObject out{{QStringLiteral("model"), report.model}, {QStringLiteral("texts"), report.texts},
                    {QStringLiteral("exercises"), list}};
    if (!training.isEmpty()) out.insert(QStringLiteral("training_run"), training);
    return out;
}

QString toTable(const Report& report) {
    QString out = QStringLiteral("| station | exercise | most common answer | chance | best strategy | leaks | refused near-ties |\n"
                                 "|---|---|---|---|---|---|---|\n");
    QStringList training;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) { training << r.id; continue; }
        QString best = QStringLiteral("–");
        double rate = -1;
        for (const auto& [name, v] : r.strategies)
            if (v > rate) { rate = v; best = QStringLiteral("%1 %2").arg(name, fmt(v)); }
        out += QStringLiteral("| %1 | %2%3 | %4 (%5) | %6 | %7 | %8 | %9 |\n")
                   .arg(r.station, r.id, r.surprise ? QStringLiteral(" (surprise)") : QString(), r.mostCommon(),
                        fmt(r.mostCommonShare()), fmt(r.chance), best)
                   .arg(r.leaks.size()).arg(r.refusedNearTies);
    }
    if (!training.isEmpty())
        out += QStringLiteral("\nAnswered by a training run, not the loaded model (not graded against these thresholds): %1\n")
                   .arg(training.join(QStringLiteral(", ")));
    return out;
}

} // namespace course::audit
