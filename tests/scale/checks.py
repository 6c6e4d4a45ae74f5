"""What must hold after the load: read from PostgreSQL (psql), the API's search and the maildir.

Each check appends a sentence to `failures` instead of raising, so that one run reports every
defect it saw.
"""

import email
import email.policy
import os
import subprocess
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from seed import NETWORK

# Jobs that the load's writes enqueue; the queue is drained when none of them is left (meeting
# reminders, digests and retention purges are due days later and stay queued).
EVENT_JOBS = (
    "kind LIKE 'index_%' OR kind IN ('extract_file_text', 'send_meeting_mail', "
    "'send_notification_mail', 'reindex_network', 'rebuild_search_index')"
)

TABLES = {"project": "projects", "post": "posts", "file": "files", "registration": "registrations"}


def sql(url, query):
    """Rows of a query, each a list of text fields."""
    out = subprocess.run(
        ["psql", url, "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}\nquery: {query}")
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def wait_for_drain(url, timeout):
    """Seconds until no event job is left, or None when the bound passed."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if sql(url, f"SELECT count(*) FROM jobs WHERE status = 'pending' AND ({EVENT_JOBS})")[0][0] == "0":
            return round(time.monotonic() - started, 1)
        time.sleep(0.5)
    return None


def pending_jobs(url):
    return sql(
        url,
        "SELECT kind, attempts, max_attempts, run_after, coalesce(locked_by, ''), "
        f"left(coalesce(last_error, ''), 200) FROM jobs WHERE status = 'pending' AND ({EVENT_JOBS}) "
        "ORDER BY run_after LIMIT 10",
    )


def check_stored(url, ledger, failures):
    """Every acknowledged write is in PostgreSQL."""
    for kind, table in TABLES.items():
        ids = [w.id for w in ledger.of(kind)]
        if not ids:
            continue
        listed = ",".join(f"'{i}'" for i in ids)
        found = {row[0] for row in sql(url, f"SELECT id FROM {table} WHERE id IN ({listed})")}
        missing = [i for i in ids if i not in found]
        if missing:
            failures.append(
                f"{len(missing)} acknowledged {kind} write(s) not in PostgreSQL: {missing[:5]}"
            )
    # Registrations whose answer was lost at a fault, confirmed by a retry's 409.
    for write in ledger.of("registration_unanswered"):
        email_address = f"skala.deltager{write.id}@example.org"
        rows = sql(
            url,
            "SELECT r.status FROM registrations r JOIN users u ON u.id = r.user_id "
            f"WHERE u.email = '{email_address}'",
        )
        if not rows:
            failures.append(f"{email_address} was told already_registered but has no registration")


def check_capacity(url, meeting_id, capacity, failures):
    """No meeting holds more people than its capacity; a waitlist means the seats are full."""
    over = sql(
        url,
        "SELECT m.id, m.title, r.attendance_mode, count(*), "
        "CASE r.attendance_mode WHEN 'room' THEN m.capacity_room ELSE m.capacity_online END "
        "FROM meetings m JOIN registrations r ON r.meeting_id = m.id "
        "WHERE r.status = 'registered' GROUP BY m.id, m.title, r.attendance_mode, "
        "m.capacity_room, m.capacity_online "
        "HAVING count(*) > CASE r.attendance_mode WHEN 'room' THEN m.capacity_room "
        "ELSE m.capacity_online END",
    )
    for row in over:
        failures.append(f"meeting {row[0]} ({row[1]}) holds {row[3]} {row[2]} places of {row[4]}")
    counts = dict(
        sql(
            url,
            "SELECT status, count(*) FROM registrations "
            f"WHERE meeting_id = '{meeting_id}' GROUP BY status",
        )
    )
    registered, waitlisted = int(counts.get("registered", 0)), int(counts.get("waitlisted", 0))
    if waitlisted and registered < capacity:
        failures.append(
            f"the meeting has {waitlisted} waitlisted but only {registered} of {capacity} seats taken"
        )
    return registered, waitlisted


def check_jobs(url, failures):
    """No job is dead, and none is stuck: pending under a lease that ran out."""
    dead = sql(
        url,
        "SELECT kind, attempts, left(coalesce(last_error, ''), 300) FROM jobs "
        "WHERE status = 'dead' ORDER BY updated_at LIMIT 10",
    )
    total_dead = sql(url, "SELECT count(*) FROM jobs WHERE status = 'dead'")[0][0]
    if dead:
        failures.append(
            f"{total_dead} dead job(s), for example: "
            + "; ".join(f"{k} after {a} attempts: {e}" for k, a, e in dead[:3])
        )
    stuck = sql(
        url,
        "SELECT kind, locked_by, locked_until FROM jobs WHERE status = 'pending' "
        "AND locked_by IS NOT NULL AND locked_until < now()",
    )
    if stuck:
        failures.append(
            f"{len(stuck)} job(s) stuck under an expired lease: "
            + "; ".join(f"{k} held by {b} until {u}" for k, b, u in stuck[:3])
        )


def search_catch_up(client, ledger, load_ended, timeout, failures):
    """Polls the API's search until every acknowledged searchable write is found; returns the
    seconds from the load's end until then (None when the bound passed)."""
    api = f"/api/v1/networks/{NETWORK}"
    waiting = [w for w in ledger.writes if w.search_id]

    def found(write):
        response = client.get(f"{api}/search?q={write.word}&limit=100", "/search (check)")
        doc = response.json() if response.ok else None
        return bool(doc) and any(item["id"] == write.search_id for item in doc["items"])

    deadline = time.monotonic() + timeout
    with ThreadPoolExecutor(4) as pool:
        while waiting:
            results = list(pool.map(found, waiting))
            waiting = [w for w, hit in zip(waiting, results) if not hit]
            if not waiting:
                break
            if time.monotonic() > deadline:
                by_kind = defaultdict(list)
                for w in waiting:
                    by_kind[w.kind].append(w.search_id)
                failures.append(
                    f"{len(waiting)} acknowledged write(s) not found by search after {timeout} s: "
                    + "; ".join(f"{k}: {len(v)} (e.g. {v[0]})" for k, v in by_kind.items())
                )
                return None
            time.sleep(1)
    return round(time.monotonic() - load_ended, 1)


def read_maildir(maildir):
    mails = []
    for sub in ("new", "cur"):
        folder = os.path.join(maildir, sub)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            body = message.get_body(preferencelist=("plain", "html"))
            mails.append(
                {
                    "message_id": str(message.get("Message-ID", "")).strip(),
                    "to": str(message.get("To", "")),
                    "subject": str(message.get("Subject", "")),
                    "body": body.get_content() if body is not None else "",
                    "delivered": os.path.getmtime(path),
                }
            )
    return mails


def check_mail(maildir, kills, failures, window=20):
    """A mail is delivered twice only with the same Message-ID, and only when its first copy
    arrived shortly before a kill (of a worker, or the PostgreSQL restart): the job had sent it
    but could not record so. Returns (mails, duplicated Message-IDs)."""
    mails = read_maildir(maildir)
    by_id = defaultdict(list)
    by_content = defaultdict(set)
    for mail in mails:
        by_id[mail["message_id"]].append(mail)
        by_content[(mail["to"], mail["subject"], mail["body"])].add(mail["message_id"])
    duplicated = {k: v for k, v in by_id.items() if len(v) > 1}
    for message_id, copies in duplicated.items():
        first = min(c["delivered"] for c in copies)
        if not any(at - window <= first <= at + 2 for at, _ in kills):
            failures.append(
                f"mail {message_id} ({copies[0]['subject']!r} to {copies[0]['to']}) was "
                f"delivered {len(copies)} times, its first copy at no kill"
            )
    for (to, subject, _), ids in by_content.items():
        if len(ids) > 1:
            failures.append(
                f"the same mail ({subject!r} to {to}) was sent {len(ids)} times with different "
                f"Message-IDs: {sorted(ids)[:3]}"
            )
    return mails, duplicated
