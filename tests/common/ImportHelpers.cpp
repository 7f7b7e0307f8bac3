// SPDX-License-Identifier: MIT
#include "ImportHelpers.h"

#include "ByteMutator.h"
#include "TestSupport.h"
#include "importers/ImportFailure.h"
#include "importers/Importer.h"
#include "importers/io/ByteSource.h"

#include <QRegularExpression>

namespace spanscope::test {

namespace {

std::string locatedMessage(const ImportFailure& failure)
{
    return failure.location().toString() + ": " + failure.what();
}

std::unique_ptr<ByteSource> sourceOf(const QByteArray& bytes)
{
    return memorySource(std::string(bytes.constData(), size_t(bytes.size())));
}

} // namespace

ImportOutcome importSourceInto(SpanSink& sink, std::unique_ptr<ByteSource> source, const ImportLimits& limits)
{
    ImportOutcome outcome;
    try {
        outcome.info = importStream(std::move(source), sink, limits);
    } catch (const ImportFailure& failure) {
        outcome.failed = true;
        outcome.error = locatedMessage(failure);
    }
    return outcome;
}

ImportOutcome importBytesInto(SpanSink& sink, const QByteArray& bytes, const ImportLimits& limits)
{
    return importSourceInto(sink, sourceOf(bytes), limits);
}

ImportOutcome importPathInto(SpanSink& sink, const QString& path, const ImportLimits& limits)
{
    std::unique_ptr<ByteSource> source;
    try {
        source = openFileSource(path.toStdString());
    } catch (const ImportFailure& failure) {
        // A file that cannot be opened has no place in it to name: the message alone.
        ImportOutcome outcome;
        outcome.failed = true;
        outcome.error = failure.what();
        return outcome;
    }
    return importSourceInto(sink, std::move(source), limits);
}

ImportOutcome runImporterInto(SpanSink& sink, Importer& importer, const QByteArray& bytes,
                              const ImportLimits& limits, bool jsonLines)
{
    ImportOutcome outcome;
    const auto source = sourceOf(bytes);
    ImportContext context{*source, sink, limits, {}, jsonLines, {}, 0, 0, {}};
    try {
        importer.run(context);
    } catch (const ImportFailure& failure) {
        outcome.failed = true;
        outcome.error = locatedMessage(failure);
    } catch (const SpanLimitReached&) {
    }
    if (!outcome.failed)
        context.reportSyntheticIds(); // as the pipeline does
    outcome.info.spans = context.spansRead;
    outcome.info.variant = context.variant;
    return outcome;
}

MutationTally readMutations(const QStringList& paths, uint32_t seed, int rounds,
                            const std::vector<BytesReader>& readers)
{
    MutationTally tally;
    ByteMutator mutator(seed);
    for (const QString& path : paths) {
        const QByteArray original = readFile(path);
        if (original.isEmpty()) {
            ++tally.unreadableFiles;
            continue;
        }
        for (int round = 0; round < rounds; ++round) {
            const QByteArray bytes = mutator.mutate(original);
            for (const BytesReader& read : readers) {
                const ImportOutcome outcome = read(bytes);
                ++tally.runs;
                if (outcome.failed) {
                    ++tally.failures;
                    if (outcome.error.empty())
                        ++tally.silentFailures;
                }
            }
        }
    }
    return tally;
}

bool hasWarning(const CaptureSink& sink, const QString& pattern)
{
    const QRegularExpression regex(pattern);
    for (const std::string& warning : sink.warnings) {
        if (regex.match(QString::fromStdString(warning)).hasMatch())
            return true;
    }
    return false;
}

bool isLocated(const std::string& error)
{
    static const QRegularExpression located(QStringLiteral("^\\d+:\\d+: \\S"));
    return located.match(QString::fromStdString(error)).hasMatch();
}

std::string outcomeText(const ImportOutcome& outcome)
{
    std::string text = "variant: " + outcome.info.variant + "\n";
    text += "spans: " + std::to_string(outcome.info.spans) + "\n";
    if (outcome.failed)
        text += "error: " + outcome.error + "\n";
    return text;
}

QByteArray goldenText(const CapturedImport& result)
{
    std::string text = result.sink.dump();
    for (const auto& span : result.sink.spans) {
        if (span.w3cFlags != 0)
            text += "w3cFlags " + toHex64(span.spanId) + " = " + std::to_string(span.w3cFlags) + "\n";
    }
    return QByteArray::fromStdString(text + outcomeText(result));
}

} // namespace spanscope::test
