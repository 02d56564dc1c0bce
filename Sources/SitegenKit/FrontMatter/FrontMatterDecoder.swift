/// Validates a front-matter tree against the contract's keys and types.
public struct FrontMatterDecoder: Sendable {
    /// The last day a `reviewed` date may be: tomorrow in UTC, so that a date written today anywhere on Earth is not
    /// in the future.
    var latestReview: ReviewDate

    public init(latestReview: ReviewDate = .today(addingDays: 1)) {
        self.latestReview = latestReview
    }

    /// Every key an article's front matter may have.
    static let keys = [
        "title", "summary", "topic", "confidence", "reviewed", "tags", "questions", "draft", "bibliography", "references",
        "citation-style", "layout", "extra", "cites-retracted", "aliases",
    ]

    /// Keys of Hugo's, Jekyll's and pandoc's front matter that have another name here, or none, with what to write.
    static let otherToolsKeys: [String: (tool: String, advice: String)] = {
        let generators = "Hugo's or Jekyll's"
        let reviewed = "rename it to 'reviewed', the date the article's evidence was last reviewed (YYYY-MM-DD)"
        let summary = "rename it to 'summary', the short answer shown under the title (and the page's description)"
        let address = "a page's address is its file's path (Content/heart/statins.md is /heart/statins/): rename the file, and remove the line"
        return [
            "date": (generators, reviewed), "lastmod": (generators, reviewed), "last_modified_at": (generators, reviewed),
            "updated": ("Zola's", reviewed), "date-modified": ("Quarto's", reviewed),
            "description": (generators, summary), "excerpt": (generators, summary), "abstract": ("pandoc's", summary),
            "categories": (generators, "rename it to 'topic', the one topic that groups the article with others (a string, not a list)"),
            "category": (generators, "rename it to 'topic', the one topic that groups the article with others"),
            "keywords": (generators, "rename it to 'tags', a list of strings"),
            "csl": ("pandoc's", "rename it to 'citation-style', a style's name or the path of a .csl file (which sitegen.yml's article-citation-styles must list)"),
            "link-citations": ("pandoc's", "citations always link to their references here: remove it"),
            "nocite": ("pandoc's", "an article lists only the references it cites: cite each where its claim is made"),
            "lang": ("pandoc's", "every page is in the site's language, 'language' in sitegen.yml: remove it"),
            "reference-section-title": ("pandoc's", "the reference list's heading is the article template's (References): remove it"),
            "suppress-bibliography": ("pandoc's", "an article always lists the references it cites: remove it"),
            "link-bibliography": ("pandoc's", "an entry links its DOI, PubMed record or address here: remove it"),
            "citation-abbreviations": ("pandoc's", "a journal's short title is its entry's container-title-short (journalAbbreviation): remove it"),
            // A page's address is its file's path here; a setting for one would be kept and do nothing.
            "slug": (generators, address), "url": (generators, address), "permalink": (generators, address),
            "redirect_from": ("Jekyll's", "rename it to 'aliases', the page's old addresses (aliases: [/heart/statins/]), at each of which sitegen writes a page that sends readers on"),
            "toc": ("Hugo's, Quarto's or pandoc's", "a page's headings are its outline here, with no table of contents: remove it"),
        ]
    }()

