import Foundation
import Testing

@testable import SitegenKit
import TestSupport

struct BuildPipelineTests {
    static let refs = """
        [
          {"id": "smith2020", "type": "article-journal", "author": [{"family": "Smith", "given": "Ann"}],
           "title": "A trial", "container-title": "J Med", "issued": {"date-parts": [[2020]]}, "volume": "1", "page": "1-9",
           "DOI": "10.1000/xyz"}
        ]
        """

    func validSite() throws -> TestSite {
        try TestSite([
            "sitegen.yml": "title: Test Answers\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.json": Self.refs,
            "Content/heart/statins.md": article(
                "Do statins help?", "## What the research says\n\nThey lower risk [@smith2020].\n\n![chart](chart.png)\n",
                extra: "summary: Often.\ntopic: Cardiology\nconfidence: high\nreviewed: 2026-01-15\nquestions: [Is it for me?]\n"),
            "Content/heart/chart.png": "PNG",
            "Content/draft.md": article("Draft", extra: "draft: true\n"),
            "Public/favicon.ico": "ICO",
        ])
    }

    /// An answer without `reviewed` is left out of the feeds (an Atom entry says when it was updated: it was dated
    /// 1970, or the newest other answer's day), not out of the lists or the sitemap.
    @Test func anUndatedAnswerIsNotInTheFeeds() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/heart/undated.md", article("Undated?", "Text.\n", extra: "topic: Cardiology\n"))
        _ = await site.build()
        for feed in ["feed.xml", "topics/cardiology/feed.xml"] {
            let text = try site.read(feed)
            #expect(text.contains("https://example.org/heart/statins/") && !text.contains("undated") && !text.contains("1970"), "\(feed)")
        }
        #expect(try site.read("sitemap.xml").contains("https://example.org/heart/undated/"))
        #expect(try site.read("index.html").contains("Undated?"))
    }

    /// A control character (Word's line break pasted, U+000B) is read as a space, with a warning where it is: a page
    /// with one is not valid HTML, and a feed not XML. One written as a YAML escape (`"\x01"`) is a space too. (The
    /// answer is dated: the site has a feed.)
    @Test func controlCharactersAreReadAsSpaces() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("sitegen.yml", "title: \"Test\\x01Answers\"\nbaseURL: https://example.org/\n")
        try site.write("Content/heart/statins.md", article("Do statins help?", "They lower\u{0B}risk [@smith2020].\n", extra: "topic: Cardiology\nreviewed: 2026-01-15\n"))
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/heart/statins.md:6:11: warning: the file holds a control character here, U+000B (a line break pasted from Word), which no"
                + " page or feed may hold; it is read as a space: delete it (a new line is a line break; a blank line starts a paragraph)",
        ])
        #expect(try site.read("heart/statins/index.html").contains("They lower risk"))
        let feed = try site.read("feed.xml")
        #expect(feed.contains("<title>Test Answers</title>"))
        #expect(!feed.utf8.contains { $0 < 0x20 && $0 != 0x0A })
        // A JSON escape of one (a CSL-JSON title's `\u000b`, `\f`) is a space.
        let json = try JSONReader().read(SourceText(path: "refs.json", text: #"["a\u000bb\fc\td\u0041"]"#))
        #expect(json.items?.first?.text == "a b c\tdA")
        var source = SourceText(path: "a.md", text: String(repeating: "abcdefg\n", count: 5) + "x\u{0}y\u{1F}")
        source.replaceControlCharacters()
        #expect(source.text.hasSuffix("x y ") && source.controlCharacter?.location.description == "a.md:6:2" && source.controlCharacter?.scalar == "\u{0}")
        // The noncharacters U+FFFE and U+FFFF too (a feed with one is no XML), at their column in characters.
        var noncharacter = SourceText(path: "a.md", text: "é a\u{FFFF}b\u{1}\nc\u{FFFE}")
        noncharacter.replaceControlCharacters()
        #expect(noncharacter.text == "é a b \nc " && noncharacter.controlCharacter?.location.description == "a.md:1:4")
        try site.write("sitegen.yml", "title: \"Test\\uFFFEAnswers\"\nbaseURL: https://example.org/\n")
        try site.write("Content/heart/statins.md", article("Do statins \u{FFFF}help?", "They lower risk [@smith2020].\n", extra: "topic: Cardiology\nreviewed: 2026-01-15\n"))
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/heart/statins.md:2:19: warning: the file holds a noncharacter here, U+FFFF, which no page or feed may hold; it is read as a"
                + " space: delete it",
        ])
        #expect(try site.read("feed.xml").contains("<title>Test Answers</title>"))
        let (feed2, page) = (try site.read("feed.xml"), try site.read("heart/statins/index.html"))
        #expect(!feed2.contains("\u{FFFF}") && !page.contains("\u{FFFF}"))
    }

    /// The home page is a website's page even when `Content/index.md` introduces it (it said "article"), and a site in
    /// a language written from right to left says so to the browser (`dir="rtl"`), which lays its pages out so.
    @Test func theHomePageIsAWebsiteAndARightToLeftSiteSaysSo() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/index.md", "---\ntitle: Answers\n---\nWelcome.\n")
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try site.read("index.html").contains("<meta property=\"og:type\" content=\"website\">"))
        #expect(try site.read("heart/statins/index.html").contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(try site.read("index.html").contains("<html lang=\"en\" dir=\"ltr\">"))
        try site.write("sitegen.yml", "title: Test Answers\nbaseURL: https://example.org/\nlanguage: ar\n")
        _ = await site.build()
        #expect(try site.read("heart/statins/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(["he", "fa-IR", "ur", "ks-Arab", "yi"].allSatisfy(TextDirection.isRightToLeft))
        #expect(!["en", "fr", "ar-Latn", "az-Latn", "zh-Hant"].contains(where: TextDirection.isRightToLeft))
    }

    /// On a site whose locale is written from the right, a citation or entry that holds the locale's words reads from
    /// the right, though it starts with a name in Latin letters: "(García-Pérez ואחרים, 2019)" read from the left put the
    /// year before "et al.". One without them, and every one on a site written from the left, is as it was.
    @Test func citationsAndEntriesHoldingWordsOfARightToLeftLocaleReadFromTheRight() async throws {
        let references = #"""
            [{"id": "garcia2019", "type": "article-journal", "title": "Efecto", "container-title": "Rev Esp Cardiol",
              "author": [{"family": "García-Pérez", "given": "J"}, {"family": "Núñez", "given": "M"}, {"family": "Fuente", "given": "A"}],
              "issued": {"date-parts": [[2019]]}},
             {"id": "mueller2020", "type": "book", "title": "Diabetes im Alltag", "edition": "2", "publisher": "Thieme",
              "author": [{"family": "Müller", "given": "J"}], "issued": {"date-parts": [[2020]]}},
             {"id": "smith2021", "type": "book", "title": "Heart", "publisher": "P", "author": [{"family": "Smith", "given": "A"}],
              "issued": {"date-parts": [[2021]]}}]
            """#
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\nlanguage: he\ncitation-style: apa\n",
            "Content/bibliography/refs.json": references,
            "Content/a.md": article("A?", "One [@garcia2019]. Two [@mueller2020]. Three [@smith2021]. In text @garcia2019 says.\n"),
        ])
        defer { site.remove() }
        #expect(await site.build().diagnostics.filter(\.isError).isEmpty)
        let mark = "\u{200F}"
        var page = try site.read("a/index.html")
        #expect(page.contains("<span class=\"citation\" id=\"cite-1\">\(mark)(<a href=\"#ref-garcia2019\">García-Pérez ואחרים, 2019</a>)</span>"), "\(page)")
        #expect(page.contains("<span class=\"citation\" id=\"cite-4\">\(mark)<a href=\"#ref-garcia2019\">García-Pérez ואחרים</a>"), "\(page)")
        #expect(page.contains("<span class=\"citation\" id=\"cite-3\">(<a href=\"#ref-smith2021\">Smith, 2021</a>)</span>"), "\(page)")
        #expect(page.contains("<li id=\"ref-mueller2020\">\(mark)Müller"), "\(page)")
        #expect(page.contains("<li id=\"ref-smith2021\">Smith"), "\(page)")
        // A site written from the left prints no mark, whatever its sources hold.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/\ncitation-style: apa\n")
        try site.write("Content/a.md", article("A?", "One [@garcia2019] [see ואחרים @smith2021].\n"))
        #expect(await site.build().diagnostics.filter(\.isError).isEmpty)
        page = try site.read("a/index.html")
        #expect(!page.contains(mark) && page.contains("García-Pérez et al., 2019"), "\(page)")
    }

    /// A template saved with a byte order mark (Windows editors write one) prints none: before `<!DOCTYPE html>` it put
    /// the page in quirks mode, and a partial's in the head moved the title and meta elements into the body. A
    /// mistake on its first line is at the column an editor shows.
    @Test func aTemplatesByteOrderMarkIsNotPrinted() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Templates/article.mustache", "\u{FEFF}{{<base}}{{$head}}{{>extra-head}}{{/head}}{{$main}}<h1>{{title}}</h1>{{{body}}}{{/main}}{{/base}}\n")
        try site.write("Templates/extra-head.mustache", "\u{FEFF}<meta name=\"x\" content=\"y\">\n")
        #expect(await site.build().diagnostics.isEmpty)
        let page = try site.read("heart/statins/index.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("\u{FEFF}"))
        #expect(page.contains("<meta name=\"x\" content=\"y\">"))
        try site.write("Templates/extra-head.mustache", "\u{FEFF}{{titel}}\n")
        #expect(await site.build().diagnostics.map(\.description) == [
            "Templates/extra-head.mustache:1:1: warning: no page's context has 'titel', so '{{titel}}' is always empty; did you mean 'title'? (the site's own keys are under 'site.', an article's under 'extra.')",
        ])
    }

    @Test func buildsTheWholeSite() async throws {
        let site = try validSite()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.isEmpty)
        let files = Set(try site.snapshot().keys)
        #expect(Set(files.filter { !$0.hasPrefix("/search/t/") && !$0.hasPrefix("/search/e/") }) == [
            "/heart/statins/index.html", "/heart/chart.png", "/index.html", "/topics/index.html",
            "/topics/cardiology/index.html", "/topics/cardiology/feed.xml", "/404.html", "/feed.xml", "/sitemap.xml", "/robots.txt", "/favicon.ico",
            "/assets/sitegen.css", "/assets/sitegen.js", "/assets/search.js", "/assets/favicon.svg", "/.sitegen-output",
            "/search/index.html", "/search/index.json", "/search/d/0.json",
        ])
        #expect(files.contains("/search/t/st.json") && files.contains("/search/e/n.json"))  // "statin"
        let page = try site.read("heart/statins/index.html")
        #expect(page.contains("<h1>Do statins help?</h1>"))
        #expect(page.contains("<a href=\"#ref-smith2020\""))
        #expect(page.contains("<li id=\"ref-smith2020\">Smith A. <a href=\"https://doi.org/10.1000/xyz\">A trial</a>. J Med. 2020;1:1–9."))
        #expect(page.contains("<time datetime=\"2026-01-15\">January 15, 2026</time>"))
        #expect(page.contains("What to ask your doctor"))
        // The image beside the Markdown file is published once, and the page one folder deeper links to it there.
        #expect(page.contains("<img src=\"../chart.png\" alt=\"chart\" />"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/heart/statins/\">"))
        #expect(try site.read("index.html").contains("href=\"/heart/statins/\""))
        #expect(try site.read("topics/cardiology/index.html").contains("Do statins help?"))
        #expect(try site.read("favicon.ico") == "ICO")
        // The page served for every missing address is kept out of search engines' indexes.
        #expect(try site.read("404.html").contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!page.contains("noindex"))
        // It is served at every address that has no page, none of which is its own: it names no canonical address.
        let notFound = try site.read("404.html")
        #expect(!notFound.contains("canonical") && !notFound.contains("og:url"))
        #expect(page.contains("<meta property=\"og:url\" content=\"https://example.org/heart/statins/\">"))
    }

    @Test func draftsOnlyWithFlag() async throws {
        let site = try validSite()
        defer { site.remove() }
        _ = await site.build(drafts: true)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("draft/index.html").path))
    }

    @Test func rebuildRemovesStaleFiles() async throws {
        let site = try validSite()
        defer { site.remove() }
        _ = await site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Public/favicon.ico"))
        let report = await site.build()
        #expect(!report.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("favicon.ico").path))
        // Beside the output only the spare (the site before, which the next build rewrites in place) and the lock.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }.sorted()
        #expect(leftovers == [".Output.sitegen-lock", ".Output.sitegen-spare"])
    }

    /// A first build that fails leaves nothing: no spare, and not the folders it made above the output (`-o
    /// out/site` where `out/` was not); a folder that was there stays. Once the output exists, a failed build keeps
    /// its work as the spare for the next.
    @Test func aFailedFirstBuildLeavesNothingBehind() async throws {
        let site = try validSite()
        defer { site.remove() }
        try "They lower risk [@nobody].\n".write(to: site.root.appendingPathComponent("Content/heart/broken.md"), atomically: true, encoding: .utf8)
        let output = site.root.appendingPathComponent("out/a/site")
        let first = await BuildPipeline(BuildOptions(source: site.root.path, output: output.path)).run()
        #expect(first.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("out").path))
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("out"), withIntermediateDirectories: false)
        _ = await BuildPipeline(BuildOptions(source: site.root.path, output: output.path)).run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("out").path) == [])
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/broken.md"))
        #expect(await !BuildPipeline(BuildOptions(source: site.root.path, output: output.path)).run().hasErrors)
        try "They lower risk [@nobody].\n".write(to: site.root.appendingPathComponent("Content/heart/broken.md"), atomically: true, encoding: .utf8)
        #expect(await BuildPipeline(BuildOptions(source: site.root.path, output: output.path)).run().hasErrors)
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("out/a").path).sorted()
        #expect(beside == [".site.sitegen-lock", ".site.sitegen-spare", "site"])
    }

    /// A build killed outright (SIGKILL, a crash) leaves its staging folder, the spare it took with the record of what the
    /// last build wrote; the next build makes it the spare again and goes on with no flag: a page of an answer deleted
    /// since goes with the usual warning. It was made the spare only after the output had been judged without a record,
    /// and the build refused the page as a file "this build did not write", asking for --force.
    @Test func theBuildAfterAKilledOneGoesOnWithTheRecordItLeft() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/heart/extra.md", article("Extra?"))
        #expect(!(await site.build()).hasErrors)
        #expect(!(await site.build()).hasErrors)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/heart/extra.md"))
        // As a killed build leaves it: the spare renamed its staging folder, a page in it rewritten.
        let staging = site.root.appendingPathComponent(".Output.sitegen-staging-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent(".Output.sitegen-spare"), to: staging)
        try Data("half a page".utf8).write(to: staging.appendingPathComponent("index.html"))
        let report = await site.build()
        #expect(!report.refused)
        #expect(report.diagnostics.map(\.description) == [
            "\(site.output.path):1:1: warning: a page that the last build published is not written by this one: /heart/extra/; links and"
                + " bookmarks to it now lead nowhere. If an answer was renamed or moved, list its old address in its front matter, aliases:"
                + " [/heart/extra/], and sitegen writes a page there that sends readers on (a topic's old page is kept by a page of your own"
                + " in Public/ (README, \"Old addresses\"))",
        ], "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("heart/extra/index.html").path))
        #expect(try site.read("heart/statins/index.html").contains("Do statins help?"))
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output.") }.sorted()
        #expect(beside == [".Output.sitegen-lock", ".Output.sitegen-spare"])
    }

    /// Builds that rewrite the spare in place produce exactly what a build into a new folder does, whatever the
    /// spare holds: pages of articles deleted since, a file where a folder must go and the reverse, empty
    /// folders, a symbolic link (never written through) and a file with another hard link (which keeps its text).
    @Test func rewritingTheSpareGivesExactlyAFreshBuild() async throws {
        let site = try validSite()
        defer { site.remove() }
        let fresh = site.root.appendingPathComponent("Fresh")
        func freshBuild() async throws -> [String: Data] {
            try? FileManager.default.removeItem(at: fresh)
            let report = await BuildPipeline(BuildOptions(source: site.root.path, output: fresh.path)).run()
            #expect(!report.hasErrors)
            let copy = try TestSite([:])
            defer { copy.remove() }
            try FileManager.default.moveItem(at: fresh, to: copy.output)
            return try copy.snapshot()
        }
        try site.write("Content/old.md", article("Old?"))
        _ = await site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/old.md"))
        _ = await site.build()
        let spare = site.root.appendingPathComponent(".Output.sitegen-spare")
        #expect(FileManager.default.fileExists(atPath: spare.appendingPathComponent("old/index.html").path))
        // What a spare may hold besides pages.
        let outside = site.root.appendingPathComponent("outside.txt")
        try Data("outside".utf8).write(to: outside)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("index.html"))
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("index.html"), withDestinationURL: outside)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("topics"))
        try Data("a file where a folder goes".utf8).write(to: spare.appendingPathComponent("topics"))
        try FileManager.default.removeItem(at: spare.appendingPathComponent("404.html"))
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("404.html/inner"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("empty/deeper"), withIntermediateDirectories: true)
        // A link where a folder of a new page goes, and a pipe where a page goes: the spare is listed while pages
        // are written, and no write may go through the one or wait on the other.
        let outsideFolder = site.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outsideFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("new"), withDestinationURL: outsideFolder)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("sitemap.xml"))
        #expect(mkfifo(spare.appendingPathComponent("sitemap.xml").path, 0o644) == 0)
        let linked = site.root.appendingPathComponent("linked.html")
        try FileManager.default.linkItem(at: spare.appendingPathComponent("heart/statins/index.html"), to: linked)
        let linkedBefore = try Data(contentsOf: linked)
        try site.write("Content/new.md", article("New?", extra: "topic: Oncology\n"))
        try site.write("Content/heart/statins.md", article("Do statins help at all?"))

        let report = await site.build()
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(try site.snapshot() == (try await freshBuild()))
        #expect(try String(contentsOf: outside, encoding: .utf8) == "outside")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outsideFolder.path) == [])
        #expect(try Data(contentsOf: linked) == linkedBefore)
        // The snapshot holds files: the folders the spare held that no page went to are gone too.
        for folder in ["old", "empty"] {
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(folder).path), "\(folder) stayed")
        }
        // And once more, now from a spare that a build wrote.
        try site.write("Content/heart/statins.md", article("Do statins help now?", "Changed again.\n"))
        _ = await site.build()
        #expect(try site.snapshot() == (try await freshBuild()))
    }

    /// A build leaves alone each file of the spare that holds the bytes it would write, unchanged since a build wrote
    /// them (same inode, same change time); it writes every other file, whatever was done to the spare meanwhile,
    /// and the output is always what a build into a new folder makes. The lists it keeps for that are in the spare,
    /// never in the output.
    @Test func aSpareFileHoldingTheNewBytesIsLeftAsItIs() async throws {
        let site = try validSite()
        defer { site.remove() }
        let spare = site.root.appendingPathComponent(".Output.sitegen-spare")
        let fresh = site.root.appendingPathComponent("Fresh")
        func freshBuild() async throws -> [String: Data] {
            try? FileManager.default.removeItem(at: fresh)
            #expect(!(await BuildPipeline(BuildOptions(source: site.root.path, output: fresh.path)).run()).hasErrors)
            let copy = try TestSite([:])
            defer { copy.remove() }
            try FileManager.default.moveItem(at: fresh, to: copy.output)
            return try copy.snapshot()
        }
        /// Each file's inode and change time, by path.
        func identities(_ folder: URL) -> [String: [Int]] {
            var found: [String: [Int]] = [:]
            for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
                var status = stat()
                guard lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
                found[String(url.path.dropFirst(folder.path.count))] = [Int(status.st_ino), Int(status.st_ctim.tv_sec), Int(status.st_ctim.tv_nsec)]
            }
            return found
        }
        // The third build finds the list of the spare it rewrites (the first build's output has none).
        for _ in 1...3 { #expect(!(await site.build()).hasErrors) }
        var before = identities(spare)
        #expect(FileManager.default.fileExists(atPath: spare.appendingPathComponent(OutputManifest.fileName).path))
        #expect(!(await site.build()).hasErrors)
        var after = identities(site.output)
        #expect(after.count > 15)
        for (path, identity) in after where path != "/" + OutputClaim.markerName {
            #expect(before[path] == identity, "\(path) was written again")
        }
        #expect(try site.snapshot() == (try await freshBuild()))
        #expect(!(try site.snapshot()).keys.contains { $0.hasSuffix(OutputManifest.fileName) })

        // The spare is next: a page edited there (the same length), another replaced by a file of the same bytes, a
        // third made a link, and an article changed.
        let edited = spare.appendingPathComponent("assets/sitegen.css"), replaced = spare.appendingPathComponent("404.html")
        var bytes = try Data(contentsOf: edited)
        bytes[bytes.startIndex] ^= 0x20
        try bytes.write(to: edited)
        let replacedBytes = try Data(contentsOf: replaced)
        try FileManager.default.removeItem(at: replaced)
        try replacedBytes.write(to: replaced)
        let outside = site.root.appendingPathComponent("outside.txt")
        try Data("outside".utf8).write(to: outside)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("robots.txt"))
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("robots.txt"), withDestinationURL: outside)
        try site.write("Content/heart/statins.md", article("Do statins help at all?"))
        before = identities(spare)
        #expect(!(await site.build()).hasErrors)
        after = identities(site.output)
        #expect(try site.snapshot() == (try await freshBuild()))
        #expect(try String(contentsOf: outside, encoding: .utf8) == "outside")
        for path in ["/assets/sitegen.css", "/heart/statins/index.html", "/robots.txt"] {
            #expect(before[path] != after[path], "\(path) was left as it was")
        }
        // A file put in place with the same bytes is a new inode; written again, it is one more time.
        #expect(after["/404.html"]![1...] != before["/404.html"]![1...])
        #expect(before["/assets/sitegen.js"] == after["/assets/sitegen.js"])

        // A list cut short (a build killed while writing it) is no list: every file is written, and rightly.
        let lists = spare.appendingPathComponent(OutputManifest.fileName)
        let text = try Data(contentsOf: lists)
        try text.prefix(text.count / 2).write(to: lists)
        before = identities(spare)
        #expect(!(await site.build()).hasErrors)
        after = identities(site.output)
        #expect(before["/assets/sitegen.css"] != nil && before["/assets/sitegen.css"] != after["/assets/sitegen.css"])
        #expect(try site.snapshot() == (try await freshBuild()))
    }

    /// A bibliography outside the site folder is never read, however the path gets there: `/../x.bib` was read, and
    /// `../../x.bib` was read as the site's own `x.bib`.
    @Test func aBibliographyOutsideTheSiteIsNotRead() async throws {
        let site = try validSite()
        defer { site.remove() }
        let outside = site.root.deletingLastPathComponent().appendingPathComponent(site.root.lastPathComponent + "-outside.bib")
        try "@article{ghost, title={Outside}, author={Roe, Ann}, journal={J}, year={2020}}\n".write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try site.write(outside.lastPathComponent, "@article{ghost, title={Inside}, author={Roe, Ann}, journal={J}, year={2020}}\n")
        for path in ["/../\(outside.lastPathComponent)", "../../\(outside.lastPathComponent)"] {
            try site.write("Content/bad.md", "---\ntitle: T\nbibliography: \(path)\n---\nText [@ghost].\n")
            let report = await site.build()
            #expect(report.diagnostics.map(\.description).contains(
                "Content/bad.md:3:15: error: bibliography file '\(path)' leads out of the site folder, and sitegen reads no file outside it (the site"
                    + " must build the same on every machine): copy it into Content/bibliography/, which every article reads"), "\(report.diagnostics)")
        }
        // Written from the site folder, the site's own file of that name is the one read.
        try site.write("Content/bad.md", "---\ntitle: T\nbibliography: /\(outside.lastPathComponent)\n---\nText [@ghost].\n")
        #expect(!(await site.build()).hasErrors)
        #expect(try site.read("bad/index.html").contains("Inside"))
    }

    @Test(arguments: [
        ("Content/bad.md", "---\ntitle: T\nconfidence: sure\n---\n", "Content/bad.md:3:13: error: 'confidence' must be high, moderate or low, not 'sure'"),
        ("Content/bad.md", "---\ntitle: T\n---\nText [@nobody].\n", "Content/bad.md:4:7: error: unknown citation key 'nobody'; no bibliography of this article has it: add its entry to a file in Content/bibliography/ (or to the article's own `bibliography:`), or correct the key"),
        ("Content/bad.md", "---\ntitle: T\nreferences:\n  - id: inl\n    author: [[Smith, John]]\n---\nText [@inl].\n", "Content/bad.md:7:7: error: the entry 'inl' could not be read (at Content/bad.md:5:14); fix it there"),
        ("Content/bad.md", "---\ntitle: T\nreferences:\n  - id: inl\n    author: [[Smith, John]]\n---\nText [@inl].\n", "Content/bad.md:5:14: error: a name in 'author' must be a mapping such as {family: …, given: …}"),
        ("Content/bad.md", "---\ntitle: T\nbibliography: missing.bib\n---\n", "Content/bad.md:3:15: error: bibliography file 'missing.bib' not found (looked for Content/missing.bib)"),
        // A name mistyped, a path from the site folder written as the article's; a key it may hold is said to be there.
        ("Content/bad.md", "---\ntitle: T\nbibliography: bibliography/ref.json\n---\n", "Content/bad.md:3:15: error: bibliography file 'bibliography/ref.json' not found (looked for Content/bibliography/ref.json); did you mean 'bibliography/refs.json'?"),
        ("Content/bad.md", "---\ntitle: T\nbibliography: Content/bibliography/refs.json\n---\n", "Content/bad.md:3:15: error: bibliography file 'Content/bibliography/refs.json' not found (looked for Content/Content/bibliography/refs.json); a path is relative to the article's folder: write '/Content/bibliography/refs.json' for one from the site folder"),
        ("Content/bad.md", "---\ntitle: T\nbibliography: gone.bib\n---\nText [@ghost].\n", "Content/bad.md:5:7: error: unknown citation key 'ghost'; no bibliography of this article has it"),
        // The site's own file named as the article's; a file outside the site (pandoc reads one, and the build would
        // differ from machine to machine): said so, and nothing outside is read (`/../x` was, `../../x` read `x`).
        ("Content/bad.md", "---\ntitle: T\nbibliography: refs.json\n---\n", "Content/bad.md:3:15: error: bibliography file 'refs.json' not found (looked for Content/refs.json); Content/bibliography/refs.json is read for every article already: remove the line"),
        ("Content/bad.md", "---\ntitle: T\nbibliography: ../../refs.bib\n---\n", "Content/bad.md:3:15: error: bibliography file '../../refs.bib' leads out of the site folder, and sitegen reads no file outside it (the site must build the same on every machine): copy it into Content/bibliography/, which every article reads"),
        ("Content/bad.md", "---\ntitle: T\nbibliography: /../refs.bib\n---\nText [@ghost].\n", "Content/bad.md:5:7: error: unknown citation key 'ghost'; it may be in /../refs.bib, which could not be read"),
        // Another format than the file's name says: the name to give it.
        ("Content/bibliography/more.bib", "TY  - JOUR\nTI  - T\nER  - \n", "Content/bibliography/more.bib:1:1: error: the file is named .bib but holds RIS, which is read from a file named .ris: rename it more.ris"),
        ("Content/bibliography/pubmed.ris", "PMID- 12345678\nTI  - T\n", "Content/bibliography/pubmed.ris:1:1: error: the file is named .ris but holds PubMed's MEDLINE format, which is read from a file named .nbib: rename it pubmed.nbib"),
        ("Content/bibliography/more.json", "% JabRef\n@article{a, title={T}}\n", "Content/bibliography/more.json:1:1: error: the file is named .json but holds BibTeX, which is read from a file named .bib: rename it more.bib"),
        // An export of a format sitegen does not read, whatever its name: Web of Science's plain text saved as .ris had no
        // entries (a warning, and its citations unknown keys), as .bib it failed at an address ("expected '{' after
        // '@northwestern.edu'"); from its start, or cut from a record's `PT J`.
        ("Content/bibliography/wos.ris", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Roe, A\nTI T\nEM a@northwestern.edu\nPY 2020\nER\n\nEF\n", "Content/bibliography/wos.ris:1:1: error: the file is named .ris but is Web of Science's plain text; sitegen does not read it: export the references as RIS instead and save them as .ris (in Web of Science: Export › RIS (other reference software))"),
        ("Content/bibliography/wos.bib", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Roe, A\nTI T\nEM a@northwestern.edu\nPY 2020\nER\n\nEF\n", "Content/bibliography/wos.bib:1:1: error: the file is named .bib but is Web of Science's plain text; sitegen does not read it: export the references as RIS instead and save them as .ris (in Web of Science: Export › RIS (other reference software))"),
        ("Content/bibliography/wos.ris", "PT J\nAU Roe, A\nTI T\nPY 2020\nER\n", "Content/bibliography/wos.ris:1:1: error: the file is named .ris but is Web of Science's plain text"),
        // A key given twice is a warning, and citing it the error.
        ("Content/bibliography/more.bib", "@article{smith2020, title={Again}}", "Content/heart/statins.md:11:18: error: the key 'smith2020' names 2 entries (at Content/bibliography/more.bib:1:1, Content/bibliography/refs.json:2:3), so which is cited is not known: remove the copy, or give one of them a key of its own and cite the one meant"),
        ("Templates/article.mustache", "<p>\n{{#title}}</p>", "Templates/article.mustache:2:1: error: template error: section 'title' is never closed (add '{{/title}}')"),
        ("Templates/article.mustache", "<p>{{#title}}</p>", "Templates/article.mustache:1:4: error: template error: section 'title' is never closed (add '{{/title}}')"),
        ("Templates/article.mustache", "{{#a}}{{#b}}x{{/a}}{{/b}}", "Templates/article.mustache:1:14: error: template error: expected '{{/b}}' to close the section opened at line 1, column 7, found '{{/a}}'"),
        ("Templates/article.mustache", "{{<bsae}}{{$main}}x{{/main}}{{/bsae}}", "Templates/article.mustache:1:1: error: template error: no template named 'bsae'; did you mean 'base'?"),
        // Closed with the right name, the opening's typo is named, not copied into the closing.
        ("Templates/article.mustache", "{{! a theme }}\n{{<bsae}}{{$main}}x{{/main}}{{/base}}", "Templates/article.mustache:2:1: error: template error: no template named 'bsae'; did you mean 'base'? ('{{/base}}' closes it)"),
        ("Templates/article.mustache", "<main>{{>artcle-list}}</main>", "Templates/article.mustache:1:7: error: template error: no template named 'artcle-list'; did you mean 'article-list'?"),
        // Hugo's `{{ .Title }}` was a warning, and the page was published with an empty heading.
        ("Templates/article.mustache", "{{<base}}{{$main}}<h1>{{ .Title }}</h1>{{{body}}}{{/main}}{{/base}}", "Templates/article.mustache:1:23: error: template error: '{{ .Title }}' is Hugo's template syntax (Go templates), which Mustache prints as nothing; write {{title}}"),
        ("Templates/article.mustache", "<main>{{> body}}</main>", "Templates/article.mustache:1:7: error: template error: no template named 'body'; 'body' is a value of the page, which {{{body}}} prints"),
        ("Templates/artcle.mustache", "<p>{{title}}</p>", "Templates/artcle.mustache:1:1: error: no page uses the template 'artcle'; did you mean 'article'?"),
        ("Templates/article.mustache", "{{#extra.wide}}<p>{{title}}</p>{{/extra.wide}}", "Templates/article.mustache:1:1: error: the template 'article' rendered heart/statins/index.html empty"),
        ("Templates/topic.mustache", "{{#extra.wide}}\r\n<h1>{{name}}</h1>{{/extra.wide}}\r\n", "Templates/topic.mustache:1:1: error: the template 'topic' rendered topics/cardiology/index.html empty"),
        ("Templates/article.mustache", "", "Templates/article.mustache:1:1: error: the template 'article' is empty, so it rendered heart/statins/index.html empty; write the template, or delete Templates/article.mustache to use the built-in one"),
        ("Templates/home.mustache", " \n\n", "Templates/home.mustache:1:1: error: the template 'home' is empty, so it rendered index.html empty; write the template, or delete Templates/home.mustache to use the built-in one"),
        ("Templates/article.mustache", "{{! TODO: the new layout }}\n", "Templates/article.mustache:1:1: error: the template 'article' holds nothing to print (only comments), so it rendered heart/statins/index.html empty; write the template, or delete Templates/article.mustache to use the built-in one"),
        ("Templates/topic.mustache", "{{=<% %>=}}<%! draft %>", "Templates/topic.mustache:1:1: error: the template 'topic' holds nothing to print (only comments), so it rendered topics/cardiology/index.html empty; write the template, or delete Templates/topic.mustache to use the built-in one"),
        ("Content/bad.md", "---\ntitle: T\ndrafts: true\n---\n", "Content/bad.md:3:1: error: unknown front matter key 'drafts'; did you mean 'draft'?"),
        ("Content/bad.md", "---\ntitle: T\nreviwed: 2026-01-01\n---\n", "Content/bad.md:3:1: error: unknown front matter key 'reviwed'; did you mean 'reviewed'?"),
        ("Content/bad.md", "---\ntitle: T\nmood: calm\n---\n", "Content/bad.md:3:1: error: unknown front matter key 'mood'; values for templates go under 'extra:' (the keys are aliases, bibliography,"),
        ("Content/bad.md", "---\ntitle: T\nextra: [1]\n---\n", "Content/bad.md:3:8: error: 'extra' must be a mapping"),
        ("Content/bad.md", "---\ntitle: T\n---\nText [@smith2020, @smith2021].\n", "Content/bad.md:4:7: error: '@smith2021' is read as part of the locator of '@smith2020'; separate sources with a semicolon: [@smith2020; @smith2021]"),
        ("Content/empty.md", "", "Content/empty.md:1:1: error: file is empty: an article needs front matter with a title"),
        ("Content/empty.md", "\u{FEFF}\r\n", "Content/empty.md:1:1: error: file is empty: an article needs front matter with a title"),
        ("sitegen.yml", "title: [x\n", "sitegen.yml:1:8: error: this '[' is never closed (or an item in it lacks a comma): end the list with ']', or put a value that starts with '[' in quotes"),
        ("Content/bad.md", "---\ntitle: T\nlayout: fancy\n---\n", "Content/bad.md:3:9: error: no template named 'fancy'; add Templates/fancy.mustache, or remove the line for the article template ('article')"),
        ("Content/bad.md", "---\ntitle: T\nlayout: article.mustache\n---\n", "Content/bad.md:3:9: error: no template named 'article.mustache'; a layout is the template's name without .mustache: layout: article"),
        ("Content/bad.md", "---\ntitle: T\nlayout: artcle\n---\n", "Content/bad.md:3:9: error: no template named 'artcle'; did you mean 'article'? (or add Templates/artcle.mustache)"),
        // A built-in template of another page prints no article.
        ("Content/bad.md", "---\ntitle: T\nlayout: base\n---\n", "Content/bad.md:3:9: error: layout 'base' is the built-in template of every page's shell (the blocks the others fill), which prints no article's text; an article's layout is 'article' (the default: remove the line) or a template of your own in Templates/"),
        ("Content/bad.md", "---\ntitle: T\nlayout: 404\n---\n", "Content/bad.md:3:9: error: layout '404' is the built-in template of the page for an address with no page, which prints no article's text; an article's layout is 'article' (the default: remove the line) or a template of your own in Templates/"),
    ])
    func failedBuildReportsAndLeavesOutputUntouched(path: String, text: String, expected: String) async throws {
        let site = try validSite()
        defer { site.remove() }
        #expect(!(await site.build()).hasErrors)
        let before = try site.snapshot()
        try site.write(path, text)
        let report = await site.build()
        #expect(report.hasErrors)
        #expect(report.diagnostics.map(\.description).contains { $0.hasPrefix(expected) }, "\(report.diagnostics)")
        #expect(try site.snapshot() == before)
    }

    /// Two PubMed exports that overlap (routine: two searches) hold the same record, keyed by its PMID: one source, so
    /// no duplicate key; the first is cited, with a warning when the two differ. Any other key given twice is a warning,
    /// and citing it an error (`failedBuildReportsAndLeavesOutputUntouched`).
    @Test func overlappingPubMedExportsBuild() async throws {
        let site = try validSite()
        defer { site.remove() }
        let record = "PMID- 31978945\nTI  - A Novel Coronavirus from Patients with Pneumonia in China, 2019.\nDP  - 2020 Feb 20\nFAU - Zhu, Na\nAU  - Zhu N\nTA  - N Engl J Med\n"
        try site.write("Content/bibliography/a.nbib", record)
        try site.write("Content/bibliography/b.nbib", "\n" + record + "\n" + record)
        try site.write("Content/heart/a.md", article("A?", "A [@31978945].\n"))
        let report = await site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = try site.read("heart/a/index.html")
        #expect(page.contains("Zhu N. A Novel Coronavirus from Patients with Pneumonia in China, 2019."), "\(page)")
        try site.write("Content/bibliography/b.nbib", record.replacingOccurrences(of: "TI  - A Novel", with: "TI  - Another"))
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/bibliography/b.nbib:1:1: warning: the PubMed record 31978945 is also at Content/bibliography/a.nbib:1:1, where it reads"
                + " otherwise; that copy is cited: keep the one you want"
        ])
    }

    /// A site-wide bibliography file named in an article's front matter too (as pandoc needs every file named) is the
    /// site's: no entry shadows itself, and the file's uncited entries are not the article's.
    @Test func aSiteWideFileNamedByAnArticleIsReadOnce() async throws {
        let site = try validSite()
        defer { site.remove() }
        for path in ["/Content/bibliography/refs.json", "../bibliography/refs.json"] {
            try site.write("Content/heart/a.md", article("A?", "A [@smith2020].\n", extra: "bibliography: \(path)\n"))
            let report = await site.build()
            #expect(report.diagnostics.isEmpty, "\(path): \(report.diagnostics)")
            #expect(try site.read("heart/a/index.html").contains("href=\"#ref-smith2020\""))
        }
    }

    /// A key cited from a bibliography file beside articles that the article does not name (pandoc's `refs.bib` beside
    /// the Markdown) is an error that names the file and the line that reads it: from beside the article, or from the
    /// site folder; a key in no file is said to be in none, as before.
    @Test func aKeyInABibliographyBesideArticlesNamesTheFile() async throws {
        let site = try validSite()
        defer { site.remove() }
        let entry = { (key: String) in "@article{\(key), title={T}, author={Roe, Ann}, journal={J}, year={2020}}\n" }
        try site.write("Content/heart/refs.bib", entry("roe2020") + entry("both"))
        try site.write("Content/other/more.bib", entry("doe2021") + entry("both"))
        try site.write("Content/heart/a.md", article("A?", "A [@roe2020]. B [@doe2021]. C [@both]. D [@none].\n"))
        try site.write("Content/heart/b.md", article("B?", "B [@roe2020] [@doe2021].\n", extra: "bibliography: refs.bib\n"))
        let notRead = "which this article does not read: name it in the front matter (bibliography: "
        #expect((await site.build()).diagnostics.map(\.description) == [
            "Content/heart/a.md:4:4: error: unknown citation key 'roe2020'; it is in Content/heart/refs.bib, \(notRead)refs.bib), or move it to"
                + " Content/bibliography/, which every article reads",
            "Content/heart/a.md:4:18: error: unknown citation key 'doe2021'; it is in Content/other/more.bib, \(notRead)/Content/other/more.bib),"
                + " or move it to Content/bibliography/, which every article reads",
            "Content/heart/a.md:4:32: error: unknown citation key 'both'; it is in Content/heart/refs.bib and Content/other/more.bib, which this"
                + " article does not read: name one in the front matter (bibliography: refs.bib), or move it to Content/bibliography/, which every"
                + " article reads",
            "Content/heart/a.md:4:43: error: unknown citation key 'none'; no bibliography of this article has it: add its entry to a file in"
                + " Content/bibliography/ (or to the article's own `bibliography:`), or correct the key",
            "Content/heart/b.md:5:15: error: unknown citation key 'doe2021'; it is in Content/other/more.bib, \(notRead)/Content/other/more.bib),"
                + " or move it to Content/bibliography/, which every article reads",
        ])
    }

    /// An article whose `bibliography:` names a file that is not there, where the file its keys are in is elsewhere
    /// (`refs/x.bib` from Content/chemistry/ for Content/refs/x.bib): the line is the error, and each key sends the
    /// reader to it, not to a second `bibliography:` line.
    @Test func aKeyOfAFileNamedByAWrongPathSendsTheReaderToThatLine() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/refs/x.bib", "@article{roe2020, title={T}, author={Roe, Ann}, journal={J}, year={2020}}\n")
        try site.write("Content/chemistry/a.md", article("A?", "A [@roe2020].\n", extra: "bibliography: refs/x.bib\n"))
        let messages = (await site.build()).diagnostics.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.first?.hasPrefix("Content/chemistry/a.md:3:15: error: bibliography file 'refs/x.bib' not found (looked for Content/chemistry/refs/x.bib)") == true)
        #expect(messages.last == "Content/chemistry/a.md:5:4: error: unknown citation key 'roe2020'; it is in Content/refs/x.bib, and this article's"
            + " bibliography: names Content/chemistry/refs/x.bib, which is not there: correct that line, as its error says")
    }

    @Test func invalidUTF8IsReportedAtItsPosition() async throws {
        let site = try validSite()
        defer { site.remove() }
        try Data("---\ntitle: T\n---\nab\u{FF}".utf8.map { $0 } + [0xFF, 0x41]).write(to: site.root.appendingPathComponent("Content/bin.md"))
        let report = await site.build()
        #expect(report.diagnostics.map(\.description).contains("Content/bin.md:4:5: error: file is not valid UTF-8 (byte 0xFF here, though the rest of the file is UTF-8); retype the character here, or delete it"))
    }

    /// Exports as they come: a BibTeX file of Latin-1 (older JabRef and LaTeX projects) is read with a warning, a
    /// RIS file saved in UTF-16 with its byte order mark as it is; a file that cannot be read at all is named by the
    /// citations it may hold.
    @Test func bibliographiesInOtherEncodingsAreRead() async throws {
        let site = try validSite()
        defer { site.remove() }
        let latin1: [UInt8] = Array("@article{muller2020,\n  author = {M".utf8) + [0xFC] + Array("ller, J".utf8) + [0xFC]
            + Array("rgen},\n  title = {Statins in the ".utf8) + [0x93] + Array("elderly".utf8) + [0x94]
            + Array("},\n  journal = {Eur Heart J},\n  year = {2020}\n}\n".utf8)
        try Data(latin1).write(to: site.root.appendingPathComponent("Content/bibliography/old.bib"))
        let ris = "TY  - JOUR\r\nAU  - Andr\u{E9}, Fran\u{E7}oise\r\nTI  - Aspirin \u{3B2}-blockade\r\nT2  - Lancet\r\nPY  - 2019\r\nID  - andre2019\r\nER  - \r\n"
        try Data([0xFF, 0xFE] + ris.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: site.root.appendingPathComponent("Content/bibliography/endnote.ris"))
        try site.write("Content/heart/statins.md", article("Do statins help?", "They lower risk [@muller2020; @andre2019].\n"))
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/bibliography/old.bib:2:14: warning: file is not UTF-8: it was read as Windows-1252 (Latin-1), the encoding of older exports, so byte 0xFC here is '\u{FC}'; if its letters print wrong, save it as UTF-8 in your editor ('iconv -f windows-1252 -t utf-8' converts it)"
        ])
        let page = try site.read("heart/statins/index.html")
        #expect(page.contains("M\u{FC}ller J. Statins in the \u{201C}elderly.\u{201D} Eur Heart J. 2020;"))
        #expect(page.contains("Andr\u{E9} F. Aspirin \u{3B2}-blockade. Lancet. 2019;"))

        // A Latin-1 byte in a file that is otherwise UTF-8 is a mistake, not an encoding: the file is an error, and a
        // key it may hold says so.
        let before = try site.snapshot()
        try Data(Array("@article{x2020, title = {\u{E9}t\u{E9}} }\n@article{y2020, title = {".utf8) + [0xE9] + Array("}}\n".utf8))
            .write(to: site.root.appendingPathComponent("Content/bibliography/old.bib"))
        let failed = await site.build()
        #expect(failed.diagnostics.map(\.description) == [
            "Content/bibliography/old.bib:2:26: error: file is not valid UTF-8 (byte 0xE9 here, though the rest of the file is UTF-8); retype the character here, or delete it",
            "Content/heart/statins.md:4:18: error: unknown citation key 'muller2020'; it may be in Content/bibliography/old.bib, which could not be read: fix the error reported there first",
        ])
        #expect(try site.snapshot() == before)

        // So does a file of which nothing could be read for a syntax error (a comma JavaScript allows).
        try site.write("Content/bibliography/old.bib", "")
        try site.write("Content/bibliography/hand.json", "[{\"id\": \"muller2020\", \"type\": \"book\", \"title\": \"T\",}]")
        let unreadable = await site.build().diagnostics.map(\.description)
        #expect(unreadable == [
            "Content/bibliography/hand.json:1:51: error: invalid JSON: a comma before '}' (JSON allows none after the last field); remove it",
            "Content/bibliography/old.bib:1:1: warning: the bibliography file has no entries",
            "Content/heart/statins.md:4:18: error: unknown citation key 'muller2020'; it may be in Content/bibliography/hand.json, which could not be read: fix the error reported there first",
        ])
    }

    /// An export saved under a name that is not a bibliography's (`export.txt` of RIS, as Web of Science and some
    /// EndNote filters name theirs) is not read; a warning says what it holds and what to name it, or what to export
    /// instead of a format sitegen does not read. An article that names one gets the same hint in its error.
    @Test func anExportUnderAnotherNameSaysWhatToNameIt() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/bibliography/export.txt", "\u{FEFF}TY  - JOUR\r\nAU  - Roe, A\r\nTI  - T\r\nPY  - 2020\r\nER  - \r\n")
        try site.write("Content/bibliography/jabref.txt", "% Encoding: UTF-8\n\n@Article{x2020,\n  title = {T}\n}\n")
        try site.write("Content/bibliography/library.enw", "%0 Journal Article\n%A Roe, A\n%T T\n%D 2020\n")
        try site.write("Content/bibliography/notes.txt", "Papers to read\n")
        try site.write("Content/bibliography/csv-statins-set.csv", "PMID,Title,Authors,Citation,First Author\n22607822,\"The effects\",\"CTT\",Lancet,CTT\n")
        try site.write("Content/bibliography/scopus.csv", "\u{FEFF}Authors,Title,Year\nRoe A.,T,2020\n")
        try Data([0x25, 0x50, 0x44, 0x46, 0x0A, 0x00, 0x01]).write(to: site.root.appendingPathComponent("Content/bibliography/paper.pdf"))
        let report = await site.build()
        let unread = "warning: this file is not read (bibliography files are .bib, .bibtex, .json, .yaml, .ris and .nbib): "
        #expect(report.diagnostics.map(\.description) == [
            "Content/bibliography/csv-statins-set.csv:1:1: \(unread)it is PubMed's CSV, whose authors are no names in parts: on PubMed, Send to ›"
                + " Citation manager saves the same records as a .nbib file, which is read",
            "Content/bibliography/export.txt:1:1: \(unread)it holds RIS, which is read from a file named .ris: rename it export.ris",
            "Content/bibliography/jabref.txt:1:1: \(unread)it holds BibTeX, which is read from a file named .bib: rename it jabref.bib",
            "Content/bibliography/library.enw:1:1: \(unread)it is in EndNote's tagged format (.enw); sitegen does not read it: export the references as RIS instead and save them as .ris (in EndNote: File › Export, output style 'RefMan (RIS) Export')",
            "Content/bibliography/scopus.csv:1:1: \(unread)it is a table (CSV): export the references as RIS instead and save them as .ris",
        ])
        try site.write("Content/heart/statins.md", "---\ntitle: Do statins help?\nbibliography: ../bibliography/export.txt\n---\nText [@roe2020].\n")
        let failed = await site.build().diagnostics.map(\.description)
        #expect(failed.first { $0.hasPrefix("Content/bibliography/export.txt") } == "Content/bibliography/export.txt:1:1: error: unsupported bibliography format '.txt' (use .bib, .json, .yaml, .ris or .nbib); it holds RIS, which is read from a file named .ris: rename it export.ris")
        #expect(!failed.contains { $0.hasPrefix("Content/bibliography/export.txt:1:1: warning") })
    }

    /// `{{> note}}` for a partial in a folder (`Templates/partials/note.mustache`, where Hugo keeps partials) names it
    /// with its folder, which is how it is included.
    @Test func aPartialInAFolderIsNamedWithIt() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Templates/partials/note.mustache", "<p>{{title}}</p>")
        try site.write("Templates/article.mustache", "<main>{{{body}}}{{> note}}</main>")
        #expect(await site.build().diagnostics.map(\.description).first
            == "Templates/article.mustache:1:17: error: template error: no template named 'note'; a template in a folder is named with it: did you mean 'partials/note'?")
        try site.write("Templates/article.mustache", "<main>{{{body}}}{{> partials/note}}</main>")
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try site.read("heart/statins/index.html").contains("<p>Do statins help?</p></main>"))
    }

    /// Settings under another name (`sitegen.yaml`) would build the site without them: an error while there is no
    /// `sitegen.yml`, a warning beside one; another generator's settings file is a warning where sitegen has none.
    @Test func settingsUnderAnotherNameAreNotLeftUnread() async throws {
        let site = try TestSite([
            "sitegen.yaml": "title: Test Answers\nbaseURL: https://example.org/\ncitation-style: apa\n",
            "config.toml": "title = 'Hugo site'\n",
            "Content/a.md": article("A?", "Text.\n"),
        ])
        defer { site.remove() }
        let failed = await site.build()
        #expect(failed.diagnostics.map(\.description) == [
            "sitegen.yaml:1:1: error: this file is not read: sitegen reads its settings from sitegen.yml only, so the site would be built without them; rename it sitegen.yml",
            "config.toml:1:1: warning: this is Hugo's or Zola's settings file, which sitegen does not read; sitegen's settings (title, baseURL, language, citation-style …) go in sitegen.yml",
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        try site.write("sitegen.yml", "title: Test Answers\nbaseURL: https://example.org/\n")
        #expect(await site.build().diagnostics.map(\.description) == [
            "sitegen.yaml:1:1: warning: this file is not read: sitegen reads its settings from sitegen.yml only; merge it into sitegen.yml, or delete it"
        ])
    }

    @Test func everyProblemInEveryFileIsReported() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/one.md", "---\ntitle: T\n---\n[@x1]\n")
        try site.write("Content/two.md", "---\nsummary: S\n---\n")
        let report = await site.build()
        #expect(report.diagnostics.filter(\.isError).map(\.location.path) == ["Content/one.md", "Content/two.md"])
    }

    /// Mustache looks a missing name up in the contexts around it: an article with no summary or topic must not show
    /// those of the home page's own introduction (`Content/index.md`) in the list.
    @Test func aListShowsOnlyEachArticlesOwnValues() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Test Answers\nbaseURL: https://example.org/\n",
            "Content/index.md": article(
                "Welcome", "Intro.\n", extra: "summary: HOME-SUMMARY\ntopic: HOME-TOPIC\nconfidence: low\nreviewed: 2020-02-02\n"),
            "Content/bare.md": article("Bare question?"),
            "Content/full.md": article("Full question?", extra: "summary: Own summary.\ntopic: Cardiology\n"),
        ])
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        let home = try site.read("index.html")
        let list = try #require(home.range(of: "<ul class=\"article-list\">")).lowerBound
        let bare = String(home[list...].split(separator: "</li>").first { $0.contains("Bare question?") } ?? "")
        #expect(bare.contains("<h2><a href=\"/bare/\">Bare question?</a></h2>"))
        for leaked in ["HOME-SUMMARY", "HOME-TOPIC", "badge", "2020", "meta-sep"] { #expect(!bare.contains(leaked), "\(leaked)") }
        #expect(home[list...].contains("<p>Own summary.</p>"))
        #expect(home[..<list].contains("HOME-SUMMARY"))
        #expect(try site.read("bare/index.html").contains("HOME") == false)
    }

    @Test func scriptInTitleOrSummaryIsEscapedEverywhere() async throws {
        let site = try TestSite([
            "Content/x.md": article("Bad <script>alert(1)</script>", extra: "summary: <script>alert(2)</script>\ntopic: <b>T</b>\n")
        ])
        defer { site.remove() }
        #expect(!(await site.build()).hasErrors)
        for (path, data) in try site.snapshot() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<b>T</b>"), "\(path)")
        }
        #expect(try site.read("x/index.html").contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
    }

    /// A quote followed by a combining mark is one Character in Swift; escaping must still catch the quote.
    @Test func quoteWithCombiningMarkCannotLeaveAnAttribute() async throws {
        let site = try TestSite(["Content/x.md": article("Q\"\u{301} onfocus=alert(1) autofocus x=\"\u{301}")])
        defer { site.remove() }
        #expect(!(await site.build()).hasErrors)
        let page = try site.read("x/index.html")
        // Only the JSON-LD holds the quote itself, escaped as `\"`.
        let scalars = Array(page.unicodeScalars)
        let bareQuotes = scalars.indices.dropFirst().dropLast().filter {
            scalars[$0] == "\"" && scalars[$0 + 1] == "\u{301}" && scalars[$0 - 1] != "\\"
        }
        #expect(bareQuotes.isEmpty)
        let escapedQuote = "Q&quot;\u{301} onfocus=alert(1)"
        #expect(page.contains(escapedQuote))
    }

    /// A page's JSON-LD cites each work as what it is, named by its title, its entry's text the description (a book
    /// was a ScholarlyArticle named by its whole entry).
    @Test func jsonLDCitationsAreTheirWorks() async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Text [@book; @web; @paper].\n"),
            "Content/bibliography/refs.yaml": "- {id: book, type: book, title: A book, author: [{family: Doe, given: J}], publisher: Pub, issued: {date-parts: [[2019]]}}\n"
                + "- {id: web, type: webpage, title: A page, URL: 'https://example.org/p'}\n"
                + "- {id: paper, type: article-journal, title: A *trial*, container-title: J, issued: {date-parts: [[2020]]}}\n",
        ])
        defer { site.remove() }
        #expect(!(await site.build()).hasErrors)
        let page = try site.read("a/index.html")
        let script = try #require(page.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?.components(separatedBy: "</script>").first)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any])
        let citations = try #require(data["citation"] as? [[String: Any]])
        #expect(citations.map { $0["@type"] as? String } == ["Book", "WebPage", "ScholarlyArticle"])
        #expect(citations.map { $0["name"] as? String } == ["A book", "A page", "A trial"])
        #expect((citations[0]["description"] as? String)?.hasPrefix("Doe J. A book.") == true, "\(citations[0])")
    }

    /// JSON-LD strings decode back to the text they quote, and hold nothing that could end the script element
    /// or a JavaScript line: no `<`, `>`, `&`, U+2028, U+2029 or control character.
    @Test func jsonLDStringsRoundTripAndStayInsideTheirScript() throws {
        var rng = IncrementalBuildTests.Generator(state: 11)
        let pieces = ["a", " ", "\"", "\\", "/", "<", ">", "&", "</script>", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{301}",
                      "\u{2028}", "\u{2029}", "\u{2027}", "\u{E2}", "中", "😀"]
        for round in 0..<5_000 {
            // Long runs of plain text too, which are read eight bytes at a time.
            let plain = round % 2 == 0 ? 1 : 20
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                Bool.random(using: &rng) ? String(repeating: "a", count: Int.random(in: 1...plain, using: &rng)) : pieces.randomElement(using: &rng)!
            }.joined()
            let quoted = JSONValue.quote(text)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(decoded == [text], "\(text.debugDescription) → \(quoted)")
            #expect(!quoted.unicodeScalars.contains { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) || $0.value < 0x20 })
        }
    }

    @Test func rawHTMLOnlyWhenEnabled() async throws {
        let site = try TestSite(["Content/x.md": article("T", "<div class=\"box\">Hi</div>\n")])
        defer { site.remove() }
        _ = await site.build()
        #expect(try site.read("x/index.html").contains("<!-- raw HTML omitted -->"))
        try site.write("sitegen.yml", "markdown:\n  unsafe: true\n")
        _ = await site.build()
        #expect(try site.read("x/index.html").contains("<div class=\"box\">Hi</div>"))
    }

    @Test func siteTemplatesOverrideAndInherit() async throws {
        let site = try TestSite([
            "Content/x.md": article("Hello", extra: "extra:\n  mood: calm\n"),
            "Templates/article.mustache": "{{<base}}{{$main}}<p class=\"custom\">{{title}} {{extra.mood}} {{site.title}}</p>{{/main}}{{/base}}",
        ])
        defer { site.remove() }
        #expect(!(await site.build()).hasErrors)
        let page = try site.read("x/index.html")
        #expect(page.contains("<p class=\"custom\">Hello calm Evidence-based answers</p>"))
        #expect(page.contains("id=\"theme-toggle\""))
    }

    /// An article's own entries come first. One of a file it names that no article cites is not reported (the file may be
    /// a reference manager's whole library); one of its front matter's `references:`, written for it, is.
    @Test func articleBibliographyComesFirstAndAnUncitedEntryOfItsReferencesWarns() async throws {
        let site = try validSite()
        defer { site.remove() }
        try site.write("Content/own.md", article("Own", "Cite [@smith2020].\n", extra: "bibliography: own.yaml\n"))
        try site.write("Content/own.yaml", """
            - id: smith2020
              title: Local version
            - id: unused
              title: Never cited
            """)
        let report = await site.build()
        #expect(!report.hasErrors)
        // The key defined otherwise in the article's file and site-wide: a warning at its citation, naming both entries.
        #expect(report.diagnostics.map(\.description) == [
            "Content/own.md:5:7: warning: 'smith2020' is the entry at Content/own.yaml:1:3, the article's own, which its references print; the one"
                + " of that key site-wide (at Content/bibliography/refs.json:2:3) differs in author, container-title, DOI and 5 more: if they are"
                + " one work, make the two alike (or remove one); if not, give one of them a key of its own"
        ])
        #expect(try site.read("own/index.html").contains("Local version"))

        let references = "references:\n  - {id: mine, type: book, title: Mine, issued: {date-parts: [[2019]]}}\n"
        try site.write("Content/own.md", article("Own", "Cite [@smith2020].\n", extra: references))
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/own.md:4:5: warning: reference 'mine' is in this article's bibliography but never cited"
        ])
        // A marker that fails for one of its keys cites the others all the same: only its error is said.
        try site.write("Content/own.md", article("Own", "Cite [@smith2020; @mine; @nowhere].\n", extra: references))
        let failed = await site.build().diagnostics.map(\.description)
        #expect(failed.filter { $0.contains("never cited") } == [], "\(failed)")
        #expect(failed.contains { $0.hasPrefix("Content/own.md:6:26: error: unknown citation key 'nowhere'") }, "\(failed)")
    }
}

/// The parallel build writes exactly the bytes a sequential one does.
struct ParallelBuildTests {
    @Test(arguments: [1, 2, 3, 8])
    func sameBytesWithAnyNumberOfWorkers(workers: Int) async throws {
        var files = [
            "sitegen.yml": "title: Parallel\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.json": "[" + (0..<40).map { index in
                #"{"id": "r\#(index)", "type": "article-journal", "title": "Title \#(index)", "author": [{"family": "F\#(index)", "given": "G"}], "container-title": "J", "issued": {"date-parts": [[\#(2000 + index)]]}, "DOI": "10.1/\#(index)"}"#
            }.joined(separator: ",") + "]",
            "Content/index.md": "---\ntitle: Home\n---\nWelcome [@r0].\n",
        ]
        for index in 0..<60 {
            let cited = (0..<5).map { "@r\((index * 7 + $0 * 3) % 40)" }
            files["Content/topic-\(index % 5)/article-\(index).md"] = """
                ---
                title: Question \(index)?
                summary: Answer \(index).
                topic: Topic \(index % 5)
                reviewed: 2025-\(String(format: "%02d", index % 12 + 1))-01
                ---
                Claim one [\(cited[0])]. Claim two [\(cited[1]); \(cited[2])]. Claim three [\(cited[3]), p. \(index)] and [\(cited[4])].

                - A list [\(cited[0])]
                - *Emphasis* and [a link](https://example.org/\(index))

                """
        }
        let sequential = try TestSite(files), parallel = try TestSite(files)
        defer { sequential.remove(); parallel.remove() }
        let one = await Parallel.$workers.withValue(1) { await sequential.build() }
        let many = await Parallel.$workers.withValue(workers) { await parallel.build() }
        #expect(!one.hasErrors && !many.hasErrors, "\(one.diagnostics) \(many.diagnostics)")
        let expected = try sequential.snapshot()
        #expect(expected.count > 60)
        #expect(try parallel.snapshot() == expected)
    }

    /// Tasks take values from a shared queue: each value is mapped exactly once and the results keep their order,
    /// whatever the number of values, workers and batch, and however long each value takes.
    @Test(arguments: [2, 3, 8])
    func parallelMapMapsEachValueOnceInOrder(workers: Int) async {
        let calls = CallCounter()
        for count in [0, 1, 2, 5, 16, 17, 100, 1_000, 3_333] {
            let values = Array(0..<count)
            for chunked in [true, false] {
                let mapped = await Parallel.$workers.withValue(workers) {
                    await Parallel.map(values, chunked: chunked) { value -> String in
                        calls.add()
                        if value % 97 == 0 { usleep(200) }  // uneven values
                        return "v\(value)"
                    }
                }
                #expect(mapped == values.map { "v\($0)" }, "\(count) values, chunked: \(chunked)")
            }
        }
        #expect(calls.total == 2 * [0, 1, 2, 5, 16, 17, 100, 1_000, 3_333].reduce(0, +))
    }

    /// In batches: each batch is a run of consecutive values no longer than asked, and every value is in exactly one.
    @Test(arguments: [1, 2, 3])
    func parallelBatchesCoverEachValueOnceInOrder(workers: Int) async {
        for count in [0, 1, 2, 17, 1_000] {
            let values = Array(0..<count)
            for batch in [nil, 1, 4, 16] as [Int?] {
                let mapped = await Parallel.$workers.withValue(workers) {
                    await Parallel.mapBatches(values, batch: batch) { run -> [String] in
                        let runs = run.indices.map { index in run[index] == index ? "" : "out of place" }
                        return run.map { "v\($0) of \(run.count)\(runs.joined())" }
                    }
                }
                #expect(mapped.count == count)
                for (value, text) in zip(values, mapped) {
                    #expect(text.hasPrefix("v\(value) of "), "\(count) values in batches of \(batch ?? 0)")
                    #expect(!text.contains("out of place"))
                    if let batch { #expect(Int(text.split(separator: " ").last!)! <= batch) }
                }
            }
        }
    }
}

private final class CallCounter: @unchecked Sendable {
    // `count` is guarded by `lock`.
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var total: Int { lock.withLock { count } }
}
