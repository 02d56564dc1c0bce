internal import CCmark
import CSL

/// A text field of a CSL-YAML bibliography (or of an article's `references:`) as pandoc reads it: Markdown, since
/// pandoc reads YAML metadata as Markdown (`*E. coli*` is in italics), turned into the markup of CSL's rich text that
/// CSL-JSON fields carry (`<i>E. coli</i>`), which the styles print. pandoc's extensions are read too: `~sub~`,
/// `^sup^`, `[words]{.nocase}` and `[words]{.smallcaps}`, `~~struck~~` (printed plain), and its smart punctuation
/// (`--` an en dash, `---` an em dash, `...` an ellipsis). A link or code prints its text; straight quotes are left
/// for the styles, which print them in the locale's marks as pandoc prints quoted text. A character escaped with a
/// backslash, or written as an entity (`&#039;`), is that character as typed, as pandoc reads it: `\"Quoted\"` is in
/// straight quotes (pandoc writes a BibTeX title's `"` so), `\'` an apostrophe as typed, `\-\-` two hyphens; the rich
/// text keeps such a quotation mark, and any `<` or backslash that is text, escaped (``CSLQuotesAsText/markdown``).
enum PandocMarkdownText {
    /// The quotation marks that are characters in the rich text ``cslMarkup(_:)`` makes: curly ones as typed (pandoc's
    /// smart quotes make quotes only of straight ones), and escaped ones.
    static let quotesAsText: CSLQuotesAsText = [.curly, .markdown]

    /// The text as pandoc reads it and then takes it as plain text (a date's, whose `2020\~` is `2020~` and `*2020*`
    /// 2020): without Markdown's markup and escapes.
    static func plainText(_ text: String) -> String {
        CSLMarkup.plain(cslMarkup(text), quotesAsText: [.curly, .straightDouble, .straightSingle, .markdown])
    }

    /// The field's text in CSL's rich text; the text itself when it holds nothing that Markdown reads.
    static func cslMarkup(_ text: String) -> String {
        read(text, plain: false)
    }

    /// A part of a name (`family`, `given`, `literal`…) as pandoc takes it: its Markdown read, then as plain text
    /// (pandoc's `stringify`), in CSL's rich text: emphasis, links and pandoc's spans print their text alone, raw HTML
    /// nothing (`Le <i>Roux</i>` is "Le Roux"), quoted text is in “…” and ‘…’ and any other straight `'` an
    /// apostrophe ’, and an escaped character is as typed (`O\'Brien` has a straight apostrophe).
    static func nameText(_ text: String) -> String {
        read(text, plain: true)
    }

    /// The text in CSL's rich text; as plain text with `plain` (``nameText(_:)``).
    private static func read(_ text: String, plain: Bool) -> String {
        guard text.contains(where: { "*_~^[`\\<&$".contains($0) }) || text.contains("--") || text.contains("...") else {
            return plain ? CSLTypedQuotes.curled(text, emphasis: []) : text
        }
        // One paragraph: a field is inline text, so what would start a block (`1. `, `- `, `# `, `> `) is text.
        var line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let digits = line.prefix(while: \.isNumber).count
        let marker = line.dropFirst(digits).first, afterMarker = line.dropFirst(digits + 1).first
        if digits > 0, marker == "." || marker == ")", afterMarker == nil || afterMarker == " " {
            line.insert("\\", at: line.index(line.startIndex, offsetBy: digits))
        } else if let first = line.first, first == ">" || ("#-+*".contains(first) && (line.dropFirst().first == " " || line.count == 1))
            || (first == "#" && line.prefix(while: { $0 == "#" }).count <= 6 && line.drop(while: { $0 == "#" }).first == " ")
        {
            line = "\\" + line
        }
        // Characters of pandoc's smart punctuation that are escaped (or entities) are kept from cmark as stand-ins,
        // which a text that has its own (private use characters) goes without.
        let standIns = !line.unicodeScalars.contains { Self.standInRange.contains($0.value) }
        let prepared = extensions(line, standIns: standIns)
        guard let document = cmark_parse_document(prepared, prepared.utf8.count, CMARK_OPT_DEFAULT) else { return text }
        defer { cmark_node_free(document) }
        var result = ""
        if plain {
            // Its quotes read as a whole, the escaped ones (stand-ins, and code's) as typed.
            var raw = ""
            appendPlain(document, to: &raw, standIns: standIns)
            result = escaped(CSLTypedQuotes.curled(raw, emphasis: []), quotes: false, standIns: standIns)
        } else {
            append(document, to: &result, standIns: standIns)
        }
        // A line cmark reads as a block without text (`***`, a rule) is the text as written.
        return result.allSatisfy(\.isWhitespace) ? text : result.trimmingWhitespace
    }

