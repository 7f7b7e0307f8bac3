// SPDX-License-Identifier: MIT
#include "AnnotationStore.h"

#include <chrono>

namespace spanscope {

namespace {

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class FullSync
{
public:
    explicit FullSync(sql::Database& db) : m_db(db) { m_db.exec("PRAGMA synchronous = FULL"); }
    ~FullSync()
    {
        try {
            m_db.exec("PRAGMA synchronous = NORMAL");
        } catch (const sql::Error&) {
        }
    }

private:
    sql::Database& m_db;
};

} // namespace

template<class F>
Result<bool> AnnotationStore::write(F&& body)
{
    try {
        FullSync sync(m_db);
        sql::Transaction transaction(m_db);
        body();
        transaction.commit();
        return true;
    } catch (const sql::Error& e) {
        return Result<bool>::failure(std::string("cannot save the note: ") + e.what());
    }
}

Result<int64_t> AnnotationStore::add(const Annotation& annotation)
{
    int64_t id = 0;
    const auto written = write([&] {
        auto insert =
            m_db.prepare("INSERT INTO annotations(trace_hi, trace_lo, span_id, start_ns, end_ns, text, "
                         "color, created_ms, updated_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
        insert.bind(1, int64_t(annotation.traceId.high)).bind(2, int64_t(annotation.traceId.low));
        if (annotation.spanId)
            insert.bind(3, int64_t(*annotation.spanId));
        else
            insert.bindNull(3);
        insert.bind(4, annotation.startNs).bind(5, annotation.endNs).bindText(6, annotation.text);
        insert.bindText(7, annotation.color).bind(8, nowMs());
        insert.run();
        id = m_db.lastInsertRowId();
    });
    if (!written)
        return Result<int64_t>::failure(written.error());
    return id;
}

Result<bool> AnnotationStore::update(int64_t id, const std::string& text, const std::string& color)
{
    return write([&] {
        auto statement =
            m_db.prepare("UPDATE annotations SET text = ?1, color = ?2, updated_ms = ?3 WHERE id = ?4");
        statement.bindText(1, text).bindText(2, color).bind(3, nowMs()).bind(4, id);
        statement.run();
    });
}

Result<bool> AnnotationStore::remove(int64_t id)
{
    return write([&] {
        auto statement = m_db.prepare("DELETE FROM annotations WHERE id = ?1");
        statement.bind(1, id);
        statement.run();
    });
}

std::vector<Annotation> AnnotationStore::forTrace(const TraceId& traceId)
{
    std::vector<Annotation> result;
    auto query = m_db.prepare("SELECT id, span_id, start_ns, end_ns, text, color, created_ms, updated_ms "
                              "FROM annotations WHERE trace_lo = ?1 AND trace_hi = ?2 ORDER BY id");
    query.bind(1, int64_t(traceId.low)).bind(2, int64_t(traceId.high));
    while (query.step()) {
        Annotation annotation;
        annotation.id = query.columnInt(0);
        annotation.traceId = traceId;
        if (!query.columnIsNull(1))
            annotation.spanId = uint64_t(query.columnInt(1));
        annotation.startNs = query.columnInt(2);
        annotation.endNs = query.columnInt(3);
        annotation.text = std::string(query.columnText(4));
        annotation.color = std::string(query.columnText(5));
        annotation.createdMs = query.columnInt(6);
        annotation.updatedMs = query.columnInt(7);
        result.push_back(std::move(annotation));
    }
    return result;
}

int64_t AnnotationStore::count()
{
    return m_db.queryInt("SELECT count(*) FROM annotations");
}

} // namespace spanscope
