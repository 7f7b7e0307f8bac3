// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTimer;

namespace spanscope {

class TraceListModel;

// The list of traces with a filter box: a trace is picked here and opened in the other views.
// The view owns its model; setModel() replaces it (a new workspace means a new model) and carries
// the filter, the errors switch and the sort over to the new one.
class TraceListView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceListView(QWidget* parent = nullptr);

    // Shows this model (taking ownership) and deletes the previous one.
    void setModel(TraceListModel* model);
    TraceListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    QCheckBox* errorsOnlyBox() const { return m_errorsOnly; }
    QString countText() const;

    // Selects a row of the list (the current row, so the trace opens unless it is open already),
    // in either layout direction.
    void selectRow(int row);
    // Selects a trace (fetching the rows up to it), which opens it unless it is open already.
    // False when the list does not show it (filtered out, or its file is not open).
    bool selectTrace(int64_t traceRow);
    // Selects the first trace of a file in the list's order and filter.
    bool selectFirstTraceOf(int64_t sourceId);
    // The open trace's row (0: none).
    int64_t currentTrace() const { return m_currentTrace; }
    // The open trace went away (its file was closed): nothing is selected.
    void forgetCurrentTrace();
    // Applies the filter box now, without waiting for the typing pause.
    void applyFilter();
    void updateCount();
    // The context menu for a row; the caller owns it.
    QMenu* createContextMenu(int row);

signals:
    void traceActivated(int64_t traceRow);
    void closeFileRequested(int64_t sourceId);

private:
    void onModelReset();
    void sizeColumnsToContents();

    TraceListModel* m_model = nullptr;
    QLineEdit* m_filter;
    QCheckBox* m_errorsOnly;
    QTableView* m_table;
    QLabel* m_count;
    QTimer* m_debounce;
    int64_t m_currentTrace = 0;
    bool m_columnsSized = false;          // sized to the content of this model once
    bool m_sizingColumns = false;         // the view is resizing them, not the user
    std::vector<bool> m_userSizedColumns; // widths the user chose: left alone
};

} // namespace spanscope
