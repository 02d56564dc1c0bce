/// Writes the Atom feed and the sitemap.
struct FeedWriter {
    let settings: SiteSettings
    private let addresses: SiteAddresses

    init(settings: SiteSettings) {
        self.settings = settings
        addresses = SiteAddresses(settings)
    }

    func atom(_ articles: [Article]) -> String {
        let updated = articles.compactMap(\.frontMatter.reviewed).max().map { $0.iso + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(settings.language))">
            <title>\(escape(settings.title))</title>
            <id>\(escape(addresses.absoluteURL("")))</id>
            <link href="\(escape(addresses.absoluteURL("")))"/>
            <link rel="self" href="\(escape(addresses.absoluteURL("feed.xml")))"/>
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

    func sitemap(_ articles: [Article], topicSlugs: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        xml += "<url><loc>\(escape(addresses.absoluteURL("")))</loc></url>\n"
        for article in articles {
            xml += "<url><loc>\(escape(addresses.absoluteURL(article.urlPath)))</loc>"
            if let reviewed = article.frontMatter.reviewed { xml += "<lastmod>\(reviewed.iso)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "<url><loc>\(escape(addresses.absoluteURL("topics/")))</loc></url>\n"
        for slug in topicSlugs { xml += "<url><loc>\(escape(addresses.absoluteURL("topics/\(slug)/")))</loc></url>\n" }
        return xml + "</urlset>\n"
    }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
