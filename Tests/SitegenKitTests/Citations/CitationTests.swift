import Testing

@testable import SitegenKit
import TestSupport

struct CitationTests {
    static let bibliography: Bibliography = {
        var bibliography = Bibliography()
        var diagnostics: [Diagnostic] = []
        let keys = ["a", "b", "c", "d", "e", "doi:10.1/x.y", "smith2020"]
        bibliography.add(
            keys.map { key in
                var reference = Reference(id: key, type: "article-journal", location: SourceLocation(path: "refs.json", line: 1, column: 1))
                reference.title = "Title \(key)"
                reference.authors = [Reference.Name(family: "Author", given: "A")]
                return reference
            }, diagnostics: &diagnostics)
        return bibliography
    }()

    /// - Parameter usesPlaceholders: ``MarkdownRenderer/usesPlaceholders``.
    func render(_ markdown: String, usesPlaceholders: Bool = true) -> (html: String, resolver: CitationResolver) {
        var resolver = CitationResolver(bibliographies: [Self.bibliography])
        var renderer = MarkdownRenderer()
        renderer.usesPlaceholders = usesPlaceholders
        let html = renderer.render(SourceText(path: "Content/x.md", text: markdown, firstLine: 4)) { resolver.resolve($0) }
        return (html, resolver)
    }

    func numbers(_ html: String) -> [String] {
        html.split(separator: "<a href=\"#").map { String($0.prefix { $0 != "\"" }) }.dropFirst().map { $0 }
    }

