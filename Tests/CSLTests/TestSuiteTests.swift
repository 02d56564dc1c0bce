import CSL
import Foundation
import Testing

/// Runs every fixture of the CSL test suite (citation-style-language/test-suite, `processor-tests/humans`) and
/// compares the outcome with the checked-in list of known failures, `Fixtures/test-suite-failures.txt` (written by
/// `make-failure-list.py` from a run with `CSL_TEST_SUITE_FAILURES` set): a fixture
/// that fails without being listed is a regression, a listed one that passes is a fix the list must record.
///
/// The suite has no licence of its own, so it is not copied here: `Tests/run` downloads it at a fixed commit into
/// `.build/csl-test-suite` unless `CSL_TEST_SUITE` names a folder that holds it.
@Suite struct TestSuiteTests {
    @Test func theSuitePassesAllButTheKnownFailures() throws {
        let folder = try #require(TestSuite.folder(), "no CSL test suite: run Tests/run, or set CSL_TEST_SUITE to its processor-tests/humans folder")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(names.count == 845)
        if let only = ProcessInfo.processInfo.environment["CSL_TEST_SUITE_ONLY"] {
            // One fixture's outcome, for working on it.
            let outcome = try TestSuite.Fixture(String(contentsOfFile: folder + "/" + only + ".txt", encoding: .utf8)).run(locales: TestSuite.locales())
            print("expected:\n\(outcome.expected)\nactual:\n\(outcome.actual)")
            return
        }
        let locales = try TestSuite.locales()
        var failed: [String: String] = [:]
        var differences = ""
        for name in names {
            let fixture = try TestSuite.Fixture(String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            let outcome = fixture.run(locales: locales)
            if outcome.actual != outcome.expected {
                failed[String(name.dropLast(4))] = outcome.actual
                differences += "=== \(name)\n--- expected\n\(outcome.expected)\n--- actual\n\(outcome.actual)\n"
            }
        }
        let known = try TestSuite.knownFailures()
        print("CSL test suite: \(names.count - failed.count) of \(names.count) fixtures pass")
        if let path = ProcessInfo.processInfo.environment["CSL_TEST_SUITE_FAILURES"] {
            try failed.keys.sorted().map { "\($0)\t\(known[$0] ?? "not analysed yet")" }.joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try differences.write(toFile: path + ".diff", atomically: true, encoding: .utf8)
        }
        let regressions = failed.keys.filter { known[$0] == nil }.sorted()
        let fixed = known.keys.filter { failed[$0] == nil }.sorted()
        #expect(regressions.isEmpty, "fixtures that fail and are not known failures: \(regressions.joined(separator: ", "))")
        #expect(fixed.isEmpty, "known failures that now pass (remove them from Fixtures/test-suite-failures.txt): \(fixed.joined(separator: ", "))")
    }
}

enum TestSuite {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The suite's folder: `CSL_TEST_SUITE`, the shared test data beside the project, or the copy `Tests/run` fetched.
    static func folder() -> String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["CSL_TEST_SUITE"],
            root.appendingPathComponent("../shared/testdata/csl-test-suite").standardized.path,
            root.appendingPathComponent(".build/csl-test-suite/processor-tests/humans").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/affix_WithCommas.txt") }
    }

