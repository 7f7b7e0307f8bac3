// SPDX-License-Identifier: MIT
#include "AttributeModel.h"

#include "AttributeCodec.h"
#include "TextFormat.h"

#include <cmath>

namespace spanscope {

namespace {

// The groups values sort in: numbers, text, booleans, the rest.
int typeRank(ValueType type)
{
    switch (type) {
    case ValueType::Int:
    case ValueType::Double:
        return 0;
    case ValueType::String:
        return 1;
    case ValueType::Bool:
        return 2;
    case ValueType::Bytes:
        return 3;
    case ValueType::Array:
        return 4;
    case ValueType::KeyValueList:
        return 5;
    case ValueType::Empty:
        break;
    }
    return 6;
}

template<typename T>
int threeWay(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareText(const QString& a, const QString& b)
{
    const int folded = QString::compare(a, b, Qt::CaseInsensitive);
    return folded != 0 ? folded : QString::compare(a, b, Qt::CaseSensitive);
}

// Lines in a tooltip: enough to read a stack trace's top, not a screenful.
constexpr int kToolTipLines = 40;

} // namespace

AttributeModel::AttributeModel(QObject* parent) : QAbstractTableModel(parent) {}

void AttributeModel::setAttributes(
    std::string_view blob,
    std::vector<std::pair<QString, QString>> leadingRows) // NOLINT(performance-unnecessary-value-param):
                                                          // moved from below
{
    beginResetModel();
    m_rows.clear();
    for (auto& [key, value] : leadingRows) {
        Row row;
        row.key = std::move(key);
        row.value = std::move(value);
        row.type = tr("string");
        m_rows.push_back(std::move(row));
    }
    AttributeReader reader(blob);
    std::string_view key;
    ValueView value;
    while (reader.next(key, value)) {
        Row row;
        row.key = QString::fromUtf8(key.data(), qsizetype(key.size()));
        const std::string text = valueToDisplayText(value);
        row.value = QString::fromUtf8(text.data(), qsizetype(text.size()));
        row.type = QString::fromLatin1(valueTypeName(value.type));
        row.valueType = value.type;
        if (value.type == ValueType::Int) {
            row.numeric = true;
            row.intValue = value.intValue;
            row.number = double(value.intValue);
        } else if (value.type == ValueType::Double) {
            row.numeric = true;
            row.number = value.doubleValue;
        } else if (value.type == ValueType::Bool) {
            row.number = value.boolValue ? 1 : 0;
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
        // In lines: a stack trace reads as one, not as a row of ␊ pictures.
        return index.column() == ValueColumn
                   ? TextFormat::toolTip(TextFormat::untrustedLines(text.toStdString(), 4000, kToolTipLines))
                   : QVariant();
    case FullTextRole:
        return text;
    case DetailRole::RowKey:
        return row.key;
    case DetailRole::RowValue:
        return row.value;
    case SortRole:
        if (index.column() == ValueColumn && row.numeric)
            return row.number;
        return text;
    default:
        return {};
    }
}

int AttributeModel::compareValues(const Row& left, const Row& right)
{
    const int rank = threeWay(typeRank(left.valueType), typeRank(right.valueType));
    if (rank != 0)
        return rank;
    if (left.numeric) {
        if (left.valueType == ValueType::Int && right.valueType == ValueType::Int)
            return threeWay(left.intValue, right.intValue);
        // Ints against doubles exactly: a long double holds every int64.
        const long double a = left.valueType == ValueType::Int ? (long double)left.intValue : left.number;
        const long double b = right.valueType == ValueType::Int ? (long double)right.intValue : right.number;
        if (std::isnan(a) || std::isnan(b))
            return threeWay(std::isnan(a), std::isnan(b)); // NaN after every number
        return threeWay(a, b);
    }
    if (left.valueType == ValueType::Bool)
        return threeWay(left.number, right.number);
    return compareText(left.value, right.value);
}

int AttributeModel::compare(int leftRow, int rightRow, int column) const
{
    if (leftRow < 0 || rightRow < 0 || size_t(leftRow) >= m_rows.size() || size_t(rightRow) >= m_rows.size())
        return 0;
    const Row& left = m_rows[size_t(leftRow)];
    const Row& right = m_rows[size_t(rightRow)];
    int order = 0;
    if (column == KeyColumn)
        order = compareText(left.key, right.key);
    else if (column == TypeColumn)
        order = compareText(left.type, right.type);
    return order != 0 ? order : compareValues(left, right);
}

QVariant AttributeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::InitialSortOrderRole) // keys A to Z, values smallest first, whatever the style
        return int(Qt::AscendingOrder);
    if (role != Qt::DisplayRole)
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
