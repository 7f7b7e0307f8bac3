// SPDX-License-Identifier: MIT
#include "SpanDetailsView.h"

#include "DetailTable.h"
#include "layout/TraceAnalysis.h"
#include "model/AttributeModel.h"
#include "model/AttributeSortProxy.h"
#include "model/EventModel.h"
#include "model/LinkModel.h"
#include "model/TextFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTabWidget>
#include <QVBoxLayout>

namespace spanscope {

SpanDetailsView::SpanDetailsView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)), m_notes(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_attributes(new AttributeModel(this)),
      m_resource(new AttributeModel(this)), m_links(new LinkModel(this)), m_events(new EventModel(this))
{
    for (QLabel* label : {m_title, m_summary, m_notes}) {
        label->setTextFormat(Qt::PlainText); // span names come from files: never rich text
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    updateNoteColour();

    m_attributeTable = makeTable(m_attributes, true);
    m_tabs->addTab(m_attributeTable, tr("Attributes"));
    m_tabs->addTab(makeTable(m_resource, true), tr("Resource"));
    m_eventTable = makeTable(m_events, false);
    m_eventTable->horizontalHeader()->resizeSection(EventModel::TimeColumn, 90);
    m_eventTable->horizontalHeader()->resizeSection(EventModel::NameColumn, 220);
    m_tabs->addTab(m_eventTable, tr("Events"));

    m_linkTable = makeTable(m_links, false);
    m_linkTable->horizontalHeader()->resizeSection(LinkModel::TraceIdColumn, 280);
    m_linkTable->horizontalHeader()->resizeSection(LinkModel::SpanIdColumn, 150);
    m_linkTable->horizontalHeader()->resizeSection(LinkModel::TypeColumn, 100);
    m_linkTable->setToolTip(tr("Double-click a link to go to the linked span"));
    m_linkTable->setDoubleClickShowsFullValue(false);
    connect(m_linkTable, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { activateLink(index.row()); });
    connect(m_linkTable, &DetailTable::contextMenuCreated, this,
            [this](QMenu* menu, const QModelIndex& index) {
                const SpanLink* link = m_links->linkAt(index.row());
                if (!link)
                    return;
                const QString traceId = QString::fromStdString(toHex128(link->traceId));
                const QString spanId = QString::fromStdString(toHex64(link->spanId));
                QAction* first = menu->actions().value(0);
                auto* go = new QAction(tr("&Go to Linked Span"), menu);
                go->setObjectName(QStringLiteral("goToLinkedSpan"));
                connect(go, &QAction::triggered, this, [this, row = index.row()] { activateLink(row); });
                auto* copyTrace = new QAction(tr("Copy &Trace ID"), menu);
                copyTrace->setObjectName(QStringLiteral("copyTraceId"));
                connect(copyTrace, &QAction::triggered, this,
                        [traceId] { QApplication::clipboard()->setText(traceId); });
                auto* copySpan = new QAction(tr("Copy &Span ID"), menu);
                copySpan->setObjectName(QStringLiteral("copySpanId"));
                connect(copySpan, &QAction::triggered, this,
                        [spanId] { QApplication::clipboard()->setText(spanId); });
                menu->insertActions(first, {go, copyTrace, copySpan});
                menu->insertSeparator(first);
            });
    m_tabs->addTab(m_linkTable, tr("Links"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_notes);
    layout->addWidget(m_tabs, 1);
    clear();
}

DetailTable* SpanDetailsView::makeTable(QAbstractItemModel* model, bool sortable)
{
    auto* table = new DetailTable(this);
    if (sortable) {
        auto* proxy = new AttributeSortProxy(table); // typed order: numbers as numbers, text as text
        proxy->setSourceModel(model);
        table->setModel(proxy);
        table->setSortingEnabled(true);
        table->sortByColumn(-1, Qt::AscendingOrder); // file order until the user sorts
    } else {
        table->setModel(model);
    }
    table->horizontalHeader()->resizeSection(0, 220);
    table->horizontalHeader()->resizeSection(1, 320);
    return table;
}

void SpanDetailsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateNoteColour();
    QWidget::changeEvent(event);
}

void SpanDetailsView::updateNoteColour()
{
    // Amber on the window's background, light or dark.
    QPalette palette = m_notes->palette();
    const bool dark = this->palette().color(QPalette::Window).lightness() < 128;
    palette.setColor(QPalette::WindowText, dark ? QColor(0xd29922) : QColor(0x9a6700));
    m_notes->setPalette(palette);
}

void SpanDetailsView::activateLink(int row)
{
    if (const SpanLink* link = m_links->linkAt(row))
        emit linkActivated(QString::fromStdString(toHex128(link->traceId)),
                           QString::fromStdString(toHex64(link->spanId)));
}

void SpanDetailsView::clear()
{
    m_title->setText(tr("No span selected"));
    m_summary->clear();
    m_notes->clear();
    m_notes->hide();
    m_attributes->clear();
    m_resource->clear();
    m_links->clear();
    m_events->clear();
}

QString SpanDetailsView::headerText() const
{
    return m_title->text() + QLatin1Char('\n') + m_summary->text() + QLatin1Char('\n') + m_notes->text();
}

void SpanDetailsView::showSpan(const SpanDetails& details, const TraceAnalysis& analysis, uint32_t span)
{
    const SpanTimes& times = analysis.times;
    m_title->setText(TextFormat::serviceOrUnknown(details.service) + QStringLiteral(": ") +
                     TextFormat::untrusted(details.name, 400));

    QStringList summary;
    summary << tr("Duration %1").arg(TextFormat::duration(times.duration(span)));
    summary << tr("starts at %1").arg(TextFormat::duration(times.start[span] - times.traceStart));
    summary << tr("kind %1").arg(QString::fromLatin1(spanKindName(details.kind)));
    QString status = tr("status %1").arg(QString::fromLatin1(statusCodeName(details.status)));
    if (!details.statusMessage.empty())
        status += QStringLiteral(": ") + TextFormat::untrusted(details.statusMessage, 300);
    summary << status;
    summary << tr("span %1").arg(QString::fromStdString(toHex64(details.spanId)));
    if (details.parentSpanId)
        summary << tr("parent %1").arg(QString::fromStdString(toHex64(details.parentSpanId)));
    m_summary->setText(summary.join(QStringLiteral(" · ")));

    QStringList notes;
    const uint8_t treeFlags = analysis.tree.flags[span];
    if (treeFlags & TreeFlag::Orphan)
        notes << tr("Its parent span is not in the trace: shown as an extra root.");
    if (treeFlags & TreeFlag::DuplicateId)
        notes << tr("Another span in this trace has the same span id; both are kept.");
    if (treeFlags & TreeFlag::CycleBroken)
        notes << tr("Its parent references formed a cycle, which was broken here.");
    if (treeFlags & TreeFlag::SharedServer)
        notes << tr("Server half of a shared (Zipkin) span, shown under its client half.");
    if (times.flags[span] & TimeFlag::InheritedStart)
        notes << tr("No start time in the file: the parent's start is used.");
    if (times.flags[span] & TimeFlag::ZeroDuration)
        notes << tr("No end time, or an end before the start: shown with duration 0.");
    if (times.flags[span] & TimeFlag::SkewShifted)
        notes << tr("Moved by %1 by the clock-skew adjustment.").arg(TextFormat::duration(times.shift[span]));
    if (details.droppedAttributes || details.droppedEvents || details.droppedLinks)
        notes << tr("The producer dropped %1 attribute(s), %2 event(s) and %3 link(s).")
                     .arg(details.droppedAttributes)
                     .arg(details.droppedEvents)
                     .arg(details.droppedLinks);
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());

    m_attributes->setAttributes(details.attributes);
    std::vector<std::pair<QString, QString>> scopeRows;
    if (!details.scopeName.empty())
        scopeRows.emplace_back(
            tr("(instrumentation scope)"),
            QString::fromStdString(details.scopeName + " " + details.scopeVersion).trimmed());
    m_resource->setAttributes(details.resourceAttributes, std::move(scopeRows));
    m_events->setEvents(details.events, details.startNs);

    m_links->setLinks(details.links);
    m_tabs->setTabText(2, tr("Events (%1)").arg(details.events.size()));
    m_tabs->setTabText(3, tr("Links (%1)").arg(details.links.size()));
}

} // namespace spanscope
