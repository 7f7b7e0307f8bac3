// SPDX-License-Identifier: MIT
#include "SpanTree.h"

#include "IdIndex.h"

namespace spanscope {

namespace {

constexpr uint32_t kNone = SpanTree::kNone;

// For each span id, the span that children naming that id attach to. For a Zipkin client/server
// pair that is the server half (children of a shared span run on the server); otherwise the first
// span with the id.
struct Attachments
{
    IdIndex attachTo;
    std::vector<uint32_t> serverParent; // server half -> its client half, else kNone

    explicit Attachments(size_t n) : attachTo(n), serverParent(n, kNone) {}
};

bool isClientLike(SpanKind kind)
{
    return kind == SpanKind::Client || kind == SpanKind::Unspecified || kind == SpanKind::Producer;
}

Attachments resolveIds(const TraceData& trace, SpanTree& tree)
{
    const auto n = uint32_t(trace.size());
    Attachments result(n);
    // First pass: the first span of each id; count duplicates on the side.
    std::vector<uint32_t> firstWithId(n);
    bool anyDuplicate = false;
    for (uint32_t i = 0; i < n; ++i) {
        firstWithId[i] = result.attachTo.insertFirst(trace.spanId[i], i);
        anyDuplicate |= firstWithId[i] != i;
    }
    if (!anyDuplicate)
        return result;

    // Duplicates: pair a SERVER (Zipkin "shared") with the first client-like span of the same id;
    // anything else with a repeated id is a plain duplicate, kept and reported once per id.
    IdIndex duplicateCount(n);
    std::vector<uint32_t> counts;
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t first = firstWithId[i];
        if (first == i)
            continue;
        const uint32_t slot = duplicateCount.insertFirst(trace.spanId[i], uint32_t(counts.size()));
        if (slot == counts.size())
            counts.push_back(1);
        ++counts[slot];

        const bool iServer = trace.kind[i] == SpanKind::Server;
        const bool firstServer = trace.kind[first] == SpanKind::Server;
        const uint32_t current = result.attachTo.find(trace.spanId[i]);
        const bool alreadyPaired = current != first || result.serverParent[first] != kNone;
        if (!alreadyPaired && iServer && isClientLike(trace.kind[first])) {
            result.serverParent[i] = first;
            result.attachTo.set(trace.spanId[i], i);
            tree.flags[i] |= TreeFlag::SharedServer;
        } else if (!alreadyPaired && firstServer && isClientLike(trace.kind[i])) {
            // The server half started first (clock skew): still the client's child.
            result.serverParent[first] = i;
            tree.flags[first] |= TreeFlag::SharedServer;
        } else {
            tree.flags[i] |= TreeFlag::DuplicateId;
            if (counts[slot] == 2)
                tree.warnings.push_back(TreeWarning{TreeWarning::Kind::DuplicateId, first, 0});
        }
    }
    for (TreeWarning& warning : tree.warnings) {
        if (warning.kind == TreeWarning::Kind::DuplicateId)
            warning.count = counts[duplicateCount.find(trace.spanId[warning.span])];
    }
    return result;
}

void breakCycles(SpanTree& tree)
{
    // Walk up from every span, stamping the path; meeting the current stamp again closes a cycle,
    // which is broken at the span where it closed. Each span is walked once: O(n).
    const auto n = uint32_t(tree.size());
    std::vector<uint32_t> stamp(n, 0);
    for (uint32_t start = 0; start < n; ++start) {
        if (stamp[start])
            continue;
        const uint32_t mark = start + 1;
        uint32_t node = start;
        while (node != kNone && !stamp[node]) {
            stamp[node] = mark;
            node = tree.parent[node];
        }
        if (node != kNone && stamp[node] == mark) {
            tree.parent[node] = kNone;
            tree.flags[node] |= TreeFlag::CycleBroken;
            tree.warnings.push_back(TreeWarning{TreeWarning::Kind::Cycle, node, 0});
        }
    }
}

void buildChildren(SpanTree& tree)
{
    const auto n = uint32_t(tree.size());
    tree.childOffset.assign(n + 1, 0);
    for (uint32_t i = 0; i < n; ++i) {
        if (tree.parent[i] != kNone)
            ++tree.childOffset[tree.parent[i] + 1];
        else
            tree.roots.push_back(i);
    }
    for (uint32_t i = 0; i < n; ++i)
        tree.childOffset[i + 1] += tree.childOffset[i];
    tree.children.resize(tree.childOffset[n]);
    std::vector<uint32_t> fill(tree.childOffset.begin(), tree.childOffset.end() - 1);
    // Spans are in start order, so appending in index order sorts every child list by start.
    for (uint32_t i = 0; i < n; ++i) {
        if (tree.parent[i] != kNone)
            tree.children[fill[tree.parent[i]]++] = i;
    }
}

void buildPreorder(SpanTree& tree)
{
    const auto n = uint32_t(tree.size());
    tree.preorder.reserve(n);
    tree.depth.assign(n, 0);
    tree.subtreeSize.assign(n, 1);
    tree.preorderIndex.assign(n, 0);
    std::vector<uint32_t> stack;
    // std::views::reverse, which clang-tidy suggests, does not parse in clang 14.
    // NOLINTNEXTLINE(modernize-loop-convert)
    for (auto root = tree.roots.rbegin(); root != tree.roots.rend(); ++root)
        stack.push_back(*root);
    while (!stack.empty()) {
        const uint32_t node = stack.back();
        stack.pop_back();
        tree.preorderIndex[node] = uint32_t(tree.preorder.size());
        tree.preorder.push_back(node);
        if (tree.parent[node] != kNone)
            tree.depth[node] = tree.depth[tree.parent[node]] + 1;
        tree.maxDepth = std::max(tree.maxDepth, tree.depth[node]);
        for (const uint32_t* child = tree.childrenEnd(node); child != tree.childrenBegin(node);)
            stack.push_back(*--child);
    }
    // Subtree sizes: children come after their parent in preorder, so accumulate backwards.
    for (uint32_t k = n; k-- > 0;) {
        const uint32_t node = tree.preorder[k];
        if (tree.parent[node] != kNone)
            tree.subtreeSize[tree.parent[node]] += tree.subtreeSize[node];
    }
}

} // namespace

