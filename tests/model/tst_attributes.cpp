// SPDX-License-Identifier: MIT
// Typed attribute blobs: every type survives, nothing is flattened to text, limits cut visibly,
// a corrupt blob never reads out of bounds, and search by key and value finds the spans.
#include "TestSupport.h"
#include "importers/ImportRunner.h"
#include "model/AttributeCodec.h"
#include "model/AttributeSearch.h"
#include "model/ImportLimits.h"
#include "model/Utf8.h"
#include "model/Workspace.h"

#include <QTest>
#include <cmath>

using namespace spanscope;

class AttributesTest : public QObject
{
    Q_OBJECT

private slots:
    void everyTypeRoundTrips()
    {
        AttributeEncoder encoder;
        encoder.addString("s", "héllo");
        encoder.addBool("b", true);
        encoder.addInt("i", -9223372036854775807LL - 1);
        encoder.addInt("big", 9223372036854775222LL);
        encoder.addDouble("d", 0.1);
        encoder.addDouble("nan", std::nan(""));
        encoder.addBytes("bytes", std::string("\x00\x01\xff", 3));
        encoder.addEmpty("empty");
        ValueListEncoder inner(false);
        inner.addInt({}, 1);
        inner.addString({}, "two");
        ValueListEncoder map(true);
        map.addEncoded("list", inner.type(), inner.count(), inner.data());
        map.addBool("flag", false);
        encoder.addEncoded("nested", map.type(), map.count(), map.data());

        AttributeReader reader(encoder.data());
        std::string_view key;
        ValueView value;
        QVERIFY(reader.next(key, value));
        QCOMPARE(key, std::string_view("s"));
        QCOMPARE(value.type, ValueType::String);
        QCOMPARE(value.text, std::string_view("héllo"));
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.type, ValueType::Bool);
        QCOMPARE(value.boolValue, true);
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.intValue, int64_t(-9223372036854775807LL - 1));
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.intValue, int64_t(9223372036854775222LL));
        QCOMPARE(valueToDisplayText(value), std::string("9223372036854775222"));
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.doubleValue, 0.1);
        QCOMPARE(valueToDisplayText(value), std::string("0.1"));
        QVERIFY(reader.next(key, value));
        QVERIFY(std::isnan(value.doubleValue));
        QCOMPARE(valueToDisplayText(value), std::string("NaN"));
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.type, ValueType::Bytes);
        QCOMPARE(value.text, std::string_view("\x00\x01\xff", 3));
        QCOMPARE(valueToDisplayText(value), std::string("AAH/"));
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.type, ValueType::Empty);
        QVERIFY(reader.next(key, value));
        QCOMPARE(value.type, ValueType::KeyValueList);
        QCOMPARE(valueToDisplayText(value), std::string(R"({"list":[1,"two"],"flag":false})"));
        QVERIFY(!reader.next(key, value));
        QVERIFY(!reader.failed());
        QCOMPARE(encoder.count(), uint32_t(9));
    }

    void limitsCutWithAVisibleMarker()
    {
        ImportLimits limits;
        limits.maxValueBytes = 10;
        limits.maxAttributesPerOwner = 2;
        AttributeEncoder encoder(&limits);
        encoder.addString("long", "ééééééééé"); // 18 bytes: cut at a character boundary
        encoder.addString("ok", "short");
        encoder.addString("dropped", "x");
        QCOMPARE(encoder.truncatedValues(), uint32_t(1));
        QCOMPARE(encoder.droppedAttributes(), uint32_t(1));
        ValueView value;
        QVERIFY(findAttribute(encoder.data(), "long", value));
        QCOMPARE(value.text, std::string_view("ééééé\xE2\x80\xA6[truncated from 18 bytes]"));
        QVERIFY(isValidUtf8(value.text));
        QVERIFY(!findAttribute(encoder.data(), "dropped", value));
    }

    void aCorruptBlobNeverReadsOutOfBounds()
    {
        AttributeEncoder encoder;
        encoder.addString("key", "value");
        encoder.addInt("n", 5);
        const std::string blob(encoder.data());
        // Every truncation and every single-byte change: iteration ends, failed() or not, no crash.
        for (size_t cut = 0; cut < blob.size(); ++cut) {
            AttributeReader reader(std::string_view(blob).substr(0, cut));
            std::string_view key;
            ValueView value;
            int count = 0;
            while (reader.next(key, value))
                ++count;
            QVERIFY(count <= 2);
        }
        for (size_t at = 0; at < blob.size(); ++at) {
            for (int byte : {0x00, 0x7F, 0x80, 0xFF}) {
                std::string changed = blob;
                changed[at] = char(byte);
                AttributeReader reader(changed);
                std::string_view key;
                ValueView value;
                while (reader.next(key, value))
                    (void)valueToDisplayText(value);
            }
        }
        // A nested list claiming a billion elements.
        std::string bogus = std::string("\x01k\x05\xff\xff\xff\xff\x0f", 8);
        AttributeReader reader(bogus);
        std::string_view key;
        ValueView value;
        QVERIFY(!reader.next(key, value));
        QVERIFY(reader.failed());
    }

    void invalidUtf8IsReplacedForOutput()
    {
        QCOMPARE(sanitizedUtf8(std::string_view("a\xffz")), std::string("a\xEF\xBF\xBDz"));
        QVERIFY(!isValidUtf8("\xC0\x80"));     // overlong
        QVERIFY(!isValidUtf8("\xED\xA0\x80")); // surrogate
        QCOMPARE(utf8Prefix("aé", 2), std::string_view("a"));
    }

    void searchFindsSpansByKeyAndValue()
    {
        test::TemporaryWorkspace temporary;
        ImportOptions options;
        const auto outcome = importFile(
            *temporary.workspace,
            test::sourcePath(QStringLiteral("resources/samples/checkout.otlp.json")).toStdString(), options);
        QVERIFY(outcome.succeeded());
        sql::Database& db = temporary.workspace->db();
        // The sample has seven postgres calls and five redis calls.
        QCOMPARE(findSpansWithAttribute(db, outcome.sourceId, "db.system", "postgresql", 0).size(),
                 size_t(7));
        QCOMPARE(findSpansWithAttribute(db, 0, "db.system", "redis", 0).size(), size_t(5));
        QCOMPARE(findSpansWithAttribute(db, 0, "db.system", "redis", 2).size(), size_t(2));
        // Typed values are matched by their text.
        QCOMPARE(findSpansWithAttribute(db, 0, "http.response.status_code", "504", 0).size(), size_t(2));
        QCOMPARE(findSpansWithAttribute(db, 0, "cache.hit", "false", 0).size(), size_t(1));
        // Text from a search box is a parameter, never SQL.
        QCOMPARE(findSpansWithAttribute(db, 0, "db.system", "x' OR 1=1 --", 0).size(), size_t(0));
        QCOMPARE(db.queryInt("SELECT count(*) FROM spans WHERE attr_text(attrs, 'model.name') = 'fraud-gbm'"),
                 int64_t(2));
    }
};

QTEST_GUILESS_MAIN(AttributesTest)
#include "tst_attributes.moc"
