// SPDX-License-Identifier: MIT
#include "TraceGenerator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spanscope::bench {

namespace {

const char* const kServiceBase[] = {
    "api-gateway",  "auth",     "cart",  "checkout",       "inventory", "payment", "fraud-check",
    "ml-scorer",    "shipping", "email", "recommendation", "catalog",   "search",  "pricing",
    "user-profile", "loyalty",  "tax",   "currency",       "ads",       "session",
};
const char* const kRoutes[] = {"/api/v1/items/{id}", "/api/v1/cart",   "/api/v1/orders",
                               "/api/v1/users/{id}", "/api/v1/search", "/internal/reserve",
                               "/internal/score",    "/internal/quote"};
const char* const kDatabases[] = {"postgresql", "redis", "mongodb", "mysql"};
const char* const kStatements[] = {
    "SELECT id, sku, qty, price FROM cart_items WHERE cart_id = $1 ORDER BY added_at DESC LIMIT 100",
    "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1 AND reserved + $2 <= available",
    "INSERT INTO orders (id, customer_id, total, currency, created_at) VALUES ($1, $2, $3, $4, now())",
    "GET session:{customer}",
    "HGETALL features:{customer}",
};
const char* const kInternal[] = {"validate", "serialize response", "compute totals", "apply rules", "render",
                                 "encode",   "score model",        "merge results"};

// One unit of work waiting to be expanded: a span and how many descendants it still gets.
struct Pending
{
    uint64_t spanId;
    uint32_t service;
    int64_t start;
    int64_t end;
    uint64_t budget;
    int depth;
};

} // namespace

TraceGenerator::TraceGenerator(const GeneratorOptions& options)
    : m_options(options), m_state(options.seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull)
{
    m_options.services = std::clamp<uint32_t>(m_options.services, 2, 200);
    m_options.traces = std::max<uint64_t>(m_options.traces, 1);
}

