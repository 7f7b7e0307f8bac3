// SPDX-License-Identifier: MIT
#include "CommandLine.h"

namespace spanscope::cli {

// Placeholder until the command is written; see the issue that introduces it.
int runSpans(const std::vector<std::string>&)
{
    std::fprintf(stderr, "spanscope spans: not available in this build yet\n");
    return Failure;
}

} // namespace spanscope::cli
