// SPDX-License-Identifier: MIT
#include "WriterSupport.h"

#include <unordered_map>

namespace spanscope::writers {

namespace {

void appendKeyPart(std::string& key, std::string_view part)
{
    key += std::to_string(part.size());
    key += ':';
    key.append(part);
}

void putVarint(std::string& out, uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(char(uint8_t(value) | 0x80));
        value >>= 7;
    }
    out.push_back(char(value));
}

} // namespace

std::string dumpJson(const Json& value, int indent)
{
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

void writeJson(std::ostream& out, const Json& value, int indent)
{
    const std::string text = dumpJson(value, indent);
    out.write(text.data(), std::streamsize(text.size()));
}

std::string shortTraceIdHex(const TraceId& id)
{
    return id.high == 0 ? toHex64(id.low) : toHex128(id);
}

int64_t toMicros(int64_t ns)
{
    // Floor, not truncation toward zero, so that negative times (broken clocks) keep their order.
    return ns >= 0 ? ns / 1000 : -((-(ns + 1)) / 1000) - 1;
}

bool hasStart(const SpanDetails& span)
{
    return !(span.flags & SpanFlag::MissingStart);
}

bool hasEnd(const SpanDetails& span)
{
    return !(span.flags & SpanFlag::MissingEnd);
}

int64_t durationMicros(const SpanDetails& span)
{
    if (span.endNs < span.startNs)
        return 0;
    return toMicros(span.endNs) - toMicros(span.startNs);
}

std::vector<Attribute> attributes(std::string_view blob)
{
    std::vector<Attribute> result;
    AttributeReader reader(blob);
    Attribute attribute;
    while (reader.next(attribute.key, attribute.value))
        result.push_back(attribute);
    return result;
}

bool hasAttribute(std::string_view blob, std::string_view key)
{
    ValueView ignored;
    return findAttribute(blob, key, ignored);
}

std::string resourceAttributesWithService(const SpanDetails& span)
{
    if (span.service.empty() || hasAttribute(span.resourceAttributes, "service.name"))
        return span.resourceAttributes;
    // An AttributeEncoder entry, written by hand to avoid the encoder's limits: varint key length,
    // key, type byte, varint value length, value.
    std::string blob;
    putVarint(blob, 12);
    blob += "service.name";
    blob.push_back(char(ValueType::String));
    putVarint(blob, span.service.size());
    blob += span.service;
    return blob + span.resourceAttributes;
}

std::string resourceKey(const SpanDetails& span)
{
    std::string key;
    appendKeyPart(key, span.service);
    appendKeyPart(key, span.resourceAttributes);
    return key;
}

std::string scopeKey(const SpanDetails& span)
{
    std::string key;
    appendKeyPart(key, span.scopeName);
    appendKeyPart(key, span.scopeVersion);
    appendKeyPart(key, span.scopeAttributes);
    return key;
}

std::vector<ResourceGroup> groupByResourceAndScope(std::span<const SpanDetails> spans)
{
    std::vector<ResourceGroup> groups;
    std::unordered_map<std::string, size_t> resourceIndex;
    std::vector<std::unordered_map<std::string, size_t>> scopeIndex;
    for (const SpanDetails& span : spans) {
        const auto [resource, newResource] = resourceIndex.try_emplace(resourceKey(span), groups.size());
        if (newResource) {
            groups.emplace_back();
            scopeIndex.emplace_back();
        }
        ResourceGroup& group = groups[resource->second];
        auto& scopes = scopeIndex[resource->second];
        const auto [scope, newScope] = scopes.try_emplace(scopeKey(span), group.scopes.size());
        if (newScope)
            group.scopes.emplace_back();
        group.scopes[scope->second].spans.push_back(&span);
    }
    return groups;
}

LinkType effectiveLinkType(const SpanLink& link)
{
    if (link.type != LinkType::Link)
        return link.type;
    ValueView value;
    if (findAttribute(link.attributes, "opentracing.ref_type", value) && value.type == ValueType::String) {
        if (value.text == "child_of")
            return LinkType::ChildOf;
        if (value.text == "follows_from")
            return LinkType::FollowsFrom;
    }
    return LinkType::Link;
}

const char* refTypeAttributeValue(LinkType type)
{
    switch (type) {
    case LinkType::ChildOf:
        return "child_of";
    case LinkType::FollowsFrom:
        return "follows_from";
    case LinkType::Link:
        break;
    }
    return nullptr;
}

} // namespace spanscope::writers
