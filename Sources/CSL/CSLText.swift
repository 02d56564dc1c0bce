/// Formatted text, as a style renders it: runs of characters inside styles (italics, bold, small caps, quotes…),
/// printed to HTML or to plain text.
public indirect enum CSLText: Sendable, Equatable {
    case text(String)
    case styled(CSLStyling, [CSLText])

    /// Whether it prints nothing.
    var isEmpty: Bool {
        switch self {
        case .text(let text): text.isEmpty
        case .styled(_, let children): children.allSatisfy(\.isEmpty)
        }
    }

    /// Its characters, without styles.
    public var plain: String {
        var printer = CSLPrinter(html: false, quotes: .english)
        printer.print([self])
        return printer.output
    }
}

/// A style a run of text is printed in.
public enum CSLStyling: Sendable, Equatable, Hashable {
    case italic, oblique, normalStyle
    case bold, light, normalWeight
    case smallCaps, normalVariant
    case underline, noDecoration
    case superscript, `subscript`, baseline
    /// In the locale's quotation marks; quotes inside quotes take the inner marks.
    case quoted
    /// In the quotation marks typed in a cite's prefix or suffix (straight ones, as pandoc's smart quotes read them,
    /// ``CSLTypedQuotes``): ‘…’ for single quotes, “…” for double, whatever the quotes around and the locale's marks,
    /// as pandoc prints them.
    case typedQuote(single: Bool)
    /// Left as it is by text case changes.
    case nocase
    /// Text held together, as pandoc holds a span of a BibTeX field's text (`\mkbibquote{…}`, a quote in a group):
    /// printed as it is and re-cased as the text around it, but a comma or period after it stays outside a quote it
    /// ends in (“Its Uses”.).
    case group
    /// `display`: `block`, `left-margin`, `right-inline` or `indent`.
    case display(String)
    /// A link pandoc prints none of (sitegen's own link of a title, a citation's link to its entry): punctuation
    /// moves into a quote inside it as if it were not there.
    case link(String)
    /// A title's link that pandoc's citeproc prints as well (the item has a DOI, PMCID, PMID or URL the style prints
    /// none of): it holds the title, so a comma or period after it stays outside a quote the title ends in.
    case groupingLink(String)
    /// Italics, bold or small caps from markup in an item's text (`<i>`, `<b>`, `<sc>`), which turn around inside
    /// the same style (an `<i>` in an italic title prints upright), as citeproc-js prints them. A style's own
    /// formatting inside the same formatting does not (a `<name font-variant="small-caps">` in `<names
    /// font-variant="small-caps">` prints in small caps), as pandoc's citeproc and citeproc-js print it.
    indirect case markup(CSLStyling)

    var isQuote: Bool {
        switch self {
        case .quoted, .typedQuote: true
        default: false
        }
    }

    var isLink: Bool {
        if case .link = self { true } else { false }
    }

    /// Whether pandoc prints the styling as an element around its text (emphasis, a span, a link), not as the text
    /// alone: all but a style set back to normal, light weight and the baseline (for which it prints nothing) and
    /// sitegen's own link.
    var isElement: Bool {
        switch self {
        case .normalStyle, .light, .normalWeight, .normalVariant, .baseline, .link: false
        case .markup(let styling): styling.isElement
        default: true
        }
    }

    /// The styles an element's formatting attributes ask for, outermost first, in citeproc-js's order whatever the
    /// attributes' order: vertical alignment, decoration, weight, variant, then font style innermost.
    static func from(_ attributes: [XMLAttribute]) -> [CSLStyling] {
        var styles: [CSLStyling] = []
        // Looked up in this order (an element has each attribute once): no array is made for an element without any.
        for name in order {
            guard let value = attributes[name] else { continue }
            switch (name, value) {
            case ("font-style", "italic"): styles.append(.italic)
            case ("font-style", "oblique"): styles.append(.oblique)
            case ("font-style", "normal"): styles.append(.normalStyle)
            case ("font-weight", "bold"): styles.append(.bold)
            case ("font-weight", "light"): styles.append(.light)
            case ("font-weight", "normal"): styles.append(.normalWeight)
            case ("font-variant", "small-caps"): styles.append(.smallCaps)
            case ("font-variant", "normal"): styles.append(.normalVariant)
            case ("text-decoration", "underline"): styles.append(.underline)
            case ("text-decoration", "none"): styles.append(.noDecoration)
            case ("vertical-align", "sup"): styles.append(.superscript)
            case ("vertical-align", "sub"): styles.append(.subscript)
            case ("vertical-align", "baseline"): styles.append(.baseline)
            default: break
            }
        }
        return styles
    }

