// SPDX-License-Identifier: MIT
#include "AttributeSortProxy.h"

#include "AttributeModel.h"

namespace spanscope {

bool AttributeSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (const auto* attributes = qobject_cast<const AttributeModel*>(sourceModel()))
        return attributes->compare(left.row(), right.row(), left.column()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace spanscope
