/// One cited source inside a marker: `see @key, p. 33`.
public struct CitationItem: Sendable, Hashable {
    public var key: String
    public var prefix: String
    /// The text after the key, such as a locator `p. 33` (without the leading comma).
    public var suffix: String
    /// What goes between the key's text and a suffix that is no locator, as written: `, ` after a comma
    /// (`[@key, and elsewhere]`), a space before a word (`[@key and elsewhere]`), nothing before other punctuation
    /// (`[@key: 45]`).
    public var suffixSeparator = ", "
    /// Where the `@key` is in the article.
    public var location: SourceLocation
    /// Written `-@key`: the author is left out (the sentence names them).
    public var suppressAuthor = false
}

/// A bracketed citation marker, `[@a; @b, p. 3]`, or an in-text citation `@a` (one item).
public struct CitationGroup: Sendable, Hashable {
    public var items: [CitationItem]
    /// Where the `[` (or the `@` of an in-text citation) is in the article.
    public var location: SourceLocation
    /// `@key` in running text: the author's name is part of the sentence ("Liu et al. [1] showed").
    public var isInText = false
}

/// Emphasis and strong emphasis in a prefix or suffix (`[*see* @key]`, `[@key, *emphasis added*]`), which the
/// Markdown renderer writes into the affix's text between private-use characters; code spans come as their text.
enum AffixMarkup {
    static let emphasisOpen: Unicode.Scalar = "\u{E010}", emphasisClose: Unicode.Scalar = "\u{E011}"
    static let strongOpen: Unicode.Scalar = "\u{E012}", strongClose: Unicode.Scalar = "\u{E013}"

    /// The affix with its emphasis as CSL markup (`<i>`, `<b>`), for a citation style to print.
    static func csl(_ affix: String) -> String {
        replacing(affix, with: ("<i>", "</i>", "<b>", "</b>"))
    }

    /// The affix as HTML: escaped, its emphasis in `<em>` and `<strong>`.
    static func html(_ affix: String) -> String {
        replacing(HTMLEscaping.escape(affix), with: ("<em>", "</em>", "<strong>", "</strong>"))
    }

    /// The affix as written in Markdown, for a message.
    static func markdown(_ affix: String) -> String {
        replacing(affix, with: ("*", "*", "**", "**"))
    }

    private static func replacing(_ affix: String, with marks: (String, String, String, String)) -> String {
        guard affix.unicodeScalars.contains(where: { (0xE010...0xE013).contains($0.value) }) else { return affix }
        var result = ""
        for scalar in affix.unicodeScalars {
            switch scalar {
            case emphasisOpen: result += marks.0
            case emphasisClose: result += marks.1
            case strongOpen: result += marks.2
            case strongClose: result += marks.3
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
