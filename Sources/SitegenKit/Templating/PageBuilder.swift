import Foundation
import MustacheEngine

/// Builds the template context of every page and renders it: articles, home, topics, 404, feed, sitemap.
///
/// Contexts are ``TemplateValue`` trees: what every page holds alike (`site`, `nav`, the theme script) is made once
/// per build and shared by every page's context.
struct PageBuilder: Sendable {
    let settings: SiteSettings
    let templates: TemplateLibrary
    private let shared: Shared
    private let addresses: SiteAddresses
    /// Whether the site has a feed, `feed.xml` (see ``hasFeed(_:)``).
    let hasFeed: Bool
    /// Bit `i` set when some template looks up ``referenceKeys``[i]: a reference's other keys are left empty, as no
    /// page reads them (the built-in templates read `id` and `html`).
    private let referenceKeysLookedUp: UInt16
    /// The words sitegen writes, in the site's language where `words:` gives them (see ``SiteWords``).
    let words: SiteWords
    /// The review dates' writer in the site's locale; nil for an English site, whose dates are ``ReviewDate/display``.
    private let dateWriter: ReviewDateWriter?
    /// A reference's back-link's `lang` and label, HTML-escaped, in the two parts around its number.
    private let backLink: (lang: String, before: String, after: String)
    /// The `lang` of a back-link that is one of several ("a", "b"), whose label is `backToCitation`'s.
    private let backLinkOfSeveralLang: String
    /// `topicNote`'s words in the two parts around its `{topic}`, when it holds one: an article's note is the two with
    /// its topic between, not the words filled in again on every page.
    private let topicNoteParts: (before: String, after: String)?

    /// What every page's context holds alike, made once per build.
    private struct Shared: Sendable {
        /// `site`: every key of `sitegen.yml`, with the settings that have defaults (`title`, `baseURL`,
        /// `language`, `description`) as the build uses them.
        let site: TemplateValue
        let root: TemplateValue
        let themeBootScript = TemplateValue.text(BuiltinAssets.themeBootScript)
        /// The header's links from `sitegen.yml`, a site path (`/about/`) under the base path.
        let nav: TemplateValue
        let hasNav: TemplateValue
        /// The search page's address, when the site has search (see `search:`).
        let searchURL: TemplateValue
        /// The site feed's address, when the site has one (see ``hasFeed(_:)``).
        let siteFeedURL: TemplateValue
        /// `rtl` for a language written from right to left (Arabic, Hebrew, Persian, Urdu…), else `ltr`.
        let direction: TemplateValue
        /// `words`: each word's text by key, and under `en` the keys of those that stay English on a site in
        /// another language (`{{#words.en.mode}} lang="en"{{/words.en.mode}}`).
        let words: TemplateValue
        /// By confidence level (``FrontMatter/Confidence/allCases``' order): `confidenceLabel`, `confidenceQuestion`
        /// and `confidenceExplanation` in the site's words, whether the explanation stays English, and the label and
        /// question as HTML, the level's name marked where its language is not theirs (``SiteWords/html(_:filling:with:valueIsEnglish:)``).
        let confidence: [(
            label: TemplateValue, question: TemplateValue, explanation: TemplateValue, explanationInEnglish: TemplateValue,
            labelHTML: TemplateValue, questionHTML: TemplateValue
        )]
    }

