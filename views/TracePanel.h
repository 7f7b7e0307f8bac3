// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallScene.h"
#include "model/TraceSearch.h"

#include <QWidget>
#include <memory>

class QLabel;
class QToolButton;

namespace spanscope {

class FindBar;
class WaterfallMinimap;
class WaterfallView;

// One trace on screen: the notices about it (incomplete, clock skew, first error), the minimap,
// the find bar, what the service filter hides, and the waterfall.
class TracePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TracePanel(QWidget* parent = nullptr);

    WaterfallView* waterfall() const { return m_waterfall; }
    WaterfallMinimap* minimap() const { return m_minimap; }
    FindBar* findBar() const { return m_findBar; }
    QString noticeText() const;
    // "N spans of K services hidden" while the service filter hides any; empty otherwise.
    QString filterNoticeText() const;
    QToolButton* showAllServicesButton() const { return m_showAll; }

    void setTrace(std::shared_ptr<const TraceAnalysis> analysis,
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

private:
    void updateNotices();
    void updateFilterNotice();
    void requestSearch();
    void step(int direction);

    std::shared_ptr<const TraceAnalysis> m_analysis;
    QLabel* m_notice;
    QWidget* m_filterBar;
    QLabel* m_filterNotice;
    QToolButton* m_showAll;
    bool m_searchPending = false;
    int m_jumpWhenFound = 0; // +1 / -1: step once the pending search's result arrives
    WaterfallMinimap* m_minimap;
    FindBar* m_findBar;
    WaterfallView* m_waterfall;
};

} // namespace spanscope
