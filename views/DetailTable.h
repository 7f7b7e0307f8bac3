// SPDX-License-Identifier: MIT
#pragma once

#include <QTableView>

class QMenu;

namespace spanscope {

class FullValueDialog;

// A table of the span details (attributes, resource, events, links) over a model that answers the
// DetailRole roles: Ctrl+C copies the selected rows with their whole values, the context menu
// copies the key, the value or both of the row under the cursor and shows its full value, and
// double-click shows the full value (unless the owner uses double-click for something else).
class DetailTable : public QTableView
{
    Q_OBJECT

public:
    explicit DetailTable(QWidget* parent = nullptr);

    void setDoubleClickShowsFullValue(bool on) { m_doubleClickShowsFullValue = on; }
    // The context menu for a row; the caller owns it (contextMenuEvent pops it up).
    QMenu* createContextMenu(const QModelIndex& index);
    // Opens the viewer with the row's whole value (not modal); null when it has none.
    FullValueDialog* showFullValue(const QModelIndex& index);
    // Tab-separated rows with the full, untruncated values, on the clipboard.
    void copySelection();

signals:
    // A context menu was made for this row: owners add their own entries (links: go to the span).
    void contextMenuCreated(QMenu* menu, const QModelIndex& index);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    bool m_doubleClickShowsFullValue = true;
};

} // namespace spanscope
