// SPDX-License-Identifier: MIT
#pragma once

// What the OTLP JSON importer's tests (tst_otlp_json*.cpp) share: a sink that keeps every OTLP
// field, the ways to import, and the documents and lookups the assertions are written with.
#include "CaptureSink.h"
#include "ImportHelpers.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope::test {

// A file in tests/data/otlp-json.
QString fixture(const QString& name);

// CaptureSink keeps what every format has; OTLP also has scopes, trace states, W3C flags,
// dropped counts and link details, which the OTLP assertions need.
class OtlpCapture : public CaptureSink
{
public:
    struct Event
    {
        int64_t timeNs;
        std::string name;
        std::string attributes;
        uint32_t dropped;
    };
    struct Link
    {
        TraceId traceId;
        uint64_t spanId;
        std::string traceState;
        uint32_t flags;
        std::string attributes;
        uint32_t dropped;
    };
    struct Extra
    {
        ScopeRef scope = 0;
        std::string traceState;
        std::string statusMessage;
        uint32_t droppedAttributes = 0;
        uint32_t droppedEvents = 0;
        uint32_t droppedLinks = 0;
        std::vector<Event> events;
        std::vector<Link> links;
    };

    ScopeRef addScope(const ScopeRecord& scope) override;
    ScopeRef declareScope() override;
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override;
    void addSpan(const SpanRecord& record) override;

    // One line per scope and per span for what dump() leaves out.
    std::string dumpExtras() const;

    std::vector<std::string> scopes;
    std::vector<Extra> extras; // one per span, in the order of spans
};

using Imported = CapturedImportOf<OtlpCapture>;

// Through the whole pipeline (decompression, unframing, sniffing), as the application reads.
Imported importData(const QByteArray& bytes, const ImportLimits& limits = {});
Imported importFile(const QString& path, const ImportLimits& limits = {});
// The OTLP JSON importer alone, for input the sniffer would refuse or decide otherwise.
Imported runOtlp(const QByteArray& bytes, bool jsonLines = false);

// The golden dump: the sink's dump and extras, then outcomeText.
QByteArray goldenText(const Imported& result);

// The span with this id, failing the test (not crashing) when it is missing: null, with a message.
const CaptureSink::Span* spanWithId(const Imported& result, uint64_t id);
// What OtlpCapture kept beyond CaptureSink for span (empty for null, so that comparisons fail).
const OtlpCapture::Extra& extraOf(const Imported& result, const CaptureSink::Span* span);
// The trace id written in hex; all zeros when hex is not one.
TraceId traceId(std::string_view hex);
size_t distinctTraces(const CaptureSink& sink);
// Every span as text, with its service (which a resource may give after the span was read).
std::vector<std::string> spanTexts(const CaptureSink& sink, bool withService = true);

// A TracesData document with one ResourceSpans and one ScopeSpans holding spanFields (one or more
// span objects, comma-separated), and resource as the resource's attributes.
QByteArray oneSpanDocument(const QByteArray& spanFields, const QByteArray& resource = {});
// A valid span of trace 0102...0f10 named "op", from 1000 to 2000 ns; more is appended to its
// fields and starts with a comma.
QByteArray spanJson(const QByteArray& spanId, const QByteArray& more = {});

} // namespace spanscope::test