    /// - Parameter hasFeed: whether the site has a feed (see ``hasFeed(_:)``): every page links to it, or none does.
    init(settings: SiteSettings, templates: TemplateLibrary, hasFeed: Bool) {
        self.settings = settings
        self.templates = templates
        self.hasFeed = hasFeed
        addresses = SiteAddresses(settings)
        referenceKeysLookedUp = Self.referenceKeys.indices.reduce(0) { bits, index in
            templates.namesLookedUp.contains(Self.referenceKeys[index]) ? bits | 1 << index : bits
        }
        var site = TemplateObject(settings.values.mapValues(\.templateValue))
        site["title"] = .text(settings.title)
        site["baseURL"] = .text(settings.baseURL)
        site["language"] = .text(settings.language)
        site["description"] = .text(settings.description)
        let basePath = addresses.basePath
        let nav = settings.nav.map { link -> TemplateValue in .object(["title": .text(link.title), "url": .text(settings.navURL(link.url))]) }
        let words = SiteWords(settings.words, language: settings.language)
        self.words = words
        dateWriter = ReviewDateWriter(language: settings.language)
        let back = words.parts("backToReference", around: "number")
        backLink = (words.langAttribute("backToReference"), HTMLEscaping.escape(back.before), HTMLEscaping.escape(back.after))
        backLinkOfSeveralLang = words.langAttribute("backToCitation")
        topicNoteParts = words["topicNote"].ranges(of: "{topic}").count == 1 ? words.parts("topicNote", around: "topic") : nil
        let confidence = FrontMatter.Confidence.allCases.map { level in
            let name = words[level.rawValue], nameIsEnglish = words.staysEnglish(level.rawValue)
            return (
                label: TemplateValue.text(words.text("confidence", ["level": name])),
                question: TemplateValue.text(words.text("confidenceQuestion", ["level": name])),
                explanation: TemplateValue.text(words[level.rawValue + "Explanation"]),
                explanationInEnglish: words.staysEnglish(level.rawValue + "Explanation") ? TemplateValue.bool(true) : .null,
                labelHTML: TemplateValue.text(words.html("confidence", filling: "level", with: name, valueIsEnglish: nameIsEnglish)),
                questionHTML: TemplateValue.text(words.html("confidenceQuestion", filling: "level", with: name, valueIsEnglish: nameIsEnglish)))
        }
        shared = Shared(
            site: .object(site), root: .text(basePath), nav: .list(nav), hasNav: .bool(!nav.isEmpty),
            searchURL: settings.search ? .text(basePath + "search/") : .null, siteFeedURL: hasFeed ? .text(addresses.url("feed.xml")) : .null,
            direction: .text(TextDirection.isRightToLeft(settings.language) ? "rtl" : "ltr"), words: words.templateValue,
            confidence: confidence)
    }

    /// Whether the site has a feed, `feed.xml`: whether one of its answers (not the home page's introduction) has a
    /// review date. An Atom feed must say when it was last updated, and no other date would be true.
    static func hasFeed(_ articles: [Article]) -> Bool {
        articles.contains { $0.urlPath != "" && $0.frontMatter.reviewed != nil }
    }

    /// Keys whose values are an author's plain text (a title, a summary), which a template must print escaped.
    static let plainTextKeys: Set<String> = [
        "title", "pageTitle", "summary", "description", "topic", "name", "questions", "tags", "confidenceExplanation", "label", "text",
        "confidenceLabel", "confidenceQuestion", "topicNote", "topicSummary",
    ]

    /// The keys whose values are HTML, to be written unescaped (`{{{body}}}`): the article's body, a reference's entry
    /// (`html`, `formatted`), the page's JSON-LD, the theme's boot script and the confidence badge's and question's
    /// words with their `lang` marks.
    static let htmlKeys: Set = ["body", "html", "formatted", "jsonLD", "themeBootScript", "confidenceLabelHTML", "confidenceQuestionHTML"]

    /// The feeds' addresses, each null on some pages (the built-in templates print them inside `{{#key}}…{{/key}}`):
    /// on which.
    static let feedKeys = [
        "feedURL": "on every page but a topic's, and on the page of a topic none of whose answers has a review date (it has no feed)",
        "siteFeedURL": "on every page when no answer on the site has a review date (the site then has no feed)",
    ]

    /// Every key any page's context holds, at any depth (an article's, a list entry's, a reference's, a topic's,
    /// a header link's): a name in a template that is none of these is always empty.
    static let contextKeys: Set<String> = [
        "site", "root", "url", "canonicalURL", "pageTitle", "ogType", "dir", "themeBootScript", "nav", "hasNav", "description",
        "extra", "title", "summary", "topic", "topicURL", "confidence", "confidenceMark", "confidenceLabel", "confidenceQuestion",
        "confidenceExplanation", "confidenceExplanationInEnglish", "confidenceLabelHTML", "confidenceQuestionHTML", "reviewed", "reviewedISO", "words",
        "body", "tags", "questions", "hasQuestions", "references", "hasReferences", "numberedReferences", "citationStyleCredit", "jsonLD", "sourcePath",
        "topics", "hasTopics", "articles", "name", "slug", "count",
        "number", "id", "key", "html", "text", "formatted", "doi", "pubmed", "retracted",
        "pager", "current", "total", "prevURL", "nextURL", "firstURL", "lastURL", "pages", "isCurrent", "isGap", "feedURL", "searchURL", "siteFeedURL",
        "letters", "hasLetters", "letter", "label", "labelInEnglish", "letterID", "topicNote", "topicSummary", "status",
    ]