    static func locales() throws -> [String: CSLLocale] {
        let folder = fixtures.appendingPathComponent("locales")
        var locales: [String: CSLLocale] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".xml") {
            let locale = try CSLLocale(XMLReader.read(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
            locales[locale.language ?? ""] = locale
        }
        return locales
    }

    /// The known failures, by fixture name, with the reason each fails.
    static func knownFailures() throws -> [String: String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("test-suite-failures.txt"), encoding: .utf8)
        var known: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            known[String(fields[0])] = fields.count > 1 ? String(fields[1]) : ""
        }
        return known
    }

    /// A fixture: its mode, expected result, style, items and citations.
    struct Fixture {
        var sections: [String: String] = [:]

        init(_ text: String) throws {
            var name: String?
            var lines: [Substring] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(">>="), line.hasSuffix("=>>") {
                    name = line.split(separator: " ").first { !$0.allSatisfy { $0 == "=" || $0 == ">" } }.map(String.init)
                    lines = []
                } else if line.hasPrefix("<<="), line.hasSuffix("=<<"), let current = name {
                    sections[current] = lines.joined(separator: "\n")
                    name = nil
                } else if name != nil {
                    lines.append(line)
                }
            }
        }

        func run(locales: [String: CSLLocale]) -> (expected: String, actual: String) {
            let expected = (sections["RESULT"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                let style = try CSLStyle(XMLReader.read(sections["CSL"] ?? ""))
                let processor = CSLProcessor(style: style, localeFiles: locales)
                let items = try JSONInput.items(sections["INPUT"] ?? "[]")
                var citations: [CSLCitation]
                let markers = sections["CITATIONS"] != nil
                var lastUpdated = 0
                if let json = sections["CITATIONS"] {
                    (citations, lastUpdated) = try JSONInput.citations(json)
                } else if let json = sections["CITATION-ITEMS"] {
                    citations = try JSONInput.citationItems(json)
                } else {
                    citations = [CSLCitation(cites: items.map { CSLCite(id: $0.id) }, noteNumber: 1)]
                }
                let mode = (sections["MODE"] ?? "citation").trimmingCharacters(in: .whitespacesAndNewlines)
                if mode == "bibliography", sections["CITATIONS"] == nil, sections["CITATION-ITEMS"] == nil { citations = [] }
                // The bibliography holds the cited items when there are citations, as citeproc-js registers them.
                let cited = Set(citations.flatMap(\.cites).map(\.id))
                let result = processor.render(items: cited.isEmpty ? items : items.filter { cited.contains($0.id) }, citations: citations)
                if mode == "bibliography" {
                    let entries = result.bibliography.map { entry -> String in
                        // citeproc-js puts a block of an entry on a line of its own.
                        let html = processor.html(entry.text).replacing(/(<div class="csl-block">.*?<\/div>)/) { "\n\($0.output.1)\n" }
                        // citeproc-js puts an entry's block children on lines of their own.
                        let opening = html.hasPrefix("<div class=\"csl-") ? "\n" : ""
                        let closing = html.contains("<div class=\"csl-") ? "\n" : ""
                        return "  <div class=\"csl-entry\">" + opening + html + closing + "</div>"
                    }
                    let actual = (["<div class=\"csl-bib-body\">"] + entries + ["</div>"]).joined(separator: "\n")
                    return (Self.tidy(expected), Self.tidy(actual))
                }
                let lines = result.citations.map { processor.html($0) }
                if markers {
                    // Lines marked `..[n]` or `>>[n]` give the citations at those places; a result without them is the
                    // citation updated last.
                    let expectedLines = expected.split(separator: "\n")
                    guard expectedLines.contains(where: { $0.hasPrefix("..[") || $0.hasPrefix(">>[") }) else {
                        return (expected, lines.indices.contains(lastUpdated) ? lines[lastUpdated] : "")
                    }
                    // Each marked line is the citation at that place in the document.
                    var actual: [String] = []
                    for line in expectedLines {
                        guard let close = line.firstIndex(of: "]"), let place = Int(line.dropFirst(3)[..<close]) else { continue }
                        actual.append(String(line[...close]) + " " + (lines.indices.contains(place) ? lines[place] : ""))
                    }
                    return (expectedLines.joined(separator: "\n"), actual.joined(separator: "\n"))
                }
                return (expected, lines.joined(separator: "\n"))
            } catch {
                return (expected, "error: \(error)")
            }
        }

        /// HTML without blank lines and the indentation of its lines, which the suite's results vary in.
        static func tidy(_ html: String) -> String {
            html.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }
}

/// CSL-JSON, as the suite's fixtures hold it, read into the processor's types.
enum JSONInput {
    struct Failure: Error {
        var message: String
    }

    static func items(_ json: String) throws -> [CSLItem] {
        guard let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { throw Failure(message: "items are not an array") }
        return array.map(item)
    }

