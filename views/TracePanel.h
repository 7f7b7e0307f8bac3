// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallScene.h"
#include "model/TraceSearch.h"

#include <QWidget>
#include <memory>

class QLabel;

namespace spanscope {

class FindBar;
class WaterfallMinimap;
class WaterfallView;

// One trace on screen: the notices about it (incomplete, clock skew, first error), the minimap,
// the find bar and the waterfall.
class TracePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TracePanel(QWidget* parent = nullptr);

    WaterfallView* waterfall() const { return m_waterfall; }
    WaterfallMinimap* minimap() const { return m_minimap; }
    FindBar* findBar() const { return m_findBar; }
    QString noticeText() const;

    void setTrace(std::shared_ptr<const TraceAnalysis> analysis,
                  std::vector<std::tuple<uint32_t, int64_t, int64_t>> events);
    // The current find query, from the find bar.
    SearchQuery query() const;
    void showSearchResult(const SearchResult& result);

public slots:
    void activateFind();

signals:
    void searchRequested(const spanscope::SearchQuery& query);

private:
    void updateNotices();

    std::shared_ptr<const TraceAnalysis> m_analysis;
    QLabel* m_notice;
    WaterfallMinimap* m_minimap;
    FindBar* m_findBar;
    WaterfallView* m_waterfall;
};

} // namespace spanscope
