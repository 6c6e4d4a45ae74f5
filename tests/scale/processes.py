"""The servers of the scale test, each a real process on a free loopback port with its own folder.

Every process is started in a process group of its own and remembered, so that `Processes.close`
can end all of them (and anything they spawned) even when the test fails half-way. PostgreSQL is
the exception: `pg_ctl` detaches it, so it is stopped through scripts/postgres.sh.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def eventually(what, check, timeout, interval=0.1):
    """Polls `check` until it returns something truthy, at most `timeout` seconds; returns it."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        return True
    except OSError:
        return False


def http_status(url, timeout=2.0):
    """The status of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (OSError, ValueError):
        return None


class Process:
    """One child process, its log file and the command to start it again."""

    def __init__(self, name, argv, env, cwd, log_path):
        self.name, self.argv, self.env, self.cwd, self.log_path = name, argv, env, cwd, log_path
        self.popen = None
        self.starts = 0

    def start(self):
        self.starts += 1
        log = open(self.log_path, "ab")
        log.write(f"\n--- start {self.starts} at {time.time():.3f}\n".encode())
        log.flush()
        self.popen = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def signal_group(self, sig):
        if self.alive():
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                pass

    def kill(self):
        """SIGKILL, as a crash: no shutdown code runs."""
        self.signal_group(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=10)

    def stop(self, grace=10):
        """SIGTERM, then SIGKILL after `grace` seconds."""
        if not self.alive():
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


class Processes:
    """Starts the test's servers and ends every one of them in `close`."""

    def __init__(self, root, workdir, binary, meilisearch_bin, venv, haproxy):
        self.root, self.workdir, self.binary = root, workdir, binary
        self.meilisearch_bin, self.venv, self.haproxy = meilisearch_bin, venv, haproxy
        self.started = []
        self.pg_dir = None

    def spawn(self, name, argv, env=None, cwd=None):
        process = Process(
            name,
            argv,
            env if env is not None else os.environ.copy(),
            cwd or self.workdir,
            os.path.join(self.workdir, f"{name}.log"),
        )
        self.started.append(process)
        return process.start()

    def close(self):
        for process in reversed(self.started):
            process.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + 5
        for process in self.started:
            if process.popen is not None:
                try:
                    process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.pg_dir:
            subprocess.run(
                [os.path.join(self.root, "scripts/postgres.sh"), "stop", self.pg_dir],
                check=False,
            )
            self.pg_dir = None

    # --- PostgreSQL -------------------------------------------------------------------------

    def start_postgres(self):
        self.pg_dir = os.path.join(self.workdir, "pg")
        # The server runs as the `postgres` user when we are root: it must reach its folder.
        os.chmod(self.workdir, 0o755)
        out = subprocess.run(
            [os.path.join(self.root, "scripts/postgres.sh"), "start", self.pg_dir],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise RuntimeError(f"starting PostgreSQL failed:\n{out.stderr[-2000:]}")
        return out.stdout.strip()

    def restart_postgres(self):
        subprocess.run(
            [os.path.join(self.root, "scripts/postgres.sh"), "restart", self.pg_dir],
            check=True,
        )

    # --- Meilisearch ------------------------------------------------------------------------

    def start_meilisearch(self, key):
        port = free_port()
        folder = os.path.join(self.workdir, "meilisearch")
        os.makedirs(folder, exist_ok=True)
        process = self.spawn(
            "meilisearch",
            [
                self.meilisearch_bin,
                "--db-path", os.path.join(folder, "db"),
                "--http-addr", f"127.0.0.1:{port}",
                "--master-key", key,
                "--no-analytics",
                "--env", "development",
                # As scripts/test: the default buffer (two thirds of the RAM) costs seconds per
                # task (docs/performance.md, "Meilisearch writes").
                "--max-indexing-memory", "1GiB",
            ],
            cwd=folder,
        )
        url = f"http://127.0.0.1:{port}"
        self.wait_meilisearch(url, process)
        return url, process

    @staticmethod
    def wait_meilisearch(url, process, timeout=30):
        def healthy():
            if not process.alive():
                raise RuntimeError(f"meilisearch exited:\n{process.log_tail()}")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=1) as r:
                    return json.load(r).get("status") == "available"
            except (OSError, ValueError):
                return False

        eventually("meilisearch is available", healthy, timeout)

    # --- S3 (moto) and SMTP (aiosmtpd) ------------------------------------------------------

    def start_s3(self, bucket):
        port = free_port()
        process = self.spawn(
            "s3",
            [os.path.join(self.venv, "bin/moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        )
        self.wait_port("the S3 server", port, process)
        endpoint = f"http://127.0.0.1:{port}"
        # moto takes an unsigned PUT to create a bucket (object_store cannot create one).
        request = urllib.request.Request(f"{endpoint}/{bucket}", method="PUT", data=b"")
        urllib.request.urlopen(request, timeout=10).close()
        return endpoint

    def start_smtp(self):
        port = free_port()
        maildir = os.path.join(self.workdir, "maildir")
        process = self.spawn(
            "smtp",
            [
                os.path.join(self.venv, "bin/python"), "-m", "aiosmtpd", "-n",
                "-l", f"127.0.0.1:{port}",
                "-c", "aiosmtpd.handlers.Mailbox", maildir,
            ],
        )
        self.wait_port("the SMTP server", port, process)
        return f"smtp://127.0.0.1:{port}", maildir

    def wait_port(self, what, port, process, timeout=30):
        def up():
            if not process.alive():
                raise RuntimeError(f"{what} exited:\n{process.log_tail()}")
            return accepts(port)

        eventually(f"{what} accepts connections", up, timeout)

    # --- HAProxy ----------------------------------------------------------------------------

    def start_haproxy(self, backends):
        """HAProxy in front of the `http` replicas: health checks on /readyz, and a request whose
        connection failed is retried on the other replica."""
        port = free_port()
        sock = os.path.join(self.workdir, "haproxy.sock")
        servers = "\n".join(
            f"  server {name} 127.0.0.1:{p} check" for name, p in backends
        )
        config = f"""global
  maxconn 1024
  stats socket {sock} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 2s
  retries 3
  retry-on conn-failure
  option redispatch 1
  option forwardfor

frontend samvirke
  bind 127.0.0.1:{port}
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
{servers}
"""
        path = os.path.join(self.workdir, "haproxy.cfg")
        with open(path, "w") as f:
            f.write(config)
        process = self.spawn("haproxy", [self.haproxy, "-db", "-f", path])
        self.wait_port("HAProxy", port, process)
        return f"http://127.0.0.1:{port}", HaproxyStats(sock)

    # --- Samvirke ---------------------------------------------------------------------------

    def samvirke(self, args, env, check=True):
        """Runs one `samvirke` command to its end (migrate, demo, admin …); returns its stdout."""
        out = subprocess.run(
            [self.binary, *args], env=env, cwd=self.workdir, capture_output=True, text=True
        )
        if check and out.returncode != 0:
            raise RuntimeError(
                f"samvirke {' '.join(args[:2])} failed ({out.returncode}):\n{out.stderr[-3000:]}"
            )
        return out.stdout

    def start_replica(self, name, role, env):
        folder = os.path.join(self.workdir, name)
        os.makedirs(folder, exist_ok=True)
        env = dict(env, SAMVIRKE__DATA_DIR=folder)
        return self.spawn(name, [self.binary, role], env=env, cwd=folder)


class HaproxyStats:
    """Reads which backend servers HAProxy has in rotation, through its stats socket."""

    def __init__(self, path):
        self.path = path

    def status(self):
        """{server name: "UP" | "DOWN" | …} of the replicas backend."""
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(2)
                s.connect(self.path)
                s.sendall(b"show stat\n")
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
        except OSError:
            return {}
        lines = data.decode().splitlines()
        if not lines:
            return {}
        header = lines[0].lstrip("# ").split(",")
        result = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == "replicas" and row.get("svname") not in ("BACKEND", None):
                result[row["svname"]] = row.get("status", "")
        return result
