import Foundation
import Testing

@testable import SitegenKit

/// A build over its previous output takes a numeric style's printed entries from the last build's
/// (`.sitegen-references` in the spare) when their items and the style are the same, and writes what a first build
/// of the same site writes.
struct KeptReferenceTextsTests {
    static func entry(_ id: String, title: String, year: Int = 2020) -> String {
        "{\"id\": \"\(id)\", \"type\": \"article-journal\", \"title\": \"\(title)\", \"author\": [{\"family\": \"Roe\", \"given\": \"Ann\"}],"
            + " \"container-title\": \"BMJ\", \"volume\": \"3\", \"page\": \"1-9\", \"issued\": {\"date-parts\": [[\(year)]]}}"
    }

    static func bibliography(_ entries: [String]) -> String { "[" + entries.joined(separator: ",\n") + "]\n" }

    static let entries = [
        entry("a", title: "Statins and muscle pain"), entry("b", title: "Aspirin after a heart attack"), entry("c", title: "Salt and blood pressure"),
    ]

    static func site() throws -> TestSite {
        try TestSite([
            "sitegen.yml": "baseURL: https://example.org/\n",
            "Content/bibliography/refs.json": bibliography(entries),
            "Content/one.md": article("Do statins hurt?", "Muscle pain is common [@a; @b].\n"),
            "Content/two.md": article("Is salt bad?", "It raises pressure [@c] and [@a].\n"),
        ])
    }

    /// Builds the site over its output and, from scratch, into a folder of its own; expects the same files, and
    /// returns how many texts the build over its output took from the last build's.
    func buildBoth(_ site: TestSite, _ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> Int {
        let report = await site.build()
        #expect(!report.hasErrors, "\(step): \(report.diagnostics)", sourceLocation: sourceLocation)
        let fresh = site.root.appendingPathComponent("Fresh-\(UUID().uuidString)")
        let full = await BuildPipeline(BuildOptions(source: site.root.path, output: fresh.path)).run()
        #expect(!full.hasErrors && full.statistics.referenceTextsReused == 0, sourceLocation: sourceLocation)
        let expected = try SearchEntryCacheTests.files(in: fresh), actual = try site.snapshot()
        #expect(Set(actual.keys) == Set(expected.keys), "\(step)", sourceLocation: sourceLocation)
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(step): \(path) differs from a first build's", sourceLocation: sourceLocation)
        }
        #expect(actual.keys.allSatisfy { !$0.hasSuffix(KeptReferenceTexts.fileName) }, "\(step): the texts were published", sourceLocation: sourceLocation)
        try? FileManager.default.removeItem(at: fresh)
        try? FileManager.default.removeItem(at: site.root.appendingPathComponent(".\(fresh.lastPathComponent).sitegen-spare"))
        return report.statistics.referenceTextsReused
    }

    var spareFile: (TestSite) -> URL { { $0.root.appendingPathComponent(".Output.sitegen-spare/\(KeptReferenceTexts.fileName)") } }

    @Test func aRebuildTakesTheTextsOfUnchangedEntriesAndWritesWhatAFirstBuildWrites() async throws {
        let site = try Self.site()
        defer { site.remove() }
        #expect(try await buildBoth(site, "first") == 0)
        #expect(try await buildBoth(site, "second") == 3)
        #expect(try await buildBoth(site, "third") == 3)

        // One entry changed: it alone is printed again.
        try site.write("Content/bibliography/refs.json", Self.bibliography([Self.entries[0], Self.entry("b", title: "Aspirin after a stroke"), Self.entries[2]]))
        #expect(try await buildBoth(site, "an entry changed") == 2)
        #expect(try site.read("one/index.html").contains("Aspirin after a stroke"))
        #expect(try await buildBoth(site, "after the change") == 3)

        // Another style prints every entry again; entries not cited are not kept.
        try site.write("sitegen.yml", "baseURL: https://example.org/\ncitation-style: american-medical-association\n")
        #expect(try await buildBoth(site, "another style") == 0)
        try site.write("Content/two.md", article("Is salt bad?", "It raises pressure [@c].\n"))
        #expect(try await buildBoth(site, "one citation fewer") == 3)
        try site.write("Content/one.md", article("Do statins hurt?", "Muscle pain is common.\n"))
        #expect(try await buildBoth(site, "c alone cited") == 1)
        #expect(try await buildBoth(site, "c alone, again") == 1)
    }

