// SPDX-License-Identifier: MIT
// spanscope-generate: realistic, deterministic trace files for benchmarks and tests.
//   spanscope-generate --spans N [--traces T] [--seed S] [--services K] [--error-rate R]
//                      [--orphan-rate R] [--jsonl] --out FILE.json
// Other formats: `spanscope convert FILE.json --to FORMAT --out OUT`.
#include "generator/OtlpJsonEmitter.h"
#include "generator/TraceGenerator.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace spanscope::bench;

int main(int argc, char** argv)
{
    GeneratorOptions options;
    std::string out;
    bool jsonLines = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "spanscope-generate: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--spans")
            options.spans = std::strtoull(value(), nullptr, 10);
        else if (arg == "--traces")
            options.traces = std::strtoull(value(), nullptr, 10);
        else if (arg == "--seed")
            options.seed = std::strtoull(value(), nullptr, 10);
        else if (arg == "--services")
            options.services = uint32_t(std::strtoul(value(), nullptr, 10));
        else if (arg == "--error-rate")
            options.errorRate = std::strtod(value(), nullptr);
        else if (arg == "--orphan-rate")
            options.orphanRate = std::strtod(value(), nullptr);
        else if (arg == "--jsonl")
            jsonLines = true;
        else if (arg == "--out")
            out = value();
        else {
            std::fprintf(stderr, "usage: spanscope-generate --spans N [--traces T] [--seed S] [--services K] "
                                 "[--error-rate R] [--orphan-rate R] [--jsonl] --out FILE.json\n");
            return 2;
        }
    }
    if (out.empty() || options.spans == 0) {
        std::fprintf(stderr, "spanscope-generate: --spans and --out are needed\n");
        return 2;
    }
    std::FILE* file = out == "-" ? stdout : std::fopen(out.c_str(), "wb");
    if (!file) {
        std::fprintf(stderr, "spanscope-generate: cannot write %s: %s\n", out.c_str(), std::strerror(errno));
        return 1;
    }
    uint64_t spans = 0;
    {
        OtlpJsonEmitter emitter(file, jsonLines);
        TraceGenerator(options).run([&](const GeneratedSpan& span) {
            emitter.add(span);
            ++spans;
            return true;
        });
        emitter.finish();
        std::fprintf(stderr, "%llu spans, %llu bytes\n", (unsigned long long)spans,
                     (unsigned long long)emitter.bytesWritten());
    }
    if (file != stdout)
        std::fclose(file);
    return 0;
}
