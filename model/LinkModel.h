// SPDX-License-Identifier: MIT
#pragma once

#include "DetailRoles.h"
#include "SpanDetails.h"

#include <QAbstractTableModel>

namespace spanscope {

// A span's links (OTLP links, Jaeger references): the linked trace and span, the kind of link, and
// its attributes in one line. For the details' context menu a row's key is the linked span
// ("trace id/span id") and its value the attributes, one per line.
class LinkModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TraceIdColumn,
        SpanIdColumn,
        TypeColumn,
        AttributesColumn,
        ColumnCount
    };

    explicit LinkModel(QObject* parent = nullptr);

    void setLinks(const std::vector<SpanLink>& links);
    void clear();
    const SpanLink* linkAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString typeName(LinkType type) const;

    std::vector<SpanLink> m_links;
};

} // namespace spanscope
