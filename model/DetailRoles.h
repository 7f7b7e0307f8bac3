// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace spanscope {

// Roles every table of the span details answers (attributes, events, links), so one context menu
// and one full-value viewer serve them all. Values are the whole text, not the cut display text.
namespace DetailRole {
enum : int
{
    FullText = Qt::UserRole + 1, // a cell's whole text, line breaks and all
    RowKey = Qt::UserRole + 8,   // what "Copy Key" copies for the row (any column answers)
    RowValue,                    // what "Copy Value" copies and "Show Full Value" shows
};
} // namespace DetailRole

} // namespace spanscope
