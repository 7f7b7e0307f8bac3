// SPDX-License-Identifier: MIT
#pragma once

#include "model/Ids.h"

#include <optional>
#include <string>
#include <string_view>

namespace spanscope {

// Base64, standard or URL-safe, with or without padding (QByteArray's decoder); nullopt on any
// invalid character or padding.
std::optional<std::string> decodeBase64(std::string_view text);

// Big-endian bytes (as in OTLP protobuf) to ids; nullopt unless exactly 16 / 8 bytes.
std::optional<TraceId> traceIdFromBytes(std::string_view bytes);
std::optional<uint64_t> spanIdFromBytes(std::string_view bytes);
std::string traceIdToBytes(const TraceId& id);
std::string spanIdToBytes(uint64_t id);

// Ids as JSON formats write them: hex of any case and length up to 32 / 16 digits (left-padded),
// or base64 of 16 / 8 bytes (plain protobuf JSON mappings, Tempo, Jaeger api_v2). Length tells the
// encodings apart (docs/FORMAT-REFERENCE.md §8.6). Empty text is "absent": returns an id of 0.
std::optional<TraceId> parseTraceIdText(std::string_view text);
std::optional<uint64_t> parseSpanIdText(std::string_view text);

} // namespace spanscope
