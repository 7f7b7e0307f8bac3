// SPDX-License-Identifier: MIT
#include "AttributeModel.h"

#include "AttributeCodec.h"
#include "TextFormat.h"

namespace spanscope {

AttributeModel::AttributeModel(QObject* parent) : QAbstractTableModel(parent) {}

void AttributeModel::setAttributes(std::string_view blob,
                                   std::vector<std::pair<QString, QString>> leadingRows)
{
    beginResetModel();
    m_rows.clear();
    for (auto& [key, value] : leadingRows)
        m_rows.push_back(Row{std::move(key), std::move(value), tr("string"), 0, false});
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        Row row;
        row.key = QString::fromUtf8(key.data(), qsizetype(key.size()));
        const std::string text = valueToDisplayText(value);
        row.value = QString::fromUtf8(text.data(), qsizetype(text.size()));
        row.type = QString::fromLatin1(valueTypeName(value.type));
        if (value.type == ValueType::Int) {
            row.numeric = true;
            row.number = double(value.intValue);
        } else if (value.type == ValueType::Double) {
            row.numeric = true;
            row.number = value.doubleValue;
        }
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

void AttributeModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int AttributeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttributeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const QString& text = index.column() == KeyColumn     ? row.key
                          : index.column() == ValueColumn ? row.value
                                                          : row.type;
    switch (role) {
    case Qt::DisplayRole:
        return TextFormat::untrusted(text.toStdString(), 1000);
    case Qt::ToolTipRole:
        return index.column() == ValueColumn
                   ? TextFormat::toolTip(TextFormat::untrusted(text.toStdString(), 4000))
                   : QVariant();
    case FullTextRole:
        return text;
    case SortRole:
        if (index.column() == ValueColumn && row.numeric)
            return row.number;
        return text;
    default:
        return {};
    }
}

QVariant AttributeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace spanscope
