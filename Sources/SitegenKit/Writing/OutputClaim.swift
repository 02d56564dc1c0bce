import Foundation

/// Decides whether a build may take an output folder, before anything is written or moved.
///
/// A build replaces its output folder whole, so it takes only a folder that is missing, empty, or holds the
/// marker file that every build writes (a folder sitegen made). Anything else is the user's and is refused,
/// never touched. `--force` takes a non-empty folder without the marker too, but never one that holds the sources:
/// the site folder or a folder above it, `Content/`, `Templates/` or `Public/` (or a folder inside them), a hidden
/// folder of the site (`.git/`, `.github/`), a folder that holds another site or a Git repository (or is, or lies in,
/// a `.git` folder), the home folder or a folder above it, a folder of the system's (`/tmp`, `/var`), a mount point;
/// nor a read-only folder. A symbolic link is never an output: the swap would replace the link, not what it points
/// to. Just before the swap, the build looks again (``OutputWriter/addedEntries(staging:)``): a file put into
/// the output while it ran, or one it read there, would go with the previous site.
struct OutputClaim: Sendable {
    /// The file every build writes at the top of its output folder; its presence marks a folder sitegen made.
    static let markerName = SiteLayout.outputMarker
    static let markerText = "This folder was written by `sitegen build`, which replaces all of it on every build.\n"

    let output: URL
    let source: URL

    init(output: URL, source: URL) {
        self.output = output
        self.source = source
    }

    /// Why a build may not write into an output folder.
    enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The folder holds the site's sources or the user's home: never an output, even with `--force`.
        case holdsSources(what: String)
        /// A file, not a folder.
        case notAFolder
        /// A folder whose permissions allow no writes (`chmod a-w`): kept as it is, as a tool that writes into it would.
        case readOnly
        /// A symbolic link (to `target`), which the swap would replace with a folder.
        case link(target: String)
        /// A folder that holds a Git repository (`.git`) or another site (`sitegen.yml`), even with the marker.
        case holdsRepository, holdsSite
        /// A folder sitegen made, which holds files or folders that no build wrote there (`/` after a folder's name);
        /// `unrecorded` when nothing records what the last build wrote, so that they are only known not to be this
        /// build's (they may be pages of articles deleted since); `earlierPages` when each is a page of sitegen's making
        /// or its search index's (``looksBuilt(_:in:)``).
        case holdsUserFiles(examples: [String], unrecorded: Bool, earlierPages: Bool = false)
        /// A folder with files in it that no build of sitegen wrote.
        case notMadeBySitegen(examples: [String])
        /// A folder of the system's: at the top of the file system (`/tmp`, `/var`), or one every user may write into
        /// (the sticky bit, as `/var/tmp` has), which a swap would replace with a folder of the build's permissions.
        case systemFolder(path: String)
        /// A folder another file system is mounted on (a disk, a share, a container's volume): a swap renames a folder
        /// into its place, which a mount point cannot take.
        case mountPoint(path: String)
        /// A folder that holds a file this build reads (a style, a bibliography an article names), which the swap would
        /// delete.
        case holdsInput(path: String)

