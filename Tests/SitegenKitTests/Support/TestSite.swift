import Foundation
import SitegenKit
import Testing

/// A site folder in a temporary directory, written from a dictionary of files.
struct TestSite {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var output: URL { root.appendingPathComponent("Output") }

    func build(drafts: Bool = false, baseURL: String? = nil) async -> BuildReport {
        await BuildPipeline(BuildOptions(source: root.path, includeDrafts: drafts, baseURL: baseURL)).run()
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file below the output folder with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[String(url.standardizedFileURL.path.dropFirst(output.standardizedFileURL.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The folder of the test fixtures.
let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The `shared/` folder beside the repository (reference data), if present.
let sharedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

/// A minimal valid article.
func article(_ title: String = "A question?", _ body: String = "Text.\n", extra: String = "") -> String {
    "---\ntitle: \(title)\n\(extra)---\n\(body)"
}

/// Expects `body` to throw exactly the diagnostic line `expected`.
func expectDiagnostic(
    _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws(Diagnostic) -> Void
) {
    do {
        try body()
        Issue.record("expected the error \(expected)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.description == expected, sourceLocation: sourceLocation)
    }
}
