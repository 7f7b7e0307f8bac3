// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

class QAction;
class QActionGroup;
class QMenu;
class QStackedWidget;
class QTabBar;
class QVBoxLayout;

namespace spanscope {

// The trace area's views of one trace, one at a time: tabs on top (shown once there are two
// views), the bars every view shares below them (notices, find, hidden services), and the views.
// Each view gets an entry in the View menu and, for the first nine, the shortcut Ctrl+1…Ctrl+9.
// A view joins with one call, addView(); it binds itself to the trace area's TraceViewState, so
// the switcher knows nothing about traces. Switching only shows another widget: nothing is loaded
// or computed again, and every view keeps its own place. The current view is remembered
// (QSettings, settingsKey()) and is current again when a later run adds it.
class TraceViewSwitcher : public QWidget
{
    Q_OBJECT

public:
    explicit TraceViewSwitcher(QWidget* parent = nullptr);

    static QString settingsKey() { return QStringLiteral("traceArea/view"); }

    // Adds a view under a stable id (saved in the settings: "waterfall", "flame", ...) and a
    // title for its tab and its menu entry; the switcher takes the widget. Returns its index.
    int addView(const QString& id, const QString& title, QWidget* view);
    // A bar shared by every view, under the tabs and above the views, in the order added.
    void addBar(QWidget* bar);
    // The menu the views' entries go into, now and as views are added: at its top, above a
    // separator.
    void attachToMenu(QMenu* menu);

    int count() const { return int(m_views.size()); }
    QString currentViewId() const;
    QWidget* currentView() const;
    QWidget* view(const QString& id) const;
    QStringList viewIds() const;
    // The action that shows a view (its menu entry and shortcut), or nullptr.
    QAction* action(const QString& id) const;
    QTabBar* tabBar() const { return m_tabs; }

public slots:
    // False for an id no view has. Saved as the view to show next time.
    bool setCurrentView(const QString& id);

signals:
    void currentViewChanged(const QString& id);

private:
    struct Entry
    {
        QString id;
        QWidget* widget = nullptr;
        QAction* action = nullptr;
    };
    int indexOf(const QString& id) const;
    void show(int index, bool remember);

    QTabBar* m_tabs;
    QVBoxLayout* m_bars;
    QStackedWidget* m_stack;
    QActionGroup* m_actions;
    std::vector<Entry> m_views;
    QMenu* m_menu = nullptr;
    QAction* m_menuEnd = nullptr; // the separator under the views' entries
    QString m_saved;              // the view the settings name, until it is shown or the user picks
};

} // namespace spanscope