    /// Brackets never closed before a citation (`[@a ` twenty thousand times, then `[@a]`) are each a near miss: each
    /// looked for its `]` to the end of the text, a build of quadratic time (8,000 took 14 s); one pass finds them all.
    @Test func unclosedBracketsAreFoundInOnePass() {
        var misses = 0
        let markdown = String(repeating: "[@a ", count: 20_000) + "[@a]\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: markdown, firstLine: 4), citation: { _ in "<sup>1</sup>" }) { miss, _ in
                if case .unclosed = miss.kind { misses += 1 }
            }
        }
        #expect(misses == 20_000)
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }

    @Test func singleMarkerLinksToReference() {
        let (html, resolver) = render("Claim [@a].\n")
        #expect(html.contains("<sup class=\"citation\" id=\"cite-1\"><a href=\"#ref-a\" aria-label=\"Reference 1: Author, Title a\">1</a></sup>"))
        #expect(resolver.cited.map(\.reference.id) == ["a"])
        #expect(resolver.cited[0].citedAt == [1])
    }

    @Test func groupedMarkersAndRanges() {
        let (html, resolver) = render("One [@a]. Many [@b; @c; @d]. Pair [@a; @e].\n")
        #expect(resolver.cited.map(\.number) == [1, 2, 3, 4, 5])
        #expect(html.contains(">2</a>–<a href=\"#ref-d\""))
        #expect(html.contains(">1</a>,<a href=\"#ref-e\""))
    }

    /// Keys whose ids would be the same (`a.b` and `a-b` are both `ref-a-b`) get `-2`, `-3` in the order first cited,
    /// in a marker of one key or of several, and a key that is itself such an id takes the next.
    @Test func keysOfTheSameIdGetIdsOfTheirOwn() {
        var bibliography = Bibliography()
        var diagnostics: [Diagnostic] = []
        bibliography.add(
            ["a-b", "a.b", "a-b-2", "a:b", "c"].map { key in
                var reference = Reference(id: key, type: "article-journal", location: SourceLocation(path: "refs.json", line: 1, column: 1))
                reference.title = "Title \(key)"
                return reference
            }, diagnostics: &diagnostics)
        for (markdown, ids) in [
            ("[@a-b] [@a.b] [@a-b-2] [@a:b] [@c].\n", ["ref-a-b", "ref-a-b-2", "ref-a-b-2-2", "ref-a-b-3", "ref-c"]),
            ("[@c; @a.b] [@a-b] [@a:b; @a-b-2].\n", ["ref-c", "ref-a-b", "ref-a-b-2", "ref-a-b-3", "ref-a-b-2-2"]),
        ] {
            var resolver = CitationResolver(bibliographies: [bibliography])
            let html = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: markdown, firstLine: 1)) { resolver.resolve($0) }
            #expect(resolver.cited.map(\.id) == ids, "\(markdown)")
            #expect(numbers(html) == resolver.cited.map(\.id), "\(html)")
        }
    }

    /// A marker of several keys without affixes prints their numbers in order, each once, three or more consecutive
    /// ones as a range, as pandoc's citeproc does for a numeric style.
    @Test func markersOfSeveralKeysPrintSortedNumbersAndRanges() {
        let markers = ["[@c; @a; @b]", "[@e; @d; @d]", "[@a; @c; @e; @b; @a]", "[@b; @d]", "[@a; @b; @c; @d; @e]", "[@e; @e]", "[@d; @b; @c]"]
        let (html, _) = render("[@a] [@b] [@c] [@d] [@e]. " + markers.joined(separator: " ") + "\n")
        let shown = html.split(separator: "<sup").dropFirst(6).map { sup in
            String(sup.drop { $0 != ">" }.dropFirst().prefix { $0 != "\n" }).replacing(/<[^>]+>/, with: "").split(separator: " ").first.map(String.init) ?? ""
        }
        #expect(shown == ["1–3", "4,5", "1–3,5", "2,4", "1–5", "5", "2–4"], "\(html)")
    }

    /// A style whose citation does not collapse numbers (IEEE's has no `collapse="citation-number"`) prints each of
    /// them, as pandoc 3.9 prints `[@a; @b; @c; @d]` in it ("[1], [2], [3], [4]", not "[1]–[4]"); Vancouver's collapses.
    @Test func numbersCollapseOnlyWhereTheStyleCollapsesThem() throws {
        let markers = "[@a] [@b] [@c] [@d] [@e]. [@a; @b; @c; @d] [@e; @a; @b; @c] [@a; @b; @c, p. 4]\n"
        for (style, expected) in [("ieee", ["1,2,3,4", "1,2,3,5", "1; 2; 3, p. 4"]), ("vancouver", ["1–4", "1–3,5", "1; 2; 3, p. 4"])] {
            let formats = ReferenceFormats(style: try #require(try CitationStyle.builtIn(style, language: "en-US")))
            var resolver = CitationResolver(bibliographies: [Self.bibliography], formats: formats)
            let html = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: markers, firstLine: 1)) { resolver.resolve($0) }
            let shown = html.matches(of: /<sup class="citation"[^>]*>(.*?)<\/sup>/).dropFirst(5).map { String($0.1).replacing(/<[^>]+>/, with: "") }
            #expect(shown == expected, "\(style): \(html)")
        }
    }

    @Test func repeatKeepsItsNumber() {
        let (_, resolver) = render("[@b] then [@a] then [@b].\n")
        #expect(resolver.cited.map(\.reference.id) == ["b", "a"])
        #expect(resolver.cited[0].citedAt == [1, 3])
    }

    @Test func locatorsAndPrefixes() {
        let (html, _) = render("See [see @a, p. 33] and [@b, chap. 2].\n")
        #expect(html.contains("see <a href=\"#ref-a\""))
        #expect(html.contains("<span class=\"locator\">, p. 33</span>"))
        #expect(html.contains("<span class=\"locator\">, chap. 2</span>"))
        // Text after the key as written, as pandoc keeps it: after a comma, a space or nothing; a locator after a comma.
        // A suffix that is no locator (no label of the locale's, `table 2`) is marked as a suffix.
        let (written, _) = render("[@c: 45], [@d and elsewhere], [@e p. 4], [@a, and elsewhere], [@b, table 2].\n")
        #expect(written.contains("<span class=\"suffix\">: 45</span>"))
        #expect(written.contains("<span class=\"suffix\"> and elsewhere</span>"))
        #expect(written.contains("<span class=\"locator\">, p. 4</span>"))
        #expect(written.contains("<span class=\"suffix\">, and elsewhere</span>"))
        #expect(written.contains("<span class=\"suffix\">, table 2</span>"))
    }

    /// A number alone after a key is a page, as pandoc reads it: printed with the word for a page ("1, p. 583", not
    /// "1, 583", which reads as the sources 1 and 583), and a range with an en dash, as pandoc 3.9 prints a page
    /// locator (IEEE's "[1, pp. 583–585]", APA's "p. 583"); a label as written, and the text after the locator.
    @Test func aNumberAloneIsAPageWithItsLabel() {
        let (html, _) = render("[@a, 583] [@b, 583-585] [@c, pp. 583-585] [@d, 4, and elsewhere] [@e, chap. 3-4] @a [12--14] [@b, {7-9}].\n")
        let locators = html.split(separator: "<span class=\"locator\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(locators == [", p. 583", ", pp. 583–585", ", pp. 583–585", ", p. 4, and elsewhere", ", chap. 3–4", ", pp. 12–14", ", 7-9"], "\(html)")
    }

    /// One source listed twice: keys that differ only in case (which BibTeX reads as one key), or two entries of the
    /// same DOI or PMID, cited in one article, are a warning at the second's first citation, naming the first.
    @Test func oneWorkCitedByTwoEntriesIsAWarning() {
        func entry(_ key: String, doi: String? = nil, pmid: String? = nil, line: Int) -> Reference {
            var reference = Reference(id: key, type: "article-journal", location: SourceLocation(path: "refs.json", line: line, column: 3))
            reference.title = "Title"
            (reference.doi, reference.pmid) = (doi, pmid)
            return reference
        }
        var site = Bibliography(), own = Bibliography()
        var diagnostics: [Diagnostic] = []
        site.add([entry("ctt2012", doi: "10.1016/S0140-6736(12)60367-5", line: 2), entry("kim", pmid: "22607822", line: 3),
                  entry("other", doi: "10.1/other", line: 4)], diagnostics: &diagnostics)
        own.add([entry("CTT2012", doi: "https://doi.org/10.1016/s0140-6736(12)60367-5", line: 5), entry("lee", pmid: "22607822", line: 6)],
                diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        var resolver = CitationResolver(bibliographies: [own, site])
        _ = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: "[@ctt2012; @kim] [@other]\n\n[@CTT2012] [@lee].\n", firstLine: 1)) {
            resolver.resolve($0)
        }
        #expect(resolver.diagnostics.map(\.description) == [
            "Content/x.md:3:2: warning: 'CTT2012' (at refs.json:5:3) differs only in case from 'ctt2012', cited before (at refs.json:2:3), which BibTeX"
                + " reads as the same key: the paper is listed twice in the references; cite 'ctt2012' here too (and remove the other entry, unless"
                + " another article cites it)",
            "Content/x.md:3:13: warning: 'lee' (at refs.json:6:3) has the PMID of 'kim', cited before (22607822), and so is the same paper: the paper"
                + " is listed twice in the references; cite 'kim' here too (and remove the other entry, unless another article cites it)",
        ])
        // Of one bibliography, the second key is a warning where it is defined.
        own.add([entry("Lee", line: 7)], diagnostics: &diagnostics)
        #expect(diagnostics.map(\.description) == [
            "refs.json:7:3: warning: bibliography key 'Lee' differs only in case from 'lee' (at refs.json:6:3), which BibTeX and biber read as the"
                + " same key given twice: if they are one work, remove this entry and cite 'lee'; if not, give one a key of its own"
        ])
    }

    /// An entry of the article's own bibliography whose key the site's defines otherwise is a warning at its first citation
    /// that names what differs; alike but for their places, or not cited, the two are said nothing of.
    @Test func anOwnEntryThatTheSitesDefinesOtherwiseIsAWarningAtItsCitation() {
        func entry(_ key: String, _ path: String, title: String = "Title", year: Int = 2020, notices: [String] = []) -> Reference {
            var reference = Reference(id: key, type: "article-journal", location: SourceLocation(path: path, line: 1, column: 1))
            (reference.title, reference.issued, reference.notices) = (title, .init(year: year), notices)
            return reference
        }
        var site = Bibliography(), own = Bibliography()
        var diagnostics: [Diagnostic] = []
        site.add(["alike", "two", "noted", "uncited"].map { entry($0, "Content/bibliography/lib.bib") }, diagnostics: &diagnostics)
        own.add([entry("alike", "Content/refs.bib"), entry("two", "Content/refs.bib", title: "Other", year: 2021),
                  entry("noted", "Content/refs.bib", notices: ["Erratum in: J. 2021"]), entry("uncited", "Content/refs.bib", title: "Other")],
                diagnostics: &diagnostics)
        var resolver = CitationResolver(bibliographies: [own, site])
        _ = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: "[@alike] [@two; @noted] [@two]\n", firstLine: 1)) {
            resolver.resolve($0)
        }
        let fix = ": if they are one work, make the two alike (or remove one); if not, give one of them a key of its own"
        #expect(resolver.diagnostics.map(\.description) == [
            "Content/x.md:1:11: warning: 'two' is the entry at Content/refs.bib:1:1, the article's own, which its references print; the one of"
                + " that key site-wide (at Content/bibliography/lib.bib:1:1) differs in issued and title" + fix,
            "Content/x.md:1:17: warning: 'noted' is the entry at Content/refs.bib:1:1, the article's own, which its references print; the one of"
                + " that key site-wide (at Content/bibliography/lib.bib:1:1) differs in retraction and erratum notices" + fix,
        ])
    }

    /// The author named in the sentence (`@key showed`) with an apostrophe as the entry prints it (’, as pandoc prints
    /// a CSL-JSON name's; as typed in a RIS name, whose quotation marks are characters, and in a BibTeX name, where
    /// only `\textquotesingle` leaves a straight one, `'` itself being read as ’).
    @Test func anInTextAuthorsApostropheIsTheEntrys() {
        var bibliography = Bibliography()
        var diagnostics: [Diagnostic] = []
        bibliography.add(["refs.json", "refs.bib", "refs.ris"].enumerated().map { index, path in
            var reference = Reference(id: "k\(index)", type: "article-journal", location: SourceLocation(path: path, line: 1, column: 1))
            reference.authors = [Reference.Name(literal: "Cholesterol Treatment Trialists' (CTT) Collaborators")]
            return reference
        }, diagnostics: &diagnostics)
        var resolver = CitationResolver(bibliographies: [bibliography])
        let html = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: "@k0 showed, @k1 showed, @k2 showed.\n", firstLine: 1)) {
            resolver.resolve($0)
        }
        #expect(html.split(separator: "Trialists’ (CTT) Collaborators<sup", omittingEmptySubsequences: false).count == 2, "\(html)")
        let asTyped = ["Trialists&#39; (CTT) Collaborators<sup", "Trialists' (CTT) Collaborators<sup"].map {
            html.split(separator: $0, omittingEmptySubsequences: false).count - 1
        }
        #expect(asTyped.reduce(0, +) == 2, "\(html)")
    }

    /// A numeric marker's numbers in pandoc 3.9's order (`pandoc --citeproc` with `american-medical-association.csl`,
    /// which prints locators, of these markers after `[@a]` … `[@e]`): a source with a prefix or a suffix stays where
    /// it is written, the ones between such sources sort among themselves, and a number with a locator joins no range.
    /// Pandoc prints `[@b; @b; @a]` "1,2,2"; sitegen prints each number once, and separates the sources of a marker
    /// with a prefix, a suffix or a locator by semicolons (pandoc's AMA: "3,see 5,1,2"), where a comma would read as
    /// one more number ("2, fig. 2,3").
    @Test func numbersWithAffixesSortAsPandocSortsThem() {
        let markers = [
            "[@c; see @e; @a; @b]", "[see @e; @c; @a]", "[@c, and more; @a; @b]", "[see @c; @d; @e]", "[@e; @d; see @c]",
            "[@d; @a; @c, and more; @b; @e]", "[@c; @e, p. 4; @d]", "[@e; @d, p. 4; @d]", "[@e; @d; @c; @b]", "[@b; @b; @a]",
        ]
        let (html, _) = render("[@a] [@b] [@c] [@d] [@e]\n\n" + markers.map { "X \($0)." }.joined(separator: " ") + "\n")
        // The text of each superscript after the first five, its tags left out.
        let texts = html.split(separator: "<sup class=\"citation\"").dropFirst(6).map { sup in
            String(sup[..<(sup.firstRange(of: "</sup>")?.lowerBound ?? sup.endIndex)].drop { $0 != ">" }.dropFirst()).replacing(/<[^>]+>/, with: "")
        }
        #expect(texts == [
            "3; see 5; 1; 2", "see 5; 1; 3", "3, and more; 1; 2", "see 3; 4; 5", "4; 5; see 3",
            "1; 4; 3, and more; 2; 5", "3; 4; 5, p. 4", "4, p. 4; 4; 5", "2–5", "1,2",
        ])
    }

    @Test(arguments: [
        "Escaped [\\@a] stays.\n", "Code `[@a]` stays.\n", "    [@a] in code block\n", "<span title=\"[@a]\">x</span>\n", "<div>\n[@a]\n</div>\n",
        "[link](http://x/[@a])\n", "<http://x.org/[@a]>\n", "Mail me at [me@a.org].\n", "Entity [&#64;a] stays.\n",
        "[text [@a]](http://x)\n",
    ])
    func notCitations(markdown: String) {
        let (_, resolver) = render(markdown)
        #expect(resolver.cited.isEmpty)
        #expect(resolver.diagnostics.isEmpty)
    }

    /// An escaped `[` (or one written as an entity) makes the marker literal text, as the specification says of
    /// `\[@key]` (pandoc would cite the key in the text: "[Kim (2019)]"); a key cited in the text elsewhere is cited.
    @Test(arguments: ["Escaped \\[@a] stays.\n", "Entity &#91;@a] stays.\n"])
    func anEscapedBracketMakesTheMarkerText(markdown: String) {
        let (html, resolver) = render(markdown)
        #expect(resolver.cited.isEmpty)
        #expect(resolver.diagnostics.isEmpty)
        #expect(html.contains("[@a] stays."), "\(html)")
        let (_, inText) = render("As @a wrote, \\[@a] stays.\n")
        #expect(inText.cited.count == 1)
    }

    /// Brackets that are no citation (a last `;` that no source follows) are text, and each `@key` in them an in-text
    /// citation, after a `;` too, as pandoc reads `[@a;@b;]`.
    @Test func keysInBracketsThatAreNoCitationAreEachCitedInTheText() {
        let (html, resolver) = render("E [@a;@b;].\n")
        #expect(resolver.cited.map(\.reference.id) == ["a", "b"])
        #expect(!html.contains("@b"), "\(html)")
    }

    @Test func markerSpanningALineBreak() {
        let (html, resolver) = render("Claim [@a;\n@b] and more\ntext.\n")
        #expect(resolver.cited.count == 2)
        #expect(html.hasSuffix("</sup> and more\ntext.</p>\n"))
        let (afterEmphasis, second) = render("*Emphasis*\nthen [@c].\n")
        #expect(second.cited.count == 1)
        #expect(afterEmphasis.hasPrefix("<p><em>Emphasis</em>\nthen<sup"))
    }

    /// A superscript number sits on the word before it, as pandoc sets a superscript citation ("risk¹", where "risk ¹"
    /// let a line wrap the number away from its word): the spaces and soft line break written before the marker are
    /// left out, by the quick way and the other alike; a hard break stays, and so does a marker printed as written.
    @Test func aSuperscriptSitsOnTheWordBeforeIt() {
        for usesPlaceholders in [true, false] {
            let (html, _) = render("Risk falls [@a]. Over a\n[@b] line. After a break\\\n[@a]. Unknown [@nobody].\n", usesPlaceholders: usesPlaceholders)
            #expect(html.contains("Risk falls<sup class=\"citation\" id=\"cite-1\">"), "\(html)")
            #expect(html.contains("Over a<sup class=\"citation\" id=\"cite-2\">"), "\(html)")
            #expect(html.contains("After a break<br />\n<sup class=\"citation\" id=\"cite-3\">"), "\(html)")
            #expect(html.contains("Unknown [@nobody]."), "\(html)")
            // Between two citations the space stays: "¹²" would read as twelve.
            let (two, _) = render("Two [@a] [@b].\n", usesPlaceholders: usesPlaceholders)
            #expect(two.contains("Two<sup class=\"citation\" id=\"cite-1\">") && two.contains("</sup> <sup class=\"citation\" id=\"cite-2\">"), "\(two)")
        }
    }

    @Test func keysWithPunctuationGetValidUniqueIds() {
        let (html, _) = render("[@doi:10.1/x.y] and [@smith2020].\n")
        #expect(html.contains("href=\"#ref-doi-10-1-x-y\""))
    }

    @Test func markerInsideEmphasisAndHeadings() {
        let (html, resolver) = render("# Title [@a]\n\n*Emphasis [@b]*\n\n> - quoted [@c]\n")
        #expect(resolver.cited.count == 3)
        #expect(html.contains("<h1>Title<sup"))
    }

    @Test func unknownKeyIsAnErrorAtItsPositionWithSuggestion() {
        let (html, resolver) = render("Line one.\nSee [@a; @smith2021] here.\n")
        #expect(resolver.diagnostics.map(\.description) == [
            "Content/x.md:5:10: error: unknown citation key 'smith2021'; did you mean 'smith2020'?"
        ])
        #expect(html.contains("[@a; @smith2021]"))
    }

    /// A marker's place counts the source's columns, not the text's: an entity or a backslash escape before it on
    /// its line, a line break inside its paragraph. An escaped bracket is no marker.
    @Test func markerPlacesCountSourceColumnsAfterEntitiesEscapesAndLineBreaks() {
        let (_, resolver) = render("Caf&eacute; \\*not\\* [@x1] and\ncaf&#233; [@x2; @smith2021]. \\[@x3] ok\n")
        let messages = resolver.diagnostics.map(\.description)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.first?.hasPrefix("Content/x.md:4:22: error: unknown citation key 'x1'") == true, "\(messages)")
        #expect(messages.dropFirst().first?.hasPrefix("Content/x.md:5:12: error: unknown citation key 'x2'") == true, "\(messages)")
        #expect(messages.last == "Content/x.md:5:17: error: unknown citation key 'smith2021'; did you mean 'smith2020'?")
    }

    /// An escaped bracket makes all it holds text, not only its first key: `\\[@a; @b]` cited `b` in the sentence, and
    /// `\\[see @a]` cited `a`, as in-text citations. A key after its `]` is cited as ever.
    @Test func anEscapedBracketKeepsEveryKeyInItFromBeingCited() {
        for markdown in ["Write \\[@a; @b] here.\n", "Write \\[see @a] or &#91;@b; @c] here.\n", "Write \\[@a;\n@b] here.\n"] {
            let (html, resolver) = render(markdown)
            #expect(resolver.cited.isEmpty, "\(markdown): \(html)")
            #expect(!html.contains("<sup"), "\(markdown): \(html)")
        }
        let (_, resolver) = render("Write \\[@a] and then @b says.\n")
        #expect(resolver.cited.map(\.reference.id) == ["b"])
    }

    /// Entities side by side that decode to bytes beyond ASCII (`&nbsp;&nbsp;`, `&ge;&ge;`) each line up with their
    /// own source: the second's bytes were taken as the first's, the marker after them read as not written as itself
    /// and printed as text, an unknown key in it published without a word.
    @Test(arguments: [true, false])
    func entitiesSideBySideBeforeAMarkerKeepItACitation(usesPlaceholders: Bool) {
        let (html, resolver) = render("By a fifth.&nbsp;&nbsp;[@a] and &ge;&ge; [@b], &copy;&copy;[@nobody].\n", usesPlaceholders: usesPlaceholders)
        #expect(resolver.cited.map(\.reference.id) == ["a", "b"], "\(html)")
        #expect(!html.contains("[@a]") && !html.contains("[@b]"), "\(html)")
        #expect(resolver.diagnostics.map { $0.description.prefix(55) } == ["Content/x.md:4:61: error: unknown citation key 'nobody'"], "\(html)")
    }

    @Test func outputWithoutCitationsIsCmarks() {
        let (html, _) = render("# Hi\n\nA *b* <i>c</i>\n")
        #expect(html == "<h1>Hi</h1>\n<p>A <em>b</em> <!-- raw HTML omitted -->c<!-- raw HTML omitted --></p>\n")
    }

    /// Keys and element ids are read byte by byte when they are ASCII; they must come out exactly as the rule by
    /// characters gives them, whatever follows (combining marks, other scripts, punctuation, CR LF).
    @Test func byteWiseKeysAndIdsMatchTheRuleByCharacters() {
        var rng = IncrementalBuildTests.Generator(state: 7)
        let pieces = ["a", "Z", "0", "_", "-", ".", ":", "/", "?", "+", "~", " ", ",", ";", "]", "\u{301}", "é", "ß", "中", "٣", "\r\n", "\n", "{", "}", "@"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            let fast = CitationScanner.key(bytes, from: 0, to: bytes.count)
            let reference = bytes.first == UInt8(ascii: "{") ? fast : CitationScanner.characterKey(bytes, from: 0, to: bytes.count)
            #expect(fast?.0 == reference?.0 && fast?.1 == reference?.1, "key of \(text.debugDescription)")
            #expect(CitationResolver.elementId(for: text) == CitationResolver.characterElementId(for: text), "id of \(text.debugDescription)")
        }
        #expect(CitationScanner.asciiKey(Array("smith2020, p. 4".utf8), from: 0, to: 15)?.0 == "smith2020")
        // pandoc's rule: a punctuation mark belongs to the key when a letter, digit or `_` follows it, or a `/` follows
        // a `:` or `/` (checked against pandoc 3.9: `[@smith--jones]` cites `smith`).
        for (written, key) in [
            ("smith--jones", "smith"), ("smith::x", "smith"), ("smith.-y", "smith"), ("a-b.c:d", "a-b.c:d"), ("http://x.org/a", "http://x.org/a"),
            ("a:/b", "a:/b"), ("a./b", "a"), ("smith2020.", "smith2020"), ("é--ü", "é"), ("é-ü", "é-ü"),
        ] {
            let bytes = Array(written.utf8)
            #expect(CitationScanner.key(bytes, from: 0, to: bytes.count)?.0 == key, "\(written)")
        }
        #expect(CitationScanner.asciiKey(Array("e\u{301}".utf8), from: 0, to: 3) == nil)
        #expect(CitationResolver.elementId(for: "doi:10.1/x.y") == "ref-doi-10-1-x-y")
    }

    /// An author-date citation's HTML replaces its placeholder (U+E000, its index, U+E001); anything else that looks
    /// like one (an index out of range, no digits, no closing mark, the private-use characters in the text) stays.
    @Test func placeholdersAreReplacedAndLookalikesKept() {
        let texts = ["(A, 2020)", "(B, 2021)"]
        func replaced(_ body: String) -> String { CitationResolver.replacingPlaceholders(in: body, with: texts) }
        #expect(replaced("<p>x \u{E000}0\u{E001}. y\u{E000}1\u{E001}</p>") == "<p>x (A, 2020). y(B, 2021)</p>")
        #expect(replaced("\u{E000}1\u{E001}\u{E000}0\u{E001}") == "(B, 2021)(A, 2020)")
        #expect(replaced("é\u{E000}0\u{E001}中 “\u{E000}1\u{E001}” 😀") == "é(A, 2020)中 “(B, 2021)” 😀")
        for kept in ["", "plain é 中", "\u{E000}2\u{E001}", "\u{E000}\u{E001}", "\u{E000}0", "a\u{E000}", "\u{E001}0\u{E000}", "\u{E000}0x\u{E001}", "\u{E002}0\u{E001}"] {
            #expect(replaced(kept) == kept, "\(kept.debugDescription)")
        }
        #expect(replaced("\u{E000}\u{E000}0\u{E001}!") == "\u{E000}(A, 2020)!")
    }

    /// The scanner looks only at the bytes `marks` finds eight at a time: every `[`, `]` and `@`, wherever it falls
    /// in a chunk, next to bytes that differ from them by one bit, and in the last bytes of a run.
    @Test func theScannerFindsEveryBracketAndAt() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("[]@ZA{}?`\\ aé\n".utf8) + [0x5A, 0x5C, 0x40 ^ 0x80, 0xDB]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = bytes.indices.filter { [UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@")].contains(bytes[$0]) }
            #expect(CitationScanner.marks(bytes) == expected, "\(bytes)")
        }
    }

    /// The entries printed in a build are shared by key; one printed from another bibliography (an article's own file
    /// that defines the key differently, a file read again in `serve`) is never taken for this one's.
    @Test func anEntryPrintedFromAnotherBibliographyIsNotTakenForThisOnes() {
        func bibliography(_ title: String) -> Bibliography {
            var reference = Reference(id: "k", type: "book", location: SourceLocation(path: "\(title).json", line: 1, column: 1))
            reference.title = title
            var bibliography = Bibliography(), diagnostics: [Diagnostic] = []
            bibliography.add([reference], diagnostics: &diagnostics)
            return bibliography
        }
        let site = bibliography("Site"), own = bibliography("Own"), sameAsSite = bibliography("Site")
        let formats = ReferenceFormats()
        #expect(formats.printed("k", in: site)?.reference.title == "Site")
        #expect(formats.printed("k", in: own)?.reference.title == "Own")
        #expect(formats.printed("k", in: Bibliography()) == nil)
        let first = formats.printed("k", in: site)
        #expect(first?.reference.title == "Site")
        // The same entry read again is printed once.
        #expect(formats.printed("k", in: sameAsSite) === first)
        #expect(site.version != sameAsSite.version && site.version != own.version)
    }
}