    /// The keys every page gets.
    func baseContext(path: String, title: String, description: String?) -> TemplateObject {
        var context: TemplateObject = [
            "site": shared.site, "root": shared.root, "url": .text(addresses.url(path)),
            "canonicalURL": .text(addresses.absoluteURL(path)), "pageTitle": .text(title), "ogType": .text("website"),
            "themeBootScript": shared.themeBootScript, "nav": shared.nav, "hasNav": shared.hasNav, "searchURL": shared.searchURL,
            "siteFeedURL": shared.siteFeedURL, "dir": shared.direction, "words": shared.words,
        ]
        if let description, !description.isEmpty { context["description"] = .text(description) }
        return context
    }

    /// The context of an article: SPEC's keys plus everything the built-in templates use.
    func articleContext(_ rendered: RenderedArticle) -> TemplateObject {
        let article = rendered.article
        let matter = article.frontMatter
        var context = baseContext(path: article.urlPath, title: matter.title, description: matter.summary)
        context.merge(listEntry(article))
        // The home page's introduction (`Content/index.md`) makes the home page, a website's.
        context["ogType"] = .text(article.urlPath.isEmpty ? "website" : "article")
        if let level = matter.confidence.flatMap(FrontMatter.Confidence.allCases.firstIndex) {
            context["confidenceExplanation"] = shared.confidence[level].explanation
            context["confidenceQuestion"] = shared.confidence[level].question
            context["confidenceQuestionHTML"] = shared.confidence[level].questionHTML
            context["confidenceExplanationInEnglish"] = shared.confidence[level].explanationInEnglish
        }
        if let topic = matter.topic {
            context["topicNote"] = .text(topicNoteParts.map { $0.before + topic + $0.after } ?? words.text("topicNote", ["topic": topic]))
        }
        context["body"] = .text(rendered.body)
        context["questions"] = .texts(matter.questions)
        context["hasQuestions"] = .bool(!matter.questions.isEmpty)
        context["references"] = .list(rendered.references.map(referenceContext))
        context["hasReferences"] = .bool(!rendered.references.isEmpty)
        // Numbered references for a numeric style; otherwise in the style's order without numbers.
        context["numberedReferences"] = .bool(rendered.referenceList.isNumbered)
        context["citationStyleCredit"] = .text(rendered.referenceList.credit)
        context["jsonLD"] = .text(jsonLD(rendered))
        context["sourcePath"] = .text(article.source.path)
        return context
    }

    /// The keys an article has in lists: title, url, summary, topic, confidence, reviewed, its `extra` and `tags`. Each
    /// is there, a missing one as `null`, and so are the keys of an article's page that a list entry has not (`body`,
    /// `sourcePath`, `references` …): in a list, `{{#summary}}` of an article without one, or `{{extra.badge}}`, must
    /// not find the value of the page around the list (the home page's introduction, `Content/index.md`).
    func listEntry(_ article: Article) -> TemplateObject {
        let matter = article.frontMatter
        func text(_ value: String?) -> TemplateValue { .text(value) }
        let mark: String? =
            switch matter.confidence {
            case .high: "●●●"
            case .moderate: "●●○"
            case .low: "●○○"
            case nil: nil
            }
        return TemplateObject(
            keys: Self.listEntryKeys,
            values: [
                .text(matter.title), .text(addresses.url(article.urlPath)), text(matter.summary), text(matter.topic),
                text(matter.topic.map { addresses.url("topics/\(slugify($0))/") }), text(matter.confidence?.rawValue), text(mark),
                matter.confidence.flatMap(FrontMatter.Confidence.allCases.firstIndex).map { shared.confidence[$0].label } ?? .null,
                matter.confidence.flatMap(FrontMatter.Confidence.allCases.firstIndex).map { shared.confidence[$0].labelHTML } ?? .null,
                text(matter.reviewed.map { dateWriter?.written($0) ?? $0.display }), text(matter.reviewed?.iso),
                matter.extra.isEmpty ? Self.noExtra : .object(TemplateObject(matter.extra.mapValues(\.templateValue))),
                .texts(matter.tags),
            ] + Self.pageOnlyKeys.map { _ in .null })
    }

    /// The keys of ``listEntry(_:)``, in the order it gives their values.
    private static let listEntryKeys =
        ["title", "url", "summary", "topic", "topicURL", "confidence", "confidenceMark", "confidenceLabel", "confidenceLabelHTML", "reviewed", "reviewedISO",
         "extra", "tags"]
        + pageOnlyKeys
    /// The keys of an article's page that its entry in a list leaves null.
    private static let pageOnlyKeys = [
        "body", "sourcePath", "questions", "hasQuestions", "references", "hasReferences", "jsonLD", "confidenceExplanation",
        "confidenceQuestion", "confidenceExplanationInEnglish", "confidenceQuestionHTML", "numberedReferences", "citationStyleCredit",
        "topicNote",
    ]
    private static let noExtra = TemplateValue.object(TemplateObject())

