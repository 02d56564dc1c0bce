import Foundation

/// Diagnostics' columns as an editor counts them: in characters, where the stages count UTF-8 bytes (as cmark
/// does). Converted once, where diagnostics are shown: a line with `≥`, `µ` or `é` before a mistake would otherwise
/// point a few columns past it. Templates' columns are counted in characters already.
public enum CharacterColumns {
    /// The diagnostics with each column on a line of a site file counted in characters; a file that cannot be read
    /// again, or a place that is no file's (`--base-url`, a built-in template), keeps its column.
    /// - Parameter root: the site folder, which the diagnostics' paths are relative to.
    public static func converting(_ diagnostics: [Diagnostic], root: URL) -> [Diagnostic] {
        var lines: [String: [ArraySlice<UInt8>]?] = [:]
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            let location = diagnostic.location
            guard location.column > 1, !location.path.hasPrefix("<"), !location.path.hasPrefix("-"),
                !location.path.hasPrefix(SiteLayout.templates + "/")
            else { return diagnostic }
            if lines[location.path] == nil {
                let file = location.path.hasPrefix("/") ? location.path : root.path + "/" + location.path
                // Read as the build read it (Windows-1252, UTF-16, CR LF), so that its bytes are the ones counted.
                let text = try? TextFileReader.read(file: file, path: location.path, legacy: true).text
                lines[location.path] = .some(text.map { Array($0.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) })
            }
            guard let fileLines = lines[location.path] ?? nil, location.line >= 1, location.line <= fileLines.count else { return diagnostic }
            diagnostic.location.column = column(ofByteColumn: location.column, in: fileLines[location.line - 1])
            return diagnostic
        }
    }

    /// A byte column of a line (1-based) as a character column: the scalars before it, each counted once; past the
    /// line's end, each byte one more.
    static func column(ofByteColumn byteColumn: Int, in line: ArraySlice<UInt8>) -> Int {
        let before = line.prefix(byteColumn - 1)
        let scalars = before.count { $0 & 0xC0 != 0x80 }
        return scalars + (byteColumn - 1 - before.count) + 1
    }
}
