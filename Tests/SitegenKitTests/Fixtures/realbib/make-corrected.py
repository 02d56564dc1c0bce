#!/usr/bin/env python3
"""Corrected goldens for the RIS exports pandoc 3.9 reads but misreads.

pandoc's RIS reader loses or garbles what these files say; the corrections below restore it from the files
themselves, and the corrected items are printed by pandoc 3.9 with vancouver.csl, as make-goldens.py prints:

- zotero-asreview-pubmed.ris: the `J2` journal abbreviation becomes `container-title-short` (pandoc drops it),
  and a `DA` date with a month (`2019/10//undefined`, `2019/07/24/`) gives the issued month and day (pandoc keeps
  the year only).
- embase-asreview.ris: Embase writes `A1  - Liu R.` (family name, then initials, no comma); pandoc takes the
  initials for the family name. The two parts are swapped back. And `JO` (the abbreviated journal title, when it
  differs from `JF`) becomes `container-title-short`, which pandoc drops.
- proquest-asreview.ris: `AU  - van de Schoot, Rens`: the Dutch particle stays before the family name
  (CSL's non-dropping particle, as PubMed prints `van de Schoot R`); pandoc makes it a dropping particle.

Writes <file>.corrected.csl.json and <file>.corrected.vancouver.json beside each file.
Usage: ./make-corrected.py [PANDOC]
"""
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("goldens", os.path.join(HERE, "make-goldens.py"))
goldens = importlib.util.module_from_spec(spec)
spec.loader.exec_module(goldens)


def records(path):
    """Each record's tags, in file order: [{tag: [values]}]."""
    result, current = [], None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            match = re.match(r"^([A-Z][A-Z0-9])  -( (.*))?$", line.rstrip("\r\n"))
            if not match:
                continue
            tag, value = match.group(1), (match.group(3) or "").strip()
            if tag == "TY":
                current = {}
            if current is None:
                continue
            current.setdefault(tag, []).append(value)
            if tag == "ER":
                result.append(current)
                current = None
    return result


def correct_zotero(item, record):
    if "J2" in record:
        item["container-title-short"] = record["J2"][0]
    parts = [p for p in record.get("DA", [""])[0].split("/") if p.isdigit()]
    if len(parts) >= 2 and item.get("issued", {}).get("date-parts", [[None]])[0][0] == int(parts[0]):
        item["issued"] = {"date-parts": [[int(p) for p in parts[:3]]]}


def correct_embase(item, record):
    if "JO" in record and record["JO"][0] != item.get("container-title"):
        item["container-title-short"] = record["JO"][0]
    for name in item.get("author", []):
        if re.fullmatch(r"([A-Z][a-z]?\.)+", name.get("family", "")):
            name["family"], name["given"] = name["given"], name["family"]


def correct_proquest(item, record):
    for name in item.get("author", []):
        if "dropping-particle" in name:
            name["non-dropping-particle"] = name.pop("dropping-particle")


CORRECTIONS = {
    "zotero-asreview-pubmed.ris": correct_zotero,
    "embase-asreview.ris": correct_embase,
    "proquest-asreview.ris": correct_proquest,
}


def main(argv):
    pandoc = argv[0] if argv else goldens.find_pandoc()
    csl = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "testdata", "csl-styles", "vancouver.csl")
    for name, correct in CORRECTIONS.items():
        with open(os.path.join(HERE, name + ".csl.json"), encoding="utf-8") as f:
            items = json.load(f)
        recs = records(os.path.join(HERE, name))
        assert len(recs) == len(items), (name, len(recs), len(items))
        for item, record in zip(items, recs):
            correct(item, record)
        corrected = name + ".corrected.csl.json"
        with open(os.path.join(HERE, corrected), "w", encoding="utf-8") as f:
            json.dump(items, f, ensure_ascii=False, indent=1)
            f.write("\n")
        texts = goldens.vancouver(pandoc, os.path.abspath(csl), corrected)
        with open(os.path.join(HERE, name + ".corrected.vancouver.json"), "w", encoding="utf-8") as f:
            json.dump(texts, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name, len(texts))


if __name__ == "__main__":
    main(sys.argv[1:])
