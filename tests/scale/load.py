"""The mixed load: several client threads behind HAProxy read, write projects, reply in the
thread, upload files and register people into the capacity-limited meeting, until told to stop.

Every acknowledged (2xx) write goes into the `Ledger` with its id and, for what search should
find, the unique word it carries. A client does not retry a write that failed with 502/503 (it
may or may not have been stored; only acknowledged writes are promised), except a person's
registration, which goes back in the queue: a retry that answers 409 `already_registered` tells
the person that the lost answer had in fact registered them.
"""

import random
import string
import threading
import time

from client import Tally
from seed import NETWORK

API = f"/api/v1/networks/{NETWORK}"


# How many people reply in the thread (see `reply`).
REPLIERS = 4


def unique_word(rng):
    # Lowercase letters only: the analysers of both engines keep such a word whole.
    return "skala" + "".join(rng.choice(string.ascii_lowercase) for _ in range(10))


class Write:
    def __init__(self, kind, id, word=None, status=None):
        self.kind, self.id, self.word, self.status = kind, id, word, status
        self.acknowledged_at = time.monotonic()

    @property
    def search_id(self):
        return f"{self.kind}:{self.id}" if self.word else None


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.writes = []
        self.unexpected = []  # (operation, status, body): answers no client should ever see

    def add(self, write):
        with self.lock:
            self.writes.append(write)

    def refuse(self, operation, response):
        with self.lock:
            what = response.code() or response.body[:160]
            self.unexpected.append((operation, response.status, what))

    def of(self, kind):
        with self.lock:
            return [w for w in self.writes if w.kind == kind]


class Registrations:
    """The people still to register, handed out one at a time over the load's planned length so
    that registrations happen before, during and after each fault."""

    def __init__(self, people, planned_secs):
        self.lock = threading.Lock()
        self.queue = list(range(len(people)))
        self.people = people
        self.interval = planned_secs / max(1, len(people))
        self.handed = 0
        self.started = time.monotonic()
        self.lost_answer = set()  # people whose registration answer was a 502/503

    def next(self):
        with self.lock:
            due = time.monotonic() >= self.started + self.handed * self.interval
            if not self.queue or not due:
                return None
            self.handed += 1
            return self.queue.pop(0)

    def again(self, person):
        with self.lock:
            self.lost_answer.add(person)
            self.queue.append(person)


ALLOWED_ERRORS = (502, 503)


class Load:
    def __init__(self, base, seeded, threads, planned_secs, seed=10):
        self.base, self.seeded = base, seeded
        self.tally = Tally()
        self.ledger = Ledger()
        self.registrations = Registrations(seeded.people, planned_secs * 0.8)
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self.run, args=(random.Random(seed + n),), daemon=True)
            for n in range(threads)
        ]
        self.words = []  # words already written, for searches that find something

    def start(self):
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)
        self.ended = time.monotonic()

    def run(self, rng):
        # Each thread has its own view of the clients (cookie and address), sharing the tally.
        while not self.stop.is_set():
            person = self.registrations.next()
            if person is not None:
                self.register(person)
                continue
            roll = rng.random()
            if roll < 0.5:
                self.read(rng)
            elif roll < 0.7:
                self.write_project(rng)
            elif roll < 0.88:
                self.reply(rng)
            else:
                self.upload(rng)
            # A little think time: the machine is shared, and the point is the faults, not
            # the throughput.
            time.sleep(rng.uniform(0.005, 0.03))

    def person(self, rng):
        return rng.choice(self.seeded.people)

    def check(self, operation, response):
        """True for a 2xx; records any answer other than 502/503 as unexpected."""
        if response.ok:
            return True
        if response.status not in ALLOWED_ERRORS:
            self.ledger.refuse(operation, response)
        self.back_off()
        return False

    @staticmethod
    def back_off():
        # A refused client waits a moment, as a browser's user or an API client would, instead
        # of turning an outage into thousands of instant refusals.
        time.sleep(0.25)

    def read(self, rng):
        client = self.person(rng)
        choice = rng.randrange(5)
        if choice == 0:
            response = client.get(f"{API}/projects?limit=20", "/projects")
        elif choice == 1:
            response = client.get(f"{API}/meetings/{self.seeded.meeting_id}", "/meetings/:id")
        elif choice == 2:
            response = client.get(f"{API}/threads/{self.seeded.thread_id}", "/threads/:id")
        elif choice == 3:
            response = client.get(f"{API}/projects/{self.seeded.project_id}", "/projects/:id")
        else:
            word = rng.choice(self.words) if self.words else "Bakkehuset"
            response = client.get(f"{API}/search?q={word}", "/search")
        self.check("read", response)

    def write_project(self, rng):
        word = unique_word(rng)
        response = self.person(rng).post(
            f"{API}/projects",
            "/projects",
            {
                "title": f"Skalaprojekt {word}",
                "summary": "Et projekt skrevet under skalaprøven.",
                "body": f"Vi afprøver {word} i samarbejde mellem kommune og psykiatri.",
                "status": "running",
                "visibility": "network",
            },
        )
        if self.check("project", response):
            self.ledger.add(Write("project", response.json()["id"], word))
            self.words.append(word)

    def reply(self, rng):
        word = unique_word(rng)
        # A few regulars reply: every reply mails each follower of the thread, so sixty
        # repliers would turn the load into a mail queue growing with the square of the replies
        # (thousands of mails) that no worker drains within the bound.
        replier = rng.choice(self.seeded.people[:REPLIERS])
        response = replier.post(
            f"{API}/threads/{self.seeded.thread_id}/posts",
            "/threads/:id/posts",
            {"body": f"Vores erfaring med {word} er god."},
        )
        if self.check("reply", response):
            self.ledger.add(Write("post", response.json()["id"], word))
            self.words.append(word)

    def upload(self, rng):
        word = unique_word(rng)
        body = (f"Referat fra skalaprøven om {word}.\n" + "Trivsel og samarbejde. " * 200).encode()
        response = self.seeded.coordinator.request(
            "POST",
            f"{API}/files?target_kind=project&target_id={self.seeded.project_id}"
            f"&name=referat-{word}.txt",
            "/files",
            body,
            content_type="application/octet-stream",
        )
        if self.check("upload", response):
            self.ledger.add(Write("file", response.json()["id"], word))

    def register(self, person):
        client = self.seeded.people[person]
        response = client.post(
            f"{API}/meetings/{self.seeded.meeting_id}/registration", "/meetings/:id/registration", {}
        )
        if response.ok:
            doc = response.json()
            self.ledger.add(Write("registration", doc["id"], status=doc["status"]))
        elif response.status in ALLOWED_ERRORS:
            self.registrations.again(person)
            self.back_off()
        elif (
            response.status == 409
            and response.code() == "already_registered"
            and person in self.registrations.lost_answer
        ):
            # The earlier attempt registered the person; its answer was lost at a fault.
            self.ledger.add(Write("registration_unanswered", person))
        else:
            self.ledger.refuse("registration", response)
