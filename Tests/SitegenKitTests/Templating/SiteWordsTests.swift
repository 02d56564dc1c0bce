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
        #expect(diagnostics == ["sitegen.yml:2:3: warning: unknown word 'mdoe'; did you mean 'mode'?; it is left out"])
        #expect(settings.words == ["textSize": "Schriftgröße"])
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
