// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace spanscope::sql {

// Every SQLite failure becomes this exception inside the model; the model's public API turns it
// into an error value before it reaches a caller (conventions: loaders report errors as values).
class Error : public std::runtime_error
{
public:
    Error(const std::string& what, int code) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

class Statement;

// One connection. Not shared between threads: each thread opens its own (WAL lets them overlap).
class Database
{
public:
    enum class Mode
    {
        ReadWriteCreate,
        ReadWrite,
        ReadOnly
    };

    Database() = default;
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    // For statements without parameters (DDL, pragmas, BEGIN/COMMIT). Never for text from a file.
    void exec(const char* sql);
    Statement prepare(std::string_view sql) const;
    int64_t lastInsertRowId() const;
    int changes() const;
    // Runs a single-value query (no parameters) and returns its integer result, or fallback.
    int64_t queryInt(const char* sql, int64_t fallback = 0) const;

    [[noreturn]] void fail(const std::string& context, int code) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

class Statement
{
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite. Text and blobs are copied only if transient is true;
    // otherwise the caller keeps them alive until step() (the import hot path binds its buffers).
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, double value);
    Statement& bindText(int index, std::string_view text, bool transient = true);
    Statement& bindBlob(int index, std::string_view blob, bool transient = true);
    Statement& bindNull(int index);

    // Returns true while there is a row.
    bool step();
    // Runs a statement that returns no rows, then resets it for the next use.
    void run();
    void reset();

    int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string_view columnText(int column) const;
    std::string_view columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Commits on commit(), rolls back in the destructor otherwise, so an exception or a cancel leaves
// nothing half-written.
class Transaction
{
public:
    explicit Transaction(Database& db, const char* begin = "BEGIN IMMEDIATE");
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace spanscope::sql
