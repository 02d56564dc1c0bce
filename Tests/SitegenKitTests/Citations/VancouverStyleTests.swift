import Foundation
import Testing

@testable import SitegenKit

/// The built-in Vancouver style's reference text compared with what `pandoc --citeproc --csl vancouver.csl` printed for the same entries
/// (pandoc 3.9; `Fixtures/golden/expected-pandoc.json`, made by `Fixtures/golden/make-golden.py`).
struct VancouverStyleTests {
    static let golden: [(key: String, expected: String)] = {
        let url = fixturesFolder.appendingPathComponent("golden/expected-pandoc.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [] }
        return object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }()

    static let references: [String: Reference] = {
        let path = "golden/entries.json"
        guard let text = try? String(contentsOf: fixturesFolder.appendingPathComponent(path), encoding: .utf8),
            let list = try? BibliographyReader().read(SourceText(path: path, text: text))
        else { return [:] }
        return Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    @Test func goldenSetIsLargeAndVaried() {
        #expect(Self.golden.count >= 50)
        let types = Set(Self.references.values.map(\.type))
        #expect(types.isSuperset(of: ["article-journal", "book", "chapter", "report", "webpage", "thesis"]))
    }

    @Test(arguments: golden.map(\.key))
    func matchesPandoc(key: String) throws {
        let reference = try #require(Self.references[key])
        let expected = try #require(Self.golden.first { $0.key == key }?.expected)
        #expect(CitationStyle.vancouver.entry(reference).text == expected)
    }

    /// The HTML is the text, escaped, with the title (and only it) inside one link when the entry has an address.
    @Test func htmlIsTheTextEscapedWithTheTitleLinked() throws {
        var odd = Reference(id: "odd", type: "webpage", location: SourceLocation(path: "x.json", line: 1, column: 1))
        odd.title = "Cats & <dogs>: \"quoted\" 'n' e\u{301}  spaced"
        odd.containerTitle = "A&B <Journal>"
        odd.url = "https://example.org/?a=1&b=<2>"
        var unlinked = odd
        unlinked.url = nil
        let all = Array(Self.references.values) + [odd, unlinked]
        #expect(all.count > 50)
        for reference in all {
            let formatted = CitationStyle.vancouver.entry(reference)
            var html = formatted.html
            if let open = html.range(of: "<a href=\""), let end = html[open.upperBound...].range(of: "\">") {
                let title = try #require(html[end.upperBound...].range(of: "</a>"))
                #expect(html[end.upperBound..<title.lowerBound].count > 1, "\(reference.id)")
                html.removeSubrange(title)
                html.removeSubrange(open.lowerBound..<end.upperBound)
            }
            #expect(!html.contains("<") && !html.contains(">") && !html.contains("\""), "\(reference.id): \(html)")
            #expect(HTMLEscaping.unescape(html) == formatted.text, "\(reference.id)")
        }
        let html = CitationStyle.vancouver.entry(odd).html
        // The address's `<` and `>`, which no address may hold, are percent-encoded in the link, as a browser sends them.
        #expect(html.contains("<a href=\"https://example.org/?a=1&amp;b=%3C2%3E\">Cats &amp; &lt;dogs&gt;: “quoted” “n” e\u{301} spaced</a>"))
        #expect(!CitationStyle.vancouver.entry(unlinked).html.contains("<a"))
    }

    /// A quote with a combining mark after it is one character but still a quote to an HTML parser: it is escaped
    /// in the text and in the link's address, so that no attribute can be closed early.
    @Test func quotesWithCombiningMarksAreEscaped() {
        var reference = Reference(id: "q", type: "article-journal", location: SourceLocation(path: "x.json", line: 1, column: 1))
        let payload = "\"\u{301} onfocus=alert(1) autofocus x=\"\u{301}"
        reference.title = payload
        reference.containerTitle = payload
        // (A space in a DOI is percent-encoded in its link: the payload needs none.)
        reference.doi = "\"\u{301}/onfocus=alert(1)/x=\"\u{301}"
        let html = CitationStyle.vancouver.entry(reference).html
        #expect(html.utf8.filter { $0 == UInt8(ascii: "\"") }.count == 2, "\(html)")
        // In the address, percent-encoded as a DOI's link is (the quote and the mark's bytes).
        #expect(html.hasPrefix("<a href=\"https://doi.org/%22%CC%81/onfocus=alert(1)/x=%22%CC%81\">"), "\(html)")
    }

    @Test func titleLinksToDOIInHTML() throws {
        let reference = try #require(Self.references["yilmaz2020"])
        let html = CitationStyle.vancouver.entry(reference).html
        #expect(html.contains("<a href=\"https://doi.org/10.1186/s13045-020-00998-9\">Chimeric antigen"))
    }

    /// A DOI with a space inside (or a NUL, which reading makes a space) links to the whole DOI, the space
    /// percent-encoded as a browser sends pandoc's `href="https://doi.org/10.1/ x"`, not to the part before the space;
    /// the text is pandoc's. PubMed's label after a DOI (`10.1/x [doi]`) is no part of its link.
    @Test func doiWithASpaceInsideLinksToTheWholeDOI() throws {
        let text = ["a": #"10.1/ x"#, "b": #"10.1/\u0000x"#, "c": #"10.1/x [doi]"#].sorted { $0.key < $1.key }.map { id, doi in
            #"{"id": "\#(id)", "type": "article-journal", "title": "T", "author": [{"family": "Smith", "given": "J"}], "#
                + #""container-title": "J", "issued": {"date-parts": [[2020]]}, "DOI": "\#(doi)"}"#
        }
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: "[" + text.joined(separator: ",\n") + "]"))
        // pandoc 3.9 with vancouver.csl: `Smith J. <a href="https://doi.org/10.1/ x">T</a>. J. 2020;` for a and b.
        let html = references.map { CitationStyle.vancouver.entry($0).html }
        #expect(html == [
            "Smith J. <a href=\"https://doi.org/10.1/%20x\">T</a>. J. 2020;",
            "Smith J. <a href=\"https://doi.org/10.1/%20x\">T</a>. J. 2020;",
            "Smith J. <a href=\"https://doi.org/10.1/x\">T</a>. J. 2020;",
        ])
        #expect(references.map { CitationStyle.vancouver.entry($0).text } == Array(repeating: "Smith J. T. J. 2020;", count: 3))
        #expect(references.map(\.doiURL) == ["https://doi.org/10.1/%20x", "https://doi.org/10.1/%20x", "https://doi.org/10.1/x"])
    }

    /// Page ranges in the style's `minimal` form, as citeproc shortens them.
    @Test(arguments: [
        ("413-446", "413–46"), ("100-105", "100–5"), ("2255-2263", "2255–63"), ("123-45", "123–45"),
        ("e123-e130", "e123–30"), ("5", "5"), ("12, 15-19", "12, 15–9"),
    ])
    func pageRanges(input: String, expected: String) {
        var reference = Reference(id: "p", type: "article-journal", location: SourceLocation(path: "x.json", line: 1, column: 1))
        reference.containerTitle = "J"
        reference.volume = "1"
        reference.page = input
        #expect(CitationStyle.vancouver.entry(reference).text == "J. 1:\(expected).")
    }
}
