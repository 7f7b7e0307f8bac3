// SPDX-License-Identifier: MIT
#include "JsonDocuments.h"

#include "JsonScanner.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"

#include <optional>

namespace spanscope {

uint64_t readJsonDocuments(ImportContext& context, JsonScanner& scanner,
                           const std::function<void()>& readDocument)
{
    scanner.setLineMode(context.jsonLines);
    uint64_t documents = 0;
    uint64_t badLines = 0;
    std::optional<ImportFailure> firstFailure;
    while (scanner.nextDocument()) {
        ++documents;
        try {
            readDocument();
            scanner.endDocument();
        } catch (const ImportFailure& failure) {
            if (!context.jsonLines)
                throw;
            // One broken line (a truncated last write, say) must not cost the other lines.
            ++badLines;
            if (!firstFailure)
                firstFailure = failure;
            context.warn(failure.location(), std::string("line skipped: ") + failure.what());
            scanner.skipRestOfLine();
        }
    }
    if (documents == 0)
        throw ImportFailure(scanner.location(), "no JSON content");
    if (context.jsonLines && badLines == documents) {
        // Not one line could be read (a one-line file is the usual case): its error is the answer.
        if (documents == 1)
            throw *firstFailure;
        throw ImportFailure(firstFailure->location(),
                            std::string("no line of this JSON Lines file could be read; the first: ") +
                                firstFailure->what());
    }
    return documents;
}

} // namespace spanscope
