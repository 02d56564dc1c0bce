import Foundation

/// Paths inside a site folder, written with `/`.
enum SitePath {
    /// The path of `target` (a site path, a file's or, with a final `/`, a folder's) from the folder `folder` (a site
    /// path, with or without its final `/`; empty for the site's top): `a/b/` to `a/c/` is `../c/`, `Content/heart` to
    /// `Content/lungs/asthma.md` is `../lungs/asthma.md`, a folder to itself `./`.
    static func relative(_ target: String, from folder: String) -> String {
        let from = folder.split(separator: "/"), to = target.split(separator: "/")
        var common = 0
        // (A file's own name is never a folder in common.)
        let shared = target.hasSuffix("/") ? to.count : to.count - 1
        while common < from.count, common < shared, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        guard !parts.isEmpty else { return "./" }
        return parts.joined(separator: "/") + (target.hasSuffix("/") ? "/" : "")
    }

    /// A path written in an article, relative to the article's folder (or to the site folder when it starts with
    /// `/`), as a site-relative path: `../refs.bib` in `Content/a/b.md` is `Content/refs.bib`.
    static func resolve(_ path: String, relativeTo articlePath: String) -> String {
        resolving(path, relativeTo: articlePath).path
    }

    /// ``resolve(_:relativeTo:)``'s path, and whether `path` leads out of the site folder (`../../refs.bib` from
    /// `Content/a.md`, `/../refs.bib`): then it is given as written, and names no file of the site.
    static func resolving(_ path: String, relativeTo articlePath: String) -> (path: String, leaves: Bool) {
        var parts = path.hasPrefix("/") ? [] : articlePath.split(separator: "/").dropLast().map(String.init)
        var leaves = false
        for part in path.split(separator: "/") {
            if part == ".." {
                if parts.popLast() == nil { leaves = true }
            } else if part != "." {
                parts.append(String(part))
            }
        }
        return (leaves ? path : parts.joined(separator: "/"), leaves)
    }

    /// The first part of a site-relative path (a folder on the way, its top one too, or the file) that is a symbolic
    /// link, or nil: as the site's files are listed (``SiteSourceLoader``), no link in the site is followed, `Content/`
    /// itself or one at the site's top (`up` → `../..`, named as `/up/notes/refs.bib`) included. The site folder
    /// itself may be reached through a link (`/tmp` on macOS is one): only the parts below it are looked at.
    static func symbolicLink(in path: String, root: URL) -> String? {
        var partial = ""
        for part in path.split(separator: "/") {
            partial += (partial.isEmpty ? "" : "/") + part
            var status = stat()
            if lstat(root.path + "/" + partial, &status) == 0, status.st_mode & S_IFMT == S_IFLNK { return partial }
        }
        return nil
    }

    /// Whether a name (a file's or a folder's, in any case) is one an output folder may not hold where the site puts it:
    /// `.git`, which makes a folder a repository that no build replaces, and sitegen's own names, which start with a dot
    /// and hold `.sitegen-`: the marker (`.sitegen-output`), the spare's lists (`.sitegen-files`, `.sitegen-folders`),
    /// its search terms and printed citations (`.sitegen-search`, `.sitegen-references`), a file being written
    /// (`.page.html.sitegen-tmp`) and what a build keeps beside an output (`.Output.sitegen-spare`).
    /// A page or file of the site's there would replace them, or lock the output for good. (`.GIT` is `.git` where a
    /// file system ignores case, as macOS's does.)
    static func isKeptForSitegen(_ name: some StringProtocol) -> Bool {
        guard name.hasPrefix(".") else { return false }
        let lowered = name.lowercased()
        return lowered == ".git" || lowered.contains(".sitegen-")
    }

    /// Whom the output folder keeps a name of ``isKeptForSitegen(_:)`` for, as messages say it.
    static func keeper(of name: some StringProtocol) -> String {
        name.lowercased() == ".git" ? "Git (a folder that holds .git is never replaced by a build)" : "sitegen's own files"
    }

