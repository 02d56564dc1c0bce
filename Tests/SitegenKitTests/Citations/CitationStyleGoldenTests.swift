import CSL
import Foundation
import Testing

@testable import SitegenKit

/// Every built-in style on the bibliographies as sitegen's own readers read them: the shipped BibTeX file and each
/// real export of `Fixtures/realbib/`, against what pandoc 3.9 prints for the same file
/// (`Tests/CSLTests/Fixtures/pandoc/<style>.json`, made by `make-pandoc-golden.py`; a real export's texts are under
/// its `.csl.json`, pandoc's own reading of it). Entries known to differ are listed with a reason in
/// `Fixtures/style-differences.txt`; the test fails when an entry differs without being listed, or is listed and no
/// longer differs. `SITEGEN_STYLE_DIFFERENCES=FILE` writes every difference to FILE.
struct CitationStyleGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let goldens = root.appendingPathComponent("Tests/CSLTests/Fixtures/pandoc")

    /// The entries of an input of the goldens as sitegen reads them: the export itself for a `.csl.json` of
    /// `realbib/`, the file for a BibTeX one; nil for the CSL-JSON inputs the CSL module's tests compare.
    static func references(_ input: String) throws -> [Reference]? {
        let realbib = "Tests/SitegenKitTests/Fixtures/realbib/"
        if input.hasPrefix(realbib), input.hasSuffix(".csl.json") {
            return try RealBibliographyTests.read(String(input.dropFirst(realbib.count).dropLast(".csl.json".count))).references
        }
        guard input.hasSuffix(".bib") else { return nil }
        let text = try String(contentsOf: root.appendingPathComponent(input), encoding: .utf8)
        return try BibliographyReader().readFile(SourceText(path: input, text: text)).references
    }

    @Test func everyBuiltInStyleOnSitegensReadingPrintsWhatPandocPrints() throws {
        var differences: [String: String] = [:]
        var report: [String] = []
        for name in CSLBuiltins.styleNames {
            let style = try #require(try CitationStyle.builtIn(name, language: "en"))
            let data = try Data(contentsOf: Self.goldens.appendingPathComponent("\(name).json"))
            let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: String]])
            var same = 0, total = 0
            for (input, expected) in golden.sorted(by: { $0.key < $1.key }) {
                guard let references = try Self.references(input) else { continue }
                // The file as one document, as pandoc prints it: entries may tell one another apart (`2004a`). Nothing
                // cites them (`nocite: @*`), and pandoc gives the year suffixes of uncited entries in the order of
                // their keys; a site prints only cited entries, whose suffixes follow the citations in both.
                // The goldens of a real export are pandoc printing its own CSL-JSON of it, whose reader narrows the space
                // before `;`, reads straight double quotes as quotation marks and a note's `name: value` lines as
                // variables (pandoc reading the export itself does none of these, nor does sitegen: `RealBibliographyTests`,
                // `BibTeXReaderTests.aNoteOfZoteroExtraLinesIsANote`).
                let items = references.map { reference in
                    var item = reference.cslItem
                    item.narrowsSpaces = true
                    item.quotesAsText = []
                    item.readsNoteVariables = true
                    return item
                }
                let entries = style.processor.render(items: items.sorted { $0.id < $1.id }, citations: []).bibliography
                for entry in entries {
                    guard let text = expected[entry.id].map(pandocMathPrinted) else { continue }
                    total += 1
                    let actual = style.formatted(entry.text).text
                    if actual == text { same += 1 } else { differences["\(name)\t\(input)\t\(entry.id)"] = "expected: \(text)\nactual:   \(actual)" }
                }
            }
            report.append("\(name): \(same) of \(total)")
        }
        print("Built-in styles on sitegen's reading of BibTeX and RIS, against pandoc 3.9: " + report.joined(separator: ", "))
        if let path = ProcessInfo.processInfo.environment["SITEGEN_STYLE_DIFFERENCES"] {
            try differences.sorted { $0.key < $1.key }.map { "=== \($0.key)\n\($0.value)\n" }.joined()
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let text = try String(contentsOf: fixturesFolder.appendingPathComponent("style-differences.txt"), encoding: .utf8)
        var known: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 3)
            if fields.count >= 3 { known.insert(fields[0...2].joined(separator: "\t")) }
        }
        let unexpected = differences.keys.filter { !known.contains($0) }.sorted()
        let fixed = known.filter { differences[$0] == nil }.sorted()
        #expect(unexpected.isEmpty, "entries that differ from pandoc 3.9 and are not known differences:\n\(unexpected.map { "\($0)\n\(differences[$0]!)" }.joined(separator: "\n"))")
        #expect(fixed.isEmpty, "known differences that are gone (remove them from style-differences.txt): \(fixed.joined(separator: ", "))")
    }
}
