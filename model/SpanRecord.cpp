// SPDX-License-Identifier: MIT
#include "SpanRecord.h"

namespace spanscope {

const char* spanKindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Unspecified:
        return "UNSPECIFIED";
    case SpanKind::Internal:
        return "INTERNAL";
    case SpanKind::Server:
        return "SERVER";
    case SpanKind::Client:
        return "CLIENT";
    case SpanKind::Producer:
        return "PRODUCER";
    case SpanKind::Consumer:
        return "CONSUMER";
    }
    return "UNSPECIFIED";
}

const char* statusCodeName(StatusCode code)
{
    switch (code) {
    case StatusCode::Unset:
        return "UNSET";
    case StatusCode::Ok:
        return "OK";
    case StatusCode::Error:
        return "ERROR";
    }
    return "UNSET";
}

} // namespace spanscope
