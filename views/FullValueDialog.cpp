// SPDX-License-Identifier: MIT
#include "FullValueDialog.h"

#include "model/TextFormat.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace spanscope {

FullValueDialog::FullValueDialog(const QString& name, const QString& value, QWidget* parent)
    : QDialog(parent), m_value(value), m_editor(new QPlainTextEdit(this)),
      m_wrap(new QCheckBox(tr("Wrap lines"), this)), m_size(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 — Spanscope").arg(TextFormat::untrusted(name.toStdString(), 120)));
    resize(900, 560);

    // Plain text only, whatever the value looks like; line breaks and tabs kept, every other
    // control character and direction override shown as a picture (docs/LIMITS.md).
    m_editor->setReadOnly(true);
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTabStopDistance(QFontMetricsF(m_editor->font()).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlainText(TextFormat::untrustedLines(value.toStdString(), -1, -1));
    connect(m_wrap, &QCheckBox::toggled, this, [this](bool on) {
        m_editor->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });

    m_size->setTextFormat(Qt::PlainText);
    m_size->setText(tr("%n character(s)", nullptr, int(value.size())) + QStringLiteral(" · ") +
                    tr("%n line(s)", nullptr, int(m_editor->document()->blockCount())));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy All"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyAll"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_value); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_wrap);
    bottom->addWidget(m_size, 1);
    bottom->addWidget(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addLayout(bottom);
}

} // namespace spanscope
