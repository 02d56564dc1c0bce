// What the line-tagged export formats (RIS, PubMed's MEDLINE) share: their lines, their names and their dates.

/// One line of a tagged export, without its line end.
struct ExportLine {
    /// The line's number inside the source text (1-based; ``SourceText/location(line:column:)`` makes it a file line).
    var number: Int
    /// The text without `\n`, `\r\n` and, on the first line, a UTF-8 byte-order mark (no column, as an editor shows
    /// it: the text's first byte is at column 1).
    var text: Substring

    /// Whether the line holds only spaces and tabs.
    var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
}

extension SourceText {
    /// The text's lines, split on its UTF-8 bytes: Swift reads `\r\n` as one character, so splitting characters on
    /// `\n` would miss every line end of a Windows export. Each line is a slice of the text, never a copy.
    var exportLines: [ExportLine] {
        var lines: [ExportLine] = []
        var number = 0
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var bytes = raw
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            lines.append(ExportLine(number: number, text: Substring(bytes)))
        }
        return lines
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and no-break spaces (which exports such as Dimensions leave
    /// after a title: "disturbance ." otherwise), as a slice.
    var trimmingSpaces: Substring {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return self[endIndex...] }
        let trimmed = Substring(utf8[first...last])
        // U+00A0 is C2 A0 in UTF-8: looked for by its last byte, at either end.
        guard trimmed.utf8.last == 0xA0 || trimmed.utf8.dropFirst().first == 0xA0 else { return trimmed }
        func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" || character == "\u{A0}" }
        guard let start = trimmed.firstIndex(where: { !isSpace($0) }), let end = trimmed.lastIndex(where: { !isSpace($0) }) else {
            return trimmed[trimmed.endIndex...]
        }
        return trimmed[start...end]
    }

    /// The byte `offset` bytes in, if the text is that long.
    func byte(at offset: Int) -> UInt8? {
        guard let index = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex), index < utf8.endIndex else {
            return nil
        }
        return utf8[index]
    }

    /// The text after its first `count` bytes (which are ASCII, so the cut is between characters).
    func droppingBytes(_ count: Int) -> Substring {
        Substring(utf8.dropFirst(count))
    }
}

/// A field's value: the text after its tag and the untagged or indented lines that continue it, joined with spaces
/// once, when the value is read (a field of many lines costs no more than its length).
struct ExportField {
    var tag: String
    var pieces: [Substring]
    /// The line of the tag.
    var line: Int

    /// The pieces joined with one space, each run of spaces and tabs made one space (PubMed's titles have a double
    /// space where a line was joined), or nil when that is empty.
    var text: String? {
        var result = ""
        for piece in pieces {
            var pendingSpace = !result.isEmpty
            var start = piece.utf8.startIndex
            for index in piece.utf8.indices {
                let byte = piece.utf8[index]
                guard byte == 0x20 || byte == 0x09 else { continue }
                if start < index {
                    if pendingSpace { result += " " }
                    result += Substring(piece.utf8[start..<index])
                    pendingSpace = false
                }
                if !result.isEmpty { pendingSpace = true }
                start = piece.utf8.index(after: index)
            }
            if start < piece.utf8.endIndex {
                if pendingSpace { result += " " }
                result += Substring(piece.utf8[start...])
            }
        }
        return result.isEmpty ? nil : result
    }

    /// The tag line's own value (for a URL or a DOI, which continuation lines do not extend), or nil when empty.
    var firstLine: String? {
        guard let first = pieces.first?.trimmingSpaces, !first.isEmpty else { return nil }
        return String(first)
    }
}

