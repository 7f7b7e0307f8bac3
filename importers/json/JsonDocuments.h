// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>

namespace spanscope {

class JsonScanner;
struct ImportContext;

// Reads every top-level JSON value of the stream with readDocument(), for every JSON importer.
// In JSON Lines (context.jsonLines) each line is its own document: a line that fails becomes a
// warning naming it, and the other lines are read; if no line could be read, the first line's
// error is the answer. Otherwise a failure ends the file. Throws when there is no JSON at all.
// Returns the number of documents read.
uint64_t readJsonDocuments(ImportContext& context, JsonScanner& scanner,
                           const std::function<void()>& readDocument);

} // namespace spanscope
