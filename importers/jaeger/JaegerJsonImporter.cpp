// SPDX-License-Identifier: MIT
// Jaeger JSON in every shape docs/FORMAT-REFERENCE.md §5 lists: the query API / UI download
// {"data":[trace...]}, a bare trace object, bare span arrays with processIDs or embedded processes, a single
// span, and api_v2 protobuf-JSON. The streaming scanner walks the outer structure; each span and process is
// captured whole and read by JaegerSpanReader, so memory stays bounded whatever the file size.
#include "JaegerLooseObject.h"
#include "JaegerProcesses.h"
#include "JaegerSpanReader.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/json/JsonDocuments.h"
#include "importers/json/JsonElement.h"
#include "importers/json/JsonScanner.h"

namespace spanscope {

namespace {

// What the file turned out to be, for ImportContext::variant.
enum Shape : uint32_t
{
    QueryResponse = 1u << 0, // {"data":[...]}
    TraceObject = 1u << 1,
    SpanArray = 1u << 2,
    SingleSpan = 1u << 3,
    TraceArray = 1u << 4,
    EmbeddedProcesses = 1u << 5,
    ApiV2 = 1u << 6,
    HashedIds = 1u << 7,
    ProcessMap = 1u << 8,
};

// A "data" list holding objects that again hold "data" is not Jaeger; stop there.
constexpr int kMaxObjectDepth = 3;

enum class ObjectKind
{
    Other,
    Container, // a trace or a query response
    Span,
};

class JaegerJsonImporter final : public Importer
{
public:
    void run(ImportContext& context) override
    {
        JsonScanner scanner(context.source, context.limits);
        scanner.setReadCallback(context.onRead);
        JaegerSpanReader reader(context.limits);
        JaegerEmbeddedProcesses embedded(context.sink);
        ScopeTable scopes(context.sink);
        m_context = &context;
        m_scanner = &scanner;
        m_reader = &reader;
        m_embedded = &embedded;
        m_scopes = &scopes;

        readJsonDocuments(context, scanner, [this] { readDocument(); });
        context.variant = variantText();
    }

private:
    void readDocument()
    {
        switch (m_scanner->peek()) {
        case JsonKind::Object: {
            const SourceLocation start = m_scanner->location();
            const ObjectKind kind = readObject(0, nullptr);
            if (kind == ObjectKind::Other)
                throw ImportFailure(start,
                                    R"(the JSON object holds no Jaeger "data", "spans" or span fields)");
            if (kind == ObjectKind::Span)
                m_shape |= SingleSpan;
            break;
        }
        case JsonKind::Array:
            readTopLevelArray();
            break;
        default:
            m_scanner->fail("expected a Jaeger JSON object or array");
        }
    }

    // An object that is a trace, a query response (which holds traces) or a single span; see
    // JaegerLooseObject for why it is walked key by key. A span uses outerIds when given (the
    // process ids of a bare span array are shared by the whole array).
    ObjectKind readObject(int depth, JaegerProcessIds* outerIds)
    {
        const SourceLocation start = m_scanner->location();
        JaegerProcessIds ids(m_context->sink);
        JaegerLooseObject loose;
        loose.clear(start);
        bool container = false;
        bool query = false;
        m_scanner->enterObject();
        std::string_view key;
        while (m_scanner->nextKey(key)) {
            if (key == "data") {
                container = query = true;
                readDataArray(depth);
            } else if (key == "spans") {
                container = true;
                readSpansArray(ids);
            } else if (key == "processes") {
                container = true;
                readProcesses(ids);
            } else if (key == "processMap" || key == "process_map") {
                container = true;
                readProcessMap(ids);
            } else {
                // Kept for later: the fields of a single span, or a trace's "warnings".
                const std::string keyCopy(key);
                const std::string_view raw = m_scanner->captureValue();
                loose.add(keyCopy, raw, m_scanner->captureLocation(), m_context->limits.maxElementBytes);
            }
        }

        if (container) {
            m_shape |= query ? QueryResponse : TraceObject;
            if (loose.hasKey("warnings") || loose.hasKey("errors")) {
                if (parseLooseElement(*m_context, loose, "the trace's warnings",
                                      [&](std::string_view text, size_t capacity) {
                                          m_reader->parseTraceMessages(text, capacity);
                                      }))
                    reportNotes(loose.start());
            }
            finishTrace(ids, start);
            return ObjectKind::Container;
        }
        if (loose.hasKey("spanID") || loose.hasKey("spanId")) {
            JaegerProcessIds& spanIds = outerIds ? *outerIds : ids;
            SpanRecord span;
            JaegerProcessRef process;
            if (parseLooseElement(*m_context, loose, "a span", [&](std::string_view text, size_t capacity) {
                    m_reader->parseSpan(text, capacity, span, process);
                }))
                emitSpan(span, process, spanIds, loose.start());
            if (loose.overflowed())
                m_context->warn(start, "fields of this span beyond the element limit were dropped");
            if (!outerIds)
                finishTrace(ids, start);
            return ObjectKind::Span;
        }
        if (loose.overflowed())
            m_context->warn(start, "an object larger than the element limit was skipped");
        return ObjectKind::Other;
    }

