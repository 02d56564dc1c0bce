@testable import CSL
import Foundation
import TestSupport
import Testing

/// The processor reads most names and sort values a byte at a time; each such path must give exactly what its rule
/// gives by characters (or by Foundation), on any text.
struct CSLFastPathTests {
    /// A seeded generator, so that a failure can be run again.
    typealias Generator = SeededGenerator

    static func text(_ alphabet: [String], upTo length: Int, _ generator: inout Generator) -> String {
        (0..<Int.random(in: 0...length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
    }

    @Test func sortOrderIsFoundationsComparison() {
        var generator = Generator(state: 19)
        let alphabets: [[String]] = [
            // Every printable ASCII character, and some beyond (which Foundation compares).
            (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) } + ["é", "É", "ß", "\t", "\u{301}", "Ⅻ", "٣"],
            // Digits and letters, to make runs of numbers.
            ["0", "0", "0", "1", "2", "9", "a", "A", "z", " ", "-"],
        ]
        for alphabet in alphabets {
            for round in 0..<60_000 {
                let a = Self.text(alphabet, upTo: 12, &generator)
                // A third of the pairs differ from each other only a little: case, zeros, one more character.
                let b = round % 3 == 0 ? (Bool.random(using: &generator) ? a.uppercased() : a.replacing("0", with: "00")) + Self.text(alphabet, upTo: 1, &generator)
                    : Self.text(alphabet, upTo: 12, &generator)
                let expected = a.compare(b, options: [.caseInsensitive, .diacriticInsensitive])
                #expect(CSLProcessor.sortOrder(a, b) == expected, "\(a.debugDescription) against \(b.debugDescription)")
            }
        }
        // Digits are characters, as pandoc sorts titles: "Trial 10" before "Trial 2".
        #expect(CSLProcessor.sortOrder("Trial 10", "trial 2") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("a01", "A1") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("Smith", "smith") == .orderedSame)
        #expect(CSLProcessor.sortOrder("_", "A") == .orderedAscending)
        var a = "x", b = "é"
        #expect(a.withUTF8 { a in b.withUTF8 { CSLProcessor.asciiSortOrder(a, $0) } } == nil)
    }

    @Test func asciiInitialsAreTheRuleByCharacters() {
        var generator = Generator(state: 23)
        let pieces = ["J", "j", "o", "hn", "Ts", "TSe", "-", "-", ".", " ", "  ", "M", "de", "Li", "wei", "3", "'", "A."]
        let marks = [".", ". ", "", " ", ".-", "\u{A0}", ". \u{301}"]
        for _ in 0..<40_000 {
            let given = Self.text(pieces, upTo: 7, &generator), mark = marks.randomElement(using: &generator)!
            let initialize = Bool.random(using: &generator), hyphen = Bool.random(using: &generator)
            let expected = CSLNames.characterInitials(given, with: mark, initialize: initialize, hyphen: hyphen)
            #expect(CSLNames.initials(given, with: mark, initialize: initialize, hyphen: hyphen) == expected,
                    "\(given.debugDescription) with \(mark.debugDescription), initialize \(initialize), hyphen \(hyphen)")
        }
        #expect(CSLNames.asciiInitials("Jean-Luc", with: ".", initialize: true, hyphen: true) == "J.-L.")
        #expect(CSLNames.asciiInitials("TSerendorjiin", with: ". ", initialize: true, hyphen: true) == "Ts.")
        #expect(CSLNames.asciiInitials("Jürgen", with: ".", initialize: true, hyphen: true) == nil)
    }

    @Test func firstAndLastCharactersAreStringsOwn() {
        var generator = Generator(state: 29)
        let pieces = ["a", ".", " ", "\r", "\n", "\r\n", "\u{301}", "é", "\u{600}", "#", "\u{FE0F}", "\u{20E3}", "🇫", "🇷", "\u{200D}", "”", "中"]
        for _ in 0..<50_000 {
            let text = Self.text(pieces, upTo: 5, &generator)
            #expect(text.lastCharacter == text.last, "\(text.debugDescription)")
            #expect(text.firstCharacter == text.first, "\(text.debugDescription)")
        }
    }
}
