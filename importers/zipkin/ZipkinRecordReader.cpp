// SPDX-License-Identifier: MIT
#include "ZipkinRecordReader.h"

#include "importers/json/JsonElement.h"
#include "model/ImportLimits.h"

namespace spanscope {

namespace {

// The fields a type error can drop one by one (FieldRetry).
enum Field : uint32_t
{
    TraceIdField = 1u << 0,
    IdField = 1u << 1,
    ParentField = 1u << 2,
    NameField = 1u << 3,
    KindField = 1u << 4,
    TimestampField = 1u << 5,
    DurationField = 1u << 6,
    DebugField = 1u << 7,
    SharedField = 1u << 8,
    LocalField = 1u << 9,
    RemoteField = 1u << 10,
    AnnotationsField = 1u << 11,
    TagsField = 1u << 12,
    BinaryAnnotationsField = 1u << 13,
};
// Without these a span means nothing: a type error in them skips it.
constexpr uint32_t kEssentialFields = TraceIdField | IdField;
constexpr size_t kQuoteBytes = 60;

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text.substr(0, kQuoteBytes)) + (text.size() > kQuoteBytes ? "...\"" : "\"");
}

std::optional<SpanKind> kindFromName(std::string_view name)
{
    static constexpr std::pair<std::string_view, SpanKind> kinds[] = {
        {"CLIENT", SpanKind::Client},
        {"SERVER", SpanKind::Server},
        {"PRODUCER", SpanKind::Producer},
        {"CONSUMER", SpanKind::Consumer},
    };
    for (const auto& [text, kind] : kinds) {
        if (name.size() != text.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i)
            same = (name[i] >= 'a' && name[i] <= 'z' ? char(name[i] - 'a' + 'A') : name[i]) == text[i];
        if (same)
            return kind;
    }
    return std::nullopt;
}

bool isNull(ondemand::value& value)
{
    return value.type().value() == ondemand::json_type::null;
}

} // namespace

ZipkinRecordReader::ZipkinRecordReader(const ImportLimits& limits)
    : m_limits(limits), m_retry(kEssentialFields)
{}

std::string_view ZipkinRecordReader::own(std::string_view text)
{
    return m_owned.emplace_back(text);
}

void ZipkinRecordReader::parse(std::string_view json, size_t capacity, ZipkinRecord& record)
{
    m_retry.run(json, [&] { parseOnce(json, capacity, record); });
    m_notes.insert(m_notes.begin(), m_retry.notes().begin(), m_retry.notes().end());
}

int64_t ZipkinRecordReader::readMicros(ondemand::value value, const char* field)
{
    // readInt64 takes integers, floats (rounded) and decimal strings: old v1 loggers wrote floats.
    const int64_t micros = readInt64(value, field);
    if (micros < 0) {
        m_notes.push_back(std::string("negative \"") + field + "\" ignored");
        return 0;
    }
    return micros;
}

std::string_view ZipkinRecordReader::valueText(ondemand::value value)
{
    switch (value.type().value()) {
    case ondemand::json_type::string:
        return value.get_string().value();
    case ondemand::json_type::null:
        return {};
    case ondemand::json_type::object: {
        ondemand::object object = value.get_object();
        return own(object.raw_json().value());
    }
    case ondemand::json_type::array: {
        ondemand::array array = value.get_array();
        return own(array.raw_json().value());
    }
    default:
        // Numbers and booleans keep their JSON text ("200", "1.5e3"); copied, because after an
        // invalid-UTF-8 repair the input buffer does not outlive the parse.
        return own(simdjson::trim(value.raw_json_token()));
    }
}