    private static let order = ["vertical-align", "text-decoration", "font-weight", "font-variant", "font-style"]
}

/// The quotation marks of a locale.
struct CSLQuotes: Sendable {
    var open = "“", close = "”", innerOpen = "‘", innerClose = "’"
    /// Whether a comma or period that follows a closing quote moves inside it.
    var punctuationInQuote = false

    static let english = CSLQuotes()
    /// The marks of quotes typed in a prefix or suffix (``CSLStyling/typedQuote(single:)``) in any language.
    static let typed = CSLQuotes()
}

/// Prints formatted text as HTML (escaping `&`, `<` and `>` as citeproc-js does) or as plain text, turning markup
/// inside the same style around (an `<i>` in italics prints upright), alternating outer and inner quotes, and
/// with `punctuation-in-quote` moving a comma or period that follows a closing quote inside it (as pandoc's
/// citeproc does: when the two are side by side, not when the quote ends a styled run; and twice over for a quote in
/// no styling, so that a second mark after it is left out: `Ends "word",` then the style's period prints “word,”).
struct CSLPrinter {
    let html: Bool
    let quotes: CSLQuotes
    /// How HTML escapes the characters it must: as citeproc-js does, or by name with quotes too.
    var escaping = CSLHTMLEscaping.citeproc
    /// Whether quoted text is printed in its quotation marks: not in a sort key, where pandoc's citeproc reads the
    /// text without them.
    var marksQuotes = true
    /// Whether raised and lowered text is printed as pandoc's plain writer prints it (``CSLMarkup/readable(_:quotesAsText:)``),
    /// in plain text; else as its text alone, as a sort key or a comparison reads it (`mc2`).
    var writesScripts = false
    private(set) var output = ""
    /// The text printed last outside tags (its last character is read only when a quote closes after it).
    private var lastText: Substring?
    /// Where the closing quote that was printed last sits (its UTF-8 offset in `output`) and the character before
    /// it, while nothing visible has followed it; `again`: whether a second comma or period after it is read too.
    private var closingQuote: (offset: Int, before: Character?, again: Bool)?
    private var italic = false, bold = false, smallCaps = false, quoteDepth = 0
    /// How many stylings the text printed is in (a ``CSLStyling/link(_:)``, which pandoc prints none of, aside).
    private var stylingDepth = 0

    init(html: Bool, quotes: CSLQuotes) {
        self.html = html
        self.quotes = quotes
    }

    mutating func print(_ texts: [CSLText]) {
        for text in texts { print(text) }
    }

    private mutating func print(_ text: CSLText) {
        switch text {
        case .text(let string): append(string)
        case .styled(let styling, let children): print(children, in: styling)
        }
    }

