import Foundation

/// Syntax of other Markdown dialects (GitHub's, pandoc's, Hugo's) that CommonMark does not have: an author who
/// expects it to work would see it published as typed, pipes and carets included; and Markdown that CommonMark reads
/// otherwise than its author meant (a comment or a code fence never closed, which takes the rest of the article; a
/// link without an address; a reference link whose label nothing defines; a control character's numeric entity).
/// Found in an article's Markdown so that the build can say so at its place.
public enum NotCommonMark: Sendable, Equatable {
    /// An HTML comment, `<!--`, that no `-->` closes: it hides the rest of the article (and, with raw HTML allowed,
    /// the page after it).
    case unclosedComment
    /// A fenced code block, its fence as written (`` ``` ``), that no fence closes: the rest of the article is code.
    case unclosedFence(String)
    /// A link or image without an address (`[the guideline]()`, `![Chart]()`), as written: it leads nowhere, and an
    /// image's empty `src` is invalid HTML.
    case emptyAddress(String)
    /// A link or image (an autolink, a link definition) whose address is on the author's computer (`file:`) or a script
    /// or data (`javascript:`, `vbscript:`, `data:` but an image's PNG, GIF, JPEG or WebP), as written, which cmark's
    /// safe mode publishes as an empty `href` or `src`; `isKept`: with raw HTML allowed, which keeps it (a `file:` one).
    case unpublishedAddress(String, scheme: String, isImage: Bool, isKept: Bool)
    /// A reference link (`[text][label]`, `[label][]`) whose label no line defines (`[label]: address`), as written:
    /// CommonMark prints it as text, brackets and all.
    case undefinedReference(String)
    /// A numeric entity of a control character (`&#150;`, as text from Windows has them), which no page may hold, as
    /// written; and the character its number is in Windows' code page, which was meant (`–`), if one.
    case controlEntity(String, meant: String?)
    /// With raw HTML allowed, an element the article opens and never closes (`<em>`, `<div>`), by its name: it takes
    /// in the page after the article (the references, the footer).
    case unclosedTag(String)
    /// With raw HTML allowed, an end tag (`</div>`) for no element the article opened, by its name: it closes one of
    /// the page's own.
    case strayClosingTag(String)
    /// With raw HTML allowed, an `id` that the page around the article has (`references`, `main`).
    case pageID(String)
    /// A table written with pipes: a row of `|`-separated cells over a row such as `|---|:--:|`.
    case pipeTable
    /// A footnote, `[^1]` (its reference or its definition).
    case footnote(label: String)
    /// pandoc's inline footnote, `^[the note]`, as written.
    case inlineNote(String)
    /// A Hugo shortcode, `{{< figure src="chart.png" >}}` or `{{% note %}}`, as written.
    case shortcode(String)
    /// A web address written as text (GitHub makes it a link; CommonMark does not), as written.
    case bareURL(String)
    /// A fenced div of pandoc's and Quarto's, `::: {.callout-note}`, its opening line as written.
    case fencedDiv(String)
    /// A wiki link of Obsidian's and other note-taking tools', `[[Other note]]` (or an embed, `![[chart.png]]`), as written.
    case wikiLink(String)
    /// A link or image whose address has a space (`![chart](my chart.png)`), which CommonMark does not read as one, as
    /// written.
    case spacedAddress(String)
    /// A Liquid tag of Jekyll's, `{% cite smith2020 %}` (jekyll-scholar's citation) or `{% include x.html %}`, as written.
    case liquidTag(String)
    /// Template code of Hugo's or Jekyll's that a link's or an image's address starts with (`({{ site.baseurl }}/ldl.png)`,
    /// `({{< relref "/heart/diet" >}})`), as written.
    case templateInAddress(String)
    /// Liquid's output of a value, `{{ page.title }}` (Jekyll's, and other template languages'), as written.
    case liquidOutput(String)
    /// An Obsidian comment, `%% a note to oneself %%` (or the `%%` that opens one over several lines), as written.
    case obsidianComment(String)
    /// Zola's link to another article, `[statins](@/heart/statins.md)`, as written, and the link to its file relative to
    /// the article's that leads there here.
    case zolaLink(String, meant: String)
    /// A heading the article ends with that names the references (`# References`), where pandoc puts its list, as written.
    case referencesHeading(String)
    /// A second block of YAML at the article's end (pandoc reads metadata blocks anywhere), which CommonMark reads as a
    /// rule and a heading: its first line, as written.
    case metadataBlock(String)
    /// A GitHub alert or an Obsidian callout, a quote that starts `> [!NOTE]`: its marker, as written.
    case alert(String)
    /// A line that starts with a bullet character (`• item`), as lists pasted from a word processor do: the bullet.
    case bulletCharacter(String)
    /// Attributes after a heading's text, `{#research}` or `{.note}` (pandoc's, Hugo's, kramdown's), as written.
    case headingAttributes(String)
    /// GitHub's strikethrough, `~~text~~`, as written.
    case strikethrough(String)
    /// pandoc's subscript or superscript in a word (`H~2~O`, `10^9^/L`), the word as written, and the word with the
    /// characters' Unicode forms when each has one (`H₂O`).
    case script(String, raised: Bool, unicode: String?)
    /// pandoc's bracketed span, `[text]{.smallcaps}`, as written.
    case span(String)
    /// pandoc's TeX math between dollar signs, `$p < 0.001$` or `$$x^2$$`, as written.
    case math(String)
    /// An abbreviation's definition of kramdown's and PHP Markdown Extra's, `*[LDL]: Low-density lipoprotein`, as written,
    /// with its term and what it stands for.
    case abbreviation(String, term: String, meaning: String)
    /// Attributes after a link or an image, `![Survival](chart.png){#fig-survival width=50%}` (pandoc's and Quarto's), as
    /// written.
    case linkAttributes(String)

