/// Which way a language's text runs, and whether a text holds letters written from right to left.
public enum TextDirection {
    /// Whether a language tag's language is written from right to left: by its language (`ar`, `he`, `fa-IR`) or its
    /// script (`ks-Arab`, `az-Arab`, `yi-Hebr`).
    public static func isRightToLeft(_ language: String) -> Bool {
        let parts = language.split(separator: "-").map { $0.lowercased() }
        let languages: Set<String> = ["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "ps", "sd", "syr", "ug", "ur", "yi"]
        let scripts: Set<String> = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "samr", "mand"]
        guard let first = parts.first else { return false }
        if parts.count > 1, parts[1].count == 4 { return scripts.contains(parts[1]) }
        return languages.contains(first)
    }

    /// Whether the text holds a letter of a script written from right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and
    /// the others of U+0590–U+08FF, their presentation forms, and the planes' right-to-left blocks).
    public static func holdsRightToLeftLetters(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
            default: false
            }
        }
    }

    /// U+200F RIGHT-TO-LEFT MARK: put first in a text that the page reads in the direction of its first strong letter
    /// (`unicode-bidi: plaintext`), it makes the text read from the right.
    public static let rightToLeftMark = "\u{200F}"
}