        var description: String {
            switch self {
            case .holdsSources(let what):
                return "refusing to build into \(what): a build replaces its output folder whole; choose a folder of its own, e.g. --output Output"
            case .readOnly:
                return "the output folder is read-only (its permissions allow no writes), and a build replaces it whole; make it writable"
                    + " (chmod u+w) to build into it, or choose another --output"
            case .notAFolder:
                return "the output is a file, not a folder; choose another --output"
            case .holdsRepository:
                return "refusing to build into a folder that holds .git (a Git repository), which a build would delete: it replaces its output"
                    + " folder whole; build into a folder of its own and copy the site into the repository, or move .git out"
            case .holdsUserFiles(let examples, let unrecorded, let earlierPages):
                let shown = examples.prefix(3).map { "'\($0)'" }.joined(separator: ", "), one = examples.count == 1
                let folders = examples.count { $0.hasSuffix("/") }
                let kind = folders == 0 ? (one ? "a file" : "files") : folders == examples.count ? (one ? "a folder" : "folders") : "files and folders"
                let what = unrecorded
                    ? "\(kind) that this build did not write (\(shown)\(examples.count > 3 ? ", …" : "")), and nothing here records what the"
                        + " last build wrote (a build keeps that in the spare folder beside the output, which is not here: it is not in Git, so a"
                        + " fresh clone has none, or it was deleted), to tell yours from pages of articles renamed or deleted since; a build would"
                        + " delete \(one ? "it" : "them")"
                    : "\(kind) that no build wrote (\(shown)\(examples.count > 3 ? ", …" : "")), which a build would delete"
                if earlierPages {
                    // Moved into Public/, an earlier build's page of an answer would be published, outdated, with every build.
                    return "refusing to build: the output folder holds \(what), as it replaces its output folder whole; \(one ? "it looks" : "they look")"
                        + " like \(one ? "a page" : "pages") of an earlier build of sitegen's (an answer renamed or deleted since): pass --force to"
                        + " replace \(one ? "it" : "them"), and to keep an old address, list it under its answer's aliases:"
                }
                return "refusing to build: the output folder holds \(what), as it replaces its output folder whole; move \(one ? "it" : "them") out"
                    + " (into \(SiteLayout.public)/ to publish \(one ? "it" : "them") with every build), or pass --force to delete \(one ? "it" : "them")"
            case .holdsSite:
                return "refusing to build into a folder that holds \(SiteLayout.settings) (another site's folder): a build replaces its output"
                    + " folder whole; choose a folder of its own, e.g. --output Output"
            case .link(let target):
                return "the output is a symbolic link (to \(target)): a build replaces its output folder whole, and would replace the link"
                    + " with a folder; give the folder itself, --output \(target)"
            case .systemFolder(let path):
                return "refusing to build into \(path), a folder of the system's (at the top of the file system, or one every user may"
                    + " write into), even with --force: a build replaces its output folder whole; build into a folder of its own, e.g."
                    + " --output \(path == "/" ? "" : path)/site"
            case .mountPoint(let path):
                return "\(path) is a mount point (another disk or share is mounted there): a build replaces its output folder by renaming"
                    + " a new one into its place, which a mount point cannot take; build into a folder inside it, e.g. --output \(path)/site"
            case .holdsInput(let path):
                return "refusing to build: the output folder holds \(path), which this build reads, and a build replaces its output"
                    + " folder whole (even with --force); move the file out of it, or choose another --output"
            case .notMadeBySitegen(let examples):
                let shown = examples.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                return "refusing to build into a folder that sitegen did not make (it holds \(shown)\(examples.count > 3 ? ", …" : "")):"
                    + " a build replaces its output folder whole; choose an empty or new folder, or pass --force to replace it"
            }
        }
    }

    /// What a build knows of the files an output folder it may take holds.
    enum Knowledge: Equatable, Sendable {
        /// None, or each one is a build's (a folder that is missing, empty or forced; or sitegen's, with nothing added
        /// since its last build by the spare's record).
        case known
        /// The folder is sitegen's, but nothing records what its last build wrote there (the spare deleted, or the
        /// output a copy): the build compares it with what it writes before the swap (``OutputWriter/unwrittenEntries()``).
        case unrecorded
    }

    /// Throws when a build may not take the output folder.
    /// - Parameter force: take a non-empty folder without the marker (still never one that holds the sources).
    func check(force: Bool) throws(Refusal) -> Knowledge {
        let output = Self.real(output), source = Self.real(source)
        let home = Self.real(FileManager.default.homeDirectoryForCurrentUser)
        if Self.contains(output, source) { throw .holdsSources(what: output == source ? "the site folder itself" : "a folder that holds the site folder") }
        /// The site's folder `name` (`Content`, `.git`) as the output is it or lies inside it.
        func siteFolder(_ name: String) -> Refusal {
            .holdsSources(what: output.pathComponents == source.appendingPathComponent(name).pathComponents ? "the site's \(name)/ folder" : "a folder inside the site's \(name)/ folder")
        }
        for name in SiteLayout.sourceFolders where Self.contains(source.appendingPathComponent(name), output) { throw siteFolder(name) }
        if Self.contains(output, home) { throw .holdsSources(what: "the home folder") }
        // A repository's own folder, made or not yet (`--output .git` in a site that is no repository yet).
        if output.pathComponents.contains(".git") || self.output.standardizedFileURL.pathComponents.contains(".git") {
            throw .holdsSources(what: "a Git repository's .git folder")
        }
        var status = stat()
        let unresolved = self.output.standardizedFileURL.path
        guard lstat(unresolved, &status) == 0 else { return .known }  // missing: the build creates it
        if status.st_mode & S_IFMT == S_IFLNK {
            throw .link(target: (try? FileManager.default.destinationOfSymbolicLink(atPath: unresolved)) ?? output.path)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder }
        var parentStatus = stat()
        if output.pathComponents.count > 2, lstat(output.deletingLastPathComponent().path, &parentStatus) == 0, parentStatus.st_dev != status.st_dev {
            throw .mountPoint(path: self.output.standardizedFileURL.path)
        }
        if output.pathComponents.count <= 2 || status.st_mode & S_ISVTX != 0 { throw .systemFolder(path: output.path) }
        // By its permission bits, not `access`: a build run as root may write anywhere, yet the mark is the user's.
        if status.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 { throw .readOnly }
        // Another site's folder, or a repository's: its sources, never an output.
        if lstat(output.path + "/.git", &status) == 0 { throw .holdsRepository }
        if lstat(output.path + "/" + SiteLayout.settings, &status) == 0 { throw .holdsSite }
        if Self.isMarked(output.path) {
            guard !force else { return .known }
            guard let unknown = OutputFolders.unknownEntries(output: output.path, spare: OutputWriter(output: output).spare.path) else { return .unrecorded }
            if !unknown.isEmpty { throw .holdsUserFiles(examples: unknown, unrecorded: false) }
            return .known
        }
        let names = FolderListing.entries(of: output.path).map(\.name).sorted()
        guard !names.isEmpty else { return .known }
        // A hidden folder of the site that holds anything is the user's (`.git`, `.github`, an editor's), even with --force.
        if Self.contains(source, output), output.pathComponents.count > source.pathComponents.count,
           case let name = output.pathComponents[source.pathComponents.count], name.hasPrefix(".") {
            throw siteFolder(name)
        }
        if !force { throw .notMadeBySitegen(examples: names) }
        return .known
    }

    /// The first of the site's files a build read (site-relative paths) that lies in the output folder, which the swap
    /// would delete with the previous site (`--force` took a folder holding the site's style).
    func input(among paths: some Sequence<String>) -> String? {
        let output = Self.real(output), source = Self.real(source)
        return paths.sorted().first { path in
            Self.contains(output, Self.real(source.appendingPathComponent(path))) && FileManager.default.fileExists(atPath: source.appendingPathComponent(path).path)
        }
    }

    /// Whether an entry of an output folder (a folder with a `/` at its end) is of a build's making: a file of the
    /// search index (`search/`), a page that links sitegen's stylesheet (`assets/sitegen.css`, as the built-in
    /// templates do), or a folder of such pages (and a topic's `feed.xml`), with one at least.
    static func looksBuilt(_ entry: String, in output: String) -> Bool {
        if entry.hasPrefix("search/") { return true }
        func isPage(_ path: String) -> Bool {
            guard path.hasSuffix("index.html"), isRegularFile(output + "/" + path), let data = FileManager.default.contents(atPath: output + "/" + path)
            else { return false }
            return String(decoding: data.prefix(8192), as: UTF8.self).contains("assets/sitegen.css\"")
        }
        guard entry.hasSuffix("/") else { return isPage(entry) }
        let files = (FileManager.default.enumerator(atPath: output + "/" + entry)?.allObjects as? [String] ?? [])
            .filter { isRegularFile(output + "/" + entry + $0) }
        return files.contains { $0.hasSuffix("index.html") } && files.allSatisfy { isPage(entry + $0) || $0 == "feed.xml" || $0.hasSuffix("/feed.xml") }
    }

    /// Whether a folder holds the marker as a regular file (not a link to one).
    static func isMarked(_ folder: String) -> Bool {
        isRegularFile(folder + "/" + markerName)
    }

    /// Whether a path is a regular file (not a link to one).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Writes the marker into a folder sitegen has just made.
    static func mark(_ folder: String) -> Int32? {
        let descriptor = open(folder + "/" + markerName, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return errno }
        let written = markerText.utf8.withContiguousStorageIfAvailable { Foundation.write(descriptor, $0.baseAddress!, $0.count) }
        let failed = written == markerText.utf8.count ? nil : errno
        close(descriptor)
        return failed
    }

    /// The path with every symbolic link resolved, so that two names of one folder compare equal: the part that
    /// exists resolved, the rest (folders a build would make) after it. (`-o cl/new` with `cl` a link to `Content`
    /// names a folder inside `Content/`; Foundation resolves nothing of a path that does not exist whole.)
    static func real(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while existing.path != "/" {
            if let resolved = realpath(existing.path, nil) {
                defer { free(resolved) }
                var result = URL(fileURLWithPath: String(cString: resolved))
                for name in missing.reversed() { result.appendPathComponent(name) }
                return result.standardizedFileURL
            }
            missing.append(existing.lastPathComponent)
            existing = existing.deletingLastPathComponent()
        }
        return url.standardizedFileURL
    }

    /// Whether `inner` is `outer` or lies below it.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let outerParts = outer.pathComponents, innerParts = inner.pathComponents
        return innerParts.count >= outerParts.count && Array(innerParts.prefix(outerParts.count)) == outerParts
    }
}
