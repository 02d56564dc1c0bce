/// Writes the Atom feed and the sitemap.
struct FeedWriter {
    let settings: SiteSettings
    private let addresses: SiteAddresses

    init(settings: SiteSettings) {
        self.settings = settings
        addresses = SiteAddresses(settings)
    }

    /// An Atom feed of `articles` (newest first, already cut to `feed.limit`).
    /// - Parameters:
    ///   - path: the feed's own site path (`feed.xml`, `topics/x/feed.xml`).
    ///   - page: the site path of the page it follows (`""`, `topics/x/`): the feed's id and link.
    func atom(_ articles: [Article], path: String, page: String, title: String) -> String {
        let updated = articles.compactMap(\.frontMatter.reviewed).max().map { $0.iso + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(settings.language))">
            <title>\(escape(title))</title>
            <id>\(escape(addresses.absoluteURL(page)))</id>
            <link href="\(escape(addresses.absoluteURL(page)))"/>
            <link rel="self" href="\(escape(addresses.absoluteURL(path)))"/>
            <updated>\(updated)</updated>
            <author><name>\(escape(settings.title))</name></author>

            """
        for article in articles {
            let url = addresses.absoluteURL(article.urlPath)
            let date = article.frontMatter.reviewed.map { $0.iso + "T00:00:00Z" } ?? updated
            xml += "<entry>\n<title>\(escape(article.frontMatter.title))</title>\n<id>\(escape(url))</id>\n"
            xml += "<link href=\"\(escape(url))\"/>\n<updated>\(date)</updated>\n"
            if let summary = article.frontMatter.summary { xml += "<summary>\(escape(summary))</summary>\n" }
            if let topic = article.frontMatter.topic { xml += "<category term=\"\(escape(topic))\"/>\n" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The sitemaps protocol's limits for one file: 50,000 addresses and 50 MB.
    static let sitemapLimits = (urls: 50_000, bytes: 50 * 1024 * 1024)

    /// The sitemap: one `sitemap.xml` while the site's addresses fit in one file (see ``sitemapLimits``);
    /// past that, `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml` …, each within the limits.
    func sitemaps(_ articles: [Article], topicSlugs: [String], limits: (urls: Int, bytes: Int) = sitemapLimits) -> [(path: String, content: String)] {
        var entries = ["<url><loc>\(escape(addresses.absoluteURL("")))</loc></url>\n"]
        entries.reserveCapacity(articles.count + topicSlugs.count + 2)
        for article in articles {
            var entry = "<url><loc>\(escape(addresses.absoluteURL(article.urlPath)))</loc>"
            if let reviewed = article.frontMatter.reviewed { entry += "<lastmod>\(reviewed.iso)</lastmod>" }
            entries.append(entry + "</url>\n")
        }
        entries.append("<url><loc>\(escape(addresses.absoluteURL("topics/")))</loc></url>\n")
        for slug in topicSlugs { entries.append("<url><loc>\(escape(addresses.absoluteURL("topics/\(slug)/")))</loc></url>\n") }
        // The search page lists every question A to Z.
        if settings.search { entries.append("<url><loc>\(escape(addresses.absoluteURL("search/")))</loc></url>\n") }

        let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let tail = "</urlset>\n"
        var files: [String] = []
        var current = head, count = 0
        for entry in entries {
            if count == limits.urls || (count > 0 && current.utf8.count + entry.utf8.count + tail.utf8.count > limits.bytes) {
                files.append(current + tail)
                current = head
                count = 0
            }
            current += entry
            count += 1
        }
        files.append(current + tail)
        guard files.count > 1 else { return [("sitemap.xml", files[0])] }
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for number in 1...files.count {
            index += "<sitemap><loc>\(escape(addresses.absoluteURL("sitemap-\(number).xml")))</loc></sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [("sitemap.xml", index)] + files.enumerated().map { ("sitemap-\($0.offset + 1).xml", $0.element) }
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
