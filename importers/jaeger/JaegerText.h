// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace spanscope::jaeger {

// Small text helpers the Jaeger readers share. Untrusted text is only compared and quoted.

// The start of an offending value for a warning, quoted; long values are cut.
inline std::string quoted(std::string_view text)
{
    constexpr size_t kQuoteBytes = 60;
    return "\"" + std::string(text.substr(0, kQuoteBytes)) + (text.size() > kQuoteBytes ? "...\"" : "\"");
}

// ASCII case-insensitive equality ("CHILD_OF" / "child_of", "INT64" / "int64").
inline bool equalsIgnoreCase(std::string_view a, std::string_view b)
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

// A key in either spelling: the query API's ("traceID") or api_v2's ("traceId").
inline bool isKey(std::string_view key, std::string_view queryApi, std::string_view apiV2)
{
    return key == queryApi || key == apiV2;
}

} // namespace spanscope::jaeger
