#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes checkout.otlp.json, the sample trace bundled with Spanscope.

A checkout request through eight services: an API gateway calls auth (with redis) and a checkout
service, which reads the cart (redis and postgres), reserves three items in parallel, takes a payment
whose fraud check calls an ML scorer (the first call fails, the retry succeeds), stores the order and
publishes an event. 40 spans, one in error. Run it again after changing it; the output is
deterministic.
"""
import json
import os

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
BASE_NS = 1773480413589000000  # 2026-03-14 09:26:53.589 UTC

SERVICES = {
    "api-gateway": ("2.14.0", "gw-7c9f", "go"),
    "auth-service": ("1.8.2", "auth-5d2a", "java"),
    "checkout-service": ("3.1.0", "checkout-1b44", "java"),
    "cart-service": ("1.22.4", "cart-88e1", "python"),
    "inventory-service": ("0.9.7", "inv-2f10", "go"),
    "payment-service": ("4.0.1", "pay-6a3c", "java"),
    "fraud-check": ("1.3.0", "fraud-9e07", "python"),
    "ml-scorer": ("0.4.2", "ml-31bd", "python"),
}

# (service, kind, name, start µs, end µs, parent index, attributes, extra)
# kinds: 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER
SPANS = [
    ("api-gateway", 2, "POST /api/checkout", 0, 412350, None,
     {"http.request.method": "POST", "url.path": "/api/checkout", "http.route": "/api/checkout",
      "http.response.status_code": 200, "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64)",
      "client.address": "203.0.113.42"}, {}),
    ("api-gateway", 3, "POST /auth/verify", 1850, 20110, 0,
     {"http.request.method": "POST", "server.address": "auth-service", "http.response.status_code": 200}, {}),
    ("auth-service", 2, "POST /auth/verify", 3920, 18040, 1,
     {"http.request.method": "POST", "http.route": "/auth/verify", "http.response.status_code": 200,
      "enduser.id": "customer-58213"}, {}),
    ("auth-service", 3, "redis GET session", 4710, 6930, 2,
     {"db.system": "redis", "db.operation": "GET", "peer.service": "redis", "server.address": "redis-sessions",
      "server.port": 6379}, {}),
    ("auth-service", 1, "verify JWT signature", 7480, 16210, 2,
     {"jwt.algorithm": "RS256", "jwt.key_id": "2026-03-k1"}, {}),
    ("api-gateway", 3, "POST /checkout", 21340, 408120, 0,
     {"http.request.method": "POST", "server.address": "checkout-service", "http.response.status_code": 201}, {}),
    ("checkout-service", 2, "POST /checkout", 23610, 405470, 5,
     {"http.request.method": "POST", "http.route": "/checkout", "http.response.status_code": 201,
      "checkout.items": 3, "checkout.currency": "EUR"}, {}),
    ("checkout-service", 3, "GET /cart/{id}", 25940, 70320, 6,
     {"http.request.method": "GET", "server.address": "cart-service", "http.response.status_code": 200}, {}),
    ("cart-service", 2, "GET /cart/{id}", 28110, 68050, 7,
     {"http.request.method": "GET", "http.route": "/cart/{id}", "http.response.status_code": 200,
      "cart.id": "c-7f3e91"}, {}),
    ("cart-service", 3, "redis GET cart", 29870, 31940, 8,
     {"db.system": "redis", "db.operation": "GET", "peer.service": "redis", "server.address": "redis-carts",
      "cache.hit": False}, {}),
    ("cart-service", 3, "postgres SELECT cart_items", 32880, 57660, 8,
     {"db.system": "postgresql", "db.name": "carts", "peer.service": "postgres",
      "db.statement": "SELECT sku, qty, unit_price FROM cart_items WHERE cart_id = $1", "db.rows_returned": 3},
     {}),
    ("cart-service", 1, "price cart", 58730, 65990, 8, {"pricing.rules_applied": 4, "pricing.discount": 7.5}, {}),
    ("cart-service", 3, "redis SET cart", 66120, 67480, 8,
     {"db.system": "redis", "db.operation": "SET", "peer.service": "redis", "server.address": "redis-carts"}, {}),
    ("checkout-service", 3, "POST /inventory/reserve", 71960, 120370, 6,
     {"http.request.method": "POST", "server.address": "inventory-service", "inventory.sku": "SKU-1042"}, {}),
    ("inventory-service", 2, "POST /inventory/reserve", 74030, 118220, 13,
     {"http.request.method": "POST", "http.route": "/inventory/reserve", "http.response.status_code": 200,
      "inventory.sku": "SKU-1042"}, {}),
    ("inventory-service", 3, "postgres UPDATE stock", 75880, 115460, 14,
     {"db.system": "postgresql", "db.name": "inventory", "peer.service": "postgres",
      "db.statement": "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1"}, {}),
    ("checkout-service", 3, "POST /inventory/reserve", 72040, 135110, 6,
     {"http.request.method": "POST", "server.address": "inventory-service", "inventory.sku": "SKU-2210"}, {}),
    ("inventory-service", 2, "POST /inventory/reserve", 74190, 133020, 16,
     {"http.request.method": "POST", "http.route": "/inventory/reserve", "http.response.status_code": 200,
      "inventory.sku": "SKU-2210"}, {}),
    ("inventory-service", 3, "postgres UPDATE stock", 76250, 130870, 17,
     {"db.system": "postgresql", "db.name": "inventory", "peer.service": "postgres",
      "db.statement": "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1"},
     {"events": [(98000, "lock wait", {"db.lock.wait_ms": 21})]}),
    ("checkout-service", 3, "POST /inventory/reserve", 72580, 101290, 6,
     {"http.request.method": "POST", "server.address": "inventory-service", "inventory.sku": "SKU-0007"}, {}),
    ("inventory-service", 2, "POST /inventory/reserve", 74660, 99150, 19,
     {"http.request.method": "POST", "http.route": "/inventory/reserve", "http.response.status_code": 200,
      "inventory.sku": "SKU-0007"}, {}),
    ("inventory-service", 3, "postgres UPDATE stock", 76710, 96980, 20,
     {"db.system": "postgresql", "db.name": "inventory", "peer.service": "postgres",
      "db.statement": "UPDATE stock SET reserved = reserved + $2 WHERE sku = $1"}, {}),
    ("checkout-service", 1, "compute totals", 135900, 137240, 6, {"order.total": 184.97}, {}),
    ("checkout-service", 3, "POST /payments", 137880, 396020, 6,
     {"http.request.method": "POST", "server.address": "payment-service", "http.response.status_code": 200}, {}),
    ("payment-service", 2, "POST /payments", 140150, 393770, 23,
     {"http.request.method": "POST", "http.route": "/payments", "http.response.status_code": 200,
      "payment.method": "card", "payment.amount": 184.97}, {}),
    ("payment-service", 3, "POST /fraud/assess", 142790, 330460, 24,
     {"http.request.method": "POST", "server.address": "fraud-check", "http.response.status_code": 200}, {}),
    ("fraud-check", 2, "POST /fraud/assess", 144950, 328210, 25,
     {"http.request.method": "POST", "http.route": "/fraud/assess", "http.response.status_code": 200,
      "fraud.decision": "allow", "fraud.score": 0.07}, {}),
    ("fraud-check", 3, "postgres SELECT customer_history", 146980, 169870, 26,
     {"db.system": "postgresql", "db.name": "risk", "peer.service": "postgres",
      "db.statement": "SELECT * FROM customer_history WHERE customer_id = $1 ORDER BY ts DESC LIMIT 50"}, {}),
    ("fraud-check", 3, "POST /score", 171930, 252480, 26,
     {"http.request.method": "POST", "server.address": "ml-scorer", "http.response.status_code": 504,
      "http.request.resend_count": 0}, {}),
    ("ml-scorer", 2, "POST /score", 174100, 250210, 28,
     {"http.request.method": "POST", "http.route": "/score", "http.response.status_code": 504,
      "model.name": "fraud-gbm", "model.version": "2026.03.1"},
     {"error": "feature store timeout after 75 ms",
      "events": [(249900, "exception", {"exception.type": "FeatureStoreTimeout",
                                        "exception.message": "feature store timeout after 75 ms",
                                        "exception.stacktrace": "Traceback (most recent call last):\n"
                                        "  File \"scorer/features.py\", line 88, in fetch\n"
                                        "FeatureStoreTimeout: feature store timeout after 75 ms"})]}),
    ("ml-scorer", 3, "redis GET features", 175980, 249360, 29,
     {"db.system": "redis", "db.operation": "GET", "peer.service": "redis", "server.address": "redis-features"},
     {}),
    ("fraud-check", 3, "POST /score", 253960, 320150, 26,
     {"http.request.method": "POST", "server.address": "ml-scorer", "http.response.status_code": 200,
      "http.request.resend_count": 1}, {}),
    ("ml-scorer", 2, "POST /score", 256080, 318020, 31,
     {"http.request.method": "POST", "http.route": "/score", "http.response.status_code": 200,
      "model.name": "fraud-gbm", "model.version": "2026.03.1"}, {}),
    ("ml-scorer", 3, "redis GET features", 257940, 262130, 32,
     {"db.system": "redis", "db.operation": "GET", "peer.service": "redis", "server.address": "redis-features"},
     {}),
    ("ml-scorer", 1, "model.predict", 262870, 316040, 32,
     {"model.features": 148, "model.trees": 400}, {}),
    ("payment-service", 3, "POST /v1/charges", 331980, 389740, 24,
     {"http.request.method": "POST", "server.address": "api.card-processor.example", "peer.service": "card-processor",
      "http.response.status_code": 200}, {}),
    ("payment-service", 3, "postgres INSERT payment", 390350, 392910, 24,
     {"db.system": "postgresql", "db.name": "payments", "peer.service": "postgres",
      "db.statement": "INSERT INTO payments (order_id, amount, status) VALUES ($1, $2, $3)"}, {}),
    ("checkout-service", 3, "postgres INSERT order", 396740, 402880, 6,
     {"db.system": "postgresql", "db.name": "orders", "peer.service": "postgres",
      "db.statement": "INSERT INTO orders (id, customer_id, total) VALUES ($1, $2, $3)"}, {}),
    ("checkout-service", 4, "order.created publish", 403110, 404290, 6,
     {"messaging.system": "kafka", "messaging.destination.name": "order.created", "peer.service": "kafka",
      "messaging.kafka.message.key": "o-5521907"}, {}),
    ("api-gateway", 1, "render response", 408510, 411730, 0, {"http.response.body.size": 1284}, {}),
]


def any_value(value):
    if isinstance(value, bool):
        return {"boolValue": value}
    if isinstance(value, int):
        return {"intValue": str(value)}
    if isinstance(value, float):
        return {"doubleValue": value}
    return {"stringValue": value}


def attributes(values):
    return [{"key": key, "value": any_value(value)} for key, value in values.items()]


def span_id(index):
    return "%016x" % (0x5a17c0de00000000 + (index + 1) * 0x1d3f)


def build():
    by_service = {}
    for index, (service, kind, name, start, end, parent, attrs, extra) in enumerate(SPANS):
        span = {
            "traceId": TRACE_ID,
            "spanId": span_id(index),
            "parentSpanId": "" if parent is None else span_id(parent),
            "name": name,
            "kind": kind,
            "startTimeUnixNano": str(BASE_NS + start * 1000),
            "endTimeUnixNano": str(BASE_NS + end * 1000),
            "attributes": attributes(attrs),
            "status": {},
        }
        if "events" in extra:
            span["events"] = [{"timeUnixNano": str(BASE_NS + t * 1000), "name": event_name,
                               "attributes": attributes(event_attrs)}
                              for t, event_name, event_attrs in extra["events"]]
        if "error" in extra:
            span["status"] = {"code": 2, "message": extra["error"]}
        by_service.setdefault(service, []).append(span)

    resource_spans = []
    for service, spans in by_service.items():
        version, host, language = SERVICES[service]
        resource_spans.append({
            "resource": {"attributes": attributes({
                "service.name": service, "service.version": version, "service.namespace": "shop",
                "deployment.environment": "production", "host.name": host,
                "telemetry.sdk.language": language, "telemetry.sdk.name": "opentelemetry"})},
            "scopeSpans": [{"scope": {"name": "io.opentelemetry.%s" % language, "version": "1.36.0"},
                            "spans": spans}],
        })
    return {"resourceSpans": resource_spans}


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checkout.otlp.json")
    with open(out, "w") as f:
        json.dump(build(), f, indent=1)
        f.write("\n")
    print(out, len(SPANS), "spans")
