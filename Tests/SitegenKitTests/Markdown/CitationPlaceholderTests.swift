import Testing
import TestSupport

@testable import SitegenKit

/// Plain markers written over with placeholders (``CitationPlaceholders``) give what the way through the tree's runs
/// gives: the same HTML, and the same citations, near misses and warnings in the same order, the warnings at the same
/// places; a citation the two ways place apart is at its `[` and `@` in the source the quick way.
struct CitationPlaceholderTests {
    /// What a render gave: its HTML and every call it made, in order.
    struct Rendered: Equatable, CustomStringConvertible {
        var html = ""
        var calls: [String] = []
        /// The citations given, apart from the calls: their places are compared with the source, not between the ways
        /// (the runs' way can be wrong after a link's definition in the paragraph, where cmark's columns are).
        var groups: [CitationGroup] = []
        var description: String { calls.joined(separator: "\n") + "\n" + html }
        static func == (lhs: Rendered, rhs: Rendered) -> Bool { lhs.html == rhs.html && lhs.calls == rhs.calls }
    }

    static func render(_ markdown: String, placeholders: Bool, rawHTML: Bool = false) -> Rendered {
        var renderer = MarkdownRenderer(allowsRawHTML: rawHTML)
        renderer.usesPlaceholders = placeholders
        var result = Rendered()
        var number = 0
        result.html = renderer.render(
            SourceText(path: "a.md", text: markdown, firstLine: 4),
            citation: { group in
                result.calls.append("cite \(group.items.map { "\($0.key)|\($0.prefix)|\($0.suffix)|\($0.suffixSeparator)|\($0.suppressAuthor)" })")
                result.groups.append(group)
                // A key the article has no entry for is printed as written.
                guard !group.items.contains(where: { $0.key.hasPrefix("none") }) else { return nil }
                number += 1
                return "<sup>\(number)</sup>"
            },
            nearMiss: { miss, location in result.calls.append("near \(miss) \(location)") },
            relink: { $0.hasSuffix(".md") ? "moved/" : nil },
            notCommonMark: { found, location, more in result.calls.append("not \(found) \(location) \(more)") },
            omittedHTML: { tag, location, more in result.calls.append("omitted \(tag) \(location) \(more)") })
        return result
    }

    /// Pieces an article is made of: plain markers, and everything near them that could make a marker no citation
    /// (code, links, raw HTML, escapes, entities), change how cmark reads the brackets, or be a citation of another form.
    static let pieces = [
        "[@smith2019]", "[@smith2019; @doe_2020b]", "[@smith2019, p. 33]", "[@doe_2020b, pp. 3–4; @kim2021:x]", "[@nonekey]",
        "[@smith2019; @nonekey]", "[@a]", "[@ab]", "[@abc]", "[@a_b]", "[@_ab]", "[@ab_]", "[@k.]", "[@k,p. 4]", "[@k; ]",
        "[@smith2019, p. 4 ; @doe_2020b, ch. 2]", "[@kim2021, @smith2019]", "[@nonekey, p. 1]",
        "[@smith2019](https://example.org/)", "[@smith2019][]", "[@smith2019][ref]", "![@smith2019]", "\\[@smith2019]",
        "[see [@smith2019]](https://example.org/)", "`[@smith2019]`", "`code`", "*[@smith2019]*", "a*[@smith2019]*b",
        "_[@smith2019]_", "**[@kim2021]**", "*see*", "_x", "x_", "*", "[", "]", "[smith2019]", "[note]", "[@smith2019",
        "@smith2019", "(@smith2019)", "mail@example.org", "&#64;smith2019", "&amp;", "&#91;@smith2019]",
        "<span title=\"[@smith2019]\">t</span>", "<b>", "[link](other.md)", "<https://example.org/[@smith2019]>",
        "https://example.org/", "[@http://example.org]", "[-@smith2019]", "[see @smith2019]", "{#id}", "x{\u{E020}0x}",
        "word", "words here", "Ünïcödé", "é[@kim2021]é", "\\", "!", "|", "[^1]", "`co\nde`", "<span\ntitle=\"x\">", "a\\\nb",
        "[t](https://example.org/\n\"title\")", "[@{smith2019}]", "[@{url:https://example.org/a}, p. 3]", "[@{}]", "[@{k",
    ]

