// SPDX-License-Identifier: MIT
// Drives the window the way a user does (real mouse and key events, context menus) and writes the
// small trace files the window tests open.
#pragma once

#include "TestSupport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

namespace spanscope::test {

// A click on a header section, in the middle of it.
inline void clickHeader(QTableView* table, int section)
{
    QHeaderView* header = table->horizontalHeader();
    const QPoint middle(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, middle);
}

inline QPoint cellCentre(QAbstractItemView* view, int row, int column)
{
    view->scrollTo(view->model()->index(row, column));
    return view->visualRect(view->model()->index(row, column)).center();
}

inline void clickCell(QAbstractItemView* view, int row, int column)
{
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cellCentre(view, row, column));
}

inline void doubleClickCell(QAbstractItemView* view, int row, int column)
{
    const QPoint centre = cellCentre(view, row, column);
    // A double-click is a press, a release and a double-click event, as the platform sends them.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
}

// Right-click on a cell: the context menu event the platform sends; returns the menu that popped up.
inline QMenu* openContextMenu(QAbstractItemView* view, int row, int column)
{
    const QPoint centre = cellCentre(view, row, column);
    QContextMenuEvent event(QContextMenuEvent::Mouse, centre, view->viewport()->mapToGlobal(centre));
    QApplication::sendEvent(view->viewport(), &event);
    return qobject_cast<QMenu*>(QApplication::activePopupWidget());
}

// Clicks a menu entry with the mouse, as a user picks it.
inline bool clickMenuEntry(QMenu* menu, const QString& objectName)
{
    for (QAction* action : menu->actions()) {
        if (action->objectName() == objectName && action->isEnabled()) {
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
            return true;
        }
    }
    return false;
}

inline QString tooltipText(const QVariant& tooltip)
{
    QTextDocument document;
    document.setHtml(tooltip.toString());
    return document.toPlainText();
}

// One span as OTLP JSON.
inline QByteArray otlpSpan(const QByteArray& traceId, const QByteArray& spanId, const QByteArray& parent,
                           const QByteArray& name, qint64 startMs, qint64 endMs, bool error = false,
                           const QByteArray& extra = {})
{
    QByteArray span = "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\",";
    if (!parent.isEmpty())
        span += "\"parentSpanId\":\"" + parent + "\",";
    span += "\"name\":\"" + name + "\",\"kind\":2,\"startTimeUnixNano\":\"" +
            QByteArray::number(startMs * 1000000) + "\",\"endTimeUnixNano\":\"" +
            QByteArray::number(endMs * 1000000) + "\"";
    if (error)
        span += ",\"status\":{\"code\":2,\"message\":\"failed\"}";
    if (!extra.isEmpty())
        span += "," + extra;
    return span + "}";
}

inline QByteArray otlpFile(const QByteArray& service, const QList<QByteArray>& spans)
{
    QByteArray joined;
    for (const QByteArray& span : spans)
        joined += (joined.isEmpty() ? "" : ",\n") + span;
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{"
           "\"stringValue\":\"" +
           service + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"test\"},\"spans\":[\n" + joined +
           "]}]}]}\n";
}

inline QByteArray traceIdOf(int n, char filler = '0')
{
    return QByteArray(30, filler) + QByteArray::number(n, 16).rightJustified(2, '0');
}

// Three traces of one service, unlike in every column: start, duration, spans, errors.
//   trace …01 "GET /short"  2 ms     1 span   0 errors  (first)
//   trace …02 "GET /long"   1500 ms  3 spans  1 error
//   trace …03 "GET /mid"    250 ms   2 spans  2 errors  (last)
// The first trace's root carries the typed attributes, the stack trace, an event and a link.
inline QString writeFileA(const QDir& directory)
{
    const QByteArray attributes =
        "\"attributes\":["
        "{\"key\":\"count\",\"value\":{\"intValue\":\"10\"}},"
        "{\"key\":\"name\",\"value\":{\"stringValue\":\"beta\"}},"
        "{\"key\":\"small\",\"value\":{\"intValue\":\"9\"}},"
        "{\"key\":\"flag\",\"value\":{\"boolValue\":true}},"
        "{\"key\":\"ratio\",\"value\":{\"doubleValue\":9.5}},"
        "{\"key\":\"Alpha\",\"value\":{\"stringValue\":\"Alpha\"}},"
        "{\"key\":\"big\",\"value\":{\"intValue\":\"9007199254740993\"}},"
        "{\"key\":\"big.double\",\"value\":{\"doubleValue\":9007199254740992}},"
        "{\"key\":\"negative\",\"value\":{\"intValue\":\"-3\"}},"
        "{\"key\":\"text10\",\"value\":{\"stringValue\":\"10 apples\"}},"
        "{\"key\":\"off\",\"value\":{\"boolValue\":false}},"
        "{\"key\":\"exception.stacktrace\",\"value\":{\"stringValue\":\"java.lang.IllegalStateException: "
        "boom\\n\\tat com.example.Cart.checkout(Cart.java:42)\\n\\tat "
        "com.example.Api.handle(Api.java:7)\"}}],"
        "\"events\":[{\"timeUnixNano\":\"1000500000\",\"name\":\"exception\",\"attributes\":["
        "{\"key\":\"exception.type\",\"value\":{\"stringValue\":\"IllegalStateException\"}},"
        "{\"key\":\"exception.stacktrace\",\"value\":{\"stringValue\":\"line one\\nline two\"}}]}],"
        "\"links\":[{\"traceId\":\"" +
        traceIdOf(2) +
        "\",\"spanId\":\"0000000000000021\",\"attributes\":[{\"key\":\"link.reason\",\"value\":{"
        "\"stringValue\":"
        "\"retry\"}}]}]";
    const QList<QByteArray> spans{
        otlpSpan(traceIdOf(1), "0000000000000011", {}, "GET /short", 1000, 1002, false, attributes),
        otlpSpan(traceIdOf(2), "0000000000000021", {}, "GET /long", 2000, 3500, true),
        otlpSpan(traceIdOf(2), "0000000000000022", "0000000000000021", "load", 2100, 3000),
        otlpSpan(traceIdOf(2), "0000000000000023", "0000000000000021", "save", 3000, 3400),
        otlpSpan(traceIdOf(3), "0000000000000031", {}, "GET /mid", 4000, 4250, true),
        otlpSpan(traceIdOf(3), "0000000000000032", "0000000000000031", "query", 4010, 4200, true),
    };
    const QString path = directory.filePath(QStringLiteral("alpha.otlp.json"));
    writeFile(path, otlpFile("alpha", spans));
    return path;
}

// Two traces of another service, after file A's in time.
inline QString writeFileB(const QDir& directory)
{
    const QList<QByteArray> spans{
        otlpSpan(traceIdOf(1, 'b'), "00000000000000b1", {}, "POST /orders", 9000, 9040),
        otlpSpan(traceIdOf(2, 'b'), "00000000000000b2", {}, "GET /orders/{orderId}/line-items", 9500, 9510),
    };
    const QString path = directory.filePath(QStringLiteral("bravo.otlp.json"));
    writeFile(path, otlpFile("bravo", spans));
    return path;
}

} // namespace spanscope::test
