// SPDX-License-Identifier: MIT
#pragma once

#include "WaterfallPainter.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

namespace spanscope {

enum class ImageFormat
{
    Png,
    Svg,
    Pdf
};

// Writes a picture of a view to PNG, SVG or PDF with the same paint code the widget uses.
class ImageExport
{
    Q_DECLARE_TR_FUNCTIONS(ImageExport)

public:
    // From the file name's extension; false if it is none of png, svg, pdf.
    static bool formatFromPath(const QString& path, ImageFormat& format);

    // The whole waterfall (every visible row) at the given width; height follows the rows, up to
    // maxRows rows. Returns an error message, or an empty string on success.
    static QString writeWaterfall(const QString& path, const WaterfallScene& scene, int width,
                                  size_t maxRows);
};

} // namespace spanscope
