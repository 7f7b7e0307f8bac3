// SPDX-License-Identifier: MIT
#include "TraceListModel.h"

#include "TextFormat.h"

#include <QFileInfo>
#include <algorithm>

namespace spanscope {

TraceQuery::SortKey TraceListModel::sortKey(int column)
{
    switch (column) {
    case TraceListModel::ServiceColumn:
        return TraceQuery::SortKey::RootService;
    case TraceListModel::OperationColumn:
        return TraceQuery::SortKey::RootName;
    case TraceListModel::DurationColumn:
        return TraceQuery::SortKey::Duration;
    case TraceListModel::SpansColumn:
        return TraceQuery::SortKey::Spans;
    case TraceListModel::ServicesColumn:
        return TraceQuery::SortKey::Services;
    case TraceListModel::ErrorsColumn:
        return TraceQuery::SortKey::Errors;
    case TraceListModel::TraceIdColumn:
        return TraceQuery::SortKey::TraceId;
    case TraceListModel::FileColumn:
        return TraceQuery::SortKey::File;
    default:
        return TraceQuery::SortKey::Start;
    }
}

TraceListModel::TraceListModel(sql::Database& db, QObject* parent) : QAbstractTableModel(parent), m_db(db) {}

void TraceListModel::setSources(std::vector<int64_t> sources)
{
    m_query.sources = std::move(sources);
    refresh();
}

void TraceListModel::setFilter(const QString& text)
{
    m_query.filter = text.trimmed().toStdString();
    refresh();
}

void TraceListModel::setErrorsOnly(bool errorsOnly)
{
    m_query.errorsOnly = errorsOnly;
    refresh();
}

void TraceListModel::setQuery(const TraceQuery& query)
{
    m_query = query;
    refresh();
}

void TraceListModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    if (!m_query.sources.empty()) {
        TraceListReader reader(m_db);
        TraceQuery page = m_query;
        page.limit = kPageSize;
        page.offset = 0;
        try {
            m_rows = reader.list(page);
            m_total = reader.count(m_query);
        } catch (const sql::Error&) {
            m_rows.clear();
            m_total = 0;
        }
    }
    endResetModel();
}

const TraceSummary* TraceListModel::summary(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? &m_rows[size_t(row)] : nullptr;
}

int TraceListModel::rowOfTrace(int64_t traceRow) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].traceRow == traceRow)
            return int(i);
    }
    return -1;
}

int TraceListModel::fetchRowOfTrace(int64_t traceRow)
{
    if (const int row = rowOfTrace(traceRow); row >= 0 || m_query.sources.empty())
        return row;
    int64_t position = -1;
    std::vector<TraceSummary> more;
    try {
        TraceListReader reader(m_db);
        position = reader.position(m_query, traceRow);
        if (position < int64_t(m_rows.size()))
            return -1; // not listed (or listed before, which rowOfTrace would have found)
        TraceQuery upTo = m_query;
        upTo.offset = int64_t(m_rows.size());
        upTo.limit = position - upTo.offset + kPageSize; // the pages up to it, and one after
        more = reader.list(upTo);
    } catch (const sql::Error&) {
        return -1;
    }
    append(std::move(more));
    return rowOfTrace(traceRow);
}

int64_t TraceListModel::firstTraceOf(int64_t sourceId)
{
    const auto& sources = m_query.sources;
    if (std::find(sources.begin(), sources.end(), sourceId) == sources.end())
        return 0; // not a file this list shows
    try {
        return TraceListReader(m_db).firstTraceOf(m_query, sourceId);
    } catch (const sql::Error&) {
        return 0;
    }
}

Qt::SortOrder TraceListModel::initialSortOrder(int column)
{
    switch (column) {
    case DurationColumn:
    case SpansColumn:
    case ServicesColumn:
    case ErrorsColumn:
        return Qt::DescendingOrder; // the slowest, largest, most failing first
    default:
        return Qt::AscendingOrder;
    }
}

int TraceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TraceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TraceSummary& trace = m_rows[size_t(index.row())];
    if (role == TraceRowRole)
        return qint64(trace.traceRow);
    if (role == IncompleteRole)
        return trace.isIncomplete();
    if (role == SourceRole)
        return qint64(trace.sourceId);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartColumn:
            return TextFormat::timestamp(trace.startNs);
        case ServiceColumn:
            return TextFormat::serviceOrUnknown(trace.rootService);
        case OperationColumn:
            return TextFormat::untrusted(trace.rootName, 200);
        case DurationColumn:
            return TextFormat::duration(trace.durationNs());
        case SpansColumn:
            return qint64(trace.spanCount);
        case ServicesColumn:
            return qint64(trace.serviceCount);
        case ErrorsColumn:
            return qint64(trace.errorCount);
        case FileColumn:
            return TextFormat::untrusted(
                QFileInfo(QString::fromStdString(trace.sourcePath)).fileName().toStdString());
        case TraceIdColumn:
            return QString::fromStdString(toHex128(trace.traceId));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == FileColumn)
        return TextFormat::toolTip(TextFormat::untrusted(trace.sourcePath, 4000));
    if (role == Qt::ToolTipRole && trace.isIncomplete())
        return tr("Incomplete trace: %n span(s) have missing parents", nullptr, int(trace.orphanCount));
    if (role == Qt::TextAlignmentRole && index.column() >= DurationColumn && index.column() <= ErrorsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortValueRole) {
        switch (index.column()) {
        case StartColumn:
            return qint64(trace.startNs);
        case DurationColumn:
            return qint64(trace.durationNs());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::InitialSortOrderRole) // what QHeaderView's first click on a section sorts by
        return int(initialSortOrder(section));
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartColumn:
        return tr("Start");
    case ServiceColumn:
        return tr("Root service");
    case OperationColumn:
        return tr("Root operation");
    case DurationColumn:
        return tr("Duration");
    case SpansColumn:
        return tr("Spans");
    case ServicesColumn:
        return tr("Services");
    case ErrorsColumn:
        return tr("Errors");
    case FileColumn:
        return tr("File");
    case TraceIdColumn:
        return tr("Trace ID");
    }
    return {};
}

void TraceListModel::sort(int column, Qt::SortOrder order)
{
    m_query.sort = sortKey(column);
    m_query.descending = order == Qt::DescendingOrder;
    refresh();
}

bool TraceListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && int64_t(m_rows.size()) < m_total;
}

void TraceListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    TraceQuery page = m_query;
    page.limit = kPageSize;
    page.offset = int64_t(m_rows.size());
    std::vector<TraceSummary> more;
    try {
        more = TraceListReader(m_db).list(page);
    } catch (const sql::Error&) {
        return;
    }
    append(std::move(more));
}

void TraceListModel::append(std::vector<TraceSummary> more)
{
    if (more.empty()) {
        m_total = int64_t(m_rows.size()); // the workspace changed under us: no more to fetch
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    endInsertRows();
}

} // namespace spanscope
