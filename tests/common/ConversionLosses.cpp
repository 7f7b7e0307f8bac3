// SPDX-License-Identifier: MIT
#include "ConversionLosses.h"

#include "TestSupport.h"
#include "model/AttributeCodec.h"

#include <algorithm>
#include <arpa/inet.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace spanscope::test {

namespace {

using Json = nlohmann::ordered_json;
using Normaliser = std::function<void(Json& span)>;

const std::vector<std::string> kOtlp = {"otlp-json", "otlp-proto"};
const std::vector<std::string> kJaeger = {"jaeger-json"};
const std::vector<std::string> kZipkin = {"zipkin-json"};
const std::vector<std::string> kAll = {"otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"};

// ---- pieces of a canonical span -------------------------------------------------------------------

// The canonical writer's order of marks (importers/writers/CanonicalJsonWriter.cpp).
const std::vector<std::string> kMarkOrder = {"error",     "shared",           "missing_start", "missing_end",
                                             "hashed_id", "end_before_start", "synthetic_id"};

bool hasMark(const Json& span, const std::string& mark)
{
    const Json& marks = span["marks"];
    return std::find(marks.begin(), marks.end(), mark) != marks.end();
}

void setMark(Json& span, const std::string& mark, bool on)
{
    std::set<std::string> marks;
    for (const Json& m : span["marks"])
        marks.insert(m.get<std::string>());
    if (on)
        marks.insert(mark);
    else
        marks.erase(mark);
    Json ordered = Json::array();
    for (const std::string& name : kMarkOrder) {
        if (marks.count(name))
            ordered.push_back(name);
    }
    span["marks"] = std::move(ordered);
}

int64_t floorMicros(int64_t ns)
{
    return (ns >= 0 ? ns / 1000 : -((-(ns + 1)) / 1000) - 1) * 1000;
}

void floorTime(Json& time)
{
    if (time.is_number())
        time = floorMicros(time.get<int64_t>());
}

ValueView scalarView(const Json& typed)
{
    ValueView view;
    const std::string type = typed["type"];
    if (type == "int") {
        view.type = ValueType::Int;
        view.intValue = typed["value"];
    } else if (type == "double" && typed["value"].is_number()) {
        view.type = ValueType::Double;
        view.doubleValue = typed["value"];
    } else if (type == "bool") {
        view.type = ValueType::Bool;
        view.boolValue = typed["value"];
    }
    return view;
}

// A typed canonical value as plain JSON, the form arrays and maps take as display text.
Json plain(const Json& typed)
{
    const std::string type = typed["type"];
    if (type == "array" || type == "kvlist") {
        Json out = type == "array" ? Json::array() : Json::object();
        for (const Json& element : typed["value"]) {
            if (type == "array")
                out.push_back(plain(element));
            else
                out[element["key"].get<std::string>()] = plain(element);
        }
        return out;
    }
    if (type == "empty")
        return nullptr;
    return typed["value"];
}

// valueToDisplayText() of a canonical value: what it becomes as a string tag.
std::string displayText(const Json& typed)
{
    const std::string type = typed["type"];
    if (type == "string" || type == "bytes")
        return typed["value"];
    if (type == "empty")
        return {};
    if (type == "array" || type == "kvlist")
        return plain(typed).dump();
    if (type == "double" && typed["value"].is_string())
        return typed["value"];
    return scalarText(scalarView(typed));
}

Json asString(const Json& attribute)
{
    return Json{{"key", attribute["key"]}, {"type", "string"}, {"value", displayText(attribute)}};
}

const Json* findAttribute(const Json& list, const std::string& key)
{
    for (const Json& attribute : list) {
        if (attribute["key"] == key)
            return &attribute;
    }
    return nullptr;
}

void removeKeys(Json& list, const std::set<std::string>& keys)
{
    Json kept = Json::array();
    for (const Json& attribute : list) {
        if (!keys.count(attribute["key"].get<std::string>()))
            kept.push_back(attribute);
    }
    list = std::move(kept);
}

// Jaeger's tag types: arrays, maps and empty values become strings.
void jaegerTypes(Json& list)
{
    for (Json& attribute : list) {
        const std::string type = attribute["type"];
        if (type == "array" || type == "kvlist" || type == "empty")
            attribute = asString(attribute);
    }
}

bool sameTrace(const Json& span, const Json& traceId)
{
    return traceId == span["trace_id"];
}

// ---- the normalisers, one per row of the table ------------------------------------------------------

void removeMark(Json& span, const char* mark)
{
    setMark(span, mark, false);
}

void otlpLinkTypes(Json& span)
{
    for (Json& link : span["links"]) {
        const std::string type = link["type"];
        if (type == "link")
            continue;
        link["type"] = "link";
        if (!findAttribute(link["attributes"], "opentracing.ref_type"))
            link["attributes"].push_back(
                Json{{"key", "opentracing.ref_type"}, {"type", "string"}, {"value", type}});
    }
}

void otlpServiceName(Json& span)
{
    Json& attributes = span["resource"]["attributes"];
    const std::string service = span["service"];
    if (service.empty() || findAttribute(attributes, "service.name"))
        return;
    Json list = Json::array({Json{{"key", "service.name"}, {"type", "string"}, {"value", service}}});
    for (const Json& attribute : attributes)
        list.push_back(attribute);
    attributes = std::move(list);
}

void otlpTimesBeforeEpoch(Json& span)
{
    bool changed = false;
    for (const auto& [field, mark] :
         {std::pair{"start_ns", "missing_start"}, std::pair{"end_ns", "missing_end"}}) {
        if (span[field].is_number() && span[field].get<int64_t>() < 0) {
            span[field] = nullptr;
            setMark(span, mark, true);
            changed = true;
        }
    }
    if (changed)
        removeMark(span, "end_before_start");
}

void microseconds(Json& span)
{
    floorTime(span["start_ns"]);
    floorTime(span["end_ns"]);
    for (Json& event : span["events"])
        floorTime(event["time_ns"]);
}

void endWithoutStart(Json& span)
{
    if (span["start_ns"].is_null() && !span["end_ns"].is_null()) {
        span["end_ns"] = nullptr;
        setMark(span, "missing_end", true);
    }
}

void jaegerNegativeDuration(Json& span)
{
    if (!hasMark(span, "end_before_start"))
        return;
    span["end_ns"] = span["start_ns"];
    removeMark(span, "end_before_start");
}

void jaegerValueTypes(Json& span)
{
    jaegerTypes(span["attributes"]);
    for (Json& event : span["events"])
        jaegerTypes(event["attributes"]);
    jaegerTypes(span["resource"]["attributes"]);
}

void jaegerResourceServiceName(Json& span)
{
    removeKeys(span["resource"]["attributes"], {"service.name"});
}

void jaegerEventField(Json& span)
{
    for (Json& event : span["events"])
        removeKeys(event["attributes"], {"event"});
}

void jaegerLinkTypes(Json& span)
{
    // writers::effectiveLinkType: a plain link's opentracing.ref_type attribute, else FOLLOWS_FROM.
    for (Json& link : span["links"]) {
        if (link["type"] != "link")
            continue;
        const Json* refType = findAttribute(link["attributes"], "opentracing.ref_type");
        const bool childOf = refType && (*refType)["type"] == "string" && (*refType)["value"] == "child_of";
        link["type"] = childOf ? "child_of" : "follows_from";
    }
}

void jaegerLinkDetails(Json& span)
{
    for (Json& link : span["links"]) {
        link["trace_state"] = "";
        link["flags"] = 0;
        link["attributes"] = Json::array();
        link["dropped_attributes_count"] = 0;
    }
}

void jaegerParentRule(Json& span)
{
    // The references as written: the parent as the first CHILD_OF, then every link. Read back, the
    // parent is the first CHILD_OF within the span's trace, else the first FOLLOWS_FROM within it.
    struct Reference
    {
        Json traceId;
        Json spanId;
        std::string type;
        Json link; // the link it was, or null for the parent
    };
    std::vector<Reference> references;
    if (!span["parent_span_id"].is_null())
        references.push_back(Reference{span["trace_id"], span["parent_span_id"], "child_of", nullptr});
    for (const Json& link : span["links"])
        references.push_back(Reference{link["trace_id"], link["span_id"], link["type"], link});
    size_t parent = references.size();
    for (const char* type : {"child_of", "follows_from"}) {
        for (size_t i = 0; i < references.size() && parent == references.size(); ++i) {
            if (references[i].type == type && sameTrace(span, references[i].traceId))
                parent = i;
        }
    }
    span["parent_span_id"] = parent < references.size() ? references[parent].spanId : Json(nullptr);
    Json links = Json::array();
    for (size_t i = 0; i < references.size(); ++i) {
        if (i == parent)
            continue;
        Json link = references[i].link;
        if (link.is_null()) // the old parent became a link: as the reader makes it
            link = Json{{"trace_id", references[i].traceId},
                        {"span_id", references[i].spanId},
                        {"type", "child_of"},
                        {"trace_state", ""},
                        {"flags", 0},
                        {"attributes", Json::array()},
                        {"dropped_attributes_count", 0}};
        links.push_back(std::move(link));
    }
    span["links"] = std::move(links);
}

void scopeAttributes(Json& span)
{
    span["scope"]["attributes"] = Json::array();
}

void droppedCounts(Json& span)
{
    for (const char* count : {"dropped_attributes_count", "dropped_events_count", "dropped_links_count"})
        span[count] = 0;
    for (Json& event : span["events"])
        event["dropped_attributes_count"] = 0;
    for (Json& link : span["links"])
        link["dropped_attributes_count"] = 0;
}

void jaegerFlagBits(Json& span)
{
    span["w3c_flags"] = span["w3c_flags"].get<uint32_t>() & 0xFF;
}

void conventionTags(Json& span)
{
    removeKeys(span["attributes"], {"span.kind", "otel.status_code", "otel.status_description", "error",
                                    "otel.scope.name", "otel.scope.version", "w3c.tracestate"});
}

void zipkinEpoch(Json& span)
{
    if (span["start_ns"].is_number() && span["start_ns"].get<int64_t>() <= 0) {
        span["start_ns"] = nullptr;
        setMark(span, "missing_start", true);
        removeMark(span, "end_before_start");
    }
}

void zipkinEventEpoch(Json& span)
{
    Json events = Json::array();
    for (const Json& event : span["events"]) {
        if (event["time_ns"].get<int64_t>() > 0)
            events.push_back(event);
    }
    span["events"] = std::move(events);
}

void zipkinNegativeDuration(Json& span)
{
    if (!hasMark(span, "end_before_start"))
        return;
    span["end_ns"] = nullptr;
    setMark(span, "missing_end", true);
    removeMark(span, "end_before_start");
}

void zipkinMinimumDuration(Json& span)
{
    if (span["start_ns"].is_number() && span["end_ns"].is_number() && span["end_ns"] == span["start_ns"])
        span["end_ns"] = span["start_ns"].get<int64_t>() + 1000;
}

void zipkinKind(Json& span)
{
    if (span["kind"] == "INTERNAL")
        span["kind"] = "UNSPECIFIED";
}

void zipkinAttributeTypes(Json& span)
{
    Json list = Json::array();
    std::set<std::string> seen;
    for (const Json& attribute : span["attributes"]) {
        if (seen.insert(attribute["key"].get<std::string>()).second)
            list.push_back(asString(attribute));
    }
    span["attributes"] = std::move(list);
}

// The writer's host address (ZipkinJsonWriter's putAddress) and the reader's endpoint attributes.
void zipkinResourceEndpoint(Json& span)
{
    const Json& resource = span["resource"]["attributes"];
    std::string ipv4;
    std::string ipv6;
    for (const char* key : {"host.ip", "net.host.ip", "ip"}) {
        const Json* attribute = findAttribute(resource, key);
        if (!attribute)
            continue;
        Json value = *attribute;
        if (value["type"] == "array") {
            if (value["value"].empty())
                continue;
            value = value["value"][0];
        }
        if (value["type"] != "string")
            continue;
        const std::string address = value["value"];
        unsigned char parsed[16];
        if (inet_pton(AF_INET, address.c_str(), parsed) == 1) {
            ipv4 = address;
            break;
        }
        if (inet_pton(AF_INET6, address.c_str(), parsed) == 1) {
            ipv6 = address;
            break;
        }
    }
    int64_t port = 0;
    if (const Json* attribute = findAttribute(resource, "net.host.port");
        attribute && (*attribute)["type"] == "int") {
        const int64_t value = (*attribute)["value"];
        port = value > 0 && value <= 65535 ? value : 0;
    }
    Json list = Json::array();
    const std::string service = span["service"];
    if (!service.empty())
        list.push_back(Json{{"key", "service.name"}, {"type", "string"}, {"value", service}});
    if (!ipv4.empty())
        list.push_back(Json{{"key", "net.host.ip"}, {"type", "string"}, {"value", ipv4}});
    if (!ipv6.empty())
        list.push_back(Json{{"key", "net.host.ipv6"}, {"type", "string"}, {"value", ipv6}});
    if (port != 0)
        list.push_back(Json{{"key", "net.host.port"}, {"type", "int"}, {"value", port}});
    span["resource"]["attributes"] = std::move(list);
}

void zipkinLinks(Json& span)
{
    span["links"] = Json::array();
}

void zipkinEventAttributes(Json& span)
{
    for (Json& event : span["events"]) {
        event["attributes"] = Json::array();
        event["dropped_attributes_count"] = 0;
    }
}

void zipkinFlags(Json& span)
{
    span["w3c_flags"] = 0;
}

struct Row
{
    std::vector<std::string> targets;
    std::string id;
    Normaliser apply;
};

// In the order the table lists them, which is the order they are applied in.
const std::vector<Row>& rows()
{
    static const std::vector<Row> table = {
        {kOtlp, "link-types", otlpLinkTypes},
        {kOtlp, "resource-service-name", otlpServiceName},
        {kOtlp, "times-before-epoch", otlpTimesBeforeEpoch},
        {{"otlp-json", "otlp-proto", "jaeger-json"},
         "shared-mark",
         [](Json& s) {
             removeMark(s, "shared");
         }},
        {kAll, "hashed-id-mark",
         [](Json& s) {
             removeMark(s, "hashed_id");
         }},
        {kAll, "synthetic-id-mark",
         [](Json& s) {
             removeMark(s, "synthetic_id");
         }},
        {{"jaeger-json", "zipkin-json"}, "microseconds", microseconds},
        {kZipkin, "epoch", zipkinEpoch},
        {kZipkin, "event-epoch", zipkinEventEpoch},
        {{"jaeger-json", "zipkin-json"}, "end-without-start", endWithoutStart},
        {kJaeger, "negative-durations", jaegerNegativeDuration},
        {kJaeger, "value-types", jaegerValueTypes},
        {kJaeger, "resource-service-name", jaegerResourceServiceName},
        {kJaeger, "event-field", jaegerEventField},
        {kJaeger, "link-types", jaegerLinkTypes},
        {kJaeger, "link-details", jaegerLinkDetails},
        {kJaeger, "parent-rule", jaegerParentRule},
        {kJaeger, "w3c-flag-bits", jaegerFlagBits},
        {kZipkin, "negative-durations", zipkinNegativeDuration},
        {kZipkin, "minimum-duration", zipkinMinimumDuration},
        {kZipkin, "kind", zipkinKind},
        {kZipkin, "attribute-types", zipkinAttributeTypes},
        {kZipkin, "resource-endpoint", zipkinResourceEndpoint},
        {kZipkin, "links", zipkinLinks},
        {kZipkin, "event-attributes", zipkinEventAttributes},
        {kZipkin, "w3c-flags", zipkinFlags},
        {{"jaeger-json", "zipkin-json"}, "scope-attributes", scopeAttributes},
        {{"jaeger-json", "zipkin-json"}, "dropped-counts", droppedCounts},
        {{"jaeger-json", "zipkin-json"}, "convention-tags", conventionTags},
    };
    return table;
}

std::string trim(std::string text)
{
    const auto notSpace = [](unsigned char c) {
        return !std::isspace(c);
    };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    return text;
}

std::string unquote(std::string text)
{
    text = trim(std::move(text));
    text.erase(std::remove(text.begin(), text.end(), '`'), text.end());
    return text;
}

std::vector<std::string> cells(const std::string& line)
{
    std::vector<std::string> result;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) { // after the leading '|'
        if (line[i] == '|') {
            result.push_back(trim(cell));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return result;
}

} // namespace

std::vector<ConversionLoss> documentedLosses(std::string& error)
{
    const QByteArray text = readFile(sourcePath(QStringLiteral("docs/FORMATS.md")));
    std::istringstream in(text.toStdString());
    std::vector<ConversionLoss> losses;
    std::string line;
    bool inside = false;
    bool sawEnd = false;
    int rowIndex = 0;
    while (std::getline(in, line)) {
        if (line.find("<!-- losses:begin -->") != std::string::npos) {
            inside = true;
            continue;
        }
        if (line.find("<!-- losses:end -->") != std::string::npos) {
            sawEnd = inside;
            break;
        }
        if (!inside || !line.starts_with("|"))
            continue;
        if (rowIndex++ < 2)
            continue; // the header and the separator
        const std::vector<std::string> row = cells(line);
        if (row.size() < 3) {
            error = "a row of the losses table has fewer than 3 cells: " + line;
            return {};
        }
        std::string targets = row[0];
        std::stringstream split(targets);
        std::string target;
        while (std::getline(split, target, ','))
            losses.push_back(ConversionLoss{unquote(target), unquote(row[1])});
    }
    if (!sawEnd)
        error = "docs/FORMATS.md has no <!-- losses:begin --> ... <!-- losses:end --> table";
    return losses;
}

std::vector<ConversionLoss> implementedLosses()
{
    std::vector<ConversionLoss> losses;
    for (const Row& row : rows()) {
        for (const std::string& target : row.targets)
            losses.push_back(ConversionLoss{target, row.id});
    }
    return losses;
}

std::string withoutLosses(const std::string& canonicalDump, const std::string& target)
{
    return withoutLosses(canonicalDump, std::vector<std::string>{target});
}

std::string withoutLosses(const std::string& canonicalDump, const std::vector<std::string>& targets)
{
    Json doc = Json::parse(canonicalDump);
    std::vector<Json> spans;
    for (Json& span : doc["spans"]) {
        for (const Row& row : rows()) {
            const bool applies = std::any_of(targets.begin(), targets.end(), [&](const std::string& target) {
                return std::find(row.targets.begin(), row.targets.end(), target) != row.targets.end();
            });
            if (applies)
                row.apply(span);
        }
        spans.push_back(std::move(span));
    }
    // The canonical order again (times may have changed), the full text breaking ties.
    std::vector<std::pair<std::string, Json>> keyed;
    for (Json& span : spans) {
        const std::string start = span["start_ns"].is_null() ? std::string() : span["start_ns"].dump();
        std::string key = span["trace_id"].get<std::string>() + " " + std::string(21 - start.size(), ' ') +
                          start + " " + span["span_id"].get<std::string>() + " " + span.dump();
        keyed.emplace_back(std::move(key), std::move(span));
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Json list = Json::array();
    for (auto& [key, span] : keyed)
        list.push_back(std::move(span));
    return list.dump(2);
}

} // namespace spanscope::test
