/// BibTeX field text with LaTeX turned into Unicode, remembering which characters were protected by braces.
struct LaTeXText {
    /// The decoded characters, each with whether braces protect its case.
    var characters: [(character: Character, isProtected: Bool)] = []

    var text: String { String(characters.map(\.character)) }

    private static let accents: [Character: Character] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]
    private static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł",
        "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
        "textregistered": "®", "texttrademark": "™", "copyright": "©", "textasciitilde": "~", "dag": "†", "S": "§",
        "P": "¶", "ldots": "…", "dots": "…", "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "mu": "μ", "pm": "±", "times": "×",
    ]
    /// Commands whose argument is kept as text (formatting is dropped).
    private static let wrappers: Set = [
        "emph", "textit", "textbf", "textsc", "textrm", "textsf", "texttt", "mathrm", "url", "textup", "textnormal",
        "mbox", "text",
    ]

    /// Decodes `{\"u}`, `\'{e}`, `--`, `~`, `\&`, `\emph{…}` and friends.
    static func decode(_ raw: String) -> LaTeXText {
        var result = LaTeXText()
        let scalars = Array(raw)
        var index = 0
        decode(scalars, &index, depth: 0, into: &result, stopAtBrace: false)
        // Whitespace runs become one space, as TeX reads them.
        var collapsed: [(character: Character, isProtected: Bool)] = []
        for item in result.characters {
            let isSpace = item.character == " " || item.character == "\n" || item.character == "\t" || item.character == "\r"
            if isSpace {
                if collapsed.last?.character != " " { collapsed.append((" ", item.isProtected)) }
            } else {
                collapsed.append(item)
            }
        }
        result.characters = collapsed
        return result
    }

    private static func decode(
        _ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText, stopAtBrace: Bool
    ) {
        while index < chars.count {
            let character = chars[index]
            switch character {
            case "{":
                index += 1
                // `{\'e}`-style groups that start with a command do not protect case, as in BibTeX.
                decode(chars, &index, depth: depth + 1, into: &result, stopAtBrace: true)
            case "}":
                index += 1
                if stopAtBrace { return }
            case "\\":
                index += 1
                command(chars, &index, depth: depth, into: &result)
            case "~":
                index += 1
                result.characters.append((" ", depth > 0))
            case "-" where index + 1 < chars.count && chars[index + 1] == "-":
                if index + 2 < chars.count && chars[index + 2] == "-" {
                    result.characters.append(("—", depth > 0))
                    index += 3
                } else {
                    result.characters.append(("–", depth > 0))
                    index += 2
                }
            case "'":
                index += 1
                result.characters.append(("’", depth > 0))
            case "$":
                index += 1
            default:
                index += 1
                result.characters.append((character, depth > 0))
            }
        }
    }

    private static func command(_ chars: [Character], _ index: inout Int, depth: Int, into result: inout LaTeXText) {
        guard index < chars.count else { return }
        let first = chars[index]
        var name = ""
        if first.isLetter {
            while index < chars.count, chars[index].isLetter, chars[index].isASCII {
                name.append(chars[index])
                index += 1
            }
        } else {
            name = String(first)
            index += 1
        }
        if name.count == 1, let mark = accents[first] {
            while index < chars.count, chars[index] == " " { index += 1 }
            var base: Character = " "
            if index < chars.count, chars[index] == "{" {
                index += 1
                if index < chars.count, chars[index] == "\\" {
                    index += 1
                    var inner = ""
                    while index < chars.count, chars[index].isLetter { inner.append(chars[index]); index += 1 }
                    let replacement = symbols[inner] ?? inner
                    base = replacement.count == 1 ? Character(replacement) : (replacement.first ?? " ")
                } else if index < chars.count {
                    base = chars[index]
                    index += 1
                }
                while index < chars.count, chars[index] != "}" { index += 1 }
                index += 1
            } else if index < chars.count {
                base = chars[index]
                index += 1
            }
            // A base that does not combine (a control character, say) leaves the mark as a character of its own.
            for character in (String(base) + String(mark)).precomposed { result.characters.append((character, depth > 1)) }
            return
        }
        if "&%$#_{}".contains(first) && name.count == 1 {
            result.characters.append((first, depth > 0))
            return
        }
        if name == " " || name == "," || name == "/" || name == "@" {
            if name == " " || name == "," { result.characters.append((" ", depth > 0)) }
            return
        }
        if let symbol = symbols[name] {
            if index < chars.count, chars[index] == " " { index += 1 }
            for character in symbol { result.characters.append((character, depth > 1)) }
            return
        }
        if wrappers.contains(name) || !name.isEmpty {
            while index < chars.count, chars[index] == " " { index += 1 }
            if index < chars.count, chars[index] == "{" {
                index += 1
                decode(chars, &index, depth: depth, into: &result, stopAtBrace: true)
            }
        }
    }

    /// Pandoc's rule for BibTeX titles: capitalised words become lower case unless protected by braces,
    /// at the start of the title, or after `:`, `.`, `?` or `!`.
    func sentenceCased() -> String {
        var output = ""
        var word: [(character: Character, isProtected: Bool)] = []
        var atSentenceStart = true
        func flush() {
            guard !word.isEmpty else { return }
            let letters = word.filter { $0.character.isLetter }
            let isCapitalised =
                letters.first.map { $0.character.isUppercase } ?? false
                && word.split(whereSeparator: { $0.character == "-" }).allSatisfy { part in
                    let partLetters = part.filter { $0.character.isLetter }
                    return partLetters.dropFirst().allSatisfy { $0.character.isLowercase }
                        && (partLetters.first.map { $0.character.isUppercase } ?? true)
                }
            let isProtected = word.contains { $0.isProtected && $0.character.isLetter }
            if isCapitalised && !isProtected && !atSentenceStart {
                output += String(word.map(\.character)).lowercased()
            } else {
                output += String(word.map(\.character))
            }
            if let last = word.last(where: { !$0.character.isWhitespace })?.character {
                atSentenceStart = ":.?!".contains(last)
            }
            word = []
        }
        for item in characters {
            if item.character == " " {
                flush()
                output.append(" ")
            } else {
                word.append(item)
            }
        }
        flush()
        return output
    }
}

extension String {
    /// The text in Unicode Normalization Form C (a base letter and a combining mark become one character).
    var precomposed: String {
        // Swift compares Characters canonically; map the common Latin letters with one mark explicitly.
        let decomposed = self
        for scalarValue in UInt32(0xC0)...UInt32(0x24F) {
            guard let scalar = Unicode.Scalar(scalarValue) else { continue }
            let candidate = String(Character(scalar))
            if candidate == decomposed { return candidate }
        }
        return decomposed
    }
}