/// Personal and corporate names as reference databases export them.
enum ExportedNames {
    /// Reads one name:
    /// - `Family, Given` or `Family, Given, Suffix` (RIS, MEDLINE `FAU`), the family name kept as written
    ///   (`van de Schoot, Rens` has the family name `van de Schoot`, as PubMed prints it);
    /// - `Family Initials` with no comma, the initials in capitals with optional dots and hyphens
    ///   (Embase's `Liu R.` and `Adler D.G.`, MEDLINE `AU  - Casbon JA`);
    /// - `Initials Family` with no comma, one of the given names an initial with its period (IEEE Xplore's `C. Munteanu`,
    ///   `Jose M. Garcia`);
    /// - anything else is a name that is not split (an organisation: `World Health Organization`).
    ///
    /// Initials written together in capitals (`Luke, TJ` from Web of Science, `Casbon JA`) are spelled out as
    /// `T. J.`, so that each one is an initial (`TJ` would otherwise read as a given name starting with T).
    ///
    /// A suffix may end the given name without a comma (`Wilson, M R Jr`, `Dengah, H. J. François II`; MEDLINE's
    /// `Quintiliani, Richard Jr` and `Dimar JR 2nd`, as Ovid and PubMed write them): `Jr`, `Sr`, an ordinal (`2nd`,
    /// `3rd`) or `II` to `IV` after a given name of its own.
    static func name(_ text: String) -> Reference.Name? {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        if let comma = trimmed.firstIndex(of: ",") {
            let family = trimmed[..<comma].trimmingWhitespace
            let rest = trimmed[trimmed.index(after: comma)...].split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            var given = rest.first.map { $0.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
            var suffix = rest.dropFirst().first.map { $0.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
            guard !family.isEmpty else { return given.map { Reference.Name(literal: $0) } }
            if suffix == nil, let words = given?.split(separator: " "), words.count > 1, let last = words.last, isSuffix(last) {
                (given, suffix) = (words.dropLast().joined(separator: " "), String(last))
            }
            let hasLowercase = family.contains { $0.isLowercase }
            return Reference.Name(family: family, given: given.map { hasLowercase ? spelledInitials($0) : $0 }, suffix: suffix)
        }
        var words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        var suffix: String?
        if words.count > 2, let last = words.last, isSuffix(last), isInitials(words[words.count - 2]) {
            suffix = String(last)
            words.removeLast()
        }
        if words.count > 1, let last = words.last, isInitials(last) {
            return Reference.Name(family: words.dropLast().joined(separator: " "), given: spelledInitials(String(last)), suffix: suffix)
        }
        // `Initials Family`, as IEEE Xplore writes every author (`C. Munteanu`, `Jose M. Garcia`): given names, one of
        // them an initial with its period, then one family name that starts with a capital and has small letters.
        // Pandoc reads any name without a comma so ("Munteanu C"), an organisation's too ("Organization WH").
        // (A suffix after the family name is the suffix: `C. Munteanu Jr.`.)
        var parts = words[...], nameSuffix = suffix
        if nameSuffix == nil, parts.count > 2, let last = parts.last, isSuffix(last) {
            nameSuffix = String(last)
            parts = parts.dropLast()
        }
        // Particles before the family name are part of it (`J. R. da Silva` is "da Silva JR"), as a name with a comma
        // keeps them (`van de Schoot, Rens`).
        let given = parts.dropLast().prefix { $0.first?.isUppercase == true }
        if parts.count > 1, let last = parts.last, last.first?.isUppercase == true, last.contains(where: \.isLowercase), !given.isEmpty,
            given.contains(where: { isInitials($0) && $0.hasSuffix(".") }),
            parts.dropLast().dropFirst(given.count).allSatisfy({ $0.allSatisfy(\.isLowercase) })
        {
            return Reference.Name(family: parts.dropFirst(given.count).joined(separator: " "), given: given.joined(separator: " "), suffix: nameSuffix)
        }
        return Reference.Name(literal: trimmed)
    }

    /// The names a field holds, and whether it ends with `et al.`: one name, or several in Vancouver's form, `Petri G,
    /// Expert P, Turkheimer F, et al.` (Cochrane's records as Ovid exports them, all the authors in one field), each a
    /// family name with a small letter in it, initials (three at most) and perhaps a suffix (`Smith JA Jr`); not
    /// `GARCIA RUIZ, MARIA JA`, one name in capitals.
    static func names(_ text: String) -> (names: [Reference.Name], etAl: Bool) {
        var pieces = text.split(separator: ",").map { $0.trimmingWhitespace }
        let etAl = pieces.count > 2 && isEtAl(pieces[pieces.count - 1])
        if etAl { pieces.removeLast() }
        let isList = pieces.count > 1 && pieces.allSatisfy { piece in
            var words = piece.split(separator: " ")
            if words.count > 2, let last = words.last, isSuffix(last) { words.removeLast() }
            guard words.count > 1, let initials = words.last, isInitials(initials), initials.count(where: \.isUppercase) <= 3 else { return false }
            return words.dropLast().contains { $0.contains(where: \.isLowercase) }
        }
        if isList { return (pieces.compactMap(name), etAl) }
        return (name(text).map { [$0] } ?? [], false)
    }

    /// A name's suffix: `Jr`, `Sr`, an ordinal (`2nd`, `3rd`, `4th`) or `II` to `IV`.
    private static func isSuffix(_ word: Substring) -> Bool {
        if ["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"].contains(word) { return true }
        guard let digit = word.first, digit.isASCII, digit.isNumber, word.count == 3 else { return false }
        return ["st", "nd", "rd", "th"].contains(word.dropFirst())
    }

    /// Whether a name list's item says that the list goes on (`et al.`, `others`).
    static func isEtAl(_ text: String) -> Bool {
        ["et al", "et al.", "others"].contains(text.trimmingWhitespace.lowercased())
    }

    /// `R.`, `D.G.`, `JA`, `J-P`: capital letters, dots and hyphens, at most four letters.
    private static func isInitials(_ word: Substring) -> Bool {
        var letters = 0
        for byte in word.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letters += 1
            case UInt8(ascii: "."), UInt8(ascii: "-"): continue
            default: return false
            }
        }
        return (1...4).contains(letters)
    }