void ZipkinRecordReader::readEndpoint(ondemand::value value, ZipkinEndpoint& endpoint)
{
    endpoint = ZipkinEndpoint{};
    if (isNull(value))
        return;
    for (auto field : value.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        if (key == "serviceName") {
            endpoint.serviceName = readString(field.value(), "serviceName");
        } else if (key == "ipv4") {
            endpoint.ipv4 = readString(field.value(), "ipv4");
        } else if (key == "ipv6") {
            endpoint.ipv6 = readString(field.value(), "ipv6");
        } else if (key == "port") {
            int64_t port = readInt64(field.value(), "port");
            if (port < 0 && port >= -32768)
                port += 65536; // Thrift wrote ports as signed 16-bit numbers
            if (port < 0 || port > 65535) {
                m_notes.push_back("endpoint port " + std::to_string(port) + " is out of range; ignored");
                port = 0;
            }
            endpoint.port = uint32_t(port);
        }
    }
}

void ZipkinRecordReader::readAnnotations(ondemand::value array, ZipkinRecord& record)
{
    if (isNull(array))
        return;
    for (auto element : array.get_array()) {
        if (record.annotations.size() >= m_limits.maxEventsPerSpan) {
            ++record.droppedAnnotations; // counted, not read
            continue;
        }
        ZipkinAnnotation annotation;
        bool timed = false;
        for (auto field : element.get_object()) {
            const std::string_view key = field.unescaped_key().value();
            if (key == "timestamp") {
                annotation.timestampUs = readMicros(field.value(), "annotations.timestamp");
                timed = annotation.timestampUs != 0;
            } else if (key == "value") {
                annotation.value = valueText(field.value());
            } else if (key == "endpoint") {
                readEndpoint(field.value(), annotation.endpoint);
                record.hasAnnotationEndpoint |= annotation.endpoint.present();
            }
        }
        if (!timed)
            m_notes.push_back("annotation " + quoted(annotation.value) + " without \"timestamp\"");
        record.annotations.push_back(annotation);
    }
}

void ZipkinRecordReader::readTags(ondemand::value object, ZipkinRecord& record)
{
    if (isNull(object))
        return;
    for (auto field : object.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        record.tags.push_back(ZipkinTag{key, valueText(field.value())});
    }
}

void ZipkinRecordReader::readBinaryAnnotations(ondemand::value array, ZipkinRecord& record)
{
    if (isNull(array))
        return;
    for (auto element : array.get_array()) {
        ZipkinBinaryAnnotation annotation;
        bool keyed = false;
        for (auto field : element.get_object()) {
            const std::string_view key = field.unescaped_key().value();
            if (key == "key") {
                annotation.key = readString(field.value(), "key");
                keyed = true;
            } else if (key == "value") {
                ondemand::value value = field.value();
                const ondemand::json_type type = value.type().value();
                if (type == ondemand::json_type::string) {
                    annotation.kind = ZipkinBinaryAnnotation::Kind::String;
                    annotation.text = value.get_string().value();
                } else if (type == ondemand::json_type::boolean && value.get_bool().value()) {
                    annotation.kind = ZipkinBinaryAnnotation::Kind::True;
                    annotation.text = "true";
                } else {
                    annotation.kind = ZipkinBinaryAnnotation::Kind::Other;
                    annotation.text = valueText(value);
                }
            } else if (key == "endpoint") {
                readEndpoint(field.value(), annotation.endpoint);
            }
        }
        if (!keyed) {
            m_notes.emplace_back("a binaryAnnotation without \"key\" was skipped");
            continue;
        }
        record.binaryAnnotations.push_back(annotation);
    }
}

