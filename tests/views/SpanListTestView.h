// SPDX-License-Identifier: MIT
// A second view of a trace for tests only (never in the product): one line per shown span in
// depth-first order, bound to the trace area's TraceViewState as every real view is. A click
// selects, the pointer hovers, find's non-matches are greyed, hidden services' spans have no
// line. It counts how often it rebuilt itself, so that a test sees that switching views
// recomputes nothing.
#pragma once

#include "views/common/TraceViewState.h"

#include <QListWidget>
#include <QPalette>

namespace spanscope::test {

class SpanListTestView : public QListWidget
{
public:
    explicit SpanListTestView(TraceViewState* state, QWidget* parent = nullptr)
        : QListWidget(parent), m_state(state)
    {
        setMouseTracking(true);
        connect(state, &TraceViewState::analysisChanged, this, &SpanListTestView::rebuild);
        connect(state, &TraceViewState::hiddenServicesChanged, this, &SpanListTestView::rebuild);
        connect(state, &TraceViewState::selectionChanged, this, &SpanListTestView::followSelection);
        connect(state, &TraceViewState::matchesChanged, this, &SpanListTestView::recolour);
        connect(this, &QListWidget::currentRowChanged, this, [this](int row) {
            if (!m_following && row >= 0)
                m_state->selectSpan(spanAt(row));
        });
        connect(this, &QListWidget::itemEntered, this,
                [this](QListWidgetItem* item) { m_state->hoverSpan(spanAt(row(item))); });
        rebuild();
    }

    uint32_t spanAt(int line) const
    {
        return line >= 0 && size_t(line) < m_spans.size() ? m_spans[size_t(line)] : TraceViewState::kNoSpan;
    }
    int lineOf(uint32_t span) const
    {
        for (size_t i = 0; i < m_spans.size(); ++i) {
            if (m_spans[i] == span)
                return int(i);
        }
        return -1;
    }
    QPoint lineCentre(uint32_t span)
    {
        QListWidgetItem* line = item(lineOf(span));
        scrollToItem(line);
        return visualItemRect(line).center();
    }
    bool isGreyed(uint32_t span) const
    {
        const QListWidgetItem* line = item(lineOf(span));
        return line && line->foreground().color() == palette().color(QPalette::Disabled, QPalette::Text);
    }
    int rebuilds() const { return m_rebuilds; }

private:
    static QString text(std::string_view name)
    {
        return QString::fromUtf8(name.data(), qsizetype(name.size()));
    }

    void rebuild()
    {
        ++m_rebuilds;
        m_following = true;
        clear();
        m_spans.clear();
        if (const TraceAnalysis* analysis = m_state->analysis()) {
            const TraceData& data = analysis->data;
            for (uint32_t span : analysis->tree.preorder) {
                if (m_state->isSpanHidden(span))
                    continue;
                m_spans.push_back(span);
                addItem(text(data.strings.at(data.service[span])) + QStringLiteral(": ") +
                        text(data.strings.at(data.name[span])));
            }
        }
        m_following = false;
        recolour();
        followSelection(m_state->selectedSpan());
    }

    void followSelection(uint32_t span)
    {
        m_following = true;
        setCurrentRow(lineOf(span));
        m_following = false;
    }

    void recolour()
    {
        for (int line = 0; line < count(); ++line)
            item(line)->setForeground(m_state->isDimmed(spanAt(line))
                                          ? palette().color(QPalette::Disabled, QPalette::Text)
                                          : palette().color(QPalette::Text));
    }

    TraceViewState* m_state;
    std::vector<uint32_t> m_spans;
    bool m_following = false;
    int m_rebuilds = 0;
};

} // namespace spanscope::test
