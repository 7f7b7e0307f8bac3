// SPDX-License-Identifier: MIT
#pragma once

#include "model/ImportLimits.h"
#include "model/SourceLocation.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spanscope {

class Workspace;

// Bumped whenever an importer reads the same bytes differently, so that a cached import made by
// an older Spanscope is imported again instead of reused (it stays readable in saved workspaces).
// 1: times of 0 are the epoch, empty ids get synthetic ones, OpenTelemetry's status, scope and
// trace state tags are read from Jaeger and Zipkin.
constexpr int kImporterVersion = 1;

struct ImportOptions
{
    bool reuseCached = true; // same path, size and mtime: reuse the earlier import (--no-cache: false)
    // After a new import, keep only this many recently opened sources (0: keep all). The shared
    // cache workspace sets it; a workspace the user saved does not.
    size_t cacheLimit = 0;
    std::vector<int64_t> protectedSources; // never evicted (the sources open in the window)
    ImportLimits limits;
};

struct ImportProgress
{
    uint64_t bytesDone = 0;
    uint64_t bytesTotal = 0;
    const char* stage = "reading"; // "reading", "indexing", "summarising"
};

struct ImportOutcome
{
    enum class Status
    {
        Imported,
        Reused,
        Failed,
        Cancelled
    };

    Status status = Status::Failed;
    std::string path;
    int64_t sourceId = 0;
    std::string format;  // "otlp-json", ...
    std::string variant; // "JSON Lines", "gzip", ...
    uint64_t spans = 0;
    uint64_t traces = 0;
    uint64_t warningCount = 0;
    std::vector<ImportMessage> warnings; // the first ones, with their locations
    std::string error;                   // "FILE:LINE:COLUMN: what" when Failed
    double seconds = 0;

    bool succeeded() const { return status == Status::Imported || status == Status::Reused; }
};

using ProgressCallback = std::function<void(const ImportProgress&)>;

// Imports one file into the workspace: identify, reuse the cached import or sniff the format,
// stream it through the importer into a WorkspaceWriter, and commit, all in the calling thread
// (the window calls it from a worker). Errors come back in the outcome, never as exceptions.
ImportOutcome importFile(Workspace& workspace, const std::string& path, const ImportOptions& options,
                         const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace spanscope