    private mutating func print(_ children: [CSLText], in styling: CSLStyling) {
        // A comma or period moves into a closing quote only from beside it, not from outside a style around it; a
        // title's link is no style of the text (pandoc prints none), so the mark moves into its quote inside the link.
        defer { if !styling.isQuote, !styling.isLink { closingQuote = nil } }
        // pandoc's citeproc moves punctuation into the quotes of a list of its text once per list, and the entry's (or
        // citation's) own list once more: a quote in no styling reads a second mark after it.
        let outermost = stylingDepth == 0
        if !styling.isLink { stylingDepth += 1 }
        defer { if !styling.isLink { stylingDepth -= 1 } }
        switch styling {
        case .italic: setting(\.italic, children, open: "<i>", close: "</i>")
        case .oblique: setting(\.italic, children, open: "<span style=\"font-style:oblique;\">", close: "</span>")
        case .normalStyle: resetting(\.italic, children, normal: Self.normalStyle)
        case .bold: setting(\.bold, children, open: "<b>", close: "</b>")
        case .light:
            tag("<span style=\"font-weight:light;\">"); print(children); tag("</span>")
        case .normalWeight: resetting(\.bold, children, normal: Self.normalWeight)
        case .smallCaps: setting(\.smallCaps, children, open: "<span style=\"font-variant:small-caps;\">", close: "</span>")
        case .normalVariant: resetting(\.smallCaps, children, normal: Self.normalVariant)
        case .markup(.italic): toggling(\.italic, children, open: "<i>", close: "</i>", normal: Self.normalStyle)
        case .markup(.bold): toggling(\.bold, children, open: "<b>", close: "</b>", normal: Self.normalWeight)
        case .markup(.smallCaps): toggling(\.smallCaps, children, open: "<span style=\"font-variant:small-caps;\">", close: "</span>", normal: Self.normalVariant)
        case .markup(let styling): print(children, in: styling)
        case .underline:
            tag("<span style=\"text-decoration:underline;\">"); print(children); tag("</span>")
        case .noDecoration:
            tag("<span style=\"text-decoration:none;\">"); print(children); tag("</span>")
        case .superscript:
            let start = output.utf8.count
            tag("<sup>"); print(children); tag("</sup>")
            if writesScripts, !html { script(from: start, Self.superscripts, else: "^") }
        case .subscript:
            let start = output.utf8.count
            tag("<sub>"); print(children); tag("</sub>")
            if writesScripts, !html { script(from: start, Self.subscripts, else: "_") }
        case .baseline:
            tag("<span style=\"baseline\">"); print(children); tag("</span>")
        case .nocase, .group:
            print(children)
        case .quoted, .typedQuote:
            guard marksQuotes else { return print(children) }
            var inner = quoteDepth % 2 == 1
            var marks = quotes
            if case .typedQuote(let single) = styling { (inner, marks) = (single, .typed) }
            quoteDepth += 1
            append(inner ? marks.innerOpen : marks.open)
            print(children)
            quoteDepth -= 1
            // Punctuation after quotes that close together goes inside the outermost only, as pandoc's citeproc moves
            // it (“The ‘Obesity Paradox’.”), unless the quoted text ends in punctuation of its own (“A ‘Cure.’”).
            let closing = (output.utf8.count, closingQuote?.before ?? lastText?.last, outermost)
            append(inner ? marks.innerClose : marks.close)
            closingQuote = closing
        case .display(let kind):
            // Only the four values CSL defines become a class name (a style's file cannot write other markup).
            let known = ["block", "left-margin", "right-inline", "indent"].contains(kind) ? kind : "block"
            tag("<div class=\"csl-\(known)\">"); print(children); tag("</div>")
        case .link(let address), .groupingLink(let address):
            tag("<a href=\"\(escape(address))\">"); print(children); tag("</a>")
        }
    }

    /// The text printed from `start` (a UTF-8 offset) in the script's characters when each of its characters has one
    /// (white space is its own), else in `^(…)` or `_(…)`, as pandoc's plain writer prints a superscript or subscript.
    private mutating func script(from start: Int, _ characters: [Character: Character], else mark: String) {
        let index = output.utf8.index(output.utf8.startIndex, offsetBy: start)
        let written = output[index...]
        guard !written.isEmpty else { return }
        let mapped = written.map { $0.isWhitespace ? $0 : characters[$0] }
        let replacement = mapped.contains(nil) ? mark + "(" + written + ")" : String(mapped.compactMap { $0 })
        output.replaceSubrange(index..., with: replacement)
    }

