import Foundation

/// Reads RIS, the tagged format that reference managers and databases export (Zotero, EndNote, Scopus, Embase,
/// Web of Science, ProQuest …): records from `TY  - ` to `ER  - `, one `XX  - value` field a line.
///
/// It reads files as exporters write them, not only as the specification says: a UTF-8 byte-order mark, `\r\n`
/// line ends, blank lines before and between records, text before the first record, `ER  -` without its space,
/// and untagged lines, which continue the field above (EndNote's keywords, the notes of Scopus and Web of Science).
/// A record that cannot be read (its fields come without a `TY` line, or no `ER` comes before the next `TY` or the
/// end of the file) is an error at its first line and is listed in `broken` under its key; reading goes on with
/// the next record. ``RISConverter`` says what each tag becomes.
///
/// A record's citation key is its `ID` when it has one. Otherwise the key is made from the record: the first
/// author's family name (or the first editor's, or an organisation's name) folded to ASCII lowercase letters and
/// digits (accents dropped, `ß` → `ss`, `ø` → `o`; spaces, hyphens and apostrophes dropped; `ref` when nothing is
/// left), then the year if there is one: `Rudnik, Agata` in 2019 is `rudnik2019`, `O'Donnell, Meaghan` in 2018 is
/// `odonnell2018`. When that key is taken, by an `ID` anywhere in the file or by an earlier record, the record gets
/// the first free one of `rudnik2019a`, `rudnik2019b` … `rudnik2019z`, `rudnik2019aa` …. Records count in file
/// order, broken ones too, so that mending a broken record changes no other record's key.
public struct RISReader: Sendable {
    public init() {}

    /// - Throws: a ``Diagnostic`` at the first record that cannot be read.
    public func read(_ source: SourceText) throws(Diagnostic) -> [Reference] {
        try readFile(source).referencesIfAllRead()
    }

    /// Reads every record it can; a record that cannot be read is a problem of its own and the others stay usable.
    public func readFile(_ source: SourceText) -> BibliographyFile {
        let records = RISScanner.records(in: source)
        let converter = RISConverter()
        let converted = records.map { converter.reference($0) }
        var keys = CitationKeyMaker(taken: Set(converted.map(\.reference.id).filter { !$0.isEmpty }))
        var file = BibliographyFile()
        let pandocKeys = Self.pandocKeys(records)
        for (index, (record, (reference, warnings))) in zip(records, converted).enumerated() {
            var reference = reference
            if reference.id.isEmpty {
                reference.id = keys.key(for: reference)
                if !pandocKeys[index].isEmpty, pandocKeys[index] != reference.id { reference.pandocKey = pandocKeys[index] }
            }
            if let problem = record.problem {
                let error = Diagnostic.error(at: record.start, "malformed RIS: record '\(reference.id)' \(problem)")
                file.problems.append(error)
                file.broken[reference.id] = error.location
            } else {
                file.problems += warnings
                file.references.append(reference)
            }
        }
        return file
    }
}

extension RISReader {
    /// The key pandoc 3.9 gives each record: its `ID`, or else the first word of each author (`AU`, `A1`; up to a
    /// comma or a space) and each `PY` or `Y1` as written, joined with `_` (`Roe_Doe_2020`, `van_2020`,
    /// `Müller_2019/03/01`); a key given before gets `a`, then `b` … on each later record.
    static func pandocKeys(_ records: [RISRecord]) -> [String] {
        var seen: [String: Character] = [:]
        return records.map { record in
            func values(_ tags: Set<String>) -> [String] {
                record.fields.filter { tags.contains($0.tag) }.compactMap { $0.pieces.first.map { String($0).trimmingWhitespace } }
            }
            var key = values(["ID"]).first ?? ""
            if key.isEmpty {
                let authors = values(["AU", "A1"]).map { String($0.prefix { $0 != "," && !$0.isWhitespace }) }
                key = authors.joined(separator: "_") + values(["PY", "Y1"]).map { "_" + $0 }.joined()
            }
            guard let next = seen[key] else {
                seen[key] = "a"
                return key
            }
            seen[key] = Character(UnicodeScalar(next.unicodeScalars.first!.value + 1)!)
            return key + String(next)
        }
    }
}

/// A record's fields as they stand in the file, and why it cannot be read, if it cannot.
struct RISRecord {
    /// Where the record starts: its `TY` line, or its first line when it has none.
    var start: SourceLocation
    var fields: [ExportField] = []
    var problem: String?
}

