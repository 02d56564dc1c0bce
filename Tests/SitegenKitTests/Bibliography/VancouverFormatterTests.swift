import Foundation
import Testing

@testable import SitegenKit

/// Reference text compared with what `pandoc --citeproc --csl vancouver.csl` printed for the same entries
/// (pandoc 2.17; `Fixtures/golden/expected-pandoc.json`).
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
