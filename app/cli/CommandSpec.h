// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace spanscope::cli {

// One option of a command (or of every command, or of the window): what it is called, what kind
// of value it takes, and how that value is checked. The parser, the usage line and the help all
// come from these.
struct OptionSpec
{
    enum class Kind
    {
        Flag,   // --json
        Text,   // --out OUT: any non-empty text
        Number, // --width PIXELS: a whole number in [minimum, maximum]
        Choice  // --theme light|dark: one of the choices
    };

    QStringList names; // the long name first ("help", then "h")
    Kind kind = Kind::Flag;
    QString valueName; // "PATH", "N"; for a choice the choices joined by '|'
    QString description;
    uint64_t minimum = 0;
    uint64_t maximum = UINT64_MAX;
    QStringList choices;
    QString choiceNoun; // "format": unknown format "csv"
    bool required = false;

    QString name() const { return names.front(); }

    static OptionSpec flag(const QStringList& names, const QString& description);
    static OptionSpec text(const QString& name, const QString& valueName, const QString& description);
    static OptionSpec number(const QString& name, const QString& valueName, const QString& description,
                             uint64_t minimum, uint64_t maximum);
    static OptionSpec choice(const QString& name, const QStringList& choices, const QString& noun,
                             const QString& description);
    OptionSpec& require()
    {
        required = true;
        return *this;
    }
};

// The arguments of one run, checked against its options: every number in range, every choice
// known, every required option there, the files counted. Files and texts are the bytes given.
class ParsedArguments
{
public:
    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::optional<uint64_t> number(const std::string& name) const;

private:
    friend class ArgumentParser;
    std::vector<std::string> m_positional;
    std::set<std::string> m_flags;
    std::map<std::string, std::string> m_values;
    std::map<std::string, uint64_t> m_numbers;
};

// A command: `spanscope NAME FILE... [options]`. The window is the command without a name.
struct CommandSpec
{
    QString name;       // "info"; empty for the window
    QString fileSyntax; // "FILE...", "FILE", "[FILE...]"
    QString summary;    // what it does, for the help
    int minimumFiles = 1;
    int maximumFiles = 1; // -1: any number
    std::vector<OptionSpec> options;
    int (*run)(const ParsedArguments&) = nullptr;
};

} // namespace spanscope::cli
