// SPDX-License-Identifier: MIT
#include "LinkModel.h"

#include "AttributeText.h"
#include "TextFormat.h"

namespace spanscope {

LinkModel::LinkModel(QObject* parent) : QAbstractTableModel(parent) {}

void LinkModel::setLinks(const std::vector<SpanLink>& links)
{
    beginResetModel();
    m_links = links;
    endResetModel();
}

void LinkModel::clear()
{
    beginResetModel();
    m_links.clear();
    endResetModel();
}

const SpanLink* LinkModel::linkAt(int row) const
{
    return row >= 0 && size_t(row) < m_links.size() ? &m_links[size_t(row)] : nullptr;
}

int LinkModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_links.size());
}

int LinkModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LinkModel::typeName(LinkType type) const
{
    switch (type) {
    case LinkType::FollowsFrom:
        return tr("follows from");
    case LinkType::ChildOf:
        return tr("child of");
    case LinkType::Link:
        break;
    }
    return tr("link");
}

QVariant LinkModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const SpanLink& link = m_links[size_t(index.row())];
    const QString traceId = QString::fromStdString(toHex128(link.traceId));
    const QString spanId = QString::fromStdString(toHex64(link.spanId));
    switch (role) {
    case DetailRole::RowKey:
        return QString(traceId + QLatin1Char('/') + spanId);
    case DetailRole::RowValue:
        return QString::fromStdString(attributesAsLines(link.attributes));
    case DetailRole::FullText:
        if (index.column() == AttributesColumn)
            return QString::fromStdString(attributesAsLines(link.attributes));
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == AttributesColumn)
            return TextFormat::toolTip(
                TextFormat::untrustedLines(attributesAsLines(link.attributes, 4000), 4000, 40));
        if (index.column() == TypeColumn && !link.traceState.empty())
            return TextFormat::toolTip(
                tr("trace state: %1").arg(TextFormat::untrusted(link.traceState, 1000)));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TraceIdColumn:
        return traceId;
    case SpanIdColumn:
        return spanId;
    case TypeColumn:
        return typeName(link.type);
    case AttributesColumn:
        return TextFormat::untrusted(attributesAsLine(link.attributes), 500);
    }
    return {};
}

QVariant LinkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TraceIdColumn:
        return tr("Trace ID");
    case SpanIdColumn:
        return tr("Span ID");
    case TypeColumn:
        return tr("Type");
    case AttributesColumn:
        return tr("Attributes");
    }
    return {};
}

} // namespace spanscope
