// SPDX-License-Identifier: MIT
#include "EventModel.h"

#include "AttributeText.h"
#include "TextFormat.h"

namespace spanscope {

EventModel::EventModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventModel::setEvents(const std::vector<SpanEvent>& events, int64_t spanStartNs)
{
    beginResetModel();
    m_events = events;
    m_spanStart = spanStartNs;
    endResetModel();
}

void EventModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

const SpanEvent* EventModel::eventAt(int row) const
{
    return row >= 0 && size_t(row) < m_events.size() ? &m_events[size_t(row)] : nullptr;
}

int EventModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SpanEvent& event = m_events[size_t(index.row())];
    switch (role) {
    case TimeNsRole:
        return qint64(event.timeNs);
    case DetailRole::RowKey:
        return QString::fromStdString(event.name);
    case DetailRole::RowValue:
        return QString::fromStdString(attributesAsLines(event.attributes));
    case DetailRole::FullText:
        if (index.column() == NameColumn)
            return QString::fromStdString(event.name);
        if (index.column() == AttributesColumn)
            return QString::fromStdString(attributesAsLines(event.attributes));
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == AttributesColumn)
            return TextFormat::toolTip(
                TextFormat::untrustedLines(attributesAsLines(event.attributes, 4000), 4000, 40));
        if (index.column() == NameColumn && event.name.size() > 60)
            return TextFormat::toolTip(TextFormat::untrustedLines(event.name, 4000, 40));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return TextFormat::duration(event.timeNs - m_spanStart);
    case NameColumn:
        return TextFormat::untrusted(event.name, 300);
    case AttributesColumn:
        return TextFormat::untrusted(attributesAsLine(event.attributes), 500);
    }
    return {};
}

QVariant EventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case NameColumn:
        return tr("Event");
    case AttributesColumn:
        return tr("Attributes");
    }
    return {};
}

} // namespace spanscope
