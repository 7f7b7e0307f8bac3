// SPDX-License-Identifier: MIT
#pragma once

#include "SpanSink.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace spanscope {

// Runs the importer and the workspace writer on two threads: the importer's calls are copied
// into batches (strings in one arena per batch) and replayed, in order, onto the real sink by a
// writer thread. Parsing and SQLite inserts then overlap on two cores. The queue holds at most a
// few batches, so memory stays bounded: a fast parser waits for the writer.
//
// Handles are numbered here exactly as the real sink numbers them (1, 2, 3... in call order), so
// they can be returned at once. An exception on the writer thread is rethrown on the importer's
// thread at its next call or at finish().
class PipelinedSink : public SpanSink
{
public:
    explicit PipelinedSink(SpanSink& target, size_t batchBytes = 1 << 20, size_t maxQueuedBatches = 4);
    ~PipelinedSink() override;

    ResourceRef addResource(const ResourceRecord& resource) override;
    ResourceRef declareResource() override;
    void defineResource(ResourceRef ref, const ResourceRecord& resource) override;
    ScopeRef addScope(const ScopeRecord& scope) override;
    ScopeRef declareScope() override;
    void defineScope(ScopeRef ref, const ScopeRecord& scope) override;
    void addSpan(const SpanRecord& span) override;
    void addWarning(const ImportMessage& warning) override;

    // Sends what is left, waits for the writer thread and rethrows its failure, if any.
    void finish();

private:
    struct Batch;
    void pushBatch();
    void run();
    void checkFailure();
    Batch& batch();

    SpanSink& m_target;
    size_t m_batchBytes;
    size_t m_maxQueued;
    std::unique_ptr<Batch> m_current;
    std::deque<std::unique_ptr<Batch>> m_queue;
    std::vector<std::unique_ptr<Batch>> m_free; // processed batches, ready for reuse
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_closing = false;
    bool m_aborting = false;
    std::exception_ptr m_failure;
    ResourceRef m_nextResource = 1;
    ScopeRef m_nextScope = 1;
    std::thread m_thread;
};

} // namespace spanscope
