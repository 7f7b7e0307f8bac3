// SPDX-License-Identifier: MIT
#pragma once

#include "DetailRoles.h"
#include "SpanDetails.h"

#include <QAbstractTableModel>

namespace spanscope {

// A span's events (OTLP events, Jaeger logs, Zipkin annotations): time from the span's start,
// name, and the attributes in one line (in the tooltip and FullText one per line, whole). For the
// details' context menu the row's key is the event's name and its value the attributes.
class EventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        NameColumn,
        AttributesColumn,
        ColumnCount
    };
    enum Role
    {
        TimeNsRole = Qt::UserRole + 16 // clear of DetailRole
    };

    explicit EventModel(QObject* parent = nullptr);

    void setEvents(const std::vector<SpanEvent>& events, int64_t spanStartNs);
    void clear();
    const SpanEvent* eventAt(int row) const; // not event(): that is QObject::event(QEvent*)

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<SpanEvent> m_events;
    int64_t m_spanStart = 0;
};

} // namespace spanscope
