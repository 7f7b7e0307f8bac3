// SPDX-License-Identifier: MIT
// Zipkin JSON, v1 and v2, decided per record (docs/FORMAT-REFERENCE.md §8.5): an array of spans, a single
// span object, an array of traces ([[span...],...], the API's search result), or "[]". The streaming scanner
// walks the arrays; each span object is captured whole, read by ZipkinRecordReader, converted by
// ZipkinV1Conversion when it is v1, and written by ZipkinSpanWriter.
#include "ZipkinRecordReader.h"
#include "ZipkinSpanWriter.h"
#include "ZipkinV1Conversion.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/json/JsonDocuments.h"
#include "importers/json/JsonElement.h"
#include "importers/json/JsonScanner.h"

namespace spanscope {

namespace {

class ZipkinJsonImporter final : public Importer
{
public:
    void run(ImportContext& context) override
    {
        JsonScanner scanner(context.source, context.limits);
        scanner.setReadCallback(context.onRead);
        ZipkinRecordReader reader(context.limits);
        ZipkinV1Conversion conversion;
        ZipkinSpanWriter writer(context.sink, context.limits);
        m_context = &context;
        m_scanner = &scanner;
        m_reader = &reader;
        m_conversion = &conversion;
        m_writer = &writer;

        readJsonDocuments(context, scanner, [this] { readDocument(); });
        context.variant = variantText();
    }

private:
    void readDocument()
    {
        switch (m_scanner->peek()) {
        case JsonKind::Object:
            m_singleSpan = true;
            readRecord();
            break;
        case JsonKind::Array:
            m_scanner->enterArray();
            while (m_scanner->nextElement()) {
                const JsonKind kind = m_scanner->peek();
                if (kind == JsonKind::Object) {
                    readRecord();
                } else if (kind == JsonKind::Array) {
                    m_traceList = true;
                    readTrace();
                } else {
                    skipElement("an array element that is not a span was skipped");
                }
            }
            break;
        default:
            m_scanner->fail("expected a Zipkin JSON array or span object");
        }
    }

    // One trace of the API's trace list: an array of spans.
    void readTrace()
    {
        m_scanner->enterArray();
        while (m_scanner->nextElement()) {
            if (m_scanner->peek() == JsonKind::Object)
                readRecord();
            else
                skipElement("an element of a trace that is not a span was skipped");
        }
    }

    void skipElement(const char* why)
    {
        m_context->warn(m_scanner->location(), why);
        m_scanner->skipValue();
    }

    void readRecord()
    {
        const std::string_view json = m_scanner->captureValue();
        if (!parseElement(
                *m_context, *m_scanner, json, "a span",
                [&](std::string_view text, size_t capacity) { m_reader->parse(text, capacity, m_record); }))
            return;
        m_notes = m_reader->notes();
        std::span<const ZipkinSpan> spans;
        if (m_record.isV1()) {
            ++m_v1Records;
            spans = m_conversion->convert(m_record, m_notes);
        } else {
            ++(m_record.hasV2Fields ? m_v2Records : m_plainRecords);
            asV2Span(m_record, m_v2Span);
            spans = std::span<const ZipkinSpan>(&m_v2Span, 1);
        }
        SpanRecord first;
        bool haveFirst = false;
        for (const ZipkinSpan& span : spans) {
            SpanRecord record;
            m_writer->write(m_record, span, record, m_notes);
            if (haveFirst) {
                // The halves of one v1 record share their id, synthetic or not.
                m_context->syntheticIds.share(record, first);
            } else if (!m_context->fillMissingIds(record)) {
                m_notes.emplace_back("a span without ids, name or start time was skipped");
                continue;
            }
            first.traceId = record.traceId;
            first.spanId = record.spanId;
            first.flags = record.flags;
            haveFirst = true;
            m_context->countSpan();
            m_context->sink.addSpan(record);
        }
        for (const std::string& note : m_notes)
            m_context->warn(m_scanner->captureLocation(), note);
    }

    static void asV2Span(const ZipkinRecord& record, ZipkinSpan& span)
    {
        span.kind = record.kind;
        span.timestampUs = record.timestampUs;
        span.durationUs = record.durationUs;
        span.shared = record.shared;
        span.localEndpoint = record.localEndpoint;
        span.remoteEndpoint = record.remoteEndpoint;
        span.annotations.assign(record.annotations.begin(), record.annotations.end());
        span.tags.assign(record.tags.begin(), record.tags.end());
    }

    std::string variantText() const
    {
        std::string text;
        if (m_v1Records && m_v2Records)
            text = "zipkin-v1+v2";
        else if (m_v1Records)
            text = "zipkin-v1";
        else if (m_v2Records || m_plainRecords)
            text = "zipkin-v2";
        const auto add = [&](const char* part) {
            text = text.empty() ? part : text + ", " + part;
        };
        if (m_traceList)
            add("trace list");
        if (m_singleSpan)
            add("single span");
        return text;
    }

    ImportContext* m_context = nullptr;
    JsonScanner* m_scanner = nullptr;
    ZipkinRecordReader* m_reader = nullptr;
    ZipkinV1Conversion* m_conversion = nullptr;
    ZipkinSpanWriter* m_writer = nullptr;
    ZipkinRecord m_record;
    ZipkinSpan m_v2Span;
    std::vector<std::string> m_notes;
    uint64_t m_v1Records = 0;
    uint64_t m_v2Records = 0;
    uint64_t m_plainRecords = 0; // neither v1 nor v2 fields: read the same either way
    bool m_traceList = false;
    bool m_singleSpan = false;
};

} // namespace

std::unique_ptr<Importer> makeZipkinJsonImporter()
{
    return std::make_unique<ZipkinJsonImporter>();
}

} // namespace spanscope
