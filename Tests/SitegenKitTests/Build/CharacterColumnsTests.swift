import Foundation
import Testing

@testable import SitegenKit

/// Columns shown in characters, as editors count them, from the bytes the stages count.
struct CharacterColumnsTests {
    @Test func bytesBeforeAColumnAreCountedAsCharacters() throws {
        let site = try TestSite([
            "Content/a.md": "---\ntitle: A\n---\nDoses ≥5 µg [@x].\r\n",
            "Templates/article.mustache": "<p>© {{titel}}</p>\n",
        ])
        defer { site.remove() }
        let diagnostics: [Diagnostic] = [
            .error(at: SourceLocation(path: "Content/a.md", line: 4, column: 17), "marker"),
            .error(at: SourceLocation(path: "Content/a.md", line: 4, column: 40), "past the line's end"),
            .error(at: SourceLocation(path: "Content/a.md", line: 9, column: 5), "no such line"),
            .error(at: SourceLocation(path: "Templates/article.mustache", line: 1, column: 6), "counted in characters already"),
            .error(at: SourceLocation(path: "Content/gone.md", line: 1, column: 5), "no such file"),
            .error(at: .option("--base-url"), "an option"),
        ]
        let shown = CharacterColumns.converting(diagnostics, root: site.root).map(\.location.description)
        #expect(shown == [
            "Content/a.md:4:14", "Content/a.md:4:37", "Content/a.md:9:5", "Templates/article.mustache:1:6", "Content/gone.md:1:5", "--base-url:1:1",
        ])
        #expect(YAMLReader.Lines("é").scalarColumn(line: 1, byteColumn: 1) == 1)
    }
}
