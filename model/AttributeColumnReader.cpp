// SPDX-License-Identifier: MIT
#include "AttributeColumnReader.h"

#include "AttributeCodec.h"

#include <optional>
#include <unordered_map>

namespace spanscope {

namespace {

bool findFirst(std::string_view blob, const std::vector<std::string>& keys, std::string& text)
{
    for (const std::string& key : keys) {
        ValueView value;
        if (findAttribute(blob, key, value)) {
            text = valueToDisplayText(value);
            return true;
        }
    }
    return false;
}

} // namespace

Result<AttributeColumn> readAttributeColumn(sql::Database& db, const TraceData& trace,
                                            const std::vector<std::string>& keys, AttributeScope scope,
                                            const std::atomic<bool>* cancel)
{
    using R = Result<AttributeColumn>;
    AttributeColumn column;
    column.value.assign(trace.size(), AttributeColumn::kMissing);
    if (trace.size() == 0 || keys.empty())
        return column;
    try {
        // Resource attributes are few: decode each resource's answer once.
        std::unordered_map<int64_t, std::optional<std::string>> resourceValue;
        auto resourceAttrs = db.prepare("SELECT attrs FROM resources WHERE id = ?1");
        const auto valueOfResource = [&](int64_t resource) -> const std::optional<std::string>& {
            const auto it = resourceValue.find(resource);
            if (it != resourceValue.end())
                return it->second;
            std::optional<std::string> found;
            resourceAttrs.bind(1, resource);
            std::string text;
            if (resourceAttrs.step() && findFirst(resourceAttrs.columnBlob(0), keys, text))
                found = std::move(text);
            resourceAttrs.reset();
            return resourceValue.emplace(resource, std::move(found)).first->second;
        };

        // The same order as TraceLoader, so rows line up with span indexes; the row id check
        // falls back to a lookup should they not.
        std::unordered_map<int64_t, uint32_t> indexOfRow;
        const auto indexOf = [&](int64_t rowId, uint32_t expected) -> uint32_t {
            if (expected < trace.size() && trace.rowId[expected] == rowId)
                return expected;
            if (indexOfRow.empty()) {
                for (uint32_t i = 0; i < trace.size(); ++i)
                    indexOfRow.emplace(trace.rowId[i], i);
            }
            const auto it = indexOfRow.find(rowId);
            return it == indexOfRow.end() ? AttributeColumn::kMissing : it->second;
        };

        AttributeColumnBuilder builder(column);
        auto spans =
            db.prepare("SELECT id, attrs, resource FROM spans WHERE trace = ?1 ORDER BY start_ns, id");
        spans.bind(1, trace.traceRow);
        uint32_t row = 0;
        std::string text;
        while (spans.step()) {
            if (cancel && (row & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed))
                return R::failure("cancelled");
            const uint32_t span = indexOf(spans.columnInt(0), row++);
            if (span == AttributeColumn::kMissing)
                continue;
            if (findFirst(spans.columnBlob(1), keys, text)) {
                builder.set(span, text);
            } else if (scope == AttributeScope::SpanOrResource) {
                if (const auto& fromResource = valueOfResource(spans.columnInt(2)))
                    builder.set(span, *fromResource);
            }
        }
        return column;
    } catch (const sql::Error& e) {
        return R::failure(std::string("cannot read attributes: ") + e.what());
    }
}

} // namespace spanscope
