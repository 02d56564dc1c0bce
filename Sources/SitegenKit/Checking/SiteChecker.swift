import Foundation

/// `sitegen check`: broken internal links and anchors, unused site-wide references and articles due for review,
/// found in a built site before it is published.
public struct SiteChecker: Sendable {
    /// An article whose `reviewed` date is more than this many months before `today` gets a warning.
    public var maximumReviewAgeMonths: Int
    public var today: ReviewDate

    public init(maximumReviewAgeMonths: Int = 12, today: ReviewDate = .today()) {
        self.maximumReviewAgeMonths = maximumReviewAgeMonths
        self.today = today
    }

    public func check(_ site: BuiltSite) async -> [Diagnostic] {
        var diagnostics = await links(site)
        diagnostics += unusedReferences(site)
        diagnostics += reviewAge(site)
        diagnostics += bodies(site)
        diagnostics += sameQuestions(site)
        diagnostics += evidence(site)
        diagnostics += citedKnowingly(site)
        if let reserved = reservedBaseURL(site.settings) { diagnostics.append(reserved) }
        return diagnostics.sortedCausesFirst()
    }

    /// A base URL on a host that is no site's on the web: a name kept for examples (`example.org`, RFC 2606), this
    /// machine (`localhost`, `127.0.0.1`), a name for tests; a site published so has canonical links, a feed and a
    /// sitemap that lead there.
    func reservedBaseURL(_ settings: SiteSettings) -> Diagnostic? {
        guard !settings.hasPlaceholderBaseURL, let host = settings.baseHost else { return nil }
        let reserved = ["example.org", "example.com", "example.net", "localhost"].contains { host == $0 || host.hasSuffix("." + $0) }
            || [".example", ".test", ".local", ".localhost"].contains { host.hasSuffix($0) }
            || host.hasPrefix("127.") || host == "::1" || host == "0.0.0.0"
        guard reserved else { return nil }
        return .warning(
            at: settings.baseURLLocation ?? .option("--base-url"),
            "the base URL's host, \(host), is no site's on the web (a name kept for examples, or this machine), so the canonical addresses, the"
                + " feed and the sitemap lead there; set it to the address the site is published at, or pass --base-url when you publish")
    }

    // MARK: - Evidence

    /// Read from each article's Markdown: images without a description (which a screen reader passes over), and the
    /// paragraphs (in list items and quotes too) of a published answer that carry no citation marker, each with the
    /// article's count; headings, the summary, the questions and paragraphs of images alone are not body paragraphs
    /// to cite in. The home page's introduction (`Content/index.md`) is not an answer. `check: {uncited: error}`
    /// makes uncited paragraphs errors.
    func bodies(_ site: BuiltSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let renderer = MarkdownRenderer(allowsRawHTML: site.settings.allowsRawHTML)
        for rendered in site.articles {
            let body = rendered.article.body
            let outline = MarkdownOutline(body.text)
            for (line, column) in outline.imagesWithoutDescription {
                diagnostics.append(
                    .warning(at: body.location(line: line, column: column),
                        "this image has no description, so a screen reader passes over it; say what it shows: ![Bar chart of muscle pain with statin and placebo](chart.png)"))
            }
            // (Raw HTML is left out of the page without `unsafe`, and the build says so.)
            for (line, column) in site.settings.allowsRawHTML ? outline.rawImagesWithoutAlt : [] {
                diagnostics.append(
                    .warning(at: body.location(line: line, column: column),
                        "this <img> has no alt attribute, so a screen reader reads out its file name (and the page is invalid HTML); say"
                            + " what it shows: alt=\"Bar chart of muscle pain with statin and placebo\" (alt=\"\" for an image that only decorates)"))
            }
            for (line, column, text) in outline.levelOneHeadings {
                // The page's one level-1 heading is its title (WCAG's headings that say how a page is organised).
                let title = rendered.article.frontMatter.title
                let message = Self.folded(text) == Self.folded(title)
                    ? "this heading repeats the title, which the page prints as its heading already; remove it"
                    : "a level-1 heading makes a second main heading on the page, whose one is its title; make it a section: ## \(text)"
                diagnostics.append(.warning(at: body.location(line: line, column: column), message))
            }
            // An answer published with the text `sitegen new` wrote in place of one.
            if rendered.article.urlPath != "", let offset = body.text.byteOffsets(of: NewArticle.placeholder, first: true).first {
                let (line, column) = YAMLReader.Lines(body.text).position(of: offset)
                diagnostics.append(
                    .error(at: body.location(line: line, column: column),
                        "this answer is published with the text 'sitegen new' wrote in place of one; write the answer (and check its confidence"
                            + " and reviewed date), or keep draft: true until it is written"))
            }
            // An answer that rates its evidence nowhere.
            let matter = rendered.article.frontMatter
            if rendered.article.urlPath != "", matter.confidence == nil {
                diagnostics.append(.warning(at: matter.titleLocation ?? .file(rendered.article.source.path), Self.unratedMessage))
            }
            // The example `init` wrote, published as it is: its summary tells readers to replace it.
            if rendered.article.urlPath != "", matter.summary?.hasPrefix(NewSite.exampleSummary) == true {
                diagnostics.append(
                    .warning(at: matter.summaryLocation ?? body.start,
                        "this is the example answer 'sitegen init' wrote, published with a summary that tells readers to replace it;"
                            + " replace it with an answer of your own, or delete this file"))
            }
            guard site.settings.uncited != .off, rendered.article.urlPath != "" else { continue }
            let paragraphs = outline.paragraphs
            // The lines of the markers as the page reads them (not in code, a comment, a link's address or after `\[`);
            // `@name` in running text cites only when it is a key the article cites (not a handle).
            let cited = Set(rendered.references.map(\.reference.id))
            var markerLines: [Int] = []
            _ = renderer.render(body, citation: { group in
                if !group.isInText || cited.contains(group.items[0].key) { markerLines.append(group.location.line - body.firstLine + 1) }
                return nil
            })
            let bare = paragraphs.filter { paragraph in !markerLines.contains { (paragraph.firstLine...paragraph.lastLine).contains($0) } }
            for paragraph in bare {
                let message = "no citation marker in this paragraph (\(bare.count) of \(paragraphs.count) paragraphs of this answer cite no source); cite one with [@key], or set check: {uncited: off} in sitegen.yml"
                let location = body.location(line: paragraph.firstLine, column: paragraph.column)
                diagnostics.append(site.settings.uncited == .error ? .error(at: location, message) : .warning(at: location, message))
            }
        }
        return diagnostics
    }

