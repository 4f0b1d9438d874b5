#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate the pdnet demo network in data/demo/.

A fictional city, Riverton, with one district, one charter network, one
standalone charter, one Catholic diocese and three outside organizations,
about 600 educators, and three PD programs (one per style of Table 1 of the
"Passing Notes" case studies) for the last school year (complete) and the
current one (upcoming sessions, registration open), and two shared
curricula with their history, taught by some of the sessions.

Every date is written relative to the day the demo is loaded; see
data/demo/README.md for the tokens. The output is committed, so building
pdnet never needs Python: rerun this only to change the demo.

    tools/demo-generate.py [OUTPUT_DIR]     (default: data/demo)

Python 3 standard library only; the random seed is fixed, so the output is
the same on every run.
"""

import csv
import io
import json
import os
import random
import re
import sys
import unicodedata

SEED = 20180201
CITY = "Riverton"
TIME_ZONE = "America/Chicago"

rng = random.Random(SEED)

# --- organizations -------------------------------------------------------

DISTRICT = "Riverton Public Schools"
CMO = "Beacon Charter Network"
STANDALONE = "Riverton Montessori Charter School"
DIOCESE = "Catholic Schools of the Diocese of Riverton"
NORTHSTAR = "Northstar Learning"
COMPACT = "Riverton Compact"
TEACH_FORWARD = "Teach Forward"

ORGANIZATIONS = [
    # name, kind, email domain
    (DISTRICT, "district", "rivertonschools.org"),
    (CMO, "cmo", "beaconcharter.org"),
    (STANDALONE, "standalone-charter", "rivertonmontessori.org"),
    (DIOCESE, "diocese", "rivertoncatholic.org"),
    (NORTHSTAR, "partner", "northstarlearning.org"),
    (COMPACT, "partner", "rivertoncompact.org"),
    (TEACH_FORWARD, "partner", "teachforward.org"),
]
DOMAIN = {name: domain for name, _, domain in ORGANIZATIONS}

# --- schools -------------------------------------------------------------

DISTRICT_SCHOOLS = [
    # name, level
    ("Alder Street Elementary School", "elementary"),
    ("Birchwood Elementary School", "elementary"),
    ("Cedar Hill Elementary School", "elementary"),
    ("Dunmore Elementary School", "elementary"),
    ("Eastgate Elementary School", "elementary"),
    ("Fairview Elementary School", "elementary"),
    ("Garfield Park Elementary School", "elementary"),
    ("Harbor View Elementary School", "elementary"),
    ("Ironwood Elementary School", "elementary"),
    ("Juniper Elementary School", "elementary"),
    ("Kingsley Elementary School", "elementary"),
    ("Lakeview Elementary School", "elementary"),
    ("Millbrook Elementary School", "elementary"),
    ("Northside Elementary School", "elementary"),
    ("Oak Grove Elementary School", "elementary"),
    ("Prairie Rose Elementary School", "elementary"),
    ("Quarry Hill Elementary School", "elementary"),
    ("Sycamore Elementary School", "elementary"),
    ("Tanager Elementary School", "elementary"),
    ("Maple Ridge K-8 School", "k8"),
    ("Lincoln Square K-8 School", "k8"),
    ("Westbrook Middle School", "middle"),
    ("Carver Heights Middle School", "middle"),
    ("Mill Race Middle School", "middle"),
    ("Riverton Arts Middle School", "middle"),
    ("Southfield Middle School", "middle"),
    ("Elm Park Middle School", "middle"),
    ("Highland Middle School", "middle"),
    ("Stonebridge Middle School", "middle"),
    ("Riverton Central High School", "high"),
    ("North Riverton High School", "high"),
    ("South Riverton High School", "high"),
    ("Eastside High School", "high"),
    ("Riverton Early College High School", "small-high"),
]

CMO_SCHOOLS = [
    ("Beacon Prep Eastside Elementary", "elementary"),
    ("Beacon Prep Eastside Middle", "middle"),
    ("Beacon Prep Northgate Elementary", "elementary"),
    ("Beacon Prep Northgate Middle", "middle"),
    ("Beacon Prep Riverfront Elementary", "elementary"),
    ("Beacon Prep Riverfront Middle", "middle"),
    ("Beacon Prep Southfield Elementary", "elementary"),
    ("Beacon Prep Southfield Middle", "middle"),
    ("Beacon Collegiate High School", "high"),
]

CATHOLIC_SCHOOLS = [
    ("St. Brendan School", "k8"),
    ("Holy Family Academy", "k8"),
    ("St. Agnes School", "k8"),
    ("Our Lady of Peace School", "k8"),
    ("Sacred Heart School", "k8"),
    ("St. Columba High School", "high"),
]

HEADCOUNT = {  # teachers, by sector and level
    ("district", "elementary"): (22, 42),
    ("district", "k8"): (34, 52),
    ("district", "middle"): (28, 48),
    ("district", "high"): (52, 70),
    ("district", "small-high"): (15, 18),
    ("charter", "elementary"): (18, 30),
    ("charter", "middle"): (20, 32),
    ("charter", "high"): (30, 40),
    ("catholic", "k8"): (15, 24),
    ("catholic", "high"): (28, 36),
}

TESTED_STUDENTS = {  # students behind a school's growth measures
    "elementary": (180, 420),
    "k8": (220, 520),
    "middle": (350, 750),
    "high": (500, 1300),
    "small-high": (60, 120),
}


# The password of every demo account (README: "Sign in to the demo").
DEMO_PASSWORD = "riverton-demo"


def make_schools():
    schools = []

    def add(name, level, sector, org, ext):
        lo, hi = HEADCOUNT[(sector, level)]
        last = rng.randint(lo, hi)
        current = max(15, min(70, last + rng.randint(-3, 3)))
        schools.append(dict(name=name, level=level, sector=sector, org=org, ext=ext,
                            hc_last=last, hc_current=current, people=[], teachers=[],
                            leaders=[], coaches=[]))

    for i, (name, level) in enumerate(DISTRICT_SCHOOLS):
        add(name, level, "district", DISTRICT, "99001%07d" % (120 + i * 7))
    for i, (name, level) in enumerate(CMO_SCHOOLS):
        add(name, level, "charter", CMO, "99003%07d" % (40 + i * 3))
    add(STANDALONE, "elementary", "charter", STANDALONE, "990050000071")
    for i, (name, level) in enumerate(CATHOLIC_SCHOOLS):
        # St. Agnes has no id: the importer finds it by its exact name.
        ext = "" if name == "St. Agnes School" else "A99%05d" % (2210 + i * 17)
        add(name, level, "catholic", DIOCESE, ext)
    return schools


def school_key(school):
    return school["ext"] or school["name"]


# --- people --------------------------------------------------------------

FIRST_NAMES = """Aaliyah Aaron Abigail Adriana Ahmed Aisha Alejandro Alex Alicia Amara
Amir Ana Andre Angela Anthony Arjun Ava Beatriz Benjamin Brianna Caleb Camila Carlos
Carmen Cecilia Chloe Christopher Daniel Danielle Darius David Deja Diana Diego Dominic
Elena Elijah Elizabeth Emily Emmanuel Erin Esther Ethan Fatima Felipe Gabriel Grace
Graciela Hannah Hector Imani Isaac Isabel Jacob Jada Jamal James Jasmine Javier Jennifer
Jessica Jin Jonathan Jordan José Joseph Joshua Julia Justin Kayla Keisha Kenji Kevin
Khadija Laura Lauren Leah Liam Lucas Luis Malik Maria Mariana Marcus Matthew Maya Megan
Mei Michael Miguel Minh Nadia Naomi Natalie Nathan Nia Nicole Noah Olivia Omar Patrick
Priya Rachel Rafael Rebecca Ricardo Rosa Ryan Samantha Samuel Sarah Sean Sofia Stephanie
Tamika Terrence Thomas Tiana Valeria Victor Wei Xavier Yasmin Yusuf Zoë""".split()

LAST_NAMES = """Abbott Acosta Adeyemi Aguilar Ahmed Alvarez Anderson Arnold Bailey Baker
Banks Barnes Bell Bennett Brooks Brown Bryant Burke Butler Campbell Carter Castillo Chan
Chen Coleman Collins Cook Cooper Cruz Daniels Davis Delgado Diaz Dixon Douglas Duong Edwards
Ellis Espinoza Evans Fernández Fisher Flores Foster Francis Gallagher Garcia Gibson Gomez
Gonzalez Gordon Graham Grant Gray Green Griffin Gupta Gutierrez Hall Hamilton Harris Hayes
Henderson Hernandez Hill Holmes Howard Hughes Hunter Ibrahim Jackson James Jenkins Jimenez
Johnson Jones Jordan Kelly Kennedy Khan Kim Knight Kowalski Lee Lewis Lopez Marshall Martin
Martinez Mason McCarthy Mendoza Meyer Miller Mitchell Moore Morales Morgan Murphy Nguyen
Novak Nunez O'Brien Okafor Olson Ortiz Owens Park Patel Perez Perry Peterson Phillips Powell
Price Ramirez Reed Reyes Richardson Rivera Roberts Robinson Rodriguez Rogers Romero Ross
Russell Sanchez Sanders Scott Shah Simmons Singh Smith Stewart Sullivan Taylor Thomas
Thompson Torres Tran Turner Vargas Vasquez Walker Wallace Ward Washington Watson White
Williams Wilson Wong Wright Yang Young Zhang""".split()

used_emails = set()


def ascii_slug(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def new_person(domain, role):
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    base = "%s.%s" % (ascii_slug(first), ascii_slug(last))
    email, n = base + "@" + domain, 2
    while email in used_emails:
        email, n = "%s%d@%s" % (base, n, domain), n + 1
    used_emails.add(email)
    return dict(name="%s %s" % (first, last), email=email, role=role, rows=[])


def make_people(schools):
    people = []
    for school in schools:
        domain = DOMAIN[school["org"]]
        n_teachers = max(3, round(school["hc_last"] * rng.uniform(0.25, 0.37)))
        for _ in range(n_teachers):
            person = new_person(domain, "teacher")
            school["teachers"].append(person)
        leaders = 2 if school["hc_last"] >= 40 else 1
        for _ in range(leaders):
            school["leaders"].append(new_person(domain, "school-leader"))
        if school["org"] == CMO or rng.random() < 0.3:
            school["coaches"].append(new_person(domain, "coach"))
        for person in school["teachers"] + school["leaders"] + school["coaches"]:
            person["rows"].append((school, "", ""))
            people.append(person)
    # District admins work across schools; each is affiliated with the
    # school that houses their office, so they are credited there.
    offices = [s for s in schools if s["org"] == DISTRICT and s["level"] == "high"]
    for office in offices + [offices[0]]:
        admin = new_person(DOMAIN[DISTRICT], "district-admin")
        admin["rows"].append((office, "", ""))
        people.append(admin)
    diocese_office = next(s for s in schools if s["org"] == DIOCESE)
    admin = new_person(DOMAIN[DIOCESE], "district-admin")
    admin["rows"].append((diocese_office, "", ""))
    people.append(admin)
    return people


def make_movers(schools, count=10):
    """Teachers who change schools mid-year: two affiliation rows each."""
    movers = []
    candidates = [s for s in schools if len(s["teachers"]) >= 6]
    for _ in range(count):
        source = rng.choice(candidates)
        target = rng.choice([s for s in candidates if s is not source])
        person = next(p for p in reversed(source["teachers"]) if len(p["rows"]) == 1)
        day = rng.randint(150, 185)  # December or January
        person["rows"] = [(source, "", "{LAST+%d}" % day), (target, "{LAST+%d}" % (day + 1), "")]
        source["teachers"].remove(person)
        target["teachers"].append(person)
        person["moved_on"] = day + 1
        person["first_school"] = source
        movers.append(person)
    return movers


def outside_staff():
    staff = [new_person(DOMAIN[NORTHSTAR], "coach") for _ in range(3)]
    staff.append(new_person(DOMAIN[COMPACT], "coach"))
    return staff


# --- sessions and participation ------------------------------------------

COMMENTS = [
    "Practical and immediately usable on Monday.",
    "Loved seeing how other schools handle this.",
    "Great modeling; I would like more time to practice.",
    "Too much content for one morning.",
    "The video examples were the most useful part.",
    "Meeting teachers from other sectors was eye-opening.",
    "I will share the planning template with my team.",
    "Would be better with grade-level breakouts.",
    "The facilitator clearly has done this in a real classroom.",
    "Helpful, but the room was too crowded.",
    "I want a follow-up session on assessment.",
    "Our whole team should come next time.",
    "Strong session; the pacing dragged after lunch.",
    "Clear, concrete, and respectful of our time.",
    "Could use more examples for English learners.",
    "Exactly what our grade team needed.",
]

SATURDAY_WORKSHOP = ("09:00", "12:00", 180)
COURSE = ("16:30", "18:00", 90)
TRAINING_DAY = ("08:30", "15:30", 420)
CONVENING = ("09:00", "15:00", 360)
CALL = ("15:45", "16:45", 60)


def clock(minutes_after_midnight):
    return "%02d:%02d" % divmod(minutes_after_midnight, 60)


def random_clock():
    return clock(rng.randint(7 * 60, 21 * 60 + 59))


def nominal_offset(date):
    """Days after the anchor, ignoring the weekday snap: "LAST+33:mon+2" -> 35."""
    m = re.fullmatch(r"[A-Z]+\+(\d+)(?::[a-z]{3}(?:\+(\d+))?)?", date)
    return int(m.group(1)) + int(m.group(2) or 0)


class Session:
    def __init__(self, kind, title, topic, date, hours, host=None, location=None,
                 capacity=None, facilitators=(), state=None):
        self.data = dict(kind=kind, title=title)
        if topic:
            self.data["topic"] = topic
        self.data["date"] = date
        self.data["start"], self.data["end"], self.length = hours
        if host is not None:
            self.data["host"] = school_key(host)
        if location:
            self.data["location"] = location
        if capacity is not None:
            self.data["capacity"] = capacity
        if state:
            self.data["state"] = state
        self.data["facilitators"] = [p["email"] for p in facilitators]
        self.offset = nominal_offset(date)
        self.registrations = []
        self.attendance = []
        self.surveys = []

    def register(self, person, created, status="registered", cancelled=None):
        row = dict(email=person["email"], status=status, created=created)
        if cancelled:
            row["cancelled"] = cancelled
        self.registrations.append(row)

    def attend(self, person, status, minutes=None, source="roster"):
        row = dict(email=person["email"], status=status, source=source)
        if minutes is not None:
            row["minutes"] = minutes
        self.attendance.append(row)

    def to_json(self):
        out = dict(self.data)
        out["registrations"] = self.registrations
        if self.attendance:
            out["attendance"] = self.attendance
        if self.surveys:
            out["surveys"] = self.surveys
        return out


def reliability():
    return rng.choice([0.97, 0.9, 0.9, 0.8, 0.6])


def partial_minutes(length):
    return rng.randrange(30, length - 15 + 1, 15)


def record_attendance(session, person, r, walk_in=False):
    """Attendance of one person with reliability r; returns True if there."""
    u = rng.random()
    if walk_in or u < r * 0.9:
        minutes = session.length if rng.random() < 0.15 else None
        session.attend(person, "present", minutes,
                       "check-in" if walk_in or rng.random() < 0.4 else "roster")
        return True
    if u < r:
        session.attend(person, "partial", partial_minutes(session.length))
        return True
    session.attend(person, "absent")
    return False


def survey(session, person, mean_usefulness):
    if rng.random() > 0.55:
        return
    usefulness = max(1, min(5, round(rng.gauss(mean_usefulness, 0.8))))
    recommend = max(0, min(10, round(usefulness * 2 + rng.gauss(-0.5, 1.2))))
    row = dict(usefulness=usefulness, recommend=recommend)
    if rng.random() >= 0.2:
        row["email"] = person["email"]
    if rng.random() < 0.3:
        row["comment"] = rng.choice(COMMENTS)
    session.surveys.append(row)


def run_past_series(sessions, participants, mean_usefulness, walk_in_pool=(), rates=None):
    """Registrations, attendance and surveys for a completed series.

    Everyone registers for the whole series at once, a few days or weeks
    before its first session (or, for sessions months apart, a while before
    each one)."""
    cancelled_sessions = [s for s in sessions if s.data.get("state") == "cancelled"]
    for person in participants:
        lead = rng.randint(3, 16)
        r = reliability()
        drops = rng.random() < 0.06
        for i, session in enumerate(sessions):
            gap = session.offset - sessions[0].offset
            created = "SESSION-%d %s" % (lead + gap if lead + gap <= 44 else lead, random_clock())
            if drops:
                session.register(person, created, "cancelled",
                                 "SESSION-%d %s" % (rng.randint(2, 3), random_clock()))
                continue
            capacity = session.data.get("capacity")
            active = sum(1 for x in session.registrations if x["status"] != "cancelled")
            if capacity is not None and active >= capacity:
                session.register(person, created, "waitlisted")
                continue
            session.register(person, created)
            if session in cancelled_sessions:
                continue
            if record_attendance(session, person, r):
                survey(session, person, mean_usefulness)
                if rates is not None:
                    rates[id(person)] = rates.get(id(person), 0) + 1
    for session in sessions:
        if session in cancelled_sessions:
            continue
        present = {a["email"] for a in session.attendance} | {r["email"] for r in session.registrations}
        pool = [p for p in walk_in_pool if p["email"] not in present]
        for person in rng.sample(pool, min(len(pool), rng.randint(0, 2))):
            record_attendance(session, person, 1.0, walk_in=True)
            survey(session, person, mean_usefulness)


def register_upcoming(sessions, participants, waitlist_after=None):
    for person in participants:
        days_ago = rng.randint(1, 13)
        for session in sessions:
            created = "TODAY-%d %s" % (days_ago, random_clock())
            capacity = session.data.get("capacity")
            active = sum(1 for x in session.registrations if x["status"] != "cancelled")
            if capacity is not None and active >= capacity:
                session.register(person, created, "waitlisted")
            elif rng.random() < 0.04:
                session.register(person, created, "cancelled",
                                 "TODAY-%d %s" % (max(0, days_ago - 1) or 1, "07:00"))
            else:
                session.register(person, created)


def weighted_teachers(schools, engagement, total, exclude=()):
    """Picks about @total teachers, concentrated in the engaged schools."""
    chosen = []
    for school in schools:
        level = engagement.get(school["name"], 0)
        if level == 0:
            continue
        want = {1: rng.randint(1, 2), 2: rng.randint(3, 5), 3: rng.randint(10, 14)}[level]
        pool = [p for p in school["teachers"] + school["coaches"]
                if p not in chosen and p not in exclude]
        chosen += rng.sample(pool, min(want, len(pool)))
    rng.shuffle(chosen)
    return chosen[:total]


def engagement_levels(schools, none_share, high_share, favored=()):
    levels = {}
    for school in schools:
        u = rng.random()
        if school["name"] in favored:
            levels[school["name"]] = 3
        elif u < none_share:
            levels[school["name"]] = 0
        elif u < 1 - high_share:
            levels[school["name"]] = 1 if rng.random() < 0.6 else 2
        else:
            levels[school["name"]] = 3
    return levels


# --- the three programs --------------------------------------------------

def beacon_school(schools, name):
    return next(s for s in schools if s["name"] == name)


def workshop_program(schools, people, movers, year):
    """Beacon's Saturday workshops, open to every sector (Uncommon-style)."""
    past = year == "LAST"
    cmo_coaches = [p for s in schools if s["org"] == CMO for p in s["coaches"]]
    host = beacon_school(schools, "Beacon Collegiate High School")
    others = [s for s in schools if s["org"] != CMO]
    series_specs = [
        ("Checks for Understanding", "Checking for understanding", "fall",
         "LAST+100:sat", 3, 50),
        ("Everybody Writes", "Writing across the content areas", "winter",
         "LAST+191:sat", 4, 60),
        ("100 Percent Engagement", "Student engagement routines", "spring",
         "LAST+233:sat", 4, 60),
    ] if past else [
        ("Cold Call with Warmth", "Cold call and wait time", "auto", "TERM+10:sat", 3, 60),
        ("Habits of Discussion", "Student discourse", "auto", "TERM+45:sat", 4, 60),
    ]
    favored = ["Eastgate Elementary School", "Carver Heights Middle School",
               "South Riverton High School"]
    engagement = engagement_levels(others, 0.55, 0.06, favored)
    leaders = [p for s in others if engagement.get(s["name"]) == 3 for p in s["leaders"]]
    admins = [p for p in people if p["role"] == "district-admin"]
    series_out = []
    for n, (title, topic, term, first, count, capacity) in enumerate(series_specs):
        anchor, rest = first.split("+")
        offset = int(rest.split(":")[0])
        sessions = []
        for i in range(count):
            state = "cancelled" if past and n == 1 and i == 1 else None
            facilitators = rng.sample(cmo_coaches, 2)
            sessions.append(Session(
                "workshop", "%s, part %d" % (title, i + 1), topic,
                "%s+%d:sat" % (anchor, offset + 7 * i), SATURDAY_WORKSHOP, host,
                "Beacon Collegiate gymnasium", capacity, facilitators, state))
        if past:
            participants = weighted_teachers(others, engagement, capacity - 14)
            if n in (0, 2):  # movers come before and after they move
                participants += [m for m in movers if m not in participants]
            participants += rng.sample(leaders, min(len(leaders), 4))
            participants += rng.sample(admins, 2)
            # Walk-ins are colleagues of those who registered.
            run_past_series(sessions, participants, 4.3,
                            [p for s in others if engagement.get(s["name"]) for p in s["teachers"]])
        else:
            want = 28 if n == 0 else 9
            participants = weighted_teachers(others, engagement, want)
            participants += rng.sample(admins, 1)
            register_upcoming(sessions, participants)
        series_out.append(dict(title=title, topic=topic, term=term, kind="workshop-series",
                               sessions=[s.to_json() for s in sessions]))
    return dict(
        name="Beacon Saturday Workshops", type="workshop-series", year=year, lead=CMO,
        partners=[DISTRICT, DIOCESE],
        settings={"audience": ["district", "charter", "catholic"], "weekday": "saturday",
                  "credit_hours_per_session": 3},
        registration=registration_rules(past),
        series=series_out)


