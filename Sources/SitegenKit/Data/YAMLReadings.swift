/// What an author writes in YAML that YAML reads otherwise: text it takes for a comment, a tag or an anchor, an item
/// indented into the item above; and, when libyaml cannot read a document, the line that is the likely cause.
enum YAMLReadings {
    /// Warnings for lines that a YAML reader reads without an error but not as written: a ` #` in an unquoted value
    /// (the rest of the line is a comment: `title: Statins myth #1 debunked` is "Statins myth"), a value that starts
    /// with `!` or `&` (a tag or an anchor: `title: !Important warning` is "warning"), an item indented more than the
    /// one above (`- a` then `   - b` is the one item "a - b"), an escape in double quotes that makes a control
    /// character (`"N:\nurses"`, a Windows path, has a line break).
    static func warnings(in source: SourceText) -> [Diagnostic] {
        mayWarn(source.text) ? lint(source) : []
    }

    /// ``warnings(in:)`` without the look at the bytes first.
    static func lint(_ source: SourceText) -> [Diagnostic] {
        var result: [Diagnostic] = []
        // Inside a block scalar (`summary: |`), the lines indented more than its key are its text.
        var blockIndent: Int?
        // The line above when it is a list's item with an unquoted value, which a line indented more continues.
        var itemAbove: (indent: Int, value: String)?
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if let block = blockIndent {
                if content.isEmpty || indent > block { continue }
                blockIndent = nil
            }
            if content.isEmpty || content.hasPrefix("#") {
                itemAbove = nil
                continue
            }
            if let above = itemAbove, indent > above.indent, content.hasPrefix("- ") {
                let value = above.value + " " + content.trimmingSpaces
                result.append(
                    .warning(
                        at: source.location(line: number, column: indent + 1),
                        "this item is indented more than the item above, so YAML reads it as the rest of that item ('\(value)'), not as an"
                            + " item of its own; indent it as the item above"))
                itemAbove = (above.indent, value)
                continue
            }
            itemAbove = nil
            guard let entry = Entry(line) else { continue }
            let value = entry.value
            guard let first = value.first else { continue }
            if first == "#" {
                // `tags: #cardiology #statins`, `summary: #1 answer is yes`: a hashtag or a number YAML reads as a comment, so
                // the key has no value. A comment after a key whose value is on the lines below (`nav: # links`) is meant.
                guard value.dropFirst().first.map({ $0 != " " && $0 != "#" }) == true,
                    !Self.holdsValueBelow(lines[(index + 1)...], indent: entry.indent)
                else { continue }
                let words = value.split(separator: " ")
                // (The list only where a list is read: `topic: #cardiology` written `[cardiology]` is an error.)
                let takesList = ["tags:", "questions:"].contains(entry.lead.trimmingWhitespace)
                let advice = words.allSatisfy { $0.count > 1 && $0.hasPrefix("#") && !$0.dropFirst().contains("#") } && !entry.isItem && takesList
                    ? "if they are tags, write them as a list: \(entry.lead)[\(words.map { $0.dropFirst() }.joined(separator: ", "))]; else put"
                        + " the value in quotes: \(entry.lead)\(YAMLReader.quoted(value))"
                    : "put the value in quotes: \(entry.lead)\(YAMLReader.quoted(value))"
                result.append(
                    .warning(
                        at: source.location(line: number, column: entry.valueColumn),
                        "YAML reads '#' at the start of a value as a comment, so the value is empty (null) and '\(value.prefix(40))' is left"
                            + " out; \(advice)"))
                continue
            }
            if first == "|" || first == ">" {
                blockIndent = entry.indent
                continue
            }
            let at = { (offset: Int) in source.location(line: number, column: entry.valueColumn + offset) }
            if first == "!" || first == "&" {
                let word = value.prefix { $0 != " " }
                let standard = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary"].contains(String(word))
                // An anchor that an alias uses (`*base`) is one meant.
                let used = first == "&" && source.text.contains("*" + word.dropFirst())
                if !standard, !used {
                    let what = first == "!" ? "a tag" : "an anchor's name"
                    result.append(
                        .warning(
                            at: at(0),
                            "YAML reads '\(word)' at the start of a value as \(what), not as text, so the value leaves it out; put the whole value in"
                                + " quotes: \(entry.lead)\(YAMLReader.quoted(value))"))
                }
            } else if first == "\"" {
                guard let inner = Self.doubleQuoted(value), let escape = controlEscape(in: inner) else { continue }
                let letter = inner[inner.index(after: escape)]
                result.append(
                    .warning(
                        at: at(value.utf8.distance(from: value.startIndex, to: escape)),
                        "in double quotes YAML reads '\\\(letter)' as \(Self.escapeNames[letter] ?? "a control character"), not as a backslash and"
                            + " a letter; put the value in single quotes to keep it as written: \(entry.lead)'\(Self.singleQuoted(inner))'"))
            } else if first != "'", first != "[", first != "{" {
                if let comment = commentStart(in: value) {
                    let kept = value[..<comment].trimmingSpaces
                    result.append(
                        .warning(
                            at: at(value.utf8.distance(from: value.startIndex, to: comment)),
                            "YAML reads ' #' and what follows as a comment, so the value ends at '\(kept)'; put the whole value in quotes to keep"
                                + " the rest: \(entry.lead)\(YAMLReader.quoted(value))"))
                }
                if entry.isItem, first != "*", !value.hasPrefix("- ") { itemAbove = (indent, String(value)) }
            }
        }
        return result
    }

    /// Whether the lines after a key hold its value: the first that is neither blank nor a comment is indented more than
    /// the key, or is an item of a list at its indentation.
    private static func holdsValueBelow(_ lines: ArraySlice<Substring>, indent: Int) -> Bool {
        guard let next = lines.first(where: { !$0.trimmingSpaces.isEmpty && !$0.trimmingSpaces.hasPrefix("#") }) else { return false }
        let nextIndent = next.prefix { $0 == " " }.count
        return nextIndent > indent || nextIndent == indent && next.dropFirst(nextIndent).hasPrefix("- ")
    }

    /// Whether the text has what a warning is about, looked for in its bytes (most front matter has none, and the
    /// lines read as characters took 14 % of a 10,000-article build): ` #`, `!`, `&`, a backslash, an item indented
    /// more than an item right above it.
    static func mayWarn(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var itemIndent: Int?
            var index = 0
            while index < bytes.count {
                // A line: its indentation, then its bytes.
                var indent = 0
                while index < bytes.count, bytes[index] == 0x20 { indent += 1; index += 1 }
                let isItem = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == 0x20
                if isItem, let above = itemIndent, indent > above { return true }
                let isBlank = index < bytes.count && bytes[index] == 0x0A
                if !isBlank { itemIndent = isItem ? indent : nil }
                // A `#` that starts a line is a comment of its own, which cuts no value.
                var previous: UInt8 = 0x23
                while index < bytes.count, bytes[index] != 0x0A {
                    switch bytes[index] {
                    case UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "\\"): return true
                    case UInt8(ascii: "#") where previous == 0x20: return true
                    default: break
                    }
                    previous = bytes[index]
                    index += 1
                }
                index += 1
            }
            return false
        }
    }

    /// A line of `key: value`, `- value` or `- key: value` (an item that is a mapping), with the key's or the item's
    /// indentation, what comes before the value and the value without the spaces around it.
    struct Entry {
        var indent: Int
        var lead: String
        var value: Substring
        /// Whether the value is a list's item itself (not a key's value).
        var isItem: Bool
        /// The value's column in the line (1-based, in bytes).
        var valueColumn: Int

        init?(_ line: Substring) {
            guard let (written, text) = YAMLReader.leadAndValue(String(line)) else { return nil }
            var indent = line.prefix { $0 == " " }.count
            var lead = String(written), value = text, isItem = lead == "- "
            // `- key: value`: the item's mapping, whose key starts two columns in.
            if isItem, let (innerLead, innerValue) = YAMLReader.leadAndValue(String(value)), innerLead != "- " {
                indent += 2
                lead += innerLead
                value = innerValue
                isItem = false
            }
            self.indent = indent
            self.lead = lead
            self.value = value
            self.isItem = isItem
            // The value ends the line (but its trailing spaces): its column is the line's length less its own.
            let rest = line.utf8.count - line.reversed().prefix { $0 == " " }.count
            valueColumn = rest - value.utf8.count + 1
        }
    }

    /// The text between a value's opening double quote and its closing one, or nil when it is not closed on its line.
    static func doubleQuoted(_ value: Substring) -> Substring? {
        closingQuote(of: value).map { value[value.index(after: value.startIndex)..<$0] }
    }

    /// Where a quoted value's closing quote is: the first `"` not escaped with a backslash, or the first `'` not
    /// doubled; nil when the line does not close it.
    static func closingQuote(of value: Substring) -> Substring.Index? {
        guard let quote = value.first else { return nil }
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let next = value.index(after: index)
            if quote == "\"", value[index] == "\\" {
                index = next < value.endIndex ? value.index(after: next) : next
                continue
            }
            if value[index] == quote {
                if quote == "'", next < value.endIndex, value[next] == "'" {
                    index = value.index(after: next)
                    continue
                }
                return index
            }
            index = next
        }
        return nil
    }

    /// What the escapes a Windows path or a typo makes in double quotes (`"N:\nurses\team"`) read as.
    private static let escapeNames: [Character: String] = [
        "n": "a line break", "t": "a tab", "r": "a carriage return", "b": "a backspace", "f": "a form feed", "v": "a vertical tab",
        "a": "a bell", "e": "an escape character", "0": "a null character",
    ]

    /// A double-quoted value's text for single quotes, as its author meant it: `\"` and `\\` as the quote and the
    /// backslash they stand for, any other backslash as written, a `'` doubled.
    private static func singleQuoted(_ text: Substring) -> String {
        var result = "", escaped = false
        for character in text {
            if escaped {
                if character != "\"" && character != "\\" { result.append("\\") }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result += character == "'" ? "''" : String(character)
            }
        }
        return escaped ? result + "\\" : result
    }

    /// Where a backslash in a double-quoted value makes a control character (`\n`, `\t`, …); not `\"` or `\\`.
    private static func controlEscape(in value: Substring) -> Substring.Index? {
        var index = value.startIndex
        while let backslash = value[index...].firstIndex(of: "\\") {
            let next = value.index(after: backslash)
            guard next < value.endIndex else { return nil }
            if escapeNames[value[next]] != nil { return backslash }
            index = value.index(after: next)
        }
        return nil
    }

    /// Where a ` #` starts a comment in an unquoted value that goes on after it (`#1`, `#in`); not a ` # ` that
    /// starts a note written as one (`reviewed: 2026-04-20  # the last check`).
    private static func commentStart(in value: Substring) -> Substring.Index? {
        var index = value.startIndex
        while let hash = value[index...].firstIndex(of: "#") {
            let after = value.index(after: hash)
            if hash > value.startIndex, value[value.index(before: hash)] == " " {
                return after < value.endIndex && value[after] != " " && value[after] != "#" ? hash : nil
            }
            index = after
        }
        return nil
    }

    /// A list in brackets that a `#` in it cuts short, on the line libyaml reports or the one above (`tags: [#lipids,
    /// statins]`: after `[`, `,` or a space a `#` starts a comment, and the list is never closed), said at the `#`.
    static func commentInList(near errorLine: Int, lines: YAMLReader.Lines, in source: SourceText) -> Diagnostic? {
        for number in [errorLine, errorLine - 1] {
            guard let line = lines.text(line: number), let (lead, value) = YAMLReader.leadAndValue(line), value.first == "[",
                let hash = Self.flowComment(in: value)
            else { continue }
            let column = line.utf8.count - line.drop { $0 == " " }.dropFirst(lead.count).drop { $0 == " " }.utf8.count + 1
            let items = value.dropFirst().dropLast(value.hasSuffix("]") ? 1 : 0).split(separator: ",").map(\.trimmingSpaces)
            let written = items.map { $0.contains("#") ? YAMLReader.quoted($0) : String($0) }
            return .error(
                at: source.location(line: number, column: column + value.utf8.distance(from: value.startIndex, to: hash)),
                "YAML reads '#' after '[', ',' or a space as the start of a comment, so the rest of the line is left out and the"
                    + " list is never closed; put the item in quotes: \(lead)[\(written.joined(separator: ", "))]")
        }
        return nil
    }

    /// Where a `#` in a list written in brackets starts a comment (after `[`, `,` or a space, outside quotes), if one does.
    private static func flowComment(in value: Substring) -> Substring.Index? {
        var quote: Character?
        var previous: Character = " "
        for index in value.indices {
            let character = value[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == "[" || previous == "," || previous == " " {
                return index
            }
            previous = character
        }
        return nil
    }

    /// The line that likely made libyaml fail, near the line it reports, and what to write instead: a value that
    /// starts with a character YAML reads as syntax (`title: "Safe" or not?`, `[Draft] …`, `*Statins* …`, `@Home`,
    /// `` `x` ``, `%`, `> 50s`, `? Unsure`), a line with no key that continues the value above without an indent, an
    /// item without a space after its `-`, a key indented more than the one above.
    static func cause(near errorLine: Int, lines: YAMLReader.Lines, in source: SourceText) -> Diagnostic? {
        for number in [errorLine, errorLine - 1] {
            guard let line = lines.text(line: number), let (lead, value) = YAMLReader.leadAndValue(line), let first = value.first else { continue }
            let quotedAgain = "put the whole value in quotes: \(lead)\(YAMLReader.quoted(value))"
            let column = line.utf8.count - line.drop { $0 == " " }.dropFirst(lead.count).drop { $0 == " " }.utf8.count + 1
            let at = source.location(line: number, column: column)
            switch first {
            case "\"", "'":
                // A quoted part and text after it: `"Safe" or not?` (not `"Say \"hi\""` or `'It''s'`, which end at their last quote).
                guard let close = Self.closingQuote(of: value), value.index(after: close) < value.endIndex,
                    !value[value.index(after: close)...].trimmingSpaces.hasPrefix("#")
                else { continue }
                return .error(at: at, "a value that starts with a quote ends at the closing one, and YAML reads no text after it; \(quotedAgain)")
            case "|", ">":
                // A block's header (`|`, `>-`, `|2`) is none of this.
                if value.dropFirst().allSatisfy({ "+-0123456789".contains($0) }) || value.dropFirst().trimmingSpaces.hasPrefix("#") { continue }
                return .error(at: at, "a value that starts with '\(first)' means something else in YAML; if it is text, \(quotedAgain)")
            case "[", "{":
                guard !(value.hasSuffix("]") || value.hasSuffix("}")) else { continue }
                return .error(at: at, "a value that starts with '\(first)' is a \(first == "[" ? "list" : "mapping") in YAML, which ends at its '\(first == "[" ? "]" : "}")'; if it is text, \(quotedAgain)")
            case "*", "@", "`", "%", "?":
                return .error(at: at, "a value that starts with '\(first)' means something else in YAML; if it is text, \(quotedAgain)")
            default: continue
            }
        }
        for number in [errorLine - 1, errorLine] {
            guard let line = lines.text(line: number) else { continue }
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            if content.hasPrefix("-"), content.count > 1, !content.hasPrefix("- "), !content.hasPrefix("--") {
                return .error(
                    at: source.location(line: number, column: indent + 1),
                    "an item of a list is written '- ' with a space; write '- \(content.dropFirst())'")
            }
            if indent == 0, YAMLReader.leadAndValue(String(line)) == nil, !content.hasSuffix(":"), !content.hasPrefix("---"), !content.hasPrefix("...") {
                return .error(
                    at: source.location(line: number, column: 1),
                    "this line has no 'key:', so YAML cannot read it; if it goes on with the value above, indent it by two spaces (or join it to"
                        + " the line above), else write the key it is the value of")
            }
            if indent > 0, number > 1, let key = YAMLReader.leadAndValue(String(line)), !key.lead.hasPrefix("- "),
                let above = lines.text(line: number - 1), let (aboveLead, aboveValue) = YAMLReader.leadAndValue(above), !aboveValue.isEmpty,
                !aboveLead.hasPrefix("- "), case let aboveIndent = above.prefix(while: { $0 == " " }).count, aboveIndent < indent
            {
                let name = key.lead.dropLast(2).drop { $0 == " " }
                let aboveName = aboveLead.dropLast(2).drop { $0 == " " }
                let fix = aboveIndent == 0 ? "remove the spaces before '\(name)'" : "indent it as '\(aboveName)', by \(aboveIndent) spaces"
                return .error(
                    at: source.location(line: number, column: indent + 1),
                    "'\(name)' is indented more than the key above, so YAML reads it as part of that key's value; \(fix)")
            }
        }
        return nil
    }
}
