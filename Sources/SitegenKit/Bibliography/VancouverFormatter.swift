/// Formats references as the Vancouver CSL style does (`vancouver.csl`, as pandoc's citeproc renders it).
public struct VancouverFormatter: Sendable {
    /// A formatted entry: plain text (compared with pandoc's) and HTML with the title linked to the source.
    public init() {}

    // Private-use characters mark the title while the entry is assembled as text.
    private static let titleStart: Unicode.Scalar = "\u{E000}"
    private static let titleEnd: Unicode.Scalar = "\u{E001}"
    private static let bookTypes: Set = ["bill", "book", "thesis", "graphic", "legal_case", "motion_picture", "report", "song"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public func format(_ reference: Reference) -> FormattedReference {
        var entry = Assembler()
        let substituteEditors = reference.authors.isEmpty && !reference.editors.isEmpty
        entry.append(
            names(substituteEditors ? reference.editors : reference.authors, label: substituteEditors,
                  isShortened: !substituteEditors && reference.hasMoreAuthors), suffix: ". ")
        entry.append(titleMacro(reference), suffix: ". ")
        if Self.bookTypes.contains(reference.type) {
            entry.append(edition(reference), prefix: " ", suffix: " ")
            entry.append(publisher(reference), prefix: " ")
            entry.append(reference.numberOfPages, prefix: " ", suffix: " p.")
        } else if reference.type == "chapter" || reference.type == "paper-conference" {
            var group = Assembler()
            let editorNames = substituteEditors ? nil : names(reference.editors, label: true)
            group.append(editorNames, suffix: ". ")
            group.append(reference.containerTitle)
            if editorNames != nil || reference.containerTitle != nil {
                entry.append("In: " + group.text, prefix: " ", suffix: ". ")
            }
            entry.append(publisher(reference), prefix: " ")
            entry.append(reference.page.map(Self.pageRange), prefix: " p. ", suffix: ".")
        } else {
            entry.append(journalTitle(reference), suffix: ". ")
            var dateGroup = Assembler()
            dateGroup.append(reference.issued.map { date($0, withMonth: true) })
            dateGroup.append(accessedDate(reference), prefix: " ")
            entry.append(dateGroup.nonEmptyText, suffix: ";")
            var numbers = Assembler()
            numbers.append(reference.volume)
            numbers.append(reference.issue, prefix: "(", suffix: ")")
            numbers.append(reference.page.map(Self.pageRange), prefix: reference.volume != nil || reference.issue != nil ? ":" : "")
            entry.append(numbers.nonEmptyText, suffix: ". ")
        }
        // citeproc prints typographic apostrophes: `Alzheimer's` → `Alzheimer’s`.
        if entry.text.utf8.contains(UInt8(ascii: "'")) { entry.text = String(entry.text.map { $0 == "'" ? "’" : $0 }) }
        if let url = reference.url { entry.append("Available from: " + url) }
        let text = Self.narrowSpaces(Self.punctuationInsideQuotes(Self.collapseSpaces(entry.text)))
        let link = reference.doiURL ?? reference.webURL ?? reference.pmcURL ?? reference.pubMedURL
        return Self.output(text, titleLink: link)
    }

    private func titleMacro(_ reference: Reference) -> String? {
        var parts: [String] = []
        if let title = reference.title { parts.append("\(Self.titleStart)\(title)\(Self.titleEnd)") }
        let isJournal = reference.type == "article-journal" || reference.type == "article-magazine"
        if reference.type == "thesis", let genre = reference.genre { parts.append("[\(genre)]") }
        guard !parts.isEmpty else { return nil }
        if !isJournal, reference.url != nil { parts.insert("[Internet]", at: 1.clamped(to: parts.count)) }
        return parts.joined(separator: " ")
    }

    private func journalTitle(_ reference: Reference) -> String? {
        let container = reference.containerTitleShort ?? reference.containerTitle
        guard let container else { return nil }
        let isJournal = reference.type == "article-journal" || reference.type == "article-magazine"
        return isJournal && reference.url != nil ? container + " [Internet]" : container
    }

    private func edition(_ reference: Reference) -> String? {
        guard let edition = reference.edition else { return nil }
        guard let number = Int(edition) else { return edition.hasSuffix(".") ? edition : edition + "." }
        return Self.ordinal(number) + " ed."
    }

    private func publisher(_ reference: Reference) -> String? {
        var macro = Assembler()
        if reference.type == "thesis" {
            macro.append(reference.publisherPlace, prefix: "[", suffix: "]: ")
        } else {
            macro.append(reference.publisherPlace, suffix: ": ")
        }
        macro.append(reference.publisher, suffix: "; ")
        var dateGroup = Assembler()
        dateGroup.append(reference.issued.map(\.years))
        dateGroup.append(accessedDate(reference), prefix: " ")
        macro.append(dateGroup.nonEmptyText, suffix: ". ")
        return macro.nonEmptyText
    }

    private func accessedDate(_ reference: Reference) -> String? {
        guard reference.url != nil, let accessed = reference.accessed else { return nil }
        return "[cited \(date(accessed, withMonth: true))]"
    }

    private func date(_ date: Reference.DateParts, withMonth: Bool) -> String {
        var text = date.years
        if withMonth, date.endYear == nil, let month = date.month {
            text += " " + Self.months[month - 1]
            if let day = date.day { text += " \(day)" }
        }
        return text
    }

    /// `Family GI` for each name, six at most before `et al.`, joined with commas.
    private func names(_ names: [Reference.Name], label: Bool, isShortened: Bool = false) -> String? {
        guard !names.isEmpty else { return nil }
        let rendered = names.prefix(names.count >= 7 ? 6 : names.count).map(Self.name)
        var text = rendered.joined(separator: ", ")
        // As CSL's `delimiter-precedes-et-al="contextual"`: a comma before `et al.` only after two names or more.
        if names.count >= 7 || isShortened { text += rendered.count > 1 ? ", et al." : " et al." }
        if label { text += names.count > 1 ? ", editors" : ", editor" }
        return text
    }

    static func name(_ name: Reference.Name) -> String {
        if let literal = name.literal { return literal }
        var parts: [String] = []
        let family = [name.nonDroppingParticle, name.family].compactMap { $0 }.joined(separator: " ")
        if !family.isEmpty { parts.append(family) }
        if let given = name.given {
            let initials = initials(of: given)
            if !initials.isEmpty { parts.append(initials) }
        }
        if let dropping = name.droppingParticle { parts.append(dropping) }
        if let suffix = name.suffix { parts.append(suffix) }
        return parts.joined(separator: " ")
    }

    /// Given names as initials, as citeproc makes them for `initialize-with=""`: `Jean-Pierre A.` → `J-PA`,
    /// `Mike W.-L.` → `MW-L`, `Li-wei H.` → `LH` (a lower-case part after a hyphen is dropped), `Ministerie van
    /// Buitenlandse` → `M van B` (a lower-case word is kept whole), `Jr.` → `Jr` (already an abbreviation).
    static func initials(of given: String) -> String {
        enum Word { case initial(String), word(String) }
        var words: [Word] = []
        var current = ""
        for character in given {
            switch character {
            case ".":
                if !current.isEmpty { words.append(.initial(current)) }
                current = ""
            case "-":
                if !current.isEmpty { words.append(.word(current)) }
                current = "-"
            case " ":
                if current.count == 1 { words.append(.initial(current)) } else if !current.isEmpty { words.append(.word(current)) }
                current = ""
            default:
                current.append(character)
            }
        }
        if current.count == 1 { words.append(.initial(current)) } else if !current.isEmpty { words.append(.word(current)) }
        var result = ""
        for word in words {
            switch word {
            case .initial(let text):
                result += text
            case .word(let text) where text.allSatisfy(\.isLowercase):
                result += " " + text + " "
            case .word(let text):
                var characters = text[...]
                if characters.first == "-" {
                    characters = characters.dropFirst()
                    if let first = characters.first, first.isUppercase { result += "-" + first.uppercased() }
                } else if let first = characters.first, first.isUppercase {
                    let rest = characters.dropFirst()
                    if let second = rest.first, second.isUppercase, rest.count > 1, rest.dropFirst().allSatisfy(\.isLowercase) {
                        result += String(first) + second.lowercased()
                    } else {
                        result += String(first)
                    }
                } else {
                    result += text
                }
            }
        }
        var joined = ""
        for character in result {
            if character == "-", joined.last == " " { joined.removeLast() }
            joined.append(character)
        }
        return String(joined.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// Page ranges in CSL's `minimal` form, as citeproc computes it: `413-446` → `413–46`.
    static func pageRange(_ page: String) -> String {
        page.split(separator: ",", omittingEmptySubsequences: false).map { part -> String in
            let trimmed = part.trimmingWhitespace
            let pieces = trimmed.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "-" || $0 == "–" })
            guard pieces.count == 2 else { return String(part) }
            let first = Array(pieces[0].trimmingWhitespace), second = Array(pieces[1].trimmingWhitespace)
            // Only `123-130` or `e123-e130` shapes are shortened; `1731-1743.e13` is kept whole.
            let firstPrefix = first.prefix { !$0.isNumber }, secondPrefix = second.prefix { !$0.isNumber }
            let isNumeric = firstPrefix == secondPrefix && first.dropFirst(firstPrefix.count).allSatisfy(\.isNumber)
                && second.dropFirst(secondPrefix.count).allSatisfy(\.isNumber) && second.count > secondPrefix.count
            // Digits the second number repeats are left out only between numbers of the same length (`321–8`, `1–163`).
            var shared = 0
            while isNumeric, first.count == second.count, shared < second.count - 1, first[shared] == second[shared] { shared += 1 }
            let leading = part.prefix(while: { $0 == " " })
            return leading + String(first) + "–" + String(second[shared...])
        }.joined(separator: ",")
    }

    /// A period or comma after a closing double quote goes inside it (`“De Motu Animalium.”`), as citeproc does for
    /// English; after a quote that already ends in punctuation it is dropped.
    static func punctuationInsideQuotes(_ text: String) -> String {
        guard text.containsBytes("”") else { return text }
        var result: [Character] = []
        var characters = Array(text)[...]
        let markers: Set<Character> = [Character(titleStart), Character(titleEnd)]
        while let character = characters.popFirst() {
            // Past the marks that end the title, if any, to the punctuation that follows the quote.
            let after = characters.firstIndex { !markers.contains($0) }
            if character == "”", let after, characters[after] == "." || characters[after] == "," {
                let next = characters.remove(at: after)
                let before = result.last { !markers.contains($0) }
                if !(before.map { ".,!?:;".contains($0) } ?? false) { result.append(next) }
            }
            result.append(character)
        }
        return String(result)
    }

    /// citeproc puts a narrow no-break space, not a space, before `;`, `?`, `!` and `»` and after `«`.
    static func narrowSpaces(_ text: String) -> String {
        guard text.containsBytes(" ;") || text.containsBytes(" ?") || text.containsBytes(" !") || text.containsBytes("»") || text.containsBytes("«")
        else { return text }
        var result: [Character] = []
        for character in text {
            if ";?!»".contains(character), result.last == " " { result[result.count - 1] = "\u{202F}" }
            if character == " ", result.last == "«" {
                result.append("\u{202F}")
                continue
            }
            result.append(character)
        }
        return String(result)
    }

    static func collapseSpaces(_ text: String) -> String {
        // A space character is a lone 0x20 byte: without two in a row or one at either end there is nothing to do.
        let bytes = text.utf8
        guard bytes.first == 0x20 || bytes.last == 0x20 || text.containsBytes("  ") else { return text }
        // In ASCII and the title marks every scalar is a character; elsewhere a space and a combining mark after it
        // are one character, not a space.
        if text.unicodeScalars.allSatisfy({ $0.isASCII || $0 == titleStart || $0 == titleEnd }) {
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for byte in bytes where byte != 0x20 || (result.last.map { $0 != 0x20 } ?? false) { result.append(byte) }
            while result.last == 0x20 { result.removeLast() }
            return String(decoding: result, as: UTF8.self)
        }
        var result = ""
        result.reserveCapacity(bytes.count)
        // Whether `result` is empty or ends with a space: a space then is dropped.
        var dropsSpace = true
        for character in text {
            let isSpace = character == " "
            if isSpace && dropsSpace { continue }
            result.append(character)
            dropsSpace = isSpace
        }
        while result.last == " " { result.removeLast() }
        return result
    }

    /// The entry as text without the title marks, and as HTML: escaped, with the title made a link to `titleLink`
    /// (or not a link without one).
    static func output(_ text: String, titleLink: String?) -> FormattedReference {
        let link = titleLink.map(HTMLEscaping.escape)
        let scalars = text.unicodeScalars
        var plain = "", html = "", runStart = scalars.startIndex
        func endRun(at end: String.UnicodeScalarView.Index) {
            let run = Substring(scalars[runStart..<end])
            plain += run
            html += HTMLEscaping.escape(String(run))
        }
        for index in scalars.indices where scalars[index] == titleStart || scalars[index] == titleEnd {
            endRun(at: index)
            runStart = scalars.index(after: index)
            if let link { html += scalars[index] == titleStart ? "<a href=\"" + link + "\">" : "</a>" }
        }
        endRun(at: scalars.endIndex)
        return FormattedReference(text: plain, html: html)
    }
}

/// Concatenates CSL output pieces with their affixes, dropping a period that would follow `.`, `?` or `!`.
private struct Assembler {
    var text = ""

    var nonEmptyText: String? { text.isEmpty ? nil : text }

    mutating func append(_ value: String?, prefix: String = "", suffix: String = "") {
        guard let value, !value.isEmpty else { return }
        add(prefix)
        add(value)
        add(suffix)
    }

    private mutating func add(_ piece: String) {
        var piece = Substring(piece)
        let visible = text.last { $0 != "\u{E001}" && $0 != " " }
        let endsWithSpace = text.last == " "
        if piece.first == ".", !endsWithSpace, let visible, ".?!".contains(visible) { piece = piece.dropFirst() }
        text += piece
    }
}

extension Int {
    fileprivate func clamped(to upper: Int) -> Int { Swift.min(self, upper) }
}
