// SPDX-License-Identifier: MIT
#pragma once

#include "CaptureSink.h"
#include "importers/ImportPipeline.h"
#include "model/ImportLimits.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace spanscope {
class ByteSource;
class Importer;
} // namespace spanscope

namespace spanscope::test {

// How an import ended, apart from what its sink captured.
struct ImportOutcome
{
    StreamInfo info;
    bool failed = false;
    std::string error; // "LOCATION: message" when failed
};

// The whole pipeline (decompression, unframing, sniffing, the importer) into any sink, as the
// application reads, but without a workspace.
ImportOutcome importSourceInto(SpanSink& sink, std::unique_ptr<ByteSource> source,
                               const ImportLimits& limits);
ImportOutcome importBytesInto(SpanSink& sink, const QByteArray& bytes, const ImportLimits& limits);
ImportOutcome importPathInto(SpanSink& sink, const QString& path, const ImportLimits& limits);
// One importer alone, without the sniffer in front: for input the sniffer would refuse or take for
// another format. info holds only the spans read and the variant; hitting the span limit ends the
// run quietly, as in the pipeline (the importer has warned).
ImportOutcome runImporterInto(SpanSink& sink, Importer& importer, const QByteArray& bytes,
                              const ImportLimits& limits, bool jsonLines);

// An import and what it produced. Sink is CaptureSink, or a subclass of it that keeps the fields
// one format has beyond the others (OtlpCapture).
template<class Sink = CaptureSink>
struct CapturedImportOf : ImportOutcome
{
    Sink sink;
};
using CapturedImport = CapturedImportOf<>;

template<class Sink = CaptureSink>
CapturedImportOf<Sink> importBytes(const QByteArray& bytes, const ImportLimits& limits = {})
{
    CapturedImportOf<Sink> result;
    static_cast<ImportOutcome&>(result) = importBytesInto(result.sink, bytes, limits);
    return result;
}

template<class Sink = CaptureSink>
CapturedImportOf<Sink> importPath(const QString& path, const ImportLimits& limits = {})
{
    CapturedImportOf<Sink> result;
    static_cast<ImportOutcome&>(result) = importPathInto(result.sink, path, limits);
    return result;
}

template<class Sink = CaptureSink>
CapturedImportOf<Sink> runImporter(Importer& importer, const QByteArray& bytes,
                                   const ImportLimits& limits = {}, bool jsonLines = false)
{
    CapturedImportOf<Sink> result;
    static_cast<ImportOutcome&>(result) = runImporterInto(result.sink, importer, bytes, limits, jsonLines);
    return result;
}

// What reading damaged copies of files produced (readMutations).
struct MutationTally
{
    int unreadableFiles = 0; // files that were missing or empty: nothing to mutate
    int runs = 0;
    int failures = 0;       // runs that ended in an error
    int silentFailures = 0; // of those, errors without a message: a defect
};

// Reads `rounds` damaged copies of each file (ByteMutator, seeded with seed, so a failure
// reproduces) with every reader. Every run must end, with spans, warnings or an error; a crash,
// hang or sanitizer report is what this looks for, so it matters most under ASan/UBSan.
using BytesReader = std::function<ImportOutcome(const QByteArray&)>;
MutationTally readMutations(const QStringList& paths, uint32_t seed, int rounds,
                            const std::vector<BytesReader>& readers);

// Whether a warning matches the regular expression pattern.
bool hasWarning(const CaptureSink& sink, const QString& pattern);

// Whether error is "LINE:COLUMN: message", as ImportFailure reports a place in a JSON file.
bool isLocated(const std::string& error);

// The lines every golden dump ends with: the variant, the span count and the error, if any.
std::string outcomeText(const ImportOutcome& outcome);

// The golden dump of the JSON importers whose fields CaptureSink keeps (Jaeger, Zipkin): the
// sink's dump, the W3C flags that are set, then outcomeText.
QByteArray goldenText(const CapturedImport& result);

} // namespace spanscope::test
