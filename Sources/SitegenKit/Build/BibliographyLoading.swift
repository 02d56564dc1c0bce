import Foundation

/// Stage 3: the site-wide bibliography (`Content/bibliography/`) and the files articles name, each file read
/// once however many articles name it.
struct BibliographyLoading: Sendable {
    let root: URL

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
        var diagnostics: [Diagnostic] = []
    }

    /// - Parameter edited: whether only articles changed, each naming the same files as before.
    func load(siteFiles: [String], articles: [Article], edited: Bool, memo: inout BuildMemo) -> Output {
        if edited, var previous = memo.loadedBibliographies {
            previous.changedSiteKeys = []
            return previous
        }
        var output = Output()
        // A site-wide entry that cannot be read is skipped with a warning; citing it is an error that says where it broke.
        var siteVersions: [Int] = []
        for path in siteFiles {
            let file = read(path, siteWide: true, memo: &memo, output: &output)
            siteVersions.append(output.versions[path] ?? 0)
            output.site.add(file.references, diagnostics: &output.diagnostics)
            output.broken.site.merge(file.broken) { first, _ in first }
        }
        for article in articles {
            for (path, location) in article.frontMatter.bibliography {
                let resolved = SitePath.resolve(path, relativeTo: article.source.path)
                guard output.files[resolved] == nil else { continue }
                guard FileManager.default.fileExists(atPath: root.appendingPathComponent(resolved).path) else {
                    output.diagnostics.append(.error(at: location, "bibliography file '\(path)' not found (looked for \(resolved))"))
                    output.files[resolved] = []
                    continue
                }
                let file = read(resolved, siteWide: false, memo: &memo, output: &output)
                output.files[resolved] = file.references
                output.broken.files[resolved] = file.broken
            }
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
    /// - Parameter siteWide: a file of `Content/bibliography/`, whose unreadable entries are warnings (only citing
    ///   one fails a build); in a file an article names, they are errors.
    private func read(_ path: String, siteWide: Bool, memo: inout BuildMemo, output: inout Output) -> BibliographyFile {
        let text = memo.text(path, root: root)
        output.versions[path] = text.version
        let file: BibliographyFile
        if let kept = memo.bibliographyFiles[path], kept.version == text.version {
            file = kept.file
        } else {
            switch text.text {
            case .failure(let error):
                output.diagnostics.append(error)
                memo.bibliographyFiles[path] = nil
                return BibliographyFile()
            case .success(let source):
                var read: BibliographyFile
                do {
                    read = try BibliographyReader().readFile(source)
                } catch {
                    read = BibliographyFile(problems: [error])
                }
                if read.references.isEmpty, read.problems.isEmpty {
                    read.problems.append(.warning(at: source.start, "the bibliography file has no entries"))
                }
                file = read
                if memo.keeps { memo.bibliographyFiles[path] = (text.version, read) }
            }
        }
        for problem in file.problems {
            let isEntryProblem = problem.isError && file.broken.values.contains(problem.location)
            if siteWide, isEntryProblem {
                output.diagnostics.append(.warning(at: problem.location, problem.message + "; the entry is skipped, and citing it is an error"))
            } else {
                output.diagnostics.append(problem)
            }
        }
        return file
    }

    /// Whether two entries would print the same (their places in their files aside).
    static func sameContent(_ lhs: Reference?, _ rhs: Reference?) -> Bool {
        guard var lhs, let rhs else { return lhs == nil && rhs == nil }
        lhs.location = rhs.location
        return lhs == rhs
    }
}

/// Where the bibliography entries that could not be read broke, by key: site-wide, and per file an article names.
struct BrokenEntries: Sendable {
    var site: [String: SourceLocation] = [:]
    var files: [String: [String: SourceLocation]] = [:]
}
