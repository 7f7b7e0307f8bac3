// SPDX-License-Identifier: MIT
#include "CommandLine.h"

#include "model/Ids.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <unistd.h>

namespace spanscope {

namespace cli {

Arguments::Arguments(std::vector<std::string> args, std::vector<std::string> flags,
                     std::vector<std::string> valued)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
            std::string name = arg.substr(2);
            std::string inlineValue;
            const bool hasInline = name.find('=') != std::string::npos;
            if (hasInline) {
                inlineValue = name.substr(name.find('=') + 1);
                name = name.substr(0, name.find('='));
            }
            if (std::find(flags.begin(), flags.end(), name) != flags.end() && !hasInline) {
                m_flags.push_back(name);
            } else if (std::find(valued.begin(), valued.end(), name) != valued.end()) {
                if (hasInline) {
                    m_values.emplace_back(name, inlineValue);
                } else if (i + 1 < args.size()) {
                    m_values.emplace_back(name, args[++i]);
                } else {
                    m_error = "option --" + name + " needs a value";
                    return;
                }
            } else {
                m_error = "unknown option " + arg;
                return;
            }
        } else if (arg == "--") {
            m_positional.insert(m_positional.end(), args.begin() + long(i) + 1, args.end());
            return;
        } else {
            m_positional.push_back(arg);
        }
    }
}

bool Arguments::flag(const std::string& name) const
{
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end();
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    for (auto it = m_values.rbegin(); it != m_values.rend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return std::nullopt;
}

CommandWorkspace::~CommandWorkspace()
{
    workspace.reset();
    if (!temporaryPath.empty()) {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(temporaryPath + suffix, ignored);
    }
}

std::optional<CommandWorkspace> openCommandWorkspace(const Arguments& args, std::string& error)
{
    CommandWorkspace result;
    std::string path;
    if (const auto chosen = args.value("workspace")) {
        path = *chosen;
    } else if (args.flag("no-cache")) {
        const auto directory = std::filesystem::temp_directory_path();
        path = (directory / ("spanscope-" + std::to_string(::getpid()) + ".spanscope")).string();
        result.temporaryPath = path;
    } else {
        path = Workspace::defaultCachePath();
        result.isSharedCache = true;
    }
    auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    if (!workspace) {
        error = workspace.error();
        return std::nullopt;
    }
    result.workspace = std::move(*workspace);
    return result;
}

namespace {

std::optional<ImportOutcome> importWithCacheLimit(Workspace& workspace, const std::string& path,
                                                  const Arguments& args, size_t cacheLimit)
{
    ImportOptions options;
    options.reuseCached = !args.flag("no-cache");
    options.cacheLimit = cacheLimit;
    if (const auto limit = args.value("max-spans")) {
        options.limits.maxSpansPerFile = std::strtoull(limit->c_str(), nullptr, 10);
    }
    ImportOutcome outcome = importFile(workspace, path, options);
    if (!outcome.succeeded()) {
        std::fprintf(stderr, "spanscope: %s\n", terminalSafe(outcome.error, 4000).c_str());
        return std::nullopt;
    }
    return outcome;
}

} // namespace

std::optional<ImportOutcome> importForCommand(CommandWorkspace& workspace, const std::string& path,
                                              const Arguments& args)
{
    return importWithCacheLimit(*workspace.workspace, path, args,
                                workspace.isSharedCache ? kCacheSources : 0);
}

std::optional<ImportOutcome> importForCommand(Workspace& workspace, const std::string& path,
                                              const Arguments& args)
{
    return importWithCacheLimit(workspace, path, args, 0);
}

std::string terminalSafe(std::string_view text, size_t maxLength)
{
    std::string out;
    for (char c : text) {
        if (out.size() >= maxLength) {
            out += "...";
            break;
        }
        out += (uint8_t(c) < 0x20 || c == 0x7F) ? '?' : c;
    }
    return out;
}

std::optional<ImportedFile> importOneFile(const Arguments& args, const std::string& path, int& status)
{
    std::string error;
    auto workspace = openCommandWorkspace(args, error);
    if (!workspace) {
        std::fprintf(stderr, "spanscope: %s\n", error.c_str());
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

std::optional<CommandTrace> loadOneTrace(const Arguments& args, const AnalysisOptions& options, int& status)
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
        std::fprintf(stderr, "spanscope: %s\n", data.error().c_str());
        status = Failure;
        return std::nullopt;
    }
    auto analysis = analyzeTrace(std::move(*data), options);
    return CommandTrace{std::move(*file), traceRow, std::move(analysis)};
}

int64_t pickTrace(Workspace& workspace, int64_t sourceId, const Arguments& args, std::string& error)
{
    const auto wanted = args.value("trace");
    auto traces = workspace.db().prepare("SELECT id, trace_hi, trace_lo FROM traces WHERE source = ?1 AND "
                                         "span_count > 0 ORDER BY start_ns, id");
    traces.bind(1, sourceId);
    std::optional<TraceId> id;
    if (wanted) {
        id = parseHex128(*wanted);
        if (!id) {
            error = "--trace: \"" + terminalSafe(*wanted) + "\" is not a hex trace id";
            return 0;
        }
    }
    while (traces.step()) {
        const TraceId traceId{uint64_t(traces.columnInt(1)), uint64_t(traces.columnInt(2))};
        if (!id || traceId == *id)
            return traces.columnInt(0);
    }
    error = wanted ? "trace " + terminalSafe(*wanted) + " is not in the file" : "the file holds no trace";
    return 0;
}

} // namespace cli

