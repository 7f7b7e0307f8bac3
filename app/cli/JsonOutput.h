// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>

namespace spanscope::cli {

// JSON on stdout, indented; invalid UTF-8 from a file is replaced, never passed through.
inline void printJson(const nlohmann::json& value)
{
    const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
}

} // namespace spanscope::cli
