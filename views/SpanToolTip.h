// SPDX-License-Identifier: MIT
#pragma once

#include "layout/TraceAnalysis.h"

#include <QCoreApplication>
#include <QString>

namespace spanscope {

// What hovering a span's row or bar tells: service and operation, duration, self time, start
// offset, share of the trace, time on the critical path, status, and the clock-skew move. Plain
// text (the names come from the file): the caller passes it through TextFormat::toolTip.
class SpanToolTip
{
    Q_DECLARE_TR_FUNCTIONS(SpanToolTip)

public:
    static QString text(const TraceAnalysis& analysis, uint32_t span);
};

} // namespace spanscope
