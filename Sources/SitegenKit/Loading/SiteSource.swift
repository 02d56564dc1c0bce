import Foundation

/// The files of a site folder, found but not yet parsed.
struct SiteSource: Sendable {
    var root: URL
    var settingsText: SourceText?
    var articles: [ContentFile] = []
    /// Site-wide bibliography files, relative to the site folder.
    var bibliographies: [String] = []
    /// The other files of `Content/bibliography/`, which are neither read nor published (an export named `.txt`).
    var unreadInBibliography: [String] = []
    /// Bibliography files elsewhere in `Content/` (beside articles), read only when an article names one.
    var bibliographiesBesideArticles: [String] = []
    /// Files copied beside pages: path under `Content/` (the output path, composed: ``SitePath/composed(_:)``) and the
    /// site-relative path.
    var assets: [(outputPath: String, path: String)] = []
    /// Files under `Public/`: output path (composed) and site-relative path.
    var publicFiles: [(outputPath: String, path: String)] = []
    /// Symbolic links under `Content/`, `Public/` and `Templates/`, which are never followed: not read, not copied.
    var skippedLinks: [String] = []
    /// Files and folders of `Public/` with a name the output keeps for Git or sitegen (``SitePath/isKeptForSitegen(_:)``),
    /// a folder's with a `/` at its end: not copied, an error each.
    var keptNames: [String] = []
    /// Files and folders under `Content/`, `Public/` and `Templates/` whose names hold a control character (a line
    /// break, a tab, ESC), a folder's with a `/` at its end: neither read nor published, an error each.
    var controlNames: [String] = []
    /// Templates by name with their site-relative paths.
    var templates: [(name: String, path: String)] = []
    /// Files that another tool would have read but sitegen does not: articles named `.markdown` (Jekyll's and Hugo's
    /// other name for Markdown) or Quarto's `.qmd`, and templates not named `.mustache` (`article.html`).
    var unread: [(path: String, meant: String)] = []

    /// Every file listed, site-relative.
    var allPaths: Set<String> {
        var paths = Set(articles.map(\.path) + bibliographies + assets.map(\.path) + publicFiles.map(\.path) + templates.map(\.path))
        if settingsText != nil { paths.insert(SiteLayout.settings) }
        return paths
    }
}

/// Lists a site folder's files: `sitegen.yml`, `Content/**`, `Templates/*.mustache`, `Public/**`.
struct SiteSourceLoader: Sendable {
    init() {}