    void readDataArray(int depth)
    {
        if (!expectArray("\"data\""))
            return;
        while (m_scanner->nextElement()) {
            const JsonKind kind = m_scanner->peek();
            if (kind == JsonKind::Object && depth < kMaxObjectDepth) {
                const SourceLocation start = m_scanner->location();
                if (readObject(depth + 1, nullptr) == ObjectKind::Other)
                    m_context->warn(start,
                                    "an element of \"data\" that is neither a trace nor a span was skipped");
            } else if (kind == JsonKind::Object) {
                m_context->warn(m_scanner->location(), "a trace nested too deep in \"data\" was skipped");
                m_scanner->skipValue();
            } else {
                m_context->warn(m_scanner->location(),
                                "an element of \"data\" that is not a trace was skipped");
                m_scanner->skipValue();
            }
        }
    }

    // A top-level array: usually spans (the anonymizer's and the API's span lists), sometimes
    // trace objects. The first element decides; spans after it are captured whole.
    void readTopLevelArray()
    {
        JaegerProcessIds ids(m_context->sink);
        const SourceLocation start = m_scanner->location();
        m_scanner->enterArray();
        bool first = true;
        bool traces = false;
        while (m_scanner->nextElement()) {
            const JsonKind kind = m_scanner->peek();
            if (kind == JsonKind::Object && (first || traces)) {
                const SourceLocation elementStart = m_scanner->location();
                const ObjectKind objectKind = readObject(1, &ids);
                if (objectKind == ObjectKind::Other) {
                    m_context->warn(elementStart,
                                    "an array element that is neither a trace nor a span was skipped");
                } else if (first) {
                    traces = objectKind == ObjectKind::Container;
                    m_shape |= traces ? TraceArray : SpanArray;
                    first = false;
                }
            } else if (kind == JsonKind::Object) {
                readSpan(ids);
            } else {
                m_context->warn(m_scanner->location(), "an array element that is not a span was skipped");
                m_scanner->skipValue();
            }
        }
        if (first)
            m_shape |= SpanArray; // "[]": no spans, not an error
        finishTrace(ids, start);
    }

    void readSpansArray(JaegerProcessIds& ids)
    {
        if (!expectArray("\"spans\""))
            return;
        while (m_scanner->nextElement())
            readSpan(ids);
    }

    void readSpan(JaegerProcessIds& ids)
    {
        const std::string_view json = m_scanner->captureValue();
        SpanRecord span;
        JaegerProcessRef process;
        if (parseElement(*m_context, *m_scanner, json, "a span", [&](std::string_view text, size_t capacity) {
                m_reader->parseSpan(text, capacity, span, process);
            }))
            emitSpan(span, process, ids, m_scanner->captureLocation());
    }

    void emitSpan(SpanRecord& span, const JaegerProcessRef& process, JaegerProcessIds& ids,
                  const SourceLocation& where)
    {
        if (process.embedded) {
            m_shape |= EmbeddedProcesses;
            span.resource = m_embedded->resourceFor(process.resource);
        } else if (!process.processId.empty()) {
            span.resource = ids.use(process.processId);
        }
        // Jaeger has no scopes: otel.scope.name and otel.scope.version tags give the span one.
        if (const OtelTags& otel = m_reader->lastOtelTags(); otel.hasScope())
            span.scope = m_scopes->refFor(otel.scopeName(), otel.scopeVersion());
        if (m_reader->lastUsedApiV2())
            m_shape |= ApiV2;
        if (m_reader->lastHadHashedId())
            m_shape |= HashedIds;
        if (!m_context->fillMissingIds(span)) {
            reportNotes(where);
            m_context->warn(where, "a span without ids, name or start time was skipped");
            return;
        }
        m_context->countSpan();
        m_context->sink.addSpan(span);
        reportNotes(where);
        if (!process.embedded && process.processId.empty())
            m_context->warn(where, R"(span without "processID" or "process": it has no service)");
    }

