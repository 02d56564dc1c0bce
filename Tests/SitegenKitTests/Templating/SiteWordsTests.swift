import Foundation
import Testing

@testable import SitegenKit

/// `words:` gives a site's own text for the words sitegen writes; what it does not give stays English, marked so on
/// a site in another language (WCAG 3.1.2, Language of Parts).
struct SiteWordsTests {
    func load(_ yml: String) -> (SiteSettings, [String]) {
        let (settings, diagnostics) = SiteSettingsLoader().load(SourceText(path: "sitegen.yml", text: yml))
        return (settings, diagnostics.map(\.description))
    }

    @Test func wordsAreReadByKey() {
        let (settings, diagnostics) = load("language: de\nwords:\n  mode: Modus\n  reference: \"Literaturstelle {number}\"\n")
        #expect(diagnostics == [])
        #expect(settings.words == ["mode": "Modus", "reference": "Literaturstelle {number}"])
    }

    @Test func anUnknownKeyIsAWarningWithTheNearestOne() {
        let (settings, diagnostics) = load("words:\n  mdoe: Modus\n  textSize: Schriftgröße\n")
        #expect(diagnostics == ["sitegen.yml:2:3: warning: unknown word 'mdoe', which is left out; did you mean 'mode'?"])
        #expect(settings.words == ["textSize": "Schriftgröße"])
        // Without a key near it, the keys there are.
        let (_, far) = load("words:\n  zzzzqq: x\n")
        #expect(far == ["sitegen.yml:2:3: warning: unknown word 'zzzzqq', which is left out; the options are \(SiteWords.keys.joined(separator: ", "))"])
    }

