import Foundation
import Synchronization

/// Stage 2: each Markdown file read and its front matter parsed, in parallel; drafts left out unless asked for.
struct ArticleLoading: Sendable {
    let root: URL
    let includeDrafts: Bool
    /// The day a `reviewed` date is compared with (``BuildOptions/today``).
    var today = ReviewDate.today()
    /// How many bytes of Markdown bodies a one-shot build holds from loading to rendering; the articles past it
    /// keep only their front matter, and rendering reads each of their bodies again. A small site is held whole
    /// (reading 10,000 bodies twice costs about 0.3 s of CPU); a large one never holds more than this at once (at
    /// 100,000 articles the bodies were most of the build's memory). Nil: every body is held.
    var bodyBudget: Int? = nil

    /// The budget of one-shot builds.
    static let oneShotBodyBudget = 32 << 20

    struct Output: Sendable {
        /// The articles to publish, in site order (the home page's introduction among them).
        var published: [Article] = []
        var draftsSkipped = 0
        /// The keys the drafts left out cite (every `@key` in their Markdown): `check` does not call their sources unused.
        var draftKeys = Set<String>()
        /// The drafts left out, by source path: `check` says a link to one leads to a draft.
        var draftPaths = Set<String>()
        /// Every article's layout, drafts' too: a site template none of them names is reported.
        var layoutsInUse = Set<String>()
        /// The layouts of the published articles.
        var publishedLayouts = Set<String>()
        var diagnostics: [Diagnostic] = []
        /// When only published articles changed since the previous build and each still publishes the same page
        /// with the same layout and bibliography files and without diagnostics: their positions in `published`.
        /// The later stages then replace those articles in their previous outputs instead of going over them all.
        var edited: [Int]?
    }

    /// What the previous build's stage made, and where each published article is in it.
    struct Memo: Sendable {
        var output: Output
        var positions: [String: Int]
    }