namespace {

const char* kUsage = R"(Usage: spanscope [FILE...]                 open the window
       spanscope COMMAND [OPTIONS] FILE...

Commands:
  info FILE... [--json]            traces in the files: ids, span counts, services, duration, errors,
                                   warnings
  spans FILE [--trace ID] [--json] every span; --json: the canonical dump (same spans, same text,
                                   whatever the format)
  convert FILE --to otlp-json|otlp-proto|jaeger-json|zipkin-json --out OUT [--trace ID]
                                   the file (or one trace) in another format ("-": stdout)
  export FILE [--trace ID] --view waterfall --out OUT.png|svg|pdf [--width PIXELS] [--depth N]
                                   a picture of a view, drawn as the window draws it
  critical-path FILE [--trace ID] [--json]
                                   the critical path: sections (span, start ns, end ns) from start
                                   to end, with service and operation (Jaeger's, plus orphans')
  stats FILE [--trace ID] [--group-by service|operation|KEY] [--subgroup-by ...] [--json]
                                   Jaeger's trace statistics: count, total, avg, min, max, self time

Options for every command:
  --no-cache          import again into a throw-away workspace instead of the shared cache
  --workspace PATH    use this workspace file instead of the shared cache
  --max-spans N       import at most N spans per file
  -h, --help          show this help
  --version           show the version

Exit status: 0 success, 2 bad usage, 3 bad input (the message names the file and the place).
)";

} // namespace

std::optional<int> runCommandLine(int argc, char** argv)
{
    if (argc < 2)
        return std::nullopt;
    const std::string first = argv[1];
    std::vector<std::string> rest(argv + 2, argv + argc);
    if (first == "--version" || first == "-v") {
        std::printf("spanscope %s\n", SPANSCOPE_VERSION);
        return cli::Success;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        std::fputs(kUsage, stdout);
        return cli::Success;
    }
    static const std::map<std::string, std::function<int(const std::vector<std::string>&)>> commands = {
        {"info", cli::runInfo},       {"spans", cli::runSpans},
        {"convert", cli::runConvert}, {"critical-path", cli::runCriticalPath},
        {"stats", cli::runStats},     {"export", cli::runExport},
    };
    const auto command = commands.find(first);
    if (command != commands.end()) {
        if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
            std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
            std::fputs(kUsage, stdout);
            return cli::Success;
        }
        return command->second(rest);
    }
    if (first.rfind("-", 0) == 0) {
        std::fprintf(stderr, "spanscope: unknown option %s\n%s", cli::terminalSafe(first).c_str(), kUsage);
        return cli::Usage;
    }
    return std::nullopt; // file names: open the window
}

} // namespace spanscope
