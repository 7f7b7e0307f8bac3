// SPDX-License-Identifier: MIT
#pragma once

// The fixture folders of the Jaeger and Zipkin suites. Each format's suites (the mapping suite and
// its _hostile twin) say `using namespace spanscope::test::<format>` and write fixture(name), as the
// OTLP JSON suites do with the fixture() of OtlpJsonTestSupport.h.
#include <QString>

namespace spanscope::test::jaeger {

// A file in tests/data/jaeger.
QString fixture(const QString& name);

} // namespace spanscope::test::jaeger

namespace spanscope::test::zipkin {

// A file in tests/data/zipkin.
QString fixture(const QString& name);

} // namespace spanscope::test::zipkin
