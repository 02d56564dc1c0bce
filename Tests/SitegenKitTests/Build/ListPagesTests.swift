import Foundation
import MustacheEngine
import Testing

@testable import SitegenKit

/// Pagination of the home page, topic pages and topic index; bounded feeds; the sitemap index.
@Suite struct ListPagesTests {
    /// `count` articles, newest first by review date (`a00` is the newest), in topic X.
    func site(_ count: Int, settings: String, topicOf: (Int) -> String = { _ in "X" }) throws -> TestSite {
        var files = ["sitegen.yml": "title: Answers\nbaseURL: https://example.org/\n" + settings]
        for index in 0..<count {
            let day = String(format: "%02d", 28 - index % 28), month = String(format: "%02d", 12 - index / 28)
            files[String(format: "Content/a%02d.md", index)] = article(
                String(format: "Question %02d?", index), "Text.\n", extra: "topic: \(topicOf(index))\nreviewed: 2025-\(month)-\(day)\n")
        }
        return try TestSite(files)
    }

    func titles(_ page: String) -> [String] {
        page.components(separatedBy: "<h2><a href=").dropFirst().map { String($0.split(separator: ">")[1].prefix { $0 != "<" }) }
    }

    /// A number of entries per page larger than any list is one page (`Int.max` overflowed counting the pages).
    @Test func aHugePageSizeListsAllOnOnePage() async throws {
        let site = try site(3, settings: "paginate: 9223372036854775807\n")
        defer { site.remove() }
        #expect((await site.build()).diagnostics.isEmpty)
        #expect(titles(try site.read("index.html")).count == 3)
    }

