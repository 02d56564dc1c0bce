import Foundation
import Testing

@testable import SitegenKit

/// Columns shown in characters, as editors count them, from the bytes the stages count.
struct CharacterColumnsTests {
    @Test func bytesBeforeAColumnAreCountedAsCharacters() async throws {
        let site = try TestSite([
            "Content/a.md": "---\ntitle: A\n---\nDoses ≥5 µg [@x].\r\n",
            "Templates/article.mustache": "<p>© {{titel}}</p>\n",
        ])
        defer { site.remove() }
        let diagnostics: [Diagnostic] = [
            .error(at: SourceLocation(path: "Content/a.md", line: 4, column: 17), "marker"),
            .error(at: SourceLocation(path: "Content/a.md", line: 4, column: 40), "past the line's end"),
            .error(at: SourceLocation(path: "Content/a.md", line: 9, column: 5), "no such line"),
            .error(at: SourceLocation(path: "Templates/article.mustache", line: 1, column: 6), "counted in characters already"),
            .error(at: SourceLocation(path: "Content/gone.md", line: 1, column: 5), "no such file"),
            .error(at: .option("--base-url"), "an option"),
        ]
        let shown = await CharacterColumns.converting(diagnostics, root: site.root).map(\.location.description)
        #expect(shown == [
            "Content/a.md:4:14", "Content/a.md:4:37", "Content/a.md:9:5", "Templates/article.mustache:1:6", "Content/gone.md:1:5", "--base-url:1:1",
        ])
        #expect(YAMLReader.Lines("é").scalarColumn(line: 1, byteColumn: 1) == 1)
    }

    /// A byte order mark is no column, as an editor shows the first line: the stages count its columns from after it
    /// (a RIS export's warning on line 1 said 1:2; a CSL-JSON file's error there was a column short).
    @Test func aByteOrderMarkIsNoColumn() async throws {
        let site = try TestSite([:])
        defer { site.remove() }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var problems: [Diagnostic] = []
        for (path, text) in [("a.ris", "TY  - \nER  - \n"), ("a.json", #"[{"id": "é", "x": 1 ]"#)] {
            let bytes = bom + Array(text.utf8)
            try Data(bytes).write(to: site.root.appendingPathComponent(path))
            do throws(Diagnostic) {
                problems += try BibliographyReader().readFile(SourceText(path: path, text: String(decoding: bytes, as: UTF8.self))).problems
            } catch {
                problems.append(error)
            }
        }
        let shown = await CharacterColumns.converting(problems, root: site.root).map(\.location.description)
        #expect(shown == ["a.ris:1:1", "a.json:1:21"], "\(problems)")
    }

    /// Each file is read once for all its diagnostics, wherever they are in the list, and the list keeps its order.
    @Test func diagnosticsOfSeveralFilesKeepTheirOrder() async throws {
        let site = try TestSite([
            "Content/plain.md": "---\ntitle: P\n---\nAll ASCII [@x] here.\n",
            "Content/b.md": "---\ntitle: B\n---\nµ [@x] µµ [@y]\n",
        ])
        defer { site.remove() }
        // A Windows-1252 file: `é` is one byte on disk and two in the text the build read.
        try Data([0x61, 0xE9, 0x20, 0x5B, 0x40, 0x78, 0x5D, 0x0A]).write(to: site.root.appendingPathComponent("Content/legacy.bib"))
        let places = [("Content/b.md", 4, 4), ("Content/plain.md", 4, 11), ("Content/legacy.bib", 1, 5), ("Content/b.md", 4, 13), ("Content/plain.md", 4, 2)]
        let diagnostics = places.map { Diagnostic.warning(at: SourceLocation(path: $0.0, line: $0.1, column: $0.2), "here") }
        let shown = await CharacterColumns.converting(diagnostics, root: site.root).map(\.location.description)
        #expect(shown == ["Content/b.md:4:3", "Content/plain.md:4:11", "Content/legacy.bib:1:4", "Content/b.md:4:10", "Content/plain.md:4:2"])
    }
}

/// A diagnostic printed in a terminal names its file as reached from the current folder, through the site folder as
/// it was given, so that an editor opens it (`mysite/Content/a.md:4:2` for `--source mysite`); with an absolute site
/// folder (scripts, CI), relative to it.
struct ShownPathTests {
    @Test func aSiteFilesPathIsShownThroughTheSiteFolderAsGiven() {
        let inArticle = Diagnostic.error(at: SourceLocation(path: "Content/a.md", line: 4, column: 2), "x")
        #expect(inArticle.shown(siteFolder: ".") == "Content/a.md:4:2: error: x")
        #expect(inArticle.shown(siteFolder: "./") == "Content/a.md:4:2: error: x")
        #expect(inArticle.shown(siteFolder: "mysite") == "mysite/Content/a.md:4:2: error: x")
        #expect(inArticle.shown(siteFolder: "./mysite//") == "mysite/Content/a.md:4:2: error: x")
        #expect(inArticle.shown(siteFolder: "../sites/a") == "../sites/a/Content/a.md:4:2: error: x")
        #expect(inArticle.shown(siteFolder: "/srv/site/") == "Content/a.md:4:2: error: x")
        // The site folder itself, which errors name (one that does not exist), as given.
        let missing = Diagnostic.error(at: .file(URL(fileURLWithPath: "no/such-site").standardizedFileURL.path), "site folder does not exist")
        #expect(missing.shown(siteFolder: "no/such-site/") == "no/such-site:1:1: error: site folder does not exist")
        #expect(missing.shown(siteFolder: "/srv/no/such-site") == missing.description)
        for place in [SourceLocation.option("--base-url"), .file("/etc/refs.bib"), .file("<built-in>/article.mustache")] {
            let elsewhere = Diagnostic.warning(at: place, "y")
            #expect(elsewhere.shown(siteFolder: "mysite") == elsewhere.description)
        }
    }

    /// The site files a message names are named as its location is, each where it stands as a path of its own: not
    /// the end of a longer path (a link as written, `../Content/a.md`), nor the start of one (`Content/a.md.bak`).
    @Test func theFilesAMessageNamesAreShownAsItsLocationIs() {
        let diagnostic = Diagnostic.warning(
            at: SourceLocation(path: "Content/refs.bib", line: 3, column: 1),
            "defined at Content/refs.bib:1:1 too; Content/a.md and Content/a/b.md cite it, not '../Content/a.md' or Content/a.md.bak, in Content/a.md.",
            naming: ["Content/refs.bib", "Content/a.md", "Content/a/b.md"])
        #expect(diagnostic.shown(siteFolder: "../site/") == "../site/Content/refs.bib:3:1: warning: defined at ../site/Content/refs.bib:1:1 too;"
            + " ../site/Content/a.md and ../site/Content/a/b.md cite it, not '../Content/a.md' or Content/a.md.bak, in ../site/Content/a.md.")
        // From the site folder, or with it given as an absolute path, as the location.
        #expect(diagnostic.shown(siteFolder: ".") == diagnostic.description)
        #expect(diagnostic.shown(siteFolder: "/srv/site") == diagnostic.description)
    }
}
