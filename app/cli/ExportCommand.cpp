// SPDX-License-Identifier: MIT
// spanscope export FILE [--trace ID] --view waterfall --out OUT.png|svg|pdf: the view's picture,
// drawn headless by the same paint code as the window, in the light (default) or the dark theme.
#include "CommandLine.h"
#include "CommandWorkspace.h"
#include "Display.h"
#include "TerminalText.h"
#include "layout/TraceAnalysis.h"
#include "model/EventTimes.h"
#include "model/TraceLoader.h"
#include "model/Workspace.h"
#include "views/ImageExport.h"
#include "views/ViewTheme.h"

#include <QGuiApplication>

namespace spanscope::cli {

int runExport(const ParsedArguments& args)
{
    // The view, the colouring, the theme and the numbers were checked by the parser (Commands.cpp).
    const QString out = QString::fromStdString(*args.value("out"));
    ImageFormat format;
    if (!ImageExport::formatFromPath(out, format)) {
        std::fprintf(stderr, "spanscope export: --out must end in .png, .svg or .pdf\n"
                             "Run \"spanscope export --help\" for the options.\n");
        return Usage;
    }

    const Appearance appearance =
        ViewTheme::parse(QString::fromStdString(args.value("theme").value_or("light")))
            .value_or(Appearance::Light);

    AnalysisOptions analysisOptions;
    analysisOptions.adjustClockSkew = args.flag("adjust-clock-skew");
    int status = Success;
    auto loaded = loadOneTrace(args, analysisOptions, TraceNeeds::Everything, status);
    if (!loaded)
        return status;
    const auto& analysis = loaded->analysis;
    auto events = loadEventTimes(loaded->file.db(), analysis->data);

    // Painting text needs a GUI application; without a display, Qt's offscreen platform serves.
    if (!haveDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char name[] = "spanscope";
    char* qtArgv[] = {name, nullptr};
    QGuiApplication app(qtArgc, qtArgv);

    CollapseState collapse(analysis->data.size());
    if (const auto depth = args.number("depth"))
        collapse.collapseToDepth(analysis->tree, uint32_t(*depth));
    const WaterfallRows rows = visibleRows(analysis->tree, collapse);
    WaterfallScene scene;
    scene.analysis = analysis.get();
    scene.rows = &rows;
    scene.collapse = &collapse;
    scene.theme = &ViewTheme::of(appearance);
    const WaterfallDecorations decorations = WaterfallDecorations::build(*analysis, std::move(events));
    scene.decorate(decorations, !args.flag("no-critical-path"));
    if (args.value("colour-by").value_or("service") == "self-time")
        scene.colouring = BarColouring::BySelfTime;
    scene.windowStart = analysis->times.traceStart;
    scene.windowEnd = analysis->times.traceStart + std::max<int64_t>(analysis->times.traceDuration(), 1);
    const int width = int(args.number("width").value_or(1600));
    scene.nameColumnWidth = std::max(300, width * 30 / 100);
    const size_t maxRows = size_t(args.number("max-rows").value_or(5000));
    const QString problem = ImageExport::writeWaterfall(out, scene, width, maxRows);
    if (!problem.isEmpty()) {
        writeText(stderr, QStringLiteral("spanscope: ") + terminalSafe(problem, 4000) + QLatin1Char('\n'));
        return Failure;
    }
    return Success;
}

} // namespace spanscope::cli
