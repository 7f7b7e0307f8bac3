// SPDX-License-Identifier: MIT
#include "TracePanel.h"

#include "FindBar.h"
#include "WaterfallMinimap.h"
#include "WaterfallView.h"
#include "model/TextFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace spanscope {

TracePanel::TracePanel(QWidget* parent)
    : QWidget(parent), m_notice(new QLabel(this)), m_filterBar(new QWidget(this)),
      m_filterNotice(new QLabel(m_filterBar)), m_showAll(new QToolButton(m_filterBar)),
      m_findBar(new FindBar(this)), m_waterfall(new WaterfallView(this))
{
    m_minimap = new WaterfallMinimap(m_waterfall, this);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("background: #fff8c5; color: #4d2d00; padding: 5px 8px; "
                                           "border-bottom: 1px solid #d4a72c;"));
    m_notice->hide();
    m_findBar->hide();
    m_filterNotice->setTextFormat(Qt::PlainText);
    m_showAll->setText(tr("Show all"));
    m_showAll->setObjectName(QStringLiteral("showAllServices"));
    m_showAll->setToolTip(tr("Show the spans of every service again"));
    auto* filterLayout = new QHBoxLayout(m_filterBar);
    filterLayout->setContentsMargins(8, 2, 6, 2);
    filterLayout->addWidget(m_filterNotice, 1);
    filterLayout->addWidget(m_showAll);
    m_filterBar->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notice);
    layout->addWidget(m_minimap);
    layout->addWidget(m_findBar);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_waterfall, 1);

    connect(m_waterfall, &WaterfallView::findRequested, this, &TracePanel::activateFind);
    connect(m_waterfall, &WaterfallView::findStepRequested, this, &TracePanel::step);
    connect(m_waterfall, &WaterfallView::matchPositionChanged, this,
            [this] { m_findBar->showPosition(m_waterfall->matchPosition()); });
    connect(m_waterfall, &WaterfallView::serviceFilterChanged, this, [this] {
        updateFilterNotice();
        m_findBar->showHiddenMatches(int(m_waterfall->hiddenMatchCount()));
    });
    connect(m_showAll, &QToolButton::clicked, m_waterfall, &WaterfallView::showAllServices);
    connect(m_findBar, &FindBar::searchRequested, this, &TracePanel::requestSearch);
    connect(m_findBar, &FindBar::nextRequested, this, &TracePanel::findNext);
    connect(m_findBar, &FindBar::previousRequested, this, &TracePanel::findPrevious);
    connect(m_findBar, &FindBar::closed, this, [this] {
        m_waterfall->setMatches({});
        m_waterfall->setFocus();
    });
}

void TracePanel::activateFind()
{
    m_findBar->activate();
}

void TracePanel::requestSearch()
{
    if (!m_analysis)
        return; // nothing to search: no result will come
    m_searchPending = true;
    emit searchRequested(query());
}

void TracePanel::findNext()
{
    step(+1);
}

void TracePanel::findPrevious()
{
    step(-1);
}

void TracePanel::step(int direction)
{
    if (m_searchPending) {
        m_jumpWhenFound = direction; // the result is on its way
        return;
    }
    if (m_waterfall->matchCount() > 0) {
        if (direction > 0)
            m_waterfall->nextMatch();
        else
            m_waterfall->previousMatch();
        return;
    }
    if (m_findBar->text().isEmpty()) {
        activateFind();
        return;
    }
    // The bar was closed (Esc) and its matches cleared: show it again, search again, then jump.
    m_findBar->show();
    m_jumpWhenFound = direction;
    requestSearch();
}

SearchQuery TracePanel::query() const
{
    SearchQuery query;
    query.text = m_findBar->text().toStdString();
    query.regex = m_findBar->isRegex();
    query.inAttributes = m_findBar->searchAttributes();
    return query;
}

void TracePanel::setTrace(std::shared_ptr<const TraceAnalysis> analysis,
                          std::vector<std::tuple<uint32_t, int64_t, int64_t>> events)
{
    m_analysis = analysis;
    m_waterfall->setAnalysis(analysis);
    if (analysis)
        m_waterfall->setEvents(std::move(events));
    updateNotices();
    m_searchPending = false;
    m_jumpWhenFound = 0;
    if (analysis && !m_findBar->text().isEmpty() && m_findBar->isVisible())
        requestSearch();
}

