// SPDX-License-Identifier: MIT
#include "OtlpJsonTestSupport.h"

#include "TestSupport.h"
#include "importers/Importer.h"
#include "model/Ids.h"

#include <QtGlobal>
#include <set>

namespace spanscope::test {

QString fixture(const QString& name)
{
    return sourcePath(QStringLiteral("tests/data/otlp-json/") + name);
}

ScopeRef OtlpCapture::addScope(const ScopeRecord& scope)
{
    const ScopeRef ref = declareScope();
    defineScope(ref, scope);
    return ref;
}

ScopeRef OtlpCapture::declareScope()
{
    scopes.emplace_back("(undefined)");
    return ScopeRef(scopes.size());
}

void OtlpCapture::defineScope(ScopeRef ref, const ScopeRecord& scope)
{
    scopes[ref - 1] = std::string(scope.name) + " " + std::string(scope.version) + " | " +
                      describeAttributes(scope.attributes);
}

void OtlpCapture::addSpan(const SpanRecord& record)
{
    CaptureSink::addSpan(record);
    Extra extra;
    extra.scope = record.scope;
    extra.traceState = std::string(record.traceState);
    extra.statusMessage = std::string(record.statusMessage);
    extra.droppedAttributes = record.droppedAttributes;
    extra.droppedEvents = record.droppedEvents;
    extra.droppedLinks = record.droppedLinks;
    for (const EventRecord& event : record.events)
        extra.events.push_back(
            {event.timeNs, std::string(event.name), std::string(event.attributes), event.droppedAttributes});
    for (const LinkRecord& link : record.links)
        extra.links.push_back({link.traceId, link.spanId, std::string(link.traceState), link.flags,
                               std::string(link.attributes), link.droppedAttributes});
    extras.push_back(std::move(extra));
}

std::string OtlpCapture::dumpExtras() const
{
    std::string out;
    for (size_t i = 0; i < scopes.size(); ++i)
        out += "scope " + std::to_string(i + 1) + ": " + scopes[i] + "\n";
    for (size_t i = 0; i < extras.size(); ++i) {
        const Extra& extra = extras[i];
        out += "extra " + toHex64(spans[i].spanId) + ": scope=" + std::to_string(extra.scope) +
               " w3c=" + std::to_string(spans[i].w3cFlags) + " state=" + extra.traceState +
               " dropped=" + std::to_string(extra.droppedAttributes) + "/" +
               std::to_string(extra.droppedEvents) + "/" + std::to_string(extra.droppedLinks);
        for (const Event& event : extra.events)
            out += " event{dropped=" + std::to_string(event.dropped) + "}";
        for (const Link& link : extra.links)
            out += " link{state=" + link.traceState + " flags=" + std::to_string(link.flags) +
                   " dropped=" + std::to_string(link.dropped) + "}";
        out += "\n";
    }
    return out;
}

Imported importData(const QByteArray& bytes, const ImportLimits& limits)
{
    return importBytes<OtlpCapture>(bytes, limits);
}

Imported importFile(const QString& path, const ImportLimits& limits)
{
    return importPath<OtlpCapture>(path, limits);
}

Imported runOtlp(const QByteArray& bytes, bool jsonLines)
{
    return runImporter<OtlpCapture>(*makeOtlpJsonImporter(), bytes, {}, jsonLines);
}

QByteArray goldenText(const Imported& result)
{
    return QByteArray::fromStdString(result.sink.dump() + result.sink.dumpExtras() + outcomeText(result));
}

const CaptureSink::Span* spanWithId(const Imported& result, uint64_t id)
{
    const CaptureSink::Span* span = result.sink.find(id);
    if (!span)
        qWarning("no span %016llx", static_cast<unsigned long long>(id));
    return span;
}

const OtlpCapture::Extra& extraOf(const Imported& result, const CaptureSink::Span* span)
{
    static const OtlpCapture::Extra none;
    if (!span)
        return none; // the caller's comparisons fail instead of crashing
    return result.sink.extras.at(size_t(span - result.sink.spans.data()));
}

TraceId traceId(std::string_view hex)
{
    return parseHex128(hex).value_or(TraceId{});
}

size_t distinctTraces(const CaptureSink& sink)
{
    std::set<TraceId> traces;
    for (const auto& span : sink.spans)
        traces.insert(span.traceId);
    return traces.size();
}

std::vector<std::string> spanTexts(const CaptureSink& sink, bool withService)
{
    std::vector<std::string> texts;
    for (const auto& span : sink.spans)
        texts.push_back(withService ? span.text + " service=" + span.service : span.text);
    return texts;
}

QByteArray oneSpanDocument(const QByteArray& spanFields, const QByteArray& resource)
{
    return R"({"resourceSpans":[{"resource":{"attributes":[)" + resource + R"(]},"scopeSpans":[{"spans":[)" +
           spanFields + "]}]}]}";
}

QByteArray spanJson(const QByteArray& spanId, const QByteArray& more)
{
    return R"({"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":")" + spanId +
           R"(","name":"op","startTimeUnixNano":"1000","endTimeUnixNano":"2000")" + more + "}";
}

} // namespace spanscope::test
