import Foundation
import Synchronization

/// Stage 3: the site-wide bibliography (`Content/bibliography/`) and the files articles name, each file read
/// once however many articles name it. The site-wide files are read before stage 2 and parsed while it runs.
struct BibliographyLoading: Sendable {
    let root: URL
    /// The site's language, which decides how BibTeX titles are cased (``BibTeXReader/siteLanguage``).
    var siteLanguage: String?

    struct Output: Sendable {
        var site = Bibliography()
        /// The entries of each file an article names, by site-relative path.
        var files: [String: [Reference]] = [:]
        /// Where the entries that could not be read broke, by key.
        var broken = BrokenEntries()
        /// The version of each file's text: an article is rendered again when one of its own files changes.
        var versions: [String: Int] = [:]
        /// Site-wide keys whose entries changed since the previous build; nil when there is no previous build.
        var changedSiteKeys: Set<String>?
        /// The site-wide entries in file order.
        var siteEntries: [Reference] = []
        /// The bibliography files beside articles, whose keys an unknown key is looked up in.
        var besideArticles: UnreadBibliographies?
        var diagnostics: [Diagnostic] = []
    }

    /// The site-wide files, read before the articles are, and parsed (those not kept from the previous build) by
    /// ``parse()`` on another core while the articles load.
    struct SiteFiles: Sendable {
        var texts: [(path: String, text: BuildMemo.FileText)] = []
        /// The other files of `Content/bibliography/`, which are not read unless an article names one.
        var unread: [String] = []
        /// The bibliography files beside articles, read only when an article names one.
        var besideArticles: [String] = []
        /// The texts to parse: the others are kept in the memo.
        fileprivate var unparsed: [(path: String, source: SourceText)] = []
        fileprivate var siteLanguage: String?

