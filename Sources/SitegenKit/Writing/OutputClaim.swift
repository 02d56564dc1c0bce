import Foundation

/// Decides whether a build may take an output folder, before anything is written or moved.
///
/// A build replaces its output folder whole, so it takes only a folder that is missing, empty, or holds the
/// marker file that every build writes (a folder sitegen made). Anything else is the user's and is refused,
/// never touched. `--force` takes a non-empty folder without the marker too, but never one that holds the sources:
/// the site folder or a folder above it, `Content/`, `Templates/` or `Public/` (or a folder inside them), a hidden
/// folder of the site (`.git/`, `.github/`), a folder that holds another site or a Git repository, the home folder
/// or a folder above it. A symbolic link is never an output: the swap would replace the link, not what it points to.
struct OutputClaim: Sendable {
    /// The file every build writes at the top of its output folder; its presence marks a folder sitegen made.
    static let markerName = ".sitegen-output"
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
        /// A symbolic link (to `target`), which the swap would replace with a folder.
        case link(target: String)
        /// A folder that holds a Git repository (`.git`) or another site (`sitegen.yml`), even with the marker.
        case holdsRepository, holdsSite
        /// A folder sitegen made, which holds files or folders that no build wrote there (`/` after a folder's name).
        case holdsUserFiles(examples: [String])
        /// A folder with files in it that no build of sitegen wrote.
        case notMadeBySitegen(examples: [String])

        var description: String {
            switch self {
            case .holdsSources(let what):
                return "refusing to build into \(what): a build replaces its output folder whole; choose a folder of its own, e.g. --output Output"
            case .notAFolder:
                return "the output is a file, not a folder; choose another --output"
            case .holdsRepository:
                return "refusing to build into a folder that holds .git (a Git repository), which a build would delete: it replaces its output"
                    + " folder whole; build into a folder of its own and copy the site into the repository, or move .git out"
            case .holdsUserFiles(let examples):
                let shown = examples.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                return "refusing to build: the output folder holds \(examples.count == 1 ? "a file" : "files") that no build wrote (\(shown)\(examples.count > 3 ? ", …" : "")),"
                    + " which a build would delete, as it replaces its output folder whole; move \(examples.count == 1 ? "it" : "them") out"
                    + " (into \(SiteLayout.public)/ to publish \(examples.count == 1 ? "it" : "them") with every build), or pass --force to delete \(examples.count == 1 ? "it" : "them")"
            case .holdsSite:
                return "refusing to build into a folder that holds \(SiteLayout.settings) (another site's folder): a build replaces its output"
                    + " folder whole; choose a folder of its own, e.g. --output Output"
            case .link(let target):
                return "the output is a symbolic link (to \(target)): a build replaces its output folder whole, and would replace the link"
                    + " with a folder; give the folder itself, --output \(target)"
            case .notMadeBySitegen(let examples):
                let shown = examples.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                return "refusing to build into a folder that sitegen did not make (it holds \(shown)\(examples.count > 3 ? ", …" : "")):"
                    + " a build replaces its output folder whole; choose an empty or new folder, or pass --force to replace it"
            }
        }
    }

    /// Throws when a build may not take the output folder.
    /// - Parameter force: take a non-empty folder without the marker (still never one that holds the sources).
    func check(force: Bool) throws(Refusal) {
        let output = Self.real(output), source = Self.real(source)
        let home = Self.real(FileManager.default.homeDirectoryForCurrentUser)
        if Self.contains(output, source) { throw .holdsSources(what: output == source ? "the site folder itself" : "a folder that holds the site folder") }
        /// The site's folder `name` (`Content`, `.git`) as the output is it or lies inside it.
        func siteFolder(_ name: String) -> Refusal {
            .holdsSources(what: output.pathComponents == source.appendingPathComponent(name).pathComponents ? "the site's \(name)/ folder" : "a folder inside the site's \(name)/ folder")
        }
        for name in SiteLayout.sourceFolders where Self.contains(source.appendingPathComponent(name), output) { throw siteFolder(name) }
        if Self.contains(output, home) { throw .holdsSources(what: "the home folder") }
        var status = stat()
        let unresolved = self.output.standardizedFileURL.path
        guard lstat(unresolved, &status) == 0 else { return }  // missing: the build creates it
        if status.st_mode & S_IFMT == S_IFLNK {
            throw .link(target: (try? FileManager.default.destinationOfSymbolicLink(atPath: unresolved)) ?? output.path)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder }
        // Another site's folder, or a repository's: its sources, never an output.
        if lstat(output.path + "/.git", &status) == 0 { throw .holdsRepository }
        if lstat(output.path + "/" + SiteLayout.settings, &status) == 0 { throw .holdsSite }
        if Self.isMarked(output.path) {
            guard !force else { return }
            let unknown = OutputFolders.unknownEntries(output: output.path, spare: OutputWriter(output: output).spare.path)
            if !unknown.isEmpty { throw .holdsUserFiles(examples: unknown) }
            return
        }
        let names = FolderListing.entries(of: output.path).map(\.name).sorted()
        guard !names.isEmpty else { return }
        // A hidden folder of the site that holds anything is the user's (`.git`, `.github`, an editor's), even with --force.
        if Self.contains(source, output), output.pathComponents.count > source.pathComponents.count,
           case let name = output.pathComponents[source.pathComponents.count], name.hasPrefix(".") {
            throw siteFolder(name)
        }
        if !force { throw .notMadeBySitegen(examples: names) }
    }

    /// Whether a folder holds the marker as a regular file (not a link to one).
    static func isMarked(_ folder: String) -> Bool {
        var status = stat()
        return lstat(folder + "/" + markerName, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
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

    /// The path with every symbolic link resolved (as far as it exists), so that two names of one folder compare equal.
    static func real(_ url: URL) -> URL {
        url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether `inner` is `outer` or lies below it.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let outerParts = outer.pathComponents, innerParts = inner.pathComponents
        return innerParts.count >= outerParts.count && Array(innerParts.prefix(outerParts.count)) == outerParts
    }
}
