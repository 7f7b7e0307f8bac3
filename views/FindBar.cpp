// SPDX-License-Identifier: MIT
#include "FindBar.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <algorithm>

namespace spanscope {

FindBar::FindBar(QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_regex(new QCheckBox(tr("Regex"), this)),
      m_attributes(new QCheckBox(tr("Attributes"), this)), m_result(new QLabel(this)),
      m_debounce(new QTimer(this))
{
    m_edit->setPlaceholderText(tr("Find spans by service, operation, attribute key or value"));
    m_edit->setClearButtonEnabled(true);
    m_attributes->setChecked(true);
    m_attributes->setToolTip(tr("Also search attribute keys and values"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setMinimumWidth(180);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);

    auto* previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto* next = new QToolButton(this);
    next->setText(tr("Next"));
    next->setToolTip(tr("Next match (F3)"));
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_regex);
    layout->addWidget(m_attributes);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_result);
    layout->addWidget(close);

    connect(m_edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &FindBar::searchRequested);
    connect(m_regex, &QCheckBox::toggled, this, &FindBar::searchRequested);
    connect(m_attributes, &QCheckBox::toggled, this, &FindBar::searchRequested);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        // Typed and Enter at once: search now; the panel jumps to the first match when the
        // result arrives (it comes from a background job).
        if (m_debounce->isActive()) {
            m_debounce->stop();
            emit searchRequested();
        }
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            emit previousRequested();
        else
            emit nextRequested();
    });
    connect(next, &QToolButton::clicked, this, &FindBar::nextRequested);
    connect(previous, &QToolButton::clicked, this, &FindBar::previousRequested);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
}

void FindBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        emit closed();
        return;
    }
    QWidget::keyPressEvent(event);
}

QString FindBar::text() const
{
    return m_edit->text();
}

bool FindBar::isRegex() const
{
    return m_regex->isChecked();
}

bool FindBar::searchAttributes() const
{
    return m_attributes->isChecked();
}

void FindBar::activate()
{
    show();
    m_edit->setFocus();
    m_edit->selectAll();
}

void FindBar::showResult(int matches, double timeShare, const QString& error)
{
    m_matches = matches;
    m_share = timeShare;
    m_error = error;
    m_position = 0;
    m_hiddenMatches = 0;
    updateResultText();
}

void FindBar::showHiddenMatches(int hidden)
{
    m_hiddenMatches = hidden;
    updateResultText();
}

void FindBar::showPosition(size_t position)
{
    m_position = position;
    updateResultText();
}

QString FindBar::resultText() const
{
    return m_result->text();
}

void FindBar::updateResultText()
{
    const bool searching = !m_edit->text().isEmpty();
    const int reachable = std::max(m_matches - m_hiddenMatches, 0);
    markNotFound(searching && (!m_error.isEmpty() || reachable == 0));
    if (!m_error.isEmpty()) {
        m_result->setText(tr("Invalid pattern: %1").arg(m_error));
        return;
    }
    if (!searching) {
        m_result->clear();
        return;
    }
    const QString hidden = m_hiddenMatches > 0 ? QStringLiteral(" ") + tr("(%n hidden by the service filter)",
                                                                          nullptr, m_hiddenMatches)
                                               : QString();
    if (reachable == 0) {
        m_result->setText(tr("No matches") + hidden);
        return;
    }
    const QString share = tr("%1 % of the time").arg(m_share * 100, 0, 'f', 1);
    if (m_position > 0)
        m_result->setText(tr("%1 of %n match(es), %2", nullptr, reachable).arg(m_position).arg(share) +
                          hidden);
    else
        m_result->setText(tr("%n match(es), %1", nullptr, reachable).arg(share) + hidden);
}

void FindBar::markNotFound(bool notFound)
{
    if (notFound == m_notFound)
        return;
    m_notFound = notFound;
    if (!notFound) {
        m_edit->setPalette(QPalette()); // back to the window's palette, whatever the look
        return;
    }
    // A red tint of the field's own background, so it reads in the light and the dark look.
    const bool dark = m_edit->palette().color(QPalette::Base).lightness() < 128;
    QPalette tinted;
    tinted.setColor(QPalette::Base, dark ? QColor(0x5c2b2e) : QColor(0xffdce0));
    m_edit->setPalette(tinted);
}

} // namespace spanscope