    /// What the build says of it.
    public var message: String {
        switch self {
        case .unclosedComment:
            "this HTML comment ('<!--') is never closed, so everything after it to the end of the article is left out of the"
                + " page; end the comment with '-->'"
        case .emptyAddress(let link):
            "'\(link)' has no address, so it leads nowhere (an image shows nothing, and its empty src is invalid HTML); write the"
                + " address between the parentheses, or remove the brackets"
        case .unpublishedAddress(let address, let scheme, let isImage, let isKept):
            Self.unpublishedAdvice(address, scheme: scheme, isImage: isImage, isKept: isKept)
        case .undefinedReference(let link):
            "'\(link)' is a reference link whose label no line defines ('[label]: address'), so it is printed as written, brackets"
                + " and all; add the definition on a line of its own, or write the link with its address: [text](address)"
        case .controlEntity(let entity, let meant?):
            "'\(entity)' is the number of '\(meant)' in Windows' old code page, not in Unicode: the page gets a control character"
                + " instead (a box in some browsers, and invalid HTML); write '\(meant)' itself"
        case .controlEntity(let entity, nil):
            "'\(entity)' is a control character, which no page may hold (invalid HTML); remove it"
        case .unclosedFence(let fence):
            "this code block's fence ('\(fence)') is never closed, so everything after it to the end of the article is printed as"
                + " code (citations and all); end the block with a line of \(fence)"
        case .unclosedTag(let name):
            "'<\(name)>' is never closed, so it takes in what the page prints after it (the rest of the article, the references,"
                + " the footer); close it with '</\(name)>'"
        case .strayClosingTag(let name):
            "'</\(name)>' closes no element the article opened, so it closes one of the page's own around the article (its"
                + " layout breaks); remove it, or open the '<\(name)>' it is meant to close"
        case .pageID(let id):
            "the page around the article has an element of id '\(id)' already, so the two collide (links to '#\(id)' land on the"
                + " first); give this one another id"
        case .pipeTable:
            "a table written with pipes is not CommonMark, so it is printed as a paragraph of text, pipes and all; write"
                + " it as an HTML <table> (which needs markdown: {unsafe: true} in sitegen.yml), or as a list"
        case .footnote(let label):
            "'[^\(label)]' is a footnote, which CommonMark does not have: it is printed as written (or as a link); put"
                + " the note in the text, or cite its source with [@key]"
        case .inlineNote(let note):
            "'\(note)' is pandoc's inline footnote, which CommonMark does not have: it is printed as written (each citation in"
                + " it cited as in the text); put the note in the text, or cite its source with [@key]"
        case .shortcode(let tag):
            "'\(tag)' is a Hugo shortcode, which sitegen does not run: it is printed as written; write it in Markdown (an"
                + " image is ![what it shows](chart.png))"
        case .liquidTag(let tag):
            Self.liquidAdvice(tag)
        case .templateInAddress(let tag):
            "'\(tag)' in a link's address is template code (Hugo's or Jekyll's), which sitegen does not run: the address is"
                + " printed as written and leads nowhere; write the address itself, the path of the file relative to this Markdown"
                + " file ([diet](diet.md), ![chart](ldl.png))"
        case .liquidOutput(let tag):
            "'\(tag)' is template code (Jekyll's Liquid), which sitegen does not run in an article: it is printed as written;"
                + " write the text itself (for a link, the path of its file relative to this Markdown file: [about](../about.md))"
        case .bareURL(let url):
            "'\(url)' is an address written as text, which CommonMark does not make a link (GitHub does); write it in angle"
                + " brackets, <\(url)>, or as [its title](\(url))"
        case .wikiLink(let link):
            "'\(link)' is a wiki link, which CommonMark prints as text; write a Markdown link to the file,"
                + " [its title](other-note.md) (an image, ![what it shows](chart.png))"
        case .spacedAddress(let link):
            "'\(link)' is printed as text: CommonMark ends a link's address at a space; put the address in angle brackets,"
                + " (<my chart.png>), or write its spaces as %20"
        case .obsidianComment(let comment):
            "'\(comment)' is an Obsidian comment, which sitegen publishes as text (on the page and in the search index); for a"
                + " note that stays out of the page, write an HTML comment: <!-- … -->"
        case .zolaLink(let link, let meant):
            "'\(link)' is Zola's link to an article's file ('@/' for Content/), which sitegen does not read: it is printed as"
                + " written and leads nowhere; write the file's path relative to this Markdown file: \(meant)"
        case .metadataBlock(let line):
            "'\(line)' starts a block of YAML after the body, which pandoc reads as metadata but sitegen reads only at the top of"
                + " the file: it is printed as a rule and a heading; move its keys into the front matter"
        case .referencesHeading(let heading):
            "'\(heading)' ends the article with nothing under it (pandoc puts the references there): sitegen adds the cited"
                + " references after the body by itself, under a heading of its own, so this one is printed empty above them;"
                + " remove it"
        case .alert(let marker):
            "'\(marker)' starts a GitHub alert (an Obsidian callout), which CommonMark prints as a quote that starts with"
                + " '\(marker)'; remove it, or write its word in bold: > **\(Self.alertWord(marker)):**"
        case .bulletCharacter(let bullet):
            "'\(bullet)' at the start of a line is a bullet pasted from a word processor, which CommonMark prints as text (the"
                + " items run together in one paragraph); start each item with '- ' instead, after a blank line"
        case .headingAttributes(let attributes):
            "'\(attributes)' after a heading is an attribute of pandoc's, Hugo's and kramdown's Markdown, which CommonMark"
                + " prints as part of the heading's text; remove it (headings have no ids here: link to the page)"
        case .strikethrough(let text):
            "'\(text)' is GitHub's strikethrough, which CommonMark prints with its tildes; remove the text, or say in words"
                + " what no longer holds"
        case .fencedDiv(let line):
            "'\(line)' is a fenced div of pandoc's and Quarto's, which CommonMark prints as text; remove the ':::' lines (the"
                + " text between them stays)"
        case .script(let word, let raised, let unicode):
            "'\(word)' is pandoc's \(raised ? "superscript" : "subscript"), which CommonMark prints with its \(raised ? "carets" : "tildes");"
                + (unicode.map { " write it '\($0)', or" } ?? " write")
                + " <\(raised ? "sup" : "sub")>…</\(raised ? "sup" : "sub")> (which needs markdown: {unsafe: true} in sitegen.yml)"
        case .span(let span):
            "'\(span)' is a bracketed span of pandoc's, which CommonMark prints with its brackets and braces; write the text alone"
        case .math(let math):
            "'\(math)' is pandoc's TeX math, which CommonMark prints as typed, dollar signs and backslashes (sitegen typesets no"
                + " math); write it as text, with Unicode's symbols where it needs them (β, ≤, ×, ²)"
        case .abbreviation(let definition, let term, let meaning):
            "'\(definition)' defines an abbreviation in kramdown's and PHP Markdown Extra's way, which CommonMark prints as a"
                + " paragraph; remove it, and spell the term out where the article first uses it: \(meaning.isEmpty ? "its words" : meaning) (\(term))"
        case .linkAttributes(let attributes):
            "'\(attributes)' after a link or an image is an attribute of pandoc's and Quarto's Markdown, which CommonMark prints as"
                + " text after it; remove it (figures are not numbered here: a Quarto cross-reference, @fig-…, is text too)"
        }
    }

    /// An alert's word as a sentence starts it: `[!WARNING]` is "Warning".
    private static func alertWord(_ marker: String) -> String {
        let word = marker.dropFirst(2).prefix { $0.isLetter }
        return word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }

    /// jekyll-scholar's citation and reference list said in sitegen's terms; any other Liquid tag is text here.
    private static func liquidAdvice(_ tag: String) -> String {
        // The words between `{%` and `%}`, without Liquid's dashes that trim the spaces around a tag (`{%- cite a -%}`).
        var inside = tag.dropFirst(2)
        if inside.hasPrefix("-") { inside = inside.dropFirst() }
        if inside.hasSuffix("%}") { inside = inside.dropLast(2) }
        if inside.hasSuffix("-") { inside = inside.dropLast() }
        let words = inside.split(whereSeparator: \.isWhitespace)
        switch words.first {
        case "cite", "citep", "citet", "cite_details", "citation":
            return "'\(tag)' is a citation of jekyll-scholar's, which sitegen does not run: it is printed as written; write"
                + " \(scholarCitation(words.dropFirst()))"
        case "reference":
            return "'\(tag)' is jekyll-scholar's reference of a source, which is printed as written here; cite the source where its"
                + " claim is made, \(scholarCitation(words.dropFirst())), and sitegen lists it among the article's references"
        case "bibliography":
            return "'\(tag)' is jekyll-scholar's reference list, which is printed as written here: sitegen lists an article's"
                + " cited references at its end by itself; remove it"
        default:
            return "'\(tag)' is a Liquid tag (Jekyll's), which sitegen does not run: it is printed as written; write it in"
                + " Markdown, or remove it"
        }
    }