        func parse() -> [String: BibliographyFile] {
            Dictionary(unparsed.map { ($0.path, BibliographyLoading.parse($0.source, siteLanguage: siteLanguage)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func readSiteFiles(_ paths: [String], unread: [String] = [], besideArticles: [String] = [], memo: inout BuildMemo) -> SiteFiles {
        var files = SiteFiles(unread: unread, besideArticles: besideArticles, siteLanguage: siteLanguage)
        // Entries read in another language are read again (a BibTeX title's case depends on it).
        if memo.bibliographyLanguage != siteLanguage {
            memo.bibliographyFiles = [:]
            memo.bibliographyLanguage = siteLanguage
        }
        for path in paths {
            let text = memo.text(path, root: root, legacy: true)
            files.texts.append((path, text))
            if case .success(let source) = text.text, memo.bibliographyFiles[path]?.version != text.version {
                files.unparsed.append((path, source))
            }
        }
        return files
    }

    /// - Parameters:
    ///   - siteFiles: the site-wide files from ``readSiteFiles(_:memo:)``, and those of them parsed.
    ///   - edited: whether only articles changed, each naming the same files as before.
    func load(
        siteFiles: SiteFiles, parsed: [String: BibliographyFile], articles: [Article], edited: Bool, memo: inout BuildMemo
    ) -> Output {
        if edited, var previous = memo.loadedBibliographies {
            previous.changedSiteKeys = []
            return previous
        }
        var output = Output()
        output.besideArticles = UnreadBibliographies(root: root, paths: siteFiles.besideArticles)
        // A site-wide entry that cannot be read is skipped with a warning; citing it is an error that says where it broke.
        var siteVersions: [Int] = []
        var siteFilesRead: [String: BibliographyFile] = [:]
        for (path, text) in siteFiles.texts {
            let file = read(path, text: text, parsed: parsed[path], siteWide: true, memo: &memo, output: &output)
            siteFilesRead[path] = file
            siteVersions.append(output.versions[path] ?? 0)
            output.site.add(file.references, diagnostics: &output.diagnostics)
            output.broken.site.merge(file.broken) { first, _ in first }
        }
        for article in articles {
            for (path, location) in article.frontMatter.bibliography {
                let (resolved, leaves) = SitePath.resolving(path, relativeTo: article.source.path)
                guard output.files[resolved] == nil else { continue }
                if !leaves { memo.namedPaths.insert(resolved) }
                // A file of the site's bibliography, which every article reads: read once, its problems said once (as
                // a site-wide file's).
                if !leaves, let file = siteFilesRead[resolved] {
                    output.files[resolved] = file.references
                    output.broken.files[resolved] = file.broken
                    continue
                }
                // As the files of the site are listed, so is one an article names: never read through a link, which may
                // lead anywhere on this machine (or nowhere: a link whose file is gone is one too, not a file missing).
                let link = leaves ? nil : SitePath.symbolicLink(in: resolved, root: root)
                guard !leaves, link == nil, FileManager.default.fileExists(atPath: root.appendingPathComponent(resolved).path) else {
                    let message =
                        if leaves {
                            "bibliography file '\(path)' leads out of the site folder, and sitegen reads no file outside it (the site must build"
                                + " the same on every machine): copy it into \(SiteLayout.bibliography)/, which every article reads"
                        } else if let link {
                            "bibliography file '\(path)' is read through a symbolic link (\(link)), and sitegen follows none (the site must"
                                + " build the same on every machine): put the file itself at \(resolved), or in \(SiteLayout.bibliography)/,"
                                + " which every article reads"
                        } else {
                            "bibliography file '\(path)' not found (looked for \(resolved))"
                                + (movedFileHint(article, besideArticles: output.besideArticles) ?? missingFileHint(path, resolved: resolved))
                        }
                    output.diagnostics.append(.error(at: location, message, naming: leaves ? [] : [resolved]))
                    output.files[resolved] = []
                    // A key cited from a file that is there is said to be in a file that could not be read; one cited from a
                    // file that is not is looked for in the site's other files (``UnreadBibliographies``).
                    if leaves || link != nil { output.broken.unreadable.insert(resolved) } else { output.broken.missing.insert(resolved) }
                    continue
                }
                let file = read(resolved, text: memo.text(resolved, root: root, legacy: true), siteWide: false, memo: &memo, output: &output)
                output.files[resolved] = file.references
                output.broken.files[resolved] = file.broken
            }
        }
        for path in siteFiles.unread where output.files[path] == nil {
            // A reference manager's export saved under another name is read once renamed: say so, rather than leave
            // its citations to say only that no bibliography has their keys.
            guard let hint = Self.firstText(of: root.appendingPathComponent(path)).flatMap({ BibliographyFormat.hint(path: path, text: $0) }) else { continue }
            output.diagnostics.append(
                .warning(at: .file(path), "this file is not read (bibliography files are .bib, .bibtex, .json, .yaml, .ris and .nbib): \(hint)"))
        }
        BuildMemo.keep(Set(output.versions.keys), in: &memo.bibliographyFiles)
        // Which site-wide entries changed: only the articles that looked one of them up are rendered again.
        let site = output.site.references
        if let previous = memo.siteReferences {
            output.changedSiteKeys = siteVersions == memo.siteFileVersions ? [] : Set(previous.keys).union(site.keys).filter {
                !Self.sameContent(previous[$0], site[$0])
            }
        }
        output.siteEntries = site.values.sorted { $0.location < $1.location }
        if memo.keeps {
            memo.siteReferences = site
            memo.siteFileVersions = siteVersions
            memo.loadedBibliographies = output
        }
        return output
    }

    /// Reads a bibliography file once per change, every entry it can.
    /// - Parameters:
    ///   - parsed: the file as ``SiteFiles/parse()`` read `text`, if it did.
    ///   - siteWide: a file of `Content/bibliography/`, whose unreadable entries are warnings (only citing one fails a
    ///     build); in a file an article names, they are errors.
    private func read(
        _ path: String, text: BuildMemo.FileText, parsed: BibliographyFile? = nil, siteWide: Bool, memo: inout BuildMemo, output: inout Output
    ) -> BibliographyFile {
        output.versions[path] = text.version
        let file: BibliographyFile
        if let kept = memo.bibliographyFiles[path], kept.version == text.version {
            file = kept.file
        } else {
            switch text.text {
            case .failure(let error):
                output.diagnostics.append(error)
                output.broken.unreadable.insert(path)
                memo.bibliographyFiles[path] = nil
                return BibliographyFile()
            case .success(let source):
                file = parsed ?? Self.parse(source, siteLanguage: siteLanguage)
                if memo.keeps { memo.bibliographyFiles[path] = (text.version, file) }
            }
        }
        // A file of which nothing could be read (a JSON syntax error): an unknown key may be one of its entries.
        if file.references.isEmpty, file.problems.contains(where: \.isError) { output.broken.unreadable.insert(path) }
        for problem in file.problems {
            let isEntryProblem = problem.isError && file.broken.values.contains(problem.location)
            if siteWide, isEntryProblem {
                output.diagnostics.append(
                    .warning(at: problem.location, problem.message + "; the entry is skipped, and citing it is an error", naming: problem.namedFiles))
            } else if siteWide, problem.isError, file.keyless.contains(problem.location) {
                output.diagnostics.append(.warning(at: problem.location, problem.message + "; the entry is skipped", naming: problem.namedFiles))
            } else {
                output.diagnostics.append(problem)
            }
        }
        return file
    }

    /// Where the file an article names but is not found went, when the article moved away from it (or it from the
    /// article): the file beside articles that holds the most of the keys the article cites, with the path to write.
    private func movedFileHint(_ article: Article, besideArticles: UnreadBibliographies?) -> String? {
        guard let besideArticles, !besideArticles.paths.isEmpty else { return nil }
        let body = article.isBodyDeferred ? (try? BuildMemo.read(article.source.path, root: root).get()) ?? article.body : article.body
        var held: [String: [String]] = [:]
        for key in ArticleLoading.citedKeys(in: body.text).sorted() {
            for file in besideArticles.files(holding: key, except: []) { held[file, default: []].append(key) }
        }
        guard let (file, keys) = held.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }) else { return nil }
        let folder = article.source.path.split(separator: "/").dropLast().joined(separator: "/")
        let shown = keys.prefix(3).joined(separator: ", ") + (keys.count > 3 ? ", …" : "")
        return "; \(file) holds the keys it cites (\(shown)): write bibliography: \(SitePath.relative(file, from: folder))"
    }

    /// What was meant by a bibliography path that names no file: the path from the site folder written without its
    /// `/` (paths are the article's, `../refs.bib`), or a file of another name in that folder (`refs.bib` for `ref.bib`).
    private func missingFileHint(_ path: String, resolved: String) -> String {
        let shared = SiteLayout.bibliography + "/" + path
        if !path.contains("/"), FileManager.default.fileExists(atPath: root.appendingPathComponent(shared).path) {
            // `bibliography: references.json` for Content/bibliography/references.json.
            return "; \(shared) is read for every article already: remove the line"
        }
        if !path.hasPrefix("/"), FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            return "; a path is relative to the article's folder: write '/\(path)' for one from the site folder"
        }
        if path.hasPrefix("/"), FileManager.default.fileExists(atPath: path) {
            // pandoc's `bibliography: /home/me/library.bib`.
            return "; a path starting with '/' starts at the site folder, and sitegen reads no file outside it (the site must build the same"
                + " on every machine): copy \(path) into \(SiteLayout.bibliography)/, which every article reads"
        }
        let folder = resolved.split(separator: "/").dropLast().joined(separator: "/")
        let names = FolderListing.entries(of: root.appendingPathComponent(folder).path).map(\.name).filter { name in
            name.split(separator: ".").last.map { Reference.fileExtensions.contains($0.lowercased()) } ?? false
        }
        let written = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let name = written.last, let near = Suggestion.nearest(to: String(name), among: names) else { return "" }
        return "; did you mean '\((written.dropLast().map(String.init) + [near]).joined(separator: "/"))'?"
    }

    /// The first 8 KB of a file as text, nil when it cannot be read or is not text (a PDF kept beside the exports).
    private static func firstText(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 8192), !data.contains(0) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every entry of a file that can be read, and the problems of the others.
    static func parse(_ source: SourceText, siteLanguage: String? = nil) -> BibliographyFile {
        var file: BibliographyFile
        do {
            file = try BibliographyReader(siteLanguage: siteLanguage).readFile(source)
        } catch {
            file = BibliographyFile(problems: [error])
        }
        if file.references.isEmpty, file.problems.isEmpty {
            file.problems.append(.warning(at: source.start, "the bibliography file has no entries"))
        }
        if let control = TextFileReader.controlCharacterWarning(source) { file.problems.insert(control, at: 0) }
        if let (location, byte) = source.legacyByte {
            let character = TextFileReader.windows1252([byte])
            file.problems.insert(
                .warning(
                    at: location,
                    "file is not UTF-8: it was read as Windows-1252 (Latin-1), the encoding of older exports, so byte 0x\(String(byte, radix: 16, uppercase: true)) here is '\(character)'; "
                        + "if its letters print wrong, save it as UTF-8 in your editor ('iconv -f windows-1252 -t utf-8' converts it)"),
                at: 0)
        }
        return file
    }

    /// Whether two entries would print the same (their places in their files aside).
    static func sameContent(_ lhs: Reference?, _ rhs: Reference?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        return lhs.placed(like: rhs) == rhs
    }
}

/// Where the bibliography entries that could not be read broke, by key: site-wide, and per file an article names.
struct BrokenEntries: Sendable {
    var site: [String: SourceLocation] = [:]
    var files: [String: [String: SourceLocation]] = [:]
    /// The files that could not be read at all (not UTF-8, say), whose keys are not known.
    var unreadable: Set<String> = []
    /// The files articles name in `bibliography:` that are not there.
    var missing: Set<String> = []
}

/// Bibliography files of the site that are read only when an article names one (beside articles): when a key is cited
/// that no bibliography of its article has, the error says which of these holds it. They are read the first time one
/// is asked for, and only then: a build that cites no unknown key never reads them.
final class UnreadBibliographies: Sendable {
    let root: URL
    let paths: [String]
    /// Each key of the files, with the files that have it.
    private let keys = Mutex<[String: [String]]?>(nil)

    init(root: URL, paths: [String]) {
        self.root = root
        self.paths = paths
    }

    /// The files that hold `key`, but for those in `except` (the files the article reads).
    func files(holding key: String, except: Set<String>) -> [String] {
        guard !paths.isEmpty else { return [] }
        let keys = keys.withLock { keys in
            if let keys { return keys }
            var found: [String: [String]] = [:]
            for path in paths {
                guard let source = try? TextFileReader.read(root.appendingPathComponent(path), path: path),
                    let file = try? BibliographyReader().readFile(source)
                else { continue }
                for reference in file.references { found[reference.id, default: []].append(path) }
            }
            keys = found
            return found
        }
        return (keys[key] ?? []).filter { !except.contains($0) }
    }
}