    func load(root: URL) throws(Diagnostic) -> SiteSource {
        var source = SiteSource(root: root)
        let settingsURL = root.appendingPathComponent(SiteLayout.settings)
        if FileManager.default.fileExists(atPath: settingsURL.path) {
            source.settingsText = try TextFileReader.read(settingsURL, path: SiteLayout.settings)
        }
        // Symbolic links are never followed, in any folder of the site: each is a warning (``SiteSource/skippedLinks``).
        var links: [String] = []
        for path in files(under: SiteLayout.content, in: root, links: &links, controlNames: &source.controlNames) {
            let inside = String(path.dropFirst(SiteLayout.content.count + 1))
            if path.hasPrefix(SiteLayout.bibliography + "/") {
                if inside.lowercased().hasSuffix(".md"), Self.startsWithFrontMatter(root.appendingPathComponent(path).path) {
                    source.unread.append((path, "\(SiteLayout.bibliography)/ holds the site's bibliography files, and an article there is neither a page nor published: move it to another folder of \(SiteLayout.content)/"))
                } else if let ext = inside.split(separator: ".").last, Reference.fileExtensions.contains(ext.lowercased()) {
                    source.bibliographies.append(path)
                } else {
                    source.unreadInBibliography.append(path)
                }
            } else if inside.lowercased().hasSuffix(".md") {
                // Published at the composed form of its name (`café` as one letter and not `e` and an accent, as macOS
                // writes names), whatever form the name has on the disk: see ``SitePath/composed(_:)``.
                source.articles.append(ContentFile(path: path, slug: SitePath.composed(String(inside.dropLast(3)))))
            } else if let meant = Self.markdownNamedOtherwise(path, root: root) {
                // Neither an article nor a file to publish: the source of a page that is not made.
                source.unread.append((path, meant))
            } else if Self.isPublishable(inside) {
                source.assets.append((SitePath.composed(inside), path))
            } else if let ext = inside.split(separator: ".").last, inside.contains("."), Reference.fileExtensions.contains(ext.lowercased()) {
                source.bibliographiesBesideArticles.append(path)
            }
        }
        // `Public/` is copied as it is, dot files too (`.well-known/`, `.nojekyll`); not `.git` or editor leftovers.
        var kept = Set<String>()
        for path in files(under: SiteLayout.public, in: root, hidden: true, links: &links, controlNames: &source.controlNames) {
            let parts = path.split(separator: "/")
            if let index = parts.firstIndex(where: SitePath.isKeptForSitegen) {
                kept.insert(parts[...index].joined(separator: "/") + (index < parts.count - 1 ? "/" : ""))
            } else {
                source.publicFiles.append((SitePath.composed(String(path.dropFirst(SiteLayout.public.count + 1))), path))
            }
        }
        source.keptNames = kept.sorted()
        let templateFiles = files(under: SiteLayout.templates, in: root, links: &links, controlNames: &source.controlNames)
        source.skippedLinks = links
        source.templates = templateFiles.filter { $0.hasSuffix(".mustache") }.map {
            (String($0.dropFirst(SiteLayout.templates.count + 1).dropLast(".mustache".count)), $0)
        }
        for path in templateFiles where !path.hasSuffix(".mustache") {
            // `article.html`, `article.mustache.txt`: the name before the first dot, as a template's name. A README or
            // a licence beside the templates is about them.
            let name = path.split(separator: "/").last.map { $0.prefix { $0 != "." } } ?? ""
            if ["readme", "license", "licence", "notice"].contains(name.lowercased()) { continue }
            source.unread.append((path, "templates are read from files named .mustache: rename it \(name.isEmpty ? "NAME" : String(name)).mustache"))
        }
        return source
    }

