// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace spanscope {

// A long value (a stack trace, an SQL statement, a JSON body) in full: read-only plain text in a
// monospace font, in lines, selectable and copyable. Not modal: the window stays usable, and
// several values can be open side by side.
class FullValueDialog : public QDialog
{
    Q_OBJECT

public:
    // name: what the value is (an attribute key); value: the whole value, untrusted.
    FullValueDialog(const QString& name, const QString& value, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_editor; }
    // The value as given (what Copy puts on the clipboard).
    const QString& value() const { return m_value; }

private:
    QString m_value;
    QPlainTextEdit* m_editor;
    QCheckBox* m_wrap;
    QLabel* m_size;
};

} // namespace spanscope
