// SPDX-License-Identifier: MIT
#include "TraceViewSwitcher.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

namespace spanscope {

namespace {
constexpr int kShortcutViews = 9; // Ctrl+1 … Ctrl+9
} // namespace

TraceViewSwitcher::TraceViewSwitcher(QWidget* parent)
    : QWidget(parent), m_tabs(new QTabBar(this)), m_bars(new QVBoxLayout), m_stack(new QStackedWidget(this)),
      m_actions(new QActionGroup(this)),
      // Settings are read on the UI thread, once (docs/ARCHITECTURE.md, "Conventions").
      m_saved(QSettings().value(settingsKey()).toString())
{
    m_tabs->setObjectName(QStringLiteral("traceViewTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(true);
    // One view needs no tabs; the View menu still names it.
    m_tabs->setAutoHide(true);
    m_bars->setContentsMargins(0, 0, 0, 0);
    m_bars->setSpacing(0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs);
    layout->addLayout(m_bars);
    layout->addWidget(m_stack, 1);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) { show(index, true); });
}

int TraceViewSwitcher::addView(const QString& id, const QString& title, QWidget* view)
{
    Q_ASSERT(indexOf(id) < 0);
    const int index = count();
    auto* action = new QAction(title, this);
    action->setObjectName(QStringLiteral("view-") + id);
    action->setCheckable(true);
    m_actions->addAction(action);
    QString tip = title;
    if (index < kShortcutViews) {
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        tip = tr("%1 (%2)").arg(title, action->shortcut().toString(QKeySequence::NativeText));
    }
    // On the switcher itself too, so that the shortcut works with or without a menu.
    addAction(action);
    if (m_menu)
        m_menu->insertAction(m_menuEnd, action);
    connect(action, &QAction::triggered, this, [this, id] { setCurrentView(id); });

    m_stack->addWidget(view);
    m_views.push_back({id, view, action});
    {
        // Adding the first tab makes it current: that is not the user's choice, nothing is saved.
        const QSignalBlocker blocker(m_tabs);
        m_tabs->addTab(title);
    }
    m_tabs->setTabToolTip(index, tip);
    if (index == 0 || id == m_saved)
        show(index, false);
    if (id == m_saved)
        m_saved.clear();
    return index;
}

void TraceViewSwitcher::addBar(QWidget* bar)
{
    bar->setParent(this);
    m_bars->addWidget(bar);
}

void TraceViewSwitcher::attachToMenu(QMenu* menu)
{
    m_menu = menu;
    const QList<QAction*> existing = menu->actions();
    m_menuEnd = existing.isEmpty() ? menu->addSeparator() : menu->insertSeparator(existing.front());
    for (const Entry& entry : m_views)
        menu->insertAction(m_menuEnd, entry.action);
}

int TraceViewSwitcher::indexOf(const QString& id) const
{
    for (size_t i = 0; i < m_views.size(); ++i) {
        if (m_views[i].id == id)
            return int(i);
    }
    return -1;
}

QString TraceViewSwitcher::currentViewId() const
{
    const int index = m_stack->currentIndex();
    return index >= 0 ? m_views[size_t(index)].id : QString();
}

QWidget* TraceViewSwitcher::currentView() const
{
    return m_stack->currentWidget();
}

QWidget* TraceViewSwitcher::view(const QString& id) const
{
    const int index = indexOf(id);
    return index >= 0 ? m_views[size_t(index)].widget : nullptr;
}

QStringList TraceViewSwitcher::viewIds() const
{
    QStringList ids;
    for (const Entry& entry : m_views)
        ids << entry.id;
    return ids;
}

QAction* TraceViewSwitcher::action(const QString& id) const
{
    const int index = indexOf(id);
    return index >= 0 ? m_views[size_t(index)].action : nullptr;
}

bool TraceViewSwitcher::setCurrentView(const QString& id)
{
    const int index = indexOf(id);
    if (index < 0)
        return false;
    show(index, true);
    return true;
}

void TraceViewSwitcher::show(int index, bool remember)
{
    if (index < 0 || index >= count())
        return;
    const Entry& entry = m_views[size_t(index)];
    if (remember) {
        // The user's choice: kept for the next run, and it wins over a saved view added later.
        QSettings().setValue(settingsKey(), entry.id);
        m_saved.clear();
    }
    entry.action->setChecked(true);
    if (m_stack->currentIndex() == index)
        return;
    // Whether the view that goes had the keyboard: the one that comes gets it.
    const bool hadFocus = m_stack->currentWidget() && m_stack->currentWidget()->hasFocus();
    {
        const QSignalBlocker blocker(m_tabs);
        m_tabs->setCurrentIndex(index);
    }
    m_stack->setCurrentIndex(index);
    if (remember || hadFocus)
        entry.widget->setFocus(Qt::OtherFocusReason);
    emit currentViewChanged(entry.id);
}

} // namespace spanscope
