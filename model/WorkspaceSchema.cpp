// SPDX-License-Identifier: MIT
#include "WorkspaceSchema.h"

#include <string>

namespace spanscope::WorkspaceSchema {

namespace {

// Version 1. Ids are integers: span ids and the two halves of trace ids are stored as the signed
// 64-bit bit pattern of the unsigned value. Times are nanoseconds since the Unix epoch.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    format TEXT NOT NULL,
    variant TEXT NOT NULL DEFAULT '',
    imported_at_ms INTEGER NOT NULL,
    import_ms INTEGER NOT NULL DEFAULT 0,
    trace_count INTEGER NOT NULL DEFAULT 0,
    span_count INTEGER NOT NULL DEFAULT 0,
    warning_count INTEGER NOT NULL DEFAULT 0,
    last_opened_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_by_path ON sources(path);
CREATE TABLE source_warnings(
    source INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    location TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY(source, seq)
) WITHOUT ROWID;
CREATE TABLE strings(
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);
CREATE TABLE resources(
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    service INTEGER NOT NULL,
    attrs BLOB,
    dropped_attributes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resources_by_source ON resources(source);
CREATE TABLE scopes(
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    attrs BLOB
);
CREATE INDEX scopes_by_source ON scopes(source);
CREATE TABLE traces(
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    trace_hi INTEGER NOT NULL,
    trace_lo INTEGER NOT NULL,
    start_ns INTEGER NOT NULL DEFAULT 0,
    end_ns INTEGER NOT NULL DEFAULT 0,
    span_count INTEGER NOT NULL DEFAULT 0,
    service_count INTEGER NOT NULL DEFAULT 0,
    error_count INTEGER NOT NULL DEFAULT 0,
    root_service INTEGER NOT NULL DEFAULT 0,
    root_name INTEGER NOT NULL DEFAULT 0,
    orphan_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX traces_by_source ON traces(source);
CREATE INDEX traces_by_id ON traces(trace_lo, trace_hi);
CREATE TABLE spans(
    id INTEGER PRIMARY KEY,
    trace INTEGER NOT NULL,
    span_id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL,
    service INTEGER NOT NULL,
    name INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL,
    status INTEGER NOT NULL,
    status_message TEXT,
    flags INTEGER NOT NULL,
    w3c_flags INTEGER NOT NULL,
    trace_state TEXT,
    resource INTEGER NOT NULL,
    scope INTEGER NOT NULL,
    dropped_attributes INTEGER NOT NULL,
    dropped_events INTEGER NOT NULL,
    dropped_links INTEGER NOT NULL,
    attrs BLOB
);
CREATE TABLE events(
    span INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    time_ns INTEGER NOT NULL,
    name TEXT NOT NULL,
    attrs BLOB,
    dropped_attributes INTEGER NOT NULL
);
CREATE TABLE links(
    span INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    trace_hi INTEGER NOT NULL,
    trace_lo INTEGER NOT NULL,
    span_id INTEGER NOT NULL,
    trace_state TEXT,
    type INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    attrs BLOB,
    dropped_attributes INTEGER NOT NULL
);
)sql";

constexpr const char* kBulkIndexes = R"sql(
CREATE INDEX IF NOT EXISTS spans_by_trace ON spans(trace, start_ns);
CREATE INDEX IF NOT EXISTS events_by_span ON events(span);
CREATE INDEX IF NOT EXISTS links_by_span ON links(span);
)sql";

constexpr const char* kDropBulkIndexes = R"sql(
DROP INDEX IF EXISTS spans_by_trace;
DROP INDEX IF EXISTS events_by_span;
DROP INDEX IF EXISTS links_by_span;
)sql";

} // namespace

State inspect(sql::Database& db, int* version)
{
    const int64_t applicationId = db.queryInt("PRAGMA application_id");
    const int64_t userVersion = db.queryInt("PRAGMA user_version");
    const int64_t tables = db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (version)
        *version = int(userVersion);
    if (applicationId == 0 && userVersion == 0 && tables == 0)
        return State::Empty;
    if (applicationId != kApplicationId)
        return State::Foreign;
    if (userVersion < kCurrentVersion)
        return State::Older;
    if (userVersion > kCurrentVersion)
        return State::Newer;
    return State::Current;
}

void create(sql::Database& db)
{
    sql::Transaction transaction(db);
    db.exec(kSchemaV1);
    db.exec(kBulkIndexes);
    db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    db.exec(("PRAGMA user_version = " + std::to_string(kCurrentVersion)).c_str());
    transaction.commit();
}

void migrate(sql::Database& db, int fromVersion)
{
    // Version 1 is the first schema; later versions add their steps here, each one applied in order
    // inside the same transaction so a failed migration leaves the file as it was.
    sql::Transaction transaction(db);
    (void)fromVersion;
    db.exec(("PRAGMA user_version = " + std::to_string(kCurrentVersion)).c_str());
    transaction.commit();
}

void createBulkIndexes(sql::Database& db)
{
    db.exec(kBulkIndexes);
}

void dropBulkIndexes(sql::Database& db)
{
    db.exec(kDropBulkIndexes);
}

} // namespace spanscope::WorkspaceSchema
