// SPDX-License-Identifier: MIT
#include "TraceListView.h"

#include "model/TraceListModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace spanscope {

TraceListView::TraceListView(TraceListModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_filter(new QLineEdit(this)),
      m_errorsOnly(new QCheckBox(tr("Errors"), this)), m_table(new QTableView(this)),
      m_count(new QLabel(this)), m_debounce(new QTimer(this))
{
    m_filter->setPlaceholderText(tr("Filter by service, operation or trace id"));
    m_filter->setClearButtonEnabled(true);
    m_errorsOnly->setToolTip(tr("Only traces with errors"));
    m_count->setTextFormat(Qt::PlainText);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this]() {
        m_model->setFilter(m_filter->text());
        updateCount();
    });
    connect(m_errorsOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_model->setErrorsOnly(on);
        updateCount();
    });

    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TraceListModel::StartColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnHidden(TraceListModel::StartColumn, false);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    emit traceActivated(current.data(TraceListModel::TraceRowRole).toLongLong());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TraceListView::updateCount);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_errorsOnly);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    updateCount();
}

void TraceListView::updateCount()
{
    m_count->setText(tr("%n trace(s)", nullptr, int(m_model->totalCount())));
}

void TraceListView::selectTrace(int64_t traceRow)
{
    const int row = m_model->rowOfTrace(traceRow);
    if (row >= 0)
        m_table->selectRow(row);
}

} // namespace spanscope
