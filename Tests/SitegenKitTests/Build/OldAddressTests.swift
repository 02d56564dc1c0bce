import Foundation
import Testing

@testable import SitegenKit

/// An answer renamed or moved keeps its old addresses working through `aliases:`, and a build never lets a page it
/// published last time go without a word.
struct OldAddressTests {
    func site(_ extra: [String: String] = [:], baseURL: String = "https://example.org/") throws -> TestSite {
        var files = [
            "sitegen.yml": "title: T\nbaseURL: \(baseURL)\nlanguage: fr\n",
            "Content/bibliography/refs.json": BuildPipelineTests.refs,
            "Content/heart/statins.md": article("Do statins help?", "They lower risk [@smith2020].\n", extra: "aliases: [/cardiology/statins/, /old.html]\n"),
        ]
        files.merge(extra) { _, new in new }
        return try TestSite(files)
    }

    /// Each alias gets a page in the site's language that sends readers on (refresh, canonical, a link), under the base
    /// URL's path, kept out of search engines, the sitemap, the feed and the search index.
    @Test func anAliasIsAPageThatSendsReadersOn() async throws {
        let site = try site(baseURL: "https://example.org/answers/")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = try site.read("cardiology/statins/index.html")
        #expect(page.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/answers/heart/statins/\">"))
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/answers/heart/statins/\">"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        // English on a French site that gives no `words.moved`: marked so, the site's title in it French.
        #expect(page.contains("<a href=\"/answers/heart/statins/\" lang=\"en\">This page has moved: <span lang=\"fr\">Do statins help?</span></a>"))
        #expect(try site.read("old.html") == page)
        // On a site written from the right, read from the right, as the redirect of a list's `page/1/` is.
        try site.write("sitegen.yml", "title: T\nbaseURL: https://example.org/answers/\nlanguage: he\n")
        #expect(await site.build().diagnostics.filter(\.isError).isEmpty)
        #expect(try site.read("old.html").contains("<html lang=\"he\" dir=\"rtl\">"))
        for file in ["sitemap.xml", "feed.xml", "search/index.json"] {
            let text = (try? site.read(file)) ?? ""
            #expect(!text.contains("cardiology") && !text.contains("old.html"), "\(file)")
        }
    }

