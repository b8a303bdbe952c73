// GPT-2 small's known heads: the data is complete and sourced; the hash check recognises a file by
// size and sha256 (a file made here, its hash computed here with another library call); and the
// role checks, on a model of GPT-2 small's shape, report what the attention and the direct logit
// attribution computed here along another path say.
#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "exercises/course_math.h"
#include "course/gpt2_small_weights.h"
#include "heads/known_heads.h"
#include "gpt2_shaped_model.h"

class TestKnownHeads : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> small_;

private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("AL_SHARED_DIR"), "AL_SHARED_DIR is not set");
        small_ = testing_support::gpt2ShapedModel(77);
    }

    void dataIsCompleteAndSourced() {
        const QJsonObject d = course::knownHeadsData();
        const QJsonObject roles = d.value(QStringLiteral("roles")).toObject();
        const QJsonObject sources = d.value(QStringLiteral("sources")).toObject();
        const QJsonArray heads = d.value(QStringLiteral("heads")).toArray();
        QStringList names;
        for (const QJsonValue& v : heads) {
            const QJsonObject h = v.toObject();
            names << h.value(QStringLiteral("head")).toString();
            QVERIFY(roles.contains(h.value(QStringLiteral("role")).toString()));
            QVERIFY(!h.value(QStringLiteral("sources")).toArray().isEmpty());
            for (const QJsonValue& s : h.value(QStringLiteral("sources")).toArray())
                QVERIFY2(sources.contains(s.toString()), qPrintable(s.toString()));
        }
        for (const char* want : {"4.11", "2.2", "5.1", "5.5", "6.9", "7.2", "7.10", "9.9", "9.6", "10.0", "10.7", "11.10"})
            QVERIFY2(names.contains(QLatin1String(want)), want);
        // The rest of Wang et al.'s IOI circuit, each head under its role.
        const QList<QPair<const char*, const char*>> ioi{
            {"0.1", "duplicate-token"}, {"3.0", "duplicate-token"}, {"7.3", "s-inhibition"}, {"7.9", "s-inhibition"},
            {"8.6", "s-inhibition"}, {"8.10", "s-inhibition"}, {"10.10", "backup-name-mover"}, {"10.6", "backup-name-mover"},
            {"10.2", "backup-name-mover"}, {"10.1", "backup-name-mover"}, {"11.2", "backup-name-mover"},
            {"9.7", "backup-name-mover"}, {"9.0", "backup-name-mover"}, {"11.9", "backup-name-mover"}};
        for (const auto& [head, role] : ioi) {
            bool found = false;
            for (const QJsonValue& v : heads)
                if (v.toObject().value(QStringLiteral("head")).toString() == QLatin1String(head)) {
                    QCOMPARE(v.toObject().value(QStringLiteral("role")).toString(), QLatin1String(role));
                    found = true;
                }
            QVERIFY2(found, head);
        }
        QCOMPARE(names.size(), int(QSet<QString>(names.begin(), names.end()).size())); // each head once
        QVERIFY(!d.value(QStringLiteral("presets")).toArray().isEmpty());
    }

    void hashCheckBySizeThenSha256() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("model.safetensors")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray content = QByteArray("not a real model, but bytes to hash ").repeated(1000);
        f.write(content);
        f.close();
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        QVERIFY(course::isGpt2SmallWeights(dir.path(), nullptr, sha, content.size()));
        QVERIFY(!course::isGpt2SmallWeights(dir.path(), nullptr, sha, content.size() + 1)); // size differs
        QString other = sha;
        other[0] = other[0] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        QVERIFY(!course::isGpt2SmallWeights(dir.path(), nullptr, other, content.size()));
        QVERIFY(!course::isGpt2SmallWeights(dir.path() + QStringLiteral("/missing"), nullptr, sha, content.size()));
        // The manifest's own pin: this file is not GPT-2 small.
        QVERIFY(!course::isGpt2SmallWeights(dir.path()));
        // The shape comes first: 12 layers of 12 heads, d 768, GPT-2's vocabulary, each needed.
        QVERIFY(course::hasGpt2SmallShape(small_->config()));
        for (int change = 0; change < 4; ++change) {
            al::Config c = small_->config();
            (change == 0 ? c.n_layer : change == 1 ? c.n_head : change == 2 ? c.n_embd : c.vocab_size) += 1;
            QVERIFY2(!course::hasGpt2SmallShape(c), qPrintable(QString::number(change)));
        }
    }

    void checksOnGpt2SmallShape() {
        const std::string text = "When Mary and John went to the store, John gave a drink to";
        const std::vector<int> ids = course::tokenize(*small_, text, 64);
        const std::vector<course::KnownHeadCheck> checks = course::checkKnownHeads(small_, ids, course::knownHeadsData());
        QCOMPARE(checks.size(), size_t(course::knownHeadsData().value(QStringLiteral("heads")).toArray().size()));
        al::Runner runner(small_);
        const al::ForwardResult r = runner.forward_full(ids);
        const int top = course::argmax(r.logits_last), T = int(ids.size());
        const std::vector<al::HeadScores> census = al::head_census(runner, ids);
        for (const course::KnownHeadCheck& k : checks) {
            const int l = k.head.section(QLatin1Char('.'), 0, 0).toInt(), h = k.head.section(QLatin1Char('.'), 1, 1).toInt();
            QVERIFY(!k.measured.isEmpty());
            if (k.role == QLatin1String("previous-token")) {
                QVERIFY(std::abs(k.score - census[size_t(l) * 12 + h].previous_token_nf) < 1e-6);
                QCOMPARE(k.holds, k.score >= 0.6);
            } else if (k.role == QLatin1String("induction")) {
                QVERIFY(std::abs(k.score - census[size_t(l) * 12 + h].induction) < 1e-6);
            } else if (k.role == QLatin1String("duplicate-token")) {
                // The text repeats " John": the score is the census's, and holds by its thresholds.
                const al::HeadScores& c = census[size_t(l) * 12 + h];
                QVERIFY(k.applicable);
                QVERIFY(std::abs(k.score - c.duplicate_token) < 1e-6);
                QCOMPARE(k.holds, c.duplicate_token >= 0.4f || c.duplicate_token_nf >= 0.6f);
            } else if (k.role == QLatin1String("s-inhibition") || k.role == QLatin1String("backup-name-mover")) {
                QVERIFY(!k.applicable); // shown only under interventions: listed, not checked
                QVERIFY(!k.holds);
            } else {
                double w = 0;
                bool any = false;
                for (int j = 0; j < T; ++j)
                    if (ids[j] == top) { w += r.attention.at(l, h, T - 1, j); any = true; }
                QCOMPARE(k.applicable, any);
                if (any) QVERIFY(std::abs(k.score - w) < 1e-5);
                if (k.role == QLatin1String("copy-suppression") && any)
                    QCOMPARE(k.holds, k.score >= 0.2 && k.effect < 0);
                if (k.role == QLatin1String("name-mover") && any)
                    QCOMPARE(k.holds, k.score >= 0.3 && k.effect > 0);
            }
        }
    }

    // Without a repeated token there is nothing for a duplicate-token head to do: not applicable.
    void duplicateCheckNeedsARepeat() {
        const std::vector<int> ids = course::tokenize(*small_, "The cat sat on a mat.", 64);
        QCOMPARE(int(QSet<int>(ids.begin(), ids.end()).size()), int(ids.size())); // no repeats
        for (const course::KnownHeadCheck& k : course::checkKnownHeads(small_, ids, course::knownHeadsData()))
            if (k.role == QLatin1String("duplicate-token")) {
                QVERIFY(!k.applicable);
                QVERIFY(!k.holds);
            }
    }

    void labOnOtherModelsChecksNothing() {
        KnownHeadsLab lab;
        QSignalSpy spy(&lab, &KnownHeadsLab::resultChanged);
        lab.setModel(small_, QStringLiteral("The cat sat on the mat."));
        QTRY_VERIFY_WITH_TIMEOUT(lab.identity() != QLatin1String("checking"), 60000);
        QCOMPARE(lab.identity(), QStringLiteral("other")); // random weights: no file, no match
        QCOMPARE(lab.heads().size(), int(course::knownHeadsData().value(QStringLiteral("heads")).toArray().size()));
        QVERIFY(!lab.heads().first().toMap().contains(QStringLiteral("holds")));
        lab.setAssumeGpt2Small(true);
        QTRY_VERIFY_WITH_TIMEOUT(lab.identity() == QLatin1String("gpt2") && !lab.busy(), 120000);
        QVERIFY(lab.heads().first().toMap().contains(QStringLiteral("holds")));
    }
};

QTEST_MAIN(TestKnownHeads)
#include "test_known_heads.moc"
