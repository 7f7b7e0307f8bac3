// SPDX-License-Identifier: MIT
// Everything a comment or a document cites must be in this repository (a clone is complete without
// the brief's folder): every `docs/NAME.md` exists, every `docs/FORMAT-REFERENCE.md §N` and
// `docs/X.md, "Section"` names a heading that exists, and nothing points outside the clone.
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace spanscope;

namespace {

struct Citation
{
    QString file; // relative path of the citing file
    int line = 0;
    QString text;
};

// The files a reader follows citations from: sources, build files, scripts and documents.
QStringList citingFiles()
{
    const QString root = test::sourcePath(QString());
    QStringList files;
    QDirIterator it(root,
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h"), QStringLiteral("*.md"),
                     QStringLiteral("*.txt"), QStringLiteral("*.sh"), QStringLiteral("*.py"),
                     QStringLiteral("*.cmake"), QStringLiteral("run")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (relative.startsWith(QLatin1String("build")) || relative.startsWith(QLatin1String(".git")) ||
            relative.startsWith(QLatin1String("tests/data/")) ||
            relative ==
                QLatin1String("tests/repository/tst_doc_references.cpp")) // its comments show the forms
            continue;
        files << relative;
    }
    return files;
}

QList<Citation> find(const QRegularExpression& pattern)
{
    QList<Citation> found;
    for (const QString& relative : citingFiles()) {
        const QStringList lines =
            QString::fromUtf8(test::readFile(test::sourcePath(relative))).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            auto match = pattern.globalMatch(lines[i]);
            while (match.hasNext())
                found.append({relative, i + 1, match.next().captured(0)});
        }
    }
    return found;
}

QStringList headings(const QString& document)
{
    QStringList result;
    const QStringList lines =
        QString::fromUtf8(test::readFile(test::sourcePath(QStringLiteral("docs/") + document)))
            .split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1Char('#')))
            result << line.section(QLatin1Char(' '), 1).trimmed();
    }
    return result;
}

QString where(const Citation& c)
{
    return c.file + QLatin1Char(':') + QString::number(c.line) + QLatin1String(": ") + c.text;
}

} // namespace

class DocReferencesTest : public QObject
{
    Q_OBJECT

private slots:
    void theFileListIsNotEmpty()
    {
        // Guards the checks below against passing on an empty tree.
        const QStringList files = citingFiles();
        QVERIFY(files.contains(QStringLiteral("layout/CriticalPath.h")));
        QVERIFY(files.contains(QStringLiteral("docs/ARCHITECTURE.md")));
    }

    void nothingPointsOutsideTheClone()
    {
        const auto outside = find(QRegularExpression(QStringLiteral(R"(\.\./shared/docs)")));
        QStringList bad;
        for (const Citation& c : outside)
            bad << where(c);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void bareBriefNamesAreNotCited()
    {
        // A bare name of one of the brief's files (no folder) points at a file a clone does not have.
        const auto bare = find(QRegularExpression(
            QStringLiteral(R"((?<![/\w-])(analysis|formats|conventions|architecture)\.md)")));
        QStringList bad;
        for (const Citation& c : bare)
            bad << where(c);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void citedDocumentsExist()
    {
        const auto cited = find(QRegularExpression(QStringLiteral(R"(docs/[A-Z][A-Z_-]*\.md)")));
        QVERIFY(cited.size() > 20);
        QStringList bad;
        for (const Citation& c : cited) {
            if (!QFile::exists(test::sourcePath(c.text)))
                bad << where(c);
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void citedSectionsExist()
    {
        QStringList bad;
        // docs/FORMAT-REFERENCE.md §8, §8.5: section "8. ..." and, for 8.5, item "5." in it.
        const QStringList reference =
            QString::fromUtf8(test::readFile(test::sourcePath(QStringLiteral("docs/FORMAT-REFERENCE.md"))))
                .split(QLatin1Char('\n'));
        const auto hasSection = [&](int section, int item) {
            bool inSection = false;
            for (const QString& line : reference) {
                if (line.startsWith(QLatin1String("## "))) {
                    inSection = line.startsWith(QStringLiteral("## %1. ").arg(section));
                    if (inSection && item == 0)
                        return true;
                } else if (inSection && line.startsWith(QStringLiteral("%1. ").arg(item))) {
                    return true;
                }
            }
            return false;
        };
        const auto numbered = find(QRegularExpression(
            QStringLiteral(R"(FORMAT-REFERENCE\.md §\d+(\.\d+)?((, | and )§\d+(\.\d+)?)*)")));
        QVERIFY(numbered.size() > 10);
        for (const Citation& c : numbered) {
            auto sections = QRegularExpression(QStringLiteral(R"(§(\d+)(?:\.(\d+))?)")).globalMatch(c.text);
            while (sections.hasNext()) {
                const auto m = sections.next();
                if (!hasSection(m.captured(1).toInt(), m.captured(2).toInt()))
                    bad << where(c) + QLatin1String(" (no section ") + m.captured(0) + QLatin1Char(')');
            }
        }
        // docs/ANALYSIS.md, "Errors": a heading that starts with the quoted name.
        const auto named = find(QRegularExpression(QStringLiteral(R"(docs/([A-Z_-]+\.md), \"([^\"]+)\")")));
        QVERIFY(named.size() > 5);
        for (const Citation& c : named) {
            const auto parts =
                QRegularExpression(QStringLiteral(R"(docs/([A-Z_-]+\.md), \"([^\"]+)\")")).match(c.text);
            const QStringList inDocument = headings(parts.captured(1));
            const QString section = parts.captured(2);
            const bool exists = std::any_of(inDocument.begin(), inDocument.end(),
                                            [&](const QString& h) { return h.startsWith(section); });
            if (!exists)
                bad << where(c) + QLatin1String(" (no such section)");
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(DocReferencesTest)
#include "tst_doc_references.moc"