    /// Everything about an article that the list pages, feed and sitemap show: they are rendered again when it changes.
    struct ListSignature: Sendable, Hashable {
        var urlPath: String
        var title: String
        var summary: String?
        var topic: String?
        var confidence: FrontMatter.Confidence?
        var reviewed: String?
        var tags: [String]
        /// The article's `extra`, as text (a list's template may print its values).
        var extra: String
    }

    func listSignature(_ article: Article) -> ListSignature {
        let matter = article.frontMatter
        return ListSignature(
            urlPath: article.urlPath, title: matter.title, summary: matter.summary, topic: matter.topic,
            confidence: matter.confidence, reviewed: matter.reviewed?.iso, tags: matter.tags,
            extra: matter.extra.isEmpty ? "" : matter.extra.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.signature)" }.joined(separator: ","))
    }

    /// A reference's context in `references` (SPEC's keys): a key no template looks up is null, not made.
    func referenceContext(_ cited: CitedReference) -> TemplateValue {
        let printed = cited.printed
        func value(_ index: Int, _ make: () -> TemplateValue) -> TemplateValue {
            referenceKeysLookedUp & 1 << index == 0 ? .null : make()
        }
        return .object(
            TemplateObject(
                keys: Self.referenceKeys,
                values: [
                    .int(cited.number), value(1) { .text(cited.id) }, value(2) { .text(printed.reference.id) }, value(3) { .text(listHTML(cited)) },
                    value(4) { .text(printed.formatted.text) }, value(5) { .text(printed.formatted.html) }, value(6) { .text(printed.doiURL ?? "") },
                    value(7) { .text(printed.pubMedURL ?? "") }, value(8) { .bool(!printed.reference.retractions.isEmpty) },
                ]))
    }

    /// A reference's entry in the page's list, with its number in its links' labels and its back-links.
    private func listHTML(_ cited: CitedReference) -> String {
        let count = cited.citedAt.count, number = String(cited.number), text = cited.text
        var length = 120 * count + 16
        for index in 0..<text.pieceCount { length += text.listPiece(index).utf8.count + number.utf8.count }
        var html = ""
        html.reserveCapacity(length)
        for index in 0..<text.pieceCount {
            if index > 0 { html += number }
            html += text.listPiece(index)
        }
        if count > 1 { html += "<span aria-hidden=\"true\">↑</span>" }
        for (index, marker) in cited.citedAt.enumerated() {
            html += "<a href=\"#cite-"
            html += String(marker)
            html += "\""
            if count == 1 {
                html += backLink.lang
                html += " aria-label=\""
                html += backLink.before
                html += number
                html += backLink.after
                html += "\">↩</a>"
            } else {
                // a … z, then aa, ab …: a number would read as a reference's. The name starts with the letter the
                // link shows, so that a reader who says what they see reaches it (WCAG 2.5.3).
                let text = CitationKeyMaker.letters(index + 1)
                let back = words.text("backToCitation", ["index": String(index + 1), "count": String(count), "number": number])
                html += backLinkOfSeveralLang
                html += " aria-label=\"\(text), \(HTMLEscaping.escape(back))\">"
                html += text
                html += "</a>"
            }
        }
        html += "</span>"
        return html
    }

    /// The keys of a reference in `references`, in the order ``referenceContext(_:)`` gives their values: one array
    /// for every reference of every page.
    private static let referenceKeys = ["number", "id", "key", "html", "text", "formatted", "doi", "pubmed", "retracted"]

    /// An article's page, as UTF-8 bytes.
    func articlePage(_ rendered: RenderedArticle) -> [UInt8] {
        templates.renderUTF8(articleContext(rendered), template: rendered.article.frontMatter.layout) ?? []
    }

    /// A list page to render: its path, its template, and a fingerprint of what it shows (its entries, its place
    /// among the pages of its list), by which a rebuild tells whether it changed.
    struct ListJob: Sendable {
        var path: String
        var template: String?
        var fingerprint: Int
        var render: @Sendable () -> String
    }