def registration_rules(past):
    return dict(opens="SESSION-45 08:00" if past else "TODAY-14 08:00",
                closes="SESSION-2 17:00", cancellation_cutoff="SESSION-1 12:00")


COURSE_TOPICS = [
    ("Literacy circles in the elementary grades", "Literacy circles"),
    ("Math talk: discourse routines for grades 3-8", "Mathematical discourse"),
    ("Science for multilingual learners", "Multilingual learners"),
    ("Restorative classroom practices", "Restorative practices"),
    ("Project-based learning in the humanities", "Project-based learning"),
    ("Small-group instruction with exit-ticket data", "Data-driven small groups"),
    ("Phonics that sticks: structured literacy in K-2", "Structured literacy"),
    ("Building student independence in middle school", "Student independence"),
    ("Co-teaching for inclusion", "Inclusion and co-teaching"),
    ("Feedback that students use", "Feedback"),
]


def teacher_led_program(schools, people, movers, year):
    """Teacher-to-teacher courses of five sessions (Boston Educators Collaborative-style)."""
    past = year == "LAST"
    topics = COURSE_TOPICS[:6] if past else COURSE_TOPICS[6:]
    weekdays = ["tue", "wed", "thu"]
    engagement = engagement_levels(schools, 0.45, 0.05,
                                   ["Sacred Heart School", "Lakeview Elementary School"])
    taken = set()
    in_term = {}  # term -> emails: courses of a term meet at once, one each
    leaders = {}  # email -> the first course's (anchor, start)
    series_out = []
    for n, (title, topic) in enumerate(topics):
        if past:
            term, start = ("fall", 95) if n < 3 else ("spring", 215)
            anchor = "LAST"
        else:
            term, start, anchor = "auto", 14 + 7 * (n % 2), "TERM"
        day = weekdays[n % 3]
        host = rng.choice([s for s in schools if len(s["teachers"]) >= 8])
        leaders_pool = [p for s in schools for p in s["teachers"]
                        if id(p) not in taken and len(p["rows"]) == 1]
        facilitators = rng.sample(leaders_pool, 1 if rng.random() < 0.6 else 2)
        taken.update(id(p) for p in facilitators)
        for p in facilitators:
            leaders.setdefault(p["email"], (anchor, start))
        busy = in_term.setdefault(term, set())
        capacity = 12 if (not past and n == 0) else 18
        sessions = [Session("course-session", "%s, session %d" % (title, i + 1), topic,
                            "%s+%d:%s" % (anchor, start + 7 * i, day), COURSE, host,
                            "Room %d" % rng.randint(101, 240), capacity, facilitators)
                    for i in range(5)]
        if past:
            participants = weighted_teachers(schools, engagement, rng.randint(9, 17),
                                             facilitators)
            if n in (0, 3):
                participants += [m for m in movers[:4] if m not in participants]
            participants = [p for p in participants if p["email"] not in busy]
            busy.update(p["email"] for p in participants)
            run_past_series(sessions, participants, 4.5)
        else:
            want = 14 if n == 0 else rng.randint(5, 11)
            participants = [p for p in weighted_teachers(schools, engagement, want, facilitators)
                            if p["email"] not in busy]
            busy.update(p["email"] for p in participants)
            register_upcoming(sessions, participants)
        series_out.append(dict(title=title, topic=topic, term=term, kind="course",
                               sessions=[s.to_json() for s in sessions]))
    return dict(
        name="Riverton Educators Collaborative", type="teacher-led", year=year, lead=COMPACT,
        partners=[TEACH_FORWARD, DISTRICT, CMO, DIOCESE],
        settings={"sessions_per_course": 5, "sessions_to_complete": 4, "credit_hours": 15,
                  "graduate_credits": 1},
        registration=registration_rules(past),
        series=series_out,
        plugin_requests=[leader_request(email, anchor, start)
                         for email, (anchor, start) in leaders.items()])


