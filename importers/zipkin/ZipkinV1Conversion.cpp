// SPDX-License-Identifier: MIT
// A transcription of openzipkin/zipkin's zipkin2.v1.V1SpanConverter; the comments quoting "Zipkin"
// explain choices that come from there, so the results match what Zipkin itself shows.
#include "ZipkinV1Conversion.h"

namespace spanscope {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

// Zipkin lower-cases service names when it reads them, so its comparison ignores case.
bool sameServiceName(const ZipkinEndpoint& left, const ZipkinEndpoint& right)
{
    return equalsIgnoreCase(left.serviceName, right.serviceName);
}

} // namespace

std::span<const ZipkinSpan> ZipkinV1Conversion::convert(const ZipkinRecord& record,
                                                        std::vector<std::string>& notes)
{
    m_record = &record;
    m_count = 0;
    m_capped = false;
    m_cs = m_sr = m_ss = m_cr = m_ms = m_mr = m_ws = m_wr = nullptr;
    newSpan(nullptr); // Zipkin's "first": takes whatever has no endpoint
    processAnnotations();
    processBinaryAnnotations();
    if (m_capped)
        notes.push_back("a v1 span with more than " + std::to_string(kMaxSpansPerRecord) +
                        " service names; the rest were merged into its first span");
    return std::span<const ZipkinSpan>(m_spans.data(), m_count);
}

size_t ZipkinV1Conversion::newSpan(const ZipkinEndpoint* endpoint)
{
    if (m_count >= kMaxSpansPerRecord) {
        m_capped = true;
        return 0;
    }
    if (m_spans.size() <= m_count) {
        m_spans.emplace_back();
        m_hasLocal.push_back(false);
    }
    ZipkinSpan& span = m_spans[m_count];
    span.clear();
    if (endpoint)
        span.localEndpoint = *endpoint;
    m_hasLocal[m_count] = endpoint != nullptr;
    return m_count++;
}

bool ZipkinV1Conversion::closeEnough(ZipkinSpan& span, const ZipkinEndpoint& endpoint)
{
    const auto index = size_t(&span - m_spans.data());
    if (!m_hasLocal[index]) {
        // Zipkin: a span without a local endpoint adopts the first endpoint it meets.
        span.localEndpoint = endpoint;
        m_hasLocal[index] = true;
        return true;
    }
    return sameServiceName(span.localEndpoint, endpoint);
}

size_t ZipkinV1Conversion::forEndpoint(const ZipkinEndpoint* endpoint)
{
    if (!endpoint || !endpoint->present())
        return 0; // Zipkin: "allocate missing endpoint data to first span"
    for (size_t i = 0; i < m_count; ++i) {
        if (closeEnough(m_spans[i], *endpoint))
            return i;
    }
    return newSpan(endpoint);
}

bool ZipkinV1Conversion::endReflectsSpanDuration(const ZipkinAnnotation* end) const
{
    return end && m_record->timestampUs != 0 && m_record->durationUs != 0 &&
           m_record->timestampUs + m_record->durationUs == end->timestampUs;
}

void ZipkinV1Conversion::maybeTimestampDuration(const ZipkinAnnotation& begin, const ZipkinAnnotation* end)
{
    ZipkinSpan& span = m_spans[forEndpoint(&begin.endpoint)];
    if (m_record->timestampUs != 0 && m_record->durationUs != 0) {
        span.timestampUs = m_record->timestampUs;
        span.durationUs = m_record->durationUs;
    } else {
        span.timestampUs = begin.timestampUs;
        if (end)
            span.durationUs = end->timestampUs - begin.timestampUs;
    }
}