    /// Home, topic index and one list per topic, each in pages of `paginate` entries; 404; the site's Atom feed and
    /// one per topic; the sitemap (an index of several past 50,000 addresses) and robots.txt. From one sorted pass
    /// over the articles; nothing is rendered yet. The search page and index are ``searchJobs(_:synonyms:)``.
    func listJobs(_ articles: [RenderedArticle]) -> [ListJob] {
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
        let signatures = sorted.map(listSignature)
        var jobs: [ListJob] = []

        let allTopics = TemplateValue.list(topicList.map(topicContext))
        var topicsHash = Hasher()
        for topic in topicList {
            topicsHash.combine(topic.slug)
            topicsHash.combine(topic.name)
            topicsHash.combine(topic.count)
        }
        let topicsFingerprint = topicsHash.finalize()

        paginated(count: sorted.count, folder: "", title: settings.title, template: "home", into: &jobs) { pager, range, hasher in
            hasher.combine(topicsFingerprint)
            // Whether the first page has an introduction; a change to it re-renders the page (see ListRendering).
            if pager.number == 1 { hasher.combine(index?.article.source.path) }
            for signature in signatures[range] { hasher.combine(signature) }
            return {
                var home = baseContext(path: pager.path, title: pager.title, description: settings.description)
                home["topics"] = allTopics
                home["hasTopics"] = .bool(!topicList.isEmpty)
                // `Content/index.md` gives the first page its introduction; the list stays the site's.
                if pager.number == 1, let index { home.merge(articleContext(index)) }
                home["articles"] = .list(sorted[range].map { .object(listEntry($0)) })
                pager.add(to: &home, addresses: addresses, words: words)
                return templates.render(home, template: "home") ?? ""
            }
        }
        paginated(count: topicList.count, folder: "topics/", title: words["topics"], template: "topics", into: &jobs) { pager, range, hasher in
            for topic in topicList[range] {
                hasher.combine(topic.slug)
                hasher.combine(topic.name)
                hasher.combine(topic.count)
            }
            return {
                var topicIndex = baseContext(path: pager.path, title: pager.title, description: nil)
                topicIndex["topics"] = .list(topicList[range].map(topicContext))
                pager.add(to: &topicIndex, addresses: addresses, words: words)
                return templates.render(topicIndex, template: "topics") ?? ""
            }
        }
        let feeds = FeedWriter(settings: settings)
        for (slug, name, _) in topicList {
            let topicArticles = byTopic[slug]?.articles ?? []
            let folder = "topics/\(slug)/"
            // A topic none of whose answers has a review date has no feed: an Atom feed must say when it was updated.
            let shown = feedEntries(topicArticles)
            paginated(count: topicArticles.count, folder: folder, title: name, template: "topic", into: &jobs) { pager, range, hasher in
                for article in topicArticles[range] { hasher.combine(listSignature(article)) }
                hasher.combine(shown.isEmpty)
                return {
                    var context = baseContext(path: pager.path, title: pager.title, description: words.text("topicDescription", ["topic": name]))
                    context["name"] = .text(name)
                    context["topicSummary"] = .text(words.text("topicSummary", ["topic": name]))
                    if !shown.isEmpty { context["feedURL"] = .text(addresses.url(folder + "feed.xml")) }
                    context["articles"] = .list(topicArticles[range].map { .object(listEntry($0)) })
                    pager.add(to: &context, addresses: addresses, words: words)
                    return templates.render(context, template: "topic") ?? ""
                }
            }
            if !shown.isEmpty {
                jobs.append(
                    ListJob(path: folder + "feed.xml", template: nil, fingerprint: Self.fingerprint(shown.map(listSignature), name)) {
                        feeds.atom(shown, path: folder + "feed.xml", page: folder, title: "\(name) · \(settings.title)")
                    })
            }
        }
        jobs.append(
            ListJob(path: "404.html", template: "404", fingerprint: 0) {
                // Served at every address that has no page: none is its own, so it names no canonical address.
                var context = baseContext(path: "404.html", title: words["notFound"], description: nil)
                context["canonicalURL"] = nil
                return templates.render(context, template: "404") ?? ""
            })
        // A site none of whose answers has a review date has no feed, as such a topic has none; the pages link to none
        // (`siteFeedURL`).
        if hasFeed {
            let shown = feedEntries(sorted)
            jobs.append(
                ListJob(path: "feed.xml", template: nil, fingerprint: Self.fingerprint(shown.map(listSignature), "")) {
                    feeds.atom(shown, path: "feed.xml", page: "", title: settings.title)
                })
        }
        for file in feeds.sitemaps(sorted, topicSlugs: topicList.map(\.slug).sorted()) {
            jobs.append(ListJob(path: file.path, template: nil, fingerprint: file.content.hashValue) { file.content })
        }
        jobs.append(
            ListJob(path: "robots.txt", template: nil, fingerprint: 0) {
                "User-agent: *\nAllow: /\nSitemap: \(addresses.absoluteURL("sitemap.xml"))\n"
            })
        return jobs
    }