def leader_request(email, anchor, start):
    """A teacher-leader selected two months and trained one month before
    leading a first course."""
    return dict(method="POST", subpath="teacher-leaders", body=dict(
        person_id={"$person": email},
        selected_on={"$date": "%s%+d" % (anchor, start - 60)},
        trained_on={"$date": "%s%+d" % (anchor, start - 30)}))


def team_of(school, size):
    teachers = rng.sample(school["teachers"], min(size, len(school["teachers"])))
    return school["leaders"][:1], school["coaches"], teachers


# The whole-school plugin's data (enrollments, coaching-call logs) draws on
# its own generator, so adding it left every other figure of the demo as
# it was.
ws_rng = random.Random(SEED + 1)

CORE_ELEMENTS = ["one-to-one-mentoring", "project-based-learning", "individual-pathways"]

WHOLE_SCHOOL_SETTINGS = {
    "model": "Northstar Learning Model",
    "core_elements": CORE_ELEMENTS,
    "min_devices_per_student": 1,
    "min_bandwidth_mbps_per_student": 1.5,
    "min_leaders": 1,
    "min_teachers": 4,
    "coaching_calls_per_month": 1,
    "coaching_months": [10, 11, 12, 1, 2, 3],
    "graduate_credits": 2,
}

CALL_NOTES = [
    "Walked through the mentoring schedule; every advisory meets weekly.",
    "Reviewed project calendars for the spring; two projects need exhibition dates.",
    "Looked at platform data together: most students are on pace.",
    "Talked through grading: the district's report card and the model's checkpoints.",
    "Planned the next convening's team time.",
    "Discussed how new teachers are brought into mentoring.",
]