    /// The characters pandoc's plain writer raises (its `toSuperscript`): digits, `+`, `-` (and −), `=`, `(` and `)`.
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
    ]
    /// The characters pandoc's plain writer lowers (its `toSubscript`): digits, `+`, `-`, `=`, `(` and `)`.
    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "=": "₌", "(": "₍", ")": "₎",
    ]

    private static let normalStyle = "<span style=\"font-style:normal;\">"
    private static let normalWeight = "<span style=\"font-weight:normal;\">"
    private static let normalVariant = "<span style=\"font-variant:normal;\">"

    /// Prints text in a style that stays inside itself: italics in italics print in italics, without a second tag.
    private mutating func setting(_ state: WritableKeyPath<CSLPrinter, Bool>, _ children: [CSLText], open: String, close: String) {
        guard !self[keyPath: state] else { return print(children) }
        self[keyPath: state] = true
        tag(open)
        print(children)
        tag(close)
        self[keyPath: state] = false
    }

    /// Prints text in a style that turns around inside itself: italics in italics print upright.
    private mutating func toggling(_ state: WritableKeyPath<CSLPrinter, Bool>, _ children: [CSLText], open: String, close: String, normal: String) {
        let saved = self[keyPath: state]
        self[keyPath: state].toggle()
        tag(saved ? normal : open)
        print(children)
        tag(saved ? "</span>" : close)
        self[keyPath: state] = saved
    }

    /// Prints text with a style set back to normal, which takes a span only inside that style.
    private mutating func resetting(_ state: WritableKeyPath<CSLPrinter, Bool>, _ children: [CSLText], normal: String) {
        let saved = self[keyPath: state]
        self[keyPath: state] = false
        if saved { tag(normal) }
        print(children)
        if saved { tag("</span>") }
        self[keyPath: state] = saved
    }

    private mutating func tag(_ tag: String) {
        if html { output += tag }
    }

    private mutating func append(_ string: String) {
        guard !string.isEmpty else { return }
        var string = Substring(string)
        while quotes.punctuationInQuote, let quote = closingQuote, let first = string.first, first == "," || first == "." {
            // Punctuation already closing the quoted text takes the place of the moved mark.
            let closed = quote.before.map { ".,;:?!".contains($0) } ?? false
            if !closed {
                output.insert(first, at: output.utf8.index(output.utf8.startIndex, offsetBy: quote.offset))
            }
            // The quoted text ends in that punctuation now, for a quote that closes around it ("‘de.’”, no comma),
            // and for a second mark after a quote in no styling, which is left out.
            let last = closed ? quote.before! : first
            lastText = Substring(String(last))
            string = string.dropFirst()
            closingQuote = quote.again ? (quote.offset + (closed ? 0 : first.utf8.count), last, false) : nil
            guard !string.isEmpty else { return }
        }
        closingQuote = nil
        lastText = string
        // Text without a character to escape is printed as it is, without looking at each character. A superscript
        // character (`kg/m²`, `CD4⁺`) is printed as it is too, as pandoc prints it.
        if html, string.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) {
            // Scalar by scalar: a quote with a combining mark after it (`"́`, one character) is still a quote to an
            // HTML parser. Runs of scalars that need no escape are copied whole.
            let scalars = string.unicodeScalars
            var index = scalars.startIndex, run = index
            while index < scalars.endIndex {
                let next = scalars.index(after: index)
                if let replacement = escaping.entity(scalars[index]) {
                    output += string[run..<index]
                    output += replacement
                    run = next
                }
                index = next
            }
            output += string[run...]
        } else {
            output += string
        }
    }

    /// Escaped scalar by scalar: a quote with a combining mark after it (`"́`, one character) is still a quote to
    /// an HTML parser.
    private func escape(_ string: some StringProtocol) -> String {
        var escaped = ""
        for scalar in string.unicodeScalars {
            if let entity = escaping.entity(scalar) { escaped += entity } else { escaped.unicodeScalars.append(scalar) }
        }
        return escaped
    }
}

/// How HTML output writes the characters that would otherwise be read as markup.
public enum CSLHTMLEscaping: Hashable, Sendable {
    /// `&`, `<` and `>` as numeric references (`&#38;`), as citeproc-js writes them.
    case citeproc
    /// `&amp;`, `&lt;`, `&gt;`, and quotes too (`&quot;`, `&#39;`): safe in an attribute value as well.
    case named

    func entity(_ scalar: Unicode.Scalar) -> String? {
        switch (self, scalar) {
        case (.citeproc, "&"): "&#38;"
        case (.citeproc, "<"): "&#60;"
        case (.citeproc, ">"): "&#62;"
        case (.named, "&"): "&amp;"
        case (.named, "<"): "&lt;"
        case (.named, ">"): "&gt;"
        case (.named, "\""): "&quot;"
        case (.named, "'"): "&#39;"
        default: nil
        }
    }
}

