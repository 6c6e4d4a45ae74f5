"""The scale test (issue 10, "Scale-out, proven"), run by scripts/test as its "scale test" phase.

On this machine, each on a free loopback port with its own temporary folder: PostgreSQL,
Meilisearch, an S3-compatible server (moto), an SMTP server writing a maildir (aiosmtpd), HAProxy
in front of two `samvirke http` replicas, and two `samvirke worker` replicas, after `samvirke
migrate`. A bounded mixed load runs through HAProxy while an `http` and a `worker` replica are
SIGKILLed and started again, Meilisearch is stopped for 30 s, and PostgreSQL restarts. Then the
acknowledged writes, the meeting's capacity, the job queue, the mails and the answers are checked
(checks.py), and the figures are printed. Exit status 1 names every failed check.

    python tests/scale/run.py [--binary target/debug/samvirke] [--write-docs]

Needs the test venv (aiosmtpd, moto; `--venv`, default target/test-tools/venv), HAProxy and
PostgreSQL's server on the PATH or in /usr/lib/postgresql, and the Meilisearch server
(`SAMVIRKE_MEILISEARCH_BIN`, default ../shared/tools/meilisearch/meilisearch beside the checkout).
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import checks  # noqa: E402
import report  # noqa: E402
from chaos import Chaos, Probe  # noqa: E402
from client import Client, Tally  # noqa: E402
from load import Load  # noqa: E402
from processes import Processes, eventually, free_port  # noqa: E402
from seed import NETWORK, seed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MEILISEARCH_KEY = "scale-test-master-key-0123456789"
BUCKET = "samvirke-scale"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target/debug/samvirke"))
    parser.add_argument(
        "--meilisearch",
        default=os.environ.get("SAMVIRKE_MEILISEARCH_BIN")
        or os.path.join(ROOT, "../shared/tools/meilisearch/meilisearch"),
    )
    parser.add_argument("--venv", default=os.path.join(ROOT, "target/test-tools/venv"))
    parser.add_argument("--people", type=int, default=60, help="people who register")
    parser.add_argument("--capacity", type=int, default=20, help="the meeting's places")
    parser.add_argument("--threads", type=int, default=6, help="client threads")
    parser.add_argument("--load-secs", type=int, default=80, help="the load's length")
    parser.add_argument("--meilisearch-down-secs", type=int, default=30)
    parser.add_argument("--catch-up-secs", type=int, default=240,
                        help="bound on the queue's drain and search's catch-up after the load")
    parser.add_argument("--write-docs", action="store_true",
                        help="write the figures into docs/performance.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args()


def samvirke_env(pg_url, meilisearch_url, s3_endpoint, smtp_url, public_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVIRKE_")}
    env.update(
        {
            "SAMVIRKE__DATABASE__URL": pg_url,
            "SAMVIRKE__SEARCH__MEILISEARCH_URL": meilisearch_url,
            "SAMVIRKE__SEARCH__MEILISEARCH_KEY": MEILISEARCH_KEY,
            "SAMVIRKE__STORAGE__S3_BUCKET": BUCKET,
            "SAMVIRKE__STORAGE__S3_ENDPOINT": s3_endpoint,
            "SAMVIRKE__STORAGE__S3_ACCESS_KEY_ID": "scale",
            "SAMVIRKE__STORAGE__S3_SECRET_ACCESS_KEY": "scale-secret",
            "SAMVIRKE__STORAGE__S3_ALLOW_HTTP": "true",
            "SAMVIRKE__MAIL__SMTP_URL": smtp_url,
            "SAMVIRKE__SERVER__PUBLIC_URL": public_url,
            # HAProxy connects from loopback and appends the client to X-Forwarded-For.
            "SAMVIRKE__SERVER__TRUSTED_PROXIES": "[127.0.0.1]",
            # A killed worker's job is claimed again after its lease: short, so the test sees it.
            "SAMVIRKE__WORKER__LEASE_SECS": "10",
            "SAMVIRKE__LOG__FORMAT": "json",
            # Weak password hashing, as in every test: the load is not about Argon2.
            "SAMVIRKE__AUTH__ARGON2_MEMORY_KIB": "64",
            "SAMVIRKE__AUTH__ARGON2_ITERATIONS": "1",
            "SAMVIRKE__AUTH__ARGON2_PARALLELISM": "1",
        }
    )
    return env


def main():
    args = arguments()
    for path, what in [(args.binary, "the samvirke binary"), (args.meilisearch, "Meilisearch"),
                       (os.path.join(args.venv, "bin/moto_server"), "moto_server (test venv)")]:
        if not os.access(path, os.X_OK):
            sys.exit(f"scale test: {what} not found at {path}")
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")
    if haproxy is None:
        sys.exit("scale test: haproxy not found (Debian's package `haproxy`)")
    workdir = tempfile.mkdtemp(prefix="samvirke-scale.")
    processes = Processes(ROOT, workdir, os.path.abspath(args.binary),
                          os.path.abspath(args.meilisearch), args.venv, haproxy)
    # SIGTERM/SIGINT end the run through `finally`, so every process is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failures = []
    try:
        run(args, processes, workdir, failures)
    except SystemExit:
        failures.append("the run was stopped by a signal (the phase's time cap?)")
    except Exception as e:  # an unexpected stop is a failure too, after the cleanup
        failures.append(f"the run stopped: {type(e).__name__}: {e}")
    finally:
        if failures:
            print_logs(processes)
        processes.close()
        if args.keep or failures:
            print(f"scale test: logs and data kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("\nSCALE TEST FAILED:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        sys.exit(1)
    print("\nscale test passed")


def print_logs(processes):
    """The replicas' ERROR lines (the first few of each kind), for the failure's reader."""
    for process in processes.started:
        if not process.name.startswith(("http", "worker")):
            continue
        errors = [line for line in process.log_tail(10**6).splitlines()
                  if '"level":"ERROR"' in line or "panicked" in line]
        if not errors:
            continue
        print(f"\n--- {process.name}: {len(errors)} ERROR line(s); the first of each message:")
        seen = set()
        for line in errors:
            key = line.split('"message":', 1)[-1][:60]
            if key not in seen:
                seen.add(key)
                print(line[:600])
            if len(seen) >= 8:
                break


def run(args, processes, workdir, failures):
    started = time.monotonic()
    pg_url = processes.start_postgres()
    meilisearch_url, meilisearch = processes.start_meilisearch(MEILISEARCH_KEY)
    s3_endpoint = processes.start_s3(BUCKET)
    smtp_url, maildir = processes.start_smtp()
    http_ports = [free_port() for _ in range(2)]
    base, stats = processes.start_haproxy(
        [(f"http-{n + 1}", port) for n, port in enumerate(http_ports)]
    )
    env = samvirke_env(pg_url, meilisearch_url, s3_endpoint, smtp_url, base)
    processes.samvirke(["migrate"], env)
    http = [
        processes.start_replica(f"http-{n + 1}", "http",
                                dict(env, SAMVIRKE__SERVER__ADDR=f"127.0.0.1:{port}"))
        for n, port in enumerate(http_ports)
    ]
    workers = [processes.start_replica(f"worker-{n + 1}", "worker", env) for n in range(2)]

    def replicas_up():
        for process in http + workers:
            if not process.alive():
                raise RuntimeError(f"{process.name} exited at start:\n{process.log_tail()}")
        return all(s == "UP" for s in stats.status().values()) and len(stats.status()) == 2

    eventually("HAProxy has both http replicas up", replicas_up, 60, 0.25)
    print(f"services up in {time.monotonic() - started:.1f} s; HAProxy at {base}")

    seed_tally = Tally()
    seed_started = time.monotonic()
    seeded = seed(processes, env, base, seed_tally, args.people, args.capacity)
    seed_secs = round(time.monotonic() - seed_started, 1)
    print(f"seeded in {seed_secs} s (`samvirke demo` {seeded.demo_secs} s): {args.people} people, "
          f"meeting {seeded.meeting_id}")

    probe_tally = Tally()
    probe = Probe(Client(base, probe_tally), f"/api/v1/networks/{NETWORK}", meilisearch_url)
    probe.client.cookie = seeded.coordinator.cookie
    load = Load(base, seeded, args.threads, args.load_secs)
    # The people's clients count into the load's tally from now on.
    for client in [seeded.coordinator, *seeded.people]:
        client.tally = load.tally
    chaos = Chaos(processes, stats, http, workers, meilisearch, probe, http_ports)
    load.start()
    try:
        chaos.run(load.started, args.meilisearch_down_secs)
    finally:
        time.sleep(max(0.0, load.started + args.load_secs - time.monotonic()))
        load.finish()
    load_secs = round(load.ended - load.started, 1)
    print(f"load done: {load.tally.total()} requests in {load_secs} s")

    # Every process still runs (none died on its own) and HAProxy has both replicas.
    for process in processes.started:
        if not process.alive():
            failures.append(f"{process.name} is not running any more:\n{process.log_tail(15)}")

    # One bound for the drain and search's catch-up together keeps a failing run inside the
    # phase's time cap; search gets at least 20 s of its own to tell what it misses.
    drain_secs = checks.wait_for_drain(pg_url, args.catch_up_secs - 20)
    if drain_secs is None:
        failures.append(
            f"the job queue did not drain within {args.catch_up_secs - 20} s; pending: "
            + "; ".join(" ".join(row) for row in checks.pending_jobs(pg_url))
        )
    check_client = seeded.coordinator
    check_client.tally = Tally()
    search_bound = max(20, args.catch_up_secs - (time.monotonic() - load.ended))
    catch_up = checks.search_catch_up(
        check_client, load.ledger, load.ended, round(search_bound), failures
    )
    checks.check_stored(pg_url, load.ledger, failures)
    registered, waitlisted = checks.check_capacity(
        pg_url, seeded.meeting_id, args.capacity, failures
    )
    checks.check_jobs(pg_url, failures)
    mails, duplicated = checks.check_mail(maildir, chaos.kills, failures)
    unexpected = Counter()
    for operation, status, body in load.ledger.unexpected:
        unexpected[(operation, status, body)] += 1
    for (operation, status, body), count in unexpected.most_common(10):
        failures.append(f"{operation} answered {status} `{body}` ×{count} (only 502/503 may fail)")

    figures = report.Figures(
        args=args,
        load_secs=load_secs,
        seed_secs=seed_secs,
        tally=load.tally,
        probe_tally=probe_tally,
        ledger=load.ledger,
        registered=registered,
        waitlisted=waitlisted,
        events=chaos.events,
        drain_secs=drain_secs,
        catch_up=catch_up,
        mails=len(mails),
        duplicated=duplicated,
        total_secs=round(time.monotonic() - started, 1),
        failures=failures,
    )
    text = figures.markdown()
    print("\n" + text)
    with open(os.path.join(workdir, "figures.md"), "w") as f:
        f.write(text)
    if args.write_docs:
        report.write_docs(os.path.join(ROOT, "docs/performance.md"), text)


if __name__ == "__main__":
    main()