    /// The search page (its questions A to Z, in pages of `paginate`) and the search index: its fragments, for the
    /// published articles in site order.
    /// - Parameter synonyms: the site's synonyms, as the articles' search entries were made with.
    func searchJobs(_ articles: [RenderedArticle], synonyms: SearchSynonyms) -> [ListJob] {
        var jobs: [ListJob] = []
        let indexed = articles.filter { $0.search != nil }
        let byTitle = indexed.map { (key: Self.indexKey($0.article.frontMatter.title), article: $0.article) }.sorted {
            $0.key != $1.key ? $0.key < $1.key : $0.article.urlPath < $1.article.urlPath
        }.map(\.article)
        // A link to the first question of each first letter (a digit or another character: `#`), on whichever page it
        // is, when the list has pages: a reader without JavaScript goes through a large site's list by letter, not by
        // its hundreds of pages.
        let size = pageSize(byTitle.count), folder = "search/"
        var letters: [(letter: String, id: String, index: Int)] = [], seen: Set<String> = []
        for (index, article) in byTitle.enumerated() {
            let letter = Self.indexLetter(article.frontMatter.title)
            guard seen.insert(letter).inserted else { continue }
            let ascii = letter.utf8.count == 1 && letter.first?.isLetter == true
            letters.append((letter, "letter-" + (ascii ? letter.lowercased() : letter == "#" ? "other" : String(letters.count)), index))
        }
        // With more than one letter on more than one page, and only then in `letters`: every link there has its
        // question's element to go to.
        let shown = letters.count > 1 && byTitle.count > size
        let letterLinks = TemplateValue.list((shown ? letters : []).map { letter in
            let page = Pager.path(folder, letter.index / size + 1), key = letter.letter == "#" ? "startingWithOther" : "startingWith"
            return .object([
                "letter": .text(letter.letter), "url": .text(addresses.url(page) + "#" + letter.id),
                "label": .text(words[key] + " "), "labelInEnglish": words.staysEnglish(key) ? .bool(true) : .null,
            ])
        })
        let firstOfLetter = shown ? Dictionary(uniqueKeysWithValues: letters.map { ($0.index, $0.id) }) : [:]
        var lettersHash = Hasher()
        for letter in letters {
            lettersHash.combine(letter.letter)
            lettersHash.combine(letter.index)
        }
        let lettersFingerprint = lettersHash.finalize(), hasLetters = TemplateValue.bool(shown)
        paginated(count: byTitle.count, folder: folder, title: words["search"], template: "search", into: &jobs) { pager, range, hasher in
            hasher.combine(lettersFingerprint)
            for article in byTitle[range] {
                hasher.combine(article.urlPath)
                hasher.combine(article.frontMatter.title)
            }
            return {
                var context = baseContext(path: pager.path, title: pager.title, description: words["searchDescription"])
                context["articles"] = .list(range.map { index in
                    var entry = listEntry(byTitle[index])
                    if let id = firstOfLetter[index] { entry["letterID"] = .text(id) }
                    return .object(entry)
                })
                context["letters"] = letterLinks
                context["hasLetters"] = hasLetters
                pager.add(to: &context, addresses: addresses, words: words)
                return templates.render(context, template: "search") ?? ""
            }
        }
        // Each article's record is written with its page (see ``ArticleRendering``).
        for file in SearchIndex.files(indexed.map { $0.search! }, synonyms: synonyms) {
            jobs.append(ListJob(path: file.path, template: nil, fingerprint: file.content.hashValue) { file.content })
        }
        return jobs
    }

    /// The articles a feed lists, of a list sorted newest first: those with a `reviewed` date (an Atom entry must say
    /// when it was updated, and an undated answer would get a made-up date), up to `feed.limit` (all of them for 0).
    private func feedEntries(_ sorted: [Article]) -> [Article] {
        let dated = sorted.filter { $0.frontMatter.reviewed != nil }
        return settings.feedLimit == 0 ? dated : Array(dated.prefix(settings.feedLimit))
    }

