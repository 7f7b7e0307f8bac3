// SPDX-License-Identifier: MIT
#pragma once

#include "TraceListReader.h"

#include <QAbstractTableModel>

namespace spanscope {

// The trace list: summaries from the workspace, sorted and filtered in SQL and fetched a page at a
// time, so a workspace with a hundred thousand traces opens at once.
class TraceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StartColumn,
        ServiceColumn,
        OperationColumn,
        DurationColumn,
        SpansColumn,
        ServicesColumn,
        ErrorsColumn,
        FileColumn,
        TraceIdColumn,
        ColumnCount
    };
    enum Role
    {
        TraceRowRole = Qt::UserRole + 1,
        SortValueRole,
        IncompleteRole,
        SourceRole, // the id of the source (file) the trace comes from
    };

    explicit TraceListModel(sql::Database& db, QObject* parent = nullptr);

    // Which sources to list: the files open in one window. None lists nothing (not the whole
    // workspace: the shared cache holds files of earlier sessions too).
    void setSources(std::vector<int64_t> sources);
    // The text filter, the errors-only switch; each re-runs the query.
    void setFilter(const QString& text);
    void setErrorsOnly(bool errorsOnly);
    // Everything at once (sources, filter, sort), with one query.
    void setQuery(const TraceQuery& query);
    const TraceQuery& query() const { return m_query; }
    void refresh();

    const TraceSummary* summary(int row) const;
    // The row of a trace among the rows fetched so far, or -1.
    int rowOfTrace(int64_t traceRow) const;
    // The row of a trace the query lists, fetching the pages up to it (in one read) if needed;
    // -1 if the query does not list it.
    int fetchRowOfTrace(int64_t traceRow);
    // The first trace of a source in the current order and filter, 0 if none.
    int64_t firstTraceOf(int64_t sourceId);
    int64_t totalCount() const { return m_total; }

    // The sort order a first click on a column's header gives: largest first for numbers.
    static Qt::SortOrder initialSortOrder(int column);
    static TraceQuery::SortKey sortKey(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static constexpr int kPageSize = 500;

private:
    void append(std::vector<TraceSummary> more);

    sql::Database& m_db;
    TraceQuery m_query;
    std::vector<TraceSummary> m_rows;
    int64_t m_total = 0;
};

} // namespace spanscope
