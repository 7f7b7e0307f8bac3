// SPDX-License-Identifier: MIT
// Base64 through QByteArray (importers/common/IdCodec, model/AttributeCodec): ids, Jaeger's binary
// tags and OTLP's bytesValue are decoded with QByteArray::fromBase64Encoding, stopping at the first
// error; bytes are written with QByteArray::toBase64.
#include "importers/common/IdCodec.h"
#include "model/AttributeCodec.h"

#include <QTest>

using namespace spanscope;

class Base64Test : public QObject
{
    Q_OBJECT

private slots:
    void decodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes"); // empty and valid=false: an error
        QTest::addColumn<bool>("valid");
        QTest::newRow("padded") << QStringLiteral("JtQ2dAAAAAE=") << QByteArray::fromHex("26d4367400000001")
                                << true;
        QTest::newRow("unpadded") << QStringLiteral("JtQ2dAAAAAE") << QByteArray::fromHex("26d4367400000001")
                                  << true;
        QTest::newRow("url-safe") << QStringLiteral("-_-_") << QByteArray::fromHex("fbffbf") << true;
        QTest::newRow("standard") << QStringLiteral("+/+/") << QByteArray::fromHex("fbffbf") << true;
        QTest::newRow("empty") << QString() << QByteArray() << true;
        QTest::newRow("two alphabets") << QStringLiteral("+_+_") << QByteArray() << false;
        QTest::newRow("space") << QStringLiteral("JtQ2 dAAAAAE=") << QByteArray() << false;
        QTest::newRow("newline") << QStringLiteral("JtQ2dAAAAAE=\n") << QByteArray() << false;
        QTest::newRow("bad character") << QStringLiteral("JtQ2dAAA%AE=") << QByteArray() << false;
        // Padding must be right: the hand-written decoder dropped any number of trailing '='.
        QTest::newRow("one '=' too few") << QStringLiteral("AB=") << QByteArray() << false;
        QTest::newRow("one '=' too many") << QStringLiteral("AB===") << QByteArray() << false;
        QTest::newRow("'=' inside") << QStringLiteral("A=B=") << QByteArray() << false;
    }

    void decodes()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        const std::string input = text.toStdString();
        const auto decoded = decodeBase64(input);
        QCOMPARE(decoded.has_value(), valid);
        if (valid)
            QCOMPARE(QByteArray::fromStdString(*decoded), bytes);
    }

    void idsInBase64()
    {
        QCOMPARE(*parseSpanIdText("JtQ2dAAAAAE="), uint64_t(0x26d4367400000001));
        QCOMPARE(*parseSpanIdText("JtQ2dAAAAAE"), uint64_t(0x26d4367400000001));
        QCOMPARE(*parseTraceIdText("kcmTaR7sKMdJgfFHN2N38Q=="),
                 (TraceId{0x91c993691eec28c7ull, 0x4981f147376377f1ull}));
        QCOMPARE(*parseTraceIdText("kcmTaR7sKMdJgfFHN2N38Q"),
                 (TraceId{0x91c993691eec28c7ull, 0x4981f147376377f1ull}));
        QVERIFY(!parseTraceIdText("kcmTaR7sKMdJgfFHN2N3%Q=="));
        // Decoding reuses one buffer: a long value between two ids changes nothing.
        QVERIFY(decodeBase64(std::string(4000, 'A')));
        QCOMPARE(*parseSpanIdText("AAAAAAAAAAE="), uint64_t(1));
    }

    void encodesAndReadsBack()
    {
        QCOMPARE(base64Encode(""), std::string());
        QCOMPARE(base64Encode(std::string("\x00\xff", 2)), std::string("AP8="));
        QCOMPARE(base64Encode("ab"), std::string("YWI="));
        QCOMPARE(base64Encode("abc"), std::string("YWJj"));
        std::string all;
        for (int i = 0; i < 256; ++i)
            all.push_back(char(i));
        QCOMPARE(*decodeBase64(base64Encode(all)), all);
    }
};

QTEST_GUILESS_MAIN(Base64Test)
#include "tst_base64.moc"