    /// What to do with a file of `Content/` whose name another tool reads as Markdown (`.markdown`, `.mdown`, `.mkd`,
    /// `.mkdn`, `.mkdown`, `.mdwn`, `.mdx`, Quarto's `.qmd`, R Markdown's `.Rmd`), or that is an article by its front
    /// matter in a text file (`statins.md.txt`, as Windows Notepad saves it; `.txt`, `.text`), or nil for any other file.
    /// - Parameter root: the site folder, to look at the start of a text file; nil looks at names alone.
    static func markdownNamedOtherwise(_ path: String, root: URL? = nil) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return nil }
        var stem = name[..<dot]
        let ext = name[name.index(after: dot)...].lowercased()
        switch ext {
        case "markdown", "mdown", "mkd", "mkdn", "mkdown", "mdwn", "mdx":
            return "articles are read from files named .md, and this one is neither a page nor published: rename it \(stem).md"
        case "txt", "text":
            // Only an article's source: a text file meant for readers is published.
            if stem.lowercased().hasSuffix(".md") { stem = stem.dropLast(3) }
            guard name.lowercased().hasSuffix(".md.\(ext)") || root.map({ Self.startsWithFrontMatter($0.appendingPathComponent(path).path) }) == true
            else { return nil }
            return "articles are read from files named .md, and this one (an article by its front matter) is neither a page nor published: rename it \(stem).md"
        case "qmd", "rmd":
            return "articles are read from files named .md (Markdown), and this one (\(ext == "qmd" ? "Quarto's" : "R Markdown's")) is neither a"
                + " page nor published: render it to Markdown, or rename it \(stem).md if it holds no code to run"
        default:
            return nil
        }
    }

    /// Whether a file starts with a front matter's opening line (`---`, after a byte order mark).
    static func startsWithFrontMatter(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        var start = Array((try? handle.read(upToCount: 8)) ?? Data())
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start.removeFirst(3) }
        return start.starts(with: Array("---\n".utf8)) || start.starts(with: Array("---\r\n".utf8))
    }

    /// Other generators' folders at the top of a site (Hugo's `layouts/` and `static/`, Jekyll's `_layouts/`,
    /// `_includes/` and `_posts/`) while sitegen's own is missing: none of them is read. A warning each, with the
    /// folder their files go in.
    static func otherToolsFolders(among entries: [(name: String, kind: FolderListing.Kind)]) -> [Diagnostic] {
        let folders = Set(entries.filter { $0.kind == .folder }.map(\.name))
        let templates = "sitegen's are Mustache files in \(SiteLayout.templates)/ (`sitegen templates` writes the built-in ones there to start from)"
        let others: [(name: String, what: String, instead: String, meant: String)] = [
            ("layouts", "Hugo's folder of templates", templates, SiteLayout.templates),
            ("_layouts", "Jekyll's folder of layouts", templates, SiteLayout.templates),
            ("_includes", "Jekyll's folder of includes", "sitegen's partials are Mustache files in \(SiteLayout.templates)/", SiteLayout.templates),
            ("static", "Hugo's or Zola's folder of static files", "files published as they are go in \(SiteLayout.public)/", SiteLayout.public),
            ("_posts", "Jekyll's folder of posts", "articles go in \(SiteLayout.content)/, as .md files", SiteLayout.content),
        ]
        return others.filter { folders.contains($0.name) && !folders.contains($0.meant) }.map { other in
            .warning(at: .file(other.name), "this is \(other.what), which sitegen does not read: \(other.instead)")
        }
    }

    /// Whether a path is a symbolic link (not followed).
    static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// A source folder (`Content/`, `Templates/`, `Public/`) that is a symbolic link, which Git keeps and a pull request
    /// may bring (`ln -s .. Public`): followed, it would publish or read whatever it leads to, anywhere on this machine
    /// (the folder above the site, its secrets). An error each, with the link's target; the folder is not listed.
    /// - Parameter root: the site folder, where the links are read.
    static func linkedSourceFolders(among entries: [(name: String, kind: FolderListing.Kind)], in root: URL) -> [Diagnostic] {
        entries.filter { $0.kind == .other && SiteLayout.sourceFolders.contains($0.name) }.map(\.name).sorted().compactMap { name in
            let path = root.path + "/" + name
            guard isLink(path) else { return nil }
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
            return .error(at: .file(name), "\(name) is a symbolic link\(target), and sitegen follows no link in the site: what it leads to, outside"
                + " the site too, would be read and published; replace the link with a folder \(name)/ that holds the files themselves")
        }
    }

    /// A source folder's name taken by a file (`Templates` made with `touch`, a stray download named `Public`): the
    /// folder is then never read, and the site is built without it. A warning each.
    /// A link in their place is refused (``linkedSourceFolders(among:in:)``).
    static func sourceFoldersThatAreFiles(among entries: [(name: String, kind: FolderListing.Kind)]) -> [Diagnostic] {
        entries.compactMap { entry in
            guard entry.kind == .file, SiteLayout.sourceFolders.contains(entry.name) else { return nil }
            return .warning(at: .file(entry.name), "this is a file, not a folder, so sitegen reads nothing from it: rename or remove the file,"
                + " and make a folder \(entry.name)/ for what goes there")
        }
    }

    /// The folders at the top of a site whose names are a source folder's in other letters (`content/`, as Hugo and
    /// Zola name theirs, for `Content/`) and that are therefore never read: on a file system that tells cases apart
    /// (on one that does not, `Content/` opens them).
    /// - Parameter entries: the site folder's listing, when it was listed already.
    static func misnamedFolders(in root: URL, entries: [(name: String, kind: FolderListing.Kind)]? = nil) -> [(found: String, meant: String)] {
        let entries = entries ?? FolderListing.entries(of: root.path)
        let names = Set(entries.map(\.name))
        return entries.compactMap { name, kind in
            guard kind == .folder, let meant = SiteLayout.sourceFolders.first(where: { $0.lowercased() == name.lowercased() }),
                meant != name, names.contains(meant) || !FileManager.default.fileExists(atPath: root.appendingPathComponent(meant).path)
            else { return nil }
            return (name, meant)
        }.sorted { $0.found < $1.found }
    }

    /// Settings files that sitegen does not read, at the top of a site: `sitegen.yaml` or `Sitegen.yml` (sitegen's
    /// settings under another name, an error while there is no `sitegen.yml`: the site would be built without them),
    /// and other generators' (Hugo's, Zola's, Jekyll's, Quarto's, MkDocs's: a warning when there is no `sitegen.yml`,
    /// as none of theirs is read).
    /// - Parameter entries: the site folder's listing.
    static func otherSettingsFiles(among entries: [(name: String, kind: FolderListing.Kind)], hasSettings: Bool) -> [Diagnostic] {
        let names = entries.filter { $0.kind != .folder }.map(\.name).sorted()
        var diagnostics: [Diagnostic] = []
        for name in names where name != SiteLayout.settings {
            let lowered = name.lowercased()
            // On a file system that does not tell cases apart, `Sitegen.yml` is the file `sitegen.yml` opened.
            if lowered == SiteLayout.settings, hasSettings, !names.contains(SiteLayout.settings) { continue }
            if ["sitegen.yml", "sitegen.yaml", "sitegen.yml.txt", "sitegen.yaml.txt"].contains(lowered) {
                let message = "this file is not read: sitegen reads its settings from \(SiteLayout.settings) only"
                diagnostics.append(hasSettings
                    ? .warning(at: .file(name), message + "; merge it into \(SiteLayout.settings), or delete it")
                    : .error(at: .file(name), message + ", so the site would be built without them; rename it \(SiteLayout.settings)"))
            } else if !hasSettings, let tool = Self.otherTools[lowered] {
                diagnostics.append(
                    .warning(at: .file(name),
                        "this is \(tool)'s settings file, which sitegen does not read; sitegen's settings (title, baseURL, language,"
                            + " citation-style …) go in \(SiteLayout.settings)"))
            }
        }
        return diagnostics
    }

    /// Other generators' settings files, by name, with whose they are.
    static let otherTools = [
        "hugo.toml": "Hugo", "hugo.yaml": "Hugo", "hugo.yml": "Hugo", "hugo.json": "Hugo", "config.toml": "Hugo's or Zola",
        "config.yaml": "Hugo", "config.yml": "Hugo", "_config.yml": "Jekyll", "_quarto.yml": "Quarto", "mkdocs.yml": "MkDocs",
    ]

    /// Whether a file beside the articles is published: not a source (a bibliography, a style, a template, data
    /// in YAML). Editors' leftovers (`notes.md~`, `#notes.md#`, `.notes.md.swp`) are never listed at all.
    static func isPublishable(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        return !(Reference.fileExtensions.contains(ext) || ["csl", "yml", "yaml", "mustache", "swp"].contains(ext))
    }

    /// Regular files below a folder, sorted, as site-relative paths; hidden files are skipped, and symbolic
    /// links are neither followed nor listed.
    /// - Parameters:
    ///   - hidden: list hidden files and folders too, but `.git` and editors' swap files (`.name.swp`).
    ///   - links: receives the symbolic links found (site-relative paths).
    ///   - controlNames: receives the files and folders whose names hold a control character, which are not listed.
    func files(under folder: String, in root: URL, hidden: Bool = false, links: inout [String], controlNames: inout [String]) -> [String] {
        var paths: [String] = []
        // A source folder that is itself a link is not listed: ``linkedSourceFolders(among:in:)`` refuses the site.
        guard !Self.isLink(root.path + "/" + folder) else { return [] }
        Self.walk(root.path + "/" + folder, relative: folder, hidden: hidden, into: &paths, links: &links, controlNames: &controlNames)
        return paths.sorted()
    }

    /// Files that editors, office programs and operating systems leave beside the ones a user made, which are
    /// never published (a backup of a draft holds its text): `name~`, `#name#`, `name.bak`, `.orig`, `.rej`, `.tmp`,
    /// `.swp`, Office's lock files (`~$name.docx`), Vim's write test (`4913`), Windows' `Thumbs.db` and
    /// `desktop.ini`, macOS's `Icon\r`, `.DS_Store` and `._name` (a file's Finder data, on a disk or in a zip archive
    /// made on a Mac) and the `__MACOSX/` folder that unzipping such an archive leaves.
    /// A folder is one by the first two and the last only (`archive.bak/` is a folder of the user's).
    static func isLeftover(_ name: String, isFolder: Bool = false) -> Bool {
        if name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#")) { return true }
        if isFolder { return name == "__MACOSX" }
        if name.hasPrefix("~$") || name.hasPrefix("._") { return true }
        if ["thumbs.db", "desktop.ini", "icon\r", "4913", ".ds_store"].contains(name.lowercased()) { return true }
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return false }
        return ["bak", "orig", "rej", "tmp", "swp", "swo"].contains(name[name.index(after: dot)...].lowercased())
    }

    /// Lists a folder tree: regular files; symbolic links are neither followed nor listed as files.
    private static func walk(
        _ path: String, relative: String, hidden: Bool, into paths: inout [String], links: inout [String], controlNames: inout [String]
    ) {
        for (name, kind) in FolderListing.entries(of: path) {
            if SiteLayout.skipsHidden(name, publishingHidden: hidden) { continue }
            // (macOS's `Icon\r` among them.)
            if isLeftover(name, isFolder: kind == .folder) { continue }
            if name.unicodeScalars.contains(where: \.isControlCharacter) {
                controlNames.append(relative + "/" + name + (kind == .folder ? "/" : ""))
                continue
            }
            switch kind {
            case .folder:
                walk(path + "/" + name, relative: relative + "/" + name, hidden: hidden, into: &paths, links: &links, controlNames: &controlNames)
            case .file: paths.append(relative + "/" + name)
            case .other:
                var status = stat()
                if lstat(path + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFLNK { links.append(relative + "/" + name) }
            }
        }
    }
}

