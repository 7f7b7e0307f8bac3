#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora tests/fuzz/corpus/<target>/ from the project's own fixtures.

Only the repository's files are used (tests/data, resources/samples), never third-party traces.
The seeds are committed; run this again after the fixtures change:

    tests/fuzz/make-seeds.py [--spanscope build/default/bin/spanscope]

The spanscope binary imports the fixtures into a throw-away workspace, from which the attribute
blobs and trace packs are taken (the attributes and trace_pack targets read exactly those). Needs
gzip and zstd for the compressed seeds.
"""
import argparse
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
CHECKOUT = ROOT / "resources" / "samples" / "checkout.otlp.json"


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def checkout_slices():
    """Small OTLP JSON documents cut from the bundled sample: one resource, a few spans each."""
    document = json.loads(CHECKOUT.read_text())
    slices = []
    for resource_spans in document["resourceSpans"]:
        scope_spans = resource_spans.get("scopeSpans", [])[:1]
        for scope in scope_spans:
            scope["spans"] = scope["spans"][:2]
        slices.append({"resourceSpans": [dict(resource_spans, scopeSpans=scope_spans)]})
    return slices


def snake_case(value):
    """The same document with the protobuf field names (snake_case), which OTLP JSON also allows."""
    if isinstance(value, dict):
        return {re.sub(r"(?<!^)([A-Z])", r"_\1", k).lower(): snake_case(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_case(v) for v in value]
    return value


def be32(n):
    return struct.pack(">I", n)


def framed(*payloads):
    return b"".join(be32(len(p)) + p for p in payloads)


def zstd(data):
    if not shutil.which("zstd"):
        return None
    return subprocess.run(["zstd", "-q", "-19", "-c"], input=data, capture_output=True, check=True).stdout


def otlp_json_seeds(slices):
    write("otlp_json", "hostile-names.json", (DATA / "hostile" / "hostile-names.otlp.json").read_bytes())
    write("otlp_json", "two-traces.json", (DATA / "workspace" / "two-traces.otlp.json").read_bytes())
    for i, doc in enumerate(slices[:4]):
        write("otlp_json", f"checkout-slice-{i}.json", json.dumps(doc, indent=1))
    write("otlp_json", "checkout-slice-snake.json", compact(snake_case(slices[1])))
    write("otlp_json", "tempo-trace-wrapper.json", compact({"trace": slices[2]}))
    write("otlp_json", "jaeger-v3-result-wrapper.json", compact({"result": slices[3]}))
    write("otlp_json", "batches.json", compact({"batches": slices[0]["resourceSpans"]}))


def otlp_jsonl_seeds(slices):
    lines = [compact(doc) for doc in slices]
    write("otlp_jsonl", "three-lines.jsonl", "\n".join(lines[:3]) + "\n")
    write("otlp_jsonl", "two-lines-crlf.jsonl", "\r\n".join(lines[3:5]) + "\r\n")
    write("otlp_jsonl", "broken-middle-line.jsonl", lines[0] + "\n" + lines[1][:200] + "\n" + lines[2])
    write("otlp_jsonl", "blank-lines.jsonl", "\n\n" + lines[5] + "\n   \n" + lines[6] + "\n\n")


def otlp_proto_seeds():
    for name in ["traces.binpb", "traces-request.binpb", "stream-concatenated.binpb", "legacy.binpb",
                 "legacy-1000.binpb"]:
        write("otlp_proto", name, (DATA / "otlp-proto" / name).read_bytes())


def jaeger_zipkin_seeds():
    for path in sorted((DATA / "jaeger").glob("*.json")):
        write("jaeger_json", path.name, path.read_bytes())
    for path in sorted((DATA / "zipkin").glob("*.json")):
        write("zipkin_json", path.name, path.read_bytes())
    # One document per line, which both importers also read (the targets try both modes).
    def lines(folder, names):
        return "\n".join(compact(json.loads((DATA / folder / name).read_text())) for name in names) + "\n"
    write("jaeger_json", "lines.jsonl", lines("jaeger", ["bare_trace.json", "single_span.json"]))
    write("zipkin_json", "lines.jsonl", lines("zipkin", ["v2_single_span.json", "v1_rpc_one_record.json"]))


def pipeline_and_decompress_seeds(slices):
    proto = DATA / "otlp-proto"
    json_doc = compact(slices[1]).encode()
    jsonl = ("\n".join(compact(doc) for doc in slices[:2]) + "\n").encode()
    seeds = {
        "otlp.json": json_doc,
        "otlp.jsonl": jsonl,
        "otlp.json.gz": gzip.compress(json_doc, mtime=0),
        "otlp-two-members.jsonl.gz": gzip.compress(jsonl[: len(jsonl) // 2], mtime=0)
        + gzip.compress(jsonl[len(jsonl) // 2:], mtime=0),
        "otlp-framed.json": framed(*(compact(doc).encode() for doc in slices[2:4])),
        "traces.binpb": (proto / "traces.binpb").read_bytes(),
        "traces.binpb.gz": (proto / "traces.binpb.gz").read_bytes(),
        "stream-framed.binpb": (proto / "stream-framed.binpb").read_bytes(),
        "stream-framed-zstd.binpb": (proto / "stream-framed-zstd.binpb").read_bytes(),
        "jaeger-query-api.json": (DATA / "jaeger" / "bare_trace.json").read_bytes(),
        "zipkin-v2.json": (DATA / "zipkin" / "v2_single_span.json").read_bytes(),
        "zipkin-v1.json": (DATA / "zipkin" / "v1_rpc_one_record.json").read_bytes(),
    }
    compressed = zstd(json_doc)
    if compressed:
        seeds["otlp.json.zst"] = compressed
        seeds["otlp-framed-zstd.json"] = framed(compressed, zstd(compact(slices[4]).encode()))
    for name, data in seeds.items():
        write("pipeline", name, data)
        if name.endswith((".gz", ".zst")) or "framed" in name:
            write("decompress", name, data)
    write("decompress", "plain.json", json_doc)


def sniffer_seeds(slices):
    files = [CHECKOUT, DATA / "otlp-proto" / "traces.binpb", DATA / "otlp-proto" / "legacy.binpb"]
    files += sorted((DATA / "jaeger").glob("*.json")) + sorted((DATA / "zipkin").glob("*.json"))
    for path in files:
        write("sniffer", path.name + ".head", path.read_bytes()[:400])
    write("sniffer", "otlp.jsonl.head", ("\n".join(compact(doc) for doc in slices[:2]))[:600])
    write("sniffer", "logs.json", '{"resourceLogs":[]}')
    write("sniffer", "metrics.json", '{"resourceMetrics":[]}')
    write("sniffer", "bom.json", "\ufeff" + compact(slices[0])[:300])


def json_scanner_seeds(slices):
    for name in ["bare_trace.json", "quirks.json", "wrong_types.json"]:
        write("json_scanner", "jaeger-" + name, (DATA / "jaeger" / name).read_bytes())
    for name in ["v1_quirks.json", "trace_list.json"]:
        write("json_scanner", "zipkin-" + name, (DATA / "zipkin" / name).read_bytes())
    write("json_scanner", "hostile-names.json", (DATA / "hostile" / "hostile-names.otlp.json").read_bytes())
    write("json_scanner", "otlp.jsonl", "\n".join(compact(doc) for doc in slices[:3]) + "\n")
    write("json_scanner", "escapes.json",
          r'{"a\"b":"\u00e9\ud83d\ude00\n\t\\","n":[-1.5e+10,0,true,false,null],"o":{"":[[],{}]}}')


def ids_seeds():
    found = set()
    pattern = re.compile(rb'"(?:traceId|spanId|parentSpanId|traceID|spanID|id|parentId)"\s*:\s*"([^"]{1,48})"')
    for path in sorted(DATA.glob("*/*.json")) + [CHECKOUT]:
        found.update(pattern.findall(path.read_bytes()))
    for i, value in enumerate(sorted(found)[:40]):
        write("ids", f"id-{i:02}", value)
    write("ids", "base64-trace-id", "S/kvNXezTaajzpKdDg5HNg==")
    write("ids", "base64-span-id-unpadded", "APBnqgupArc")


def workspace_seeds(spanscope):
    """Attribute blobs and trace packs as a workspace stores them, from importing the fixtures."""
    with tempfile.TemporaryDirectory() as temp:
        workspace = Path(temp) / "seeds.spanscope"
        files = [DATA / "workspace" / "two-traces.otlp.json", DATA / "hostile" / "hostile-names.otlp.json",
                 CHECKOUT, DATA / "jaeger" / "quirks.json", DATA / "zipkin" / "v1_quirks.json",
                 DATA / "otlp-proto" / "traces.binpb"]
        for path in files:
            # One by one: an older binary that cannot read one format still gives the others.
            result = subprocess.run([spanscope, "info", "--workspace", str(workspace), str(path)],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(f"skipped {path.name}: {result.stderr.strip()}", file=sys.stderr)
        db = sqlite3.connect(workspace)
        blobs = set()
        for table in ["spans", "resources", "scopes", "events", "links"]:
            for (blob,) in db.execute(f"SELECT attrs FROM {table} WHERE length(attrs) > 0"):
                blobs.add(bytes(blob))
        for blob in sorted(blobs, key=lambda b: (len(b), b))[-30:]:
            write("attributes", hashlib.sha1(blob).hexdigest()[:12] + ".blob", blob)
        for (trace, pack) in db.execute("SELECT trace, data FROM trace_packs"):
            write("trace_pack", f"trace-{trace}.pack", bytes(pack))
        db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spanscope", default=str(ROOT / "build" / "default" / "bin" / "spanscope"),
                        help="a spanscope binary that reads every format (any preset)")
    args = parser.parse_args()
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    slices = checkout_slices()
    otlp_json_seeds(slices)
    otlp_jsonl_seeds(slices)
    otlp_proto_seeds()
    jaeger_zipkin_seeds()
    pipeline_and_decompress_seeds(slices)
    sniffer_seeds(slices)
    json_scanner_seeds(slices)
    ids_seeds()
    workspace_seeds(args.spanscope)
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name:14} {len(files):3} seeds {sum(f.stat().st_size for f in files):7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
