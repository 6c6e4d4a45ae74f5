"""A small HTTP client for the load: one person (a session cookie) or nobody, talking to HAProxy.

Every answer is counted by route and status in a shared `Tally`; an answer that never came
(connection refused or reset, timeout) counts under the status `"no answer"`.
"""

import http.client
import json
import threading
import urllib.parse
from collections import Counter

NO_ANSWER = "no answer"


class Tally:
    """Requests by (method, route) and status, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_status = Counter()
        self.by_route = Counter()
        self.samples = {}  # (route, status) -> first body seen, for the report

    def add(self, route, status, body):
        with self.lock:
            self.by_status[status] += 1
            self.by_route[(route, status)] += 1
            if status == NO_ANSWER or (isinstance(status, int) and status >= 400):
                self.samples.setdefault((route, status), body[:300])

    def total(self):
        with self.lock:
            return sum(self.by_status.values())


class Response:
    def __init__(self, status, body):
        self.status, self.body = status, body

    @property
    def ok(self):
        return isinstance(self.status, int) and 200 <= self.status < 300

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def code(self):
        """The problem JSON's stable `code`, if any."""
        doc = self.json()
        return doc.get("code") if isinstance(doc, dict) else None


class Client:
    """Talks to one base URL as one caller. `address` is sent as `X-Forwarded-For`, as a client
    behind its own proxy would: HAProxy appends the real peer, and Samvirke (trusting HAProxy)
    takes the right-most untrusted entry as the client's address, so each person has their own
    rate-limit counters."""

    def __init__(self, base, tally, address=None, timeout=60):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.tally, self.address, self.timeout = tally, address, timeout
        self.cookie = None

    def request(self, method, path, route, body=None, content_type="application/json"):
        headers = {"Accept": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.address:
            headers["X-Forwarded-For"] = self.address
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            status = answer.status
            for name, value in answer.getheaders():
                if name.lower() == "set-cookie" and value.startswith("samvirke_session="):
                    self.cookie = value.split(";", 1)[0]
        except (OSError, http.client.HTTPException) as e:
            status, text = NO_ANSWER, f"{type(e).__name__}: {e}"
        finally:
            connection.close()
        self.tally.add(f"{method} {route}", status, text)
        return Response(status, text)

    def get(self, path, route):
        return self.request("GET", path, route)

    def post(self, path, route, body):
        return self.request("POST", path, route, body)
