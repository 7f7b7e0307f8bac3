// SPDX-License-Identifier: MIT
#pragma once

// What the OTLP protobuf importer's tests (tst_otlp_proto*.cpp) share: a protobuf encoder for
// hand-made (and hostile) input, a sink that also keeps what CaptureSink leaves out, and the ways
// to import. In their own namespace: OtlpJsonTestSupport.h has an Imported and an importData too.
#include "CaptureSink.h"
#include "ImportHelpers.h"
#include "model/Ids.h"

#include <QByteArray>
#include <QString>
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope::test::otlpproto {

// ---- a protobuf encoder for hand-made (and hostile) input --------------------------------------

struct Pb
{
    std::string data;

    Pb& raw(std::string_view bytes)
    {
        data.append(bytes);
        return *this;
    }
    Pb& putVarint(uint64_t value)
    {
        while (value >= 0x80) {
            data.push_back(char(uint8_t(value) | 0x80));
            value >>= 7;
        }
        data.push_back(char(value));
        return *this;
    }
    Pb& tag(uint32_t field, int wireType) { return putVarint((uint64_t(field) << 3) | uint64_t(wireType)); }
    Pb& varint(uint32_t field, uint64_t value) { return tag(field, 0).putVarint(value); }
    Pb& fixed(uint32_t field, uint64_t value, int bytes)
    {
        tag(field, bytes == 8 ? 1 : 5);
        for (int i = 0; i < bytes; ++i)
            data.push_back(char(uint8_t(value >> (8 * i))));
        return *this;
    }
    Pb& bytes(uint32_t field, std::string_view value)
    {
        tag(field, 2).putVarint(value.size());
        data.append(value);
        return *this;
    }
    Pb& message(uint32_t field, const Pb& inner) { return bytes(field, inner.data); }
};

// An attribute with a string value; a span of trace bytes traceByte and span bytes spanByte, from
// 1.7e18 to 1.7e18 + 100 ms; a TracesData holding that one span under the given service.
Pb stringAttribute(std::string_view key, std::string_view value);
Pb simpleSpan(char traceByte, char spanByte, std::string_view name);
std::string tracesData(const Pb& span, std::string_view service = "svc");

// ---- a sink that also keeps what CaptureSink leaves out -----------------------------------------

class DetailSink : public test::CaptureSink
{
public:
    void defineResource(ResourceRef ref, const ResourceRecord& resource) override
    {
        CaptureSink::defineResource(ref, resource);
        m_resourceDropped.resize(std::max<size_t>(m_resourceDropped.size(), ref + 1));
        m_resourceDropped[ref] = resource.droppedAttributes;
    }
    ScopeRef addScope(const ScopeRecord& scope) override
    {
        scopes.push_back(describe(scope));
        return ScopeRef(scopes.size());
    }
    ScopeRef declareScope() override
    {
        scopes.emplace_back("(undefined)");
        return ScopeRef(scopes.size());
    }
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override
    {
        scopes.at(ref - 1) = describe(scope);
    }
    void addSpan(const SpanRecord& span) override
    {
        CaptureSink::addSpan(span);
        std::string line = toHex64(span.spanId) + " scope=" + std::to_string(span.scope) +
                           " trace_state=" + std::string(span.traceState) +
                           " w3c=" + std::to_string(span.w3cFlags) +
                           " dropped=" + std::to_string(span.droppedAttributes) + "/" +
                           std::to_string(span.droppedEvents) + "/" + std::to_string(span.droppedLinks);
        for (const EventRecord& event : span.events)
            line += " event_dropped=" + std::to_string(event.droppedAttributes);
        for (const LinkRecord& link : span.links)
            line += " link{trace_state=" + std::string(link.traceState) +
                    " flags=" + std::to_string(link.flags) +
                    " dropped=" + std::to_string(link.droppedAttributes) + "}";
        details.push_back(line);
    }

    std::string fullDump() const
    {
        std::string out = dump();
        for (size_t i = 1; i < m_resourceDropped.size(); ++i)
            out +=
                "resource " + std::to_string(i) + " dropped=" + std::to_string(m_resourceDropped[i]) + "\n";
        for (size_t i = 0; i < scopes.size(); ++i)
            out += "scope " + std::to_string(i + 1) + ": " + scopes[i] + "\n";
        for (const std::string& line : details)
            out += "detail " + line + "\n";
        return out;
    }

    std::vector<std::string> scopes;
    std::vector<std::string> details;

private:
    static std::string describe(const ScopeRecord& scope)
    {
        return std::string(scope.name) + " " + std::string(scope.version) + " | " +
               test::describeAttributes(scope.attributes);
    }
    std::vector<uint32_t> m_resourceDropped;
};

using Imported = CapturedImportOf<DetailSink>;

// A file in tests/data/otlp-proto, and its bytes.
QString fixture(const QString& name);
QByteArray fixtureBytes(const QString& name);
// Through the whole pipeline (decompression, unframing, sniffing), as the application reads.
std::unique_ptr<Imported> importFixture(const QString& name, const ImportLimits& limits = {});
std::unique_ptr<Imported> importData(std::string bytes, const ImportLimits& limits = {});
// The importer alone, without the sniffer in front: hostile bytes reach the decoder directly.
std::unique_ptr<Imported> runImporter(std::string bytes, const ImportLimits& limits = {});

} // namespace spanscope::test::otlpproto
