// SPDX-License-Identifier: MIT
// spanscope convert FILE --to FORMAT --out OUT [--trace ID]: the file (or one trace) in another
// format, read through the workspace like every command, written trace by trace. What each format
// cannot carry is in docs/FORMATS.md, "Conversion".
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "TerminalText.h"
#include "importers/writers/TraceExport.h"
#include "importers/writers/TraceWriter.h"
#include "model/Workspace.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace spanscope::cli {

namespace {

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) && !error;
}

} // namespace

int runConvert(const ParsedArguments& args)
{
    // --to is one of the writers' formats and --out is there: the parser checked (Commands.cpp).
    const std::string to = *args.value("to");
    const std::string out = *args.value("out");
    const auto format = outputFormatFromName(to);
    if (!format) {
        std::fprintf(stderr, "spanscope convert: unknown format \"%s\"\n", terminalSafe(to).c_str());
        return Usage;
    }
    const std::string& input = args.positional().front();
    const bool toStdout = out == "-";
    if (!toStdout && sameFile(input, out)) {
        std::fprintf(stderr, "spanscope convert: --out must not be the input file\n%s",
                     "Run \"spanscope convert --help\" for the options.\n");
        return Usage;
    }

    int status = Success;
    auto imported = importOneFile(args, input, status);
    if (!imported)
        return status;
    const ImportOutcome* outcome = &imported->outcome;
    int64_t traceRow = 0; // 0: every trace of the file
    if (args.value("trace")) {
        std::string error;
        traceRow = pickTrace(*imported->workspace.workspace, outcome->sourceId, args, error);
        if (traceRow == 0) {
            std::fprintf(stderr, "spanscope: %s: %s\n", terminalSafe(outcome->path).c_str(), error.c_str());
            return BadInput;
        }
    }

    // Written to a temporary file next to OUT and renamed at the end: a failed conversion never
    // leaves a half-written file under the name asked for.
    const std::string temporary = out + ".spanscope-" + std::to_string(::getpid()) + ".tmp";
    std::ofstream file;
    if (!toStdout) {
        file.open(temporary, std::ios::binary | std::ios::trunc);
        if (!file) {
            std::fprintf(stderr, "spanscope: cannot write %s\n", terminalSafe(out, 1000).c_str());
            return Failure;
        }
    }
    std::ostream& stream = toStdout ? std::cout : file;
    const auto writer = makeTraceWriter(*format, stream);
    sql::Database& db = imported->db();
    const uint64_t spans =
        traceRow != 0 ? exportTrace(db, traceRow, *writer) : exportSource(db, outcome->sourceId, *writer);
    writer->finish();
    stream.flush();
    if (toStdout)
        return std::cout ? Success : Failure;

    file.close();
    bool written = bool(file);
    std::error_code fileError;
    if (written) {
        std::filesystem::rename(temporary, out, fileError);
        written = !fileError;
    }
    if (!written) {
        std::filesystem::remove(temporary, fileError);
        std::fprintf(stderr, "spanscope: cannot write %s\n", terminalSafe(out, 1000).c_str());
        return Failure;
    }
    std::printf("%s: %llu span(s) written as %s\n", terminalSafe(out, 1000).c_str(),
                (unsigned long long)spans, outputFormatName(*format));
    return Success;
}

} // namespace spanscope::cli
