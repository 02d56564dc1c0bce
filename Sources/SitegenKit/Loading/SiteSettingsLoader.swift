import CSL
import Foundation

/// A site's ``SiteSettings/basePath`` and absolute base, worked out once for the many links of a build.
struct SiteAddresses: Sendable {
    let basePath: String
    private let absoluteBase: String

    init(_ settings: SiteSettings) {
        basePath = settings.basePath
        absoluteBase = settings.absoluteURL("")
    }

    /// As ``SiteSettings/absoluteURL(_:)``, the path percent-encoded (``SitePath/percentEncoded(_:)``).
    func absoluteURL(_ path: String) -> String { absoluteBase + SitePath.percentEncoded(path) }

    /// A site path as a link from any page writes it: under the base path, percent-encoded.
    func url(_ path: String) -> String { basePath + SitePath.percentEncoded(path) }
}

/// Reads and validates `sitegen.yml`.
public struct SiteSettingsLoader: Sendable {
    public init() {}

    /// - Parameter source: the file's text, or nil when the site has no `sitegen.yml`.
    public func load(_ source: SourceText?) -> (SiteSettings, [Diagnostic]) {
        var settings = SiteSettings()
        guard let source else { return (settings, []) }
        let root: DataNode?
        do {
            root = try YAMLReader().read(source)
        } catch {
            return (settings, [error])
        }
        // A file of a document marker alone (`---`) is as empty as an empty file.
        guard let root, !root.isNull else { return (settings, []) }
        guard let entries = root.entries else {
            return (settings, [.error(at: root.location, "sitegen.yml must be a mapping of settings, not \(root.kindName)")])
        }
        var diagnostics = YAMLReadings.warnings(in: source)
        func text(_ node: DataNode, _ key: String) -> String? {
            if case .scalar(let value, _) = node.value { return value }
            diagnostics.append(.error(at: node.location, "'\(key)' must be a string, not \(node.kindName)"))
            return nil
        }
        /// The options of a mapping setting (`check: {uncited: error}`) with known names; a value that is not a
        /// mapping, and an unknown name (with the nearest known one), are errors.
        func options(_ node: DataNode, _ key: String, example: String, known: [String]) -> [(name: String, value: DataNode)] {
            guard let entries = node.entries else {
                diagnostics.append(.error(at: node.location, "'\(key)' must be a mapping such as \(example)"))
                return []
            }
            var found: [(name: String, value: DataNode)] = []
            for (option, optionLocation, value) in entries {
                if known.contains(option) {
                    found.append((option, value))
                } else {
                    // The review age is the command's (`sitegen check --review-age 6`), not the site's.
                    let command: [String: (tool: String, advice: String)] = key != "check" ? [:] : [
                        "review-age": ("the command's", "pass it to the command: sitegen check --review-age \(value.text ?? "12")")
                    ]
                    diagnostics.append(
                        .error(at: optionLocation,
                            Suggestion.unknownKey(option, kind: "\(key) option", known: known, otherTools: command, holdsOwnValues: false)))
                }
            }
            return found
        }
        for (key, keyLocation, node) in entries {
            settings.values[key] = node
            switch key {
            case "extra":
                if node.entries == nil, !node.isNull {
                    diagnostics.append(.error(at: node.location, "'extra' must be a mapping of names to values for templates, not \(node.kindName)"))
                }
            case "citation-style":
                // Which style it names, and whether that can be read, is for the build (it may be a file of the site).
                if let value = text(node, key) { settings.citationStyle = value.trimmingWhitespace }
            case "article-citation-styles":
                // A name or a list of names; each is read by the build, as `citation-style` is.
                if let items = node.items {
                    settings.articleCitationStyles = items.compactMap { item in text(item, key).map { ($0.trimmingWhitespace, item.location) } }
                } else if case .scalar(let value, _) = node.value {
                    settings.articleCitationStyles = [(value.trimmingWhitespace, node.location)]
                } else if !node.isNull {
                    diagnostics.append(.error(at: node.location, "'\(key)' must be a list of citation styles such as [apa, the-lancet], not \(node.kindName)"))
                }
            case "nav":
                settings.nav = Self.navigation(node, diagnostics: &diagnostics)
            case "title":
                guard let value = text(node, key) else { break }
                // Every page's title ends with it, and the feed's is it: an empty one is invalid HTML (`<title></title>`).
                if value.trimmingWhitespace.isEmpty {
                    diagnostics.append(.error(at: node.location, "'title' must not be empty: it is the site's name in every page's title, the header and the feed"))
                } else {
                    settings.title = value.trimmingWhitespace
                }
            case "description": if let value = text(node, key) { settings.description = value.trimmingWhitespace }
            case "language":
                guard let value = text(node, key) else { break }
                if let problem = Self.languageTagProblem(value) {
                    diagnostics.append(.error(at: node.location, problem))
                } else {
                    settings.language = value
                }
            case "baseURL":
                guard let value = text(node, key) else { break }
                switch Self.baseURL(value) {
                case .success(let url): (settings.baseURL, settings.baseURLLocation) = (url, node.location)
                case .failure(let problem):
                    diagnostics.append(.error(at: node.location, Self.baseURLMessage("'\(key)'", value, problem)))
                }
            case "markdown":
                guard let entries = node.entries else {
                    diagnostics.append(.error(at: node.location, "'markdown' must be a mapping such as {unsafe: true}"))
                    break
                }
                for (option, optionLocation, value) in entries {
                    if option == "unsafe", case .bool(let flag, _) = value.value {
                        settings.allowsRawHTML = flag
                    } else if option == "unsafe" {
                        diagnostics.append(.error(at: value.location, "'markdown.unsafe' must be true or false" + Self.flagHint(value, "unsafe")))
                    } else {
                        diagnostics.append(.error(at: optionLocation, "unknown markdown option '\(option)'"
                            + (Suggestion.nearest(to: option, among: ["unsafe"]).map { "; did you mean '\($0)'?" } ?? "; the only one is 'unsafe'")))
                    }
                }
            case "check":
                for (_, value) in options(node, key, example: "{uncited: error}", known: ["uncited"]) {
                    guard let level = value.text.flatMap(SiteSettings.UncitedLevel.init(rawValue:)) else {
                        var message = "'check.uncited' must be error, warning or off"
                        if let text = value.text, let near = Suggestion.nearest(to: text, among: ["error", "warning", "off"]) ?? (text.lowercased().hasPrefix("warn") ? "warning" : nil) {
                            message += "; did you mean '\(near)'?"
                        }
                        diagnostics.append(.error(at: value.location, message))
                        continue
                    }
                    settings.uncited = level
                }
            case "paginate":
                if let count = Self.count(node) {
                    // (A number past any list's length is one page; counting pages of `Int.max` would overflow.)
                    settings.paginate = min(count, Int(Int32.max))
                } else {
                    diagnostics.append(.error(at: node.location, "'paginate' must be a whole number of entries per page such as 20 (0 lists all on one page)"))
                }
            case "feed":
                for (_, value) in options(node, key, example: "{limit: 50}", known: ["limit"]) {
                    guard let count = Self.count(value) else {
                        diagnostics.append(.error(at: value.location, "'feed.limit' must be a whole number of entries such as 50 (0 puts every article in the feed)"))
                        continue
                    }
                    settings.feedLimit = count
                }
            case "search":
                if case .bool(let flag, _) = node.value {
                    settings.search = flag
                    break
                }
                // `search: off`: YAML 1.1's false, which is text in YAML 1.2.
                let hint = Self.flagHint(node, "search")
                guard hint.isEmpty else {
                    diagnostics.append(.error(at: node.location, "'search' must be a mapping such as {synonyms: […]} or false" + hint))
                    break
                }
                for (name, value) in options(node, key, example: "{synonyms: [[heart attack, myocardial infarction]]} or false", known: ["enabled", "synonyms"]) {
                    if name == "enabled" {
                        guard case .bool(let flag, _) = value.value else {
                            diagnostics.append(.error(at: value.location, "'search.enabled' must be true or false" + Self.flagHint(value, "enabled")))
                            continue
                        }
                        settings.search = flag
                    } else {
                        settings.synonyms = Self.synonyms(value, diagnostics: &diagnostics)
                    }
                }
            case "words":
                settings.words = Self.words(node, diagnostics: &diagnostics)
            case "synonyms", "enabled":
                // Search's options, written at the top: not values for templates.
                diagnostics.append(
                    .error(at: keyLocation,
                        "unknown setting '\(key)'; it is an option of search, written under it: search: {\(key == "enabled" ? "enabled: false" : "synonyms: [[heart attack, myocardial infarction]]")}"))
            default:
                let message = Self.jekyllAdvice(key, node, entries: entries)
                    ?? Suggestion.unknownKey(key, kind: "setting", known: Self.keys, otherTools: Self.otherToolsKeys)
                diagnostics.append(.error(at: keyLocation, message))
            }
        }
        return (settings, diagnostics)
    }