    /// - Parameter edits: the article files reported changed, when nothing else changed (the listing too).
    func load(_ files: [ContentFile], edits: Set<String>?, memo: inout BuildMemo) async -> Output {
        if let edits, let output = patch(edits: edits, memo: &memo) {
            return output
        }
        // Read the texts not kept, or reported changed, and parse their front matter, each in one step on all
        // cores: a one-shot build then holds no more than a few whole texts at once beside the bodies.
        let root = self.root, keeps = memo.keeps, today = self.today
        let held = (memo.keeps ? nil : bodyBudget).map(Remaining.init)
        let unread = files.filter { memo.needsReading($0.path) }
        let read = await Parallel.map(unread) { file in
            let text = BuildMemo.read(file.path, root: root)
            var parsed = text.map { Self.article(file, text: $0, today: today) }
            if let held, case .success(let (article?, diagnostics)) = parsed {
                let size = article.body.text.utf8.count
                if held.bytes.subtract(size, ordering: .relaxed).newValue < 0 { parsed = .success((article.deferringBody(), diagnostics)) }
            }
            // A build that keeps nothing for the next holds only the articles' bodies, not the whole texts too.
            return (keeps ? text : text.map { SourceText(path: $0.path, text: "") }, parsed)
        }
        var fresh: [String: (article: Article?, diagnostics: [Diagnostic])] = [:]
        for (file, (text, parsed)) in zip(unread, read) {
            let version = memo.store(file.path, text).version
            switch parsed {
            case .success(let parsed) where memo.articles[file.path]?.version != version:
                fresh[file.path] = parsed
                memo.statistics.articlesParsed += 1
                if memo.keeps { memo.articles[file.path] = (version, parsed.article, parsed.diagnostics) }
            case .success:
                break
            case .failure(let error):
                fresh[file.path] = (nil, [error])
                memo.articles[file.path] = nil
            }
        }
        // Entries of files no longer listed (a removed file leaves the memo larger than the listing).
        if memo.articles.count > files.count { BuildMemo.keep(Set(files.map(\.path)), in: &memo.articles) }

        var output = Output()
        var owners: [String: String] = [:]
        var ownersIgnoringCase: [String: String] = [:]
        for file in files {
            let loaded = fresh.isEmpty ? nil : fresh[file.path]
            guard let (article, problems) = loaded ?? memo.articles[file.path].map({ ($0.article, $0.diagnostics) }) else { continue }
            if !problems.isEmpty { output.diagnostics += problems }
            guard let article else { continue }
            output.layoutsInUse.insert(article.frontMatter.layout)
            if article.frontMatter.isDraft && !includeDrafts {
                output.draftsSkipped += 1
                output.draftPaths.insert(article.source.path)
                let body = article.isBodyDeferred ? (try? BuildMemo.read(article.source.path, root: root).get()) ?? article.body : article.body
                output.draftKeys.formUnion(Self.citedKeys(in: body.text))
                continue
            }
            if let other = owners.updateValue(file.path, forKey: article.outputPath) {
                owners[article.outputPath] = other
                if other == file.path {
                    // `café.md` beside `café.md`: one name in two forms (a file copied from a Mac), which Swift's strings,
                    // and so the tables of parsed files, hold as one; said at the file, by the names the folder lists.
                    output.diagnostics.append(
                        .error(at: .file(file.path), "\(file.path) and \(other) both publish \(article.outputPath): " + SitePath.twoForms(file.path, other),
                               naming: [file.path, other]))
                } else {
                    output.diagnostics.append(
                        .error(at: article.body.start, "\(article.source.path) and \(other) both publish \(article.outputPath)", naming: [article.source.path, other]))
                }
                continue
            }
            // `Good.md` beside `good.md`: two pages here, one on a file system that ignores case (macOS's, Windows').
            if let other = ownersIgnoringCase.updateValue(article.source.path, forKey: article.outputPath.lowercased()) {
                ownersIgnoringCase[article.outputPath.lowercased()] = other
                output.diagnostics.append(
                    .warning(
                        at: .file(article.source.path),
                        "\(article.source.path) and \(other) publish pages whose addresses differ only in case (/\(article.urlPath)); copied to"
                            + " macOS or Windows, or served by a host that ignores case, one replaces the other: rename one of them",
                        naming: [article.source.path, other]))
            }
            output.published.append(article)
            output.publishedLayouts.insert(article.frontMatter.layout)
        }
        output.diagnostics += Self.topicSpellings(output.published)
        // (With an article that failed, not every article is a draft: its error says why nothing is published.)
        if output.published.isEmpty, output.draftsSkipped > 0, !output.diagnostics.hasErrors {
            output.diagnostics.append(
                .warning(at: .file(SiteLayout.content),
                    "every article is a draft (\(output.draftsSkipped)), so none is published; build with --drafts to see them"))
        }
        if memo.keeps {
            let positions = Dictionary(output.published.enumerated().map { ($1.source.path, $0) }) { first, _ in first }
            memo.loadedArticles = Memo(output: output, positions: positions)
        }
        return output
    }

    /// Every key written after an `@` in Markdown, cited or not (a draft's: a close look is not needed to keep its
    /// sources from being called unused).
    static func citedKeys(in text: String) -> Set<String> {
        let bytes = Array(text.utf8)
        var keys = Set<String>()
        var index = 0
        while let at = bytes[index...].firstIndex(of: UInt8(ascii: "@")) {
            if let (key, end) = CitationScanner.key(bytes, from: at + 1, to: bytes.count) {
                keys.insert(key)
                index = end
            } else {
                index = at + 1
            }
        }
        return keys
    }