    @Test func aValueThatIsNoTextIsAnErrorThatSaysWhatToWrite() {
        let (_, diagnostics) = load("words:\n  mode: [Modus]\n  references: true\n  search: \"\"\n")
        #expect(diagnostics == [
            "sitegen.yml:2:9: error: 'words.mode' must be text, not a list; write mode: \"Mode\" in the site's language",
            "sitegen.yml:3:15: error: 'words.references' must be text, not a boolean (in quotes, it is text); write references: \"References\" in the site's language",
            "sitegen.yml:4:11: error: 'words.search' must be text, not empty; write search: \"Search\" in the site's language",
        ])
        #expect(load("words: Modus\n").1 == [
            "sitegen.yml:1:8: error: 'words' must be a mapping of keys to the site's text such as {mode: Modus, references: Literatur}, not a string"
        ])
    }

    @Test func aValueThatDropsAPlaceholderIsAnError() {
        let (settings, diagnostics) = load("words:\n  reference: Literaturstelle\n  moved: \"Umgezogen: {titel}\"\n")
        #expect(diagnostics == [
            "sitegen.yml:2:14: error: 'words.reference' leaves out {number}, which sitegen fills in (English: \"Reference {number}\"); write it where it goes in the sentence",
            "sitegen.yml:3:10: error: 'words.moved' leaves out {title}, which sitegen fills in (English: \"This page has moved: {title}\"); write it where it goes in the sentence",
        ])
        #expect(settings.words == [:])
    }

    /// A German site's article: the words it gives in German, the rest in English and marked so.
    static let germanSettings = """
        title: Praxis
        baseURL: https://example.org/
        language: de
        words:
          mode: Modus
          references: Literatur
          high: hohe
          confidence: "{level} Vertrauenswürdigkeit"
          confidenceQuestion: "Was bedeutet {level} Vertrauenswürdigkeit?"
          reference: "Literaturstelle {number}"
          doi: DOI
          doiLabel: "DOI der Literaturstelle {number}"
          backToReference: "Zurück zur Literaturstelle {number} im Text"
          retracted: "Zurückgezogen <!>"

        """

    static let references = """
        [{"id": "a", "type": "article-journal", "title": "Trial", "DOI": "10.1000/x", "URL": "https://example.org/a",
          "author": [{"family": "Roe", "given": "A"}], "issued": {"date-parts": [[2020]]}},
         {"id": "b", "type": "article-journal", "title": "Other", "PMID": "123",
          "author": [{"family": "Doe", "given": "B"}], "issued": {"date-parts": [[2021]]}}]
        """

    func germanSite(_ settings: String = germanSettings) throws -> TestSite {
        try TestSite([
            "sitegen.yml": settings,
            "Content/bibliography/refs.json": Self.references,
            "Content/a.md": article("Frage?", "Text [@a] und [@b].\n", extra: "confidence: high\nreviewed: 2026-04-20\nquestions: [Wie?]\n"),
        ])
    }

    @Test func theBuiltInTemplatesPrintTheSiteWordsAndMarkTheRestEnglish() async throws {
        let site = try germanSite()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [])
        let page = try site.read("a/index.html")
        #expect(page.contains("<span class=\"icon\" aria-hidden=\"true\">◐</span> Modus</button>"))
        #expect(page.contains("<button type=\"button\" id=\"theme-toggle\" class=\"control\" aria-pressed=\"false\">"))
        #expect(page.contains("<h2 id=\"references-heading\">Literatur</h2>"))
        #expect(page.contains("<span class=\"badge badge-high\"><span class=\"badge-mark\" aria-hidden=\"true\">●●●</span> hohe Vertrauenswürdigkeit</span>"))
        #expect(page.contains("<summary>Was bedeutet hohe Vertrauenswürdigkeit?</summary><p lang=\"en\">\(FrontMatter.Confidence.high.explanation)</p>"))
        // Not translated: English, and marked so.
        #expect(page.contains("id=\"text-size-toggle\" class=\"control\" aria-describedby=\"text-size-state\" lang=\"en\">"))
        #expect(page.contains("<h2 id=\"questions-heading\" lang=\"en\">What to ask your doctor</h2>"))
        #expect(page.contains("<span class=\"reviewed\"><span lang=\"en\">Last reviewed</span> <time datetime=\"2026-04-20\">20. April 2026</time></span>"))
        // What sitegen writes on citations and references, escaped.
        #expect(page.contains("<a href=\"#ref-a\" aria-label=\"Literaturstelle 1: "))
        #expect(page.contains("<a href=\"https://doi.org/10.1000/x\" aria-label=\"DOI der Literaturstelle 1\">DOI</a>"))
        #expect(page.contains("<a href=\"https://pubmed.ncbi.nlm.nih.gov/123/\" lang=\"en\" aria-label=\"PubMed record for reference 2\">PubMed</a>"))
        #expect(page.contains("<a href=\"#cite-1\" aria-label=\"Zurück zur Literaturstelle 1 im Text\">↩</a>"))
    }

    @Test func aTranslatedRetractedMarkIsEscaped() {
        var words = SiteWords(["retracted": "Zurückgezogen <!>"], language: "de")
        #expect(ReferenceWords(words).retracted == " <span class=\"retracted\">Zurückgezogen &lt;!&gt;</span>")
        words = SiteWords([:], language: "de")
        #expect(ReferenceWords(words).retracted == " <span class=\"retracted\" lang=\"en\">Retracted</span>")
        #expect(ReferenceWords(SiteWords()).retracted == " <span class=\"retracted\">Retracted</span>")
    }

    @Test func aSiteTemplateReadsTheWordsAndATyposKeyIsAWarning() async throws {
        let site = try germanSite()
        defer { site.remove() }
        try site.write("Templates/404.mustache", "<p{{#words.en.search}} lang=\"en\"{{/words.en.search}}>{{words.mode}} {{words.search}} {{words.mdoe}}</p>\n")
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Templates/404.mustache:1:86: warning: there is no word 'mdoe', so '{{words.mdoe}}' is always empty; did you mean 'words.mode'? (README lists the words' keys)"
        ])
        #expect(try site.read("404.html") == "<p lang=\"en\">Modus Search </p>\n")
    }

    /// The review date in the site's locale's words and order, as its CSL locale's `<date form="text">` has it.
    @Test(arguments: [
        ("de", "20. April 2026"), ("fr", "20 avril 2026"), ("es", "20 de abril de 2026"), ("it", "20 aprile 2026"),
        ("pt-BR", "20 de abril de 2026"), ("nl", "20 april 2026"), ("ja", "2026年4月20日"), ("en", "April 20, 2026"),
        ("en-GB", "April 20, 2026"),
    ])
    func theReviewDateIsWrittenInTheSiteLanguage(language: String, written: String) async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: \(language)\n",
            "Content/a.md": article("A?", "Text.\n", extra: "reviewed: 2026-04-20\n"),
        ])
        defer { site.remove() }
        _ = await site.build()
        #expect(try site.read("a/index.html").contains("<time datetime=\"2026-04-20\">\(written)</time>"))
        #expect(try site.read("index.html").contains("<time datetime=\"2026-04-20\">\(written)</time>"))
    }

    /// On an English site nothing is marked: every word is the site's language.
    @Test func anEnglishSiteMarksNothing() async throws {
        let site = try germanSite("title: T\nbaseURL: https://example.org/\nlanguage: en-GB\n")
        defer { site.remove() }
        _ = await site.build()
        let page = try site.read("a/index.html")
        #expect(!page.contains("lang=\"en\""))
        #expect(page.contains("<h2 id=\"references-heading\">References</h2>"))
        #expect(page.contains("aria-label=\"PubMed record for reference 2\">PubMed</a>"))
    }

    @Test func theRedirectPagesSayTheSiteWords() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: de\npaginate: 1\nwords: {moved: \"Umgezogen: {title}\"}\n",
            "Content/a.md": article("A & B?", "Text.\n", extra: "aliases: [/old/]\n"),
            "Content/b.md": article("B?", "Text.\n"),
        ])
        defer { site.remove() }
        _ = await site.build()
        #expect(try site.read("old/index.html").contains("<p><a href=\"/a/\">Umgezogen: A &amp; B?</a></p>"))
        #expect(try site.read("page/1/index.html").contains("<p><a href=\"/\" lang=\"en\">Go to the first page</a></p>"))
    }

    /// A German site that gives every word (`Fixtures/words/de.yml`): its articles, lists of several pages, topics,
    /// search page, 404 and redirect pages.
    func fullyGermanSite(_ settings: String? = nil) throws -> TestSite {
        let german = try settings ?? String(contentsOf: fixturesFolder.appendingPathComponent("words/de.yml"), encoding: .utf8)
        // No URL: Vancouver prints "Available from:" before it, which is the style's text, not sitegen's.
        let references = """
            [{"id": "a", "type": "article-journal", "title": "Bewegung und Herz", "DOI": "10.1000/x",
              "author": [{"family": "Roe", "given": "A"}], "issued": {"date-parts": [[2020]]}},
             {"id": "b", "type": "article-journal", "title": "Blutdruck im Alltag", "PMID": "123",
              "author": [{"family": "Doe", "given": "B"}], "issued": {"date-parts": [[2021]]}}]
            """
        return try TestSite([
            "sitegen.yml": german,
            "Content/bibliography/refs.json": references,
            "Content/herz/bewegung.md": article(
                "Hilft Bewegung dem Herzen?", "Ja [@a], täglich [@a; @b].\n",
                extra: "topic: Herz\nconfidence: high\nreviewed: 2026-04-20\nquestions: [Wie viel?]\naliases: [/alt/]\n"),
            "Content/herz/blutdruck.md": article("Blutdruck senken ohne Tabletten?", "Salz meiden [@b].\n", extra: "topic: Herz\nconfidence: moderate\n"),
            "Content/haut/cremes.md": article("Cremes bei Neurodermitis?", "Täglich eincremen.\n", extra: "topic: Haut\nconfidence: low\n"),
            "Content/haut/sonne.md": article("1 Frage zur Sonne?", "Schatten suchen.\n", extra: "topic: Haut\n"),
        ])
    }

    /// The words a page shows or a screen reader hears: its text (outside scripts and styles), its elements' names,
    /// titles, placeholders and descriptions.
    func readText(_ page: String) -> String {
        var html = page
        for element in ["script", "style"] {
            html = html.replacingOccurrences(of: "<\(element)[^>]*>.*?</\(element)>", with: " ", options: [.regularExpression, .caseInsensitive])
        }
        var text: [String] = []
        for pattern in [#"(?:aria-label|title|placeholder|alt)="([^"]*)""#, #"<meta (?:name="description"|property="og:(?:title|description)") content="([^"]*)""#] {
            let expression = try? NSRegularExpression(pattern: pattern)
            for match in expression?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? [] {
                if let range = Range(match.range(at: 1), in: html) { text.append(String(html[range])) }
            }
        }
        text.append(html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression))
        return text.joined(separator: " ")
    }

    /// Every word sitegen says in English (of three letters or more) that its German does not say too.
    func englishOnly(_ words: SiteWords) -> Set<String> {
        func vocabulary(_ text: String) -> Set<String> {
            Set(text.lowercased().split { !$0.isLetter }.filter { $0.count >= 3 }.map(String.init))
        }
        let german = SiteWords.keys.reduce(into: Set<String>()) { $0.formUnion(vocabulary(words[$1])) }
        return SiteWords.english.reduce(into: Set<String>()) { $0.formUnion(vocabulary($1.text)) }.subtracting(german)
    }

    @Test func aGermanSiteThatGivesEveryWordHasNoEnglishLeft() async throws {
        let site = try fullyGermanSite()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [])
        let (settings, _) = load(try String(contentsOf: fixturesFolder.appendingPathComponent("words/de.yml"), encoding: .utf8))
        #expect(Set(settings.words.keys) == Set(SiteWords.keys), "the fixture gives every word")
        let words = SiteWords(settings.words, language: "de"), english = englishOnly(words)
        var pages: [String] = []
        for (path, data) in try site.snapshot() where path.hasSuffix(".html") {
            pages.append(path)
            let page = String(decoding: data, as: UTF8.self)
            #expect(!page.contains("lang=\"en\""), "\(path)")
            let left = Set(readText(page).lowercased().split { !$0.isLetter }.map(String.init)).intersection(english)
            #expect(left.isEmpty, "\(path) says \(left.sorted())")
        }
        for page in ["/index.html", "/page/2/index.html", "/page/1/index.html", "/topics/index.html", "/topics/page/2/index.html", "/topics/herz/index.html",
            "/search/index.html", "/search/page/2/index.html", "/404.html", "/alt/index.html", "/herz/bewegung/index.html"]
        {
            #expect(pages.contains(page), "\(page)")
        }
        let second = try site.read("search/page/2/index.html"), topic = try site.read("topics/herz/index.html")
        #expect(second.contains("<title>Suche, Seite 2 · Praxis Dr. Weber</title>"))
        #expect(second.contains("<p class=\"pagination-status\">Seite 2 von 4</p>"))
        #expect(second.contains("rel=\"prev\">Zurück<span class=\"visually-hidden\"> Seite</span></a>"))
        #expect(second.contains("<span class=\"visually-hidden\">Fragen, die mit einer Ziffer oder einem anderen Zeichen beginnen: </span>#</a>"))
        #expect(topic.contains("<p class=\"summary\">Fragen zum Thema Herz, beantwortet aus veröffentlichter Forschung.</p>"))
        #expect(try site.read("herz/bewegung/index.html").contains(
            "<p class=\"disclaimer\">Diese Frage stammt aus häufigen Fragen zum Thema Herz und wird aus der zitierten Forschung beantwortet. Sie dient"))
        // The scripts say the site's words, none of them English.
        for (file, keys) in [("assets/sitegen.js", BuiltinAssets.scriptWords), ("assets/search.js", SearchScript.words)] {
            let script = try site.read(file)
            #expect(script.contains("\"en\":{}"), "\(file)")
            for key in keys {
                #expect(script.contains(JSONValue.quote(words[key])), "\(file): \(key)")
                let english = try #require(SiteWords.englishText(key))
                // A message whole; a single word as a value (`high` is a key of the words, and a name in the script).
                let said = english.contains(" ") ? String(JSONValue.quote(english).dropFirst().dropLast()) : ":" + JSONValue.quote(english)
                if english != words[key] { #expect(!script.contains(said), "\(file): \(english)") }
            }
        }
    }

    /// A German site that gives none of these words: each stays English, marked so, and the scripts mark what they say.
    @Test func theListsFootersAndScriptsMarkTheirEnglishWords() async throws {
        let german = try String(contentsOf: fixturesFolder.appendingPathComponent("words/de.yml"), encoding: .utf8)
        let site = try fullyGermanSite(String(german[..<(try #require(german.range(of: "\nwords:"))).lowerBound]))
        defer { site.remove() }
        #expect(await site.build().diagnostics.map(\.description) == [])
        let second = try site.read("search/page/2/index.html")
        #expect(second.contains("<h1 lang=\"en\">Search</h1>"))
        #expect(second.contains("<label for=\"search-page-query\" lang=\"en\">Search the answers by question, condition or treatment</label>"))
        #expect(second.contains("<h2 id=\"all-questions\" lang=\"en\">All questions, A to Z</h2>"))
        #expect(second.contains("<span class=\"visually-hidden\" lang=\"en\">Questions starting with </span>B</a>"))
        #expect(second.contains("<p class=\"pagination-status\" lang=\"en\">Page 2 of 4</p>"))
        #expect(second.contains("<a href=\"/search/\" rel=\"prev\" lang=\"en\">Previous<span class=\"visually-hidden\"> page</span></a>"))
        #expect(second.contains("<p lang=\"en\">The answers on this site summarise published medical research."))
        #expect(second.contains("<a href=\"/topics/\" lang=\"en\">Topics</a>"))
        #expect(try site.read("topics/index.html").contains("<h1 lang=\"en\">Topics</h1>"))
        #expect(try site.read("topics/haut/index.html").contains("<p class=\"summary\" lang=\"en\">Questions about Haut, answered from published research.</p>"))
        #expect(try site.read("404.html").contains("<h1 lang=\"en\">Page not found</h1>\n<p><span lang=\"en\">There is no page at this address.</span> <a href=\"/\" lang=\"en\">See all questions</a>.</p>"))
        #expect(try site.read("herz/bewegung/index.html").contains(
            "<p class=\"disclaimer\"><span lang=\"en\">This question is drawn from common patient questions about Herz and answered from the cited medical research.</span> <span lang=\"en\">It is general"))
        #expect(try site.read("assets/sitegen.js").contains("\"en\":{\"darkModeOn\":true,\"lightModeOn\":true,\"normalText\":true,"))
        #expect(try site.read("assets/search.js").contains("\"en\":{\"searchResults\":true,\"searchUnavailable\":true,"))
    }

    /// A value is put in as it is: a title that holds a placeholder's name keeps it.
    @Test func aPlaceholderIsFilledOnceAndAValueIsNotReadAgain() {
        #expect(SiteWords().text("listPage", ["title": "Notes {number}", "number": "2"]) == "Notes {number}, page 2")
        #expect(SiteWords().text("pageOf", ["current": "{total}", "total": "{current}"]) == "Page {total} of {current}")
        #expect(SiteWords(["pageOf": "{current}/{total} {x}"]).text("pageOf", ["current": "2", "total": "5"]) == "2/5 {x}")
    }

    /// An article's topic note is its words with the topic put in each place that names it (once, twice or inside other
    /// braces), and the topic put in as written: a topic that holds braces is not filled again.
    @Test(arguments: [
        ("Frage zu {topic}.", "Frage zu Herz {x}."), ("{topic}: Fragen zu {topic}.", "Herz {x}: Fragen zu Herz {x}."),
        ("Zu {{topic}} {level}.", "Zu {Herz {x}} {level}.")
    ])
    func theTopicNoteNamesTheTopicWhereItsWordsDo(words: String, note: String) async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: de\nwords: {topicNote: \"\(words)\"}\n",
            "Content/a.md": article("A?", "Text.\n", extra: "topic: \"Herz {x}\"\n"),
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(try site.read("a/index.html").contains("<p class=\"disclaimer\">\(note) "))
    }

    /// A back-link that is one of several ("a", "b") says `backToCitation`: its `lang` is that key's, not
    /// `backToReference`'s, the words of a reference cited once.
    @Test func aBackLinkOfSeveralTakesTheLanguageOfItsOwnWords() async throws {
        for (words, lang) in [("backToReference: \"Zurück zur Literaturstelle {number}\"", " lang=\"en\""), ("backToCitation: \"zurück zu Zitat {index} von {count} der Literaturstelle {number}\"", "")] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: de\nwords:\n  \(words)\n",
                "Content/bibliography/refs.json": Self.references,
                "Content/a.md": article("Frage?", "Text [@a].\n\nMehr [@a; @b].\n"),
            ])
            defer { site.remove() }
            #expect(await site.build().diagnostics.map(\.description) == [])
            let page = try site.read("a/index.html"), label = lang.isEmpty ? "zurück zu Zitat 1 von 2 der Literaturstelle 1" : "back to citation 1 of 2 of reference 1"
            #expect(page.contains("<a href=\"#cite-1\"\(lang) aria-label=\"a, \(label)\">a</a>"), "\(words)")
        }
    }

    /// An English phrase around the site's own words (a level's name, a title) marks the phrase English and the
    /// site's words in the site's language; a phrase of the site's around an English level's name marks the name.
    @Test func englishWordsAroundTheSitesOwnMarkOnlyTheEnglish() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: de\nwords: {high: hoch}\n",
            "Content/bibliography/refs.json": """
                [{"id": "r", "type": "article-journal", "title": "Statine in der Primärprävention", "issued": {"date-parts": [[2020]]},
                  "author": [{"family": "Roe", "given": "A"}]}]
                """,
            "Content/a.md": article("Helfen Statine?", "Text [@r].\n", extra: "confidence: high\naliases: [/alt/]\n"),
            "Content/b.md": article("Und das?", "Text.\n", extra: "confidence: low\n"),
        ])
        defer { site.remove() }
        #expect(await site.build().diagnostics.map(\.description) == [])
        let page = try site.read("a/index.html"), home = try site.read("index.html")
        let badge = "<span class=\"badge badge-high\" lang=\"en\"><span class=\"badge-mark\" aria-hidden=\"true\">●●●</span> <span lang=\"de\">hoch</span> confidence</span>"
        #expect(page.contains(badge))
        #expect(home.contains(badge))
        #expect(page.contains("<summary lang=\"en\">What does <span lang=\"de\">hoch</span> confidence mean?</summary>"))
        // An English level's name in an English phrase needs no mark of its own.
        #expect(home.contains("<span class=\"badge badge-low\" lang=\"en\"><span class=\"badge-mark\" aria-hidden=\"true\">●○○</span> low confidence</span>"))
        // A marker's label is its source's names and title after "Reference 1:", read in the site's language as its
        // entry is: no lang="en" on the link.
        #expect(page.contains("<a href=\"#ref-r\" aria-label=\"Reference 1: Roe 2020, Statine in der Primärprävention\">1</a>"))
        #expect(try site.read("alt/index.html").contains("<p><a href=\"/a/\" lang=\"en\">This page has moved: <span lang=\"de\">Helfen Statine?</span></a></p>"))

        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\nlanguage: de\nwords:\n  confidence: \"Vertrauenswürdigkeit: {level}\"\n  confidenceQuestion: \"Was heißt {level}?\"\n")
        #expect(await site.build().diagnostics.map(\.description) == [])
        let german = try site.read("a/index.html")
        #expect(german.contains("<span class=\"badge badge-high\"><span class=\"badge-mark\" aria-hidden=\"true\">●●●</span> Vertrauenswürdigkeit: <span lang=\"en\">high</span></span>"))
        #expect(german.contains("<summary>Was heißt <span lang=\"en\">high</span>?</summary>"))
    }

    /// Two authors are joined by the CSL locale's "and" of the site's language, in a marker's label and before an
    /// in-text citation's number: "Müller und Schmidt" on a German site, not "Müller and Schmidt".
    @Test(arguments: [("de", "Literaturstelle 1: Müller und Schmidt 2020, Statine", "Müller und Schmidt<sup"),
                      ("fr", "Literaturstelle 1: Müller et Schmidt 2020, Statine", "Müller et Schmidt<sup"),
                      ("en", "Literaturstelle 1: Müller and Schmidt 2020, Statine", "Müller and Schmidt<sup")])
    func twoAuthorsAreJoinedInTheSiteLanguage(language: String, label: String, inText: String) async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: \(language)\nwords: {reference: \"Literaturstelle {number}\"}\n",
            "Content/bibliography/refs.json": """
                [{"id": "m", "type": "article-journal", "title": "Statine", "issued": {"date-parts": [[2020]]},
                  "author": [{"family": "Müller", "given": "A"}, {"family": "Schmidt", "given": "B"}]}]
                """,
            "Content/a.md": article("Frage?", "Text [@m]. Wie @m schreiben.\n"),
        ])
        defer { site.remove() }
        #expect(await site.build().diagnostics.map(\.description) == [])
        let page = try site.read("a/index.html")
        #expect(page.contains("<a href=\"#ref-m\" aria-label=\"\(label)\">1</a>"))
        #expect(page.contains(inText))
    }

    /// `serve`: a change to `words:` renders the pages again, their references' links too (which are kept from
    /// build to build).
    @Test func serveRendersThePagesAgainWhenTheWordsChange() async throws {
        let site = try germanSite()
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(source: site.root.path, output: site.root.appendingPathComponent("Preview").path))
        #expect(await builder.rebuild().diagnostics.map(\.description) == [])
        let changed = Self.germanSettings.replacingOccurrences(of: "Modus", with: "Ansicht").replacingOccurrences(of: "DOI der", with: "DOI zur")
        try site.write("sitegen.yml", changed)
        #expect(await builder.rebuild(changed: ["sitegen.yml"]).diagnostics.map(\.description) == [])
        let page = try String(contentsOf: site.root.appendingPathComponent("Preview/a/index.html"), encoding: .utf8)
        #expect(page.contains("</span> Ansicht</button>"))
        #expect(page.contains("aria-label=\"DOI zur Literaturstelle 1\">DOI</a>"))
    }
}
