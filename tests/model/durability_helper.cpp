// SPDX-License-Identifier: MIT
// A child process for tst_durability, killed with SIGKILL in the middle of its work:
//   durability_helper annotate WORKSPACE   adds notes forever, printing "saved ID" after each commit
//   durability_helper saveas WORKSPACE TARGET   "Save workspace as" (VACUUM INTO), once
#include "model/AnnotationStore.h"
#include "model/Workspace.h"

#include <cstdio>
#include <cstring>
#include <string>

using namespace spanscope;

int main(int argc, char** argv)
{
    if (argc < 3)
        return 2;
    auto workspace = Workspace::open(argv[2], Workspace::OpenMode::CreateIfMissing);
    if (!workspace) {
        std::fprintf(stderr, "%s\n", workspace.error().c_str());
        return 1;
    }
    if (std::strcmp(argv[1], "annotate") == 0) {
        AnnotationStore store((*workspace)->db());
        for (uint64_t i = 1;; ++i) {
            Annotation note;
            note.traceId = TraceId{0, 0x4242};
            note.spanId = i;
            note.text = "note " + std::to_string(i) + std::string(200, 'x');
            const auto id = store.add(note);
            if (!id) {
                std::fprintf(stderr, "%s\n", id.error().c_str());
                return 1;
            }
            // Reported only after the commit returned: everything printed must survive a kill.
            std::printf("saved %lld\n", (long long)*id);
            std::fflush(stdout);
        }
    }
    if (std::strcmp(argv[1], "saveas") == 0 && argc > 3) {
        std::printf("started\n");
        std::fflush(stdout);
        const auto saved = (*workspace)->saveAs(argv[3]);
        std::printf("%s\n", saved ? "done" : saved.error().c_str());
        return saved ? 0 : 1;
    }
    return 2;
}
