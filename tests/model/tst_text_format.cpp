// SPDX-License-Identifier: MIT
// Durations and tick labels as the waterfall prints them.
#include "model/TextFormat.h"

#include <QTest>

using namespace spanscope;

class TestTextFormat : public QObject
{
    Q_OBJECT

private slots:
    void durations_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("ns") << qint64(830) << QStringLiteral("830 ns");
        QTest::newRow("µs, two decimals") << qint64(1250) << QStringLiteral("1.25 µs");
        QTest::newRow("µs, none") << qint64(830'000) << QStringLiteral("830 µs");
        QTest::newRow("ms") << qint64(1'250'000) << QStringLiteral("1.25 ms");
        QTest::newRow("s") << qint64(2'400'000'000) << QStringLiteral("2.40 s");
        QTest::newRow("minutes") << qint64(125'000'000'000) << QStringLiteral("2 min 5 s");
        QTest::newRow("hours") << qint64(7'380'000'000'000) << QStringLiteral("2 h 3 min");
        QTest::newRow("negative") << qint64(-1'500'000) << QStringLiteral("-1.50 ms");
    }
    void durations()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(TextFormat::duration(ns), text);
    }

    void tickLabelsShareTheUnitOfTheLargest_data()
    {
        QTest::addColumn<qint64>("step");
        QTest::addColumn<qint64>("largest");
        QTest::addColumn<QStringList>("labels");
        // The labels of one axis: 0, step, 2 step, ... largest.
        QTest::newRow("500 ns steps up to 5 µs")
            << qint64(500) << qint64(5000)
            << QStringList{QStringLiteral("0"), QStringLiteral("0.5 µs"), QStringLiteral("1.0 µs")};
        QTest::newRow("200 ns steps within 1 µs")
            << qint64(200) << qint64(800)
            << QStringList{QStringLiteral("0"), QStringLiteral("200 ns"), QStringLiteral("400 ns")};
        QTest::newRow("20 µs steps up to 5 ms")
            << qint64(20'000) << qint64(5'000'000)
            << QStringList{QStringLiteral("0"), QStringLiteral("0.02 ms"), QStringLiteral("0.04 ms")};
        QTest::newRow("2 s steps up to 12 s")
            << qint64(2'000'000'000) << qint64(12'000'000'000)
            << QStringList{QStringLiteral("0"), QStringLiteral("2 s"), QStringLiteral("4 s")};
        QTest::newRow("deep zoom far into the trace: 10 ns steps at 3 ms")
            << qint64(10) << qint64(3'000'000)
            << QStringList{QStringLiteral("0"), QStringLiteral("0.00001 ms"), QStringLiteral("0.00002 ms")};
    }
    void tickLabelsShareTheUnitOfTheLargest()
    {
        QFETCH(qint64, step);
        QFETCH(qint64, largest);
        QFETCH(QStringList, labels);
        for (int i = 0; i < labels.size(); ++i)
            QCOMPARE(TextFormat::offset(step * i, step, largest), labels[i]);
        QVERIFY(
            TextFormat::offset(largest, step, largest).endsWith(labels.back().section(QLatin1Char(' '), 1)));
    }

    // Tooltips and the full-value viewer: line breaks and tabs stay, every other control character
    // and direction override is neutralised, long text is cut on a line of its own.
    void untrustedLinesKeepLineBreaksOnly()
    {
        QCOMPARE(TextFormat::untrustedLines("at a\n\tat b\r\nat c\rend"),
                 QStringLiteral("at a\n\tat b\nat c\nend"));
        QCOMPARE(TextFormat::untrustedLines("\x1b[31mred\x7f\u202Eevil"),
                 QStringLiteral("\u241B[31mred\u2421\uFFFDevil"));
        QCOMPARE(TextFormat::untrustedLines("1\n2\n3\n4", -1, 2), QStringLiteral("1\n2\n\u2026"));
        QCOMPARE(TextFormat::untrustedLines("abcdef", 3), QStringLiteral("abc\n\u2026"));
        QCOMPARE(TextFormat::untrustedLines("abc", 3), QStringLiteral("abc"));
        const std::string huge(100000, 'x');
        QCOMPARE(TextFormat::untrustedLines(huge, -1, -1).size(), qsizetype(100000));
    }
};

QTEST_GUILESS_MAIN(TestTextFormat)
#include "tst_text_format.moc"
