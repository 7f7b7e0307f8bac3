// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace spanscope {

// Find in the trace: a text box (debounced), regex and "in attributes" options, the number of
// matches and the share of the trace's time they cover, next and previous.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget* parent = nullptr);

    QString text() const;
    bool isRegex() const;
    bool searchAttributes() const;
    QLineEdit* edit() const { return m_edit; }

    // After a search: how many spans matched and what share of the trace's time they cover. No
    // match (or a broken pattern) marks the field.
    void showResult(int matches, double timeShare, const QString& error = {});
    // Which match is selected, 1-based ("3 of 9"); 0: none of them.
    void showPosition(size_t position);
    // How many of the matches belong to hidden services (no row to jump to).
    void showHiddenMatches(int hidden);
    bool isMarkedAsNotFound() const { return m_notFound; }
    QString resultText() const;
    void activate(); // show, focus and select the text

signals:
    // Debounced (300 ms) after typing, at once on Enter (followed by nextRequested: the panel
    // jumps when the result arrives).
    void searchRequested();
    void nextRequested();
    void previousRequested();
    void closed();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateResultText();
    void markNotFound(bool notFound);

    QLineEdit* m_edit;
    QCheckBox* m_regex;
    QCheckBox* m_attributes;
    QLabel* m_result;
    QTimer* m_debounce;
    int m_matches = 0;
    double m_share = 0;
    size_t m_position = 0;
    int m_hiddenMatches = 0;
    QString m_error;
    bool m_notFound = false;
};

} // namespace spanscope
