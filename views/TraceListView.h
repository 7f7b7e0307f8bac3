// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLineEdit;
class QCheckBox;
class QTableView;
class QLabel;
class QTimer;

namespace spanscope {

class TraceListModel;

// The list of traces with a filter box: a trace is picked here and opened in the other views.
class TraceListView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceListView(TraceListModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    void selectTrace(int64_t traceRow);
    void updateCount();

signals:
    void traceActivated(int64_t traceRow);

private:
    TraceListModel* m_model;
    QLineEdit* m_filter;
    QCheckBox* m_errorsOnly;
    QTableView* m_table;
    QLabel* m_count;
    QTimer* m_debounce;
};

} // namespace spanscope