    /// `TJ` → `T. J.`; any other given name as it is.
    private static func spelledInitials(_ given: String) -> String {
        let utf8 = given.utf8
        guard (2...4).contains(utf8.count), utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            return given
        }
        return given.map { "\($0)." }.joined(separator: " ")
    }
}

/// A date as far as an export gives it: a year, a month without a year (`DA  - SEP`), and so on.
struct PartialDate: Equatable {
    var year: Int?
    var month: Int?
    var day: Int?

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// `Sep`, `SEP`, `Sept.`, `September` → 9; a range (`Sep-Oct`), a season or anything else → nil.
    static func month(_ word: Substring) -> Int? {
        var name = word.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3 else { return nil }
        return monthNames.firstIndex { $0.hasPrefix(name) }.map { $0 + 1 }
    }

    /// Reads a date that starts with its year, as MEDLINE's `DP` writes it (`2006 Mar 1`, `2019 Sep-Oct`, `2018`,
    /// `2000 Spring`, `2019 Dec 7-14`) or as ISO (`2019-06-24`). Only what is a date is kept: `2019 Sep-Oct` is the
    /// year 2019 (a range of months is not one month), `2019 Dec 7-14` is December 2019.
    static func yearFirst(_ text: Substring) -> PartialDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return nil }
        let iso = first.split(separator: "-", omittingEmptySubsequences: false)
        guard let yearText = iso.first, let year = Self.year(yearText) else { return nil }
        if iso.count > 1 {
            return checked(year: year, month: iso.count > 1 ? number(iso[1]) : nil, day: iso.count > 2 ? number(iso[2]) : nil)
        }
        guard words.count > 1, let month = month(words[1]) else { return PartialDate(year: year) }
        return checked(year: year, month: month, day: words.count > 2 ? number(words[2]) : nil)
    }

    /// Reads a date that starts with its month, as Web of Science and EndNote write RIS `DA` (`SEP`, `APR 21`,
    /// `Mar 1`), and with a year after it (`Mar 1 2018`, `June 2019`).
    static func monthFirst(_ text: Substring) -> PartialDate? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard let first = words.first, let month = month(first) else { return nil }
        if words.count > 1, let year = year(words[1]) { return checked(year: year, month: month, day: nil) }
        return checked(year: words.count > 2 ? year(words[2]) : nil, month: month, day: words.count > 1 ? number(words[1]) : nil)
    }

    /// A year, month and day as far as they make a date: a month outside 1–12 drops the month and day, a day the
    /// month does not have drops the day.
    static func checked(year: Int?, month: Int?, day: Int?) -> PartialDate {
        guard let month, (1...12).contains(month) else { return PartialDate(year: year) }
        guard let day, (1...daysIn(month, year: year)).contains(day) else { return PartialDate(year: year, month: month) }
        return PartialDate(year: year, month: month, day: day)
    }

    private static func daysIn(_ month: Int, year: Int?) -> Int {
        switch month {
        case 2:
            guard let year else { return 29 }
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Four digits.
    static func year(_ text: Substring) -> Int? {
        text.utf8.count == 4 ? number(text) : nil
    }

    /// One to four ASCII digits (so that no text overflows an `Int`).
    static func number(_ text: Substring) -> Int? {
        guard (1...4).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }
}
