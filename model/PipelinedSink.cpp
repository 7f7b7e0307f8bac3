// SPDX-License-Identifier: MIT
#include "PipelinedSink.h"

#include <cstring>

namespace spanscope {

namespace {

// A string_view stored as an offset into the batch's arena: the arena may grow (and move) while
// the batch fills.
struct Text
{
    uint32_t offset = 0;
    uint32_t size = 0;
};

} // namespace

struct PipelinedSink::Batch
{
    enum class Kind : uint8_t
    {
        AddResource,
        DeclareResource,
        DefineResource,
        AddScope,
        DeclareScope,
        DefineScope,
        Span,
        Warning
    };

    struct StoredEvent
    {
        int64_t timeNs;
        Text name;
        Text attributes;
        uint32_t droppedAttributes;
    };
    struct StoredLink
    {
        TraceId traceId;
        uint64_t spanId;
        Text traceState;
        Text attributes;
        uint32_t flags;
        uint32_t droppedAttributes;
        LinkType type;
    };
    struct Command
    {
        explicit Command(Kind k) : kind(k) {}
        Kind kind;
        uint32_t ref = 0;
        // Span: the record with its views replaced by Text; resources and scopes use the first
        // three texts; warnings use text[0] and the location.
        SpanRecord span;
        Text text[5];
        uint32_t eventsBegin = 0;
        uint32_t eventsEnd = 0;
        uint32_t linksBegin = 0;
        uint32_t linksEnd = 0;
        uint32_t droppedAttributes = 0;
        SourceLocation location;
    };

    std::string arena;
    std::vector<Command> commands;
    std::vector<StoredEvent> events;
    std::vector<StoredLink> links;
    size_t spans = 0;

    Text store(std::string_view text)
    {
        Text stored{uint32_t(arena.size()), uint32_t(text.size())};
        arena.append(text);
        return stored;
    }
    std::string_view view(Text text) const { return std::string_view(arena).substr(text.offset, text.size); }
    // Empties the batch but keeps its memory: batches go round between the two threads, so the
    // import does not allocate (and the kernel does not zero) a megabyte per batch.
    void clear()
    {
        arena.clear();
        commands.clear();
        events.clear();
        links.clear();
        spans = 0;
    }
};

PipelinedSink::PipelinedSink(SpanSink& target, size_t batchBytes, size_t maxQueuedBatches)
    : m_target(target), m_batchBytes(batchBytes), m_maxQueued(maxQueuedBatches),
      m_current(std::make_unique<Batch>())
{
    m_thread = std::thread([this] { run(); });
}

PipelinedSink::~PipelinedSink()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_closing)
            m_aborting = true; // not finished: an error or a cancel upstream; drop what is queued
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

PipelinedSink::Batch& PipelinedSink::batch()
{
    return *m_current;
}

void PipelinedSink::checkFailure()
{
    std::lock_guard lock(m_mutex);
    if (m_failure)
        std::rethrow_exception(m_failure);
}

void PipelinedSink::pushBatch()
{
    if (m_current->commands.empty())
        return;
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < m_maxQueued || m_failure; });
    if (m_failure)
        std::rethrow_exception(m_failure);
    m_queue.push_back(std::move(m_current));
    if (!m_free.empty()) {
        m_current = std::move(m_free.back());
        m_free.pop_back();
    } else {
        m_current = std::make_unique<Batch>();
    }
    lock.unlock();
    m_changed.notify_all();
}

