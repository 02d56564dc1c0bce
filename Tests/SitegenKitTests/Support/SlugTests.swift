import Testing

@testable import SitegenKit

/// Topic slugs: lowercase letters and digits, one hyphen for each run of anything else, none at either end; ASCII
/// topics take a byte path that must give what the character path gives.
struct SlugTests {
    @Test(arguments: [
        ("Cardiology", "cardiology"), ("Women's Health", "women-s-health"), ("COVID-19 / Long COVID", "covid-19-long-covid"),
        ("  --Ear, Nose & Throat--  ", "ear-nose-throat"), ("!!!", "topic"), ("", "topic"), ("Ärzte & Öl", "ärzte-öl"),
        ("Santé publique", "santé-publique"), ("A\tB\nC", "a-b-c"), ("2026", "2026"),
        // A plus sign is a word: HER2+ and HER2- are two topics (the minus a hyphen, as ever).
        ("HER2+ breast cancer", "her2-plus-breast-cancer"), ("HER2- breast cancer", "her2-breast-cancer"), ("C++", "c-plus-plus"),
        ("Âge+", "âge-plus"),
    ])
    func slugs(text: String, slug: String) {
        #expect(slugify(text) == slug)
    }

    /// Every printable ASCII character alone and between two letters: the byte path agrees with Unicode's letters,
    /// digits and lowercasing.
    @Test func asciiAgreesWithTheCharacterRules() {
        for value in UInt8(0x20)...UInt8(0x7E) {
            let character = Character(Unicode.Scalar(value))
            let expected = character.isLetter || character.isNumber ? "a" + character.lowercased() + "b" : character == "+" ? "a-plus-b" : "a-b"
            #expect(slugify("a\(character)b") == expected, "\(character)")
        }
    }

    @Test func bytesAreFoundAnywhereAndOnlyWhole() {
        #expect("see a.md".containsBytes(".md"))
        #expect(".md at the start".containsBytes(".md"))
        #expect("Text. More. mid.m d".containsBytes(".md") == false)
        #expect("ab".containsBytes("abc") == false)
        #expect("".containsBytes("") && "x".containsBytes(""))
        #expect("".containsBytes("a") == false)
        #expect("caf\u{E9}  done".containsBytes("  "))
        #expect("caf\u{E9}".containsBytes("\u{E9}") && !"cafe\u{301}".containsBytes("\u{E9}"))
    }

    /// A byte beyond ASCII at every place of texts of 0 to 140 bytes (past two windows of 64 and into the rest read a
    /// byte at a time) is found, and none is found in the same texts all ASCII.
    @Test func aByteBeyondASCIIIsFoundAtAnyPlace() {
        for length in 0...140 {
            let ascii = String(repeating: "a", count: length)
            #expect(!ascii.hasByteBeyondASCII, "\(length)")
            for place in 0..<length {
                var bytes = Array(ascii.utf8)
                bytes[place] = 0x80 | UInt8(place % 64)
                let found = bytes.withUnsafeBufferPointer(\.hasByteBeyondASCII)
                #expect(found, "\(length) at \(place)")
            }
            #expect((ascii + "\u{E9}").hasByteBeyondASCII && ("\u{1F600}" + ascii).hasByteBeyondASCII)
        }
    }
}
