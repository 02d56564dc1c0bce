/// A position in a site file. Lines and columns start at 1; columns count UTF-8 bytes, as cmark does, until they are
/// shown (``CharacterColumns``), in characters.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path, relative to the site folder.
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// A file or folder as a whole (reported at its first line and column).
    public static func file(_ path: String) -> SourceLocation { SourceLocation(path: path, line: 1, column: 1) }

    /// A command-line option such as `--base-url`, reported in the same `path:line:column` form as a file.
    public static func option(_ name: String) -> SourceLocation { .file(name) }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
