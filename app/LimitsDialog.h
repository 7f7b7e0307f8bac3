// SPDX-License-Identifier: MIT
#pragma once

#include "model/ImportLimits.h"

#include <QDialog>

class QSpinBox;

namespace spanscope {

// File → Import Limits…: the limits a user may want to change (docs/LIMITS.md), kept in QSettings.
// Read on the UI thread into an ImportLimits value that travels with each import job.
class LimitsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LimitsDialog(QWidget* parent = nullptr);

    static ImportLimits load();
    static void save(const ImportLimits& limits);

private:
    QSpinBox* m_maxSpans;
    QSpinBox* m_maxValueKiB;
    QSpinBox* m_maxAttributes;
};

} // namespace spanscope
