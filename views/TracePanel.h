// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallScene.h"
#include "model/TraceSearch.h"

#include <QWidget>
#include <memory>

class QAction;
class QLabel;
class QToolButton;

namespace spanscope {

class FindBar;
class TraceViewState;
class TraceViewSwitcher;
class WaterfallMinimap;
class WaterfallView;

// The trace area: one trace on screen, in several views switched by a TraceViewSwitcher, over
// one TraceViewState that every view shares. Above the views, for all of them: the notices about
// the trace (incomplete, clock skew, first error), the find bar and what the service filter
// hides. Find belongs here, not to a view: the search's result goes into the state, and
// next/previous walk the matches whichever view is current. The waterfall (with its minimap) is
// the first view; a later one joins with switcher()->addView().
class TracePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TracePanel(QWidget* parent = nullptr);

    TraceViewState* state() const { return m_state; }
    TraceViewSwitcher* switcher() const { return m_switcher; }
    WaterfallView* waterfall() const { return m_waterfall; }
    WaterfallMinimap* minimap() const { return m_minimap; }
    FindBar* findBar() const { return m_findBar; }
    QLabel* noticeLabel() const { return m_notice; }
    QString noticeText() const;
    // "N spans of K services hidden" while the service filter hides any; empty otherwise.
    QString filterNoticeText() const;
    QToolButton* showAllServicesButton() const { return m_showAll; }
    // Find (Ctrl+F), Find Next (F3), Find Previous (Shift+F3): the trace area's, for every view;
    // their shortcuts work anywhere in the window. The window puts them in its Find menu.
    QList<QAction*> findActions() const;

    void setTrace(const std::shared_ptr<const TraceAnalysis>& analysis,
                  std::vector<std::tuple<uint32_t, int64_t, int64_t>> events);
    // The current find query, from the find bar.
    SearchQuery query() const;
    void showSearchResult(const SearchResult& result);

public slots:
    void activateFind();
    // F3 / Shift+F3: the next or previous match; with none shown (the bar was closed, or the
    // search is still running), the last search again, then the jump.
    void findNext();
    void findPrevious();

signals:
    void searchRequested(const spanscope::SearchQuery& query);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateNotices();
    void updateNoticeColours();
    void updateFilterNotice();
    void updateFindPosition();
    void requestSearch();
    void step(int direction);

    TraceViewState* m_state;
    TraceViewSwitcher* m_switcher;
    QLabel* m_notice;
    QWidget* m_filterBar;
    QLabel* m_filterNotice;
    QToolButton* m_showAll;
    bool m_searchPending = false;
    int m_jumpWhenFound = 0; // +1 / -1: step once the pending search's result arrives
    FindBar* m_findBar;
    QAction* m_find;
    QAction* m_findNext;
    QAction* m_findPrevious;
    WaterfallView* m_waterfall;
    WaterfallMinimap* m_minimap;
};

} // namespace spanscope
