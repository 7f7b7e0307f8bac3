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

// Version 2: trace packs (one blob per trace for instant opening), annotations, UI state; sources
// remember their rowid range of spans; events and links are clustered by span; no secondary
// indexes on spans (spans are reached by rowid from packs, or by a source's rowid range).
constexpr const char* kMigrateV1ToV2 = R"sql(
CREATE TABLE trace_packs(
    trace INTEGER PRIMARY KEY,
    format INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE annotations(
    id INTEGER PRIMARY KEY,
    trace_hi INTEGER NOT NULL,
    trace_lo INTEGER NOT NULL,
    span_id INTEGER,
    start_ns INTEGER,
    end_ns INTEGER,
    text TEXT NOT NULL,
    color TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX annotations_by_trace ON annotations(trace_lo, trace_hi);
CREATE TABLE ui_state(
    key TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;
ALTER TABLE sources ADD COLUMN first_span INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_span INTEGER NOT NULL DEFAULT -1;
UPDATE sources SET
    first_span = coalesce((SELECT min(s.id) FROM spans s JOIN traces t ON t.id = s.trace WHERE t.source = sources.id), 0),
    last_span = coalesce((SELECT max(s.id) FROM spans s JOIN traces t ON t.id = s.trace WHERE t.source = sources.id), -1);
CREATE TABLE events_v2(
    span INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    time_ns INTEGER NOT NULL,
    name TEXT NOT NULL,
    attrs BLOB,
    dropped_attributes INTEGER NOT NULL,
    PRIMARY KEY(span, seq)
) WITHOUT ROWID;
INSERT INTO events_v2 SELECT span, seq, time_ns, name, attrs, dropped_attributes FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE TABLE links_v2(
    span INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    trace_hi INTEGER NOT NULL,
    trace_lo INTEGER NOT NULL,
    span_id INTEGER NOT NULL,
    trace_state TEXT,
    type INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    attrs BLOB,
    dropped_attributes INTEGER NOT NULL,
    PRIMARY KEY(span, seq)
) WITHOUT ROWID;
INSERT INTO links_v2 SELECT span, seq, trace_hi, trace_lo, span_id, trace_state, type, flags, attrs,
    dropped_attributes FROM links;
DROP TABLE links;
ALTER TABLE links_v2 RENAME TO links;
DROP INDEX IF EXISTS spans_by_trace;
)sql";

// Version 3: each source records the importer version that read it, so that a cached import made
// by importers that read the same bytes differently (before zero times and empty ids were read as
// they are) is imported again instead of reused. Older imports get 0: never reused, still shown.
constexpr const char* kMigrateV2ToV3 = R"sql(
ALTER TABLE sources ADD COLUMN importer_version INTEGER NOT NULL DEFAULT 0;
)sql";

// Migration steps: kMigrations[v - 1] takes a workspace from version v to v + 1.
constexpr const char* kMigrations[] = {kMigrateV1ToV2, kMigrateV2ToV3};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kCurrentVersion - 1);

void applyMigrations(sql::Database& db, int fromVersion)
{
    for (int version = fromVersion; version < kCurrentVersion; ++version)
        db.exec(kMigrations[version - 1]);
    db.exec(("PRAGMA user_version = " + std::to_string(kCurrentVersion)).c_str());
}

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
    // A new workspace is made the way an old one is upgraded: version 1, then every migration. So
    // the migrations run on every fresh workspace, not only on users' old files.
    sql::Transaction transaction(db);
    db.exec(kSchemaV1);
    db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    applyMigrations(db, 1);
    transaction.commit();
}

void migrate(sql::Database& db, int fromVersion)
{
    sql::Transaction transaction(db);
    applyMigrations(db, fromVersion);
    transaction.commit();
}

} // namespace spanscope::WorkspaceSchema
