// SPDX-License-Identifier: MIT
#pragma once

#include "importers/common/SyntheticIds.h"
#include "model/ImportLimits.h"
#include "model/SpanSink.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace spanscope {

class ByteSource;

// Thrown by ImportContext::countSpan() when the file holds more spans than the limit allows: the
// import keeps what it read and ends with a warning (docs/LIMITS.md).
class SpanLimitReached : public std::exception
{
public:
    const char* what() const noexcept override { return "span limit reached"; }
};

// What an importer works with: the (decompressed) stream, the sink its records go to, the limits,
// and a callback to call after each read, which reports progress and throws ImportCancelled when
// the user cancels.
struct ImportContext
{
    ByteSource& source;
    SpanSink& sink;
    const ImportLimits& limits;
    std::function<void()> onRead;
    bool jsonLines = false; // decided by the format sniffer

    // Filled by the importer: what the file turned out to contain ("JSON Lines", "zipkin-v1", ...).
    std::string variant;
    uint64_t spansRead = 0;
    uint64_t warnings = 0;
    // Ids for spans the file leaves without them; the pipeline adds their one warning at the end.
    SyntheticIds syntheticIds;

    void warn(const SourceLocation& where, std::string text)
    {
        ++warnings;
        sink.addWarning(ImportMessage{where, std::move(text)});
    }
    // Gives a span without a trace or span id synthetic ones (SyntheticIds). False: it has no ids,
    // no name and no start, nothing to show; the importer skips it with a warning.
    bool fillMissingIds(SpanRecord& span)
    {
        return syntheticIds.fill(span, !(span.flags & SpanFlag::MissingStart));
    }
    // The one warning about synthetic ids, if any were given; called once the importer is done.
    void reportSyntheticIds()
    {
        if (const std::string text = syntheticIds.summary(); !text.empty())
            warn(SourceLocation{}, text);
    }
    // Counts a span against the per-file limit.
    void countSpan()
    {
        if (++spansRead > limits.maxSpansPerFile) {
            --spansRead;
            warn(SourceLocation{}, "the file has more than " + std::to_string(limits.maxSpansPerFile) +
                                       " spans, the limit; the rest were not imported");
            throw SpanLimitReached();
        }
    }
};

// One file format. Importers stream: they hold one element at a time, never the whole file.
// They report fatal problems by throwing ImportFailure and everything else as warnings.
class Importer
{
public:
    virtual ~Importer() = default;
    virtual void run(ImportContext& context) = 0;
};

std::unique_ptr<Importer> makeOtlpJsonImporter();
std::unique_ptr<Importer> makeOtlpProtobufImporter();
std::unique_ptr<Importer> makeJaegerJsonImporter();
std::unique_ptr<Importer> makeZipkinJsonImporter();

} // namespace spanscope
