/// Builds the template context of every page and renders it: articles, home, topics, 404, feed, sitemap.
public struct PageBuilder: Sendable {
    public let settings: SiteSettings
    public let templates: TemplateLibrary

    public init(settings: SiteSettings, templates: TemplateLibrary) {
        self.settings = settings
        self.templates = templates
    }

    /// The keys every page gets.
    func baseContext(path: String, title: String, description: String?) -> [String: Any] {
        var site: [String: Any] = [:]
        for (key, node) in settings.values { site[key] = node.plainValue }
        site["title"] = settings.title
        site["baseURL"] = settings.baseURL
        site["language"] = settings.language
        site["description"] = settings.description
        var context: [String: Any] = [
            "site": site, "root": settings.basePath, "url": settings.basePath + path,
            "canonicalURL": settings.absoluteURL(path), "pageTitle": title, "ogType": "website",
            "themeBootScript": BuiltinAssets.themeBootScript,
        ]
        if let description, !description.isEmpty { context["description"] = description }
        return context
    }

    /// The context of an article: SPEC's keys plus everything the built-in templates use.
    public func articleContext(_ rendered: RenderedArticle) -> [String: Any] {
        let article = rendered.article
        let matter = article.frontMatter
        var context = baseContext(path: article.urlPath, title: matter.title, description: matter.summary)
        for (key, node) in matter.extra { context[key] = node.plainValue }
        context["params"] = matter.extra.mapValues(\.plainValue)
        context.merge(listEntry(article)) { _, new in new }
        context["ogType"] = "article"
        context["body"] = rendered.body
        context["tags"] = matter.tags
        context["questions"] = matter.questions
        context["hasQuestions"] = !matter.questions.isEmpty
        context["references"] = rendered.references.map(referenceContext)
        context["hasReferences"] = !rendered.references.isEmpty
        context["jsonLD"] = jsonLD(rendered)
        context["sourcePath"] = article.source.path
        return context
    }

    /// The keys an article has in lists: title, url, summary, topic, confidence, reviewed.
    func listEntry(_ article: Article) -> [String: Any] {
        let matter = article.frontMatter
        var entry: [String: Any] = ["title": matter.title, "url": settings.basePath + article.urlPath]
        if let summary = matter.summary { entry["summary"] = summary }
        if let topic = matter.topic {
            entry["topic"] = topic
            entry["topicURL"] = settings.basePath + "topics/\(slugify(topic))/"
        }
        if let confidence = matter.confidence {
            entry["confidence"] = confidence.rawValue
            entry["confidenceMark"] = ["high": "●●●", "moderate": "●●○", "low": "●○○"][confidence.rawValue]
        }
        if let reviewed = matter.reviewed {
            entry["reviewed"] = reviewed.display
            entry["reviewedISO"] = reviewed.iso
        }
        return entry
    }

    /// Everything about an article that the list pages, feed and sitemap show: they are rebuilt when it changes.
    func listSignature(_ rendered: RenderedArticle) -> String {
        let matter = rendered.article.frontMatter
        return [
            rendered.article.urlPath, matter.title, matter.summary ?? "\u{2}", matter.topic ?? "\u{2}",
            matter.confidence?.rawValue ?? "", matter.reviewed?.iso ?? "",
        ].joined(separator: "\u{0}")
    }

