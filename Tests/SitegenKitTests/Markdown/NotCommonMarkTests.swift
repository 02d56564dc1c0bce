import Foundation
import Testing

@testable import SitegenKit

/// Pipe tables and footnotes, which CommonMark prints as text: a warning at the first of each, in paragraphs only.
@Suite struct NotCommonMarkTests {
    func warnings(_ markdown: String) -> [String] {
        var found: [String] = []
        let body = SourceText(path: "Content/a.md", text: markdown, firstLine: 4)
        _ = MarkdownRenderer().render(body, citation: { _ in nil }, relink: nil) { kind, location, more in
            found.append("\(location.line):\(location.column) \(kind) +\(more)")
        }
        return found
    }

    /// A link to a file on the author's computer or to a script, which cmark publishes as `href=""` or `src=""`, is a
    /// warning at each (a reference link's at its definition); with raw HTML allowed, which keeps them, a file's only.
    @Test func addressesThatAreNotPublishedAreWarnedAtEach() {
        let markdown = """
            See [the leaflet](file:///C:/Users/me/leaflet.pdf) and ![chart](FILE:chart.png), <javascript:alert(1)>.

            Not [this](data:image/png;base64,AAAA) or ![this](data:image/png;base64,AAAA), but ![x](data:text/html,x) and [y][s] and [z][s].

            [s]: vbscript:msgbox
            """
        #expect(warnings(markdown).map { $0.prefix { $0 != "(" } } == ["4:5 unpublishedAddress", "4:56 unpublishedAddress", "4:82 unpublishedAddress", "6:84 unpublishedAddress", "8:1 unpublishedAddress"])
        var found: [String] = []
        let body = SourceText(path: "Content/a.md", text: markdown, firstLine: 4)
        let html = MarkdownRenderer(allowsRawHTML: true).render(body, citation: { _ in nil }, relink: nil) { kind, location, _ in
            found.append("\(location.line):\(location.column) \(kind.message)")
        }
        #expect(html.contains("href=\"javascript:alert(1)\""))
        #expect(found == [
            "4:5 a link's address 'file:///C:/Users/me/leaflet.pdf' is a file on your computer, which is not published (no reader can open"
                + " it); put it in Public/ or beside the answer and link to it there ([the leaflet](leaflet.pdf))",
            "4:56 an image's address 'FILE:chart.png' is a file on your computer, which is not published (no reader can open it); put it in"
                + " Public/ or beside the answer and link to it there (![what it shows](chart.png))",
        ])
        #expect(NotCommonMark.unpublishedAddress("javascript:x", scheme: "javascript:", isImage: true, isKept: false).message
            == "an image's address 'javascript:x' is a script (javascript:), which is not published, and the page gets an empty src instead"
                + " (no image, and invalid HTML); link to a page or a file, or allow raw HTML (markdown: {unsafe: true} in sitegen.yml), which keeps it")
    }

    @Test func aPipeTableAndFootnotesAreFoundAtTheirFirstPlace() {
        let markdown = """
            Risk by dose:

              | Dose | Risk |
              |------|-----:|
              | 10 mg | 1% |

            Said here[^1] and there[^long-note].

            [^1]: The note.

            """
        #expect(warnings(markdown) == ["6:3 pipeTable +0", "10:10 footnote(label: \"1\") +2"])
    }

    /// pandoc's inline footnotes, `^[…]`, outside code; a caret before a bracket with a space, or in code, is none.
    @Test func inlineNotesAreFound() {
        let markdown = """
            A claim^[Measured in adults only.] and `x^[y]`.

            Two^[a] more^[b], and 2^[ not one].

            """
        #expect(warnings(markdown) == ["4:8 inlineNote(\"^[Measured in adults only.]\") +2"])
        #expect(NotCommonMark.inlineNote("^[a]").message.hasPrefix("'^[a]' is pandoc's inline footnote"))
    }

    /// GitHub's alerts and Obsidian's callouts are quotes that start with their marker here.
    @Test func alertsAreFoundInQuotes() {
        let markdown = """
            > [!WARNING]
            > Do not stop a statin without asking.

            > > [!tip]- Folded
            > > Text.

            Not a quote [!NOTE] and `> [!NOTE]`.

                > [!NOTE] in code

            """
        #expect(warnings(markdown) == ["4:3 alert(\"[!WARNING]\") +1"])
        #expect(NotCommonMark.alert("[!WARNING]").message.hasSuffix("remove it, or write its word in bold: > **Warning:**"))
    }

    /// A list pasted from a word processor keeps its bullet characters, which CommonMark prints as one paragraph.
    @Test func bulletCharactersAreFoundAtALinesStart() {
        let markdown = """
            Side effects include:

            • muscle aches
            • raised blood sugar

              · one
            A • inside a line, and ● in `code`.

                • in a code block

            """
        #expect(warnings(markdown) == ["6:1 bulletCharacter(\"•\") +2"])
        #expect(warnings("No bullet at all.\n\n- a list\n").isEmpty)
        // The prefilter: a bullet at a line's start, not a curly quote, a dash or a bullet inside a line.
        #expect(NotCommonMark.mayHaveBullet(Array("A\n  \u{25CF} b".utf8)) && NotCommonMark.mayHaveBullet(Array("\u{00B7} a".utf8)))
        #expect(!NotCommonMark.mayHaveBullet(Array("\u{201C}Risk\u{201D} fell 3\u{2013}5 % \u{2022} a\n\u{00A0}b".utf8)))
    }

    /// Hugo's shortcodes and Jekyll's Liquid tags (jekyll-scholar's citations among them) are printed as written.
    @Test func shortcodesAndLiquidTagsAreFoundWithWhatToWrite() {
        let markdown = """
            Statins lower risk {% cite smith2020 jones2019 --locator 12 %} and `{% cite code %}` stays code.

            {{< figure src="chart.png" alt="Risk" >}} and {{% note %}}.

            \\{% escaped %} and {% bibliography --cited %}

            """
        #expect(warnings(markdown) == [
            "4:20 liquidTag(\"{% cite smith2020 jones2019 --locator 12 %}\") +1",
            "6:1 shortcode(\"{{< figure src=\\\"chart.png\\\" alt=\\\"Risk\\\" >}}\") +1",
        ])
        #expect(NotCommonMark.liquidTag("{% cite smith2020 jones2019 --locator 12 %}").message.hasSuffix("write [@smith2020, p. 12; @jones2019]"))
        #expect(NotCommonMark.liquidTag("{% bibliography --cited %}").message.hasSuffix("sitegen lists an article's cited references at its end by itself; remove it"))
    }

    /// jekyll-scholar's tags in each of their forms, written without spaces, with Liquid's dashes, with a locator and its
    /// label, and its other names: the citation that says the same here.
    @Test(arguments: [
        ("{%cite ctt2012%}", "write [@ctt2012]"),
        ("{%- cite ctt2012 -%}", "write [@ctt2012]"),
        ("{% cite ctt2012 --locator 581-3 %}", "write [@ctt2012, p. 581-3]"),
        ("{% citation a b -l 3 -L chapter -l 7 %}", "write [@a, chapter 3; @b, p. 7]"),
        ("{% cite_details ctt2012 %}", "write [@ctt2012]"),
        ("{% reference ctt2012 %}", "cite the source where its claim is made, [@ctt2012], and sitegen lists it among the article's references"),
    ])
    func jekyllScholarTagsAreSaidAsCitations(tag: String, advice: String) {
        #expect(NotCommonMark.liquidTag(tag).message.hasSuffix(advice), "\(NotCommonMark.liquidTag(tag).message)")
    }

    /// Liquid's output tags print as typed; template code in a link's address is said as such (not as an address with
    /// a space, whose angle brackets would keep a link that leads nowhere).
    @Test func liquidOutputAndTemplateCodeInAddressesAreFound() {
        let markdown = """
            This page, {{ page.title }}, was updated on {{ page.date | date: "%B %-d, %Y" }}; `{{ code }}` and \\{{ x }} stay.

            See [about]({{site.baseurl}}/about/), ![LDL chart]({{ site.baseurl }}/assets/ldl.png) and [diet]({{< relref "/heart/diet" >}}).

            """
        #expect(warnings(markdown) == ["4:12 liquidOutput(\"{{ page.title }}\") +1", "6:13 templateInAddress(\"{{site.baseurl}}\") +2"])
        #expect(NotCommonMark.liquidOutput("{{ page.title }}").message.hasPrefix("'{{ page.title }}' is template code (Jekyll's Liquid), which sitegen does not run"))
        #expect(NotCommonMark.templateInAddress("{{site.baseurl}}").message.hasSuffix("relative to this Markdown file ([diet](diet.md), ![chart](ldl.png))"))
        // Braces that are no template code.
        #expect(warnings("A set {a, b} and {{}} and {{ unclosed.\n") == [])
        #expect(warnings("The sets {{1, 2}, {3}} and {{ 4 }} of doses.\n") == [])
    }

    /// Obsidian's comments print as text, on the page and in the search index; an HTML comment, the advice, does not.
    @Test func obsidianCommentsAreFound() {
        let markdown = """
            Statins lower LDL. %% TODO: ask Dr Patel about patient X %% and `%% code %%`.

            %%
            A note over lines
            %%

                %% in a code block %%

            """
        #expect(warnings(markdown) == ["4:20 obsidianComment(\"%% TODO: ask Dr Patel about patient X %%\") +1"])
        // A `%%` never closed, or in an address, is no comment (each was warned, quoting what followed it).
        #expect(warnings("LDL fell by 50%% over two years [@ctt2012].\n\nSee [the table](https://e.org/t?fmt=%%s) and <https://e.org/%%>.\n") == [])
        #expect(warnings("```c\nprintf(\"%%d\");\n```\n\nThen 10 %% 3 is 1.\n") == [])
        #expect(NotCommonMark.obsidianComment("%% a %%").message.hasSuffix("write an HTML comment: <!-- … -->"))
        let followed = SourceText(path: "Content/a.md", text: "Statins lower LDL. <!-- TODO: ask Dr Patel about patient X -->\n", firstLine: 4)
        #expect(warnings(followed.text) == [])
        #expect(!MarkdownRenderer().render(followed, citation: { _ in nil }).contains("Patel"))
    }

    /// An empty heading named as a reference list at the article's end, where pandoc puts the references: sitegen's list
    /// follows the body, so it would print empty.
    @Test func anEmptyReferencesHeadingAtTheEndIsFound() {
        #expect(warnings("Statins work.\n\n# References\n") == ["6:1 referencesHeading(\"# References\") +0"])
        #expect(warnings("Statins work.\n\n  ## Bibliography ##\n\n") == ["6:3 referencesHeading(\"## Bibliography ##\") +0"])
        // A heading with text under it, or of another name, is the article's own.
        #expect(warnings("# References\n\nThe list below.\n") == [])
        #expect(warnings("Statins work.\n\n# Referencing styles\n") == [])
        #expect(warnings("Statins work.\n\n    # References\n") == [])
    }

    /// A block of YAML at the article's end, where pandoc reads metadata too, prints as a rule and a heading here.
    @Test func aMetadataBlockAtTheEndIsFound() {
        #expect(warnings("Statins work.\n\n---\nauthor: Jane Doe\nnocite: '@*'\n---\n") == ["6:1 metadataBlock(\"---\") +0"])
        // A rule and a heading of the article's own, and text under a heading, are the article's.
        #expect(warnings("Statins work.\n\n---\nSide effects\n---\n") == [])
        #expect(warnings("Statins work.\n\n---\nNote: ask your doctor\n---\n") == [])
        #expect(warnings("Statins work.\n\n---\nNote: ask your doctor\n---\n\nMore text.\n") == [])
    }

    /// Zola's links to an article's file (`@/` for its content folder) lead nowhere here: the link relative to the file.
    @Test func zolaLinksAreFoundWithTheLinkToWrite() {
        #expect(warnings("See [statins](@/heart/statins.md#dose) and `[x](@/y.md)`.\n") == [
            "4:5 zolaLink(\"[statins](@/heart/statins.md#dose)\", meant: \"[statins](heart/statins.md)\") +0"
        ])
        #expect(NotCommonMark.relativePath(to: "Content/heart/statins.md", from: "Content/heart/diet.md") == "statins.md")
        #expect(NotCommonMark.relativePath(to: "Content/lungs/asthma.md", from: "Content/heart/diet.md") == "../lungs/asthma.md")
        #expect(NotCommonMark.relativePath(to: "Content/a.md", from: "Content/heart/sub/diet.md") == "../../a.md")
    }

    /// An address written as text is a link on GitHub, not in CommonMark; one in a link, an autolink or code is meant.
    @Test func addressesWrittenAsTextAreFound() {
        let markdown = "See [the NHS](https://www.nhs.uk/), <https://a.org/>, `https://code.example/`, [https://b.org/](https://b.org/).\n\n"
            + "Also https://www.nhs.uk/conditions/statins/. And (http://x.org/y).\n"
        #expect(warnings(markdown) == ["6:6 bareURL(\"https://www.nhs.uk/conditions/statins/\") +1"])
        #expect(warnings("Links: [a](https://a.org/) and <https://b.org/>.\n\n[ref]: https://c.org/\n") == [])
        // Only Markdown with an address written otherwise is looked at in the tree.
        #expect(!MarkdownRenderer.mayHaveBareURL(Array("[a](https://a.org/) <http://b.org/> [c]: https://c.org/ <img src=\"https://d.org/x.png\">".utf8)))
        for text in ["see https://a.org/", "https://a.org/ first", "(http://a.org/)", "[https://a.org/]"] {
            #expect(MarkdownRenderer.mayHaveBareURL(Array(text.utf8)), "\(text)")
        }
        #expect(warnings("(https://www.nhs.uk/)\n") == ["4:2 bareURL(\"https://www.nhs.uk/\") +0"])
        // Placed by the source: after an entity (one byte of text for five in the source), and after a citation spliced
        // into the paragraph's text (a node cmark did not parse, which it gives no place), on the paragraph's next line.
        #expect(warnings("Risk &amp; benefit https://a.org/\n") == ["4:20 bareURL(\"https://a.org/\") +0"])
        var spliced: [String] = []
        let body = SourceText(path: "Content/a.md", text: "Intro.\n\nSee @smith2020 and\nhttps://a.org/ here.\n", firstLine: 4)
        _ = MarkdownRenderer().render(body, citation: { _ in "<sup>1</sup>" }, relink: nil) { kind, location, _ in spliced.append("\(location.line):\(location.column) \(kind)") }
        #expect(spliced == ["7:1 bareURL(\"https://a.org/\")"])
    }

    /// Obsidian's wiki links and embeds, and a link or image whose address has a space, print as text.
    @Test func wikiLinksAndAddressesWithSpacesAreFound() {
        let markdown = "See [[Statin safety]] and ![[chart.png]].\n\n![Risk chart](my chart.png) and [guide](NHS guide.pdf).\n"
        #expect(warnings(markdown) == [
            "4:5 wikiLink(\"[[Statin safety]]\") +1",
            "6:1 spacedAddress(\"![Risk chart](my chart.png)\") +1",
        ])
        // Addresses CommonMark reads: in angle brackets, with a title, with spaces around; and code.
        let fine = "[a](<my chart.png>) [b](b.md \"Title\") [c]( c.md ) [d](d.md 'T') [e](e.md (T)) `[[x]]` `[f](a b)`\n"
        #expect(warnings(fine) == [])
        // Indexing in R or Python written in a sentence is no wiki link.
        #expect(warnings("The first dose is x[[1]] and df[[\"dose\"]] holds the rest, f(a)[[2]] too.\n") == [])
        #expect(!NotCommonMark.mayOccur(in: Array("[a](a.md) and [b](<b c.md>) and [c](c.md \"t\")\n".utf8)))
    }

    /// pandoc's and Quarto's fenced divs: the ':::' lines print as text (a closing one is counted too).
    @Test func fencedDivsAreFound() {
        let markdown = "Intro.\n\n::: {.callout-note}\nStatins are safe for most people.\n:::\n\n```\n::: code\n```\n"
        #expect(warnings(markdown) == ["6:1 fencedDiv(\"::: {.callout-note}\") +1"])
    }

    /// A link or image without an address leads nowhere (an image's `src=""` is invalid HTML): a warning at the first.
    @Test func emptyAddressesAreFound() {
        #expect(warnings("See ![Chart of results]() and [the guideline](<>) and [ok](a.md).\n") == ["4:5 emptyAddress(\"![Chart of results]()\") +1"])
        #expect(warnings("Code `[x]()` and \\[y]() and [z](a.md) here.\n") == [])
    }

    /// A reference link whose label no line defines prints as written, brackets and all: a warning at the first.
    @Test func undefinedReferenceLinksAreFound() {
        #expect(warnings("See [the NICE guideline][nice] and [note][1], [Defined][] and [x][def].\n\n[defined]: a.md\n [DEF]: b.md\n") == [
            "4:5 undefinedReference(\"[the NICE guideline][nice]\") +1",
        ])
        #expect(warnings("Cited [@a][] here, `[x][y]` in code, \\[not][a link], two [@a][@b].\n") == ["4:7 undefinedReference(\"[@a][]\") +0"])
        #expect(warnings("[a][b]\n\n[b]: https://example.org\n") == [])
    }

    /// A run of `[` never closed before a `]` on the same line (an article of 50,000 `[` and then `[@key]`): each `[`
    /// looked for its `]` to the end of the run, quadratic (10,000 took 4 s to build, 50,000 over a minute); they share
    /// the one `]`. Not timed (measurements are never tests here): with a search from each `[`, 100,000 take minutes.
    @Test func bracketsNeverClosedAreReadOnce() {
        let run = String(repeating: "[", count: 100_000)
        let line = Array((run + "[x][y] and [a][b], [c] [d][" + run).utf8)
        #expect(NotCommonMark.undefinedReferences(in: line[...], defined: ["b"]).map { "\($0.column) \($0.text)" } == ["100001 [x][y]"])
        #expect(NotCommonMark.undefinedReferences(in: Array((run + "]").utf8)[...], defined: []).isEmpty)
    }

    /// A numeric entity of a control character, as text from Windows has them (`&#150;` for an en dash), prints a
    /// control character (invalid HTML, a box on a dose): a warning with the character meant.
    @Test func controlCharacterEntitiesAreFound() {
        #expect(warnings("Doses of 10&#150;20 mg, the patient&#146;s choice &#x1;.\n") == [
            "4:12 controlEntity(\"&#150;\", meant: Optional(\"–\")) +2",
        ])
        #expect(warnings("A &#x81; and &#127; here.\n") == ["4:3 controlEntity(\"&#x81;\", meant: nil) +1"])
        #expect(warnings("Fine: &#8211; &#9; &#10; &#160; &#x2014; &amp;#150; `&#150;`\n") == [])
    }

    /// A comment or a code fence never closed takes the rest of the article: a warning at its opening; closed ones
    /// (the article's last block too) say nothing.
    @Test func aCommentOrFenceNeverClosedIsFound() {
        #expect(warnings("Intro [@a].\n\n<!-- TODO: add the 2019 update\n\n## Later\n\nMore.\n") == ["6:1 unclosedComment +0"])
        #expect(warnings("Intro.\n\n  ```swift\nlet x = 1\n\n## Later [@a]\n") == ["6:3 unclosedFence(\"```\") +0"])
        #expect(warnings("Intro.\n\n~~~~\ncode\n~~~\n") == ["6:1 unclosedFence(\"~~~~\") +0"])
        #expect(warnings("Intro.\n\n```\n") == ["6:1 unclosedFence(\"```\") +0"])
        for fine in ["Intro.\n\n<!-- note -->\n", "Intro.\n\n<!-- a\nb -->\n", "```\ncode\n```\n", "~~~\ncode\n~~~~~  \n", "    indented code\n"] {
            #expect(warnings(fine) == [], "\(fine)")
        }
    }

    /// pandoc's, Hugo's and kramdown's heading attributes, and GitHub's strikethrough, printed as typed: in `#`
    /// headings (before closing #s) and underlined ones, and in paragraphs outside code.
    @Test func headingAttributesAndStrikethroughAreFound() {
        let markdown = "## What the research says {#research}\n\nOld advice: ~~take it daily~~ and ~~more~~.\n\n"
            + "Side effects {.note}\n---\n\n# Dose {: #dose} ##\n\n`~~code~~` and ~ ~spaced~ ~ and ## Not {#a heading}\n"
        #expect(warnings(markdown) == [
            "6:13 strikethrough(\"~~take it daily~~\") +1",
            // pandoc reads `~spaced~` as a subscript.
            "13:18 script(\"~spaced~\", raised: false, unicode: nil) +0",
            "4:27 headingAttributes(\"{#research}\") +2",
        ])
    }

    /// pandoc's subscripts, superscripts and bracketed spans, printed with their marks: the word as written, with its
    /// Unicode form when every character marked has one; not in code, escaped, in an address, or a footnote's caret.
    @Test func subscriptsSuperscriptsAndSpansAreFound() {
        let markdown = "Breathing out CO~2~ at 5 x 10^9^/L, and HbA~1c~.\n\nA [Small Caps]{.smallcaps} word and [an id]{#here}.\n\n"
            + "`H~2~O` and \\~x~ and [a](https://example.org/~ann/~bob) and a^[note] and [^1] and ~ spaced ~ and ~~struck~~.\n"
        #expect(warnings(markdown) == [
            "4:15 script(\"CO~2~\", raised: false, unicode: Optional(\"CO₂\")) +2",
            "6:3 span(\"[Small Caps]{.smallcaps}\") +1",
            "8:62 inlineNote(\"^[note]\") +0",
            "8:74 footnote(label: \"1\") +0",
            "8:98 strikethrough(\"~~struck~~\") +0",
        ])
        #expect(NotCommonMark.script("HbA~1c~", raised: false, unicode: nil).message
            == "'HbA~1c~' is pandoc's subscript, which CommonMark prints with its tildes; write <sub>…</sub> (which needs markdown: {unsafe: true} in sitegen.yml)")
        #expect(NotCommonMark.script("10^9^/L", raised: true, unicode: "10⁹/L").message
            == "'10^9^/L' is pandoc's superscript, which CommonMark prints with its carets; write it '10⁹/L', or <sup>…</sup> (which needs markdown: {unsafe: true} in sitegen.yml)")
    }

    /// pandoc's TeX math between dollar signs, by pandoc's rule for what is math (a non-space after the opening `$`, a
    /// non-space before the closing one, no digit after it), so that prices stay text; not in code or escaped. And
    /// kramdown's and PHP Markdown Extra's abbreviation definitions, said as footnotes are.
    @Test func mathAndAbbreviationDefinitionsAreFound() {
        let markdown = "The hazard ratio was $HR = 0.79$ ($p < 0.001$), and $\\beta$-blockers.\n\n"
            + "It costs $5 and $10, US$20,000 and US$30,000, $ 5$ or `$x$` and \\$y$.\n\n$$x^2$$\n\n"
            + "*[LDL]: Low-density lipoprotein\n*[HDL]: High-density lipoprotein\n"
        #expect(warnings(markdown) == [
            "4:22 math(\"$HR = 0.79$\") +3",
            "10:1 abbreviation(\"*[LDL]: Low-density lipoprotein\", term: \"LDL\", meaning: \"Low-density lipoprotein\") +1",
        ])
        #expect(warnings("Between $5 and $10 a month.\n\nA *[note] of mine.\n") == [])
        #expect(NotCommonMark.math("$\\beta$").message
            == "'$\\beta$' is pandoc's TeX math, which CommonMark prints as typed, dollar signs and backslashes (sitegen typesets no math); write"
                + " it as text, with Unicode's symbols where it needs them (β, ≤, ×, ²)")
        #expect(NotCommonMark.abbreviation("*[LDL]: Low-density lipoprotein", term: "LDL", meaning: "Low-density lipoprotein").message
            == "'*[LDL]: Low-density lipoprotein' defines an abbreviation in kramdown's and PHP Markdown Extra's way, which CommonMark prints as a"
                + " paragraph; remove it, and spell the term out where the article first uses it: Low-density lipoprotein (LDL)")
    }

    @Test(arguments: [
        "## Sets {a, b}\n\nA {#x} in text.\n",
        "```\n## Code {#x}\n~~x~~\n```\n",
        // In code, escaped, a caret that is no footnote, pipes without a delimiter row, a delimiter row without pipes
        // above it (a setext heading), a lone pipe over dashes that are a thematic break.
        "```\n| a | b |\n|---|---|\n[^1]\n```\n",
        "    | a | b |\n    |---|---|\n",
        "Inline `[^y]` code, \\[^z] escaped, x^2, [^ spaced] and [^].\n",
        "a | b\nc | d\n",
        "Title\n---|\n",
        "A heading\n---\n",
        "<div>\n| a | b |\n|---|---|\n</div>\n",
    ])
    func textThatCommonMarkReadsAsMeantIsNotReported(markdown: String) {
        #expect(warnings(markdown) == [], "\(markdown)")
    }

    @Test func delimiterRows() {
        let rows = ["|---|---|", "---|---", "| :--- | :---: | ---: |", "|-|", "  |--|  "]
        for row in rows { #expect(NotCommonMark.isDelimiterRow(Array(row.utf8)[...]), "\(row)") }
        let others = ["---", "| a | b |", "|---|x|", "| |", "||", "|:|"]
        for row in others { #expect(!NotCommonMark.isDelimiterRow(Array(row.utf8)[...]), "\(row)") }
    }

    /// In a build: a warning each, with the fix; the page is still written.
    @Test func theBuildWarnsAndPublishes() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/a.md": article("Q?", "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:1: warning: a table written with pipes is not CommonMark, so it is printed as a paragraph of text, pipes and all;"
                + " write it as an HTML <table> (which needs markdown: {unsafe: true} in sitegen.yml), or as a list",
            "Content/a.md:8:5: warning: '[^1]' is a footnote, which CommonMark does not have: it is printed as written (or as a link); put"
                + " the note in the text, or cite its source with [@key]",
        ])
        #expect(try site.read("a/index.html").contains("<p>| a | b |"))
    }
}