    /// What to write for another tool's key that says whether an article is published (Jekyll's `published: false`,
    /// Hugo's `publishDate`, `expiryDate`, `headless` and `build`, `private`, `unlisted`, `status: draft`), after the key's
    /// name: sitegen publishes every article that is not `draft: true`, at once. Nil for any other key.
    func unpublishingAdvice(_ key: String, _ node: DataNode) -> String? {
        let hidden = ", which keeps the article from being published; here it would be published: write draft: true instead"
        let shown = "; an article is published unless it is marked draft: true: remove it"
        let flag: Bool? = if case .bool(let value, _) = node.value { value } else { nil }
        switch key {
        case "published", "publish":
            return flag.map { (key == "published" ? " (Jekyll's)" : "") + ($0 ? shown : hidden) }
        case "private", "headless", "unlisted", "hidden":
            return flag.map { $0 ? (key == "headless" ? " (Hugo's)" : "") + hidden : shown }
        case "status":
            guard let text = node.text?.lowercased() else { return nil }
            return ["draft", "private", "unpublished", "hidden"].contains(text) ? hidden : ["published", "publish", "public"].contains(text) ? shown : nil
        case "build", "_build":
            // Hugo's `build: {render: never, list: never}`.
            guard let entries = node.entries else { return nil }
            let never = entries.contains { ["render", "list"].contains($0.key) && ($0.value.text == "never" || $0.value.text == "false") }
            return " (Hugo's)" + (never ? hidden : shown)
        case "publishDate", "publishdate", "publish_date", "pubDate":
            guard let date = node.text.flatMap({ ReviewDate(String($0.prefix(10))) }) else { return nil }
            return date >= latestReview
                ? " (Hugo's), which keeps the article unpublished until \(date.iso); here it would be published at once: write draft: true"
                    + " instead until then (and remove both on that day)"
                : " (Hugo's); an article is published at once unless it is marked draft: true: remove it"
        case "expiryDate", "expirydate", "expiry_date", "unpublishdate":
            guard let date = node.text.flatMap({ ReviewDate(String($0.prefix(10))) }) else { return nil }
            return date >= latestReview
                ? " (Hugo's); sitegen does not unpublish an article on a date: remove it, and write draft: true on \(date.iso)"
                : " (Hugo's), which keeps the article from being published since \(date.iso); here it would be published: write"
                    + " draft: true instead"
        default:
            return nil
        }
    }

    /// Keys of no tool's that say a key's meaning in other words (`last_reviewed`, a date as `reviewed` is), or that are a
    /// letter or two from a key and mean something else (`reviewer`, a person, beside `reviewed`, a date), with what to
    /// write: the nearest key suggested would be wrong for them, or none is near.
    static let otherNames: [String: String] = {
        let reviewed = "rename it to 'reviewed', the date the article's evidence was last reviewed (YYYY-MM-DD)"
        let reviewer = "'reviewed' is the date the article's evidence was last reviewed, not who reviewed it; a reviewer's name for"
            + " templates goes under 'extra:' (extra: {reviewer: Dr Ann Lee})"
        let dates = ["last_reviewed", "last-reviewed", "lastReviewed", "last_review", "review_date", "review-date", "reviewDate",
            "reviewed_on", "reviewed-on", "last_updated", "last-updated", "lastUpdated", "modified", "date_modified"]
        let people = ["reviewer", "reviewers", "reviewed_by", "reviewed-by", "reviewedBy"]
        return Dictionary(uniqueKeysWithValues: dates.map { ($0, reviewed) } + people.map { ($0, reviewer) })
    }()

    /// The key of sitegen's that each of ``otherToolsKeys`` and ``otherNames`` is told to be renamed to (its advice,
    /// "rename it to 'reviewed', …").
    static let renamedKeys: [String: String] = otherToolsKeys.mapValues { $0.advice }.merging(otherNames) { first, _ in first }.compactMapValues { advice in
        let lead = "rename it to '"
        guard advice.hasPrefix(lead) else { return nil }
        return String(advice.dropFirst(lead.count).prefix { $0 != "'" })
    }

