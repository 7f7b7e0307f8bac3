// SPDX-License-Identifier: MIT
#include "ImageExport.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace spanscope {

bool ImageExport::formatFromPath(const QString& path, ImageFormat& format)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        format = ImageFormat::Png;
    else if (suffix == QLatin1String("svg"))
        format = ImageFormat::Svg;
    else if (suffix == QLatin1String("pdf"))
        format = ImageFormat::Pdf;
    else
        return false;
    return true;
}

QString ImageExport::writeWaterfall(const QString& path, const WaterfallScene& scene, int width,
                                    size_t maxRows)
{
    ImageFormat format;
    if (!formatFromPath(path, format))
        return tr("%1: the picture must be .png, .svg or .pdf").arg(path);
    const WaterfallMetrics metrics;
    const size_t rows = scene.rows ? std::min(scene.rows->size(), maxRows) : 0;
    const QSize size(width, metrics.headerHeight + int(rows) * metrics.rowHeight + 2);
    const QRect area(QPoint(0, 0), size);

    switch (format) {
    case ImageFormat::Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            WaterfallPainter::paint(painter, area, scene, metrics);
        }
        if (!image.save(path, "PNG"))
            return tr("%1: cannot write the file").arg(path);
        return {};
    }
    case ImageFormat::Svg: {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(area);
        generator.setTitle(tr("Spanscope waterfall"));
        QPainter painter;
        if (!painter.begin(&generator))
            return tr("%1: cannot write the file").arg(path);
        WaterfallPainter::paint(painter, area, scene, metrics);
        painter.end();
        return {};
    }
    case ImageFormat::Pdf: {
        QPdfWriter writer(path);
        writer.setResolution(96);
        writer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(tr("Spanscope waterfall"));
        QPainter painter;
        if (!painter.begin(&writer))
            return tr("%1: cannot write the file").arg(path);
        const double scale = double(writer.width()) / size.width();
        painter.scale(scale, scale);
        WaterfallPainter::paint(painter, area, scene, metrics);
        painter.end();
        return {};
    }
    }
    return {};
}

} // namespace spanscope
