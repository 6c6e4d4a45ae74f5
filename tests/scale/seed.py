"""The data the load works on, made the way an operator and a coordinator would.

`samvirke demo` loads the Bakkehuset network (organisations, a coordinator, projects, forum
categories); `samvirke admin create-user` and `add-member` add the people who register; the
coordinator then creates, through the API behind HAProxy, the capacity-limited meeting, a forum
thread and a project for uploads. Every person signs in through the API and keeps the session.
"""

import datetime
import os
import time
from concurrent.futures import ThreadPoolExecutor

from client import Client

NETWORK = "bakkehuset"
COORDINATOR = "mette.lindholm@example.org"
DEMO_PASSWORD = "samvirke-demo"
PASSWORD = "skalatest-adgangskode"
ORGANISATION = "Roskilde Kommune"


class Seeded:
    def __init__(self):
        self.coordinator = None  # Client
        self.people = []  # [Client], one session each
        self.meeting_id = None
        self.capacity = None
        self.thread_id = None
        self.project_id = None


def person_email(i):
    return f"skala.deltager{i}@example.org"


def person_address(i):
    return f"10.77.{i // 250}.{i % 250 + 1}"


def load_people(processes, env, count):
    """The operator's commands: one account and membership per person, four at a time.

    They write only the database, so they run without the Meilisearch settings: every process
    that starts with them first brings the index's settings up to date on the server, which
    took seconds per command here (minutes for the 120 commands), and the point of the test is
    not that start-up."""
    env = {k: v for k, v in env.items() if not k.startswith("SAMVIRKE__SEARCH__")}
    env.update(
        SAMVIRKE_PASSWORD=PASSWORD,
        SAMVIRKE__DATA_DIR=os.path.join(processes.workdir, "cli"),
    )

    def add(i):
        email = person_email(i)
        processes.samvirke(
            ["admin", "create-user", "--email", email, "--name", f"Skala Deltager {i}"], env
        )
        processes.samvirke(
            [
                "admin", "add-member", "--network", NETWORK, "--email", email,
                "--role", "member", "--organisation", ORGANISATION,
            ],
            env,
        )

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(add, range(count)))


def expect_ok(response, what):
    if not response.ok:
        raise RuntimeError(f"seeding: {what} answered {response.status}: {response.body[:500]}")
    return response.json()


def sign_in(base, tally, email, password, address):
    client = Client(base, tally, address=address)
    expect_ok(
        client.post("/api/v1/session", "/session", {"email": email, "password": password}),
        f"signing in {email}",
    )
    return client


def seed(processes, env, base, tally, people, capacity):
    seeded = Seeded()
    started = time.monotonic()
    processes.samvirke(["demo"], env)
    seeded.demo_secs = round(time.monotonic() - started, 1)
    load_people(processes, env, people)
    seeded.capacity = capacity
    api = f"/api/v1/networks/{NETWORK}"
    coordinator = sign_in(base, tally, COORDINATOR, DEMO_PASSWORD, "10.77.255.1")
    seeded.coordinator = coordinator

    starts = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    starts += datetime.timedelta(days=30)
    meeting = expect_ok(
        coordinator.post(
            f"{api}/meetings",
            "/meetings",
            {
                "kind": "theme_meeting",
                "visibility": "network",
                "title": "Skalaprøve: temadag med begrænsede pladser",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + datetime.timedelta(hours=4)).isoformat(),
                "location_mode": "physical",
                "address": "Rådhuspladsen 1, København",
                "registration": {
                    "enabled": True,
                    "capacity_room": capacity,
                    "waitlist_enabled": True,
                },
                "publish": True,
            },
        ),
        "creating the meeting",
    )
    seeded.meeting_id = meeting["id"]

    categories = expect_ok(
        coordinator.get(f"{api}/forum/categories", "/forum/categories"), "listing categories"
    )
    items = categories["items"] if isinstance(categories, dict) else categories
    thread = expect_ok(
        coordinator.post(
            f"{api}/threads",
            "/threads",
            {
                "category_id": items[0]["id"],
                "title": "Skalaprøve: erfaringer fra travle dage",
                "body": "Skriv jeres erfaringer her.",
            },
        ),
        "creating the thread",
    )
    seeded.thread_id = thread["id"]

    project = expect_ok(
        coordinator.post(
            f"{api}/projects",
            "/projects",
            {
                "title": "Skalaprøve: fælles materialer",
                "summary": "Filer lagt op under skalaprøven.",
                "status": "running",
                "visibility": "network",
            },
        ),
        "creating the project",
    )
    seeded.project_id = project["id"]

    with ThreadPoolExecutor(4) as pool:
        seeded.people = list(
            pool.map(
                lambda i: sign_in(base, tally, person_email(i), PASSWORD, person_address(i)),
                range(people),
            )
        )
    return seeded
