import CSL
import Foundation
import Testing

@testable import SitegenKit

struct CSLReaderTests {
    /// CSL-JSON is YAML too: a .yaml file that holds it is read (another format in a file named so is an error).
    @Test func aYAMLFileOfCSLJSONIsRead() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: #"[{"id": "a1", "type": "book", "title": "T"}]"# + "\n"))
        #expect(references.map(\.id) == ["a1"])
        #expect(throws: Diagnostic.self) { try BibliographyReader().read(SourceText(path: "refs.yaml", text: "TY  - JOUR\nER  - \n")) }
    }

    /// A given name that starts with a small letter is initialized as pandoc 3.9's citeproc initializes it: up to a
    /// hyphen it is kept whole when it is all small letters, else kept and given the mark ("d’arc."); after a
    /// hyphen a part that starts with a capital is its initial, any other is left out ("jean-luc" is "jean",
    /// "jean-Luc" "jean-L."); a hyphen that ends it is kept. A lowercase hyphenated name after a given name is a
    /// particle, whole ("A. jean-luc"). The texts are pandoc's (`pandoc --citeproc --bibliography t4.json --csl
    /// STYLE.csl -t plain`, `nocite: '@*'`).
    @Test func aGivenNameThatStartsWithASmallLetterIsInitializedAsPandocDoes() throws {
        let givens = ["jean-luc", "jean-Luc", "Anne jean-luc", "d’arc", "jean-luc-Paul", "jean-luc Marc", "Jean-luc", "élodie-anne", "jean-"]
        let json = givens.enumerated().map { index, given in
            #"{"id": "a\#(index + 1)", "type": "article-journal", "author": [{"family": "A\#(index + 1)", "given": "\#(given)"}], "title": "T", "#
                + #""container-title": "J", "issued": {"date-parts": [[2001]]}}"#
        }
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: "[" + json.joined(separator: ",\n") + "]\n"))
        let ieee = try #require(try CitationStyle.builtIn("ieee", language: "en"))
        #expect(references.map { ieee.entry($0).text } == [
            "jean A1, “T,” J, 2001.", "jean-L. A2, “T,” J, 2001.", "A. jean-luc A3, “T,” J, 2001.", "d’arc. A4, “T,” J, 2001.",
            "jean-P. A5, “T,” J, 2001.", "jean M. A6, “T,” J, 2001.", "J. A7, “T,” J, 2001.", "élodie A8, “T,” J, 2001.", "jean-. A9, “T,” J, 2001.",
        ])
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(references.map { apa.entry($0).text } == [
            "A1, jean. (2001). T. J.", "A2, jean-L. (2001). T. J.", "A3, A. jean-luc. (2001). T. J.", "A4, d’arc. (2001). T. J.", "A5, jean-P. (2001). T. J.",
            "A6, jean M. (2001). T. J.", "A7, J. (2001). T. J.", "A8, élodie. (2001). T. J.", "A9, jean-. (2001). T. J.",
        ])
    }

    /// A CSL-JSON text variable that ends (or starts) with white space keeps one space there, as pandoc 3.9 prints it:
    /// a comma or period that moves into the title's quotation marks comes after it (`“Title with trailing space ,”`),
    /// and a colon after a place (`Place : Pub`); a period after it outside quotes takes its place (APA's "space."). The
    /// texts are pandoc's (`pandoc --citeproc --bibliography t7.json --csl STYLE.csl -t plain`, `nocite: '@*'`).
    @Test func aSpaceThatEndsACSLJSONTextIsKeptAsPandocKeepsIt() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "trail", "type": "article-journal", "author": [{"family": "Au", "given": "B."}], "title": "Title with trailing space ",
              "container-title": "Lancet", "issued": {"date-parts": [[2012]]}},
             {"id": "place", "type": "book", "author": [{"family": "Du", "given": "B."}], "title": "Book", "publisher": "Pub",
              "publisher-place": "Place\n", "issued": {"date-parts": [[2015]]}}]
            """#))
        let ieee = try #require(try CitationStyle.builtIn("ieee", language: "en"))
        #expect(references.map { ieee.entry($0).text } == ["B. Au, “Title with trailing space ,” Lancet, 2012.", "B. Du, Book. Place : Pub, 2015."])
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(apa.entry(references[0]).text == "Au, B. (2012). Title with trailing space. Lancet.")
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en"))
        #expect(chicago.entry(references[0]).text == "Au, B. 2012. “Title with Trailing Space .” Lancet.")
        // The title as the site shows it elsewhere (a link's label) is trimmed.
        #expect(references[0].title == "Title with trailing space")
    }

    /// A space that ends text a style prints in italics stays before the punctuation after it, as pandoc 3.9 prints it
    /// (`<em>Lancet </em>,`): pandoc's citeproc takes a space out before a comma or period only from plain text, or
    /// from styled text of one word. The HTML is pandoc's (`pandoc --citeproc --bibliography t8.json --csl STYLE.csl
    /// -t html`, `nocite: '@*'`).
    @Test func aSpaceThatEndsStyledTextStaysBeforePunctuation() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "cont", "type": "article-journal", "author": [{"family": "Au", "given": "B."}], "title": "Plain title",
              "container-title": "Lancet ", "volume": "3", "page": "5-9", "issued": {"date-parts": [[2012]]}},
             {"id": "book", "type": "book", "author": [{"family": "Du", "given": "B."}], "title": "Book title ", "publisher": "Pub",
              "issued": {"date-parts": [[2015]]}}]
            """#))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(references.map { apa.entry($0).html } == [
            "Au, B. (2012). Plain title. <i>Lancet </i>, <i>3</i>, 5–9.", "Du, B. (2015). <i>Book title </i>. Pub.",
        ])
        let ieee = try #require(try CitationStyle.builtIn("ieee", language: "en"))
        #expect(references.map { ieee.entry($0).html } == [
            "B. Au, “Plain title,” <i>Lancet </i>, vol. 3, pp. 5–9, 2012.", "B. Du, <i>Book title </i>. Pub, 2015.",
        ])
    }

    /// A CSL-JSON title that starts with a space keeps it inside its quotation marks, and the space before them goes,
    /// as pandoc 3.9 prints it (`Bu,“ Leading space title,”`); outside quotes the space before it goes as any space
    /// before another (APA). The texts are pandoc's (`pandoc --citeproc --bibliography t9.json --csl STYLE.csl -t
    /// plain`, `nocite: '@*'`).
    @Test func aSpaceThatStartsQuotedTextTakesThePlaceOfOneBefore() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "lead", "type": "article-journal", "author": [{"family": "Bu", "given": "B."}], "title": " Leading space title",
              "container-title": "Lead J", "issued": {"date-parts": [[2013]]}}]
            """#))
        let reference = try #require(references.first)
        #expect(try #require(try CitationStyle.builtIn("ieee", language: "en")).entry(reference).text == "B. Bu,“ Leading space title,” Lead J, 2013.")
        #expect(try #require(try CitationStyle.builtIn("chicago-author-date", language: "en")).entry(reference).text
            == "Bu, B. 2013.“ Leading Space Title.” Lead J.")
        #expect(try #require(try CitationStyle.builtIn("apa", language: "en")).entry(reference).text == "Bu, B. (2013). Leading space title. Lead J.")
    }

    /// A CSL-JSON given name in double quotes is read without them, as pandoc 3.9's citeproc reads it: a comma in it
    /// parts no suffix ("\"Smith, Jr.\""), and a lowercase word that ends it is still a particle ("\"John van\"" is
    /// "John" and "van"). The texts are pandoc's (`pandoc --citeproc --bibliography z2.json --csl STYLE.csl -t plain`,
    /// `nocite: '@*'`).
    @Test func aQuotedGivenNameIsReadWithoutItsQuotes() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "z2", "type": "article-journal", "author": [{"family": "Zb", "given": "\"John van\""}], "title": "T", "container-title": "J",
              "issued": {"date-parts": [[2002]]}},
             {"id": "z4", "type": "article-journal", "author": [{"family": "Zd", "given": "\"Smith, Jr.\""}], "title": "T", "container-title": "J",
              "issued": {"date-parts": [[2004]]}}]
            """#))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(references.map { apa.entry($0).text } == ["Zb, J. van. (2002). T. J.", "Zd, S. Jr. (2004). T. J."])
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en"))
        #expect(references.map { chicago.entry($0).text } == ["Zb, John van. 2002. “T.” J.", "Zd, Smith, Jr. 2004. “T.” J."])
    }

    /// A CSL-JSON number with white space at an end (`"volume": "3 "`, `"issue": " 2"`, as some exports write them)
    /// keeps one space there, as pandoc 3.9 prints it: Vancouver's "3 ( 2)", APA's "( 2nd eds., Vols. 4 )" (a
    /// `<number>` keeps it too, and a label counts it, plural); a page's goes, as pandoc's citeproc strips a page
    /// range ("12–4"), but for its label (IEEE's "pp. 12"). The texts are pandoc's (`pandoc --citeproc --bibliography
    /// t.json --csl STYLE.csl -t plain`, and `-t html` for APA's italics).
    @Test func aSpaceThatEndsACSLJSONNumberIsKeptAsPandocKeepsIt() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "j1", "type": "article-journal", "author": [{"family": "Smith", "given": "John"}], "title": "A study",
              "container-title": "J Med", "issued": {"date-parts": [[2020]]}, "volume": "3 ", "issue": " 2", "page": "12-14 "},
             {"id": "j2", "type": "article-journal", "author": [{"family": "Doe", "given": "Jane"}], "title": "B study",
              "container-title": "J Med", "issued": {"date-parts": [[2020]]}, "volume": " 3", "issue": "2 ", "page": " 12"},
             {"id": "b2", "type": "book", "author": [{"family": "Poe", "given": "Jane"}], "title": "D book", "publisher": "Pub",
              "issued": {"date-parts": [[2020]]}, "edition": " 2", "volume": " 4 "}]
            """#))
        let vancouver = try #require(try CitationStyle.builtIn("vancouver", language: "en"))
        #expect(references.map { vancouver.entry($0).text } == [
            "Smith J. A study. J Med. 2020;3 ( 2):12–4.", "Doe J. B study. J Med. 2020; 3(2 ):12.", "Poe J. D book. 2nd ed. Pub; 2020.",
        ])
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(references.map { apa.entry($0).text } == [
            "Smith, J. (2020). A study. J Med, 3 ( 2), 12–14.", "Doe, J. (2020). B study. J Med, 3(2 ), 12.",
            "Poe, J. (2020). D book ( 2nd eds., Vols. 4 ). Pub.",
        ])
        #expect(apa.entry(references[0]).html == "Smith, J. (2020). A study. <i>J Med</i>, <i>3 </i>( 2), 12–14.")
        let ieee = try #require(try CitationStyle.builtIn("ieee", language: "en"))
        #expect(ieee.entry(references[1]).text == "J. Doe, “B study,” J Med, vol. 3, no. 2, pp. 12, 2020.")
        // Elsewhere on the site the numbers are trimmed.
        #expect(references[0].volume == "3" && references[0].issue == "2")
    }

    /// A CSL-JSON name is text, as pandoc 3.9 reads it: a tag in it (`<i>van</i> Dyke`, `Smith<sup>1</sup>`) prints
    /// as typed, with a warning at it, and so does a double quote; a straight apostrophe is ’ (`'Jack'` is ’Jack’, no
    /// quotation). The texts are pandoc's (`pandoc --citeproc --bibliography t.json --csl STYLE.csl -t plain`, and
    /// `-t html`, whose tags are escaped).
    @Test func aCSLJSONNameIsTextAsPandocReadsIt() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"""
            [{"id": "a", "type": "article-journal", "author": [{"family": "<i>van</i> Dyke", "given": "John"}], "title": "A", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "b", "type": "article-journal", "author": [{"family": "Smith<sup>1</sup>", "given": "Anne"}], "title": "B", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "c", "type": "article-journal", "author": [{"literal": "World Health Organization <b>WHO</b>"}], "title": "C", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "d", "type": "article-journal", "author": [{"family": "Roe", "given": "<i>Jane</i> Ann"}], "title": "D", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "e", "type": "article-journal", "author": [{"family": "O'Brien", "given": "John \"Jack\""}], "title": "E", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "f", "type": "article-journal", "author": [{"family": "Doe", "given": "John 'Jack'"}], "title": "F", "container-title": "J", "issued": {"date-parts": [[2020]]}},
             {"id": "g", "type": "article-journal", "author": [{"literal": "The \"Best\" Group"}], "title": "G", "container-title": "J", "issued": {"date-parts": [[2020]]}}]
            """#))
        let references = file.references
        let vancouver = try #require(try CitationStyle.builtIn("vancouver", language: "en"))
        #expect(references.prefix(4).map { vancouver.entry($0).text } == [
            "<i>van</i> Dyke J. A. J. 2020;", "Smith<sup>1</sup> A. B. J. 2020;", "World Health Organization <b>WHO</b>. C. J. 2020;",
            "Roe <i>Jane</i>A. D. J. 2020;",
        ])
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        #expect(references.suffix(3).map { apa.entry($0).text } == [
            "O’Brien, J. \"Jack\". (2020). E. J.", "Doe, J. ’Jack’. (2020). F. J.", "The \"Best\" Group. (2020). G. J.",
        ])
        #expect(apa.entry(references[0]).html == "&lt;i&gt;van&lt;/i&gt; Dyke, J. (2020). A. <i>J</i>.")
        #expect(file.problems.map(\.description) == [
            "refs.json:1:63: warning: this name holds the tag <i>, which prints as typed: pandoc and sitegen read a CSL-JSON name as text,"
                + " not markup; write the name without tags",
            "refs.json:2:63: warning: this name holds the tag <sup>, which prints as typed: pandoc and sitegen read a CSL-JSON name as text,"
                + " not markup; write the name without tags",
            "refs.json:3:64: warning: this name holds the tag <b>, which prints as typed: pandoc and sitegen read a CSL-JSON name as text,"
                + " not markup; write the name without tags",
            "refs.json:4:79: warning: this name holds the tag <i>, which prints as typed: pandoc and sitegen read a CSL-JSON name as text,"
                + " not markup; write the name without tags",
        ])
    }

    @Test func readsCSLYAMLList() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            references:
              - id: who2019
                type: book
                author:
                  - literal: World Health Organization
                title: Risk reduction of cognitive decline and dementia
                publisher: World Health Organization
                publisher-place: Geneva
                issued:
                  date-parts: [[2019]]
            """))
        #expect(references.count == 1)
        #expect(references[0].location.description == "refs.yaml:2:5")
        #expect(
            CitationStyle.vancouver.entry(references[0]).text
                == "World Health Organization. Risk reduction of cognitive decline and dementia. Geneva: World Health Organization; 2019.")
    }

    /// A CSL-YAML file's text fields are Markdown, as pandoc reads YAML (and an article's `references:`): emphasis,
    /// pandoc's `~sub~`, `^sup^`, `[…]{.nocase}` and smart dashes print as pandoc 3.9 prints them (`pandoc --citeproc
    /// --bibliography refs.yaml --csl vancouver.csl -t html`); a CSL-JSON file's are not Markdown (pandoc prints
    /// `*E. coli*` there as written), and identifiers and numbers are read as written.
    @Test func aCSLYAMLFieldIsMarkdownAsPandocReadsIt() throws {
        let item = { (id: String) in
            "- id: \(id)\n  type: article-journal\n  title: 'The *E. coli* test: **bold** CO~2~ at 10^3^ K -- [DNA Words]{.nocase}...'\n"
                + "  container-title: The _Lancet_\n  DOI: 10.1000/a_b_c\n  page: 10--20\n  issued: 2020\n"
        }
        let yaml = try BibliographyReader().read(SourceText(path: "refs.yaml", text: item("yam") + item("zed").replacing("title: 'The", with: "title: '1. The")))
        #expect(CitationStyle.vancouver.entry(yaml[0]).html
            == "<a href=\"https://doi.org/10.1000/a_b_c\">The <i>E. coli</i> test: <b>bold</b> CO<sub>2</sub> at 10<sup>3</sup> K – DNA Words…</a>."
                + " The <i>Lancet</i>. 2020;10–20.")
        #expect(yaml[0].doi == "10.1000/a_b_c")
        // A field that starts as a list item would is text.
        #expect(CitationStyle.vancouver.entry(yaml[1]).text.hasPrefix("1. The E. coli test"))
        // As pandoc writes a YAML bibliography (`pandoc refs.bib -s -t markdown`): Markdown's escapes in identifiers and
        // addresses, read without them; TeX math as the BibTeX reader prints it, and dollars that are no math.
        let written = try BibliographyReader().read(SourceText(path: "refs.yaml", text: #"""
            - id: \--\_\_truth
              type: book
              title: Is water H$_2$O? It costs $5 to $10
              DOI: "10.1002/(SICI)1096-987X(199803)19:4\\<377::AID-JCC1\\>3.0.CO;2-P"
              issued: 2014
            """#))
        #expect(written[0].id == "--__truth")
        #expect(written[0].doi == "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P")
        #expect(written[0].title == "Is water H₂O? It costs $5 to $10")
        let json = try BibliographyReader().read(SourceText(
            path: "refs.json", text: #"[{"id": "j", "type": "article-journal", "title": "The *E. coli* test -- CO~2~", "issued": {"date-parts": [[2019]]}}]"#))
        #expect(CitationStyle.vancouver.entry(json[0]).text == "The *E. coli* test -- CO~2~. 2019;")
    }

    /// Markdown's escapes in a CSL-YAML file, as `pandoc refs.bib -s -t markdown` writes them, are the characters as
    /// typed, as pandoc 3.9 reads them (`pandoc --citeproc -t plain --csl apa.csl --bibliography j.yaml`, and
    /// `chicago-author-date.csl`): `\"Quoted\"` (a BibTeX title's `"`) and an entity (`&#039;`) are no smart quotes,
    /// `\<b\>` no tag, `\-\-` no dash; a `"` that pairs with none is a curly one. A date is the text its Markdown reads:
    /// `2020\~` is approximate ("ca. 2020", Chicago's "[2020?]"), where sitegen printed "2020\~" as written, and the
    /// title “Quoted” words from Harvard’s.
    @Test func aCSLYAMLFieldsEscapesAreTheCharactersAsTyped() throws {
        let yaml = try BibliographyReader().read(SourceText(path: "j.yaml", text: #"""
            ---
            references:
            - id: quoted
              type: article-journal
              author:
              - family: Bc
                given: B.
              title: \"Quoted\" words from Harvard&#039;s and Yale\'s \<b\>data\</b\>, \-\- and "paired" Research" workshop
              container-title: J
              issued: 2003
            - id: approx
              type: article-journal
              author:
              - family: Ch
                given: C.
              title: Date one
              container-title: J
              issued: 2020\~
            - id: range
              type: article-journal
              author:
              - family: Dd
                given: D.
              title: Date two
              container-title: J
              issued: 2019-05\~/2019-06\~
            - id: emph
              type: article-journal
              author:
              - family: Ee
                given: E.
              title: Date three
              container-title: J
              issued: "*2018*"
            ---
            """#))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en"))
        #expect(yaml.map { apa.entry($0).text } == [
            #"Bc, B. (2003). "Quoted" words from Harvard's and Yale's <b>data</b>, -- and “paired” Research” workshop. J."#,
            "Ch, C. (ca. 2020). Date one. J.", "Dd, D. (ca. 2019). Date two. J.", "Ee, E. (2018). Date three. J.",
        ])
        #expect(yaml.map { chicago.entry($0).text } == [
            #"Bc, B. 2003. “"Quoted" Words from Harvard's and Yale's <b>data</b>, -- and ‘Paired’ Research” Workshop.” J."#,
            "Ch, C. [2020?]. “Date One.” J.", "Dd, D. [2019?]. “Date Two.” J, May–June.", "Ee, E. 2018. “Date Three.” J.",
        ])
    }

    /// A CSL-YAML field's `<span>` whose style is small caps is small caps whatever else the tag holds
    /// (`smallcaps="smallcaps"`, as Zotero writes it; a style spelled in capitals and spaces), as pandoc 3.9 reads the
    /// tag (`<span class="smallcaps">DNA</span>`), not its tags printed as text.
    @Test func aSmallCapsSpanWithMoreAttributesIsSmallCaps() throws {
        let yaml = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            - id: a
              type: article-journal
              title: '<span style="font-variant:small-caps;" smallcaps="smallcaps">DNA</span> barcodes and <span data-x=1 STYLE = "Font-Variant: Small-Caps">RNA</span>'
              issued: 2014
            """))
        #expect(CitationStyle.vancouver.entry(yaml[0]).html
            == #"<span style="font-variant:small-caps;">DNA</span> barcodes and <span style="font-variant:small-caps;">RNA</span>. 2014;"#)
    }

    /// An article's `references:` are YAML as well, and Markdown as pandoc reads them.
    @Test func anArticlesReferencesAreMarkdown() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/a.md": article("A?", "A [@own].\n", extra: "references:\n  - id: own\n    type: book\n    title: Growing *E. coli* -- a guide\n    issued: 2020\n"),
        ])
        defer { site.remove() }
        #expect((await site.build()).diagnostics.isEmpty)
        #expect(try site.read("a/index.html").contains("Growing <i>E. coli</i> – a guide. 2020."))
    }

    /// Zotero's CSL-JSON gives each item its address in Zotero for an id (as in a public export:
    /// `"id": "http://zotero.org/users/local/i7mzfRbE/items/KIX7KF2Q"`): an item with a `citation-key` is cited by
    /// that (pandoc 3.9 finds no `[@roe2020]` there), and a file whose items have none is a warning at the first.
    @Test func zoteroAddressesAsIdsGiveWayToCitationKeys() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "zotero.json", text: #"""
            [{"id": "http://zotero.org/users/local/4Lg3k/items/8J3PUJ4X", "type": "article-journal", "title": "One"},
             {"id": "http://zotero.org/users/local/4Lg3k/items/ABCDEFGH", "citation-key": "roe2020", "type": "article-journal", "title": "Two"},
             {"id": "http://zotero.org/groups/42/items/IJKLMNOP", "type": "article-journal", "title": "Three"},
             {"id": "doe2021", "citation-key": "other", "type": "article-journal", "title": "Four"}]
            """#))
        #expect(file.references.map(\.id) == [
            "http://zotero.org/users/local/4Lg3k/items/8J3PUJ4X", "roe2020", "http://zotero.org/groups/42/items/IJKLMNOP", "doe2021",
        ])
        #expect(file.problems.map(\.description) == [
            "zotero.json:1:9: warning: the ids of 2 items are Zotero's addresses for them ('http://zotero.org/users/local/4Lg3k/items/8J3PUJ4X'),"
                + " not keys to cite them by; export the library with Better BibTeX ('Better CSL JSON' or 'Better BibLaTeX'), whose ids are"
                + " citation keys, or give each item a 'citation-key'"
        ])
    }

    /// A CSL-YAML id that YAML reads as a number or a boolean (`id: 123`, `1e3`, `0x1F`, `true`) is the key as written
    /// here, with a warning at it: pandoc 3.9 leaves such an item out without a word (`Text [@123]` prints "(123?)" and
    /// "citation 123 not found"), as it does not a quoted one, a key YAML reads as text (`1_000`, `12:30`), a CSL-JSON
    /// file's `"id": 123` or an article's `references:`. An id of no value is an error that says what YAML reads so.
    @Test func aCSLYAMLIdThatYAMLReadsAsANumberIsAWarningToQuoteIt() throws {
        let ids = ["123", "1e3", "0x1F", "true", "'2019'", "1_000", "12:30"]
        let yaml = ids.map { "- id: \($0)\n  type: book\n  title: T\n" }.joined()
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: yaml))
        #expect(file.references.map(\.id) == ["123", "1e3", "0x1F", "true", "2019", "1_000", "12:30"])
        #expect(file.problems.map(\.description) == [
            "refs.yaml:1:7: warning: YAML reads this id (123) as a number, not as text: sitegen takes it as the key '123', but pandoc leaves"
                + " the item out and finds no [@123]; quote it: id: '123'",
            "refs.yaml:4:7: warning: YAML reads this id (1e3) as a number, not as text: sitegen takes it as the key '1e3', but pandoc leaves"
                + " the item out and finds no [@1e3]; quote it: id: '1e3'",
            "refs.yaml:7:7: warning: YAML reads this id (0x1F) as a number, not as text: sitegen takes it as the key '0x1F', but pandoc"
                + " leaves the item out and finds no [@0x1F]; quote it: id: '0x1F'",
            "refs.yaml:10:7: warning: YAML reads this id (true) as a boolean, not as text: sitegen takes it as the key 'true', but pandoc"
                + " leaves the item out and finds no [@true]; quote it: id: 'true'",
        ])
        let json = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"[{"id": 123, "type": "book", "title": "T"}]"#))
        #expect(json.references.map(\.id) == ["123"] && json.problems.isEmpty)
        expectDiagnostic(
            "refs.yaml:1:7: error: CSL item 'id' has no value (YAML reads an empty value, ~ and null as none); write the key articles"
                + " cite it by (id: smith2020, then cite [@smith2020]), in quotes if it is one of those words"
        ) { () throws(Diagnostic) in _ = try BibliographyReader().read(SourceText(path: "refs.yaml", text: "- id: null\n  title: T\n")) }
    }

    private enum Failure: Error { case notNull(String) }

    /// How pandoc 3.9 prints a CSL-YAML value its YAML reads as a number or a boolean, for 405 values, fixed and
    /// random (`Fixtures/yaml-scalars/pandoc-printed.json`, made by its `make-golden.py`): what ``PandocYAMLScalars``
    /// says it prints, or the value as written where it says pandoc reads text. Pandoc's nothing (`~`, `null`) is
    /// YAML's null to sitegen too.
    @Test func pandocsTextOfAYAMLNumberOrBooleanIsKnown() throws {
        let url = CitationStyleGoldenTests.root.appendingPathComponent("Tests/SitegenKitTests/Fixtures/yaml-scalars/pandoc-printed.json")
        let pairs = try JSONDecoder().decode([[String?]].self, from: Data(contentsOf: url))
        #expect(pairs.count == 405)
        for pair in pairs {
            let written = try #require(pair[0])
            guard let printed = pair[1] else {
                guard case .null = YAMLReader.plainValue(written) else { throw Failure.notNull(written) }
                continue
            }
            #expect((PandocYAMLScalars.reading(written)?.printed ?? written) == printed, "\(written)")
        }
        // A hexadecimal number of a hostile length is not converted (its time is the square of its length): no warning.
        #expect(PandocYAMLScalars.reading("0x" + String(repeating: "F", count: 100_000)) == nil)
        #expect(PandocYAMLScalars.reading("0x" + String(repeating: "F", count: 64)) != nil)
    }

    /// A CSL-YAML value pandoc reads as a number or a boolean and prints otherwise than written (`1.50` as 1.5, `007`
    /// as 7, `No` as false) is printed as written, with a warning to quote it; a CSL-JSON number likewise (`12.0`,
    /// which pandoc prints as 12), and one that is not whole, for which pandoc reads nothing of the file. A value
    /// printed alike, or quoted, is no warning; nor is a name's part of `null`, which pandoc leaves out, where a field of
    /// `null` or a boolean is one pandoc reads nothing of the file with; nor a field that is no CSL variable (Crossref's
    /// `prefix: 10.5670`, `"score": 1.0`), which no style prints. A name written as a number is one name, as pandoc
    /// prints it; one written as a boolean (`- Y`), and a part of a name (`given: N`, an initial), pandoc leaves out.
    @Test func aValueReadAsANumberOrABooleanIsPrintedAsWrittenWithAWarning() throws {
        let yaml = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - id: a
              type: article-journal
              title: 1.50
              container-title: No
              volume: 007
              issue: '01'
              page: 12
              prefix: 10.5670
              author:
              - 123
              - 2.50
              - family: Wang
                given: N
              - Y
              issued: 2020
            """))
        #expect(yaml.references.map { CitationStyle.vancouver.entry($0).text } == ["123, 2.50, Wang N, Y. 1.50. No. 2020;007(01):12."])
        let quote = "sitegen prints it as written: quote it"
        #expect(yaml.problems.map(\.description) == [
            "refs.yaml:3:10: warning: pandoc reads 1.50 as the number 1.5 and prints '1.5'; \(quote) ('1.50') and both print it as written",
            "refs.yaml:4:20: warning: pandoc reads No as the boolean false (as YAML 1.1 has it) and prints 'false'; \(quote) ('No') and both"
                + " print it as written",
            "refs.yaml:5:11: warning: pandoc reads 007 as the number 7 and prints '7'; \(quote) ('007') and both print it as written",
            "refs.yaml:10:5: warning: a name in 'author' is text, not a mapping, so it is printed as written, '123', as one name that a style"
                + " neither inverts nor shortens to initials, as pandoc prints it; write it as {literal: 123}",
            "refs.yaml:11:5: warning: a name in 'author' is text, not a mapping, so it is printed as written, '2.50', as one name that a style"
                + " neither inverts nor shortens to initials, where pandoc prints '2.5'; write it as {literal: '2.50'}",
            "refs.yaml:13:12: warning: pandoc reads N as the boolean false (as YAML 1.1 has it) and leaves it out of the name; \(quote)"
                + " ('N') and both print it as written",
            "refs.yaml:14:5: warning: a name in 'author' is text, not a mapping, so it is printed as written, 'Y', as one name that a style"
                + " neither inverts nor shortens to initials, where pandoc leaves it out (a boolean to its YAML); write it as {literal: 'Y'}",
        ])
        let json = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"""
            [{"id": "a", "type": "book", "title": "T", "publisher": 12.0, "edition": 2, "volume": 1.5, "issued": {"date-parts": [[2020]]},
              "publisher-place": true, "DOI": null, "author": [{"family": "Roe", "given": null}], "score": 1.0, "indexed": null, "rank": 0.5}]
            """#))
        #expect(json.references.map { CitationStyle.vancouver.entry($0).text } == ["Roe. T. 2nd ed. true: 12.0; 2020."])
        #expect(json.problems.map(\.description) == [
            "refs.json:1:57: warning: JSON reads 12.0 as the number 12, which pandoc prints as 12, and sitegen as written; to print it as"
                + " written in both, make it a string (\"12.0\")",
            "refs.json:1:87: warning: JSON reads 1.5 as a number that is not a whole one, which sitegen reads as written but pandoc cannot"
                + " read the file with; make it a string (\"1.5\")",
            "refs.json:2:22: warning: JSON reads true as a boolean, which sitegen prints as written but pandoc cannot read the file with;"
                + " make it a string (\"true\")",
            "refs.json:2:35: warning: JSON's null here is no value, which sitegen reads as none but pandoc cannot read the file with; delete"
                + " the field",
            "refs.json:2:126: warning: JSON reads 0.5 as a number that is not a whole one, which sitegen reads as written but pandoc cannot"
                + " read the file with; make it a string (\"0.5\")",
        ])
        // An id pandoc reads as YAML 1.1's boolean leaves its item out of pandoc's reading.
        let id = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: "- id: yes\n  type: book\n  title: T\n"))
        #expect(id.problems.map(\.description) == [
            "refs.yaml:1:7: warning: YAML reads this id (yes) as a boolean, not as text: sitegen takes it as the key 'yes', but pandoc"
                + " leaves the item out and finds no [@yes]; quote it: id: 'yes'"
        ])
    }

    /// A variable's name is read in any case, as pandoc 3.9 reads it: its own CSL-YAML writes `issn` and `isbn`, which
    /// a style prints as `ISSN` and `ISBN` (pandoc with a style of `<text variable="ISSN"/>` prints "1234-5678"); they
    /// were kept under the names as written, which no style prints.
    @Test func aVariablesNameIsReadInAnyCase() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: "- id: a\n  type: book\n  title: T\n  issn: 1234-5678\n  isbn: 978-3\n"))
        let item = try #require(file.references.first).cslItem
        #expect(item.fields["ISSN"] == "1234-5678" && item.fields["ISBN"] == "978-3")
        #expect(item.fields["issn"] == nil && file.problems.isEmpty)
    }

    /// An id of no value written as a word (`id: null`, `"id": null`) breaks its entry, which is skipped with a
    /// warning at the id, as pandoc 3.9 leaves a CSL-YAML one out; an article that cites the word ([@null]) is told
    /// that entry could not be read and where, not that no entry has the key. An uncited one no longer stops the build.
    @Test func citingAnIdOfNoValueSaysWhereTheEntryBroke() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Test\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.yaml": "- id: null\n  type: book\n  title: T\n- {id: NULL, type: book, title: V}\n- id: ok\n  type: book\n  title: U\n",
            "Content/bibliography/more.json": #"[{"type": "book", "title": "W", "id": null}]"#,
            "Content/a.md": article("A question?", "Text [@ok].\n"),
        ])
        defer { site.remove() }
        let warnings = [
            "Content/bibliography/more.json:1:39: warning: CSL item 'id' has no value; write the key articles cite it by (id: smith2020, then"
                + " cite [@smith2020]); the entry is skipped, and citing it is an error",
            "Content/bibliography/refs.yaml:1:7: warning: CSL item 'id' has no value (YAML reads an empty value, ~ and null as none); write the"
                + " key articles cite it by (id: smith2020, then cite [@smith2020]), in quotes if it is one of those words; the entry is skipped,"
                + " and citing it is an error",
            "Content/bibliography/refs.yaml:4:8: warning: CSL item 'id' has no value (YAML reads an empty value, ~ and null as none); write the"
                + " key articles cite it by (id: smith2020, then cite [@smith2020]), in quotes if it is one of those words; the entry is skipped,"
                + " and citing it is an error",
        ]
        #expect(await site.build().diagnostics.map(\.description).sorted() == warnings)
        try site.write("Content/a.md", article("A question?", "Text [@ok; @null]. [@NULL]\n"))
        #expect(await site.build().diagnostics.map(\.description).sorted() == [
            "Content/a.md:4:12: error: the entry 'null' could not be read (at Content/bibliography/more.json:1:39); fix it there",
            "Content/a.md:4:21: error: the entry 'NULL' could not be read (at Content/bibliography/refs.yaml:4:8); fix it there",
        ] + warnings)
    }

    /// A CSL-JSON id written as a number is cited by pandoc 3.9 as the whole number it is (`1e3` as [@1000], `12.0`
    /// as [@12]: `Text [@1000] [@1e3]` printed "(Lee, 2020) (1e3?)"), and sitegen cites it so, with a warning where
    /// that is not the number as written; for a number that is not whole or beyond 64 bits, or a boolean, pandoc
    /// reads nothing of the file ("parsing Int failed", "expected String or Number, but encountered Boolean"), which
    /// sitegen reads with the id as written and a warning at it to make it a string.
    @Test func aCSLJSONIdWrittenAsANumberIsCitedAsPandocCitesIt() throws {
        let ids = ["1e3", "12", "12.0", "-0", "1.50e1", "1.5", "true", "12345678901234567890", #""1e3""#]
        let json = "[" + ids.map { #"{"id": \#($0), "type": "book"},"# + "\n" }.joined().dropLast(2) + "]"
        let file = try BibliographyReader().readFile(SourceText(path: "refs.json", text: json))
        #expect(file.references.map(\.id) == ["1000", "12", "12", "0", "15", "1.5", "true", "12345678901234567890", "1e3"])
        #expect(file.problems.map(\.description) == [
            #"refs.json:1:9: warning: JSON reads this id (1e3) as the number 1000: sitegen and pandoc cite it as [@1000], not [@1e3]; to"#
                + #" cite it as written, make it a string: "id": "1e3""#,
            #"refs.json:3:8: warning: JSON reads this id (12.0) as the number 12: sitegen and pandoc cite it as [@12], not [@12.0]; to"#
                + #" cite it as written, make it a string: "id": "12.0""#,
            #"refs.json:4:8: warning: JSON reads this id (-0) as the number 0: sitegen and pandoc cite it as [@0], not [@-0]; to"#
                + #" cite it as written, make it a string: "id": "-0""#,
            #"refs.json:5:8: warning: JSON reads this id (1.50e1) as the number 15: sitegen and pandoc cite it as [@15], not [@1.50e1]; to"#
                + #" cite it as written, make it a string: "id": "1.50e1""#,
            #"refs.json:6:8: warning: JSON reads this id (1.5) as a number that is not a whole one, not as text: sitegen takes it as the"#
                + #" key '1.5', but pandoc cannot read the file at all; make it a string: "id": "1.5""#,
            #"refs.json:7:8: warning: JSON reads this id (true) as a boolean, not as text: sitegen takes it as the key 'true', but pandoc"#
                + #" cannot read the file at all; make it a string: "id": "true""#,
            #"refs.json:8:8: warning: JSON reads this id (12345678901234567890) as a number beyond 64 bits, not as text: sitegen takes it"#
                + #" as the key '12345678901234567890', but pandoc cannot read the file at all; make it a string: "id": "12345678901234567890""#,
        ])
        // The largest number pandoc reads is a key as written.
        let largest = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"[{"id": -9223372036854775808, "type": "book"}]"#))
        #expect(largest.references.map(\.id) == ["-9223372036854775808"] && largest.problems.isEmpty)
    }

    /// Citing such an id as written (`[@1e3]`), or a number an id is read as (`[@12.0]` for 12), is an error that names
    /// the entry and the key it has, where it used to suggest the nearest key ('12' for '1e3'); a number no entry has
    /// (`[@2e3]`) is an unknown key as any other.
    @Test func citingANumberIdAsWrittenSaysWhatJSONReads() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Test\nbaseURL: https://example.org/\n",
            "Content/bibliography/refs.json": #"[{"id": 1e3, "type": "book", "title": "T"}, {"id": 12, "type": "book", "title": "U"}]"#,
            "Content/a.md": article("A question?", "Text [@1e3]. More [@12.0; @12]. [@2e3]\n"),
        ])
        defer { site.remove() }
        let said = await site.build().diagnostics.map(\.description).filter { $0.hasPrefix("Content/a.md") }
        #expect(said == [
            "Content/a.md:4:7: error: unknown citation key '1e3'; the entry at Content/bibliography/refs.json:1:2 has the key '1000', the number"
                + #" JSON reads 1e3 as (an id written as a number is cited by the whole number it is): write [@1000], or, to cite it as [@1e3], make"#
                + #" its id the string "1e3""#,
            "Content/a.md:4:20: error: unknown citation key '12.0'; the entry at Content/bibliography/refs.json:1:45 has the key '12', the number"
                + #" JSON reads 12.0 as (an id written as a number is cited by the whole number it is): write [@12], or, to cite it as [@12.0], make"#
                + #" its id the string "12.0""#,
            "Content/a.md:4:34: error: unknown citation key '2e3'; no bibliography of this article has it: add its entry to a file in"
                + " Content/bibliography/ (or to the article's own `bibliography:`), or correct the key",
        ], "\(said)")
    }

    /// CSL-YAML as a Markdown metadata block, closed with `---` (what `pandoc refs.bib -s -t markdown` writes, and
    /// pandoc 3.9 reads back as a bibliography), in either line ending; YAML alone reads the second `---` as the start
    /// of another document.
    @Test func aMetadataBlockAsPandocWritesItIsRead() throws {
        let text = "---\nnocite: \"[@*]\"\nreferences:\n- author:\n  - family: Smith\n    given: John\n  container-title: J Am Coll Cardiol\n"
            + "  id: Smith_2019\n  issued: 2019-03\n  page: 1543-1552\n  title: \"Statin therapy: a trial\"\n  type: article-journal\n  volume: 73\n---\n"
        for ending in ["\n", "\r\n"] {
            let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: text.replacing("\n", with: ending)))
            #expect(references.map { CitationStyle.vancouver.entry($0).text } == ["Smith J. Statin therapy: a trial. J Am Coll Cardiol. 2019 Mar;73:1543–52."])
        }
        // A second document that is not empty is still an error, where it starts.
        expectDiagnostic("refs.yaml:2:1: error: a second YAML document starts here; the file holds one: remove this line (or end the one above it with '...')") { () throws(Diagnostic) in
            _ = try BibliographyReader().read(SourceText(path: "refs.yaml", text: "- id: a\n---\n- id: b\n"))
        }
    }

    /// A date of year, month and day fields, or a list of such dates, as pandoc reads it too (Vancouver: "2021 Mar 9").
    @Test func aDateOfYearMonthAndDayFields() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            - {id: a, type: article-journal, title: T, container-title: J, author: [{family: Roe, given: R}], issued: {year: 2021, month: 3, day: 9}}
            - {id: b, type: article-journal, title: T, container-title: J, author: [{family: Roe, given: R}], issued: {year: '2020'}}
            - {id: c, type: article-journal, title: T, container-title: J, author: [{family: Roe, given: R}], issued: [{year: 2018, month: 1}]}
            - {id: d, type: article-journal, title: T, container-title: J, author: [{family: Roe, given: R}], issued: [{year: 2018, month: 1}, {year: 2018, month: 3}]}
            """))
        // A list of them (pandoc-citeproc's YAML) is a date, or a range of two.
        #expect(references.map { CitationStyle.vancouver.entry($0).text } == [
            "Roe R. T. J. 2021 Mar 9;", "Roe R. T. J. 2020;", "Roe R. T. J. 2018 Jan;", "Roe R. T. J. 2018 Jan–Mar;",
        ])
        // A part that is no whole number is left out with the parts after it, and a year that is none leaves no date, as
        // pandoc 3.9 prints them (pandoc-citeproc's `bib2yaml` wrote BibTeX's `month = sep` as `month: September`).
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - {id: a, type: article-journal, title: T, container-title: J, issued: {year: 2021, month: March, day: 3}}
            - {id: b, type: article-journal, title: T, container-title: J, issued: [{year: 2021, month: 3, day: x}]}
            - {id: c, type: article-journal, title: T, container-title: J, issued: {year: forthcoming}}
            """))
        #expect(file.references.map { CitationStyle.vancouver.entry($0).text } == ["T. J. 2021;", "T. J. 2021 Mar;", "T. J."])
        #expect(file.problems.map(\.description) == [
            "refs.yaml:1:92: warning: 'issued' month is 'March', not a whole number, so the date is printed without it and the day, as pandoc"
                + " prints it; write it as a number, month: 3",
            "refs.yaml:2:101: warning: 'issued' day is 'x', not a whole number, so the date is printed without it, as pandoc prints it; write it"
                + " as a number",
            "refs.yaml:3:79: warning: 'issued' year is 'forthcoming', not a whole number, so the entry has no date, as pandoc prints it; write"
                + " the year as a number, or the date as text, {literal: forthcoming}",
        ])
        expectDiagnostic("refs.yaml:1:19: error: 'issued' must be a CSL date: {date-parts: [[2020, 5, 1]]}, 2020-05-01 or {year: 2020, month: 5}") {
            () throws(Diagnostic) in _ = try BibliographyReader().read(SourceText(path: "refs.yaml", text: "- {id: a, issued: {when: 2021}}"))
        }
    }

    /// In CSL-YAML, a name variable of one name not in a list (pandoc-citeproc's `bib2yaml` wrote an only editor so), and a
    /// part of a name written as a list (its `given: [José, Luis]`), are read as pandoc 3.9 reads them: the one name,
    /// the parts joined by spaces. The texts are pandoc's (`pandoc --citeproc -t plain --csl vancouver.csl`, `nocite:
    /// '@*'`); both were errors that left the entry out (96 of the 100 entries of two real pandoc-citeproc files).
    @Test func aNameAloneOrAPartAsAListIsReadAsPandocReadsCSLYAML() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - id: a
              type: book
              title: A
              author:
              - family: Aguirre
                given:
                - José
                - Luis
              - family: [van, Gogh]
                given: Vincent
              issued: 2001
            - id: b
              type: book
              title: B
              author:
                family: Eckert
                given: [Kai]
              issued: 2002
            - id: c
              type: book
              title: C
              author:
              - given: []
                family: Empty
              - literal: [World, Health, Organization]
              issued: 2003
            - id: e
              type: book
              title: E
              author: Smith, John
              issued: 2005
            """))
        #expect(file.references.map { CitationStyle.vancouver.entry($0).text } == [
            "Aguirre JL, van Gogh V. A. 2001.", "Eckert K. B. 2002.", "Empty, World Health Organization. C. 2003.", "Smith, John. E. 2005.",
        ])
        // The name written as text is said, as one in a list is; the others print as pandoc prints them, without a word.
        #expect(file.problems.map(\.description) == [
            "refs.yaml:30:11: warning: a name in 'author' is text, not a mapping, so it is printed as written, 'Smith, John', as one name that a"
                + " style neither inverts nor shortens to initials, as pandoc prints it; write it as {family: Smith, given: John}",
        ])
        // A part's list of lists, and a name variable left empty, are errors that say what to write.
        let wrong = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - {id: a, type: book, title: A, author: [{family: Roe, given: [[Ann]]}]}
            - id: b
              type: book
              title: B
              author:
            """))
        #expect(wrong.references.isEmpty)
        #expect(wrong.problems.map(\.description) == [
            "refs.yaml:1:64: error: a name's 'given' is text, or a list of its words (given: [José, Luis]), not a list that holds a list; write its words",
            "refs.yaml:5:10: error: CSL field 'author' must be a list of names, not null; write its names, [{family: …, given: …}], or delete the line",
        ])
        // CSL-JSON's are errors still: pandoc reads nothing of such a file.
        let json = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"[{"id": "b", "type": "book", "author": {"family": "Eckert"}}]"#))
        #expect(json.references.isEmpty)
        #expect(json.problems.map(\.description) == [
            "refs.json:1:40: error: CSL field 'author' must be a list of names, not a mapping",
        ])
    }

    /// A date's `literal` is printed as written, even beside `date-parts` and even when it reads as a date, as pandoc
    /// 3.9 prints it (`-t plain`, vancouver.csl).
    @Test func aLiteralDateIsPrintedAsWritten() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: """
            [{"id":"a","type":"article-journal","title":"T","author":[{"family":"Ng","given":"Al"}],"container-title":"J","issued":{"date-parts":[[2019]],"literal":"Spring 2019"}},
             {"id":"b","type":"article-journal","title":"U","author":[{"family":"Ng","given":"Bo"}],"container-title":"J","issued":{"literal":"2019-05"}}]
            """))
        #expect(references.map { CitationStyle.vancouver.entry($0).text } == ["Ng A. T. J. Spring 2019;", "Ng B. U. J. 2019-05;"])
    }

    /// A date that is a time of day alone (`accessed: "03:54:37"`) is left out with a warning, as pandoc 3.9 leaves it
    /// out (vancouver.csl: no "[cited …]"), where other text that is no date is printed as written.
    @Test func aTimeWithoutADateIsLeftOut() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - {id: a, type: webpage, title: T, URL: "https://x.org", accessed: "03:54:37"}
            - {id: b, type: webpage, title: T, URL: "https://x.org", accessed: "c. 1850"}
            """))
        #expect(file.references.map { CitationStyle.vancouver.entry($0).text }
            == ["T [Internet]. Available from: https://x.org", "T [Internet]. [cited c. 1850];Available from: https://x.org"])
        #expect(file.problems.map(\.description)
            == ["refs.yaml:1:68: warning: 'accessed' is '03:54:37', a time without a date, which is left out; write the date, 2020-05-01"])
    }

    /// An empty name (`{}` in `author`, as OpenPBTA's Manubot file holds one) is left out with a warning at it, and
    /// the entry prints its other names, as pandoc 3.9 prints them (`pandoc --citeproc -t plain --csl vancouver.csl
    /// --bibliography refs.json`); the entry was skipped ("a name in 'author' needs 'family' or 'literal'").
    @Test func anEmptyNameIsLeftOut() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.json", text: """
            [{"id": "samtools", "type": "article-journal", "title": "The Sequence Alignment/Map format and SAMtools",
              "container-title": "Bioinformatics", "volume": "25", "issue": "16", "page": "2078-2079",
              "issued": {"date-parts": [[2009, 8, 15]]},
              "author": [{"given": "Heng", "family": "Li"}, {"given": "Richard", "family": "Durbin"}, {}],
              "editor": [{"family": ""}, {"family": "Ng", "given": "Al"}]}]
            """))
        #expect(file.references.map { CitationStyle.vancouver.entry($0).text }
            == ["Li H, Durbin R. The Sequence Alignment/Map format and SAMtools. Bioinformatics. 2009 Aug 15;25(16):2078–9."])
        #expect(file.references.first?.editors.map(\.family) == ["Ng"])
        #expect(file.problems.map(\.description) == [
            "refs.json:4:91: warning: a name in 'author' is empty, so it is left out; delete it, or write the name: {family: …, given: …}",
            "refs.json:5:14: warning: a name in 'editor' is empty, so it is left out; delete it, or write the name: {family: …, given: …}",
        ])
        // A name with a part but neither a family name nor a literal one is still an error.
        #expect(throws: Diagnostic.self) {
            try BibliographyReader().read(SourceText(path: "refs.json", text: #"[{"id": "a", "type": "book", "author": [{"suffix": "Jr."}]}]"#))
        }
    }

    /// A name of nothing in CSL-YAML (a `-` with nothing after it, `~`, as a file of noaa-afsc's holds one) is left out
    /// with a warning, and a name written as text (`- Smith, J`) is one name printed as written, with a warning that
    /// says how to write it, as pandoc 3.9 prints them (`pandoc --citeproc --csl vancouver.csl -t plain`: "Stafford K,
    /// Farley E, Smith, J. T. 2022."); either made the entry one that could not be read, which failed a build citing it.
    /// In CSL-JSON, where pandoc reads nothing of a file with a `null` name, sitegen reads the same.
    @Test func aNullOrTextNameInAListIsReadAsPandocReadsIt() throws {
        let yaml = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - id: a
              type: book
              title: T
              author:
              - family: Stafford
                given: K
              -
              - family: Farley
                given: E
              - ~
              - Smith, J
              issued: 2022
            """))
        #expect(yaml.references.map { CitationStyle.vancouver.entry($0).text } == ["Stafford K, Farley E, Smith, J. T. 2022."])
        #expect(yaml.problems.map(\.description) == [
            "refs.yaml:7:4: warning: a name in 'author' is empty (a '-' with nothing after it), so it is left out; delete it, or write the name:"
                + " {family: …, given: …}",
            "refs.yaml:10:5: warning: a name in 'author' is empty (a '-' with nothing after it), so it is left out; delete it, or write the name:"
                + " {family: …, given: …}",
            "refs.yaml:11:5: warning: a name in 'author' is text, not a mapping, so it is printed as written, 'Smith, J', as one name that a"
                + " style neither inverts nor shortens to initials, as pandoc prints it; write it as {family: Smith, given: J}",
        ])
        let json = try BibliographyReader().readFile(SourceText(path: "refs.json", text: """
            [{"id": "a", "type": "book", "title": "T", "author": [{"family": "Stafford", "given": "K"}, null, "WHO"], "issued": {"date-parts": [[2022]]}}]
            """))
        #expect(json.references.map { CitationStyle.vancouver.entry($0).text } == ["Stafford K, WHO. T. 2022."])
        #expect(json.problems.map(\.description) == [
            "refs.json:1:93: warning: a name in 'author' is empty (null), so it is left out, where pandoc cannot read the file at all; delete it,"
                + " or write the name: {family: …, given: …}",
            "refs.json:1:99: warning: a name in 'author' is text, not a mapping, so it is printed as written, 'WHO', as one name that a style"
                + #" neither inverts nor shortens to initials (pandoc cannot read the file at all); write it as {"literal": "WHO"}"#,
        ])
    }

    /// A range of seasons prints both (`[[2017, 14], [2017, 15]]`: "2017 Summer–Autumn"), in CSL-JSON, in CSL-YAML's
    /// list of seasons and in biblatex's `2017-22/2017-23`, as pandoc 3.9 prints each (vancouver.csl; Better BibTeX's
    /// export test "Season ranges should be exported as pseudo-months"). A list of one literal date (Better BibTeX's
    /// CSL-YAML) is that date, where pandoc prints none.
    @Test func rangesOfSeasonsAndAListedLiteral() throws {
        let json = try BibliographyReader().read(SourceText(path: "refs.json", text: """
            [{"id":"a","type":"article-journal","title":"T","container-title":"J","issued":{"date-parts":[["2017",14],["2017",15]]}},
             {"id":"b","type":"article-journal","title":"T","container-title":"J","issued":{"date-parts":[[2011,13],[2012,14]]}},
             {"id":"c","type":"article-journal","title":"T","container-title":"J","issued":{"date-parts":[[2011,13]]}}]
            """))
        #expect(json.map { CitationStyle.vancouver.entry($0).text } == ["T. J. 2017 Summer–Autumn;", "T. J. 2011 Spring–2012 Summer;", "T. J. 2011 Spring;"])
        let yaml = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            - {id: a, type: article-journal, title: T, container-title: J, issued: [{year: 2017, season: 2}, {year: 2017, season: 3}]}
            - {id: b, type: article-journal, title: T, container-title: J, issued: [{literal: circa 1850}]}
            """))
        #expect(yaml.map { CitationStyle.vancouver.entry($0).text } == ["T. J. 2017 Summer–Autumn;", "T. J. circa 1850;"])
        let bib = try BibliographyReader().read(SourceText(path: "refs.bib", text: """
            @article{a, title={T}, journaltitle={J}, date={2017-22/2017-23}}
            @article{b, title={T}, journaltitle={J}, date={2011-21/2012-22}}
            """))
        #expect(bib.map { CitationStyle.vancouver.entry($0).text } == ["T. J. 2017 Summer–Autumn;", "T. J. 2011 Spring–2012 Summer;"])
    }

    /// A name in CSL-YAML is Markdown, read as pandoc reads it and taken as its plain text: an escaped apostrophe is a
    /// straight one as typed (`O\'Brien`), one not escaped ’; emphasis, raw HTML tags and a span's attributes leave
    /// their words alone (`Smith *Jones*`, `Le <i>Roux</i>`, `[Smith]{.nocase}`); `--` is an en dash and `\_` an
    /// underscore. As `pandoc --citeproc --csl apa.csl` (and `chicago-author-date.csl`) `-t plain` 3.9 prints them.
    @Test func aNameInCSLYAMLIsMarkdownsPlainText() throws {
        let yaml = try BibliographyReader().read(SourceText(path: "refs.yaml", text: #"""
            - id: names
              type: article-journal
              author:
              - family: O\'Brien
                given: Mary
              - family: O'Neil
                given: Pat
              - family: Smith *Jones*
                given: A\_B
              - family: Le <i>Roux</i>
                given: J. *K.*
              - family: "[Smith]{.nocase}"
                given: Al--Bo
              - literal: The *Lancet* Group's \"Team\"
              title: A study
              container-title: J
              issued: 2020
            """#))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en-US"))
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en-US"))
        #expect(yaml.map { apa.entry($0).text } == [
            #"O'Brien, M., O’Neil, P., Smith Jones, A., Le Roux, J. K., Smith, A., & The Lancet Group’s "Team". (2020). A study. J."#
        ])
        #expect(yaml.map { chicago.entry($0).text } == [
            #"O'Brien, Mary, Pat O’Neil, A_B Smith Jones, J. K. Le Roux, Al–Bo Smith, and The Lancet Group’s "Team". 2020. “A Study.” J."#
        ])
        #expect(yaml.map { $0.authorLabel() } == ["O'Brien et al."])
    }

    /// A YAML word that reads as a boolean (`True`) is printed as written where text is meant (a name, a title).
    @Test func aBooleanWordIsTextAsWritten() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            - {id: a, type: book, title: True, publisher: P, issued: 2020, author: [{family: True, given: Ann}]}
            """))
        #expect(references.map { CitationStyle.vancouver.entry($0).text } == ["True A. True. P; 2020."])
    }

    /// A type that is not CSL's is printed as the styles' generic entry (pandoc 3.9 the same: APA "Ode, D. (2017).
    /// Crossref type. In NEJM."), so it is a warning with the type meant: Crossref's and Zotero's names, or a typo.
    @Test func aTypeThatIsNotCSLsIsAWarningWithTheTypeMeant() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"""
            [{"id": "a", "type": "journal-article", "title": "T"},
             {"id": "b", "type": "journalArticle", "title": "T"},
             {"id": "c", "type": "artcle-journal", "title": "T"},
             {"id": "d", "type": "podcast", "title": "T"},
             {"id": "e", "type": "article-journal", "title": "T"},
             {"id": "f", "title": "T"}]
            """#))
        #expect(file.references.map(\.id) == ["a", "b", "c", "d", "e", "f"])
        #expect(file.problems.map(\.description) == [
            "refs.json:1:22: warning: 'journal-article' is not a CSL item type, so styles print the entry as a generic one; did you mean 'article-journal'?",
            "refs.json:2:22: warning: 'journalArticle' is not a CSL item type, so styles print the entry as a generic one; did you mean 'article-journal'?",
            "refs.json:3:22: warning: 'artcle-journal' is not a CSL item type, so styles print the entry as a generic one; did you mean 'article-journal'?",
            "refs.json:4:22: warning: 'podcast' is not a CSL item type, so styles print the entry as a generic one (CSL's types include article-journal, book, chapter, report, webpage)",
        ])
    }

    /// A field one letter from a CSL variable (`titel`, `autor`, `container_title`: a letter wrong, missing, added, or
    /// two swapped) or BibTeX's name of one (`year`, `journal`) is a warning that names the variable, unless the item
    /// has it too. No style prints such a field, pandoc's neither: the title or authors were left out without a word.
    @Test func aMisspeltFieldIsAWarningWithTheVariableMeant() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: """
            - id: a
              type: article-journal
              titel: Statins and muscle pain
              autor:
                - family: Roe
                  given: Ann
              container_title: BMJ
              year: 2020
              pages: 1-9
              Jounral: BMJ
            - id: b
              type: article-journal
              title: T
              author: [{family: Doe, given: J}]
              authors: [{family: Doe, given: J}]
              issue: 3
              published: {date-parts: [[2020]]}
              reference: [{key: r1}]
              custom: 1
              pmid: 12345
              journalAbbrevation: J
            """))
        #expect(file.references.map(\.id) == ["a", "b"])
        #expect(file.references[0].title == nil && file.references[0].authors.isEmpty)
        #expect(file.problems.map(\.description) == [
            "refs.yaml:3:3: warning: unknown field 'titel', which no style prints; did you mean 'title'?",
            "refs.yaml:4:3: warning: unknown field 'autor', which no style prints; did you mean 'author'?",
            "refs.yaml:7:3: warning: unknown field 'container_title', which no style prints; did you mean 'container-title'?",
            "refs.yaml:8:3: warning: unknown field 'year', which no style prints; CSL names it 'issued'",
            "refs.yaml:9:3: warning: unknown field 'pages', which no style prints; did you mean 'page'?",
            "refs.yaml:21:3: warning: unknown field 'journalAbbrevation', which no style prints; did you mean 'journalAbbreviation'?",
        ])
    }

    /// The quick test of one edit agrees with the edit distance on random names of a few letters.
    @Test func oneEditIsAnEditDistanceOfOne() {
        var state: UInt64 = 70
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let letters = Array("abc-")
        for _ in 0..<20_000 {
            let a = String((0..<(next() % 6)).map { _ in letters[next() % letters.count] })
            let b = String((0..<(next() % 6)).map { _ in letters[next() % letters.count] })
            #expect(CSLItemDecoder.isOneEdit(Array(a.utf8), Array(b.utf8)) == (Suggestion.editDistance(Array(a), Array(b)) == 1), "\(a) \(b)")
        }
    }

    /// Every item-level field of 27 real exports (`Fixtures/bibliography/exporter-fields.txt`: Zotero, Better BibTeX,
    /// pandoc, Manubot, Crossref, DataCite and others), Crossref's `published` and `reference` among them, is read
    /// without a misspelt-field warning, in an item that has none of the variables they are near.
    @Test func noFieldOfARealExportIsTakenForAMisspeltOne() throws {
        let url = CitationStyleGoldenTests.root.appendingPathComponent("Tests/SitegenKitTests/Fixtures/bibliography/exporter-fields.txt")
        let fields = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(fields.count == 100 && fields.contains("published") && fields.contains("reference") && fields.contains("short-title"))
        for field in fields where !["id", "type"].contains(field) {
            let file = try BibliographyReader().readFile(SourceText(path: "refs.json", text: #"[{"id": "a", "type": "book", "\#(field)": "x"}]"#))
            #expect(!file.problems.contains { $0.description.contains("unknown field") }, "\(field): \(file.problems)")
        }
    }

    /// Zotero's own CSL-JSON writes `shortTitle`, its old name of `title-short`: read as `title-short`, as Zotero means
    /// it (a `title-short` of the item's own wins), with one warning for the file. Pandoc 3.9 reads it as
    /// `container-title-short` instead (`pandoc --citeproc -t plain --csl vancouver.csl`, `nocite: '@*'`, on a Zotero
    /// export's article: "Urso C. The Different Originality of Homer and Thucydides. The Different Originality of Homer
    /// and Thucydides [Internet]. 2001 Jun"), the short title in the journal's place; the warning says so.
    @Test func zoterosShortTitleIsTheTitleShortWithAWarningThatPandocPrintsItOtherwise() throws {
        let file = try BibliographyReader().readFile(SourceText(path: "zotero.json", text: #"""
            [{"id": "a", "type": "article-journal", "title": "The different originality of Homer", "shortTitle": "Homer",
              "container-title": "The American Journal of Dermatopathology", "journalAbbreviation": "Am J Dermatopathol",
              "issued": {"date-parts": [[2001]]}},
             {"id": "b", "type": "book", "title": "Long title", "shortTitle": "Short", "title-short": "Own"},
             {"id": "c", "type": "book", "title": "Untitled short"}]
            """#))
        #expect(file.references.map { $0.otherFields["title-short"] } == ["Homer", "Own", nil])
        #expect(file.references[0].containerTitleShort == "Am J Dermatopathol")
        #expect(file.problems.map(\.description) == [
            "zotero.json:1:88: warning: 'shortTitle' (in 2 items of this file) is Zotero's old name of title-short, and is read as title-short;"
                + " pandoc reads it as container-title-short, the journal's abbreviation, and prints the short title in the journal's place,"
                + " so sitegen's references differ from pandoc's: rename it title-short in the file (Better BibTeX's exports write title-short)",
        ])
        #expect(CitationStyle.vancouver.entry(file.references[0]).text == "The different originality of Homer. Am J Dermatopathol. 2001;")
    }

    /// An item without a `type` (pandoc's own CSL-YAML of a BibTeX `@misc` has none, its CSL-JSON `"type": ""`) is of no
    /// type, which no style's `<if type>` matches: the generic entry, with its publisher, as pandoc 3.9 prints it
    /// (`pandoc --citeproc -t plain --csl apa.csl --bibliography k.json`, and `ieee.csl`; the same of k.yaml). It was
    /// read as a journal article ("Brown, C. (2021). Personal data set of blood pressures."), and `""` was a warning.
    /// (`{"id": "onlyid"}` alone: `pandoc --citeproc -t plain --csl ieee.csl --bibliography id.json`.)
    @Test func anItemWithoutATypeIsTheGenericEntry() throws {
        let json = try BibliographyReader().readFile(SourceText(path: "k.json", text: #"""
            [{"id":"notype","title":"Personal data set of blood pressures","publisher":"Unpublished data","author":[{"family":"Brown","given":"C."}],"issued":{"date-parts":[[2021]]}},
             {"id":"empty","type":"","title":"Personal data set of heart rates","publisher":"Unpublished data","author":[{"family":"Brown","given":"D."}],"issued":{"date-parts":[[2022]]}}]
            """#))
        #expect(json.problems.isEmpty)
        let yaml = try BibliographyReader().read(SourceText(path: "k.yaml", text: """
            ---
            references:
            - author:
              - family: Brown
                given: C.
              id: notype
              issued: 2021
              publisher: Unpublished data
              title: Personal data set of blood pressures
            ---
            """))
        let apa = try #require(try CitationStyle.builtIn("apa", language: "en"))
        let ieee = try #require(try CitationStyle.builtIn("ieee", language: "en"))
        #expect(json.references.map { apa.entry($0).text } == [
            "Brown, C. (2021). Personal data set of blood pressures. Unpublished data.", "Brown, D. (2022). Personal data set of heart rates. Unpublished data.",
        ])
        #expect(json.references.map { ieee.entry($0).text } == [
            "C. Brown, “Personal data set of blood pressures.” Unpublished data, 2021.", "D. Brown, “Personal data set of heart rates.” Unpublished data, 2022.",
        ])
        #expect(yaml.map { apa.entry($0).text } == ["Brown, C. (2021). Personal data set of blood pressures. Unpublished data."])
        #expect(yaml.map { ieee.entry($0).text } == ["C. Brown, “Personal data set of blood pressures.” Unpublished data, 2021."])
        // An item of an id alone prints nothing, as in pandoc ("[1]" and no text), not a journal article's ".".
        let bare = try BibliographyReader().read(SourceText(path: "id.json", text: #"[{"id": "onlyid"}]"#))
        #expect(bare.map { ieee.entry($0).text } == [""])
    }

    /// Every CSL variable is kept for the styles that print it; lists and mappings that are no CSL variable (Zotero's
    /// `categories`, a `custom` object) are left out rather than failing the entry.
    @Test func keepsEveryVariableAndLeavesOutOthers() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: #"""
            [{"id": "a", "type": "book", "title": "T", "translator": [{"family": "Roe", "given": "Jo"}],
              "original-date": {"date-parts": [[1901]]}, "collection-title": "Series", "number-of-volumes": 3,
              "categories": ["x", "y"], "custom": {"k": "v"}}]
            """#))
        let reference = try #require(references.first)
        #expect(reference.otherNames["translator"] == [Reference.Name(family: "Roe", given: "Jo")])
        #expect(reference.otherDates["original-date"] == Reference.DateParts(year: 1901))
        #expect(reference.otherFields["collection-title"] == "Series" && reference.otherFields["number-of-volumes"] == "3")
        #expect(reference.otherFields["categories"] == nil && reference.otherFields["custom"] == nil)
    }

    @Test(arguments: [
        ("[\n  {\"id\": \"a\",\n   \"issued\": {\"date-parts\": [[2020, 17]]}}\n]", "refs.json:3:14: error: 'issued' has month 17, which is not 1 to 12 (13 to 16 are the seasons)"),
        // A date with slashes, whose '/' a range reads (pandoc prints "10 AD 5"): the date to write.
        ("[{\"id\": \"a\", \"issued\": {\"raw\": \"2026/5/10\"}}]", "refs.json:1:24: error: 'issued' is '2026/5/10', where a '/' joins the two dates of a range; write the date as 2026-05-10"),
        // EDTF's mark before the date, which pandoc 3.9 reads as year 0 and prints no date for: the date with it after.
        ("[{\"id\": \"a\", \"issued\": {\"raw\": \"~2020\"}}]", "refs.json:1:24: error: 'issued' is not a date: '~2020'; an approximate date has its ~ after it: 2020~"),
        ("[{\"id\": \"a\", \"issued\": {\"raw\": \"?2020-05\"}}]", "refs.json:1:24: error: 'issued' is not a date: '?2020-05'; an uncertain date has its ? after it: 2020-05?"),
        ("[{\"id\": \"a\", \"issued\": {\"raw\": \"~\"}}]", "refs.json:1:24: error: 'issued' is not a date: '~'; write the date, 2020-05-01"),
        ("[\n  {\"type\": \"book\"}\n]", "refs.json:2:3: error: CSL item has no 'id', the key articles cite it by; add one (id: smith2020, then cite [@smith2020])"),
        ("[{\"id\": null}]", "refs.json:1:9: error: CSL item 'id' has no value; write the key articles cite it by (id: smith2020, then cite [@smith2020])"),
        // JavaScript's ways, which hand-edited files have: the comma, the quote or the comment to change.
        ("[\n  {\"id\": \"a\", }\n]", "refs.json:2:13: error: invalid JSON: a comma before '}' (JSON allows none after the last field); remove it"),
        ("[\n  {\"id\": \"a\"},\n]", "refs.json:2:14: error: invalid JSON: a comma before ']' (JSON allows none after the last item); remove it"),
        ("[{'id': \"a\"}]", "refs.json:1:3: error: invalid JSON: expected a string key; JSON writes strings (and keys) in double quotes"),
        ("[{id: \"a\"}]", "refs.json:1:3: error: invalid JSON: expected a string key; JSON writes keys in double quotes: \"id\""),
        ("[{\"id\": 'a'}]", "refs.json:1:9: error: invalid JSON: unexpected character '''; JSON writes strings (and keys) in double quotes"),
        ("// refs\n[]", "refs.json:1:1: error: invalid JSON: unexpected character '/'; JSON has no comments"),
        // An export that failed or was cut off before it began: pandoc fails on it too.
        ("", "refs.json:1:1: error: the file is empty, and a CSL-JSON bibliography is a list of entries ([] for none): export it again, or remove the file"),
        ("\u{FEFF}\n  \n", "refs.json:1:1: error: the file is empty, and a CSL-JSON bibliography is a list of entries ([] for none): export it again, or remove the file"),
        ("{\"id\": \"a\"}", "refs.json:1:1: error: a CSL bibliography must be a list of items, not a mapping"),
        // One item alone (pandoc reads none either), one a line (JSON Lines), and the mapping pandoc reads without a list.
        ("{\"id\": \"a\", \"type\": \"book\"}", "refs.json:1:1: error: a CSL bibliography must be a list of items, not a mapping; this one is a single item: put it in a list, [{…}]"),
        ("{\"id\": \"a\"}\n{\"id\": \"b\"}\n", "refs.json:2:1: error: invalid JSON: unexpected text after the JSON value; a file holds one value: make the items one list, [{…}, {…}]"),
        ("{\"items\": {\"id\": \"a\"}}", "refs.json:1:1: error: a CSL bibliography must be a list of items, not a mapping"),
        ("[{\"id\": \"a\", \"author\": \"Smith\"}]", "refs.json:1:24: error: CSL field 'author' must be a list of names, not a string; write it as a list of names: \"author\": [{\"literal\": \"Smith\"}]"),
        ("[{\"id\": \"a\", \"editor\": \"Smith, J.\"}]", "refs.json:1:24: error: CSL field 'editor' must be a list of names, not a string; write it as a list of names: \"editor\": [{\"family\": \"Smith\", \"given\": \"J.\"}]"),
    ])
    func malformedJSON(text: String, expected: String) {
        expectDiagnostic(expected) { () throws(Diagnostic) in _ = try BibliographyReader().read(SourceText(path: "refs.json", text: text)) }
    }

    /// citeproc-js's input, `{"items": […]}`, which pandoc reads as the list it holds.
    @Test func itemsUnderItemsAreReadAsPandocReadsThem() throws {
        let text = "{\"items\": [{\"id\": \"roe2020\", \"type\": \"book\", \"title\": \"A title\", \"issued\": {\"date-parts\": [[2020]]}}]}"
        let references = try BibliographyReader().read(SourceText(path: "refs.json", text: text))
        #expect(references.map(\.id) == ["roe2020"] && references.first?.title == "A title")
    }
}
