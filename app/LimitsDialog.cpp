// SPDX-License-Identifier: MIT
#include "LimitsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

namespace spanscope {

namespace {
constexpr QLatin1String kMaxSpans("import/maxSpansPerFile");
constexpr QLatin1String kMaxValueBytes("import/maxValueBytes");
constexpr QLatin1String kMaxAttributes("import/maxAttributesPerOwner");
} // namespace

ImportLimits LimitsDialog::load()
{
    ImportLimits limits;
    QSettings settings;
    limits.maxSpansPerFile = settings.value(kMaxSpans, qulonglong(limits.maxSpansPerFile)).toULongLong();
    limits.maxValueBytes = settings.value(kMaxValueBytes, limits.maxValueBytes).toUInt();
    limits.maxAttributesPerOwner = settings.value(kMaxAttributes, limits.maxAttributesPerOwner).toUInt();
    return limits;
}

void LimitsDialog::save(const ImportLimits& limits)
{
    QSettings settings;
    settings.setValue(kMaxSpans, qulonglong(limits.maxSpansPerFile));
    settings.setValue(kMaxValueBytes, limits.maxValueBytes);
    settings.setValue(kMaxAttributes, limits.maxAttributesPerOwner);
}

LimitsDialog::LimitsDialog(QWidget* parent)
    : QDialog(parent), m_maxSpans(new QSpinBox(this)), m_maxValueKiB(new QSpinBox(this)),
      m_maxAttributes(new QSpinBox(this))
{
    setWindowTitle(tr("Import Limits"));
    const ImportLimits limits = load();
    m_maxSpans->setRange(1, 2'000'000'000);
    m_maxSpans->setSuffix(tr(" spans"));
    m_maxSpans->setValue(int(std::min<uint64_t>(limits.maxSpansPerFile, 2'000'000'000)));
    m_maxValueKiB->setRange(1, 64 * 1024);
    m_maxValueKiB->setSuffix(tr(" KiB"));
    m_maxValueKiB->setValue(int(limits.maxValueBytes / 1024));
    m_maxAttributes->setRange(1, 1'000'000);
    m_maxAttributes->setValue(int(limits.maxAttributesPerOwner));

    auto* note = new QLabel(tr("Files beyond these limits import what fits, with a warning. The limits apply "
                               "to files opened from now on."),
                            this);
    note->setTextFormat(Qt::PlainText);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        ImportLimits changed = load();
        changed.maxSpansPerFile = uint64_t(m_maxSpans->value());
        changed.maxValueBytes = uint32_t(m_maxValueKiB->value()) * 1024;
        changed.maxAttributesPerOwner = uint32_t(m_maxAttributes->value());
        save(changed);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Spans per file:"), m_maxSpans);
    form->addRow(tr("Attribute value size:"), m_maxValueKiB);
    form->addRow(tr("Attributes per span:"), m_maxAttributes);
    form->addRow(note);
    form->addRow(buttons);
}

} // namespace spanscope