    /// What to write for Jekyll's settings that are said as one here with their values: `url` with `baseurl` beside it
    /// (the two make the site's address: each renamed to 'baseURL' would be a key twice), and jekyll-scholar's `scholar:`
    /// (its style is `citation-style`, its bibliography a file in Content/bibliography/). Nil for any other setting.
    static func jekyllAdvice(_ key: String, _ node: DataNode, entries: [(key: String, keyLocation: SourceLocation, value: DataNode)]) -> String? {
        switch key {
        case "url", "baseurl":
            let other = key == "url" ? "baseurl" : "url"
            guard let (_, location, value) = entries.first(where: { $0.key == other }) else { return nil }
            let url = (key == "url" ? node : value).text ?? "", path = (key == "url" ? value : node).text ?? ""
            let trimmedURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            let trimmedPath = path.split(separator: "/").joined(separator: "/")
            let address = trimmedURL + "/" + (trimmedPath.isEmpty ? "" : trimmedPath + "/")
            return "unknown setting '\(key)' (Jekyll's); with '\(other)' (line \(location.line)) it makes the site's address, which is"
                + " one setting here: replace the two with baseURL: \(address.isEmpty || url.isEmpty ? "https://example.org/path/" : address)"
        case "scholar":
            // jekyll-scholar's settings: `style: apa`, `bibliography: references.bib` (in `source: ./_bibliography`).
            let options = node.entries ?? []
            let style = options.first { $0.key == "style" }?.value.text
            let bibliography = options.first { $0.key == "bibliography" }?.value.text
            // A style sitegen has not built in is a .csl file of the site's (`modern-language-association`, as told, was an error).
            let written = style.map { CSLBuiltins.styles[$0] == nil ? "styles/\($0).csl, the style's file put there" : $0 } ?? "apa"
            return "unknown setting 'scholar' (jekyll-scholar's); its style is 'citation-style' here (citation-style: \(written)),"
                + " and every bibliography file in Content/bibliography/ is read: move \(bibliography ?? "the .bib file") there, and"
                + " remove the 'scholar' block"
        default:
            return nil
        }
    }