    static func item(_ object: [String: Any]) -> CSLItem {
        var item = CSLItem(id: text(object["id"]) ?? "", type: text(object["type"]) ?? "article", language: text(object["language"]))
        for (key, value) in object where key != "id" && key != "type" {
            if let list = value as? [[String: Any]] {
                item.names[key] = list.map(name)
            } else if let dictionary = value as? [String: Any] {
                item.dates[key] = date(dictionary)
            } else if let string = text(value) {
                item.fields[key] = string
            }
        }
        return item
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    static func flag(_ value: Any?) -> Bool {
        switch value {
        case let bool as Bool: bool
        case let string as String: string == "true"
        case let number as NSNumber: number.boolValue
        default: false
        }
    }

    static func name(_ object: [String: Any]) -> CSLName {
        CSLName(family: text(object["family"]), given: text(object["given"]), droppingParticle: text(object["dropping-particle"]),
                nonDroppingParticle: text(object["non-dropping-particle"]), suffix: text(object["suffix"]),
                commaSuffix: flag(object["comma-suffix"]), staticOrdering: flag(object["static-ordering"]), literal: text(object["literal"]))
    }

    static func date(_ object: [String: Any]) -> CSLDate {
        var date = CSLDate(season: text(object["season"]), circa: flag(object["circa"]), literal: text(object["literal"]))
        if let parts = object["date-parts"] as? [[Any]] {
            date.parts = parts.map { $0.compactMap { text($0).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } } }.filter { !$0.isEmpty }
        }
        if date.parts.isEmpty, let raw = text(object["raw"]) {
            // An ISO date or range ("2000-05-12", "1999/2001"); other text prints as it is.
            let parts = raw.split(separator: "/").map { $0.split(separator: "-").map { Int($0) } }
            if parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 != nil } }) { date.parts = parts.map { $0.compactMap { $0 } } } else { date.literal = raw }
        }
        return date
    }

    static func cite(_ object: [String: Any]) -> CSLCite {
        CSLCite(id: text(object["id"]) ?? "", prefix: text(object["prefix"]), suffix: text(object["suffix"]),
                locator: text(object["locator"]), label: text(object["label"]), suppressAuthor: flag(object["suppress-author"]),
                authorOnly: flag(object["author-only"]))
    }

    static func citationItems(_ json: String) throws -> [CSLCitation] {
        guard let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[[String: Any]]] else { throw Failure(message: "citation items are not arrays") }
        return array.enumerated().map { index, cites in CSLCitation(cites: cites.map(cite), noteNumber: index + 1) }
    }

    /// The citations of a `CITATIONS` fixture: citeproc-js's updates, each a citation with the citations before and
    /// after it, replayed into the document's final order (a later update of a citation replaces it; the last
    /// update's lists give the order and the note numbers); with the place of the citation updated last.
    static func citations(_ json: String) throws -> (citations: [CSLCitation], last: Int) {
        guard let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]] else { throw Failure(message: "citations are not arrays") }
        var byID: [String: CSLCitation] = [:]
        var order: [String] = []
        var lastID = ""
        for (index, entry) in array.enumerated() {
            guard let citation = entry.first as? [String: Any], let items = citation["citationItems"] as? [[String: Any]] else { continue }
            let id = text(citation["citationID"]) ?? "CITATION-\(index)"
            let properties = citation["properties"] as? [String: Any]
            byID[id] = CSLCitation(cites: items.map(cite), noteNumber: (properties?["noteIndex"] as? NSNumber)?.intValue)
            let pre = (entry.count > 1 ? entry[1] as? [[Any]] : nil) ?? [], post = (entry.count > 2 ? entry[2] as? [[Any]] : nil) ?? []
            for pair in pre + post {
                if let other = text(pair.first), let note = pair.count > 1 ? (pair[1] as? NSNumber)?.intValue : nil { byID[other]?.noteNumber = note }
            }
            order = pre.compactMap { text($0.first) } + [id] + post.compactMap { text($0.first) }
            lastID = id
        }
        order += byID.keys.filter { !order.contains($0) }.sorted()
        let final = order.compactMap { byID[$0] }
        return (final, order.firstIndex(of: lastID) ?? final.count - 1)
    }
}
