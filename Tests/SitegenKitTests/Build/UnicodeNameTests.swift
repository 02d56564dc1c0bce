import Foundation
import Testing

@testable import SitegenKit

/// File and folder names with accents, written composed (NFC: `é` as one character, as Linux editors save them) or
/// decomposed (NFD: `e` and U+0301, as macOS saves them): every address sitegen writes is the composed form, and a link
/// typed in either form reaches its page or file.
struct UnicodeNameTests {
    /// `é` as one character, and as `e` followed by the combining acute accent.
    static let (composedE, decomposedE) = ("\u{E9}", "e\u{301}")

    func site(_ files: [String: String]) throws -> TestSite {
        var all = [
            "sitegen.yml": "title: Salud\nbaseURL: https://salud.example.org/\nlanguage: es\n",
            "Content/bibliography/refs.json": SiteCheckerTests.refs,
        ]
        all.merge(files) { _, new in new }
        return try TestSite(all)
    }

    /// The relative paths of the files below a folder, as the file system holds their bytes (Foundation's listings
    /// may give names in another form).
    func listed(_ folder: URL, relative: String = "") -> [String] {
        FolderListing.entries(of: folder.path).flatMap { name, kind in
            kind == .folder ? listed(folder.appendingPathComponent(name), relative: relative + name + "/") : [relative + name]
        }
    }