    /// Settings of Hugo's, Jekyll's, pandoc's and Quarto's that are another one here, or none, with what to write.
    static let otherToolsKeys: [String: (tool: String, advice: String)] = [
        "params": ("Hugo's", "rename it to 'extra', where the site's own values for templates go ({{site.extra.author}})"),
        "menu": ("Hugo's", "rename it to 'nav', the links of the page header: nav: [{title: About, url: /about/}]"),
        "menus": ("Hugo's", "rename it to 'nav', the links of the page header: nav: [{title: About, url: /about/}]"),
        "theme": ("Hugo's or Jekyll's", "there are no themes: a template in Templates/ replaces the built-in one of its name ('sitegen templates' copies them out to start from)"),
        "url": ("Jekyll's", "rename it to 'baseURL', the address the site is published at"),
        "pagination": ("Hugo's", "rename it to 'paginate', the number of articles on each list page (paginate: 20)"),
        "markup": ("Hugo's", "raw HTML in articles is allowed by markdown: {unsafe: true}"),
        "permalinks": ("Hugo's or Jekyll's", "a page's address is its file's path under Content/ (Content/a/b.md is /a/b/)"),
        // pandoc's and Quarto's metadata, which Quarto keeps for a whole project in _quarto.yml.
        "csl": ("pandoc's", "rename it to 'citation-style', a built-in style's name or the path of a .csl file"),
        "lang": ("pandoc's", "rename it to 'language', the site's language tag (en, en-GB)"),
        "bibliography": ("pandoc's", "every file in Content/bibliography/ is read for every article: move the file there, and remove the line"),
        "link-citations": ("pandoc's", "citations always link to their references here: remove it"),
        "reference-section-title": ("pandoc's", "the reference list's heading is the article template's (References): remove it"),
        "nocite": ("pandoc's", "an article lists only the references it cites: remove it"),
    ]

