/// Numbers as CSL reads and prints them: what counts as numeric, ordinals and roman numerals, plurals for labels,
/// and page ranges in the style's `page-range-format`.
enum CSLNumbers {
    /// The numbers and separators of a value such as `12-15`, `2, 4 & 6` or `L2d`: nil when some part is not a
    /// number, optionally with letters before or after it.
    static func tokens(_ value: String) -> [(number: String, separator: String)]? {
        var result: [(String, String)] = []
        var current = ""
        var separator = ""
        var spaced = false
        for character in value {
            if character == "-" || character == "–" || character == "," || character == "&" {
                guard !current.isEmpty else { return nil }
                result.append((current, ""))
                current = ""
                separator = String(character)
                result[result.count - 1].1 = separator
                spaced = false
            } else if character == " " {
                spaced = !current.isEmpty
            } else {
                // Words after a number ("5 edition") make the value text.
                if spaced { return nil }
                current.append(character)
            }
        }
        guard !current.isEmpty else { return nil }
        result.append((current, ""))
        for (number, _) in result {
            guard number.contains(where: \.isNumber), number.allSatisfy({ $0.isNumber || $0.isLetter }) else { return nil }
            // Digits with letters around them, not letters between digits.
            let digits = number.drop { !$0.isNumber }
            guard digits.prefix(while: \.isNumber).count + number.prefix(while: { !$0.isNumber }).count + digits.drop(while: \.isNumber).count == number.count,
                  digits.drop(while: \.isNumber).allSatisfy({ !$0.isNumber }) else { return nil }
        }
        return result
    }

    static func isNumeric(_ value: String) -> Bool {
        tokens(value) != nil
    }

