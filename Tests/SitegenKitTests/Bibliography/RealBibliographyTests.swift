import Foundation
import Testing

@testable import SitegenKit

/// Real exports (`Fixtures/realbib/`, sources and licences in its SOURCES.md) read and printed as pandoc 3.9 prints
/// them with vancouver.csl (`<file>.vancouver.json`, made by `make-goldens.py`).
struct RealBibliographyTests {
    static let folder = fixturesFolder.appendingPathComponent("realbib")

    /// Every fixture with its golden texts by key.
    static let goldens: [(file: String, expected: [String: String])] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".vancouver.json") }.sorted().compactMap { name in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
            else { return nil }
            return (String(name.dropLast(".vancouver.json".count)), object)
        }
    }()

    /// What sitegen prints for each entry of a fixture, by key, and the problems reading it.
    static func printed(_ file: String) throws -> (texts: [String: String], problems: [Diagnostic]) {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let read = try BibliographyReader().readFile(SourceText(path: file, text: text))
        let texts = Dictionary(read.references.map { ($0.id, VancouverFormatter().format($0).text) }) { first, _ in first }
        return (texts, read.problems)
    }

    /// Each differing entry, for the log: key, pandoc's text, ours.
    static func differences(_ file: String, expected: [String: String]) throws -> [String] {
        let ours = try printed(file).texts
        return expected.keys.sorted().compactMap { key in
            ours[key] == expected[key] ? nil : "\(key)\n  pandoc: \(expected[key]!)\n  ours:   \(ours[key] ?? "(not read)")"
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.goldens.count >= 10)
    }

    /// How many reference texts equal pandoc's, at least, per file: raised as the readers and the formatter get
    /// closer to pandoc, so that none falls back.
    static let floors: [String: Int] = [
        "biblatex-examples.bib": 92, "jabref-chocolate.bib": 15, "jabref-zotero-better-bibtex-1641.bib": 20,
        "jabref292-jabref.bib": 6, "zotero-bbt-bibtex-zotero-better-bibtex.bib": 36,
        "zotero-bbt-biblatex-zotero-better-bibtex.bib": 55, "zotero-biblatex-timeseriesflattener.bib": 9,
    ]

    /// How many reference texts equal pandoc's, per file; the differences are printed.
    @Test(arguments: goldens.map(\.file).filter { floors[$0] != nil })
    func referenceTextsMatchPandoc(file: String) throws {
        let expected = try #require(Self.goldens.first { $0.file == file }?.expected)
        let differing = try Self.differences(file, expected: expected)
        let matching = expected.count - differing.count
        print("\(file): \(matching) of \(expected.count) equal pandoc's")
        for difference in differing { print(difference) }
        #expect(matching >= Self.floors[file] ?? expected.count, "\(file)")
    }

    /// Every bibliography fixture reads without an error.
    @Test(arguments: goldens.map(\.file).filter { floors[$0] != nil })
    func readsWithoutErrors(file: String) throws {
        let problems = try Self.printed(file).problems.filter(\.isError)
        #expect(problems.isEmpty, "\(problems)")
    }
}
