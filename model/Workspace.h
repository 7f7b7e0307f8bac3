// SPDX-License-Identifier: MIT
#pragma once

#include "Result.h"
#include "Sqlite.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace spanscope {

// The identity of a trace dump on disk: the same path, size and modification time means the same
// content, so its import can be reused.
struct FileIdentity
{
    std::string path; // absolute, canonical
    int64_t size = 0;
    int64_t mtimeNs = 0;

    static Result<FileIdentity> of(const std::string& path);
};

// One open workspace file: the SQLite database every view reads from. Each thread that touches
// the workspace opens its own Workspace on the same path (WAL mode lets readers and one writer
// work at once).
class Workspace
{
public:
    enum class OpenMode
    {
        CreateIfMissing, // the cache workspace, or "Save as" targets
        ExistingOnly,    // "Open workspace…": never create a file the user did not pick
        // A throw-away workspace for one process and one connection (`spanscope COMMAND
        // --no-cache`), created new and deleted by its owner: nothing needs to survive a crash, so
        // the journal stays in memory (transactions still roll back), nothing is synced, and no
        // write-ahead log is copied into the file at the end.
        Scratch,
    };

    // Opens, creates or migrates. A corrupt, foreign or newer file gives an error and is left
    // untouched: it is never written, truncated or deleted.
    static Result<std::unique_ptr<Workspace>> open(const std::string& path, OpenMode mode);

    // $XDG_CACHE_HOME/spanscope/workspace.spanscope (~/.cache/... when unset).
    static std::string defaultCachePath();

    sql::Database& db() { return m_db; }
    const std::string& path() const { return m_db.path(); }

    // The source already imported from this exact file (path, size, mtime) by importers of this
    // version (ImportRunner's kImporterVersion), if any.
    std::optional<int64_t> findImportedSource(const FileIdentity& file, int importerVersion);
    // Removes a source with everything imported from it, in one transaction.
    void removeSource(int64_t sourceId);
    // The same, inside a transaction the caller holds.
    static void deleteSourceRows(sql::Database& db, int64_t sourceId);
    // Copies the write-ahead log into the database file, as far as readers allow.
    void checkpoint();
    // Records that a source was opened now (the cache keeps recently used sources).
    void touchSource(int64_t sourceId);

    // Copies the workspace, consistent and compacted, to target (VACUUM INTO). With keepSources,
    // only those sources go into the copy (the window saves what it shows, not the whole cache).
    // The target must not exist yet; the caller decides about overwriting.
    Result<bool> saveAs(const std::string& target, const std::vector<int64_t>& keepSources = {});

    // The cache keeps the `keep` most recently opened sources, plus any in `protectedSources` and any
    // whose traces carry annotations (the user's work is never evicted). Returns how many went.
    int evictSources(size_t keep, const std::vector<int64_t>& protectedSources = {});

private:
    explicit Workspace(sql::Database db) : m_db(std::move(db)) {}
    sql::Database m_db;
};

} // namespace spanscope