SpanTree buildSpanTree(const TraceData& trace)
{
    const auto n = uint32_t(trace.size());
    SpanTree tree;
    tree.parent.assign(n, kNone);
    tree.flags.assign(n, 0);

    Attachments ids = resolveIds(trace, tree);
    for (uint32_t i = 0; i < n; ++i) {
        if (ids.serverParent[i] != kNone) {
            tree.parent[i] = ids.serverParent[i];
            continue;
        }
        const uint64_t parentId = trace.parentSpanId[i];
        if (parentId == 0)
            continue;
        const uint32_t parent = ids.attachTo.find(parentId);
        if (parent == IdIndex::kMissing) {
            tree.flags[i] |= TreeFlag::Orphan;
            ++tree.orphanCount;
        } else if (parent == i || (parentId == trace.spanId[i] && ids.serverParent[parent] == i)) {
            tree.flags[i] |= TreeFlag::CycleBroken;
            tree.warnings.push_back(TreeWarning{TreeWarning::Kind::SelfParent, i, 0});
        } else {
            tree.parent[i] = parent;
        }
    }
    breakCycles(tree);
    buildChildren(tree);
    buildPreorder(tree);
    return tree;
}

std::string describeTreeWarning(const TraceData& trace, const TreeWarning& warning)
{
    const std::string id = toHex64(trace.spanId[warning.span]);
    switch (warning.kind) {
    case TreeWarning::Kind::DuplicateId:
        return std::to_string(warning.count) + " spans share the id " + id + "; all are kept";
    case TreeWarning::Kind::Cycle:
        return "the parent references of span " + id + " form a cycle; it is shown as a root";
    case TreeWarning::Kind::SelfParent:
        return "span " + id + " names itself as its parent; it is shown as a root";
    }
    return {};
}

} // namespace spanscope