    /// An article named decomposed, in a folder named decomposed, an image named decomposed and linked composed, a PDF
    /// named composed and linked decomposed, a file of `Public/` named decomposed and linked both ways: every page and
    /// file is written at its composed address, every link leads there, and `check` finds none broken.
    @Test func decomposedNamesAndLinksArePublishedAndLinkedComposed() async throws {
        let (c, d) = (Self.composedE, Self.decomposedE)
        let site = try site([
            "Content/salud/t\(c).md": article(
                "\u{BF}Y el t\(c)?",
                "Menos cafe\u{ED}na [@used]. V\(c)ase [el caf\(c)](caf\(c).md), [el az\u{FA}car](../nutrici\u{F3}n/az\u{FA}car.md)"
                    + " y [la gu\u{ED}a](<gui\u{301}a.pdf>).\n\n![Un gr\u{E1}fico](gr\u{E1}fico.png)\n\n[Informe](/docs/informe-\(d).pdf),"
                    + " [otra vez](/docs/informe-\(c).pdf#p2).\n"),
            "Content/salud/caf\(d).md": article("\u{BF}El caf\(c) sube la tensi\u{F3}n?", "Un poco [@used]. [El t\(c)](t\(d).md#top).\n"),
            "Content/nutricio\u{301}n/az\u{FA}car.md": article("\u{BF}Y el az\u{FA}car?", "Nada [@used]. [El caf\(c)](../salud/caf\(c).md).\n"),
            "Content/salud/gu\u{ED}a.pdf": "PDF",
            "Content/salud/gra\u{301}fico.png": "PNG",
            "Public/docs/informe-\(d).pdf": "PDF",
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let published = listed(site.output).filter { !$0.hasPrefix("search/") && !$0.hasPrefix("assets/") }
        #expect(published.allSatisfy(SitePath.isComposed), "\(published)")
        for path in ["salud/caf\(c)/index.html", "nutrici\u{F3}n/az\u{FA}car/index.html", "salud/gu\u{ED}a.pdf", "salud/gr\u{E1}fico.png", "docs/informe-\(c).pdf"] {
            #expect(published.contains { $0.utf8.elementsEqual(path.utf8) }, "\(path) in \(published)")
        }
        let tea = try site.read("salud/t\(c)/index.html")
        for link in [
            "href=\"../caf%C3%A9/\"", "href=\"../../nutrici%C3%B3n/az%C3%BAcar/\"", "href=\"../gu%C3%ADa.pdf\"", "src=\"../gr%C3%A1fico.png\"",
            "href=\"/docs/informe-%C3%A9.pdf\"", "href=\"/docs/informe-%C3%A9.pdf#p2\"",
        ] {
            #expect(tea.contains(link), "\(link)")
        }
        #expect(try site.read("salud/caf\(c)/index.html").contains("href=\"../t%C3%A9/#top\""))
        #expect(try site.read("nutrici\u{F3}n/az\u{FA}car/index.html").contains("href=\"../../salud/caf%C3%A9/\""))
        // Nothing written holds an address in the decomposed form: not the sitemap, the feeds or the search records.
        for path in published where !path.hasSuffix(".pdf") && !path.hasSuffix(".png") {
            let text = try site.read(path)
            #expect(!text.contains("%CC%81") && SitePath.isComposed(text), "\(path)")
        }
        #expect(try site.read("sitemap.xml").contains("/salud/caf%C3%A9/"))
        // `check` reads each link as a server does, byte for byte against the files written: none is broken.
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let checker = SiteChecker(today: try #require(ReviewDate("2026-11-26")))
        #expect(await checker.links(rendered).map(\.description) == [])
    }

    /// A link that truly misses is reported, byte for byte: one in raw HTML (which no build rewrites) to a page in the
    /// other form, and one to a file whose accent is on another letter (`gráfico.png` for `graficó.png`).
    @Test func checkReportsALinkThatMissesByItsBytes() async throws {
        let site = try site([
            "sitegen.yml": "title: Salud\nbaseURL: https://salud.example.org/\nlanguage: es\nmarkdown: {unsafe: true}\n",
            "Content/salud/caf\u{E9}.md": article("\u{BF}Caf\u{E9}?", "Un poco [@used].\n"),
            "Content/salud/t\u{E9}.md": article(
                "\u{BF}T\u{E9}?", "Menos [@used]. <a href=\"../cafe\u{301}/\">caf\u{E9}</a>\n\n![Un gr\u{E1}fico](gr\u{E1}fico.png)\n"),
            "Content/salud/grafico\u{301}.png": "PNG",
        ])
        defer { site.remove() }
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        #expect(!rendered.diagnostics.hasErrors, "\(rendered.diagnostics)")
        let checker = SiteChecker(today: try #require(ReviewDate("2026-11-26")))
        #expect(await checker.links(rendered).map(\.description) == [
            "Content/salud/t\u{E9}.md:4:25: error: broken link '../cafe\u{301}/': the site has no page or file /salud/cafe\u{301}/index.html;"
                + " its address is /salud/caf\u{E9}/, which differs from the link only in how letters are written ('\u{E9}' written as 'e' and"
                + " U+0301 in the link (decomposed, as macOS writes file names), as one character in the address): retype the link's accented letters",
            "Content/salud/t\u{E9}.md:6:16: error: broken link 'gr%C3%A1fico.png': the site publishes nothing from Content/salud/gr\u{E1}fico.png"
                + " (a link of an article is read from its Markdown file's folder)",
        ])
    }

    /// Two articles, or two files beside them, whose names are one name in two forms would be published at one address:
    /// an error that says which is written decomposed, and how to delete it.
    @Test func oneNameInTwoFormsSaysWhichIsDecomposed() async throws {
        let site = try site(["Content/x/caf\u{E9}.md": article("Caf\u{E9}?", "Uno [@used].\n"), "Content/x/gu\u{ED}a.pdf": "PDF"])
        defer { site.remove() }
        try site.write("Content/x/cafe\u{301}.md", article("Caf\u{E9} otra vez?", "Dos [@used].\n"))
        try site.write("Content/x/gui\u{301}a.pdf", "PDF")
        let errors = await site.build().diagnostics.filter { $0.severity == .error }
        let said = errors.map(\.description)
        // Each names its two files as its location is named (from a relative --source, `../site/Content/x/…`).
        #expect(errors.allSatisfy { $0.namedFiles.count == 2 }, "\(errors.map(\.namedFiles))")
        // At the second of the two as the folder lists them, which is either (Swift orders the two names as one).
        let expected = [("Content/x/cafe\u{301}.md", "Content/x/caf\u{E9}.md"), ("Content/x/caf\u{E9}.md", "Content/x/cafe\u{301}.md")].map { at, other in
            let isThisOne = SitePath.decomposition(in: at) != nil
            return "\(at):1:1: error: \(at) and \(other) both publish x/caf\u{E9}/index.html: they are one name in two forms:"
                + " \(isThisOne ? "this one" : "the other") has '\u{E9}' written as 'e' and U+0301 (decomposed, as macOS writes file names),"
                + " \(isThisOne ? "the other" : "this one") '\u{E9}' as one character; keep one, and delete the decomposed one once the other"
                + " holds what you need of it (in the site's folder: rm $'Content/x/cafe\\u0301.md')"
        }
        #expect(said.contains { line in expected.contains { $0.utf8.elementsEqual(line.utf8) } }, "\(said)")
        #expect(said.contains { $0.contains("would both be published at x/gu\u{ED}a.pdf") && $0.hasSuffix("rm $'Content/x/gui\\u0301a.pdf')") }, "\(said)")
    }
}
