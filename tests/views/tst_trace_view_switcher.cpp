// SPDX-License-Identifier: MIT
// The trace area with two views of one trace: the waterfall and a test-only span list, both on
// the panel's TraceViewState. A span selected, hovered or hidden in one is selected, hovered or
// hidden in the other; find works whichever view is current; Ctrl+1 / Ctrl+2 switch without
// recomputing anything; the view last shown is shown again by the next panel. Real mouse and key
// events throughout.
#include "SpanListTestView.h"
#include "WaterfallTestSupport.h"
#include "model/TraceSearch.h"
#include "views/FindBar.h"
#include "views/TracePanel.h"
#include "views/WaterfallView.h"
#include "views/common/TraceViewState.h"
#include "views/common/TraceViewSwitcher.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

using namespace spanscope;
using spanscope::test::spanNamed;

namespace {

// The panel as the window has it, with the list as a second view and searches answered a moment
// later, as TraceSession answers them.
struct Area
{
    test::Sample sample = test::loadCheckoutSample();
    TracePanel panel;
    test::SpanListTestView* list = new test::SpanListTestView(panel.state());
    int searches = 0;

    explicit Area(bool withList = true)
    {
        panel.resize(1200, 760);
        if (withList)
            panel.switcher()->addView(QStringLiteral("list"), QStringLiteral("Span list"), list);
        else
            delete std::exchange(list, nullptr);
        panel.show();
        panel.activateWindow();
        // Window shortcuts (Ctrl+2, F3) need an active window.
        if (!QTest::qWaitForWindowActive(&panel))
            qWarning("the panel's window did not become active");
        QObject::connect(&panel, &TracePanel::searchRequested, &panel, [this](const SearchQuery& query) {
            ++searches;
            SearchResult result = searchTrace(sample.workspace->db(), sample.analysis->data, query);
            QTimer::singleShot(30, &panel, [this, result] { panel.showSearchResult(result); });
        });
        panel.setTrace(sample.analysis, sample.events);
    }
    WaterfallView& waterfall() { return *panel.waterfall(); }
    TraceViewState& state() { return *panel.state(); }
    const TraceAnalysis& analysis() { return *sample.analysis; }
    QString current() { return panel.switcher()->currentViewId(); }
};

// A point on a span's row in the waterfall's name column (a click there selects, never pans).
QPoint rowPoint(const WaterfallView& view, uint32_t span)
{
    const int64_t row = view.rows().rowOf(view.analysis()->tree, span);
    const QRect area = view.viewport()->rect();
    return {300, view.metrics().rowTop(area, view.scene(), size_t(row)) + view.metrics().rowHeight / 2};
}

// The span's row is entirely inside the viewport, under the header.
bool rowOnScreen(const WaterfallView& view, uint32_t span)
{
    const int64_t row = view.rows().rowOf(view.analysis()->tree, span);
    if (row < 0)
        return false;
    const QRect area = view.viewport()->rect();
    const int top = view.metrics().rowTop(area, view.scene(), size_t(row));
    return top >= view.metrics().headerHeight && top + view.metrics().rowHeight <= area.height();
}

void pressKeys(QWidget* widget, int digit)
{
    QTest::keyClick(widget, Qt::Key(Qt::Key_0 + digit), Qt::ControlModifier);
}

} // namespace

class TraceViewSwitcherTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void init() { QSettings().clear(); }

    void oneViewNeedsNoTabs()
    {
        Area area(false);
        QCOMPARE(area.panel.switcher()->viewIds(), QStringList{QStringLiteral("waterfall")});
        QVERIFY(!area.panel.switcher()->tabBar()->isVisible());
        QCOMPARE(area.current(), QStringLiteral("waterfall"));
        QCOMPARE(area.panel.switcher()->action(QStringLiteral("waterfall"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_1));
    }

    void controlDigitsSwitchWithoutRecomputing()
    {
        Area area;
        QVERIFY(QTest::qWaitForWindowActive(&area.panel));
        QTabBar* tabs = area.panel.switcher()->tabBar();
        QVERIFY(tabs->isVisible());
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Span list"));
        QVERIFY(tabs->tabToolTip(1).contains(QStringLiteral("Ctrl+2")));
        const int rebuilds = area.list->rebuilds();
        QSignalSpy analysisChanged(area.panel.state(), &TraceViewState::analysisChanged);
        const TraceAnalysis* analysis = area.state().analysis();
        area.waterfall().setFocus();

        pressKeys(&area.waterfall(), 2);
        QCOMPARE(area.current(), QStringLiteral("list"));
        QVERIFY(area.list->isVisible());
        QVERIFY(!area.waterfall().isVisible());
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(area.list->hasFocus()); // the keyboard goes with the view
        pressKeys(area.list, 1);
        QCOMPARE(area.current(), QStringLiteral("waterfall"));
        QVERIFY(area.waterfall().isVisible());
        QVERIFY(area.waterfall().hasFocus());
        // A click on a tab switches too.
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
        QCOMPARE(area.current(), QStringLiteral("list"));
        QVERIFY(area.panel.switcher()->action(QStringLiteral("list"))->isChecked());
        // Nothing was loaded or computed again: same trace, no new analysis, no rebuilt view.
        QCOMPARE(analysisChanged.count(), 0);
        QCOMPARE(area.state().analysis(), analysis);
        QCOMPARE(area.list->rebuilds(), rebuilds);
        QCOMPARE(area.waterfall().rows().size(), size_t(40));
    }

    void theLastViewIsShownAgainNextTime()
    {
        {
            Area area;
            QCOMPARE(area.current(), QStringLiteral("waterfall"));
            QVERIFY(QTest::qWaitForWindowActive(&area.panel));
            pressKeys(&area.panel, 2);
            QCOMPARE(area.current(), QStringLiteral("list"));
        }
        QCOMPARE(QSettings().value(TraceViewSwitcher::settingsKey()).toString(), QStringLiteral("list"));
        {
            // The saved view is current as soon as it is added, even after the waterfall.
            Area area;
            QCOMPARE(area.current(), QStringLiteral("list"));
            QVERIFY(area.list->isVisible());
        }
        {
            // A run without that view shows the waterfall and does not forget the choice.
            Area area(false);
            QCOMPARE(area.current(), QStringLiteral("waterfall"));
        }
        QCOMPARE(QSettings().value(TraceViewSwitcher::settingsKey()).toString(), QStringLiteral("list"));
    }

    void theViewsAreInTheMenuItIsGiven()
    {
        QMenu menu;
        QAction* zoom = menu.addAction(QStringLiteral("Zoom In"));
        Area area(false);
        area.panel.switcher()->attachToMenu(&menu);
        auto* list = new test::SpanListTestView(area.panel.state());
        area.panel.switcher()->addView(QStringLiteral("list"), QStringLiteral("Span list"), list);
        const QList<QAction*> actions = menu.actions();
        QCOMPARE(actions.size(), 4); // Waterfall, Span list, a separator, Zoom In
        QCOMPARE(actions.at(0)->text(), QStringLiteral("Waterfall"));
        QCOMPARE(actions.at(1)->text(), QStringLiteral("Span list"));
        QCOMPARE(actions.at(1)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QVERIFY(actions.at(2)->isSeparator());
        QCOMPARE(actions.at(3), zoom);
        actions.at(1)->trigger();
        QCOMPARE(area.current(), QStringLiteral("list"));
        QVERIFY(actions.at(1)->isChecked());
        QVERIFY(!actions.at(0)->isChecked());
    }

    void aClickInTheWaterfallSelectsEverywhere()
    {
        Area area;
        const uint32_t span = spanNamed(area.analysis(), "payment-service", "POST /payments");
        QTest::mouseClick(area.waterfall().viewport(), Qt::LeftButton, {}, rowPoint(area.waterfall(), span));
        QCOMPARE(area.state().selectedSpan(), span);
        QCOMPARE(area.list->currentRow(), area.list->lineOf(span));
        // And back: a click in the list (the view another engineer writes) is the waterfall's too.
        pressKeys(&area.panel, 2);
        const uint32_t other = spanNamed(area.analysis(), "ml-scorer", "model.predict");
        QTest::mouseClick(area.list->viewport(), Qt::LeftButton, {}, area.list->lineCentre(other));
        QCOMPARE(area.state().selectedSpan(), other);
        QCOMPARE(area.waterfall().selectedSpan(), other);
    }

    void aSelectionFromAnotherViewIsRevealedAndHighlighted()
    {
        Area area;
        QScrollBar* scroll = area.waterfall().verticalScrollBar();
        area.waterfall().collapseAll();
        QCOMPARE(area.waterfall().rows().size(), size_t(1));
        pressKeys(&area.panel, 2);
        const uint32_t deep = spanNamed(area.analysis(), "ml-scorer", "model.predict");
        QTest::mouseClick(area.list->viewport(), Qt::LeftButton, {}, area.list->lineCentre(deep));
        QCOMPARE(area.state().selectedSpan(), deep);
        pressKeys(area.list, 1);
        QCOMPARE(area.current(), QStringLiteral("waterfall"));
        // Its ancestors expanded, its row on screen, drawn selected.
        QVERIFY(area.waterfall().rows().rowOf(area.analysis().tree, deep) >= 0);
        QVERIFY(rowOnScreen(area.waterfall(), deep));
        QCOMPARE(area.waterfall().scene().selectedSpan, deep);
        const QImage picture = area.waterfall().viewport()->grab().toImage();
        const QPoint row = rowPoint(area.waterfall(), deep);
        QCOMPARE(picture.pixelColor(0, row.y()), area.waterfall().scene().theme->selection);

        // A span far down, selected through the state as a view would: scrolled to.
        area.waterfall().expandAll();
        area.waterfall().resize(1200, 200);
        scroll->setValue(0);
        const uint32_t last = area.waterfall().rows().spans.back();
        QVERIFY(!rowOnScreen(area.waterfall(), last));
        area.state().selectSpan(last);
        QVERIFY(scroll->value() > 0);
        QVERIFY(rowOnScreen(area.waterfall(), last));
    }

    void hoverIsShared()
    {
        Area area;
        const uint32_t span = spanNamed(area.analysis(), "cart-service", "GET /cart/{id}");
        QTest::mouseMove(area.waterfall().viewport(), rowPoint(area.waterfall(), span));
        QCOMPARE(area.state().hoveredSpan(), span);
        QCOMPARE(area.waterfall().scene().hoveredSpan, span);
        pressKeys(&area.panel, 2);
        const uint32_t other = spanNamed(area.analysis(), "ml-scorer", "model.predict");
        QTest::mouseMove(area.list->viewport(), area.list->lineCentre(other));
        QTRY_COMPARE(area.state().hoveredSpan(), other);
        QCOMPARE(area.waterfall().scene().hoveredSpan, other);
    }

    void findWorksInWhicheverViewIsCurrent()
    {
        Area area;
        pressKeys(&area.panel, 2);
        area.panel.activateFind();
        QLineEdit* edit = area.panel.findBar()->edit();
        QTest::keyClicks(edit, QStringLiteral("POST /score"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(area.state().reachableMatchCount(), size_t(4));
        // The first match in depth-first order, selected in the list, dimming in both views.
        const TraceData& data = area.analysis().data;
        const uint32_t first = area.state().selectedSpan();
        QCOMPARE(data.strings.at(data.name[first]), std::string_view("POST /score"));
        QCOMPARE(first, area.state().matchAfter(TraceViewState::kNoSpan, +1));
        QCOMPARE(area.list->currentRow(), area.list->lineOf(first));
        QVERIFY(area.list->isGreyed(spanNamed(area.analysis(), "auth-service", "POST /auth/verify")));
        QVERIFY(!area.list->isGreyed(first));
        QVERIFY(area.waterfall().scene().undimmed);
        QVERIFY(area.panel.findBar()->resultText().startsWith(QStringLiteral("1 of 4 match(es)")));
        // F3 from the list steps on, in the same order.
        QTest::keyClick(area.list, Qt::Key_F3);
        const uint32_t second = area.state().selectedSpan();
        QCOMPARE(second, area.state().matchAfter(first, +1));
        QCOMPARE(area.list->currentRow(), area.list->lineOf(second));
        QVERIFY(area.panel.findBar()->resultText().startsWith(QStringLiteral("2 of 4 match(es)")));
        // In the waterfall, the same find goes on from there.
        pressKeys(&area.panel, 1);
        QCOMPARE(area.waterfall().selectedSpan(), second);
        QTest::keyClick(&area.waterfall(), Qt::Key_F3);
        QVERIFY(area.panel.findBar()->resultText().startsWith(QStringLiteral("3 of 4 match(es)")));
        QCOMPARE(area.list->currentRow(), area.list->lineOf(area.state().selectedSpan()));
        QCOMPARE(area.searches, 1);
        // Esc clears the dimming in both.
        QTest::keyClick(area.panel.findBar(), Qt::Key_Escape);
        QVERIFY(!area.waterfall().scene().undimmed);
        QVERIFY(!area.list->isGreyed(spanNamed(area.analysis(), "auth-service", "POST /auth/verify")));
    }

    void hidingAServiceInOneViewHidesItInTheOther()
    {
        Area area;
        const TraceData& data = area.analysis().data;
        const uint32_t payment = spanNamed(area.analysis(), "payment-service", "POST /payments");
        // The waterfall's context menu, with a real right click: Hide payment-service.
        const QPoint at = rowPoint(area.waterfall(), payment);
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, area.waterfall().viewport()->mapToGlobal(at));
        QApplication::sendEvent(area.waterfall().viewport(), &event);
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu);
        menu->findChild<QAction*>(QStringLiteral("hideService"))->trigger();
        menu->close();
        QCOMPARE(area.waterfall().rows().size(), size_t(36));
        QCOMPARE(area.list->count(), 36);
        QCOMPARE(area.list->lineOf(payment), -1);
        QCOMPARE(area.panel.filterNoticeText(), QStringLiteral("4 span(s) of 1 service(s) hidden"));
        // Hidden from the other view (as its own menu would): the waterfall follows.
        pressKeys(&area.panel, 2);
        const uint32_t cart = spanNamed(area.analysis(), "cart-service", "GET /cart/{id}");
        area.state().hideService(data.service[cart]);
        QCOMPARE(area.list->count(), 31);
        QCOMPARE(area.waterfall().rows().size(), size_t(31));
        QCOMPARE(area.waterfall().rows().rowOf(area.analysis().tree, cart), int64_t(-1));
        // The shared bar's Show all, clicked while the list is current, brings both back.
        QTest::mouseClick(area.panel.showAllServicesButton(), Qt::LeftButton);
        QCOMPARE(area.list->count(), 40);
        QCOMPARE(area.waterfall().rows().size(), size_t(40));
    }

    void theWindowIsSharedAndTheWaterfallFollowsIt()
    {
        Area area;
        const uint32_t span = spanNamed(area.analysis(), "ml-scorer", "model.predict");
        TimeWindow window = area.state().window();
        window.zoomTo(area.analysis().times.start[span], area.analysis().times.end[span]);
        QSignalSpy moved(&area.waterfall(), &WaterfallView::windowChanged);
        area.state().setWindow(window); // as a flame chart's zoom would
        QCOMPARE(moved.count(), 1);
        QCOMPARE(area.waterfall().windowStart(), window.start());
        QCOMPARE(area.waterfall().windowEnd(), window.end());
        // And the waterfall's zoom is the state's.
        QTest::keyClick(&area.waterfall(), Qt::Key_0);
        QCOMPARE(area.state().window().start(), area.analysis().times.traceStart);
    }
};

QTEST_MAIN(TraceViewSwitcherTest)
#include "tst_trace_view_switcher.moc"
