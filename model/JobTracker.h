// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace spanscope {

// Runs background work and delivers its result on the owner's thread, unless a newer job was
// started since (the generation counter): a stale result is dropped, never shown (docs/ARCHITECTURE.md,
// "Conventions"). Each job gets a cancel flag; starting a new job raises the previous one's. Destroying the
// tracker cancels and waits for running work.
class JobTracker : public QObject
{
public:
    using CancelFlag = std::shared_ptr<std::atomic<bool>>;

    explicit JobTracker(QObject* parent = nullptr) : QObject(parent) { m_pool.setMaxThreadCount(1); }
    ~JobTracker() override
    {
        cancel();
        m_pool.waitForDone();
    }

    template<class Work, class Done>
    void start(Work work, Done done)
    {
        cancel();
        const uint64_t generation = ++m_generation;
        CancelFlag flag = std::make_shared<std::atomic<bool>>(false);
        m_cancel = flag;
        m_pool.start([this, generation, flag, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<decltype(work(*flag))>(work(*flag));
            QMetaObject::invokeMethod(
                this,
                [this, generation, flag, result, done = std::move(done)]() mutable {
                    if (generation == m_generation && !flag->load())
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // Raises the running job's cancel flag; its result will be dropped.
    void cancel()
    {
        if (m_cancel)
            m_cancel->store(true);
        m_cancel.reset();
        ++m_generation;
    }
    bool isRunning() const { return m_pool.activeThreadCount() > 0; }
    // For tests: waits until every job has finished (results are delivered by the event loop).
    void waitForDone() { m_pool.waitForDone(); }

private:
    QThreadPool m_pool;
    std::atomic<uint64_t> m_generation{0};
    CancelFlag m_cancel;
};

} // namespace spanscope
