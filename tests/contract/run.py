#!/usr/bin/env python3
"""Runs schemathesis against a running demo server (`samvirke serve --demo`), once as the demo
coordinator (session cookie) and once with a partner organisation's API token. Fails when
schemathesis finds a 5xx or a response that the OpenAPI document does not describe.

Usage: run.py BASE_URL SCHEMATHESIS_BINARY WORK_DIR
"""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
NETWORK = "bakkehuset"
COORDINATOR = ("mette.lindholm@example.org", "samvirke-demo")


def call(base, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request) as response:
        return response.headers, json.loads(response.read() or b"null")


def main():
    base, schemathesis, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    headers, _ = call(base, "POST", "/api/v1/session", {"email": COORDINATOR[0], "password": COORDINATOR[1]})
    cookie = headers["set-cookie"].split(";")[0]
    _, organisations = call(base, "GET", f"/api/v1/networks/{NETWORK}/organisations", headers={"cookie": cookie})
    organisation = organisations["items"][0]["id"]
    _, issued = call(
        base,
        "POST",
        f"/api/v1/networks/{NETWORK}/tokens",
        {"organisation_id": organisation, "name": "schemathesis"},
        headers={"cookie": cookie},
    )
    config = work / "schemathesis.toml"
    # Every network path uses the demo network, so the operations are exercised, not only 404s.
    config.write_text(f'[parameters]\n"path.slug" = "{NETWORK}"\n')
    # The token first: the coordinator's run may revoke it (schemathesis reuses ids it has seen).
    runs = [
        ("token", f"Authorization: Bearer {issued['secret']}"),
        ("coordinator", f"Cookie: {cookie}"),
    ]
    failed = False
    for name, header in runs:
        print(f"--- schemathesis as {name}", flush=True)
        command = [
            schemathesis,
            "--config-file",
            str(config),
            "run",
            f"{base}/api/v1/openapi.json",
            "--url",
            f"{base}/api/v1",
            "--header",
            header,
            "--checks",
            CHECKS,
            # Positive and negative data (`--mode all`), then the stateful phase, which chains
            # operations through the links it infers (an id a POST returns used by its GET).
            "--mode",
            "all",
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--max-examples",
            "20",
            "--workers",
            "2",
            "--request-timeout",
            "20",
            # Signing in and out is covered by the end-to-end tests; here it would end the run's
            # own session.
            "--exclude-path-regex",
            "^/session$",
            "--suppress-health-check",
            "all",
        ]
        result = subprocess.run(command)
        failed = failed or result.returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