    /// Whether a variable's value takes a plural label, as pandoc's citeproc decides it: when it is more than one run,
    /// runs of separators (`,`, `;`, a hyphen or an en dash) and spaces alternating with runs of other text (`4-5`,
    /// `4, 6`, `i and ix`, `ISO 27001`, `EU-29702195U`; not `4[x]` or `12`), unless it holds an escaped hyphen (`\-`).
    static func isPlural(_ value: String) -> Bool {
        guard value.isASCIIText else { return characterIsPlural(value) }
        // ASCII (most values): a byte is a character.
        var runs = 0, previous: Bool?, afterBackslash = false
        for byte in value.utf8 {
            if afterBackslash, byte == UInt8(ascii: "-") { return false }
            afterBackslash = byte == UInt8(ascii: "\\")
            let separating = byte.isASCIIWhitespace || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "-")
            if separating != previous { runs += 1 }
            previous = separating
        }
        return runs > 1
    }

    /// ``isPlural(_:)`` by characters, of any text.
    static func characterIsPlural(_ value: String) -> Bool {
        if value.contains("\\-") { return false }
        var runs = 0, previous: Bool?
        for character in value {
            let separating = character.isWhitespace || character == "," || character == ";" || character == "-" || character == "–"
            if separating != previous { runs += 1 }
            previous = separating
        }
        return runs > 1
    }

    /// A numeric value printed in a `<number>` form: each number in it formatted, ranges with an en dash, and a space
    /// at either end kept, as pandoc's citeproc keeps a CSL-JSON file's (`" 2"`: APA's "( 2nd ed.)").
    /// - Parameter gender: the grammatical gender of the noun the number goes with, for its ordinal suffix.
    static func format(_ value: String, form: String, locales: CSLLocales, gender: CSLTerm.Gender? = nil) -> String {
        let rangeDelimiter = locales.term("page-range-delimiter") ?? "–"
        guard let tokens = tokens(value) else { return value }
        var result = value.first == " " ? " " : ""
        for (number, separator) in tokens {
            if let integer = Int(number) {
                switch form {
                case "ordinal": result += locales.ordinal(integer, gender: gender)
                case "long-ordinal": result += locales.longOrdinal(integer, gender: gender)
                case "roman": result += roman(integer)
                default: result += String(integer)
                }
            } else {
                result += number
            }
            switch separator {
            case "-", "–": result += rangeDelimiter
            case ",": result += ", "
            case "&": result += " & "
            default: break
            }
        }
        return value.count > 1 && value.last == " " ? result + " " : result
    }

    /// A value of text in a `<number>` with each hyphen that stands alone between two characters that are no spaces, or
    /// at an end, an en dash, as pandoc's citeproc prints it (IEEE's "vol. BME–32", "no. August–September"); `A - B`,
    /// `x--y` and the hyphens of markup's tags stay.
    static func dashingHyphens(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "-")) else { return value }
        let characters = Array(value)
        var result = ""
        var inTag = false
        for (index, character) in characters.enumerated() {
            if character == "<" { inTag = true }
            if character == ">" { inTag = false }
            guard character == "-", !inTag else {
                result.append(character)
                continue
            }
            let before = index > 0 ? characters[index - 1] : nil, after = index + 1 < characters.count ? characters[index + 1] : nil
            let alone = before != "-" && after != "-" && before?.isWhitespace != true && after?.isWhitespace != true
            result.append(alone ? "–" : "-")
        }
        return result
    }

    /// Lowercase roman numerals, for numbers up to 3999.
    static func roman(_ number: Int) -> String {
        guard (1...3999).contains(number) else { return String(number) }
        let values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var number = number
        var result = ""
        for (value, numeral) in values {
            while number >= value {
                result += numeral
                number -= value
            }
        }
        return result
    }

    /// Page ranges with an en dash, their second number shortened as `page-range-format` says (`expanded`,
    /// `minimal`, `minimal-two`, `chicago`, `chicago-15`, `chicago-16`); other text as it is.
    static func pageRange(_ value: String, format: String?, delimiter: String = "–", ampersand: String = "&") -> String {
        // A hyphen written `\-` is a hyphen, not a range.
        if value.utf8.contains(UInt8(ascii: "\\")), value.contains("\\-") { return value.replacing("\\-", with: "-") }
        // The common cases without looking at characters: a page ("e1234"), and a range of two numbers ("123-9").
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: ",") || $0 >= 0x80 }) { return value }
        if let hyphen = value.utf8.firstIndex(of: UInt8(ascii: "-")), hyphen != value.startIndex,
           value.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            let first = String(value[..<hyphen]), second = String(value[value.utf8.index(after: hyphen)...])
            if !second.isEmpty, !second.utf8.contains(UInt8(ascii: "-")) {
                return first + delimiter + (format == nil ? second : shorten(first, second, format: format))
            }
        }
        var result = ""
        var ranges: [(range: Substring, separator: Character?)] = []
        var start = value.startIndex
        for index in value.indices where value[index] == "," || value[index] == "&" {
            ranges.append((value[start..<index], value[index]))
            start = value.index(after: index)
        }
        ranges.append((value[start...], nil))
        guard ranges.count > 1 else { return pageRangePart(value[...], format: format, delimiter: delimiter, keepsSpaces: true) }
        // Pages and ranges of a list are printed as pandoc 3.9 prints them: each without its spaces, after `, ` or ` & `
        // (`1,3` is "1, 3", `419&438` "419 & 438"); separators in a row are one, and one with nothing after it stays as
        // written ("7,").
        var pending: Character?
        for (range, separator) in ranges {
            let part = range.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
            if !part.isEmpty {
                if let pending { result += pending == "&" ? " " + ampersand + " " : ", " }
                result += pageRangePart(Substring(part), format: format, delimiter: delimiter, keepsSpaces: false)
                pending = nil
            }
            if pending == nil { pending = separator }
        }
        if let pending { result += pending == "&" ? ampersand : String(pending) }
        return result
    }

    /// One page or range of a value's list (``pageRange(_:format:delimiter:ampersand:)``), with the spaces written
    /// before and after it when `keepsSpaces`.
    private static func pageRangePart(_ range: Substring, format: String?, delimiter: String, keepsSpaces: Bool) -> String {
        // Any spaces around the dash go, no-break (`717~--~733`) and thin (`10\,--\,20`) ones too, as pandoc 3.9
        // strips the ends.
        let ends = range.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }.map {
            String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }
        // An end may be missing, as pandoc 3.9 reads it: `-` is an en dash alone, `-3` is `–3`, and `3-` is `3–`,
        // or `3–3` with a page-range-format, which takes the missing end to be the first.
        guard ends.count == 2 else { return String(range) }
        let leading = keepsSpaces ? String(range.prefix { $0 == " " }) : "", trailing = keepsSpaces ? String(range.reversed().prefix { $0 == " " }) : ""
        // Every range takes the delimiter. With a page-range-format, the ends are shortened when what comes before
        // their final digits is the same ("S110-15", "8n11564-8n11568"); ends with other text before their numbers
        // ("pp. 45-67", "N110-5") are printed whole, as pandoc 3.9 prints them (citeproc-js, the CSL suite's
        // reference, keeps the hyphen of "N110-5").
        func prefix(_ end: String) -> String { String(end.dropLast(end.reversed().prefix(while: \.isNumber).count)) }
        let firstPrefix = prefix(ends[0]), secondPrefix = prefix(ends[1])
        // The same text twice without a number (Wiley's `n/a-n/a`, the pages of an article before its issue): a format
        // that shortens leaves out all of the second, as pandoc 3.9 prints it ("n/a–"); `expanded` prints both.
        if let format, format != "expanded", !ends[0].isEmpty, ends[0] == firstPrefix, ends[0] == ends[1] {
            return leading + ends[0] + delimiter + trailing
        }
        if format != nil, firstPrefix == secondPrefix, !ends[0].dropFirst(firstPrefix.count).isEmpty {
            let second = shorten(String(ends[0].dropFirst(firstPrefix.count)), String(ends[1].dropFirst(secondPrefix.count)), format: format)
            return leading + ends[0] + delimiter + (format == "expanded" ? secondPrefix + second : second) + trailing
        }
        return leading + ends[0] + delimiter + ends[1] + trailing
    }

    private static func shorten(_ first: String, _ second: String, format: String?) -> String {
        guard let format, let start = Int(first), second.isEmpty || Int(second) != nil else { return second }
        // Expand a shortened second number first ("321-28" means 321 to 328, and "321-" 321 to 321).
        // The first number's digits as written (`0090-95` expands to 0090–0095, as pandoc 3.9 prints it).
        let firstDigits = first.allSatisfy({ $0.isASCII && $0.isNumber }) ? Array(first) : Array(String(start))
        let secondDigits = Int(second).map { Array(String($0)) } ?? []
        var full = secondDigits
        if secondDigits.count < firstDigits.count { full = Array(firstDigits.prefix(firstDigits.count - secondDigits.count)) + secondDigits }
        let expanded = String(full)
        switch format {
        case "expanded": return expanded
        case "minimal": return minimal(firstDigits, full, keep: 1)
        case "minimal-two": return minimal(firstDigits, full, keep: 2)
        case "chicago", "chicago-15", "chicago-16":
            guard let startValue = Int(String(firstDigits)) else { return expanded }
            if startValue % 100 == 0 { return expanded }
            // All digits below 100: two, for a number written with zeros before it (`0090-95` is 0090–95), as pandoc
            // 3.9 prints it.
            if startValue < 100 { return minimal(firstDigits, full, keep: 2) }
            if startValue % 100 < 10 { return minimal(firstDigits, full, keep: 1) }
            if format != "chicago-16", firstDigits.count == 4, full.count == 4, minimal(firstDigits, full, keep: 1).count > 2 { return expanded }
            return minimal(firstDigits, full, keep: 2)
        default: return second
        }
    }

    /// The second number of a range without the leading digits it shares with the first, keeping at least `keep`.
    private static func minimal(_ first: [Character], _ second: [Character], keep: Int) -> String {
        guard first.count == second.count else { return String(second) }
        var index = 0
        while index < second.count - keep && first[index] == second[index] { index += 1 }
        return String(second[index...])
    }
}
