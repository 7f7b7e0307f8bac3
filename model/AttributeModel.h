// SPDX-License-Identifier: MIT
#pragma once

#include "AttributeValue.h"
#include "DetailRoles.h"

#include <QAbstractTableModel>
#include <string>
#include <vector>

namespace spanscope {

// The attributes of a span, resource, scope, event or link: key, value and type, one row each.
// Values are typed; DisplayRole shows them as safe single-line text, the tooltip in lines,
// FullTextRole gives the whole value for copying, SortRole numbers for numeric values. compare()
// is the order the tables sort in (AttributeSortProxy).
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
        FullTextRole = DetailRole::FullText,
        SortRole
    };

    explicit AttributeModel(QObject* parent = nullptr);

    // Replaces the rows with the attributes of an encoded blob; extra rows (status, ids) can be
    // put first as plain strings.
    void setAttributes(std::string_view blob, std::vector<std::pair<QString, QString>> leadingRows = {});
    void clear();

    // Sort order of two rows by a column (<0, 0, >0). Values: numbers first, in numeric order (ints
    // and doubles together, exactly), then text (case-insensitive), then booleans (false first),
    // then bytes, arrays and maps by their text, then empty values. Keys and types: text, then the
    // value.
    int compare(int leftRow, int rightRow, int column) const;

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
        ValueType valueType = ValueType::String; // leading rows are text
        int64_t intValue = 0;
        double number = 0; // Int and Double: the value; Bool: 0 or 1
        bool numeric = false;
    };
    static int compareValues(const Row& left, const Row& right);
    std::vector<Row> m_rows;
};

} // namespace spanscope
