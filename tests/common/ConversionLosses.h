// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace spanscope::test {

// docs/FORMATS.md, "Conversion", lists what converting to each format loses in a table between
// <!-- losses:begin --> and <!-- losses:end -->: one row per loss, its target formats and an id.
// This file holds one normaliser per row, applied to canonical dumps (`spanscope spans --json`),
// so that a conversion test can remove exactly the documented losses from both sides and compare
// the rest byte for byte. The table and the normalisers must list the same (target, id) pairs:
// a loss that is not documented, or documented but not applied, fails the test.
struct ConversionLoss
{
    std::string target; // "otlp-json", "otlp-proto", "jaeger-json", "zipkin-json"
    std::string id;     // "microseconds", ...

    bool operator==(const ConversionLoss&) const = default;
    bool operator<(const ConversionLoss& other) const
    {
        return target != other.target ? target < other.target : id < other.id;
    }
};

// The rows of the table in docs/FORMATS.md; error is set when the table is missing or malformed.
std::vector<ConversionLoss> documentedLosses(std::string& error);
// The rows this file has a normaliser for.
std::vector<ConversionLoss> implementedLosses();

// The canonical dump with every documented loss of `target` removed (in table order), as one
// sorted JSON array of spans, pretty-printed for diffs.
std::string withoutLosses(const std::string& canonicalDump, const std::string& target);
// The same for a chain of conversions: every row of any of the targets, in table order.
std::string withoutLosses(const std::string& canonicalDump, const std::vector<std::string>& targets);

} // namespace spanscope::test