    /// Every key `sitegen.yml` may have.
    static let keys = [
        "title", "description", "baseURL", "language", "markdown", "nav", "citation-style", "article-citation-styles", "check", "paginate", "feed",
        "search", "words", "extra",
    ]

    /// A whole number of zero or more written as one (`20`, not `20.5`, `-1` or `"20"`).
    private static func count(_ node: DataNode) -> Int? {
        guard case .number(_, let text) = node.value, let count = Int(text), count >= 0 else { return nil }
        return count
    }

    /// The message of the warning for a site without an absolute base URL (an error for `sitegen check`).
    public static let relativeURLsWarning =
        "no absolute baseURL: the feed, the sitemap, robots.txt and each page's canonical address get relative URLs, and the"
        + " pages work only at the root of a host (not opened as files, nor in a folder such as https://user.github.io/repo/);"
        + " set baseURL in sitegen.yml to the address the site is published at, or pass --base-url"
    /// The same for a path given as `--base-url /repo/`.
    public static let relativeOptionWarning =
        "--base-url is a path, not an address: the feed, the sitemap, robots.txt and each page's canonical address get relative"
        + " URLs; pass the whole address the site is published at, such as --base-url https://user.github.io/repo/"
    /// The message of the warning for the placeholder base URL `sitegen init` writes (an error for `sitegen check`).
    public static let placeholderURLWarning =
        "baseURL is still the placeholder that 'sitegen init' wrote; set it to the address the site is published at, or pass --base-url"
    /// The same for a `--base-url` whose host ends in `.invalid`.
    public static let invalidHostWarning =
        "--base-url's host ends in '.invalid', a name reserved never to lead anywhere; pass the address the site is published at"