    @Test func theHomePageAndTopicPagesComeInPagesWithLinksBothWays() async throws {
        let site = try site(7, settings: "paginate: 3\n")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.isEmpty)
        let first = try site.read("index.html"), second = try site.read("page/2/index.html"), third = try site.read("page/3/index.html")
        #expect(titles(first) == ["Question 00?", "Question 01?", "Question 02?"])
        #expect(titles(second) == ["Question 03?", "Question 04?", "Question 05?"])
        #expect(titles(third) == ["Question 06?"])
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<link rel=\"next\" href=\"/page/2/\">"))
        #expect(second.contains("<link rel=\"prev\" href=\"/\">") && second.contains("<link rel=\"next\" href=\"/page/3/\">"))
        #expect(third.contains("<a href=\"/page/2/\" rel=\"prev\">") && !third.contains("rel=\"next\""))
        #expect(second.contains("<a href=\"/page/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"))
        #expect(second.contains("<p class=\"pagination-status\">Page 2 of 3</p>"))
        #expect(second.contains("<title>Answers, page 2</title>"))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://example.org/page/2/\">"))
        // Page 1 of a list has one address: /page/1/ sends readers to it and names it canonical.
        let redirect = try site.read("page/1/index.html")
        #expect(redirect.contains("<link rel=\"canonical\" href=\"https://example.org/\">"))
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/\">"))
        // The topic's list is paginated alike; its index of one topic is one page without a pager.
        #expect(titles(try site.read("topics/x/page/3/index.html")) == ["Question 06?"])
        #expect(try site.read("topics/x/page/2/index.html").contains("<title>X, page 2 · Answers</title>"))
        #expect(try site.read("topics/x/page/1/index.html").contains("url=/topics/x/"))
        #expect(!(try site.read("topics/index.html")).contains("class=\"pagination\""))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("topics/page").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page/4").path))
        // `sitegen check` follows the pager's links: none is broken, and one that is would be reported.
        let checker = SiteChecker(maximumReviewAgeMonths: 12, today: try #require(ReviewDate("2026-11-30")))
        var rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        #expect(await checker.links(rendered).isEmpty)
        try site.write("Templates/pagination.mustache", "{{#pager}}<a href=\"{{root}}page/{{total}}0/\">last</a>{{/pager}}")
        rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        #expect(await checker.links(rendered).map(\.description).contains { $0.contains("/page/30/") })
    }

    /// Two spellings of one topic share its page under one name: each article with the spelling fewer use is warned
    /// at its `topic:`, with the spelling to write; the build goes on.
    @Test func aTopicSpelledTwoWaysIsWarnedAtTheRarerSpelling() async throws {
        let site = try site(5, settings: "", topicOf: { [0: "heart health", 3: "Heart Health", 4: "Heart Health"][$0] ?? "Heart health" })
        defer { site.remove() }
        let report = await site.build()
        let expected = { (index: Int, name: String) in
            "Content/a0\(index).md:3:8: warning: the topic '\(name)' is spelled 'Heart Health' in Content/a03.md and 1 more article; both go"
                + " to one page, topics/heart-health/, titled with only one of them: write 'topic: Heart Health' here"
        }
        #expect(report.diagnostics.map(\.description) == [expected(0, "heart health"), expected(1, "Heart health"), expected(2, "Heart health")])
        #expect(report.pagesWritten > 0)
        // One spelling: no warning.
        let same = try self.site(3, settings: "")
        defer { same.remove() }
        #expect(await same.build().diagnostics.isEmpty)
        // With and without an apostrophe: two pages, one topic; HER2+ and HER2- are two topics, on two pages.
        let apostrophe = try self.site(4, settings: "", topicOf: { ["Women's health", "Women's health", "Womens health", "HER2+ breast cancer"][$0] })
        defer { apostrophe.remove() }
        #expect(await apostrophe.build().diagnostics.map(\.description) == [
            "Content/a02.md:3:8: warning: the topic 'Womens health' is spelled 'Women's health' in Content/a00.md and 1 more article; they"
                + " make two topic pages, topics/women-s-health/ and topics/womens-health/: write 'topic: Women's health' here"
        ])
        #expect(FileManager.default.fileExists(atPath: apostrophe.output.appendingPathComponent("topics/her2-plus-breast-cancer/index.html").path))
        // With and without accents: one topic spelled two ways, on two pages.
        let accents = try self.site(3, settings: "", topicOf: { ["Diabète", "Diabète", "Diabete"][$0] })
        defer { accents.remove() }
        #expect(await accents.build().diagnostics.map(\.description) == [
            "Content/a02.md:3:8: warning: the topic 'Diabete' is spelled 'Diabète' in Content/a00.md and 1 more article; they"
                + " make two topic pages, topics/diabète/ and topics/diabete/: write 'topic: Diabète' here"
        ])
        // A letter that is two letters written as two (German's ß as ss, French's œ as oe): one topic too.
        let letters = try self.site(5, settings: "", topicOf: { ["Straße", "Straße", "Strasse", "Cœur", "Coeur"][$0] })
        defer { letters.remove() }
        #expect(await letters.build().diagnostics.map(\.description) == [
            "Content/a02.md:3:8: warning: the topic 'Strasse' is spelled 'Straße' in Content/a00.md and 1 more article; they"
                + " make two topic pages, topics/straße/ and topics/strasse/: write 'topic: Straße' here",
            "Content/a03.md:3:8: warning: the topic 'Cœur' is spelled 'Coeur' in Content/a04.md; they"
                + " make two topic pages, topics/coeur/ and topics/cœur/: write 'topic: Coeur' here",
        ])
    }

    /// Two spellings of a topic that look alike, one with a no-break space or a space at its end: the warning says
    /// what differs, as the two names it prints look the same.
    @Test func aTopicSpelledWithAnInvisibleDifferenceSaysWhatDiffers() async throws {
        let site = try site(4, settings: "", topicOf: { ["Sant\u{E9} mentale", "Sant\u{E9} mentale", "Sant\u{E9}\u{A0}mentale", "\"Sant\u{E9} mentale \""][$0] })
        defer { site.remove() }
        let pages = "both go to one page, topics/sant\u{E9}-mentale/, titled with only one of them: write 'topic: Sant\u{E9} mentale' here"
        #expect(await site.build().diagnostics.map(\.description) == [
            "Content/a02.md:3:8: warning: the topic 'Sant\u{E9}\u{A0}mentale' is spelled 'Sant\u{E9} mentale' in Content/a00.md and 1 more article"
                + " (this one has a no-break space, U+00A0, after 'Sant\u{E9}', where the other has a space); \(pages)",
            "Content/a03.md:3:8: warning: the topic 'Sant\u{E9} mentale ' is spelled 'Sant\u{E9} mentale' in Content/a00.md and 1 more article"
                + " (this one ends in a space); \(pages)",
        ])
        #expect(ArticleLoading.invisibleDifference("Sant\u{E9} mentale", "Sant\u{E9}\u{A0}mentale") == "that one has a no-break space, U+00A0, after 'Sant\u{E9}', where the other has a space")
        #expect(ArticleLoading.invisibleDifference("Sant\u{E9}  mentale", "Sant\u{E9} mentale") == "this one has one more space after 'Sant\u{E9}'")
        #expect(ArticleLoading.invisibleDifference("Cardiology", "cardiology") == nil)
    }

    /// A topic typed with "é" as one character (NFC) or as "e" and an accent (NFD, as macOS and some editors write it)
    /// is one topic: one folder, and every article's link leads to it.
    @Test func aTopicInEitherUnicodeFormIsOneFolderThatEveryLinkReaches() async throws {
        let site = try site(2, settings: "", topicOf: { $0 == 0 ? "Sant\u{E9}" : "Sante\u{301}" })
        defer { site.remove() }
        #expect(await site.build().diagnostics.isEmpty)
        let topics = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("topics").path)
        #expect(topics.filter { $0 != "index.html" }.map { Array($0.utf8) } == [Array("sant\u{E9}".utf8)])
        for index in 0..<2 {
            let page = try site.read(String(format: "a%02d/index.html", index))
            #expect(page.contains("href=\"/topics/sant%C3%A9/\"") && !page.contains("sante%CC%81"), "\(page)")
        }
    }

    /// An article whose page the site's own pages would take is an error, and nothing is written.
    @Test func anArticleWhereTheSiteHasAPageIsAnError() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\npaginate: 1\n",
            "Content/search.md": article("Search tips?", extra: "topic: Heart\n"),
            "Content/topics/heart.md": article("About heart?"),
            "Content/page/2.md": article("Second?"),
            "Content/fine.md": article("Fine?"),
        ])
        defer { site.remove() }
        let report = await site.build()
        let message = ", where the site has a page of its own (a list or the search page); rename the file or move it to another folder"
        #expect(report.diagnostics.map(\.description).sorted() == [
            "Content/page/2.md:1:1: error: Content/page/2.md would be published at page/2/index.html" + message,
            "Content/search.md:1:1: error: Content/search.md would be published at search/index.html" + message,
            "Content/topics/heart.md:1:1: error: Content/topics/heart.md would be published at topics/heart/index.html" + message,
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// A file of Public/ at an article's page, the home page, a list or the sitemap takes its place, with a warning (not at
    /// a 404 page or robots.txt of one's own); Markdown in Public/ is published as its text, with a warning.
    @Test func aPublicFileInPlaceOfAnArticleOrAListIsAWarning() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\n",
            "Content/q.md": article("Q?", extra: "topic: Heart\n"),
            "Public/q/index.html": "<p>mine</p>",
            "Public/robots.txt": "User-agent: *\n",
            "Public/404.html": "<p>lost</p>",
            "Public/index.html": "<p>old home</p>",
            "Public/topics/heart/index.html": "<p>old list</p>",
            "Public/sitemap.xml": "<urlset/>",
            "Public/about.md": "# About us\n",
            "Public/notes/README.markdown": "Notes\n",
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/q.md:1:1: warning: Public/q/index.html takes the place of this article's page (q/index.html), which is not published; remove one of them",
            "Public/about.md:1:1: warning: this Markdown file is published as it is, its text unrendered (about.md), as every file of Public/ is;"
                + " to make it a page, move it to Content/ with a front matter",
            "Public/index.html:1:1: warning: this file takes the place of the home page, which is not published; remove one of them",
            "Public/notes/README.markdown:1:1: warning: this Markdown file is published as it is, its text unrendered (notes/README.markdown), as"
                + " every file of Public/ is; to make it a page, move it to Content/ with a front matter",
            "Public/sitemap.xml:1:1: warning: this file takes the place of the sitemap sitegen makes, which lists every page at each build; remove"
                + " it, unless it is kept up to date by hand",
            "Public/topics/heart/index.html:1:1: warning: this file takes the place of the list page topics/heart/index.html, which is not published; remove one of them",
        ])
        #expect(try site.read("sitemap.xml") == "<urlset/>")
        #expect(try site.read("q/index.html") == "<p>mine</p>")
        #expect(try site.read("index.html") == "<p>old home</p>")
    }

    @Test func aListThatFitsOnOnePageHasNoPager() async throws {
        let site = try site(3, settings: "")
        defer { site.remove() }
        _ = await site.build()
        let home = try site.read("index.html")
        #expect(titles(home).count == 3)
        #expect(!home.contains("pagination") && !home.contains("rel=\"next\""))
        #expect(home.contains("<title>Answers</title>"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page").path))
    }

    @Test func paginateZeroListsEverythingOnOnePage() async throws {
        let site = try site(25, settings: "paginate: 0\n")
        defer { site.remove() }
        _ = await site.build()
        #expect(titles(try site.read("index.html")).count == 25)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("page").path))
    }

    @Test func theDefaultIsTwentyAPageAndTheTopicIndexIsPaginatedToo() async throws {
        let site = try site(45, settings: "", topicOf: { "Topic \($0)" })
        defer { site.remove() }
        _ = await site.build()
        #expect(titles(try site.read("index.html")).count == 20)
        #expect(titles(try site.read("page/3/index.html")).count == 5)
        let topics = try site.read("topics/page/3/index.html")
        #expect(topics.components(separatedBy: "<li><a href=\"/topics/topic-").count - 1 == 5)
        #expect(topics.contains("<title>Topics, page 3 · Answers</title>"))
    }

    @Test func thePagerShowsTheEndsAndTheNeighboursOfTheCurrentPage() {
        var context = TemplateObjectProbe()
        PageBuilder.Pager(folder: "", number: 15, count: 30, title: "T").add(to: &context.object, addresses: SiteAddresses(SiteSettings()), words: SiteWords())
        #expect(context.pageNumbers == [1, nil, 13, 14, 15, 16, 17, nil, 30])
        PageBuilder.Pager(folder: "topics/x/", number: 2, count: 3, title: "T").add(to: &context.object, addresses: SiteAddresses(SiteSettings()), words: SiteWords())
        #expect(context.pageNumbers == [1, 2, 3])
    }

    @Test func feedsHoldTheNewestEntriesForTheSiteAndEachTopic() async throws {
        let site = try site(6, settings: "feed: {limit: 2}\n", topicOf: { $0 % 2 == 0 ? "Even" : "Odd" })
        defer { site.remove() }
        _ = await site.build()
        let feed = try site.read("feed.xml")
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(feed.contains("<title>Question 00?</title>") && feed.contains("<title>Question 01?</title>"))
        let odd = try site.read("topics/odd/feed.xml")
        #expect(odd.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(odd.contains("<title>Question 01?</title>") && odd.contains("<title>Question 03?</title>"))
        #expect(odd.contains("<link rel=\"self\" href=\"https://example.org/topics/odd/feed.xml\"/>"))
        #expect(odd.contains("<id>https://example.org/topics/odd/</id>"))
        #expect(try site.read("topics/odd/index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Odd · Answers\" href=\"/topics/odd/feed.xml\">"))

        let all = try self.site(6, settings: "feed: {limit: 0}\n")
        defer { all.remove() }
        _ = await all.build()
        #expect(try all.read("feed.xml").components(separatedBy: "<entry>").count - 1 == 6)
    }

    /// A topic none of whose answers has a review date had a feed updated `1970-01-01T00:00:00Z`: it has none, and its
    /// page links to none; the site's feed, and another topic's, are as before.
    @Test func aTopicWithoutADatedAnswerHasNoFeed() async throws {
        let site = try site(2, settings: "")
        defer { site.remove() }
        try site.write("Content/lonely.md", article("Undated?", "Text.\n", extra: "topic: Lonely\n"))
        _ = await site.build()
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output/topics/lonely/feed.xml").path))
        let page = try site.read("topics/lonely/index.html")
        #expect(page.contains("Undated?") && !page.contains("topics/lonely/feed.xml"))
        #expect(try site.read("topics/x/index.html").contains("href=\"/topics/x/feed.xml\">"))
        #expect(try site.read("topics/x/feed.xml").components(separatedBy: "<entry>").count - 1 == 2)
        #expect(!(try site.read("feed.xml")).contains("1970"))
        // Dated, it gets one.
        try site.write("Content/lonely.md", article("Undated?", "Text.\n", extra: "topic: Lonely\nreviewed: 2025-01-02\n"))
        _ = await site.build()
        #expect(try site.read("topics/lonely/feed.xml").contains("<updated>2025-01-02T00:00:00Z</updated>"))
        #expect(try site.read("topics/lonely/index.html").contains("href=\"/topics/lonely/feed.xml\">"))
    }

    /// A site none of whose answers has a review date had a feed updated `1970-01-01T00:00:00Z`, which every page
    /// linked: it has none, no page links to one, and the output of a build that had one keeps no `feed.xml`. The home
    /// page's introduction, which the feed never lists, makes none with its date.
    @Test func aSiteWithoutADatedAnswerHasNoFeed() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Answers\nbaseURL: https://example.org/\npaginate: 1\n",
            "Content/index.md": article("Welcome", "Hello.\n", extra: "reviewed: 2025-03-04\n"),
            "Content/a.md": article("A?", "Alpha.\n", extra: "topic: X\nreviewed: 2025-01-02\n"),
            "Content/b.md": article("B?", "Beta.\n", extra: "topic: X\n"),
        ])
        defer { site.remove() }
        func pagesLinkingAFeed() throws -> [String] {
            try site.snapshot().filter { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains("feed.xml") }.keys.sorted()
        }
        #expect((await site.build()).diagnostics.filter(\.isError).isEmpty)
        #expect(try site.read("feed.xml").contains("<updated>2025-01-02T00:00:00Z</updated>"))
        let linked = try site.read("404.html")
        #expect(linked.contains(#"<link rel="alternate" type="application/atom+xml" title="Answers" href="/feed.xml">"#))
        #expect(linked.contains(#" · <a href="/feed.xml">Feed</a></p>"#))
        #expect(try pagesLinkingAFeed().count == (try site.snapshot()).keys.count { $0.hasSuffix(".html") && !$0.hasSuffix("/page/1/index.html") })

        try site.write("Content/a.md", article("A?", "Alpha.\n", extra: "topic: X\n"))
        #expect((await site.build()).diagnostics.filter(\.isError).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("feed.xml").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("topics/x/feed.xml").path))
        #expect(try pagesLinkingAFeed() == [])
        #expect(try site.read("404.html").contains(#"<a href="/topics/">Topics</a></p>"#))
        #expect(try site.read("sitemap.xml").contains("https://example.org/a/"))
        // Nothing links to a feed that is not there.
        let checker = SiteChecker(maximumReviewAgeMonths: 12, today: try #require(ReviewDate("2026-11-30")))
        #expect(await checker.links(try await BuildPipeline(BuildOptions(source: site.root.path)).render()).isEmpty)
    }

    @Test func aSitemapPastTheLimitBecomesAnIndexOfFiles() throws {
        var settings = SiteSettings()
        settings.baseURL = "https://example.org/"
        let articles = (0..<7).map { index in
            Article(
                source: ContentFile(path: "Content/a\(index).md", slug: "a\(index)"), frontMatter: FrontMatter(title: "Q\(index)"),
                body: SourceText(path: "Content/a\(index).md", text: ""))
        }
        let files = FeedWriter(settings: settings).sitemaps(articles, topicSlugs: ["x"], limits: (urls: 4, bytes: 1_000_000))
        #expect(files.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        #expect(files[0].content.contains("<sitemapindex") && files[0].content.contains("<loc>https://example.org/sitemap-3.xml</loc>"))
        let counts = files.dropFirst().map { $0.content.components(separatedBy: "<url>").count - 1 }
        #expect(counts == [4, 4, 3])  // home, 7 articles, the topic index, one topic and the search page: 11 addresses
        // By size as well: no file over the byte limit.
        let small = FeedWriter(settings: settings).sitemaps(articles, topicSlugs: [], limits: (urls: 50_000, bytes: 400))
        #expect(small.count > 2)
        #expect(small.dropFirst().allSatisfy { $0.content.utf8.count <= 400 })
        // Within the limits, one file as before.
        #expect(FeedWriter(settings: settings).sitemaps(articles, topicSlugs: ["x"]).map(\.path) == ["sitemap.xml"])
    }

    @Test(arguments: [
        ("paginate: -1\n", "sitegen.yml:3:11: error: 'paginate' must be a whole number"),
        ("paginate: ten\n", "sitegen.yml:3:11: error: 'paginate' must be a whole number"),
        ("feed: {limt: 5}\n", "sitegen.yml:3:8: error: unknown feed option 'limt'; did you mean 'limit'?"),
        ("feed: 5\n", "sitegen.yml:3:7: error: 'feed' must be a mapping such as {limit: 50}"),
        ("feed: {limit: 2.5}\n", "sitegen.yml:3:15: error: 'feed.limit' must be a whole number"),
        ("paginat: 5\n", "sitegen.yml:3:1: error: unknown setting 'paginat'; did you mean 'paginate'?"),
    ])
    func wrongSettingsAreLocatedErrors(text: String, expected: String) async throws {
        let site = try site(1, settings: text)
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.contains { $0.description.hasPrefix(expected) }, "\(report.diagnostics.map(\.description))")
    }
}

