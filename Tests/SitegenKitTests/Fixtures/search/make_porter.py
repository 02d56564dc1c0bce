#!/usr/bin/env python3
"""Writes Tests/SitegenKitTests/Fixtures/search/porter.txt: every distinct word of the shipped site's articles, the
README and the CommonMark spec's prose, with its stem by NLTK's Porter stemmer in MARTIN_EXTENSIONS mode (the
algorithm as in its author's reference implementation), the oracle PorterStemmer.swift and search.js are held to."""
import glob, json, re, sys
from nltk.stem.porter import PorterStemmer
# Run from the package folder, with ../shared/ beside it: python3 Tests/SitegenKitTests/Fixtures/search/make_porter.py
texts = [open(p).read() for p in glob.glob("Content/**/*.md", recursive=True)] + [open("README.md").read()]
texts += [case["markdown"] for case in json.load(open("../shared/testdata/commonmark-spec-0.30.json"))]
# The examples of Porter's paper, each rule at least once.
texts.append("caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping "
             "tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci "
             "digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism "
             "decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize "
             "electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible "
             "irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous "
             "effective bowdlerize probate rate cease controll roll generalizations oscillators archaeology")
words = set()
for text in texts:
    words.update(w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 1)
stemmer = PorterStemmer(mode=PorterStemmer.MARTIN_EXTENSIONS)
with open("Tests/SitegenKitTests/Fixtures/search/porter.txt", "w") as out:
    for word in sorted(words):
        out.write(f"{word} {stemmer.stem(word)}\n")
print(len(words))
