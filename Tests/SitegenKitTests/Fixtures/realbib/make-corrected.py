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

pandoc rejects the other RIS exports outright (EndNote, Scopus and Web of Science continue long fields on untagged
lines). For those, the untagged lines are joined to the field above and blank lines dropped, which is all the
RIS specification's readers do with them, before pandoc reads the file; the corrections that follow are listed
with each file's function.

pandoc has no MEDLINE (.nbib) reader: `medline_items` reads PubMed's fields into CSL items as NLM describes
them (FAU full names, JT journal and TA abbreviation, DP date, VI, IP, PG, LID/AID `[doi]`, PMID, PMC), and
pandoc prints those.

Writes <file>.corrected.csl.json and <file>.corrected.vancouver.json beside each file.
Usage: ./make-corrected.py [PANDOC]
"""
import importlib.util
import json
import os
import re
import sys
import tempfile

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


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def restore_date(item, record):
    """`DA` with a month (`SEP`, `Mar 1`, `2019/07/24/`) gives the issued month and day of the `PY` year."""
    issued = item.get("issued", {}).get("date-parts", [[None]])[0]
    if not issued or issued[0] is None or "DA" not in record:
        return
    text = record["DA"][0]
    parts = [p for p in text.split("/") if p.isdigit()]
    if len(parts) >= 2 and int(parts[0]) == issued[0]:
        item["issued"] = {"date-parts": [[int(p) for p in parts[:3]]]}
        return
    words = text.split()
    if words and words[0][:3].lower() in MONTHS:
        date = [issued[0], MONTHS.index(words[0][:3].lower()) + 1]
        if len(words) > 1 and words[1].isdigit():
            date.append(int(words[1]))
        item["issued"] = {"date-parts": [date]}


def restore_short_title(item, record):
    """`J2`, `JI` or `JA`, the abbreviated journal title, where it differs from the journal's name."""
    for tag in ("J2", "JI", "JA"):
        if tag in record and record[tag][0] != item.get("container-title"):
            item["container-title-short"] = record[tag][0]
            return


def restore_article_number(item, record):
    """`C7` (Scopus, EndNote) or `AR` (Web of Science), the article number, is the page of an article without one."""
    for tag in ("C7", "AR"):
        if tag in record and "page" not in item:
            item["page"] = record[tag][0]
            return


def restore_initials(item, record):
    """Web of Science writes initials together (`Luke, TJ`): each letter is an initial (`T. J.`), not one name."""
    for name in item.get("author", []):
        given = name.get("given", "")
        if 2 <= len(given) <= 4 and given.isalpha() and given.isupper():
            name["given"] = " ".join(letter + "." for letter in given)


def correct_endnote(item, record):
    """EndNote: the `DA` month and day, the article number."""
    restore_date(item, record)
    restore_article_number(item, record)


def correct_scopus(item, record):
    """Scopus: the `J2` abbreviation and the `C7` article number."""
    restore_short_title(item, record)
    restore_article_number(item, record)
    restore_date(item, record)


def correct_wos(item, record):
    """Web of Science: `JI`, the `DA` month and day, the `AR` article number, initials written together."""
    restore_short_title(item, record)
    restore_date(item, record)
    restore_article_number(item, record)
    restore_initials(item, record)


CORRECTIONS = {
    "zotero-asreview-pubmed.ris": correct_zotero,
    "embase-asreview.ris": correct_embase,
    "proquest-asreview.ris": correct_proquest,
    "endnote-asreview-pubmed.ris": correct_endnote,
    "scopus-asreview.ris": correct_scopus,
    "wos-asreview.ris": correct_wos,
}

# Files pandoc rejects as they are: read after joining untagged continuation lines.
JOINED = {"endnote-asreview-pubmed.ris", "scopus-asreview.ris", "wos-asreview.ris"}


