import CSL
import Foundation
import Testing

@testable import SitegenKit

/// `citation-style:` in `sitegen.yml`: a built-in style or a `.csl` file, its citations and entries on the page.
struct CitationStyleTests {
    static let refs = """
        [
          {"id": "smith2020", "type": "article-journal", "author": [{"family": "Smith", "given": "Ann"}],
           "title": "A trial", "container-title": "J Med", "issued": {"date-parts": [[2020]]}, "volume": "1", "page": "1-9",
           "DOI": "10.1000/xyz"},
          {"id": "smith2020b", "type": "article-journal", "author": [{"family": "Smith", "given": "Ann"}],
           "title": "Another trial", "container-title": "J Med", "issued": {"date-parts": [[2020]]}, "volume": "2", "page": "10-19"},
          {"id": "adams2019", "type": "book", "author": [{"family": "Adams", "given": "Bo"}, {"family": "Bell", "given": "Cy"}, {"family": "Cole", "given": "Di"}],
           "title": "A book", "publisher": "Press", "issued": {"date-parts": [[2019]]}}
        ]
        """

    func site(_ settings: String, body: String = "Risk falls [@smith2020]. It does [@smith2020b; @adams2019, p. 3].\n") throws -> TestSite {
        try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n" + settings,
            "Content/bibliography/refs.json": Self.refs,
            "Content/a.md": article("A", body),
        ])
    }

    func build(_ site: TestSite) async -> BuildReport {
        await BuildPipeline(BuildOptions(source: site.root.path)).run()
    }

    /// An author-date style prints the style's citations, each name and year linked to its entry, year suffixes that
    /// tell one author's two papers of a year apart, and the entries in the style's order without numbers.
    @Test func authorDateStyleCitesByNameAndYear() async throws {
        let site = try site("citation-style: apa\n")
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = try site.read("a/index.html")
        #expect(page.contains(##"Risk falls <span class="citation" id="cite-1">(<a href="#ref-smith2020">Smith, 2020a</a>)</span>."##))
        #expect(page.contains(##"It does <span class="citation" id="cite-2">(<a href="#ref-adams2019">Adams et al., 2019, p. 3</a>; <a href="#ref-smith2020b">Smith, 2020b</a>)</span>."##))
        #expect(page.contains(##"<ol class="unnumbered">"##))
        let entries = page.components(separatedBy: "<li id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(entries == ["ref-adams2019", "ref-smith2020", "ref-smith2020b"])
        #expect(page.contains(##"<li id="ref-smith2020">Smith, A. (2020a). <a href="https://doi.org/10.1000/xyz">A trial</a>. <i>J Med</i>, <i>1</i>, 1–9."##))
        // The back-link of each entry goes to the citation that cites it.
        #expect(page.contains(##"<a href="#cite-2" aria-label="Back to where reference 1 is cited">↩</a>"##))
        // A source cited more than 26 times: its back-links go on aa, ab, as letters (a number would read as a reference's).
        let many = try self.site("", body: String(repeating: "Claim [@smith2020]. ", count: 28) + "\n")
        defer { many.remove() }
        #expect((await build(many)).diagnostics.isEmpty)
        let manyPage = try many.read("a/index.html")
        #expect(manyPage.contains(##"aria-label="z, back to citation 26 of 28 of reference 1">z</a>"##))
        #expect(manyPage.contains(##"aria-label="ab, back to citation 28 of 28 of reference 1">ab</a>"##))
    }

    /// A linked title that ends in quoted words takes the period after it inside the closing quote, as pandoc 3.9
    /// prints the title it does not link ("…Reaction to “Holocaust.” New German Critique"), the link still around
    /// the whole title; a style that leaves punctuation outside quotes (en-GB) leaves it there.
    @Test func aLinkedTitleTakesThePunctuationAfterItInsideItsClosingQuote() async throws {
        let refs = #"""
            [{"id": "postone1980", "type": "article-journal", "author": [{"family": "Postone", "given": "Moishe"}],
              "title": "Notes on the German Reaction to \"Holocaust\"", "container-title": "New German Critique",
              "issued": {"date-parts": [[1980]]}, "URL": "https://www.jstor.org/stable/487974"}]
            """#
        for (language, expected) in [
            ("", ##"Postone M. <a href="https://www.jstor.org/stable/487974">Notes on the German Reaction to “Holocaust.”</a> New German Critique"##),
            ("language: en-GB\n", ##"Postone M. <a href="https://www.jstor.org/stable/487974">Notes on the German Reaction to ‘Holocaust’</a>. New German Critique"##),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\n" + language,
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", "Risk falls [@postone1980].\n"),
            ])
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            #expect(try site.read("a/index.html").contains(expected), "\(language)")
        }
    }

    /// A title pandoc links itself, because the style prints none of the item's DOI, PMCID, PMID or URL (Vancouver's
    /// and NEJM's DOI), keeps the period after it outside its closing quote, as pandoc 3.9 prints it (`pandoc
    /// --citeproc --csl vancouver.csl -t html`: `<a href="https://doi.org/10.1000/x1">Patients’ “view”</a>. J Med.`);
    /// with the style printing the identifier (Vancouver's URL above), pandoc links none and the period goes in.
    @Test func aTitlePandocLinksKeepsThePunctuationAfterItOutsideItsQuote() async throws {
        let refs = #"""
            [{"id":"view","type":"article-journal","author":[{"family":"Aw","given":"B."}],"title":"Patients' \"view\"","container-title":"J Med","issued":{"date-parts":[[2010]]},"volume":"1","page":"1-9","DOI":"10.1000/x1"},
             {"id":"web","type":"article-journal","author":[{"family":"Ax","given":"B."}],"title":"Patients' \"view\"","container-title":"J Med","issued":{"date-parts":[[2010]]},"URL":"https://example.org/v"}]
            """#
        for (style, expected) in [
            ("vancouver", [##"Aw B. <a href="https://doi.org/10.1000/x1">Patients’ “view”</a>. J Med. 2010;1:1–9."##, ##"<a href="https://example.org/v">Patients’ “view.”</a> J Med"##]),
            ("the-new-england-journal-of-medicine", [##"Aw B. <a href="https://doi.org/10.1000/x1">Patients’ “view”</a>. J Med 2010;1:1–9."##]),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", "Risk falls [@view; @web].\n"),
            ])
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            let page = try site.read("a/index.html")
            for text in expected { #expect(page.contains(text), "\(style): \(text)") }
        }
    }

    /// A comma or period after a closing quote, where the style's own mark follows (`Ends "word",` then APA's period),
    /// as pandoc 3.9 prints them (`pandoc --citeproc --csl apa.csl --bibliography refs.json -t plain`, `nocite: "@*"`):
    /// the first goes inside the quote, and the second is left out, where the quote is in the entry's own text; in a
    /// styled run (APA's italic title) and beside a numeric style's margin (Vancouver's right-inline text), where
    /// pandoc's citeproc moves marks once, the second stays outside.
    @Test func aSecondMarkAfterAClosingQuoteIsLeftOutAsPandocLeavesItOut() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id":"a","type":"article-journal","author":[{"family":"Aa","given":"B."}],"title":"Ends \"word\",","container-title":"J","issued":{"date-parts":[[2020]]}},
             {"id":"b","type":"article-journal","author":[{"family":"Bb","given":"B."}],"title":"Ends \"word?\",","container-title":"J","issued":{"date-parts":[[2020]]}},
             {"id":"c","type":"article-journal","author":[{"family":"Cc","given":"B."}],"title":"Ends \"word\",","issued":{"date-parts":[[2020]]}}]
            """#))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en-US"))
        #expect(references.map { apa.entry($0).text } == ["Aa, B. (2020). Ends “word,” J.", "Bb, B. (2020). Ends “word?” J.", "Cc, B. (2020). Ends “word,”."])
        #expect(references.map { CitationStyle.vancouver.entry($0).text } == ["Aa B. Ends “word,”. J. 2020;", "Bb B. Ends “word?”. J. 2020;", "Cc B. Ends “word,”. 2020;"])
    }

    /// `@key` names the author in the sentence and `[-@key]` leaves the author out, in every style.
    /// Entries a style's sort leaves equal (Elsevier Harvard sorts by author and year alone) are listed in their file's
    /// order and get their year suffixes in the order first cited, as pandoc 3.9 prints them (`pandoc --citeproc` with
    /// elsevier-harvard.csl: "Doe, J., 2020b. Alpha paper." listed before "Doe, J., 2020a. Beta paper.").
    @Test func entriesASortLeavesEqualAreListedInTheirFilesOrder() async throws {
        let style = """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
            <macro name="author"><names variable="author"><name form="short"/></names></macro>
            <citation disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")"><group delimiter=", "><text macro="author"/><date variable="issued"><date-part name="year"/></date></group></layout></citation>
            <bibliography><sort><key macro="author"/><key variable="issued" sort="descending"/></sort><layout suffix="."><group delimiter=". "><group delimiter=", "><text macro="author"/><date variable="issued"><date-part name="year"/></date></group><text variable="title"/></group></layout></bibliography></style>
            """
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: styles/tie.csl\n",
            "styles/tie.csl": style,
            "Content/bibliography/refs.json": """
                [{"id": "alpha", "type": "article-journal", "title": "Alpha paper", "author": [{"family": "Doe", "given": "J"}], "issued": {"date-parts": [[2020]]}},
                 {"id": "beta", "type": "article-journal", "title": "Beta paper", "author": [{"family": "Doe", "given": "J"}], "issued": {"date-parts": [[2020]]}}]
                """,
            "Content/a.md": article("A", "First [@beta]. Then [@alpha].\n"),
        ])
        defer { site.remove() }
        #expect(!(await build(site)).hasErrors)
        let page = try site.read("a/index.html")
        #expect(page.contains(##"First <span class="citation" id="cite-1">(<a href="#ref-beta">Doe, 2020a</a>)</span>."##), "\(page)")
        let alpha = try #require(page.range(of: "<li id=\"ref-alpha\">Doe, 2020b. Alpha paper.")), beta = try #require(page.range(of: "<li id=\"ref-beta\">Doe, 2020a. Beta paper."))
        #expect(alpha.lowerBound < beta.lowerBound)
    }

    @Test func inTextAndSuppressedAuthorForms() async throws {
        let body = "@smith2020 [p. 4] showed it, as Adams [-@adams2019] did.\n"
        let apa = try site("citation-style: apa\n", body: body)
        defer { apa.remove() }
        #expect((await build(apa)).diagnostics.isEmpty)
        #expect(try apa.read("a/index.html").contains(
            ##"<p><span class="citation" id="cite-1"><a href="#ref-smith2020">Smith</a> (<a href="#ref-smith2020">2020, p. 4</a>)</span> showed it, as Adams <span class="citation" id="cite-2">(<a href="#ref-adams2019">2019</a>)</span> did.</p>"##))
        // Text after the key that is no locator, joined as written (pandoc 3.9: "(Smith, 2020: 45)", "(Adams et al., 2019 and elsewhere)").
        let suffixes = try site("citation-style: apa\n", body: "A [@smith2020: 45] and [@adams2019 and elsewhere].\n")
        defer { suffixes.remove() }
        #expect((await build(suffixes)).diagnostics.isEmpty)
        let suffixPage = try suffixes.read("a/index.html")
        #expect(suffixPage.contains(##"(<a href="#ref-smith2020">Smith, 2020</a>: 45)"##))
        #expect(suffixPage.contains(##"(<a href="#ref-adams2019">Adams et al., 2019</a> and elsewhere)"##))
        // A comma after a locator parts it from the rest: page 4, not pages "4," (pandoc 3.9 prints these).
        let parted = try site(
            "citation-style: apa\n",
            body: "A [@smith2020, p. 4, and elsewhere]. B [@smith2020, pp. 4, 7, and more]. C [@smith2020, chap. 2, here]. D [@smith2020, 4,].\n")
        defer { parted.remove() }
        #expect((await build(parted)).diagnostics.isEmpty)
        let partedPage = try parted.read("a/index.html")
        for cited in ["2020, p. 4</a>, and elsewhere)", "2020, pp. 4, 7</a>, and more)", "2020, Chapter 2</a>, here)", "2020, p. 4</a>,)"] {
            #expect(partedPage.contains(cited), "\(cited)")
        }
        // Dashes and punctuation in a locator, as pandoc 3.9 reads them (`--` an en dash; a word ends at other
        // punctuation than a range's; a roman numeral holds its letters): its printed citations, tags aside.
        let dashed = try site(
            "citation-style: apa\n",
            body: "B5 [@smith2020, chap. 3--4]. B10 [@smith2020, chapter 3 -- 4]. B8 [@smith2020, p. 3--4]. K2 [@smith2020, chap. 3—4]."
                + " K8 [@smith2020, line 3--4]. P1 [@smith2020, p. 3 - see]. P2 [@smith2020, fig. 3 -- inset]. P3 [@smith2020, chap. 3 - 4]."
                + " P4 [@smith2020, para. 3 -- 4]. B [@smith2020, chap. 3/4]. H [@smith2020, chap. 3 & 4]. K [@smith2020, chap. iv - v]."
                + " S [@smith2020, p. 3\\; 4]. V [see `--verbose` in @smith2020].\n")
        defer { dashed.remove() }
        #expect((await build(dashed)).diagnostics.isEmpty)
        let dashedText = try dashed.read("a/index.html").replacing(/<[^>]*>/, with: "")
        #expect(dashedText.contains(
            "B5 (Smith, 2020, Chapters 3–4). B10 (Smith, 2020, Chapter 3 – 4). B8 (Smith, 2020, pp. 3–4). K2 (Smith, 2020, Chapter 3—4)."
                + " K8 (Smith, 2020, Lines 3–4). P1 (Smith, 2020, p. 3 - see). P2 (Smith, 2020, Figure 3 – inset). P3 (Smith, 2020, Chapter 3 - 4)."
                + " P4 (Smith, 2020, para. 3 – 4). B (Smith, 2020, Chapter 3/4). H (Smith, 2020, Chapter 3 &amp; 4). K (Smith, 2020, iv - v)."
                + " S (Smith, 2020, pp. 3; 4). V (see --verbose in Smith, 2020)."),
            "\(dashedText)")
        let vancouver = try site("", body: body)
        defer { vancouver.remove() }
        #expect((await build(vancouver)).diagnostics.isEmpty)
        let page = try vancouver.read("a/index.html")
        #expect(page.contains(##"<p>Smith<sup class="citation" id="cite-1"><a href="#ref-smith2020""##))
        #expect(page.contains(##"<ol>"##) && !page.contains("unnumbered"))
    }

    /// An in-text citation's locator in brackets right after it or on the next line (`@key[p. 33]`, a hard-wrapped
    /// `@key` / `[p. 5]`), as pandoc 3.9 reads them; brackets after it that cite other sources too are text, and a
    /// warning says to cite those in brackets of their own.
    @Test func anInTextCitationsLocatorFollowsItHowever() async throws {
        let site = try site("citation-style: apa\n", body: "A @smith2020[p. 33] x. H @smith2020\n[p. 5] x. J @smith2020 [p. 3; @adams2019, p. 4] x.\n")
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Content/a.md:5:25: warning: '[p. 3; @adams2019, p. 4]' after the in-text citation '@smith2020' is no citation: brackets after one"
                + " hold its locator alone, so these are text and each '@key' in them an in-text citation (the author's name); write"
                + " @smith2020 [p. 3] and cite the other sources in brackets of their own ([@adams2019, …])"
        ])
        let text = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
        #expect(text.contains("A Smith (2020, p. 33) x. H Smith (2020, p. 5) x."), "\(text)")
    }

    /// A locator's label is read in the site's language, as pandoc reads it: every form of the locale's locator terms
    /// (`c. 3` and `bk. 2` in English, `S. 4` and `Kap. 7` in German, `nᵒ 10` in French), and no other word (`ch. 3`
    /// and `table 2` are suffixes; `p. 5` is one in German). The texts are pandoc 3.9's for APA with `lang` set.
    @Test func locatorLabelsAreReadInTheSitesLanguage() async throws {
        let cases: [(language: String, written: String, printed: String)] = [
            ("en-US", "ch. 3", "2019</a>, ch. 3)"), ("en-US", "c. 3", "2019, Chapter 3</a>)"), ("en-US", "table 2", "2019</a>, table 2)"),
            ("en-US", "bk. 2", "2019, Book 2</a>)"), ("en-US", "s.v. 3", "2019, Sub verbo 3</a>)"), ("en-US", "issue 3", "2019, Issue 3</a>)"),
            ("en-US", "number 3", "2019</a>, number 3)"), ("en-US", "§ 12", "2019, Section 12</a>)"), ("en-US", "Seite 6", "2019</a>, Seite 6)"),
            ("de-DE", "S. 4", "2019, S. 4</a>)"), ("de-DE", "p. 5", "2019</a>, p. 5)"), ("de-DE", "Seite 6", "2019, S. 6</a>)"),
            ("de-DE", "Kap. 7", "2019, Kapitel 7</a>)"), ("de-DE", "c. 3", "2019</a>, c. 3)"), ("de-DE", "§ 12", "2019, Abschnitt 12</a>)"),
            ("fr-FR", "chap. 9", "2019, Chapitre 9</a>)"), ("fr-FR", "nᵒ 10", "2019, Numéro 10</a>)"), ("fr-FR", "§ 12", "2019, paragr. 12</a>)"),
            ("fr-FR", "Kap. 7", "2019</a>, Kap. 7)"),
        ]
        for language in ["en-US", "de-DE", "fr-FR"] {
            let written = cases.filter { $0.language == language }
            let body = written.map { "X [@adams2019, \($0.written)]." }.joined(separator: "\n\n") + "\n"
            let site = try site("citation-style: apa\nlanguage: \(language)\n", body: body)
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            let page = try site.read("a/index.html")
            for (number, item) in written.enumerated() {
                let expected = ##"<span class="citation" id="cite-\##(number + 1)">(<a href="#ref-adams2019">Adams et al., "## + item.printed
                #expect(page.contains(expected), "\(language) \(item.written): \(expected)")
            }
        }
    }

    /// Quotes typed in a marker's prefix or suffix, as pandoc 3.9's smart punctuation reads them (`pandoc --citeproc
    /// --csl apa.csl --bibliography refs.json -f markdown -t plain --wrap=none`, with `-M lang=en-GB` and `-M
    /// lang=fr-FR`): quoted text in “…” and ‘…’ in every language (not the language's ‘…’ or « … »), an apostrophe ’,
    /// a lone `"` “ where it could open a quotation, no space before a closing quote, emphasis read whole (a quote in
    /// it closes none outside it); a comma after quoted text goes inside it where the language puts it there; a page
    /// locator's quotes are its text (`[@j1, "12"]`: p. “12” in British English too). A numeric style's marker, which
    /// sitegen prints itself, has the same marks.
    @Test func quotesTypedInAMarkerPrintAsPandocReadsThem() async throws {
        let refs = #"""
            [{"id":"j1","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Statins","container-title":"BMJ","volume":"368","issued":{"date-parts":[[2020]]}}]
            """#
        let written = [
            #"A [@j1, s.v. "statin"]."#, #"B ["so-called" @j1]."#, "C [see Smith's @j1].", #"D [@j1, a "lone quote]."#,
            "E [@j1, 'single' word].", #"F [@j1, "a 'b' c"]."#, #"H [@j1, "x", p. 4]."#, #"J [@j1, "dot."]."#, "L [@j1, the '90s].",
            #"M [@j1, "a "]."#, #"N [@j1, "see *"e"* here]."#, #"R [@j1, "12"]."#,
        ]
        func printed(_ comma: String) -> [String] {
            [
                "s.v. “statin”", "“so-called” ", "see Smith’s ", "a “lone quote", "‘single’ word", "“a ‘b’ c”",
                comma == "inside" ? "“x,” p. 4" : "“x”, p. 4", "“dot.”", "the ’90s", "“a”", "“see “e” here", "p. “12”",
            ]
        }
        let apa = [
            "A (Smith, 2020, s.v. “statin”).", "B (“so-called” Smith, 2020).", "C (see Smith’s Smith, 2020).", "D (Smith, 2020, a “lone quote).",
            "E (Smith, 2020, ‘single’ word).", "F (Smith, 2020, “a ‘b’ c”).", "H (Smith, 2020, “x,” p. 4).", "J (Smith, 2020, “dot.”).",
            "L (Smith, 2020, the ’90s).", "M (Smith, 2020, “a”).", "N (Smith, 2020, “see “e” here).", "R (Smith, 2020, p. “12”).",
        ]
        for (settings, expected) in [
            ("citation-style: apa\n", apa), ("citation-style: apa\nlanguage: en-GB\n", apa.map { $0.replacing("“x,” p. 4", with: "“x”, p. 4") }),
            ("citation-style: apa\nlanguage: fr-FR\n", apa.map { $0.replacing("“x,” p. 4", with: "“x”, p. 4") }),
            ("", printed("inside")), ("language: en-GB\n", printed("outside")),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\n" + settings,
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", written.joined(separator: "\n\n") + "\n"),
            ])
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            let paragraphs = try site.read("a/index.html").split(separator: "<p>").dropFirst().map {
                String($0.prefix { $0 != "\n" }).replacing(/<[^>]*>/, with: "")
            }
            for (index, text) in expected.enumerated() {
                #expect(paragraphs.contains { $0.hasPrefix(String(written[index].prefix(1))) && $0.contains(text) }, "\(settings): \(text) in \(paragraphs)")
            }
        }
    }

    /// A locator without a label, as pandoc 3.9 reads one (`pandoc --citeproc --csl apa.csl` and
    /// `chicago-author-date.csl`, `--bibliography refs.json -f markdown -t plain --wrap=none`): a first word with a
    /// digit is a page, letters and all (e-pages and supplement pages, `e12`, `S4-S6`, `A3`, and ranges and lists of
    /// them), and each word after it with a digit too; a roman numeral alone is none without a label (`iv`), one after
    /// a label is (`p. xii-xiv`). Chicago shortens such a page range as it does pages (S4–6). A numeric style's marker
    /// prints the page with its word, as for a number alone. Text after a space and a comma (`[@j1 , 12]`) is no
    /// locator: pandoc reads the comma right after the key only.
    @Test func aLocatorWithoutALabelIsAPageAsPandocReadsIt() async throws {
        let refs = #"""
            [{"id":"j1","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Statins","container-title":"BMJ","volume":"368","page":"e12-e19","issued":{"date-parts":[[2020]]}}]
            """#
        let cases: [(written: String, apa: String, chicago: String)] = [
            ("A1 [@j1, e12].", "A1 (Smith, 2020, p. e12).", "A1 (Smith 2020, e12)."),
            ("A2 [@j1, S4-S6].", "A2 (Smith, 2020, pp. S4–S6).", "A2 (Smith 2020, S4–6)."),
            ("A3 [@j1, A3].", "A3 (Smith, 2020, p. A3).", "A3 (Smith 2020, A3)."),
            ("A4 [@j1, iv].", "A4 (Smith, 2020, iv).", "A4 (Smith 2020, iv)."),
            ("A6 [@j1, 12, iv].", "A6 (Smith, 2020, p. 12, iv).", "A6 (Smith 2020, 12, iv)."),
            ("A7 [@j1, e12, e14].", "A7 (Smith, 2020, pp. e12, e14).", "A7 (Smith 2020, e12, e14)."),
            ("A8 [@j1, e12 and e14].", "A8 (Smith, 2020, p. e12 and e14).", "A8 (Smith 2020, e12 and e14)."),
            ("B4 [@j1, 12a-12c].", "B4 (Smith, 2020, pp. 12a–12c).", "B4 (Smith 2020, 12a–12c)."),
            ("B5 [@j1, xii-xiv].", "B5 (Smith, 2020, xii-xiv).", "B5 (Smith 2020, xii-xiv)."),
            ("B6 [@j1, p. xii-xiv].", "B6 (Smith, 2020, pp. xii–xiv).", "B6 (Smith 2020, xii–xiv)."),
            ("B7 [@j1, 34(1)].", "B7 (Smith, 2020, p. 34(1)).", "B7 (Smith 2020, 34(1))."),
            ("B8 [@j1, [17]].", "B8 (Smith, 2020, p. [17]).", "B8 (Smith 2020, [17])."),
            ("C3 [@j1, 3:14].", "C3 (Smith, 2020, p. 3:14).", "C3 (Smith 2020, 3:14)."),
            ("C5 [@j1, pp. S1–S9].", "C5 (Smith, 2020, pp. S1–S9).", "C5 (Smith 2020, S1–9)."),
            ("C7 [@j1, fig. S2].", "C7 (Smith, 2020, Figure S2).", "C7 (Smith 2020, fig. S2)."),
            ("D2 [@j1, *12*].", "D2 (Smith, 2020, p. 12).", "D2 (Smith 2020, 12)."),
            ("E1 [@j1, S4 - S6].", "E1 (Smith, 2020, p. S4 - S6).", "E1 (Smith 2020, S4 - S6)."),
            ("E6 [@j1, CD4].", "E6 (Smith, 2020, p. CD4).", "E6 (Smith 2020, CD4)."),
            ("E9 [@j1, pp. 12, 14 and 16].", "E9 (Smith, 2020, pp. 12, 14 and 16).", "E9 (Smith 2020, 12, 14 and 16)."),
            // One comma after the key, as pandoc reads one: a second starts text.
            ("O [@j1, , 12].", "O (Smith, 2020, , 12).", "O (Smith 2020, , 12)."),
            // A comma right after the key, not after a space (or a line break): one after a space is text, and so is
            // the locator after it.
            ("P1 [@j1 , x].", "P1 (Smith, 2020 , x).", "P1 (Smith 2020 , x)."), ("P2 [@j1 , 12].", "P2 (Smith, 2020 , 12).", "P2 (Smith 2020 , 12)."),
            ("P3 [@j1 , p. 3].", "P3 (Smith, 2020 , p. 3).", "P3 (Smith 2020 , p. 3)."),
            ("P4 [@j1\n, p. 3].", "P4 (Smith, 2020 , p. 3).", "P4 (Smith 2020 , p. 3)."),
            ("P5 @j1 [ , p. 3].", "P5 Smith (2020 , p. 3).", "P5 Smith (2020 , p. 3)."), ("P6 @j1 [ x].", "P6 Smith (2020 x).", "P6 Smith (2020 x)."),
            ("P7 [-@j1 , 4].", "P7 (2020 , 4).", "P7 (2020 , 4)."), ("P8 @j1 [, p. 3].", "P8 Smith (2020, p. 3).", "P8 Smith (2020, 3)."),
            // A comma without a space after it: a locator as after ", "; other text right after the comma, as written.
            ("Q1 [@j1,x].", "Q1 (Smith, 2020,x).", "Q1 (Smith 2020,x)."), ("Q2 [@j1,p. 3].", "Q2 (Smith, 2020, p. 3).", "Q2 (Smith 2020, 3)."),
            ("Q3 [@j1,12].", "Q3 (Smith, 2020, p. 12).", "Q3 (Smith 2020, 12)."), ("Q4 @j1 [,x].", "Q4 Smith (2020,x).", "Q4 Smith (2020,x)."),
            ("Q5 [@j1,and elsewhere].", "Q5 (Smith, 2020,and elsewhere).", "Q5 (Smith 2020,and elsewhere)."),
        ]
        for style in ["apa", "chicago-author-date", "vancouver"] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", cases.map(\.written).joined(separator: "\n\n") + "\n"),
            ])
            defer { site.remove() }
            let report = await build(site)
            // The locators after a space and a comma (P2 to P5, P7) are warnings.
            #expect(report.diagnostics.map(\.message).filter { $0.hasSuffix("as pandoc reads a comma after a space; remove the space before the comma") }.count == 5)
            #expect(report.diagnostics.count == 5, "\(report.diagnostics)")
            let page = try site.read("a/index.html")
            guard style != "vancouver" else {
                for locator in [", p. e12", ", pp. S4–S6", ", p. A3", ", pp. e12, e14", ", pp. 12a–12c"] {
                    #expect(page.contains("<span class=\"locator\">\(locator)</span>"), "\(locator)")
                }
                // pandoc's "1 , 12" and "1,x": text after the number as written.
                #expect(page.contains("<span class=\"suffix\"> , 12</span>"))
                #expect(page.contains("<span class=\"suffix\">,x</span>") && page.contains("<span class=\"locator\">, p. 3</span>"))
                continue
            }
            let paragraphs = page.split(separator: "<p>").dropFirst().map { String($0.prefix { $0 != "\n" }).replacing(/<[^>]*>/, with: "") }
            for item in cases {
                let expected = style == "apa" ? item.apa : item.chicago
                #expect(paragraphs.contains(expected), "\(style): \(expected)")
            }
        }
    }

    /// A locator after a space and a comma (`[@key , p. 3]`, which pandoc prints as text: "(Smith, 2020 , p. 3)") is a
    /// warning at the key that says how to make it one; text that would be no locator after the comma is not.
    @Test func aLocatorAfterASpaceAndACommaIsAWarning() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: apa\n",
            "Content/bibliography/refs.json": #"[{"id":"j1","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Statins","issued":{"date-parts":[[2020]]}}]"#,
            "Content/a.md": article("A", "Risk falls [@j1 , p. 3] and @j1 [ , fig. 2] [@j1 , and elsewhere].\n"),
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:13: warning: ', p. 3' after '@j1' is printed as text, not as a locator, as pandoc reads a comma after a space; remove the space before the comma",
            "Content/a.md:4:29: warning: ', fig. 2' after '@j1' is printed as text, not as a locator, as pandoc reads a comma after a space; remove the space before the comma",
        ])
        #expect(try site.read("a/index.html").contains("Smith</a> (<a href=\"#ref-j1\">2020</a> , fig. 2)"))
    }

    /// pandoc's citation syntax past the common forms, each paragraph's text as pandoc 3.9 prints it
    /// (`pandoc --citeproc --csl apa.csl -t plain` over the same Markdown and references): a locator in braces, with or
    /// without its label (none is printed then, not even `p.`), empty braces before a suffix that reads like a
    /// locator, brackets in pairs inside a citation, and a citation inside brackets that are text.
    @Test func bracedLocatorsAndBracketsInsideCitations() async throws {
        let cases: [(written: String, printed: String)] = [
            ("A [@adams2019{ii, A, D-Z}].", "A (Adams et al., 2019, ii, A, D–Z)."),
            ("B [@adams2019, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here].", "B (Adams et al., 2019, pp. iv, vi–xi, (xv)–(xvii) with suffix here)."),
            ("C [@adams2019{}, 99 years later].", "C (Adams et al., 2019, 99 years later)."),
            ("D [@adams2019, {12}].", "D (Adams et al., 2019, 12)."),
            ("E [@adams2019, {chap. 3} and more].", "E (Adams et al., 2019, Chapter 3 and more)."),
            ("F [@adams2019, {p. 4 [x]}].", "F (Adams et al., 2019, pp. 4 [x])."),
            ("G [@adams2019, p. 4 [emphasis added]].", "G (Adams et al., 2019, p. 4 [emphasis added])."),
            ("H [see [the] @adams2019].", "H (see [the] Adams et al., 2019)."),
            ("I [x [y @adams2019]].", "I [x (y Adams et al., 2019)]."),
            ("J [@adams2019; [@smith2020]].", "J [Adams et al. (2019); (Smith, 2020)]."),
            ("K @adams2019 [{12} more] says.", "K Adams et al. (2019, 12 more) says."),
            ("L [@adams2019, p. 33 35].", "L (Adams et al., 2019, pp. 33 35)."),
            ("M [@adams2019, 33, iv].", "M (Adams et al., 2019, p. 33, iv)."),
            ("N [@adams2019, {12].", "N (Adams et al., 2019, {12)."),
        ]
        let site = try site("citation-style: apa\n", body: cases.map(\.written).joined(separator: "\n\n") + "\n")
        defer { site.remove() }
        _ = await build(site)
        let page = try site.read("a/index.html")
        // The page's paragraphs as text: tags left out.
        let paragraphs = page.split(separator: "<p>").dropFirst().map { paragraph in
            var text = "", inTag = false
            for character in paragraph.prefix(while: { $0 != "\n" }) {
                if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
            }
            return text
        }
        for (written, printed) in cases {
            #expect(paragraphs.contains(printed), "\(written)")
        }
    }

    /// CSL-JSON dates as exports write them, printed as pandoc 3.9 prints them (`pandoc --citeproc` with each style):
    /// a range of months (a journal issue of November to December), a season, an approximate year, a date as text in
    /// `accessed`, and a raw range. Each used to fail the build or lose what it said.
    @Test func datesOfEveryFormCSLJSONAllows() async throws {
        let refs = """
            [{"id":"a","type":"article-journal","author":[{"family":"Kim","given":"Anna"}],"title":"One","container-title":"J Med","volume":"12","issue":"6","page":"1-9","issued":{"date-parts":[[2019,11],[2019,12]]}},
             {"id":"b","type":"book","author":[{"family":"Lee","given":"Bo"}],"title":"Two","publisher":"P","issued":{"date-parts":[[1850]],"circa":true}},
             {"id":"c","type":"article-journal","author":[{"family":"Park","given":"Cy"}],"title":"Three","container-title":"J Med","volume":"3","page":"5-7","issued":{"date-parts":[[2021]],"season":2}},
             {"id":"d","type":"webpage","author":[{"family":"Cho","given":"Di"}],"title":"Four","URL":"https://example.org/","issued":{"date-parts":[[2020]]},"accessed":{"literal":"n.d."}},
             {"id":"e","type":"report","author":[{"family":"Roy","given":"Ed"}],"title":"Five","publisher":"P","issued":{"raw":"2018-04/2018-06"}}]
            """
        let expected: [(style: String, texts: [String])] = [
            ("vancouver", ["Kim A. One. J Med. 2019 Nov–Dec;12(6):1–9.", "Lee B. Two. P; 1850.", "Park C. Three. J Med. 2021 Summer;3:5–7.", "2020 [cited n.d.];", "Roy E. Five. P; 2018."]),
            ("apa", ["(Lee, ca. 1850)", "Lee, B. (ca. 1850). Two. P.", "Roy, E. (2018). Five. P."]),
            ("chicago-author-date", ["(Lee [1850?])", "Lee, Bo. [1850?]. Two. P.", "J Med</i> 3 (Summer): 5–7."]),
        ]
        try await expectPages(citing: ("refs.json", refs), expected)
        // What some exports write: a month of 0 (no month), 13 to 16 (a season), an open range, no date parts (no
        // date), and a day of 0, which pandoc prints ("2019 Sep 0") and sitegen leaves out.
        let odd = """
            [{"id":"a","type":"article-journal","author":[{"family":"Kim","given":"Anna"}],"title":"One","container-title":"J Med","volume":"12","page":"1-9","issued":{"date-parts":[[2019,0]]}},
             {"id":"b","type":"article-journal","author":[{"family":"Lee","given":"Bo"}],"title":"Two","container-title":"J Med","volume":"3","page":"5-7","issued":{"date-parts":[[2019,9,0]]}},
             {"id":"c","type":"article-journal","author":[{"family":"Park","given":"Cy"}],"title":"Three","container-title":"J Med","volume":"3","page":"5-7","issued":{"date-parts":[[2019,13]]}},
             {"id":"d","type":"article-journal","author":[{"family":"Cho","given":"Di"}],"title":"Four","container-title":"J Med","volume":"3","page":"5-7","issued":{"date-parts":[[2019],[0]]}},
             {"id":"e","type":"article-journal","author":[{"family":"Roy","given":"Ed"}],"title":"Five","container-title":"J Med","volume":"3","page":"5-7","issued":{"date-parts":[[]]}}]
            """
        try await expectPages(citing: ("refs.json", odd), [
            ("vancouver", ["Kim A. One. J Med. 2019;12:1–9.", "Lee B. Two. J Med. 2019 Sep;3:5–7.", "Park C. Three. J Med. 2019 Spring;3:5–7.",
                           "Cho D. Four. J Med. 2019–;3:5–7.", "Roy E. Five. J Med. 3:5–7."]),
            // An open range prints no month where the style shows one apart from the year (was "3 (–): 5–7").
            ("chicago-author-date", ["Cho, Di. 2019–. “Four.” <i>J Med</i> 3: 5–7."]),
        ])
    }

    /// Date ranges that pandoc 3.9 prints in its own way: an end with a part the start lacks (no range mark: "2019
    /// May3", Chicago's "May"), a range that ends before it starts (printed as written, and a warning at the date), and
    /// a range within one year sorted by pandoc's sort text (June 2020 before 1 to 15 March 2020 in APA, whose sort
    /// shows the year of one and the year and month of the other: `7020` against `7020-7020`); BibLaTeX's ranges too.
    @Test func dateRangesAsPandocPrintsThem() async throws {
        let refs = """
            [{"id":"a","type":"article-journal","author":[{"family":"Kim","given":"Anna"}],"title":"One","container-title":"J Med","issued":{"date-parts":[[2019,5],[2019,5,3]]}},
             {"id":"b","type":"article-journal","author":[{"family":"Lee","given":"Bo"}],"title":"Two","container-title":"J Med","issued":{"date-parts":[[2019],[2019,5]]}},
             {"id":"c","type":"article-journal","author":[{"family":"Park","given":"Cy"}],"title":"Three","container-title":"J Med","issued":{"date-parts":[[2019],[2018,2]]}},
             {"id":"d","type":"article-journal","author":[{"family":"Roy","given":"Ed"}],"title":"Four","container-title":"J Med","issued":{"date-parts":[[2020,3,1],[2020,3,15]]}},
             {"id":"e","type":"webpage","author":[{"family":"Roy","given":"Ed"}],"title":"Five","URL":"https://example.org/","issued":{"date-parts":[[2020,6]]}}]
            """
        let expected: [(style: String, texts: [String])] = [
            ("vancouver", ["Kim A. One. J Med. 2019 May3;", "Lee B. Two. J Med. 2019May;", "Park C. Three. J Med. 2019–2018 Feb;"]),
            ("apa", ["(Park, 2019–2018)", "Roy, E. (2020a, June). Five.", "Roy, E. (2020b). Four. <i>J Med</i>.", "(Roy, 2020b)"]),
            ("chicago-author-date", ["Kim, Anna. 2019. “One.” <i>J Med</i>, May3.", "Lee, Bo. 2019. “Two.” <i>J Med</i>, May.",
                                     "Park, Cy. 2019–2018. “Three.” <i>J Med</i>, February."]),
        ]
        try await expectPages(citing: ("refs.json", refs), expected, diagnostics: [
            "Content/bibliography/refs.json:3:130: warning: 'issued' ends (2018-02) before it starts (2019), and styles print it so; put"
                + " the earlier date first"
        ])
        // BibLaTeX's the same way.
        let bib = """
            @article{a, author={Kim, Anna}, title={One}, journaltitle={J Med}, date={2019/2018}}
            @article{b, author={Lee, Bo}, title={Two}, journaltitle={J Med}, date={2019-05/2019-03}}
            @article{c, author={Park, Cy}, title={Three}, journaltitle={J Med}, date={2019-05/2019-05-03}}
            @article{d, author={Roy, Di}, title={Four}, journaltitle={J Med}, date={2019/2019-05}}
            @article{e, author={Cho, Ed}, title={Five}, journaltitle={J Med}, date={2019}}
            """
        try await expectPages(citing: ("refs.bib", bib), [
            ("vancouver", ["Kim A. One. J Med. 2019–2018;", "Lee B. Two. J Med. 2019 May–Mar;", "Park C. Three. J Med. 2019 May3;", "Roy D. Four. J Med. 2019May;"]),
            ("chicago-author-date", ["(Kim 2019–2018)", "Lee, Bo. 2019. “Two.” <i>J Med</i>, May–March."]),
        ], diagnostics: [
            "Content/bibliography/refs.bib:1:68: warning: date = {2019/2018} ends before it starts, and styles print it so; put the earlier date first",
            "Content/bibliography/refs.bib:2:66: warning: date = {2019-05/2019-03} ends before it starts, and styles print it so; put the earlier date first",
        ])
    }

    /// Dates written as text (`raw`, or a string) as pandoc 3.9 reads them: as ISO 8601 or EDTF (a time after `T`,
    /// `1850~` approximate), or in the older forms (`Sep 2019`, a range of years `2019-2020`); text of neither form is
    /// printed as written (`c. 1850`). Each but the first printed otherwise before: `1850~` and `Sep 2019` as written,
    /// the time's day left out, and `2019-2020` failed the build ("has month 2020").
    @Test func datesWrittenAsTextAsPandocReadsThem() async throws {
        let refs = """
            [{"id":"a","type":"article-journal","author":[{"family":"Kim","given":"Anna"}],"title":"One","container-title":"J Med","issued":{"raw":"c. 1850"}},
             {"id":"b","type":"article-journal","author":[{"family":"Ab","given":"Fe"}],"title":"Six","container-title":"J Med","issued":{"raw":"1850~"}},
             {"id":"c","type":"article-journal","author":[{"family":"Roy","given":"Cy"}],"title":"Three","container-title":"J Med","issued":"2019-2020"},
             {"id":"d","type":"article-journal","author":[{"family":"Cho","given":"Di"}],"title":"Four","container-title":"J Med","issued":{"raw":"Sep 2019"}},
             {"id":"e","type":"article-journal","author":[{"family":"Ng","given":"Ed"}],"title":"Five","container-title":"J Med","issued":{"raw":"2019-09-07T00:00:00Z"}}]
            """
        try await expectPages(citing: ("refs.json", refs), [
            ("vancouver", ["Kim A. One. J Med. c. 1850;", "Ab F. Six. J Med. 1850;", "Roy C. Three. J Med. 2019–2020;", "Cho D. Four. J Med. 2019 Sep;",
                           "Ng E. Five. J Med. 2019 Sep 7;"]),
            ("chicago-author-date", ["(Ab [1850?])", "Ab, Fe. [1850?].", "Roy, Cy. 2019–2020.", "Cho, Di. 2019. “Four.” <i>J Med</i>, September.",
                                     "Ng, Ed. 2019. “Five.” <i>J Med</i>, September 7."]),
        ])
    }

    /// BibLaTeX dates (EDTF) as pandoc 3.9 reads and prints them: a range of months, a season (`2019-21` is spring;
    /// it used to fail the build), an approximate year (`1850~`, Chicago's "[1850?]"), an uncertain one (`2018?`,
    /// printed as the year) that starts a range with no end yet (`/` and nothing, "2018–"), and a range of days.
    @Test func biblatexDatesAsPandocReadsThem() async throws {
        let bib = """
            @article{a, author={Kim, Anna}, title={One}, journaltitle={J Med}, volume={12}, pages={1-9}, date={2019-09/2019-10}}
            @article{b, author={Lee, Bo}, title={Two}, journaltitle={J Med}, volume={3}, pages={5-7}, date={2019-21}}
            @book{c, author={Park, Cy}, title={Three}, publisher={P}, date={1850~}}
            @book{d, author={Cho, Di}, title={Four}, publisher={P}, date={2018-04-03/2018-04-09}}
            @book{e, author={Roy, Ed}, title={Five}, publisher={P}, date={2018?/}}
            """
        let expected: [(style: String, texts: [String])] = [
            ("vancouver", ["Kim A. One. J Med. 2019 Sep–Oct;12:1–9.", "Lee B. Two. J Med. 2019 Spring;3:5–7.", "Park C. Three. P; 1850.",
                           "Cho D. Four. P; 2018.", "Roy E. Five. P; 2018–."]),
            ("chicago-author-date", ["(Park [1850?])", "J Med</i> 12 (September–October): 1–9.", "J Med</i> 3 (Spring): 5–7.", "Park, Cy. [1850?].",
                                     "Roy, Ed. 2018–. <i>Five</i>. P."]),
        ]
        try await expectPages(citing: ("refs.bib", bib), expected)
    }

    /// pandoc's inline footnote, `^[…]`, is printed as written (a warning says so) with each citation in it cited as
    /// in the text, as pandoc 3.9 cites them in the note ("See Smith (2020, Section 4) and (Adams et al., 2019)."):
    /// the note was one citation of the first source with "[@adams2019]" in its suffix, the second cited nowhere.
    @Test func citationsInAnInlineNoteAreEachCited() async throws {
        let site = try site("citation-style: apa\n", body: "Inline.^[See @smith2020 [sec. 4] and [@adams2019].]\n")
        defer { site.remove() }
        let report = await build(site)
        #expect(report.diagnostics.count == 1 && report.diagnostics[0].message.contains("is pandoc's inline footnote"), "\(report.diagnostics)")
        let page = try site.read("a/index.html")
        #expect(page.replacing(/<[^>]*>/, with: "").contains("Inline.^[See Smith (2020, Section 4) and (Adams et al., 2019).]"))
        #expect(page.contains(##"<li id="ref-adams2019">"##))
    }

    /// Brackets of citations right after an in-text citation (after a space or a line break) are one citation with it,
    /// as pandoc 3.9 reads them: "Adams et al. (2019, 2019)", where sitegen printed "Adams et al. (2019) (2019)".
    @Test func bracketsOfCitationsAfterAnInTextCitationAreOneCitationWithIt() async throws {
        let site = try site("citation-style: apa\n", body: "As @adams2019 [-@adams2019] said, and @smith2020\n[see @smith2020b, p. 3] too.\n")
        defer { site.remove() }
        #expect((await build(site)).diagnostics.isEmpty)
        let text = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
        #expect(text.contains("As Adams et al. (2019, 2019) said, and Smith (2020a; see Smith, 2020b, p. 3) too."), "\(text)")
    }

    /// A BibTeX title's short form, which a citation of a source without an author prints, as pandoc 3.9 prints it: the
    /// title up to a colon, but not a colon that braces protect (`{{Braced title: with colon}}` was cut to "Braced
    /// Title"), and what braces protect keeps its case in the short title as in the title.
    @Test func shortTitlesKeepWhatBracesProtect() async throws {
        let bib = """
            @misc{a, title = {{Braced title: with colon}}, date = {2001}}
            @misc{b, title = {{Braced title: with colon}}, subtitle = {More}, date = {2002}}
            @misc{c, title = {{DNA} and {Braced: title}: the end}, date = {2003}}
            @misc{d, title = {Search inauthor:bunge results}, date = {2004}}
            @misc{e, title = {Search results: a subtitle}, date = {2005}}
            """
        let expected: [(style: String, text: String)] = [
            ("apa", "A (Braced title: with colon, 2001). B (Braced title: with colon, 2002). C (DNA and Braced: title, 2003). D (Search Inauthor, 2004). E (Search Results, 2005)."),
            ("chicago-author-date", "A (Braced title: with colon 2001). B (Braced title: with colon 2002). C (DNA and Braced: title 2003). D (Search Inauthor 2004). E (Search Results 2005)."),
        ]
        for (style, text) in expected {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/refs.bib": bib,
                "Content/a.md": article("A", "A [@a]. B [@b]. C [@c]. D [@d]. E [@e].\n"),
            ])
            defer { site.remove() }
            #expect((await build(site)).diagnostics.isEmpty, "\(style)")
            let page = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
            #expect(page.contains(text), "\(style)")
        }
    }

    /// Builds an article citing the entries `a` to `e` of a bibliography file in each style, and expects its page to
    /// hold each text (links aside).
    func expectPages(
        citing bibliography: (name: String, text: String), _ expected: [(style: String, texts: [String])], diagnostics: [String] = []
    ) async throws {
        for (style, texts) in expected {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/" + bibliography.name: bibliography.text,
                "Content/a.md": article("A", "A [@a]. B [@b]. C [@c]. D [@d]. E [@e].\n"),
            ])
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.map(\.description) == diagnostics, "\(style)")
            let page = try site.read("a/index.html").replacing(/<a href="[^"]*">|<\/a>/, with: "")
            for text in texts { #expect(page.contains(text), "\(style): \(text)") }
        }
    }

    /// Emphasis and code in a prefix or suffix are part of the citation, as pandoc reads them (`[*see* @key]`,
    /// `[@key, *emphasis added*]`), in either kind of style; emphasis and code outside citations stay as cmark writes
    /// them. The texts are pandoc 3.9's for APA.
    @Test func emphasisInAffixesIsPartOfTheCitation() async throws {
        let body = "A [@smith2020, *emphasis added*]. B [*see* @smith2020]. C [@smith2020, p. `4`]. D *plain* and **more**"
            + " [*cf.* @adams2019, *x* y] end `z`.\nE [@smith2020,\n*split* here].\n"
        let apa = try site("citation-style: apa\n", body: body)
        defer { apa.remove() }
        #expect((await build(apa)).diagnostics.isEmpty)
        let page = try apa.read("a/index.html")
        #expect(page.contains(##"A <span class="citation" id="cite-1">(<a href="#ref-smith2020">Smith, 2020</a>, <i>emphasis added</i>)</span>."##))
        #expect(page.contains(##"B <span class="citation" id="cite-2">(<i>see</i> <a href="#ref-smith2020">Smith, 2020</a>)</span>."##))
        #expect(page.contains(##"C <span class="citation" id="cite-3">(<a href="#ref-smith2020">Smith, 2020, p. 4</a>)</span>."##))
        #expect(page.contains(##"D <em>plain</em> and <strong>more</strong> <span class="citation" id="cite-4">(<i>cf.</i> <a href="#ref-adams2019">Adams et al., 2019</a>, <i>x</i> y)</span> end <code>z</code>."##))
        #expect(page.contains(##"E <span class="citation" id="cite-5">(<a href="#ref-smith2020">Smith, 2020</a>, <i>split</i> here)</span>."##))
        let vancouver = try site("", body: body)
        defer { vancouver.remove() }
        #expect((await build(vancouver)).diagnostics.isEmpty)
        let numbered = try vancouver.read("a/index.html")
        #expect(numbered.contains(##"1</a><span class="suffix">, <em>emphasis added</em></span></sup>."##))
        #expect(numbered.contains(##"B<sup class="citation" id="cite-2"><em>see</em> <a href="#ref-smith2020""##))
        #expect(numbered.contains(##"D <em>plain</em> and <strong>more</strong><sup class="citation" id="cite-4"><em>cf.</em> <a href="#ref-adams2019""##))
        #expect(numbered.contains(##"<span class="suffix">, <em>x</em> y</span></sup> end <code>z</code>."##))
    }

    /// A link, a code span or a hard line break in a prefix or suffix is part of the citation and printed in it, as
    /// pandoc prints them (a link to an article's Markdown file relinked to its page, as elsewhere); a locator written
    /// in code or over two lines is read as one; `-@key` in running text cites without the author, as `[-@key]` does.
    @Test func linksCodeAndBreaksInAffixesArePartOfTheCitation() async throws {
        let body = "A [see [the trial](b.md) and <https://x.org/a> @smith2020, see `code` here]. B [*cf. `c`*\\\n@smith2020]."
            + " C [@smith2020, p.\n4]. D [@smith2020, p. `5`]. E Smith -@smith2020 [p. 6] showed. F well-@smith2020 x.\n"
        for (settings, expected) in [
            ("citation-style: apa\n", [
                ##"A <span class="citation" id="cite-1">(see <a href="../b/">the trial</a> and <a href="https://x.org/a">https://x.org/a</a> <a href="#ref-smith2020">Smith, 2020</a>, see <code>code</code> here)</span>."##,
                ##"B <span class="citation" id="cite-2">(<i>cf. <code>c</code></i><br />\##n <a href="#ref-smith2020">Smith, 2020</a>)</span>."##,
                ##"C <span class="citation" id="cite-3">(<a href="#ref-smith2020">Smith, 2020, p. 4</a>)</span>."##,
                ##"D <span class="citation" id="cite-4">(<a href="#ref-smith2020">Smith, 2020, p. 5</a>)</span>."##,
                ##"E Smith <span class="citation" id="cite-5">(<a href="#ref-smith2020">2020, p. 6</a>)</span> showed."##,
                ##"F well-<span class="citation" id="cite-6"><a href="#ref-smith2020">Smith</a> (<a href="#ref-smith2020">2020</a>)</span> x."##,
            ]),
            ("", [
                ##"A<sup class="citation" id="cite-1">see <a href="../b/">the trial</a> and <a href="https://x.org/a">https://x.org/a</a> <a href="#ref-smith2020""##,
                ##"1</a><span class="suffix">, see <code>code</code> here</span></sup>."##,
                ##"B<sup class="citation" id="cite-2"><em>cf. <code>c</code></em><br />\##n <a href="#ref-smith2020""##,
                ##"1</a><span class="locator">, p. 4</span></sup>. D"##,
                ##"1</a><span class="locator">, p. 5</span></sup>. E Smith<sup class="citation" id="cite-5"><a href="#ref-smith2020""##,
                ##"1</a><span class="locator">, p. 6</span></sup> showed. F well-Smith<sup class="citation" id="cite-6">"##,
            ]),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\n" + settings,
                "Content/bibliography/refs.json": Self.refs,
                "Content/a.md": article("A", body),
                "Content/b.md": article("B", "Text.\n"),
            ])
            defer { site.remove() }
            #expect((await build(site)).diagnostics.isEmpty)
            let page = try site.read("a/index.html")
            for part in expected { #expect(page.contains(part), "\(settings): \(part)") }
        }
        // A message quotes a link of the brackets as written.
        let broken = try site("", body: "G [see [the trial](https://x.org) @smith2020; also].\n")
        defer { broken.remove() }
        #expect((await build(broken)).diagnostics.map(\.description).contains { $0.contains("[see [the trial](https://x.org) @smith2020; also]") })
    }

    /// A name with an apostrophe in the sentence (`@obrien showed`), in every citation of it on every page that cites
    /// it: APA's as pandoc 3.9 prints it ("O’Brien (2019)", "O’Neil & D’Angelo (2018)"), Vancouver's as the entry
    /// names the authors before the number, with the label made once with the entry (``PrintedReference``) rather
    /// than read from the name's markup at each citation.
    @Test func anInTextNameWithAnApostropheIsTheSameInEveryCitation() async throws {
        let refs = """
            [{"id": "obrien", "type": "article-journal", "author": [{"family": "O'Brien", "given": "Pat"}], "title": "A trial",
              "container-title": "J Med", "issued": {"date-parts": [[2019]]}},
             {"id": "two", "type": "article-journal", "author": [{"family": "O'Neil", "given": "Ann"}, {"family": "D'Angelo", "given": "Luis"}],
              "title": "B trial", "container-title": "J Med", "issued": {"date-parts": [[2018]]}}]
            """
        let body = "@obrien showed it, and @obrien again, as @two did.\n"
        for (style, expected) in [
            ("apa", [
                ##"<a href="#ref-obrien">O’Brien</a> (<a href="#ref-obrien">2019</a>)</span> showed it, and <span class="citation" id="cite-2"><a href="#ref-obrien">O’Brien</a> (<a href="#ref-obrien">2019</a>)</span> again"##,
                ##"<a href="#ref-two">O’Neil &amp; D’Angelo</a> (<a href="#ref-two">2018</a>)</span> did."##,
            ]),
            ("vancouver", [
                ##"<p>O’Brien<sup class="citation" id="cite-1"><a href="#ref-obrien" aria-label="Reference 1: O’Brien 2019, A trial">1</a></sup> showed it, and O’Brien<sup class="citation" id="cite-2">"##,
                ##"as O’Neil and D’Angelo<sup class="citation" id="cite-3"><a href="#ref-two" aria-label="Reference 2: O’Neil and D’Angelo 2018, B trial">2</a></sup> did."##,
            ]),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", body),
                "Content/b.md": article("B", body),
            ])
            defer { site.remove() }
            let report = await build(site)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            for page in ["a/index.html", "b/index.html"] {
                let html = try site.read(page)
                for part in expected { #expect(html.contains(part), "\(style) \(page): \(html)") }
            }
        }
        // Made once with the entry, escaped for the page.
        var bibliography = Bibliography(), diagnostics: [Diagnostic] = []
        var reference = Reference(id: "obrien", type: "book", location: SourceLocation(path: "refs.json", line: 1, column: 1))
        reference.authors = [Reference.Name(family: "O'Brien & Sons", given: "Pat")]
        bibliography.add([reference], diagnostics: &diagnostics)
        let printed = try #require(ReferenceFormats().printed("obrien", in: bibliography))
        #expect(printed.authorLabelHTML == "O’Brien &amp; Sons")
    }

    /// A CSL-JSON name that holds a tag and an apostrophe (`<i>van</i> O'Dyke`) is text in the sentence too, as its
    /// entry prints it: APA's `@key` as pandoc 3.9 prints it ("<i>van</i> O’Dyke (2017)", "<i>van</i> Dyke & O’Neil
    /// (2016)", `-t plain`), and Vancouver's author label and marker label the same, not the name without its tag.
    @Test func anInTextCSLJSONNameKeepsItsTagsAsTheEntryPrintsThem() async throws {
        let refs = """
            [{"id": "ob", "type": "book", "author": [{"family": "<i>van</i> O'Dyke", "given": "J"}], "title": "W", "issued": {"date-parts": [[2017]]}},
             {"id": "two", "type": "book", "author": [{"family": "<i>van</i> Dyke", "given": "J"}, {"family": "O'Neil", "given": "K"}],
              "title": "V", "issued": {"date-parts": [[2016]]}}]
            """
        for (style, expected) in [
            ("apa", [
                ##"<a href="#ref-ob">&lt;i&gt;van&lt;/i&gt; O’Dyke</a> (<a href="#ref-ob">2017</a>)</span> showed w."##,
                ##"<a href="#ref-two">&lt;i&gt;van&lt;/i&gt; Dyke &amp; O’Neil</a> (<a href="#ref-two">2016</a>)</span> showed v."##,
            ]),
            ("vancouver", [
                ##"<p>&lt;i&gt;van&lt;/i&gt; O’Dyke<sup class="citation" id="cite-1"><a href="#ref-ob" aria-label="Reference 1: &lt;i&gt;van&lt;/i&gt; O’Dyke 2017, W">1</a></sup> showed w."##,
                ##"&lt;i&gt;van&lt;/i&gt; Dyke and O’Neil<sup class="citation" id="cite-2"><a href="#ref-two" aria-label="Reference 2: &lt;i&gt;van&lt;/i&gt; Dyke and O’Neil 2016, V">2</a></sup> showed v."##,
            ]),
        ] {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", "@ob showed w. @two showed v.\n"),
            ])
            defer { site.remove() }
            _ = await build(site)
            let html = try site.read("a/index.html")
            for part in expected { #expect(html.contains(part), "\(style): \(html)") }
        }
    }

    /// Vancouver is the default, and naming it changes nothing; another numeric style keeps the superscript markers
    /// and prints its own entries.
    @Test func numericStylesKeepTheMarkers() async throws {
        let site = try site("")
        defer { site.remove() }
        #expect((await build(site)).diagnostics.isEmpty)
        let vancouver = try site.read("a/index.html")
        #expect(vancouver.contains("<!-- References in the citation style “Vancouver” (http://www.zotero.org/styles/vancouver). This work is licensed under a Creative Commons Attribution-Share Alike 3.0 License: http://creativecommons.org/licenses/by-sa/3.0/ -->"))
        #expect(vancouver.contains(##"<li id="ref-smith2020">Smith A. <a href="https://doi.org/10.1000/xyz">A trial</a>. J Med. 2020;1:1–9."##))
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: vancouver\n")
        #expect((await build(site)).diagnostics.isEmpty)
        #expect(try site.read("a/index.html") == vancouver)
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: american-medical-association\n")
        #expect((await build(site)).diagnostics.isEmpty)
        let ama = try site.read("a/index.html")
        #expect(ama.contains(##"<sup class="citation" id="cite-1"><a href="#ref-smith2020" aria-label="Reference 1: Smith 2020, A trial">1</a></sup>"##))
        #expect(ama.contains(##"<li id="ref-smith2020">Smith A. <a href="https://doi.org/10.1000/xyz">A trial</a>. <i>J Med</i>. 2020;1:1-9. doi:10.1000/xyz"##))
    }

    /// The site's language picks the locale: German APA writes "S." for a page, and reads the German word for one
    /// (`Seite 3`); an English label is text of its own, as pandoc 3.9 prints it with `lang: de`.
    @Test func languagePicksTheLocale() async throws {
        let site = try site("language: de\ncitation-style: apa\n", body: "It does [@adams2019, Seite 3]. Again [@adams2019, p. 4].\n")
        defer { site.remove() }
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("a/index.html")
        #expect(page.contains(##"<a href="#ref-adams2019">Adams et al., 2019, S. 3</a>"##))
        #expect(page.contains(##"<a href="#ref-adams2019">Adams et al., 2019</a>, p. 4)"##))
    }

    /// A script subtag picks the locale written in it (`zh-Hant-TW` printed Simplified Chinese, `sr-Latn` Cyrillic), and a
    /// deprecated code is its language's (`iw` printed US English): each its language's own locale, without a warning.
    @Test func scriptsAndDeprecatedCodesPickTheirLocale() {
        for (tag, locale) in [("zh-Hant-TW", "zh-TW"), ("zh-Hant", "zh-TW"), ("zh-hans", "zh-CN"), ("zh-Hans-CN", "zh-CN"), ("sr-Latn", "sr-Latn-RS"),
                              ("sr-Cyrl", "sr-Cyrl-RS"), ("iw", "he-IL"), ("in", "id-ID")] {
            let chosen = CitationStyle.builtInLocale(tag, styleLocales: [])
            #expect(chosen.locale == locale && chosen.fallback == nil, "\(tag): \(chosen)")
        }
    }

    /// The site's language as users write it: in any case (`pt-br`, as pandoc reads it), a region or a language
    /// sitegen has no locale of (a warning that says which words print), one of the CSL project's locales beyond the
    /// common ones (Russian), and none at all (the style's own locale, as pandoc prints without `lang`).
    @Test func languagesAndTheLocalesTheyPrintIn() async throws {
        let cases: [(settings: String, printed: String, warning: String?)] = [
            // Brazilian Portuguese's "no date" (pandoc 3.9's older locale writes "s. d.").
            ("language: pt-br\ncitation-style: apa\n", ", s.d.)", nil),
            ("language: es-AR\ncitation-style: apa\n", "(Adams et\u{A0}al., 2019, p. 3; Smith, 2020)",
             "sitegen has no locale of 'es-AR', so citations and references print with the words of es-ES (its locales of the language: es-CL, es-ES, es-MX)"),
            ("language: sw\ncitation-style: apa\n", "(Adams et al., 2019, p. 3; Smith, 2020)", "sitegen has no locale of 'sw' (it carries the 62 of the CSL project)"),
            // Russian, one of the CSL project's locales that pandoc carries too.
            ("language: ru\ncitation-style: apa\n", "(Smith, 2020; Adams и др., 2019, p. 3)", nil),
            // Arabic, whose locale has no region.
            ("language: ar\ncitation-style: apa\n", "(Smith, 2020; Adams وآخرون, 2019, p. 3)", nil),
            // As `pandoc --citeproc --csl de.csl` 3.9 prints it (German's sort puts Smith first).
            ("citation-style: de.csl\n", "(Smith, 2020; Adams et al., 2019, p. 3)", nil),
        ]
        for (settings, printed, warning) in cases {
            let site = try site(settings, body: "It does [@smith2020b; @adams2019, p. 3]. Undated [@nd].\n")
            defer { site.remove() }
            try site.write("de.csl", try #require(CSLBuiltins.styles["apa"]).replacing("<style ", with: "<style default-locale=\"de-DE\" ", maxReplacements: 1))
            try site.write("Content/bibliography/more.json", #"[{"id":"nd","type":"webpage","title":"Leaflet","URL":"https://example.org/l"}]"#)
            let report = await build(site)
            let messages: [String] = report.diagnostics.map { String($0.message.prefix(warning?.count ?? 0)) }
            let expected: [String] = warning.map { [$0] } ?? []
            #expect(messages == expected, "\(settings)")
            let page = try site.read("a/index.html").replacing(/<a href="[^"]*">|<\/a>/, with: "")
            #expect(page.contains(printed), "\(settings)")
        }
    }

    /// A label style: citations and entries by `citation-label`, pandoc's trigraph where the data gives none, told
    /// apart by year suffixes, and the label kept at the start of each entry (its margin), as `pandoc --citeproc` 3.9
    /// printed this site's article with this style ("Risk falls [Smit20a]. It does [AdBeCo19; Smit20b]."; "[AdBeCo19]
    /// A book.", "[Smit20a] A trial.", "[Smit20b] Another trial.").
    @Test func aLabelStylePrintsPandocsTrigraphs() async throws {
        let site = try site("citation-style: label.csl\n")
        defer { site.remove() }
        try site.write("label.csl", #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Label</title><id>label</id></info>"#
            + #"<citation disambiguate-add-year-suffix="true"><sort><key variable="citation-label"/></sort><layout prefix="[" suffix="]" delimiter="; "><text variable="citation-label"/></layout></citation>"#
            + #"<bibliography second-field-align="flush"><sort><key variable="citation-label"/></sort><layout><text variable="citation-label" prefix="[" suffix="]"/><text variable="title" prefix=" " suffix="."/></layout></bibliography></style>"#)
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("a/index.html")
        #expect(page.contains(##"Risk falls <span class="citation" id="cite-1">[<a href="#ref-smith2020">Smit20a</a>]</span>"##))
        #expect(page.contains(##"[<a href="#ref-adams2019">AdBeCo19</a>; <a href="#ref-smith2020b">Smit20b</a>]"##))
        #expect(page.contains(##"<li id="ref-adams2019">[AdBeCo19] A book."##))
        #expect(page.contains(##"<li id="ref-smith2020">[Smit20a] <a href="https://doi.org/10.1000/xyz">A trial</a>."##))
        #expect(page.contains(##"<li id="ref-smith2020b">[Smit20b] Another trial."##))
    }

    /// The text an author writes after a key is never lost: a cite that prints nothing once the author is left out (an
    /// MLA-like style, whose citation is the author and the locator) keeps its suffix, as pandoc 3.9 prints it ("Smith
    /// (, and elsewhere) said so", was "Smith  said so"); a comma opening an in-text citation's brackets parts the
    /// locator from the key, as pandoc reads it (APA printed "Smith (2020, , p. 3)").
    @Test func aSuffixOfACiteThatPrintsNothingIsKept() async throws {
        let body = "A @smith2020 [, p. 3] said so. B @smith2020 [and elsewhere] said so. C [-@adams2019, and elsewhere].\n"
        let site = try site("citation-style: mla.csl\n", body: body)
        defer { site.remove() }
        try site.write("mla.csl", #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Names</title><id>names</id></info>"#
            + #"<citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><names variable="author"><name form="short"/></names><text variable="locator"/></group></layout></citation>"#
            + #"<bibliography><layout><text variable="title"/></layout></bibliography></style>"#)
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
        #expect(page.contains("A Smith (3) said so. B Smith (, and elsewhere) said so. C (, and elsewhere)."))
        let apa = try self.site("citation-style: apa\n", body: body)
        defer { apa.remove() }
        #expect((await build(apa)).diagnostics.isEmpty)
        #expect(try apa.read("a/index.html").replacing(/<[^>]*>/, with: "").contains("A Smith (2020, p. 3) said so."))
    }

    /// An entry the style prints nothing of (APA's personal communication, cited in the text only) is left out of the
    /// references and of the JSON-LD, and its citations, which print as they are, link to no entry; a warning at its
    /// first citation says so, as pandoc 3.9 warns of a "Bibliography entry with no printed form". Was an empty
    /// `<li id="ref-pc">` with only its back-links, and a References heading over nothing else.
    @Test func anEntryTheStylePrintsNothingOfIsLeftOut() async throws {
        let pc = #"[{"id": "pc", "type": "personal_communication", "author": [{"family": "Fauci", "given": "Anthony Stephen"}], "issued": {"date-parts": [[2020, 4, 2]]}}]"#
        let site = try site("citation-style: apa\n", body: "A [@smith2020].\n\nB [@pc]. C @pc said.\n")
        defer { site.remove() }
        try site.write("Content/bibliography/pc.json", pc)
        let report = await build(site)
        #expect(report.diagnostics.map { "\($0.location): \($0.message)" } == [
            "Content/a.md:6:4: the citation style prints nothing of the entry 'pc' (type personal_communication) in the references, as APA and"
                + " Chicago cite a personal communication in the text only: the references leave it out, its citations print as they are",
        ])
        let page = try site.read("a/index.html")
        #expect(page.contains(##"B <span class="citation" id="cite-2">(A. S. Fauci, personal communication, April 2, 2020)</span>."##))
        #expect(page.contains(##"C <span class="citation" id="cite-3">A. S. Fauci (personal communication, April 2, 2020)</span> said."##))
        #expect(!page.contains("ref-pc") && !page.contains("Fauci\""))
        #expect(page.contains(##"<li id="ref-smith2020">"##))
        // Alone, it leaves no references at all.
        let alone = try self.site("citation-style: apa\n", body: "B [@pc].\n")
        defer { alone.remove() }
        try alone.write("Content/bibliography/pc.json", pc)
        #expect((await build(alone)).diagnostics.count == 1)
        let alonePage = try alone.read("a/index.html")
        #expect(alonePage.contains("(A. S. Fauci, personal communication, April 2, 2020)"))
        #expect(!alonePage.contains("references-heading") && !alonePage.contains("\"citation\":"))
    }

    /// Year suffixes go to the items the bibliography's keys leave equal in the order pandoc 3.9 gives them: that of
    /// their first cites that print the author (an in-text one does, `[-@key]` does not), then by key those only ever
    /// cited without it. "First (2020b). Then (Smith, 2020a).", where the suffixes followed every first cite.
    @Test func yearSuffixesPassOverCitesWithoutTheAuthor() async throws {
        let refs = #"[{"id": "zed", "type": "book", "title": "Same", "author": [{"family": "Knuth", "given": "Don"}], "issued": {"date-parts": [[1986]]}, "publisher": "P1"},"#
            + #"{"id": "alf", "type": "book", "title": "Same", "author": [{"family": "Knuth", "given": "Don"}], "issued": {"date-parts": [[1986]]}, "publisher": "P2"},"#
            + #"{"id": "mid", "type": "book", "title": "Same", "author": [{"family": "Knuth", "given": "Don"}], "issued": {"date-parts": [[1986]]}, "publisher": "P3"}]"#
        // pandoc --citeproc --csl harvard-cite-them-right.csl, over the same bodies and entries.
        let cases = [
            ("First [-@zed]. Then [@alf].\n", "First (1986b). Then (Knuth, 1986a)."),
            ("A [-@zed] [-@alf] [-@mid].\n", "A (1986c) (1986a) (1986b)."),
            ("A [-@zed] @mid said [-@alf].\n", "A (1986c) Knuth (1986a) said (1986b)."),
        ]
        for (body, printed) in cases {
            let site = try TestSite([
                "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: harvard-cite-them-right\n",
                "Content/bibliography/refs.json": refs,
                "Content/a.md": article("A", body),
            ])
            defer { site.remove() }
            #expect((await build(site)).diagnostics.isEmpty)
            let page = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
            #expect(page.contains(printed), "\(body)")
        }
    }

    /// `collapse="year-suffix"`: one author's years are parted by the cite-group delimiter, and the layout's comes
    /// only after year suffixes collapsed, as pandoc 3.9 prints Springer's author-date styles ("(Smith 2020a, 2021)",
    /// was "(Smith 2020a; 2021)"; "(Smith 2020a, b; 2021)").
    @Test func yearsOfOneAuthorAreGroupedAsPandocGroupsThem() async throws {
        let site = try site("citation-style: years.csl\n", body: "A [@smith2020; @smith2021]. B [@smith2020; @smith2020b; @smith2021].\n")
        defer { site.remove() }
        try site.write("Content/bibliography/more.json", #"[{"id": "smith2021", "type": "book", "author": [{"family": "Smith", "given": "Ann"}], "title": "Later", "issued": {"date-parts": [[2021]]}}]"#)
        try site.write("years.csl", #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Years</title><id>years</id></info>"#
            + #"<citation disambiguate-add-year-suffix="true" collapse="year-suffix" cite-group-delimiter=", "><sort><key variable="issued"/></sort>"#
            + #"<layout prefix="(" suffix=")" delimiter="; "><group delimiter=" "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group></layout></citation>"#
            + #"<bibliography><sort><key variable="issued"/></sort><layout><text variable="title"/></layout></bibliography></style>"#)
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("a/index.html").replacing(/<[^>]*>/, with: "")
        #expect(page.contains("A (Smith 2020a, 2021). B (Smith 2020a, b; 2021)."), "\(page)")
    }

    /// A numeric style that prints the number in the entry's text, with no `second-field-align` (BMC's, JACC's, the
    /// CSE citation-sequence style's "1. Taylor F, …"): the page's list numbers the entries, each once. Every entry
    /// was "1." (each printed alone, for every page that cites it), under the list's own number.
    @Test func aNumberInTheEntrysTextIsTheListsNumber() async throws {
        let style = ##"""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><title>Numbered in the text</title><id>house</id></info>
              <citation collapse="citation-number"><sort><key variable="citation-number"/></sort>
                <layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/></layout></citation>
              <bibliography><layout><text variable="citation-number" suffix=". "/><group delimiter=". " suffix=".">
                <names variable="author"><name initialize-with="" name-as-sort-order="all" sort-separator=" "/></names>
                <text variable="title"/></group></layout></bibliography>
            </style>
            """##
        let site = try site("citation-style: styles/house.csl\n")
        defer { site.remove() }
        try site.write("styles/house.csl", style)
        try site.write("Content/b.md", article("B", "First [@adams2019], then [@smith2020].\n"))
        #expect((await build(site)).diagnostics.isEmpty)
        let a = try site.read("a/index.html"), b = try site.read("b/index.html")
        #expect(a.contains(##"<li id="ref-smith2020">Smith A. <a href="https://doi.org/10.1000/xyz">A trial</a>."##))
        #expect(a.contains(##"<li id="ref-adams2019">Adams B, Bell C, Cole D. A book."##))
        #expect(b.contains(##"<li id="ref-adams2019">Adams B, Bell C, Cole D. A book."##))
        #expect(!a.contains("<li id=\"ref-smith2020b\">1. ") && !a.contains("<li id=\"ref-smith2020b\">3. "))
    }

    /// What a style asks that sitegen prints otherwise is a warning at the setting (the build said nothing): numbers
    /// in the order of an alphabetical reference list (ACM, NLM citation-name), and no <bibliography> at all
    /// (Bluebook inline), whose entries print empty.
    @Test func whatAStyleAsksThatSitegenDoesNotDoIsAWarning() async throws {
        let alphabetical = ##"""
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <citation><layout prefix="[" suffix="]"><text variable="citation-number"/></layout></citation>
              <bibliography><sort><key macro="author"/></sort><layout><text variable="title"/></layout></bibliography>
              <macro name="author"><names variable="author"/></macro>
            </style>
            """##
        let site = try site("citation-style: styles/house.csl\narticle-citation-styles: [styles/inline.csl]\n")
        defer { site.remove() }
        try site.write("styles/house.csl", alphabetical)
        try site.write("styles/inline.csl", #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation></style>"#)
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:3:17: warning: 'styles/house.csl' numbers its references in the order its reference list is sorted (by author, say), which"
                + " sitegen does not do: an article's references are numbered in the order they are first cited, and listed so",
            "sitegen.yml:4:27: warning: 'styles/inline.csl' has no <bibliography>, so every entry of an article's reference list is empty; choose a"
                + " style that has one",
        ])
        // Sorted by the citation number, a style numbers as sitegen does: nothing to say.
        try site.write("styles/house.csl", alphabetical.replacingOccurrences(of: #"<key macro="author"/>"#, with: #"<key variable="citation-number"/>"#))
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: styles/house.csl\n")
        #expect((await build(site)).diagnostics.isEmpty)
    }

    /// A term of the style's own that only its locale of another language defines prints nothing, as pandoc 3.9 prints
    /// it ("(Smith {x})", where a German document prints "(Smith [Hausbegriff] {Hausbegriffx})"): a warning at the
    /// element that asks for it, in the style file or, for a dependent style, its parent.
    @Test func aTermNoLocaleOfTheLanguageDefinesIsAWarningAtItsElement() async throws {
        let style = "<style xmlns=\"http://purl.org/net/xbiblio/csl\" class=\"in-text\" version=\"1.0\">\n"
            + "  <locale xml:lang=\"de\"><terms><term name=\"hausterm\">Hausbegriff</term></terms></locale>\n"
            + "  <citation><layout prefix=\"(\" suffix=\")\"><text macro=\"author\"/><text term=\"hausterm\" prefix=\" [\" suffix=\"]\"/>"
            + "<group prefix=\" {\" suffix=\"}\"><text term=\"hausterm\"/><text value=\"x\"/></group></layout></citation>\n"
            + "  <macro name=\"author\"><names variable=\"author\"><name form=\"short\"/></names></macro>\n"
            + "  <bibliography><layout><text variable=\"title\"/></layout></bibliography>\n</style>\n"
        let site = try site("citation-style: styles/house.csl\n", body: "Risk falls [@smith2020].\n")
        defer { site.remove() }
        try site.write("styles/house.csl", style)
        var diagnostics = await build(site).diagnostics.map(\.description)
        #expect(diagnostics == [
            "styles/house.csl:3:65: warning: the term 'hausterm' prints nothing in en-US: it is no term of CSL's, and no <locale> of the style"
                + " for this language defines it; add <term name=\"hausterm\"> to a <locale xml:lang=\"en\"> of the style, or to one without"
                + " xml:lang for every language"
        ])
        #expect(try site.read("a/index.html").contains(##"(<a href="#ref-smith2020">Smith {x}</a>)"##))
        // In German the style's own locale defines it.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\nlanguage: de\ncitation-style: styles/house.csl\n")
        diagnostics = await build(site).diagnostics.map(\.description)
        #expect(diagnostics.isEmpty)
        #expect(try site.read("a/index.html").contains(##"(<a href="#ref-smith2020">Smith [Hausbegriff] {Hausbegriffx}</a>)"##))
        // A dependent style's parent is where the term is asked for (in French, the dependent's locale).
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: styles/house.csl\n")
        try site.write("styles/parent.csl", style)
        try site.write("styles/house.csl", ##"<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="fr-FR"><info><link rel="independent-parent" href="http://www.zotero.org/styles/parent"/></info></style>"##)
        diagnostics = await build(site).diagnostics.map(\.description)
        #expect(diagnostics.map { $0.prefix(77) } == ["styles/parent.csl:3:65: warning: the term 'hausterm' prints nothing in fr-FR:"])
    }

    /// A style file of the site, a dependent style whose parent is built in or beside it (in the dependent's locale,
    /// British: single quotes); every mistake at its place.
    @Test func styleFilesAndTheirMistakes() async throws {
        let site = try site("citation-style: styles/house.csl\n")
        defer { site.remove() }
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:3:17: error: cannot read the citation style file 'styles/house.csl'; give a path relative to the site folder, or a built-in style name"
        ])
        let dependent = ##"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-GB"><info><title>House</title><link rel="independent-parent" href="http://www.zotero.org/styles/%@"/></info></style>"##
        try site.write("styles/house.csl", dependent.replacingOccurrences(of: "%@", with: "ieee"))
        #expect((await build(site)).diagnostics.isEmpty)
        #expect(try site.read("a/index.html").contains(##"<li id="ref-smith2020">A. Smith, ‘<a href="https://doi.org/10.1000/xyz">A trial</a>’, <i>J Med</i>, vol. 1, pp. 1–9, 2020"##))
        // Without a class, as some tools write dependent styles: the parent's. A style without a parent needs one.
        try site.write("styles/house.csl", dependent.replacingOccurrences(of: "%@", with: "ieee").replacingOccurrences(of: #" class="in-text""#, with: ""))
        #expect((await build(site)).diagnostics.isEmpty)
        try site.write("styles/house.csl", dependent.replacingOccurrences(of: #" class="in-text""#, with: "").replacingOccurrences(of: "independent-parent", with: "template"))
        #expect((await build(site)).diagnostics.map(\.description) == ["styles/house.csl:1:1: error: <style> needs 'class': in-text or note"])
        // A parent that is neither: the error is at the <link> that names it.
        try site.write("styles/house.csl", dependent.replacingOccurrences(of: "%@", with: "mine").replacingOccurrences(of: "<info>", with: "\n  <info>\n    "))
        #expect((await build(site)).diagnostics.map(\.description) == [
            "styles/house.csl:3:25: error: 'styles/house.csl' is a dependent style whose parent 'http://www.zotero.org/styles/mine' is neither built in nor beside it; put mine.csl next to it"
        ])
        // The page credits the style in a comment, which its title cannot end early.
        let apa = try #require(CSLBuiltins.styles["apa"])
        try site.write("styles/mine.csl", apa.replacingOccurrences(of: "<title>APA Style 7th edition</title>", with: "<title>House -- APA --></title>"))
        #expect((await build(site)).diagnostics.isEmpty)
        let page = try site.read("a/index.html")
        #expect(page.contains(##"(<a href="#ref-smith2020">Smith, 2020a</a>)"##))
        #expect(page.contains("<!-- References in the citation style “House – APA –&gt;” (http://www.zotero.org/styles/apa). This work is licensed"))
        try site.write("styles/house.csl", "<style xmlns=\"http://purl.org/net/xbiblio/csl\" class=\"in-text\" version=\"1.0\">\n  <citation><layout><text variable=\"title\"/></layout></citation>\n  <bibliogaphy/>\n</style>\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "styles/house.csl:3:3: error: unknown element <bibliogaphy> in <style>; expected <info>, <locale>, <macro>, <citation> or <bibliography>"
        ])
        try site.write("styles/house.csl", "<style class=\"note\" version=\"1.0\"><citation><layout><text variable=\"title\"/></layout></citation></style>")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "sitegen.yml:3:17: error: 'styles/house.csl' is a note style (citations in footnotes), which sitegen does not print; choose an in-text style such as vancouver or apa"
        ])
        // A style of the site without a citation-format category that prints numbers is a numeric style.
        try site.write("styles/house.csl", #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="citation-number"/></layout></citation>"#
            + #"<bibliography><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography></style>"#)
        #expect((await build(site)).diagnostics.isEmpty)
        let numbered = try site.read("a/index.html")
        #expect(numbered.contains(##"<sup class="citation" id="cite-1"><a href="#ref-smith2020""##) && !numbered.contains("unnumbered"))
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: lancet\n")
        let unknown = await build(site)
        #expect(unknown.diagnostics.map(\.description).first?.hasPrefix("sitegen.yml:3:17: error: unknown citation style 'lancet'; did you mean 'the-lancet'?") == true)
        // A style's initials name it before a name a letter away does: AMA is not APA.
        // A name with an edition or a version, or words of a style's name, names the style (`APA 7th`, `harvard1`).
        for (written, meant) in [
            ("AMA", "american-medical-association"), ("nejm", "the-new-england-journal-of-medicine"), ("apa7", "apa"), ("APA 7th", "apa"),
            ("harvard1", "harvard-cite-them-right"), ("AMA 11th edition", "american-medical-association"), ("the lancet", "the-lancet"),
            // A word of a style's name mistyped.
            ("harvrd", "harvard-cite-them-right"), ("chicgo", "chicago-author-date"),
        ] {
            try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: \(written)\n")
            let message = await build(site).diagnostics.map(\.description).first
            #expect(message?.hasPrefix("sitegen.yml:3:17: error: unknown citation style '\(written)'; did you mean '\(meant)'?") == true, "\(message ?? "")")
        }
        // A style's address (as Zotero's style pages give it) is never fetched; a built-in style's file name that is not
        // in the site names the built-in style.
        for (written, expected) in [
            ("https://www.zotero.org/styles/apa", "'https://www.zotero.org/styles/apa' is a web address; sitegen reads a style from a file, never over "
                + "the network: download the .csl file into the site folder and give its path (citation-style: styles/apa.csl), or use the "
                + "built-in style of that name: citation-style: apa"),
            ("vancouver.csl", "cannot read the citation style file 'vancouver.csl'; give a path relative to the site folder, or a built-in style "
                + "name ('vancouver' is built in: citation-style: vancouver)"),
        ] {
            try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: \(written)\n")
            #expect(await build(site).diagnostics.map(\.description).first == "sitegen.yml:3:17: error: " + expected)
        }
        // A style file's path mistyped names the file beside it; a name that is not built in and near no built-in
        // style's is not pointed at an unrelated one (`jama` was "did you mean 'apa'?", `plos-one` 'the-lancet',
        // `modern-language-association` the AMA's), but at a file of that name in the site when there is one.
        for (written, expected) in [
            ("styles/hous.csl", "cannot read the citation style file 'styles/hous.csl'; did you mean 'styles/house.csl'?"),
            ("styles/House.csl", "cannot read the citation style file 'styles/House.csl'; did you mean 'styles/house.csl'?"),
            ("styles/house", "cannot read the citation style file 'styles/house'; did you mean 'styles/house.csl'?"),
            ("house", "unknown citation style 'house'; did you mean 'styles/house.csl'? (built in: "),
            ("american-psychological-association", "unknown citation style 'american-psychological-association'; did you mean 'apa'?"),
            ("jama", "unknown citation style 'jama' (built in: "),
            ("plos-one", "unknown citation style 'plos-one' (built in: "),
            ("modern-language-association", "unknown citation style 'modern-language-association' (built in: "),
        ] {
            try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: \(written)\n")
            let message = await build(site).diagnostics.map(\.description).first
            #expect(message?.hasPrefix("sitegen.yml:3:17: error: " + expected) == true, "\(message ?? "")")
        }
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: jama\n")
        #expect(await build(site).diagnostics.first?.description.hasSuffix(
            "another style is not built in: download its .csl file into the site folder and give its path, citation-style: styles/jama.csl)") == true)
    }

    /// An article chooses another style in its front matter only when the site lists it in
    /// `article-citation-styles`; its page follows that style, the others keep the site's.
    @Test func anArticleChoosesAStyleTheSiteAllows() async throws {
        let site = try site("")
        defer { site.remove() }
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: apa\n---\n\nRisk falls [@smith2020].\n")
        let refused = await build(site)
        #expect(refused.diagnostics.map(\.description) == [
            "Content/b.md:3:17: error: this site does not let an article choose the citation style 'apa'; add it to 'article-citation-styles' in sitegen.yml, or remove this line for the site's style"
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("b/index.html").path))
        // The site's own style needs no permission.
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: vancouver\n---\n\nRisk falls [@smith2020].\n")
        #expect((await build(site)).diagnostics.isEmpty)
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: apa\n---\n\nRisk falls [@smith2020].\n")
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\narticle-citation-styles: [apa, the-lancet]\n")
        #expect((await build(site)).diagnostics.isEmpty)
        let chosen = try site.read("b/index.html")
        #expect(chosen.contains(##"Risk falls <span class="citation" id="cite-1">(<a href="#ref-smith2020">Smith, 2020</a>)</span>."##))
        #expect(chosen.contains(##"<ol class="unnumbered">"##) && chosen.contains("<!-- References in the citation style “APA Style 7th edition”"))
        let siteStyle = try site.read("a/index.html")
        #expect(siteStyle.contains(##"Risk falls<sup class="citation" id="cite-1"><a href="#ref-smith2020""##))
        #expect(siteStyle.contains("<!-- References in the citation style “Vancouver”") && !siteStyle.contains("unnumbered"))
        // A style the site does not list, near one it does; and a list entry that names no style.
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: lancet\n---\n\nRisk falls [@smith2020].\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Content/b.md:3:17: error: this site does not let an article choose the citation style 'lancet'; did you mean 'the-lancet'?"
        ])
        // A short name is pointed at the style whose file name it is the initials of, not at one two letters away.
        try site.write("styles/modern-language-association.csl", try #require(CSLBuiltins.styles["apa"]))
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\narticle-citation-styles: [apa, styles/modern-language-association.csl]\n")
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: mla\n---\n\nRisk falls [@smith2020].\n")
        #expect((await build(site)).diagnostics.map(\.description) == [
            "Content/b.md:3:17: error: this site does not let an article choose the citation style 'mla'; did you mean"
                + " 'styles/modern-language-association.csl'?"
        ])
        try site.write("Content/b.md", "---\ntitle: B\ncitation-style: lancet\n---\n\nRisk falls [@smith2020].\n")
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\narticle-citation-styles: [apa, lancet]\n")
        let broken = await build(site).diagnostics.map(\.description)
        #expect(broken.first?.hasPrefix("sitegen.yml:3:32: error: unknown citation style 'lancet'; did you mean 'the-lancet'?") == true)
        // The article that names it is pointed at the list, not told to add it there.
        #expect(broken.last == "Content/b.md:3:17: error: the citation style 'lancet' could not be read; fix it in sitegen.yml (at sitegen.yml:3:32)")
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\narticle-citation-styles: {apa: yes}\n")
        #expect((await build(site)).diagnostics.first?.description ==
            "sitegen.yml:3:26: error: 'article-citation-styles' must be a list of citation styles such as [apa, the-lancet], not a mapping")
    }
}

extension CitationStyleTests {
    /// In every built-in style a retracted source's entry is the style's text (what `formatted` gives, pandoc's), then
    /// the mark and the link to the notice its record gives; `retracted` tells a site's own template. The built-in
    /// page prints the mark too.
    @Test(arguments: CSLBuiltins.styleNames)
    func aRetractedSourceIsMarkedAfterItsEntry(style: String) async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\ncitation-style: \(style)\n",
            "Content/bibliography/refs.json": """
                [{"id": "wakefield1998", "type": "article-journal", "author": [{"family": "Wakefield", "given": "A J"}],
                  "title": "Ileal-lymphoid-nodular hyperplasia", "container-title": "Lancet", "issued": {"date-parts": [[1998]]},
                  "volume": "351", "page": "637-641", "DOI": "10.1016/S0140-6736(97)11096-0",
                  "note": "Retraction in: Lancet. 2010;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807"},
                 {"id": "taylor2014", "type": "article-journal", "author": [{"family": "Taylor", "given": "L E"}],
                  "title": "Vaccines are not associated with autism", "container-title": "Vaccine", "issued": {"date-parts": [[2014]]},
                  "volume": "32", "page": "3623-3629", "DOI": "10.1016/j.vaccine.2014.04.085"}]
                """,
            "Content/a.md": article("Does the MMR vaccine cause autism?", "It was said [@wakefield1998]. It does not [@taylor2014].\n"),
            "Content/b.md": article("B", "It was said [@wakefield1998]. It does not [@taylor2014].\n", extra: "layout: entries\n"),
            "Templates/entries.mustache": "{{#references}}<p>{{{formatted}}}|{{{html}}}|{{#retracted}}retracted{{/retracted}}</p>\n{{/references}}",
        ])
        defer { site.remove() }
        let report = await build(site)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let entries = try site.read("b/index.html").split(separator: "\n").map { $0.dropFirst(3).dropLast(4).split(separator: "|", omittingEmptySubsequences: false) }
        let retracted = try #require(entries.first { $0.count == 3 && $0[1].contains("10.1016/S0140-6736(97)") })
        let other = try #require(entries.first { $0.count == 3 && $0[1].contains("10.1016/j.vaccine") })
        let number = retracted[1].contains("reference 1\"") ? "1" : "2"
        #expect(retracted[1].hasPrefix(retracted[0] + " <span class=\"retracted\">Retracted</span> <span class=\"ref-links\"><a href=\"https://doi.org/10.1016/S0140-6736(10)60175-4\""
            + " aria-label=\"Retraction notice for reference \(number)\">Retraction notice</a> <a href=\"https://doi.org/10.1016/S0140-6736(97)11096-0\""), "\(retracted)")
        #expect(!retracted[0].contains("Retract") && retracted[2] == "retracted")
        #expect(other[1].hasPrefix(other[0] + " <span class=\"ref-links\">") && !other[1].contains("retracted") && other[2] == "", "\(other)")
        let page = try site.read("a/index.html")
        #expect(page.contains(retracted[0] + " <span class=\"retracted\">Retracted</span> <span class=\"ref-links\">"))
    }
}