    /// A warning at each article whose topic is another spelling of a topic (`cardiology`, `Cardiology`): both go to
    /// one topic page, which takes one of the names. The spelling most articles use (the first of those that tie) is
    /// the one to keep.
    static func topicSpellings(_ articles: [Article]) -> [Diagnostic] {
        // By the slug without apostrophes and accents, and with the letters that are two written as two: `Women's
        // health` and `Womens health`, `Diabète` and `Diabete`, `Straße` and `Strasse`, `Cœur` and `Coeur` are one topic
        // spelled two ways too, though their pages are two.
        var spellings: [String: [String: [Article]]] = [:]
        for article in articles {
            guard let topic = article.frontMatter.topic else { continue }
            let key = slugify(topic.filter { $0 != "'" && $0 != "’" }).spellingKey
            spellings[key, default: [:]][topic, default: []]
                .append(article)
        }
        var diagnostics: [Diagnostic] = []
        for byName in spellings.values where byName.count > 1 {
            let ranked = byName.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            let (kept, keptBy) = (ranked[0].key, ranked[0].value)
            let example = keptBy[0].source.path + (keptBy.count > 1 ? " and \(keptBy.count - 1) more article\(keptBy.count > 2 ? "s" : "")" : "")
            for (name, articles) in ranked.dropFirst() {
                let (slug, keptSlug) = (slugify(name), slugify(kept))
                let pages = slug == keptSlug
                    ? "both go to one page, topics/\(slug)/, titled with only one of them"
                    : "they make two topic pages, topics/\(keptSlug)/ and topics/\(slug)/"
                // Two spellings that look alike (a no-break space, a space at the end): what differs is said.
                let differs = Self.invisibleDifference(name, kept).map { " (\($0))" } ?? ""
                for article in articles {
                    diagnostics.append(
                        .warning(at: article.frontMatter.topicLocation ?? article.body.start,
                            "the topic '\(name)' is spelled '\(kept)' in \(example)\(differs); \(pages): write 'topic: \(kept)' here", naming: [keptBy[0].source.path]))
                }
            }
        }
        return diagnostics.sorted { $0.description < $1.description }
    }

    /// What tells apart two names that look alike, the first as "this one" and the second as "that one": a character no
    /// one sees for what it is (a no-break space, U+00A0, for a space; a zero-width space), or a space at an end
    /// (`this one has a no-break space, U+00A0, after 'Santé', where the other has a space`, `this one ends in a space`).
    /// Nil for names that differ in what they show (`Cardiology`, `cardiology`).
    static func invisibleDifference(_ this: String, _ that: String) -> String? {
        /// Whether a character shows as a space or not at all.
        func isInvisible(_ character: Character) -> Bool {
            character.isWhitespace || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
        }
        /// A name as it shows: what shows as a space is a space, and what shows as nothing is left out.
        func shown(_ name: String) -> [Character] {
            name.compactMap { isInvisible($0) ? ($0.isWhitespace ? " " : nil) : $0 }
        }
        func named(_ character: Character) -> String {
            if character == "\t" { return "a tab" }
            let scalar = character.unicodeScalars.first ?? " "
            let names: [UInt32: String] = [
                0xA0: "a no-break space", 0x202F: "a narrow no-break space", 0x2009: "a thin space", 0x2007: "a figure space",
                0x200B: "a zero-width space", 0xAD: "a soft hyphen", 0x2060: "a word joiner", 0xFEFF: "a zero-width no-break space",
            ]
            return "\(names[scalar.value] ?? (character.isWhitespace ? "a space character" : "an invisible character")), \(scalar.codePoint)"
        }
        guard this != that, shown(this).split(separator: " ") == shown(that).split(separator: " ") else { return nil }
        let (first, second) = (Array(this), Array(that))
        var index = 0
        while index < min(first.count, second.count), first[index].unicodeScalars.elementsEqual(second[index].unicodeScalars) { index += 1 }
        // The first character where they differ, in the one where it is invisible.
        for (who, name, other) in [("this one", first, second), ("that one", second, first)] where index < name.count && isInvisible(name[index]) {
            let character = name[index]
            // A space where the other has another character that shows as one: that character is what differs.
            if character == " ", index < other.count, isInvisible(other[index]) { continue }
            if name[index...].allSatisfy(isInvisible) { return "\(who) ends in \(character == " " ? "a space" : named(character))" }
            let place = String(name[..<index]).split(whereSeparator: isInvisible).last.map { "after '\($0)'" } ?? "at its start"
            if character == " " { return "\(who) has one more space \(place)" }
            let instead = index < other.count && other[index] == " " ? ", where the other has a space" : ""
            let what = named(character)
            return "\(who) has \(what)\(what.contains("U+") ? "," : "") \(place)\(instead)"
        }
        return nil
    }

