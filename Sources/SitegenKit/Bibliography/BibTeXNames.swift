/// Splits a BibTeX name list (`A and B and others`) into CSL names, handling the three BibTeX forms
/// (`First von Last`, `von Last, First`, `von Last, Jr, First`) and corporate names in braces.
enum BibTeXNames {
    static func parse(_ field: BibTeXField, source: SourceText) throws(Diagnostic) -> (names: [Reference.Name], hasMore: Bool) {
        var names: [Reference.Name] = []
        var hasMore = false
        for part in splitTopLevel(field.value, onWord: "and") {
            let trimmed = part.trimmingWhitespace
            guard !trimmed.isEmpty else {
                throw Diagnostic.error(at: field.location, "malformed BibTeX: empty name in '\(field.value)'")
            }
            if trimmed == "others" {
                hasMore = true
                continue
            }
            names.append(name(trimmed))
        }
        return (names, hasMore)
    }

    static func name(_ raw: String) -> Reference.Name {
        if raw.hasPrefix("{"), raw.hasSuffix("}"), braceDepthNeverZero(raw) {
            return Reference.Name(literal: LaTeXText.decode(raw, tilde: " ").text.trimmingWhitespace)
        }
        let commaParts = splitTopLevel(raw, onComma: true).map { $0.trimmingWhitespace }
        if let extended = extendedName(commaParts) { return extended }
        func words(_ text: String) -> [String] { splitTopLevel(text, onComma: false).filter { !$0.isEmpty } }
        func decoded(_ parts: [String]) -> String? {
            let text = parts.map { LaTeXText.decode($0, tilde: " ").text }.joined(separator: " ").trimmingWhitespace
            return text.isEmpty ? nil : text
        }
        var first: [String] = [], von: [String] = [], last: [String] = [], jr: [String] = []
        if commaParts.count == 1 {
            let all = words(commaParts[0])
            guard all.count > 1 else { return Reference.Name(family: decoded(all)) }
            let vonStart = all.dropLast().firstIndex(where: isLowercaseWord)
            if let vonStart {
                first = Array(all[..<vonStart])
                let rest = Array(all[vonStart...])
                let vonEnd = rest.dropLast().lastIndex(where: isLowercaseWord) ?? 0
                von = Array(rest[...vonEnd])
                last = Array(rest[(vonEnd + 1)...])
            } else {
                first = Array(all.dropLast())
                last = [all[all.count - 1]]
            }
        } else {
            let vonLast = words(commaParts[0])
            if let vonEnd = vonLast.dropLast().lastIndex(where: isLowercaseWord) {
                von = Array(vonLast[...vonEnd])
                last = Array(vonLast[(vonEnd + 1)...])
            } else {
                last = vonLast
            }
            if commaParts.count == 2 {
                first = words(commaParts[1])
            } else {
                jr = words(commaParts[1])
                first = words(commaParts[2...].joined(separator: " "))
            }
        }
        return Reference.Name(
            family: decoded(last), given: decoded(first), droppingParticle: decoded(von), suffix: decoded(jr))
    }

    /// biblatex's extended name format, `family=Heuvel, prefix=van den, useprefix=false, given=Charles`; nil for
    /// a name in any other form.
    static func extendedName(_ parts: [String]) -> Reference.Name? {
        let keys: Set = ["family", "given", "prefix", "suffix", "useprefix", "given-i", "family-i", "prefix-i", "suffix-i"]
        var values: [String: String] = [:]
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let key = part[..<equals].trimmingWhitespace.lowercased()
            guard keys.contains(key) else { return nil }
            var value = part[part.index(after: equals)...].trimmingWhitespace
            if value.hasPrefix("{"), value.hasSuffix("}"), braceDepthNeverZero(value) { value = String(value.dropFirst().dropLast()) }
            values[key] = LaTeXText.decode(value, tilde: " ").text.trimmingWhitespace
        }
        guard values["family"] != nil || values["given"] != nil else { return nil }
        var name = Reference.Name(family: values["family"], given: values["given"], suffix: values["suffix"])
        if let prefix = values["prefix"], !prefix.isEmpty {
            if values["useprefix"] == "true" { name.nonDroppingParticle = prefix } else { name.droppingParticle = prefix }
        }
        return name
    }

    private static func isLowercaseWord(_ word: String) -> Bool {
        guard let first = LaTeXText.decode(word).characters.first(where: { $0.character.isLetter }) else { return false }
        return first.character.isLowercase && !word.hasPrefix("{")
    }

    private static func braceDepthNeverZero(_ text: String) -> Bool {
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth == 0 && offset < text.count - 1 { return false }
        }
        return true
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

    static func splitTopLevel(_ text: String, onComma: Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            let isSeparator = onComma ? character == "," : (character == " " || character == "\n" || character == "\t")
            if depth == 0 && isSeparator {
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

extension String {
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }
}