    /// The text without Markdown's escapes: a backslash before ASCII punctuation is left out (`a\_b` is `a_b`).
    static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = "", escaped = false
        for character in text {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            if escaped, !(character.isASCII && (character.isPunctuation || character.isSymbol)) { result.append("\\") }
            result.append(character)
            escaped = false
        }
        if escaped { result.append("\\") }
        return result
    }

    /// The CSL markup of a node's inline content; `standIns` says whether its text has stand-ins (``standIn(_:)``).
    private static func append(_ node: OpaquePointer, to result: inout String, standIns: Bool) {
        var child = cmark_node_first_child(node)
        while let current = child {
            let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT: result += escaped(smart(literal), quotes: false, standIns: standIns)
            case CMARK_NODE_CODE: result += escaped(restored(literal, standIns: standIns), quotes: true, standIns: false)
            case CMARK_NODE_HTML_INLINE: result += isSmallCapsSpan(literal) ? "<span style=\"font-variant:small-caps;\">" : restored(literal, standIns: standIns)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_CODE_BLOCK: result += restored(literal, standIns: standIns).trimmingWhitespace
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: result += " "
            case CMARK_NODE_EMPH:
                result += "<i>"
                append(current, to: &result, standIns: standIns)
                result += "</i>"
            case CMARK_NODE_STRONG:
                result += "<b>"
                append(current, to: &result, standIns: standIns)
                result += "</b>"
            default:
                // A link's or an image's text, a paragraph's, and (a line cmark read as a block) any other block's.
                if !result.isEmpty, cmark_node_first_child(current) != nil, cmark_node_get_type(current) != CMARK_NODE_LINK,
                    cmark_node_get_type(current) != CMARK_NODE_IMAGE, result.last != " "
                { result += " " }
                append(current, to: &result, standIns: standIns)
            }
            child = cmark_node_next(current)
        }
    }

    /// The plain text of a node's inline content, as pandoc's `stringify` gives it, its quotes straight and its escaped
    /// characters their stand-ins (code's quotation marks too, which pandoc prints as typed); `standIns` says whether
    /// its text has stand-ins (``standIn(_:)``).
    private static func appendPlain(_ node: OpaquePointer, to result: inout String, standIns: Bool) {
        var child = cmark_node_first_child(node)
        while let current = child {
            let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT: result += smart(literal)
            case CMARK_NODE_CODE:
                result += standIns ? String(literal.map { $0 == "\"" || $0 == "'" ? standIn($0) ?? $0 : $0 }) : literal
            // Raw HTML is no text (a line break is a space), nor are the tags of pandoc's spans, whose words are.
            case CMARK_NODE_HTML_INLINE: if literal.lowercased().hasPrefix("<br") { result += " " }
            case CMARK_NODE_HTML_BLOCK: break
            case CMARK_NODE_CODE_BLOCK: result += literal.trimmingWhitespace
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: result += " "
            default:
                // Emphasis, a link's or an image's text; a block's (a line cmark read as one) after a space.
                if !result.isEmpty, cmark_node_get_type(current).rawValue <= CMARK_NODE_LAST_BLOCK.rawValue, result.last != " " { result += " " }
                appendPlain(current, to: &result, standIns: standIns)
            }
            child = cmark_node_next(current)
        }
    }

    /// The stand-ins of escaped characters (private use characters): U+E000 and the character's ASCII code.
    private static let standInRange: ClosedRange<UInt32> = 0xE000...0xE07F

    /// The stand-in for a character of pandoc's smart punctuation that is escaped (`\"`, `\'`, `\-`, `\.`).
    private static func standIn(_ character: Character) -> Character? {
        guard let ascii = character.asciiValue, "\"'-.".contains(character), let scalar = Unicode.Scalar(0xE000 + UInt32(ascii)) else { return nil }
        return Character(scalar)
    }

    /// The character a stand-in stands for.
    private static func stoodIn(_ scalar: Unicode.Scalar) -> Character? {
        standInRange.contains(scalar.value) ? Character(Unicode.Scalar(UInt8(scalar.value - 0xE000))) : nil
    }

    /// Text in CSL's rich text as ``quotesAsText`` reads it: a backslash or `<` (cmark read none as markup) escaped, and
    /// an escaped quotation mark; the other quotation marks escaped too when `quotes` (code's, which pandoc prints as
    /// typed).
    private static func escaped(_ text: String, quotes: Bool, standIns: Bool) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "<" || $0 == "\"" || $0 == "'" || standIns && standInRange.contains($0.value) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if standIns, let character = stoodIn(scalar) {
                if character == "\"" || character == "'" { result += "\\" }
                result.append(character)
            } else {
                if scalar == "\\" || scalar == "<" || quotes && (scalar == "\"" || scalar == "'") { result += "\\" }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text with its stand-ins written as typed, escaped (raw HTML's, as pandoc passes it on).
    private static func restored(_ text: String, standIns: Bool) -> String {
        guard standIns, text.unicodeScalars.contains(where: { standInRange.contains($0.value) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if standIns, let character = stoodIn(scalar) { result += "\\" + String(character) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// Whether raw HTML is a `<span>` tag pandoc reads as small caps: one whose style is `font-variant:small-caps`
    /// (in any case, spaces and `;` aside), whatever other attributes it has (`smallcaps="smallcaps"`, as Zotero's
    /// export writes it). CSL's rich text knows only the one spelling, and prints any other tag as text.
    static func isSmallCapsSpan(_ tag: String) -> Bool {
        guard tag.hasPrefix("<span"), tag.hasSuffix(">"), tag.lowercased().contains("small-caps") else { return false }
        let attributes = tag.dropFirst(5).dropLast().matches(of: /\s+([^\s=\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/)
        guard let style = attributes.first(where: { $0.1.lowercased() == "style" }), let value = style.2 ?? style.3 ?? style.4 else { return false }
        return value.lowercased().filter { !" \t;".contains($0) } == "font-variant:small-caps"
    }

    /// pandoc's smart punctuation in text: dashes and the ellipsis.
    private static func smart(_ text: String) -> String {
        guard text.contains("--") || text.contains("...") else { return text }
        return text.replacing("---", with: "\u{2014}").replacing("--", with: "\u{2013}").replacing("...", with: "\u{2026}")
    }

    /// The text with pandoc's inline extensions that CommonMark lacks written as the raw HTML of CSL's rich text, which
    /// cmark passes on: `~sub~` and `^sup^` (no space inside), `[…]{.nocase}` and `[…]{.smallcaps}` (other attributes
    /// leave the words alone), `~~struck~~` (its marks left out), and `$math$` as text. Escaped characters and code are
    /// left as they are, but for the escaped characters of smart punctuation and the entities of quotation marks
    /// (`&quot;`, `&#039;`), which are their stand-ins (``standIn(_:)``) with `standIns`.
    static func extensions(_ text: String, standIns: Bool = false) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        /// Where the next `character` is from `start` on, in no code and not escaped, with no space before it when
        /// `spaceless`.
        func closing(_ character: Character, from start: Int, spaceless: Bool) -> Int? {
            var index = start
            while index < characters.count {
                if characters[index] == "\\" {
                    index += 2
                    continue
                }
                if characters[index] == character { return index > start ? index : nil }
                if spaceless, characters[index].isWhitespace { return nil }
                index += 1
            }
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\" where index + 1 < characters.count:
                if standIns, let standIn = standIn(characters[index + 1]) {
                    result.append(standIn)
                } else {
                    result.append(character)
                    result.append(characters[index + 1])
                }
                index += 2
            case "&" where standIns:
                // An entity of a quotation mark: the mark as typed, as an escaped one is.
                let entity = String(characters[index..<min(index + 10, characters.count)])
                if let match = entity.prefixMatch(of: /&(quot|apos|#0*(34|39)|#[xX]0*(22|27));/),
                    let standIn = standIn(match.output.1 == "quot" || match.output.2 == "34" || match.output.3 == "22" ? "\"" : "'")
                {
                    result.append(standIn)
                    index += match.output.0.count
                } else {
                    result.append(character)
                    index += 1
                }
            case "`":
                // A code span, to its closing run of as many backticks (or, with none, the backticks as text).
                var run = 1
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                var end = index + run
                while end < characters.count {
                    var other = 0
                    while end + other < characters.count, characters[end + other] == "`" { other += 1 }
                    if other == run { break }
                    end += max(other, 1)
                }
                let stop = end < characters.count ? end + run : index + run
                result += String(characters[index..<stop])
                index = stop
            case "$" where index + 1 < characters.count && characters[index + 1] != "$" && !characters[index + 1].isWhitespace:
                // TeX math, as pandoc reads it (`$x^2$`, `H$_2$O`: a space inside neither `$`, no digit right after the
                // second, so that `$5 to $10` stays text), printed as the BibTeX reader prints math (x<sup>2</sup>, H₂O).
                if let end = closing("$", from: index + 1, spaceless: false), !characters[end - 1].isWhitespace,
                    end + 1 == characters.count || !characters[end + 1].isNumber
                {
                    result += LaTeXText.decode(String(characters[index...end])).textWithMathRaised
                    index = end + 1
                } else {
                    result.append(character)
                    index += 1
                }
            case "~" where index + 1 < characters.count && characters[index + 1] == "~":
                if let end = closing("~", from: index + 2, spaceless: false), end + 1 < characters.count, characters[end + 1] == "~" {
                    result += extensions(String(characters[(index + 2)..<end]), standIns: standIns)
                    index = end + 2
                } else {
                    result += "~~"
                    index += 2
                }
            case "~", "^":
                if let end = closing(character, from: index + 1, spaceless: true) {
                    let tag = character == "~" ? "sub" : "sup"
                    result += "<\(tag)>" + extensions(String(characters[(index + 1)..<end]), standIns: standIns) + "</\(tag)>"
                    index = end + 1
                } else {
                    result.append(character)
                    index += 1
                }
            case "[":
                // `[…]{…}`: the bracket's match, then the attributes.
                var depth = 0, end = index
                while end < characters.count {
                    if characters[end] == "\\" {
                        end += 2
                        continue
                    }
                    if characters[end] == "[" { depth += 1 } else if characters[end] == "]" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    end += 1
                }
                guard end + 1 < characters.count, characters[end + 1] == "{", let close = characters[(end + 1)...].firstIndex(of: "}") else {
                    result.append(character)
                    index += 1
                    continue
                }
                let attributes = String(characters[(end + 2)..<close]).split(separator: " ")
                let inner = extensions(String(characters[(index + 1)..<end]), standIns: standIns)
                if attributes.contains(".nocase") {
                    result += "<span class=\"nocase\">" + inner + "</span>"
                } else if attributes.contains(".smallcaps") {
                    result += "<span style=\"font-variant:small-caps;\">" + inner + "</span>"
                } else {
                    result += inner
                }
                index = close + 1
            default:
                result.append(character)
                index += 1
            }
        }
        return result
    }
}
