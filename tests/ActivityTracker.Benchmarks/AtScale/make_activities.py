#!/usr/bin/env python3
"""Writes N synthetic activities as an import CSV (the columns of ActivityColumns.Importable, less id,
latitude, longitude, sources and participants_total_is_minimum) to stdout, the same file for the same N.

usage: make_activities.py N [TODAY]   (TODAY, yyyy-mm-dd, defaults to the UTC date: no actual date after it)

Only codes the seeds define (seeds/reference/*.json). The mix:
  - dates spread evenly over 2019-01-01 .. 2026-12-31, in row order; held (actual dates) up to TODAY,
    planned only after it;
  - hosts among the seeded programmes' countries (80% MESO-CARIB, 20% AVR-CARAVANS, its own countries);
  - one row in ten a regional meeting (no host) with eleven MESO-CARIB countries taking part;
  - one row in ten hosted with 2-8 other countries taking part;
  - three in four held rows report participants (sex x age groups, nationality, unaccompanied minors
    for returns); each indicator that applies to the kind is reported 60% of the time, with a sex or
    country breakdown when the indicator has one (countries-represented for meetings and congresses only);
  - half name partners (one, sometimes two in different roles) from organisations.json.
Titles carry the row number, so no two rows are the same activity (an import refuses repeated rows).
"""
import csv
import datetime as dt
import json
import pathlib
import random
import sys

SEEDS = pathlib.Path(__file__).resolve().parents[3] / "seeds" / "reference"


def seed(name):
    # The seed files carry whole-line // comments.
    text = "\n".join(l for l in (SEEDS / name).read_text(encoding="utf-8").splitlines() if not l.lstrip().startswith("//"))
    return json.loads(text)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    today = dt.date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else dt.datetime.now(dt.timezone.utc).date()
    kinds = [k["code"] for k in seed("activity-kinds.json")]
    sectors = [s["code"] for s in seed("dac-sectors.json")]
    themes = [t["code"] for t in seed("themes.json")]
    organisations = [o["code"] for o in seed("organisations.json")]
    indicators = seed("indicators.json")
    programmes = {p["code"]: p["countries"] for p in seed("programmes.json")}
    region = programmes["MESO-CARIB"]
    roles = ["funding", "accountable", "extending", "implementing"]

    first, last = dt.date(2019, 1, 1), dt.date(2026, 12, 31)
    span = (last - first).days + 1
    rnd = random.Random(20261206)
    columns = ["kind", "language", "title", "description", "planned_start", "planned_end", "actual_start", "actual_end",
               "country", "admin1", "place", "participating_countries", "programme", "sector", "tags",
               "participants_total", "participant_groups", "unaccompanied_minors", "nationalities",
               "outcomes", "outcome_breakdowns", "partners"]
    out = csv.writer(sys.stdout, quoting=csv.QUOTE_ALL, lineterminator="\n")
    out.writerow(columns)
    for i in range(n):
        date = first + dt.timedelta(days=i * span // n)
        regional = i % 10 == 0
        programme = "MESO-CARIB" if regional or rnd.random() < 0.8 else "AVR-CARAVANS"
        kind = "meeting" if regional else rnd.choice(kinds)
        if regional:
            host, taking_part = None, rnd.sample(region, 11)
        else:
            host = rnd.choice(programmes[programme])
            taking_part = rnd.sample([c for c in region if c != host], rnd.randint(2, 8)) if i % 10 == 5 else []
        end = date + dt.timedelta(days=rnd.randint(0, 2))
        held = end <= today
        row = {
            "kind": kind, "language": "es" if rnd.random() < 0.6 else "en",
            "title": f"{kind} {i + 1:06d}", "description": "Generated for the at-scale measurement." if rnd.random() < 0.5 else "",
            "planned_start": date.isoformat(), "planned_end": end.isoformat(),
            "actual_start": date.isoformat() if held else "", "actual_end": end.isoformat() if held else "",
            "country": host or "", "admin1": "", "place": f"{host} venue {rnd.randrange(12)}" if host else "",
            "participating_countries": "; ".join(taking_part), "programme": programme,
            "sector": rnd.choice(sectors), "tags": rnd.choice(themes),
        }
        nationality = host or taking_part[0]
        if held and rnd.random() < 0.75:
            total = rnd.randint(5, 400)
            women = rnd.randint(0, total)
            children = rnd.randint(0, total - women) if kind == "assisted-voluntary-return" else rnd.randint(0, (total - women) // 4)
            men = total - women - children
            row |= {"participants_total": str(total),
                    "participant_groups": f"female adults={women}; male adults={men}; children={children}",
                    "unaccompanied_minors": str(children // 2) if kind == "assisted-voluntary-return" else "",
                    "nationalities": f"{nationality}={total}"}
        if held:
            outcomes, splits = [], []
            for ind in indicators:
                applies = kind in ind["kinds"] if ind["kinds"] else kind in ("meeting", "congress")
                if not applies or rnd.random() >= 0.6:
                    continue
                code = ind["code"]
                value = rnd.randint(1, 12) if ind["aggregation"] == "MaximumPerLocation" else rnd.randint(1, 300)
                outcomes.append(f"{code}={value}")
                if "Country" in ind["breakdowns"] and rnd.random() < 0.5:
                    splits.append(f"{code}/country/{nationality}={value}")
                elif "Sex" in ind["breakdowns"] and value > 1:
                    splits += [f"{code}/sex/female={value // 2}", f"{code}/sex/male={value - value // 2}"]
            row |= {"outcomes": "; ".join(outcomes), "outcome_breakdowns": "; ".join(splits)}
        if rnd.random() < 0.5:
            picked = rnd.sample(organisations, 2 if rnd.random() < 0.2 else 1)
            row["partners"] = "; ".join(f"{o}={rnd.choice(roles)}" for o in picked)
        out.writerow([row.get(c, "") for c in columns])


if __name__ == "__main__":
    main()
