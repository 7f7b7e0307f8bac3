// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QMenu;

namespace spanscope {

class WaterfallView;

// View → Services: one checkable entry per service of the trace (ticked: shown), "Show All" at the
// top. It fills the menu it is given whenever the waterfall gets a trace and keeps the ticks in
// step with the waterfall's filter, whoever changed it (the menu, the span context menu, the
// "show all" notice), so the window only creates it.
class ServiceFilterMenu : public QObject
{
    Q_OBJECT

public:
    ServiceFilterMenu(QMenu* menu, WaterfallView* view, QObject* parent = nullptr);

private:
    void rebuild();
    void syncChecks();
    void applyChecks();

    QMenu* m_menu;
    WaterfallView* m_view;
    bool m_syncing = false;
};

} // namespace spanscope
