/// Splits a BibTeX name list (`A and B and others`) into CSL names, handling the three BibTeX forms
/// (`First von Last`, `von Last, First`, `von Last, Jr, First`) and corporate names in braces.
enum BibTeXNames {
    static func parse(_ field: BibTeXField, source: SourceText) throws(Diagnostic) -> (names: [Reference.Name], hasMore: Bool) {
        var names: [Reference.Name] = []
        var hasMore = false
        // An empty field (`editor = ""`, as old exports write every field they have no value for) names no one, as
        // pandoc reads it.
        guard !field.value.trimmingWhitespace.isEmpty else { return (names, hasMore) }
        for part in splitTopLevel(field.value, onWord: "and") {
            let trimmed = part.trimmingWhitespace
            guard !trimmed.isEmpty else {
                throw Diagnostic.error(
                    at: field.location, "malformed BibTeX: empty name in '\(field.value)': an 'and' with no name before or after it; remove it, or write the name")
            }
            if trimmed == "others" {
                hasMore = true
                continue
            }
            // A name of commas alone (ScienceDirect's `Schaie, K. Warner and ,  and Willis, Sherry L.`) names no one:
            // left out, as pandoc leaves it out (``emptyNameWarnings(_:name:)``).
            let read = name(trimmed)
            if read != Reference.Name() { names.append(read) }
        }
        return (names, hasMore)
    }

    /// A warning for each name of a name field that is commas alone, which names no one and is left out, as pandoc
    /// leaves it out; it was a name of nothing, which styles counted (APA's "Schaie, & Willis").
    static func emptyNameWarnings(_ field: BibTeXField, name fieldName: String) -> [Diagnostic] {
        splitTopLevel(field.value, onWord: "and").compactMap { part -> Diagnostic? in
            let part = part.trimmingWhitespace
            guard !part.isEmpty, part.allSatisfy({ $0 == "," || $0.isWhitespace }) else { return nil }
            return .warning(at: field.location, "\(fieldName) = {\(field.value.trimmingWhitespace)} has a name of commas alone, '\(part)', which names no one and is left out, as pandoc leaves it out; remove it and its 'and'")
        }
    }

    /// A warning for each name written given names first with a suffix after it (`Martin Luther King Jr.`), which
    /// BibTeX, pandoc and sitegen read with the suffix as the family name ("Jr., M. L. K."), with the form that says
    /// what is meant (`King, Jr., Martin Luther`).
    static func suffixWarnings(_ field: BibTeXField, name fieldName: String) -> [Diagnostic] {
        splitTopLevel(field.value, onWord: "and").compactMap { part -> Diagnostic? in
            let part = part.trimmingWhitespace
            guard splitTopLevel(part, onComma: true).count == 1 else { return nil }
            let words = splitTopLevel(part, onComma: false).filter { !$0.isEmpty }
            guard words.count >= 3, let last = words.last, Self.suffixes.contains(last.lowercased()) else { return nil }
            let family = words[words.count - 2], given = words.dropLast(2).joined(separator: " ")
            return .warning(
                at: field.location,
                "'\(part)' in \(fieldName) is read with '\(last)' as the family name, as BibTeX reads a name written given names first;"
                    + " write it \(family), \(last), \(given)")
        }
    }

    private static let suffixes: Set = ["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"]

    /// A warning for each name with more than two commas (`Ehlermann, Rechtsanwalt, Brüssel, ehem. Generaldirektor`,
    /// several people or a name's titles after commas): BibTeX reads `Last, Jr, First` and pandoc and sitegen leave the
    /// rest out.
    static func commaWarnings(_ field: BibTeXField, name fieldName: String) -> [Diagnostic] {
        splitTopLevel(field.value, onWord: "and").compactMap { part -> Diagnostic? in
            let part = part.trimmingWhitespace
            let parts = splitTopLevel(part, onComma: true).map { $0.trimmingWhitespace }
            guard parts.count > 3 else { return nil }
            return .warning(
                at: field.location,
                "'\(part)' in \(fieldName) has \(parts.count - 1) commas, and a name is read as 'Last, Jr, First', so '\(parts[3...].joined(separator: ", "))'"
                    + " is left out, as pandoc leaves it out; separate people with 'and', and write each as Last, First")
        }
    }