    /// `nav:` as a list of `{title, url}` mappings.
    static func navigation(_ node: DataNode, diagnostics: inout [Diagnostic]) -> [(title: String, url: String, location: SourceLocation)] {
        guard let items = node.items else {
            if !node.isNull { diagnostics.append(.error(at: node.location, "'nav' must be a list of links such as - {title: About, url: /about/}")) }
            return []
        }
        var links: [(title: String, url: String, location: SourceLocation)] = []
        for item in items {
            guard let entries = item.entries else {
                diagnostics.append(.error(at: item.location, "a 'nav' link must be a mapping such as {title: About, url: /about/}"))
                continue
            }
            var title: String?, url: String?, urlLocation = item.location
            for (name, location, value) in entries {
                switch name {
                case "title": title = value.text
                case "url": (url, urlLocation) = (value.text, value.location)
                default:
                    diagnostics.append(.error(at: location, "unknown key '\(name)' in a 'nav' link (a link has 'title' and 'url')"))
                }
            }
            guard let title, !title.isEmpty, let url, !url.isEmpty else {
                diagnostics.append(.error(at: item.location, "a 'nav' link needs both 'title' and 'url'"))
                continue
            }
            let scheme = url.lowercased().prefix { $0 != ":" && $0 != "/" }
            if url.contains(":"), !["http", "https", "mailto"].contains(scheme) {
                diagnostics.append(.error(at: item.location, "a 'nav' link's url must be a path or an http(s) or mailto address, not '\(url)'"))
                continue
            }
            if !url.hasPrefix("/"), !url.hasPrefix("#"), !url.hasPrefix("?"), !url.contains(":") {
                // `about/` from the page /topics/ is /topics/about/: the header's link would lead somewhere else from each page.
                var path = Substring(url)
                while path.hasPrefix("./") || path.hasPrefix("../") { path = path.drop { $0 == "." }.dropFirst() }
                diagnostics.append(
                    .warning(at: urlLocation, "a 'nav' link's url '\(url)' is relative, so it leads somewhere else from each page; write '/\(path)', a path from the site's root (sitegen puts the baseURL's path before it)"))
            }
            links.append((title, url, urlLocation))
        }
        return links
    }

    /// The error for a base URL `what` (`'baseURL'`, `--base-url`) gives as `value`.
    static func baseURLMessage(_ what: String, _ value: String, _ problem: BaseURLProblem) -> String {
        if let advice = problem.advice { return "\(what) is '\(value)': \(advice)" }
        return "\(what) must be an http(s) URL or a path starting with '/', not '\(value)'" + baseURLHint(value)
    }

    /// For a base URL that is a host without its scheme (`example.org`, `www.example.org/answers`): the address meant.
    static func baseURLHint(_ value: String) -> String {
        // `//user.github.io/repo/`: an address without its scheme.
        if value.hasPrefix("//"), value.dropFirst(2).prefix(while: { $0 != "/" }).contains("."), case .success(let meant) = baseURL("https:" + value) {
            return "; did you mean '\(meant)'?"
        }
        let host = value.prefix { $0 != "/" }
        guard host.contains("."), !value.contains(":"), !value.contains(where: \.isWhitespace), isValidBaseURL("https://" + value) else { return "" }
        return "; did you mean 'https://\(value.hasSuffix("/") ? value : value + "/")'?"
    }

    /// `words:`, the site's text for the words sitegen writes, by key (``SiteWords``). An unknown key is a warning
    /// with the nearest known one; a value that is no text, or that leaves out a placeholder the English has, is an
    /// error that says what to write.
    static func words(_ node: DataNode, diagnostics: inout [Diagnostic]) -> [String: String] {
        guard let entries = node.entries else {
            if !node.isNull {
                diagnostics.append(.error(at: node.location, "'words' must be a mapping of keys to the site's text such as {mode: Modus, references: Literatur}, not \(node.kindName)"))
            }
            return [:]
        }
        var words: [String: String] = [:]
        for (key, keyLocation, value) in entries {
            guard let english = SiteWords.englishText(key) else {
                diagnostics.append(
                    .warning(at: keyLocation, Suggestion.unknownKey(key, kind: "word", known: SiteWords.keys, holdsOwnValues: false, outcome: ", which is left out")))
                continue
            }
            let example = "\(key): \"\(english)\" in the site's language"
            guard case .scalar(let text, _) = value.value, !text.trimmingWhitespace.isEmpty else {
                // `no`, `on` or `42` are YAML's boolean and number: in quotes they are text.
                var what = value.kindName, quoted = ""
                switch value.value {
                case .scalar: what = "empty"
                case .number, .bool: quoted = " (in quotes, it is text)"
                case .null, .list, .map: break
                }
                diagnostics.append(.error(at: value.location, "'words.\(key)' must be text, not \(what)\(quoted); write \(example)"))
                continue
            }
            let missing = SiteWords.placeholders(in: english).filter { !text.contains("{\($0)}") }
            if !missing.isEmpty {
                let names = missing.map { "{\($0)}" }.joined(separator: " and ")
                diagnostics.append(
                    .error(at: value.location,
                        "'words.\(key)' leaves out \(names), which sitegen fills in (English: \"\(english)\"); write it where it goes in the sentence"))
                continue
            }
            words[key] = text
        }
        return words
    }

