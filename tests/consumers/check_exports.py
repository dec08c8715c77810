#!/usr/bin/env python3
"""Reads the exports with libraries the project did not write.

Runs `agenda export` on the shipped dataset into a temporary directory, then:
- parses agenda.ics and every themes/*.ics with icalendar (Calendar.from_ical) and
  checks each VEVENT (UID, DTSTAMP, DTSTART, DTEND all-day with DTEND > DTSTART, unique
  UIDs, link to an existing chantier page), the event counts against the dataset, and
  the dates against an independent reading of the dataset's partial dates;
- parses nouveautes.atom with feedparser (no bozo) and checks its entries link to
  chantier pages, newest first.

Usage: check_exports.py [PATH_TO_AGENDA_BINARY]
(without it: `cargo run -q -p agenda-cli --`). Prints "N passed, M failed" last and
exits non-zero on any failure.
"""

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import feedparser
import icalendar

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "public" / "data" / "agenda.json"
SITE = "https://agenda.example.gouv.fr/"
FEED_LIMIT = 50


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"ÉCHEC : {what}")
        return condition


def add_months(day, months):
    month0 = day.month - 1 + months
    return dt.date(day.year + month0 // 12, month0 % 12 + 1, 1)


def span(text):
    """(first day, day after the last) of a partial date, read independently."""
    year = int(text[:4])
    if len(text) == 4:
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if text[5] in "TS":
        n = int(text[6])
        months = 3 if text[5] == "T" else 6
        first = dt.date(year, (n - 1) * months + 1, 1)
        return first, add_months(first, months)
    if len(text) == 7:
        first = dt.date(year, int(text[5:7]), 1)
        return first, add_months(first, 1)
    day = dt.date.fromisoformat(text)
    return day, day + dt.timedelta(days=1)


def expected_events(chantiers):
    """UID -> (DTSTART, DTEND, known to the day) for the given chantiers."""
    events = {}
    for c in chantiers:
        for m in c["milestones"]:
            start, stop = span(m["date"])
            exact = len(m["date"]) == 10
            if "end" in m:
                stop = span(m["end"])[1]
                exact = exact and len(m["end"]) == 10
            events[f"{c['id']}.{m['id']}@agenda-numerique-collectivites"] = (start, stop, exact)
    return events


def check_calendar(checks, path, chantiers, published):
    name = path.name
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as e:  # noqa: BLE001 - any parse failure is a failed check
        checks.check(False, f"{name} : illisible par icalendar ({e})")
        return
    checks.check(True, f"{name} : lu par icalendar")
    checks.check(str(calendar.get("VERSION")) == "2.0", f"{name} : VERSION:2.0")
    checks.check(bool(calendar.get("PRODID")), f"{name} : PRODID")
    checks.check(str(calendar.get("METHOD")) == "PUBLISH", f"{name} : METHOD:PUBLISH")
    checks.check(
        str(calendar.get("X-WR-CALNAME", "")).startswith("Agenda numérique des collectivités"),
        f"{name} : X-WR-CALNAME",
    )
    expected = expected_events(chantiers)
    ids = {c["id"] for c in chantiers}
    events = list(calendar.walk("VEVENT"))
    checks.check(
        len(events) == len(expected),
        f"{name} : {len(events)} événements, {len(expected)} jalons attendus",
    )
    seen = set()
    stamp = dt.datetime.combine(published, dt.time(), tzinfo=dt.timezone.utc)
    for event in events:
        uid = str(event.get("UID", ""))
        where = f"{name} : {uid or '(sans UID)'}"
        missing = [p for p in ("UID", "DTSTAMP", "DTSTART", "DTEND") if p not in event]
        if not checks.check(not missing, f"{where} : propriétés manquantes {missing}"):
            continue
        checks.check(uid not in seen, f"{where} : UID en double")
        seen.add(uid)
        start, stop = event["DTSTART"].dt, event["DTEND"].dt
        checks.check(
            type(start) is dt.date and type(stop) is dt.date,
            f"{where} : DTSTART et DTEND sont des dates (journée entière)",
        )
        checks.check(stop > start, f"{where} : DTEND ({stop}) après DTSTART ({start})")
        checks.check(event["DTSTAMP"].dt == stamp, f"{where} : DTSTAMP = publication")
        if checks.check(uid in expected, f"{where} : UID d'un jalon du jeu de données"):
            want_start, want_stop, exact = expected[uid]
            checks.check(
                (start, stop) == (want_start, want_stop),
                f"{where} : dates {start}..{stop}, attendu {want_start}..{want_stop}",
            )
            summary = str(event.get("SUMMARY", ""))
            checks.check(
                summary.startswith("[") != exact,
                f"{where} : la précision est dite dans le titre ({summary!r})",
            )
        url = str(event.get("URL", ""))
        checks.check(
            url.startswith(SITE + "chantiers/") and url[len(SITE) + len("chantiers/"):] in ids,
            f"{where} : URL vers une fiche de chantier ({url})",
        )
        checks.check(
            f"Fiche du chantier\u00a0: {url}" in str(event.get("DESCRIPTION", "")),
            f"{where} : la description renvoie à la fiche",
        )


def check_feed(checks, path, chantiers):
    name = path.name
    feed = feedparser.parse(path.read_bytes())
    checks.check(feed.bozo == 0, f"{name} : bozo = {feed.bozo} ({feed.get('bozo_exception')})")
    checks.check(feed.version == "atom10", f"{name} : Atom 1.0 ({feed.version})")
    checks.check(
        feed.feed.get("title") == "Agenda numérique des collectivités — nouveautés",
        f"{name} : titre du flux",
    )
    checks.check(feed.feed.get("id") == SITE, f"{name} : identifiant du flux")
    links = {link.get("rel"): link.get("href") for link in feed.feed.get("links", [])}
    checks.check(links.get("self") == SITE + "nouveautes.atom", f"{name} : lien self")
    checks.check(links.get("alternate") == SITE, f"{name} : lien alternate")
    checks.check(
        len(feed.entries) == min(FEED_LIMIT, len(chantiers)),
        f"{name} : {len(feed.entries)} entrées",
    )
    ids = {c["id"] for c in chantiers}
    updated = []
    entry_ids = set()
    for entry in feed.entries:
        link = entry.get("link", "")
        checks.check(
            link.startswith(SITE + "chantiers/") and link[len(SITE) + len("chantiers/"):] in ids,
            f"{name} : l'entrée renvoie à une fiche de chantier ({link})",
        )
        checks.check(entry.get("id") not in entry_ids, f"{name} : identifiant unique {entry.get('id')}")
        entry_ids.add(entry.get("id"))
        checks.check(bool(entry.get("title")) and bool(entry.get("summary")), f"{name} : titre et résumé ({link})")
        updated.append(entry.get("updated_parsed"))
    checks.check(
        all(u is not None for u in updated) and updated == sorted(updated, reverse=True),
        f"{name} : entrées de la plus récente à la plus ancienne",
    )


def main():
    agenda = [sys.argv[1]] if len(sys.argv) > 1 else ["cargo", "run", "-q", "-p", "agenda-cli", "--"]
    dataset = json.loads(DATASET.read_text(encoding="utf-8"))
    chantiers = dataset["chantiers"]
    published = dt.date.fromisoformat(dataset["published"])
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="agenda-consumers-") as tmp:
        out = Path(tmp) / "site"
        run = subprocess.run(
            agenda + ["export", "--site-url", SITE, "--out", str(out), str(DATASET)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        checks.check(run.returncode == 0, f"agenda export : code {run.returncode}\n{run.stderr}")
        if run.returncode == 0:
            print(run.stdout, end="")
            check_calendar(checks, out / "agenda.ics", chantiers, published)
            for theme in dataset["themes"]:
                path = out / "themes" / f"{theme['code']}.ics"
                if checks.check(path.is_file(), f"{path} existe"):
                    of_theme = [c for c in chantiers if theme["code"] in c["themes"]]
                    check_calendar(checks, path, of_theme, published)
            feed = out / "nouveautes.atom"
            if checks.check(feed.is_file(), f"{feed} existe"):
                check_feed(checks, feed, chantiers)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
