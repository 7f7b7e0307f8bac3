#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Encodes the text-format fixtures (*.txtpb) in this folder into the binary files tst_otlp_proto
# reads, with the project's own .proto files. Needs protoc, zstd and gzip. The outputs are
# committed; run this again after changing a .txtpb.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
protos=$(cd "$here/../../../importers/otlp/proto" && pwd)
cd "$here"

trace_proto=opentelemetry/proto/trace/v1/trace.proto
service_proto=opentelemetry/proto/collector/trace/v1/trace_service.proto

# encode MESSAGE PROTO INPUT OUTPUT
encode() {
    protoc -I "$protos" -I "$here" --encode="$1" "$2" < "$3" > "$4"
}

# The Collector file exporter's frame header: a 4-byte big-endian length.
be32() {
    local n=$1
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((n >> 24 & 255)) $((n >> 16 & 255)) $((n >> 8 & 255)) $((n & 255)))"
}
frame() {
    be32 "$(wc -c < "$1")"
    cat "$1"
}

encode opentelemetry.proto.trace.v1.TracesData "$trace_proto" traces.txtpb traces.binpb
# ExportTraceServiceRequest has TracesData's layout: the same text gives the same bytes.
encode opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest "$service_proto" traces.txtpb \
    traces-request.binpb
gzip -n -9 -c traces.binpb > traces.binpb.gz

encode opentelemetry.proto.trace.v1.TracesData "$trace_proto" stream-1.txtpb stream-1.binpb
encode opentelemetry.proto.trace.v1.TracesData "$trace_proto" stream-2.txtpb stream-2.binpb
cat stream-1.binpb stream-2.binpb > stream-concatenated.binpb
{ frame stream-1.binpb; frame stream-2.binpb; } > stream-framed.binpb
zstd -q -19 -c stream-1.binpb > stream-1.zst.tmp
zstd -q -19 -c stream-2.binpb > stream-2.zst.tmp
{ frame stream-1.zst.tmp; frame stream-2.zst.tmp; } > stream-framed-zstd.binpb
rm -f stream-1.zst.tmp stream-2.zst.tmp stream-1.binpb stream-2.binpb

encode spanscope.test.legacy.TracesData legacy_trace.proto legacy.txtpb legacy.binpb
encode spanscope.test.legacy.TransitionTracesData legacy_trace.proto legacy-1000.txtpb legacy-1000.binpb
