// SPDX-License-Identifier: MIT
#include "CommandWorkspace.h"

#include "CommandLine.h"
#include "TerminalText.h"
#include "layout/SelfTime.h"
#include "model/Ids.h"
#include "model/TraceCatalog.h"
#include "model/TraceLoader.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace spanscope::cli {

CommandWorkspace::~CommandWorkspace()
{
    workspace.reset();
    if (!temporaryPath.empty()) {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(temporaryPath + suffix, ignored);
    }
}

namespace {

// A new, empty file of a name no other run uses (mkstemps), for a throw-away workspace.
std::string createTemporaryFile(std::string& error)
{
    std::string path = (std::filesystem::temp_directory_path() / "spanscope-XXXXXX.spanscope").string();
    const int descriptor = ::mkstemps(path.data(), int(std::strlen(".spanscope")));
    if (descriptor < 0) {
        error = path + ": cannot create a temporary workspace: " + std::strerror(errno);
        return {};
    }
    ::close(descriptor);
    return path;
}

} // namespace

bool importsAgain(const ParsedArguments& args)
{
    return args.flag("no-cache") || args.number("max-spans").has_value();
}

std::optional<CommandWorkspace> openCommandWorkspace(const ParsedArguments& args, WorkspaceUser user,
                                                     std::string& error)
{
    CommandWorkspace result;
    std::string path;
    Workspace::OpenMode mode = Workspace::OpenMode::CreateIfMissing;
    if (const auto chosen = args.value("workspace")) {
        path = *chosen;
    } else if (importsAgain(args)) {
        // A cut import must not replace the whole one in the shared cache, nor be reused later.
        path = createTemporaryFile(error);
        if (path.empty())
            return std::nullopt;
        result.temporaryPath = path;
        // A command's throw-away workspace has one connection and is deleted at the end: it needs
        // no durability. The window's has connections on several threads, which need the log.
        if (user == WorkspaceUser::Command)
            mode = Workspace::OpenMode::Scratch;
    } else {
        path = Workspace::defaultCachePath();
        result.isSharedCache = true;
    }
    auto workspace = Workspace::open(path, mode);
    if (!workspace) {
        error = workspace.error();
        return std::nullopt;
    }
    result.workspace = std::move(*workspace);
    return result;
}

std::optional<ImportOutcome> importForCommand(CommandWorkspace& workspace, const std::string& path,
                                              const ParsedArguments& args)
{
    ImportOptions options;
    options.reuseCached = !importsAgain(args);
    options.cacheLimit = workspace.isSharedCache ? kCacheSources : 0;
    if (const auto limit = args.number("max-spans"))
        options.limits.maxSpansPerFile = *limit;
    ImportOutcome outcome = importFile(*workspace.workspace, path, options);
    if (!outcome.succeeded()) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(outcome.error, 4000).c_str());
        return std::nullopt;
    }
    return outcome;
}

std::optional<ImportedFile> importOneFile(const ParsedArguments& args, const std::string& path, int& status)
{
    std::string error;
    auto workspace = openCommandWorkspace(args, WorkspaceUser::Command, error);
    if (!workspace) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(error, 4000).c_str());
        status = Failure;
        return std::nullopt;
    }
    auto outcome = importForCommand(*workspace, path, args);
    if (!outcome) {
        status = BadInput;
        return std::nullopt;
    }
    return ImportedFile{std::move(*workspace), std::move(*outcome)};
}

namespace {

std::shared_ptr<const TraceAnalysis> analyzeFor(TraceData data, const AnalysisOptions& options,
                                                TraceNeeds needs)
{
    if (needs == TraceNeeds::Everything)
        return analyzeTrace(std::move(data), options);
    auto analysis = std::make_shared<TraceAnalysis>();
    analysis->data = std::move(data);
    analysis->options = options;
    analysis->tree = buildSpanTree(analysis->data);
    analysis->times = effectiveTimes(analysis->data, analysis->tree);
    if (options.adjustClockSkew)
        analysis->clockSkew =
            adjustClockSkew(analysis->data, analysis->tree, analysis->times, options.maxClockSkewShiftNs);
    if (needs == TraceNeeds::SelfTime)
        analysis->selfTime = computeSelfTimes(analysis->tree, analysis->times);
    else
        analysis->criticalPath = computeCriticalPath(analysis->data, analysis->tree, analysis->times);
    return analysis;
}

} // namespace

std::optional<CommandTrace> loadOneTrace(const ParsedArguments& args, const AnalysisOptions& options,
                                         TraceNeeds needs, int& status)
{
    auto file = importOneFile(args, args.positional().front(), status);
    if (!file)
        return std::nullopt;
    std::string error;
    const int64_t traceRow = pickTrace(*file->workspace.workspace, file->outcome.sourceId, args, error);
    if (traceRow == 0) {
        std::fprintf(stderr, "spanscope: %s: %s\n", terminalSafe(file->outcome.path).c_str(), error.c_str());
        status = BadInput;
        return std::nullopt;
    }
    auto data = TraceLoader(file->db()).load(traceRow);
    if (!data) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(data.error(), 4000).c_str());
        status = Failure;
        return std::nullopt;
    }
    auto analysis = analyzeFor(std::move(*data), options, needs);
    return CommandTrace{std::move(*file), traceRow, std::move(analysis)};
}

int64_t pickTrace(Workspace& workspace, int64_t sourceId, const ParsedArguments& args, std::string& error)
{
    const auto wanted = args.value("trace");
    std::optional<TraceId> id;
    if (wanted) {
        id = parseHex128(*wanted);
        if (!id) {
            error = "--trace: \"" + terminalSafe(*wanted) + "\" is not a hex trace id";
            return 0;
        }
    }
    for (const TraceRef& trace : TraceCatalog(workspace.db()).tracesOfSource(sourceId)) {
        if (!id || trace.id == *id)
            return trace.row;
    }
    error = wanted ? "trace " + terminalSafe(*wanted) + " is not in the file" : "the file holds no trace";
    return 0;
}

} // namespace spanscope::cli
