// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QMenu;

namespace spanscope {

class TraceViewState;
class WaterfallView;

// View → Services: one checkable entry per service of the trace (ticked: shown), "Show All" at the
// top. It fills the menu it is given whenever the trace area gets a trace and keeps the ticks in
// step with the shared state's filter, whoever changed it (the menu, a span's context menu in any
// view, the "show all" notice), so the window only creates it.
class ServiceFilterMenu : public QObject
{
    Q_OBJECT

public:
    ServiceFilterMenu(QMenu* menu, TraceViewState* state, QObject* parent = nullptr);
    // On the view's state (the trace area's, or the view's own).
    ServiceFilterMenu(QMenu* menu, WaterfallView* view, QObject* parent = nullptr);

private:
    void rebuild();
    void syncChecks();
    void applyChecks();

    QMenu* m_menu;
    TraceViewState* m_state;
    bool m_syncing = false;
};

} // namespace spanscope