    static let blocks = [
        "", "# ", "## ", "- ", "1. ", "> ", "    ", "```\n", "<div>\n", "[ref]: https://example.org/\n", "[@smith2019]: https://example.org/\n",
    ]

    /// The pieces that leave an article to the quick way: markers alone in their brackets, and pieces with neither
    /// `@` nor `[` (half the articles are of these, so that the quick way is taken often enough to be compared).
    static let quickPieces = pieces.filter { piece in
        CitationPlaceholders(Array(piece.utf8)) != nil || !piece.contains("@") && !piece.contains("[") && !piece.contains("\u{E020}")
    }

    /// A random article of a few paragraphs of pieces, from a seeded generator.
    static func article(_ random: inout SeededGenerator) -> String {
        let pieces = Bool.random(using: &random) ? Self.pieces : Self.quickPieces
        var text = ""
        for _ in 0..<(1 + Int.random(in: 0..<4, using: &random)) {
            let block = blocks[Int.random(in: 0..<blocks.count, using: &random)]
            var line = block
            for word in 0..<(1 + Int.random(in: 0..<8, using: &random)) {
                if word > 0 { line += Int.random(in: 0..<5, using: &random) == 0 ? "\n" : " " }
                line += pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }
            if block == "```\n" { line += "\n```" }
            if block == "<div>\n" { line += "\n</div>" }
            text += line + "\n\n"
        }
        return text
    }

