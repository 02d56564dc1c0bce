import Foundation
import Testing

@testable import SitegenKit
import TestSupport

/// The search index: words and stems, what an article gives it, the fragments and records a build writes.
@Suite struct SearchIndexTests {
    @Test func stemsAreThoseOfThePorterReferenceImplementation() throws {
        // Made by NLTK's Porter stemmer in the mode of its author's reference implementation (see make_porter.py).
        let golden = try String(contentsOf: fixturesFolder.appendingPathComponent("search/porter.txt"), encoding: .utf8)
        var checked = 0
        for line in golden.split(separator: "\n") {
            let parts = line.split(separator: " ")
            #expect(PorterStemmer.stem(String(parts[0])) == String(parts[1]), "\(parts[0])")
            checked += 1
        }
        #expect(checked > 1500)
    }

    @Test func wordsAreFoldedSplitAndStemmedWithoutStopwords() {
        let words = SearchWords()
        #expect(words.stems(of: "Can statins hurt MY muscles?") == ["statin", "hurt", "muscl"])
        #expect(words.stems(of: "Alzheimer's and Alzheimer’s, follow-up, Sjögren, GLP-1") == ["alzheim", "alzheim", "follow", "sjogren", "glp"])
        #expect(words.stems(of: "a I x 7 of the") == [])
        // Ligatures and letters read as two meet the words written with the two: "ﬁbrosis" (U+FB01) is "fibrosis".
        #expect(words.stems(of: "\u{FB01}brosis Œsophagus STRAẞE Straße Æther \u{FB00}\u{FB02}y ß") == words.stems(of: "fibrosis oesophagus strasse strasse aether fffly ss"))
        #expect(words.stems(of: "\u{FB01}brosis Œsophagus") == ["fibrosi", "oesophagu"])
    }

    /// Chinese, Japanese and Korean are written without spaces between words: a run of their characters was one word
    /// ("高血压会遗传吗", which no query says). It is read as its overlapping pairs of characters, or its one character.
    @Test func chineseJapaneseAndKoreanAreReadAsPairsOfCharacters() {
        let words = SearchWords()
        #expect(words.stems(of: "高血压会遗传吗？") == ["高血", "血压", "压会", "会遗", "遗传", "传吗"])
        #expect(words.stems(of: "盐。减少盐") == ["盐", "减少", "少盐"])
        // Japanese runs go on across Kanji, Hiragana and Katakana; Latin words and digits beside a run are words of their own.
        #expect(words.stems(of: "糖尿病はインスリン") == ["糖尿", "尿病", "病は", "はイ", "イン", "ンス", "スリ", "リン"])
        #expect(words.stems(of: "Zucker高血压statins 2型") == ["zucker", "高血", "血压", "statin", "型"])
        // A sound mark written apart is one character with its letter, as is Hangul's jamo; each pair is folded as a word.
        #expect(words.stems(of: "か\u{3099}ん") == words.stems(of: "がん"))
        #expect(words.stems(of: "がん") == [SearchWords.folded("がん")])
        #expect(words.stems(of: "고혈압") == [SearchWords.folded("고혈"), SearchWords.folded("혈압")])
        #expect(words.stems(of: "\u{1100}\u{1169}\u{1112}\u{1167}\u{11AF}") == [SearchWords.folded("고혈")])
        // In a page, read the long way and the quick way alike.
        var counter = TermCounter(keepsOrder: true)
        _ = SearchText(html: "<p>Statins: 高血<em>压</em>与遗传有关。</p>", counter: &counter, budget: 1000)
        #expect(counter.stemsInOrder() == ["statin", "高血", "压", "与遗", "遗传", "传有", "有关"])
    }