# Eastside High keeps the platform time and the projects but, from its
# third call, no longer holds one-to-one mentoring ("Passing Notes", note
# 19): what the plugin's fidelity report is for.
DROPS_MENTORING = "Eastside High School"


def enrollment_request(school, team, starts_on):
    leaders, school_coaches, teachers = team
    members = [dict(person_id={"$person": p["email"]}, role="leader") for p in leaders]
    members += [dict(person_id={"$person": p["email"]}, role="coach") for p in school_coaches]
    members += [dict(person_id={"$person": p["email"]}, role="teacher",
                     grade_level=ws_rng.choice(GRADES[school["level"]])) for p in teachers]
    assert len(teachers) >= WHOLE_SCHOOL_SETTINGS["min_teachers"], school["name"]
    return dict(method="POST", subpath="enrollments", body=dict(
        school_id={"$school": school_key(school)},
        starts_on={"$date": starts_on},
        readiness=dict(devices_per_student=ws_rng.choice([1, 1, 1.1, 1.2]),
                       bandwidth_mbps_per_student=ws_rng.choice([1.5, 2, 2.5, 3])),
        commitments=CORE_ELEMENTS,
        team=members))


def call_request(school, call, number):
    """The log of a held call (one the school's team attended)."""
    kept = list(CORE_ELEMENTS)
    if school["name"] == DROPS_MENTORING and number >= 2:
        kept.remove("one-to-one-mentoring")
    body = dict(school_id={"$school": school_key(school)}, date={"$date": call.data["date"]},
                mentor_person_id={"$person": call.data["facilitators"][0]},
                duration_minutes=ws_rng.choice([45, 50, 55, 60, 60]),
                notes=ws_rng.choice(CALL_NOTES), commitments_kept=kept)
    return dict(method="POST", subpath="coaching-calls", body=body)