void ZipkinV1Conversion::processAnnotations()
{
    for (const ZipkinAnnotation& annotation : m_record->annotations) {
        ZipkinSpan& span = m_spans[forEndpoint(&annotation.endpoint)];
        const std::string_view value = annotation.value;
        // Zipkin: core annotations require an endpoint; without one they are plain events.
        if (value.size() == 2 && annotation.endpoint.present()) {
            if (value == "cs") {
                span.kind = SpanKind::Client;
                m_cs = &annotation;
                continue;
            }
            if (value == "sr") {
                span.kind = SpanKind::Server;
                m_sr = &annotation;
                continue;
            }
            if (value == "ss") {
                span.kind = SpanKind::Server;
                m_ss = &annotation;
                continue;
            }
            if (value == "cr") {
                span.kind = SpanKind::Client;
                m_cr = &annotation;
                continue;
            }
            if (value == "ms") {
                span.kind = SpanKind::Producer;
                m_ms = &annotation;
                continue;
            }
            if (value == "mr") {
                span.kind = SpanKind::Consumer;
                m_mr = &annotation;
                continue;
            }
            if (value == "ws") {
                m_ws = &annotation;
                continue;
            }
            if (value == "wr") {
                m_wr = &annotation;
                continue;
            }
        }
        span.annotations.push_back(ZipkinAnnotation{annotation.timestampUs, annotation.value, {}});
    }

    // Zipkin: "When bridging between event and span model, you can end up missing a start
    // annotation".
    if (!m_cs && endReflectsSpanDuration(m_cr)) {
        m_syntheticCs = ZipkinAnnotation{m_record->timestampUs, "cs", m_cr->endpoint};
        m_cs = &m_syntheticCs;
    }
    if (!m_sr && endReflectsSpanDuration(m_ss)) {
        m_syntheticSr = ZipkinAnnotation{m_record->timestampUs, "sr", m_ss->endpoint};
        m_sr = &m_syntheticSr;
    }

    if (m_cs && m_sr) {
        // Both sides in one record: the client owns the span's timestamp and duration.
        maybeTimestampDuration(*m_cs, m_cr);
        const size_t client = forEndpoint(&m_cs->endpoint);
        size_t server = 0;
        if (sameServiceName(m_cs->endpoint, m_sr->endpoint)) {
            // Loopback: the same service on both sides still gives two spans.
            m_spans[client].kind = SpanKind::Client;
            server = newSpan(&m_sr->endpoint);
            m_spans[server].kind = SpanKind::Server;
        } else {
            server = forEndpoint(&m_sr->endpoint);
        }
        m_spans[server].shared = true;
        m_spans[server].timestampUs = m_sr->timestampUs;
        if (m_ss)
            m_spans[server].durationUs = m_ss->timestampUs - m_sr->timestampUs;
        if (!m_cr && m_record->durationUs == 0)
            m_spans[client].durationUs = 0;
    } else if (m_cs && m_cr) {
        maybeTimestampDuration(*m_cs, m_cr);
    } else if (m_sr && m_ss) {
        maybeTimestampDuration(*m_sr, m_ss);
    } else {
        handleIncompleteRpc();
    }

    // Zipkin: v1 had no shared flag; by convention a missing span timestamp meant shared. When
    // only the server side is here, carry that signal over.
    if (!m_cs && m_sr && (m_record->timestampUs == 0 || (m_ss && m_record->durationUs == 0)))
        m_spans[forEndpoint(&m_sr->endpoint)].shared = true;

    if (m_ms && m_mr) {
        const size_t producer = forEndpoint(&m_ms->endpoint);
        size_t consumer = 0;
        if (sameServiceName(m_ms->endpoint, m_mr->endpoint)) {
            m_spans[producer].kind = SpanKind::Producer;
            consumer = newSpan(&m_mr->endpoint);
            m_spans[consumer].kind = SpanKind::Consumer;
        } else {
            consumer = forEndpoint(&m_mr->endpoint);
        }
        m_spans[consumer].shared = true;
        if (m_wr) {
            m_spans[consumer].timestampUs = m_wr->timestampUs;
            m_spans[consumer].durationUs = m_mr->timestampUs - m_wr->timestampUs;
        } else {
            m_spans[consumer].timestampUs = m_mr->timestampUs;
        }
        m_spans[producer].timestampUs = m_ms->timestampUs;
        m_spans[producer].durationUs = m_ws ? m_ws->timestampUs - m_ms->timestampUs : 0;
    } else if (m_ms) {
        maybeTimestampDuration(*m_ms, m_ws);
    } else if (m_mr) {
        if (m_wr)
            maybeTimestampDuration(*m_wr, m_mr);
        else
            maybeTimestampDuration(*m_mr, nullptr);
    } else {
        // Wire annotations outside messaging are plain events.
        if (m_ws)
            m_spans[forEndpoint(&m_ws->endpoint)].annotations.push_back(
                ZipkinAnnotation{m_ws->timestampUs, m_ws->value, {}});
        if (m_wr)
            m_spans[forEndpoint(&m_wr->endpoint)].annotations.push_back(
                ZipkinAnnotation{m_wr->timestampUs, m_wr->value, {}});
    }
}

