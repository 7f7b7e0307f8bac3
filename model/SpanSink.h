// SPDX-License-Identifier: MIT
#pragma once

#include "SourceLocation.h"
#include "SpanRecord.h"

namespace spanscope {

// What every importer writes to. The workspace writer implements it (and a pipelined wrapper that
// hands records to a writer thread); tests implement it to capture records. An importer never sees
// SQL, and adding a format touches no code behind this interface.
class SpanSink
{
public:
    virtual ~SpanSink() = default;

    virtual ResourceRef addResource(const ResourceRecord& resource) = 0;
    // For formats that name a resource before describing it (Jaeger's processes come after the spans
    // that use them): spans may use the handle at once, the description follows.
    virtual ResourceRef declareResource() = 0;
    virtual void defineResource(ResourceRef ref, const ResourceRecord& resource) = 0;
    virtual ScopeRef addScope(const ScopeRecord& scope) = 0;
    // The same two-step form for scopes (an OTLP "scope" key may follow the spans it describes).
    virtual ScopeRef declareScope() = 0;
    virtual void defineScope(ScopeRef ref, const ScopeRecord& scope) = 0;
    virtual void addSpan(const SpanRecord& span) = 0;
    virtual void addWarning(const ImportMessage& warning) = 0;
};

} // namespace spanscope
