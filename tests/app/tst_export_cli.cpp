// SPDX-License-Identifier: MIT
// "spanscope export" as a user runs it: the real binary draws the bundled sample's waterfall, and
// the test reads the picture's pixels.
#include "CliRun.h"
#include "TestSupport.h"
#include "views/ViewTheme.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace spanscope;

namespace {

using Run = test::CliRun;

QString sample()
{
    return test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json"));
}

double meanLightness(const QImage& image)
{
    double sum = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            sum += image.pixelColor(x, y).lightness();
    }
    return sum / (double(image.width()) * image.height());
}

} // namespace

class ExportCliTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void darkThemeDrawsADarkPicture()
    {
        const QImage dark = exported({QStringLiteral("--theme"), QStringLiteral("dark")});
        QVERIFY(!dark.isNull());
        // The margin under the last row is the view's background, nothing drawn on it.
        QCOMPARE(dark.pixelColor(dark.width() / 2, dark.height() - 1), ViewTheme::dark().background);
        QVERIFY2(meanLightness(dark) < 90, qPrintable(QString::number(meanLightness(dark))));

        const QImage light = exported({QStringLiteral("--theme=light")});
        QCOMPARE(light.pixelColor(light.width() / 2, light.height() - 1), ViewTheme::light().background);
        QVERIFY2(meanLightness(light) > 180, qPrintable(QString::number(meanLightness(light))));
        // Light is the default.
        QCOMPARE(exported({}), light);
    }

    void unknownThemeIsBadUsage()
    {
        const Run run = test::runSpanscope({QStringLiteral("export"), sample(), QStringLiteral("--out"),
                                            out(), QStringLiteral("--theme"), QStringLiteral("sepia")},
                                           cache());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("unknown theme \"sepia\" (one of: light, dark)"), run.err.constData());
        QVERIFY(!QFile::exists(out()));
    }

    void sizeFollowsWidthDepthAndRows()
    {
        // 40 spans: a 30-pixel header, 22 pixels a row, 2 pixels of margin.
        const QImage whole = exported({QStringLiteral("--width"), QStringLiteral("800")});
        QCOMPARE(whole.size(), QSize(800, 30 + 40 * 22 + 2));
        const QImage roots =
            exported({QStringLiteral("--width=640"), QStringLiteral("--depth"), QStringLiteral("0")});
        QCOMPARE(roots.size(), QSize(640, 30 + 1 * 22 + 2));
        const QImage three = exported({QStringLiteral("--max-rows"), QStringLiteral("3")});
        QCOMPARE(three.size(), QSize(1600, 30 + 3 * 22 + 2));
    }

private:
    QString cache() const { return m_dir->filePath(QStringLiteral("cache")); }
    QString out() const { return m_dir->filePath(QStringLiteral("waterfall.png")); }

    QImage exported(const QStringList& options) const
    {
        QFile::remove(out());
        const Run run = test::runSpanscope(
            QStringList{QStringLiteral("export"), sample(), QStringLiteral("--out"), out()} + options,
            cache());
        if (run.exitCode != 0)
            qWarning("spanscope export: %s", run.err.constData());
        return QImage(out());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(ExportCliTest)
#include "tst_export_cli.moc"