/// Reads a site file as UTF-8 text, with clear diagnostics for unreadable and invalid files.
public enum TextFileReader {
    public static func read(_ url: URL, path: String) throws(Diagnostic) -> SourceText {
        try read(file: url.path, path: path)
    }

    /// A file is read as UTF-8, or as UTF-16 when it starts with UTF-16's byte order mark (Windows Notepad's
    /// "Unicode", an export saved in UTF-16).
    /// - Parameters:
    ///   - file: where the file is.
    ///   - path: how diagnostics name it (site-relative).
    ///   - legacy: whether a file of one-byte characters that is not UTF-8 is read as Windows-1252 (older BibTeX and
    ///     RIS exports are Latin-1; pandoc reads a RIS file so, and refuses a BibTeX one); ``SourceText/legacyByte``
    ///     then says where, for a warning.
    public static func read(file: String, path: String, legacy: Bool = false) throws(Diagnostic) -> SourceText {
        switch readBytes(file) {
        case .success(let bytes): return try decode(bytes, path: path, legacy: legacy)
        case .failure(let failure): throw Diagnostic.error(at: .file(path), "cannot read file: \(String(cString: strerror(failure.code)))")
        }
    }

    /// A file's bytes as text, read as ``read(file:path:legacy:)`` reads them.
    static func decode(_ bytes: [UInt8], path: String, legacy: Bool) throws(Diagnostic) -> SourceText {
        let start = SourceLocation.file(path)
        // (Zero bytes are valid UTF-8, and UTF-16 of Latin letters alone would read as text with a zero after each.)
        let marked = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !marked, bytes.containsByte(0), let order = utf16WithoutMark(bytes) {
            throw Diagnostic.error(
                at: start,
                "file is UTF-16 (\(order)) without a byte order mark, not UTF-8; save it as UTF-8 in your editor ('iconv -f utf-16\(order == "little-endian" ? "le" : "be") -t utf-8' converts it)")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return SourceText(path: path, text: text.replacingCRLF).withoutControlCharacters }
        if let text = try utf16(bytes, path: path) { return SourceText(path: path, text: text.replacingCRLF).withoutControlCharacters }
        let (line, column, byte) = firstInvalidUTF8(bytes)
        let location = SourceLocation(path: path, line: line, column: column)
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        let (characters, strays) = utf8Characters(bytes)
        // Letters of UTF-8 elsewhere in the file, at least half as many as the bytes that are none: a stray byte (a
        // paste, two files joined), not another encoding, where a pair of bytes may be a UTF-8 letter by chance.
        let isUTF8Elsewhere = characters > 0 && strays <= 2 * characters
        if !isUTF8Elsewhere, isDoubleByte(bytes) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let converted = name.lastIndex(of: ".").map { name[..<$0] + ".utf8" + name[$0...] } ?? name + ".utf8"
            throw Diagnostic.error(
                at: location,
                "file is not UTF-8: \(strays) bytes in it are none (the first here, \(hex)), and they come in pairs, as a Chinese, Japanese or"
                    + " Korean encoding writes its characters; convert it from the encoding it is in, as 'iconv -f GBK -t UTF-8 \(name) >"
                    + " \(converted)' does from GBK (simplified Chinese; others are GB18030, BIG5, SHIFT_JIS and EUC-KR), and remove \(name)")
        }
        if legacy, !isUTF8Elsewhere, !bytes.containsByte(0) {
            var source = SourceText(path: path, text: windows1252(bytes).replacingCRLF).withoutControlCharacters
            source.legacyByte = (location, byte)
            return source
        }
        throw Diagnostic.error(
            at: location,
            isUTF8Elsewhere
                ? "file is not valid UTF-8 (byte \(hex) here, though the rest of the file is UTF-8); retype the character here, or delete it"
                : "file is not valid UTF-8 (byte \(hex) here); save it as UTF-8 in your editor (a Latin-1 or Windows-1252 file converts with 'iconv -f windows-1252 -t utf-8')")
    }

    /// The warning for a file that had a control character (read as a space), or nil.
    static func controlCharacterWarning(_ source: SourceText) -> Diagnostic? {
        guard let (location, scalar) = source.controlCharacter else { return nil }
        let code = scalar.codePoint
        let what = scalar == "\u{0B}" ? " (a line break pasted from Word)" : scalar == "\u{0C}" ? " (a page break)" : ""
        return .warning(
            at: location,
            "the file holds a \(scalar.value < 0x20 ? "control character" : "noncharacter") here, \(code)\(what), which no page or feed may"
                + " hold; it is read as a space: delete it" + (scalar.value < 0x20 ? " (a new line is a line break; a blank line starts a paragraph)" : ""))
    }

    /// The byte order of a file that looks like UTF-16 without its byte order mark: text in Latin letters has a zero
    /// byte in every other place, after each letter (little-endian) or before it (big-endian). Nil for another file.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> String? {
        let pairs = bytes.prefix(512).count / 2
        guard pairs >= 4 else { return nil }
        var zeroFirst = 0, zeroSecond = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { zeroFirst += 1 }
            if bytes[2 * pair + 1] == 0 { zeroSecond += 1 }
        }
        if zeroSecond * 2 >= pairs, zeroFirst * 10 < pairs { return "little-endian" }
        if zeroFirst * 2 >= pairs, zeroSecond * 10 < pairs { return "big-endian" }
        return nil
    }

    /// The text of a file that starts with UTF-16's byte order mark (FF FE little-endian, FE FF big-endian), nil for
    /// another file.
    /// - Throws: when the rest is not UTF-16 (an odd number of bytes, a lone surrogate).
    static func utf16(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String? {
        guard bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) else { return nil }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        let unpaired = bytes.count % 2 == 1
        var text = ""
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var line = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
            case .emptyInput: break decoding
            case .error:
                throw Diagnostic.error(
                    at: SourceLocation(path: path, line: line, column: 1),
                    "file starts as UTF-16 but is not UTF-16 on this line (a lone surrogate); save it as UTF-8 in your editor")
            }
        }
        guard !unpaired else {
            throw Diagnostic.error(
                at: SourceLocation(path: path, line: line, column: 1),
                "file starts as UTF-16 but ends in half a character; save it as UTF-8 in your editor")
        }
        return text
    }

    /// How many of the bytes from 0x80 up form UTF-8 characters, and how many are none: a file with many of the first is
    /// UTF-8 with a mistake in it (a stray byte, two files joined); one with hardly any is of another encoding, in which
    /// two bytes now and then are a UTF-8 letter by chance (GBK's `DA BF`, `ڿ`).
    static func utf8Characters(_ bytes: [UInt8]) -> (characters: Int, strays: Int) {
        var index = 0, characters = 0, strays = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= 0x80 else { index += 1; continue }
            let length = byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            if length > 0, index + length <= bytes.count, String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil {
                characters += 1
                index += length
            } else {
                strays += 1
                index += 1
            }
        }
        return (characters, strays)
    }

    /// Whether the bytes from 0x80 up come in runs of two or more, as a Chinese, Japanese or Korean encoding's characters
    /// (GBK, Big5, EUC-KR: two bytes each, side by side in a word), not one by one, as a Latin-1 file's accented letters
    /// come: nine in ten of them in such runs, and a run of two characters at least.
    static func isDoubleByte(_ bytes: [UInt8]) -> Bool {
        var high = 0, inRuns = 0, longest = 0, run = 0
        for byte in bytes + [0] {
            if byte >= 0x80 {
                run += 1
                high += 1
                continue
            }
            if run >= 2 { inRuns += run }
            longest = max(longest, run)
            run = 0
        }
        return longest >= 4 && inRuns * 10 >= high * 9
    }

    /// Bytes read as Windows-1252: Latin-1, but for 0x80–0x9F, which hold curly quotes, dashes and a few letters
    /// (the five it leaves unassigned are read as Latin-1's control characters, as browsers do).
    static func windows1252(_ bytes: [UInt8]) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(text)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    struct Failure: Error {
        /// The `errno` of the call that failed.
        var code: Int32
    }

    /// A file's bytes, read with plain system calls.
    static func readBytes(_ file: String) -> Result<[UInt8], Failure> {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Failure(code: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Failure(code: errno)) }
        guard status.st_mode & S_IFMT != S_IFDIR else { return .failure(Failure(code: EISDIR)) }
        // Room for the size it has and a byte more: the end is then a read of nothing, and a file that grew
        // meanwhile is still read whole.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += repeatElement(0, count: bytes.count) }
            let (result, failure) = bytes.withUnsafeMutableBytes { buffer in
                let result = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                return (result, result < 0 ? errno : 0)
            }
            if result < 0 {
                if failure == EINTR { continue }
                return .failure(Failure(code: failure))
            }
            if result == 0 { break }
            count += result
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }

    /// The line and column of the first byte that does not begin a valid UTF-8 character, and that byte.
    static func firstInvalidUTF8(_ data: [UInt8]) -> (line: Int, column: Int, byte: UInt8) {
        var line = 1, column = 1, index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= data.endIndex,
                String(validating: data[index..<(index + length)], as: UTF8.self) != nil
            else { return (line, column, byte) }
            if byte == 0x0A { line += 1; column = 1 } else { column += length }
            index += length
        }
        return (line, column, 0)
    }
}

extension String {
    /// Windows line ends and classic Mac OS's lone `\r` (which CommonMark reads as a line end too) read as `\n`, so
    /// lines and columns match what editors show.
    var replacingCRLF: String {
        // `memchr`: `contains("\r\n")` goes through Foundation's string search, and even a byte loop over the UTF-8
        // view took 2 % of a build.
        guard containsBytes("\r") else { return self }
        let windows = replacingOccurrences(of: "\r\n", with: "\n")
        return windows.containsBytes("\r") ? windows.replacingOccurrences(of: "\r", with: "\n") : windows
    }
}