extension CitationTests {
    /// A reference's links: DOI, PubMed, PMC and its web page, each once. A web page that is its PubMed or PMC record
    /// (pandoc's address for a BibLaTeX `eprint` of PubMed's) is not linked again as "Link"; a `PMID:` or `PMCID:`
    /// line of the note gives the record links.
    @Test func referenceLinksNameEachRecordOnce() {
        func links(_ configure: (inout Reference) -> Void) -> [String] {
            var reference = Reference(id: "k", type: "article-journal", location: SourceLocation(path: "refs.json", line: 1, column: 1))
            configure(&reference)
            let text = PrintedReference.make(reference, formatted: FormattedReference(text: "", html: ""), cslItem: nil).pageText
            let html = (0..<text.pieceCount).map { text.listPiece($0) }.joined(separator: "1")
            return html.split(separator: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        #expect(links { $0.pmid = "30123456"; $0.url = "https://www.ncbi.nlm.nih.gov/pubmed/30123456" } == ["https://pubmed.ncbi.nlm.nih.gov/30123456/"])
        #expect(links { $0.pmcid = "PMC123"; $0.url = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/" } == ["https://pmc.ncbi.nlm.nih.gov/articles/PMC123/"])
        #expect(links { $0.pmid = "1"; $0.url = "https://example.org/trial" } == ["https://pubmed.ncbi.nlm.nih.gov/1/", "https://example.org/trial"])
        #expect(links { $0.otherFields["note"] = "Publisher: x\nPMID: 31234567\nPMCID: PMC7654321" } == [
            "https://pubmed.ncbi.nlm.nih.gov/31234567/", "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/",
        ])
    }
}

