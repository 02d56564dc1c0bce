import Testing

@testable import SitegenKit
import TestSupport

/// The first line a file's format is told by, found a line at a time: the same line as splitting the whole text into
/// lines finds (the way it was read before), for texts of line breaks of every kind, blank lines, comments, EndNote's
/// tags and a byte order mark.
struct BibliographyFormatTests {
    /// The first line as the whole text split into lines gives it.
    static func splitFirstLine(of text: String) -> Substring? {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" } }
            .first { !$0.isEmpty && (!$0.hasPrefix("%") || BibliographyFormat.isEndNoteTag($0)) }
    }

    @Test func theFirstLineIsTheOneSplittingTheTextFinds() {
        let written = [
            "", "\n", "  \n\t\n", "% comment\n@article{a,", "\u{FEFF}@article{a,", "\r\n\r\n  TY  - JOUR\r\n", "\rPMID- 1\r",
            "%0 Journal Article\n%A Smith", "% JabRef\r\n%\r\n\r\n{\"id\": 1}", "%% only comments\n% here", "x", " \u{FEFF} y\n",
            "\n\r\n\r\r\n\n z", "é\u{301}\ncafé",
        ]
        for text in written {
            #expect(BibliographyFormat.firstLine(of: text) == Self.splitFirstLine(of: text), "\(text.debugDescription)")
        }
        let pieces = ["\n", "\r", "\r\n", " ", "\t", "\u{FEFF}", "%", "%0 ", "@", "TY  - ", "a", "é", "\u{301}", "{"]
        var random = SeededGenerator(state: 19)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(BibliographyFormat.firstLine(of: text) == Self.splitFirstLine(of: text), "\(text.debugDescription)")
        }
    }
}
