import Foundation
import Testing

@testable import SitegenKit

/// Reference text compared with what `pandoc --citeproc --csl vancouver.csl` printed for the same entries
/// (pandoc 3.9; `Fixtures/golden/expected-pandoc.json`, made by `Fixtures/golden/make-golden.py`).
struct VancouverFormatterTests {
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
        #expect(VancouverFormatter().format(reference).text == expected)
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
            let formatted = VancouverFormatter().format(reference)
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
        let html = VancouverFormatter().format(odd).html
        #expect(html.contains("<a href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\">Cats &amp; &lt;dogs&gt;: &quot;quoted&quot; ’n’ e\u{301} spaced</a>"))
        #expect(!VancouverFormatter().format(unlinked).html.contains("<a"))
    }

    /// Runs of spaces become one, and none is left at either end; a space with a combining mark is not a space.
    @Test func collapseSpacesKeepsTheRuleByCharacters() {
        func byCharacters(_ text: String) -> String {
            var result = ""
            for character in text where !(character == " " && (result.last == " " || result.isEmpty)) { result.append(character) }
            while result.last == " " { result.removeLast() }
            return result
        }
        let pieces = ["a", " ", "  ", "\u{301}", "é", "b.", "\u{E000}", "\n"]
        var generator = SystemRandomNumberGenerator()
        var samples = ["", " ", "  ", "a b", "a  b", " a", "a ", " \u{301}a", "a \u{301} b", "a  \u{301}b"]
        for _ in 0..<2_000 { samples.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for sample in samples {
            #expect(VancouverFormatter.collapseSpaces(sample) == byCharacters(sample), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func titleLinksToDOIInHTML() throws {
        let reference = try #require(Self.references["yilmaz2020"])
        let html = VancouverFormatter().format(reference).html
        #expect(html.contains("<a href=\"https://doi.org/10.1186/s13045-020-00998-9\">Chimeric antigen"))
    }

    @Test(arguments: [
        ("413-446", "413–46"), ("100-105", "100–5"), ("2255-2263", "2255–63"), ("123-45", "123–45"),
        ("e123-e130", "e123–30"), ("5", "5"), ("12, 15-19", "12, 15–9"),
    ])
    func pageRanges(input: String, expected: String) {
        #expect(VancouverFormatter.pageRange(input) == expected)
    }
}