    private static func fingerprint(_ signatures: [ListSignature], _ name: String) -> Int {
        var hasher = Hasher()
        hasher.combine(name)
        for signature in signatures { hasher.combine(signature) }
        return hasher.finalize()
    }

    /// A page of a paginated list: its number among `count` pages, where it and its neighbours are.
    struct Pager: Sendable {
        /// The list's first page, `""` for the home page or `topics/x/`; page n > 1 is at `page/n/` under it.
        var folder: String
        var number: Int
        var count: Int
        /// The page's title: the list's, with `, page n` after page 1.
        var title: String

        var path: String { Self.path(folder, number) }

        static func path(_ folder: String, _ number: Int) -> String {
            number == 1 ? folder : folder + "page/\(number)/"
        }

        /// `pager` in the context when the list has more than one page: `current`, `total`, `prevURL`, `nextURL`,
        /// `firstURL`, `lastURL`, `status` (`Page 2 of 5` in the site's words), and `pages`: the first, the last and
        /// the two either side of the current one, with `isGap` entries where numbers are left out.
        func add(to context: inout TemplateObject, addresses: SiteAddresses, words: SiteWords) {
            guard count > 1 else { return }
            func url(_ number: Int) -> TemplateValue { .text(addresses.url(Self.path(folder, number))) }
            var shown: [TemplateValue] = []
            var previous = 0
            for page in 1...count where page == 1 || page == count || abs(page - number) <= 2 {
                if page > previous + 1 { shown.append(.object(["isGap": .bool(true), "isCurrent": .bool(false)])) }
                shown.append(.object(["number": .int(page), "url": url(page), "isCurrent": .bool(page == number), "isGap": .bool(false)]))
                previous = page
            }
            context["pager"] = .object([
                "current": .int(number), "total": .int(count),
                "prevURL": number > 1 ? url(number - 1) : .null, "nextURL": number < count ? url(number + 1) : .null,
                "firstURL": url(1), "lastURL": url(count), "pages": .list(shown),
                "status": .text(words.text("pageOf", ["current": String(number), "total": String(count)])),
            ])
        }
    }

    /// Adds the pages of a list of `count` entries, `paginate` to a page (one page for 0 or an empty list), and,
    /// when there are several, a page at `page/1/` that sends readers to the first.
    /// - Parameter page: given a page and the range of entries on it, combines what it shows into the hasher and
    ///   returns its renderer.
    private func paginated(
        count: Int, folder: String, title: String, template: String, into jobs: inout [ListJob],
        page: (Pager, Range<Int>, inout Hasher) -> @Sendable () -> String
    ) {
        let size = pageSize(count)
        let pages = max(1, (count + size - 1) / size)
        for number in 1...pages {
            let pager = Pager(
                folder: folder, number: number, count: pages, title: number == 1 ? title : words.text("listPage", ["title": title, "number": String(number)]))
            let range = (number - 1) * size..<min(count, number * size)
            var hasher = Hasher()
            hasher.combine(number)
            hasher.combine(pages)
            let render = page(pager, range, &hasher)
            jobs.append(ListJob(path: pager.path + "index.html", template: template, fingerprint: hasher.finalize(), render: render))
        }
        if pages > 1 {
            let first = addresses.absoluteURL(folder), firstPath = addresses.url(folder)
            jobs.append(
                ListJob(path: folder + "page/1/index.html", template: nil, fingerprint: 0) {
                    Self.redirect(to: first, path: firstPath, language: settings.language, title: title, linkHTML: HTMLEscaping.escape(words["firstPage"]),
                                  isEnglish: words.staysEnglish("firstPage"))
                })
        }
    }

    /// The entries on a page of a list of `count`: `paginate`, or all of them for 0.
    private func pageSize(_ count: Int) -> Int {
        settings.paginate == 0 ? max(count, 1) : settings.paginate
    }

    /// The letter a title is listed under in the search page's A to Z: its first letter in capitals, `#` for a digit
    /// or another character.
    static func indexLetter(_ title: String) -> String {
        // From its first letter or digit (`¿Qué…?`, `“Quoted”` under Q), without its accent (`Éczéma` beside `eczema`).
        guard let first = title.first(where: { $0.isLetter || $0.isNumber }), first.isLetter else { return "#" }
        let upper = String(first).withoutAccents.uppercased()
        return upper.count == 1 ? upper : String(first)
    }

    /// What the A–Z list sorts a title by: from its first letter or digit, in small letters, accents aside (a title
    /// that starts `É`, `¿` or `“` was listed after Z).
    static func indexKey(_ title: String) -> String {
        let key = title.drop { !$0.isLetter && !$0.isNumber }.lowercased()
        return key.withoutAccents
    }

