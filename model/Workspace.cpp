// SPDX-License-Identifier: MIT
#include "Workspace.h"

#include "AttributeSearch.h"
#include "WorkspaceSchema.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>

namespace spanscope {

namespace fs = std::filesystem;

Result<FileIdentity> FileIdentity::of(const std::string& path)
{
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path, error), error);
    struct stat info
    {};
    if (::stat(path.c_str(), &info) != 0)
        return Result<FileIdentity>::failure(path + ": cannot read file");
    if (!S_ISREG(info.st_mode))
        return Result<FileIdentity>::failure(path + ": not a regular file");
    FileIdentity identity;
    identity.path = error ? path : canonical.string();
    identity.size = int64_t(info.st_size);
    identity.mtimeNs = int64_t(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    return identity;
}

std::string Workspace::defaultCachePath()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    fs::path base;
    if (xdg && *xdg && fs::path(xdg).is_absolute()) {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home && *home ? home : "/tmp") / ".cache";
    }
    return (base / "spanscope" / "workspace.spanscope").string();
}

Result<std::unique_ptr<Workspace>> Workspace::open(const std::string& path, OpenMode mode)
{
    using R = Result<std::unique_ptr<Workspace>>;
    std::error_code error;
    const bool exists = fs::exists(path, error);
    if (!exists && mode == OpenMode::ExistingOnly)
        return R::failure(path + ": no such workspace file");
    if (!exists) {
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty())
            fs::create_directories(parent, error);
    }
    if (exists && fs::is_directory(path, error))
        return R::failure(path + ": is a directory, not a workspace file");

    try {
        sql::Database db(path, sql::Database::Mode::ReadWriteCreate);
        int version = 0;
        WorkspaceSchema::State state;
        try {
            state = WorkspaceSchema::inspect(db, &version);
        } catch (const sql::Error& e) {
            return R::failure(path + ": not a Spanscope workspace (" + e.what() +
                              "); the file was left untouched");
        }
        switch (state) {
        case WorkspaceSchema::State::Foreign:
            return R::failure(path + ": not a Spanscope workspace (another program's database); the file was "
                                     "left untouched");
        case WorkspaceSchema::State::Newer:
            return R::failure(path + ": written by a newer Spanscope (schema version " +
                              std::to_string(version) + ", this one reads up to " +
                              std::to_string(WorkspaceSchema::kCurrentVersion) + ")");
        default:
            break;
        }
        // Only now, knowing the file is ours, change how it is journaled.
        if (state == WorkspaceSchema::State::Empty) {
            // 16 KiB pages: a million-span import writes a quarter of the pages (and makes a
            // quarter of the write and read calls) that 4 KiB pages cost; a span's attribute blob
            // (a few hundred bytes) still shares its page with dozens of others. Only a new file
            // takes it (before WAL fixes the size); older workspaces keep theirs.
            db.exec("PRAGMA page_size = 16384");
        }
        if (mode == OpenMode::Scratch) {
            // Every page is written once, into the file, and never synced (docs/PERFORMANCE.md,
            // "A throw-away workspace keeps no log").
            db.exec("PRAGMA journal_mode = MEMORY");
            db.exec("PRAGMA synchronous = OFF");
        } else {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = NORMAL");
            // No connection checkpoints on its own: an import's log can be hundreds of megabytes,
            // and copying it on the next small write would freeze the window. The window
            // checkpoints in the background after imports (Workspace::checkpoint); the last
            // connection to close does too.
            db.exec("PRAGMA wal_autocheckpoint = 0");
        }
        db.exec("PRAGMA cache_size = -65536"); // 64 MiB page cache per connection
        registerAttributeFunctions(db);
        if (state == WorkspaceSchema::State::Empty)
            WorkspaceSchema::create(db);
        else if (state == WorkspaceSchema::State::Older)
            WorkspaceSchema::migrate(db, version);
        return std::unique_ptr<Workspace>(new Workspace(std::move(db)));
    } catch (const sql::Error& e) {
        return R::failure(path + ": " + e.what());
    }
}

