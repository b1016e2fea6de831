#!/usr/bin/env python3
"""The walk-through's local receiver: prints every delivery and checks its X-Danube-Signature.

    DANUBE_SECRETS='whsec_…' python3 receiver.py            # listens on 127.0.0.1:9000
    DANUBE_SECRETS='whsec_new,whsec_old' python3 receiver.py 9000

It answers 200 when one of the secrets verifies the signature, 401 otherwise (the delivery then counts as failed
and is retried). Only the standard library is used.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

MAX_AGE_SECONDS = 300  # refuse deliveries signed more than 5 minutes ago (or ahead): replays


def verify(body: bytes, header: str, secret: str) -> bool:
    """True when one of the header's sha256 values is HMAC-SHA256("{t}.{body}") keyed with the secret's text.

    The header is t=<unix seconds>,sha256=<hex>; during a secret rotation it carries one sha256 per secret.
    """
    fields = [field.split("=", 1) for field in header.split(",") if "=" in field]
    timestamps = [value for name, value in fields if name == "t"]
    signatures = [value for name, value in fields if name == "sha256"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        return False
    t = timestamps[0]
    if abs(time.time() - int(t)) > MAX_AGE_SECONDS:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, signature) for signature in signatures)


class Receiver(BaseHTTPRequestHandler):
    secrets: list[str] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))  # the raw bytes: verify before parsing
        header = self.headers.get("X-Danube-Signature", "")
        verified_by = [i for i, secret in enumerate(self.secrets) if verify(body, header, secret)]
        print(f"--- {self.command} {self.path}")
        for name in ("X-Danube-Signature", "X-Webhook-Delivery-Id", "X-Webhook-Attempt", "Content-Type"):
            print(f"{name}: {self.headers.get(name)}")
        print(json.dumps(json.loads(body), indent=2) if body else "(no body)")
        print(f"signature verified with secret #{verified_by[0] + 1}" if verified_by else "signature NOT verified: answering 401", flush=True)
        self.send_response(200 if verified_by else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # the delivery is printed above


if __name__ == "__main__":
    Receiver.secrets = [s.strip() for s in os.environ.get("DANUBE_SECRETS", "").split(",") if s.strip()]
    if not Receiver.secrets:
        sys.exit("set DANUBE_SECRETS to the webhook's secret (several separated by commas)")
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
    print(f"listening on http://127.0.0.1:{port}/ with {len(Receiver.secrets)} secret(s)", flush=True)
    HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
