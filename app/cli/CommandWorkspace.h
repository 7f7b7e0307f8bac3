// SPDX-License-Identifier: MIT
#pragma once

#include "CommandSpec.h"
#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"
#include "model/Workspace.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace spanscope::cli {

// The workspace a run works in: --workspace PATH, else a throw-away one with --no-cache or
// --max-spans, else the shared cache (the window uses the same one).
struct CommandWorkspace
{
    std::unique_ptr<Workspace> workspace;
    std::string temporaryPath; // removed when done
    bool isSharedCache = false;

    CommandWorkspace() = default;
    CommandWorkspace(CommandWorkspace&& other) noexcept
        : workspace(std::move(other.workspace)), temporaryPath(std::exchange(other.temporaryPath, {})),
          isSharedCache(other.isSharedCache)
    {}
    ~CommandWorkspace();
};

// Who uses it: a command (one connection, one run) or the window (connections on several threads).
enum class WorkspaceUser
{
    Command,
    Window
};

std::optional<CommandWorkspace> openCommandWorkspace(const ParsedArguments& args, WorkspaceUser user,
                                                     std::string& error);

// Whether a run imports again instead of reusing an earlier import: --no-cache, and --max-spans (the
// cache does not know which limit an import was made with, docs/DECISIONS.md).
bool importsAgain(const ParsedArguments& args);

// How many recently used files the shared cache keeps (docs/DECISIONS.md).
constexpr size_t kCacheSources = 20;

// Imports (or reuses) a file and prints its error to stderr; nullopt when it failed. In the shared
// cache, older files beyond kCacheSources are evicted.
std::optional<ImportOutcome> importForCommand(CommandWorkspace& workspace, const std::string& path,
                                              const ParsedArguments& args);

// Picks a trace of a source: --trace ID (hex, any length), else the first one. 0 when missing.
int64_t pickTrace(Workspace& workspace, int64_t sourceId, const ParsedArguments& args, std::string& error);

// What commands on one file share: the workspace opened and the file imported (or reused).
struct ImportedFile
{
    CommandWorkspace workspace;
    ImportOutcome outcome;
    sql::Database& db() { return workspace.workspace->db(); }
};
// Prints the problem and sets `status` (Failure or BadInput) when it returns nothing.
std::optional<ImportedFile> importOneFile(const ParsedArguments& args, const std::string& path, int& status);

// What a command prints of a trace, so that it computes nothing else: the tree and the times
// always, and on top of them...
enum class TraceNeeds
{
    SelfTime,     // stats
    CriticalPath, // critical-path
    Everything    // export: what the window's analysis has
};

// ...and commands on one trace of it: picked with --trace (else the first), loaded and analysed.
struct CommandTrace
{
    ImportedFile file;
    int64_t traceRow = 0;
    std::shared_ptr<const TraceAnalysis> analysis;
};
std::optional<CommandTrace> loadOneTrace(const ParsedArguments& args, const AnalysisOptions& options,
                                         TraceNeeds needs, int& status);

} // namespace spanscope::cli
