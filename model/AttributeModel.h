// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <string>
#include <vector>

namespace spanscope {

// The attributes of a span, resource, scope, event or link: key, value and type, one row each.
// Values are typed; DisplayRole shows them as safe single-line text, FullTextRole gives the whole
// value for copying, SortRole numbers for numeric values.
class AttributeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        ColumnCount
    };
    enum Role
    {
        FullTextRole = Qt::UserRole + 1,
        SortRole
    };

    explicit AttributeModel(QObject* parent = nullptr);

    // Replaces the rows with the attributes of an encoded blob; extra rows (status, ids) can be
    // put first as plain strings.
    void setAttributes(std::string_view blob, std::vector<std::pair<QString, QString>> leadingRows = {});
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QString key;
        QString value;
        QString type;
        double number = 0;
        bool numeric = false;
    };
    std::vector<Row> m_rows;
};

} // namespace spanscope