    /// A site path as a URL writes it: every byte but ASCII letters, digits, `-._~` and `/` as `%XX`
    /// (`My Article/` → `My%20Article/`, as browsers send it; letters of other scripts as their UTF-8 bytes).
    static func percentEncoded(_ path: String) -> String {
        func isKept(_ byte: UInt8) -> Bool {
            byte.isAlphanumericASCII || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "/")
        }
        guard !path.utf8.allSatisfy(isKept) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in path.utf8 {
            if isKept(byte) { bytes.append(byte) } else { bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text put in an address as it may stand there: ASCII letters and digits, `-._~/` and the characters a path may
    /// hold as they are (`!$&'()*+,;=:@`), and a `%` that starts an escape (`%20`, `%3C` written already), kept; every
    /// other byte percent-encoded (`é`, `<`, `"`, a space, a `#`). For a base URL's path and a DOI's address.
    static func addressEncoded(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        func kept(_ index: Int) -> Bool {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") { return index + 2 < bytes.count && bytes[index + 1].isHexDigitASCII && bytes[index + 2].isHexDigitASCII }
            return byte.isAlphanumericASCII || addressCharacters.contains(byte)
        }
        guard !bytes.indices.allSatisfy(kept) else { return String(text) }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for index in bytes.indices {
            if kept(index) { encoded.append(bytes[index]) } else { encoded += [UInt8(ascii: "%"), hex[Int(bytes[index] >> 4)], hex[Int(bytes[index] & 0x0F)]] }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let addressCharacters = Set("-._~/!$&'()*+,;=:@".utf8)

    /// The address of a file the build writes, from the site's root without its `/`: a folder's page
    /// (`heart/statins/index.html`) by its folder, `heart/statins/`; any other file by its path.
    static func address(ofOutput path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// A path in Unicode's composed form (NFC), the one form of every address sitegen writes: a page's folder, a copied
    /// file, a link it rewrites. macOS writes accented names decomposed (`café` as `cafe` and U+0301, NFD), Linux
    /// editors composed, and a server finds a file only by the bytes of its name, so one form for every name makes
    /// a link reach its page whichever form the author typed it in. ASCII as it is.
    static func composed(_ path: String) -> String {
        !path.hasByteBeyondASCII ? path : path.precomposedStringWithCanonicalMapping
    }

    /// Whether a path is written in the composed form (``composed(_:)``), byte for byte.
    static func isComposed(_ path: String) -> Bool {
        !path.hasByteBeyondASCII || path.precomposedStringWithCanonicalMapping.utf8.elementsEqual(path.utf8)
    }

    /// How a path not in the composed form writes its first such letter, for a message: `'é' written as 'e' and
    /// U+0301` for `cafe\u{301}.md`; nil for a path in the composed form.
    static func decomposition(in path: String) -> String? {
        for character in path where !character.isASCII {
            let written = String(character), composed = written.precomposedStringWithCanonicalMapping
            guard !composed.utf8.elementsEqual(written.utf8) else { continue }
            let scalars = written.unicodeScalars
            // A letter as it is, an accent (a combining mark) by its code: it shows on the letter before it.
            let parts = scalars.map { scalar in
                guard scalar.properties.canonicalCombiningClass == .notReordered, scalars.count > 1 else { return scalar.codePoint }
                return "'\(scalar)'"
            }
            let listed = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
            return "'\(composed)' written as " + listed
        }
        return nil
    }
}

extension SitePath {
    /// What to say of two site paths that are one name in two forms (``composed(_:)``), which would be published at one
    /// address: which one is written decomposed, and the command that deletes it, with its accents as codes (the two
    /// names look alike in any listing).
    /// - Parameters:
    ///   - path: the file a diagnostic is at ("this one").
    ///   - other: the file it clashes with.
    static func twoForms(_ path: String, _ other: String) -> String {
        let isThisOne = decomposition(in: path) != nil
        let decomposed = isThisOne ? path : other
        guard let how = decomposition(in: decomposed) else { return "they are one name in two forms" }
        // Bash's and zsh's $'…' writes a character by its code (\u0301).
        var command = ""
        for scalar in decomposed.unicodeScalars {
            if scalar == "'" || scalar == "\\" {
                command += "\\" + String(scalar)
            } else if scalar.properties.canonicalCombiningClass != .notReordered
                || !String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([scalar])
            {
                let hex = String(scalar.value, radix: 16)
                command += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                command.unicodeScalars.append(scalar)
            }
        }
        let letter = how.prefix { $0 != " " }
        return "they are one name in two forms: \(isThisOne ? "this one" : "the other") has \(how) (decomposed, as macOS writes file"
            + " names), \(isThisOne ? "the other" : "this one") \(letter) as one character; keep one, and delete the decomposed one once the"
            + " other holds what you need of it (in the site's folder: rm $'\(command)')"
    }
}

/// `Women's health` → `women-s-health`; a plus sign is a word, so that `HER2+ breast cancer` (`her2-plus-breast-cancer`)
/// and `HER2- breast cancer` (`her2-breast-cancer`) are two topics.
func slugify(_ text: String, fallback: String = "topic") -> String {
    // ASCII (most topics), byte by byte: the same slug without a look at characters.
    if !text.hasByteBeyondASCII {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let lower = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            if lower &- UInt8(ascii: "a") < 26 || lower &- UInt8(ascii: "0") < 10 {
                bytes.append(lower)
            } else if byte == UInt8(ascii: "+") {
                if let last = bytes.last, last != UInt8(ascii: "-") { bytes.append(UInt8(ascii: "-")) }
                bytes += Array("plus-".utf8)
            } else if let last = bytes.last, last != UInt8(ascii: "-") {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        return bytes.isEmpty ? fallback : String(decoding: bytes, as: UTF8.self)
    }
    // In one normal form (NFC): "é" typed as one character or as "e" and an accent (macOS file names, text pasted
    // from some editors) is one topic for Swift's strings, and must be one folder and one address too.
    var slug = ""
    for character in text.precomposedStringWithCanonicalMapping.lowercased() {
        if character.isLetter || character.isNumber {
            slug.append(character)
        } else if character == "+" {
            if !slug.isEmpty, slug.last != "-" { slug.append("-") }
            slug += "plus-"
        } else if !slug.isEmpty, slug.last != "-" {
            slug.append("-")
        }
    }
    while slug.last == "-" { slug.removeLast() }
    return slug.isEmpty ? fallback : slug
}

extension String {
    /// The text with the accents of its letters dropped (`Diabète` is `Diabete`, `Éczéma` `Eczema`), as the A–Z list
    /// sorts titles and topics are told apart; ASCII as it is, without Foundation's folding.
    var withoutAccents: String {
        !hasByteBeyondASCII ? self : folding(options: .diacriticInsensitive, locale: nil)
    }

    /// The text as two spellings of one name are one: in small letters, without accents, and with a letter that is
    /// two written as two (`Straße` as `strasse`, `Cœur` as `coeur`, `Æble` as `aeble`), as topics and topic folders
    /// are told apart.
    var spellingKey: String {
        var key = lowercased()
        guard !key.utf8.allSatisfy({ $0 < 0x80 }) else { return key }
        key = key.withoutAccents
        for (letter, letters) in [("ß", "ss"), ("œ", "oe"), ("æ", "ae")] { key = key.replacingOccurrences(of: letter, with: letters) }
        return key
    }
}

/// Why an alias (`aliases:` in front matter) is not an address of the site's.
struct AliasProblem: Error {
    var message: String
    /// For a file's address (`/files/leaflet.txt`), the alias as written and the file's output path
    /// (`files/leaflet.txt`): whether the site publishes a file there already is the build's to say.
    var file: (written: String, outputPath: String)?

    /// What the site has at the file's address an alias names, as far as the build knows.
    enum FileThere {
        /// No file: the alias is the file's old address.
        case none
        /// A file of `Public/` or beside the articles, by its path in the site.
        case sitesFile(String)
        /// One of sitegen's own (`feed.xml`).
        case sitegens
        /// Not known: a build with other errors makes none of sitegen's own files.
        case unknown
    }

    /// The error of an alias that is a file's address (`/guide.pdf`), where a page that sends readers on cannot stand:
    /// where no file is, to keep the file there; where the site publishes one, that its address works as it is.
    static func fileAddress(_ written: String, outputPath: String, there: FileThere, publicFolder: String) -> String {
        let name = outputPath.split(separator: "/").last.map(String.init) ?? outputPath
        let other = "write an old page's address, such as \(SitePath.aliasExample)"
        return switch there {
        case .none: "the alias '\(written)' is a file's address (\(name)), where a page that sends readers on cannot stand; keep the file at that"
            + " place in \(publicFolder)/\(outputPath), or \(other)"
        case .sitesFile(let file): "the alias '\(written)' is the address at which the site publishes the file \(file) already: that address"
            + " works as it is; remove the alias"
        case .sitegens: "the alias '\(written)' is the address at which sitegen writes a file of its own already: that address works as it is;"
            + " remove the alias"
        case .unknown: "the alias '\(written)' is a file's address (\(name)), where a page that sends readers on cannot stand; remove it, or \(other)"
        }
    }
}

extension SitePath {
    /// The old address an alias's error gives as an example.
    static let aliasExample = "/heart/statins/"

    /// The output path of the page written at an alias, an old address of the site's written from its root, as a
    /// browser shows it or percent-encoded: `/heart/statins/` and `/heart/statins` are `heart/statins/index.html`,
    /// `/old.html` is `old.html`.
    /// - Parameter publicFolder: the site's folder of files published as they are, where a file's old address is kept.
    static func aliasPath(_ written: String, publicFolder: String) -> Result<String, AliasProblem> {
        let text = written.trimmingWhitespace
        let example = aliasExample
        if text.isEmpty { return .failure(AliasProblem(message: "an alias is empty; write an old address of the page, such as \(example), or remove the item")) }
        if text.contains("://") || text.hasPrefix("//") {
            let path = URL(string: text).map { $0.path.isEmpty ? "/" : $0.path } ?? example
            return .failure(AliasProblem(message: "the alias '\(text)' is a full address; an alias is an old address of this site, written from its root:"
                + " write \(path)\(path.hasSuffix("/") || path.hasSuffix(".html") ? "" : "/") (another site's address is that site's to redirect)"))
        }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            let path = String(text[..<cut])
            return .failure(AliasProblem(message: "the alias '\(text)' has a \(text[cut] == "?" ? "query" : "fragment"), which no page of its own"
                + " answers (a redirect page stands at a path): write \(path.isEmpty ? example : path)"))
        }
        guard text.hasPrefix("/") else {
            return .failure(AliasProblem(message: "the alias '\(text)' is written from the site's root, with a / first: /\(text)"))
        }
        let decoded = text.removingPercentEncoding ?? text
        let parts = decoded.split(separator: "/")
        if parts.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(AliasProblem(message: "the alias '\(text)' has '.' or '..' in it; write the old address from the site's root, as readers"
                + " saw it, such as \(example)"))
        }
        // A character no file's name should hold (the decoded NUL of `/x%00y/` ended the name at `x`), or one an address
        // cannot hold as it is; and a name of sitegen's own in the output, where the page would replace or lock it.
        if let scalar = decoded.unicodeScalars.first(where: { $0.isControlCharacter || "<>\"\\".unicodeScalars.contains($0) }) {
            let what = scalar.isControlCharacter ? "a control character (\(scalar.codePoint))" : "'\(scalar)'"
            return .failure(AliasProblem(message: "the alias '\(text)' holds \(what), which no page's address or file name may hold; write the old"
                + " address as readers saw it, such as \(example)"))
        }
        if let kept = parts.first(where: { isKeptForSitegen($0) }) {
            return .failure(AliasProblem(message: "the alias '\(text)' has \(kept) in it, a name the output folder keeps for \(keeper(of: kept)) and no page"
                + " may have; write another old address, such as \(example)"))
        }
        let path = parts.joined(separator: "/")
        if path.isEmpty { return .success("index.html") }
        if !decoded.hasSuffix("/"), path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm") { return .success(path) }
        // A file's address (`/guide.pdf`, `/feed.xml`): a page at `guide.pdf/index.html` is never what a request for it gets.
        if !decoded.hasSuffix("/"), let last = parts.last, let dot = last.lastIndex(of: "."), dot != last.startIndex, last[dot...].count <= 6 {
            return .failure(AliasProblem(
                message: AliasProblem.fileAddress(text, outputPath: path, there: .none, publicFolder: publicFolder), file: (text, path)))
        }
        return .success(path + "/index.html")
    }
}
