// SPDX-License-Identifier: MIT
#include "DetailTable.h"

#include "FullValueDialog.h"
#include "model/DetailRoles.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

namespace spanscope {

namespace {

QString rowKey(const QModelIndex& index)
{
    return index.data(DetailRole::RowKey).toString();
}

// The row's value; for a row without one (an event with no attributes) the cell's own text.
QString rowValue(const QModelIndex& index)
{
    const QString value = index.data(DetailRole::RowValue).toString();
    return value.isEmpty() ? index.data(DetailRole::FullText).toString() : value;
}

void copy(const QString& text)
{
    QApplication::clipboard()->setText(text);
}

} // namespace

DetailTable::DetailTable(QWidget* parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    connect(this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (m_doubleClickShowsFullValue)
            showFullValue(index);
    });
}

QMenu* DetailTable::createContextMenu(const QModelIndex& index)
{
    auto* menu = new QMenu(this);
    if (!index.isValid())
        return menu;
    const QString key = rowKey(index);
    const QString value = rowValue(index);
    menu->addAction(tr("Copy &Key"), this, [key] { copy(key); })->setObjectName(QStringLiteral("copyKey"));
    menu->addAction(tr("Copy &Value"), this, [value] { copy(value); })
        ->setObjectName(QStringLiteral("copyValue"));
    menu->addAction(tr("Copy Key&=Value"), this, [key, value] { copy(key + QLatin1Char('=') + value); })
        ->setObjectName(QStringLiteral("copyKeyValue"));
    QAction* full = menu->addAction(tr("Show &Full Value…"), this, [this, index] { showFullValue(index); });
    full->setObjectName(QStringLiteral("showFullValue"));
    full->setEnabled(!value.isEmpty());
    menu->addSeparator();
    QAction* rows = menu->addAction(tr("&Copy Selected Rows"), this, [this] { copySelection(); });
    rows->setObjectName(QStringLiteral("copyRows"));
    rows->setShortcut(QKeySequence::Copy); // shown in the menu; the table handles the key itself
    emit contextMenuCreated(menu, index);
    return menu;
}

FullValueDialog* DetailTable::showFullValue(const QModelIndex& index)
{
    if (!index.isValid())
        return nullptr;
    const QString value = rowValue(index);
    if (value.isEmpty())
        return nullptr;
    auto* dialog = new FullValueDialog(rowKey(index), value, this);
    dialog->show();
    return dialog;
}

void DetailTable::copySelection()
{
    QStringList lines;
    const QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    for (const QModelIndex& row : rows) {
        QStringList cells;
        for (int column = 0; column < model()->columnCount(); ++column) {
            const QModelIndex cell = row.siblingAtColumn(column);
            const QVariant full = cell.data(DetailRole::FullText);
            cells << (full.isValid() ? full.toString() : cell.data().toString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    if (!lines.isEmpty())
        copy(lines.join(QLatin1Char('\n')));
}

void DetailTable::contextMenuEvent(QContextMenuEvent* event)
{
    const QModelIndex index =
        event->reason() == QContextMenuEvent::Keyboard ? currentIndex() : indexAt(event->pos());
    if (!index.isValid())
        return;
    if (!selectionModel()->isRowSelected(index.row(), index.parent()))
        selectionModel()->setCurrentIndex(index,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QMenu* menu = createContextMenu(index);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void DetailTable::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace spanscope
