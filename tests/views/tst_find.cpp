// SPDX-License-Identifier: MIT
// Find as a user drives it in the trace panel: the search runs in the background (here: its
// result arrives a moment later, as TraceSession delivers it), Enter right after typing jumps to
// the first match, a jump reveals a match hidden in a collapsed subtree and pans the time axis to
// it, the bar says "2 of 5", no match marks the field, and F3 after Esc searches again.
#include "WaterfallTestSupport.h"
#include "model/TraceSearch.h"
#include "views/FindBar.h"
#include "views/TracePanel.h"
#include "views/WaterfallView.h"

#include <QLineEdit>
#include <QTimer>

using namespace spanscope;
using spanscope::test::spanNamed;

namespace {

// The panel with its searches answered like the window answers them: off the call, a little later.
struct Panel
{
    test::Sample sample = test::loadCheckoutSample();
    TracePanel panel;
    int searches = 0;

    Panel()
    {
        panel.resize(1200, 700);
        panel.show();
        panel.setTrace(sample.analysis, sample.events);
        QObject::connect(&panel, &TracePanel::searchRequested, &panel, [this](const SearchQuery& query) {
            ++searches;
            SearchResult result = searchTrace(sample.workspace->db(), sample.analysis->data, query);
            QTimer::singleShot(30, &panel, [this, result] { panel.showSearchResult(result); });
        });
    }
    WaterfallView& view() { return *panel.waterfall(); }
    QLineEdit& edit() { return *panel.findBar()->edit(); }
    const TraceAnalysis& analysis() { return *sample.analysis; }
};

} // namespace

class FindTest : public QObject
{
    Q_OBJECT

private slots:
    void enterRightAfterTypingJumpsToTheFirstMatch()
    {
        Panel p;
        p.panel.activateFind();
        QTest::keyClicks(&p.edit(), QStringLiteral("model.predict"));
        QTest::keyClick(&p.edit(), Qt::Key_Return); // before the debounce fired
        const uint32_t match = spanNamed(p.analysis(), "ml-scorer", "model.predict");
        QTRY_COMPARE(p.view().selectedSpan(), match);
        QCOMPARE(p.searches, 1);
        QVERIFY(p.panel.findBar()->resultText().startsWith(QStringLiteral("1 of 1 match(es)")));
    }

