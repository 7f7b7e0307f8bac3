// SPDX-License-Identifier: MIT
// The critical path's stripe stands out on every bar: painted on a bar of each palette colour, in
// the light and the dark look, its pixels contrast with the bar's by at least 4.5:1 (WCAG's ratio
// for text; the stripe is thinner than text).
#include "WaterfallTestSupport.h"
#include "layout/TimeAxis.h"
#include "views/ServicePalette.h"
#include "views/WaterfallPainter.h"

#include <QPainter>

using namespace spanscope;
using spanscope::test::spanNamed;

class CriticalPathContrastTest : public QObject
{
    Q_OBJECT

private slots:
    void stripeContrastsWithEveryPaletteColourInBothLooks()
    {
        const auto sample = test::loadCheckoutSample();
        const TraceAnalysis& analysis = *sample.analysis;
        // model.predict spends its whole time on the critical path: the stripe runs along its bar.
        const uint32_t span = spanNamed(analysis, "ml-scorer", "model.predict");
        QVERIFY(analysis.criticalPath.isOnPath(span));
        CollapseState collapse(analysis.data.size());
        const WaterfallRows rows = visibleRows(analysis.tree, collapse);
        WaterfallDecorations decorations = WaterfallDecorations::build(analysis, {});
        const WaterfallMetrics metrics;
        const QRect area(0, 0, 1400, metrics.headerHeight + int(rows.size()) * metrics.rowHeight);
        const int64_t row = rows.rowOf(analysis.tree, span);
        double worst = 21;
        QString worstCase;
        for (const ViewTheme* theme : {&ViewTheme::light(), &ViewTheme::dark()}) {
            for (size_t colour = 0; colour < paletteSize(); ++colour) {
                decorations.colors.setColor(analysis.data.service[span], paletteColor(colour));
                WaterfallScene scene;
                scene.analysis = &analysis;
                scene.rows = &rows;
                scene.collapse = &collapse;
                scene.decorate(decorations);
                scene.theme = theme;
                scene.windowStart = analysis.times.traceStart;
                scene.windowEnd = analysis.times.traceEnd;
                QImage image(area.size(), QImage::Format_RGB32);
                {
                    QPainter painter(&image);
                    WaterfallPainter::paint(painter, area, scene, metrics);
                }
                const QRect bars = metrics.barArea(area, scene);
                const TimeMapping mapping(scene.windowStart, scene.windowEnd, bars.left(), bars.width());
                // The middle of the bar (the stripe) against its top edge (the bar's own colour),
                // at three places along it.
                const int top = metrics.rowTop(area, scene, size_t(row)) + metrics.barPadding;
                const int middle = top + (metrics.rowHeight - 2 * metrics.barPadding) / 2;
                const double x0 = mapping.toX(analysis.times.start[span]);
                const double x1 = mapping.toX(analysis.times.end[span]);
                for (const double share : {0.2, 0.5, 0.8}) {
                    const int x = int(x0 + (x1 - x0) * share);
                    const QColor barPixel = image.pixelColor(x, top);
                    const QColor stripePixel = image.pixelColor(x, middle);
                    QCOMPARE(barPixel.rgb(), paletteColor(colour).rgb());
                    const double ratio = contrastRatio(barPixel, stripePixel);
                    if (ratio < worst) {
                        worst = ratio;
                        worstCase =
                            QStringLiteral("%1 on %2 (%3)")
                                .arg(stripePixel.name(), barPixel.name(), ViewTheme::name(theme->appearance));
                    }
                }
            }
        }
        if (worst < 4.5)
            QFAIL(qPrintable(
                QStringLiteral("the stripe reaches only %1:1, %2").arg(worst, 0, 'f', 2).arg(worstCase)));
    }

    void inkIsWhicheverContrastsMore()
    {
        const ViewTheme& theme = ViewTheme::dark();
        QCOMPARE(WaterfallPainter::criticalPathInk(theme, QColor(0xedc948)),
                 theme.criticalPath); // yellow: black
        QCOMPARE(WaterfallPainter::criticalPathInk(theme, QColor(0x1f3a66)),
                 theme.criticalPathOnDark); // navy: white
        QVERIFY(contrastRatio(Qt::black, Qt::white) > 20.9);
        QCOMPARE(contrastRatio(QColor(0x777777), QColor(0x777777)), 1.0);
    }
};

QTEST_MAIN(CriticalPathContrastTest)
#include "tst_critical_path_contrast.moc"
