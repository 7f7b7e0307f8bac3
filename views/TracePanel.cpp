// SPDX-License-Identifier: MIT
#include "TracePanel.h"

#include "FindBar.h"
#include "ViewTheme.h"
#include "WaterfallMinimap.h"
#include "WaterfallView.h"
#include "common/TraceViewState.h"
#include "common/TraceViewSwitcher.h"
#include "model/TextFormat.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <tuple>
#include <utility>

namespace spanscope {

TracePanel::TracePanel(QWidget* parent)
    : QWidget(parent), m_state(new TraceViewState(this)), m_switcher(new TraceViewSwitcher(this)),
      m_notice(new QLabel(this)), m_filterBar(new QWidget(this)), m_filterNotice(new QLabel(m_filterBar)),
      m_showAll(new QToolButton(m_filterBar)), m_findBar(new FindBar(this)),
      m_find(new QAction(tr("&Find…"), this)), m_findNext(new QAction(tr("Find &Next"), this)),
      m_findPrevious(new QAction(tr("Find &Previous"), this))
{
    // On the panel, not on a view: the keys find whichever view is current (and in the window,
    // wherever the focus is: Qt::WindowShortcut).
    const std::tuple<QAction*, const char*, QKeySequence::StandardKey, void (TracePanel::*)()> finds[] = {
        {m_find, "find", QKeySequence::Find, &TracePanel::activateFind},
        {m_findNext, "findNext", QKeySequence::FindNext, &TracePanel::findNext},
        {m_findPrevious, "findPrevious", QKeySequence::FindPrevious, &TracePanel::findPrevious}};
    for (const auto& [action, name, keys, slot] : finds) {
        action->setObjectName(QLatin1String(name));
        action->setShortcut(keys);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
    }
    m_notice->setObjectName(QStringLiteral("traceNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->hide();
    updateNoticeColours();
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

    // The waterfall's page: its minimap above it (the minimap shows the waterfall's rows).
    auto* page = new QWidget;
    m_waterfall = new WaterfallView(m_state, page);
    m_minimap = new WaterfallMinimap(m_waterfall, page);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    pageLayout->addWidget(m_minimap);
    pageLayout->addWidget(m_waterfall, 1);
    page->setFocusProxy(m_waterfall);

    m_switcher->addBar(m_notice);
    m_switcher->addBar(m_findBar);
    m_switcher->addBar(m_filterBar);
    m_switcher->addView(QStringLiteral("waterfall"), tr("Waterfall"), page);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_switcher);

    connect(m_waterfall, &WaterfallView::findRequested, this, &TracePanel::activateFind);
    connect(m_waterfall, &WaterfallView::findStepRequested, this, &TracePanel::step);
    // The shared bars follow the state, whichever view changed it.
    connect(m_state, &TraceViewState::selectionChanged, this, &TracePanel::updateFindPosition);
    connect(m_state, &TraceViewState::matchesChanged, this, &TracePanel::updateFindPosition);
    connect(m_state, &TraceViewState::hiddenServicesChanged, this, [this] {
        updateFilterNotice();
        m_findBar->showHiddenMatches(int(m_state->hiddenMatchCount()));
        updateFindPosition();
    });
    connect(m_state, &TraceViewState::analysisChanged, this, &TracePanel::updateFilterNotice);
    connect(m_showAll, &QToolButton::clicked, m_state, &TraceViewState::showAllServices);
    connect(m_findBar, &FindBar::searchRequested, this, &TracePanel::requestSearch);
    connect(m_findBar, &FindBar::nextRequested, this, &TracePanel::findNext);
    connect(m_findBar, &FindBar::previousRequested, this, &TracePanel::findPrevious);
    connect(m_findBar, &FindBar::closed, this, [this] {
        m_state->setMatches({});
        if (QWidget* view = m_switcher->currentView())
            view->setFocus();
    });
}

QList<QAction*> TracePanel::findActions() const
{
    return {m_find, m_findNext, m_findPrevious};
}

void TracePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateNoticeColours();
    QWidget::changeEvent(event);
}

void TracePanel::updateNoticeColours()
{
    // The banner's amber in the look of the window (ViewTheme), not a fixed yellow.
    const ViewTheme& theme = ViewTheme::matching(palette());
    m_notice->setStyleSheet(
        QStringLiteral("QLabel#traceNotice { background: %1; color: %2; padding: 5px 8px; "
                       "border-bottom: 1px solid %3; }")
            .arg(theme.noticeBackground.name(), theme.noticeText.name(), theme.noticeBorder.name()));
}

void TracePanel::updateFindPosition()
{
    m_findBar->showPosition(m_state->matchPosition(m_state->selectedSpan()));
}

void TracePanel::activateFind()
{
    m_findBar->activate();
}

void TracePanel::requestSearch()
{
    if (!m_state->analysis())
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
    // In the trace's depth-first order, for whichever view is current (TraceViewState).
    if (m_state->stepMatch(direction))
        return;
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

void TracePanel::setTrace(const std::shared_ptr<const TraceAnalysis>& analysis,
                          std::vector<std::tuple<uint32_t, int64_t, int64_t>> events)
{
    m_state->setAnalysis(analysis);
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
    const TraceAnalysis* analysis = m_state->analysis();
    if (!analysis || result.matches.size() != analysis->data.size()) {
        m_state->setMatches({});
        m_findBar->showResult(0, 0, QString::fromStdString(result.error));
        return;
    }
    // The share of the trace's time the matches cover: the union of their intervals.
    const SpanTimes& times = analysis->times;
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
    m_state->setMatches(m_findBar->text().isEmpty() ? std::vector<uint8_t>{} : result.matches);
    m_findBar->showHiddenMatches(int(m_state->hiddenMatchCount()));
    updateFindPosition();
    if (jump != 0 && m_state->reachableMatchCount() > 0)
        step(jump);
}

QString TracePanel::filterNoticeText() const
{
    return m_filterBar->isHidden() ? QString() : m_filterNotice->text();
}

void TracePanel::updateFilterNotice()
{
    const size_t services = m_state->hiddenServiceCount();
    if (services == 0 || !m_state->analysis()) {
        m_filterBar->hide();
        return;
    }
    m_filterNotice->setText(tr("%1 of %2 hidden")
                                .arg(tr("%n span(s)", nullptr, int(m_state->hiddenSpanCount())),
                                     tr("%n service(s)", nullptr, int(services))));
    QStringList names;
    const TraceData& data = m_state->analysis()->data;
    std::vector<uint8_t> seen(data.strings.size(), 0);
    for (uint32_t service : data.service) {
        if (m_state->isServiceHidden(service) && !seen[service]) {
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
    if (const TraceAnalysis* analysis = m_state->analysis()) {
        const TraceAnalysis& a = *analysis;
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
