// SPDX-License-Identifier: MIT
// OTLP JSON and JSON Lines: walks the outer structure with the streaming scanner and reads each
// span, resource and scope with simdjson (docs/FORMATS.md, "OTLP JSON").
#include "OtlpJsonElements.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/json/JsonDocuments.h"
#include "importers/json/JsonElement.h"
#include "importers/json/JsonScanner.h"

namespace spanscope {

namespace {

class OtlpJsonImporter final : public Importer
{
public:
    void run(ImportContext& context) override
    {
        JsonScanner scanner(context.source, context.limits);
        scanner.setReadCallback(context.onRead);
        OtlpJsonElements elements(context.limits);
        m_context = &context;
        m_scanner = &scanner;
        m_elements = &elements;

        const uint64_t documents = readJsonDocuments(context, scanner, [this] { readDocument(); });
        context.variant = context.jsonLines && documents > 1 ? "JSON Lines" : "";
    }

private:
    // A TracesData object, or one of the wrappers around it (Tempo's "trace", Jaeger api_v3's
    // "result"), or an array of them: the sniffer recognises [{"resourceSpans":...}, ...] as OTLP
    // JSON, so refusing it here would leave a file that no importer reads.
    void readDocument()
    {
        if (m_scanner->peek() == JsonKind::Array) {
            m_scanner->enterArray();
            while (m_scanner->nextElement()) {
                if (m_scanner->peek() == JsonKind::Object) {
                    readTracesObject(0);
                } else {
                    m_context->warn(m_scanner->location(),
                                    "an array element that is not an OTLP JSON object was skipped");
                    m_scanner->skipValue();
                }
            }
            return;
        }
        if (m_scanner->peek() != JsonKind::Object)
            m_scanner->fail("expected an OTLP JSON object");
        readTracesObject(0);
    }

    void readTracesObject(int wrapperDepth)
    {
        m_scanner->enterObject();
        std::string_view key;
        while (m_scanner->nextKey(key)) {
            if (key == "resourceSpans" || key == "resource_spans" || key == "batches") {
                readResourceSpansArray();
            } else if ((key == "trace" || key == "result") && wrapperDepth < 2 &&
                       m_scanner->peek() == JsonKind::Object) {
                readTracesObject(wrapperDepth + 1);
            } else {
                m_scanner->skipValue();
            }
        }
    }

    void readResourceSpansArray()
    {
        if (m_scanner->peek() == JsonKind::Null) {
            m_scanner->skipValue();
            return;
        }
        m_scanner->enterArray();
        while (m_scanner->nextElement())
            readResourceSpans();
    }

    void readResourceSpans()
    {
        m_resource = 0;
        m_resourceDefined = false;
        m_scanner->enterObject();
        std::string_view key;
        while (m_scanner->nextKey(key)) {
            if (key == "resource") {
                readResource();
            } else if (key == "scopeSpans" || key == "scope_spans" || key == "instrumentationLibrarySpans" ||
                       key == "instrumentation_library_spans") {
                if (key[0] == 'i')
                    m_legacy = true;
                readScopeSpansArray();
            } else {
                m_scanner->skipValue();
            }
        }
        if (!m_resourceDefined && m_resource != 0)
            m_context->sink.defineResource(m_resource, ResourceRecord{});
    }

    void readResource()
    {
        const std::string_view json = m_scanner->captureValue();
        ResourceRecord resource;
        if (!parseElement(*m_context, *m_scanner, json, "a resource",
                          [&](std::string_view text, size_t capacity) {
                              m_elements->parseResource(text, capacity, resource);
                          }))
            resource = ResourceRecord{};
        if (m_resource == 0)
            m_resource = m_context->sink.addResource(resource);
        else
            m_context->sink.defineResource(m_resource, resource);
        m_resourceDefined = true;
        reportNotes(json);
    }

    void readScopeSpansArray()
    {
        if (m_scanner->peek() == JsonKind::Null) {
            m_scanner->skipValue();
            return;
        }
        m_scanner->enterArray();
        while (m_scanner->nextElement()) {
            m_scope = 0;
            bool scopeDefined = false;
            m_scanner->enterObject();
            std::string_view key;
            while (m_scanner->nextKey(key)) {
                if (key == "scope" || key == "instrumentationLibrary" || key == "instrumentation_library") {
                    const std::string_view json = m_scanner->captureValue();
                    ScopeRecord scope;
                    if (!parseElement(*m_context, *m_scanner, json, "an instrumentation scope",
                                      [&](std::string_view text, size_t capacity) {
                                          m_elements->parseScope(text, capacity, scope);
                                      }))
                        scope = ScopeRecord{};
                    if (m_scope == 0)
                        m_scope = m_context->sink.addScope(scope);
                    else
                        m_context->sink.defineScope(m_scope, scope);
                    scopeDefined = true;
                } else if (key == "spans") {
                    if (m_scope == 0 && !scopeDefined)
                        m_scope = m_context->sink.declareScope();
                    readSpans();
                } else {
                    m_scanner->skipValue();
                }
            }
        }
    }

    void readSpans()
    {
        if (m_scanner->peek() == JsonKind::Null) {
            m_scanner->skipValue();
            return;
        }
        if (m_resource == 0) {
            // Spans before their resource (legal JSON, rare): describe the resource when it comes.
            m_resource = m_context->sink.declareResource();
        }
        m_scanner->enterArray();
        SpanRecord span;
        while (m_scanner->nextElement()) {
            const std::string_view json = m_scanner->captureValue();
            if (!parseElement(*m_context, *m_scanner, json, "a span",
                              [&](std::string_view text, size_t capacity) {
                                  m_elements->parseSpan(text, capacity, span);
                              }))
                continue;
            span.resource = m_resource;
            span.scope = m_scope;
            if (!m_context->fillMissingIds(span)) {
                reportNotes(json);
                warnAt(json, 0, "a span without ids, name or start time was skipped");
                continue;
            }
            m_context->countSpan();
            m_context->sink.addSpan(span);
            reportNotes(json);
        }
    }

    void warnAt(std::string_view json, size_t offset, std::string text)
    {
        m_context->warn(JsonScanner::locationWithin(json, offset, m_scanner->captureLocation()),
                        std::move(text));
    }

    void reportNotes(std::string_view json)
    {
        for (const std::string& note : m_elements->notes())
            warnAt(json, 0, note);
    }

    ImportContext* m_context = nullptr;
    JsonScanner* m_scanner = nullptr;
    OtlpJsonElements* m_elements = nullptr;
    ResourceRef m_resource = 0;
    bool m_resourceDefined = false;
    ScopeRef m_scope = 0;
    bool m_legacy = false;
};

} // namespace

std::unique_ptr<Importer> makeOtlpJsonImporter()
{
    return std::make_unique<OtlpJsonImporter>();
}

} // namespace spanscope
