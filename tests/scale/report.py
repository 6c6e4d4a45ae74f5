"""The figures of one run, as the "Scale-out" section of docs/performance.md."""

import datetime
import os
import platform
import re
from collections import Counter

SECTION = "## Scale-out"


class Figures:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def markdown(self):
        a, tally = self.args, self.tally
        statuses = sorted(tally.by_status.items(), key=lambda kv: str(kv[0]))
        total = sum(tally.by_status.values())
        errors = {s: n for s, n in statuses if not (isinstance(s, int) and s < 400)}
        writes = Counter(w.kind for w in self.ledger.writes)
        lines = [
            SECTION,
            "",
            "The scale test (`tests/scale/run.py`, the last phase of `scripts/test`): PostgreSQL, "
            "Meilisearch, moto (S3) and aiosmtpd (SMTP) on loopback, HAProxy in front of two "
            "`samvirke http` replicas, two `samvirke worker` replicas; debug build, "
            f"{a.threads} client threads, {a.people} people registering for a meeting of "
            f"{a.capacity} places. Figures of one run on "
            f"{datetime.date.today().isoformat()} ({platform.machine()}, "
            f"{_cores()} cores shared with other builds).",
            "",
            "| figure | value |",
            "| --- | --- |",
            f"| load | {total} requests in {self.load_secs} s ({total / self.load_secs:.0f}/s) |",
            "| answers by status | "
            + ", ".join(f"{s}: {n}" for s, n in statuses)
            + " |",
            "| errors seen by clients | "
            + (", ".join(f"{s}: {n}" for s, n in errors.items()) or "none")
            + " |",
            "| acknowledged writes | "
            + ", ".join(f"{k}: {n}" for k, n in sorted(writes.items()))
            + " |",
            f"| the meeting | {self.registered} registered of {a.capacity} places, "
            f"{self.waitlisted} waitlisted |",
            f"| queue drained | {_secs(self.drain_secs)} after the load ended |",
            f"| index catch-up | every acknowledged write found by search "
            f"{_secs(self.catch_up)} after the load ended |",
            f"| mail | {self.mails} delivered; {len(self.duplicated)} delivered twice "
            "(same Message-ID, in flight at a kill) |",
            f"| seeding | {self.seed_secs} s; whole run {self.total_secs} s |",
            "",
            "| fault (seconds into the load) | recovery | measured |",
            "| --- | --- | --- |",
        ]
        for e in self.events:
            lines.append(f"| {e.name} (at {e.at} s) | {e.recovery} s | {e.note} |")
        if self.probe_tally.by_status:
            lines += [
                "",
                "The fault loop's own probes (not in the load's figures): "
                + ", ".join(f"{s}: {n}" for s, n in sorted(
                    self.probe_tally.by_status.items(), key=lambda kv: str(kv[0])))
                + ".",
            ]
        routes = sorted(
            ((route, status, n) for (route, status), n in tally.by_route.items()
             if not (isinstance(status, int) and status < 400)),
            key=lambda r: -r[2],
        )
        if routes:
            lines += ["", "Errors by route: " + "; ".join(
                f"`{route}` {status} ×{n}" for route, status, n in routes[:12]) + "."]
        if self.failures:
            lines += ["", "Failed checks (the run exits 1):", ""] + [f"- {_short(f)}" for f in self.failures]
        return "\n".join(lines) + "\n"


def _short(failure, limit=240):
    line = failure.splitlines()[0]
    return line if len(line) <= limit else line[:limit] + " …"


def _secs(value):
    return "not within the bound" if value is None else f"{value} s"


def _cores():
    return os.cpu_count()


def write_docs(path, section):
    """Replaces the "Scale-out" section of docs/performance.md (or appends it)."""
    with open(path) as f:
        text = f.read()
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(text)
