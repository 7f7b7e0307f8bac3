// SPDX-License-Identifier: MIT
#pragma once

#include "model/SourceLocation.h"

#include <stdexcept>
#include <string>

namespace spanscope {

// Thrown inside an importer when the file cannot be read further: malformed syntax, a broken
// compression stream, a limit that ends the import. The import runner catches it and reports
// "FILE:LINE:COLUMN: message" (or "FILE: byte N: message" for binary input).
class ImportFailure : public std::runtime_error
{
public:
    ImportFailure(SourceLocation location, const std::string& message)
        : std::runtime_error(message), m_location(location)
    {}
    const SourceLocation& location() const { return m_location; }

private:
    SourceLocation m_location;
};

// Thrown when the user cancels; never reported as an error.
class ImportCancelled : public std::exception
{
public:
    const char* what() const noexcept override { return "import cancelled"; }
};

} // namespace spanscope