GRADES = {
    "elementary": ["K", "1", "2", "3", "4", "5"],
    "k8": ["K-2", "3-5", "6-8"],
    "middle": ["6", "7", "8"],
    "high": ["9", "10", "11", "12"],
    "small-high": ["9", "10", "11", "12"],
}


def whole_school_program(schools, staff, year, adopters, newcomers):
    """A national organization's whole-school model (Summit-style)."""
    past = year == "LAST"
    coaches = staff[:3]
    teams = {}
    for school in adopters + newcomers:
        leaders, school_coaches, teachers = team_of(school, rng.randint(6, 10))
        teams[school["name"]] = (leaders, school_coaches, teachers)
    everyone = lambda s: sum(teams[s["name"]], [])  # noqa: E731
    series_out = []
    # Coaching is owed from October in the last year, from the coming term
    # in this one (its calls are all ahead).
    requests = [enrollment_request(s, teams[s["name"]], "LAST+92" if past else "TERM")
                for s in adopters + newcomers]
    calls_held = []
    if past:
        host = adopters[0]
        cohort = [Session("summer-training", "Summer training, day %d" % (d + 1),
                          "Northstar model foundations", "LAST+33:mon+%d" % d, TRAINING_DAY,
                          host, "Library", 80, coaches)
                  for d in range(3)]
        cohort += [Session("regional-convening", title, "Cross-school learning", date, CONVENING,
                           adopters[i], "Cafeteria", 80, coaches[:2])
                   for i, (title, date) in enumerate([("Fall convening", "LAST+130:fri"),
                                                      ("Spring convening", "LAST+250:fri")])]
        participants = [p for s in adopters for p in everyone(s)]
        run_past_series(cohort, participants, 4.1)
        series_out.append(dict(title="Cohort 1", topic="Adopting the Northstar model",
                               term="summer", kind="cohort",
                               sessions=[s.to_json() for s in cohort]))
        for school in adopters:
            leaders, school_coaches, teachers = teams[school["name"]]
            calls = [Session("coaching-call", "Coaching call: %s" % school["name"],
                             "Implementation check-in", "LAST+%d:wed" % (105 + 30 * i), CALL,
                             school, "Video call", 12, [coaches[len(series_out) % 3]])
                     for i in range(6)]
            run_past_series(calls, leaders + school_coaches + teachers[:2], 4.0)
            held = [c for c in calls if any(a["status"] != "absent" for a in c.attendance)]
            calls_held += [call_request(school, c, n) for n, c in enumerate(held)]
            series_out.append(dict(title="Coaching: %s" % school["name"],
                                   topic="Implementation coaching", term="fall",
                                   kind="coaching", sessions=[s.to_json() for s in calls]))
    else:
        kickoff = Session("regional-convening", "Kickoff convening", "Year plans", "TERM+20:thu",
                          CONVENING, adopters[1], "Cafeteria", 90, coaches[:2])
        register_upcoming([kickoff], [p for s in adopters + newcomers for p in everyone(s)])
        training = [Session("summer-training", "New-school training, day %d" % (d + 1),
                            "Northstar model foundations", "TERM+27:mon+%d" % d,
                            TRAINING_DAY, newcomers[0], "Library", 40, coaches)
                    for d in range(2)]
        register_upcoming(training, [p for s in newcomers for p in everyone(s)])
        series_out.append(dict(title="Cohorts 1 and 2", topic="Adopting the Northstar model",
                               term="auto", kind="cohort",
                               sessions=[s.to_json() for s in [kickoff] + training]))
        for school in adopters + newcomers:
            leaders, school_coaches, teachers = teams[school["name"]]
            calls = [Session("coaching-call", "Coaching call: %s" % school["name"],
                             "Implementation check-in", "TERM+%d:wed" % (30 + 28 * i), CALL,
                             school, "Video call", 12, [rng.choice(coaches)])
                     for i in range(2)]
            register_upcoming(calls, leaders + school_coaches + teachers[:2])
            series_out.append(dict(title="Coaching: %s" % school["name"],
                                   topic="Implementation coaching", term="auto",
                                   kind="coaching", sessions=[s.to_json() for s in calls]))
    return dict(
        name="Northstar Learning Model", type="whole-school", year=year, lead=NORTHSTAR,
        partners=[DISTRICT, DIOCESE] + ([STANDALONE] if not past else []),
        settings=WHOLE_SCHOOL_SETTINGS,
        registration=registration_rules(past),
        series=series_out,
        plugin_requests=requests + calls_held)


