#!/usr/bin/env python3
"""A receiver for the walk-through: prints each request's method, path, headers and body, and answers 200.

    python3 receiver.py            # listens on 127.0.0.1:9000
    python3 receiver.py 9001       # another port
"""
import http.server
import sys


class Receiver(http.server.BaseHTTPRequestHandler):
    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        print(f"{self.command} {self.path}", flush=True)
        print(str(self.headers).rstrip("\n"), flush=True)
        print(body + "\n", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET = handle_one

    def log_message(self, *args):
        pass  # the request itself is printed above


port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
