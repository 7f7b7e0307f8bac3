// SPDX-License-Identifier: MIT
#pragma once

#include "CaptureSink.h"
#include "importers/ImportPipeline.h"
#include "model/ImportLimits.h"

#include <QByteArray>
#include <QString>
#include <string>

namespace spanscope::test {

// The result of importing bytes or a file into a CaptureSink, without a workspace.
struct CapturedImport
{
    CaptureSink sink;
    StreamInfo info;
    bool failed = false;
    std::string error; // "LOCATION: message" when failed
};

CapturedImport importBytes(const QByteArray& bytes, const ImportLimits& limits = {});
CapturedImport importPath(const QString& path, const ImportLimits& limits = {});

} // namespace spanscope::test