# --- outcomes ------------------------------------------------------------

def outcomes(schools, attended_share):
    """Median student growth percentiles for the last two years.

    Schools whose teachers took part last year grow a little more, so the
    later analyses have a (modest, noisy) relationship to find."""
    tiny = {"Riverton Early College High School", "St. Agnes School",
            "Riverton Montessori Charter School"}
    rows = []
    for school in schools:
        lo, hi = TESTED_STUDENTS[school["level"]]
        for measure in ("ela_growth", "math_growth"):
            prior = rng.gauss(48, 7)
            last = prior + rng.gauss(0.5, 4) + 25 * attended_share.get(school["name"], 0)
            for year, value in (("PRIOR", prior), ("LAST", last)):
                students = rng.randint(lo, hi)
                if school["name"] in tiny:
                    students = rng.randint(4, 9)
                rows.append(dict(school=school_key(school), year=year, measure=measure,
                                 value=round(max(1, min(99, value)), 1),
                                 students_n=students))
    return rows


def attended_shares(schools, programs):
    """Share of each school's teachers who attended any last-year session."""
    by_email = {}
    for school in schools:
        for person in school["teachers"] + school["coaches"]:
            by_email[person["email"]] = school
    seen = {}
    for program in programs:
        if program["year"] != "LAST":
            continue
        for series in program["series"]:
            for session in series["sessions"]:
                for row in session.get("attendance", []):
                    school = by_email.get(row["email"])
                    if school is not None and row["status"] != "absent":
                        seen.setdefault(school["name"], set()).add(row["email"])
    return {name: len(emails) / next(s["hc_last"] for s in schools if s["name"] == name)
            for name, emails in seen.items()}


# --- curricula -----------------------------------------------------------
#
# Two shared curricula with a short history each (commits by the people who
# wrote them, a release named for the last school year, changes after it),
# and the sessions that taught them pinned to a version. Nothing here draws
# on the random generators, so every other figure of the demo stays as it was.

CFU = """# Checks for Understanding

**Saturday workshop, 3 hours.** For teachers of every grade and subject.

## Goals

- Tell, in the moment, whether *all* students learned it, not just the ones
  who raise their hands.
- Plan the question before the lesson, with the wrong answers you expect.

## Agenda

| Time  | Activity                                   |
|-------|--------------------------------------------|
| 0:00  | Opening: the lesson that "went well"       |
| 0:20  | Watch and code: three video clips          |
| 1:00  | Plan: one hinge question for Monday        |
| 1:45  | Break                                      |
| 2:00  | Practice in trios, with feedback           |
| 2:45  | Commit: what you will try this week        |

## The routine

1. Ask a question whose wrong answers tell you something.
2. Have every student answer at once (fingers, cards, whiteboards).
3. Scan, name what you see, and decide: move on, reteach or pair up.

> Practice before feedback: every participant rehearses the routine at
> least twice before the workshop ends.
"""

CFU_WHITEBOARDS = CFU.replace("""3. Scan, name what you see, and decide: move on, reteach or pair up.
""", """3. Scan, name what you see, and decide: move on, reteach or pair up.

### Whiteboard round

Give each trio mini whiteboards. One teaches a two-minute mini-lesson,
asks a hinge question and reads the boards aloud; the others answer, some
of them wrongly on purpose. Switch roles twice.

### Hinge question bank

- Grades 3-5 math: *Which is bigger, 3/8 or 3/5? Show how you know.*
- Middle school science: *A ball is thrown up. At the top, what forces act on it?*
- High school ELA: *Which sentence best states the narrator's bias?*
""")

EW = """# Everybody Writes

**Saturday workshop, 3 hours.** Writing as thinking, in every subject.

## Goals

- Use short, frequent writing so every student thinks before anyone speaks.
- Give writing tasks that are specific enough to revise.

## Agenda

| Time  | Activity                              |
|-------|---------------------------------------|
| 0:00  | Stop and jot: what did you write today? |
| 0:05  | Three kinds of prompts                |
| 0:45  | Sentence starters and "because, but, so" |
| 1:30  | Break                                 |
| 1:45  | Revise a prompt from your own unit    |
| 2:40  | Gallery walk and commitments          |

## Non-negotiable

Every participant writes, and shares writing, in every part of the
workshop. Nobody only listens.
"""

EW_TIMING = EW.replace("""| 0:00  | Stop and jot: what did you write today? |
| 0:05  | Three kinds of prompts                |""", """| 0:00  | Stop and jot: what did you write today? |
| 0:12  | Three kinds of prompts                |""").replace(
    "| 0:45  | Sentence starters", "| 0:50  | Sentence starters")

EW_SCIENCE = EW_TIMING + """
## A model paragraph for science

Teachers in the spring workshops asked for an example outside ELA:

> The ice melted faster on the metal tray **because** metal conducts heat
> from the room into the ice, **but** the plastic tray does not, **so** the
> ice on it stayed frozen for ten more minutes.
"""

ENGAGEMENT = """# 100 Percent Engagement

**Saturday workshop, 3 hours.**

## Goals

- Expect every student to take part, and make it easy to.
- Correct off-task behaviour with the least invasive move.

## Agenda

1. What does 100 percent look like? (video, 20 minutes)
2. The least invasive intervention: a ladder of six moves
3. Practice: the same correction, three ways
4. Break
5. Plan your room: where you stand, what you scan
6. Commitments

## Practice before feedback

Trios rehearse each move before anyone gives feedback, and again after.
"""

