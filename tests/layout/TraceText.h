// SPDX-License-Identifier: MIT
// Small traces written as text, for the layout tests: one span per line,
//
//   ID PARENT SERVICE OPERATION KIND START END [host=HOST] [error] [status=error|ok]
//
//   ID, PARENT  names; PARENT "-" for a root. A PARENT no line defines is a missing parent (an
//               orphan); the same ID on two lines is a duplicate span id.
//   KIND        server, client, producer, consumer, internal or unspecified (first letter is enough:
//               s, c, p, k (consumer), i, u)
//   START, END  integers (ns); "?" for a time the file does not have
//   host=HOST   the resource's host key (clock skew groups spans by it); spans of one service and
//               host share a resource
//   error       the importer's error mark (SpanFlag::Error); status=error sets the OTLP status
//
// Blank lines and lines starting with '#' are ignored. Spans are stored as TraceLoader stores them:
// by start time, ties in line order.
#pragma once

#include "model/TraceData.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace spanscope::test {

struct TextTrace
{
    TraceData data;
    std::vector<std::string> names;         // per span index: its ID as written
    std::map<std::string, uint32_t> byName; // ID -> span index (the first line with that ID)

    uint32_t operator[](const std::string& name) const
    {
        const auto it = byName.find(name);
        if (it == byName.end())
            throw std::invalid_argument("no span named " + name);
        return it->second;
    }
    std::string nameOf(uint32_t span) const { return names.at(span); }
};

inline SpanKind parseKind(const std::string& text)
{
    switch (text.empty() ? 'u' : text[0]) {
    case 's':
        return SpanKind::Server;
    case 'c':
        return text.rfind("con", 0) == 0 ? SpanKind::Consumer : SpanKind::Client;
    case 'p':
        return SpanKind::Producer;
    case 'k':
        return SpanKind::Consumer;
    case 'i':
        return SpanKind::Internal;
    default:
        return SpanKind::Unspecified;
    }
}

inline TextTrace parseTrace(const std::string& text)
{
    struct Line
    {
        std::string id, parent, service, operation, host;
        SpanKind kind = SpanKind::Unspecified;
        int64_t start = 0, end = 0;
        uint32_t flags = 0;
        StatusCode status = StatusCode::Unset;
    };
    std::vector<Line> lines;
    std::istringstream input(text);
    std::string raw;
    while (std::getline(input, raw)) {
        std::istringstream fields(raw);
        Line line;
        std::string kind, start, end;
        if (!(fields >> line.id) || line.id[0] == '#')
            continue;
        if (!(fields >> line.parent >> line.service >> line.operation >> kind >> start >> end))
            throw std::invalid_argument("incomplete span line: " + raw);
        line.kind = parseKind(kind);
        if (start == "?")
            line.flags |= SpanFlag::MissingStart;
        else
            line.start = std::stoll(start);
        if (end == "?")
            line.flags |= SpanFlag::MissingEnd;
        else
            line.end = std::stoll(end);
        if (!(line.flags & SpanFlag::MissingStart) && !(line.flags & SpanFlag::MissingEnd) &&
            line.end < line.start)
            line.flags |= SpanFlag::EndBeforeStart;
        std::string option;
        while (fields >> option) {
            if (option.rfind("host=", 0) == 0)
                line.host = option.substr(5);
            else if (option == "error")
                line.flags |= SpanFlag::Error;
            else if (option == "status=error")
                line.status = StatusCode::Error;
            else if (option == "status=ok")
                line.status = StatusCode::Ok;
            else
                throw std::invalid_argument("unknown option " + option);
        }
        lines.push_back(line);
    }

    // Ids: 1, 2, ... in order of first mention, so a parent named before its line works too.
    std::map<std::string, uint64_t> ids;
    const auto idOf = [&](const std::string& name) {
        return ids.emplace(name, ids.size() + 1).first->second;
    };
    for (const Line& line : lines)
        idOf(line.id);

    TextTrace trace;
    TraceData& data = trace.data;
    data.traceId = TraceId{0x1234, 0x5678};
    data.traceRow = 1;
    std::map<std::string, uint32_t> strings;
    const auto stringOf = [&](const std::string& s) {
        const auto it = strings.find(s);
        if (it != strings.end())
            return it->second;
        const uint32_t index = data.strings.add(s);
        strings.emplace(s, index);
        return index;
    };
    data.resources.push_back(TraceResource{});
    std::map<std::pair<std::string, std::string>, uint32_t> resources;

    std::vector<size_t> order(lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return lines[a].start < lines[b].start; });
    for (const size_t l : order) {
        const Line& line = lines[l];
        const auto span = uint32_t(data.size());
        data.startNs.push_back(line.start);
        data.endNs.push_back(line.end);
        data.spanId.push_back(idOf(line.id));
        data.parentSpanId.push_back(line.parent == "-" ? 0 : idOf(line.parent));
        data.rowId.push_back(int64_t(l) + 1);
        data.service.push_back(stringOf(line.service));
        data.name.push_back(stringOf(line.operation));
        data.kind.push_back(line.kind);
        data.status.push_back(line.status);
        data.flags.push_back(line.flags);
        const auto key = std::make_pair(line.service, line.host);
        auto resource = resources.find(key);
        if (resource == resources.end()) {
            data.resources.push_back(TraceResource{int64_t(data.resources.size()), stringOf(line.service),
                                                   line.host.empty() ? 0u : data.strings.add(line.host)});
            resource = resources.emplace(key, uint32_t(data.resources.size() - 1)).first;
        }
        data.resource.push_back(resource->second);
        trace.names.push_back(line.id);
        trace.byName.emplace(line.id, span);
    }
    return trace;
}

} // namespace spanscope::test
