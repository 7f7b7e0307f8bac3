// SPDX-License-Identifier: MIT
#include "TraceListView.h"

#include "model/TextFormat.h"
#include "model/TraceListModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace spanscope {

TraceListView::TraceListView(QWidget* parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_errorsOnly(new QCheckBox(tr("Errors"), this)),
      m_table(new QTableView(this)), m_count(new QLabel(this)), m_debounce(new QTimer(this))
{
    m_filter->setPlaceholderText(tr("Filter by service, operation or trace id"));
    m_filter->setClearButtonEnabled(true);
    m_errorsOnly->setToolTip(tr("Only traces with errors"));
    m_count->setTextFormat(Qt::PlainText);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &TraceListView::applyFilter);
    connect(m_errorsOnly, &QCheckBox::toggled, this, [this](bool on) {
        if (m_model)
            m_model->setErrorsOnly(on);
    });

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(TraceListModel::StartColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Not stretched: the trace id would be squeezed whenever the columns overflow the pane.
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_sizingColumns && column >= 0 && size_t(column) < m_userSizedColumns.size())
            m_userSizedColumns[size_t(column)] = true;
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        const QModelIndex index = m_table->indexAt(position); // viewport coordinates
        if (!index.isValid())
            return;
        QMenu* menu = createContextMenu(index.row());
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(position));
    });

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

void TraceListView::setModel(TraceListModel* model)
{
    if (model == m_model)
        return;
    // The new model lists what this view asks for: the filter, the errors switch and the sort
    // the user chose, with the sources the caller gave it; one query.
    const QHeaderView* header = m_table->horizontalHeader();
    const int sortColumn = header->sortIndicatorSection();
    const Qt::SortOrder sortOrder = header->sortIndicatorOrder();
    TraceQuery query = model->query();
    query.filter = m_filter->text().trimmed().toStdString();
    query.errorsOnly = m_errorsOnly->isChecked();
    query.sort = TraceListModel::sortKey(sortColumn);
    query.descending = sortOrder == Qt::DescendingOrder;
    model->setParent(this);
    model->setQuery(query);

    TraceListModel* old = m_model;
    QItemSelectionModel* oldSelection = m_table->selectionModel();
    m_model = model;
    m_currentTrace = 0;
    m_sizingColumns = true; // a new model's sections start at the default width
    m_columnsSized = false;
    m_table->setModel(model);
    m_sizingColumns = false;
    m_userSizedColumns.assign(TraceListModel::ColumnCount, false);
    // QAbstractItemView::setModel makes a new selection model and leaves the old one alive.
    delete oldSelection;
    delete old;
    if (header->sortIndicatorSection() != sortColumn || header->sortIndicatorOrder() != sortOrder)
        m_table->horizontalHeader()->setSortIndicator(sortColumn, sortOrder);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const int64_t trace = current.data(TraceListModel::TraceRowRole).toLongLong();
                // Re-selecting the open trace (after a sort or a filter) does not open it again.
                if (trace != m_currentTrace) {
                    m_currentTrace = trace;
                    emit traceActivated(trace);
                }
            });
    connect(model, &QAbstractItemModel::modelReset, this, &TraceListView::onModelReset);
    onModelReset();
}

void TraceListView::onModelReset()
{
    updateCount();
    if (!m_model)
        return;
    if (m_model->rowCount() > 0)
        sizeColumnsToContents();
    // A reset (sort, filter, another file) clears the selection; the open trace stays selected.
    const int row = m_currentTrace ? m_model->rowOfTrace(m_currentTrace) : -1;
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, 0);
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        m_table->scrollTo(index);
    }
}

void TraceListView::sizeColumnsToContents()
{
    // Every column as wide as what it shows (header included) from the first fill on, names (from
    // the files) capped so one long operation does not push the rest out of sight. Later fills
    // only widen (no jumping while sorting or filtering); a width the user chose is left alone.
    m_sizingColumns = true;
    const int cap = m_table->fontMetrics().averageCharWidth() * 40;
    const QHeaderView* header = m_table->horizontalHeader();
    const QAbstractItemView* view = m_table; // sizeHintForColumn is public here, protected in QTableView
    for (int column = 0; column < TraceListModel::ColumnCount; ++column) {
        if (m_userSizedColumns[size_t(column)])
            continue;
        const bool isName = column == TraceListModel::ServiceColumn ||
                            column == TraceListModel::OperationColumn || column == TraceListModel::FileColumn;
        const int content = std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
        const int wanted = isName ? std::min(cap, content) : content;
        if (wanted > m_table->columnWidth(column) || !m_columnsSized)
            m_table->setColumnWidth(column, wanted);
    }
    m_columnsSized = true;
    m_sizingColumns = false;
}

void TraceListView::applyFilter()
{
    m_debounce->stop();
    if (m_model)
        m_model->setFilter(m_filter->text());
}

QString TraceListView::countText() const
{
    return m_count->text();
}

void TraceListView::updateCount()
{
    m_count->setText(tr("%n trace(s)", nullptr, int(m_model ? m_model->totalCount() : 0)));
}

bool TraceListView::selectTrace(int64_t traceRow)
{
    const int row = m_model ? m_model->fetchRowOfTrace(traceRow) : -1;
    if (row < 0)
        return false;
    selectRow(row);
    return true;
}

void TraceListView::selectRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    // Not QTableView::selectRow: right to left (Qt's -reverse) it looks for the column at
    // x = viewport width, one pixel beyond the viewport, finds none, and makes an invalid index
    // current, so no trace opens. The first column stands for the row in either direction.
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

bool TraceListView::selectFirstTraceOf(int64_t sourceId)
{
    const int64_t trace = m_model ? m_model->firstTraceOf(sourceId) : 0;
    return trace != 0 && selectTrace(trace);
}

void TraceListView::forgetCurrentTrace()
{
    m_currentTrace = 0;
    if (QItemSelectionModel* selection = m_table->selectionModel()) {
        selection->clearSelection();
        selection->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    }
}

QMenu* TraceListView::createContextMenu(int row)
{
    auto* menu = new QMenu(this);
    const TraceSummary* trace = m_model ? m_model->summary(row) : nullptr;
    if (!trace)
        return menu;
    const QString traceId = QString::fromStdString(toHex128(trace->traceId));
    menu->addAction(tr("Copy &Trace ID"), this, [traceId] { QApplication::clipboard()->setText(traceId); })
        ->setObjectName(QStringLiteral("copyTraceId"));
    if (!trace->rootService.empty()) {
        const QString service = QString::fromStdString(trace->rootService);
        QAction* filter =
            menu->addAction(tr("&Filter by Service “%1”")
                                .arg(TextFormat::menuText(TextFormat::untrusted(trace->rootService, 60))),
                            this, [this, service] {
                                m_filter->setText(service);
                                applyFilter();
                            });
        filter->setObjectName(QStringLiteral("filterByService"));
    }
    menu->addSeparator();
    const QString file = QFileInfo(QString::fromStdString(trace->sourcePath)).fileName();
    QAction* close = menu->addAction(
        tr("&Close File “%1”").arg(TextFormat::menuText(TextFormat::untrusted(file.toStdString(), 80))), this,
        [this, source = trace->sourceId] { emit closeFileRequested(source); });
    close->setObjectName(QStringLiteral("closeFile"));
    return menu;
}

} // namespace spanscope
