// SPDX-License-Identifier: MIT
#include "EventModel.h"

#include "AttributeCodec.h"
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
    if (role == TimeNsRole)
        return qint64(event.timeNs);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (role == Qt::ToolTipRole && index.column() != AttributesColumn)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return TextFormat::duration(event.timeNs - m_spanStart);
    case NameColumn:
        return TextFormat::untrusted(event.name, 300);
    case AttributesColumn: {
        std::string text;
        AttributeReader reader(event.attributes);
        std::string_view key;
        ValueView value;
        while (reader.next(key, value)) {
            if (!text.empty())
                text += ", ";
            text.append(key);
            text += '=';
            text += valueToDisplayText(value);
            if (text.size() > 4000)
                break;
        }
        if (role == Qt::ToolTipRole)
            return TextFormat::toolTip(TextFormat::untrusted(text, 4000));
        return TextFormat::untrusted(text, 500);
    }
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
