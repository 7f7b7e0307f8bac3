// SPDX-License-Identifier: MIT
// Errors and root-cause candidates (docs/ANALYSIS.md, "Errors").
#include "TraceText.h"
#include "layout/RootCause.h"
#include "layout/SpanTree.h"

#include <QTest>

using namespace spanscope;
using spanscope::test::parseTrace;
using spanscope::test::TextTrace;

class RootCauseTest : public QObject
{
    Q_OBJECT

private slots:
    void deepestErrorsWithoutErrorsBelowComeFirst()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100 error
            a r s a client 10 50 error
            b a t b server 12 48 status=error
            c r s c client 60 90
            d c u d server 61 89 error
            f d u f internal 62 70 error
            e r s e internal 91 95
            ok r s ok internal 96 97 status=ok
        )");
        const SpanTree tree = buildSpanTree(t.data);
        const ErrorAnalysis errors = analyzeErrors(t.data, tree);
        QCOMPARE(errors.errorCount, 5u);
        // f (depth 3) first; then b (depth 2). a, r and d have errors below them.
        QCOMPARE(errors.rootCauses, (std::vector<uint32_t>{t["f"], t["b"]}));
        for (const char* name : {"r", "a", "b", "c", "d", "f"})
            QCOMPARE(errors.errorInSubtree[t[name]], uint8_t(1));
        QCOMPARE(errors.errorInSubtree[t["e"]], uint8_t(0));
        QCOMPARE(errors.errorInSubtree[t["ok"]], uint8_t(0));
        QVERIFY(isErrorSpan(t.data, t["b"]));
        QVERIFY(!isErrorSpan(t.data, t["ok"]));
    }

    void tiesAreOrderedByStart()
    {
        const TextTrace t = parseTrace(R"(
            r - s r server 0 100
            late r s a client 50 60 error
            early r s b client 10 20 error
            o gone s o server 5 8 error
        )");
        const ErrorAnalysis errors = analyzeErrors(t.data, buildSpanTree(t.data));
        QCOMPARE(errors.rootCauses, (std::vector<uint32_t>{t["early"], t["late"], t["o"]}));
    }

    void noErrors()
    {
        const TextTrace t = parseTrace("r - s r server 0 100\n");
        const ErrorAnalysis errors = analyzeErrors(t.data, buildSpanTree(t.data));
        QCOMPARE(errors.errorCount, 0u);
        QVERIFY(errors.rootCauses.empty());
    }
};

QTEST_GUILESS_MAIN(RootCauseTest)
#include "tst_rootcause.moc"
