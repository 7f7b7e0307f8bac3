// SPDX-License-Identifier: MIT
// The bundled checkout sample opened as the window opens it (imported into a workspace, loaded,
// analysed), and small helpers the waterfall's tests share.
#pragma once

#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "layout/TraceAnalysis.h"
#include "model/EventTimes.h"
#include "model/TraceListReader.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"

#include <QImage>
#include <QTest>
#include <memory>

namespace spanscope::test {

struct Sample
{
    Workspace* workspace = nullptr; // lives for the test run
    std::shared_ptr<const TraceAnalysis> analysis;
    std::vector<std::tuple<uint32_t, int64_t, int64_t>> events;
};

inline Sample loadCheckoutSample(AnalysisOptions options = {})
{
    static TemporaryWorkspace* temporary = [] {
        auto* created = new TemporaryWorkspace;
        const auto outcome =
            importFile(*created->workspace,
                       sourcePath(QStringLiteral("resources/samples/checkout.otlp.json")).toStdString(),
                       ImportOptions{});
        if (!outcome.error.empty())
            qFatal("cannot import the checkout sample: %s", outcome.error.c_str());
        return created;
    }();
    Workspace& workspace = *temporary->workspace;
    const auto traces = TraceListReader(workspace.db()).list({});
    auto data = TraceLoader(workspace.db()).load(traces.at(0).traceRow);
    Sample sample;
    sample.workspace = &workspace;
    sample.events = loadEventTimes(workspace.db(), *data);
    sample.analysis = analyzeTrace(std::move(*data), options);
    return sample;
}

inline uint32_t spanNamed(const TraceAnalysis& analysis, const char* service, const char* name,
                          int occurrence = 0)
{
    const TraceData& data = analysis.data;
    for (uint32_t i = 0; i < data.size(); ++i) {
        if (data.strings.at(data.service[i]) == service && data.strings.at(data.name[i]) == name &&
            occurrence-- == 0)
            return i;
    }
    qFatal("no span %s %s", service, name);
}

// Pixels that differ between two images of the same size (a size mismatch counts every pixel).
inline int differingPixels(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return a.width() * a.height();
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int column = 0; column < x.width(); ++column)
            count += (p[column] & 0xffffff) != (q[column] & 0xffffff) ? 1 : 0;
    }
    return count;
}

// Saves both pictures beside the test binary when they differ, for looking at.
inline void keepForInspection(const QImage& actual, const QImage& expected, const QString& name)
{
    actual.save(name + QStringLiteral(".actual.png"));
    expected.save(name + QStringLiteral(".expected.png"));
}

} // namespace spanscope::test
