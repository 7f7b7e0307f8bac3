// SPDX-License-Identifier: MIT
#include "Fixtures.h"

#include "TestSupport.h"

namespace spanscope::test::jaeger {

QString fixture(const QString& name)
{
    return sourcePath(QStringLiteral("tests/data/jaeger/") + name);
}

} // namespace spanscope::test::jaeger

namespace spanscope::test::zipkin {

QString fixture(const QString& name)
{
    return sourcePath(QStringLiteral("tests/data/zipkin/") + name);
}

} // namespace spanscope::test::zipkin