    /// The previous output with the edited articles replaced; nil when an edit changes more than its own article.
    private func patch(edits: Set<String>, memo: inout BuildMemo) -> Output? {
        guard var previous = memo.loadedArticles else { return nil }
        // Out of the memo, so that the list of articles is changed in place rather than copied.
        memo.loadedArticles = nil
        var edited: [Int] = []
        for path in edits.sorted() {
            guard let position = previous.positions[path], let before = memo.articles[path], before.diagnostics.isEmpty else {
                memo.loadedArticles = previous
                return nil
            }
            let old = previous.output.published[position]
            let read = memo.text(path, root: root)
            guard case .success(let text) = read.text else {
                memo.loadedArticles = previous
                return nil
            }
            guard read.version != before.version else { continue }
            let (article, problems) = Self.article(old.source, text: text, today: today)
            memo.statistics.articlesParsed += 1
            // Kept whatever comes next: the full pass finds it parsed.
            memo.articles[path] = (read.version, article, problems)
            guard let article, problems.isEmpty, includeDrafts || !article.frontMatter.isDraft,
                article.frontMatter.layout == old.frontMatter.layout, article.frontMatter.topic == old.frontMatter.topic,
                article.frontMatter.bibliography.map(\.path) == old.frontMatter.bibliography.map(\.path)
            else {
                // The full pass follows, and makes a new one.
                return nil
            }
            previous.output.published[position] = article
            edited.append(position)
        }
        var output = previous.output
        output.edited = edited
        memo.loadedArticles = previous
        return output
    }

    /// One article's front matter and body; nil with the reasons when it has none to publish.
    /// What is left of the body budget, taken from by the loading tasks at once.
    private final class Remaining: Sendable {
        let bytes: Atomic<Int>
        init(_ bytes: Int) { self.bytes = Atomic(bytes) }
    }

