// SPDX-License-Identifier: MIT
#pragma once

#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"
#include "model/Workspace.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spanscope {

namespace cli {

// Exit statuses of every command (docs/ARCHITECTURE.md).
enum ExitCode
{
    Success = 0,
    Failure = 1,
    Usage = 2,
    BadInput = 3
};

// Arguments after the command name: positional arguments, flags and options with values.
class Arguments
{
public:
    Arguments(std::vector<std::string> args, std::vector<std::string> flags, std::vector<std::string> valued);

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }
    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;

private:
    std::vector<std::string> m_positional;
    std::vector<std::string> m_flags;
    std::vector<std::pair<std::string, std::string>> m_values;
    std::string m_error;
};

// Opens the workspace the command works in: --workspace PATH, else a throw-away one with
// --no-cache, else the shared cache (the window uses the same one).
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
std::optional<CommandWorkspace> openCommandWorkspace(const Arguments& args, std::string& error);

// How many recently used files the shared cache keeps (docs/DECISIONS.md).
constexpr size_t kCacheSources = 20;

// Imports (or reuses) a file and prints its error to stderr; nullopt when it failed. In the shared
// cache, older files beyond kCacheSources are evicted.
std::optional<ImportOutcome> importForCommand(CommandWorkspace& workspace, const std::string& path,
                                              const Arguments& args);
// The same for any workspace (nothing is evicted).
std::optional<ImportOutcome> importForCommand(Workspace& workspace, const std::string& path,
                                              const Arguments& args);

// Text from a trace file made safe for a terminal: control characters (escape sequences!)
// become '?'.
std::string terminalSafe(std::string_view text, size_t maxLength = 200);

// Picks a trace of a source: --trace ID (hex, any length), else the first one. 0 when missing.
int64_t pickTrace(Workspace& workspace, int64_t sourceId, const Arguments& args, std::string& error);

// What commands on one file share: the workspace opened and the file imported (or reused).
struct ImportedFile
{
    CommandWorkspace workspace;
    ImportOutcome outcome;
    sql::Database& db() { return workspace.workspace->db(); }
};
// Prints the problem and sets `status` (Failure or BadInput) when it returns nothing.
std::optional<ImportedFile> importOneFile(const Arguments& args, const std::string& path, int& status);

// ...and commands on one trace of it: picked with --trace (else the first), loaded and analysed.
struct CommandTrace
{
    ImportedFile file;
    int64_t traceRow = 0;
    std::shared_ptr<const TraceAnalysis> analysis;
};
std::optional<CommandTrace> loadOneTrace(const Arguments& args, const AnalysisOptions& options, int& status);

int runInfo(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runSpans(const std::vector<std::string>& args);
int runConvert(const std::vector<std::string>& args);
int runCriticalPath(const std::vector<std::string>& args);
int runStats(const std::vector<std::string>& args);

} // namespace cli

// Runs the command line if argv asks for a command (or --help/--version); returns the exit status,
// or nullopt when the window should start instead.
std::optional<int> runCommandLine(int argc, char** argv);

} // namespace spanscope
