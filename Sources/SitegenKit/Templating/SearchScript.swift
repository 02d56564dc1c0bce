import Foundation

/// The search box's script, written to `assets/search.js`: it reads the index ``SearchIndex`` writes, fetching
/// only the fragments of a query's words and the records of its best results. It stems and splits words as
/// ``PorterStemmer`` and ``SearchWords`` do (a run of Chinese, Japanese or Korean characters into pairs of them, as
/// ``SearchWords/bigrams(of:)``), and leaves out the same stopwords.
enum SearchScript {
    /// The words the script says: its count of results and its other messages, and the confidence badge's.
    static let words = [
        "searchResults", "searchUnavailable", "keepTyping", "noAnswers", "answer", "answers", "bestAnswers", "arrowKeys", "confidence", "high",
        "moderate", "low",
    ]

    /// The script, saying the site's words (see ``BuiltinAssets/script(_:)``).
    static func script(_ words: SiteWords) -> String {
        withSearchWords.replacingOccurrences(of: "__WORDS__", with: BuiltinAssets.json(words, Self.words))
    }

    private static let withSearchWords = template.replacingOccurrences(of: "__STOPWORDS__", with: SearchWords.stopwords.joined(separator: " "))
        .replacingOccurrences(of: "__TWO_LETTERS__", with: SearchWords.twoLetters.map { pair in
            "\\u" + String(repeating: "0", count: 4 - String(pair.letter.value, radix: 16).count) + String(pair.letter.value, radix: 16) + pair.letters
        }.joined(separator: " "))
        .replacingOccurrences(of: "__BIGRAMMED__", with: SearchWords.bigrammed.map { range in
            "\\u{" + String(range.lowerBound, radix: 16) + "}-\\u{" + String(range.upperBound, radix: 16) + "}"
        }.joined())