    /// A jekyll-scholar citation's keys and options (`smith2020 jones2019 --locator 12 --label chapter`) as a citation of
    /// sitegen's (`[@smith2020, chapter 12; @jones2019]`): the n-th locator and label are the n-th key's, as
    /// jekyll-scholar reads them, and a locator without a label is a page's.
    private static func scholarCitation(_ words: ArraySlice<Substring>) -> String {
        var keys: [Substring] = [], locators: [Substring] = [], labels: [Substring] = []
        var rest = words[...]
        while let word = rest.popFirst() {
            switch word {
            case "--locator", "-l": rest.popFirst().map { locators.append($0) }
            case "--label", "-L": rest.popFirst().map { labels.append($0) }
            case _ where word.hasPrefix("-"): _ = rest.popFirst()
            default: keys.append(word)
            }
        }
        guard !keys.isEmpty else { return "[@key]" }
        let cites = keys.enumerated().map { index, key in
            guard index < locators.count else { return "@" + key }
            let label = index < labels.count && labels[index] != "page" ? String(labels[index]) : "p."
            return "@\(key), \(label) \(locators[index])"
        }
        return "[" + cites.joined(separator: "; ") + "]"
    }

    private static func unpublishedAddress(_ address: String, isImage: Bool) -> String {
        "\(isImage ? "an image's" : "a link's") address '\(address.count > 60 ? address.prefix(57) + "…" : address)'"
    }

    private static func unpublishedAdvice(_ address: String, scheme: String, isImage: Bool, isKept: Bool) -> String {
        let what = unpublishedAddress(address, isImage: isImage)
        let emptied = isKept ? "" : ", and the page gets an empty \(isImage ? "src" : "href") instead (\(isImage ? "no image, and invalid HTML" : "a link to nowhere"))"
        switch scheme {
        case "file:":
            return "\(what) is a file on your computer, which is not published (no reader can open it)\(emptied); put it in Public/ or"
                + " beside the answer and link to it there (\(isImage ? "![what it shows](chart.png)" : "[the leaflet](leaflet.pdf)"))"
        case "data:":
            return "\(what) is data written into the address, which is not published (but for an image's PNG, GIF, JPEG or WebP)"
                + "\(emptied); save it as a file in Public/ or beside the answer and link to it there"
        default:
            return "\(what) is a script (\(scheme)), which is not published\(emptied); link to a page or a file, or allow raw HTML"
                + " (markdown: {unsafe: true} in sitegen.yml), which keeps it"
        }
    }

    /// The scheme of an address that cmark's safe mode does not publish (`javascript:`, `vbscript:`, `file:`, `data:`
    /// but `data:image/png`, `gif`, `jpeg` or `webp`), in small letters, as cmark tells them; nil for another address.
    static func unpublishedScheme(_ address: some StringProtocol) -> String? {
        let start = address.utf8.prefix(16).map { $0 | ($0 &- UInt8(ascii: "A") < 26 ? 0x20 : 0) }
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where start.starts(with: scheme.utf8) {
            if scheme == "data:", ["png", "gif", "jpeg", "webp"].contains(where: { start.starts(with: ("data:image/" + $0).utf8) }) { return nil }
            return scheme
        }
        return nil
    }

    /// Whether `source` may have an address of ``unpublishedScheme(_:)``: a `:` after `file`, `data` or `script` (in
    /// any case, a backslash between), or a `&#`/`&colon;` that may write one.
    static func mayHaveUnpublishedAddress(_ source: [UInt8]) -> Bool {
        func ends(_ end: Int, with word: String) -> Bool {
            let word = Array(word.utf8)
            guard end >= word.count else { return false }
            return zip(source[(end - word.count)..<end], word).allSatisfy { $0 | 0x20 == $1 }
        }
        return source.containsByte(UInt8(ascii: ":")) { colon in
            let end = colon >= 1 && source[colon - 1] == UInt8(ascii: "\\") ? colon - 1 : colon
            return ends(end, with: "file") || ends(end, with: "data") || ends(end, with: "script")
        } || source.containsBytes("&#") || source.containsBytes("&colon;")
    }

    /// Whether `source` may hold any: a pipe, a caret, a brace or a dollar sign (one `memchr` each, so that most articles
    /// cost nothing more), `:::`, `[[` or `[!`, a bullet character at a line's start, a link's address with a space in it,
    /// `&#`, `][`, `]()`, `](<>)`, `%%`, `](@/` or `*[`.
    static func mayOccur(in source: [UInt8]) -> Bool {
        source.containsByte(UInt8(ascii: "|")) || source.containsByte(UInt8(ascii: "^")) || source.containsByte(UInt8(ascii: "{"))
            || source.containsBytes(":::") || source.containsBytes("[[") || source.containsBytes("[!") || source.containsByte(UInt8(ascii: "~"))
            || mayHaveBullet(source) || mayHaveSpacedAddress(source) || source.containsBytes("&#") || source.containsBytes("][")
            || source.containsBytes("]()") || source.containsBytes("](<>)") || source.containsBytes("%%") || source.containsBytes("](@/")
            || source.containsByte(UInt8(ascii: "$")) || source.containsBytes("*[")
    }

    /// Links and images in a line whose address is empty (`[text]()`, `![alt](<>)`), as written (cut at 60
    /// characters), with their columns.
    static func emptyAddresses(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        guard line.contains(UInt8(ascii: "(")) else { return found }
        var opens: [Int] = []
        scanOutsideCode(line) { index in
            switch line[index] {
            case UInt8(ascii: "["): opens.append(index)
            case UInt8(ascii: "]"):
                guard let open = opens.popLast() else { return nil }
                let after = line[(index + 1)...]
                guard after.starts(with: "()".utf8) || after.starts(with: "(<>)".utf8) else { return nil }
                let start = open > line.startIndex && line[open - 1] == UInt8(ascii: "!") ? open - 1 : open
                let end = index + (after.starts(with: "()".utf8) ? 3 : 5)
                var text = String(decoding: line[start..<end], as: UTF8.self)
                if text.count > 60 { text = String(text.prefix(57)) + "…" + (text.hasSuffix("(<>)") ? "](<>)" : "]()") }
                found.append((text, start - line.startIndex + 1))
                opens.removeAll()
                return end
            default: break
            }
            return nil
        }
        return found
    }