void PipelinedSink::run()
{
    for (;;) {
        std::unique_ptr<Batch> next;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
            if (m_aborting || m_failure)
                return;
            if (m_queue.empty())
                return; // closing, all done
            next = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all();
        try {
            std::vector<EventRecord> events;
            std::vector<LinkRecord> links;
            for (Batch::Command& command : next->commands) {
                switch (command.kind) {
                case Batch::Kind::AddResource:
                case Batch::Kind::DefineResource: {
                    ResourceRecord resource{next->view(command.text[0]), next->view(command.text[1]),
                                            command.droppedAttributes};
                    if (command.kind == Batch::Kind::AddResource)
                        m_target.addResource(resource);
                    else
                        m_target.defineResource(command.ref, resource);
                    break;
                }
                case Batch::Kind::DeclareResource:
                    m_target.declareResource();
                    break;
                case Batch::Kind::AddScope:
                case Batch::Kind::DefineScope: {
                    ScopeRecord scope{next->view(command.text[0]), next->view(command.text[1]),
                                      next->view(command.text[2])};
                    if (command.kind == Batch::Kind::AddScope)
                        m_target.addScope(scope);
                    else
                        m_target.defineScope(command.ref, scope);
                    break;
                }
                case Batch::Kind::DeclareScope:
                    m_target.declareScope();
                    break;
                case Batch::Kind::Warning:
                    m_target.addWarning(
                        ImportMessage{command.location, std::string(next->view(command.text[0]))});
                    break;
                case Batch::Kind::Span: {
                    SpanRecord& span = command.span;
                    span.name = next->view(command.text[0]);
                    span.traceState = next->view(command.text[1]);
                    span.statusMessage = next->view(command.text[2]);
                    span.attributes = next->view(command.text[3]);
                    events.clear();
                    for (uint32_t i = command.eventsBegin; i < command.eventsEnd; ++i) {
                        const auto& e = next->events[i];
                        events.push_back(EventRecord{e.timeNs, next->view(e.name), next->view(e.attributes),
                                                     e.droppedAttributes});
                    }
                    links.clear();
                    for (uint32_t i = command.linksBegin; i < command.linksEnd; ++i) {
                        const auto& l = next->links[i];
                        links.push_back(LinkRecord{l.traceId, l.spanId, next->view(l.traceState),
                                                   next->view(l.attributes), l.flags, l.droppedAttributes,
                                                   l.type});
                    }
                    span.events = events;
                    span.links = links;
                    m_target.addSpan(span);
                    break;
                }
                }
            }
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_failure = std::current_exception();
            m_changed.notify_all();
            return;
        }
        next->clear();
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(next));
    }
}

ResourceRef PipelinedSink::addResource(const ResourceRecord& resource)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::AddResource);
    command.text[0] = b.store(resource.serviceName);
    command.text[1] = b.store(resource.attributes);
    command.droppedAttributes = resource.droppedAttributes;
    b.commands.push_back(command);
    return m_nextResource++;
}

ResourceRef PipelinedSink::declareResource()
{
    batch().commands.emplace_back(Batch::Kind::DeclareResource);
    return m_nextResource++;
}

void PipelinedSink::defineResource(ResourceRef ref, const ResourceRecord& resource)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::DefineResource);
    command.ref = ref;
    command.text[0] = b.store(resource.serviceName);
    command.text[1] = b.store(resource.attributes);
    command.droppedAttributes = resource.droppedAttributes;
    b.commands.push_back(command);
}

ScopeRef PipelinedSink::addScope(const ScopeRecord& scope)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::AddScope);
    command.text[0] = b.store(scope.name);
    command.text[1] = b.store(scope.version);
    command.text[2] = b.store(scope.attributes);
    b.commands.push_back(command);
    return m_nextScope++;
}

ScopeRef PipelinedSink::declareScope()
{
    batch().commands.emplace_back(Batch::Kind::DeclareScope);
    return m_nextScope++;
}

void PipelinedSink::defineScope(ScopeRef ref, const ScopeRecord& scope)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::DefineScope);
    command.ref = ref;
    command.text[0] = b.store(scope.name);
    command.text[1] = b.store(scope.version);
    command.text[2] = b.store(scope.attributes);
    b.commands.push_back(command);
}

void PipelinedSink::addSpan(const SpanRecord& span)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::Span);
    command.span = span;
    command.span.events = {};
    command.span.links = {};
    command.text[0] = b.store(span.name);
    command.text[1] = b.store(span.traceState);
    command.text[2] = b.store(span.statusMessage);
    command.text[3] = b.store(span.attributes);
    command.eventsBegin = uint32_t(b.events.size());
    for (const EventRecord& event : span.events)
        b.events.push_back(Batch::StoredEvent{event.timeNs, b.store(event.name), b.store(event.attributes),
                                              event.droppedAttributes});
    command.eventsEnd = uint32_t(b.events.size());
    command.linksBegin = uint32_t(b.links.size());
    for (const LinkRecord& link : span.links)
        b.links.push_back(Batch::StoredLink{link.traceId, link.spanId, b.store(link.traceState),
                                            b.store(link.attributes), link.flags, link.droppedAttributes,
                                            link.type});
    command.linksEnd = uint32_t(b.links.size());
    b.commands.push_back(command);
    if (++b.spans % 64 == 0 && b.arena.size() + b.commands.size() * sizeof(Batch::Command) >= m_batchBytes)
        pushBatch();
}

void PipelinedSink::addWarning(const ImportMessage& warning)
{
    Batch& b = batch();
    Batch::Command command(Batch::Kind::Warning);
    command.text[0] = b.store(warning.text);
    command.location = warning.location;
    b.commands.push_back(command);
}

void PipelinedSink::finish()
{
    pushBatch();
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    checkFailure();
}

} // namespace spanscope