    func referenceContext(_ cited: CitationResolver.CitedReference) -> [String: Any] {
        let reference = cited.reference
        var links: [String] = []
        if let doi = reference.doiURL { links.append(link(doi, "DOI", "DOI for reference \(cited.number)")) }
        if let pubMed = reference.pubMedURL { links.append(link(pubMed, "PubMed", "PubMed record for reference \(cited.number)")) }
        if let pmc = reference.pmcURL { links.append(link(pmc, "PMC", "Full text in PubMed Central for reference \(cited.number)")) }
        if let url = reference.webURL, reference.doiURL == nil {
            links.append(link(url, "Link", "Web page for reference \(cited.number)"))
        }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let backlinks = cited.citedAt.enumerated().map { index, id -> String in
            let text = cited.citedAt.count == 1 ? "↩" : (index < letters.count ? String(letters[index]) : String(index + 1))
            let label = cited.citedAt.count == 1
                ? "Back to where reference \(cited.number) is cited"
                : "Back to citation \(index + 1) of \(cited.citedAt.count) of reference \(cited.number)"
            return "<a href=\"#\(id)\" aria-label=\"\(label)\">\(text)</a>"
        }
        var html = cited.formatted.html
        if !links.isEmpty { html += " <span class=\"ref-links\">" + links.joined(separator: " ") + "</span>" }
        let arrow = cited.citedAt.count > 1 ? "<span aria-hidden=\"true\">↑</span>" : ""
        html += " <span class=\"backlinks\">" + arrow + backlinks.joined() + "</span>"
        return [
            "number": cited.number, "id": cited.id, "key": reference.id, "html": html, "text": cited.formatted.text,
            "formatted": cited.formatted.html, "doi": reference.doiURL ?? "", "pubmed": reference.pubMedURL ?? "",
        ]
    }

    private func link(_ url: String, _ text: String, _ label: String) -> String {
        "<a href=\"\(HTMLEscaping.escape(url))\" aria-label=\"\(label)\">\(text)</a>"
    }

    public func articlePage(_ rendered: RenderedArticle) -> String {
        templates.render(articleContext(rendered), template: rendered.article.frontMatter.layout) ?? ""
    }

    /// Home, topic index, one page per topic, 404, Atom feed, sitemap and robots.txt, from one pass over the
    /// articles; the pages are rendered in parallel.
    public func listPages(_ articles: [RenderedArticle]) async -> [(path: String, content: String)] {
        await listPages(articles, only: nil).rendered
    }

    /// The paths of every list page, and those of `wanted` (all when nil) rendered.
    func listPages(_ articles: [RenderedArticle], only wanted: Set<String>?) async -> (paths: [String], rendered: [(path: String, content: String)]) {
        let sorted = articles.map(\.article).filter { $0.urlPath != "" }.sorted { lhs, rhs in
            let left = lhs.frontMatter.reviewed, right = rhs.frontMatter.reviewed
            if left != right { return (left.map { ReviewDate.Key($0) } ?? .init()) > (right.map { ReviewDate.Key($0) } ?? .init()) }
            return lhs.frontMatter.title < rhs.frontMatter.title
        }
        var byTopic: [String: (name: String, articles: [Article])] = [:]
        for article in sorted {
            guard let topic = article.frontMatter.topic else { continue }
            byTopic[slugify(topic), default: (topic, [])].articles.append(article)
        }
        let topicList = byTopic.sorted { $0.value.name < $1.value.name }.map { (slug: $0.key, name: $0.value.name, count: $0.value.articles.count) }
        let index = articles.first(where: { $0.article.urlPath == "" })
        let topicSlugs = byTopic.keys.sorted()

        var jobs: [(path: String, render: @Sendable () -> String)] = [
            ("index.html", {
                var home = baseContext(path: "", title: settings.title, description: settings.description)
                home["topics"] = topicList.map(topicContext)
                home["hasTopics"] = !topicList.isEmpty
                // `Content/index.md` gives the home page its introduction; the list stays the site's.
                if let index { home.merge(articleContext(index)) { _, new in new } }
                home["articles"] = sorted.map(listEntry)
                return templates.render(home, template: "home") ?? ""
            }),
            ("topics/index.html", {
                var topicIndex = baseContext(path: "topics/", title: "Topics", description: nil)
                topicIndex["topics"] = topicList.map(topicContext)
                return templates.render(topicIndex, template: "topics") ?? ""
            }),
        ]
        for (slug, value) in byTopic {
            jobs.append(("topics/\(slug)/index.html", {
                var context = baseContext(path: "topics/\(slug)/", title: value.name, description: "Questions about \(value.name)")
                context["name"] = value.name
                context["articles"] = value.articles.map(listEntry)
                return templates.render(context, template: "topic") ?? ""
            }))
        }
        jobs.append(("404.html", { templates.render(baseContext(path: "404.html", title: "Page not found", description: nil), template: "404") ?? "" }))
        jobs.append(("feed.xml", { FeedWriter(settings: settings).atom(sorted) }))
        jobs.append(("sitemap.xml", { FeedWriter(settings: settings).sitemap(sorted, topicSlugs: topicSlugs) }))
        jobs.append(("robots.txt", { "User-agent: *\nAllow: /\nSitemap: \(settings.absoluteURL("sitemap.xml"))\n" }))
        let chosen = wanted.map { wanted in jobs.filter { wanted.contains($0.path) } } ?? jobs
        return (jobs.map(\.path), await BuildPipeline.parallelMap(chosen, chunked: false) { job in (job.path, job.render()) })
    }