/// With raw HTML allowed, HTML that breaks the page around the article: an element never closed, an end tag for none
/// the article opened, an id the page has. Unclosed `<p>`, `<li>` and table cells, void and self-closed elements, and
/// the text of a script are as HTML reads them; without raw HTML (left out of the page) nothing is said.
@Suite struct RawHTMLBalanceTests {
    func warnings(_ markdown: String, allowsRawHTML: Bool = true) -> [String] {
        var found: [String] = []
        let body = SourceText(path: "Content/a.md", text: markdown, firstLine: 4)
        _ = MarkdownRenderer(allowsRawHTML: allowsRawHTML).render(body, citation: { _ in nil }, relink: nil) { kind, location, more in
            found.append("\(location.line):\(location.column) \(kind) +\(more)")
        }
        return found
    }

    @Test func tagsThatBreakThePageAreFoundAtTheirPlaces() {
        let markdown = """
            Some <em>emphasis never closed, <b>bold</b> and 10<sup>9</sup>/L.

            <div class="note" id="references">
            A note.

            </div>
              </div>

            <script>if (a < b) { document.write("</div>") }</script>

            <table><tr><td>x<td>y</table>
            <p>para<br>line<img src="a.png"/><hr/>

            Last <span>open.

            """
        #expect(warnings(markdown) == [
            "4:6 unclosedTag(\"em\") +1", "6:1 pageID(\"references\") +0", "10:3 strayClosingTag(\"div\") +0",
        ])
        #expect(warnings(markdown, allowsRawHTML: false) == [])
    }

    @Test func balancedHTMLIsNotReported() {
        let markdown = """
            <details>
            <summary>More</summary>

            Text with <abbr title="low-density lipoprotein">LDL</abbr> and <!-- </div> --> a comment.

            </details>

            <DIV ID='main-note'><i>x</I></div> <br>

            `</div>` in code

            """
        #expect(warnings(markdown) == [])
    }

    /// Inside another element, one left open is closed by the browser at the outer one's end tag: said there.
    @Test func anElementLeftOpenInsideAnotherIsFound() {
        #expect(warnings("<div>\n<span>x\n</div>\n") == ["5:1 unclosedTag(\"span\") +0"])
    }
}