    /// The pairs of Chinese, Japanese and Korean characters, thousands on a site, are in fragments by their first
    /// character (two characters would be a file each), and have no endings; a character alone is a term.
    @Test func pairsOfCharactersAreInFragmentsByTheirFirstCharacter() throws {
        let stems = ["高血", "血压", "盐", "statin", "血糖"]
        let files = SearchIndex.files([entry(stems.map { ($0, 1) }, length: 10)], synonyms: SearchSynonyms([]))
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) })
        #expect(files[0].content.contains(#""fragments":"st 盐 血 高","endings":"n""#))
        let blood = try #require(byPath["search/t/\(SearchIndex.fileName("血")).json"])
        #expect(try postings(blood, "血压")?.count == 1 && postings(blood, "血糖")?.count == 1)
        #expect(try postings(#require(byPath["search/t/\(SearchIndex.fileName("盐")).json"]), "盐")?.count == 1)
    }

    @Test func longRandomTextIsSplitAsASimpleReadingSplitsIt() {
        // Words of 1 to 20 letters, digits, capitals and accented letters with apostrophes, punctuation and dashes
        // between: the counter reads 64 bytes at a time (a copy of the text's end, when it has fewer than 80 left), and
        // words of up to sixteen bytes by whole loads, which must not change a word, merge two or split one, at a
        // window's end or the text's. The whole text, and every prefix of its first 300 bytes.
        var generator = IncrementalBuildTests.Generator(state: 42)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é")
        let between = [" ", ", ", ". ", "-", "'", " (", ") ", "\n", "/", "’", " — "]
        var text = ""
        for _ in 0..<3000 {
            let length = Int.random(in: 1...20, using: &generator)
            text += String((0..<length).map { _ in letters.randomElement(using: &generator)! })
            text += between.randomElement(using: &generator)!
        }
        func simpleReading(_ text: String) -> [String] {
            SearchWords.folded(text).replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
                .split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
                .filter { $0.count > 1 && !SearchWords.isStopword($0) }.map(PorterStemmer.stem)
        }
        let expected = simpleReading(text)
        let stems = SearchWords().stems(of: text)
        #expect(stems.count == expected.count)
        let difference = stems.indices.first { $0 >= expected.count || stems[$0] != expected[$0] }
        #expect(difference == nil, "word \(difference ?? 0): \(difference.map { stems[$0] } ?? "")")
        let start = Array(text.utf8.prefix(300))
        let prefixes = (0...start.count).compactMap { String(validating: start[..<$0], as: UTF8.self) }
        #expect(prefixes.count > 250)
        for prefix in prefixes {
            #expect(SearchWords().stems(of: prefix) == simpleReading(prefix), "\(prefix.utf8.count) bytes: \(prefix)")
        }
        // Each stem's weight (a heading's word counts twice) and the number of words, through the growth of the
        // counter's table: most of the 3,000 words are distinct.
        var counter = TermCounter(keepsOrder: false)
        counter.add(text, .headings)
        let (terms, length) = counter.weightedTerms(synonyms: SearchSynonyms([]))
        let weights = Dictionary(uniqueKeysWithValues: terms.map { (SearchLexicon.shared.stem($0.term), Int($0.weight)) })
        #expect(weights == Dictionary(expected.map { ($0, 2) }, uniquingKeysWith: +))
        #expect(length == expected.count)
    }

    @Test func softHyphensAndZeroWidthCharactersInsideAWordAreLeftOut() {
        // An editor's hyphenation hints and joiners are invisible: the word they are in is one word, as the script reads it.
        let words = SearchWords()
        #expect(words.stems(of: "atezo\u{AD}lizumab nivo\u{200B}lumab ipi\u{200C}limumab pembro\u{200D}lizumab durva\u{2060}lumab ave\u{FEFF}lumab")
            == ["atezolizumab", "nivolumab", "ipilimumab", "pembrolizumab", "durvalumab", "avelumab"])
        #expect(words.stems(of: "\u{AD}statins\u{200B} \u{FEFF}muscles\u{AD}") == ["statin", "muscl"])
        // In a page's HTML (cmark writes `&shy;` and `&#173;` as the character), in words read the long way (a capital).
        var counter = TermCounter(keepsOrder: true)
        let html = "<p>Atezo\u{AD}lizumab, <em>ipi\u{AD}limumab</em> and nivo\u{200B}lumab.</p>"
        let text = SearchText(html: html, counter: &counter, budget: 1000)
        #expect(counter.stemsInOrder() == ["atezolizumab", "ipilimumab", "nivolumab"])
        #expect(text.sentences == ["Atezo\u{AD}lizumab, ipi\u{AD}limumab and nivo\u{200B}lumab."])
    }

    @Test func aWordReadTheQuickWayAndTheLongWayIsOneWord() {
        // A word of letters alone is hashed from two loads of its bytes; one with an apostrophe (left out) or a capital
        // after it, from a copy: each length from 1 to 40 bytes, both ways in one text, is one distinct word.
        var generator = IncrementalBuildTests.Generator(state: 5)
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for length in 1...40 {
            let word = String((0..<length).map { _ in letters.randomElement(using: &generator)! })
            for other in [word + "’", word + "'", "’" + word, word.uppercased() + "’"] {
                var counter = TermCounter(keepsOrder: false)
                counter.add("\(word) \(other) \(word)", .body)
                #expect(counter.distinctWords == 1, "\(length) bytes: \(word), \(other)")
            }
        }
    }

    @Test func aTextInsideALongerOneEndsWhereItDoesNotWhereTheLongerOneDoes() {
        // A run between two tags is read in whole windows past its end when the page's bytes go on: each of the first
        // 300 prefixes of a text, read so, gives the words of the prefix alone.
        var generator = IncrementalBuildTests.Generator(state: 11)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é")
        let between = [" ", ", ", ". ", "-", "'", "\n", "<em>", "&amp;"]
        var text = ""
        for _ in 0..<400 {
            text += String((0..<Int.random(in: 1...20, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            text += between.randomElement(using: &generator)!
        }
        let bytes = Array(text.utf8)
        for end in 0...300 {
            var inside = TermCounter(keepsOrder: true), alone = TermCounter(keepsOrder: true)
            bytes.withUnsafeBufferPointer { inside.add(UnsafeBufferPointer(rebasing: $0[..<end]), weight: 1, readable: $0.count) }
            Array(bytes[..<end]).withUnsafeBufferPointer { alone.add($0, weight: 1) }
            #expect(inside.stemsInOrder() == alone.stemsInOrder(), "the first \(end) bytes")
        }
    }

    @Test func termsAndWeightsSortByTermKeepingEachTermsWeightsInOrder() {
        // A radix sort over the bytes the largest term has: terms of one to four bytes, many repeated.
        var generator = IncrementalBuildTests.Generator(state: 7)
        for largest: UInt64 in [1, 200, 70_000, 20_000_000, 2_000_000_000] {
            let items = (0..<3000).map { _ in UInt64.random(in: 0...largest, using: &generator) << 32 | UInt64.random(in: 1...40, using: &generator) }
            var sorted = items
            TermCounter.sortByTerm(&sorted)
            #expect(sorted == items.sorted { $0 >> 32 < $1 >> 32 }, "terms up to \(largest)")
        }
        var few: [UInt64] = [5 << 32 | 1]
        TermCounter.sortByTerm(&few)
        #expect(few == [5 << 32 | 1])
    }

    @Test func theTextOfABodyHasNoTagsOrCitationMarkersAndKnowsItsHeadings() {
        let html = """
            <p>Statins lower risk<sup class="citation" id="cite-1"><a href="#ref-1">1</a></sup>. Muscle aches &amp;
            pains are rare.</p>
            <h2 id="x">What <em>the</em> trials show</h2>
            <ul>
            <li>One &lt;two&gt;</li>
            </ul>
            <script>var hidden = 1;</script>
            """
        var counter = TermCounter(keepsOrder: false)
        let text = SearchText(html: html, counter: &counter, budget: 1000)
        #expect(text.sentences == ["Statins lower risk.", "Muscle aches & pains are rare.", "What the trials show", "One <two>"])
        let (terms, length) = counter.weightedTerms(synonyms: SearchSynonyms([]))
        let weights = Dictionary(uniqueKeysWithValues: terms.map { (SearchLexicon.shared.stem($0.term), Int($0.weight)) })
        // Headings count twice; the citation's number, the script and stopwords ("what", "the", "are") not at all.
        #expect(weights == ["statin": 1, "lower": 1, "risk": 1, "muscl": 1, "ach": 1, "pain": 1, "rare": 1, "trial": 2, "show": 2, "on": 1, "two": 1])
        #expect(length == 11)
        // A budget keeps the first sentences only.
        var other = TermCounter(keepsOrder: false)
        #expect(SearchText(html: html, counter: &other, budget: 20).sentences == ["Statins lower risk.", "Muscle aches & pains are rare."])
    }

    @Test func anAuthorDateCitationInBracketsIsLeftOutAndOneInTheSentenceRead() {
        // As sitegen prints them: in brackets (with a span of the style's inside), and naming the author in the sentence.
        let html = """
            <p>Statins lower risk <span class="citation" id="cite-1">(<a href="#ref-a">W. Schmidt et al., 2003, p. 16</a>; \
            <span style="font-variant:small-caps;">Okafor</span>, 2008)</span>. Muscle aches are rare.</p>
            <p><span class="citation" id="cite-2"><a href="#ref-b">Liu et al.</a> (<a href="#ref-b">2021</a>)</span> found fewer aches.</p>
            """
        var counter = TermCounter(keepsOrder: false)
        let text = SearchText(html: html, counter: &counter, budget: 1000)
        #expect(text.sentences == ["Statins lower risk.", "Muscle aches are rare.", "Liu et al. (2021) found fewer aches."])
        let (terms, _) = counter.weightedTerms(synonyms: SearchSynonyms([]))
        let stems = Set(terms.map { SearchLexicon.shared.stem($0.term) })
        #expect(stems.isDisjoint(with: ["schmidt", "okafor", "2003", "2008"]))
        #expect(stems.isSuperset(of: ["liu", "2021", "found", "fewer", "ach", "rare"]))
        // Sentences end where a new one starts, not after an initial or an abbreviation.
        func split(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return SearchText.sentences(of: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(split("Doses vary, e.g. 10 mg. Ask J. Smith (see Fig. 2, p. 16) first! Then rest. see more.")
            == ["Doses vary, e.g. 10 mg.", "Ask J. Smith (see Fig. 2, p. 16) first!", "Then rest. see more."])
    }

    func site(search: String = "") throws -> TestSite {
        try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\n" + search,
            "Content/index.md": article("Home", "Welcome to the answers.\n"),
            "Content/heart/statins.md": article(
                "Should I take a statin?", "Statins lower the risk of a heart attack. Muscle aches are common.\n\n## Side effects\n\nRarely, diabetes.\n",
                extra: "summary: Statins and the heart.\ntopic: Heart\nconfidence: high\n"),
            "Content/gut/probiotics.md": article(
                "Do probiotics help?", "Probiotics may prevent diarrhoea caused by antibiotics.\n", extra: "topic: Gut\n"),
            "Content/gut/draft.md": article("A secret draft about statins?", "Unpublished words: zebra.\n", extra: "draft: true\n"),
        ])
    }

    @Test func aBuildWritesFragmentsAndRecordsOfPublishedArticlesOnly() async throws {
        let site = try site(search: "search:\n  synonyms:\n    - [heart attack, myocardial infarction]\n    - [diarrhoea, diarrhea]\n")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.isEmpty)
        let meta = try site.read("search/index.json")
        #expect(meta.hasPrefix(#"{"version":1,"documents":2,"fragments":""#))
        #expect(meta.contains(#""synonyms":[["heart attack","myocardi infarct"],["diarrhoea","diarrhea"]]"#))
        // Articles in site order (gut/ before heart/); the home page's introduction and the draft are not there.
        let first = try site.read("search/d/0.json"), second = try site.read("search/d/1.json")
        #expect(first.contains(#""t":"Do probiotics help?","u":"gut/probiotics/","p":"Gut","#))
        #expect(second.contains(#""u":"heart/statins/","p":"Heart","c":"high","s":"Statins and the heart.","x":["Statins lower the risk of a heart attack.","Muscle aches are common.","Side effects","Rarely, diabetes."]"#))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/d/2.json").path))
        let statins = try site.read("search/t/st.json")
        // "statin" is in article 1 only (the draft's title is not indexed).
        let statin = try #require(try postings(statins, "statin"))
        #expect(statin.count == 1 && statin.postings.map(\.document) == [1])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/t/ze.json").path))
        // A synonym group is a term of its own: "heart attack" and "diarrhoea" found it in the articles that say them.
        #expect(try postings(site.read("search/t/_7e0.json"), "~0")?.postings.map(\.document) == [1])
        #expect(try postings(site.read("search/t/_7e1.json"), "~1")?.postings.map(\.document) == [0])
        // The header's search box and the search page, with every question A to Z.
        let searchPage = try site.read("search/index.html")
        #expect(searchPage.contains("<form class=\"search-form\" role=\"search\" aria-label=\"Search the answers\" action=\"/search/\" method=\"get\" data-search=\"page\">"))
        let questions = try #require(searchPage.components(separatedBy: "<ul class=\"question-index\"").last?.components(separatedBy: "</ul>").first)
        #expect(questions.components(separatedBy: "<a href=").dropFirst().map { $0.split(separator: ">")[1].prefix { $0 != "<" } } == ["Do probiotics help?", "Should I take a statin?"])
        #expect(try site.read("index.html").contains("<form class=\"site-search\" role=\"search\" aria-label=\"Site search\" action=\"/search/\""))
        #expect(try site.read("assets/search.js").contains("\"a about above after"))
        // The same site, built again: the same bytes.
        let before = try site.snapshot().filter { $0.key.hasPrefix("/search/") }
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try site.snapshot().filter { $0.key.hasPrefix("/search/") } == before)
        #expect(before.count > 10)
    }

    /// A record's number changes when an answer before it is renamed, and the fragments' postings with it, while
    /// `index.json` stayed the same bytes: a browser or CDN that kept the last deploy's files showed another answer.
    /// The index names its build, a fingerprint of the fragments and records, which the script fetches them with.
    @Test func theIndexNamesItsBuildWhichTheOtherFilesAreFetchedWith() async throws {
        let site = try site()
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        func meta() throws -> (build: String, rest: String) {
            let meta = try site.read("search/index.json")
            let build = try #require(meta.firstMatch(of: #/,"build":"([0-9a-f]{16})"}/#))
            return (String(build.output.1), meta.replacingCharacters(in: build.range, with: "}"))
        }
        let first = try meta()
        // Built again, the same; with the statins answer before the probiotics one, another, in an index alike but for it.
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try meta() == first)
        // (A build over the last says which pages are gone: a warning.)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/heart"), to: site.root.appendingPathComponent("Content/a-heart"))
        #expect(await site.build().diagnostics.filter(\.isError).isEmpty)
        #expect(try site.read("search/d/0.json").contains(#""u":"a-heart/statins/""#))
        let renamed = try meta()
        #expect(renamed.rest == first.rest && renamed.build != first.build)
        // An address that changes alone (the record's number kept) changes the build too.
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/a-heart"), to: site.root.appendingPathComponent("Content/b-heart"))
        #expect(await site.build().diagnostics.filter(\.isError).isEmpty)
        #expect(try meta().build != renamed.build)
        let script = SearchScript.script(SiteWords())
        #expect(script.contains(#"load("search/index.json", true)"#) && script.contains(#"{ cache: "no-cache" }"#))
        #expect(script.contains(#"load("search/d/" + hit.doc + ".json" + index.version)"#))
    }

    /// Without JavaScript a reader goes through the A to Z list by its first letters: each links to its first question,
    /// on whichever page that is; a title that starts with a digit or another character is under `#`; one that starts
    /// with an accented letter or a mark (`Ébola`, `¿Qué…?`, `“Zinc”`) under its letter, in its place (they were after Z).
    @Test func theAToZListLinksEachFirstLetterToItsFirstQuestion() async throws {
        let titles = ["Are statins safe?", "Best diet?", "2 doses?", "Ébola risk?", "Apples?", "Can I run?"]
        var files = ["sitegen.yml": "title: Answers\nbaseURL: https://example.org/\npaginate: 2\n"]
        for (number, title) in titles.enumerated() { files["Content/a\(number).md"] = article(title) }
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        let links = [
            ("/search/#letter-other", "Questions starting with a digit or another character: ", "#"),
            ("/search/#letter-a", "Questions starting with ", "A"), ("/search/page/2/#letter-b", "Questions starting with ", "B"),
            ("/search/page/3/#letter-c", "Questions starting with ", "C"), ("/search/page/3/#letter-e", "Questions starting with ", "E"),
        ].map { #"<li><a href="\#($0.0)"><span class="visually-hidden">\#($0.1)</span>\#($0.2)</a></li>"# }.joined(separator: "\n")
        for (page, entries) in [
            ("search/index.html", [#"<li id="letter-other"><a href="/a2/">2 doses?</a></li>"#, #"<li id="letter-a"><a href="/a4/">Apples?</a></li>"#]),
            ("search/page/2/index.html", [#"<li><a href="/a0/">Are statins safe?</a></li>"#, #"<li id="letter-b"><a href="/a1/">Best diet?</a></li>"#]),
            ("search/page/3/index.html", [#"<li id="letter-c"><a href="/a5/">Can I run?</a></li>"#, #"<li id="letter-e"><a href="/a3/">Ébola risk?</a></li>"#]),
        ] {
            let html = try site.read(page)
            #expect(html.contains("<nav class=\"letter-index\" aria-label=\"Questions by first letter\">\n<ul>\n" + links + "\n</ul>\n</nav>"), "\(page)")
            #expect(html.contains(entries.joined(separator: "\n")), "\(page)")
        }
        #expect(PageBuilder.indexLetter("¿Qué es?") == "Q" && PageBuilder.indexLetter("“Zinc”?") == "Z" && PageBuilder.indexLetter("5 a day") == "#")
        #expect(["“Zinc”?", "éczema?", "Eclair?", "¿Qué?", "apples?"].sorted { PageBuilder.indexKey($0) < PageBuilder.indexKey($1) }
            == ["apples?", "Eclair?", "éczema?", "¿Qué?", "“Zinc”?"])
        // One letter, or one page, needs no links.
        let one = try TestSite(["sitegen.yml": "title: Answers\npaginate: 1\n", "Content/a.md": article("Are statins safe?"), "Content/b.md": article("Aspirin?")])
        defer { one.remove() }
        _ = await one.build()
        #expect(try !one.read("search/index.html").contains("letter-"))
        let page = try TestSite(["sitegen.yml": "title: Answers\n", "Content/a.md": article("Are statins safe?"), "Content/b.md": article("Best diet?")])
        defer { page.remove() }
        _ = await page.build()
        #expect(try !page.read("search/index.html").contains("letter-"))
        // A site's own template that lists `letters` without `hasLetters` gets no link to an element not there.
        try FileManager.default.createDirectory(at: page.root.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        try "<p>Letters: {{#letters}}{{url}} {{/letters}}</p>\n".write(to: page.root.appendingPathComponent("Templates/search.mustache"), atomically: true, encoding: .utf8)
        let diagnostics = await page.build().diagnostics
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(try page.read("search/index.html") == "<p>Letters: </p>\n")
    }

    @Test func aLongPrefixIsSplitIntoFragmentsTheScriptFindsByTheLongestPrefix() throws {
        // 300 terms that start with "co", each in 60 articles: many fragments' worth.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let terms = (0..<300).map { number in "co\(letters[number / 26])\(letters[number % 26])x" } + ["co"]
        let entries = (0..<60).map { _ in entry(terms.map { ($0, 1) }, length: 301) }
        let files = SearchIndex.files(entries, synonyms: SearchSynonyms([]))
        let meta = try #require(JSONSerialization.jsonObject(with: Data(files[0].content.utf8)) as? [String: Any])
        let keys = try #require(meta["fragments"] as? String).split(separator: " ").map(String.init)
        #expect(keys.contains("co") && keys.contains { $0.hasPrefix("co") && $0.count == 3 })
        #expect(files.dropFirst().allSatisfy { $0.content.utf8.count <= SearchIndex.fragmentLimit + 2000 })
        // "co" itself stays in the fragment "co"; every other term is in the fragment of its longest prefix.
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) })
        #expect(byPath["search/t/co.json"]?.contains("\"co\":[60,\"") == true)
        let term = "coalx"
        let key = keys.filter { term.hasPrefix($0) }.max { $0.count < $1.count }!
        #expect(byPath["search/t/\(key).json"]?.contains("\"\(term)\"") == true)
    }

    @Test func aCommonTermListsItsBestScoringArticlesOnly() throws {
        let entries = (0..<1000).map { number in entry([("common", number % 7 + 1)], length: 10) }
        let files = SearchIndex.files(entries, synonyms: SearchSynonyms([]))
        let fragment = try #require(files.first { $0.path == "search/t/co.json" }).content
        let common = try #require(try postings(fragment, "common"))
        #expect(common.count == 1000)
        #expect(common.postings.count == SearchIndex.postingsLimit)
        // The 142 that have it 7 times, then 158 of the 285 that have it 5 or 6 times (whose scores are close enough
        // to be one of the 31), none that has it fewer times.
        let weights = common.postings.map { $0.document % 7 + 1 }
        #expect(weights.filter { $0 == 7 }.count == 142)
        #expect(weights.allSatisfy { $0 >= 5 })
        #expect(common.postings.allSatisfy { (1...31).contains($0.score) })
        // All with one score: the first 300 articles, and the count of all of them.
        let same = (0..<1000).map { _ in entry([("same", 3)], length: 10) }
        let sameFragment = try #require(SearchIndex.files(same, synonyms: SearchSynonyms([])).first { $0.path == "search/t/sa.json" }).content
        let kept = try #require(try postings(sameFragment, "same"))
        #expect(kept.count == 1000 && kept.postings.map(\.document) == Array(0..<300))
    }

    /// A word of thousands of letters (a gene sequence in a code block) is a term longer than a fragment's limit by
    /// itself: its prefixes stop at ``SearchIndex/longestPrefix`` letters, where splitting it a letter at a time
    /// overflowed the stack (8,000 letters) or made a file name too long for the file system (6,000).
    @Test func aVeryLongWordStopsSplittingAtTheLongestPrefix() throws {
        let sequence = String(repeating: "acgt", count: 2_000)
        let files = SearchIndex.files([entry([(sequence, 1), ("acid", 1)], length: 10)], synonyms: SearchSynonyms([]))
        let fragments = files.filter { $0.path.hasPrefix("search/t/") }
        #expect(fragments.map(\.path).sorted() == ["search/t/acgtacgt.json", "search/t/aci.json"])
        #expect(try postings(#require(fragments.first { $0.path == "search/t/acgtacgt.json" }).content, sequence)?.count == 1)
        #expect(files.first?.content.contains(#""fragments":"acgtacgt aci""#) == true)
    }

    /// A typo in a word's first letters puts it in another fragment than the word meant: the terms are also listed,
    /// without postings, by their endings (the last letter, more where a fragment would be over the limit), for the
    /// script to find "dementia" from "dimentia" by the terms that end in "a" and read its postings in "de".
    @Test func termsAreListedByTheirEndingsWithoutPostings() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        // 900 terms that end in "ia", many fragments' worth, and a few others; "ab" and the synonym group's term are not listed.
        let many = (0..<900).map { number in "\(letters[number / 26 % 26])\(letters[number % 26])\(letters[number / 676])xtia" }
        let stems = many + ["dementia", "cholesterol", "ab", "~0", "ia"]
        let files = SearchIndex.files([entry(stems.map { ($0, 1) }, length: 10)], synonyms: SearchSynonyms([]))
        let meta = try #require(JSONSerialization.jsonObject(with: Data(files[0].content.utf8)) as? [String: Any])
        let endings = try #require(meta["endings"] as? String).split(separator: " ").map(String.init)
        #expect(endings.contains("l") && !endings.contains("a") && endings.contains { $0.hasSuffix("ia") && $0.count > 2 })
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) })
        var listed: [String] = []
        for ending in endings {
            let content = try #require(byPath["search/e/\(SearchIndex.fileName(ending)).json"], "\(ending)")
            #expect(content.utf8.count <= SearchIndex.fragmentLimit + 100)
            let terms = try #require(JSONSerialization.jsonObject(with: Data(content.utf8), options: .fragmentsAllowed) as? String)
                .split(separator: " ").map(String.init)
            // Each term in the fragment of its longest ending that has one, as the script looks for it.
            for term in terms { #expect(endings.filter { term.hasSuffix($0) }.max { $0.count < $1.count } == ending, "\(term)") }
            listed += terms
        }
        #expect(listed.sorted() == (many + ["dementia", "cholesterol"]).sorted())
        #expect(byPath["search/e/l.json"] == "\"cholesterol\"\n")
        // The fragments of prefixes are as they were: "dementia" and its postings in "de".
        #expect(try postings(#require(byPath["search/t/de.json"]), "dementia")?.count == 1)
    }

    /// An entry with these stems and weights.
    func entry(_ weights: [(String, Int)], length: Int) -> SearchEntry {
        let terms = weights.map { (term: SearchLexicon.shared.term(ofStem: $0.0), weight: Int32($0.1)) }.sorted { $0.term < $1.term }
        return SearchEntry(terms: ScoredTerms(terms.map { ($0.term, SearchIndex.score(weight: $0.weight, length: length)) }), record: Array("{}\n".utf8), recordHash: 0, recordSize: 3, inputKey: 0)
    }

    @Test func scoredTermsGiveBackWhatTheyPackInAboutTwoBytesEach() {
        let pairs: [(term: Int32, score: UInt32)] = [(0, 1), (1, 31), (3, 7), (4, 2), (200, 31), (70_000, 5), (Int32.max, 31)]
        let packed = ScoredTerms(pairs)
        #expect(packed.map(\.term) == pairs.map(\.term))
        #expect(packed.map(\.score) == pairs.map(\.score))
        #expect(Array(ScoredTerms([(term: Int32, score: UInt32)]())).isEmpty)
        // Close terms take one byte each: 1,000 of them with every score.
        let close: [(term: Int32, score: UInt32)] = (0..<1000).map { number in
            let term = Int32(number * 3 + 1), score = UInt32(number % 31 + 1)
            return (term, score)
        }
        let packedClose = ScoredTerms(close)
        #expect(packedClose.map { $0.term } == close.map { $0.term })
        #expect(packedClose.map { $0.score } == close.map { $0.score })
        #expect(packedClose.byteCount == 1000)
    }

    @Test func postingNumbersAreWrittenInBase32WithTheirLastDigitMarked() {
        var bytes: [UInt8] = []
        for number in [0, 5, 31, 32, 40, 1023, 1024, 100_000] { SearchIndex.encode(number, into: &bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "AFfhAhI_fhgAjh1A")
        #expect(decode(text) == [0, 5, 31, 32, 40, 1023, 1024, 100_000])
    }

    /// The numbers of a postings string, as the search script reads them.
    func decode(_ text: String) -> [Int] {
        let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var numbers: [Int] = [], value = 0
        for character in text {
            let digit = digits.firstIndex(of: character)!
            if digit >= 32 { value = value * 32 + digit - 32 } else { numbers.append(value * 32 + digit); value = 0 }
        }
        return numbers
    }

    /// A term's article count and postings in a fragment.
    func postings(_ fragment: String, _ term: String) throws -> (count: Int, postings: [(document: Int, score: Int)])? {
        let terms = try #require(JSONSerialization.jsonObject(with: Data(fragment.utf8)) as? [String: [Any]])
        guard let entry = terms[term], let count = entry[0] as? Int, let text = entry[1] as? String else { return nil }
        let numbers = decode(text)
        var document = 0
        let pairs = stride(from: 0, to: numbers.count, by: 2).map { index -> (document: Int, score: Int) in
            document += numbers[index]
            return (document, numbers[index + 1])
        }
        return (count, pairs)
    }

    @Test func aSoftHyphenInAnArticleDoesNotSplitItsWord() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\n",
            "Content/a.md": article("Does it help?", "Atezo&shy;lizumab and ipi&#173;limumab, with nivo\u{AD}lumab.\n"),
        ])
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        let fragments = try [site.read("search/t/at.json"), site.read("search/t/ip.json"), site.read("search/t/ni.json")].joined()
        for word in ["atezolizumab", "ipilimumab", "nivolumab"] { #expect(fragments.contains("\"\(word)\":[1,"), "\(word)") }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/t/li.json").path))
    }

    @Test func aGroupWhosePhrasesAreOneTermIsAWarningAtItsLine() async throws {
        let site = try site(search: "search:\n  synonyms:\n    - [heart attack, myocardial infarction]\n    - [statin, Statins]\n")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "sitegen.yml:6:7: warning: the synonym group [statin, Statins] does nothing: search reads its phrases as the same words already (stem 'statin'); leave it out or add a phrase with other words",
        ])
        // The site is built, the group left out.
        #expect(try site.read("search/index.json").contains(#""synonyms":[["heart attack","myocardi infarct"]]"#))
    }

    @Test func aWordInTwoGroupsIsIndexedUnderBoth() async throws {
        let site = try site(search: "search:\n  synonyms:\n    - [heart, cardiac]\n    - [heart, coronary]\n")
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try site.read("search/index.json").contains(#""synonyms":[["heart","cardiac"],["heart","coronari"]]"#))
        // "heart" is in the statins article (1): it is found by either group's term.
        #expect(try postings(site.read("search/t/_7e0.json"), "~0")?.postings.map(\.document) == [1])
        #expect(try postings(site.read("search/t/_7e1.json"), "~1")?.postings.map(\.document) == [1])
    }

    @Test func searchFalseWritesNoIndexNoPageAndNoBox() async throws {
        let site = try site(search: "search: false\n")
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search").path))
        #expect(!(try site.read("index.html")).contains("site-search"))
        #expect(!(try site.read("index.html")).contains("search.js"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/search.js").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/sitegen.js").path))
    }

    @Test func mistakesInTheSearchSettingAreLocated() async throws {
        let cases: [(String, String)] = [
            ("search: yes please\n", "sitegen.yml:3:9: error: 'search' must be a mapping such as {synonyms: [[heart attack, myocardial infarction]]} or false"),
            ("search:\n  synonym: []\n", "sitegen.yml:4:3: error: unknown search option 'synonym'; did you mean 'synonyms'?"),
            ("search:\n  synonyms: [heart attack]\n", "sitegen.yml:4:14: error: a synonym group must be a list of two or more words or phrases such as [heart attack, myocardial infarction]"),
            ("search:\n  synonyms:\n    - heart attack: myocardial infarction\n", "sitegen.yml:5:7: error: a synonym group must be a list of two or more words or phrases such as [heart attack, myocardial infarction]; write - [heart attack, myocardial infarction]"),
            ("search:\n  synonyms: [[heart attack, the]]\n", "sitegen.yml:4:29: error: 'the' has no word search indexes (single letters and words such as 'the' or 'can' are left out); write the word itself"),
            ("search:\n  enabled: maybe\n", "sitegen.yml:4:12: error: 'search.enabled' must be true or false"),
        ]
        for (setting, expected) in cases {
            let site = try site(search: setting)
            defer { site.remove() }
            let report = await site.build()
            #expect(report.diagnostics.map(\.description).contains { $0.hasSuffix(expected) }, "\(report.diagnostics.map(\.description))")
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
        }
    }
}
