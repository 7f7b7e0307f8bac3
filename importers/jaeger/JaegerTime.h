// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace spanscope {

// Time values as the Jaeger JSON variants write them (docs/FORMAT-REFERENCE.md §5). The query API and the UI
// use µs numbers; the api_v2 protobuf-JSON mapping uses RFC 3339 timestamps and protobuf/Go
// duration strings. Every function returns nullopt on text it does not understand or on values
// outside the int64 nanosecond range, never a wrapped number.

// µs since the epoch (or µs of duration) to ns, with an overflow check.
std::optional<int64_t> microsToNanos(int64_t micros);

// "2017-01-26T16:46:31.639875-05:00", "...Z": ns since the epoch. Up to 9 fraction digits are
// kept, further digits are ignored.
std::optional<int64_t> parseRfc3339Nanos(std::string_view text);

// "22938000ns", "22.938ms", "1.5s", "1h2m3.5s", "-3us": a duration in ns. Units ns, us, µs, ms,
// s, m, h as in Go's time.ParseDuration (protobuf's Duration JSON is the "s" case).
std::optional<int64_t> parseDurationNanos(std::string_view text);

} // namespace spanscope