    /// What the file holds is what pages print: a text changed in it (written as a build writes it) is printed, and
    /// only for the item it was kept for.
    @Test func theKeptTextIsWhatIsPrintedForTheSameItemAlone() async throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try await buildBoth(site, "first")
        let spare = spareFile(site)
        let kept = try #require(KeptReferenceTexts.read(in: spare.deletingLastPathComponent().path))
        #expect(kept.texts.count == 3)
        KeptReferenceTexts(texts: kept.texts.mapValues {
            FormattedReference(text: $0.text.replacingOccurrences(of: "Roe A", with: "Kept A"), html: $0.html.replacingOccurrences(of: "Roe A", with: "Kept A"))
        }).write(in: spare.deletingLastPathComponent().path)
        let report = await site.build()
        #expect(report.statistics.referenceTextsReused == 3)
        #expect(try site.read("one/index.html").contains("Kept A"))
        #expect(try !site.read("one/index.html").contains("Roe A."))
        // The entry changed: printed again, from its item.
        try site.write("Content/bibliography/refs.json", Self.bibliography([Self.entry("a", title: "Statins and muscle pain", year: 2021)] + Self.entries.dropFirst()))
        _ = await site.build()
        let page = try site.read("two/index.html")
        #expect(page.contains("Roe A. Statins and muscle pain. BMJ. 2021"), "\(page)")
    }

    @Test func aFileChangedInAnyByteOrCutShortIsNotUsed() async throws {
        let site = try Self.site()
        defer { site.remove() }
        for step in ["first", "second"] { _ = try await buildBoth(site, step) }
        let spare = spareFile(site)
        var bytes = try [UInt8](Data(contentsOf: spare))
        #expect(bytes.count > 100)
        bytes[bytes.count - 2] ^= 1
        try Data(bytes).write(to: spare)
        #expect(try await buildBoth(site, "a byte changed") == 0)
        try Data(bytes.prefix(bytes.count / 2)).write(to: spare)
        #expect(KeptReferenceTexts.read(in: spare.deletingLastPathComponent().path) == nil)
        #expect(try await buildBoth(site, "cut short") == 0)
        #expect(try await buildBoth(site, "after") == 3)
    }

    static let authorDateEntries = entries + [
        // Two works of one author and year (2020a, 2020b), and a personal communication, which APA prints in the text only.
        entry("d", title: "Salt and the kidneys"),
        "{\"id\": \"p\", \"type\": \"personal_communication\", \"author\": [{\"family\": \"Poe\", \"given\": \"Edgar\"}], \"issued\": {\"date-parts\": [[2019]]}}",
    ]

    /// An author-date style's articles: each one's citations and entries taken whole from the last build's printing
    /// when its items and citations are the same, and printed again when one of them changed.
    @Test func anAuthorDateStyleTakesEachArticlesPrintingWhenItsItemsAndCitationsAreTheSame() async throws {
        let site = try TestSite([
            "sitegen.yml": "baseURL: https://example.org/\ncitation-style: apa\n",
            "Content/bibliography/refs.json": Self.bibliography(Self.authorDateEntries),
            "Content/one.md": article("Do statins hurt?", "Muscle pain is common [@a; @b, p. 4]. @c says so [@p].\n"),
            "Content/two.md": article("Is salt bad?", "It raises pressure [see @c; @d] and [@a].\n"),
            "Content/three.md": article("Is aspirin safe?", "Mostly [@b].\n"),
        ])
        defer { site.remove() }
        #expect(try await buildBoth(site, "first") == 0)
        let warnings = await site.build().diagnostics.map(\.description)
        #expect(warnings.contains { $0.contains("prints nothing of the entry 'p'") }, "\(warnings)")
        #expect(try await buildBoth(site, "third") == 3)
        // Its warnings are said again, with the printing taken from the last build.
        #expect(await site.build().diagnostics.map(\.description) == warnings)
        #expect(try site.read("two/index.html").contains("2020a"))

        try site.write("Content/three.md", article("Is aspirin safe?", "Mostly [@b, p. 7].\n"))
        #expect(try await buildBoth(site, "a locator added") == 2)
        // An entry cited by two articles changed: both are printed again.
        try site.write(
            "Content/bibliography/refs.json",
            Self.bibliography(Self.authorDateEntries.map { $0.contains("\"id\": \"a\"") ? Self.entry("a", title: "Statins and muscle pain", year: 2019) : $0 }))
        #expect(try await buildBoth(site, "an entry changed") == 1)
        #expect(try await buildBoth(site, "after it") == 3)

        // What is kept is what pages print: a citation changed in the file is printed as the file has it.
        let spare = spareFile(site)
        let kept = try #require(KeptReferenceTexts.read(in: spare.deletingLastPathComponent().path))
        #expect(kept.texts.isEmpty && kept.renderings.count == 3)
        var changed = kept
        changed.renderings = kept.renderings.mapValues { rendering in
            var rendering = rendering
            rendering.citations = rendering.citations.map { $0.replacingOccurrences(of: "Roe", with: "Kept") }
            return rendering
        }
        changed.write(in: spare.deletingLastPathComponent().path)
        _ = await site.build()
        #expect(try site.read("three/index.html").contains("Kept"))
    }

    /// A site in a numeric style with one article in an author-date one keeps both kinds.
    @Test func aNumericSiteWithAnAuthorDateArticleKeepsBoth() async throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write("sitegen.yml", "baseURL: https://example.org/\narticle-citation-styles: [apa]\n")
        try site.write("Content/two.md", article("Is salt bad?", "It raises pressure [@c] and [@a].\n", extra: "citation-style: apa\n"))
        #expect(try await buildBoth(site, "first") == 0)
        // Entries a, b (one), and the second article's printing.
        #expect(try await buildBoth(site, "second") == 3)
        let kept = try #require(KeptReferenceTexts.read(in: spareFile(site).deletingLastPathComponent().path))
        #expect(kept.texts.count == 2 && kept.renderings.count == 1)
        #expect(try site.read("two/index.html").contains("Roe, 2020"))
    }
}

