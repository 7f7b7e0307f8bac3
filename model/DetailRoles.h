// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace spanscope::DetailRole {
enum : int
{
    FullText = Qt::UserRole + 1, // a cell's whole text, line breaks and all
    RowKey = Qt::UserRole + 8,   // what "Copy Key" copies for the row (any column answers)
    RowValue,                    // what "Copy Value" copies and "Show Full Value" shows
};
} // namespace spanscope::DetailRole