    /// Answers with the same title (the same words, whatever their case and punctuation): a reader finds the question
    /// twice in the lists and in search. A warning at each but the first (in path order), naming the first.
    func sameQuestions(_ site: BuiltSite) -> [Diagnostic] {
        var first: [String: Article] = [:]
        var diagnostics: [Diagnostic] = []
        for article in site.articles.map(\.article).filter({ $0.urlPath != "" }).sorted(by: { $0.source.path < $1.source.path }) {
            let words = Self.folded(article.frontMatter.title)
            guard !words.isEmpty else { continue }
            guard let earlier = first[words] else {
                first[words] = article
                continue
            }
            diagnostics.append(
                .warning(at: article.frontMatter.titleLocation ?? .file(article.source.path),
                    "\(earlier.source.path) has this title too, so readers find the question twice (in the lists and in search);"
                        + " merge the two answers, or word each question for what it answers", naming: [earlier.source.path]))
        }
        return diagnostics
    }

    /// A heading's or title's words, for telling whether one repeats the other: letters and digits, lowercased.
    private static func folded(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// What a reader needs to find and trust each cited source: an identifier or address, the fields its type
    /// prints, no retraction, and an answer reviewed after the newest source it cites.
    func evidence(_ site: BuiltSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        // The answers that cite each source, which a retraction's error names: the claims to remove are theirs.
        var citing: [String: [String]] = [:]
        for rendered in site.articles {
            // (Not an answer that says it cites the source knowing it is retracted, `cites-retracted: [key]`: one that
            // explains the retraction to its readers.)
            let knowing = Set(rendered.article.frontMatter.citesRetracted.map(\.key))
            for cited in rendered.references where !knowing.contains(cited.reference.id) {
                citing["\(cited.reference.location) \(cited.reference.id)", default: []].append(rendered.article.source.path)
            }
        }
        for rendered in site.articles {
            var newest: (date: Reference.DateParts, id: String)?
            for cited in rendered.references {
                let reference = cited.reference
                // Since the day it could be read: online, before its issue, it may have been.
                if let issued = reference.firstAvailable, newest.map({ issued.firstDay > $0.date.firstDay }) ?? true { newest = (issued, reference.id) }
                let key = "\(reference.location) \(reference.id)"
                guard seen.insert(key).inserted else { continue }
                // A retracted source that every answer citing it cites knowingly is no error; its other problems are said.
                diagnostics += Self.problems(of: reference, citedIn: citing[key] ?? [], retractionKnown: citing[key] == nil)
            }
            if let reviewed = rendered.article.frontMatter.reviewed, let newest, newest.date.firstDay > (reviewed.year, reviewed.month, reviewed.day) {
                let location = rendered.article.frontMatter.reviewedLocation ?? rendered.article.body.start
                diagnostics.append(.warning(at: location, "reviewed \(reviewed.iso), before '\(newest.id)' was published (\(Self.written(newest.date))); review the answer against it and update 'reviewed'"))
            }
        }
        return diagnostics
    }

    /// The keys of `cites-retracted:` that excuse no citation: of a source the answer never cites (a key mistyped, or
    /// left after the citation was removed), or of one its entry does not say is retracted. A warning at the key: the
    /// list would excuse a citation of the source made later, unchecked.
    func citedKnowingly(_ site: BuiltSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rendered in site.articles {
            let cited = rendered.references.map(\.reference)
            for (key, location) in rendered.article.frontMatter.citesRetracted {
                let message: String
                var named: [String] = []
                if let reference = cited.first(where: { $0.id == key }) {
                    guard reference.retractions.isEmpty else { continue }
                    named = [reference.location.path]
                    message = "cites-retracted names '\(key)', which is not retracted as far as its entry (\(reference.location)) says; remove it, or, if"
                        + " the source is retracted, say so in the entry's note (Retracted: and where the retraction is published)"
                } else if let near = Suggestion.nearest(to: key, among: cited.map(\.id), allowsReplacingAll: true) {
                    message = "cites-retracted names '\(key)', which this answer never cites; did you mean '\(near)'?"
                } else {
                    message = "cites-retracted names '\(key)', which this answer never cites; remove it"
                }
                diagnostics.append(.warning(at: location, message, naming: named))
            }
        }
        return diagnostics
    }

    /// A source's date as far as its entry gives it (`2026-11-20`, `2026-11`, `2026`), so that it reads as later than a
    /// review date of the same year.
    private static func written(_ date: Reference.DateParts) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        guard let month = date.month else { return date.years }
        return "\(date.year)-\(two(month))" + (date.day.map { "-\(two($0))" } ?? "")
    }

