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
        TraceIdColumn,
        ColumnCount
    };
    enum Role
    {
        TraceRowRole = Qt::UserRole + 1,
        SortValueRole,
        IncompleteRole
    };

    explicit TraceListModel(sql::Database& db, QObject* parent = nullptr);

    // Which sources to list (empty: all), and the text filter; both re-run the query.
    void setSources(std::vector<int64_t> sources);
    void setFilter(const QString& text);
    void setErrorsOnly(bool errorsOnly);
    void refresh();

    const TraceSummary* summary(int row) const;
    int rowOfTrace(int64_t traceRow) const;
    int64_t totalCount() const { return m_total; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static constexpr int kPageSize = 500;

private:
    sql::Database& m_db;
    TraceQuery m_query;
    std::vector<TraceSummary> m_rows;
    int64_t m_total = 0;
};

} // namespace spanscope