/// Punctuation where rendered pieces meet, merged piece by piece as citeproc-js and pandoc's citeproc merge it
/// (a period after a period goes, "!" after ":" replaces it, a space before a comma goes…), and delimiters left
/// out before a piece that brings its own comma, semicolon or period.
enum CSLPunctuation {
    /// What to keep of the last character of one piece and the first of the next.
    private enum Keep { case both, first, second }

    private static func rule(_ end: Character, _ start: Character) -> Keep {
        // Only spaces and ASCII punctuation meet (compared as bytes: comparing characters of other scripts is slow).
        guard let end = end.asciiValue, let start = start.asciiValue else { return .both }
        if end == UInt8(ascii: " ") { return start == UInt8(ascii: " ") || start == UInt8(ascii: ",") || start == UInt8(ascii: ".") ? .second : .both }
        guard isMark(end), isMark(start) else { return .both }
        if end == start { return .first }
        switch (Character(Unicode.Scalar(end)), Character(Unicode.Scalar(start))) {
        case ("!", "."), ("!", ":"), ("?", "."), ("?", ":"), (":", "."), (";", ":"), (";", "."): return .first
        case (":", "!"), (":", "?"), (";", "!"), (";", "?"): return .second
        default: return .both
        }
    }

    private static func isMark(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"): true
        default: false
        }
    }

    /// Whether `character` is the one scalar `value` (without comparing characters, which is slow for other scripts).
    private static func isScalar(_ character: Character, _ value: UInt32) -> Bool {
        let scalars = character.unicodeScalars
        return scalars.first?.value == value && scalars.index(after: scalars.startIndex) == scalars.endIndex
    }

    /// Pieces joined with their punctuation merged.
    static func merge(_ pieces: [[CSLText]]) -> [CSLText] {
        var result: [CSLText] = []
        result.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for var piece in pieces where !piece.allSatisfy(\.isEmpty) {
            while let end = lastCharacter(result), let start = firstCharacter(piece) {
                // A period after quoted text meets the quote's last character: one there drops it; a space there stays,
                // as quoted text keeps its characters (dropping it would drop nothing, and loop), as in pandoc's
                // citeproc (`“Comment ”.`, printed “Comment .”).
                let afterQuote = start.asciiValue == UInt8(ascii: ".") && isScalar(end, 0x201D)
                // Quoted text that starts with a space meets a space before it with that space, which takes its place,
                // as in pandoc's citeproc (`Bu,“ Leading title,”`, a CSL-JSON title " Leading title").
                let beforeQuote = end == " " && isScalar(start, 0x201C) && firstCharacter(piece, insideQuote: true) == " "
                let keep = beforeQuote ? .second : rule(afterQuote ? lastCharacter(result, beforeQuote: true) ?? end : end, start)
                if keep == .first { piece = dropFirstCharacter(piece) }
                else if keep == .second, !afterQuote, givesWay(result) { result = dropLastCharacter(result) }
                else { break }
            }
            result += piece
        }
        return result
    }

    /// Whether the last character printed gives way to the next piece's (a space to a comma, a colon to "?"), as
    /// pandoc's citeproc lets it: one in text, or in styled text of one word. pandoc looks for it from the end of the
    /// text but from the start of a styled run (an element of its own), and stops at the run's first word, so that
    /// a run of more words keeps its last character: APA prints a CSL-JSON container title "Lancet " in italics as
    /// "Lancet ,".
    static func givesWay(_ texts: [CSLText]) -> Bool {
        for text in texts.reversed() {
            switch text {
            case .text(let string): if !string.isEmpty { return true }
            case .styled(let styling, let children) where !children.allSatisfy(\.isEmpty):
                return styling.isElement ? !holdsSpace(children) : givesWay(children)
            default: continue
            }
        }
        return true
    }

    /// Whether the text holds a space, tab or line break (more than one word).
    private static func holdsSpace(_ texts: [CSLText]) -> Bool {
        texts.contains { text in
            switch text {
            case .text(let string): string.utf8.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            case .styled(_, let children): holdsSpace(children)
            }
        }
    }

    /// Pieces with a delimiter between each two, except before a piece that starts with `,`, `;` or `.`.
    static func join(_ pieces: [[CSLText]], _ delimiter: String?) -> [CSLText] {
        var parts: [[CSLText]] = []
        for piece in pieces where !piece.allSatisfy(\.isEmpty) {
            if !parts.isEmpty, let delimiter, !delimiter.isEmpty, !(firstCharacter(piece).map { $0.asciiValue.map { ",;.".utf8.contains($0) } ?? false } ?? false) {
                parts.append([.text(delimiter)])
            }
            parts.append(piece)
        }
        return merge(parts)
    }

    /// The last character printed; a closing quote stands for quoted text (or, `beforeQuote`, the one before it).
    static func lastCharacter(_ texts: [CSLText], beforeQuote: Bool = false) -> Character? {
        for text in texts.reversed() {
            switch text {
            case .text(let string): if let last = string.lastCharacter { return last }
            case .styled(let styling, let children) where styling.isQuote:
                if !children.allSatisfy(\.isEmpty) { return beforeQuote ? lastCharacter(children) : "\u{201D}" }
            case .styled(_, let children): if let last = lastCharacter(children, beforeQuote: beforeQuote) { return last }
            }
        }
        return nil
    }

    /// The first character printed; an opening quote stands for quoted text (or, `insideQuote`, the one after it).
    static func firstCharacter(_ texts: [CSLText], insideQuote: Bool = false) -> Character? {
        for text in texts {
            switch text {
            case .text(let string): if let first = string.firstCharacter { return first }
            case .styled(let styling, let children) where styling.isQuote:
                if !children.allSatisfy(\.isEmpty) { return insideQuote ? firstCharacter(children) : "\u{201C}" }
            case .styled(_, let children): if let first = firstCharacter(children, insideQuote: insideQuote) { return first }
            }
        }
        return nil
    }

    static func dropLastCharacter(_ texts: [CSLText]) -> [CSLText] { dropCharacter(texts, atEnd: true) }

    /// The text without the spaces it ends with.
    static func trimmingTrailingSpaces(_ texts: [CSLText]) -> [CSLText] {
        var texts = texts
        while lastCharacter(texts) == " " { texts = dropLastCharacter(texts) }
        return texts
    }

    private static func dropFirstCharacter(_ texts: [CSLText]) -> [CSLText] { dropCharacter(texts, atEnd: false) }

    /// The text without its last (or first) printed character; quoted text keeps its characters.
    private static func dropCharacter(_ texts: [CSLText], atEnd: Bool) -> [CSLText] {
        var texts = texts
        for index in atEnd ? Array(texts.indices.reversed()) : Array(texts.indices) {
            switch texts[index] {
            case .text(let string) where !string.isEmpty:
                texts[index] = .text(String(atEnd ? string.dropLast() : string.dropFirst()))
                return texts
            case .styled(let styling, let children) where !children.allSatisfy(\.isEmpty):
                if !styling.isQuote { texts[index] = .styled(styling, dropCharacter(children, atEnd: atEnd)) }
                return texts
            default: continue
            }
        }
        return texts
    }
}

