import Foundation

/// Writes a site into a fresh staging folder beside the output folder and swaps it in, so that the
/// output folder always holds a complete site: the previous one until the new one is whole.
public struct OutputWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(output.lastPathComponent).sitegen-staging-" }
    private var retiredPrefix: String { ".\(output.lastPathComponent).sitegen-old-" }

    /// Puts back a site that a killed build had moved aside, and removes staging folders it left behind.
    public func recover() {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names.sorted() {
            let url = parent.appendingPathComponent(name)
            if name.hasPrefix(retiredPrefix) {
                if !fileManager.fileExists(atPath: output.path) {
                    try? fileManager.moveItem(at: url, to: output)
                } else {
                    try? fileManager.removeItem(at: url)
                }
            } else if name.hasPrefix(stagingPrefix) {
                try? fileManager.removeItem(at: url)
            }
        }
    }

    /// Creates the staging folder.
    public func makeStaging() throws(Diagnostic) -> URL {
        let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create the staging folder \(staging.path): \(error.localizedDescription)")
        }
        return staging
    }

    /// Writes one file below the staging folder.
    public func write(_ data: Data, to relativePath: String, in staging: URL) throws(Diagnostic) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw failure("cannot write \(relativePath): \(error.localizedDescription)")
        }
    }

    /// Copies a file byte for byte below the staging folder.
    public func copy(_ source: URL, to relativePath: String, in staging: URL) throws(Diagnostic) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw failure("cannot copy \(relativePath): \(error.localizedDescription)")
        }
    }

    /// Replaces the output folder with the staging folder.
    public func swapIn(_ staging: URL) throws(Diagnostic) {
        let fileManager = FileManager.default
        let retired = parent.appendingPathComponent(retiredPrefix + UUID().uuidString)
        let hadOutput = fileManager.fileExists(atPath: output.path)
        do {
            if hadOutput { try fileManager.moveItem(at: output, to: retired) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw failure("cannot move the previous output aside: \(error.localizedDescription)")
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if hadOutput { try? fileManager.moveItem(at: retired, to: output) }
            try? fileManager.removeItem(at: staging)
            throw failure("cannot move the new site into place: \(error.localizedDescription)")
        }
        if hadOutput { try? fileManager.removeItem(at: retired) }
    }

    /// Removes a staging folder after a failed build.
    public func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }

    private func failure(_ message: String) -> Diagnostic {
        .error(at: SourceLocation(path: output.lastPathComponent, line: 1, column: 1), message)
    }
}