    /// The first bracketed citation in a line of plain text (`[@ctt2012]`), as written; nil when there is none.
    static func citation(in text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "@")), text.utf8.contains(UInt8(ascii: "[")) else { return nil }
        let bytes = Array(text.utf8)
        guard let match = CitationScanner().scan(bytes, isLiteral: Array(repeating: true, count: bytes.count)).first(where: { !$0.isInText })
        else { return nil }
        return String(decoding: bytes[match.range], as: UTF8.self)
    }

    /// - Parameter root: the YAML header (a file without one is ``FrontMatterSplitter/missingHeader(in:)``'s to explain).
    /// - Returns: the front matter and every problem found; the front matter is nil when it is unusable.
    public func decode(_ root: DataNode) -> (FrontMatter?, [Diagnostic]) {
        guard let entries = root.entries else {
            if root.isNull { return (nil, [.error(at: root.location, "the front matter is empty; an article needs at least its title: title: \"…\"")]) }
            return (nil, [.error(at: root.location, "front matter must be a mapping of keys to values, not \(root.kindName)")])
        }
        var diagnostics: [Diagnostic] = []
        /// The key of another tool's told to become each of sitegen's (`reviewed`: `date`), with its place.
        var renamedTo: [String: (key: String, location: SourceLocation)] = [:]
        var matter = FrontMatter(title: "")
        var title: String?
        // Whether a 'title' was given but is not usable (reported where it is, not as missing).
        var titleGiven = false

        func string(_ node: DataNode, _ key: String) -> String? {
            switch node.value {
            case .scalar, .number, .bool: return node.text
            case .null:
                // `reviewed:` left to be filled in, or `~`: no value, which is no string to demand.
                let value = key == "reviewed" ? "the date the answer was last reviewed (YYYY-MM-DD) after the colon"
                    : "its value after the colon (in quotes if it starts with '#', which YAML reads as a comment)"
                diagnostics.append(.error(at: node.location, "'\(key)' has no value; write \(value), or remove the line"))
                return nil
            default:
                var message = "'\(key)' must be a string, not \(node.kindName)"
                // `- Is it safe: really?` is a mapping of one key to YAML: the text was meant, in quotes.
                if let entries = node.entries, entries.count == 1, let value = entries[0].value.text, case .scalar = entries[0].value.value {
                    message += "; a colon and a space made it one: put it in quotes: \(YAMLReader.quoted(entries[0].key + ": " + value))"
                }
                diagnostics.append(.error(at: node.location, message))
                return nil
            }
        }
        func strings(_ node: DataNode, _ key: String) -> [String] { locatedStrings(node, key).map(\.text) }
        /// The strings of a list, each with where it is written.
        func locatedStrings(_ node: DataNode, _ key: String) -> [(text: String, location: SourceLocation)] {
            guard let items = node.items else {
                if node.isNull { return [] }
                var message = "'\(key)' must be a list of strings, not \(node.kindName)"
                if case .scalar = node.value, let text = node.text {
                    // The fix, spelled out: the items in brackets (each quoted when YAML would read it otherwise); tags
                    // written `a, b` were meant as two, a question with a comma as one.
                    let items = key == "tags" ? text.split(separator: ",").map(\.trimmingWhitespace).filter { !$0.isEmpty } : [text]
                    let written = items.map { $0.contains(where: { ",:[]{}#&*!|>'\"%@`".contains($0) }) ? YAMLReader.quoted($0) : $0 }
                    message += "; write it as a list: \(key): [\(written.joined(separator: ", "))]"
                }
                diagnostics.append(.error(at: node.location, message))
                return []
            }
            // An empty item or a list in the list is said of the item (`tags: [heart, null]`), not of the whole list.
            return items.compactMap { item in
                guard item.isNull || item.items != nil else { return string(item, key).map { ($0, item.location) } }
                diagnostics.append(.error(at: item.location, "each item of '\(key)' must be a string, not \(item.kindName)"
                    + (item.isNull ? "; remove the empty item, or put it in quotes if it is the word" : "")))
                return nil
            }
        }
        /// A title, summary or question with Markdown in it, which pages print as written (asterisks and all).
        func plainTextWarning(_ text: String, _ what: String, at location: SourceLocation) {
            if let citation = Self.citation(in: text) {
                // `summary: Statins cut risk by a fifth [@ctt2012].`: the page would show the brackets and the key.
                diagnostics.append(
                    .warning(at: location, "the \(what) cites a source, '\(citation)', which is printed as written: a title, summary or question is"
                        + " plain text; cite the source in the body, where its claim is made"))
                return
            }
            guard let markup = MarkdownOutline.inlineMarkup(in: text) else { return }
            diagnostics.append(
                .warning(at: location, "the \(what) holds Markdown, \(markup), which is printed as written: a title, summary or question is plain text; write it without the marks"))
        }

        for (key, keyLocation, node) in entries {
            switch key {
            case "title":
                titleGiven = true
                if node.isNull {
                    diagnostics.append(.error(at: keyLocation, "'title' must not be empty"))
                } else if let text = string(node, key), !text.trimmingWhitespace.isEmpty {
                    // Without the line end a folded or literal block (`title: >`) keeps, as pandoc reads it.
                    title = text.trimmingWhitespace
                    matter.titleLocation = node.location
                    plainTextWarning(text, "title", at: node.location)
                } else if node.text?.trimmingWhitespace.isEmpty == true {
                    diagnostics.append(.error(at: node.location, "'title' must not be empty"))
                }
            case "summary":
                // `summary: ""`, as `sitegen new` writes it to be filled in, is none (not an empty paragraph).
                matter.summary = string(node, key).flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0.trimmingWhitespace }
                matter.summaryLocation = node.location
                if let summary = matter.summary { plainTextWarning(summary, "summary", at: node.location) }
            case "topic":
                guard let topic = string(node, key) else { break }
                if topic.trimmingWhitespace.isEmpty {
                    // An empty topic would be a topic page without a name.
                    diagnostics.append(.error(at: node.location, "'topic' is empty; name the article's topic, or remove the line"))
                } else if !topic.contains(where: { $0.isLetter || $0.isNumber }) {
                    // Its page's address is made of its letters and digits: every such topic would share one page.
                    diagnostics.append(
                        .error(at: node.location, "the topic '\(topic)' has no letter or digit to name its page by; name it in words (topic: Medicines)"))
                } else if slugify(topic).utf8.count > 200 {
                    // Its page's folder (`topics/<name>/`) would be a name longer than a file system takes (255 bytes).
                    diagnostics.append(
                        .error(at: node.location,
                            "the topic is \(topic.count) characters long, too long to name its page's folder by (topics/…/, at most 255 bytes);"
                                + " name the topic in a few words, and say the rest in the title or summary"))
                } else {
                    matter.topic = topic
                    matter.topicLocation = node.location
                }
            case "layout":
                // `layout:` with nothing after it is null: empty, as `layout: ""` is (it was said twice, as not a string).
                let layout = node.isNull ? "" : string(node, key)
                if let layout, layout.trimmingWhitespace.isEmpty {
                    diagnostics.append(.error(at: node.location, "'layout' is empty; remove the line for the article template ('article'), or name a template"))
                } else if let layout {
                    matter.layout = layout
                    matter.layoutLocation = node.location
                }
            case "confidence":
                guard let text = string(node, key) else { break }
                if let level = FrontMatter.Confidence(rawValue: text) {
                    matter.confidence = level
                } else {
                    var message = "'confidence' must be high, moderate or low, not '\(text)'"
                    if text.lowercased() == "very low" {
                        message += "; GRADE's very low is written low here, the lowest of the three"
                    } else if let near = ["medium": "moderate"][text.lowercased()]
                        ?? Suggestion.nearest(to: text, among: FrontMatter.Confidence.allCases.map(\.rawValue))
                    {
                        message += "; did you mean '\(near)'?"
                    }
                    diagnostics.append(.error(at: node.location, message))
                }
            case "reviewed":
                guard let text = string(node, key) else { break }
                if let date = ReviewDate(text), date.year < 1000 {
                    // `0026-04-20`: no answer was reviewed then, and feeds, sitemaps and pages printed "26-04-20".
                    let meant = date.year < 100 ? ", such as \(2000 + date.year)-\(text.split(separator: "-").dropFirst().joined(separator: "-"))" : ""
                    diagnostics.append(
                        .error(at: node.location, "'reviewed' is a date in the year \(date.year) ('\(text)'); write the year the answer was reviewed in full\(meant)"))
                } else if let date = ReviewDate(text) {
                    matter.reviewed = date
                    matter.reviewedLocation = node.location
                    // A year mistyped (2062 for 2026) would show readers a review that has not happened.
                    if date > latestReview {
                        diagnostics.append(.warning(at: node.location, "'reviewed' is a date in the future (\(date.iso)); write the date the answer was last reviewed"))
                    }
                } else {
                    var message = "'reviewed' must be a real date written YYYY-MM-DD, not '\(text)'"
                    let meant = ReviewDate.meant(by: text).map(\.iso)
                    if !meant.isEmpty { message += "; did you mean \(meant.joined(separator: " or "))?" }
                    diagnostics.append(.error(at: node.location, message))
                }
            case "draft":
                if case .bool(let flag, _) = node.value {
                    matter.isDraft = flag
                } else {
                    diagnostics.append(.error(at: node.location, "'draft' must be true or false, not \(node.kindName)" + SiteSettingsLoader.flagHint(node, "draft")))
                }
            case "tags": matter.tags = strings(node, key)
            case "cites-retracted": matter.citesRetracted = locatedStrings(node, key).map { (key: $0.text, location: $0.location) }
            case "questions":
                matter.questions = strings(node, key)
                for item in node.items ?? [] {
                    guard let question = item.text else { continue }
                    if question.trimmingWhitespace.isEmpty {
                        diagnostics.append(.warning(at: item.location, "an empty question is left out (it would be an empty item of the list); write the question, or remove it"))
                    } else {
                        plainTextWarning(question, "question", at: item.location)
                    }
                }
                matter.questions.removeAll { $0.trimmingWhitespace.isEmpty }
            case "aliases":
                for item in node.items ?? (node.isNull ? [] : [node]) {
                    guard let text = string(item, key) else { continue }
                    switch SitePath.aliasPath(text, publicFolder: SiteLayout.public) {
                    case .success(let path): matter.aliases.append((path, item.location))
                    case .failure(let problem): matter.rejectedAliases.append(.init(message: problem.message, file: problem.file, location: item.location))
                    }
                }
            case "bibliography":
                if node.items != nil {
                    matter.bibliography = node.items.map { $0.compactMap { item in string(item, key).map { ($0, item.location) } } } ?? []
                } else if let path = string(node, key) {
                    matter.bibliography = [(path, node.location)]
                }
            case "references":
                if let items = node.items {
                    matter.references = items
                } else if !node.isNull {
                    diagnostics.append(.error(at: node.location, "'references' must be a list of CSL items, not \(node.kindName)"))
                }
            case "citation-style":
                if let name = string(node, key)?.trimmingWhitespace {
                    if name.isEmpty {
                        diagnostics.append(.error(at: node.location, "'citation-style' must name a style (remove it for the site's)"))
                    } else {
                        matter.citationStyle = (name, node.location)
                    }
                }
            case "extra":
                if let values = node.entries {
                    for (name, _, value) in values { matter.extra[name] = value }
                } else if !node.isNull {
                    diagnostics.append(.error(at: node.location, "'extra' must be a mapping of names to values for templates, not \(node.kindName)"))
                }
            default:
                // A key that keeps the article from being published elsewhere would, under 'extra:', publish it here.
                var message = unpublishingAdvice(key, node).map { "unknown front matter key '\(key)'\($0)" }
                    ?? Suggestion.unknownKey(key, kind: "front matter key", known: Self.keys.sorted(), otherTools: Self.otherToolsKeys, otherNames: Self.otherNames)
                // Two keys told to become one (`date` and `lastmod`), or one told to become a key the article has: followed
                // as said, the front matter would have that key twice.
                if let target = Self.renamedKeys[key] {
                    let tool = Self.otherToolsKeys[key].map { " (\($0.tool))" } ?? ""
                    if let (_, location, _) = entries.first(where: { $0.key == target }) {
                        message = "unknown front matter key '\(key)'\(tool); the article has '\(target)' already (line \(location.line)),"
                            + " which is what it would become: remove it"
                    } else if let (first, location) = renamedTo[target] {
                        message = "unknown front matter key '\(key)'\(tool); '\(first)' (line \(location.line)) becomes '\(target)' already:"
                            + " keep one of the two as '\(target)', and remove the other"
                    } else {
                        renamedTo[target] = (key, keyLocation)
                    }
                }
                diagnostics.append(.error(at: keyLocation, message))
            }
        }
        guard let title else {
            if !titleGiven {
                diagnostics.append(.error(at: root.location, "missing required key 'title'"))
            }
            return (nil, diagnostics)
        }
        matter.title = title
        return (diagnostics.hasErrors ? nil : matter, diagnostics)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isBlankSpace }), let last = lastIndex(where: { !$0.isBlankSpace }) else { return "" }
        return String(self[first...last])
    }

    /// Whether the text is only spaces, tabs and newlines (`trimmingWhitespace` is empty), found without a copy.
    var isBlank: Bool { allSatisfy(\.isBlankSpace) }
}

extension Character {
    fileprivate var isBlankSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
}