    /// The page written at an old address of an article's (`aliases:`), which sends readers on to its page.
    func aliasPage(to article: Article) -> String {
        Self.redirect(
            to: addresses.absoluteURL(article.urlPath), path: addresses.url(article.urlPath), language: settings.language,
            title: article.frontMatter.title, linkHTML: words.html("moved", filling: "title", with: article.frontMatter.title),
            isEnglish: words.staysEnglish("moved"))
    }

    /// A page that sends the reader on to `path` (and tells search engines that it is the same page), with a link
    /// for a browser that does not follow the refresh.
    /// - Parameters:
    ///   - linkHTML: the link's text, HTML-escaped (the site's words in it marked: ``SiteWords/html(_:filling:with:valueIsEnglish:)``).
    ///   - isEnglish: whether the link's text stays English on a site in another language (``SiteWords``).
    static func redirect(to url: String, path: String, language: String, title: String, linkHTML: String, isEnglish: Bool = false) -> String {
        let url = HTMLEscaping.escape(url), path = HTMLEscaping.escape(path)
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(language))" dir="\(TextDirection.isRightToLeft(language) ? "rtl" : "ltr")">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLEscaping.escape(title))</title>
            <link rel="canonical" href="\(url)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(path)">
            </head>
            <body>
            <p><a href="\(path)"\(isEnglish ? " lang=\"en\"" : "")>\(linkHTML)</a></p>
            </body>
            </html>

            """
    }

    func topicContext(_ topic: (slug: String, name: String, count: Int)) -> TemplateValue {
        .object(["name": .text(topic.name), "slug": .text(topic.slug), "url": .text(addresses.url("topics/\(topic.slug)/")), "count": .int(topic.count)])
    }

    /// JSON-LD `MedicalWebPage` with `lastReviewed`, `about` and `citation`.
    func jsonLD(_ rendered: RenderedArticle) -> String {
        let matter = rendered.article.frontMatter
        var object: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalWebPage")),
            ("name", .string(matter.title)), ("url", .string(addresses.absoluteURL(rendered.article.urlPath))),
        ]
        if let summary = matter.summary { object.append(("description", .string(summary))) }
        if let reviewed = matter.reviewed { object.append(("lastReviewed", .string(reviewed.iso))) }
        if let topic = matter.topic { object.append(("about", .object([("@type", .string("MedicalEntity")), ("name", .string(topic))]))) }
        var json = JSONValue.object(object).serialized
        let references = rendered.references
        guard !references.isEmpty else { return json }
        // The entries' items, serialized once per build, are appended as text: the most of the page's JSON-LD. Each is
        // read where it is (a loop over copies of the references would retain and release each one's parts).
        var length = json.utf8.count + 16
        for index in references.indices { length += references[index].text.jsonLDItem.utf8.count + 1 }
        json.reserveCapacity(length)
        json.removeLast()
        json += ",\"citation\":["
        for index in references.indices {
            if index > 0 { json += "," }
            json += references[index].text.jsonLDItem
        }
        json += "]}"
        return json
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

extension DataNode {
    /// The value as a text that tells any two values apart (for ``PageBuilder/ListSignature``).
    var signature: String {
        switch value {
        case .scalar(let text, let quoted): (quoted ? "q" : "s") + String(text.utf8.count) + ":" + text
        case .number(_, let text): "n" + String(text.utf8.count) + ":" + text
        case .bool(let flag, _): flag ? "t" : "f"
        case .null: "~"
        case .list(let items): "[" + items.map(\.signature).joined(separator: ",") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key.utf8.count):\($0.key)=\($0.value.signature)" }.joined(separator: ",") + "}"
        }
    }

    /// The value in a template context: strings, numbers and booleans as written; null and an empty string null,
    /// which a section reads as false.
    var templateValue: TemplateValue {
        switch value {
        // A value left blank (`banner:`, `~`, `""`) is false in a section, as a missing one is.
        case .scalar("", _): .null
        case .scalar(let text, _): .text(text)
        case .number(let number, let text): Int(text).map(TemplateValue.int) ?? .double(number)
        case .bool(let flag, _): .bool(flag)
        case .null: .null
        case .list(let items): .list(items.map(\.templateValue))
        case .map(let entries):
            .object(entries.reduce(into: TemplateObject()) { object, entry in object[entry.key] = entry.value.templateValue })
        }
    }
}