void TracePanel::showSearchResult(const SearchResult& result)
{
    m_searchPending = false;
    const int jump = std::exchange(m_jumpWhenFound, 0);
    if (!m_analysis || result.matches.size() != m_analysis->data.size()) {
        m_waterfall->setMatches({});
        m_findBar->showResult(0, 0, QString::fromStdString(result.error));
        return;
    }
    // The share of the trace's time the matches cover: the union of their intervals.
    const SpanTimes& times = m_analysis->times;
    std::vector<std::pair<int64_t, int64_t>> intervals;
    for (size_t i = 0; i < result.matches.size(); ++i) {
        if (result.matches[i])
            intervals.emplace_back(times.start[i], times.end[i]);
    }
    std::sort(intervals.begin(), intervals.end());
    int64_t covered = 0;
    int64_t reach = INT64_MIN;
    for (const auto& [start, end] : intervals) {
        const int64_t from = std::max(start, reach);
        if (end > from)
            covered += end - from;
        reach = std::max(reach, end);
    }
    const double share = double(covered) / double(std::max<int64_t>(times.traceDuration(), 1));
    m_findBar->showResult(int(result.matchCount), share, QString::fromStdString(result.error));
    m_waterfall->setMatches(m_findBar->text().isEmpty() ? std::vector<uint8_t>{} : result.matches);
    m_findBar->showHiddenMatches(int(m_waterfall->hiddenMatchCount()));
    if (jump != 0 && m_waterfall->matchCount() > 0)
        step(jump);
}

QString TracePanel::filterNoticeText() const
{
    return m_filterBar->isHidden() ? QString() : m_filterNotice->text();
}

void TracePanel::updateFilterNotice()
{
    const size_t services = m_waterfall->hiddenServiceCount();
    if (services == 0) {
        m_filterBar->hide();
        return;
    }
    m_filterNotice->setText(tr("%1 of %2 hidden")
                                .arg(tr("%n span(s)", nullptr, int(m_waterfall->hiddenSpanCount())),
                                     tr("%n service(s)", nullptr, int(services))));
    QStringList names;
    const TraceData& data = m_waterfall->analysis()->data;
    std::vector<uint8_t> seen(data.strings.size(), 0);
    for (uint32_t service : data.service) {
        if (m_waterfall->isServiceHidden(service) && !seen[service]) {
            seen[service] = 1;
            names << TextFormat::serviceOrUnknown(data.strings.at(service));
        }
    }
    names.sort();
    m_filterNotice->setToolTip(TextFormat::toolTip(tr("Hidden: %1").arg(names.join(QStringLiteral(", ")))));
    m_filterBar->show();
}

QString TracePanel::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void TracePanel::updateNotices()
{
    QStringList notices;
    if (m_analysis) {
        const TraceAnalysis& a = *m_analysis;
        if (a.tree.isIncomplete())
            notices << tr(
                "This trace is incomplete: %n span(s) have missing parents and are shown as extra roots.",
                nullptr, int(a.tree.orphanCount));
        if (a.options.adjustClockSkew && a.clockSkew.shiftedSpans > 0)
            notices << tr("Clock-skew adjustment moved %n span(s); the largest shift is %1.", nullptr,
                          int(a.clockSkew.shiftedSpans))
                           .arg(TextFormat::duration(a.clockSkew.largestShift));
        if (a.options.adjustClockSkew && a.clockSkew.notAppliedSpans > 0)
            notices << tr("%n span(s) would need a shift beyond the maximum and were left as they are.",
                          nullptr, int(a.clockSkew.notAppliedSpans));
        if (!a.errors.rootCauses.empty()) {
            const uint32_t cause = a.errors.rootCauses.front();
            notices << tr("%n span(s) in error; where it started: %1: %2", nullptr, int(a.errors.errorCount))
                           .arg(TextFormat::serviceOrUnknown(a.data.strings.at(a.data.service[cause])),
                                TextFormat::untrusted(a.data.strings.at(a.data.name[cause]), 200));
        }
        const auto duplicates =
            std::count_if(a.tree.warnings.begin(), a.tree.warnings.end(),
                          [](const TreeWarning& w) { return w.kind == TreeWarning::Kind::DuplicateId; });
        if (duplicates > 0)
            notices << tr("%n span id(s) appear more than once; every copy is shown.", nullptr,
                          int(duplicates));
    }
    m_notice->setText(notices.join(QLatin1Char('\n')));
    m_notice->setVisible(!notices.isEmpty());
}

} // namespace spanscope
