// SPDX-License-Identifier: MIT
#include "ServicePalette.h"

#include "layout/TraceAnalysis.h"

#include <algorithm>
#include <cmath>

namespace spanscope {

namespace {

// Twenty well-separated colours of medium lightness: bars read on white, black text reads on bars.
constexpr QRgb kPalette[] = {
    0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xedc948, 0x5fa2ce, 0x9c755f, 0xff9da7, 0x86bcb6,
    0x8cd17d, 0xa0cbe8, 0xffbe7d, 0xb6992d, 0xd37295, 0x499894, 0xfabfd2, 0xd4a6c8, 0x79706e, 0xbab0ac,
};
constexpr size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

} // namespace

QColor paletteColor(size_t index)
{
    return QColor(kPalette[index % kPaletteSize]);
}

size_t paletteSize()
{
    return kPaletteSize;
}

ServiceColors::ServiceColors(const TraceAnalysis& analysis)
{
    const TraceData& data = analysis.data;
    m_byString.assign(data.strings.size(), QColor());
    size_t next = 0;
    for (const uint32_t span : analysis.tree.preorder) {
        const uint32_t service = data.service[span];
        if (!m_byString[service].isValid())
            m_byString[service] = data.strings.at(service).empty() ? QColor(0xb0b0b0) : paletteColor(next++);
    }
}

QColor ServiceColors::color(uint32_t serviceString) const
{
    if (serviceString < m_byString.size() && m_byString[serviceString].isValid())
        return m_byString[serviceString];
    return QColor(0xb0b0b0);
}

void ServiceColors::setColor(uint32_t serviceString, const QColor& colour)
{
    if (serviceString >= m_byString.size())
        m_byString.resize(serviceString + 1);
    m_byString[serviceString] = colour;
}

double relativeLuminance(const QColor& colour)
{
    const auto linear = [](double c) {
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) +
           0.0722 * linear(colour.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor textColorOn(const QColor& background)
{
    const double luminance =
        0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace spanscope