    /// The list pages an edit of an article can change when what the lists show of it changed: the home page,
    /// the topic index, the feed, the sitemap and the pages of its topic before and after.
    static func listPagesShowing(before: Article, after: Article) -> Set<String> {
        var paths: Set<String> = ["index.html", "topics/index.html", "feed.xml", "sitemap.xml"]
        for topic in [before.frontMatter.topic, after.frontMatter.topic].compactMap({ $0 }) {
            paths.insert("topics/\(slugify(topic))/index.html")
        }
        return paths
    }

    private func topicContext(_ topic: (slug: String, name: String, count: Int)) -> [String: Any] {
        ["name": topic.name, "slug": topic.slug, "url": settings.basePath + "topics/\(topic.slug)/", "count": topic.count]
    }

    /// JSON-LD `MedicalWebPage` with `lastReviewed`, `about` and `citation`.
    func jsonLD(_ rendered: RenderedArticle) -> String {
        let matter = rendered.article.frontMatter
        var object: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalWebPage")),
            ("name", .string(matter.title)), ("url", .string(settings.absoluteURL(rendered.article.urlPath))),
        ]
        if let summary = matter.summary { object.append(("description", .string(summary))) }
        if let reviewed = matter.reviewed { object.append(("lastReviewed", .string(reviewed.iso))) }
        if let topic = matter.topic { object.append(("about", .object([("@type", .string("MedicalEntity")), ("name", .string(topic))]))) }
        if !rendered.references.isEmpty {
            object.append(("citation", .array(rendered.references.map { cited in
                var item: [(String, JSONValue)] = [("@type", .string("ScholarlyArticle")), ("name", .string(cited.formatted.text))]
                if let url = cited.reference.doiURL ?? cited.reference.webURL ?? cited.reference.pubMedURL { item.append(("url", .string(url))) }
                return .object(item)
            })))
        }
        return JSONValue.object(object).serialized
    }
}

extension ReviewDate {
    /// Orders optional dates with missing ones last.
    struct Key: Comparable {
        var value = (0, 0, 0)
        init() {}
        init(_ date: ReviewDate) { value = (date.year, date.month, date.day) }
        static func < (lhs: Key, rhs: Key) -> Bool { lhs.value < rhs.value }
        static func == (lhs: Key, rhs: Key) -> Bool { lhs.value == rhs.value }
    }
}

/// A small JSON value for writing JSON-LD, safe to embed in a `<script>` element.
indirect enum JSONValue {
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    var serialized: String {
        switch self {
        case .string(let text): return Self.quote(text)
        case .array(let items): return "[" + items.map(\.serialized).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { Self.quote($0.0) + ":" + $0.1.serialized }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var bytes: [UInt8] = [0x22]
            bytes.reserveCapacity(utf8.count + 16)
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                index += 1
                switch byte {
                case 0x22: bytes.append(contentsOf: #"\""#.utf8)
                case 0x5C: bytes.append(contentsOf: #"\\"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case 0x3C: bytes.append(contentsOf: #"\u003c"#.utf8)
                case 0x3E: bytes.append(contentsOf: #"\u003e"#.utf8)
                case 0x26: bytes.append(contentsOf: #"\u0026"#.utf8)
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript.
                case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                    bytes.append(contentsOf: (utf8[index + 1] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                    index += 2
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                default:
                    bytes.append(byte)
                }
            }
            bytes.append(0x22)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
