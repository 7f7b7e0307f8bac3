// SPDX-License-Identifier: MIT
#pragma once

namespace spanscope {

class MainWindow;

namespace cli {

// For tests of the window path: with SPANSCOPE_REPORT_AND_QUIT=1 in the environment, once the window
// is shown and the files of the command line are imported, the application prints what it is
// running with (style, layout direction, appearance, workspace, what each import gave) on stdout and
// quits: exit status 0, or 3 when an import failed. Without the variable it does nothing.
void reportWhenIdleIfAsked(MainWindow& window, int expectedImports);

} // namespace cli

} // namespace spanscope