    /// A warning for each name of a name field that BibTeX reads as a person's but that is an organization's:
    /// `author = {World Health Organization}` is given names "World Health" and family name "Organization" to BibTeX,
    /// pandoc and sitegen alike, and Vancouver prints "Organization WH". A name is taken for an organization's when
    /// it has no comma, more than one word, and ends in a word such as Organization or Collaboration, or has a
    /// lowercase word that is no name particle (`for`, `of`: "National Institute for Health").
    static func organizationWarnings(_ field: BibTeXField, name fieldName: String) -> [Diagnostic] {
        enum Kind { case person, endsInOrganizationWord, hasOtherLowercaseWord }
        let parts = splitTopLevel(field.value, onWord: "and").map { $0.trimmingWhitespace }
        let kinds = parts.map { part -> Kind in
            guard !part.hasPrefix("{") || !part.bracesCloseOnlyAtEnd, splitTopLevel(part, onComma: true).count == 1 else { return .person }
            let words = splitTopLevel(part, onComma: false).filter { !$0.isEmpty && !$0.hasPrefix("{") }
            guard words.count > 1, let last = words.last?.lowercased() else { return .person }
            if Self.organizationWords.contains(last) { return .endsInOrganizationWord }
            return words.contains(where: { Self.notParticles.contains($0) }) ? .hasOtherLowercaseWord : .person
        }
        var warnings: [Diagnostic] = []
        var index = 0
        while index < parts.count {
            defer { index += 1 }
            guard kinds[index] != .person else { continue }
            // "National Institute for Health and Care Excellence": an `and` inside the name made it two.
            var text = parts[index]
            var read = "a person's name (family name '\(name(text).family ?? "")')"
            if kinds[index] == .hasOtherLowercaseWord, index + 1 < parts.count, kinds[index + 1] == .endsInOrganizationWord,
                let range = field.value.firstRange(of: parts[index]), let next = field.value[range.upperBound...].firstRange(of: parts[index + 1])
            {
                text = String(field.value[range.lowerBound..<next.upperBound])
                read = "two people's names"
                index += 1
            }
            // The field as it should be: the name in braces, the other names as they are.
            let braced = field.value.replacing(text, with: "{" + text + "}", maxReplacements: 1)
            warnings.append(
                .warning(
                    at: field.location,
                    "'\(text)' is read as \(read), as BibTeX reads it; an organization's name goes in braces of its own: \(fieldName) = {\(braced)}"))
        }
        return warnings
    }

    /// Last words of organizations' names, lowercased.
    private static let organizationWords: Set = [
        "organization", "organisation", "association", "society", "institute", "institutes", "collaboration", "collaborative",
        "group", "committee", "council", "agency", "foundation", "network", "consortium", "centre", "center", "centers",
        "trialists", "commission", "college", "academy", "federation", "service", "services", "administration", "department",
        "ministry", "office", "panel", "programme", "program", "authority", "alliance", "initiative", "investigators",
        "excellence", "statistics", "organizations", "hospital", "university",
    ]

    /// Lowercase words of organizations' names that are no particle of a person's (`van`, `de` are).
    private static let notParticles: Set = ["for", "of", "on", "the", "in"]

    static func name(_ raw: String) -> Reference.Name {
        if raw.hasPrefix("{"), raw.hasSuffix("}"), raw.bracesCloseOnlyAtEnd {
            return Reference.Name(literal: LaTeXText.decode(raw, tilde: " ").text.trimmingWhitespace)
        }
        let commaParts = splitTopLevel(raw, onComma: true).map { $0.trimmingWhitespace }
        if let extended = extendedName(commaParts) { return extended }
        func words(_ text: String) -> [String] { splitTopLevel(text, onComma: false).filter { !$0.isEmpty } }
        func decoded(_ parts: [String], spacingInitials: Bool = false) -> String? {
            let text = parts.map { part in
                let word = LaTeXText.decode(part, tilde: " ").text
                return spacingInitials && !part.hasPrefix("{") && !part.contains(".{") ? Self.spacingInitials(word) : word
            }.joined(separator: " ").trimmingWhitespace
            return text.isEmpty ? nil : text
        }
        // As biblatex (and pandoc) split a name: "First von Last", "von Last, First", "von Last, Jr, First", where von
        // is the lowercase words that start "von Last" and Last is the rest ("Smith de la Cruz, Jo" is all Last;
        // BibTeX itself took "Smith de la" for the von).
        var first: [String] = [], vonLast: [String] = [], jr: [String] = []
        if commaParts.count == 1 {
            let all = words(commaParts[0])
            let capitals = all.prefix { !isLowercaseWord($0) }
            if capitals.count == all.count {
                first = Array(all.dropLast())
                vonLast = Array(all.suffix(1))
            } else {
                first = Array(capitals)
                vonLast = Array(all[capitals.count...])
            }
        } else {
            vonLast = words(commaParts[0])
            if commaParts.count == 2 {
                first = words(commaParts[1])
            } else {
                // A part after the third (a name with its titles and places after commas) is not read, as pandoc
                // reads it; ``commaWarnings(_:name:)`` says so.
                jr = words(commaParts[1])
                first = words(commaParts[2])
            }
        }
        var von = Array(vonLast.prefix(while: isLowercaseWord)), last = Array(vonLast[von.count...])
        if last.isEmpty, !von.isEmpty { last = [von.removeLast()] }
        // A family name of initials (`V.V., Tuchin`, an editor's name turned round in a Scopus export) is spaced too, as
        // pandoc reads it.
        return Reference.Name(
            family: decoded(last, spacingInitials: true), given: decoded(first, spacingInitials: true), droppingParticle: decoded(von),
            suffix: decoded(jr, spacingInitials: true))
    }

