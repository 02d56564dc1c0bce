import CSL
import Foundation
import Testing

/// The reference text and in-text citations of every built-in style, on the shipped bibliography, the Vancouver
/// golden set and the real bibliography exports, against what pandoc 3.9 prints (`Fixtures/pandoc/<style>.json` and
/// `<style>.citations.json`, made by `make-pandoc-golden.py`; a citation's key is written `[@key]` in the lists). Entries known to differ are listed with a reason in `Fixtures/pandoc/known-differences.txt`;
/// the test fails when an entry differs without being listed, or is listed and no longer differs.
@Suite struct PandocGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = TestSuite.fixtures.appendingPathComponent("pandoc")

    @Test func everyBuiltInStylePrintsWhatPandocPrints() throws {
        let locales = try TestSuite.locales()
        var differences: [String: String] = [:]
        var report: [String] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") && !$0.hasSuffix(".citations.json") }.sorted()
        #expect(names.count == 11)
        for name in names {
            let style = String(name.dropLast(5))
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: locales)
            let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent(name))) as! [String: [String: String]]
            let citations = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("\(style).citations.json"))) as! [String: [String: String]]
            var same = 0, total = 0, citationSame = 0, citationTotal = 0
            // A BibTeX input is for SitegenKit's tests, which read it with sitegen's reader.
            for (input, expected) in golden.sorted(by: { $0.key < $1.key }) where input.hasSuffix(".json") {
                let items = try JSONInput.items(String(contentsOf: Self.root.appendingPathComponent(input), encoding: .utf8))
                // The whole file uncited (`nocite: @*`): pandoc gives the year suffixes of uncited entries in the
                // order of their keys (cited entries take theirs in citation order, in pandoc as in sitegen).
                let result = processor.render(items: items.sorted { $0.id < $1.id }, citations: [])
                for entry in result.bibliography {
                    if ProcessInfo.processInfo.environment["CSL_PANDOC_ONLY"] == "\(style) \(entry.id)" { dump(entry.text) }
                    guard let text = expected[entry.id] else { continue }
                    total += 1
                    let actual = Self.referenceText(entry.text, processor)
                    if actual == text { same += 1 } else { differences["\(style)\t\(input)\t\(entry.id)"] = "expected: \(text)\nactual:   \(actual)" }
                }
                #expect(result.bibliography.count == expected.count, "\(style), \(input): \(result.bibliography.count) entries, pandoc printed \(expected.count)")
                // Each item pandoc could cite, alone, in the file's order, as `[@key]` in its own paragraph.
                let citable = items.filter { citations[input]?[$0.id] != nil }
                let cited = processor.render(items: citable, citations: citable.map { CSLCitation(cites: [CSLCite(id: $0.id)]) })
                for (item, citation) in zip(citable, cited.citations) {
                    guard let text = citations[input]?[item.id] else { continue }
                    citationTotal += 1
                    let actual = processor.plainText(citation)
                    if actual == text { citationSame += 1 } else { differences["\(style)\t\(input)\t[@\(item.id)]"] = "expected: \(text)\nactual:   \(actual)" }
                }
            }
            report.append("\(style): \(same) of \(total) entries, \(citationSame) of \(citationTotal) citations")
        }
        print("CSL styles against pandoc 3.9: " + report.joined(separator: ", "))
        let known = try Self.knownDifferences()
        if let path = ProcessInfo.processInfo.environment["CSL_PANDOC_DIFFERENCES"] {
            try differences.sorted { $0.key < $1.key }.map { "=== \($0.key)\n\($0.value)\n" }.joined()
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let unexpected = differences.keys.filter { known[$0] == nil }.sorted()
        let fixed = known.keys.filter { differences[$0] == nil }.sorted()
        #expect(unexpected.isEmpty, "entries that differ from pandoc 3.9 and are not known differences:\n\(unexpected.map { "\($0)\n\(differences[$0]!)" }.joined(separator: "\n"))")
        #expect(fixed.isEmpty, "known differences that are gone (remove them from known-differences.txt): \(fixed.joined(separator: ", "))")
    }

    /// An entry as reference text: without its margin (the number of a numeric style), plain, trimmed.
    /// The order of an author-date bibliography is pandoc's: names and titles compared ignoring case, digits as
    /// characters ("Trial 10" before "Trial 2", and so 2020a before 2020b), as `pandoc --citeproc` 3.9 printed
    /// these items with `apa.csl` (`nocite: "@*"`).
    @Test func anAuthorDateBibliographyIsInPandocsOrder() throws {
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/apa.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = try JSONInput.items("""
            [{"id":"b10","type":"article-journal","title":"Trial 10 of statins","author":[{"family":"Smith","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"b2","type":"article-journal","title":"Trial 2 of statins","author":[{"family":"Smith","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"l1","type":"article-journal","title":"Alpha","author":[{"family":"lee","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"l2","type":"article-journal","title":"Alpha","author":[{"family":"Lee","given":"Anna"}],"issued":{"date-parts":[[2021]]}},
             {"id":"l3","type":"article-journal","title":"Beta","author":[{"family":"Lee","given":"Anna"}],"issued":{"date-parts":[[2020]]}}]
            """)
        let entries = processor.render(items: items, citations: []).bibliography
        #expect(entries.map { Self.referenceText($0.text, processor) } == [
            "lee, A. (2020). Alpha.", "Lee, A. (2020). Beta.", "Lee, A. (2021). Alpha.",
            "Smith, A. (2020a). Trial 10 of statins.", "Smith, A. (2020b). Trial 2 of statins.",
        ])
    }

    /// Names with apostrophes, spaces and hyphens sort as pandoc's citeproc sorts them: split into words at spaces and
    /// apostrophes, a hyphen left out ("O’Brien" before "O Neil" and "Oa", "O-Brien" after "Obi"), as `pandoc
    /// --citeproc` 3.9 printed these items with `apa.csl` (`nocite: "@*"`).
    @Test func namesWithApostrophesAndHyphensSortAsPandocSortsThem() throws {
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/apa.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = try JSONInput.items("""
            [{"id": "n0", "type": "article-journal", "title": "X", "author": [{"family": "O'Brien", "given": "A"}], "issued": {"date-parts": [[2000]]}},
             {"id": "n1", "type": "article-journal", "title": "X", "author": [{"family": "O’Brien", "given": "A"}], "issued": {"date-parts": [[2001]]}},
             {"id": "n2", "type": "article-journal", "title": "X", "author": [{"family": "Obi", "given": "A"}], "issued": {"date-parts": [[2002]]}},
             {"id": "n3", "type": "article-journal", "title": "X", "author": [{"family": "O Neil", "given": "A"}], "issued": {"date-parts": [[2003]]}},
             {"id": "n4", "type": "article-journal", "title": "X", "author": [{"family": "Oa", "given": "A"}], "issued": {"date-parts": [[2004]]}},
             {"id": "n5", "type": "article-journal", "title": "X", "author": [{"family": "Ob", "given": "A"}], "issued": {"date-parts": [[2005]]}},
             {"id": "n6", "type": "article-journal", "title": "X", "author": [{"family": "Oc", "given": "A"}], "issued": {"date-parts": [[2006]]}},
             {"id": "n7", "type": "article-journal", "title": "X", "author": [{"family": "O-Brien", "given": "A"}], "issued": {"date-parts": [[2007]]}},
             {"id": "n8", "type": "article-journal", "title": "X", "author": [{"family": "Obrien", "given": "A"}], "issued": {"date-parts": [[2008]]}},
             {"id": "n9", "type": "article-journal", "title": "X", "author": [{"family": "OBrien", "given": "A"}], "issued": {"date-parts": [[2009]]}},
             {"id": "n10", "type": "article-journal", "title": "X", "author": [{"family": "D'Angelo", "given": "A"}], "issued": {"date-parts": [[2010]]}},
             {"id": "n11", "type": "article-journal", "title": "X", "author": [{"family": "Da Silva", "given": "A"}], "issued": {"date-parts": [[2011]]}},
             {"id": "n12", "type": "article-journal", "title": "X", "author": [{"family": "Dabney", "given": "A"}], "issued": {"date-parts": [[2012]]}},
             {"id": "n13", "type": "article-journal", "title": "X", "author": [{"family": "Dangelo", "given": "A"}], "issued": {"date-parts": [[2013]]}},
             {"id": "n14", "type": "article-journal", "title": "X", "author": [{"family": "D Angelo", "given": "A"}], "issued": {"date-parts": [[2014]]}}]
            """)
        let entries = processor.render(items: items, citations: []).bibliography
        #expect(entries.map { Self.referenceText($0.text, processor) } == [
            "D’Angelo, A. (2010). X.",
            "D Angelo, A. (2014). X.",
            "Da Silva, A. (2011). X.",
            "Dabney, A. (2012). X.",
            "Dangelo, A. (2013). X.",
            "O’Brien, A. (2000). X.",
            "O’Brien, A. (2001). X.",
            "O Neil, A. (2003). X.",
            "Oa, A. (2004). X.",
            "Ob, A. (2005). X.",
            "Obi, A. (2002). X.",
            "O-Brien, A. (2007). X.",
            "Obrien, A. (2008). X.",
            "OBrien, A. (2009). X.",
            "Oc, A. (2006). X.",
        ])
    }

    static func referenceText(_ texts: [CSLText], _ processor: CSLProcessor) -> String {
        var texts = texts
        if case .styled(.display("left-margin"), _) = texts.first { texts.removeFirst() }
        return processor.plainText(texts).trimmingCharacters(in: .whitespaces)
    }

    /// `style<TAB>input<TAB>key<TAB>reason` lines.
    static func knownDifferences() throws -> [String: String] {
        let text = try String(contentsOf: folder.appendingPathComponent("known-differences.txt"), encoding: .utf8)
        var known: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 3)
            guard fields.count >= 3 else { continue }
            known[fields[0...2].joined(separator: "\t")] = fields.count > 3 ? String(fields[3]) : ""
        }
        return known
    }
}
