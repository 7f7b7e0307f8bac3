// SPDX-License-Identifier: MIT
#pragma once

#include "model/SourceLocation.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace spanscope {

class ByteSource;
struct ImportLimits;

enum class JsonKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    End,
    Invalid
};

// A streaming, pull-style JSON tokenizer over a ByteSource, with bounded memory.
//
// Importers walk the outer structure of a file with it (enterObject/nextKey, enterArray/
// nextElement) and take each small, self-contained piece (a span, a resource) whole with
// captureValue(), which they hand to simdjson. The scanner holds at most one such piece plus one
// read chunk in memory, whatever the size of the file; it tracks line and column for messages.
//
// Line mode (JSON Lines, the Collector's file exporter): a newline ends the current document, so a
// broken line is reported and skipped without losing the lines after it.
class JsonScanner
{
public:
    // simdjson may read this many bytes past the end of a captured value.
    static constexpr size_t kPadding = 64;
    // The buffer starts this small and doubles up to chunkSize while reads fill it: a small file
    // (a JSON Lines line, the sniffer's head, a test) does not zero-fill megabytes it never uses.
    static constexpr size_t kInitialBytes = size_t{64} * 1024;

    JsonScanner(ByteSource& source, const ImportLimits& limits, size_t chunkSize = 4 << 20);

    void setLineMode(bool on) { m_lineMode = on; }
    bool lineMode() const { return m_lineMode; }
    // Called after every read from the source: progress reports and cancellation go here.
    void setReadCallback(std::function<void()> callback) { m_readCallback = std::move(callback); }

    // Moves to the next top-level value (in line mode: the next non-blank line). False at the end.
    bool nextDocument();
    // After a top-level value: checks that only whitespace follows it on the line (line mode).
    void endDocument();
    // Line mode: drops the rest of the current line after an error, so the next line can be read.
    void skipRestOfLine();

    JsonKind peek();
    void enterObject();
    // Inside an object: the next key, or false at the closing brace. The key is valid until the
    // next call on the scanner.
    bool nextKey(std::string_view& key);
    void enterArray();
    // Inside an array: true if another element follows, false at the closing bracket.
    bool nextElement();
    void skipValue();
    // The raw text of the next value, followed in memory by kPadding readable bytes. Valid until the
    // next call on the scanner.
    std::string_view captureValue();
    // Where the last captured value starts.
    const SourceLocation& captureLocation() const { return m_captureLocation; }
    // A string value, unescaped. Valid until the next call on the scanner.
    std::string_view readString();
    // A number, true, false or null, as written.
    std::string_view readScalar();

    SourceLocation location() const;
    int depth() const { return int(m_stack.size()); }
    [[noreturn]] void fail(const std::string& message) const;

    // The location of byte `offset` of a captured value, for errors found inside it.
    static SourceLocation locationWithin(std::string_view captured, size_t offset, SourceLocation start);

private:
    struct Frame
    {
        bool object;
        bool first;
    };

    size_t limit() const;
    bool fillMore();
    bool more();
    void skipWhitespace();
    char current();
    void expect(char c, const char* what);
    void push(bool object);
    void scanStringBody();
    void scanContainer();
    void scanScalar();
    [[noreturn]] void failAtFirstSyntaxError(size_t index, const std::string& fallback);
    [[noreturn]] void failElementTooLarge() const;
    std::string_view unescape(size_t begin, size_t end);
    void noteNewline(size_t index);

    ByteSource& m_source;
    const ImportLimits& m_limits;
    size_t m_chunkSize;
    std::vector<char> m_buffer; // data region + kPadding
    size_t m_pos = 0;
    size_t m_end = 0;
    uint64_t m_base = 0; // stream offset of m_buffer[0]
    size_t m_anchor = SIZE_MAX;
    bool m_eof = false;
    bool m_lastReadFilled = false;

    bool m_lineMode = false;
    uint64_t m_lineEnd = UINT64_MAX; // stream offset of the '\n' that ends the current line
    uint64_t m_lineSearched = 0;

    uint32_t m_line = 1;
    uint64_t m_lineStart = 0;
    SourceLocation m_captureLocation;
    std::vector<Frame> m_stack;
    std::string m_scratch;
    std::vector<char> m_brackets;
    std::function<void()> m_readCallback;
};

} // namespace spanscope
