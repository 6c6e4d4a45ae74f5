#!/usr/bin/env python3
"""The request-bounds benchmark (issue 9): against a running server (`samvirke serve --demo`),

1. 64 concurrent 10 MB JSON bodies to the signed-out `POST /api/v1/session` (half with a
   `Content-Length`, half chunked): every answer must be 413, and the server's peak resident
   memory is sampled from /proc/<pid>/status while they are in flight;
2. 200 concurrent signed-out searches with forged cursors: every answer must be 4xx, and the
   server's process id must be the same afterwards (no restart).

    bench/bounds.py http://127.0.0.1:8080 <server pid> [network slug]
"""
import socket
import sys
import threading
import time
import urllib.parse

BODY = 10 * 1000 * 1000
CHUNK = b" " * 65536


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def exchange(host, port, head, chunked, results):
    s = socket.create_connection((host, port))
    s.sendall(head)
    sent = 0
    try:
        while sent < BODY:
            if chunked:
                s.sendall(b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n")
            else:
                s.sendall(CHUNK)
            sent += len(CHUNK)
    except OSError:
        pass  # refused early: the server closed
    s.settimeout(30)
    data = b""
    try:
        while b"\r\n" not in data:
            part = s.recv(4096)
            if not part:
                break
            data += part
    except OSError:
        pass
    results.append(int(data.split(b" ")[1]) if data.startswith(b"HTTP/") else 0)
    s.close()


def get(host, port, path, results):
    s = socket.create_connection((host, port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    data = s.recv(4096)
    results.append(int(data.split(b" ")[1]) if data.startswith(b"HTTP/") else 0)
    s.close()


def main():
    base, pid = sys.argv[1], int(sys.argv[2])
    slug = sys.argv[3] if len(sys.argv) > 3 else "demo"
    url = urllib.parse.urlparse(base)
    host, port = url.hostname, url.port
    before = rss(pid)
    results, threads, peak = [], [], before
    for n in range(64):
        chunked = n % 2 == 1
        length = b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % BODY
        head = (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + length + b"\r\n\r\n")
        t = threading.Thread(target=exchange, args=(host, port, head, chunked, results))
        t.start()
        threads.append(t)
    started = time.time()
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss(pid))
        time.sleep(0.01)
    elapsed = time.time() - started
    refused = sum(1 for r in results if r == 413)
    print(f"64 x 10 MB JSON bodies: {refused}/64 answered 413 in {elapsed:.2f} s; "
          f"server resident memory {before / 2**20:.0f} MB before, peak {peak / 2**20:.0f} MB")

    forged = ["bzoxMDAwMDAwMDAwMDAwMDAw", "bzotMQ", "bzoxMDAw", "AZNrPZcVd2iNvQJrMzg3jg", "%FF"]
    results, threads = [], []
    started = time.time()
    for n in range(200):
        path = (f"/n/{slug}/search?q=barn&cursor={forged[n % len(forged)]}" if n % 2 == 0
                else f"/api/v1/networks/{slug}/search?q=barn&cursor={forged[n % len(forged)]}")
        t = threading.Thread(target=get, args=(host, port, path, results))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    elapsed = time.time() - started
    four = sum(1 for r in results if 400 <= r < 500)
    alive = open(f"/proc/{pid}/status").read() != ""
    print(f"200 forged-cursor searches: {four}/200 answered 4xx in {elapsed:.2f} s; "
          f"server pid {pid} {'still running' if alive else 'GONE'}")
    ok = refused == 64 and four == 200 and alive
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
