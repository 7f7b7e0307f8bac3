// SPDX-License-Identifier: MIT
#include "OtlpProtoTestSupport.h"

#include "TestSupport.h"
#include "importers/Importer.h"
#include "importers/io/ByteSource.h"

namespace spanscope::test::otlpproto {

Pb stringAttribute(std::string_view key, std::string_view value)
{
    return Pb().bytes(1, key).message(2, Pb().bytes(1, value));
}

Pb simpleSpan(char traceByte, char spanByte, std::string_view name)
{
    return Pb()
        .bytes(1, std::string(16, traceByte))
        .bytes(2, std::string(8, spanByte))
        .bytes(5, name)
        .fixed(7, 1'700'000'000'000'000'000ull, 8)
        .fixed(8, 1'700'000'000'100'000'000ull, 8);
}

std::string tracesData(const Pb& span, std::string_view service)
{
    const Pb resource = Pb().message(1, stringAttribute("service.name", service));
    const Pb scopeSpans = Pb().message(1, Pb().bytes(1, "scope")).message(2, span);
    return Pb().message(1, Pb().message(1, resource).message(2, scopeSpans)).data;
}

QString fixture(const QString& name)
{
    return sourcePath(QStringLiteral("tests/data/otlp-proto/") + name);
}

QByteArray fixtureBytes(const QString& name)
{
    return readFile(fixture(name));
}

std::unique_ptr<Imported> importFixture(const QString& name, const ImportLimits& limits)
{
    auto result = std::make_unique<Imported>();
    static_cast<ImportOutcome&>(*result) =
        importSourceInto(result->sink, openFileSource(fixture(name).toStdString()), limits);
    return result;
}

std::unique_ptr<Imported> importData(std::string bytes, const ImportLimits& limits)
{
    auto result = std::make_unique<Imported>();
    static_cast<ImportOutcome&>(*result) =
        importSourceInto(result->sink, memorySource(std::move(bytes)), limits);
    return result;
}

std::unique_ptr<Imported> runImporter(std::string bytes, const ImportLimits& limits)
{
    auto result = std::make_unique<Imported>();
    static_cast<ImportOutcome&>(*result) = runImporterInto(result->sink, *makeOtlpProtobufImporter(),
                                                           QByteArray::fromStdString(bytes), limits, false);
    return result;
}

} // namespace spanscope::test::otlpproto
