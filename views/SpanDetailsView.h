// SPDX-License-Identifier: MIT
#pragma once

#include "model/SpanDetails.h"

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTabWidget;
class QTableView;
class QSortFilterProxyModel;

namespace spanscope {

class AttributeModel;
class EventModel;
struct TraceAnalysis;

// The selected span in full: a header (service, operation, timing, status), then tabs with its
// typed attributes, its resource and scope, its events and its links. All text is plain text.
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
    QString headerText() const;

signals:
    // The user asked to go to a linked span (trace id and span id in hex).
    void linkActivated(QString traceId, QString spanId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTableView* makeTable(QAbstractItemModel* model, bool sortable);
    void copySelection(QTableView* table);

    QLabel* m_title;
    QLabel* m_summary;
    QLabel* m_notes;
    QTabWidget* m_tabs;
    AttributeModel* m_attributes;
    AttributeModel* m_resource;
    AttributeModel* m_links;
    EventModel* m_events;
    std::vector<SpanLink> m_linkList;
};

} // namespace spanscope