    /// A text's link definitions (`[label]: …` on a line of its own, up to three spaces in): each label in small
    /// letters, as CommonMark matches them, with its line and column.
    static func linkDefinitions(in bytes: [UInt8]) -> [(label: String, line: Int, column: Int)] {
        var definitions: [(label: String, line: Int, column: Int)] = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let text = line.drop { $0 == 0x20 }
            guard line.count - text.count <= 3, text.first == UInt8(ascii: "["), let close = text.firstIndex(of: UInt8(ascii: "]")),
                  close + 1 < text.endIndex, text[close + 1] == UInt8(ascii: ":") else { continue }
            definitions.append((String(decoding: text[(text.startIndex + 1)..<close], as: UTF8.self).lowercased(), number + 1, line.count - text.count + 1))
        }
        return definitions
    }

    /// The addresses of a text's link definitions (`[label]: address` on a line of its own, the address on that line, in
    /// angle brackets or not), as written, with each definition's line and column.
    static func linkDefinitionAddresses(in bytes: [UInt8]) -> [(address: String, line: Int, column: Int)] {
        var found: [(address: String, line: Int, column: Int)] = []
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (label, number, column) in linkDefinitions(in: bytes) {
            let line = lines[number - 1]
            guard let colon = line[(line.startIndex + column - 1)...].firstIndex(of: UInt8(ascii: ":")) else { continue }
            var rest = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
            guard !label.isEmpty, !rest.isEmpty else { continue }
            if rest.first == UInt8(ascii: "<") {
                rest = rest.dropFirst().prefix { $0 != UInt8(ascii: ">") }
            } else {
                rest = rest.prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            }
            found.append((String(decoding: rest, as: UTF8.self), number, column))
        }
        return found
    }

    /// Reference links in a line whose label is not in `defined` (`[text][label]`, or `[label][]`), as written, with
    /// their columns.
    static func undefinedReferences(in line: ArraySlice<UInt8>, defined: Set<String>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        guard line.contains(UInt8(ascii: "]")) else { return found }
        /// The first `]` at or after the last `[` looked at (the line's end for none): every `[` before it shares it, so
        /// that a run of brackets never closed is read once, not to its `]` from each `[` (quadratic in the run).
        var nextClose: Int?
        scanOutsideCode(line) { open in
            guard line[open] == UInt8(ascii: "[") else { return nil }
            if nextClose.map({ $0 < open }) ?? true { nextClose = line[open...].firstIndex(of: UInt8(ascii: "]")) ?? line.endIndex }
            // The text holds no `[` (the search stops at the next one), then the label's `]`.
            guard let middle = nextClose, middle + 1 < line.endIndex, line[middle + 1] == UInt8(ascii: "["),
                  !line[(open + 1)..<middle].contains(UInt8(ascii: "[")),
                  let close = line[(middle + 1)...].firstIndex(of: UInt8(ascii: "]"))
            else { return nil }
            let text = line[(open + 1)..<middle], label = line[(middle + 2)..<close]
            // Two citations side by side (`[@a][@b]`) are said as such.
            if label.first == UInt8(ascii: "@") || label.starts(with: "-@".utf8) { return close + 1 }
            let name = String(decoding: label.isEmpty ? text : label, as: UTF8.self).lowercased()
            guard !name.isEmpty, !defined.contains(name) else { return close + 1 }
            found.append((String(decoding: line[open...close], as: UTF8.self), open - line.startIndex + 1))
            return close + 1
        }
        return found
    }

    /// The characters of Windows-1252 at 0x80 to 0x9F, where Unicode has control characters (nil: none there).
    private static let windows1252: [Character?] = [
        "€", nil, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", nil, "Ž", nil,
        nil, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", nil, "ž", "Ÿ",
    ]

    /// Numeric entities of control characters in a line (`&#150;`, `&#x96;`, `&#1;`; not a tab's or a line end's), with
    /// the character each was meant as in Windows-1252 and its column.
    static func controlEntities(in line: ArraySlice<UInt8>) -> [(entity: String, meant: String?, column: Int)] {
        var found: [(entity: String, meant: String?, column: Int)] = []
        guard line.contains(UInt8(ascii: "&")) else { return found }
        scanOutsideCode(line) { amp in
            guard line[amp...].starts(with: "&#".utf8) else { return nil }
            var position = amp + 2
            let hex = position < line.endIndex && (line[position] | 0x20) == UInt8(ascii: "x")
            if hex { position += 1 }
            let digits = line[position...].prefix { hex ? $0.isHexDigitASCII : (0x30...0x39).contains($0) }
            let end = position + digits.count
            guard !digits.isEmpty, digits.count <= 7, end < line.endIndex, line[end] == UInt8(ascii: ";"),
                  let value = Int(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10)
            else { return nil }
            let isControl = (0x01...0x08).contains(value) || value == 0x0B || value == 0x0C || (0x0E...0x1F).contains(value) || (0x7F...0x9F).contains(value)
            guard isControl else { return end + 1 }
            let meant = (0x80...0x9F).contains(value) ? windows1252[value - 0x80].map(String.init) : nil
            found.append((String(decoding: line[amp...end], as: UTF8.self), meant, amp - line.startIndex + 1))
            return end + 1
        }
        return found
    }

    /// The bullets word processors write before a list's items (•, ·, ◦, ▪, ●), whose UTF-8 starts with 0xE2 or 0xC2.
    private static let bullets: [StaticString] = ["\u{2022}", "\u{00B7}", "\u{25E6}", "\u{25AA}", "\u{25CF}"]

    /// The bullet that `bytes` start with, if one.
    private static func bullet(startingAt bytes: ArraySlice<UInt8>) -> StaticString? {
        bullets.first { bytes.starts(with: UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount)) }
    }

    /// Whether a line of `source` starts with a bullet (after spaces), found from the bullets' first bytes with
    /// `memchr`: text with curly quotes and dashes (0xE2 too) costs a look at each of them, not at each line.
    static func mayHaveBullet(_ source: [UInt8]) -> Bool {
        func isBullet(_ index: Int) -> Bool {
            guard bullet(startingAt: source[index...]) != nil else { return false }
            var start = index
            while start > 0, source[start - 1] == 0x20 || source[start - 1] == 0x09 { start -= 1 }
            return start == 0 || source[start - 1] == 0x0A
        }
        return source.containsByte(0xE2, where: isBullet) || source.containsByte(0xC2, where: isBullet)
    }

    /// The first of each kind in `source`, with its line and column (1-based, in bytes) and how many more of its
    /// kind there are, on the lines that `inParagraph` says are in a paragraph (not code, not HTML).
    /// - Parameter path: the Markdown file's path in the site, which links written otherwise are said relative to.
    static func find(in bytes: [UInt8], path: String = "", inParagraph: (Int) -> Bool) -> [(found: Self, line: Int, column: Int, more: Int)] {
        var table: (line: Int, column: Int, more: Int)?
        var footnote: (label: String, line: Int, column: Int, more: Int)?
        var inlineNote: (text: String, line: Int, column: Int, more: Int)?
        var shortcode: (tag: String, line: Int, column: Int, more: Int)?
        var liquid: (tag: String, line: Int, column: Int, more: Int)?
        var output: (tag: String, line: Int, column: Int, more: Int)?
        var templated: (tag: String, line: Int, column: Int, more: Int)?
        var comment: (text: String, line: Int, column: Int, more: Int)?
        var commentOpen: (text: String, line: Int, column: Int)?
        var zola: (found: Self, line: Int, column: Int, more: Int)?
        var div: (line: String, number: Int, column: Int, more: Int)?
        var wiki: (link: String, line: Int, column: Int, more: Int)?
        var spaced: (link: String, line: Int, column: Int, more: Int)?
        var alert: (marker: String, line: Int, column: Int, more: Int)?
        var bullet: (text: String, line: Int, column: Int, more: Int)?
        var struck: (text: String, line: Int, column: Int, more: Int)?
        var script: (found: Self, line: Int, column: Int, more: Int)?
        var span: (text: String, line: Int, column: Int, more: Int)?
        var math: (text: String, line: Int, column: Int, more: Int)?
        var abbreviation: (found: Self, line: Int, column: Int, more: Int)?
        var attributes: (text: String, line: Int, column: Int, more: Int)?
        var control: (found: Self, line: Int, column: Int, more: Int)?
        var undefined: (text: String, line: Int, column: Int, more: Int)?
        var empty: (text: String, line: Int, column: Int, more: Int)?
        let defined = bytes.containsBytes("][") ? Set(linkDefinitions(in: bytes).map(\.label)) : []
        // (Looked for on a line only where the document has them: most have neither.)
        let mayHaveZola = bytes.containsBytes("](@/"), mayHaveOutput = bytes.containsBytes("{{"), mayHaveMath = bytes.containsByte(UInt8(ascii: "$"))
        var previous: (line: Int, text: ArraySlice<UInt8>)?
        var lineNumber = 0, start = 0
        while start <= bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if inParagraph(lineNumber) {
                if let header = previous, header.line == lineNumber - 1, header.text.contains(UInt8(ascii: "|")), Self.isDelimiterRow(line) {
                    let column = (header.text.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? header.text.startIndex) - header.text.startIndex + 1
                    if table == nil { table = (header.line, column, 0) } else { table!.more += 1 }
                }
                for (label, column) in Self.footnotes(in: line) {
                    if footnote == nil { footnote = (label, lineNumber, column, 0) } else { footnote!.more += 1 }
                }
                for (text, column) in Self.inlineNotes(in: line) {
                    if inlineNote == nil { inlineNote = (text, lineNumber, column, 0) } else { inlineNote!.more += 1 }
                }
                let indented = line.prefix { $0 == 0x20 || $0 == 0x09 }
                if line.dropFirst(indented.count).starts(with: Array(":::".utf8)) {
                    let text = String(decoding: line.dropFirst(indented.count), as: UTF8.self).trimmingCharacters(in: .whitespaces).quotedInMessage
                    if div == nil { div = (text, lineNumber, indented.count + 1, 0) } else { div!.more += 1 }
                }
                for (link, column) in Self.wikiLinks(in: line) {
                    if wiki == nil { wiki = (link, lineNumber, column, 0) } else { wiki!.more += 1 }
                }
                for (link, column) in Self.spacedAddresses(in: line) {
                    if spaced == nil { spaced = (link, lineNumber, column, 0) } else { spaced!.more += 1 }
                }
                if let (marker, column) = Self.alertMarker(in: line) {
                    if alert == nil { alert = (marker, lineNumber, column, 0) } else { alert!.more += 1 }
                }
                if let (character, column) = Self.bulletCharacter(in: line) {
                    if bullet == nil { bullet = (character, lineNumber, column, 0) } else { bullet!.more += 1 }
                }
                for (text, column) in Self.strikethroughs(in: line) {
                    if struck == nil { struck = (text, lineNumber, column, 0) } else { struck!.more += 1 }
                }
                for (found, column) in Self.scripts(in: line) {
                    if script == nil { script = (found, lineNumber, column, 0) } else { script!.more += 1 }
                }
                for (text, column) in Self.spans(in: line) {
                    if span == nil { span = (text, lineNumber, column, 0) } else { span!.more += 1 }
                }
                for (text, column) in mayHaveMath ? Self.math(in: line) : [] {
                    if math == nil { math = (text, lineNumber, column, 0) } else { math!.more += 1 }
                }
                if let (found, column) = Self.abbreviationDefinition(in: line) {
                    if abbreviation == nil { abbreviation = (found, lineNumber, column, 0) } else { abbreviation!.more += 1 }
                }
                for (text, column) in Self.linkAttributes(in: line) {
                    if attributes == nil { attributes = (text, lineNumber, column, 0) } else { attributes!.more += 1 }
                }
                for (text, column) in Self.emptyAddresses(in: line) {
                    if empty == nil { empty = (text, lineNumber, column, 0) } else { empty!.more += 1 }
                }
                for (text, column) in Self.undefinedReferences(in: line, defined: defined) {
                    if undefined == nil { undefined = (text, lineNumber, column, 0) } else { undefined!.more += 1 }
                }
                for (entity, meant, column) in Self.controlEntities(in: line) {
                    if control == nil { control = (.controlEntity(entity, meant: meant), lineNumber, column, 0) } else { control!.more += 1 }
                }
                for (link, meant, column) in mayHaveZola ? Self.zolaLinks(in: line, path: path) : [] {
                    if zola == nil { zola = (.zolaLink(link, meant: meant), lineNumber, column, 0) } else { zola!.more += 1 }
                }
                if commentOpen != nil || line.firstRange(of: "%%".utf8) != nil {
                    for (text, number, column) in Self.obsidianComments(in: line, lineNumber: lineNumber, open: &commentOpen) {
                        if comment == nil { comment = (text, number, column, 0) } else { comment!.more += 1 }
                    }
                }
                for (tag, column) in mayHaveOutput ? Self.liquidOutputs(in: line) : [] {
                    if Self.startsAddress(line, at: line.startIndex + column - 1) {
                        if templated == nil { templated = (tag, lineNumber, column, 0) } else { templated!.more += 1 }
                    } else if output == nil {
                        output = (tag, lineNumber, column, 0)
                    } else {
                        output!.more += 1
                    }
                }
                for (tag, isShortcode, column) in Self.templateTags(in: line) {
                    if Self.startsAddress(line, at: line.startIndex + column - 1) {
                        if templated == nil { templated = (tag, lineNumber, column, 0) } else { templated!.more += 1 }
                    } else if isShortcode {
                        if shortcode == nil { shortcode = (tag, lineNumber, column, 0) } else { shortcode!.more += 1 }
                    } else if liquid == nil {
                        liquid = (tag, lineNumber, column, 0)
                    } else {
                        liquid!.more += 1
                    }
                }
                previous = (lineNumber, line)
            } else {
                previous = nil
            }
            start = end + 1
        }
        var result: [(found: Self, line: Int, column: Int, more: Int)] = []
        if let table { result.append((.pipeTable, table.line, table.column, table.more)) }
        if let footnote { result.append((.footnote(label: footnote.label), footnote.line, footnote.column, footnote.more)) }
        if let inlineNote { result.append((.inlineNote(inlineNote.text), inlineNote.line, inlineNote.column, inlineNote.more)) }
        if let shortcode { result.append((.shortcode(shortcode.tag), shortcode.line, shortcode.column, shortcode.more)) }
        if let liquid { result.append((.liquidTag(liquid.tag), liquid.line, liquid.column, liquid.more)) }
        if let output { result.append((.liquidOutput(output.tag), output.line, output.column, output.more)) }
        if let templated { result.append((.templateInAddress(templated.tag), templated.line, templated.column, templated.more)) }
        if let div { result.append((.fencedDiv(div.line), div.number, div.column, div.more)) }
        if let wiki { result.append((.wikiLink(wiki.link), wiki.line, wiki.column, wiki.more)) }
        if let spaced { result.append((.spacedAddress(spaced.link), spaced.line, spaced.column, spaced.more)) }
        if let zola { result.append(zola) }
        if let comment { result.append((.obsidianComment(comment.text), comment.line, comment.column, comment.more)) }
        if let alert { result.append((.alert(alert.marker), alert.line, alert.column, alert.more)) }
        if let bullet { result.append((.bulletCharacter(bullet.text), bullet.line, bullet.column, bullet.more)) }
        if let struck { result.append((.strikethrough(struck.text), struck.line, struck.column, struck.more)) }
        if let script { result.append(script) }
        if let control { result.append(control) }
        if let undefined { result.append((.undefinedReference(undefined.text), undefined.line, undefined.column, undefined.more)) }
        if let empty { result.append((.emptyAddress(empty.text), empty.line, empty.column, empty.more)) }
        if let span { result.append((.span(span.text), span.line, span.column, span.more)) }
        if let math { result.append((.math(math.text), math.line, math.column, math.more)) }
        if let abbreviation { result.append(abbreviation) }
        if let attributes { result.append((.linkAttributes(attributes.text), attributes.line, attributes.column, attributes.more)) }
        return result.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// A table's delimiter row: cells of dashes, each with an optional colon at either end, between pipes (with at
    /// least one pipe, the row's ends optional).
    static func isDelimiterRow(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
        guard trimmed.contains(UInt8(ascii: "|")) else { return false }
        var cells = trimmed.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { Array($0) }
        if cells.first?.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) == true { cells.removeFirst() }
        if cells.last?.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) == true { cells.removeLast() }
        return !cells.isEmpty && cells.allSatisfy { cell in
            var cell = cell.filter { $0 != 0x20 && $0 != 0x09 }[...]
            if cell.first == UInt8(ascii: ":") { cell = cell.dropFirst() }
            if cell.last == UInt8(ascii: ":") { cell = cell.dropLast() }
            return !cell.isEmpty && cell.allSatisfy { $0 == UInt8(ascii: "-") }
        }
    }

    /// Each `[^label]` on a line outside code spans (an even number of backticks before it) and not escaped, with
    /// its column.
    static func footnotes(in line: ArraySlice<UInt8>) -> [(label: String, column: Int)] {
        var found: [(label: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "["), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "^") else { return nil }
            let labelStart = index + 2
            let labelEnd = line[labelStart...].firstIndex { $0 == UInt8(ascii: "]") || $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "[") }
            guard let labelEnd, labelEnd > labelStart, line[labelEnd] == UInt8(ascii: "]") else { return nil }
            found.append((String(decoding: line[labelStart..<labelEnd], as: UTF8.self), index - line.startIndex + 1))
            return labelEnd + 1
        }
        return found
    }

    /// Each `^[note]` on a line outside code spans and not escaped (a note that closes on the line and does not start
    /// with a space), as written (cut at 40 characters), with its column.
    static func inlineNotes(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "^"), index + 2 < line.endIndex, line[index + 1] == UInt8(ascii: "["), line[index + 2] != 0x20,
                let close = line[(index + 2)...].firstIndex(of: UInt8(ascii: "]"))
            else { return nil }
            var text = String(decoding: line[index...close], as: UTF8.self)
            if text.count > 40 { text = String(text.prefix(38)) + "…]" }
            found.append((text.quotedInMessage, index - line.startIndex + 1))
            return close + 1
        }
        return found
    }

    /// Each Hugo shortcode (`{{<`, `{{%`) and Liquid tag (`{%`) on a line outside code spans and not escaped, as
    /// written up to its end on the line (cut at 60 characters), with whether it is a shortcode and its column.
    static func templateTags(in line: ArraySlice<UInt8>) -> [(tag: String, isShortcode: Bool, column: Int)] {
        var found: [(tag: String, isShortcode: Bool, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "{"), index + 1 < line.endIndex else { return nil }
            let next = line[index + 1]
            let third = index + 2 < line.endIndex ? line[index + 2] : 0
            let isShortcode = next == UInt8(ascii: "{") && (third == UInt8(ascii: "<") || third == UInt8(ascii: "%"))
            guard isShortcode || next == UInt8(ascii: "%") else { return nil }
            let closing = Array((isShortcode ? (third == UInt8(ascii: "<") ? ">}}" : "%}}") : "%}").utf8)
            var end = line.endIndex
            var search = index + 2
            while search + closing.count <= line.endIndex {
                if line[search..<(search + closing.count)].elementsEqual(closing) {
                    end = search + closing.count
                    break
                }
                search += 1
            }
            let tag = String(decoding: line[index..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces).quotedInMessage
            found.append((tag, isShortcode, index - line.startIndex + 1))
            return end
        }
        return found
    }

    /// Each Liquid output tag, `{{ page.title }}` (`{{` not followed by `<`, `%` or `{`, closed by `}}` on the line), on
    /// a line outside code spans and not escaped, as written, with its column.
    static func liquidOutputs(in line: ArraySlice<UInt8>) -> [(tag: String, column: Int)] {
        var found: [(tag: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index...].starts(with: "{{".utf8), index + 2 < line.endIndex,
                ![UInt8(ascii: "<"), UInt8(ascii: "%"), UInt8(ascii: "{")].contains(line[index + 2]),
                let close = line[(index + 2)...].firstRange(of: "}}".utf8)?.lowerBound,
                // A name starts it (`page.title`, `- site.baseurl`): `{{1, 2}, {3}}`, a set in a sentence, is no template's.
                let first = line[(index + 2)..<close].first(where: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "-") }),
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) || first == UInt8(ascii: "_")
            else { return nil }
            found.append((String(decoding: line[index..<(close + 2)], as: UTF8.self).quotedInMessage, index - line.startIndex + 1))
            return close + 2
        }
        return found
    }

    /// Each Obsidian comment on a line (`%%` outside code spans, addresses and not escaped), as written up to the `%%`
    /// that closes it on the line (cut at 60 characters), with its column. `open` holds the comment of the lines before
    /// that is still open, as written with its line and column; one closed on this line is returned with them. A `%%`
    /// never closed is no comment (`a rise of 50%%`), nor one in an address (`?fmt=%%s`).
    static func obsidianComments(in line: ArraySlice<UInt8>, lineNumber: Int, open: inout (text: String, line: Int, column: Int)?)
        -> [(text: String, line: Int, column: Int)]
    {
        var found: [(text: String, line: Int, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index...].starts(with: "%%".utf8), !isInAddress(line, at: index) else { return nil }
            if let opened = open {
                open = nil
                found.append(opened)
                return index + 2
            }
            let column = index - line.startIndex + 1
            guard let close = line[(index + 2)...].firstRange(of: "%%".utf8)?.upperBound else {
                let text = String(decoding: line[index...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                open = (text.quotedInMessage, lineNumber, column)
                return line.endIndex
            }
            found.append((String(decoding: line[index..<close], as: UTF8.self).quotedInMessage, lineNumber, column))
            return close
        }
        return found
    }

    /// Whether the text at `index` is in a link's address or an address written as text: the run of text without
    /// spaces it is in has `](`, `://` or starts with `<`.
    private static func isInAddress(_ line: ArraySlice<UInt8>, at index: Int) -> Bool {
        let start = line[..<index].lastIndex(of: 0x20).map { $0 + 1 } ?? line.startIndex
        let run = line[start..<index]
        return run.first == UInt8(ascii: "<") || run.firstRange(of: "](".utf8) != nil || run.firstRange(of: "://".utf8) != nil
    }

    /// Each of Zola's links to an article's file, `[text](@/heart/statins.md)`, on a line outside code spans and not
    /// escaped, as written, with the link that leads there from the Markdown file at `path` and its column.
    static func zolaLinks(in line: ArraySlice<UInt8>, path: String) -> [(link: String, meant: String, column: Int)] {
        var found: [(link: String, meant: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index...].starts(with: "](@/".utf8), let close = line[(index + 4)...].firstIndex(of: UInt8(ascii: ")")),
                let open = line[..<index].lastIndex(of: UInt8(ascii: "["))
            else { return nil }
            let start = open > line.startIndex && line[open - 1] == UInt8(ascii: "!") ? open - 1 : open
            // (Without a heading's anchor, which Zola gives headings and CommonMark does not.)
            let written = line[(index + 4)..<close].prefix { $0 != UInt8(ascii: "#") }
            let target = SiteLayout.content + "/" + String(decoding: written, as: UTF8.self)
            let meant = String(decoding: line[start...index], as: UTF8.self) + "(" + relativePath(to: target, from: path) + ")"
            found.append((String(decoding: line[start...close], as: UTF8.self).quotedInMessage, meant, start - line.startIndex + 1))
            return close + 1
        }
        return found
    }

    /// The path of `target` (a path in the site, `Content/heart/statins.md`) relative to the folder of the file at `path`
    /// (`Content/heart/diet.md`: `statins.md`).
    static func relativePath(to target: String, from path: String) -> String {
        SitePath.relative(target, from: path.split(separator: "/").dropLast().joined(separator: "/"))
    }

    /// Whether what is at `index` starts a link's or an image's address: it follows `](`, or `](<`, spaces aside.
    static func startsAddress(_ line: ArraySlice<UInt8>, at index: Int) -> Bool {
        let before = line[..<index].reversed().drop { $0 == 0x20 }
        let opened = before.first == UInt8(ascii: "<") ? before.dropFirst() : before
        return opened.starts(with: "(]".utf8)
    }

    /// Each `~~text~~` on a line outside code spans and not escaped (text that neither starts nor ends with a space),
    /// with its column.
    static func strikethroughs(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index...].starts(with: "~~".utf8), index + 2 < line.endIndex, line[index + 2] != 0x20, line[index + 2] != UInt8(ascii: "~"),
                let close = line[(index + 2)...].firstRange(of: "~~".utf8)?.lowerBound, close > index + 2, line[close - 1] != 0x20
            else { return nil }
            found.append((String(decoding: line[index..<(close + 2)], as: UTF8.self).quotedInMessage, index - line.startIndex + 1))
            return close + 2
        }
        return found
    }

    /// Each word on a line with pandoc's subscript or superscript (`H~2~O`, `10^9^/L`: text without spaces between two
    /// tildes or carets, outside code spans and not escaped), with its column.
    static func scripts(in line: ArraySlice<UInt8>) -> [(found: Self, column: Int)] {
        var found: [(found: Self, column: Int)] = []
        scanOutsideCode(line) { index in
            let mark = line[index]
            guard mark == UInt8(ascii: "~") || mark == UInt8(ascii: "^"), index + 1 < line.endIndex, line[index + 1] != mark,
                index == line.startIndex || line[index - 1] != mark,
                let close = line[(index + 1)...].firstIndex(where: { $0 == mark || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }), line[close] == mark,
                close + 1 == line.endIndex || line[close + 1] != mark,
                // `^[…]` is an inline footnote, `[^…]` a footnote's label.
                line[index + 1] != UInt8(ascii: "["), index == line.startIndex || line[index - 1] != UInt8(ascii: "[")
            else { return nil }
            func isWord(_ byte: UInt8) -> Bool { byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != mark }
            var start = index, end = close + 1
            while start > line.startIndex, isWord(line[start - 1]) { start -= 1 }
            while end < line.endIndex, isWord(line[end]) { end += 1 }
            let marked = String(decoding: line[(index + 1)..<close], as: UTF8.self)
            // `~` in an address (`https://example.org/~ann/~bob`) marks nothing.
            guard !marked.contains("/"), !marked.contains(":") else { return nil }
            let forms = mark == UInt8(ascii: "^") ? LaTeXText.superscripts : LaTeXText.subscripts
            let unicode = marked.allSatisfy { forms[$0] != nil }
                ? String(decoding: line[start..<index], as: UTF8.self) + String(marked.compactMap { forms[$0] }) + String(decoding: line[(close + 1)..<end], as: UTF8.self)
                : nil
            found.append((.script(String(decoding: line[start..<end], as: UTF8.self).quotedInMessage, raised: mark == UInt8(ascii: "^"), unicode: unicode), start - line.startIndex + 1))
            return end
        }
        return found
    }

    /// Each bracketed span of pandoc's on a line, `[text]{.class}` or `[text]{#id}`, outside code spans and not
    /// escaped, with its column.
    static func spans(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "]"), index + 3 < line.endIndex, line[index + 1] == UInt8(ascii: "{"),
                line[index + 2] == UInt8(ascii: ".") || line[index + 2] == UInt8(ascii: "#"), line[index + 3].isAlphanumericASCII,
                let close = line[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                let open = line[..<index].lastIndex(of: UInt8(ascii: "["))
            else { return nil }
            found.append((String(decoding: line[open...close], as: UTF8.self).quotedInMessage, open - line.startIndex + 1))
            return close + 1
        }
        return found
    }

    /// Each stretch of pandoc's TeX math on a line, outside code spans and not escaped, as written, with its column: `$…$` by pandoc's rule, a non-space right after the opening `$`, a non-space before the closing
    /// one and no digit right after it (so that prices, `$5 and $10`, `US$20,000 and US$30,000`, are none), or `$$…$$`.
    static func math(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "$") else { return nil }
            let display = index + 1 < line.endIndex && line[index + 1] == UInt8(ascii: "$")
            let start = index + (display ? 2 : 1)
            guard start < line.endIndex, display || !isSpace(line[start]) else { return display ? start : nil }
            // The closing `$` (`$$`): the first one not escaped (a backslash escapes the character after it in TeX too).
            var close = start
            while close < line.endIndex, line[close] != UInt8(ascii: "$") { close += line[close] == UInt8(ascii: "\\") ? 2 : 1 }
            guard close < line.endIndex, close > start else { return display ? start : nil }
            let end: Int
            if display {
                guard close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: "$"), line[start..<close].contains(where: { !isSpace($0) }) else { return start }
                end = close + 2
            } else {
                guard !isSpace(line[close - 1]), close + 1 == line.endIndex || !(0x30...0x39).contains(line[close + 1]) else { return nil }
                end = close + 1
            }
            found.append((String(decoding: line[index..<end], as: UTF8.self).quotedInMessage, index - line.startIndex + 1))
            return end
        }
        return found
    }

    /// The abbreviation a line defines in kramdown's and PHP Markdown Extra's way, `*[LDL]: Low-density lipoprotein` (up
    /// to three spaces in), with its column.
    static func abbreviationDefinition(in line: ArraySlice<UInt8>) -> (Self, Int)? {
        let text = line.drop { $0 == 0x20 }
        guard line.count - text.count <= 3, text.starts(with: "*[".utf8),
            let close = text.dropFirst(2).firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") }), close > text.startIndex + 2,
            text[close] == UInt8(ascii: "]"), close + 1 < text.endIndex, text[close + 1] == UInt8(ascii: ":")
        else { return nil }
        let term = String(decoding: text[(text.startIndex + 2)..<close], as: UTF8.self)
        let meaning = String(decoding: text[(close + 2)...], as: UTF8.self).trimmingWhitespace
        let written = String(decoding: text, as: UTF8.self).trimmingWhitespace
        return (.abbreviation(written.quotedInMessage, term: term, meaning: meaning), line.count - text.count + 1)
    }

    /// Each attribute block right after a link's or an image's `)`, `{#fig-x}`, `{.class}` or `{width=50%}`, outside code
    /// spans and not escaped, with its column.
    static func linkAttributes(in line: ArraySlice<UInt8>) -> [(text: String, column: Int)] {
        var found: [(text: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: ")"), index + 3 < line.endIndex, line[index + 1] == UInt8(ascii: "{"),
                let close = line[(index + 2)...].firstIndex(of: UInt8(ascii: "}")),
                case let inside = line[(index + 2)..<close],
                inside.first == UInt8(ascii: "#") || inside.first == UInt8(ascii: ".") || inside.contains(UInt8(ascii: "=")),
                inside.dropFirst().first?.isAlphanumericASCII == true,
                line[..<index].contains(UInt8(ascii: "]"))
            else { return nil }
            found.append((String(decoding: line[(index + 1)...close], as: UTF8.self).quotedInMessage, index + 1 - line.startIndex + 1))
            return close + 1
        }
        return found
    }

    /// The attributes a heading's line ends with, `{#id}`, `{.class}`, `{: …}` or `{#id .class}`, with their column;
    /// nil when it ends with none.
    static func headingAttributes(in line: ArraySlice<UInt8>) -> (String, Int)? {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        let trimmed = line[..<end]
        guard trimmed.last == UInt8(ascii: "}"), let open = trimmed.lastIndex(of: UInt8(ascii: "{")), open + 1 < trimmed.endIndex,
            [UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(trimmed[open + 1]),
            open == line.startIndex || line[open - 1] == 0x20 || line[open - 1] == 0x09
        else { return nil }
        return (String(decoding: trimmed[open...], as: UTF8.self).quotedInMessage, open - line.startIndex + 1)
    }

    /// Each `[[…]]` (or `![[…]]`) on a line outside code spans and not escaped, with its column.
    /// The marker of a quote's line that starts a GitHub alert or an Obsidian callout (`> [!NOTE]`, `> > [!tip]-`), with
    /// its column.
    static func alertMarker(in line: ArraySlice<UInt8>) -> (String, Int)? {
        var index = line.startIndex
        var quoted = false
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 || line[index] == UInt8(ascii: ">") {
            if line[index] == UInt8(ascii: ">") { quoted = true }
            index += 1
        }
        guard quoted, line[index...].starts(with: "[!".utf8) else { return nil }
        let word = line[(index + 2)...].prefix { $0.isAlphanumericASCII || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard !word.isEmpty, word.endIndex < line.endIndex, line[word.endIndex] == UInt8(ascii: "]") else { return nil }
        return (String(decoding: line[index...word.endIndex], as: UTF8.self), index - line.startIndex + 1)
    }

    /// The bullet character a line starts with (after spaces), with its column.
    static func bulletCharacter(in line: ArraySlice<UInt8>) -> (String, Int)? {
        let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? line.endIndex
        guard start < line.endIndex, line[start] >= 0xC2, let bullet = bullet(startingAt: line[start...]) else { return nil }
        return ("\(bullet)", start - line.startIndex + 1)
    }

    /// Whether a byte ends a name or an index in code (a letter, a digit, `_`, `)` or `]`).
    private static func endsName(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")
    }

    static func wikiLinks(in line: ArraySlice<UInt8>) -> [(link: String, column: Int)] {
        var found: [(link: String, column: Int)] = []
        scanOutsideCode(line) { index in
            // The first bracket after `[[` closes it (a `[` there opens no wiki link: a line of 20,000 `[` was read to its
            // end from each of them).
            guard line[index] == UInt8(ascii: "["), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "["),
                // Not R's or Python's indexing, `x[[1]]`, `df[["dose"]]`: a wiki link follows no name or bracket.
                index == line.startIndex || !Self.endsName(line[index - 1]),
                let close = line[(index + 2)...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "[") }),
                line[close] == UInt8(ascii: "]"), close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: "]"), close > index + 2
            else { return nil }
            let start = index > line.startIndex && line[index - 1] == UInt8(ascii: "!") ? index - 1 : index
            found.append((String(decoding: line[start...(close + 1)], as: UTF8.self), start - line.startIndex + 1))
            return close + 2
        }
        return found
    }

    /// Each link or image written `[text](address)` whose address has a space before its end (not a title after it,
    /// `(address "title")`, nor an address in angle brackets), outside code spans, with its column: CommonMark prints it
    /// as text.
    static func spacedAddresses(in line: ArraySlice<UInt8>) -> [(link: String, column: Int)] {
        var found: [(link: String, column: Int)] = []
        scanOutsideCode(line) { index in
            guard line[index] == UInt8(ascii: "]"), index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: "("),
                let end = spacedAddressEnd(line, after: index + 1)
            else { return nil }
            // From the text's opening bracket (or the image's `!`) to the closing parenthesis.
            var start = line[..<index].lastIndex(of: UInt8(ascii: "[")) ?? index
            // `[@key](in low-risk adults)`: a citation, then text in parentheses, as meant (no link was).
            let afterBracket = line[(start + 1)...].drop { $0 == UInt8(ascii: "-") }
            if line[start] == UInt8(ascii: "["), afterBracket.first == UInt8(ascii: "@") { return end + 1 }
            if start > line.startIndex, line[start - 1] == UInt8(ascii: "!") { start -= 1 }
            // Template code in the address (`({{ site.baseurl }}/a.png)`) is said as such: angle brackets would not help.
            let address = line[(index + 2)..<end]
            if address.firstRange(of: "{{".utf8) != nil || address.firstRange(of: "{%".utf8) != nil { return end + 1 }
            let link = String(decoding: line[start...end], as: UTF8.self).quotedInMessage
            found.append((link, start - line.startIndex + 1))
            return end + 1
        }
        return found
    }

    /// Whether the text has a `](` whose address has a space (as ``spacedAddresses(in:)`` reads one, code spans aside):
    /// each `]` found with `memchr`.
    static func mayHaveSpacedAddress(_ source: [UInt8]) -> Bool {
        source.containsByte(UInt8(ascii: "]")) { bracket in
            bracket + 1 < source.count && source[bracket + 1] == UInt8(ascii: "(") && spacedAddressEnd(source[...], after: bracket + 1) != nil
        }
    }

    /// Calls `match` with each place of the line outside code spans (after an even number of backticks) whose byte is
    /// not escaped with a backslash; `match` returns where to go on from when it found something there, else nil.
    private static func scanOutsideCode(_ line: ArraySlice<UInt8>, _ match: (Int) -> Int?) {
        var backticks = 0
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == UInt8(ascii: "`") { backticks += 1 }
            if backticks % 2 == 0, index == line.startIndex || line[index - 1] != UInt8(ascii: "\\"), let next = match(index) {
                index = next
            } else {
                index += 1
            }
        }
    }

    /// Where the link whose `(` is at `paren` ends (its `)`), when its address has a space that CommonMark stops at:
    /// not an address in angle brackets, nor a space before a title or the closing parenthesis.
    private static func spacedAddressEnd(_ text: ArraySlice<UInt8>, after paren: Int) -> Int? {
        var cursor = paren + 1
        while cursor < text.endIndex, text[cursor] == 0x20 { cursor += 1 }
        guard cursor < text.endIndex, text[cursor] != UInt8(ascii: "<") else { return nil }
        // The address: up to a space, a line's end or its closing parenthesis.
        while cursor < text.endIndex, text[cursor] != 0x20, text[cursor] != UInt8(ascii: ")"), text[cursor] != 0x0A { cursor += 1 }
        guard cursor < text.endIndex, text[cursor] == 0x20 else { return nil }
        var after = cursor
        while after < text.endIndex, text[after] == 0x20 { after += 1 }
        guard after < text.endIndex,
            ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), 0x0A, 0x0D].contains(text[after])
        else { return nil }
        let lineEnd = text[after...].firstIndex(of: 0x0A) ?? text.endIndex
        return text[after..<lineEnd].firstIndex(of: UInt8(ascii: ")"))
    }
}
