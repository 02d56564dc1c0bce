/// A piece of a site file with the line it starts on, so that later stages report positions of the file.
public struct SourceText: Sendable {
    public var path: String
    public var text: String
    /// The line of the file that holds the first line of `text` (1-based).
    public var firstLine: Int
    /// Where a file that is not UTF-8 has its first byte from 0x80 up, and that byte, when it was read as
    /// Windows-1252 (see ``TextFileReader/read(file:path:legacy:)``).
    public var legacyByte: (location: SourceLocation, byte: UInt8)?

    public init(path: String, text: String, firstLine: Int = 1) {
        self.path = path
        self.text = text
        self.firstLine = firstLine
    }

    /// The file location of a line and column counted inside `text` (both 1-based).
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: firstLine + line - 1, column: column)
    }

    /// The location of the start of `text`.
    public var start: SourceLocation { location(line: 1, column: 1) }
}