    private static let template = #"""
    (function () {
      "use strict";
      var script = document.currentScript;
      if (!script || !window.fetch || !("TextEncoder" in window)) return;
      var root = new URL("..", script.src).href;
      var STOPWORDS = new Set("__STOPWORDS__".split(" "));
      // Results shown: fewer while the reader types (each keystroke may rank others), more for a query from the address.
      var TYPING_LIMIT = 5, LIMIT = 10;
      // The site's words (`words:` in sitegen.yml), and under en those that stay English on a site in another language.
      var WORDS = __WORDS__;
      // A word with its placeholders ({query}) filled in one pass: a query that holds braces stays as typed.
      function word(key, values) {
        return WORDS[key].replace(/\{([A-Za-z]+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
      }

      // The Porter stemmer, as PorterStemmer.swift: a word of two letters or fewer, or with anything but a-z, is its own stem.
      var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"],
        ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"], ["ator", "ate"],
        ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"],
        ["biliti", "ble"], ["logi", "log"]];
      var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
      var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize"];
      function stem(word) {
        if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
        var b = word.split(""), k = b.length - 1, j = 0;
        function cons(i) {
          var c = b[i];
          if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
          if (c === "y") return i === 0 ? true : !cons(i - 1);
          return true;
        }
        function m() {
          var n = 0, i = 0;
          for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
          i++;
          for (;;) {
            for (;;) { if (i > j) return n; if (cons(i)) break; i++; }
            i++; n++;
            for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
            i++;
          }
        }
        function vowelInStem() { for (var i = 0; i <= j; i++) if (!cons(i)) return true; return false; }
        function doublec(i) { return i >= 1 && b[i] === b[i - 1] && cons(i); }
        function cvc(i) {
          if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
          var c = b[i];
          return c !== "w" && c !== "x" && c !== "y";
        }
        // Whether the word so far ends in s, compared letter by letter (a slice and a join for each of some fifty
        // suffixes made the stemmer about five times slower).
        function ends(s) {
          var n = s.length;
          if (n > k + 1) return false;
          for (var i = 0; i < n; i++) if (b[k - n + 1 + i] !== s[i]) return false;
          j = k - n;
          return true;
        }
        function setTo(s) { b.splice(j + 1, k - j, ...s.split("")); k = j + s.length; }
        function apply(rules) {
          for (var r = 0; r < rules.length; r++) if (ends(rules[r][0])) { if (m() > 0) setTo(rules[r][1]); return; }
        }
        if (b[k] === "s") {
          if (ends("sses")) k -= 2; else if (ends("ies")) setTo("i"); else if (k >= 1 && b[k - 1] !== "s") k--;
        }
        if (ends("eed")) {
          if (m() > 0) k--;
        } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
          k = j;
          if (ends("at")) setTo("ate");
          else if (ends("bl")) setTo("ble");
          else if (ends("iz")) setTo("ize");
          else if (doublec(k)) { k--; var c = b[k]; if (c === "l" || c === "s" || c === "z") k++; }
          else { j = k; if (m() === 1 && cvc(k)) setTo("e"); }
        }
        if (k > 0) {
          if (ends("y") && vowelInStem()) b[k] = "i";
          apply(STEP2);
          apply(STEP3);
          for (var s = 0; s < STEP4.length; s++) {
            if (!ends(STEP4[s])) continue;
            if (STEP4[s] === "ion" && (j < 0 || (b[j] !== "s" && b[j] !== "t"))) continue;
            if (m() > 1) k = j;
            break;
          }
          j = k;
          if (b[k] === "e") { var a = m(); if (a > 1 || (a === 1 && !cvc(k - 1))) k--; }
          if (b[k] === "l" && doublec(k) && m() > 1) k--;
        }
        return b.slice(0, k + 1).join("");
      }

      // Words as SearchWords.swift reads them: lowercase, accents, apostrophes, soft hyphens and zero-width characters
      // dropped, ligatures, the sharp s and the like as their letters (its twoLetters: each letter, then what it is read as),
      // split at anything but letters and digits; a run of Chinese, Japanese or Korean characters (its bigrammed) is
      // read as its pairs of characters.
      var BIGRAMMED = "__BIGRAMMED__", LETTERS = "\\p{L}\\p{N}\\u0300-\\u036f'\\u2019\\u00ad\\u200b-\\u200d\\u2060\\ufeff" + BIGRAMMED;
      var WORD = new RegExp("[" + LETTERS + "]+", "gu"), PLAIN = /^[A-Za-z0-9]+$/;
      var RUN = new RegExp("[" + BIGRAMMED + "]+", "gu"), HAS_RUN = new RegExp("[" + BIGRAMMED + "]", "u"), LAST_RUN = new RegExp("[" + BIGRAMMED + "]+$", "u");
      var TWO_LETTERS = new Map("__TWO_LETTERS__".split(" ").map(function (pair) { var c = Array.from(pair)[0]; return [c, pair.slice(c.length)]; }));
      var TWO_LETTER = new RegExp("[" + Array.from(TWO_LETTERS.keys()).join("") + "]", "gu");
      function fold(text) {
        return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'\u2019\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
          .replace(TWO_LETTER, function (c) { return TWO_LETTERS.get(c); });
      }
      // Each text's words and each word's stem, once: every keystroke reads the sentences of the results again.
      var textWords = new Map(), stems = new Map();
      function words(text) {
        var found = textWords.get(text), match;
        if (found) return found;
        found = [];
        WORD.lastIndex = 0;
        while ((match = WORD.exec(text))) {
          // Most words are ASCII letters and digits, which folding only lowercases.
          var plain = PLAIN.test(match[0]), start = match.index;
          if (plain || !HAS_RUN.test(match[0])) { wordsOf(match[0], start, start + match[0].length, plain, found); continue; }
          // Its runs of Chinese, Japanese or Korean characters as pairs, and what is between them as words.
          var at = 0, run;
          RUN.lastIndex = 0;
          while ((run = RUN.exec(match[0]))) {
            if (run.index > at) wordsOf(match[0].slice(at, run.index), start + at, start + run.index, false, found);
            pairsOf(run[0], start + run.index, found);
            at = run.index + run[0].length;
          }
          if (at < match[0].length) wordsOf(match[0].slice(at), start + at, start + match[0].length, false, found);
        }
        textWords.set(text, found);
        return found;
      }
      // The words of a match of WORD (or of its part between runs of pairs), from start to end in the text.
      function wordsOf(text, start, end, plain, found) {
        var word = plain ? text.toLowerCase() : fold(text);
        var parts = plain ? [word] : word.split(/[^\p{L}\p{N}]+/u);
        for (var p = 0; p < parts.length; p++) {
          var part = parts[p];
          if ((plain ? part.length : Array.from(part).length) < 2 || STOPWORDS.has(part)) continue;
          if (!stems.has(part)) stems.set(part, stem(part));
          found.push({ word: part, stem: stems.get(part), start: start, end: end });
        }
      }
      // A run of Chinese, Japanese or Korean characters as SearchWords.bigrams reads it: composed, then each pair of
      // characters (the one character of a run of one), folded, each its own stem. Each is where its characters are in
      // the text (the whole run, where composing changed it), so that the pairs of a query mark what they cover.
      function pairsOf(run, start, found) {
        var composed = run.normalize("NFC"), chars = Array.from(composed), offsets = [0];
        chars.forEach(function (c) { offsets.push(offsets[offsets.length - 1] + c.length); });
        for (var i = 0; i < Math.max(chars.length - 1, 1); i++) {
          var pair = fold(chars.slice(i, i + 2).join("")), same = composed === run;
          found.push({ word: pair, stem: pair, pair: true, start: start + (same ? offsets[i] : 0),
            end: start + (same ? offsets[Math.min(i + 2, chars.length)] : run.length) });
        }
      }

      var files = new Map();
      // fresh: asked of the server even when a cache holds it (index.json, which names the build the others are of).
      function load(path, fresh) {
        if (!files.has(path)) {
          // A file that could not be read is forgotten (its promise gives null), so that the next query asks again.
          files.set(path, fetch(root + path, fresh ? { cache: "no-cache" } : {}).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .catch(function () { files.delete(path); return null; }));
        }
        return files.get(path);
      }
      // The index: its fragments and records are fetched with its build (?v=), so that none a browser or a CDN kept from
      // another deploy (whose record numbers may be other answers') is read with it.
      var meta = null;
      function loadMeta() {
        if (!meta) {
          meta = load("search/index.json", true).then(function (index) {
            if (!index) { meta = null; return null; }
            var synonyms = [];
            index.synonyms.forEach(function (group, number) {
              group.forEach(function (phrase) { synonyms.push({ stems: phrase.split(" "), term: "~" + number, group: group }); });
            });
            synonyms.sort(function (a, b) { return b.stems.length - a.stems.length; });
            return { documents: index.documents, fragments: new Set(index.fragments.split(" ")), endings: new Set(index.endings.split(" ")),
              synonyms: synonyms, version: index.build ? "?v=" + encodeURIComponent(index.build) : "" };
          });
        }
        return meta;
      }
      function fileName(key) {
        var bytes = new TextEncoder().encode(key), name = "";
        for (var i = 0; i < bytes.length; i++) {
          var c = bytes[i];
          name += (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? String.fromCharCode(c) : "_" + (c < 16 ? "0" : "") + c.toString(16);
        }
        return name;
      }
      // The longest prefix of a term that has a fragment, which holds the term if the index has it; null when none has.
      // By ending: the longest ending that has a fragment of endings (search/e/), which lists the term if the index has it.
      function fragmentKey(index, term, byEnding) {
        var chars = Array.from(term), key = null;
        for (var length = 1; length <= chars.length; length++) {
          var part = (byEnding ? chars.slice(chars.length - length) : chars.slice(0, length)).join("");
          if ((byEnding ? index.endings : index.fragments).has(part)) key = part;
        }
        return key;
      }
      // The terms a concept may match, from the fragments of its terms and, for the word being typed, of the words it
      // begins (on a large site, "re" has a fragment per third letter) and of its completions; null when a fragment
      // could not be read, which is not the same as no answers.
      function termsOf(index, concept) {
        var keys = new Set();
        (concept.groups || [concept]).forEach(function (c) { keys.add(fragmentKey(index, c.term)); });
        if (concept.partial) {
          keys.add(fragmentKey(index, concept.word));
          index.fragments.forEach(function (key) { if (key.startsWith(concept.word)) keys.add(key); });
          concept.completions.forEach(function (term) { keys.add(fragmentKey(index, term)); });
        }
        keys.delete(null);
        return Promise.all(Array.from(keys).sort().map(function (key) { return load("search/t/" + fileName(key) + ".json" + index.version); }))
          .then(function (fragments) {
            if (fragments.some(function (terms) { return !terms; })) return null;
            return Object.assign.apply(null, [{}].concat(fragments));
          });
      }
      // The endings the stemmer takes off a word, as a word spells them (each step's suffixes, alone or with -s, -ed or
      // -ing), and every end of them: "vaccinat" is past the stem of "vaccination" (vaccin), in its ending "ation".
      var ENDINGS = (function () {
        var tails = new Set();
        ("e al ance ence er ic able ible ant ement ment ent ion ou ism ate ity ous ive ize icate ative alize icity ical ful " +
         "ness ational tional ency ancy izer bly ally ently ely ously ization ation ator alism iveness fulness ousness " +
         "ality ivity bility logy y").split(" ").concat([""]).forEach(function (suffix) {
          ["", "s", "ed", "ing"].forEach(function (inflection) {
            var ending = !inflection ? suffix
              : /y$/.test(suffix) ? suffix.slice(0, -1) + { s: "ies", ed: "ied", ing: "ying" }[inflection]
              : /e$/.test(suffix) && inflection !== "s" ? suffix.slice(0, -1) + inflection : suffix + inflection;
            for (var i = 0; i <= ending.length; i++) tails.add(ending.slice(i));
          });
        });
        return Array.from(tails);
      })();
      // The stems of the words a word being typed may be the start of, where they do not start with it: the word with
      // each of ENDINGS, stemmed ("vaccinat" is "vaccin" in "vaccination", "taki" "take" in "taking").
      var completed = new Map();
      function completions(word) {
        var found = completed.get(word);
        if (found) return found;
        found = new Set();
        if (/^[a-z]+$/.test(word)) {
          ENDINGS.forEach(function (ending) {
            var term = stem(word + ending);
            if (!term.startsWith(word)) found.add(term);
          });
        }
        completed.set(word, found);
        return found;
      }
      // The word being typed at the end of a query, as words() reads it ("" after a space).
      var LAST_WORD = new RegExp("[" + LETTERS + "]+$", "u");
      function lastWord(query) {
        var match = LAST_WORD.exec(query);
        if (!match) return "";
        // In a run of Chinese, Japanese or Korean characters: its last pair (or its one character).
        var run = LAST_RUN.exec(match[0]);
        if (run) return fold(Array.from(run[0].normalize("NFC")).slice(-2).join(""));
        var parts = fold(match[0]).split(/[^\p{L}\p{N}]+/u);
        return parts[parts.length - 1];
      }
      // The numbers of a term's postings, as SearchIndex.encode writes them: base 32, the last digit of each number one
      // of the first 32 characters, every other digit one of the last 32.
      var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", DIGIT = [];
      DIGITS.split("").forEach(function (c, n) { DIGIT[c.charCodeAt(0)] = n; });
      function decode(text) {
        var numbers = [], value = 0;
        for (var i = 0; i < text.length; i++) {
          var digit = DIGIT[text.charCodeAt(i)];
          if (digit >= 32) { value = value * 32 + digit - 32; } else { numbers.push(value * 32 + digit); value = 0; }
        }
        return numbers;
      }

      // Whether a and b are one insertion, deletion, substitution or swap of neighbours apart.
      function oneEdit(a, b) {
        if (a === b || Math.abs(a.length - b.length) > 1) return false;
        var i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        if (a.length === b.length) {
          return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
        }
        return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
      }

      // The query's concepts: its words' stems, with a phrase of synonym groups read as the groups (every group that has
      // it: "heart" in [heart, cardiac] and [heart, coronary] finds both) or as its own words (its parts: the concepts
      // of its words, found with the shorter phrases only), so that a group widens a query and never empties it; the
      // last word is partial (it finds the words it begins) when it is the word being typed.
      function concepts(index, query, typing) {
        var result = [], seen = new Set();
        conceptsOf(index, words(query), Infinity, typing).forEach(function (concept) {
          var key = concept.groups ? concept.groups.map(function (group) { return group.term; }).join(" ") : concept.term;
          if (!seen.has(key)) { seen.add(key); result.push(concept); }
        });
        return result;
      }
      function conceptsOf(index, found, longest, typing) {
        var result = [];
        for (var i = 0; i < found.length;) {
          var concept = null;
          // The synonyms are longest first: a phrase found, the others of its length that match are it, in other groups.
          for (var s = 0; s < index.synonyms.length; s++) {
            var synonym = index.synonyms[s], phrase = synonym.stems;
            if (phrase.length >= longest || (concept && phrase.length < concept.words)) continue;
            if (!phrase.every(function (stem, n) { return found[i + n] && found[i + n].stem === stem; })) continue;
            if (concept) {
              if (!concept.groups.some(function (group) { return group.term === synonym.term; })) concept.groups.push(synonym);
              continue;
            }
            concept = { term: synonym.term, groups: [synonym], words: phrase.length };
            concept.parts = conceptsOf(index, found.slice(i, i + phrase.length), phrase.length, i + phrase.length === found.length ? typing : "");
          }
          if (!concept) {
            concept = { term: found[i].stem, word: found[i].word, words: 1, pair: found[i].pair,
              partial: i === found.length - 1 && found[i].word === typing };
            if (concept.partial) concept.completions = completions(concept.word);
          }
          i += concept.words;
          result.push(concept);
        }
        return result;
      }
      // A concept and its parts, and theirs: each needs its term's fragment.
      function withParts(concepts) {
        var all = [];
        concepts.forEach(function (concept) { all.push(concept); if (concept.parts) all = all.concat(withParts(concept.parts)); });
        return all;
      }

      // The matches of a concept in its fragments: the term itself (each group's, for a phrase of synonyms), else words
      // one typo away (five letters or more), and for the word being typed, the words it begins or may be the start of.
      function matches(concept, terms) {
        var found = [];
        (concept.groups || [concept]).forEach(function (c) { if (terms[c.term]) found.push({ term: c.term, factor: 1 }); });
        if (concept.word) {
          var extra = [];
          Object.keys(terms).forEach(function (term) {
            if (term === concept.term) return;
            if (concept.partial && (term.startsWith(concept.word) || concept.completions.has(term))) extra.push({ term: term, factor: 0.9 });
            else if (!found.length && !concept.pair && Array.from(concept.word).length >= 5 && oneEdit(term, concept.term)) extra.push({ term: term, factor: 0.8 });
          });
          extra.sort(function (a, b) { return terms[b.term][0] - terms[a.term][0] || (a.term < b.term ? -1 : 1); });
          found = found.concat(extra.slice(0, 5));
        }
        return found;
      }

      // A word of five letters or more that matches nothing in its fragments may have a typo in its first letters, which
      // puts the words one typo away in fragments of other prefixes: those words are found among the terms that end as it
      // does (its fragment of endings, search/e/) and their fragments, at most MORE_FRAGMENTS, read into concept.terms.
      // Only such a word fetches these files. False when one could not be read.
      var MORE_FRAGMENTS = 3;
      function widen(index, concept) {
        if (!concept.word || concept.pair || Array.from(concept.word).length < 5 || matches(concept, concept.terms).length) return Promise.resolve(true);
        var ending = fragmentKey(index, concept.term, true);
        if (!ending) return Promise.resolve(true);
        return load("search/e/" + fileName(ending) + ".json" + index.version).then(function (list) {
          if (list === null) return false;
          var keys = new Set();
          list.split(" ").forEach(function (term) { if (oneEdit(term, concept.term)) keys.add(fragmentKey(index, term)); });
          keys.delete(null);
          var more = Array.from(keys).sort().slice(0, MORE_FRAGMENTS);
          return Promise.all(more.map(function (key) { return load("search/t/" + fileName(key) + ".json" + index.version); })).then(function (fragments) {
            if (fragments.some(function (terms) { return !terms; })) return false;
            concept.terms = Object.assign.apply(null, [{}, concept.terms].concat(fragments));
            return true;
          });
        });
      }

      // The answers a concept finds (its terms read into concept.terms, termsOf), each with how much of the concept it
      // says (1 for the term; for a group's phrase said only by its words, the share of them it says) and its score; the
      // stems and the group's phrases it found go into marked.
      function answers(index, concept, marked) {
        var found = new Map();
        matches(concept, concept.terms).forEach(function (match) {
          var count = concept.terms[match.term][0], numbers = decode(concept.terms[match.term][1]);
          var idf = Math.log(1 + (index.documents - count + 0.5) / (count + 0.5));
          var group = concept.groups && concept.groups.find(function (g) { return g.term === match.term; });
          if (group) group.group.forEach(function (phrase) { marked.phrases.push(phrase.split(" ")); });
          else marked.words.add(match.term);
          for (var p = 0, doc = 0; p < numbers.length; p += 2) {
            doc += numbers[p];
            var score = idf * numbers[p + 1] / 31 * match.factor, hit = found.get(doc);
            if (!hit) found.set(doc, { count: 1, score: score }); else if (hit.score < score) hit.score = score;
          }
        });
        if (!concept.parts) return found;
        var byWords = new Map();
        concept.parts.forEach(function (part) {
          answers(index, part, marked).forEach(function (hit, doc) {
            var total = byWords.get(doc) || { count: 0, score: 0 };
            total.count += hit.count * part.words / concept.words;
            total.score += hit.score * part.words / concept.words;
            byWords.set(doc, total);
          });
        });
        byWords.forEach(function (hit, doc) {
          var direct = found.get(doc);
          if (!direct || hit.count > direct.count || (hit.count === direct.count && hit.score > direct.score)) found.set(doc, hit);
        });
        return found;
      }

      // typed: whether the query is being typed, so that its last word may be partial (none after a space: lastWord).
      // Null when search is not available: the index, a fragment it names or a result's record could not be read.
      function search(query, typed, limit) {
        return loadMeta().then(function (index) {
          if (!index) return null;
          var typing = typed ? lastWord(query) : "";
          var wanted = concepts(index, query, typing), all = withParts(wanted);
          return Promise.all(all.map(function (concept) { return termsOf(index, concept); })).then(function (fragments) {
            if (fragments.some(function (terms) { return !terms; })) return false;
            all.forEach(function (concept, n) { concept.terms = fragments[n]; });
            return Promise.all(all.map(function (concept) { return widen(index, concept); }));
          }).then(function (read) {
            if (!read || read.some(function (ok) { return !ok; })) return null;
            var scores = new Map(), marked = { words: new Set(), phrases: [] };
            wanted.forEach(function (concept) {
              answers(index, concept, marked).forEach(function (hit, doc) {
                var total = scores.get(doc) || { doc: doc, count: 0, score: 0 };
                total.count += hit.count;
                total.score += hit.score;
                scores.set(doc, total);
              });
            });
            var ranked = Array.from(scores.values()).sort(function (a, b) {
              return b.count - a.count || b.score - a.score || a.doc - b.doc;
            });
            var top = ranked.slice(0, limit || LIMIT);
            // Nothing to search for (no concepts: no words) but one letter at the end: too short yet, not "no answers",
            // whether it is being typed or came from the address (?q=d).
            var tooShort = !wanted.length && Array.from(lastWord(query.replace(/\s+$/, ""))).length === 1;
            return Promise.all(top.map(function (hit) { return load("search/d/" + hit.doc + ".json" + index.version); })).then(function (records) {
              if (records.some(function (record) { return !record; })) return null;
              return { total: ranked.length, records: records, marked: marked, tooShort: tooShort };
            });
          });
        });
      }

      // Where a text says what the query marked: a group's phrase as a whole (the longest there), else a word of the
      // query. Each with its key, to count the different things a sentence says.
      function markedSpans(text, marked) {
        var found = words(text), spans = [];
        for (var i = 0; i < found.length; i++) {
          var longest = null;
          marked.phrases.forEach(function (phrase) {
            if (longest && longest.length >= phrase.length) return;
            if (phrase.every(function (stem, n) { return found[i + n] && found[i + n].stem === stem; })) longest = phrase;
          });
          if (longest) {
            spans.push({ start: found[i].start, end: found[i + longest.length - 1].end, key: longest.join(" ") });
            i += longest.length - 1;
          } else if (marked.words.has(found[i].stem)) {
            spans.push({ start: found[i].start, end: found[i].end, key: found[i].stem });
          }
        }
        return spans;
      }

      // The sentence that says most of the query's words, with them marked.
      function snippet(record, marked) {
        var sentences = (record.s ? [record.s] : []).concat(record.x || []), best = null, bestCount = 0;
        sentences.forEach(function (sentence) {
          var seen = new Set();
          markedSpans(sentence, marked).forEach(function (span) { seen.add(span.key); });
          if (seen.size > bestCount) { best = sentence; bestCount = seen.size; }
        });
        best = best || sentences[0] || "";
        var element = document.createElement("p"), last = 0, mark = null;
        element.className = "search-snippet";
        markedSpans(best, marked).forEach(function (w) {
          if (w.start < last) {
            // Pairs of characters overlap (高血, 血压): one that goes on past the mark before lengthens it.
            if (w.end > last) { mark.textContent += best.slice(last, w.end); last = w.end; }
            return;
          }
          element.appendChild(document.createTextNode(best.slice(last, w.start)));
          mark = document.createElement("mark");
          mark.textContent = best.slice(w.start, w.end);
          element.appendChild(mark);
          last = w.end;
        });
        element.appendChild(document.createTextNode(best.slice(last)));
        return element;
      }

      var MARKS = { high: "\u25cf\u25cf\u25cf", moderate: "\u25cf\u25cf\u25cb", low: "\u25cf\u25cb\u25cb" };
      function resultItem(record, marked) {
        var item = document.createElement("li"), heading = document.createElement("p"), link = document.createElement("a");
        heading.className = "search-title";
        link.href = root + record.u;
        link.textContent = record.t;
        heading.appendChild(link);
        item.appendChild(heading);
        var meta = document.createElement("p");
        meta.className = "meta";
        if (record.c) {
          var badge = document.createElement("span"), mark = document.createElement("span");
          badge.className = "badge badge-" + record.c;
          mark.className = "badge-mark";
          mark.setAttribute("aria-hidden", "true");
          mark.textContent = MARKS[record.c] || "";
          badge.appendChild(mark);
          badge.appendChild(document.createTextNode(" " + word("confidence", { level: WORDS[record.c] ? word(record.c) : record.c })));
          if (WORDS.en.confidence) badge.setAttribute("lang", "en");
          meta.appendChild(badge);
        }
        if (record.p) {
          if (record.c) meta.appendChild(document.createTextNode(" \u00b7 "));
          meta.appendChild(document.createTextNode(record.p));
        }
        if (meta.childNodes.length) item.appendChild(meta);
        item.appendChild(snippet(record, marked));
        return item;
      }

      function attach(form, inline) {
        var input = form.querySelector("input[name=q]");
        if (!input) return;
        var panel = document.createElement("div"), status = document.createElement("p"), list = document.createElement("ol");
        panel.className = inline ? "search-results" : "search-results search-panel";
        panel.id = input.id + "-results";
        status.className = "search-status";
        status.setAttribute("role", "status");
        list.className = "search-list";
        list.setAttribute("aria-label", word("searchResults"));
        // The count is a live region from the start, never hidden (one shown in the same task as it is filled may not be
        // heard): closed, the list is hidden and the panel only visually (search-closed).
        panel.appendChild(status);
        panel.appendChild(list);
        if (inline) status.tabIndex = -1;
        form.parentNode.insertBefore(panel, form.nextSibling);
        input.setAttribute("aria-controls", panel.id);
        var sequence = 0;
        function isOpen() { return !list.hidden; }
        function open() { list.hidden = false; panel.classList.remove("search-closed"); }
        function close() { list.hidden = true; panel.classList.add("search-closed"); }
        close();
        function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
        // The search page keeps the query in its address (?q=), written when the reader pauses or leaves the box (for a
        // result, before the pause): history.replaceState takes from under a millisecond to over ten, and written on
        // every keystroke it held up each one's fetch.
        var addressed = null, addressTimer = 0;
        function address() {
          clearTimeout(addressTimer);
          if (!history.replaceState || input.value === addressed) return;
          addressed = input.value;
          var url = new URL(location.href);
          if (addressed.trim()) url.searchParams.set("q", addressed); else url.searchParams.delete("q");
          history.replaceState(null, "", url);
        }
        // A query ends in a word being typed unless it ends in a space, wherever it comes from: the search page opened by
        // Enter (or from its address) shows what the box showed for the same text ("Zucker" finds "Zuckerkrankheit").
        // While the reader types, the best TYPING_LIMIT results are shown, so that a keystroke fetches few records;
        // typing false: the query was submitted or read from the address, which shows LIMIT.
        // focus: move the focus to the count once it is shown (a query submitted on the search page, or read from its address).
        function run(typing, focus) {
          var query = input.value, mine = ++sequence;
          clearTimeout(addressTimer);
          if (inline) addressTimer = setTimeout(address, 300);
          if (!query.trim()) { list.textContent = ""; status.textContent = ""; close(); return; }
          search(query, true, typing === false ? LIMIT : TYPING_LIMIT).then(function (result) {
            if (mine !== sequence) return;
            list.textContent = "";
            open();
            // The status says the site's words, marked lang="en" while they stay English; its count of results is
            // `answer` for one, else `answers` (the best of more than a page are `bestAnswers`).
            var key = "searchUnavailable", shown = result ? result.records.length : 0;
            if (result) {
              result.records.forEach(function (record) { list.appendChild(resultItem(record, result.marked)); });
              key = result.tooShort ? "keepTyping" : shown === 0 ? "noAnswers" : result.total > shown ? "bestAnswers" : shown === 1 ? "answer" : "answers";
            }
            status.textContent = word(key, { query: query.trim(), count: String(result ? result.total : 0), shown: String(shown) });
            if (WORDS.en[key]) status.setAttribute("lang", "en"); else status.removeAttribute("lang");
            // The header's box says how to reach the results: in the language of its own words.
            if (result && shown && !result.tooShort && !inline) {
              var keys = document.createElement("span");
              keys.textContent = word("arrowKeys");
              if (!WORDS.en[key] !== !WORDS.en.arrowKeys) keys.setAttribute("lang", WORDS.en.arrowKeys ? "en" : document.documentElement.lang);
              status.appendChild(document.createTextNode(" "));
              status.appendChild(keys);
            }
            if (focus) status.focus();
          });
        }
        input.addEventListener("focus", loadMeta);
        // `sitegen serve` patched the page with a new build: the index read before is the old one's.
        document.addEventListener("sitegen:updated", function () {
          files.clear();
          meta = null;
          if (input.value.trim() && !list.hidden) run(false);
        });
        if (inline) input.addEventListener("blur", address);
        input.addEventListener("input", function () { run(true); });
        form.addEventListener("keydown", function (event) {
          var all = links(), at = all.indexOf(document.activeElement);
          if (event.key === "ArrowDown" && all.length) {
            // After Escape, the list opens again (its results are the box's: any change ran the query again).
            if (!isOpen()) open();
            all[Math.min(at + 1, all.length - 1)].focus();
            event.preventDefault();
          } else if (event.key === "ArrowUp" && at >= 0) {
            (at === 0 ? input : all[at - 1]).focus();
            event.preventDefault();
          } else if (event.key === "Escape" && !inline && isOpen()) {
            close();
            input.focus();
            event.preventDefault();
          }
        });
        panel.addEventListener("keydown", function (event) {
          var all = links(), at = all.indexOf(document.activeElement);
          if (event.key === "ArrowDown" && at >= 0) {
            all[Math.min(at + 1, all.length - 1)].focus();
            event.preventDefault();
          } else if (event.key === "ArrowUp" && at >= 0) {
            (at === 0 ? input : all[at - 1]).focus();
            event.preventDefault();
          } else if (event.key === "Escape") {
            if (!inline) close();
            input.focus();
            event.preventDefault();
          }
        });
        if (!inline) {
          document.addEventListener("click", function (event) {
            if (!form.contains(event.target) && !panel.contains(event.target)) close();
          });
          panel.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !form.contains(event.relatedTarget) && !panel.contains(event.relatedTarget)) close();
          });
          input.addEventListener("focusout", function (event) {
            if (event.relatedTarget && !form.contains(event.relatedTarget) && !panel.contains(event.relatedTarget)) close();
          });
        }
        if (inline) {
          // Submitted on the search page, a query is searched in place (all its results, the address written) and the
          // focus moved to the count, not left at the top of a page loaded again.
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            run(false, true);
            address();
          });
          // A line break in the address is a space (a search box's value drops it, joining the words).
          var asked = (new URL(location.href).searchParams.get("q") || "").replace(/[\r\n]+/g, " ");
          if (asked.trim()) { input.value = addressed = asked; run(false, true); }
        }
      }

      window.sitegenSearch = { stem: stem, words: function (text) { return words(text).map(function (w) { return w.stem; }); }, search: search };
      function start() {
        var forms = document.querySelectorAll("form[data-search]");
        for (var i = 0; i < forms.length; i++) attach(forms[i], forms[i].getAttribute("data-search") === "page");
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
    })();

    """#
}
