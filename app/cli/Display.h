// SPDX-License-Identifier: MIT
#pragma once

namespace spanscope::cli {

// Whether Qt can show anything: a display is set (DISPLAY, WAYLAND_DISPLAY) or a platform plugin
// is chosen (QT_QPA_PLATFORM, or -platform among the arguments). Qt aborts when it finds no
// display, so the window asks first (and says what works without one), and `spanscope export`
// paints offscreen instead.
bool haveDisplay(int argc = 0, char** argv = nullptr);

} // namespace spanscope::cli
