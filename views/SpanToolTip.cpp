// SPDX-License-Identifier: MIT
#include "SpanToolTip.h"

#include "model/TextFormat.h"

#include <QStringList>
#include <cstdlib>

namespace spanscope {

QString SpanToolTip::text(const TraceAnalysis& analysis, uint32_t span)
{
    const TraceData& data = analysis.data;
    const SpanTimes& times = analysis.times;
    const int64_t duration = times.duration(span);
    const int64_t traceDuration = std::max<int64_t>(times.traceDuration(), 1);
    QStringList lines;
    lines << tr("%1: %2").arg(TextFormat::serviceOrUnknown(data.strings.at(data.service[span])),
                              TextFormat::untrusted(data.strings.at(data.name[span]), 200));
    lines << tr("Duration: %1").arg(TextFormat::duration(duration));
    if (span < analysis.selfTime.size())
        lines << tr("Self time: %1").arg(TextFormat::duration(analysis.selfTime[span]));
    lines << tr("Starts at: +%1").arg(TextFormat::duration(times.start[span] - times.traceStart));
    lines << tr("Share of the trace: %1 %").arg(100.0 * double(duration) / double(traceDuration), 0, 'f', 1);
    const int64_t onPath =
        span < analysis.criticalPath.timeOnPath.size() ? analysis.criticalPath.timeOnPath[span] : 0;
    lines << (onPath > 0 ? tr("Critical path: %1").arg(TextFormat::duration(onPath))
                         : tr("Critical path: not on it"));
    if (data.status[span] == StatusCode::Error || (data.flags[span] & SpanFlag::Error))
        lines << tr("Status: error");
    else if (data.status[span] == StatusCode::Ok)
        lines << tr("Status: ok");
    else
        lines << tr("Status: unset");
    if (span < times.shift.size() && (times.flags[span] & TimeFlag::SkewShifted) && times.shift[span] != 0) {
        const int64_t shift = times.shift[span];
        lines << (shift > 0 ? tr("Clock skew: moved %1 later by the adjustment")
                            : tr("Clock skew: moved %1 earlier by the adjustment"))
                     .arg(TextFormat::duration(std::llabs(shift)));
    }
    if (span < times.flags.size() && (times.flags[span] & TimeFlag::SkewNotApplied))
        lines << tr("Clock skew: needs a shift beyond the maximum; left as it is");
    if (analysis.tree.flags[span] & TreeFlag::Orphan)
        lines << tr("Its parent span is not in the trace");
    return lines.join(QLatin1Char('\n'));
}

} // namespace spanscope