/// Splits a RIS file into records, by lines.
enum RISScanner {
    static func records(in source: SourceText) -> [RISRecord] {
        var records: [RISRecord] = []
        var current: RISRecord?
        /// Whether the last line was a record's `ER` (or Ovid's `NL` after it, which is that record's).
        var afterEnd = false
        /// A line outside records that would start one if it were in capitals (`ty  - JOUR`), and its number.
        var lowercaseType: (text: String, line: Int)?
        for line in source.exportLines {
            let tagged = field(line.text)
            // Ovid writes the journal's abbreviation after `ER` (`NL  - Clin Psychol Psychother`): the record's, not the
            // start of one without `TY` (any other field there is, as before).
            if let (tag, value) = tagged, afterEnd, current == nil, tag == "NL", !records.isEmpty {
                records[records.count - 1].fields.append(ExportField(tag: tag, pieces: [value], line: line.number))
                continue
            }
            afterEnd = false
            guard let (tag, value) = tagged else {
                // An untagged line continues the field above; outside a record (an export's header) it is skipped.
                if !line.isBlank, let last = current?.fields.indices.last { current!.fields[last].pieces.append(line.text) }
                if current == nil, !line.isBlank {
                    let upper = line.text.uppercased()
                    lowercaseType = field(Substring(upper))?.tag == "TY" ? (String(line.text), line.number) : nil
                }
                continue
            }
            let location = source.location(line: line.number, column: 1)
            switch tag {
            case "TY":
                if var open = current {
                    open.problem = "has no 'ER  - ' line before the next record starts on line \(location.line)"
                    records.append(open)
                }
                current = RISRecord(start: location, problem: value.isEmpty ? "has no type after 'TY  - '" : nil)
            case "ER":
                if let open = current {
                    records.append(open)
                    afterEnd = true
                }
                current = nil
                continue
            default:
                if current == nil {
                    var problem = "does not start with a 'TY  - ' line (its type)"
                    if let (text, number) = lowercaseType {
                        problem += "; the tags are capitals: write '\(text)' on line \(number) as '\(text.prefix(2).uppercased() + text.dropFirst(2))'"
                    }
                    current = RISRecord(start: location, problem: problem)
                }
                lowercaseType = nil
            }
            current?.fields.append(ExportField(tag: tag, pieces: [value], line: line.number))
        }
        if var open = current {
            open.problem = "has no 'ER  - ' line before the end of the file"
            records.append(open)
        }
        return records
    }

    /// `XX  - value`: a capital letter, a capital letter or a digit, two spaces (or one, or more, as pandoc reads
    /// them: `TY - JOUR`), a hyphen, then a space and the value (or the value: `TY  -JOUR`), or the end of the line
    /// (`ER  -`).
    static func field(_ line: Substring) -> (tag: String, value: Substring)? {
        var bytes = line.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), bytes.next() == 0x20,
            isCapital(first), isCapital(second) || (0x30...0x39).contains(second)
        else { return nil }
        var length = 3, next = bytes.next()
        while next == 0x20 {
            length += 1
            next = bytes.next()
        }
        guard next == UInt8(ascii: "-") else { return nil }
        switch bytes.next() {
        case nil: return (String(line.prefix(2)), line[line.endIndex...])
        case 0x20?: return (String(line.prefix(2)), line.droppingBytes(length + 2).trimmingSpaces)
        // `TY  -JOUR`, the space after the hyphen left out.
        default: return (String(line.prefix(2)), line.droppingBytes(length + 1).trimmingSpaces)
        }
    }

    private static func isCapital(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
}

/// Makes citation keys for records without one, as ``RISReader`` describes.
struct CitationKeyMaker {
    private var taken: Set<String>
    /// The next suffix to try for a key, so that many records with one key take linear time, not quadratic.
    private var nextSuffix: [String: Int] = [:]

    init(taken: Set<String>) {
        self.taken = taken
    }

    mutating func key(for reference: Reference) -> String {
        let base = Self.authorYear(reference)
        if taken.insert(base).inserted { return base }
        var number = nextSuffix[base, default: 1]
        while true {
            let candidate = base + Self.letters(number)
            number += 1
            if taken.insert(candidate).inserted {
                nextSuffix[base] = number
                return candidate
            }
        }
    }

    /// The first author's family name (an editor's without one) in lowercase ASCII and the year (`roe2019`; `ref`
    /// without a name): a key without the letter that tells two records of one author and year apart.
    static func authorYear(_ reference: Reference) -> String {
        let name = (reference.authors.first ?? reference.editors.first).flatMap { $0.literal ?? $0.family ?? $0.given } ?? ""
        var base = folded(name)
        if base.isEmpty { base = "ref" }
        if let year = reference.issued?.year { base += String(year) }
        return base
    }

    /// 1 → `a`, 26 → `z`, 27 → `aa`.
    static func letters(_ number: Int) -> String {
        var number = number
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            number -= 1
            scalars.append(Unicode.Scalar(UInt8(ascii: "a") + UInt8(number % 26)))
            number /= 26
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars.reversed())
        return result
    }

    private static let replacements: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i",
    ]

    /// Lowercase ASCII letters and digits: `Müller-Lüdenscheidt` → `mullerludenscheidt`.
    static func folded(_ text: String) -> String {
        var result = ""
        let decomposed = !text.hasByteBeyondASCII ? text : text.decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) {
                    result.unicodeScalars.append(scalar)
                } else if (0x41...0x5A).contains(byte) {
                    result.unicodeScalars.append(Unicode.Scalar(byte + 0x20))
                }
            } else if let replacement = replacements[scalar] {
                result += replacement
            }
        }
        return result
    }
}
