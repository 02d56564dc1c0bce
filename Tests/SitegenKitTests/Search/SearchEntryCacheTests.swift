import Foundation
import Testing

@testable import SitegenKit

/// A build over its previous output takes the search entries of unchanged articles from the last build's
/// (`.sitegen-search` in the spare) and writes what a first build of the same site writes.
struct SearchEntryCacheTests {
    static let settings = "baseURL: https://example.org/\nsearch:\n  synonyms:\n    - [heart attack, myocardial infarction]\n"

    static func answer(_ title: String, _ body: String, tags: String = "[statins]") -> String {
        "---\ntitle: \(title)\nsummary: A short answer about \(title.lowercased())\ntopic: Heart\nconfidence: high\ntags: \(tags)\n"
            + "questions: [Is it safe?]\n---\n\(body)\n"
    }

    /// Builds the site into its output (over the last build's) and, from scratch, into a folder of its own; expects
    /// the same files, and returns how many entries the first build reused.
    func buildBoth(_ site: TestSite, _ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Int {
        let report = await site.build()
        #expect(!report.hasErrors, "\(step): \(report.diagnostics)", sourceLocation: sourceLocation)
        let fresh = site.root.appendingPathComponent("Fresh-\(UUID().uuidString)")
        let full = await BuildPipeline(BuildOptions(source: site.root.path, output: fresh.path)).run()
        #expect(!full.hasErrors, sourceLocation: sourceLocation)
        #expect(full.statistics.searchEntriesReused == 0, sourceLocation: sourceLocation)
        let expected = try Self.files(in: fresh), actual = try Self.files(in: site.output)
        #expect(Set(actual.keys) == Set(expected.keys), "\(step)", sourceLocation: sourceLocation)
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(step): \(path) differs from a first build's", sourceLocation: sourceLocation)
        }
        #expect(actual.keys.allSatisfy { !$0.hasSuffix(SearchEntryCache.fileName) }, "\(step): the cache was published", sourceLocation: sourceLocation)
        try? FileManager.default.removeItem(at: fresh)
        try? FileManager.default.removeItem(at: fresh.deletingLastPathComponent().appendingPathComponent(".\(fresh.lastPathComponent).sitegen-spare"))
        return report.statistics.searchEntriesReused
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func aRebuildReusesTheEntriesOfUnchangedArticlesAndWritesWhatAFirstBuildWrites() async throws {
        let site = try TestSite([
            "sitegen.yml": Self.settings,
            "Content/b.md": Self.answer("Do statins hurt muscles?", "Muscle aches are common. A heart attack is rarer."),
            "Content/c.md": Self.answer("Is aspirin worth taking?", "After a myocardial infarction, aspirin helps."),
            "Content/d.md": Self.answer("What is blood pressure?", "Pressure in the arteries, measured in millimetres."),
        ])
        defer { site.remove() }
        // The first build has no spare to take entries from; the second takes the spare the first made, empty, which
        // holds the entries but not their records (each is made again); from the third on, the spare is a site.
        #expect(try await buildBoth(site, "first") == 0)
        #expect(try await buildBoth(site, "second") == 0)
        #expect(try await buildBoth(site, "third") == 3)
        #expect(try await buildBoth(site, "fourth") == 3)

        try site.write("Content/c.md", Self.answer("Is aspirin worth taking?", "After a myocardial infarction, aspirin and statins help."))
        #expect(try await buildBoth(site, "a body changed") == 2)
        // The spare is the site of the build before the last, whose record of c is not the new one.
        #expect(try await buildBoth(site, "once more") == 2)
        #expect(try await buildBoth(site, "and again") == 3)

        try site.write("Content/d.md", Self.answer("What is blood pressure?", "Pressure in the arteries, measured in millimetres.", tags: "[pressure]"))
        #expect(try await buildBoth(site, "a tag changed") == 2)

        // An answer before the others: each record moves to the next number, and its file there is another's.
        try site.write("Content/a.md", Self.answer("Are eggs bad for the heart?", "Eggs raise cholesterol a little."))
        #expect(try await buildBoth(site, "an answer added first") == 0)
        _ = try await buildBoth(site, "after the answer added")

        // Other synonyms: no entry is the same.
        try site.write("sitegen.yml", Self.settings + "    - [high blood pressure, hypertension]\n")
        #expect(try await buildBoth(site, "a synonym added") == 0)
        _ = try await buildBoth(site, "after the synonym added")
        #expect(try await buildBoth(site, "with the new synonyms") == 4)
    }

    @Test func aCacheChangedInAnyByteIsNotUsed() async throws {
        let site = try TestSite([
            "sitegen.yml": Self.settings,
            "Content/b.md": Self.answer("Do statins hurt muscles?", "Muscle aches are common. A heart attack is rarer."),
        ])
        defer { site.remove() }
        for step in ["first", "second", "third"] { _ = try await buildBoth(site, step) }
        let spare = site.root.appendingPathComponent(".Output.sitegen-spare/\(SearchEntryCache.fileName)")
        var bytes = try [UInt8](Data(contentsOf: spare))
        #expect(bytes.count > 100)
        // A term's score in the last entry changed: a file that would still read.
        bytes[bytes.count - 1] ^= 1
        try Data(bytes).write(to: spare)
        #expect(try await buildBoth(site, "a byte changed") == 0)
        // Cut short.
        try Data(bytes.prefix(bytes.count / 2)).write(to: spare)
        #expect(SearchEntryCache.read(in: spare.deletingLastPathComponent().path) == nil)
        _ = try await buildBoth(site, "cut short")
    }

    /// Terms read from the file are checked before they are used: a term past the stems, a score of 0, two terms out
    /// of order or a number cut short is not a file to use (its fingerprint would have to match too).
    @Test func termsFromAFileAreCheckedWithoutTrustingThem() {
        let terms = ScoredTerms([(0, 5), (3, 31), (300, 1)] as [(term: Int32, score: UInt32)]).encoded
        #expect(ScoredTerms.isValid(encoded: terms, below: 301))
        #expect(ScoredTerms.isValid(encoded: [], below: 0))
        #expect(!ScoredTerms.isValid(encoded: terms, below: 300))
        #expect(!ScoredTerms.isValid(encoded: Array(terms.dropLast()), below: 301))
        #expect(!ScoredTerms.isValid(encoded: [0 << 5 | 0], below: 10))
        #expect(!ScoredTerms.isValid(encoded: [1 << 5 | 1, 0 << 5 | 1], below: 10))
        #expect(!ScoredTerms.isValid(encoded: [UInt8](repeating: 0xFF, count: 12) + [1], below: .max))
    }

    /// Entries written by one process's lexicon are read into another's numbers: the same stems, whatever their
    /// numbers.
    @Test func entriesAreReadInTheLexiconsNumbers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lexicon = SearchLexicon.shared
        let stems = ["zebracache\(UUID().uuidString.prefix(8).lowercased())", "applecache", "mangocache"]
        let terms = stems.map(lexicon.term(ofStem:))
        let entry = SearchEntry(
            terms: ScoredTerms(zip(terms, [3, 7, 31] as [UInt32]).sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) }), record: [], recordHash: 42,
            recordSize: 9, inputKey: 7)
        SearchEntryCache.write([entry], synonyms: SearchSynonyms([]), in: folder.path)
        let cache = try #require(SearchEntryCache.read(in: folder.path))
        #expect(cache.entries(for: SearchSynonyms([["heart attack", "myocardial infarction"]])) == nil)
        let kept = try #require(cache.entries(for: SearchSynonyms([]))?[7])
        #expect(kept.recordHash == 42 && kept.recordSize == 9)
        let read = Dictionary(uniqueKeysWithValues: kept.terms.map { (lexicon.stem($0.term), $0.score) })
        #expect(read == Dictionary(uniqueKeysWithValues: zip(stems, [3, 7, 31] as [UInt32])))
    }
}
