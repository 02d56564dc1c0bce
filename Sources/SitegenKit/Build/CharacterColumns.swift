import Foundation

/// Diagnostics' columns as an editor counts them: in characters, where the stages count UTF-8 bytes (as cmark
/// does). Converted once, where diagnostics are shown: a line with `≥`, `µ` or `é` before a mistake would otherwise
/// point a few columns past it. Templates' columns are counted in characters already.
public enum CharacterColumns {
    /// The diagnostics with each column on a line of a site file counted in characters; a file that cannot be read
    /// again, or a place that is no file's (`--base-url`, a built-in template), keeps its column.
    /// - Parameter root: the site folder, which the diagnostics' paths are relative to.
    public static func converting(_ diagnostics: [Diagnostic], root: URL) -> [Diagnostic] {
        var files: [String: YAMLReader.Lines?] = [:]
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            let location = diagnostic.location
            guard location.column > 1, !location.path.hasPrefix("<"), !location.path.hasPrefix("-"),
                !location.path.hasPrefix(SiteLayout.templates + "/")
            else { return diagnostic }
            if files[location.path] == nil {
                let file = location.path.hasPrefix("/") ? location.path : root.path + "/" + location.path
                // Read as the build read it (Windows-1252, UTF-16, CR LF), so that its bytes are the ones counted.
                files[location.path] = .some((try? TextFileReader.read(file: file, path: location.path, legacy: true)).map { YAMLReader.Lines($0.text) })
            }
            if let lines = files[location.path] ?? nil, let column = lines.scalarColumn(line: location.line, byteColumn: location.column) {
                diagnostic.location.column = column
            }
            return diagnostic
        }
    }
}
