import Foundation

/// Decides whether a build may take an output folder, before anything is written or moved.
///
/// A build replaces its output folder whole, so it takes only a folder that is missing, empty, or holds the
/// marker file that every build writes (a folder sitegen made). Anything else is the user's and is refused,
/// never touched. `--force` takes a non-empty folder without the marker too, but never one that holds the sources:
/// the site folder or a folder above it, `Content/`, `Templates/` or `Public/` (or a folder inside them), the home
/// folder or a folder above it.
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
        /// A folder with files in it that no build of sitegen wrote.
        case notMadeBySitegen(examples: [String])

        var description: String {
            switch self {
            case .holdsSources(let what):
                return "refusing to build into \(what): a build replaces its output folder whole; choose a folder of its own, e.g. --output Output"
            case .notAFolder:
                return "the output is a file, not a folder; choose another --output"
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
        for name in SiteLayout.sourceFolders where Self.contains(source.appendingPathComponent(name), output) {
            let folder = source.appendingPathComponent(name)
            throw .holdsSources(what: output.pathComponents == folder.pathComponents ? "the site's \(name)/ folder" : "a folder inside the site's \(name)/ folder")
        }
        if Self.contains(output, home) { throw .holdsSources(what: "the home folder") }

        var status = stat()
        guard lstat(output.path, &status) == 0 else { return }  // missing: the build creates it
        let kind = status.st_mode & S_IFMT
        if kind == S_IFLNK {
            // A link to a folder is followed by the swap no more than any other name: it is replaced, so judge what it points to.
            guard stat(output.path, &status) == 0 else { throw .notAFolder }
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder }
        if force || Self.isMarked(output.path) { return }
        let names = FolderListing.entries(of: output.path).map(\.name).sorted()
        if !names.isEmpty { throw .notMadeBySitegen(examples: names) }
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