    /// - Parameters:
    ///   - answers: the paths of the answers that cite the source, in order.
    ///   - retractionKnown: whether every answer that cites it says it is retracted (`cites-retracted:`).
    static func problems(of reference: Reference, citedIn answers: [String] = [], retractionKnown: Bool = false) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if !retractionKnown, let notice = reference.retractions.first {
            let shown = answers.prefix(3).joined(separator: ", ") + (answers.count > 3 ? " and \(answers.count - 3) more" : "")
            let citers = answers.isEmpty ? "" : answers.count == 1 ? " in \(shown)" : " in the \(answers.count) answers that cite it (\(shown))"
            diagnostics.append(.error(at: reference.location, "'\(reference.id)' is retracted (\(notice)); remove the claims that rest on it\(citers) (an answer that cites it to"
                + " explain the retraction says so: cites-retracted: [\(reference.id)])", naming: Array(answers.prefix(3))))
        }
        let has = { (value: String?) in !(value?.trimmingWhitespace.isEmpty ?? true) }
        if !has(reference.doi) && !has(reference.pmid ?? reference.linkOnlyPMID) && !has(reference.pmcid ?? reference.linkOnlyPMCID) && !has(reference.url) {
            diagnostics.append(.warning(at: reference.location, "'\(reference.id)' has no DOI, PMID, PMCID or URL: a reader cannot find the source; add one"))
        }
        // An identifier given that makes no link: the reader is left without it, in silence.
        if let pmid = reference.pmid ?? reference.linkOnlyPMID, has(pmid), reference.pubMedURL == nil {
            diagnostics.append(
                .warning(at: reference.location(of: "PMID"), "'\(reference.id)' has a PMID that is not a number ('\(pmid)'), so it links nowhere; write its digits alone"))
        }
        if let pmcid = reference.pmcid ?? reference.linkOnlyPMCID, has(pmcid), reference.pubMedCentralID == nil {
            diagnostics.append(
                .warning(
                    at: reference.location(of: "PMCID"),
                    "'\(reference.id)' has a PMCID that is not PMC and a number ('\(pmcid)'), so it links nowhere; write PMC and its digits (PMC6400346)"))
        }
        if let bare = reference.bareDOI, let last = bare.last, ".,;".contains(last) {
            // Copied from the end of a sentence or a reference list: the DOI resolves without it.
            diagnostics.append(
                .warning(at: reference.location(of: "DOI"), "'\(reference.id)' has a DOI that ends with '\(last)' ('\(bare)'), which copying it from a sentence adds; a DOI seldom does: write \(bare.dropLast())"))
        }
        if let bare = reference.bareDOI, bare.hasPrefix("10."), bare.contains(where: { $0 == " " || $0 == "\t" }), let doiURL = reference.doiURL {
            // A space inside (`10.1/ x`, or a character that is no text, NUL, which reading makes a space): the link holds
            // it, percent-encoded (`10.1/%20x`), as pandoc's does. PubMed's label after one (`10.1/x [doi]`) is no part of it.
            diagnostics.append(
                .warning(at: reference.location(of: "DOI"), "'\(reference.id)' has a DOI with a space in it ('\(bare)'), which a DOI seldom has: its link is"
                    + " \(doiURL); remove the space (a character that is no text, such as NUL, is read as one)"))
        }
        if let bare = reference.bareDOI, !bare.hasPrefix("10."), let doi = reference.doi {
            diagnostics.append(
                .warning(at: reference.location(of: "DOI"), "'\(reference.id)' has a DOI that does not start with '10.' ('\(doi.trimmingWhitespace)'), so its link leads nowhere; write the DOI itself (10.…)"))
        }
        if let url = reference.url?.trimmingWhitespace, !url.isEmpty, reference.webURL == nil, !Reference.hasScheme(url) {
            // `www.nhs.uk/…`, as a browser's address bar shows it: printed, but a link only with its scheme.
            diagnostics.append(
                .warning(at: reference.location(of: "URL"), "'\(reference.id)' has a URL without 'https://' ('\(url)'), so it links nowhere; write https://\(url.drop { $0 == "/" })"))
        }
        var missing: [String] = []
        if reference.type != "webpage" && reference.issued == nil && reference.issuedLiteral == nil { missing.append("year (issued/date)") }
        if ["article-journal", "chapter", "paper-conference"].contains(reference.type) {
            if !has(reference.containerTitle) && !has(reference.containerTitleShort) { missing.append("container (journal or book title)") }
            if !has(reference.page) { missing.append("pages (page)") }
        }
        for field in missing {
            // (An entry of no type, as some exports leave one, is named by its key alone, not with "()".)
            let type = reference.type.isEmpty ? "" : " (\(reference.type))"
            diagnostics.append(.warning(at: reference.location, "'\(reference.id)'\(type) has no \(field)"))
        }
        return diagnostics
    }

    // MARK: - Links

    /// Every `href`/`src` of every HTML page that points inside the site must name a page or file that the
    /// build writes, and its `#fragment` an id on that page, byte for byte, as a server and a browser match them
    /// (`é` as one character and as `e` and U+0301 are two names to them, one string to Swift).
    func links(_ site: BuiltSite) async -> [Diagnostic] {
        // In the site's order (articles first), not the order the parallel build wrote them in: a message that names
        // one page of many ("on a/index.html and other pages") names the same one each time.
        let order = Dictionary(site.pagePaths.enumerated().map { ($1, $0) }) { first, _ in first }
        let htmlPages = site.pages.filter { $0.path.hasSuffix(".html") }.sorted {
            (order[$0.path] ?? .max, $0.path) < (order[$1.path] ?? .max, $1.path)
        }
        let scanned = await Parallel.map(htmlPages) { page in (page.path, HTMLLinkScanner.scan(page.content)) }
        let anchors = Dictionary(scanned.map { ($0.0, $0.1.anchors) }) { _, last in last }
        let paths = site.pages.map(\.path) + site.copies.map(\.path)
        let files = Set(paths.map { ExactText($0) })
        // By Swift's equality, which holds a path whatever the form of its letters.
        let filesInAnyForm = Set(paths)
        let filesIgnoringCase = Dictionary(paths.map { ($0.lowercased(), $0) }) { first, second in min(first, second) }
        let articles = Dictionary(site.articles.map { ($0.article.outputPath, $0) }) { first, _ in first }
        let sources = Dictionary(site.articles.map { ($0.article.source.path, $0.article) }) { first, _ in first }
        let pageSources = Set(sources.keys)
        let basePath = site.settings.basePath
        let absoluteBase = site.settings.absoluteURL("")

        let contents = Dictionary(site.pages.map { ($0.path, $0.content) }) { first, _ in first }
        // Each page's problems on all cores, each with what makes it the same as another's (a `nav` link's on every
        // page, a template's on each page of that template); kept once, in the pages' order.
        let found = await Parallel.map(scanned) { path, page -> [(same: String, diagnostic: Diagnostic)] in
            var found: [(same: String, diagnostic: Diagnostic)] = []
            let article = articles[path]
            let pageFolder = path.split(separator: "/").dropLast().joined(separator: "/")
            let bodyLinks = article.map { Set(HTMLLinkScanner.scan($0.body).links) } ?? []
            var writtenLinks: WrittenLinks?
            /// The article's link destinations, found once, when a link is to be located.
            func written(_ article: RenderedArticle) -> WrittenLinks? {
                if writtenLinks == nil {
                    let markdown = article.article.body
                    writtenLinks = WrittenLinks(
                        markdown, relink: ArticleRendering.fileLinks(of: article.article, markdown: markdown.text, assets: site.assetsBesideArticles, pages: pageSources))
                }
                return writtenLinks
            }
            // How many times the page has had each link so far: the second `[b](nope.md)` is found where it is written.
            var occurrences: [ExactText: Int] = [:]
            for link in page.links {
                occurrences[ExactText(link), default: 0] += 1
                guard let target = Self.resolve(link, onPage: path, basePath: basePath, absoluteBase: absoluteBase) else {
                    // A script's address in an article (`[a](javascript:…)`, `<a href="vbscript:…">`), which the page keeps
                    // with raw HTML allowed (cmark empties it otherwise, and the build says so): no page to look for, but
                    // said for what it is.
                    if let article, bodyLinks.contains(link), let scheme = Self.scriptScheme(link) {
                        let location = written(article).flatMap { Self.locate(link, in: $0, occurrence: occurrences[ExactText(link)] ?? 1) }
                            ?? article.article.body.start
                        found.append(("\(location) \(link)", .warning(at: location,
                            "'\(link)' is a script's address (\(scheme)), kept because raw HTML is allowed (markdown: {unsafe: true} in"
                                + " sitegen.yml): a reader who follows it runs the script, and no page or file is there; link to a page or a file")))
                    }
                    continue
                }
                // A citation's link on the home page, whose template lists no references: the build warns at the marker.
                if let article, article.article.urlPath == "", link.hasPrefix("#ref-"), bodyLinks.contains(link) { continue }
                var problem: String?
                // The site files the problem names.
                var named: [String] = []
                if target.outside {
                    problem = "it leaves the site, whose pages are under \(basePath)"
                } else if target.file.isEmpty || !files.contains(ExactText(target.file)) {
                    if files.contains(ExactText(target.file + "/index.html")) {
                        continue  // a folder without its trailing slash: servers redirect
                    }
                    problem = "the site has no page or file \(basePath)\(target.file)"
                    // `/cafe\u{301}/` (as a macOS file name is written) for `/café/`: one to Swift, two to a server.
                    if let meant = filesInAnyForm.firstIndex(of: target.file).map({ filesInAnyForm[$0] })
                        ?? filesInAnyForm.firstIndex(of: target.file + "/index.html").map({ filesInAnyForm[$0] })
                    {
                        problem! += "; its address is \(basePath)\(SitePath.address(ofOutput: meant)), which differs from the link only in how letters are written ("
                            + Self.encodingDifference(link: target.file, other: meant, named: "the address") + "): retype the link's accented letters"
                    } else if let meant = filesIgnoringCase[target.file.lowercased()] ?? filesIgnoringCase[target.file.lowercased() + "/index.html"] {
                        problem! += "; its address differs only in case from \(basePath)\(SitePath.address(ofOutput: meant)),"
                            + " and most hosts tell the cases apart: write it so"
                    }
                    // A relative link of an article's Markdown is read from its file's folder: named as the file it names.
                    // (A link to a file, `soon.md`, `files/leaflet.pdf`; one to a folder, `../missing/`, names the page's address.)
                    if let article, bodyLinks.contains(link), !link.hasPrefix("/"), !link.contains(":"), case let path = link.prefix(while: { $0 != "#" && $0 != "?" }),
                        !path.isEmpty, !path.hasSuffix("/"), path.split(separator: "/").last?.contains(".") == true,
                        case let file = SitePath.resolve(path.removingPercentEncoding ?? String(path), relativeTo: article.article.source.path),
                        file.hasPrefix(SiteLayout.content + "/")
                    {
                        named = [file]
                        if link.hasPrefix("@/") {
                            // Zola's link to an article by its place in the content folder (the build warns at it too).
                            let meant = NotCommonMark.relativePath(to: SiteLayout.content + "/" + path.dropFirst(2), from: article.article.source.path)
                            problem = "'@/' is Zola's way to name a file of the content folder, which sitegen does not read;"
                                + " write the file's path relative to this Markdown file: \(meant)"
                        } else if site.draftPaths.contains(file) {
                            problem = "\(file) is a draft, which is not published (build or check with --drafts to see it)"
                        } else if case let inside = String(file.dropFirst(SiteLayout.content.count + 1)), site.assetsBesideArticles.contains(inside) {
                            // A file beside the article, linked from raw HTML (`<img src="chart.png">`), which no build rewrites.
                            let meant = SitePath.relative(inside, from: pageFolder) + link.dropFirst(path.count)
                            problem = "\(file) is published at \(basePath)\(inside), but a link in HTML is not made to lead there as a Markdown link to the"
                                + " file is; write " + (page.sources.contains(link) ? "![what it shows](\(link)), or src=\"\(meant)\"" : "[text](\(link)), or href=\"\(meant)\"")
                        } else if let linked = sources[file] {
                            // Published, but linked by its file from raw HTML (`<a href="b.md">`), which no build rewrites.
                            let fragment = link.firstIndex(of: "#").map { String(link[$0...]) } ?? ""
                            let meant = ArticleRendering.relativePath(from: pageFolder, to: linked.urlPath) + fragment
                            problem = "\(file) is published at \(basePath)\(linked.urlPath), but a"
                                + " link in HTML is not made to lead there as a Markdown link to the file is; write [text](\(link)), or href=\"\(meant)\""
                        } else {
                            problem = "the site publishes nothing from \(file) (a link of an article is read from its Markdown file's folder)"
                        }
                    } else if let article, bodyLinks.contains(link), !link.hasPrefix("/"), !link.contains(":"),
                        case let file = SitePath.resolve(link.prefix { $0 != "#" && $0 != "?" }.removingPercentEncoding ?? link, relativeTo: article.article.source.path),
                        file.hasPrefix(SiteLayout.public + "/"), case let published = String(file.dropFirst(SiteLayout.public.count + 1)),
                        files.contains(ExactText(published))
                    {
                        // `../../Public/files/leaflet.pdf`, as an editor reaches the file: Public/ is published at the root.
                        // (A space written %20: CommonMark ends an address at one.)
                        let meant = SitePath.relative(published, from: pageFolder).replacingOccurrences(of: " ", with: "%20")
                        named = [file]
                        problem = "the files of \(SiteLayout.public)/ are published at the site's root (\(file) at"
                            + " \(basePath)\(published)), so from this page write \(meant)"
                    }
                } else if let fragment = target.fragment, !fragment.isEmpty, fragment.lowercased() != "top", let ids = anchors[target.file],
                    !ids.contains(ExactText(fragment))
                {
                    problem = "\(basePath)\(target.file) has no element with id '\(fragment)'"
                    // `#References` for `id="references"`: an id is matched letter for letter. (`#top` is the top of any
                    // page, as HTML says, with no element of that id.) Hugo, pandoc and GitHub give headings ids of their
                    // text; CommonMark gives them none.
                    if let id = ids.first(where: { $0.text == fragment })?.text {
                        problem! += "; its id '\(id)' differs from the link only in how letters are written ("
                            + Self.encodingDifference(link: fragment, other: id, named: "the id") + "): retype the link's accented letters"
                    } else if let id = ids.first(where: { $0.text.lowercased() == fragment.lowercased() })?.text {
                        problem! += "; ids differ in case only: write #\(id)"
                    } else if let content = contents[target.file],
                        Self.headingTexts(content).contains(where: { Self.headingId($0) == fragment.lowercased() })
                    {
                        problem! += "; headings have no ids here (CommonMark gives them none, unlike Hugo, pandoc and GitHub): link to the page"
                    }
                }
                guard let problem else { continue }
                let location: SourceLocation
                var message = "broken link '\(link)': \(problem)"
                if let article, bodyLinks.contains(link) {
                    let written = written(article)
                    let occurrence = occurrences[ExactText(link)] ?? 1
                    // (The page's link percent-encoded, `#secci%C3%B3n`, where the Markdown has `#sección`.)
                    if let written, let places = written.relinked[ExactText(link)] ?? link.removingPercentEncoding.flatMap({ written.relinked[ExactText($0)] }) {
                        // As the author wrote it: a link of the Markdown that the build wrote otherwise (`./other.md#part` as
                        // `../other/#part`) is said as written, where it is written.
                        let place = places[min(occurrence, places.count) - 1]
                        location = written.location(ofByte: place.offset)
                        message = "broken link '\(place.destination)': \(problem)"
                    } else {
                        location = written.flatMap { Self.locate(link, in: $0, occurrence: occurrence) } ?? article.article.body.start
                    }
                } else if let nav = site.settings.nav.first(where: { site.settings.navURL($0.url) == link }) {
                    // A link of the header, on every page: once, where sitegen.yml gives it.
                    found.append(("\(nav.location) \(link)", .error(at: nav.location, message + " (a 'nav' link of sitegen.yml, on \(path) and other pages)", naming: named)))
                    continue
                } else {
                    location = Self.locateInTemplates(link, basePath: basePath, site: site, page: path)
                    if link.hasPrefix("#") {
                        // A link to a part of its own page, in a template: once, not once a page.
                        found.append(("\(location) \(link)", .error(at: location, message + " (on \(path), and on each page of its template that lacks the id)", naming: named)))
                        continue
                    }
                    message += " (on \(path))"
                }
                found.append(("\(location) \(problem)", .error(at: location, message, naming: named)))
            }
            return found
        }
        var seen = Set<ExactText>()
        var diagnostics: [Diagnostic] = []
        for (same, diagnostic) in found.joined() where seen.insert(ExactText(same)).inserted { diagnostics.append(diagnostic) }
        return diagnostics
    }

    /// The scheme of a script's address (`javascript:`, `vbscript:`), in small letters, read as a browser reads an
    /// address: without the spaces and control characters around it, and the tabs and line breaks in it
    /// (`java&#9;script:` is `javascript:`); nil for another address (`mailto:`, `data:`, a relative path).
    static func scriptScheme(_ link: String) -> String? {
        let trimmed = link.unicodeScalars.drop { $0.value <= 0x20 }
        let address = String(String.UnicodeScalarView(trimmed.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
        return NotCommonMark.unpublishedScheme(address).flatMap { $0 == "javascript:" || $0 == "vbscript:" ? $0 : nil }
    }

    /// How a link and a name that differ only in the form of their letters (a page's address, an id) write them:
    /// `'é' written as 'e' and U+0301 in the link (decomposed, as macOS writes file names), as one character in the
    /// address`.
    static func encodingDifference(link: String, other: String, named: String) -> String {
        if let decomposed = SitePath.decomposition(in: link) {
            return "\(decomposed) in the link (decomposed, as macOS writes file names), as one character in \(named)"
        }
        if let decomposed = SitePath.decomposition(in: other) {
            return "\(decomposed) in \(named) (decomposed, as macOS writes file names), as one character in the link"
        }
        return "in other Unicode forms"
    }

    /// The text of each `<h1>`…`<h6>` of a page, without its tags.
    static func headingTexts(_ html: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(html)
        while let open = rest.firstRange(of: "<h") {
            rest = rest[open.upperBound...]
            guard let level = rest.first, ("1"..."6").contains(level), let start = rest.firstIndex(of: ">"),
                let close = rest[start...].firstRange(of: "</h\(level)>")
            else { continue }
            var text = "", inTag = false
            for character in rest[rest.index(after: start)..<close.lowerBound] {
                if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
            }
            texts.append(text)
            rest = rest[close.upperBound...]
        }
        return texts
    }

    /// The id Hugo, pandoc and GitHub give a heading of this text: its letters, digits, `-` and `_` in small letters,
    /// each space a `-`.
    static func headingId(_ text: String) -> String {
        String(text.lowercased().compactMap { $0 == " " ? "-" : $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : nil })
    }

    /// The output file and fragment a link names, or nil for a link that leaves the site.
    static func resolve(
        _ link: String, onPage page: String, basePath: String, absoluteBase: String
    ) -> (file: String, fragment: String?, outside: Bool)? {
        var link = link
        // (Byte searches, and percent-decoding only where a `%` is: Foundation's, for each of a page's links, were
        // most of `check`'s time.)
        if link.containsBytes("://") || link.hasPrefix("//") {
            guard absoluteBase.containsBytes("://"), link.hasPrefix(absoluteBase) else { return nil }
            link = basePath + link.dropFirst(absoluteBase.count)
        } else if let colon = link.firstIndex(of: ":"),
            !link[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        {
            return nil  // mailto:, tel:, data:, javascript: …
        }
        var fragment: String?
        if let hash = link.firstIndex(of: "#") {
            let written = String(link[link.index(after: hash)...])
            fragment = written.containsBytes("%") ? written.removingPercentEncoding ?? written : written
            link = String(link[..<hash])
        }
        if let question = link.firstIndex(of: "?") { link = String(link[..<question]) }
        // The page's own URL path, e.g. /repo/a/b/ for a/b/index.html.
        let pageURL = basePath + SitePath.address(ofOutput: page)
        var path: String
        if link.isEmpty {
            path = pageURL
        } else if link.hasPrefix("/") {
            path = link
        } else {
            path = String(pageURL[...(pageURL.lastIndex(of: "/") ?? pageURL.startIndex)]) + link
        }
        // Normalise . and .. segments.
        var parts: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." || (segment.isEmpty && index > 0 && index < segments.count - 1) { continue }
            if segment == ".." {
                if parts.count > 1 { parts.removeLast() }
                continue
            }
            parts.append(segment)
        }
        path = parts.joined(separator: "/")
        if path.hasSuffix("/..") || path.hasSuffix("/.") || segments.last == ".." || segments.last == "." { path += "/" }
        if path.containsBytes("%") { path = path.removingPercentEncoding ?? path }
        // The base path as the decoded path reads it (`/m%C3%A9d/` is `/méd/`).
        let base = basePath.containsBytes("%") ? basePath.removingPercentEncoding ?? basePath : basePath
        guard path.hasPrefix(base) else { return (path, fragment, true) }  // on the host, outside the site
        var file = String(path.dropFirst(base.count))
        if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
        return (file, fragment, false)
    }

    /// The place in a Markdown source where a link destination is written: between `(`, `<`, `: ` or a quote and the
    /// end of the destination (`)`, `>`, a quote, a space or a line's end) if it is written so (a link, an autolink, a
    /// reference definition, raw HTML), else anywhere.
    /// - Parameter occurrence: which of the link's places on the page (1 for the first); the first when the text has fewer.
    static func locate(_ link: String, in index: WrittenLinks, occurrence: Int = 1) -> SourceLocation? {
        var forms = [link]
        if let decoded = link.removingPercentEncoding, decoded != link { forms.append(decoded) }
        if HTMLEscaping.escape(link) != link { forms.append(HTMLEscaping.escape(link)) }
        // A link to a page written as its Markdown file (`other.md#refs` became `../other/#refs`).
        let path = link.prefix { $0 != "#" && $0 != "?" }
        if path.hasSuffix("/"), let name = path.dropLast().split(separator: "/").last, name != "..", name != "." {
            let file = (String(name).removingPercentEncoding ?? String(name)) + ".md"
            forms += ["/" + file + link.dropFirst(path.count), "/" + file, file + link.dropFirst(path.count), file]
        }
        // The page itself (`./#background`), written as the article's own file (`self.md#background`).
        if path == "./", let own = index.source.path.split(separator: "/").last {
            forms += [String(own) + link.dropFirst(path.count), "./" + own + link.dropFirst(path.count)]
        }
        // A folder written relative to the Markdown file (`sub/`, `./`, `..`), whose page is a folder below the file's.
        if link.hasPrefix("../") {
            let rest = String(link.dropFirst(3))
            forms += [rest, "./" + rest] + (rest.isEmpty ? ["."] : []) + (rest == "../" ? [".."] : [])
        }
        for form in forms where !form.isEmpty {
            if let places = index.destinations[ExactText(form)] { return index.location(ofByte: places[min(occurrence, places.count) - 1]) }
        }
        for form in forms where !form.isEmpty {
            if let start = index.source.text.byteOffsets(of: form, first: true).first { return index.location(ofByte: start) }
        }
        return nil
    }

    /// An article's link destinations, found in one pass: what follows `(`, `<`, `: ` or a quote, up to `)`, `>`, a
    /// quote, a space or a line's end (a link, an autolink, a reference definition, an HTML attribute). Made once for
    /// an article with broken links, whose each link is then a look-up (a search of the text for each was quadratic:
    /// 87 s for an article of 8,000 broken links).
    struct WrittenLinks {
        let source: SourceText
        let lines: YAMLReader.Lines
        /// Each destination's byte offsets, in order; by its bytes, as a link in one form of its letters (`#prévention`)
        /// is not the link in the other (`e` and U+0301).
        let destinations: [ExactText: [Int]]
        /// The places of the links a page has in place of what its Markdown wrote (`../other/#part` for `./other.md#part`),
        /// by the page's link: each destination that makes it (the link as the page has it too), with its byte offset, in
        /// order. (Not a link of HTML, after a quote, which the build does not rewrite.)
        let relinked: [ExactText: [(destination: String, offset: Int)]]

        /// - Parameter relink: what the build writes for a link of the Markdown, when it writes it otherwise.
        init(_ source: SourceText, relink: ((String) -> String?)? = nil) {
            self.source = source
            lines = YAMLReader.Lines(source.text)
            let bytes = lines.bytes
            var destinations: [ExactText: [Int]] = [:], markdownDestinations: [ExactText: [Int]] = [:]
            let opens: Set<UInt8> = [0x28, 0x3C, 0x22, 0x27]  // ( < " '
            let ends: Set<UInt8> = [0x29, 0x3E, 0x22, 0x27, 0x20, 0x09, 0x0A]  // ) > " ' space tab line end
            for (index, byte) in bytes.enumerated() {
                let start: Int
                if opens.contains(byte) {
                    start = index + 1
                } else if byte == UInt8(ascii: ":"), index + 1 < bytes.count, bytes[index + 1] == 0x20 {
                    start = index + 2
                } else {
                    continue
                }
                // (Up to a length no address reaches: a run of `(` is not read to its end from each of them.)
                var end = start
                while end < bytes.count, end - start < 4096, !ends.contains(bytes[end]) { end += 1 }
                guard end > start, end - start < 4096 else { continue }
                let destination = ExactText(String(decoding: bytes[start..<end], as: UTF8.self))
                destinations[destination, default: []].append(start)
                if byte != 0x22, byte != 0x27 { markdownDestinations[destination, default: []].append(start) }
            }
            var relinked: [ExactText: [(destination: String, offset: Int)]] = [:]
            var rewritten: [ExactText: Set<Int>] = [:]
            for (destination, offsets) in markdownDestinations {
                guard let onPage = relink?(destination.text).map({ ExactText($0) }), onPage != destination else { continue }
                relinked[onPage, default: []] += offsets.map { (destination.text, $0) }
                rewritten[destination] = Set(offsets)
            }
            for (onPage, places) in relinked {
                relinked[onPage] = (places + (destinations[onPage] ?? []).map { (onPage.text, $0) }).sorted { $0.offset < $1.offset }
            }
            self.relinked = relinked
            // A link the page has as written is none the build wrote otherwise (`ldl-chart.png` of `<img src=…>`, not of
            // `![…](ldl-chart.png)` beside it, which the page has as `../ldl-chart.png`).
            for (destination, offsets) in rewritten {
                destinations[destination]?.removeAll { offsets.contains($0) }
                if destinations[destination]?.isEmpty == true { destinations[destination] = nil }
            }
            self.destinations = destinations
        }

        /// The location of the UTF-8 byte at `offset`, its column in bytes, as an article's are until
        /// ``CharacterColumns`` shows them.
        func location(ofByte offset: Int) -> SourceLocation {
            let (line, column) = lines.position(of: offset)
            return source.location(line: line, column: column)
        }
    }

    /// A link that is not in an article's Markdown comes from a template: the site's own template that
    /// writes it, or the page's template when no site template holds the text.
    static func locateInTemplates(_ link: String, basePath: String, site: BuiltSite, page: String) -> SourceLocation {
        var candidates = [link]
        if link.hasPrefix(basePath) {
            let rest = String(link.dropFirst(basePath.count))
            candidates += ["{{root}}" + rest, "{{{root}}}" + rest, "{{& root}}" + rest]
            if !rest.isEmpty { candidates.append(rest) }
        }
        if let hash = link.firstIndex(of: "#"), link.index(after: hash) < link.endIndex {
            candidates.append(String(link[hash...]))
        }
        for name in site.templates.keys.sorted() {
            guard let source = site.templates[name] else { continue }
            for candidate in candidates {
                // As an attribute's value, after its quote or `=`: `#questions` is no `{{#questions}}` section.
                for form in [candidate, HTMLEscaping.escape(candidate)] {
                    if let quoted = ["\"", "'", "="].compactMap({ source.text.byteOffsets(of: $0 + form, first: true).first }).min() {
                        let start = quoted + 1
                        // In characters, as the template engine counts its columns.
                        let lines = YAMLReader.Lines(source.text)
                        let (line, column) = lines.position(of: start)
                        return source.location(line: line, column: String(decoding: lines.bytes[(start - column + 1)..<start], as: UTF8.self).count + 1)
                    }
                }
            }
        }
        let layout = site.articles.first { $0.article.outputPath == page }?.article.frontMatter.layout
        let name =
            layout
            ?? (page == "index.html" || page.hasPrefix("page/")
                ? "home"
                : page == "404.html"
                    ? "404" : page == "topics/index.html" || page.hasPrefix("topics/page/") ? "topics" : page.hasPrefix("search/") ? "search" : page.hasPrefix("topics/") ? "topic" : "base")
        return SourceLocation(path: site.templates[name]?.path ?? "<built-in>/\(name).mustache", line: 1, column: 1)
    }

    // MARK: - References and review dates

    /// Entries of the site-wide bibliography files that no article cites (a draft neither), nor any cited entry takes
    /// fields from (a book that a cited chapter names in `crossref`).
    func unusedReferences(_ site: BuiltSite) -> [Diagnostic] {
        var cited = Set<String>()
        var parents = Array(site.draftKeys)
        for article in site.articles {
            for reference in article.references where cited.insert(reference.reference.id).inserted {
                parents += reference.reference.inheritsFrom
            }
        }
        let byKey = Dictionary(site.siteReferences.map { ($0.id, $0) }) { first, _ in first }
        while let parent = parents.popLast() {
            if cited.insert(parent).inserted { parents += byKey[parent]?.inheritsFrom ?? [] }
        }
        return site.siteReferences.filter { !cited.contains($0.id) }.map {
            .warning(at: $0.location, "reference '\($0.id)' is never cited")
        }
    }

    /// An answer without `confidence`: the badge that rates its evidence is missing from its page, the lists and search.
    static let unratedMessage = "no 'confidence', so the page shows readers no rating of the evidence behind this answer; add one:"
        + " confidence: high, moderate or low (see \"Confidence levels\" in the README)"

    static let undatedMessage = "no 'reviewed' date, so readers cannot tell how current this answer is (and the feeds leave it out)"

    /// Articles reviewed longer ago than the allowed age, and answers that show no review date at all (the home
    /// page's introduction is no answer).
    func reviewAge(_ site: BuiltSite) -> [Diagnostic] {
        let oldest = today.adding(months: -maximumReviewAgeMonths)
        var diagnostics: [Diagnostic] = []
        for rendered in site.articles {
            let matter = rendered.article.frontMatter
            guard let reviewed = matter.reviewed else {
                if rendered.article.urlPath != "" {
                    diagnostics.append(
                        .warning(
                            at: matter.titleLocation ?? .file(rendered.article.source.path),
                            "\(Self.undatedMessage); add the date it was last checked against its sources: reviewed: \(today.iso)"))
                }
                continue
            }
            guard reviewed < oldest else { continue }
            diagnostics.append(
                .warning(
                    at: matter.reviewedLocation ?? rendered.article.body.start,
                    "last reviewed \(reviewed.iso), more than \(maximumReviewAgeMonths) month\(maximumReviewAgeMonths == 1 ? "" : "s") before \(today.iso): due for review"))
        }
        return diagnostics
    }
}

extension ReviewDate {
    /// Today's date in UTC, or the date some days from today.
    /// Worked out from the days since 1970 (the Gregorian calendar's civil date of a day number), without a
    /// `Calendar`: every article's front matter asks for it.
    public static func today(addingDays days: Int = 0) -> ReviewDate {
        let day = Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)) + days + 719_468
        let era = (day >= 0 ? day : day - 146_096) / 146_097
        let dayOfEra = day - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return ReviewDate(year: year, month: month, day: dayOfMonth) ?? ReviewDate("1970-01-01")!
    }

    /// The day after this one (`2026-12-31` → `2027-01-01`).
    public var nextDay: ReviewDate {
        var next = self
        if day < Self.daysIn(month: month, year: year) {
            next.day += 1
        } else {
            next = adding(months: 1)
            next.day = 1
        }
        return next
    }

    /// The same day some months later (or earlier), clamped to the end of a shorter month.
    public func adding(months: Int) -> ReviewDate {
        let total = year * 12 + (month - 1) + months
        var result = self
        result.year = total / 12
        result.month = total % 12 + 1
        result.day = min(day, Self.daysIn(month: result.month, year: result.year))
        return result
    }
}
