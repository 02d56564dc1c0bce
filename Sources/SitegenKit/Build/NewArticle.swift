import Foundation

/// `sitegen new "Question?" --topic Oncology`: a new article with a valid front matter.
public struct NewArticle: Sendable {
    public var title: String
    public var topic: String?
    public var reviewed: ReviewDate

    public init(title: String, topic: String? = nil, reviewed: ReviewDate = .today()) {
        self.title = title
        self.topic = topic
        self.reviewed = reviewed
    }

    /// `Content/<topic>/<title>.md`, both slugified; `Content/<title>.md` without a topic. A long question's or
    /// topic's name is cut at a word to 80 bytes (a file name has at most 255, and an address reads better short).
    public var path: String {
        let name = Self.shortened(slugify(title, fallback: "article"))
        guard let topic else { return "Content/\(name).md" }
        return "Content/\(folder ?? Self.shortened(slugify(topic)))/\(name).md"
    }

    /// A slug of up to 80 bytes: a longer one cut at its last hyphen before them (or at 80 bytes).
    static func shortened(_ slug: String) -> String {
        guard slug.utf8.count > 80 else { return slug }
        var cut = ""
        for character in slug {
            guard cut.utf8.count + character.utf8.count <= 80 else { break }
            cut.append(character)
        }
        if let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) >= 20 { cut = String(cut[..<hyphen]) }
        return cut
    }
    /// The topic's folder when it is not the topic's slug (``folder(in:)``).
    var folder: String?

    /// The article's text: front matter with every key a reviewer fills in, and an outline.
    public var text: String {
        var lines = ["---", "title: \(Self.quoted(title))", "summary: \"\""]
        if let topic { lines.append("topic: \(Self.quoted(topic))") }
        lines += [
            "confidence: moderate", "reviewed: \(reviewed.iso)", "questions: []", "draft: true", "---", "",
            "## What the research says", "",
            Self.placeholder + " Cite each claim with its source's key from a bibliography in",
            "Content/bibliography/, written like `[@smith2020]` or `[@smith2020; @jones2021, p. 4]` (without the backticks).", "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The body's first words as `new` writes them, which `check` looks for in a published answer.
    static let placeholder = "Write the answer here."

    /// The folder of `Content/` the article goes in: the topic's slug, or a folder that differs from it only in case
    /// or accents (`Cardiology/`, `diabète/` for `--topic Diabete`), which the topic's articles are in already.
    func folder(in site: URL) -> String? {
        guard let topic else { return nil }
        let slug = Self.shortened(slugify(topic))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(SiteLayout.content).path)) ?? []
        if names.contains(slug) { return slug }
        return names.sorted().first { Self.folderKey($0) == Self.folderKey(slug) && !$0.hasPrefix(".") } ?? slug
    }

    /// A folder's name (or a topic's slug) whatever its case and accents: `Cardiology` and `cardiology`, `diabète` and
    /// `diabete`, `straße` and `strasse` are one.
    static func folderKey(_ name: String) -> String { name.spellingKey }

    /// Writes the article under the site folder; never replaces an existing file. A topic the articles of its folder
    /// already spell otherwise (`--topic cardiology` beside `topic: Cardiology`) is written their way, so that they
    /// share one topic page under one name.
    /// - Returns: the site-relative path written, and the topic when it was respelled.
    public func write(into site: URL) throws(Diagnostic) -> (path: String, respelled: String?) {
        if title.trimmingWhitespace.isEmpty { throw .error(at: .option("<question>"), "the title is empty; give the question the article answers: sitegen new \"Do statins cause muscle pain?\"") }
        try Self.checkNotAnotherToolsCommand(title)
        if !title.contains(where: { $0.isLetter || $0.isNumber }) {
            // `sitegen new "???"` made Content/article.md, named by no question.
            throw .error(at: .option("<question>"), "the question '\(title)' has no letter or digit to name its file by; write it in words: sitegen new \"Do statins cause muscle pain?\"")
        }
        if let topic, topic.trimmingWhitespace.isEmpty || !topic.contains(where: { $0.isLetter || $0.isNumber }) {
            // An empty topic fails the build, and one without a letter or digit has no folder name of its own.
            throw .error(
                at: .option("--topic"),
                "the topic '\(topic)' has no letter or digit to name it by; name it in words (--topic Cardiology), or leave the option out")
        }
        if let topic, slugify(topic).utf8.count > 200 {
            throw .error(
                at: .option("--topic"),
                "the topic is \(topic.count) characters long, too long to name its page's folder by (topics/…/, at most 255 bytes); name it in a few words")
        }
        // As `build` does: a folder that is no site gets no Content/ of an article's making.
        try BuildPipeline.checkSiteFolder(site)
        var article = self
        article.folder = folder(in: site)
        if let topic, let folder = article.folder, let spelling = Self.spelling(of: topic, inFolder: folder, in: site), spelling != topic {
            article.topic = spelling
        }
        let path = article.path
        if let link = SitePath.symbolicLink(in: path, root: site) {
            // The build reads no article through a link: it would be written elsewhere and never published.
            throw .error(
                at: .file(link),
                "\(link) is a symbolic link, and sitegen follows none (the build would not read an article written through it): make"
                    + " \(link) a folder of its own, or name the topic otherwise")
        }
        if let place = Self.reservedPlace(path) {
            throw .error(at: .option(topic == nil ? "<question>" : "--topic"), "the article would be \(path), and \(place)")
        }
        try NewFile.create(
            path, text: article.text, in: site,
            exists: "already exists, and was left as it was: edit it, or word the question otherwise for an article of its own")
        return (path, article.topic == topic ? nil : article.topic)
    }

    /// Why an article cannot be at a path of `Content/` that the site uses for something else (see
    /// ``ListRendering/shadowedArticles(_:by:)``), with what to do instead; nil for any other path.
    static func reservedPlace(_ path: String) -> String? {
        let inside = path.dropFirst(SiteLayout.content.count + 1).lowercased()
        let folder = inside.split(separator: "/").first.map(String.init) ?? ""
        let otherwise = "word the question otherwise, or give it a topic (--topic Cardiology)"
        switch inside {
        case "index.md": return "Content/index.md is the home page's introduction, not an answer: \(otherwise)"
        case "search.md": return "the site's search page is at its address (/search/): \(otherwise)"
        case "topics.md": return "the site's list of topics is at its address (/topics/): \(otherwise)"
        default: break
        }
        guard inside.contains("/") else { return nil }
        switch folder {
        case "bibliography": return "\(SiteLayout.bibliography)/ holds the site's bibliography files, whose articles are not published: name the topic otherwise"
        case "topics": return "the site's topic pages are at topics/: name the topic otherwise"
        default: return nil
        }
    }

    /// Hugo's `hugo new site NAME` and `hugo new posts/x.md` written to sitegen, which would make an article asking
    /// "site NAME" or "posts/x.md": what to write instead.
    static func checkNotAnotherToolsCommand(_ title: String) throws(Diagnostic) {
        let words = title.split(separator: " ")
        if words.count == 2, words[0] == "site" {
            throw .error(
                at: .option("<question>"),
                "'sitegen new' starts an article, whose question it takes; a new site is made with sitegen init \(words[1]) (Hugo's 'hugo new site')")
        }
        if let path = words.first(where: { $0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".markdown") }) {
            throw .error(
                at: .option("<question>"),
                "'\(path)' is a file's path, and 'sitegen new' takes the article's question, from which it names the file: "
                    + "sitegen new \"Do statins cause muscle pain?\" --topic Cardiology writes Content/cardiology/do-statins-cause-muscle-pain.md")
        }
    }

    /// How the articles in the topic's folder spell it (the same words, whatever their case and accents): the spelling
    /// most of them use (the first in order of those that tie); nil when none has it.
    static func spelling(of topic: String, inFolder name: String, in site: URL) -> String? {
        let key = folderKey(slugify(topic))
        let folder = site.appendingPathComponent("Content/\(name)")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var counts: [String: Int] = [:]
        for name in names {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                let header = try? FrontMatterSplitter().split(SourceText(path: name, text: text)).header,
                let tree = try? YAMLReader().read(header), let spelling = tree["topic"]?.text, !spelling.trimmingWhitespace.isEmpty,
                folderKey(slugify(spelling)) == key
            else { continue }
            counts[spelling, default: 0] += 1
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Writes files a command makes for the user (`new`, `init`, `templates`): never over an existing file.
enum NewFile {
    /// Creates a folder and the folders above it that are missing; the one that could not be made and why (its
    /// `errno`; `ENOTDIR` where a file has the folder's name).
    static func makeFolders(_ path: String) -> (path: String, code: Int32)? {
        var status = stat()
        if stat(path, &status) == 0 { return status.st_mode & S_IFMT == S_IFDIR ? nil : (path, ENOTDIR) }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path, !parent.isEmpty, let failure = makeFolders(parent) { return failure }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : (path, errno)
    }

    /// Creates the file and its folders; fails when the file exists, even if another process creates it at the same moment.
    /// - Parameter exists: what the error says when the file is there already.
    static func create(_ path: String, text: String, in folder: URL, exists: String = "already exists; not overwritten") throws(Diagnostic) {
        let file = folder.appendingPathComponent(path)
        let here = SourceLocation(path: path, line: 1, column: 1)
        if let (folder, code) = makeFolders(file.deletingLastPathComponent().path) {
            let why = code == ENOTDIR ? "it is a file, not a folder" : String(cString: strerror(code))
            throw .error(at: SourceLocation(path: folder, line: 1, column: 1), "cannot create the folder: \(why)")
        }
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw .error(at: here, errno == EEXIST ? exists : "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Foundation.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw .error(at: here, "cannot write: \(String(cString: strerror(errno)))")
        }
    }
}
