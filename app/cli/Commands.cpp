// SPDX-License-Identifier: MIT
#include "Commands.h"

#include "CommandLine.h"

namespace spanscope::cli {

OptionSpec OptionSpec::flag(const QStringList& names, const QString& description)
{
    OptionSpec option;
    option.names = names;
    option.description = description;
    return option;
}

OptionSpec OptionSpec::text(const QString& name, const QString& valueName, const QString& description)
{
    OptionSpec option = flag({name}, description);
    option.kind = Kind::Text;
    option.valueName = valueName;
    return option;
}

OptionSpec OptionSpec::number(const QString& name, const QString& valueName, const QString& description,
                              uint64_t minimum, uint64_t maximum)
{
    OptionSpec option = text(name, valueName, description);
    option.kind = Kind::Number;
    option.minimum = minimum;
    option.maximum = maximum;
    return option;
}

OptionSpec OptionSpec::choice(const QString& name, const QStringList& choices, const QString& noun,
                              const QString& description)
{
    OptionSpec option = text(name, choices.join(QLatin1Char('|')), description);
    option.kind = Kind::Choice;
    option.choices = choices;
    option.choiceNoun = noun;
    return option;
}

std::optional<std::string> ParsedArguments::value(const std::string& name) const
{
    const auto found = m_values.find(name);
    return found == m_values.end() ? std::nullopt : std::optional<std::string>(found->second);
}

std::optional<uint64_t> ParsedArguments::number(const std::string& name) const
{
    const auto found = m_numbers.find(name);
    return found == m_numbers.end() ? std::nullopt : std::optional<uint64_t>(found->second);
}

namespace {

// A trillion spans is far beyond any file; the bound keeps the number readable in the help.
constexpr uint64_t kMostSpans = 1'000'000'000'000;

OptionSpec traceOption()
{
    return OptionSpec::text(
        QStringLiteral("trace"), QStringLiteral("ID"),
        Commands::tr("the trace with this id (hex); default: the first trace of the file"));
}

OptionSpec jsonOption(const QString& what)
{
    return OptionSpec::flag({QStringLiteral("json")}, what);
}

OptionSpec themeOption(const QString& what)
{
    return OptionSpec::choice(QStringLiteral("theme"), {QStringLiteral("light"), QStringLiteral("dark")},
                              Commands::tr("theme"), what);
}

std::vector<CommandSpec> makeCommands()
{
    using O = OptionSpec;
    std::vector<CommandSpec> commands;
    commands.push_back(
        {QStringLiteral("info"),
         QStringLiteral("FILE..."),
         Commands::tr("traces in the files: ids, span counts, services, root, start, duration, "
                      "errors, warnings"),
         1,
         -1,
         {jsonOption(Commands::tr("print JSON instead of a table"))},
         runInfo});
    commands.push_back(
        {QStringLiteral("spans"),
         QStringLiteral("FILE"),
         Commands::tr("every span; --json: the canonical dump (same spans, same text, whatever "
                      "the format)"),
         1,
         1,
         {traceOption(), jsonOption(Commands::tr("print the canonical span dump"))},
         runSpans});
    commands.push_back(
        {QStringLiteral("convert"),
         QStringLiteral("FILE"),
         Commands::tr("the file (or one trace) in another format (--out -: standard output)"),
         1,
         1,
         {O::choice(QStringLiteral("to"),
                    {QStringLiteral("otlp-json"), QStringLiteral("otlp-proto"), QStringLiteral("jaeger-json"),
                     QStringLiteral("zipkin-json")},
                    Commands::tr("format"), Commands::tr("the format to write"))
              .require(),
          O::text(QStringLiteral("out"), QStringLiteral("OUT"),
                  Commands::tr("the file to write (\"-\": standard output); written whole or not at all"))
              .require(),
          traceOption()},
         runConvert});
    commands.push_back(
        {QStringLiteral("critical-path"),
         QStringLiteral("FILE"),
         Commands::tr("the critical path: sections (span, start ns, end ns) from start to end, "
                      "with service and operation (Jaeger's, plus orphans')"),
         1,
         1,
         {traceOption(), jsonOption(Commands::tr("print JSON instead of a table"))},
         runCriticalPath});
    const QString keys = QStringLiteral("service|operation|KEY");
    commands.push_back(
        {QStringLiteral("stats"),
         QStringLiteral("FILE"),
         Commands::tr("Jaeger's trace statistics: count, total, avg, min, max, self time"),
         1,
         1,
         {traceOption(),
          O::text(QStringLiteral("group-by"), keys,
                  Commands::tr("group by service, operation or any attribute key; default: service")),
          O::text(QStringLiteral("subgroup-by"), keys, Commands::tr("group each group again by this")),
          jsonOption(Commands::tr("print JSON instead of a table"))},
         runStats});
    commands.push_back(
        {QStringLiteral("export"),
         QStringLiteral("FILE"),
         Commands::tr("a picture of a view, drawn as the window draws it"),
         1,
         1,
         {traceOption(),
          O::choice(QStringLiteral("view"), {QStringLiteral("waterfall")}, Commands::tr("view"),
                    Commands::tr("the view to draw; default: waterfall")),
          O::text(QStringLiteral("out"), QStringLiteral("OUT.png|svg|pdf"),
                  Commands::tr("the picture to write; its extension gives the format"))
              .require(),
          O::number(QStringLiteral("width"), QStringLiteral("PIXELS"),
                    Commands::tr("the picture's width; default: 1600"), 400, 20000),
          O::number(QStringLiteral("depth"), QStringLiteral("N"),
                    Commands::tr("collapse spans at this depth and deeper (0: roots only); default: none"), 0,
                    UINT32_MAX),
          O::number(QStringLiteral("max-rows"), QStringLiteral("N"),
                    Commands::tr("draw at most this many rows; default: 5000"), 1, 100000),
          O::choice(QStringLiteral("colour-by"), {QStringLiteral("service"), QStringLiteral("self-time")},
                    Commands::tr("colouring"), Commands::tr("bar colours; default: service")),
          themeOption(
              Commands::tr("the colours of the picture: the window's light or dark theme; default: light")),
          O::flag({QStringLiteral("adjust-clock-skew")},
                  Commands::tr("apply Jaeger's clock-skew adjustment (moved spans are marked)")),
          O::flag({QStringLiteral("no-critical-path")}, Commands::tr("do not draw the critical path"))},
         runExport});
    return commands;
}

} // namespace

const std::vector<CommandSpec>& Commands::all()
{
    static const std::vector<CommandSpec> commands = makeCommands();
    return commands;
}

const CommandSpec* Commands::find(const QString& name)
{
    for (const CommandSpec& command : all()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

const std::vector<OptionSpec>& Commands::global()
{
    static const std::vector<OptionSpec> options = {
        OptionSpec::flag({QStringLiteral("no-cache")},
                         tr("import again, into a throw-away workspace, instead of using the shared cache")),
        OptionSpec::text(QStringLiteral("workspace"), QStringLiteral("PATH"),
                         tr("use this workspace file instead of the shared cache (created if missing)")),
        OptionSpec::number(QStringLiteral("max-spans"), QStringLiteral("N"),
                           tr("import at most N spans per file (always a new import, not the cache's)"), 1,
                           kMostSpans),
        OptionSpec::flag({QStringLiteral("help"), QStringLiteral("h")}, tr("show this help")),
    };
    return options;
}

const CommandSpec& Commands::window()
{
    static const CommandSpec window = {
        QString(),
        QStringLiteral("[FILE...]"),
        tr("open the window (with the files, if any)"),
        0,
        -1,
        {themeOption(tr("light or dark widgets and views for this run (overrides the saved appearance)")),
         OptionSpec::flag({QStringLiteral("version"), QStringLiteral("v")}, tr("show the version"))},
        nullptr,
    };
    return window;
}

} // namespace spanscope::cli
