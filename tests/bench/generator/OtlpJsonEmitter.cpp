// SPDX-License-Identifier: MIT
#include "OtlpJsonEmitter.h"

#include <charconv>
#include <map>

namespace spanscope::bench {

namespace {

void appendHex(std::string& out, uint64_t value)
{
    static constexpr char digits[] = "0123456789abcdef";
    char text[16];
    for (int i = 15; i >= 0; --i) {
        text[i] = digits[value & 0xF];
        value >>= 4;
    }
    out.append(text, 16);
}

void appendInt(std::string& out, int64_t value)
{
    char text[24];
    const auto result = std::to_chars(text, text + sizeof text, value);
    out.append(text, size_t(result.ptr - text));
}

void appendString(std::string& out, const std::string& text)
{
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

void appendAttributes(std::string& out, const std::vector<GeneratedAttribute>& attributes)
{
    out += "\"attributes\":[";
    bool first = true;
    for (const GeneratedAttribute& a : attributes) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"key\":\"";
        out += a.key;
        out += "\",\"value\":{";
        switch (a.type) {
        case GeneratedAttribute::Type::String:
            out += "\"stringValue\":";
            appendString(out, a.text);
            break;
        case GeneratedAttribute::Type::Int:
            out += "\"intValue\":\"";
            appendInt(out, a.intValue);
            out += '"';
            break;
        case GeneratedAttribute::Type::Double: {
            out += "\"doubleValue\":";
            char text[32];
            const auto result = std::to_chars(text, text + sizeof text, a.doubleValue);
            out.append(text, size_t(result.ptr - text));
            break;
        }
        case GeneratedAttribute::Type::Bool:
            out += a.boolValue ? "\"boolValue\":true" : "\"boolValue\":false";
            break;
        }
        out += "}}";
    }
    out += ']';
}

} // namespace

OtlpJsonEmitter::OtlpJsonEmitter(std::FILE* out, bool jsonLines, size_t batchSize)
    : m_out(out), m_jsonLines(jsonLines), m_batchSize(batchSize)
{
    if (!m_jsonLines) {
        static const char head[] = "{\"resourceSpans\":[";
        m_written += std::fwrite(head, 1, sizeof head - 1, m_out);
    }
}

OtlpJsonEmitter::~OtlpJsonEmitter()
{
    finish();
}

void OtlpJsonEmitter::add(const GeneratedSpan& span)
{
    m_batch.push_back(span);
    if (m_batch.size() >= m_batchSize)
        flushBatch();
}

void OtlpJsonEmitter::writeSpan(std::string& out, const GeneratedSpan& span)
{
    out += "{\"traceId\":\"";
    appendHex(out, span.traceHigh);
    appendHex(out, span.traceLow);
    out += "\",\"spanId\":\"";
    appendHex(out, span.spanId);
    out += "\",\"parentSpanId\":\"";
    if (span.parentSpanId)
        appendHex(out, span.parentSpanId);
    out += "\",\"flags\":1,\"name\":";
    appendString(out, span.name);
    out += ",\"kind\":";
    appendInt(out, span.kind);
    out += ",\"startTimeUnixNano\":\"";
    appendInt(out, span.startNs);
    out += "\",\"endTimeUnixNano\":\"";
    appendInt(out, span.endNs);
    out += "\",";
    appendAttributes(out, span.attributes);
    if (!span.events.empty()) {
        out += ",\"events\":[";
        for (size_t i = 0; i < span.events.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"timeUnixNano\":\"";
            appendInt(out, span.events[i].timeNs);
            out += "\",\"name\":";
            appendString(out, span.events[i].name);
            out += ',';
            appendAttributes(out, span.events[i].attributes);
            out += '}';
        }
        out += ']';
    }
    out += span.error ? ",\"status\":{\"code\":2,\"message\":\"upstream timeout\"}}" : ",\"status\":{}}";
}

void OtlpJsonEmitter::flushBatch()
{
    if (m_batch.empty())
        return;
    // Group the batch by service, keeping span order within a service (the Collector does this).
    std::map<uint32_t, std::vector<const GeneratedSpan*>> byService;
    for (const GeneratedSpan& span : m_batch)
        byService[span.service].push_back(&span);
    m_buffer.clear();
    if (m_jsonLines)
        m_buffer += "{\"resourceSpans\":[";
    bool firstInLine = true;
    for (const auto& [service, spans] : byService) {
        if (m_jsonLines ? !firstInLine : !m_firstResource)
            m_buffer += ',';
        firstInLine = false;
        m_firstResource = false;
        m_buffer += "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"";
        m_buffer += TraceGenerator::serviceName(service);
        m_buffer += "\"}},{\"key\":\"host.name\",\"value\":{\"stringValue\":\"host-";
        appendInt(m_buffer, service % 7);
        m_buffer +=
            "\"}},{\"key\":\"telemetry.sdk.language\",\"value\":{\"stringValue\":\"go\"}}]},"
            "\"scopeSpans\":[{\"scope\":{\"name\":\"spanscope.generator\",\"version\":\"1.0\"},\"spans\":[";
        for (size_t i = 0; i < spans.size(); ++i) {
            if (i)
                m_buffer += ',';
            writeSpan(m_buffer, *spans[i]);
        }
        m_buffer += "]}]}";
    }
    if (m_jsonLines)
        m_buffer += "]}\n";
    m_written += std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out);
    m_batch.clear();
}

void OtlpJsonEmitter::finish()
{
    if (m_finished)
        return;
    flushBatch();
    if (!m_jsonLines) {
        static const char tail[] = "]}\n";
        m_written += std::fwrite(tail, 1, sizeof tail - 1, m_out);
    }
    m_finished = true;
}

} // namespace spanscope::bench