uint64_t TraceGenerator::next()
{
    // SplitMix64: tiny, fast, and identical everywhere (std distributions are not).
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::string TraceGenerator::serviceName(uint32_t index)
{
    const size_t base = sizeof kServiceBase / sizeof kServiceBase[0];
    std::string name = kServiceBase[index % base];
    if (index >= base)
        name += "-" + std::to_string(index / base);
    return name;
}

void TraceGenerator::fillAttributes(GeneratedSpan& span, bool database, bool server)
{
    using Type = GeneratedAttribute::Type;
    auto& a = span.attributes;
    a.clear();
    if (database) {
        const char* system = kDatabases[below(4)];
        a.push_back({Type::String, "db.system", system});
        a.push_back({Type::String, "db.statement", kStatements[below(5)]});
        a.push_back(
            {Type::String, "server.address", std::string(system) + "-" + std::to_string(below(4)) + ".db"});
        a.push_back({Type::Int, "server.port", {}, 5432 + int64_t(below(3)), 0, false});
        a.push_back({Type::Int, "db.rows_returned", {}, int64_t(below(500)), 0, false});
        a.push_back({Type::Bool, "db.cached", {}, 0, 0, below(3) == 0});
        return;
    }
    a.push_back({Type::String, "http.request.method", below(4) == 0 ? "POST" : "GET"});
    a.push_back({Type::String, "http.route", kRoutes[below(8)]});
    a.push_back({Type::Int, "http.response.status_code", {}, span.error ? 500 : 200, 0, false});
    a.push_back({Type::String, server ? "client.address" : "server.address",
                 "10." + std::to_string(below(255)) + "." + std::to_string(below(255)) + "." +
                     std::to_string(below(255))});
    a.push_back({Type::Double, "app.load_factor", {}, 0, double(below(1000)) / 1000.0, false});
    char requestId[40];
    const uint64_t high = next();
    const uint64_t low = next();
    std::snprintf(requestId, sizeof requestId, "%08x-%04x-%04x-%04x-%012llx", unsigned(high >> 32),
                  unsigned(high >> 16) & 0xFFFF, unsigned(high) & 0xFFFF, unsigned(low >> 48),
                  (unsigned long long)(low & 0xFFFFFFFFFFFFull));
    a.push_back({Type::String, "app.request_id", requestId});
    if (server)
        a.push_back(
            {Type::String, "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) spanscope-load/1.0"});
}

void TraceGenerator::generateTrace(uint64_t traceIndex, uint64_t spanCount,
                                   const std::function<bool(const GeneratedSpan&)>& sink, bool& stop)
{
    const uint64_t traceHigh = next() | 1;
    const uint64_t traceLow = next() | 1;
    // Big traces last longer: ~50 ms for a handful of spans, ~20 s for a million.
    const auto duration = int64_t(50e6 + 20e3 * double(spanCount) * (0.5 + unit()));
    const int64_t traceStart = m_options.startNs + int64_t(traceIndex) * 1'000'000'000;
    uint64_t nextSpanId = (next() & 0xFFFFFFFF00000000ull) | 1;

    GeneratedSpan span;
    span.traceHigh = traceHigh;
    span.traceLow = traceLow;
    const auto emit = [&](uint64_t id, uint64_t parent, uint32_t service, std::string name, int kind,
                          int64_t start, int64_t end, bool database) {
        span.spanId = id;
        span.parentSpanId = parent;
        if (parent != 0 && m_options.orphanRate > 0 && unit() < m_options.orphanRate)
            span.parentSpanId = next() | 1; // a parent that is not in the file
        span.service = service;
        span.name = std::move(name);
        span.kind = kind;
        span.startNs = start;
        span.endNs = std::max(end, start + 1000);
        span.error = unit() < m_options.errorRate;
        fillAttributes(span, database, kind == 2);
        span.events.clear();
        if (span.error) {
            span.events.push_back(
                {span.endNs - 1000,
                 "exception",
                 {{GeneratedAttribute::Type::String, "exception.type", "TimeoutError"},
                  {GeneratedAttribute::Type::String, "exception.message",
                   "upstream timed out after " + std::to_string(below(900) + 100) + " ms"}}});
        } else if (unit() < m_options.eventRate) {
            span.events.push_back(
                {start + (span.endNs - start) / 2,
                 "cache miss",
                 {{GeneratedAttribute::Type::Int, "cache.size", {}, int64_t(below(10000)), 0, false}}});
        }
        if (!sink(span))
            stop = true;
    };

    // The root: the gateway's SERVER span.
    const uint64_t rootId = nextSpanId++;
    emit(rootId, 0, 0, std::string("GET ") + kRoutes[below(8)], 2, traceStart, traceStart + duration, false);
    uint64_t remaining = spanCount - 1;
    std::vector<Pending> stack{{rootId, 0, traceStart, traceStart + duration, remaining, 0}};

    while (!stack.empty() && !stop) {
        Pending parent = stack.back();
        stack.pop_back();
        if (parent.budget == 0)
            continue;
        // Fan-out: usually 2..8 children, wider near the root of big traces.
        uint64_t fanout = 2 + below(7);
        if (parent.depth < 2 && parent.budget > 10000)
            fanout = 8 + below(24);
        fanout = std::min(fanout, parent.budget);
        const bool parallel = below(2) == 0;
        const int64_t length = std::max<int64_t>(parent.end - parent.start, fanout * 4000);
        uint64_t budget = parent.budget - fanout;
        std::vector<Pending> children;
        for (uint64_t c = 0; c < fanout && !stop; ++c) {
            int64_t start, end;
            if (parallel) {
                start = parent.start + int64_t(double(length) * 0.05 * unit());
                end = start + int64_t(double(length) * (0.3 + 0.6 * unit()));
            } else {
                const int64_t slot = length / int64_t(fanout);
                start = parent.start + slot * int64_t(c) + int64_t(double(slot) * 0.05 * unit());
                end = start + int64_t(double(slot) * (0.5 + 0.4 * unit()));
            }
            end = std::min(end, parent.end);
            // This child's share of the remaining budget.
            const uint64_t share =
                c + 1 == fanout ? budget : uint64_t(double(budget) / double(fanout - c) * (0.5 + unit()));
            const uint64_t childBudget = std::min(share, budget);
            budget -= childBudget;
            const uint64_t id = nextSpanId++;
            const uint64_t roll = below(10);
            if (childBudget == 0 && roll < 4) {
                // A leaf database or cache call.
                emit(id, parent.spanId, parent.service, std::string(kDatabases[below(4)]) + " query", 3,
                     start, end, true);
            } else if (roll < 7 && childBudget > 0) {
                // A call to another service: CLIENT here, SERVER there (the SERVER takes one span of budget).
                const auto callee = uint32_t(1 + below(m_options.services - 1));
                const std::string route = kRoutes[below(8)];
                emit(id, parent.spanId, parent.service, "call " + serviceName(callee), 3, start, end, false);
                const uint64_t serverId = nextSpanId++;
                const int64_t serverStart = start + std::min<int64_t>(200000, (end - start) / 10);
                const int64_t serverEnd = end - std::min<int64_t>(200000, (end - start) / 10);
                emit(serverId, id, callee, "GET " + route, 2, serverStart, serverEnd, false);
                children.push_back(
                    {serverId, callee, serverStart, serverEnd, childBudget - 1, parent.depth + 2});
            } else {
                emit(id, parent.spanId, parent.service, kInternal[below(8)], 1, start, end, false);
                children.push_back({id, parent.service, start, end, childBudget, parent.depth + 1});
            }
        }
        // Depth first: the first child is expanded next.
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back(*it);
    }
}

void TraceGenerator::run(const std::function<bool(const GeneratedSpan&)>& sink)
{
    bool stop = false;
    const uint64_t perTrace = std::max<uint64_t>(m_options.spans / m_options.traces, 1);
    uint64_t left = m_options.spans;
    for (uint64_t t = 0; t < m_options.traces && left > 0 && !stop; ++t) {
        const uint64_t count = t + 1 == m_options.traces ? left : std::min(perTrace, left);
        generateTrace(t, count, sink, stop);
        left -= count;
    }
}

} // namespace spanscope::bench