    /// `search.synonyms:` as a list of groups, each a list of two or more words or phrases that search has words of;
    /// a group whose phrases search reads as the same words is left out, with a warning.
    static func synonyms(_ node: DataNode, diagnostics: inout [Diagnostic]) -> [[String]] {
        let example = "[[heart attack, myocardial infarction], [high blood pressure, hypertension]]"
        guard let groups = node.items else {
            if !node.isNull { diagnostics.append(.error(at: node.location, "'search.synonyms' must be a list of groups such as \(example)")) }
            return []
        }
        // One group written without its brackets: `[heart attack, myocardial infarction]`.
        if groups.count >= 2, groups.allSatisfy({ $0.items == nil && $0.entries == nil }) {
            let group = "[" + groups.compactMap(\.text).joined(separator: ", ") + "]"
            diagnostics.append(.error(at: node.location, "'search.synonyms' is a list of groups, each in brackets of its own; write synonyms: [\(group)]"))
            return []
        }
        let words = SearchWords()
        var result: [[String]] = []
        for group in groups {
            guard let items = group.items, items.count >= 2 else {
                var message = "a synonym group must be a list of two or more words or phrases such as [heart attack, myocardial infarction]"
                // `- heart attack: myocardial infarction`, a mapping of one pair: the same words in brackets.
                if let entries = group.entries, entries.count == 1, let value = entries[0].value.text {
                    message += "; write - [\(entries[0].key), \(value)]"
                }
                diagnostics.append(.error(at: group.location, message))
                continue
            }
            var phrases: [String] = []
            for item in items {
                guard let phrase = item.text else {
                    diagnostics.append(.error(at: item.location, "a synonym must be a word or phrase, not \(item.kindName)"))
                    continue
                }
                if words.stems(of: phrase).isEmpty {
                    diagnostics.append(
                        .error(at: item.location, "'\(phrase)' has no word search indexes (single letters and words such as 'the' or 'can' are left out); write the word itself"))
                    continue
                }
                phrases.append(phrase)
            }
            guard phrases.count == items.count else { continue }
            // `[statin, statins]`: every phrase is read as the same words, which find one another without a group.
            let stems = Set(phrases.map { words.stems(of: $0) })
            if stems.count == 1, let only = stems.first {
                let read = (only.count == 1 ? "stem '" : "stems '") + only.joined(separator: " ") + "'"
                diagnostics.append(.warning(at: group.location,
                    "the synonym group [\(phrases.joined(separator: ", "))] does nothing: search reads its phrases as the same words already (\(read)); leave it out or add a phrase with other words"))
                continue
            }
            result.append(phrases)
        }
        return result
    }

