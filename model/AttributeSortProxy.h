// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace spanscope {

// Sorts an AttributeModel by its typed values (AttributeModel::compare): numbers numerically, text
// as text, each type in its group. Rows that compare equal keep their order in the file, and
// column -1 is the file's order.
class AttributeSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

} // namespace spanscope