COLD_CALL = """# Cold Call with Warmth

**Saturday workshop, 3 hours.** New for the current school year.

## Goals

- Call on students whether or not they raise their hands, so everyone
  prepares an answer.
- Keep it warm: the cold call is an invitation, never a trap.

## Agenda

| Time  | Activity                                     |
|-------|----------------------------------------------|
| 0:00  | Why cold call? Evidence and objections       |
| 0:30  | Four moves: ask, pause, name, follow up      |
| 1:15  | Wait time: counting to three in your head    |
| 1:45  | Break                                        |
| 2:00  | Practice in trios with a timer               |
| 2:45  | Commitments                                  |

## Keep it warm

- Ask the question first, then say the name.
- If a student is stuck, come back to them: "I'll check back with you."
"""

DISCUSSION = """# Habits of Discussion

**Saturday workshop, 3 hours.**

## Goals

- Teach students to build on, question and disagree with one another.
- Move the teacher from the centre of every exchange.

## Agenda

1. Watch a discussion, map who talks to whom (30 minutes)
2. Sentence frames: "I agree with ... and I'd add ...", "I see it differently because ..."
3. The teacher's moves: wait, redirect, summarise
4. Break
5. Practice: a fishbowl discussion with a participant as teacher
6. Commitments

## Practice before feedback

Every participant leads the fishbowl for at least five minutes.
"""

FACILITATOR_CHECKLIST = """# Facilitator checklist

- Room set for trios, one whiteboard per trio.
- Videos downloaded (the gym's network is slow on Saturdays).
- Sign-in through the check-in code; paper roster as a fallback.
- Survey link on the last slide.
"""

RESTORATIVE = {
    "modules/01-why-restorative.md": """# Session 1: Why restorative practices

**90 minutes, after school.**

## Goals

- Distinguish punitive, permissive and restorative responses.
- Name one relationship in your classroom you want to repair.

## Outline

1. Opening circle: a time someone made things right with you
2. The social discipline window
3. What our schools' data say about suspensions
4. Closing: one word
""",
    "modules/02-community-circles.md": """# Session 2: Community circles

## Goals

- Run a ten-minute community-building circle with a talking piece.

## Outline

1. A circle, led by a course facilitator
2. Design: prompts that start low-risk and deepen
3. Practice in groups of six; every participant leads once

## Non-negotiable

Every session of this course opens and closes in a circle.
""",
    "modules/03-restorative-conversations.md": """# Session 3: Restorative conversations

## Goals

- Use the five restorative questions after an incident.

## The questions

1. What happened?
2. What were you thinking at the time?
3. Who has been affected, and how?
4. What do you need to do to make things right?
5. How can we make sure this does not happen again?
""",
    "modules/04-repairing-harm.md": """# Session 4: Repairing harm

## Goals

- Plan a repair conversation that involves the student, the teacher and,
  when needed, a family member.

## Outline

1. Case study: a conflict in the lunchroom
2. Role-play in threes (25 minutes)
3. Debrief (15 minutes)
""",
    "modules/05-sustaining-the-work.md": """# Session 5: Sustaining the work

## Goals

- Plan the first month of circles with your grade team.

## Reading

- The district's code of conduct, section 4 (restorative approaches)
- *The Little Book of Restorative Discipline for Schools* (Amstutz and Mullet)
""",
}

AFFECTIVE = RESTORATIVE["modules/03-restorative-conversations.md"] + """
## Affective statements

Practise in pairs: "I feel ... when ... because ..." before any of the
questions. Ten statements each, about ordinary moments, not incidents.
"""

SUSTAINING_FIX = RESTORATIVE["modules/05-sustaining-the-work.md"].replace(
    "section 4 (restorative approaches)", "section 5 (restorative approaches; section 4 is attendance)")

REPAIR_DEBRIEF = RESTORATIVE["modules/04-repairing-harm.md"].replace(
    """2. Role-play in threes (25 minutes)
3. Debrief (15 minutes)""", """2. Role-play in threes (15 minutes)
3. Debrief (25 minutes): what did the student in the role-play need?""")


def series_of(programs, year, type_, title):
    program = next(p for p in programs if p["year"] == year and p["type"] == type_)
    return next(s for s in program["series"] if s["title"] == title)


def edit(author, date, message, path, content):
    return dict(author=author, date=date, message=message, path=path, content=content)