    /// Where a second block of front matter starts: the body's first line (after blank ones) is `---`, a later one
    /// closes it (`---` or `...`), and every line between is blank, a comment or `key:` at the start of a line or
    /// indented below one, at least one a key.
    static func secondFrontMatter(in body: SourceText) -> SourceLocation? {
        // Most bodies start with text: looked at no further.
        guard body.text.utf8.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }).starts(with: "---".utf8) else { return nil }
        var lines = body.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().makeIterator()
        var first = lines.next()
        while let line = first, line.element.trimmingWhitespace.isEmpty { first = lines.next() }
        guard let opening = first, opening.element.trimmingWhitespace == "---" else { return nil }
        var keys = 0
        while let (_, line) = lines.next() {
            let text = line.trimmingWhitespace
            if text == "---" || text == "..." { return keys > 0 ? body.location(line: opening.offset + 1, column: 1) : nil }
            if text.isEmpty || text.hasPrefix("#") || line.first == " " || line.first == "\t" || text.hasPrefix("- ") { continue }
            guard let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                colon > text.startIndex
            else { return nil }
            keys += 1
        }
        return nil
    }

    /// The body of an article whose body was deferred, read from its file again.
    static func body(of article: Article, root: URL) throws(Diagnostic) -> SourceText {
        guard article.isBodyDeferred else { return article.body }
        let text = try BuildMemo.read(article.source.path, root: root).get()
        return try FrontMatterSplitter().split(text).body
    }

    /// - Parameter today: the day a `reviewed` date is compared with; a date after the next one is in the future (a date
    ///   written today anywhere on Earth is not).
    static func article(_ file: ContentFile, text: SourceText, today: ReviewDate = .today()) -> (article: Article?, diagnostics: [Diagnostic]) {
        // A byte order mark alone (an editor's "UTF-8 with BOM" of an empty file) is no text either.
        if text.text.isBlank || text.text.hasPrefix("\u{FEFF}") && text.text.dropFirst().isBlank {
            return (nil, [.error(at: text.start, "file is empty: an article needs front matter with a title")])
        }
        do {
            let split = try FrontMatterSplitter().split(text)
            guard let header = split.header else { return (nil, [FrontMatterSplitter.missingHeader(in: text)]) }
            let tree = try YAMLReader().read(header)
            let (frontMatter, problems) = FrontMatterDecoder(latestReview: today.nextDay).decode(tree ?? DataNode(.null, at: header.start))
            // (Said of front matter with errors too: `summary: #1 answer` is null, not a string, because of a comment.)
            let readings = YAMLReadings.warnings(in: header)
            guard let frontMatter else { return (nil, readings + problems) }
            let article = Article(source: file, frontMatter: frontMatter, body: split.body)
            var diagnostics = readings + problems
            if let control = TextFileReader.controlCharacterWarning(text) { diagnostics.append(control) }
            if file.slug == "_index" || file.slug.hasSuffix("/_index") {
                diagnostics.append(
                    .warning(at: text.start,
                        "'_index.md' is Hugo's and Zola's name for a folder's own page; here it is an article of its own, published at"
                            + " /\(article.urlPath): rename it index.md to make it the page of its folder"))
            }
            // `Index.md`, `INDEX.md`: a folder's own page only in small letters (where the file system tells cases apart).
            let name = file.slug.split(separator: "/").last.map(String.init) ?? file.slug
            if name != "index", name != "_index", name.lowercased() == "index" || name.lowercased() == "_index" {
                diagnostics.append(
                    .warning(at: text.start,
                        "'\(name).md' is an article of its own, published at /\(article.urlPath), not the page of its folder, which is"
                            + " named in small letters: rename it index.md"))
            }
            // Jekyll's folder of drafts, which it publishes only when asked to (`--drafts`): a folder as any other here.
            if !frontMatter.isDraft, file.slug.split(separator: "/").dropLast().contains("_drafts") {
                diagnostics.append(
                    .error(at: text.start,
                        "the article is in a '_drafts' folder, Jekyll's for drafts, which Jekyll does not publish; sitegen would publish"
                            + " it, at /\(article.urlPath): mark it draft: true, or move it out of Content/ (to publish it, move it out of"
                            + " _drafts/)"))
            }
            // A space in a file's or folder's name is `%20` in its address, where Hugo would have written a hyphen.
            if file.slug.utf8.contains(UInt8(ascii: " ")) {
                let hyphenated = file.slug.split(separator: "/").map { slugify(String($0), fallback: String($0)) }.joined(separator: "/")
                diagnostics.append(
                    .warning(at: text.start,
                        "the path has a space, so the article's address is /\(SitePath.percentEncoded(article.urlPath)); name it with hyphens"
                            + " (Content/\(hyphenated).md) for an address without %20"))
            }
            // A second block of front matter right below the first (a merge, a template pasted in): pandoc reads its keys,
            // CommonMark prints a rule and the keys as text.
            if let second = secondFrontMatter(in: split.body) {
                diagnostics.append(
                    .warning(at: second, "a second block of front matter, which CommonMark prints as a rule and its keys as text (pandoc would"
                        + " read them); move its keys into the front matter above, or remove the block"))
            }
            // An answer without text (the home page's introduction may be only a title).
            if article.urlPath != "", !frontMatter.isDraft, split.body.text.isBlank {
                diagnostics.append(
                    .warning(at: split.body.start, "the article has no text below its front matter; write the answer, or mark it draft: true until it is written"))
            }
            return (article, diagnostics)
        } catch {
            return (nil, [error])
        }
    }
}