std::optional<int64_t> Workspace::findImportedSource(const FileIdentity& file, int importerVersion)
{
    auto query = m_db.prepare("SELECT id FROM sources WHERE path = ?1 AND size = ?2 AND mtime_ns = ?3 "
                              "AND importer_version = ?4 ORDER BY id DESC LIMIT 1");
    query.bindText(1, file.path).bind(2, file.size).bind(3, file.mtimeNs).bind(4, int64_t(importerVersion));
    if (query.step())
        return query.columnInt(0);
    return std::nullopt;
}

void Workspace::removeSource(int64_t sourceId)
{
    sql::Transaction transaction(m_db);
    deleteSourceRows(m_db, sourceId);
    transaction.commit();
}

void Workspace::deleteSourceRows(sql::Database& db, int64_t sourceId)
{
    // A source's spans are one rowid range (WorkspaceWriter numbers them), so no index is needed.
    const char* statements[] = {
        "DELETE FROM events WHERE span BETWEEN (SELECT first_span FROM sources WHERE id = ?1) "
        "AND (SELECT last_span FROM sources WHERE id = ?1)",
        "DELETE FROM links WHERE span BETWEEN (SELECT first_span FROM sources WHERE id = ?1) "
        "AND (SELECT last_span FROM sources WHERE id = ?1)",
        "DELETE FROM spans WHERE id BETWEEN (SELECT first_span FROM sources WHERE id = ?1) "
        "AND (SELECT last_span FROM sources WHERE id = ?1)",
        "DELETE FROM trace_packs WHERE trace IN (SELECT id FROM traces WHERE source = ?1)",
        "DELETE FROM traces WHERE source = ?1",
        "DELETE FROM resources WHERE source = ?1",
        "DELETE FROM scopes WHERE source = ?1",
        "DELETE FROM source_warnings WHERE source = ?1",
        "DELETE FROM sources WHERE id = ?1",
    };
    for (const char* text : statements) {
        auto statement = db.prepare(text);
        statement.bind(1, sourceId);
        statement.run();
    }
}

void Workspace::checkpoint()
{
    // PASSIVE: copies what it can without waiting for readers, so it never blocks the window.
    m_db.exec("PRAGMA wal_checkpoint(PASSIVE)");
}

void Workspace::touchSource(int64_t sourceId)
{
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto statement = m_db.prepare("UPDATE sources SET last_opened_ms = ?1 WHERE id = ?2");
    statement.bind(1, int64_t(now)).bind(2, sourceId);
    statement.run();
}

Result<bool> Workspace::saveAs(const std::string& target, const std::vector<int64_t>& keepSources)
{
    std::error_code error;
    if (fs::exists(target, error))
        return Result<bool>::failure(target + ": already exists");
    try {
        auto statement = m_db.prepare("VACUUM INTO ?1");
        statement.bindText(1, target);
        statement.run();
        if (!keepSources.empty()) {
            auto copy = Workspace::open(target, OpenMode::ExistingOnly);
            if (!copy)
                throw sql::Error(copy.error(), 0);
            std::vector<int64_t> drop;
            auto sources = (*copy)->db().prepare("SELECT id FROM sources");
            while (sources.step()) {
                const int64_t id = sources.columnInt(0);
                if (std::find(keepSources.begin(), keepSources.end(), id) == keepSources.end())
                    drop.push_back(id);
            }
            if (!drop.empty()) {
                for (int64_t id : drop)
                    (*copy)->removeSource(id);
                (*copy)->db().exec("VACUUM");
            }
            (*copy)->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    } catch (const sql::Error& e) {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(target + suffix, error);
        return Result<bool>::failure(target + ": " + e.what());
    }
    return true;
}

int Workspace::evictSources(size_t keep, const std::vector<int64_t>& protectedSources)
{
    std::vector<int64_t> candidates;
    auto query = m_db.prepare(
        "SELECT s.id FROM sources s WHERE NOT EXISTS (SELECT 1 FROM traces t JOIN annotations a ON "
        "a.trace_lo = t.trace_lo AND a.trace_hi = t.trace_hi WHERE t.source = s.id) "
        "ORDER BY s.last_opened_ms DESC, s.id DESC");
    size_t seen = 0;
    while (query.step()) {
        const int64_t id = query.columnInt(0);
        if (std::find(protectedSources.begin(), protectedSources.end(), id) != protectedSources.end())
            continue;
        if (++seen > keep)
            candidates.push_back(id);
    }
    for (int64_t id : candidates)
        removeSource(id);
    return int(candidates.size());
}

} // namespace spanscope
