// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanDetails.h"

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTabWidget;

namespace spanscope {

class AttributeModel;
class DetailTable;
class EventModel;
class LinkModel;
struct TraceAnalysis;

// The selected span in full: a header (service, operation, timing, status), then tabs with its
// typed attributes, its resource and scope, its events and its links. All text is plain text. Every
// table copies (Ctrl+C, context menu) and shows long values in full (double-click, context menu).
class SpanDetailsView : public QWidget
{
    Q_OBJECT

public:
    explicit SpanDetailsView(QWidget* parent = nullptr);

    // span is the index in the analysis (for its effective times and tree notes).
    void showSpan(const SpanDetails& details, const TraceAnalysis& analysis, uint32_t span);
    void clear();

    // For tests: the models behind the tabs.
    AttributeModel* attributeModel() const { return m_attributes; }
    AttributeModel* resourceModel() const { return m_resource; }
    EventModel* eventModel() const { return m_events; }
    LinkModel* linkModel() const { return m_links; }
    QTabWidget* tabs() const { return m_tabs; }
    DetailTable* attributeTable() const { return m_attributeTable; }
    DetailTable* eventTable() const { return m_eventTable; }
    DetailTable* linkTable() const { return m_linkTable; }
    QString headerText() const;

signals:
    // The user asked to go to a linked span (trace id and span id in hex).
    void linkActivated(QString traceId, QString spanId);

protected:
    void changeEvent(QEvent* event) override;

private:
    DetailTable* makeTable(QAbstractItemModel* model, bool sortable);
    void updateNoteColour();
    void activateLink(int row);

    QLabel* m_title;
    QLabel* m_summary;
    QLabel* m_notes;
    QTabWidget* m_tabs;
    AttributeModel* m_attributes;
    AttributeModel* m_resource;
    LinkModel* m_links;
    EventModel* m_events;
    DetailTable* m_attributeTable;
    DetailTable* m_eventTable;
    DetailTable* m_linkTable;
};

} // namespace spanscope