    /// What is wrong with `sitegen.yml`'s `language`, which pages carry as `<html lang>` and which picks the citation
    /// style's locale: nil for a language tag (`en`, `en-GB`, `pt-BR`, `zh-Hant`).
    static func languageTagProblem(_ value: String) -> String? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let isTag = (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        // A primary language of two letters is one of ISO 639-1's; a country's code in its place (`sp`, `jp`, `dk`) is
        // no language, which the HTML checker refuses in `<html lang>`.
        let primary = parts[0].lowercased()
        if isTag, primary.count == 2, !Self.twoLetterLanguages.contains(primary) {
            let meant = Self.countryCodesTakenForLanguages[primary].map { "; did you mean '\($0)'?" } ?? ""
            return "'language' must begin with a language's code (en, es, de, fr, ja, zh …), and '\(parts[0])' is none\(meant)"
        }
        guard !isTag else { return nil }
        var problem = "'language' must be a language tag such as en, en-GB or fr (pages carry it as <html lang>), not '\(value)'"
        let names = [
            "english": "en", "french": "fr", "français": "fr", "german": "de", "deutsch": "de", "spanish": "es", "español": "es",
            "italian": "it", "italiano": "it", "portuguese": "pt", "português": "pt", "dutch": "nl", "nederlands": "nl",
            "swedish": "sv", "svenska": "sv", "norwegian": "nb", "norsk": "nb", "danish": "da", "dansk": "da", "finnish": "fi",
            "suomi": "fi", "polish": "pl", "polski": "pl", "chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar",
            "russian": "ru", "turkish": "tr", "greek": "el", "hebrew": "he", "czech": "cs", "hungarian": "hu",
        ]
        if let tag = names[value.trimmingWhitespace.lowercased()] {
            problem += "; did you mean '\(tag)'?"
        } else if value.trimmingWhitespace != value, !value.trimmingWhitespace.isEmpty, languageTagProblem(value.trimmingWhitespace) == nil {
            problem += "; did you mean '\(value.trimmingWhitespace)' (without the spaces)?"
        } else if value.contains("_"), languageTagProblem(value.replacingOccurrences(of: "_", with: "-")) == nil {
            problem += "; did you mean '\(value.replacingOccurrences(of: "_", with: "-"))'?"
        }
        return problem
    }

