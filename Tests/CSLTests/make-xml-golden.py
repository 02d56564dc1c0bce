#!/usr/bin/env python3
"""Writes Fixtures/xml-expat.txt: how Python's expat reads every CSL style and locale in Fixtures/, as a summary of
a canonical dump (the oracle for Sources/CSL/XMLReader.swift; XMLReaderTests makes the same dump and compares).

    python3 Tests/CSLTests/make-xml-golden.py            # rewrite the golden file
    python3 Tests/CSLTests/make-xml-golden.py FILE       # print FILE's dump, to compare with the Swift side's

The dump has a line per start tag (`<name a=v b=w`, attributes in document order), per end tag (`</name`) and per
run of text that is not only white space (`T` and the text); a backslash and a line break in a value or a text are
written `\\\\` and `\\n`. A summary line is the file's path, its numbers of elements and text runs, and the FNV-1a
64-bit hash of the dump's UTF-8 bytes in hexadecimal.
"""
import os
import sys
import xml.parsers.expat

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "Fixtures")


def escaped(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def dump(path):
    lines, text = [], []

    def flush():
        run = "".join(text)
        text.clear()
        if run.strip(" \t\r\n"):
            lines.append("T" + escaped(run))

    def start(name, attributes):
        flush()
        pairs = "".join(f" {attributes[i]}={escaped(attributes[i + 1])}" for i in range(0, len(attributes), 2))
        lines.append("<" + name + pairs)

    def end(name):
        flush()
        lines.append("</" + name)

    parser = xml.parsers.expat.ParserCreate()
    parser.ordered_attributes = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with open(path, "rb") as file:
        parser.ParseFile(file)
    return "".join(line + "\n" for line in lines)


def fnv1a(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def main():
    if len(sys.argv) > 1:
        sys.stdout.write(dump(sys.argv[1]))
        return
    rows = []
    for folder in ("styles", "locales"):
        for name in sorted(os.listdir(os.path.join(FIXTURES, folder))):
            text = dump(os.path.join(FIXTURES, folder, name))
            lines = text.splitlines()
            elements = sum(1 for line in lines if line.startswith("<"))
            runs = sum(1 for line in lines if line.startswith("T"))
            rows.append(f"{folder}/{name} {elements} {runs} {fnv1a(text.encode('utf-8')):016x}\n")
    with open(os.path.join(FIXTURES, "xml-expat.txt"), "w") as file:
        file.writelines(rows)
    print(f"{len(rows)} files")


if __name__ == "__main__":
    main()
