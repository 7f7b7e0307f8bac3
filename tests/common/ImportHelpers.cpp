// SPDX-License-Identifier: MIT
#include "ImportHelpers.h"

#include "importers/ImportFailure.h"
#include "importers/io/ByteSource.h"

namespace spanscope::test {

namespace {

CapturedImport run(std::unique_ptr<ByteSource> source, const ImportLimits& limits)
{
    CapturedImport result;
    try {
        result.info = importStream(std::move(source), result.sink, limits);
    } catch (const ImportFailure& failure) {
        result.failed = true;
        result.error = failure.location().toString() + ": " + failure.what();
    }
    return result;
}

} // namespace

CapturedImport importBytes(const QByteArray& bytes, const ImportLimits& limits)
{
    return run(memorySource(std::string(bytes.constData(), size_t(bytes.size()))), limits);
}

CapturedImport importPath(const QString& path, const ImportLimits& limits)
{
    try {
        return run(openFileSource(path.toStdString()), limits);
    } catch (const ImportFailure& failure) {
        CapturedImport result;
        result.failed = true;
        result.error = failure.what();
        return result;
    }
}

} // namespace spanscope::test
