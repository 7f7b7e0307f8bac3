// SPDX-License-Identifier: MIT
// spanscope spans FILE [--trace ID] [--json]: every span of a file (or of one trace). With --json,
// the canonical dump (docs/FORMATS.md, "Canonical span dump"): the same spans give the same text
// whatever format they were read from, which is what conversion tests and diffs compare.
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "TerminalText.h"
#include "importers/writers/TraceExport.h"
#include "importers/writers/TraceWriter.h"
#include "model/Workspace.h"

#include <algorithm>
#include <iostream>

namespace spanscope::cli {

namespace {

// One line per span, for reading in a terminal: trace by trace, in start order.
class SpanTextWriter final : public TraceWriter
{
public:
    void writeTrace(std::span<const SpanDetails> spans) override
    {
        if (spans.empty())
            return;
        std::printf("trace %s: %zu span(s)\n", toHex128(spans.front().traceId).c_str(), spans.size());
        for (const SpanDetails& span : spans) {
            // Missing times are flags; a start of 0 is the epoch.
            const bool timed =
                !(span.flags & (SpanFlag::MissingStart | SpanFlag::MissingEnd)) && span.endNs >= span.startNs;
            std::printf("  %s  parent %-16s  %10.3f ms  %-8s %-5s %s: %s\n", toHex64(span.spanId).c_str(),
                        span.parentSpanId ? toHex64(span.parentSpanId).c_str() : "-",
                        timed ? double(span.endNs - span.startNs) / 1e6 : 0.0, spanKindName(span.kind),
                        statusCodeName(span.status),
                        terminalSafe(span.service.empty() ? "(unknown service)" : span.service).c_str(),
                        terminalSafe(span.name).c_str());
        }
    }
    void finish() override {}
};

} // namespace

int runSpans(const ParsedArguments& args)
{
    int status = Success;
    auto file = importOneFile(args, args.positional().front(), status);
    if (!file)
        return status;
    const ImportOutcome* outcome = &file->outcome;
    int64_t traceRow = 0; // 0: every trace of the file
    if (args.value("trace")) {
        std::string error;
        traceRow = pickTrace(*file->workspace.workspace, outcome->sourceId, args, error);
        if (traceRow == 0) {
            std::fprintf(stderr, "spanscope: %s: %s\n", terminalSafe(outcome->path).c_str(), error.c_str());
            return BadInput;
        }
    }

    std::unique_ptr<TraceWriter> writer;
    if (args.flag("json"))
        writer = makeCanonicalJsonWriter(std::cout);
    else
        writer = std::make_unique<SpanTextWriter>();
    sql::Database& db = file->db();
    if (traceRow != 0)
        exportTrace(db, traceRow, *writer);
    else
        exportSource(db, outcome->sourceId, *writer);
    writer->finish();
    std::cout.flush();
    std::fflush(stdout);
    if (!std::cout) {
        std::fprintf(stderr, "spanscope: cannot write the output\n");
        return Failure;
    }
    return Success;
}

} // namespace spanscope::cli
