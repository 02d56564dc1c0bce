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

    /// Fixtures whose goldens pandoc made with `-f bibtex` (SOURCES.md): read as a `.bibtex` file is.
    static let plainBibTeX: Set = ["zotero-bbt-bibtex-zotero-better-bibtex.bib", "jabref292-jabref.bib"]

    static func read(_ file: String) throws -> BibliographyFile {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        if plainBibTeX.contains(file) { return BibTeXReader(variant: .bibtex).readFile(SourceText(path: file, text: text)) }
        return try BibliographyReader().readFile(SourceText(path: file, text: text))
    }

    /// What sitegen prints for each entry of a fixture, by key, and the problems reading it.
    static func printed(_ file: String) throws -> (texts: [String: String], problems: [Diagnostic]) {
        let read = try read(file)
        let texts = Dictionary(read.references.map { ($0.id, CitationStyle.vancouver.entry($0).text) }) { first, _ in first }
        return (texts, read.problems)
    }

    /// Each differing entry, for the log: key, pandoc's text, ours.
    static func differences(_ file: String, expected: [String: String]) throws -> [String] {
        let ours = try printed(file).texts
        return expected.keys.sorted().compactMap { key in
            ours[key] == expected[key].map(pandocMathPrinted) ? nil : "\(key)\n  pandoc: \(expected[key]!)\n  ours:   \(ours[key] ?? "(not read)")"
        }
    }

    @Test func fixturesArePresent() {
        #expect(Self.goldens.count >= 10)
    }

    /// How many reference texts equal pandoc's, at least, per file: raised as the readers and the formatter get
    /// closer to pandoc, so that none falls back. The goldens are pandoc reading each file itself, as an author runs it
    /// (`pandoc --citeproc --bibliography refs.bib`); until session 39 they were pandoc reading its own CSL-JSON of the
    /// file, which narrows the space before `;` and curls straight quotes, as only its CSL-JSON reader does.
    /// zotero-bbt-bibtex's one is its H₂O, which pandoc prints H<sub>2</sub>O (its straight quotes, printed curly until
    /// session 52, are now printed as typed, as pandoc prints them).
    static let floors: [String: Int] = [
        "biblatex-examples.bib": 92, "jabref-chocolate.bib": 15, "jabref-zotero-better-bibtex-1641.bib": 20,
        "jabref292-jabref.bib": 6, "zotero-bbt-bibtex-zotero-better-bibtex.bib": 35,
        "zotero-bbt-biblatex-zotero-better-bibtex.bib": 55, "zotero-biblatex-timeseriesflattener.bib": 9,
        // The same files as pandoc writes them in CSL-YAML (Markdown in their fields, escapes in their ids).
        "biblatex-examples.bib.yaml": 92, "jabref-chocolate.bib.yaml": 15, "jabref-zotero-better-bibtex-1641.bib.yaml": 20,
        "jabref292-jabref.bib.yaml": 5, "zotero-bbt-bibtex-zotero-better-bibtex.bib.yaml": 35,
        "zotero-bbt-biblatex-zotero-better-bibtex.bib.yaml": 53, "zotero-biblatex-timeseriesflattener.bib.yaml": 9,
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

    /// The CSL items pandoc 3.9 makes of a fixture (`<file>.csl.json`), by key.
    static func pandocItems(_ file: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file + ".csl.json"))
        let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return Dictionary(items.compactMap { item in (item["id"] as? String).map { ($0, item) } }) { first, _ in first }
    }

    /// pandoc's CSL text without its markup (`<span class="nocase">`, `<i>`) and the entities of that markup; curly
    /// double quotes as straight ones (compared so on both sides: pandoc's CSL-JSON keeps a BibTeX title's straight
    /// quotes, and ``` ``…'' ``` curly, as sitegen reads them).
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return (value as? NSNumber)?.stringValue }
        var result = "", inTag = false
        for character in string {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { result.append(character) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return quotesStraightened(result)
    }

    static func quotesStraightened(_ text: String?) -> String? {
        text.map { String($0.map { $0 == "“" || $0 == "”" ? "\"" : $0 }) }
    }

    /// Field by field, the items we build equal pandoc's CSL items for what the formatter prints: type, title,
    /// container title, volume, issue, page, publisher, place, edition, genre, DOI, URL, dates and names.
    @Test(arguments: goldens.map(\.file).filter { floors[$0] != nil && !$0.hasSuffix(".yaml") })
    func itemsMatchPandocsFieldByField(file: String) throws {
        let ours = try Self.read(file).references
        let theirs = try Self.pandocItems(file)
        var differences: [String] = []
        for reference in ours {
            guard let item = theirs[reference.id] else {
                differences.append("\(reference.id): not in pandoc's items")
                continue
            }
            func compare(_ field: String, _ value: String?, _ expected: String?) {
                if value != expected { differences.append("\(reference.id).\(field): \(value ?? "nil") ≠ \(expected ?? "nil")") }
            }
            compare("type", reference.type.isEmpty ? nil : reference.type, Self.text(item["type"]).flatMap { $0.isEmpty ? nil : $0 })
            compare("title", Self.quotesStraightened(reference.title), Self.text(item["title"]).map(pandocMathPrinted))
            compare("container-title", Self.quotesStraightened(reference.containerTitle), Self.text(item["container-title"]))
            compare("volume", reference.volume, Self.text(item["volume"]))
            compare("issue", reference.issue, Self.text(item["issue"]))
            compare("page", reference.page.map { String($0.map { $0 == "–" ? "-" : $0 }) }, Self.text(item["page"]))
            compare("publisher", reference.publisher, Self.text(item["publisher"]))
            compare("publisher-place", reference.publisherPlace, Self.text(item["publisher-place"]))
            compare("edition", reference.edition, Self.text(item["edition"]))
            compare("genre", reference.genre, Self.text(item["genre"]))
            compare("DOI", reference.doi, item["DOI"] as? String)
            compare("URL", reference.url, item["URL"] as? String)
            let parts = ((item["issued"] as? [String: Any])?["date-parts"] as? [[Any]])?.first?.compactMap { ($0 as? NSNumber)?.intValue }
            compare("issued", reference.issued.map { [$0.year, $0.month, $0.day].compactMap { $0 }.map(String.init).joined(separator: "-") },
                    parts.map { $0.map(String.init).joined(separator: "-") })
            func names(_ list: Any?) -> [String] {
                ((list as? [[String: Any]]) ?? []).map { name in
                    ["non-dropping-particle", "family", "given", "dropping-particle", "suffix", "literal"]
                        .compactMap { Self.text(name[$0]) }.joined(separator: "|")
                }
            }
            func ours(_ list: [Reference.Name]) -> [String] {
                list.map { [$0.nonDroppingParticle, $0.family, $0.given, $0.droppingParticle, $0.suffix, $0.literal].compactMap { $0 }.joined(separator: "|") }
            }
            compare("author", ours(reference.authors).joined(separator: "; "), names(item["author"]).joined(separator: "; "))
            compare("editor", ours(reference.editors).joined(separator: "; "), names(item["editor"]).joined(separator: "; "))
        }
        print("\(file): \(differences.count) fields differ from pandoc's CSL items")
        for difference in differences { print("  " + difference) }
        #expect(differences.isEmpty, "\(file)")
    }

    /// Every real export builds as a site-wide bibliography with an article citing every one of its keys, and each
    /// reference is listed on the page.
    @Test(arguments: ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
        Reference.fileExtensions.contains(($0.split(separator: ".").last.map(String.init) ?? "").lowercased())
            && !$0.hasSuffix(".csl.json") && !$0.hasSuffix(".vancouver.json")
    }.sorted())
    func buildsCitingEveryKey(file: String) async throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let keys = try BibliographyReader().readFile(SourceText(path: file, text: text)).references.map(\.id)
        #expect(!keys.isEmpty)
        let body = keys.map { "A claim [@{\($0)}].\n" }.joined(separator: "\n")
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/bibliography/" + file: text,
            "Content/all.md": article("Every source?", body),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.hasErrors, "\(report.diagnostics.filter(\.isError).prefix(5))")
        let page = try site.read("all/index.html")
        let listed = page.components(separatedBy: "<li id=\"ref-").count - 1
        #expect(listed == Set(keys).count, "\(file)")
    }

    /// RIS and MEDLINE exports, which pandoc misreads, rejects or cannot read: `make-corrected.py` restores from
    /// each file what pandoc loses (or, for MEDLINE, reads the file into CSL items itself), and our text of every
    /// record equals pandoc 3.9's text of the corrected item.
    @Test(arguments: ["zotero-asreview-pubmed.ris", "embase-asreview.ris", "proquest-asreview.ris", "endnote-asreview-pubmed.ris", "scopus-asreview.ris", "wos-asreview.ris", "pubmed-biopython.nbib"])
    func taggedRecordsPrintAsPandocPrintsTheirCorrectedItems(file: String) throws {
        let items = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent(file + ".corrected.csl.json"))) as? [[String: Any]] ?? []
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent(file + ".corrected.vancouver.json"))) as? [String: String] ?? [:]
        let ours = try Self.read(file).references.map { CitationStyle.vancouver.entry($0).text }
        #expect(ours.count == items.count)
        var differing: [String] = []
        for (item, text) in zip(items, ours) {
            let id = item["id"] as? String ?? ""
            if golden[id] != text { differing.append("\(id)\n  pandoc: \(golden[id] ?? "nil")\n  ours:   \(text)") }
        }
        print("\(file): \(ours.count - differing.count) of \(ours.count) equal pandoc's text of the corrected items")
        for difference in differing { print(difference) }
        #expect(differing.isEmpty)
    }

    /// Every bibliography fixture reads without an error.
    @Test(arguments: goldens.map(\.file).filter { floors[$0] != nil })
    func readsWithoutErrors(file: String) throws {
        let problems = try Self.printed(file).problems.filter(\.isError)
        #expect(problems.isEmpty, "\(problems)")
    }
}