void ZipkinV1Conversion::handleIncompleteRpc()
{
    // An RPC with one end missing: time it by the annotation it has and keep the other as an
    // event.
    for (size_t i = 0; i < m_count; ++i) {
        ZipkinSpan& span = m_spans[i];
        if (span.kind == SpanKind::Client) {
            if (m_cs)
                span.timestampUs = m_cs->timestampUs;
            if (m_cr)
                span.annotations.push_back(ZipkinAnnotation{m_cr->timestampUs, m_cr->value, {}});
        } else if (span.kind == SpanKind::Server) {
            if (m_sr)
                span.timestampUs = m_sr->timestampUs;
            if (m_ss)
                span.annotations.push_back(ZipkinAnnotation{m_ss->timestampUs, m_ss->value, {}});
        }
    }
    if (m_record->timestampUs != 0) {
        m_spans[0].timestampUs = m_record->timestampUs;
        m_spans[0].durationUs = m_record->durationUs;
    }
}

void ZipkinV1Conversion::putTag(ZipkinSpan& span, std::string_view key, std::string_view value)
{
    // Zipkin keeps tags in a map: a repeated key replaces the earlier value.
    for (ZipkinTag& tag : span.tags) {
        if (tag.key == key) {
            tag.value = value;
            return;
        }
    }
    span.tags.push_back(ZipkinTag{key, value});
}

void ZipkinV1Conversion::processBinaryAnnotations()
{
    const ZipkinEndpoint* ca = nullptr;
    const ZipkinEndpoint* sa = nullptr;
    const ZipkinEndpoint* ma = nullptr;
    using Kind = ZipkinBinaryAnnotation::Kind;
    for (const ZipkinBinaryAnnotation& annotation : m_record->binaryAnnotations) {
        const std::string_view key = annotation.key;
        if (key == "ca" || key == "sa" || key == "ma") {
            // Zipkin: address annotations should be `true`, but zipkin-ruby wrote "1"; read
            // leniently. Without an endpoint there is no address to keep.
            const bool truthy =
                annotation.kind == Kind::True ||
                (annotation.kind == Kind::String && (annotation.text == "1" || annotation.text == "true"));
            if (truthy && annotation.endpoint.present())
                (key == "ca" ? ca : key == "sa" ? sa : ma) = &annotation.endpoint;
            continue;
        }
        ZipkinSpan& span = m_spans[forEndpoint(&annotation.endpoint)];
        if (key == "lc" && annotation.text.empty())
            continue; // Zipkin drops the empty "lc" marker
        putTag(span, key, annotation.text);
    }

    // Zipkin: "special-case when we are missing core annotations, but we have both address
    // annotations".
    if (!m_cs && !m_sr && ca && sa) {
        m_spans[forEndpoint(ca)].remoteEndpoint = *sa;
        return;
    }
    if (sa) {
        if (m_cs) {
            m_spans[forEndpoint(&m_cs->endpoint)].remoteEndpoint = *sa;
        } else if (m_cr) {
            m_spans[forEndpoint(&m_cr->endpoint)].remoteEndpoint = *sa;
        } else if (!m_sr && !m_ss) {
            // A server address but no client annotations: still a client span.
            ZipkinSpan& span = m_spans[forEndpoint(nullptr)];
            span.kind = SpanKind::Client;
            span.remoteEndpoint = *sa;
        }
    }
    if (ca) {
        if (m_sr) {
            m_spans[forEndpoint(&m_sr->endpoint)].remoteEndpoint = *ca;
        } else if (m_ss) {
            m_spans[forEndpoint(&m_ss->endpoint)].remoteEndpoint = *ca;
        } else if (!m_cs && !m_cr) {
            ZipkinSpan& span = m_spans[forEndpoint(nullptr)];
            span.kind = SpanKind::Server;
            span.remoteEndpoint = *ca;
        }
    }
    if (ma) {
        if (m_ms)
            m_spans[forEndpoint(&m_ms->endpoint)].remoteEndpoint = *ma;
        else if (m_mr)
            m_spans[forEndpoint(&m_mr->endpoint)].remoteEndpoint = *ma;
    }
}

} // namespace spanscope