extension CitationTests {
    /// Raised and lowered text in a title (`E = mc<sup>2</sup>`) prints in `<sup>` and `<sub>` in HTML, and in the
    /// plain text a reader gets elsewhere (the entry's text in the page's JSON-LD, a marker's accessible name, the
    /// JSON-LD item's name) as pandoc's plain writer prints it: in Unicode's superscripts and subscripts where each
    /// character has one (mc², H₂O, 10⁻³, CD4⁺), else in `^(…)`, which keeps what "mc2" and "xn+1" lose. The entry's
    /// text is pandoc's (`pandoc --citeproc --bibliography t.json --csl vancouver.csl -t plain`).
    @Test func raisedTextInATitleIsPlainTextAsPandocPrintsIt() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "e1", "type": "article-journal", "author": [{"family": "Einstein", "given": "Albert"}], "container-title": "Ann Phys",
              "title": "E = mc<sup>2</sup> and H<sub>2</sub>O at 10<sup>-3</sup> M, x<sup>n+1</sup>, CD4<sup>+</sup> cells, <sup>99m</sup>Tc and 10<sup>th</sup>",
              "issued": {"date-parts": [[1905]]}}]
            """#))
        let reference = try #require(references.first)
        let formatted = CitationStyle.vancouver.entry(reference)
        #expect(formatted.text == "Einstein A. E = mc² and H₂O at 10⁻³ M, x^(n+1), CD4⁺ cells, ^(99m)Tc and 10^(th). Ann Phys. 1905;")
        #expect(formatted.html.hasPrefix("Einstein A. E = mc<sup>2</sup> and H<sub>2</sub>O at 10<sup>-3</sup> M, x<sup>n+1</sup>,"))
        let page = PrintedReference.make(reference, formatted: formatted, cslItem: nil).pageText
        let title = "E = mc² and H₂O at 10⁻³ M, x^(n+1), CD4⁺ cells, ^(99m)Tc and 10^(th)"
        #expect(page.markerLabel == "Einstein 1905, " + title)
        #expect(page.jsonLDItem.contains(#""name":"\#(title)""#), "\(page.jsonLDItem)")
    }
}

extension CitationTests {
    /// A title in CSL's rich text (`<i>` for a species, as Zotero writes it) is printed styled in the entry, and read
    /// as its words in a marker's accessible name and where a sentence names the source by its title, raised text
    /// in Unicode's superscripts (`<sup>2</sup>H` is ²H, not 2H), as pandoc's plain writer prints it.
    @Test func aTitlesMarkupIsNotReadAloud() {
        var bibliography = Bibliography()
        var diagnostics: [Diagnostic] = []
        var reference = Reference(id: "lacto", type: "webpage", location: SourceLocation(path: "refs.json", line: 1, column: 1))
        reference.title = "Effect of <i>Lactobacillus</i> on <sup>2</sup>H & “x”"
        bibliography.add([reference], diagnostics: &diagnostics)
        var resolver = CitationResolver(bibliographies: [bibliography])
        let html = MarkdownRenderer().render(SourceText(path: "Content/x.md", text: "As @lacto [p. 2] says.\n", firstLine: 4)) { resolver.resolve($0) }
        #expect(html.contains("<p>As Effect of Lactobacillus on ²H &amp; “x”<sup class=\"citation\""), "\(html)")
        #expect(html.contains("aria-label=\"Reference 1: Effect of Lactobacillus on ²H &amp; “x”, Effect of Lactobacillus on ²H &amp; “x”\""), "\(html)")
        #expect(resolver.cited.first?.printed.formatted.html.contains("<i>Lactobacillus</i>") == true)
    }
}

extension CitationTests {
    /// A retracted source is marked after its entry, in words, and links the notice of its retraction only when a
    /// notice gives the notice's DOI or PMID (PubMed's `RIN`, kept in a note): none is made up from a notice without
    /// one, a retitled title, or the notice of a republished version (whose identifiers are the new article's).
    @Test(arguments: [
        ("Retraction in: Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807", nil,
         "https://doi.org/10.1016/S0140-6736(10)60175-4"),
        ("Retraction in: J Med. 2020;5:6. PMID: 456", nil, "https://pubmed.ncbi.nlm.nih.gov/456/"),
        ("Retracted: https://doi.org/10.1/notice.", nil, "https://doi.org/10.1/notice"),
        ("Retracted: Lancet 2010;375:445", nil, nil),
        ("Retracted and republished in: N Engl J Med. 2018;378(25):e34. doi: 10.1056/NEJMoa1800389. PMID: 29897866", nil, nil),
        (nil, "RETRACTED: A trial of x", nil),
    ] as [(String?, String?, String?)])
    func aRetractedSourceIsMarkedAndLinksItsNoticeOnlyWhenKnown(notice: String?, title: String?, link: String?) {
        var reference = Reference(id: "k", type: "article-journal", location: SourceLocation(path: "refs.json", line: 1, column: 1))
        reference.notices = notice.map { [$0] } ?? []
        reference.title = title
        reference.pmid = "9500320"
        let text = PrintedReference.make(reference, formatted: FormattedReference(text: "Entry.", html: "<i>Entry</i>."), cslItem: nil).pageText
        let html = (0..<text.pieceCount).map { text.listPiece($0) }.joined(separator: "1")
        let notice = link.map { "<a href=\"\($0)\" aria-label=\"Retraction notice for reference 1\">Retraction notice</a> " } ?? ""
        #expect(html == "<i>Entry</i>. <span class=\"retracted\">Retracted</span> <span class=\"ref-links\">\(notice)"
            + "<a href=\"https://pubmed.ncbi.nlm.nih.gov/9500320/\" aria-label=\"PubMed record for reference 1\">PubMed</a></span> <span class=\"backlinks\">")
    }

    /// A source that is not retracted has no mark, nor a link from a notice of another kind (an erratum's DOI).
    @Test func aSourceThatIsNotRetractedIsNotMarked() {
        var reference = Reference(id: "k", type: "article-journal", location: SourceLocation(path: "refs.json", line: 1, column: 1))
        reference.notices = ["Erratum in: Lancet. 2004;363(9411):750. doi: 10.1016/S0140-6736(04)15715-2."]
        reference.title = "Retractor blades compared"
        let text = PrintedReference.make(reference, formatted: FormattedReference(text: "Entry.", html: "Entry."), cslItem: nil).pageText
        #expect((0..<text.pieceCount).map { text.listPiece($0) } == ["Entry. <span class=\"backlinks\">"])
    }
}