def make_curricula(programs, coordinator):
    """The curricula, and each taught session's pin (set on the sessions)."""
    workshops = {title: series_of(programs, year, "workshop-series", title)
                 for year, title in (("LAST", "Checks for Understanding"),
                                     ("LAST", "Everybody Writes"),
                                     ("LAST", "100 Percent Engagement"),
                                     ("CURRENT", "Cold Call with Warmth"),
                                     ("CURRENT", "Habits of Discussion"))}
    by = {title: s["sessions"][0]["facilitators"] for title, s in workshops.items()}
    lead = by["Checks for Understanding"][0]  # Beacon's lead, the demo's lead account
    saturday = dict(
        slug="saturday-workshops", title="Saturday Workshop Curriculum", owner=CMO,
        visibility="private",
        summary="The modules of Beacon's Saturday workshops, open to teachers of every sector: "
                "one three-hour workshop per technique, with practice before feedback.",
        program_type="workshop-series", audience="K-12 teachers of every sector",
        non_negotiables=[
            dict(name="Practice before feedback",
                 files=["modules/01-checks-for-understanding.md",
                        "modules/03-100-percent-engagement.md"]),
            dict(name="Everybody writes", files=["modules/02-everybody-writes.md"]),
        ],
        commits=[
            dict(author=lead, date="PRIOR+300 09:40",
                 message="First version: three Saturday workshops",
                 files={"modules/01-checks-for-understanding.md": CFU,
                        "modules/02-everybody-writes.md": EW,
                        "modules/03-100-percent-engagement.md": ENGAGEMENT,
                        "resources/facilitator-checklist.md": FACILITATOR_CHECKLIST}),
            edit(by["Checks for Understanding"][1], "LAST+20 10:05",
                 "Checks for Understanding: add the whiteboard round and a hinge question bank",
                 "modules/01-checks-for-understanding.md", CFU_WHITEBOARDS),
            edit(by["Everybody Writes"][1], "LAST+41 16:20",
                 "Everybody Writes: fix the timing (the stop and jot takes 12 minutes, not 5)",
                 "modules/02-everybody-writes.md", EW_TIMING),
            edit(by["Cold Call with Warmth"][1], "LAST+255 14:10",
                 "Add module 4: Cold Call with Warmth",
                 "modules/04-cold-call-with-warmth.md", COLD_CALL),
            edit(lead, "LAST+262 11:00",
                 "Everybody Writes: a model paragraph for science, asked for in the spring surveys",
                 "modules/02-everybody-writes.md", EW_SCIENCE),
            edit(by["Habits of Discussion"][1], "LAST+275 09:15",
                 "Add module 5: Habits of Discussion",
                 "modules/05-habits-of-discussion.md", DISCUSSION),
        ],
        releases=[dict(name="LAST", commit=2, tagger=lead, date="LAST+45 08:30",
                       notes="The three workshops as taught this school year")])
    # Last year's workshops taught the release; this year's, the version
    # current when each series was planned.
    for title in ("Checks for Understanding", "Everybody Writes", "100 Percent Engagement"):
        for session in workshops[title]["sessions"]:
            session["curriculum"] = dict(slug="saturday-workshops", ref="LAST")
    for session in workshops["Cold Call with Warmth"]["sessions"]:
        session["curriculum"] = dict(slug="saturday-workshops", commit=4)
    for session in workshops["Habits of Discussion"]["sessions"]:
        session["curriculum"] = dict(slug="saturday-workshops")

    # A course of the Collaborative written by its two district teacher-leaders.
    course = series_of(programs, "LAST", "teacher-led", "Restorative classroom practices")
    first, second = course["sessions"][0]["facilitators"][:2]
    restorative = dict(
        slug="restorative-practices", title="Restorative Classroom Practices",
        owner=DISTRICT, visibility="private",
        summary="A five-session course of the Riverton Educators Collaborative, written by "
                "two Riverton Public Schools teachers from their school's restorative work.",
        program_type="teacher-led", audience="Teachers of grades K-12",
        non_negotiables=[dict(name="Circles every session",
                              files=["modules/02-community-circles.md"])],
        commits=[
            dict(author=first, date="LAST+150 17:30",
                 message="First version of the course, from our school's restorative work",
                 files=RESTORATIVE),
            edit(second, "LAST+171 19:05", "Session 3: practise affective statements first",
                 "modules/03-restorative-conversations.md", AFFECTIVE),
            edit(coordinator["email"], "LAST+190 08:45",
                 "Session 5: fix the code of conduct reference (section 5, not 4)",
                 "modules/05-sustaining-the-work.md", SUSTAINING_FIX),
            edit(second, "LAST+250 16:00",
                 "Session 4: shorter role-play, longer debrief, after the spring course",
                 "modules/04-repairing-harm.md", REPAIR_DEBRIEF),
        ],
        releases=[dict(name="LAST", commit=2, tagger=first, date="LAST+200 16:45",
                       notes="As taught in the spring course")])
    for session in course["sessions"]:
        session["curriculum"] = dict(slug="restorative-practices", ref="LAST")
    return [saturday, restorative]


# --- output --------------------------------------------------------------

def write_csv(path, header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def is_leaf(value):
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) for v in value.values())
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return True


def dump(value, indent=0):
    """JSON with one line per flat object or list, so rows stay readable."""
    if is_leaf(value):
        return json.dumps(value, ensure_ascii=False)
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, list):
        items = [inner + dump(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    items = ["%s%s: %s" % (inner, json.dumps(k), dump(v, indent + 1)) for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "demo")
    os.makedirs(out_dir, exist_ok=True)

    schools = make_schools()
    people = make_people(schools)
    movers = make_movers(schools)
    staff = outside_staff()

    by_name = {s["name"]: s for s in schools}
    adopters = [by_name[n] for n in ("Garfield Park Elementary School",
                                     "Westbrook Middle School", "Eastside High School",
                                     "Holy Family Academy")]
    newcomers = [by_name[n] for n in ("Juniper Elementary School", STANDALONE)]
    programs = []
    for year in ("LAST", "CURRENT"):
        programs.append(whole_school_program(schools, staff, year, adopters,
                                             newcomers if year == "CURRENT" else []))
        programs.append(workshop_program(schools, people, movers, year))
        programs.append(teacher_led_program(schools, people, movers, year))
    programs.sort(key=lambda p: p["year"] != "LAST")  # last year's first

    coordinator = next(p for p in people if p["role"] == "district-admin")
    beacon_lead = by_name["Beacon Collegiate High School"]["coaches"][0]
    # One file per school year: an import takes each school once.
    for year, name in (("LAST", "schools.csv"), ("CURRENT", "schools-current.csv")):
        write_csv(os.path.join(out_dir, name),
                  ["external_id", "name", "sector", "organization", "organization_kind", "city",
                   "school_year", "teacher_headcount"],
                  [[s["ext"], s["name"], s["sector"], s["org"],
                    next(k for n, k, _ in ORGANIZATIONS if n == s["org"]), CITY, "{%s}" % year,
                    s["hc_last"] if year == "LAST" else s["hc_current"]]
                   for s in schools])
    write_csv(os.path.join(out_dir, "people.csv"),
              ["email", "name", "role", "school", "from", "to"],
              [[p["email"], p["name"], p["role"], school_key(school), start, end]
               for p in people for school, start, end in p["rows"]])
    demo = {
        "format": 1,
        "time_zone": TIME_ZONE,
        "organizations": [dict(name=n, kind=k, email_domains=[d]) for n, k, d in ORGANIZATIONS],
        "people": [dict(email=p["email"], name=p["name"], role=p["role"]) for p in staff],
        "accounts": [
            dict(name="Demo Administrator", email="admin@" + DOMAIN[COMPACT], role="admin"),
            dict(name=coordinator["name"], email=coordinator["email"], role="coordinator",
                 organization=DISTRICT, person=coordinator["email"]),
            dict(name=beacon_lead["name"], email=beacon_lead["email"], role="lead",
                 organization=CMO, person=beacon_lead["email"]),
            dict(name=staff[0]["name"], email=staff[0]["email"], role="lead",
                 organization=NORTHSTAR, person=staff[0]["email"]),
            dict(name=staff[3]["name"], email=staff[3]["email"], role="lead",
                 organization=COMPACT, person=staff[3]["email"]),
            dict(name=movers[0]["name"], email=movers[0]["email"], role="teacher",
                 person=movers[0]["email"]),
        ],
        "curricula": make_curricula(programs, coordinator),
        "programs": programs,
        "outcomes": outcomes(schools, attended_shares(schools, programs)),
    }
    # Made up, like everything here: the demo's accounts sign in with it.
    for account in demo["accounts"]:
        account["password"] = DEMO_PASSWORD
    with open(os.path.join(out_dir, "programs.json"), "w", encoding="utf-8") as f:
        f.write(dump(demo) + "\n")


if __name__ == "__main__":
    main()
