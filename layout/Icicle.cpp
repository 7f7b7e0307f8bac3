// SPDX-License-Identifier: MIT
#include "Icicle.h"

#include "IdIndex.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace spanscope {

namespace {

// One id per distinct text among the trace's strings (equal names may have several indexes).
std::vector<uint32_t> canonicalStrings(const StringTable& strings)
{
    std::vector<uint32_t> canonical(strings.size());
    std::unordered_map<std::string_view, uint32_t> byText;
    for (uint32_t i = 0; i < strings.size(); ++i)
        canonical[i] = byText.emplace(strings.at(i), i).first->second;
    return canonical;
}

// IdIndex's hash suits random span ids; structured keys (two small counters side by side) would
// cluster in its linear probing. This bijection (splitmix64's finaliser) spreads them first.
uint64_t spread(uint64_t key)
{
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ull;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebull;
    return key ^ (key >> 31);
}

} // namespace

Icicle buildIcicle(const TraceData& trace, const SpanTree& tree, const SpanTimes& times,
                   const std::vector<int64_t>& selfTimes)
{
    Icicle icicle;
    icicle.nodeOfSpan.assign(tree.size(), IcicleNode::kNone);
    const std::vector<uint32_t> canonical = canonicalStrings(trace.strings);
    const auto canonicalOf = [&](uint32_t index) {
        return index < canonical.size() ? canonical[index] : 0;
    };
    // (service, operation) -> pair id: few distinct pairs, a small table that stays in cache.
    IdIndex pairIds(std::min<size_t>(tree.size(), size_t(canonical.size()) * canonical.size()));
    uint32_t pairCount = 0;
    // (parent node, pair) -> node: most nodes have a few distinct children, found by scanning the
    // parent's list of child nodes (made moments ago, so in cache); a parent with many gets its
    // children in a hash table as well, so a wide fan-out of distinct names stays O(n).
    constexpr uint32_t kNone = IcicleNode::kNone;
    constexpr uint32_t kScanLimit = 16;
    std::vector<uint32_t> nodePair;
    std::vector<uint32_t> firstChild;
    std::vector<uint32_t> nextSibling;
    std::vector<uint32_t> childCount;
    uint32_t firstRoot = kNone;
    uint32_t rootCount = 0;
    std::unique_ptr<IdIndex> wide;
    for (const uint32_t span : tree.preorder) {
        const uint64_t pairKey =
            (uint64_t(canonicalOf(trace.service[span])) << 32) | canonicalOf(trace.name[span]);
        const uint32_t pair = pairIds.insertFirst(spread(pairKey), pairCount);
        pairCount += pair == pairCount ? 1 : 0;
        const uint32_t parentSpan = tree.parent[span];
        const uint32_t parentNode = parentSpan == SpanTree::kNone ? kNone : icicle.nodeOfSpan[parentSpan];
        const uint64_t nodeKey = spread((uint64_t(parentNode) << 32) | pair);
        const uint32_t siblings = parentNode == kNone ? rootCount : childCount[parentNode];
        uint32_t found = kNone;
        if (siblings <= kScanLimit) {
            for (uint32_t c = parentNode == kNone ? firstRoot : firstChild[parentNode]; c != kNone;
                 c = nextSibling[c]) {
                if (nodePair[c] == pair) {
                    found = c;
                    break;
                }
            }
        } else {
            found = wide->find(nodeKey);
        }
        if (found == kNone) {
            found = uint32_t(icicle.nodes.size());
            IcicleNode node;
            node.parent = parentNode;
            node.depth = parentNode == kNone ? 0 : icicle.nodes[parentNode].depth + 1;
            node.service = trace.service[span];
            node.name = trace.name[span];
            icicle.nodes.push_back(node);
            icicle.maxDepth = std::max(icicle.maxDepth, node.depth);
            nodePair.push_back(pair);
            firstChild.push_back(kNone);
            childCount.push_back(0);
            uint32_t& head = parentNode == kNone ? firstRoot : firstChild[parentNode];
            uint32_t& count = parentNode == kNone ? rootCount : childCount[parentNode];
            nextSibling.push_back(head);
            head = found;
            ++count;
            if (count > kScanLimit) {
                if (!wide)
                    wide = std::make_unique<IdIndex>(tree.size());
                // Crossing the limit: the children so far join the table; later ones one by one.
                for (uint32_t c = count == kScanLimit + 1 ? head : found; c != kNone; c = nextSibling[c]) {
                    wide->insertFirst(spread((uint64_t(parentNode) << 32) | nodePair[c]), c);
                    if (count != kScanLimit + 1)
                        break;
                }
            }
        }
        IcicleNode& node = icicle.nodes[found];
        ++node.count;
        node.total += times.duration(span);
        node.self += selfTimes[span];
        icicle.nodeOfSpan[span] = found;
    }

    // Children lists (nodes were created parents first, in order of first appearance).
    const auto count = uint32_t(icicle.nodes.size());
    icicle.childOffset.assign(count + 1, 0);
    for (uint32_t i = 0; i < count; ++i) {
        if (icicle.nodes[i].parent == IcicleNode::kNone)
            icicle.roots.push_back(i);
        else
            ++icicle.childOffset[icicle.nodes[i].parent + 1];
    }
    for (uint32_t i = 0; i < count; ++i)
        icicle.childOffset[i + 1] += icicle.childOffset[i];
    icicle.children.resize(icicle.childOffset[count]);
    std::vector<uint32_t> fill(icicle.childOffset.begin(), icicle.childOffset.end() - 1);
    for (uint32_t i = 0; i < count; ++i) {
        if (icicle.nodes[i].parent != IcicleNode::kNone)
            icicle.children[fill[icicle.nodes[i].parent]++] = i;
    }

    // Placement: parents come before children in node order, so one forward pass suffices.
    for (const uint32_t root : icicle.roots) {
        icicle.nodes[root].offset = icicle.width;
        icicle.nodes[root].width = double(icicle.nodes[root].total);
        icicle.width += icicle.nodes[root].width;
    }
    for (uint32_t i = 0; i < count; ++i) {
        const IcicleNode& parent = icicle.nodes[i];
        double sum = 0;
        for (uint32_t k = icicle.childOffset[i]; k < icicle.childOffset[i + 1]; ++k)
            sum += double(icicle.nodes[icicle.children[k]].total);
        const double scale = sum > parent.width && sum > 0 ? parent.width / sum : 1.0;
        double x = parent.offset;
        for (uint32_t k = icicle.childOffset[i]; k < icicle.childOffset[i + 1]; ++k) {
            IcicleNode& child = icicle.nodes[icicle.children[k]];
            child.offset = x;
            child.width = double(child.total) * scale;
            x += child.width;
        }
    }
    return icicle;
}

} // namespace spanscope
