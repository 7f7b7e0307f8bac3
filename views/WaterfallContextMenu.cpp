// SPDX-License-Identifier: MIT
// The menu a right click on a span opens: copy its ids and names, zoom to it, expand or collapse
// its subtree, show only its service or hide it.
#include "WaterfallView.h"
#include "model/Ids.h"
#include "model/TextFormat.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>

namespace spanscope {

namespace {
QString fromUtf8View(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

QMenu* WaterfallView::createContextMenu(uint32_t span, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("spanContextMenu"));
    if (!m_analysis || span >= m_analysis->data.size())
        return menu;
    const TraceData& data = m_analysis->data;
    const auto add = [menu](const QString& name, const QString& text, auto&& slot) {
        QAction* action = menu->addAction(text);
        action->setObjectName(name);
        connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    const auto copy = [](const QString& text) {
        QGuiApplication::clipboard()->setText(text);
    };
    // Names are copied as the file has them (with nothing cut or replaced): the clipboard is for
    // searching other tools. Only the menu's own labels are made safe.
    const QString spanId = QString::fromStdString(toHex64(data.spanId[span]));
    const QString traceId = QString::fromStdString(toHex128(data.traceId));
    const QString service = fromUtf8View(data.strings.at(data.service[span]));
    const QString operation = fromUtf8View(data.strings.at(data.name[span]));
    const QString shownService =
        TextFormat::menuText(TextFormat::serviceOrUnknown(data.strings.at(data.service[span])));
    add(QStringLiteral("copySpanId"), tr("Copy Span ID"), [=] { copy(spanId); });
    add(QStringLiteral("copyTraceId"), tr("Copy Trace ID"), [=] { copy(traceId); });
    add(QStringLiteral("copyService"), tr("Copy Service Name"), [=] { copy(service); });
    add(QStringLiteral("copyOperation"), tr("Copy Operation Name"), [=] { copy(operation); });
    add(QStringLiteral("copyServiceOperation"), tr("Copy Service and Operation"),
        [=] { copy(service + QLatin1Char(' ') + operation); });
    menu->addSeparator();
    add(QStringLiteral("zoomToSpan"), tr("Zoom to Span"), [this, span] { zoomToSpan(span); });
    QAction* expand =
        add(QStringLiteral("expandSubtree"), tr("Expand Subtree"), [this, span] { expandSubtree(span); });
    QAction* collapse = add(QStringLiteral("collapseSubtree"), tr("Collapse Subtree"),
                            [this, span] { collapseSubtree(span); });
    const bool hasChildren = m_analysis->tree.childCount(span) > 0;
    expand->setEnabled(hasChildren);
    collapse->setEnabled(hasChildren);
    menu->addSeparator();
    const uint32_t serviceString = data.service[span];
    add(QStringLiteral("showOnlyService"), tr("Show Only %1").arg(shownService),
        [this, serviceString] { showOnlyService(serviceString); });
    add(QStringLiteral("hideService"), tr("Hide %1").arg(shownService),
        [this, serviceString] { hideService(serviceString); });
    return menu;
}

} // namespace spanscope
