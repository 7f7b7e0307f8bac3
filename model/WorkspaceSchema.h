// SPDX-License-Identifier: MIT
#pragma once

#include "Sqlite.h"

namespace spanscope::WorkspaceSchema {

constexpr int kApplicationId = 0x53707363; // "Spsc"
constexpr int kCurrentVersion = 3;

enum class State
{
    Empty,
    Current,
    Older,
    Newer,
    Foreign
};

// What the file is: a fresh empty database, ours (current, older or newer), or somebody else's.
State inspect(sql::Database& db, int* version = nullptr);
// Creates the current schema in an empty database.
void create(sql::Database& db);
// Brings an older workspace to the current version in one transaction.
void migrate(sql::Database& db, int fromVersion);

} // namespace spanscope::WorkspaceSchema