    /// An alias where the site has something of its own is an error at the alias: a page, a file of `Public/`,
    /// another alias, a folder of the site's pages, or a folder whose name is a file of the site's.
    @Test func anAliasThatClashesIsAnError() async throws {
        let site = try site([
            "Content/heart/other.md": article("Other?", extra: "aliases: [/old.html, /heart/statins/, /moved/, /heart, /feed.xml/x/]\n"),
            "Public/moved/index.html": "<!doctype html><title>x</title>\n",
            // A dated answer, for the site to have a feed.
            "Content/dated.md": article("Dated?", extra: "reviewed: 2026-01-15\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description).sorted() == [
            "Content/heart/other.md:3:22: error: the alias /heart/statins/ is the address of Content/heart/statins.md's page: an alias is an address"
                + " no page has; remove it",
            "Content/heart/other.md:3:39: error: the alias /moved/ is where the file Public/moved/index.html is published: remove the alias, or"
                + " the file",
            "Content/heart/other.md:3:56: error: the alias /feed.xml/x/ would be written in the folder feed.xml/, where the site has the file"
                + " feed.xml: remove it",
            "Content/heart/statins.md:3:33: error: the alias /old.html is an alias at Content/heart/other.md:3 already: one address leads to one"
                + " page; remove one of them",
        ], "\(report.diagnostics)")
    }

    /// An alias at a folder of articles or of `Public/` that has no page of its own (`/chemistry/` beside
    /// `Content/chemistry/acids.md`, `/files/` of `Public/files/leaflet.txt`) is that folder's page, as its `index.md`
    /// would be; at a folder that has its page (`Content/chemistry/index.md`), or one that holds only files sitegen makes
    /// (`assets/`, the search index's, a list's `page/`), where the site has no page, it is an error.
    @Test func anAliasAtAFolderIsItsPageUnlessTheFolderIsSitegens() async throws {
        let site = try site([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\npaginate: 1\n",
            "Content/chemistry/acids.md": article("Are acids safe?"),
            "Content/heart/other.md": article("Other?", extra: "aliases: [/chemistry/, /files/]\n"),
            "Public/files/leaflet.txt": "leaflet\n",
        ])
        defer { site.remove() }
        let built = await site.build()
        #expect(built.diagnostics.isEmpty, "\(built.diagnostics)")
        for folder in ["chemistry", "files"] {
            #expect(try site.read("\(folder)/index.html").contains("url=/heart/other/"), "\(folder)")
        }
        #expect(try site.read("files/leaflet.txt") == "leaflet\n")
        try site.write("Content/chemistry/index.md", article("Chemistry"))
        try site.write("Content/heart/other.md", article("Other?", extra: "aliases: [/chemistry/, /files/, /assets/, /search/d/, /page/]\n"))
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/heart/other.md:3:11: error: the alias /chemistry/ is the address of Content/chemistry/index.md's page: an alias is an"
                + " address no page has; remove it",
            "Content/heart/other.md:3:33: error: the alias /assets/ is a folder sitegen fills with files of its own (such as"
                + " /assets/favicon.svg), not an address of the site's pages: remove it",
            "Content/heart/other.md:3:43: error: the alias /search/d/ is a folder sitegen fills with files of its own (such as"
                + " /search/d/0.json), not an address of the site's pages: remove it",
            "Content/heart/other.md:3:55: error: the alias /page/ is a folder sitegen fills with files of its own (such as /page/1/), not"
                + " an address of the site's pages: remove it",
        ])
    }

    /// Every alias error of the site is said by one build: an alias that is no address of a page's (a full URL, a file's
    /// address) kept the others' errors unsaid until it was removed. A file's address where the site publishes a file
    /// says to remove the alias, not to keep the file there. With an error elsewhere (a citation), the aliases are
    /// judged against the articles, the files and each other (the lists and sitegen's own files are made only by a
    /// build without errors).
    @Test func everyAliasErrorIsSaidInOneBuild() async throws {
        let site = try site([
            "Content/heart/other.md": article(
                "Other?", extra: "aliases: [/files/leaflet.txt, /search/, https://example.org/x/, /heart/statins/, /guide.pdf, /old.html, /sitemap.xml]\n"),
            "Public/files/leaflet.txt": "leaflet\n",
        ])
        defer { site.remove() }
        let all = [
            "Content/heart/other.md:3:11: error: the alias '/files/leaflet.txt' is the address at which the site publishes the file"
                + " Public/files/leaflet.txt already: that address works as it is; remove the alias",
            "Content/heart/other.md:3:31: error: the alias /search/ is the address of a page sitegen writes (/search/): an alias is an"
                + " address no page has; remove it",
            "Content/heart/other.md:3:41: error: the alias 'https://example.org/x/' is a full address; an alias is an old address of this"
                + " site, written from its root: write /x/ (another site's address is that site's to redirect)",
            "Content/heart/other.md:3:65: error: the alias /heart/statins/ is the address of Content/heart/statins.md's page: an alias is an"
                + " address no page has; remove it",
            "Content/heart/other.md:3:82: error: the alias '/guide.pdf' is a file's address (guide.pdf), where a page that sends readers on"
                + " cannot stand; keep the file at that place in Public/guide.pdf, or write an old page's address, such as /heart/statins/",
            "Content/heart/other.md:3:105: error: the alias '/sitemap.xml' is the address at which sitegen writes a file of its own already:"
                + " that address works as it is; remove the alias",
            "Content/heart/statins.md:3:33: error: the alias /old.html is an alias at Content/heart/other.md:3 already: one address leads to one"
                + " page; remove one of them",
        ]
        let first = await site.build().diagnostics.map(\.description)
        #expect(first == all, "\(first)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        try site.write("Content/heart/statins.md", article("Do statins help?", "They lower risk [@nobody2020].\n", extra: "aliases: [/cardiology/statins/, /old.html]\n"))
        let said = await site.build().diagnostics.map(\.description)
        // Whether sitegen writes a file at a file's address is known once its files are made: no file to keep in Public/
        // is named, nor that the address works.
        let known = all.filter { !$0.contains("/search/") }.map {
            $0.replacingOccurrences(of: "keep the file at that place in Public/guide.pdf, or", with: "remove it, or")
                .replacingOccurrences(
                    of: "is the address at which sitegen writes a file of its own already: that address works as it is; remove the alias",
                    with: "is a file's address (sitemap.xml), where a page that sends readers on cannot stand; remove it, or write an old"
                        + " page's address, such as /heart/statins/")
        }
        #expect(said.filter { $0.contains("alias") } == known, "\(said)")
        #expect(said.contains { $0.contains("unknown citation key 'nobody2020'") }, "\(said)")
    }

    /// An alias that differs only in case from a page (on a host that ignores case it would replace the page and send
    /// readers on to itself), one that begins with the base URL's folder (published under it twice), and one of a
    /// file's address (a page at `guide.pdf/index.html`, which a request for `/guide.pdf` never gets) are errors.
    @Test func anAliasOfAPageInOtherCaseUnderTheBaseFolderOrOfAFileIsAnError() async throws {
        let site = try site([
            "Content/heart/other.md": article("Other?", extra: "aliases: [/Heart/Statins/, /repo/old/]\n"),
        ], baseURL: "https://example.org/repo/")
        defer { site.remove() }
        #expect(await site.build().diagnostics.map(\.description).sorted() == [
            "Content/heart/other.md:3:11: error: the alias /Heart/Statins/ differs only in case from /heart/statins/, which the site writes:"
                + " copied to macOS or Windows, or served by a host that ignores case, it would replace that page; remove it",
            "Content/heart/other.md:3:28: error: the alias /repo/old/ begins with the base URL's folder, /repo/, which is put before every"
                + " alias: it would be published at /repo/repo/old/; write it without that folder, /old/",
        ])
        try site.write("Content/heart/other.md", article("Other?", extra: "aliases: [/guide.pdf]\n"))
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/heart/other.md:3:11: error: the alias '/guide.pdf' is a file's address (guide.pdf), where a page that sends readers on"
                + " cannot stand; keep the file at that place in Public/guide.pdf, or write an old page's address, such as /heart/statins/",
        ])
    }

    /// An alias whose page would lock the output for good or replace sitegen's own files (`/.git/` made `Output/.git`, after
    /// which every build refused "a folder that holds .git", even with --force; `/.sitegen-output/` replaced the marker),
    /// or that holds a control character once decoded (`/x%00y/` wrote `Output/x`) or `<`, is an error at the alias;
    /// and a file or folder of `Public/` with such a name is not copied, an error at it. Nothing is written.
    @Test func anAliasOrAPublicFileWithANameTheOutputKeepsIsAnError() async throws {
        let aliases = ["/.git/", "/.sitegen-output/", "/a/.GIT/", "/.Output.sitegen-spare/", "/x%00y/", "/x%0Ay/", "/x%3Cscript%3E/"]
        let site = try site([
            "Content/heart/other.md": article("Other?", extra: "aliases: [\(aliases.joined(separator: ", "))]\n"),
            "Public/.sitegen-output/x": "x", "Public/files/.sitegen-files": "x", "Public/.well-known/security.txt": "Contact: x\n",
        ])
        defer { site.remove() }
        let report = await site.build()
        let example = ", such as /heart/statins/"
        #expect(report.diagnostics.map(\.description) == [
            "Content/heart/other.md:3:11: error: the alias '/.git/' has .git in it, a name the output folder keeps for Git (a folder that holds"
                + " .git is never replaced by a build) and no page may have; write another old address\(example)",
            "Content/heart/other.md:3:19: error: the alias '/.sitegen-output/' has .sitegen-output in it, a name the output folder keeps for"
                + " sitegen's own files and no page may have; write another old address\(example)",
            "Content/heart/other.md:3:38: error: the alias '/a/.GIT/' has .GIT in it, a name the output folder keeps for Git (a folder that holds"
                + " .git is never replaced by a build) and no page may have; write another old address\(example)",
            "Content/heart/other.md:3:48: error: the alias '/.Output.sitegen-spare/' has .Output.sitegen-spare in it, a name the output folder"
                + " keeps for sitegen's own files and no page may have; write another old address\(example)",
            "Content/heart/other.md:3:73: error: the alias '/x%00y/' holds a control character (U+0000), which no page's address or file name"
                + " may hold; write the old address as readers saw it\(example)",
            "Content/heart/other.md:3:82: error: the alias '/x%0Ay/' holds a control character (U+000A), which no page's address or file name"
                + " may hold; write the old address as readers saw it\(example)",
            "Content/heart/other.md:3:91: error: the alias '/x%3Cscript%3E/' holds '<', which no page's address or file name may hold; write"
                + " the old address as readers saw it\(example)",
            "Public/.sitegen-output:1:1: error: this folder is not copied: .sitegen-output is a name the output folder keeps for sitegen's own"
                + " files, which it would replace; rename it",
            "Public/files/.sitegen-files:1:1: error: this file is not copied: .sitegen-files is a name the output folder keeps for sitegen's own"
                + " files, which it would replace; rename it",
        ], "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        // Once they are gone the site builds, its other dot files copied, and builds again.
        try site.write("Content/heart/other.md", article("Other?"))
        for path in ["Public/.sitegen-output", "Public/files"] { try FileManager.default.removeItem(at: site.root.appendingPathComponent(path)) }
        #expect(await site.build().diagnostics.isEmpty)
        #expect(try site.read(".well-known/security.txt") == "Contact: x\n")
        #expect(await site.build().diagnostics.isEmpty)
    }

    /// A build over its previous output says, once, which pages it published last time it does not write now (an
    /// answer renamed), and how to keep their addresses; a page kept by an alias is not among them.
    @Test func pagesThatWentAwayAreSaidOnce() async throws {
        let site = try site()
        defer { site.remove() }
        #expect((await site.build()).diagnostics.isEmpty)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/heart"), to: site.root.appendingPathComponent("Content/lungs"))
        let moved = await site.build()
        #expect(moved.diagnostics.map(\.description) == [
            "\(site.output.path):1:1: warning: a page that the last build published is not written by this one: /heart/statins/; links and"
                + " bookmarks to it now lead nowhere. If an answer was renamed or moved, list its old address in its front matter, aliases:"
                + " [/heart/statins/], and sitegen writes a page there that sends readers on (a topic's old page is kept by a page of your own"
                + " in Public/ (README, \"Old addresses\"))",
        ])
        // A topic renamed alone: its page has no front matter for aliases.
        #expect(BuildPipeline.vanishedPagesWarning(["topics/diabete/"], output: "out")?.description == "out:1:1: warning: a page that the last"
            + " build published is not written by this one: /topics/diabete/; links and bookmarks to it now lead nowhere. If a topic was renamed,"
            + " a topic's old page is kept by a page of your own in Public/ (README, \"Old addresses\")")
        #expect((await site.build()).diagnostics.isEmpty)
        try site.write("Content/lungs/statins.md", article("Do statins help?", "They lower risk [@smith2020].\n", extra: "aliases: [/cardiology/statins/, /old.html, /heart/statins/]\n"))
        let kept = await site.build()
        #expect(kept.diagnostics.isEmpty, "\(kept.diagnostics)")
        #expect(try site.read("heart/statins/index.html").contains("url=/lungs/statins/"))
    }

    /// An output committed to Git and built in a fresh clone, where no spare records the last build: still refused,
    /// saying so, and that the unknown pages look like an earlier build's (not to be moved into Public/).
    @Test func pagesOfAnEarlierBuildWithoutARecordAreSaidSo() async throws {
        let site = try site()
        defer { site.remove() }
        #expect((await site.build()).diagnostics.isEmpty)
        try FileManager.default.removeItem(at: OutputWriter(output: site.output).spare)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/heart"), to: site.root.appendingPathComponent("Content/lungs"))
        let refused = await site.build()
        #expect(refused.refused)
        #expect(refused.diagnostics.map(\.description) == [
            "\(site.output.path):1:1: error: refusing to build: the output folder holds a folder that this build did not write ('heart/'), and"
                + " nothing here records what the last build wrote (a build keeps that in the spare folder beside the output, which is not here:"
                + " it is not in Git, so a fresh clone has none, or it was deleted), to tell yours from pages of articles renamed or deleted"
                + " since; a build would delete it, as it replaces its output folder whole; it looks like a page of an earlier build of"
                + " sitegen's (an answer renamed or deleted since): pass --force to replace it, and to keep an old address, list it under its"
                + " answer's aliases:",
        ])
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("heart/statins/index.html").path))
    }

    /// An answer with its own `bibliography: refs.bib` moved to another folder: the error says which file holds its keys
    /// and the path to write, not a same-named file of Content/bibliography/; its citations are not said to be in a
    /// file that "could not be read".
    @Test func aMovedAnswerIsToldWhereItsBibliographyIs() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.bib": "@article{polack2020, title={Safety}, journal={N Engl J Med}, year={2020}}\n",
            "Content/vaccines/refs.bib": "@article{baden2021, title={Efficacy}, journal={N Engl J Med}, year={2021}}\n",
            "Content/infections/mrna.md": article("Do mRNA vaccines work?", "Yes [@baden2021]; [@polack2020].\n", extra: "bibliography: refs.bib\n"),
        ])
        defer { site.remove() }
        let said = await site.build().diagnostics.map(\.description)
        #expect(said == [
            "Content/infections/mrna.md:3:15: error: bibliography file 'refs.bib' not found (looked for Content/infections/refs.bib);"
                + " Content/vaccines/refs.bib holds the keys it cites (baden2021): write bibliography: ../vaccines/refs.bib",
            "Content/infections/mrna.md:5:6: error: unknown citation key 'baden2021'; it is in Content/vaccines/refs.bib, and this article's"
                + " bibliography: names Content/infections/refs.bib, which is not there: correct that line, as its error says",
        ], "\(said)")
    }
}