def joined_csl(pandoc, name):
    """pandoc's CSL items for a RIS file whose untagged lines are joined to the field above."""
    lines = []
    with open(os.path.join(HERE, name), encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if re.match(r"^[A-Z][A-Z0-9]  -", line):
                lines.append(line)
            elif line.strip() and lines:
                lines[-1] += " " + line.strip()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        p = goldens.run([pandoc, "-f", "ris", "-t", "csljson", path], tmp)
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode("utf-8", "replace"))
        return json.loads(p.stdout.decode("utf-8"))


def medline_records(path):
    """Each record's fields in file order: [[(tag, value)]]; continuation lines (six spaces) join the field above."""
    records, current = [], None
    with open(os.path.join(HERE, path), encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                current = None
                continue
            if line.startswith("      ") and current:
                tag, value = current[-1]
                current[-1] = (tag, value + " " + line.strip())
                continue
            tag, value = line[:4].strip(), line[6:].strip()
            if tag == "PMID" or current is None:
                current = []
                records.append(current)
            current.append((tag, value))
    return records


def medline_items(path):
    items = []
    for record in medline_records(path):
        fields = {}
        for tag, value in record:
            fields.setdefault(tag, []).append(value)
        item = {"id": fields["PMID"][0], "type": "article-journal", "PMID": fields["PMID"][0]}
        if "TI" in fields:
            item["title"] = fields["TI"][0]
        authors = []
        for name in fields.get("FAU", []):
            family, _, given = name.partition(", ")
            authors.append({"family": family, "given": given} if given else {"family": family})
        if authors:
            item["author"] = authors
        if "JT" in fields:
            item["container-title"] = fields["JT"][0]
        if "TA" in fields:
            item["container-title-short"] = fields["TA"][0]
        for tag, variable in (("VI", "volume"), ("IP", "issue"), ("PG", "page")):
            if tag in fields:
                item[variable] = fields[tag][0]
        for value in fields.get("LID", []) + fields.get("AID", []):
            if value.endswith(" [doi]") and "DOI" not in item:
                item["DOI"] = value[: -len(" [doi]")]
        if "PMC" in fields:
            item["PMCID"] = fields["PMC"][0]
        words = fields.get("DP", [""])[0].split()
        if words and words[0].isdigit():
            date = [int(words[0])]
            if len(words) > 1 and words[1][:3].lower() in MONTHS:
                date.append(MONTHS.index(words[1][:3].lower()) + 1)
                if len(words) > 2 and words[2].isdigit():
                    date.append(int(words[2]))
            item["issued"] = {"date-parts": [date]}
        items.append(item)
    return items


def write_corrected(pandoc, csl, name, items):
    """Writes the corrected items of a fixture and the text pandoc prints for them."""
    corrected = name + ".corrected.csl.json"
    with open(os.path.join(HERE, corrected), "w", encoding="utf-8") as f:
        json.dump(items, f, ensure_ascii=False, indent=1)
        f.write("\n")
    texts = goldens.vancouver(pandoc, os.path.abspath(csl), corrected)
    with open(os.path.join(HERE, name + ".corrected.vancouver.json"), "w", encoding="utf-8") as f:
        json.dump(texts, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(name, len(texts))


def main(argv):
    pandoc = argv[0] if argv else goldens.find_pandoc()
    csl = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "testdata", "csl-styles", "vancouver.csl")
    for name, correct in CORRECTIONS.items():
        if name in JOINED:
            items = joined_csl(pandoc, name)
        else:
            with open(os.path.join(HERE, name + ".csl.json"), encoding="utf-8") as f:
                items = json.load(f)
        recs = records(os.path.join(HERE, name))
        assert len(recs) == len(items), (name, len(recs), len(items))
        for item, record in zip(items, recs):
            correct(item, record)
        write_corrected(pandoc, csl, name, items)
    write_corrected(pandoc, csl, "pubmed-biopython.nbib", medline_items("pubmed-biopython.nbib"))


if __name__ == "__main__":
    main(sys.argv[1:])
