// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spanscope {

// One imported file as the workspace remembers it.
struct SourceInfo
{
    int64_t id = 0;
    std::string path;
    std::string format;
    int64_t size = 0;
    int64_t mtimeNs = 0;
    int64_t traceCount = 0;
    int64_t spanCount = 0;
    int64_t importedAtMs = 0;
    int64_t lastOpenedMs = 0;
};

// Reads the workspace's sources: what File → Open Recent offers from the shared cache.
class SourceListReader
{
public:
    explicit SourceListReader(sql::Database& db) : m_db(db) {}

    // The most recently opened sources first, without the excluded ones (those open already).
    std::vector<SourceInfo> recent(size_t limit, const std::vector<int64_t>& excluded = {});
    std::optional<SourceInfo> find(int64_t sourceId);

private:
    sql::Database& m_db;
};

} // namespace spanscope
