import Foundation

/// Diagnostics' columns as an editor counts them: in characters, where the stages count UTF-8 bytes (as cmark
/// does). Converted once, where diagnostics are shown: a line with `≥`, `µ` or `é` before a mistake would otherwise
/// point a few columns past it. Templates' columns are counted in characters already.
public enum CharacterColumns {
    /// The diagnostics with each column on a line of a site file counted in characters; a file that cannot be read
    /// again, or a place that is no file's (`--base-url`, a built-in template), keeps its column.
    ///
    /// Each file is read again once, the files on all cores: a site whose every article has a warning would
    /// otherwise wait for its files one by one after the build. A file of ASCII alone (no zero byte, which UTF-16
    /// has) keeps its columns, without being decoded.
    /// - Parameter root: the site folder, which the diagnostics' paths are relative to.
    public static func converting(_ diagnostics: [Diagnostic], root: URL) async -> [Diagnostic] {
        var places: [String: [Int]] = [:]
        for (index, diagnostic) in diagnostics.enumerated() {
            let location = diagnostic.location
            guard location.column > 1, !location.path.hasPrefix("<"), !location.path.hasPrefix("-"),
                !location.path.hasPrefix(SiteLayout.templates + "/")
            else { continue }
            places[location.path, default: []].append(index)
        }
        let files = places.sorted { $0.key < $1.key }
        let columns = await Parallel.map(files) { path, indices -> [Int?] in
            let file = path.hasPrefix("/") ? path : root.path + "/" + path
            guard let lines = characters(file: file, path: path) else { return indices.map { _ in nil } }
            return indices.map { index in
                let location = diagnostics[index].location
                return lines.scalarColumn(line: location.line, byteColumn: location.column)
            }
        }
        var converted = diagnostics
        for ((_, indices), columns) in zip(files, columns) {
            for (index, column) in zip(indices, columns) {
                if let column { converted[index].location.column = column }
            }
        }
        return converted
    }

    /// A file's lines as the build read them (Windows-1252, UTF-16, CR LF), so that its bytes are the ones counted;
    /// nil for a file of ASCII alone, whose columns stay as they are, or one that cannot be read.
    private static func characters(file: String, path: String) -> YAMLReader.Lines? {
        guard case .success(let bytes) = TextFileReader.readBytes(file) else { return nil }
        let ascii = bytes.withUnsafeBytes { raw in
            // Eight bytes at a time: a byte from 0x80 up sets its word's high bit.
            var high: UInt64 = 0, index = 0
            while index + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < raw.count {
                high |= UInt64(raw[index])
                index += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
        if ascii, !bytes.containsByte(0) { return nil }
        // A byte order mark is no column: every stage counts a first line's from after it, as an editor shows it.
        return (try? TextFileReader.decode(bytes, path: path, legacy: true)).map { decoded in
            YAMLReader.Lines(decoded.text.hasPrefix("\u{FEFF}") ? String(decoded.text.unicodeScalars.dropFirst()) : decoded.text)
        }
    }
}
