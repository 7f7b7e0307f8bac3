// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <optional>

namespace spanscope {

// Light or dark: what the window follows (the system's palette unless the user chose) and what an
// export is drawn in (light unless asked).
enum class Appearance
{
    Light,
    Dark
};

// The colours a painted view uses for everything that is not a service colour. Painters take
// them from the scene, never from constants, so the window and every export share one look.
struct ViewTheme
{
    Appearance appearance = Appearance::Light;
    QColor background;
    QColor alternateRow;
    QColor header;
    QColor grid;
    QColor divider;
    QColor text;
    QColor mutedText;
    QColor selection;
    QColor error;
    QColor eventTick;
    QColor minimapBackground;
    QColor minimapFrame;
    // The critical path: a stripe through the bars in whichever of two inks contrasts more with
    // the bar (black and white reach at least 4.58:1 on any colour), criticalPathWidth pixels tall,
    // edged above and below by criticalPathHalo pixels of the other ink, so that it reads as a
    // line on every bar and in either look (a black stripe alone looks like a gap on a dark page).
    QColor criticalPath;
    QColor criticalPathOnDark;
    int criticalPathWidth = 4;
    int criticalPathHalo = 1;
    // Spans moved by the clock-skew adjustment: an arrow and a rule on the bar, a clock by the name.
    QColor skewMark;
    // The trace area's notices (an incomplete trace, clock skew, where an error started): an
    // amber banner, its text at least 7:1 on its background in either look.
    QColor noticeBackground;
    QColor noticeText;
    QColor noticeBorder;

    static const ViewTheme& light();
    static const ViewTheme& dark();
    static const ViewTheme& of(Appearance appearance);
    // The theme that matches a widget palette: dark when its window colour is dark.
    static const ViewTheme& matching(const QPalette& palette);

    // "light" or "dark" (as the command line and the settings spell them); nullopt otherwise.
    static std::optional<Appearance> parse(const QString& name);
    static QString name(Appearance appearance);

    // The palette for the application's widgets in this appearance (with the Fusion style).
    static QPalette widgetPalette(Appearance appearance);
    // Gives the running application's widgets this appearance (Fusion style and its palette), or
    // the platform's own style and palette back for nullopt ("follow the system").
    static void applyToApplication(std::optional<Appearance> appearance);
};

} // namespace spanscope
