// SPDX-License-Identifier: MIT
// A test-only launcher for looking at the window as a user leaves it: opens a file in the real
// main window, in the light or dark look, optionally zooms in (Ctrl+wheel steps), drags the bars
// (a real mouse press, moves and release) and turns the clock-skew adjustment on, then saves a
// picture of the window. Not a test: it asserts nothing; it makes the screenshots docs and reviews
// look at.
//   waterfall_preview FILE --out OUT.png [--theme light|dark] [--zoom STEPS] [--drag PIXELS]
//                     [--skew] [--size WxH] [--hide SERVICE] [--find TEXT] [--menu]
//                     [--list-view] [--switch DIGIT...] [--look-after light|dark] [--stay]
//                     [--time-switches N]
// --hide unticks a service in View → Services; --find types TEXT into the find bar and presses
// Enter; --menu opens the selected span's context menu (from the keyboard). --list-view adds the
// tests' span list as a second view (never in the product), --switch presses Ctrl+DIGIT (after
// the other steps; repeatable, in order), --look-after changes the appearance while the window
// runs (as View → Appearance does, without saving it) and then scrolls three rows;
// --time-switches adds an empty second view and prints how long N switches to it and back to the
// waterfall take, each painted; --stay keeps the window
// open after the picture (for a screenshot of the real window with xshot).
#include "SpanListTestView.h"
#include "app/MainWindow.h"
#include "app/TraceSession.h"
#include "model/Workspace.h"
#include "views/FindBar.h"
#include "views/TracePanel.h"
#include "views/ViewTheme.h"
#include "views/WaterfallView.h"
#include "views/common/TraceViewSwitcher.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace spanscope;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStringList args = QApplication::arguments().mid(1);
    QString file, out, hide, find, theme = QStringLiteral("light");
    bool menu = false, listView = false, stay = false;
    QList<int> switches;
    QString lookAfter;
    int timedSwitches = 0;
    int zoomSteps = 0, drag = 0, width = 1500, height = 920;
    bool skew = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const auto next = [&] {
            return i + 1 < args.size() ? args[++i] : QString();
        };
        if (a == QLatin1String("--out"))
            out = next();
        else if (a == QLatin1String("--theme"))
            theme = next();
        else if (a == QLatin1String("--zoom"))
            zoomSteps = next().toInt();
        else if (a == QLatin1String("--drag"))
            drag = next().toInt();
        else if (a == QLatin1String("--skew"))
            skew = true;
        else if (a == QLatin1String("--hide"))
            hide = next();
        else if (a == QLatin1String("--find"))
            find = next();
        else if (a == QLatin1String("--menu"))
            menu = true;
        else if (a == QLatin1String("--list-view"))
            listView = true;
        else if (a == QLatin1String("--switch"))
            switches << next().toInt();
        else if (a == QLatin1String("--time-switches"))
            timedSwitches = next().toInt();
        else if (a == QLatin1String("--look-after"))
            lookAfter = next();
        else if (a == QLatin1String("--stay"))
            stay = true;
        else if (a == QLatin1String("--size")) {
            const QStringList parts = next().split(QLatin1Char('x'));
            width = parts.value(0).toInt();
            height = parts.value(1).toInt();
        } else
            file = a;
    }
    const auto appearance = ViewTheme::parse(theme);
    if (file.isEmpty() || out.isEmpty() || !appearance) {
        std::fprintf(stderr, "usage: waterfall_preview FILE --out OUT.png [--theme light|dark] [--zoom N] "
                             "[--drag PIXELS] [--skew] [--size WxH]\n");
        return 2;
    }
    QTemporaryDir dir;
    auto workspace = Workspace::open(dir.filePath(QStringLiteral("preview.spanscope")).toStdString(),
                                     Workspace::OpenMode::CreateIfMissing);
    if (!workspace) {
        std::fprintf(stderr, "waterfall_preview: %s\n", workspace.error().c_str());
        return 1;
    }
    MainWindow window(std::make_unique<TraceSession>(std::move(*workspace)));
    if (listView)
        window.tracePanel()->switcher()->addView(QStringLiteral("list"), QStringLiteral("Span List (test)"),
                                                 new test::SpanListTestView(window.tracePanel()->state()));
    if (timedSwitches > 0)
        window.tracePanel()->switcher()->addView(QStringLiteral("empty"), QStringLiteral("Empty"),
                                                 new QWidget);
    // After the window, which applies the saved appearance.
    ViewTheme::applyToApplication(*appearance);
    window.resize(width, height);
    window.show();
    window.openFiles({file});
    WaterfallView* view = window.waterfall();
    if (!QTest::qWaitFor([&] { return view->analysis() != nullptr; }, 20000)) {
        std::fprintf(stderr, "waterfall_preview: the trace did not load\n");
        return 1;
    }
    if (skew) {
        const void* before = view->analysis();
        window.action(QStringLiteral("clockSkew"))->trigger();
        if (!QTest::qWaitFor([&] { return view->analysis() != before; }, 20000))
            std::fprintf(stderr, "waterfall_preview: the adjusted trace did not load\n");
    }
    QWidget* viewport = view->viewport();
    const QPoint middle(viewport->width() * 2 / 3, viewport->height() / 2);
    for (int step = 0; step < zoomSteps; ++step) {
        QWheelEvent wheel(middle, viewport->mapToGlobal(middle), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &wheel);
    }
    if (drag != 0) {
        QTest::mousePress(viewport, Qt::LeftButton, {}, middle);
        const int steps = 12;
        for (int s = 1; s <= steps; ++s) {
            QTest::mouseMove(viewport, middle + QPoint(drag * s / steps, 0));
            viewport->repaint(); // every intermediate frame, as a user's screen shows them
        }
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, middle + QPoint(drag, 0));
    }
    if (!hide.isEmpty()) {
        for (QAction* action : window.findChild<QMenu*>(QStringLiteral("serviceMenu"))->actions()) {
            if (action->isCheckable() && action->text() == hide)
                action->trigger();
        }
    }
    if (!find.isEmpty()) {
        window.action(QStringLiteral("find"))->trigger();
        QLineEdit* edit = window.tracePanel()->findBar()->edit();
        QTest::keyClicks(edit, find);
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::qWait(500); // the search runs in the background
    }
    for (const int digit : switches) {
        // The View menu entry that Ctrl+DIGIT triggers (a bare X server may not activate the
        // window, and shortcuts need an active one).
        const QStringList ids = window.tracePanel()->switcher()->viewIds();
        if (digit >= 1 && digit <= ids.size())
            window.tracePanel()->switcher()->action(ids[digit - 1])->trigger();
    }
    if (timedSwitches > 0) {
        // Each switch as the user sees it: the view shown and painted (repaint() paints now).
        TraceViewSwitcher* switcher = window.tracePanel()->switcher();
        window.repaint(); // the first paint (the minimap's picture of every row) is not a switch's
        QApplication::processEvents();
        std::vector<double> toEmpty, toWaterfall;
        QElapsedTimer timer;
        for (int round = 0; round < timedSwitches; ++round) {
            for (const auto& [id, times] : {std::pair{QStringLiteral("empty"), &toEmpty},
                                            std::pair{QStringLiteral("waterfall"), &toWaterfall}}) {
                timer.start();
                switcher->setCurrentView(id);
                window.tracePanel()->repaint();
                times->push_back(double(timer.nsecsElapsed()) / 1e6);
                QApplication::processEvents();
            }
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("%zu spans, %d switches each way: to another view %.2f ms, back to the waterfall %.2f ms "
                    "(medians; slowest back %.2f ms)\n",
                    view->analysis()->data.size(), timedSwitches, median(toEmpty), median(toWaterfall),
                    *std::max_element(toWaterfall.begin(), toWaterfall.end()));
    }
    if (const auto look = ViewTheme::parse(lookAfter)) {
        ViewTheme::applyToApplication(*look);
        QTest::qWait(50); // palette changes are posted
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() +
                                            3 * view->metrics().rowHeight);
    }
    if (menu) {
        QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(), QCursor::pos());
        QApplication::sendEvent(view, &event);
    }
    QTest::qWait(50);
    QPixmap picture = window.grab();
    if (QWidget* popup = QApplication::activePopupWidget()) {
        // A popup is a window of its own: draw it where it is over the main window.
        QPainter painter(&picture);
        painter.drawPixmap(window.mapFromGlobal(popup->pos()), popup->grab());
    }
    if (!picture.save(out)) {
        std::fprintf(stderr, "waterfall_preview: cannot write %s\n", qPrintable(out));
        return 1;
    }
    return stay ? app.exec() : 0;
}
