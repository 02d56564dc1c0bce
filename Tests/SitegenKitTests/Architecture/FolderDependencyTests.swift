import Foundation
import Testing

/// The folders of `Sources/SitegenKit` are layers: `Model/` (the values every stage passes on) and `Support/`
/// depend on no other folder, and no folder uses a folder that uses it. A folder uses another when one of its
/// files names a type, function or constant declared at the top level of the other's files.
struct FolderDependencyTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SitegenKit")

    /// Folder → the folders it uses, with one name each that shows it.
    static func dependencies() throws -> [String: [String: String]] {
        let declaration = try NSRegularExpression(
            pattern: #"^(?:@\w+\s+)*(?:(?:public|internal|private|fileprivate|final|indirect)\s+)*(?:struct|class|enum|protocol|actor|typealias|func|let|var)\s+([A-Za-z_]\w*)"#,
            options: .anchorsMatchLines)
        var files: [(folder: String, text: String)] = []
        var owner: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let folder = url.path.dropFirst(sources.path.count + 1).split(separator: "/").first.map(String.init) ?? ""
            // Comments name types without using them.
            let text = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }.joined(separator: "\n")
            files.append((folder, text))
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                if owner[name] == nil { owner[name] = folder }
            }
        }
        let word = try NSRegularExpression(pattern: #"\b[A-Za-z_]\w*\b"#)
        var uses: [String: [String: String]] = [:]
        for (folder, text) in files {
            for match in word.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range, in: text)!])
                if let other = owner[name], other != folder, uses[folder, default: [:]][other] == nil {
                    uses[folder, default: [:]][other] = name
                }
            }
        }
        return uses
    }

    @Test func modelAndSupportUseNoOtherFolder() throws {
        let uses = try Self.dependencies()
        #expect(uses.count > 8, "the folders were not found: \(uses.keys.sorted())")
        for folder in ["Model", "Support"] {
            #expect(uses[folder, default: [:]].isEmpty, "\(folder)/ uses \(uses[folder, default: [:]])")
        }
    }

    @Test func noFolderUsesAFolderThatUsesIt() throws {
        let uses = try Self.dependencies()
        // Depth-first search for a path back to where it started.
        func path(from start: String, to goal: String, seen: inout Set<String>) -> [String]? {
            for next in uses[start, default: [:]].keys.sorted() {
                if next == goal { return [start, next] }
                guard seen.insert(next).inserted else { continue }
                if let rest = path(from: next, to: goal, seen: &seen) { return [start] + rest }
            }
            return nil
        }
        for folder in uses.keys.sorted() {
            var seen = Set<String>()
            if let cycle = path(from: folder, to: folder, seen: &seen) {
                let shown = zip(cycle, cycle.dropFirst()).map { "\($0) uses \($1) (\(uses[$0]![$1]!))" }
                Issue.record("a loop of folders: \(shown.joined(separator: ", "))")
            }
        }
    }
}