    /// Initials run together in a word ("R.J.", "J.R.R.") with a space after each, as pandoc reads them ("R. J."), so
    /// that they sort and print as the same initials spaced do: each capital and its period before a capital that ends
    /// the word or takes a period ("J.R.Smith" is "J. R.Smith"; "Ph.D." and "J.-P." stay).
    static func spacingInitials(_ word: String) -> String {
        guard word.utf8.contains(UInt8(ascii: ".")) else { return word }
        let characters = Array(word)
        func isCapital(_ character: Character) -> Bool { character.isUppercase && character.isLetter }
        var result = ""
        var index = 0
        while index + 2 < characters.count, isCapital(characters[index]), characters[index + 1] == ".", isCapital(characters[index + 2]),
            index + 3 == characters.count || characters[index + 3] == "."
        {
            result += String(characters[index]) + ". "
            index += 2
        }
        return index == 0 ? word : result + String(characters[index...])
    }

    /// biblatex's extended name format, `family=Heuvel, prefix=van den, useprefix=false, given=Charles`; nil for
    /// a name in any other form.
    static func extendedName(_ parts: [String]) -> Reference.Name? {
        // (`juniorcomma`, Better BibTeX's, says only how biblatex prints the suffix: read and left aside, as pandoc does.)
        let keys: Set = ["family", "given", "prefix", "suffix", "useprefix", "juniorcomma", "given-i", "family-i", "prefix-i", "suffix-i"]
        var values: [String: String] = [:]
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let key = part[..<equals].trimmingWhitespace.lowercased()
            guard keys.contains(key) else { return nil }
            var value = part[part.index(after: equals)...].trimmingWhitespace
            if value.hasPrefix("{"), value.hasSuffix("}"), value.bracesCloseOnlyAtEnd { value = String(value.dropFirst().dropLast()) }
            values[key] = LaTeXText.decode(value, tilde: " ").text.trimmingWhitespace
        }
        guard values["family"] != nil || values["given"] != nil else { return nil }
        var name = Reference.Name(family: values["family"], given: values["given"], suffix: values["suffix"])
        if let prefix = values["prefix"], !prefix.isEmpty {
            if values["useprefix"] == "true" { name.nonDroppingParticle = prefix } else { name.droppingParticle = prefix }
        }
        return name
    }

    /// Whether a word of a name is one of the lowercase words of a particle (or of given names that pandoc reads as one,
    /// `{\'E}mile`): one that does not start with a capital as pandoc tells one (``LaTeXText/startsWithCapital``).
    private static func isLowercaseWord(_ word: String) -> Bool {
        !LaTeXText.decode(word).startsWithCapital
    }

    /// Splits at brace depth 0 on the word `and` (names, lists) or on spaces or commas (name parts).
    /// - Parameter ignoringCase: whether `AND` separates too (names, as BibTeX reads them); pandoc splits lists of
    ///   places and publishers on lower-case `and` only.
    static func splitTopLevel(_ text: String, onWord word: String, ignoringCase: Bool = true) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let tokens = text.replacingNewlines.split(separator: " ", omittingEmptySubsequences: true)
        for token in tokens {
            for character in token {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
            }
            if depth == 0 && (ignoringCase ? token.lowercased() : String(token)) == word && !current.trimmingWhitespace.isEmpty {
                parts.append(current)
                current = ""
            } else {
                current += (current.isEmpty ? "" : " ") + token
            }
        }
        parts.append(current)
        return parts
    }

    ///
    /// Spaces after a control word (`S\o rensen`, `Fran\c cois`) end the command, as TeX reads them, and part no words;
    /// nor do spaces or a line break after an accent, which goes on the letter after them (`Nu\~⏎nez`, Nuñez), as
    /// pandoc reads it.
    static func splitTopLevel(_ text: String, onComma: Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            // A no-break space (U+00A0, as a name copied from a web page has one: `Critchley, Hugo D.`) parts words, as
            // pandoc reads it ("Critchley HD").
            let isSeparator = onComma ? character == "," : (character == " " || character == "\n" || character == "\t" || character == "\u{00A0}")
            // A comma after a backslash (`\,`, a thin space) separates nothing; spaces after a control word neither.
            let isEscaped = onComma ? endsWithBackslash(current) : endsWithControlWord(current)
            if depth == 0 && isSeparator && !isEscaped {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}

/// Whether the text ends with a backslash that is not itself escaped (`a\`, not `a\\`).
private func endsWithBackslash(_ text: String) -> Bool {
    text.utf8.reversed().prefix { $0 == UInt8(ascii: "\\") }.count % 2 == 1
}

/// Whether the text ends with a control word (`\o`, `\ss`) or an accent (`\~`, `\'`), spaces after it or not: a
/// backslash that is not itself escaped, and letters or an accent's character.
private func endsWithControlWord(_ text: String) -> Bool {
    let trimmed = text.utf8.reversed().drop { $0 == UInt8(ascii: " ") || $0 == 0x0A || $0 == 0x09 }
    var name = trimmed.prefix { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }.count
    if name == 0, let last = trimmed.first, last < 0x80, LaTeXText.isAccent(Character(UnicodeScalar(last))) { name = 1 }
    guard name > 0 else { return false }
    let backslashes = trimmed.dropFirst(name).prefix { $0 == UInt8(ascii: "\\") }.count
    return backslashes % 2 == 1
}

extension String {
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }
}