extension KeptReferenceTextsTests {
    /// Texts Swift holds equal but written in other bytes (`é` as one character and as `e` with an accent) are kept as
    /// written: the file holds each text once, told apart byte for byte.
    @Test(arguments: ["", " au lait, a title longer than fifteen bytes"])
    func textsAreKeptByteForByte(_ more: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let composed = "Caf\u{E9}" + more, decomposed = "Cafe\u{301}" + more
        #expect(composed == decomposed)
        let written = KeptReferenceTexts(
            texts: [1: FormattedReference(text: composed, html: decomposed), 2: FormattedReference(text: decomposed, html: composed)],
            renderings: [3: .init(citations: [decomposed, composed], entries: [.init(id: composed, printsNothing: true, formatted: .init(text: decomposed, html: ""))])])
        written.write(in: folder.path)
        let read = try #require(KeptReferenceTexts.read(in: folder.path))
        func bytes(_ text: FormattedReference?) -> [[UInt8]] { [Array(text?.text.utf8 ?? "".utf8), Array(text?.html.utf8 ?? "".utf8)] }
        #expect(bytes(read.texts[1]) == [Array(composed.utf8), Array(decomposed.utf8)])
        #expect(bytes(read.texts[2]) == [Array(decomposed.utf8), Array(composed.utf8)])
        let rendering = try #require(read.renderings[3])
        #expect(rendering.citations.map { Array($0.utf8) } == [Array(decomposed.utf8), Array(composed.utf8)])
        #expect(Array(rendering.entries[0].id.utf8) == Array(composed.utf8) && rendering.entries[0].printsNothing)
        #expect(Array(rendering.entries[0].formatted.text.utf8) == Array(decomposed.utf8))
    }
}

extension KeptReferenceTextsTests {
    /// A build whose texts are the ones it read (every one taken from the file, none printed anew) writes the file it
    /// read as it was, from the file held open, though the spare's leftovers removed it; any other build writes its
    /// own texts.
    @Test func textsTheSameAsTheFileReadWriteThatFileAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-kept-\(UUID().uuidString)")
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = FormattedReference(text: "Roe A. Kept.", html: "Roe A. <i>Kept</i>.")
        KeptReferenceTexts(texts: [1: text], renderings: [2: .init(citations: ["(Roe, 2020)"], entries: [])]).write(in: folder.path)
        let written = try Data(contentsOf: folder.appendingPathComponent(KeptReferenceTexts.fileName))
        let read = try #require(KeptReferenceTexts.read(in: folder.path))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(KeptReferenceTexts.fileName))
        // The same keys (a build's values for them are the read ones): the file read, byte for byte.
        let same = KeptReferenceTexts(texts: [1: FormattedReference(text: "other", html: "other")], renderings: read.renderings)
        same.write(in: other.path, read: read)
        #expect(try Data(contentsOf: other.appendingPathComponent(KeptReferenceTexts.fileName)) == written)
        // One more text: the build's own.
        var more = read
        more.texts[3] = text
        more.write(in: other.path, read: read)
        let reread = try #require(KeptReferenceTexts.read(in: other.path))
        #expect(reread.texts == [1: text, 3: text] && reread.renderings == read.renderings)
    }
}

extension KeptReferenceTextsTests {
    /// A pipe or a link at the file's name in the spare is not read (a read of a pipe would wait for a writer for good):
    /// the build prints every citation, and replaces it with the file. (The limit is for a wait that never ends; its
    /// builds, a quarter of a second alone, took 169 s once in a suite run beside a compilation on both cores.)
    @Test(.timeLimit(.minutes(5))) func aPipeOrALinkAtTheFilesNameIsNotRead() async throws {
        let site = try Self.site()
        defer { site.remove() }
        for step in ["first", "second"] { _ = try await buildBoth(site, step) }
        let spare = spareFile(site)
        let target = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: spare, to: target)
        try FileManager.default.createSymbolicLink(at: spare, withDestinationURL: target)
        #expect(try await buildBoth(site, "a link") == 0)
        try FileManager.default.removeItem(at: spare)
        #expect(mkfifo(spare.path, 0o644) == 0)
        #expect(try await buildBoth(site, "a pipe") == 0)
        #expect(try await buildBoth(site, "after") == 3)
    }
}
