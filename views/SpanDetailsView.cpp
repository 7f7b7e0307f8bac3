// SPDX-License-Identifier: MIT
#include "SpanDetailsView.h"

#include "layout/TraceAnalysis.h"
#include "model/AttributeModel.h"
#include "model/EventModel.h"
#include "model/TextFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace spanscope {

SpanDetailsView::SpanDetailsView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)), m_notes(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_attributes(new AttributeModel(this)),
      m_resource(new AttributeModel(this)), m_links(new AttributeModel(this)), m_events(new EventModel(this))
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
    m_notes->setStyleSheet(QStringLiteral("color: #9a6700;"));

    m_tabs->addTab(makeTable(m_attributes, true), tr("Attributes"));
    m_tabs->addTab(makeTable(m_resource, true), tr("Resource"));
    m_tabs->addTab(makeTable(m_events, false), tr("Events"));
    QTableView* links = makeTable(m_links, false);
    links->setToolTip(tr("Double-click a link to go to the linked span"));
    connect(links, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.row() >= 0 && size_t(index.row()) < m_linkList.size()) {
            const SpanLink& link = m_linkList[size_t(index.row())];
            emit linkActivated(QString::fromStdString(toHex128(link.traceId)),
                               QString::fromStdString(toHex64(link.spanId)));
        }
    });
    m_tabs->addTab(links, tr("Links"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_notes);
    layout->addWidget(m_tabs, 1);
    clear();
}

QTableView* SpanDetailsView::makeTable(QAbstractItemModel* model, bool sortable)
{
    auto* table = new QTableView(this);
    if (sortable) {
        auto* proxy = new QSortFilterProxyModel(table);
        proxy->setSourceModel(model);
        proxy->setSortRole(AttributeModel::SortRole);
        table->setModel(proxy);
        table->setSortingEnabled(true);
        table->sortByColumn(-1, Qt::AscendingOrder); // file order until the user sorts
    } else {
        table->setModel(model);
    }
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->resizeSection(0, 220);
    table->horizontalHeader()->resizeSection(1, 320);
    table->installEventFilter(this);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copy = new QAction(tr("Copy"), table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this, table]() { copySelection(table); });
    table->addAction(copy);
    return table;
}

bool SpanDetailsView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        copySelection(static_cast<QTableView*>(watched));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SpanDetailsView::copySelection(QTableView* table)
{
    // Tab-separated rows with the full, untruncated values.
    QStringList lines;
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows) {
        QStringList cells;
        for (int column = 0; column < table->model()->columnCount(); ++column) {
            const QModelIndex cell = row.siblingAtColumn(column);
            const QVariant full = cell.data(AttributeModel::FullTextRole);
            cells << (full.isValid() ? full.toString() : cell.data().toString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
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

    std::vector<std::pair<QString, QString>> linkRows;
    for (const SpanLink& link : details.links) {
        const QString type = link.type == LinkType::FollowsFrom ? tr("follows from")
                             : link.type == LinkType::ChildOf   ? tr("child of")
                                                                : tr("link");
        linkRows.emplace_back(type,
                              QString::fromStdString(toHex128(link.traceId) + " / " + toHex64(link.spanId)));
    }
    m_links->setAttributes({}, std::move(linkRows));
    m_linkList = details.links;
    m_tabs->setTabText(2, tr("Events (%1)").arg(details.events.size()));
    m_tabs->setTabText(3, tr("Links (%1)").arg(details.links.size()));
}

} // namespace spanscope