    /// The two-letter language codes of ISO 639-1, and those of the IANA registry's that it deprecated but browsers
    /// still read (`iw` for Hebrew, `in` for Indonesian, `ji`, `jw`, `mo`).
    static let twoLetterLanguages: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo \
        es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg \
        ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn \
        no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw \
        ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu in iw ji jw mo
        """.split(separator: " ").map(String.init))

    /// Countries' codes written where the language's belongs, and the language meant.
    static let countryCodesTakenForLanguages = [
        "sp": "es", "jp": "ja", "cn": "zh", "dk": "da", "cz": "cs", "gr": "el", "ua": "uk", "il": "he", "gb": "en-GB",
        "us": "en-US", "at": "de-AT", "vn": "vi", "ir": "fa", "rs": "sr", "cl": "es-CL", "mx": "es-MX", "pe": "es-PE",
        "nz": "en-NZ", "au": "en-AU",
    ]

    /// The fix for a true-or-false option written in words (YAML 1.1's yes and off, or a quoted true).
    static func flagHint(_ node: DataNode, _ option: String) -> String {
        guard let text = node.text?.lowercased(), let flag = ["yes": true, "on": true, "true": true, "no": false, "off": false, "false": false][text] else {
            return ""
        }
        return "; write \(option): \(flag)"
    }

    static func isValidBaseURL(_ value: String) -> Bool {
        if case .success = baseURL(value) { true } else { false }
    }

    /// A base URL as pages print it (its scheme and host lowercased, a trailing `/`, no default port, its path's
    /// characters that a URL may not hold percent-encoded), or what is wrong with it and what to write.
    static func baseURL(_ value: String) -> Result<String, BaseURLProblem> {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed != value, !trimmed.isEmpty, case .success(let meant) = baseURL(trimmed) {
            return .failure(BaseURLProblem("it has a space before or after it; write '\(meant)'"))
        }
        // A query or a fragment (`?utm_source=…`, `#top`) would come before every page's own path.
        if let cut = value.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            let meant = String(value[..<cut])
            let write = (try? baseURL(meant).get()).map { ": write '\($0)'" } ?? ""
            return .failure(BaseURLProblem("it ends with a query or fragment ('\(value[cut...])'), which would come before every page's path\(write)"))
        }
        if value.contains(where: \.isWhitespace) {
            // Each space (a tab, a no-break space) percent-encoded: what is meant has none left.
            let meant = String(value.unicodeScalars.map { $0.properties.isWhitespace ? String($0).utf8.map { String(format: "%%%02X", $0) }.joined() : String($0) }.joined())
            let write = (try? baseURL(meant).get()).map { "; write '\($0)'" } ?? ""
            return .failure(BaseURLProblem("it has a space in it, which an address writes as %20\(write)"))
        }
        var scheme = "", rest = Substring(value)
        if let colon = value.range(of: "://"), ["http", "https"].contains(value[..<colon.lowerBound].lowercased()) {
            scheme = value[..<colon.lowerBound].lowercased() + "://"
            rest = value[colon.upperBound...]
        } else if !value.hasPrefix("/") || value.hasPrefix("//") {
            return .failure(BaseURLProblem(nil))
        }
        var host = ""
        if !scheme.isEmpty {
            host = String(rest.prefix { $0 != "/" })
            rest = rest.dropFirst(host.count)
            if host.contains("@") {
                return .failure(BaseURLProblem("it holds a user name or password ('\(host.prefix { $0 != "@" })@'), which every page, the feed and the sitemap would publish; remove it"))
            }
            let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
            guard !name.isEmpty, name != "." else { return .failure(BaseURLProblem("it has no host name after '\(scheme)'; write the site's address, such as https://example.org/")) }
            var port = String(host.dropFirst(name.count))
            if port.count > 1, Int(port.dropFirst()).map({ !(1...65535).contains($0) }) ?? true {
                return .failure(BaseURLProblem("its port ('\(port)') is no port, which is a number from 1 to 65535; write the address without it, or with the right one"))
            }
            if port == ":" || (scheme == "https://" && port == ":443") || (scheme == "http://" && port == ":80") { port = "" }
            // A name beyond ASCII as browsers send it (`bücher.example`: `xn--bcher-kva.example`).
            host = (name.unicodeScalars.allSatisfy(\.isASCII) ? name.lowercased() : Punycode.asciiHost(name)) + port
        }
        // `.` and `..` in the path, which a browser resolves away before any page's own path is added.
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            var kept: [Substring] = []
            for segment in segments where segment != "." {
                if segment == ".." { if kept.count > 1 { kept.removeLast() } } else { kept.append(segment) }
            }
            let meant = kept.joined(separator: "/")
            let write = (try? baseURL(scheme + host + (meant.hasPrefix("/") ? meant : "/" + meant)).get()).map { ": write '\($0)'" } ?? ""
            return .failure(BaseURLProblem("its path has '.' or '..' in it, which browsers resolve away\(write)"))
        }
        if rest.contains("//") {
            var meant = String(rest)
            while meant.contains("//") { meant = meant.replacingOccurrences(of: "//", with: "/") }
            return .failure(BaseURLProblem("its path has an empty folder ('//'), which makes every link lead to another host; write '\(scheme)\(host)\(meant.hasSuffix("/") ? meant : meant + "/")'"))
        }
        // An address copied from the address bar names a page (`/repo/index.html`), not the folder the site is in.
        let last = rest.split(separator: "/").last ?? ""
        if !rest.hasSuffix("/"), let dot = last.lastIndex(of: "."),
            ["html", "htm", "xml", "php", "asp", "aspx", "json"].contains(last[last.index(after: dot)...].lowercased())
        {
            let folder = rest.dropLast(last.count)
            return .failure(BaseURLProblem("it ends with a page ('\(last)'), not the folder the site is published in; write '\(scheme)\(host)\(folder)'"))
        }
        var path = SitePath.addressEncoded(rest)
        if !path.hasSuffix("/") { path += "/" }
        return .success(scheme + host + path)
    }

    /// What is wrong with a base URL; nil for a value that is no http(s) URL or path at all.
    struct BaseURLProblem: Error {
        var advice: String?
        init(_ advice: String?) { self.advice = advice }
    }
}
