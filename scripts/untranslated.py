#!/usr/bin/python3
"""Reports what is not yet translated, per language: interface strings (resources/translations/
attention-lens_LANG.ts entries still marked unfinished) and lesson texts (prose.LANG.md,
station.LANG.json, exercises.LANG.json, known-heads.LANG.json, glossary.LANG.json and the About page's
resources/about.LANG.json missing, or lacking a text the English file has). Entries in a translation that no longer match the English data are reported as stale.

Usage: scripts/untranslated.py [LANG ...]   (default: every language with a .ts file)
Exit status: 0 when everything is translated, 1 otherwise.
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LESSONS = ROOT / "lessons"


def ts_problems(lang):
    path = TS_DIR / f"attention-lens_{lang}.ts"
    if not path.exists():
        return [f"{path.relative_to(ROOT)}: missing"]
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            forms = [f.text for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text]
            if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
                if tr.get("type") in ("vanished", "obsolete"):
                    continue  # no longer in the sources
                out.append(f"{path.name} [{name}]: {msg.findtext('source')!r}")
    return out


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as e:
        raise SystemExit(f"{path.relative_to(ROOT)}: not valid JSON: {e}")


def preset_problems(where, presets, tpresets):
    """The presets' titles and reasons that the English presets have and their translations lack."""
    out = []
    for i, p in enumerate(presets):
        t = tpresets[i] if i < len(tpresets) else {}
        for key in ("title", "why"):
            if key in p and not t.get(key):
                out.append(f"{where}: preset {i} ({p.get('title')!r}) has no {key}")
    return out


def station_problems(folder, lang):
    rel = folder.relative_to(ROOT)
    out = []
    if not (folder / f"prose.{lang}.md").exists():
        out.append(f"{rel}/prose.{lang}.md: missing")

    english = load(folder / "station.json") or {}
    tr = load(folder / f"station.{lang}.json")
    if tr is None:
        out.append(f"{rel}/station.{lang}.json: missing")
    else:
        for key in ("title", "goal"):
            if key in english and not tr.get(key):
                out.append(f"{rel}/station.{lang}.json: no {key}")
        presets, tpresets = english.get("presets", []), tr.get("presets", [])
        out += preset_problems(f"{rel}/station.{lang}.json", presets, tpresets)
        if len(tpresets) > len(presets):
            out.append(f"{rel}/station.{lang}.json: stale: {len(tpresets) - len(presets)} preset(s) more than English")

    english_ex = load(folder / "exercises.json") or []
    tr_ex = load(folder / f"exercises.{lang}.json")
    if tr_ex is None:
        if english_ex:
            out.append(f"{rel}/exercises.{lang}.json: missing")
        return out
    ids = set()
    for ex in english_ex:
        ids.add(ex["id"])
        t = tr_ex.get(ex["id"])
        if t is None:
            out.append(f"{rel}/exercises.{lang}.json: exercise {ex['id']} missing")
            continue
        for key in ("prompt", "intro", "explain"):
            if key in ex and not t.get(key):
                out.append(f"{rel}/exercises.{lang}.json: {ex['id']} has no {key}")
        labels = t.get("options", {})
        values = {o["value"] for o in ex.get("options", [])}
        for v in sorted(values - set(labels)):
            out.append(f"{rel}/exercises.{lang}.json: {ex['id']} has no label for option {v!r}")
        for v in sorted(set(labels) - values):
            out.append(f"{rel}/exercises.{lang}.json: stale: {ex['id']} labels unknown option {v!r}")
    for stale in sorted(set(tr_ex) - ids):
        out.append(f"{rel}/exercises.{lang}.json: stale: no exercise {stale!r} in English")
    return out


def known_heads_problems(folder, lang):
    """A station's known-heads.json: the about text, every role's texts and the presets' titles
    and reasons. Sources are citations and stay as published unless a translation gives them."""
    english = load(folder / "known-heads.json")
    if english is None:
        return []
    rel = folder.relative_to(ROOT)
    tr = load(folder / f"known-heads.{lang}.json")
    if tr is None:
        return [f"{rel}/known-heads.{lang}.json: missing"]
    out = [] if tr.get("about") or "about" not in english else [f"{rel}/known-heads.{lang}.json: no about"]
    for role, texts in english.get("roles", {}).items():
        t = tr.get("roles", {}).get(role, {})
        for key in ("title", "what", "check"):
            if key in texts and not t.get(key):
                out.append(f"{rel}/known-heads.{lang}.json: role {role!r} has no {key}")
    for stale in sorted(set(tr.get("roles", {})) - set(english.get("roles", {}))):
        out.append(f"{rel}/known-heads.{lang}.json: stale: no role {stale!r} in English")
    for stale in sorted(set(tr.get("sources", {})) - set(english.get("sources", {}))):
        out.append(f"{rel}/known-heads.{lang}.json: stale: no source {stale!r} in English")
    out += preset_problems(f"{rel}/known-heads.{lang}.json", english.get("presets", []), tr.get("presets", []))
    return out


def glossary_problems(lang):
    english = load(LESSONS / "glossary.json") or []
    tr = load(LESSONS / f"glossary.{lang}.json")
    if tr is None:
        return [f"lessons/glossary.{lang}.json: missing"]
    out = []
    for term in english:
        t = tr.get(term["id"], {})
        for key in ("term", "definition"):
            if not t.get(key):
                out.append(f"lessons/glossary.{lang}.json: {term['id']} has no {key}")
    for stale in sorted(set(tr) - {t["id"] for t in english}):
        out.append(f"lessons/glossary.{lang}.json: stale: no term {stale!r} in English")
    return out


def about_problems(lang):
    english = load(ROOT / "resources" / "about.json") or {}
    tr = load(ROOT / "resources" / f"about.{lang}.json")
    if tr is None:
        return [f"resources/about.{lang}.json: missing"]
    out = [] if tr.get("summary") else [f"resources/about.{lang}.json: no summary"]
    for c in english.get("components", []):
        if not tr.get("components", {}).get(c["name"], {}).get("what"):
            out.append(f"resources/about.{lang}.json: component {c['name']!r} has no what")
    for place in english.get("storage", []):
        t = tr.get("storage", {}).get(place["location"], {})
        for key in ("what", "note"):
            if key in place and not t.get(key):
                out.append(f"resources/about.{lang}.json: storage {place['location']!r} has no {key}")
    return out


def main(argv):
    langs = argv or sorted(p.stem.split("_", 1)[1] for p in TS_DIR.glob("attention-lens_*.ts"))
    total = 0
    for lang in langs:
        problems = ts_problems(lang)
        for folder in sorted(p for p in LESSONS.iterdir() if p.is_dir() and not p.name.startswith("_")):
            problems += station_problems(folder, lang)
            problems += known_heads_problems(folder, lang)
        problems += glossary_problems(lang)
        problems += about_problems(lang)
        print(f"{lang}: {len(problems)} untranslated")
        for p in problems:
            print(f"  {p}")
        total += len(problems)
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
