import Foundation
import Testing

@testable import SitegenKit

struct SiteCheckerTests {
    static let refs = """
        [
          {"id": "used", "type": "article-journal", "title": "Cited", "container-title": "J", "page": "1-2", "DOI": "10.1/x", "issued": {"date-parts": [[2020]]}},
          {"id": "unused", "type": "article-journal", "title": "Never cited", "issued": {"date-parts": [[2021]]}}
        ]
        """

    /// Runs `check` on a site and returns its diagnostics as lines; paragraphs without citations and answers without
    /// a review date are not reported unless the test says so (`uncited`, `undated`). `reversingPages`: the pages
    /// handed over in reverse order, as a parallel build may hand them over in any. `building`: the build's warnings
    /// first, as `sitegen check` prints them.
    func check(
        _ files: [String: String], reviewAge: Int = 12, today: String = "2026-11-26", baseURL: String? = nil, uncited: String = "off",
        undated: Bool = false, unrated: Bool = false, reversingPages: Bool = false, building: Bool = false
    ) async throws -> [String] {
        var files = files
        files["sitegen.yml", default: ""] += "check: {uncited: \(uncited)}\n"
        let site = try TestSite(files)
        defer { site.remove() }
        var rendered = try await BuildPipeline(BuildOptions(source: site.root.path, baseURL: baseURL)).render()
        if reversingPages { rendered.pages.reverse() }
        #expect(!rendered.diagnostics.hasErrors, "\(rendered.diagnostics)")
        let checker = SiteChecker(maximumReviewAgeMonths: reviewAge, today: try #require(ReviewDate(today)))
        // The tests' sites are at example.org, a name kept for examples (``reservedBaseURLsWarn()``).
        let lines = ((building ? rendered.diagnostics : []) + (await checker.check(rendered))).map(\.description)
            .filter { !$0.contains("is no site's on the web") }
        return lines.filter { (undated || !$0.contains(SiteChecker.undatedMessage)) && (unrated || !$0.contains(SiteChecker.unratedMessage)) }
    }

    /// An answer without `confidence` shows no rating of its evidence: a warning at its title, as an undated one has;
    /// the home page's introduction, which is no answer, not.
    @Test func anAnswerWithoutAConfidenceIsAWarning() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", extra: "confidence: moderate\n"),
            "Content/b.md": article("B?"),
            "Content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        ], unrated: true)
        #expect(lines == ["Content/b.md:2:8: warning: \(SiteChecker.unratedMessage)"])
    }

    /// A site published at a name kept for examples or at this machine has canonical addresses, a feed and a sitemap
    /// that lead there: a warning where the base URL is given.
    @Test func reservedBaseURLsWarn() throws {
        func warning(_ yml: String) -> String? {
            var settings = SiteSettingsLoader().load(SourceText(path: "sitegen.yml", text: yml)).0
            if !yml.contains("baseURL") { settings.baseURL = "http://127.0.0.1:8000/" }
            return SiteChecker().reservedBaseURL(settings)?.description
        }
        #expect(warning("baseURL: https://Example.ORG/answers/\n")?.hasPrefix("sitegen.yml:1:10: warning: the base URL's host, example.org, is no site's") == true)
        #expect(warning("baseURL: http://localhost:8080/\n")?.contains("localhost") == true)
        #expect(warning("title: T\n")?.hasPrefix("--base-url:1:1: warning: the base URL's host, 127.0.0.1,") == true)
        #expect(warning("baseURL: https://docs.example.com/\n") != nil && warning("baseURL: http://[::1]/\n") != nil)
        for real in ["https://answers.example.org.uk/", "https://user.github.io/repo/", "https://myexample.org/", "https://your-site.invalid/"] {
            #expect(warning("baseURL: \(real)\n") == nil, "\(real)")
        }
    }

    /// A base path that is percent-encoded (`/m%C3%A9d/`, `/a%20b/`) holds the site's pages: no link leaves it.
    @Test func anEncodedBasePathHoldsTheSite() async throws {
        for base in ["https://example.org/méd/", "https://example.org/a%20b/"] {
            let lines = try await check(
                ["Content/a.md": article("A?", "See [b](../b/), [its refs](../b/#references) and [me](./).\n"), "Content/b.md": article("B?", "Cited [@used].\n"), "Content/bibliography/refs.json": Self.refs],
                baseURL: base)
            #expect(lines.filter { $0.contains("broken link") } == [], "\(base)")
        }
    }

    static let goodArticle = article(
        "Good?", "See [the other answer](../b/), [its refs](../b/#references), [a file](/files/leaflet.pdf),\n"
            + "[mail](mailto:a@b.org), [web](https://example.com/x), [top](#top) and [me](./).\n\n<a id=\"top\"></a>",
        extra: "reviewed: 2026-06-01\n")

    @Test func aSiteWithoutProblemsHasNoDiagnostics() async throws {
        let lines = try await check([
            "sitegen.yml": "markdown: {unsafe: true}\n",
            "Content/a.md": Self.goodArticle,
            "Content/b.md": article("B?", "Cited [@used].\n", extra: "reviewed: 2026-10-01\n"),
            "Content/bibliography/refs.json": #"[{"id": "used", "type": "book", "title": "Cited", "issued": {"date-parts": [[2020]]}, "URL": "https://example.org/b"}]"#,
            "Public/files/leaflet.pdf": "%PDF",
        ])
        #expect(lines == [])
    }

