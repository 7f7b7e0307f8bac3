// SPDX-License-Identifier: MIT
#include "ImportRunner.h"

#include "ImportFailure.h"
#include "ImportPipeline.h"
#include "io/ByteSource.h"
#include "model/PipelinedSink.h"
#include "model/TraceCatalog.h"
#include "model/Workspace.h"
#include "model/WorkspaceWriter.h"

#include <chrono>

namespace spanscope {

namespace {

void readStoredSummary(Workspace& workspace, ImportOutcome& outcome)
{
    const auto stored = TraceCatalog(workspace.db()).storedImport(outcome.sourceId);
    if (!stored)
        return;
    outcome.format = stored->format;
    outcome.variant = stored->variant;
    outcome.spans = stored->spans;
    outcome.traces = stored->traces;
    outcome.warningCount = stored->warningCount;
    for (const StoredImport::Warning& warning : stored->warnings) {
        ImportMessage message;
        // The stored location is already text ("12:5" or "byte 40"); keep it as the message prefix.
        message.text = warning.location.empty() ? warning.message : warning.location + ": " + warning.message;
        outcome.warnings.push_back(std::move(message));
    }
}

} // namespace

ImportOutcome importFile(Workspace& workspace, const std::string& path, const ImportOptions& options,
                         const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&]() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    ImportOutcome outcome;
    outcome.path = path;

    const auto identity = FileIdentity::of(path);
    if (!identity) {
        outcome.error = identity.error();
        return outcome;
    }

    try {
        if (options.reuseCached) {
            if (const auto cached = workspace.findImportedSource(*identity, kImporterVersion)) {
                outcome.status = ImportOutcome::Status::Reused;
                outcome.sourceId = *cached;
                workspace.touchSource(*cached);
                readStoredSummary(workspace, outcome);
                outcome.seconds = elapsed();
                return outcome;
            }
        }

        auto file = openFileSource(path);
        const ByteSource* fileForProgress = file.get();
        WriterOptions writerOptions;
        writerOptions.importerVersion = kImporterVersion;
        WorkspaceWriter writer(workspace, *identity, writerOptions);
        const auto total = uint64_t(identity->size);
        uint64_t lastReported = 0;
        const auto onRead = [&]() {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw ImportCancelled();
            const uint64_t done = fileForProgress->fileBytesRead();
            // Throttled: no report for less than 0.1 % of the file (docs/ARCHITECTURE.md, "Conventions").
            if (progress && (done - lastReported) * 1000 >= total) {
                lastReported = done;
                progress(ImportProgress{done, total, "reading"});
            }
        };
        writer.setStageCallback([&](const char* stage) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw ImportCancelled();
            if (progress)
                progress(ImportProgress{total, total, stage});
        });
        // Parsing on this thread, SQLite on another: the two overlap on two cores.
        StreamInfo info;
        {
            PipelinedSink pipeline(writer);
            info = importStream(std::move(file), pipeline, options.limits, onRead);
            pipeline.finish();
        }
        outcome.sourceId = writer.commit(int64_t(elapsed() * 1000), formatId(info.format), info.variant);
        outcome.status = ImportOutcome::Status::Imported;
        readStoredSummary(workspace, outcome);
        if (options.cacheLimit > 0) {
            std::vector<int64_t> keep = options.protectedSources;
            keep.push_back(outcome.sourceId);
            workspace.evictSources(options.cacheLimit, keep);
        }
    } catch (const ImportFailure& failure) {
        outcome.error = failure.location().format(path, failure.what());
    } catch (const ImportCancelled&) {
        outcome.status = ImportOutcome::Status::Cancelled;
    } catch (const sql::Error& error) {
        outcome.error = path + ": cannot write to the workspace: " + error.what();
    } catch (const std::bad_alloc&) {
        outcome.error = path + ": out of memory while importing";
    }
    outcome.seconds = elapsed();
    return outcome;
}

} // namespace spanscope
