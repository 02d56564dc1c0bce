import Foundation
import Testing

@testable import SitegenKit

struct SiteCheckerTests {
    static let refs = """
        [
          {"id": "used", "type": "article-journal", "title": "Cited", "issued": {"date-parts": [[2020]]}},
          {"id": "unused", "type": "article-journal", "title": "Never cited", "issued": {"date-parts": [[2021]]}}
        ]
        """

    /// Runs `check` on a site and returns its diagnostics as lines.
    func check(_ files: [String: String], reviewAge: Int = 12, today: String = "2026-11-26", baseURL: String? = nil) async throws -> [String] {
        let site = try TestSite(files)
        defer { site.remove() }
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path, baseURL: baseURL)).render()
        #expect(!rendered.diagnostics.hasErrors, "\(rendered.diagnostics)")
        let checker = SiteChecker(maximumReviewAgeMonths: reviewAge, today: try #require(ReviewDate(today)))
        return await checker.check(rendered).map(\.description)
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
            "Content/bibliography/refs.json": #"[{"id": "used", "type": "book", "title": "Cited"}]"#,
            "Public/files/leaflet.pdf": "%PDF",
        ])
        #expect(lines == [])
    }

    @Test func brokenLinksAndAnchorsInMarkdownPointAtTheirLine() async throws {
        let lines = try await check([
            "Content/a.md": article("A?", "Intro.\n\nSee [gone](../missing/) and\n[no anchor](../b/#nowhere) or [file](/x.pdf).\n"),
            "Content/b.md": article("B?"),
        ])
        #expect(lines == [
            "Content/a.md:6:12: error: broken link '../missing/': the site has no page or file /missing/index.html",
            "Content/a.md:7:13: error: broken link '../b/#nowhere': /b/index.html has no element with id 'nowhere'",
            "Content/a.md:7:38: error: broken link '/x.pdf': the site has no page or file /x.pdf",
        ])
    }

    @Test func brokenLinksInTemplatesPointAtTheTemplate() async throws {
        let lines = try await check([
            "Content/a.md": article("A?"),
            "Templates/404.mustache": "{{<base}}{{$main}}\n<p><a href=\"{{root}}help/\">Help</a> <a href=\"#missing-id\">x</a></p>\n{{/main}}{{/base}}\n",
        ])
        #expect(lines == [
            "Templates/404.mustache:2:13: error: broken link '/help/': the site has no page or file /help/index.html (on 404.html)",
            "Templates/404.mustache:2:46: error: broken link '#missing-id': /404.html has no element with id 'missing-id' (on 404.html)",
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
    }

    @Test(arguments: [
        (12, "2026-11-26", "2025-11-25", true), (12, "2026-11-26", "2025-11-26", false), (6, "2026-11-26", "2026-05-25", true),
        (6, "2026-11-26", "2026-06-01", false), (1, "2026-03-31", "2026-02-27", true), (1, "2026-03-31", "2026-02-28", false),
    ])
    func articlesOlderThanTheReviewAgeWarn(months: Int, today: String, reviewed: String, warns: Bool) async throws {
        let lines = try await check(
            ["Content/a.md": article("A?", extra: "topic: X\nreviewed: \(reviewed)\n")], reviewAge: months, today: today)
        let expected = "Content/a.md:4:11: warning: last reviewed \(reviewed), more than \(months) months before \(today): due for review"
        #expect(lines == (warns ? [expected] : []))
    }

    @Test func scannerReadsQuotedUnquotedAndEscapedAttributesAndSkipsScripts() {
        let page = HTMLLinkScanner.scan(
            "<!-- <a href=\"/commented\"> --><A HREF=/x?a=1&amp;b=2 id='one'><img src='/i.png'>"
                + "<script>var s = '<a href=\"/in-script\">';</script><a name=two href=\"/&#x41;\">")
        #expect(page.links == ["/x?a=1&b=2", "/i.png", "/A"])
        #expect(page.anchors == ["one", "two"])
    }

    @Test func newArticleHasValidFrontMatterAndNeverOverwrites() async throws {
        let site = try TestSite([:])
        defer { site.remove() }
        let new = NewArticle(title: "Do \"natural\" statins: work?", topic: "Women's health", reviewed: try #require(ReviewDate("2026-11-26")))
        #expect(try new.write(into: site.root) == "Content/women-s-health/do-natural-statins-work.md")
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
        expectDiagnostic("Content/women-s-health/do-natural-statins-work.md:1:1: error: already exists; not overwritten") { () throws(Diagnostic) in
            _ = try new.write(into: site.root)
        }
        #expect(try String(contentsOf: site.root.appendingPathComponent(new.path), encoding: .utf8) == "mine")
    }
}
