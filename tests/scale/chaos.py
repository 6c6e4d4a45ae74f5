"""The faults, in order, while the load runs; each one's recovery time is measured (and reported,
never asserted): SIGKILL an `http` replica and start it again; SIGKILL a `worker` replica and
start it again; stop Meilisearch for 30 s and start it again on the same data; restart
PostgreSQL.
"""

import json
import time

from processes import eventually, http_status


class Event:
    def __init__(self, name, at, recovery=None, note=""):
        self.name, self.at, self.recovery, self.note = name, at, recovery, note


def since(start):
    return round(time.monotonic() - start, 2)


def log_has_since(process, offset, needle):
    """Whether the process's log, after byte `offset`, has a line containing `needle`."""
    with open(process.log_path, "rb") as f:
        f.seek(offset)
        return any(needle in line for line in f.read().decode("utf-8", "replace").splitlines())


def log_size(process):
    with open(process.log_path, "rb") as f:
        return f.seek(0, 2)


class Chaos:
    def __init__(self, processes, stats, http, workers, meilisearch, search_probe, http_ports):
        self.processes, self.stats = processes, stats
        self.http, self.workers, self.meilisearch = http, workers, meilisearch
        self.search_probe = search_probe
        self.http_ports = http_ports
        self.events = []
        # (wall-clock time, what): the moments a worker may have sent a mail without recording it.
        self.kills = []

    def pause(self, until, load_started):
        time.sleep(max(0.0, load_started + until - time.monotonic()))

    def run(self, load_started, meilisearch_down_secs=30):
        self.pause(8, load_started)
        self.kill_http(load_started)
        self.pause(16, load_started)
        self.kill_worker(load_started)
        self.pause(24, load_started)
        self.stop_meilisearch(load_started, meilisearch_down_secs)
        self.pause(24 + meilisearch_down_secs + 8, load_started)
        self.restart_postgres(load_started)

    def kill_http(self, load_started):
        replica = self.http[0]
        at = time.monotonic()
        replica.kill()
        # As an orchestrator would, start it again once the balancer has noticed: HAProxy then
        # proves it takes a dead replica out of rotation and a healthy one back in.
        eventually(
            f"HAProxy has {replica.name} down",
            lambda: self.stats.status().get(replica.name, "").startswith("DOWN"),
            30,
        )
        replica.start()
        # Back in rotation: HAProxy's health check on /readyz passes again.
        eventually(
            f"HAProxy has {replica.name} up again",
            lambda: self.stats.status().get(replica.name) == "UP",
            60,
        )
        self.events.append(
            Event(f"SIGKILL `{replica.name}`, started again", round(at - load_started, 1),
                  since(at), "until HAProxy has it in rotation again (/readyz)")
        )

    def kill_worker(self, load_started):
        worker = self.workers[0]
        at = time.monotonic()
        worker.kill()
        self.kills.append((time.time(), f"SIGKILL {worker.name}"))
        offset = log_size(worker)
        worker.start()
        eventually(
            f"{worker.name} started again",
            lambda: log_has_since(worker, offset, "worker started"),
            60,
        )
        self.events.append(
            Event(f"SIGKILL `{worker.name}`, started again", round(at - load_started, 1),
                  since(at), "until its log says `worker started`")
        )

    def stop_meilisearch(self, load_started, down_secs):
        at = time.monotonic()
        self.meilisearch.stop()
        time.sleep(down_secs)
        started = time.monotonic()
        self.meilisearch.start()
        url = self.search_probe.meilisearch_url
        self.processes.wait_meilisearch(url, self.meilisearch, timeout=60)
        up = since(started)
        # Search through the API answers again (it answers 503 while the engine is away).
        eventually("search answers again", lambda: self.search_probe.ok(), 60, interval=0.25)
        self.events.append(
            Event(f"Meilisearch stopped for {down_secs} s, started again on the same data",
                  round(at - load_started, 1), since(started),
                  f"from its start until API search answers 200 (the server itself: {up} s)")
        )

    def restart_postgres(self, load_started):
        at = time.monotonic()
        self.processes.restart_postgres()
        self.kills.append((time.time(), "PostgreSQL restart"))
        restarted = since(at)

        def ready():
            return all(
                http_status(f"http://127.0.0.1:{port}/readyz") == 200 for port in self.http_ports
            ) and self.search_probe.database_ok()

        eventually("the replicas are ready after the PostgreSQL restart", ready, 60, 0.25)
        self.events.append(
            Event("PostgreSQL restarted (`pg_ctl restart -m fast`)", round(at - load_started, 1),
                  since(at),
                  f"until both replicas' /readyz and a project list answer 200 (the restart itself: {restarted} s)")
        )


class Probe:
    """The fault loop's own requests (kept out of the load's figures)."""

    def __init__(self, client, api, meilisearch_url):
        self.client, self.api, self.meilisearch_url = client, api, meilisearch_url

    def ok(self):
        return self.client.get(f"{self.api}/search?q=Bakkehuset", "/search (probe)").ok

    def database_ok(self):
        return self.client.get(f"{self.api}/projects?limit=1", "/projects (probe)").ok


def as_json(events):
    return json.dumps([e.__dict__ for e in events])