extension String {
    /// Whether every byte is ASCII: then each byte is a character, and a reading a byte at a time gives what a reading
    /// by characters gives.
    var isASCIIText: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// `last`, without working out where the last character starts when its last two bytes are ASCII other than CR LF
    /// (which no mark can join): punctuation is merged by the last and first characters of many short texts.
    var lastCharacter: Character? {
        let bytes = utf8
        guard let last = bytes.last else { return nil }
        guard last < 0x80, bytes.count == 1 || {
            let before = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
            return before < 0x80 && !(before == 0x0D && last == 0x0A)
        }() else { return self.last }
        return Character(Unicode.Scalar(last))
    }

    /// `first`, the same way: its first two bytes ASCII other than CR LF.
    var firstCharacter: Character? {
        let bytes = utf8
        guard let first = bytes.first else { return nil }
        guard first < 0x80, bytes.count == 1 || {
            let after = bytes[bytes.index(after: bytes.startIndex)]
            return after < 0x80 && !(first == 0x0D && after == 0x0A)
        }() else { return self.first }
        return Character(Unicode.Scalar(first))
    }
}

extension UInt8 {
    /// Whether an ASCII byte is white space as `Character.isWhitespace` reads it: a space, or a tab to a carriage
    /// return.
    var isASCIIWhitespace: Bool { self == 0x20 || self &- 0x09 < 5 }
}
