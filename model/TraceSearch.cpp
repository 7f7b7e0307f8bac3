// SPDX-License-Identifier: MIT
#include "TraceSearch.h"

#include "AttributeCodec.h"

#include <QRegularExpression>
#include <QString>
#include <algorithm>
#include <functional>

namespace spanscope {

namespace {

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// A matcher over UTF-8 text: literal (ASCII case folding unless case-sensitive) or a regex.
class Matcher
{
public:
    explicit Matcher(const SearchQuery& query) : m_query(query)
    {
        if (query.regex) {
            m_regex = QRegularExpression(QString::fromStdString(query.text),
                                         query.caseSensitive ? QRegularExpression::NoPatternOption
                                                             : QRegularExpression::CaseInsensitiveOption);
            if (!m_regex.isValid())
                m_error = m_regex.errorString().toStdString();
        } else {
            m_needle = query.text;
            if (!query.caseSensitive)
                std::transform(m_needle.begin(), m_needle.end(), m_needle.begin(), lowerAscii);
        }
    }

    const std::string& error() const { return m_error; }
    // False when the literal text holds a character no number is written with.
    bool couldMatchNumber() const
    {
        return m_query.regex || m_needle.find_first_not_of("0123456789.eE+-naifNIty") == std::string::npos;
    }

    bool matches(std::string_view text) const
    {
        if (m_query.regex)
            return m_regex.match(QString::fromUtf8(text.data(), qsizetype(text.size()))).hasMatch();
        if (m_needle.empty())
            return false;
        if (m_query.caseSensitive)
            return text.find(m_needle) != std::string_view::npos;
        const auto it = std::search(text.begin(), text.end(), m_needle.begin(), m_needle.end(),
                                    [](char a, char b) { return lowerAscii(a) == b; });
        return it != text.end();
    }

private:
    const SearchQuery& m_query;
    QRegularExpression m_regex;
    std::string m_needle;
    std::string m_error;
};

bool attributesMatch(std::string_view blob, const Matcher& matcher)
{
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        if (matcher.matches(key))
            return true;
        if (value.type == ValueType::String ? matcher.matches(value.text)
                                            : matcher.matches(valueToDisplayText(value)))
            return true;
    }
    return false;
}

} // namespace

SearchResult searchTrace(sql::Database& db, const TraceData& trace, const SearchQuery& query,
                         const std::atomic<bool>* cancel)
{
    SearchResult result;
    const size_t n = trace.size();
    result.matches.assign(n, 0);
    if (query.text.empty())
        return result;
    const Matcher matcher(query);
    if (!matcher.error().empty()) {
        result.error = matcher.error();
        return result;
    }

    // Names: each distinct string once.
    std::vector<uint8_t> stringMatches(trace.strings.size(), 0);
    for (uint32_t i = 0; i < trace.strings.size(); ++i)
        stringMatches[i] = matcher.matches(trace.strings.at(i)) ? 1 : 0;
    for (size_t i = 0; i < n; ++i)
        result.matches[i] = stringMatches[trace.service[i]] | stringMatches[trace.name[i]];

    if (query.inAttributes && n > 0) {
        // Attributes: one pass over the trace's rows, in rowid order (sequential in the table).
        std::vector<std::pair<int64_t, uint32_t>> byRow(n);
        for (uint32_t i = 0; i < n; ++i)
            byRow[i] = {trace.rowId[i], i};
        std::sort(byRow.begin(), byRow.end());
        auto rows = db.prepare("SELECT id, attrs FROM spans WHERE id BETWEEN ?1 AND ?2 AND trace = ?3");
        rows.bind(1, byRow.front().first).bind(2, byRow.back().first).bind(3, trace.traceRow);
        size_t checked = 0;
        while (rows.step()) {
            if (cancel && (++checked & 0x3FFF) == 0 && cancel->load(std::memory_order_relaxed))
                break;
            const int64_t row = rows.columnInt(0);
            const auto it = std::lower_bound(byRow.begin(), byRow.end(), std::make_pair(row, uint32_t(0)));
            if (it == byRow.end() || it->first != row || result.matches[it->second])
                continue;
            if (attributesMatch(rows.columnBlob(1), matcher))
                result.matches[it->second] = 1;
        }
    }
    result.matchCount = uint32_t(std::count(result.matches.begin(), result.matches.end(), uint8_t(1)));
    return result;
}

} // namespace spanscope