    /// A file name that a URL cannot hold as written (a space, another script) gets its page at that name, and every
    /// link, feed entry, sitemap entry and search record writes its address percent-encoded, as browsers send it:
    /// valid HTML and a valid sitemap, and no broken link.
    @Test func pagesWhoseNamesNeedEncodingAreLinkedEncoded() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/My Article.md": article("Spaces?", "Text, and [the other](../%C3%A9t%C3%A9/).\n", extra: "topic: X\n"),
            "Content/\u{E9}t\u{E9}.md": article("Summer?", "Text, and [the first](../My%20Article/).\n", extra: "topic: \u{C9}t\u{E9}\nreviewed: 2026-01-01\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        // The space is a warning (FrontMatterTests.aSpaceInAPathIsAWarning); the other script is not.
        #expect(report.diagnostics.map(\.message) == [
            "the path has a space, so the article's address is /My%20Article/; name it with hyphens (Content/my-article.md) for an address without %20"
        ])
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/My%20Article/</loc>") && sitemap.contains("<loc>https://example.org/%C3%A9t%C3%A9/</loc>"))
        #expect(try site.read("topics/x/index.html").contains("href=\"/My%20Article/\""))
        #expect(try site.read("feed.xml").contains("https://example.org/%C3%A9t%C3%A9/"))
        // A topic's name in another script: its page's address too.
        #expect(sitemap.contains("<loc>https://example.org/topics/%C3%A9t%C3%A9/</loc>"))
        #expect(try site.read("topics/\u{E9}t\u{E9}/index.html").contains("href=\"/topics/%C3%A9t%C3%A9/feed.xml\""))
        #expect(try site.read("My Article/index.html").contains("<link rel=\"canonical\" href=\"https://example.org/My%20Article/\">"))
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        #expect(await SiteChecker(today: try #require(ReviewDate("2026-11-26"))).check(rendered).filter { $0.message.contains("link") }.isEmpty)
    }

    @Test func brokenLinksAndAnchorsInMarkdownPointAtTheirLine() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "Intro.\n\nSee [gone](../missing/) and\n[no anchor](../b/#nowhere) or [file](/x.pdf).\n\n[Its heading](../b/#side-effects-rare).\n"),
            "Content/b.md": article("B?", "## Side effects: *rare*\n"),
        ])
        #expect(lines == [
            "Content/a.md:6:12: error: broken link '../missing/': the site has no page or file /missing/index.html",
            "Content/a.md:7:13: error: broken link '../b/#nowhere': /b/index.html has no element with id 'nowhere'",
            "Content/a.md:7:38: error: broken link '/x.pdf': the site has no page or file /x.pdf",
            // A heading's id as Hugo, pandoc and GitHub give it: said why there is none.
            "Content/a.md:9:15: error: broken link '../b/#side-effects-rare': /b/index.html has no element with id 'side-effects-rare'; headings"
                + " have no ids here (CommonMark gives them none, unlike Hugo, pandoc and GitHub): link to the page",
        ])
    }

    /// A citation on the home page, whose built-in template lists no references, is the build's warning at the marker
    /// alone: not also a broken link '#ref-…' at the line's first column, which the author did not write.
    @Test func aCitationOnTheHomePageIsNoBrokenLinkToo() async throws {
        let lines = try await check([
            "Content/index.md": "---\ntitle: Home\n---\nWelcome [@x].\n",
            "Content/bibliography/r.json": #"[{"id": "x", "type": "book", "title": "X", "issued": {"date-parts": [[2020]]}, "URL": "https://example.org/x"}]"#,
        ])
        #expect(lines.filter { $0.contains("broken link") } == [])
    }

    /// A link in raw HTML to an article's file (`<a href="b.md">`) is not rewritten as a Markdown link is: said so, with
    /// the page's address, not that the site publishes nothing from the file.
    @Test func aLinkInHTMLToAnArticlesFileSaysItIsPublished() async throws {
        let lines = try await check([
            "sitegen.yml": "markdown: {unsafe: true}\n",
            "Content/heart/a.md": article("A?", "See <a href=\"b.md\">B</a> and <a href=\"b.md#references\">its sources</a>.\n"),
            "Content/heart/b.md": article("B?"),
        ])
        #expect(lines.filter { $0.contains("broken link") } == [
            "Content/heart/a.md:4:14: error: broken link 'b.md': Content/heart/b.md is published at /heart/b/, but a link in HTML is not made"
                + " to lead there as a Markdown link to the file is; write [text](b.md), or href=\"../b/\"",
            "Content/heart/a.md:4:39: error: broken link 'b.md#references': Content/heart/b.md is published at /heart/b/, but a link in HTML is"
                + " not made to lead there as a Markdown link to the file is; write [text](b.md#references), or href=\"../b/#references\"",
        ])
    }

    /// With raw HTML allowed, a script's address (`javascript:`, `vbscript:`, in any case, its colon written `&colon;`
    /// in HTML) is kept on the page: a warning that says so where it is written, not a broken link to a file of its
    /// name; `mailto:`, `tel:` and `data:` addresses are not looked at, and a link to a missing file stays broken.
    @Test func aScriptAddressIsSaidForWhatItIs() async throws {
        let body = "![i](javascript:x) [a](javascript:alert(1)) [b](vbscript:msgbox) [c](JavaScript:void(0))\n\n"
            + "[f](mailto:a@b.org) [g](tel:+123) ![d](data:text/html,hi) [m](nothere.html)\n\n"
            + "<a href=\"javascript&colon;v\">v</a>\n"
        let lines = try await check(["sitegen.yml": "markdown: {unsafe: true}\n", "Content/heart/a.md": article("A?", body)])
        let kept = "kept because raw HTML is allowed (markdown: {unsafe: true} in sitegen.yml): a reader who follows it runs the script,"
            + " and no page or file is there; link to a page or a file"
        // (The address written with an entity is not found in the text: it is said at the answer's first line.)
        #expect(lines == [
            "Content/heart/a.md:4:1: warning: 'javascript:v' is a script's address (javascript:), \(kept)",
            "Content/heart/a.md:4:6: warning: 'javascript:x' is a script's address (javascript:), \(kept)",
            "Content/heart/a.md:4:24: warning: 'javascript:alert(1)' is a script's address (javascript:), \(kept)",
            "Content/heart/a.md:4:49: warning: 'vbscript:msgbox' is a script's address (vbscript:), \(kept)",
            "Content/heart/a.md:4:70: warning: 'JavaScript:void(0)' is a script's address (javascript:), \(kept)",
            "Content/heart/a.md:6:63: error: broken link 'nothere.html': the site publishes nothing from Content/heart/nothere.html (a link"
                + " of an article is read from its Markdown file's folder)",
        ])
        #expect(SiteChecker.scriptScheme(" java\tscript:x") == "javascript:" && SiteChecker.scriptScheme("VBScript:x") == "vbscript:")
        #expect(SiteChecker.scriptScheme("script.js") == nil && SiteChecker.scriptScheme("data:text/html,x") == nil)
    }

    /// A link in raw HTML to a file beside the article (`<img src="ldl.png">`), which no build rewrites as it does
    /// `![…](ldl.png)`, is said at its own place (not at the Markdown image of the file before it, which leads there),
    /// with the link to write; not that the site publishes nothing from the file, which it publishes.
    @Test func aLinkInHTMLToAFileBesideTheArticleSaysWhatToWrite() async throws {
        let lines = try await check([
            "sitegen.yml": "markdown: {unsafe: true}\n",
            "Content/heart/a.md": article(
                "A?", "Cited [@used].\n\n![LDL chart](ldl.png)\n\n<img src=\"ldl.png\" alt=\"The same chart\"> and <a href=\"leaflet.pdf\">the leaflet</a>\n"),
            "Content/heart/ldl.png": "PNG", "Content/heart/leaflet.pdf": "%PDF",
            "Content/bibliography/refs.json": Self.refs,
        ])
        #expect(lines.filter { $0.contains("broken link") } == [
            "Content/heart/a.md:8:11: error: broken link 'ldl.png': Content/heart/ldl.png is published at /heart/ldl.png, but a link in HTML is"
                + " not made to lead there as a Markdown link to the file is; write ![what it shows](ldl.png), or src=\"../ldl.png\"",
            "Content/heart/a.md:8:55: error: broken link 'leaflet.pdf': Content/heart/leaflet.pdf is published at /heart/leaflet.pdf, but a link"
                + " in HTML is not made to lead there as a Markdown link to the file is; write [text](leaflet.pdf), or href=\"../leaflet.pdf\"",
        ])
    }

    /// With HTML allowed, an `<img>` without `alt` is a warning as `![](…)` is (a screen reader reads out its file name, and
    /// the page is invalid HTML), at its tag, in a block of HTML or a paragraph; `alt=""` marks an image that decorates.
    /// Without `unsafe` the HTML is not published.
    @Test func aRawImageWithoutAltWarns() async throws {
        let body = "Cited [@used].\n\n<img src=\"../chart.png\" width=\"400\">\n\nText <img src=\"../chart.png\"> and <IMG SRC=\"../chart.png\" ALT=\"\">"
            + " [@used].\n\n<div>\n<p>Chart: [@used]</p>\n  <img data-alt=\"x\" src='../chart.png' title=\"alt\">\n</div>\n\n<!-- <img src=\"x.png\"> -->\n"
        let files = ["Content/heart/a.md": article("A?", body), "Content/heart/chart.png": "PNG", "Content/bibliography/refs.json": Self.refs]
        let warning = "warning: this <img> has no alt attribute, so a screen reader reads out its file name (and the page is invalid HTML); say"
            + " what it shows: alt=\"Bar chart of muscle pain with statin and placebo\" (alt=\"\" for an image that only decorates)"
        var allowed = files
        allowed["sitegen.yml"] = "markdown: {unsafe: true}\n"
        #expect(try await check(allowed).filter { $0.contains("alt attribute") }
            == ["Content/heart/a.md:6:1: \(warning)", "Content/heart/a.md:8:6: \(warning)", "Content/heart/a.md:12:3: \(warning)"])
        #expect(try await check(files).filter { $0.contains("alt attribute") } == [])
    }

    /// A link to a page in other case than its address (`/topics/Cardiology/`) gets the address: most hosts tell the
    /// cases apart.
    @Test func aLinkInOtherCaseThanItsPageGetsTheAddress() async throws {
        let lines = try await check([
            "Content/heart/a.md": article("A?", "See [more](/topics/Cardiology/) and [b](/Heart/B/).\n", extra: "topic: Cardiology\n"),
            "Content/heart/b.md": article("B?"),
        ])
        #expect(lines.filter { $0.contains("broken link") } == [
            "Content/heart/a.md:5:12: error: broken link '/topics/Cardiology/': the site has no page or file /topics/Cardiology/index.html; its"
                + " address differs only in case from /topics/cardiology/, and most hosts tell the cases apart: write it so",
            "Content/heart/a.md:5:41: error: broken link '/Heart/B/': the site has no page or file /Heart/B/index.html; its"
                + " address differs only in case from /heart/b/, and most hosts tell the cases apart: write it so",
        ])
    }

    /// Zola's link to an article (`@/` for its content folder) is said as such, with the link to write, not as a file
    /// under a folder named '@' beside the article.
    @Test func aZolaLinkSaysTheLinkToWrite() async throws {
        let lines = try await check([
            "Content/heart/a.md": article("A?", "See [aspirin](@/other/b.md#what-the-research-says).\n"),
            "Content/other/b.md": article("B?"),
        ])
        #expect(lines.filter { $0.contains("broken link") } == [
            "Content/heart/a.md:4:15: error: broken link '@/other/b.md#what-the-research-says': '@/' is Zola's way to name a file of the content"
                + " folder, which sitegen does not read; write the file's path relative to this Markdown file: ../other/b.md",
        ])
    }

    /// Two links an editor gets nearly right say what to write: a file of Public/ reached from the Markdown file
    /// (published at the site's root, so the link leads nowhere), and an anchor in other case than the page's id.
    @Test func aLinkIntoPublicAndAnAnchorInOtherCaseSayWhatToWrite() async throws {
        let lines = try await check([
            "Content/heart/a.md": article("A?", "See [the leaflet](../../Public/files/leaflet.pdf) and [its sources](b.md#References) [@x].\n\n"
                + "And [the other](<../../Public/files/my leaflet.pdf>).\n"),
            "Public/files/my leaflet.pdf": "%PDF",
            "Content/heart/b.md": article("B?", "Claim [@x].\n"),
            "Public/files/leaflet.pdf": "%PDF",
            "Content/bibliography/r.json": #"[{"id": "x", "type": "book", "title": "X", "issued": {"date-parts": [[2020]]}, "URL": "https://example.org/x"}]"#,
        ])
        #expect(lines == [
            "Content/heart/a.md:4:19: error: broken link '../../Public/files/leaflet.pdf': the files of Public/ are published at the site's"
                + " root (Public/files/leaflet.pdf at /files/leaflet.pdf), so from this page write ../../files/leaflet.pdf",
            "Content/heart/a.md:4:69: error: broken link 'b.md#References': /heart/b/index.html has no element with id 'References'; ids"
                + " differ in case only: write #references",
            "Content/heart/a.md:6:18: error: broken link '../../Public/files/my%20leaflet.pdf': the files of Public/ are published at the site's"
                + " root (Public/files/my leaflet.pdf at /files/my leaflet.pdf), so from this page write ../../files/my%20leaflet.pdf",
        ])
    }

    /// An anchor is matched with the page's ids byte for byte, as a browser matches it: one typed with its accent
    /// decomposed (`e` and U+0301, as text copied from a macOS file name has it) misses a composed id, and says so; two
    /// broken anchors on a line, one in each form, are each at its own column.
    @Test func anAnchorIsMatchedByItsBytesAndEachFormIsAtItsPlace() async throws {
        let (composed, decomposed) = ("\u{E9}", "e\u{301}")
        let lines = try await check([
            "sitegen.yml": "markdown: {unsafe: true}\n",
            "Content/a.md": article(
                "A?", "Claim [@x]. <span id=\"pr\(composed)vention\"></span>See [one](#pr\(decomposed)vention) and [two](#pr\(composed)vention).\n\n"
                    + "Neither [here](#nad\(decomposed)) nor [there](#nad\(composed)).\n"),
            "Content/bibliography/r.json": #"[{"id": "x", "type": "book", "title": "X", "issued": {"date-parts": [[2020]]}, "URL": "https://example.org/x"}]"#,
        ])
        #expect(lines == [
            "Content/a.md:4:53: error: broken link '#pre%CC%81vention': /a/index.html has no element with id 'pr\(decomposed)vention'; its id"
                + " 'pr\(composed)vention' differs from the link only in how letters are written ('\(composed)' written as 'e' and U+0301 in the link"
                + " (decomposed, as macOS writes file names), as one character in the id): retype the link's accented letters",
            "Content/a.md:6:16: error: broken link '#nade%CC%81': /a/index.html has no element with id 'nad\(decomposed)'",
            "Content/a.md:6:37: error: broken link '#nad%C3%A9': /a/index.html has no element with id 'nad\(composed)'",
        ])
    }

    /// A link to the article's own file with an anchor (`a.md#more`, the page's `./#more`) is at its place, not at the
    /// body's first line, and said as written.
    @Test func aLinkToTheArticlesOwnFileIsAtItsPlace() async throws {
        let lines = try await check(["Content/t/a.md": article("A?", "## More\n\nText. See [above](a.md#more) here.\n")])
        #expect(lines == [
            "Content/t/a.md:6:19: error: broken link 'a.md#more': /t/a/index.html has no element with id 'more'; headings have no ids here"
                + " (CommonMark gives them none, unlike Hugo, pandoc and GitHub): link to the page",
        ])
    }

    /// Each place of a broken link is reported, at its own column: a link that starts another one on its line
    /// (`/` after `/img/x.png`) was reported at the other's, and a second link to the same place not at all.
    @Test func everyPlaceOfABrokenLinkIsReportedAtItsColumn() async throws {
        let lines = try await check(
            ["Content/a.md": article("A?", "[chart](/img/x.png) and [home](/)\n\n[a](nope.md)\n\nAgain [b](nope.md \"Nope\").\n")],
            baseURL: "https://example.org/sub/")
        #expect(lines == [
            "Content/a.md:4:9: error: broken link '/img/x.png': it leaves the site, whose pages are under /sub/",
            "Content/a.md:4:32: error: broken link '/': it leaves the site, whose pages are under /sub/",
            "Content/a.md:6:5: error: broken link 'nope.md': the site publishes nothing from Content/nope.md (a link of an article is read from its Markdown file's folder)",
            "Content/a.md:8:11: error: broken link 'nope.md': the site publishes nothing from Content/nope.md (a link of an article is read from its Markdown file's folder)",
        ])
    }

    /// A link found where it is written without a `(`, `<` or quote before it (an unquoted HTML attribute) is at its
    /// byte column, as every article column is until it is shown (`≥` and `µ` are five bytes, two characters).
    @Test func aLinkWrittenWithoutOpeningIsAtItsByteColumn() async throws {
        let lines = try await check([
            "sitegen.yml": "markdown: {unsafe: true}\n",
            "Content/a.md": article("A?", "Dosis ≥5 µg <a href=nope.html>x</a>\n"),
        ])
        #expect(lines == ["Content/a.md:4:24: error: broken link 'nope.html': the site publishes nothing from Content/nope.html (a link of an article is read from its Markdown file's folder)"])
    }

    /// `./` in an article means its Markdown file's folder: one without a page is a broken link there, not a link
    /// back to the article itself without a word.
    @Test func aLinkToAFolderWithoutAPageIsBroken() async throws {
        let lines = try await check(["Content/heart/self.md": article("A?", "See [all answers](./) and [this one](./#top).\n")])
        #expect(lines == ["Content/heart/self.md:4:19: error: broken link './': the site has no page or file /heart/index.html"])
    }

    /// A broken link is said as its author wrote it, at its own place: `./other.md#nope`, which the page has as
    /// `../other/#nope`, was said as that, and with a `../other/#nope` written too, the two were one error at the second.
    @Test func aBrokenLinkIsSaidAsWrittenAtItsOwnPlace() async throws {
        let lines = try await check([
            "Content/heart/a.md": article("A?", "See [o](./other.md#nope) and\n[p](../other/#nope), [home](../#nope).\n"),
            "Content/heart/other.md": article("O?"),
        ])
        #expect(lines == [
            "Content/heart/a.md:4:9: error: broken link './other.md#nope': /heart/other/index.html has no element with id 'nope'",
            "Content/heart/a.md:5:5: error: broken link '../other/#nope': /heart/other/index.html has no element with id 'nope'",
            "Content/heart/a.md:5:29: error: broken link '../#nope': /index.html has no element with id 'nope'",
        ])
        // A fragment with an accent, which the page has percent-encoded (`#secci%C3%B3n`): each still as written.
        let accented = try await check([
            "Content/heart/a.md": article("A?", "See [s](other.md#sección),\n[v](../other/#sección), [o](other.md#sección).\n"),
            "Content/heart/other.md": article("O?"),
        ])
        #expect(accented == [
            "Content/heart/a.md:4:9: error: broken link 'other.md#sección': /heart/other/index.html has no element with id 'sección'",
            "Content/heart/a.md:5:5: error: broken link '../other/#sección': /heart/other/index.html has no element with id 'sección'",
            "Content/heart/a.md:5:30: error: broken link 'other.md#sección': /heart/other/index.html has no element with id 'sección'",
        ], "\(accented)")
    }

    /// A link to a draft says so, with the file it names (it was "no page or file /heart/linker/soon.md", a path under
    /// the article's own page, though Content/heart/soon.md is there).
    @Test func aLinkToADraftSaysItIsOne() async throws {
        let lines = try await check([
            "Content/heart/linker.md": article("A?", "See [the next answer](soon.md).\n"),
            "Content/heart/soon.md": article("Soon?", "Text.\n", extra: "draft: true\n"),
        ])
        #expect(lines == ["Content/heart/linker.md:4:23: error: broken link 'soon.md': Content/heart/soon.md is a draft, which is not published (build or check with --drafts to see it)"])
    }

    /// At the character, as the template engine counts its columns (`–` and `é` are one each, not three and two); `#top` is
    /// the top of any page, as HTML says.
    @Test func brokenLinksInTemplatesPointAtTheTemplate() async throws {
        let lines = try await check([
            "Content/a.md": article("A?"),
            "Templates/404.mustache": "{{<base}}{{$main}}\n<p>Aide – <a href=\"{{root}}help/\">Aidé</a> <a href=\"#missing-id\">x</a> <a href=\"#top\">Top</a></p>\n{{/main}}{{/base}}\n",
        ])
        #expect(lines == [
            "Templates/404.mustache:2:20: error: broken link '/help/': the site has no page or file /help/index.html (on 404.html)",
            "Templates/404.mustache:2:53: error: broken link '#missing-id': /404.html has no element with id 'missing-id' (on 404.html, and on"
                + " each page of its template that lacks the id)",
        ])
        // A link to a part of each page, in a template all pages share: once, where it is written, not at a section of
        // that name in a template before it (`{{#questions}}`).
        let shared = try await check([
            "Content/a.md": article("A?"), "Content/b.md": article("B?"),
            "Templates/article.mustache": "{{<base}}{{$main}}\n<h1>{{title}}</h1>{{#questions}}<p>{{.}}</p>{{/questions}}{{{body}}}\n{{/main}}{{/base}}\n",
            "Templates/base.mustache": "<!doctype html><html lang=\"en\"><title>{{title}}</title>\n<body>\n<a href=\"#questions\">Q</a>{{$main}}{{/main}}</body></html>\n",
        ])
        #expect(shared.count == 1, "\(shared)")
        #expect(shared.first?.hasPrefix("Templates/base.mustache:3:10: error: broken link '#questions'") == true, "\(shared)")
    }

    /// A header link of sitegen.yml's `nav` is on every page: its error is one, where sitegen.yml gives it, naming
    /// the first page in the site's order whatever order the build handed the pages over in.
    @Test(arguments: [false, true]) func brokenNavLinksPointAtSitegenYml(reversingPages: Bool) async throws {
        let lines = try await check([
            "sitegen.yml": "nav:\n  - {title: About, url: /about/}\n  - {title: B, url: /b/}\n  - {title: Help, url: help/}\n",
            "Content/a.md": article("A?"),
            "Content/b.md": article("B?"),
        ], baseURL: "https://user.github.io/repo/", reversingPages: reversingPages)
        #expect(lines == [
            "sitegen.yml:2:25: error: broken link '/repo/about/': the site has no page or file /repo/about/index.html (a 'nav' link of sitegen.yml, on a/index.html and other pages)",
            "sitegen.yml:4:24: error: broken link 'help/': the site has no page or file /repo/a/help/index.html (a 'nav' link of sitegen.yml, on a/index.html and other pages)",
        ])
    }

    @Test func linksUnderABasePathMustStayUnderIt() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "[ok](/repo/b/) and [outside](/b/)\n"),
            "Content/b.md": article("B?"),
        ], baseURL: "https://user.github.io/repo/")
        #expect(lines == ["Content/a.md:4:30: error: broken link '/b/': it leaves the site, whose pages are under /repo/"])
    }

    @Test func unusedSiteReferencesWarnAtTheirEntry() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "Cited [@used].\n"),
            "Content/bibliography/refs.json": Self.refs,
        ])
        #expect(lines == ["Content/bibliography/refs.json:3:3: warning: reference 'unused' is never cited"])
        // A draft's source is in use: deleting it as advised would break the draft once published.
        let withDraft = try await check([
            "Content/a.md": article("A?", "Cited [@used].\n"),
            "Content/b.md": article("B?", "Cited as @unused says.\n", extra: "draft: true\n"),
            "Content/bibliography/refs.json": Self.refs,
        ])
        #expect(withDraft == [])
    }

    /// A bibliography file an article names beside it (`bibliography: refs.bib`) is often a reference manager's whole
    /// library: its entries that no article cites are not reported, by the build or by check; a file two articles
    /// name, each citing one entry, is no different. A site-wide file's entries are, each.
    @Test func uncitedEntriesOfAFileArticlesNameAreNotReported() async throws {
        let entry = { (key: String) in
            "@article{\(key), author={Roe, Ann}, title={T}, journal={J}, volume={1}, pages={1--9}, year={2020}, doi={10.1000/\(key)}}\n"
        }
        let lines = try await check([
            "Content/heart/refs.bib": (1...90).map { entry("roe\($0)") }.joined(),
            "Content/heart/a.md": article("A?", "A [@roe1] [@used].\n", extra: "bibliography: refs.bib\n"),
            "Content/heart/b.md": article("B?", "B [@roe2].\n", extra: "bibliography: [/Content/heart/refs.bib]\n"),
            "Content/bibliography/refs.json": Self.refs,
        ], baseURL: "https://example.org/", building: true)
        #expect(lines == ["Content/bibliography/refs.json:3:3: warning: reference 'unused' is never cited"])
    }

    /// Such a file exported from the library a site-wide file is made from shares its keys: a key defined in both is said
    /// only where an article cites it and the two differ (the article prints its own), once, at its first citation; not
    /// for the keys no article cites, nor for those whose two entries are alike.
    @Test func aKeyAlsoDefinedSiteWideIsSaidWhereACitedEntryDiffers() async throws {
        let entry = { (key: String, title: String) in
            "@article{\(key), author={Roe, Ann}, title={\(title)}, journal={J}, volume={1}, pages={1--9}, year={2020}, doi={10.1000/\(key)}}\n"
        }
        let library = (1...50).map { entry("roe\($0)", "Trial \($0)") }
        var own = library
        own[6] = entry("roe7", "Trial 7, corrected")
        let lines = try await check([
            "Content/bibliography/library.bib": library.joined(),
            "Content/heart/refs.bib": own.joined(),
            "Content/heart/a.md": article("A?", "A [@roe1] [@roe7].\n\nAgain [@roe7; @roe2].\n", extra: "bibliography: refs.bib\n"),
            "Content/heart/b.md": article("B?", "B [@roe3].\n", extra: "bibliography: [/Content/heart/refs.bib]\n"),
            // Read site-wide only, the entry is the site's.
            "Content/heart/c.md": article("C?", "C [@roe7].\n"),
        ], baseURL: "https://example.org/", building: true)
        // (The site-wide file's entries that no article cites are each reported, as before.)
        #expect(lines.filter { !$0.hasPrefix("Content/bibliography/library.bib:") || !$0.hasSuffix("is never cited") } == [
            "Content/heart/a.md:5:12: warning: 'roe7' is the entry at Content/heart/refs.bib:7:1, the article's own, which its references"
                + " print; the one of that key site-wide (at Content/bibliography/library.bib:7:1) differs in title: if they are one work, make"
                + " the two alike (or remove one); if not, give one of them a key of its own"
        ])
    }

    /// A book that a cited chapter takes its fields from (`crossref`, and a `crossref` of that book's) is used,
    /// though nothing cites it: deleting it would change the chapter's entry.
    @Test func anEntryThatACitedOneCrossrefsIsUsed() async throws {
        let bib = """
            @incollection{chapter, author = {Lee, Ann}, title = {A chapter}, pages = {5--9}, crossref = {book}, doi = {10.1000/x}}
            @collection{book, editor = {Roe, R.}, title = {The book}, publisher = {P}, year = {2019}, crossref = {series}}
            @collection{series, title = {The series}, location = {Oslo}}
            @book{alone, author = {Poe, E.}, title = {Not cited}, year = {2000}, doi = {10.1000/y}}

            """
        let lines = try await check(["Content/a.md": article("A?", "Cited [@chapter].\n"), "Content/bibliography/refs.bib": bib])
        #expect(lines.filter { $0.contains("never cited") } == ["Content/bibliography/refs.bib:4:1: warning: reference 'alone' is never cited"])
    }

    @Test(arguments: [
        (12, "2026-11-26", "2025-11-25", true), (12, "2026-11-26", "2025-11-26", false), (6, "2026-11-26", "2026-05-25", true),
        (6, "2026-11-26", "2026-06-01", false), (1, "2026-03-31", "2026-02-27", true), (1, "2026-03-31", "2026-02-28", false),
    ])
    func articlesOlderThanTheReviewAgeWarn(months: Int, today: String, reviewed: String, warns: Bool) async throws {
        let lines = try await check(
            ["Content/a.md": article("A?", extra: "topic: X\nreviewed: \(reviewed)\n")], reviewAge: months, today: today)
        let expected = "Content/a.md:4:11: warning: last reviewed \(reviewed), more than \(months) month\(months == 1 ? "" : "s") before \(today): due for review"
        #expect(lines == (warns ? [expected] : []))
    }

    /// An answer without a `reviewed` date shows readers no "Last reviewed" line; the home page's introduction and
    /// an answer with the date are not reported.
    @Test func answersWithoutAReviewDateWarn() async throws {
        let lines = try await check(
            [
                "Content/a.md": article("A?", extra: "topic: X\n"), "Content/b.md": article("B?", extra: "reviewed: 2026-10-01\n"),
                "Content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
            ], undated: true)
        #expect(lines == [
            "Content/a.md:2:8: warning: no 'reviewed' date, so readers cannot tell how current this answer is (and the feeds leave it out); add the date it was last checked against its sources: reviewed: 2026-11-26"
        ])
    }

    @Test(arguments: ["warning", "error"])
    func paragraphsWithoutACitationAreReportedWithTheirCount(level: String) async throws {
        // An in-text citation cites; a handle that is no key does not.
        let body = "## Heading without one\n\nCited [@used].\n\n- a list item without\n- one with [@used; @unused]\n\n> quoted, no source\n\n```\ncode [x]\n```\n\nAs @used showed.\n\nAsk @someone.\n"
        let lines = try await check([
            "Content/a.md": article("A?", body, extra: "summary: No markers here.\nquestions: [Uncited?]\n"),
            "Content/index.md": article("Home", "An introduction without sources.\n"),
            "Content/bibliography/refs.json": Self.refs,
        ], uncited: level)
        let message = "no citation marker in this paragraph (3 of 6 paragraphs of this answer cite no source); cite one with [@key], or set check: {uncited: off} in sitegen.yml"
        #expect(lines.filter { $0.contains("citation marker") } == [
            "Content/a.md:10:3: \(level): \(message)", "Content/a.md:13:3: \(level): \(message)", "Content/a.md:21:1: \(level): \(message)",
        ])
        let off = try await check(["Content/a.md": article("A?", "No source.\n")], uncited: "off")
        #expect(off == [])
        // A key's text that is no citation on the page is none here either: in code, escaped, in a comment or an address.
        let notCited = "In code `[@used]`.\n\nEscaped \\[@used].\n\nCommented <!-- [@used] -->.\n\nAn [address](https://example.org/@used).\n\nCited [@used].\n"
        let literal = try await check(["Content/a.md": article("A?", notCited), "Content/bibliography/refs.json": Self.refs], uncited: level)
        let four = "no citation marker in this paragraph (4 of 5 paragraphs of this answer cite no source); cite one with [@key], or set check: {uncited: off} in sitegen.yml"
        #expect(literal.filter { $0.contains("citation marker") } == [4, 6, 8, 10].map { "Content/a.md:\($0):1: \(level): \(four)" })
    }

    /// An image without a description is a warning (a screen reader passes over it), on the home page too; a
    /// paragraph of images alone is a figure, with no claim to cite.
    @Test func imagesWithoutADescriptionWarnAndFiguresNeedNoCitation() async throws {
        let body = "Cited [@used].\n\n![](chart.png)\n\n![A chart](a.png) ![*Also* one](b.png)\n\nText ![ ](inline.png) here [@used].\n"
        let lines = try await check([
            "Content/a.md": article("A?", body),
            "Content/a/chart.png": "PNG", "Content/a/a.png": "PNG", "Content/a/b.png": "PNG", "Content/a/inline.png": "PNG",
            "Content/index.md": article("Home", "![](logo.png)\n"),
            "Public/logo.png": "PNG",
            "Content/bibliography/refs.json": Self.refs,
        ])
        let warning = "warning: this image has no description, so a screen reader passes over it; say what it shows:"
            + " ![Bar chart of muscle pain with statin and placebo](chart.png)"
        #expect(lines.filter { !$0.contains("never cited") } == [
            "Content/a.md:6:1: \(warning)", "Content/a.md:10:6: \(warning)", "Content/index.md:4:1: \(warning)",
        ])
    }

    /// The page's one level-1 heading is its title: one in the body that repeats it (a Markdown file that starts with
    /// `# Its title`) is said to, and another (`#` or `=`-underlined) is said to be a section; `##` is fine.
    @Test func levelOneHeadingsInTheBodyWarn() async throws {
        let body = "# Do statins *help*?\n\nCited [@used].\n\nOverview\n========\n\nCited [@used].\n\n## A section\n\nCited [@used].\n"
        let lines = try await check(["Content/a.md": article("Do statins help?", body), "Content/bibliography/refs.json": Self.refs])
        #expect(lines.filter { !$0.contains("never cited") } == [
            "Content/a.md:4:1: warning: this heading repeats the title, which the page prints as its heading already; remove it",
            "Content/a.md:8:1: warning: a level-1 heading makes a second main heading on the page, whose one is its title; make it a section: ## Overview",
        ])
    }

    /// Two answers to one question (a copied file, a question answered twice) are a warning at the second, naming the
    /// first; titles that differ only in case and punctuation are the same question.
    @Test func twoAnswersToOneQuestionWarn() async throws {
        let lines = try await check([
            "Content/a/statins.md": article("Do statins help?", "Cited [@used].\n"),
            "Content/b/statins-copy.md": article("Do statins help", "Cited [@used].\n"),
            "Content/c.md": article("Do statins hurt?", "Cited [@used].\n"),
            "Content/index.md": article("Do statins help?", "Home.\n"),
            "Content/bibliography/refs.json": Self.refs,
        ])
        #expect(lines.filter { !$0.contains("never cited") } == [
            "Content/b/statins-copy.md:2:8: warning: Content/a/statins.md has this title too, so readers find the question twice (in the"
                + " lists and in search); merge the two answers, or word each question for what it answers"
        ])
    }

    /// A PMID or PMCID pasted with PubMed's label (`PMID: 30922511`) links as the number alone (no PubMed link came of
    /// it before, in silence); an identifier that links nowhere still is a warning.
    @Test func identifiersWithTheirLabelLinkAndOthersThatLinkNowhereWarn() async throws {
        var reference = Reference(id: "p", type: "article-journal", location: .file("refs.bib"))
        reference.pmid = "PMID: 30922511"
        reference.pmcid = " PMCID:PMC6400346"
        #expect(reference.pubMedURL == "https://pubmed.ncbi.nlm.nih.gov/30922511/")
        #expect(reference.pmcURL == "https://pmc.ncbi.nlm.nih.gov/articles/PMC6400346/")
        // A PMCID that is not PMC and digits makes no link (its text went into the href as written).
        reference.pmcid = "PMC1\"><b>x</b>"
        #expect(reference.pmcURL == nil)
        #expect(SiteChecker.problems(of: reference).map(\.description).contains(
            "refs.bib:1:1: warning: 'p' has a PMCID that is not PMC and a number ('PMC1\"><b>x</b>'), so it links nowhere; write PMC and its digits (PMC6400346)"))
        reference.pmid = "30922511x"
        reference.pmcid = nil
        reference.doi = "ISBN 978-0-00"
        reference.containerTitle = "J"
        reference.page = "1-2"
        reference.issued = Reference.DateParts(year: 2020)
        #expect(SiteChecker.problems(of: reference).map(\.description) == [
            "refs.bib:1:1: warning: 'p' has a PMID that is not a number ('30922511x'), so it links nowhere; write its digits alone",
            "refs.bib:1:1: warning: 'p' has a DOI that does not start with '10.' ('ISBN 978-0-00'), so its link leads nowhere; write the DOI itself (10.…)",
        ])
        reference.pmid = nil
        reference.doi = "https://doi.org/10.1016/S0140-6736(12)60367-5."
        #expect(SiteChecker.problems(of: reference).map(\.description) == [
            "refs.bib:1:1: warning: 'p' has a DOI that ends with '.' ('10.1016/S0140-6736(12)60367-5.'), which copying it from a sentence adds; a DOI seldom does: write 10.1016/S0140-6736(12)60367-5"
        ])
        // A space inside, or a NUL read as one: the link holds it, percent-encoded. PubMed's label after it is no part of it.
        reference.doi = "10.1016/ S0140-6736(12)60367-5"
        #expect(SiteChecker.problems(of: reference).map(\.description) == [
            "refs.bib:1:1: warning: 'p' has a DOI with a space in it ('10.1016/ S0140-6736(12)60367-5'), which a DOI seldom has: its link is"
                + " https://doi.org/10.1016/%20S0140-6736(12)60367-5; remove the space (a character that is no text, such as NUL, is read as one)"
        ])
        reference.doi = "10.1016/S0140-6736(12)60367-5 [doi]"
        #expect(SiteChecker.problems(of: reference).isEmpty)
        reference.doi = "10.1016/S0140-6736(12)60367-5"
        #expect(SiteChecker.problems(of: reference).isEmpty)
        // A web address as a browser's address bar shows it, without its scheme, is printed as text, a link to nowhere.
        reference.url = "www.nhs.uk/conditions/statins/"
        #expect(SiteChecker.problems(of: reference).map(\.description) == [
            "refs.bib:1:1: warning: 'p' has a URL without 'https://' ('www.nhs.uk/conditions/statins/'), so it links nowhere; write https://www.nhs.uk/conditions/statins/"
        ])
        for url in ["https://www.nhs.uk/", "ftp://ftp.ncbi.nlm.nih.gov/pub/"] {
            reference.url = url
            #expect(SiteChecker.problems(of: reference).isEmpty, "\(url)")
        }
        reference.url = nil
        // An entry of no type (some exports leave one so) is named by its key, without an empty "()".
        reference.type = ""
        reference.issued = nil
        #expect(SiteChecker.problems(of: reference).map(\.description) == ["refs.bib:1:1: warning: 'p' has no year (issued/date)"])
    }

    /// A warning about an entry's DOI, URL, PMID or PMCID points at the field in a BibTeX, CSL-JSON or CSL-YAML file, not
    /// at the entry's first line, where it pointed; an entry whose reader does not place its fields (RIS) still points
    /// at its start.
    @Test func anIdentifiersWarningPointsAtItsField() throws {
        let bib = try BibTeXReader().read(SourceText(path: "refs.bib", text: """
            @article{w,
              title = {T}, journal = {J}, year = {2020}, pages = {1-2},
              DOI = {{10.1016/j.buildenv.2018.07.033.}},
              pmid = {1x}, pmcid = {P2},
              url = {www.nhs.uk/statins/}}
            """))
        let json = try BibliographyReader().read(SourceText(path: "refs.json", text: """
            [{"id": "j", "type": "article-journal", "title": "T", "container-title": "J", "page": "1-2", "issued": {"date-parts": [[2020]]},
              "DOI": "ISBN 978-0-00"}]
            """))
        let ris = try BibliographyReader().read(SourceText(path: "refs.ris", text: "TY  - JOUR\nID  - r\nTI  - T\nJO  - J\nSP  - 1\nEP  - 2\nPY  - 2020\nDO  - 10.1/x.\nER  - \n"))
        let problems: [Diagnostic] = (bib + json + ris).flatMap { SiteChecker.problems(of: $0) }
        let placed: [String] = problems.map { problem in "\(problem.location) \(problem.message.prefix(44))" }
        #expect(placed == [
            "refs.bib:4:3 'w' has a PMID that is not a number ('1x'), ",
            "refs.bib:4:16 'w' has a PMCID that is not PMC and a number",
            "refs.bib:3:3 'w' has a DOI that ends with '.' ('10.1016/j",
            "refs.bib:5:3 'w' has a URL without 'https://' ('www.nhs.u",
            "refs.json:2:3 'j' has a DOI that does not start with '10.'",
            "refs.ris:1:1 'r' has a DOI that ends with '.' ('10.1/x.')",
        ])
    }

    @Test func citedSourcesNeedAnIdentifierTheirFieldsAndNoRetraction() async throws {
        let refs = """
            [
              {"id": "bare", "type": "article-journal", "title": "No identifiers"},
              {"id": "gone", "type": "book", "title": "Retracted", "issued": {"date-parts": [[2019]]}, "URL": "https://example.org/g",
               "note": "Checked on the journal's page.\\nRetracted: J 2020;1:2"}
            ]
            """
        let lines = try await check([
            "Content/a.md": article("A?", "Claims [@bare; @gone].\n"),
            "Content/b.bib": "@article{pm, title = {From PubMed}, journal = {J}, year = {2020}, pages = {1-2}, pmid = {1}, note = {retracted by the publisher}}\n",
            "Content/c.md": article("C?", "Claim [@pm].\n", extra: "bibliography: b.bib\n"),
            "Content/bibliography/refs.json": refs,
        ])
        #expect(lines.sorted() == [
            "Content/bibliography/refs.json:3:3: error: 'gone' is retracted (Retracted: J 2020;1:2); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [gone])",
            "Content/b.bib:1:1: error: 'pm' is retracted (retracted by the publisher); remove the claims that rest on it in Content/c.md (an answer that cites it to explain the retraction says so: cites-retracted: [pm])",
            "Content/bibliography/refs.json:2:3: warning: 'bare' has no DOI, PMID, PMCID or URL: a reader cannot find the source; add one",
            "Content/bibliography/refs.json:2:3: warning: 'bare' (article-journal) has no year (issued/date)",
            "Content/bibliography/refs.json:2:3: warning: 'bare' (article-journal) has no container (journal or book title)",
            "Content/bibliography/refs.json:2:3: warning: 'bare' (article-journal) has no pages (page)",
        ].sorted())
    }

    /// A retracted source's error names the answers whose claims rest on it (it named none: an editor searched the
    /// articles for the key), three of them and how many more.
    @Test func aRetractionNamesTheAnswersThatCiteIt() async throws {
        let entry = "@article{gone, title={T}, journal={J}, pages={1}, doi={10.1/g}, year={2010}, note={Retracted: Lancet}}\n"
        var files = ["Content/bibliography/b.bib": entry]
        for name in ["a", "b"] { files["Content/\(name).md"] = article("\(name)?", "Claim [@gone].\n") }
        let two = try await check(files).filter { $0.contains("error") }
        #expect(two == [
            "Content/bibliography/b.bib:1:1: error: 'gone' is retracted (Retracted: Lancet); remove the claims that rest on it in the 2"
                + " answers that cite it (Content/a.md, Content/b.md) (an answer that cites it to explain the retraction says so:"
                + " cites-retracted: [gone])",
        ])
        for name in ["c", "d", "e"] { files["Content/\(name).md"] = article("\(name)?", "Claim [@gone].\n") }
        let five = try await check(files).filter { $0.contains("error") }
        #expect(five.count == 1 && five[0].contains("in the 5 answers that cite it (Content/a.md, Content/b.md, Content/c.md and 2 more)"), "\(five)")
    }

    /// An answer that cites a retracted source to explain the retraction (the MMR vaccine and autism, Wakefield's paper)
    /// says so, `cites-retracted: [key]`: its citation is no error, another answer's still is; with every citing answer
    /// saying so, none (the deploy's check could never pass).
    @Test func anAnswerThatCitesARetractedSourceKnowinglySaysSo() async throws {
        let entry = "@article{gone, title={T}, journal={J}, pages={1}, doi={10.1/g}, year={2010}, note={Retracted: Lancet}}\n"
        var files = [
            "Content/bibliography/b.bib": entry,
            "Content/a.md": article("a?", "The paper was retracted [@gone].\n", extra: "cites-retracted: [gone]\n"),
            "Content/b.md": article("b?", "Claim [@gone].\n"),
        ]
        #expect(try await check(files).filter { $0.contains("error") }.map { $0.contains("rest on it in Content/b.md (") } == [true])
        files["Content/b.md"] = article("b?", "Claim [@gone].\n", extra: "cites-retracted: [gone]\n")
        #expect(try await check(files).filter { $0.contains("error") } == [])
    }

    /// A key of `cites-retracted:` that excuses no citation is a warning at the key: of a source the answer never
    /// cites (with the cited key nearest to a mistyped one), or of one its entry does not say is retracted; the list
    /// would excuse a later citation unchecked. A key that names a cited retracted source is none.
    @Test func aCitesRetractedKeyThatExcusesNothingIsAWarningAtIt() async throws {
        let lines = try await check([
            "Content/bibliography/b.bib": "@article{wakefield1998, title={T}, journal={J}, pages={1}, doi={10.1/g}, year={1998}, note={Retracted: Lancet 2010}}\n"
                + "@article{taylor2014, title={U}, journal={J}, pages={1}, doi={10.1/t}, year={2014}}\n"
                + "@article{gone, title={V}, journal={J}, pages={1}, doi={10.1/v}, year={2000}, note={Retracted: J 2001}}\n",
            "Content/a.md": article("a?", "It was retracted [@wakefield1998]. Later [@taylor2014].\n",
                extra: "cites-retracted: [wakefield1998, wakefeld1998, taylor2014]\n"),
            "Content/b.md": article("b?", "Claim [@gone].\n", extra: "cites-retracted:\n  - gone\n  - nothere\n"),
        ])
        #expect(lines.sorted() == [
            "Content/a.md:3:34: warning: cites-retracted names 'wakefeld1998', which this answer never cites; did you mean 'wakefield1998'?",
            "Content/a.md:3:48: warning: cites-retracted names 'taylor2014', which is not retracted as far as its entry"
                + " (Content/bibliography/b.bib:2:1) says; remove it, or, if the source is retracted, say so in the entry's note (Retracted: and"
                + " where the retraction is published)",
            "Content/b.md:5:5: warning: cites-retracted names 'nothere', which this answer never cites; remove it",
        ])
    }

    /// PubMed says a record is retracted with `RIN`, with `RRI` (retracted and republished, as PREDIMED was), and with
    /// the publication type `Retracted Publication`: one error, naming the notice that says most.
    @Test(arguments: [
        ("RIN - J. 2020;5:6. PMID: 456\nPT  - Retracted Publication\n", "Retraction in: J. 2020;5:6. PMID: 456"),
        ("PT  - Journal Article\nPT  - Retracted Publication\nRRI - N Engl J Med. 2018 Jun 21;378(25):e34. PMID: 29897866\n",
         "Retracted and republished in: N Engl J Med. 2018 Jun 21;378(25):e34. PMID: 29897866"),
        ("PT  - Retracted Publication\n", "Retracted Publication, its publication type in PubMed"),
    ])
    func aMedlineRetractionNoticeIsAnError(fields: String, notice: String) async throws {
        let record = "PMID- 123\nTI  - A retracted trial.\nTA  - J\nDP  - 2019 Jan\nPG  - 1-2\n" + fields + "AID - 10.1/x [doi]\n"
        let lines = try await check([
            "Content/a.md": article("A?", "Claim [@123].\n", extra: "bibliography: r.nbib\n"),
            "Content/r.nbib": record,
        ])
        #expect(lines.filter { $0.contains("error") } == ["Content/r.nbib:1:1: error: '123' is retracted (\(notice)); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [123])"])
    }

    /// Two exports of one PubMed record, the later made since its retraction: the copy that says so is cited, and the
    /// retraction is an error, whichever file comes first.
    @Test(arguments: [false, true])
    func aRetractionInEitherCopyOfAPubMedRecordIsKept(retractedFirst: Bool) async throws {
        let record = "PMID- 123\nTI  - A trial.\nTA  - J\nDP  - 2019 Jan\nPG  - 1-2\nAID - 10.1/x [doi]\n"
        let retracted = record + "RIN - J. 2020;5:6. PMID: 456\n"
        let (a, b) = retractedFirst ? (retracted, record) : (record, retracted)
        let site = try TestSite([
            "Content/a.md": article("A?", "Claim [@123].\n"),
            "Content/bibliography/a.nbib": a,
            "Content/bibliography/b.nbib": b,
        ])
        defer { site.remove() }
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let lines = (rendered.diagnostics + (await SiteChecker().check(rendered))).map(\.description).filter { $0.contains("123") }
        let (kept, other) = retractedFirst ? ("a", "b") : ("b", "a")
        let dropped = retractedFirst
            ? "where it reads otherwise; that copy is cited: keep the one you want"
            : "where it reads otherwise; that copy is cited (it says the article is retracted, which this copy, an older export, does not);"
                + " remove this copy"
        #expect(lines.sorted() == [
            "Content/bibliography/\(kept).nbib:1:1: error: '123' is retracted (Retraction in: J. 2020;5:6. PMID: 456); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [123])",
            "Content/bibliography/\(other).nbib:1:1: warning: the PubMed record 123 is also at Content/bibliography/\(kept).nbib:1:1, \(dropped)",
        ].sorted())
    }

    /// One rule tells a retraction in every format's note (CSL's and BibTeX's `note`, RIS's `N1`) and in a title, as
    /// people and reference managers write it; an erratum, a correction or a word that starts alike is none.
    @Test(arguments: [
        ("Retracted: Lancet 2010;375:445", "Retracted: Lancet 2010;375:445"),
        ("Retraction in: Lancet. 2010;375:445", "Retraction in: Lancet. 2010;375:445"),
        ("Retraction: Lancet 2010", "Retraction: Lancet 2010"),
        ("RETRACTED. See Lancet 2010", "RETRACTED. See Lancet 2010"),
        ("*Retracted*: Lancet 2010", "*Retracted*: Lancet 2010"),
        ("[Retracted] Lancet 2010", "[Retracted] Lancet 2010"),
        ("  retracted in 2011 by the authors", "retracted in 2011 by the authors"),
        ("PMID: 20137807\nRetracted: Lancet 2010", "Retracted: Lancet 2010"),
        ("Erratum in: Lancet 2004. Retracted: Lancet 2010", "Retracted: Lancet 2010"),
        ("Erratum in: Lancet 2004;363:750", nil),
        ("Correction: Lancet 2004", nil),
        ("Retractor blades compared", nil),
        ("Retraction of: Lancet 1998;351:637", nil),
        ("Retracted and republished from: N Engl J Med 2013", nil),
        // A sentence that starts with the word is no notice (the first two were errors, and with check before each
        // deploy, stopped it), nor a republished source named without a colon.
        ("Retraction Watch covered this controversy; the paper stands.", nil),
        ("Retraction and correction policies of cardiology journals were reviewed.", nil),
        ("Retracted and republished from N Engl J Med 2013;368:1279-90.", nil),
        ("Retraction notice for: Lancet 1998", nil),
        ("Retracted and republished in: N Engl J Med 2018", "Retracted and republished in: N Engl J Med 2018"),
        ("Retracted by the publisher", "Retracted by the publisher"),
    ] as [(String, String?)])
    func aNoteSaysASourceIsRetractedOneWay(note: String, notice: String?) {
        #expect(Reference.retractionNotices(in: note) == (notice.map { [$0] } ?? []))
    }

    @Test func retractionsInNotesOfEveryFormatAndTitlesAreErrors() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "Claims [@r1; @r2; @j1; @b1; @y1; @t1].\n", extra: "bibliography: [r.ris, j.json, b.bib, y.yaml]\n"),
            "Content/r.ris": "TY  - JOUR\nID  - r1\nTI  - R1\nT2  - J\nSP  - 1\nDO  - 10.1/r1\nPY  - 2010\nN1  - Retracted: Lancet 2010\nER  - \n\n"
                + "TY  - JOUR\nID  - r2\nTI  - R2\nT2  - J\nSP  - 1\nDO  - 10.1/r2\nPY  - 2010\nN1  - Retraction in: Lancet 2010\nER  - \n",
            "Content/j.json": #"""
                [{"id": "j1", "type": "article-journal", "title": "J1", "container-title": "J", "page": "1", "DOI": "10.1/j1",
                  "issued": {"date-parts": [[2010]]}, "note": "Retraction in: Lancet 2010"},
                 {"id": "t1", "type": "article-journal", "title": "RETRACTED: T1", "container-title": "J", "page": "1", "DOI": "10.1/t1",
                  "issued": {"date-parts": [[2010]]}}]
                """#,
            "Content/b.bib": "@article{b1, title={B1}, journal={J}, pages={1}, doi={10.1/b1}, year={2010}, note={Erratum in Lancet. Retracted: Lancet}}\n",
            "Content/y.yaml": "- id: y1\n  type: article-journal\n  title: Y1\n  container-title: J\n  page: \"1\"\n  DOI: 10.1/y1\n  issued: 2010\n"
                + "  note: \"*Retracted*: Lancet 2010\"\n",
        ])
        #expect(lines.filter { $0.contains("error") }.sorted() == [
            "Content/b.bib:1:1: error: 'b1' is retracted (Retracted: Lancet); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [b1])",
            "Content/j.json:1:2: error: 'j1' is retracted (Retraction in: Lancet 2010); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [j1])",
            "Content/j.json:3:2: error: 't1' is retracted (its title starts 'RETRACTED:'); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [t1])",
            "Content/r.ris:1:1: error: 'r1' is retracted (Retracted: Lancet 2010); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [r1])",
            "Content/r.ris:11:1: error: 'r2' is retracted (Retraction in: Lancet 2010); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [r2])",
            "Content/y.yaml:1:3: error: 'y1' is retracted (*Retracted*: Lancet 2010); remove the claims that rest on it in Content/a.md (an answer that cites it to explain the retraction says so: cites-retracted: [y1])",
        ].sorted())
    }

    @Test(arguments: [("2020-02-01", false), ("2020-01-31", true)])
    func anAnswerReviewedBeforeItsNewestSourceWarns(reviewed: String, warns: Bool) async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "Claim [@used].\n", extra: "reviewed: \(reviewed)\n"),
            "Content/bibliography/refs.json": Self.refs.replacingOccurrences(of: "[[2020]]", with: "[[2020, 2]]"),
        ], today: "2020-06-01")
        let expected = "Content/a.md:3:11: warning: reviewed \(reviewed), before 'used' was published (2020-02); review the answer against it and update 'reviewed'"
        #expect(lines.filter { !$0.contains("never cited") } == (warns ? [expected] : []))
    }

    /// A source online before its print issue could be read from the day it was online (MEDLINE's `DEP`, CSL's
    /// `available-date`): an answer reviewed since then is not reviewed before it, whatever its issue's date (`DP`).
    @Test(arguments: [("2026-11-20", nil), ("2026-10-20", "2026-11-01")] as [(String, String?)])
    func aSourceOnlineBeforeItsIssueCountsFromTheDayItWasOnline(reviewed: String, published: String?) async throws {
        let record = "PMID- 11\nTI  - Online first.\nTA  - JAMA\nDP  - 2027 Jan\nPG  - 10-20\nDEP - 20261101\nAID - 10.1/x [doi]\n"
        let item = #"[{"id": "csl", "type": "article-journal", "title": "T", "container-title": "J", "page": "1", "DOI": "10.1/y","#
            + #" "issued": {"date-parts": [[2027, 2]]}, "available-date": {"date-parts": [[2026, 10, 15]]}}]"#
        let lines = try await check([
            "Content/a.md": article("A?", "Claim [@11].\n", extra: "reviewed: \(reviewed)\nbibliography: r.nbib\n"),
            "Content/b.md": article("B?", "Claim [@csl].\n", extra: "reviewed: \(reviewed)\nbibliography: c.json\n"),
            "Content/r.nbib": record,
            "Content/c.json": item,
        ], today: "2026-12-06")
        #expect(lines == (published.map {
            ["Content/a.md:3:11: warning: reviewed \(reviewed), before '11' was published (\($0)); review the answer against it and update 'reviewed'"]
        } ?? []))
    }

    @Test func scannerReadsQuotedUnquotedAndEscapedAttributesAndSkipsScripts() {
        let page = HTMLLinkScanner.scan(
            "<!-- <a href=\"/commented\"> --><A HREF=/x?a=1&amp;b=2 id='one'><img src='/i.png'>"
                + "<script>var s = '<a href=\"/in-script\">';</script><a name=two href=\"/&#x41;\">")
        #expect(page.links == ["/x?a=1&b=2", "/i.png", "/A"])
        #expect(page.anchors == ["one", "two"])
    }

    @Test func newArticleHasValidFrontMatterAndNeverOverwrites() async throws {
        let site = try TestSite(["sitegen.yml": "title: Answers\n"])
        defer { site.remove() }
        let new = NewArticle(title: "Do \"natural\" statins: work?", topic: "Women's health", reviewed: try #require(ReviewDate("2026-11-26")))
        #expect(try new.write(into: site.root) == ("Content/women-s-health/do-natural-statins-work.md", nil))
        let text = try String(contentsOf: site.root.appendingPathComponent(new.path), encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"Do \\\"natural\\\" statins: work?\"\nsummary: \"\"\ntopic: \"Women's health\"\n"))
        // It builds (as a draft) with the title and date it was given.
        let report = await site.build(drafts: true)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        let page = try site.read("women-s-health/do-natural-statins-work/index.html")
        #expect(page.contains("<h1>Do &quot;natural&quot; statins: work?</h1>"))
        #expect(page.contains("<time datetime=\"2026-11-26\">November 26, 2026</time>"))
        // A second time, the file is kept as it was.
        try site.write(new.path, "mine")
        expectDiagnostic(
            "Content/women-s-health/do-natural-statins-work.md:1:1: error: already exists, and was left as it was: edit it, or word the"
                + " question otherwise for an article of its own"
        ) { () throws(Diagnostic) in
            _ = try new.write(into: site.root)
        }
        #expect(try String(contentsOf: site.root.appendingPathComponent(new.path), encoding: .utf8) == "mine")
    }

    /// A topic's folder that differs from its slug in case or accents (`Cardiology/`, `diabète/`) is the one a new
    /// article goes in, its articles' spelling taken: a second folder made the site's addresses differ by case only
    /// (one folder on macOS and Windows) and the topic two pages.
    @Test func aNewArticleGoesInItsTopicsFolderWhateverItsCaseAndAccents() async throws {
        let site = try TestSite([
            "Content/Cardiology/a.md": article("A?", extra: "topic: Cardiology\n"),
            "Content/diabète/b.md": article("B?", extra: "topic: Diabète\n"),
            "Content/straße/e.md": article("E?", extra: "topic: Straße\n"),
        ])
        defer { site.remove() }
        #expect(try NewArticle(title: "C?", topic: "cardiology").write(into: site.root) == ("Content/Cardiology/c.md", "Cardiology"))
        #expect(try NewArticle(title: "D?", topic: "Diabete").write(into: site.root) == ("Content/diabète/d.md", "Diabète"))
        #expect(try NewArticle(title: "F?", topic: "Strasse").write(into: site.root) == ("Content/straße/f.md", "Straße"))
        let folders = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("Content").path).sorted()
        #expect(folders == ["Cardiology", "diabète", "straße"])
    }

    /// An answer published with the text `new` wrote in place of one (and the confidence and date it filled in) is an
    /// error of `check`, at the text; a draft of it is not.
    @Test func anAnswerPublishedWithTheTextNewWroteIsAnError() async throws {
        let text = NewArticle(title: "Is coffee bad?", topic: "Heart", reviewed: try #require(ReviewDate("2026-11-26"))).text
        let lines = try await check(["Content/heart/coffee.md": text.replacingOccurrences(of: "draft: true", with: "draft: false")])
        #expect(lines.filter { $0.contains("error") } == [
            "Content/heart/coffee.md:13:1: error: this answer is published with the text 'sitegen new' wrote in place of one; write the"
                + " answer (and check its confidence and reviewed date), or keep draft: true until it is written",
        ])
        #expect(try await check(["Content/heart/coffee.md": text]).filter { $0.contains("error") } == [])
    }

    /// The example answer `init` wrote, published as it is, tells readers "replace it with your own" in its summary, on
    /// its page, in the lists and in search: a warning at the summary, gone once the summary is the site's own.
    @Test func theExampleAnswerInitWroteIsAWarningUntilReplaced() async throws {
        let text = NewSite.article
        let lines = try await check(["Content/cardiology/statins-and-low-risk.md": text, "Content/bibliography/references.json": NewSite.bibliography])
        #expect(lines.filter { $0.contains("example answer") } == [
            "Content/cardiology/statins-and-low-risk.md:3:10: warning: this is the example answer 'sitegen init' wrote, published with a"
                + " summary that tells readers to replace it; replace it with an answer of your own, or delete this file",
        ])
        let own = text.replacingOccurrences(of: NewSite.exampleSummary, with: "What a meta-analysis of 27 trials found.")
        #expect(try await check(["Content/cardiology/statins-and-low-risk.md": own, "Content/bibliography/references.json": NewSite.bibliography])
            .filter { $0.contains("example answer") } == [])
    }

    /// `--topic women's Health` beside articles that say `Women's health`: written their way, and said so.
    @Test func aNewArticleSpellsItsTopicAsItsFolderDoes() async throws {
        let site = try TestSite([
            "Content/women-s-health/a.md": article("A?", extra: "topic: Women's health\n"),
            "Content/women-s-health/b.md": article("B?", extra: "topic: Women's health\n"),
            "Content/women-s-health/c.md": article("C?", extra: "topic: women's health\n"),
            "Content/women-s-health/notes.md": "no front matter",
        ])
        defer { site.remove() }
        let written = try NewArticle(title: "D?", topic: "women's Health").write(into: site.root)
        #expect(written == ("Content/women-s-health/d.md", "Women's health"))
        #expect(try site.readSource("Content/women-s-health/d.md").contains("\ntopic: \"Women's health\"\n"))
        // A topic of its own is written as given.
        #expect(try NewArticle(title: "E?", topic: "Sleep").write(into: site.root) == ("Content/sleep/e.md", nil))
        // A long question's file name is cut at a word (a file name has at most 255 bytes).
        let long = String(repeating: "Does taking a daily low dose aspirin ", count: 8) + "help?"
        let longPath = NewArticle(title: long, topic: "Sleep").path
        #expect(longPath == "Content/sleep/does-taking-a-daily-low-dose-aspirin-does-taking-a-daily-low-dose-aspirin-does.md")
        #expect(try NewArticle(title: long, topic: "Sleep").write(into: site.root).path == longPath)
        #expect(NewArticle(title: String(repeating: "心臓", count: 60), topic: nil).path.utf8.count <= "Content/".utf8.count + 80 + 3)
        // So is a long topic's folder; one too long for its page's folder is refused (330 characters failed with "File
        // name too long", and its article failed the build).
        let longWritten = try NewArticle(title: "G?", topic: String(repeating: "Cardiovascular prevention ", count: 5)).write(into: site.root).path
        #expect(longWritten == "Content/cardiovascular-prevention-cardiovascular-prevention-cardiovascular-prevention/g.md")
        #expect(throws: Diagnostic.self) { try NewArticle(title: "G?", topic: String(repeating: "Cardiovascular prevention ", count: 13)).write(into: site.root) }
        // An empty title is the argument's mistake, not a file's.
        #expect(throws: Diagnostic.error(at: .option("<question>"), "the title is empty; give the question the article answers: sitegen new \"Do statins cause muscle pain?\"")) {
            try NewArticle(title: " ", topic: nil).write(into: site.root)
        }
        // And a question of no word (it wrote Content/article.md).
        #expect(throws: Diagnostic.error(at: .option("<question>"), "the question '???' has no letter or digit to name its file by; write it in words: sitegen new \"Do statins cause muscle pain?\"")) {
            try NewArticle(title: "???", topic: nil).write(into: site.root)
        }
        // So is a topic without a letter or digit (`--topic ""` wrote `topic: ""`, which fails the build), and nothing
        // is written; an article of an empty topic beside it is no spelling to follow.
        try site.write("Content/topic/f.md", article("F?", extra: "topic: \"\"\n"))
        for topic in ["", "  ", "???"] {
            #expect(throws: Diagnostic.error(
                at: .option("--topic"),
                "the topic '\(topic)' has no letter or digit to name it by; name it in words (--topic Cardiology), or leave the option out")) {
                try NewArticle(title: "G?", topic: topic).write(into: site.root)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/topic/g.md").path))
        #expect(try NewArticle(title: "H?", topic: "Topic").write(into: site.root) == ("Content/topic/h.md", nil))
    }
}