void ZipkinRecordReader::parseOnce(std::string_view json, size_t capacity, ZipkinRecord& record)
{
    record.traceId = TraceId{};
    record.id = record.parentId = 0;
    record.name = {};
    record.kind = SpanKind::Unspecified;
    record.timestampUs = record.durationUs = 0;
    record.debug = record.shared = false;
    record.localEndpoint = record.remoteEndpoint = ZipkinEndpoint{};
    record.annotations.clear();
    record.tags.clear();
    record.binaryAnnotations.clear();
    record.hasV1Fields = record.hasV2Fields = record.hasAnnotationEndpoint = false;
    record.droppedAnnotations = 0;
    m_notes.clear();
    m_owned.clear();

    ondemand::document document = m_parser.iterate(json, capacity);
    if (document.type().value() != ondemand::json_type::object)
        throw ElementError("not a JSON object");
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key().value();
        ondemand::value value = field.value();
        const auto wants = [&](uint32_t bit, const char* name) {
            return m_retry.enter(bit, name);
        };
        if (key == "traceId") {
            if (wants(TraceIdField, "traceId")) {
                // "" and all zeros are "no id": the importer gives a synthetic one.
                const std::string_view text = readString(value, "traceId");
                const auto id = text.empty() ? std::optional<TraceId>(TraceId{}) : parseHex128(text);
                if (!id)
                    throw ElementError("span with the invalid \"traceId\" " + quoted(text));
                record.traceId = *id;
            }
        } else if (key == "id") {
            if (wants(IdField, "id")) {
                const std::string_view text = readString(value, "id");
                const auto id = text.empty() ? std::optional<uint64_t>(0) : parseHex64(text);
                if (!id)
                    throw ElementError("span with the invalid \"id\" " + quoted(text));
                record.id = *id;
            }
        } else if (key == "parentId") {
            if (wants(ParentField, "parentId")) {
                const std::string_view text = readString(value, "parentId");
                const auto id = parseHex64(text);
                if (id)
                    record.parentId = *id;
                else if (!text.empty())
                    m_notes.push_back("invalid \"parentId\" " + quoted(text) +
                                      "; the span is shown as a root");
            }
        } else if (key == "name") {
            if (wants(NameField, "name"))
                record.name = readString(value, "name");
        } else if (key == "kind") {
            if (wants(KindField, "kind") && !isNull(value)) {
                record.hasV2Fields = true;
                const std::string_view text = readString(value, "kind");
                if (const auto kind = kindFromName(text))
                    record.kind = *kind;
                else
                    m_notes.push_back("unknown \"kind\" " + quoted(text));
            }
        } else if (key == "timestamp") {
            if (wants(TimestampField, "timestamp"))
                record.timestampUs = isNull(value) ? 0 : readMicros(value, "timestamp");
        } else if (key == "duration") {
            if (wants(DurationField, "duration"))
                record.durationUs = isNull(value) ? 0 : readMicros(value, "duration");
        } else if (key == "debug") {
            if (wants(DebugField, "debug"))
                record.debug = !isNull(value) && readBoolLenient(value, "debug");
        } else if (key == "shared") {
            if (wants(SharedField, "shared")) {
                record.hasV2Fields = true;
                record.shared = !isNull(value) && readBoolLenient(value, "shared");
            }
        } else if (key == "localEndpoint") {
            if (wants(LocalField, "localEndpoint")) {
                record.hasV2Fields = true;
                readEndpoint(value, record.localEndpoint);
            }
        } else if (key == "remoteEndpoint") {
            if (wants(RemoteField, "remoteEndpoint")) {
                record.hasV2Fields = true;
                readEndpoint(value, record.remoteEndpoint);
            }
        } else if (key == "annotations") {
            if (wants(AnnotationsField, "annotations"))
                readAnnotations(value, record);
        } else if (key == "tags") {
            if (wants(TagsField, "tags")) {
                record.hasV2Fields = true;
                readTags(value, record);
            }
        } else if (key == "binaryAnnotations") {
            if (wants(BinaryAnnotationsField, "binaryAnnotations")) {
                record.hasV1Fields = true;
                readBinaryAnnotations(value, record);
            }
        }
        m_retry.leave();
    }
    record.hasV1Fields |= record.hasAnnotationEndpoint;
    if (record.droppedAnnotations)
        m_notes.push_back(std::to_string(record.droppedAnnotations) + " annotation(s) beyond " +
                          std::to_string(m_limits.maxEventsPerSpan) + " dropped");
    if (record.hasV1Fields && record.hasV2Fields)
        m_notes.emplace_back(
            "a span with both v2 fields and v1 binaryAnnotations/annotation endpoints is read as "
            "v2; the v1 parts are ignored");
}

} // namespace spanscope