    @Test func everyArticleRendersAsTheTreesRunsRenderIt() {
        var random = SeededGenerator(state: 38)
        var quick = 0
        for _ in 0..<6000 {
            let markdown = Self.article(&random)
            let rawHTML = Int.random(in: 0..<2, using: &random) == 0
            if CitationPlaceholders(Array(markdown.utf8)) != nil { quick += 1 }
            let expected = Self.render(markdown, placeholders: false, rawHTML: rawHTML)
            let rendered = Self.render(markdown, placeholders: true, rawHTML: rawHTML)
            #expect(rendered == expected, "\(markdown)")
            // Where the two ways put a citation apart, the quick way's place is its `[`, each source's its `@`.
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
            func byte(at location: SitegenKit.SourceLocation) -> UInt8? {
                let line = location.line - 4, column = location.column - 1
                return lines.indices.contains(line) && lines[line].indices.contains(column) ? lines[line][column] : nil
            }
            for (group, other) in zip(rendered.groups, expected.groups) where group != other {
                #expect(byte(at: group.location) == UInt8(ascii: "["), "\(group.location) in \(markdown)")
                for item in group.items { #expect(byte(at: item.location) == UInt8(ascii: "@"), "\(item.location) in \(markdown)") }
            }
            if rendered != expected { break }
        }
        // Enough of them are read the quick way for the comparison to mean something.
        #expect(quick > 1000, "\(quick)")
    }

    /// A marker of keys, each alone or with a comma and a suffix, is read without the scanner, as the scanner reads
    /// it; every other marker is left to it.
    @Test func markersOfKeysAloneAreReadAsTheScannerReadsThem() {
        let alone = [
            "[@a]", "[@smith2019]", "[@_ab]", "[@ab_]", "[@9]", "[@a; @b]", "[@a;@b]", "[@a;   @b; @c_2]", "[@a; @a]",
            "[@a, p. 4]", "[@a,p. 4]", "[@a,   pp. 3–4  ]", "[@a, p. 4; @b]", "[@a; @b, ch. 2]", "[@a, p. 4 ;@b, 7-9]", "[@a, fig. 2, p. 4]",
            "[@a, and élsewhere]", "[@a, 1; @b,2; @c]",
        ]
        let others = [
            "[@a p. 4]", "[@k.]", "[@k.x]", "[@a; ]", "[@a;]", "[@a; see @b]", "[-@a]", "[see @a]", "[@{a b}]", "[@a:b]",
            "[@é]", "[@aé]", "[@a @b]", "[@a;@]", "[@]", "[ @a]", "[@a,]", "[@a, ]", "[@a, @b]", "[@a, p. 4 @b]", "[@a , p. 4]",
            "[@a, é]", "[@a, é ]", "[@a, p. é]", "[@a, p.\u{A0}4\u{A0}]", "[@a, p. 4; ]",
        ]
        func described(_ match: CitationScanner.Match?) -> String {
            guard let match else { return "none" }
            return "\(match.range) \(match.isInText) " + match.items.map {
                "\($0.key)|\($0.prefix)|\($0.suffix)|\($0.suffixSeparator)|\($0.keyOffset)|\($0.suppressAuthor)"
            }.joined(separator: " ")
        }
        for marker in alone + others {
            let bytes = Array(marker.utf8)
            let quick = bytes.withUnsafeBufferPointer { CitationPlaceholders.keysAlone($0, 0..<bytes.count) }
            if alone.contains(marker) {
                let scanned = CitationScanner().scan(bytes, isLiteral: Array(repeating: true, count: bytes.count)).first
                #expect(quick != nil && described(quick) == described(scanned), "\(marker)")
            } else {
                #expect(quick == nil, "\(marker)")
            }
        }
    }

    /// A key in braces is read whatever it holds (`@{_name_????}`, as Zotero keys an item without an author or a date),
    /// as pandoc reads it, where cmark read `_name_` as emphasis and the key was 'name????', an unknown one: in an
    /// article that takes the other way (an in-text citation in it, say) too, and in an in-text citation, whose keys
    /// the source gives where cmark's text has lost the marks.
    @Test func aKeyInBracesIsReadAsWritten() {
        let markdown = "Schemas [@{_sualeh/schemacrawler_????}] and [@{*x*}, p. 3].\n"
        #expect(CitationPlaceholders(Array(markdown.utf8))?.markers.count == 2)
        let rendered = Self.render(markdown, placeholders: true)
        #expect(rendered.calls == [#"cite ["_sualeh/schemacrawler_????||| |false"]"#, #"cite ["*x*||p. 3|, |false"]"#])
        #expect(rendered.html == "<p>Schemas <sup>1</sup> and <sup>2</sup>.</p>\n")
        #expect(Self.render(markdown, placeholders: false) == rendered)
        let inText = Self.render("As @roe says, [@{_a_b_}] and @{a*b*c} [p. 4].\n", placeholders: false)
        #expect(inText.groups.map { $0.items.map(\.key) } == [["roe"], ["_a_b_"], ["a*b*c"]])
    }

    /// An in-text key in braces that runs into a citation after it (`@{k [@{a}]`) is none: the two overlapped, and
    /// splicing both into the text trapped ("Range requires lowerBound <= upperBound") where an entry had that key.
    @Test func anInTextKeyThatRunsIntoACitationIsNone() {
        let bytes = Array("x [@{k [@{smith2019}] y @{a @{b} z".utf8)
        let matches = CitationScanner().scan(bytes, isLiteral: Array(repeating: true, count: bytes.count))
        #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
        #expect(matches.map { $0.items.map(\.key) } == [["smith2019"], ["a @{b"]])
        #expect(Self.render("**[@kim2021]** [@{k [@{smith2019}]\n", placeholders: false).html == "<p><strong><sup>1</sup></strong> [@{k <sup>2</sup></p>\n")
    }

    /// The articles the quick way is for: several lines of plain markers among text, emphasis, links and headings.
    @Test func plainArticlesTakeTheQuickWay() {
        let markdown = "## Risks [@smith2019]\n\nStatins lower risk [@smith2019; @doe_2020b], *a lot* [@kim2021, p. 33].\n"
            + "See [the guide](other.md) and `code`; Ünïcödé [@kim2021, pp. 3–4].\n\n- Item [@nonekey].\n"
        #expect(CitationPlaceholders(Array(markdown.utf8))?.markers.count == 5)
        let rendered = Self.render(markdown, placeholders: true)
        #expect(rendered == Self.render(markdown, placeholders: false))
        #expect(rendered.html.contains("<h2>Risks <sup>1</sup></h2>"))
        #expect(rendered.html.contains("<li>Item [@nonekey].</li>"))
        #expect(rendered.groups.first?.location.description == "a.md:4:10" && rendered.groups.first?.items.first?.location.description == "a.md:4:11")
        #expect(rendered.groups.last?.location.description == "a.md:9:8")
    }
}

extension CitationPlaceholderTests {
    /// cmark places the text of a paragraph that starts with link reference definitions as if the definitions' lines
    /// were still there: a marker on a later line is read as the marker it is, at its place (it was read as `@k` in
    /// the text, its `[` taken for part of the entity above it).
    @Test func aParagraphAfterLinkDefinitionsIsReadWhereItIs() {
        let markdown = "[ref]: https://example.org/\n[other]: https://example.org/o\n&amp; Roe @k wrote\n[@k,p. 4] *\n"
        let rendered = Self.render(markdown, placeholders: false)
        // (`,` without a space after it, as written: the locator prints after ", " all the same.)
        #expect(rendered.calls == [#"cite ["k|||, |false"]"#, #"cite ["k||p. 4|,|false"]"#])
        #expect(rendered.html == "<p>&amp; Roe <sup>1</sup> wrote\n<sup>2</sup> *</p>\n")
        #expect(rendered.groups.map(\.location.description) == ["a.md:6:11", "a.md:7:1"])
        #expect(rendered.groups.flatMap { $0.items.map(\.location.description) } == ["a.md:6:11", "a.md:7:2"])
    }
}

extension CitationPlaceholderTests {
    /// cmark counts a paragraph's indent on each of its lines, also on a line written without it (a lazy continuation
    /// of a block quote or a list item, a line after an indented link definition): such a line is read as the same
    /// line with the indent is (an escaped bracket stays text, not a citation's), its citations placed where they are.
    @Test func aLineWithoutItsParagraphsIndentIsReadWhereItIs() {
        let cases: [(lazy: String, indented: String, places: [String])] = [
            ("> &amp; a\n[@k,p. 4] *\nx @k y\n", "> &amp; a\n> [@k,p. 4] *\n> x @k y\n", ["a.md:5:1", "a.md:6:3"]),
            ("- &amp; a\n[@k,p. 4] *\nx @k y\n", "- &amp; a\n  [@k,p. 4] *\n  x @k y\n", ["a.md:5:1", "a.md:6:3"]),
            ("> a\n\\[@k] [@j]\n", "> a\n> \\[@k] [@j]\n", ["a.md:5:7"]),
            ("> a\n&amp;[@k] x\n", "> a\n> &amp;[@k] x\n", ["a.md:5:6"]),
            ("   [ref]: https://example.org/\n&amp; a\n[@k,p. 4] *\nx @k y\n", "[ref]: https://example.org/\n&amp; a\n[@k,p. 4] *\nx @k y\n", ["a.md:6:1", "a.md:7:3"]),
            // A list item's line in a block quote, with the quote's `>` and without the item's indent.
            ("> - a\n> [@k] x\n", "> - a\n>   [@k] x\n", ["a.md:5:3"]),
            ("> - &amp;\r\n> [@k,p. 4] x\r\n", "> - &amp;\r\n>   [@k,p. 4] x\r\n", ["a.md:5:3"]),
        ]
        for (lazy, indented, places) in cases {
            let rendered = Self.render(lazy, placeholders: false)
            #expect(rendered == Self.render(indented, placeholders: false), "\(lazy)")
            #expect(rendered.groups.map(\.location.description) == places, "\(lazy)")
        }
    }
}

extension CitationPlaceholderTests {
    /// After a hard line break written `\\`, cmark places a paragraph's text a line higher than it is: such a paragraph
    /// is not looked at for lines without its indent, which there would find an entity a line up and take the marker's
    /// `[` for part of it.
    @Test func aParagraphWithAHardBreakIsNotReadForLazyLines() {
        let markdown = "1. a\\\n&amp; x\n[@abc]\n"
        let rendered = Self.render(markdown, placeholders: false)
        #expect(rendered == Self.render(markdown, placeholders: true))
        #expect(rendered.calls == [#"cite ["abc||| |false"]"#])
    }
}

extension CitationPlaceholderTests {
    /// cmark goes on counting a line through a line feed it skips: one after a `\\` that breaks the line, in a link's
    /// destination and title, or (parsed without `CMARK_OPT_SOURCEPOS`) inside a code span or raw HTML. Text after one
    /// is read where it is written, on its line and at its column, in a paragraph at the top, in a block quote (its
    /// lines with or without their `>`), in a list, after link definitions: a marker there was read as `@k` in the text
    /// after an entity a line up, and placed lines too high, as was raw HTML left out.
    @Test func textAfterALineFeedCmarkSkipsIsReadWhereItIs() {
        let cases: [(markdown: String, places: [String])] = [
            ("`code` \\\n&amp;\n[@k, pp. 3–4]\n", ["a.md:6:2"]),
            ("abc \\\ndef [@k]\n", ["a.md:5:6"]),
            ("> abc\\\n> def [@k]\n", ["a.md:5:8"]),
            ("> abc\\\ndef [@k]\n", ["a.md:5:6"]),
            ("a\\\nb\\\nc [@k] [@j]\n", ["a.md:6:4", "a.md:6:9"]),
            ("a\\\nb\nc [@k]\n", ["a.md:6:4"]),
            ("- abc\\\n  def *e* [@k]\n", ["a.md:5:12"]),
            ("> - a\\\n>   b\\\n>   cc [@k] x\n", ["a.md:6:9"]),
            ("x `a\nb` [@k]\n", ["a.md:5:5"]),
            ("x `a\nb`\\\nc [@k]\n", ["a.md:6:4"]),
            ("x <span\nclass=\"a\"> [@k]\n", ["a.md:5:13"]),
            ("x <span\nclass=\"a\">\\\n&amp;\n[@k, p. 3]\n", ["a.md:7:2"]),
            // After a link whose destination or title is on a line of its own.
            ("[a](https://example.org/\n\"t\") [@k]\n", ["a.md:5:7"]),
            ("x [a](\nhttps://example.org/\n\"t\nu\"\n) y \\\n&amp;\n[@k, p. 3]\n", ["a.md:10:2"]),
            ("> [a\n> b](https://example.org/\n> \"t\") [@k]\n", ["a.md:6:9"]),
            // After link definitions, which cmark places the text on, also with a link over lines.
            ("[ref]: https://example.org/\n[@k, p. 1]\n[@j] [t](https://example.org/\n\"title\") [@i]\n", ["a.md:5:2", "a.md:6:2", "a.md:7:11"]),
            ("[ref]: https://example.org/\n&amp; [@k, p. 1]\nx \\\n[@j]\n", ["a.md:5:8", "a.md:7:2"]),
        ]
        for (markdown, places) in cases {
            let rendered = Self.render(markdown, placeholders: false)
            #expect(rendered == Self.render(markdown, placeholders: true), "\(markdown)")
            #expect(rendered.calls.filter { $0.hasPrefix("cite") }.count == places.count, "\(markdown)")
            #expect(rendered.groups.flatMap { $0.items.map(\.location.description) } == places, "\(markdown)")
        }
        #expect(Self.render("`code` \\\n&amp;\n[@k, pp. 3–4]\n", placeholders: false).calls == [#"cite ["k||pp. 3–4|, |false"]"#])
        // Raw HTML left out is said where it is.
        #expect(Self.render("x `a\nb` <b>x</b>\n", placeholders: false).calls == ["omitted <b> a.md:5:4 0"])
    }
}