/// Reads the page numbers a pager puts in a context (nil for a gap).
private struct TemplateObjectProbe {
    var object = TemplateObject()

    var pageNumbers: [Int?] {
        guard case .object(let pager)? = object["pager"], case .list(let pages)? = pager["pages"] else { return [] }
        return pages.map { page in
            guard case .object(let entry) = page, case .int(let number)? = entry["number"] else { return nil }
            return number
        }
    }
}

/// A one-shot build holds the articles' front matter, not their Markdown: each body is read again when rendered.
@Suite struct DeferredBodyTests {
    @Test func aOneShotBuildReadsEachBodyWhenItRendersIt() async throws {
        let site = try TestSite([
            "Content/a.md": article("A?", "Line one.\n\nSee [@missing].\n", extra: "topic: X\n"),
            "Content/b.md": article("B?", "Plain *text*.\n"),
        ])
        defer { site.remove() }
        var memo = BuildMemo.none
        let loaded = await ArticleLoading(root: site.root, includeDrafts: false, bodyBudget: 0).load(
            [ContentFile(path: "Content/a.md", slug: "a"), ContentFile(path: "Content/b.md", slug: "b")], edits: nil, memo: &memo)
        #expect(loaded.published.allSatisfy { $0.isBodyDeferred && $0.body.text.isEmpty })
        #expect(try ArticleLoading.body(of: loaded.published[1], root: site.root).text == "Plain *text*.\n")
        // Locations in the body are the file's, as from a body read with its front matter.
        let report = await site.build()
        #expect(report.diagnostics.map(\.description).contains { $0.hasPrefix("Content/a.md:7:6: error: unknown citation key 'missing'") })
        try site.write("Content/a.md", article("A?", "Line one.\n"))
        _ = await site.build()
        #expect(try site.read("b/index.html").contains("<p>Plain <em>text</em>.</p>"))
        #expect(try site.read("a/index.html").contains("<p>Line one.</p>"))
        // Not when the articles are kept (`check`, `serve`).
        var kept = BuildMemo()
        let held = await ArticleLoading(root: site.root, includeDrafts: false, bodyBudget: 0).load(
            [ContentFile(path: "Content/b.md", slug: "b")], edits: nil, memo: &kept)
        #expect(held.published.allSatisfy { !$0.isBodyDeferred && !$0.body.text.isEmpty })
    }
}
