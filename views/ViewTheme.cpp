// SPDX-License-Identifier: MIT
#include "ViewTheme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace spanscope {

const ViewTheme& ViewTheme::light()
{
    static const ViewTheme theme{Appearance::Light,
                                 QColor(0xffffff),
                                 QColor(0xf7f7f9),
                                 QColor(0xeef0f3),
                                 QColor(0xe3e5e8),
                                 QColor(0xc9ccd1),
                                 QColor(0x1f2328),
                                 QColor(0x6e7781),
                                 QColor(0x2f6feb),
                                 QColor(0xd1242f),
                                 QColor(0x24292f),
                                 QColor(0xf3f4f6),
                                 QColor(0xe3e5e8),
                                 QColor(Qt::black),
                                 QColor(Qt::white),
                                 4,
                                 1,
                                 QColor(0x8250df),
                                 QColor(0xfff8c5),
                                 QColor(0x4d2d00),
                                 QColor(0xd4a72c)};
    return theme;
}

const ViewTheme& ViewTheme::dark()
{
    static const ViewTheme theme{Appearance::Dark,
                                 QColor(0x1d1f23),
                                 QColor(0x23262b),
                                 QColor(0x2a2d33),
                                 QColor(0x33363d),
                                 QColor(0x484c54),
                                 QColor(0xe4e6ea),
                                 QColor(0x9aa1ab),
                                 QColor(0x5b9bff),
                                 QColor(0xff6b6b),
                                 QColor(0xe4e6ea),
                                 QColor(0x25282d),
                                 QColor(0x33363d),
                                 QColor(Qt::black),
                                 QColor(Qt::white),
                                 4,
                                 1,
                                 QColor(0xc297ff),
                                 QColor(0x352e1f),
                                 QColor(0xf0d78a),
                                 QColor(0x5c4619)};
    return theme;
}

const ViewTheme& ViewTheme::of(Appearance appearance)
{
    return appearance == Appearance::Dark ? dark() : light();
}

const ViewTheme& ViewTheme::matching(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? dark() : light();
}

std::optional<Appearance> ViewTheme::parse(const QString& name)
{
    if (name == QLatin1String("light"))
        return Appearance::Light;
    if (name == QLatin1String("dark"))
        return Appearance::Dark;
    return std::nullopt;
}

QString ViewTheme::name(Appearance appearance)
{
    return appearance == Appearance::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

QPalette ViewTheme::widgetPalette(Appearance appearance)
{
    if (appearance == Appearance::Light)
        return QPalette(QColor(0xefefef));
    // Fusion's dark palette: every role set, disabled text dimmed.
    QPalette p;
    const QColor window(0x2b2d31), base(0x1d1f23), text(0xe4e6ea), button(0x33363b), disabled(0x7b818a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23262b));
    p.setColor(QPalette::ToolTipBase, QColor(0x33363d));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff6b6b));
    p.setColor(QPalette::Light, QColor(0x45484f));
    p.setColor(QPalette::Midlight, QColor(0x3a3d43));
    p.setColor(QPalette::Mid, QColor(0x2a2c30));
    p.setColor(QPalette::Dark, QColor(0x18191c));
    p.setColor(QPalette::Shadow, QColor(0x0d0e10));
    p.setColor(QPalette::Highlight, QColor(0x3d6fd0));
    p.setColor(QPalette::HighlightedText, QColor(0xffffff));
    p.setColor(QPalette::Link, QColor(0x5b9bff));
    p.setColor(QPalette::LinkVisited, QColor(0xb48cff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

void ViewTheme::applyToApplication(std::optional<Appearance> appearance)
{
    // The platform's style, remembered before the first change, is what "system" goes back to.
    static const QString platformStyle = QApplication::style()->name();
    if (!appearance) {
        QApplication::setStyle(QStyleFactory::create(platformStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(widgetPalette(*appearance));
}

} // namespace spanscope