    void jumpRevealsAndPansAndCounts()
    {
        Panel p;
        // Zoomed in on the auth call at the start of the trace: the scorers are out of view.
        const uint32_t auth = spanNamed(p.analysis(), "auth-service", "POST /auth/verify");
        p.view().zoomToSpan(auth);
        const int64_t width = p.view().windowEnd() - p.view().windowStart();
        p.view().collapseAll();
        p.panel.activateFind();
        QTest::keyClicks(&p.edit(), QStringLiteral("POST /score"));
        QTRY_COMPARE(p.view().matchCount(), size_t(4)); // two fraud-check clients, two ml-scorer servers
        QVERIFY2(p.panel.findBar()->resultText().startsWith(QStringLiteral("4 match(es)")),
                 qPrintable(p.panel.findBar()->resultText()));
        QTest::keyClick(&p.edit(), Qt::Key_Return);
        const uint32_t first = p.view().selectedSpan();
        QCOMPARE(p.analysis().data.strings.at(p.analysis().data.name[first]),
                 std::string_view("POST /score"));
        QVERIFY(p.view().rows().rowOf(p.analysis().tree, first) >= 0); // its ancestors expanded
        // The time axis moved to it, at the same zoom: its bar is on screen.
        QCOMPARE(p.view().windowEnd() - p.view().windowStart(), width);
        QVERIFY(p.view().windowStart() <= p.analysis().times.start[first]);
        QVERIFY(p.view().windowEnd() >= std::min(p.analysis().times.end[first], p.view().windowEnd()));
        QVERIFY(p.analysis().times.start[first] < p.view().windowEnd());
        QVERIFY(p.panel.findBar()->resultText().startsWith(QStringLiteral("1 of 4 match(es)")));
        QTest::keyClick(&p.edit(), Qt::Key_Return);
        QVERIFY(p.panel.findBar()->resultText().startsWith(QStringLiteral("2 of 4 match(es)")));
        QTest::keyClick(&p.edit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(p.view().selectedSpan(), first);
    }

    void matchesOfHiddenServicesAreNotJumpedTo()
    {
        Panel p;
        const TraceData& data = p.analysis().data;
        p.view().hideService(data.service[spanNamed(p.analysis(), "fraud-check", "POST /score")]);
        p.panel.activateFind();
        QTest::keyClicks(&p.edit(), QStringLiteral("POST /score"));
        QTest::keyClick(&p.edit(), Qt::Key_Return);
        QTRY_COMPARE(p.view().matchCount(), size_t(2)); // the two ml-scorer servers have rows
        QCOMPARE(p.view().hiddenMatchCount(), size_t(2));
        for (int jump = 0; jump < 3; ++jump) {
            QCOMPARE(data.strings.at(data.service[p.view().selectedSpan()]), std::string_view("ml-scorer"));
            QTest::keyClick(&p.edit(), Qt::Key_Return);
        }
        const QString text = p.panel.findBar()->resultText();
        QVERIFY2(text.startsWith(QStringLiteral("2 of 2 match(es)")) &&
                     text.endsWith(QStringLiteral("(2 hidden by the service filter)")),
                 qPrintable(text));
        // Showing everything again makes all four reachable.
        p.view().showAllServices();
        QCOMPARE(p.view().matchCount(), size_t(4));
        QVERIFY(!p.panel.findBar()->resultText().contains(QStringLiteral("hidden")));
    }

    void theSelectedMatchInACollapsedSubtreeIsRevealed()
    {
        Panel p;
        const uint32_t match = spanNamed(p.analysis(), "ml-scorer", "model.predict");
        p.view().selectSpan(match);
        p.view().collapseAll(); // the selection stays, hidden inside the root
        QCOMPARE(p.view().rows().rowOf(p.analysis().tree, match), int64_t(-1));
        p.panel.activateFind();
        QTest::keyClicks(&p.edit(), QStringLiteral("model.predict"));
        QTRY_COMPARE(p.view().matchCount(), size_t(1));
        QTest::keyClick(&p.view(), Qt::Key_F3); // the only match is the selection itself
        QVERIFY(p.view().rows().rowOf(p.analysis().tree, match) >= 0);
        QCOMPARE(p.view().selectedSpan(), match);
    }

    void noMatchMarksTheField()
    {
        Panel p;
        p.panel.activateFind();
        const QColor normal = p.edit().palette().color(QPalette::Base);
        QTest::keyClicks(&p.edit(), QStringLiteral("no span is called this"));
        QTRY_VERIFY(p.panel.findBar()->isMarkedAsNotFound());
        QCOMPARE(p.panel.findBar()->resultText(), QStringLiteral("No matches"));
        // What the user sees: the field's background turned red.
        const QImage field = p.edit().grab().toImage();
        const QColor seen = field.pixelColor(field.width() / 2, field.height() - 4);
        QVERIFY2(seen.red() > seen.green() + 20, qPrintable(seen.name()));
        QVERIFY(p.edit().palette().color(QPalette::Base) != normal);
        // A match takes the mark away.
        p.edit().clear();
        QTest::keyClicks(&p.edit(), QStringLiteral("redis"));
        QTRY_VERIFY(!p.panel.findBar()->isMarkedAsNotFound());
        QCOMPARE(p.edit().palette().color(QPalette::Base), normal);
    }

    void f3AfterEscapeSearchesAgain()
    {
        Panel p;
        p.panel.activateFind();
        QTest::keyClicks(&p.edit(), QStringLiteral("POST /score"));
        QTRY_COMPARE(p.view().matchCount(), size_t(4));
        QTest::keyClick(&p.edit(), Qt::Key_Return);
        const uint32_t first = p.view().selectedSpan();
        QTest::keyClick(p.panel.findBar(), Qt::Key_Escape);
        QVERIFY(p.panel.findBar()->isHidden());
        QCOMPARE(p.view().matchCount(), size_t(0));
        const int searches = p.searches;
        QTest::keyClick(&p.view(), Qt::Key_F3);
        QTRY_VERIFY(p.view().selectedSpan() != first); // the next match after the selection
        QCOMPARE(p.searches, searches + 1);
        QVERIFY(!p.panel.findBar()->isHidden());
        QCOMPARE(p.view().matchCount(), size_t(4));
        QVERIFY(p.panel.findBar()->resultText().startsWith(QStringLiteral("2 of 4")));
    }
};

QTEST_MAIN(FindTest)
#include "tst_find.moc"
