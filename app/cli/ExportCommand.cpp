// SPDX-License-Identifier: MIT
// spanscope export FILE [--trace ID] --view waterfall --out OUT.png|svg|pdf: the view's picture,
// drawn headless by the same paint code as the window.
#include "CommandLine.h"
#include "layout/TraceAnalysis.h"
#include "model/EventTimes.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"
#include "views/ImageExport.h"

#include <QGuiApplication>
#include <cstdlib>

namespace spanscope::cli {

int runExport(const std::vector<std::string>& argv)
{
    const Arguments args(
        argv, {"no-cache", "adjust-clock-skew", "no-critical-path"},
        {"workspace", "max-spans", "trace", "view", "out", "width", "max-rows", "depth", "colour-by"});
    if (!args.ok() || args.positional().size() != 1 || !args.value("out")) {
        std::fprintf(stderr,
                     "spanscope export: %s\nUsage: spanscope export FILE [--trace ID] --view waterfall "
                     "--out OUT.png|svg|pdf [--width PIXELS] [--depth N] [--colour-by service|self-time]\n"
                     "       [--adjust-clock-skew] [--no-critical-path]\n",
                     args.ok() ? "one FILE and --out are needed" : args.error().c_str());
        return Usage;
    }
    const std::string view = args.value("view").value_or("waterfall");
    if (view != "waterfall") {
        std::fprintf(stderr, "spanscope export: unknown view \"%s\" (this version exports: waterfall)\n",
                     terminalSafe(view).c_str());
        return Usage;
    }
    const QString out = QString::fromStdString(*args.value("out"));
    ImageFormat format;
    if (!ImageExport::formatFromPath(out, format)) {
        std::fprintf(stderr, "spanscope export: --out must end in .png, .svg or .pdf\n");
        return Usage;
    }

    AnalysisOptions analysisOptions;
    analysisOptions.adjustClockSkew = args.flag("adjust-clock-skew");
    int status = Success;
    auto loaded = loadOneTrace(args, analysisOptions, status);
    if (!loaded)
        return status;
    const auto& analysis = loaded->analysis;
    auto events = loadEventTimes(loaded->file.db(), analysis->data);

    // Painting text needs a GUI application; without a display, Qt's offscreen platform serves.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char name[] = "spanscope";
    char* qtArgv[] = {name, nullptr};
    QGuiApplication app(qtArgc, qtArgv);

    CollapseState collapse(analysis->data.size());
    if (const auto depth = args.value("depth"))
        collapse.collapseToDepth(analysis->tree, uint32_t(std::strtoul(depth->c_str(), nullptr, 10)));
    const WaterfallRows rows = visibleRows(analysis->tree, collapse);
    WaterfallScene scene;
    scene.analysis = analysis.get();
    scene.rows = &rows;
    scene.collapse = &collapse;
    const WaterfallDecorations decorations = WaterfallDecorations::build(*analysis, std::move(events));
    scene.decorate(decorations, !args.flag("no-critical-path"));
    if (args.value("colour-by").value_or("service") == "self-time")
        scene.colouring = BarColouring::BySelfTime;
    scene.windowStart = analysis->times.traceStart;
    scene.windowEnd = analysis->times.traceStart + std::max<int64_t>(analysis->times.traceDuration(), 1);
    const int width =
        std::clamp(int(std::strtol(args.value("width").value_or("1600").c_str(), nullptr, 10)), 400, 20000);
    scene.nameColumnWidth = std::max(300, width * 30 / 100);
    const size_t maxRows = std::strtoull(args.value("max-rows").value_or("5000").c_str(), nullptr, 10);
    const QString problem = ImageExport::writeWaterfall(out, scene, width, maxRows);
    if (!problem.isEmpty()) {
        std::fprintf(stderr, "spanscope: %s\n", problem.toLocal8Bit().constData());
        return Failure;
    }
    return Success;
}

} // namespace spanscope::cli