    void readProcesses(JaegerProcessIds& ids)
    {
        if (m_scanner->peek() == JsonKind::Null) {
            m_scanner->skipValue();
            return;
        }
        if (m_scanner->peek() != JsonKind::Object) {
            m_context->warn(m_scanner->location(), "\"processes\" is not an object; ignored");
            m_scanner->skipValue();
            return;
        }
        m_scanner->enterObject();
        std::string_view key;
        while (m_scanner->nextKey(key)) {
            const std::string processId(key);
            const std::string_view json = m_scanner->captureValue();
            ResourceRecord resource;
            if (!parseElement(*m_context, *m_scanner, json, "a process",
                              [&](std::string_view text, size_t capacity) {
                                  m_reader->parseProcess(text, capacity, resource);
                              }))
                resource = ResourceRecord{};
            defineProcess(ids, processId, resource);
        }
    }

    void readProcessMap(JaegerProcessIds& ids)
    {
        if (!expectArray("\"processMap\""))
            return;
        m_shape |= ProcessMap;
        while (m_scanner->nextElement()) {
            const std::string_view json = m_scanner->captureValue();
            std::string_view processId;
            ResourceRecord resource;
            if (parseElement(*m_context, *m_scanner, json, "a processMap entry",
                             [&](std::string_view text, size_t capacity) {
                                 m_reader->parseProcessMapEntry(text, capacity, processId, resource);
                             }))
                defineProcess(ids, std::string(processId), resource);
        }
    }

    void defineProcess(JaegerProcessIds& ids, const std::string& processId, const ResourceRecord& resource)
    {
        const bool first = ids.define(processId, resource);
        reportNotes(m_scanner->captureLocation());
        if (!first)
            m_context->warn(m_scanner->captureLocation(), "process \"" + processId.substr(0, 100) +
                                                              "\" is defined twice; the first one is kept");
    }

    void finishTrace(JaegerProcessIds& ids, const SourceLocation& start)
    {
        for (const std::string& id : ids.finish())
            m_context->warn(start, "process \"" + id.substr(0, 100) +
                                       "\" is named by spans but never defined; they have no service");
        if (ids.overflowed())
            m_context->warn(start, "more than " + std::to_string(JaegerProcessIds::kMaxIds) +
                                       " process ids in one trace; spans beyond them have no service");
    }

    // Null is an absent list; another type is skipped with a warning.
    bool expectArray(const char* what)
    {
        const JsonKind kind = m_scanner->peek();
        if (kind == JsonKind::Array) {
            m_scanner->enterArray();
            return true;
        }
        if (kind != JsonKind::Null)
            m_context->warn(m_scanner->location(), std::string(what) + " is not an array; ignored");
        m_scanner->skipValue();
        return false;
    }

    void reportNotes(const SourceLocation& where)
    {
        for (const std::string& note : m_reader->notes())
            m_context->warn(where, note);
    }

    std::string variantText() const
    {
        static constexpr std::pair<uint32_t, const char*> names[] = {
            {QueryResponse, "query API response"},
            {TraceObject, "trace object"},
            {TraceArray, "array of traces"},
            {SpanArray, "span array"},
            {SingleSpan, "single span"},
            {ProcessMap, "processMap"},
            {EmbeddedProcesses, "embedded processes"},
            {ApiV2, "api_v2 protobuf-JSON"},
            {HashedIds, "non-hex ids"},
        };
        std::string text;
        for (const auto& [bit, name] : names) {
            if (!(m_shape & bit))
                continue;
            // A query response is made of trace objects; saying both adds nothing.
            if (bit == TraceObject && (m_shape & (QueryResponse | TraceArray)))
                continue;
            if (!text.empty())
                text += ", ";
            text += name;
        }
        return text;
    }

    ImportContext* m_context = nullptr;
    JsonScanner* m_scanner = nullptr;
    JaegerSpanReader* m_reader = nullptr;
    JaegerEmbeddedProcesses* m_embedded = nullptr;
    ScopeTable* m_scopes = nullptr;
    uint32_t m_shape = 0;
};

} // namespace

std::unique_ptr<Importer> makeJaegerJsonImporter()
{
    return std::make_unique<JaegerJsonImporter>();
}

} // namespace spanscope
