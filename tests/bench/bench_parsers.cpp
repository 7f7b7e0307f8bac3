// SPDX-License-Identifier: MIT
// The measurement behind the choice of JSON parser (docs/PERFORMANCE.md): the same OTLP JSON file
// read by nlohmann-json's SAX parser, by simdjson's on-demand API over the whole file in memory,
// and by Spanscope's streaming reader (the scanner finds each span, simdjson parses it) into a sink
// that keeps nothing. Prints MB/s and peak memory for each.
//   bench_parsers FILE
#include "importers/ImportPipeline.h"
#include "importers/io/ByteSource.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <sstream>
#include <sys/resource.h>

using namespace spanscope;

namespace {

double since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

struct CountingSax : nlohmann::json_sax<nlohmann::json>
{
    size_t values = 0;
    bool null() override { return ++values; }
    bool boolean(bool) override { return ++values; }
    bool number_integer(number_integer_t) override { return ++values; }
    bool number_unsigned(number_unsigned_t) override { return ++values; }
    bool number_float(number_float_t, const string_t&) override { return ++values; }
    bool string(string_t&) override { return ++values; }
    bool binary(binary_t&) override { return ++values; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override
    {
        return false;
    }
};

class NullSink : public SpanSink
{
public:
    ResourceRef addResource(const ResourceRecord&) override { return ++m_refs; }
    ResourceRef declareResource() override { return ++m_refs; }
    void defineResource(ResourceRef, const ResourceRecord&) override {}
    ScopeRef addScope(const ScopeRecord&) override { return 1; }
    ScopeRef declareScope() override { return 1; }
    void defineScope(ScopeRef, const ScopeRecord&) override {}
    void addSpan(const SpanRecord& span) override { spans += span.spanId != 0; }
    void addWarning(const ImportMessage&) override {}
    size_t spans = 0;

private:
    ResourceRef m_refs = 0;
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
        return 2;
    const std::string path = argv[1];
    std::ifstream file(path, std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    const std::string text = buffer.str();
    const double megabytes = double(text.size()) / 1e6;

    {
        CountingSax sax;
        const auto start = std::chrono::steady_clock::now();
        nlohmann::json::sax_parse(text, &sax);
        std::printf("nlohmann-json SAX (file in memory): %7.1f MB/s  (%zu values)\n",
                    megabytes / since(start), sax.values);
    }
    {
        simdjson::padded_string padded(text);
        simdjson::ondemand::parser parser;
        const auto start = std::chrono::steady_clock::now();
        size_t spans = 0;
        auto document = parser.iterate(padded);
        for (auto resourceSpans : document["resourceSpans"].get_array()) {
            for (auto scopeSpans : resourceSpans["scopeSpans"].get_array()) {
                for (auto span : scopeSpans["spans"].get_array()) {
                    std::string_view id = span["spanId"].get_string();
                    spans += !id.empty();
                }
            }
        }
        std::printf("simdjson on-demand (file in memory, span ids only): %7.1f MB/s  (%zu spans)\n",
                    megabytes / since(start), spans);
    }
    {
        NullSink sink;
        const auto start = std::chrono::steady_clock::now();
        importStream(openFileSource(path), sink, ImportLimits{});
        std::printf("Spanscope streaming reader (every field, typed attributes): %7.1f MB/s  (%zu spans)\n",
                    megabytes / since(start), sink.spans);
    }
    std::printf("peak RSS of this process (the file is held in memory for the first two): %ld MB\n",
                peakRssMb());
    return 0;
}
