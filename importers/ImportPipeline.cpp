// SPDX-License-Identifier: MIT
#include "ImportPipeline.h"

#include "ImportFailure.h"
#include "Importer.h"
#include "io/ByteSource.h"
#include "io/FramedSource.h"
#include "io/PeekableSource.h"

namespace spanscope {

namespace {

constexpr size_t kSniffBytes = 1 << 20;
constexpr std::string_view kUtf8Bom("\xEF\xBB\xBF", 3);

std::unique_ptr<Importer> importerFor(TraceFormat format)
{
    switch (format) {
    case TraceFormat::OtlpJson:
        return makeOtlpJsonImporter();
    case TraceFormat::OtlpProtobuf:
        return makeOtlpProtobufImporter();
    case TraceFormat::JaegerJson:
        return makeJaegerJsonImporter();
    case TraceFormat::ZipkinJson:
        return makeZipkinJsonImporter();
    case TraceFormat::Unknown:
        break;
    }
    return nullptr;
}

} // namespace

StreamInfo importStream(std::unique_ptr<ByteSource> source, SpanSink& sink, const ImportLimits& limits,
                        const std::function<void()>& onRead)
{
    auto decompressed = decompressingSource(std::move(source), limits);
    const std::string compression = decompressed->compression();
    auto peekable = std::make_unique<PeekableSource>(std::move(decompressed));
    bool framed = false;
    if (looksFramed(peekable->peek(kSniffBytes))) {
        framed = true;
        peekable = std::make_unique<PeekableSource>(framedSource(std::move(peekable), limits));
    }
    const std::string_view head = peekable->peek(kSniffBytes);
    const SniffResult sniff = sniffFormat(head, head.size() < kSniffBytes);
    if (sniff.format == TraceFormat::Unknown)
        throw ImportFailure(SourceLocation{}, sniff.problem);
    if (sniff.format != TraceFormat::OtlpProtobuf && head.starts_with(kUtf8Bom)) {
        // The sniffer looked past the byte order mark some editors write; the JSON importers must
        // not see it either (it is not JSON), or the first document fails.
        char bom[kUtf8Bom.size()];
        peekable->read(bom, sizeof bom);
    }

    ImportContext context{*peekable, sink, limits, onRead, sniff.jsonLines, {}, 0, 0, {}};
    try {
        importerFor(sniff.format)->run(context);
    } catch (const SpanLimitReached&) {
        // Keep what was read; the warning is already recorded.
    }
    context.reportSyntheticIds();

    StreamInfo info;
    info.format = sniff.format;
    info.spans = context.spansRead;
    info.variant = context.variant;
    const auto add = [&](const std::string& part) {
        if (!part.empty())
            info.variant = info.variant.empty() ? part : info.variant + ", " + part;
    };
    if (framed)
        add("length-framed");
    add(compression);
    return info;
}

} // namespace spanscope
