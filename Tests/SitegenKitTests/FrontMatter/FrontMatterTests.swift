import Foundation
import Testing
import TestSupport

@testable import SitegenKit

struct FrontMatterTests {
    func decode(_ text: String) -> (FrontMatter?, [String]) {
        let (article, diagnostics) = ArticleLoading.article(ContentFile(path: "Content/a.md", slug: "a"), text: SourceText(path: "Content/a.md", text: text))
        return (article?.frontMatter, diagnostics.map(\.description))
    }

    @Test func splitsHeaderAndKeepsBodyLine() throws {
        let split = try FrontMatterSplitter().split(SourceText(path: "a.md", text: "---\ntitle: T\n---\nBody\n"))
        #expect(split.header?.text == "title: T\n")
        #expect(split.header?.firstLine == 2)
        #expect(split.body.text == "Body\n")
        #expect(split.body.firstLine == 4)
    }

    @Test(arguments: [
        ("\u{FEFF}---\ntitle: T\n---\nBody\n", "title: T\n", "Body\n", 4),
        ("--- \t\ntitle: Über\n---  \nBody\n", "title: Über\n", "Body\n", 4),
        ("---\ntitle: T\n...\nBody\n---\nmore\n", "title: T\n", "Body\n---\nmore\n", 4),
        ("---\n---\n", "", "", 3),
        ("---\ntitle: T\n---", "title: T\n", "", 4),
        ("---\na: é\n----\nb: ü\n---\n\nBody", "a: é\n----\nb: ü\n", "\nBody", 6),
    ])
    func splitsAtFenceLines(text: String, header: String, body: String, bodyLine: Int) throws {
        let split = try FrontMatterSplitter().split(SourceText(path: "a.md", text: text))
        #expect(split.header?.text == header)
        #expect(split.header?.firstLine == 2)
        #expect(split.body.text == body)
        #expect(split.body.firstLine == bodyLine)
    }

    /// `summary: ""` (as `sitegen new` writes it) is no summary, not an empty paragraph; an empty question is left out,
    /// with a warning at it.
    @Test func anEmptySummaryIsNoneAndAnEmptyQuestionIsLeftOut() throws {
        let (matter, diagnostics) = decode("---\ntitle: T\nsummary: \"\"\nquestions: [\"\", Is it safe?, \" \"]\n---\nText.\n")
        #expect(matter?.summary == nil)
        #expect(matter?.questions == ["Is it safe?"])
        let warning = "warning: an empty question is left out (it would be an empty item of the list); write the question, or remove it"
        #expect(diagnostics == ["Content/a.md:4:13: " + warning, "Content/a.md:4:30: " + warning])
    }

    @Test func noFenceNoHeader() throws {
        for text in ["----\ntitle: T\n---\n", "title: T\n", "---", " ---\ntitle: T\n---\n"] {
            let split = try FrontMatterSplitter().split(SourceText(path: "a.md", text: text))
            #expect(split.header == nil, "\(text)")
            #expect(split.body.text == text)
        }
    }

    @Test func readsEveryContractKey() throws {
        let (matter, problems) = decode("""
            ---
            title: "Do statins help?"
            summary: Yes, for some.
            topic: Cardiology
            confidence: moderate
            reviewed: 2026-02-28
            tags: [heart, drugs]
            questions:
              - Should I take one?
            draft: true
            bibliography: refs.bib
            layout: article
            extra:
              custom: 42
            ---
            Body
            """)
        #expect(problems.isEmpty)
        let value = try #require(matter)
        #expect(value.title == "Do statins help?")
        #expect(value.confidence == .moderate)
        #expect(value.reviewed?.display == "February 28, 2026")
        #expect(value.tags == ["heart", "drugs"])
        #expect(value.questions == ["Should I take one?"])
        #expect(value.isDraft)
        #expect(value.bibliography.map(\.path) == ["refs.bib"])
        #expect(value.extra["custom"]?.text == "42")
    }

    @Test(arguments: [
        ("---\nsummary: x\n---\n", "Content/a.md:2:1: error: missing required key 'title'"),
        ("---\ntitle: T\nconfidence: sure\n---\n", "Content/a.md:3:13: error: 'confidence' must be high, moderate or low, not 'sure'"),
        ("---\ntitle: T\nreviewed: 2026-02-30\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '2026-02-30'"),
        // A date written another way: the date (or the two dates) it may be.
        ("---\ntitle: T\nreviewed: 2024-1-5\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '2024-1-5'; did you mean 2024-01-05?"),
        ("---\ntitle: T\nreviewed: 5/1/2024\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '5/1/2024'; did you mean 2024-01-05 or 2024-05-01?"),
        ("---\ntitle: T\nreviewed: 25.12.2024\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '25.12.2024'; did you mean 2024-12-25?"),
        // Jekyll's and Hugo's date and time: the date.
        ("---\ntitle: T\nreviewed: 2024-01-15 10:00:00 +0000\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '2024-01-15 10:00:00 +0000'; did you mean 2024-01-15?"),
        ("---\ntitle: T\nreviewed: 2024-01-15T10:00:00Z\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not '2024-01-15T10:00:00Z'; did you mean 2024-01-15?"),
        ("---\ntitle: T\nreviewed: March 3, 2025\n---\n", "Content/a.md:3:11: error: 'reviewed' must be a real date written YYYY-MM-DD, not 'March 3, 2025'; did you mean 2025-03-03?"),
        // Left empty (to be filled in) or `~`: no value, said so, not "must be a string, not null".
        ("---\ntitle: T\nreviewed:\n---\n", "Content/a.md:3:10: error: 'reviewed' has no value; write the date the answer was last reviewed (YYYY-MM-DD) after the colon, or remove the line"),
        ("---\ntitle: T\nsummary: ~\n---\n", "Content/a.md:3:10: error: 'summary' has no value; write its value after the colon (in quotes if it starts with '#', which YAML reads as a comment), or remove the line"),
        ("---\ntitle: T\nconfidence: medium\n---\n", "Content/a.md:3:13: error: 'confidence' must be high, moderate or low, not 'medium'; did you mean 'moderate'?"),
        ("---\ntitle: T\nconfidence: very low\n---\n", "Content/a.md:3:13: error: 'confidence' must be high, moderate or low, not 'very low'; GRADE's very low is written low here, the lowest of the three"),
        ("---\ntitle: T\ndraft: maybe\n---\n", "Content/a.md:3:8: error: 'draft' must be true or false, not a string"),
        ("---\ntitle: T\ntags: heart\n---\n", "Content/a.md:3:7: error: 'tags' must be a list of strings, not a string; write it as a list: tags: [heart]"),
        ("---\ntitle: T\ntags: [heart, null]\n---\n", "Content/a.md:3:15: error: each item of 'tags' must be a string, not null; remove the empty item, or put it in quotes if it is the word"),
        ("---\ntitle: T\nquestions: [[a, b]]\n---\n", "Content/a.md:3:13: error: each item of 'questions' must be a string, not a list"),
        ("---\ntitle: T\ntags: statins, diet & exercise,\n---\n", "Content/a.md:3:7: error: 'tags' must be a list of strings, not a string; write it as a list: tags: [statins, \"diet & exercise\"]"),
        (
            "---\ntitle: T\nquestions: Is it safe, doctor?\n---\n",
            "Content/a.md:3:12: error: 'questions' must be a list of strings, not a string; write it as a list: questions: [\"Is it safe, doctor?\"]"
        ),
        ("---\ntitle: T\nquestions: {a: b}\n---\n", "Content/a.md:3:12: error: 'questions' must be a list of strings, not a mapping"),
        ("---\ntitle: [unclosed\n---\n", "Content/a.md:2:8: error: this '[' is never closed (or an item in it lacks a comma): end the list with ']', or put a value that starts with '[' in quotes"),
        ("---\ntitle: T\ntitle: U\n---\n", "Content/a.md:3:1: error: duplicate key 'title' (first at line 2); keep one of them"),
        // Hugo's and Jekyll's keys for what has another name here.
        ("---\ntitle: T\ndate: 2024-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'date' (Hugo's or Jekyll's); rename it to 'reviewed', the date the article's evidence was last reviewed (YYYY-MM-DD)"),
        ("---\ntitle: T\ncsl: apa.csl\n---\n", "Content/a.md:3:1: error: unknown front matter key 'csl' (pandoc's); rename it to 'citation-style', a style's name or the path of a .csl file (which sitegen.yml's article-citation-styles must list)"),
        ("---\ntitle: T\nlang: en-GB\n---\n", "Content/a.md:3:1: error: unknown front matter key 'lang' (pandoc's); every page is in the site's language, 'language' in sitegen.yml: remove it"),
        ("---\ntitle: T\nreference-section-title: Sources\n---\n", "Content/a.md:3:1: error: unknown front matter key 'reference-section-title' (pandoc's); the reference list's heading is the article template's (References): remove it"),
        // An address, a redirect or a table of contents asked for, which a key under 'extra:' (or 'topic', for 'toc') would not give.
        ("---\ntitle: T\nslug: my-page\n---\n", "Content/a.md:3:1: error: unknown front matter key 'slug' (Hugo's or Jekyll's); a page's address is its file's path (Content/heart/statins.md is /heart/statins/): rename the file, and remove the line"),
        ("---\ntitle: T\nredirect_from: [/old/]\n---\n", "Content/a.md:3:1: error: unknown front matter key 'redirect_from' (Jekyll's); rename it to 'aliases', the page's old addresses (aliases: [/heart/statins/]), at each of which sitegen writes a page that sends readers on"),
        ("---\ntitle: T\ntoc: true\n---\n", "Content/a.md:3:1: error: unknown front matter key 'toc' (Hugo's, Quarto's or pandoc's); a page's headings are its outline here, with no table of contents: remove it"),
        ("---\ntitle: T\ncategories: [Heart]\n---\n", "Content/a.md:3:1: error: unknown front matter key 'categories' (Hugo's or Jekyll's); rename it to 'topic', the one topic that groups the article with others (a string, not a list)"),
        // Keys that keep an article from being published elsewhere: under 'extra:' it would be published here.
        ("---\ntitle: T\npublished: false\n---\n", "Content/a.md:3:1: error: unknown front matter key 'published' (Jekyll's), which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\npublish: false\n---\n", "Content/a.md:3:1: error: unknown front matter key 'publish', which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\npublished: true\n---\n", "Content/a.md:3:1: error: unknown front matter key 'published' (Jekyll's); an article is published unless it is marked draft: true: remove it"),
        ("---\ntitle: T\nheadless: true\n---\n", "Content/a.md:3:1: error: unknown front matter key 'headless' (Hugo's), which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\nprivate: true\n---\n", "Content/a.md:3:1: error: unknown front matter key 'private', which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\nunlisted: true\n---\n", "Content/a.md:3:1: error: unknown front matter key 'unlisted', which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\nstatus: draft\n---\n", "Content/a.md:3:1: error: unknown front matter key 'status', which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\nbuild:\n  render: never\n---\n", "Content/a.md:3:1: error: unknown front matter key 'build' (Hugo's), which keeps the article from being published; here it would be published: write draft: true instead"),
        ("---\ntitle: T\npublishDate: 2099-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'publishDate' (Hugo's), which keeps the article unpublished until 2099-01-01; here it would be published at once: write draft: true instead until then (and remove both on that day)"),
        ("---\ntitle: T\npublishdate: 2020-01-01T08:00:00Z\n---\n", "Content/a.md:3:1: error: unknown front matter key 'publishdate' (Hugo's); an article is published at once unless it is marked draft: true: remove it"),
        ("---\ntitle: T\nexpiryDate: 2020-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'expiryDate' (Hugo's), which keeps the article from being published since 2020-01-01; here it would be published: write draft: true instead"),
        // Two keys told to become one, or one told to become a key the article has: followed, a key twice.
        ("---\ntitle: T\ndate: 2024-01-01\nlastmod: 2025-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'date' (Hugo's or Jekyll's); rename it to 'reviewed'"),
        // Keys that say `reviewed` in other words, and one a letter from it that means who reviewed, not when.
        ("---\ntitle: T\nlast_reviewed: 2025-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'last_reviewed'; rename it to 'reviewed', the date the article's evidence was last reviewed (YYYY-MM-DD)"),
        ("---\ntitle: T\nupdated: 2025-01-01\n---\n", "Content/a.md:3:1: error: unknown front matter key 'updated' (Zola's); rename it to 'reviewed', the date the article's evidence was last reviewed (YYYY-MM-DD)"),
        ("---\ntitle: T\nreviewer: Dr Lee\n---\n", "Content/a.md:3:1: error: unknown front matter key 'reviewer'; 'reviewed' is the date the article's evidence was last reviewed, not who reviewed it; a reviewer's name for templates goes under 'extra:' (extra: {reviewer: Dr Ann Lee})"),
        ("---\ntitle: T\nreviewed: 2025-01-01\nlast_reviewed: 2024-01-01\n---\n", "Content/a.md:4:1: error: unknown front matter key 'last_reviewed'; the article has 'reviewed' already (line 3), which is what it would become: remove it"),
        ("---\ntitle: T\nreviewed: 2025-01-01\ndate: 2024-01-01\n---\n", "Content/a.md:4:1: error: unknown front matter key 'date' (Hugo's or Jekyll's); the article has 'reviewed' already (line 3), which is what it would become: remove it"),
        ("---\ntitle: T\ntags: [a]\n# a comment\ntitle: 'U: V'\n---\n", "Content/a.md:5:1: error: duplicate key 'title' (first at line 2); keep one of them"),
        ("---\ntitle: T\nconfidence: High\n---\n", "Content/a.md:3:13: error: 'confidence' must be high, moderate or low, not 'High'; did you mean 'high'?"),
        ("---\ntitle: T\ndraft: yes\n---\n", "Content/a.md:3:8: error: 'draft' must be true or false, not a string; write draft: true"),
        ("---\ntitle: T\ndraft: 'false'\n---\n", "Content/a.md:3:8: error: 'draft' must be true or false, not a string; write draft: false"),
        ("---\ntitle: T\ntopic: ''\n---\n", "Content/a.md:3:8: error: 'topic' is empty; name the article's topic, or remove the line"),
        ("---\ntitle: T\nlayout: \"\"\n---\n", "Content/a.md:3:9: error: 'layout' is empty; remove the line for the article template ('article'), or name a template"),
        ("---\ntitle: T\nlayout:\n---\n", "Content/a.md:3:8: error: 'layout' is empty; remove the line for the article template ('article'), or name a template"),
        ("---\n---\nBody\n", "Content/a.md:2:1: error: the front matter is empty; an article needs at least its title: title: \"…\""),
        ("---\ntitle: T\ntopic: \"\u{1F48A}\"\n---\n", "Content/a.md:3:8: error: the topic '\u{1F48A}' has no letter or digit to name its page by; name it in words (topic: Medicines)"),
        // A topic too long for its page's folder name (the build failed writing it, unlocated).
        ("---\ntitle: T\ntopic: \(String(repeating: "Heart ", count: 40))\n---\n",
         "Content/a.md:3:8: error: the topic is 239 characters long, too long to name its page's folder by (topics/…/, at most 255 bytes); name the topic in a few words, and say the rest in the title or summary"),
        ("---\ntitle: T\n", "Content/a.md:1:1: error: front matter starts with '---' but has no closing '---' line"),
        ("No header\n", "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'"),
        // What the first lines show instead: another generator's header, blank lines above it, no opening line, a heading.
        (
            "+++\ntitle = \"T\"\n+++\n",
            "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; '+++' starts TOML front matter (Hugo's and Zola's): write it as YAML between '---' lines, 'title: \"…\"' for 'title = \"…\"'"
        ),
        (
            "{\n  \"title\": \"T\"\n}\n",
            "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; this is JSON front matter (Hugo's): write it as YAML between '---' lines, 'title: \"…\"' for '\"title\": \"…\",'"
        ),
        (
            "{\"title\": \"T\"}\nBody\n",
            "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; this is JSON front matter (Hugo's): write it as YAML between '---' lines, 'title: \"…\"' for '\"title\": \"…\",'"
        ),
        ("\n\n---\ntitle: T\n---\n", "Content/a.md:3:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; it must be on the very first line: remove the blank lines above '---'"),
        ("\u{FEFF}  ---\ntitle: T\n---\n", "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; '---' must be at the start of its line"),
        ("title: T\nsummary: S\n---\nBody\n", "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; this header has no opening '---': add a '---' line above line 1"),
        (
            "# Is it \"safe\"?\n\nBody\n",
            "Content/a.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; to make this heading the title, replace it with the three lines ---, title: 'Is it \"safe\"?' and ---"
        ),
        ("---\n- a\n---\n", "Content/a.md:2:1: error: front matter must be a mapping of keys to values, not a list"),
        ("---\ntitle: \"\"\n---\n", "Content/a.md:2:8: error: 'title' must not be empty"),
        // A colon and a space in a value, as titles and questions often have: the line to write instead.
        (
            "---\ntitle: Statins: do they help?\n---\n",
            "Content/a.md:2:15: error: a colon and a space inside a value end its key in YAML; put the value in quotes: title: \"Statins: do they help?\""
        ),
        (
            "---\ntitle: T\nquestions:\n  - Is it: safe: really?\n---\n",
            "Content/a.md:4:16: error: a colon and a space inside a value end its key in YAML; put the value in quotes: - \"Is it: safe: really?\""
        ),
        (
            "---\ntitle: T\nsummary: He said \"no\": really\n---\n",
            "Content/a.md:3:22: error: a colon and a space inside a value end its key in YAML; put the value in quotes: summary: 'He said \"no\": really'"
        ),
        // A quote inside a value in the same quotes: the line in the other quotes.
        ("---\ntitle: 'It's here'\n---\n", "Content/a.md:2:12: error: a ' inside a value in single quotes ends the value there; write the line as title: \"It's here\""),
        ("---\ntitle: T\nquestions:\n  - \"Is \"low\" risk safe?\"\n---\n", "Content/a.md:4:10: error: a \" inside a value in double quotes ends the value there; write the line as - 'Is \"low\" risk safe?'"),
        ("---\nsummary: 'It's \"low\"'\ntitle: T\n---\n", "Content/a.md:2:14: error: a ' inside a value in single quotes ends the value there; write the line as summary: 'It''s \"low\"'"),
        (
            "---\ntitle: T\nquestions:\n  - Is it safe: really?\n---\n",
            "Content/a.md:4:5: error: 'questions' must be a string, not a mapping; a colon and a space made it one: put it in quotes: \"Is it safe: really?\""
        ),
        // A value that starts with a character YAML reads as syntax, a line that continues a value without an indent, an
        // item without its space, a key indented into the value above: the line at fault, and what to write.
        ("---\ntitle: \"Safe\" or not?\n---\n", "Content/a.md:2:8: error: a value that starts with a quote ends at the closing one, and YAML reads no text after it; put the whole value in quotes: title: '\"Safe\" or not?'"),
        ("---\ntitle: [Draft] Statins\n---\n", "Content/a.md:2:8: error: a value that starts with '[' is a list in YAML, which ends at its ']'; if it is text, put the whole value in quotes: title: \"[Draft] Statins\""),
        ("---\ntitle: *Statins* and memory\n---\n", "Content/a.md:2:8: error: a value that starts with '*' means something else in YAML; if it is text, put the whole value in quotes: title: \"*Statins* and memory\""),
        ("---\ntitle: T\nsummary: @Home checks\n---\n", "Content/a.md:3:10: error: a value that starts with '@' means something else in YAML; if it is text, put the whole value in quotes: summary: \"@Home checks\""),
        ("---\ntitle: > 50s: should I screen?\n---\n", "Content/a.md:2:8: error: a value that starts with '>' means something else in YAML; if it is text, put the whole value in quotes: title: \"> 50s: should I screen?\""),
        ("---\ntitle: T\nsummary: Statins lower LDL\nand heart attacks.\ntopic: Heart\n---\n", "Content/a.md:4:1: error: this line has no 'key:', so YAML cannot read it; if it goes on with the value above, indent it by two spaces (or join it to the line above), else write the key it is the value of"),
        ("---\ntitle: T\ntags:\n  - statins\n  -cholesterol\nsummary: s\n---\n", "Content/a.md:5:3: error: an item of a list is written '- ' with a space; write '- cholesterol'"),
        ("---\ntitle: T\n summary: indented\n---\n", "Content/a.md:3:2: error: 'summary' is indented more than the key above, so YAML reads it as part of that key's value; remove the spaces before 'summary'"),
        // A value in quotes with its own quotes escaped or doubled is no cause; a nested key indented too far is put back.
        ("---\ntitle: \"Say \\\"hi\\\" now\"\n  topic: Misc\n---\n", "Content/a.md:3:3: error: 'topic' is indented more than the key above, so YAML reads it as part of that key's value; remove the spaces before 'topic'"),
        ("---\ntitle: 'It''s fine'\n  topic: Misc\n---\n", "Content/a.md:3:3: error: 'topic' is indented more than the key above, so YAML reads it as part of that key's value; remove the spaces before 'topic'"),
        ("---\ntitle: T\nextra:\n  a: b\n    c: d\n---\n", "Content/a.md:5:5: error: 'c' is indented more than the key above, so YAML reads it as part of that key's value; indent it as 'a', by 2 spaces"),
        ("---\ntitle: T\nsummary: >\n\"Statins\" are drugs: yes\n---\n", "Content/a.md:4:1: error: this line has no 'key:', so YAML cannot read it"),
    ])
    func reportsErrorsAtFilePositions(text: String, expected: String) {
        let (matter, problems) = decode(text)
        #expect(matter == nil)
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
    }

    /// `layout:` with nothing after it is one error, that it is empty (it was two, that it is no string).
    @Test func anEmptyLayoutIsOneError() {
        #expect(decode("---\ntitle: T\nlayout:\n---\n").1 == [
            "Content/a.md:3:8: error: 'layout' is empty; remove the line for the article template ('article'), or name a template",
        ])
    }

    /// YAML reads these without an error but not as an author means them: a ` #` starts a comment (`#1` cut off), `!` and
    /// `&` start a tag and an anchor (the word left out), an item indented more than the one above is the rest of it.
    /// A comment written as one, a quoted value and a block scalar's text are not reported.
    @Test func valuesYAMLReadsOtherwiseWarn() {
        let text = """
            ---
            title: Statins myth #1 debunked
            summary: !Important statin warning
            reviewed: 2026-04-20   # the last check
            topic: "C #1"
            tags: [a, b]
            questions:
              - Should I stop before surgery?
               - What dose is right for me?
              - &Co say yes
              - "In C:\\temp, \\"safe\\"?"
            extra:
              note: |
                a #1 in a block
                 - not an item
            ---
            Body.

            """
        let (matter, problems) = decode(text)
        #expect(matter?.title == "Statins myth")
        #expect(problems == [
            "Content/a.md:2:21: warning: YAML reads ' #' and what follows as a comment, so the value ends at 'Statins myth'; put the whole value in quotes to keep the rest: title: \"Statins myth #1 debunked\"",
            "Content/a.md:3:10: warning: YAML reads '!Important' at the start of a value as a tag, not as text, so the value leaves it out; put the whole value in quotes: summary: \"!Important statin warning\"",
            "Content/a.md:9:4: warning: this item is indented more than the item above, so YAML reads it as the rest of that item ('Should I stop before surgery? - What dose is right for me?'), not as an item of its own; indent it as the item above",
            "Content/a.md:10:5: warning: YAML reads '&Co' at the start of a value as an anchor's name, not as text, so the value leaves it out; put the whole value in quotes: - \"&Co say yes\"",
            "Content/a.md:11:11: warning: in double quotes YAML reads '\\t' as a tab, not as a backslash and a letter; put the value in single quotes to keep it as written: - 'In C:\\temp, \"safe\"?'",
        ])
    }

    /// An anchor that an alias uses is meant, not text cut short; and a merge key (`<<: *base`) gives the mapping the
    /// entries it does not have, as pandoc reads it (the entries were left out in silence).
    @Test func anchorsAliasesAndMergeKeysAreRead() {
        let text = """
            ---
            title: &t Do statins help?
            summary: *t
            extra:
              base: &base
                banner: From base
                color: red
              page:
                <<: *base
                color: blue
              both:
                <<: [*base, {size: 2}]
            ---
            Body.

            """
        let (matter, problems) = decode(text)
        #expect(problems == [])
        #expect(matter?.summary == "Do statins help?")
        let page = matter?.extra["page"]?.entries?.map { "\($0.key)=\($0.value.text ?? "")" }
        #expect(page == ["color=blue", "banner=From base"], "\(String(describing: page))")
        #expect(matter?.extra["both"]?.entries?.map(\.key) == ["banner", "color", "size"])
    }

    /// A "billion laughs" (nine anchors, each a list of nine aliases of the one before) asked for 9⁹ values, and a build
    /// of it took 2.8 GB and crashed; the alias that makes a document's aliases copy more than a million values is an
    /// error at it, in front matter, in sitegen.yml and in a CSL-YAML bibliography alike.
    @Test func aliasesThatCopyTooMuchAreAnErrorAtTheAlias() throws {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for (name, before) in zip("bcdefghi", "abcdefgh") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(before)", count: 9).joined(separator: ", ") + "]")
        }
        let expected = "error: the alias '*f' copies 597871 values, which with those the aliases before it copy is more than the 1000000 a"
            + " YAML document's aliases may copy: aliases of lists of aliases multiply (a \"billion laughs\"); write the values out, or"
            + " use fewer levels of aliases"
        // `g: &g [*f, …`: its first *f takes the copies past a million (9⁷ of them would be made).
        let (matter, problems) = decode("---\ntitle: T\nextra:\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n---\nBody.\n")
        #expect(matter == nil)
        #expect(problems == ["Content/a.md:10:10: " + expected])
        let (_, settingsProblems) = SiteSettingsLoader().load(SourceText(path: "sitegen.yml", text: "title: T\nextra:\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n"))
        #expect(settingsProblems.map(\.description) == ["sitegen.yml:9:10: " + expected])
        let bibliography = "- id: a1\n  type: book\n  title: T\n  note:\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
        #expect(throws: Diagnostic.self) { try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: bibliography)) }
        do {
            _ = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: bibliography))
        } catch {
            #expect(error.description == "refs.yaml:11:12: " + expected)
        }
        // Aliases that copy less are read: a list of 9⁵ values from five levels.
        let five = lines.prefix(6).joined(separator: "\n") + "\n"
        let root = try #require(try YAMLReader().read(SourceText(path: "x.yml", text: five)))
        #expect(root["f"]?.items?.first?.items?.first?.items?.count == 9)
    }

    /// An alias as a key (`*t : …`) is the key its anchor's text is, as YAML 1.2 and Yams read it; its node is the
    /// anchor's, whose position was that of each problem with the key: it is said at the alias, in front matter, in
    /// sitegen.yml and in a CSL-YAML bibliography alike, and a key given twice so (`&k title:` … `*k :`) too, where
    /// the error was at the mapping's first line.
    @Test func anAliasAsAKeyIsSaidWhereItIs() throws {
        let (_, problems) = decode("---\ntitle: &t Statins\nsummary: s\n*t : x\n---\nBody.\n")
        #expect(problems.map { String($0.prefix(59)) } == ["Content/a.md:4:1: error: unknown front matter key 'Statins'"])
        let (_, twice) = decode("---\n&k title: Statins\nsummary: s\n*k : x\n---\nBody.\n")
        #expect(twice == ["Content/a.md:4:1: error: duplicate key 'title' (first at line 2); keep one of them"])
        let (_, list) = decode("---\ntitle: T\nextra:\n  a: &l [1]\n  *l : 2\n---\nBody.\n")
        #expect(list == ["Content/a.md:5:3: error: a mapping key must be a plain string"])
        let (matter, none) = decode("---\ntitle: T\nsummary: &k color\nextra:\n  *k : red\n---\nBody.\n")
        #expect(none == [])
        #expect(matter?.extra["color"]?.text == "red")
        let (_, settingsProblems) = SiteSettingsLoader().load(SourceText(path: "sitegen.yml", text: "title: &t T\nextra:\n  x: &l [1]\n  *l : 2\n"))
        #expect(settingsProblems.map(\.description) == ["sitegen.yml:4:3: error: a mapping key must be a plain string"])
        do {
            _ = try BibliographyReader().readFile(SourceText(path: "refs.yaml", text: "- id: a1\n  type: book\n  &k title: T\n  *k : U\n"))
            Issue.record("read")
        } catch {
            #expect(error.description == "refs.yaml:4:3: error: duplicate key 'title' (first at line 3); keep one of them")
        }
    }

    /// A file saved with classic Mac OS's line ends (a lone `\r`, which CommonMark reads as a line end too) was "missing
    /// front matter"; it reads as its lines, and Windows' `\r\n` as one line end.
    @Test func loneCarriageReturnsEndLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.md")
        try Data("---\rtitle: CR test\r---\rBody\r\nline.\r".utf8).write(to: file)
        let text = try TextFileReader.read(file, path: "Content/a.md")
        #expect(text.text == "---\ntitle: CR test\n---\nBody\nline.\n")
        let (matter, problems) = decode(text.text)
        #expect(matter?.title == "CR test" && problems.isEmpty)
    }

    /// What YAML reads as written warns of nothing: a comment after a key whose list follows, prose wrapped onto a line
    /// that starts with `-`, a list of lists, a block (`|`) that an item's first key starts, a `#` and a backslash in a
    /// comment after a quoted value. The warnings that do fire give lines that read as meant: the key of an item's
    /// mapping kept (`- title: "…"`), the escape taken from between the quotes.
    @Test func valuesYAMLReadsAsWrittenDoNotWarn() {
        let quiet = """
            ---
            title: T
            tags: # the topics
              - a
              - b
            summary: Statins lower LDL cholesterol by 30
              - 50% in most people.
            extra:
              parts:
                - - 2020
                  - 3
              notes:
              - abstract: |
                  Note: issue #12 is open
                id: jones
              path: "C:/data"  # on Windows: C:\\new
            ---
            Body.

            """
        let (matter, problems) = decode(quiet)
        #expect(problems.isEmpty, "\(problems)")
        #expect(matter?.tags == ["a", "b"])
        let (_, warned) = decode("---\ntitle: T\nextra:\n  notes:\n  - title: Statins myth #1 debunked\n    id: x\n  tab: \"a\\tb\" # tab \\n\n---\nBody.\n")
        #expect(warned == [
            "Content/a.md:5:25: warning: YAML reads ' #' and what follows as a comment, so the value ends at 'Statins myth'; put the whole value in quotes to keep the rest: - title: \"Statins myth #1 debunked\"",
            "Content/a.md:7:10: warning: in double quotes YAML reads '\\t' as a tab, not as a backslash and a letter; put the value in single quotes to keep it as written: tab: 'a\\tb'",
        ])
    }

    /// The look at the bytes that lets most front matter skip the lint never skips one that warns.
    @Test func theQuickLookNeverSkipsAWarning() {
        var rng = IncrementalBuildTests.Generator(state: 11)
        let pieces = ["title: ", "tags:", "  - ", "   - ", "- ", "a", "#1", " #x", " # ok", "!x ", "&y ", "\"a\\tb\"", "'q'", "summary: |", "    ", "\n", "\n", "\n"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            if !YAMLReadings.mayWarn(text) { #expect(YAMLReadings.lint(SourceText(path: "a.md", text: text)).isEmpty, "\(text.debugDescription)") }
        }
    }

    /// `date` and `lastmod`, `description` and `summary`: the second is told that the first becomes its key already.
    @Test func twoKeysThatWouldBecomeOneAreSaidTogether() {
        #expect(decode("---\ntitle: T\ndate: 2024-01-01\nlastmod: 2025-01-01\n---\nBody.\n").1.last
            == "Content/a.md:4:1: error: unknown front matter key 'lastmod' (Hugo's or Jekyll's); 'date' (line 3) becomes 'reviewed' already: keep one of the"
                + " two as 'reviewed', and remove the other")
        #expect(decode("---\ntitle: T\ndescription: D\nexcerpt: E\n---\nBody.\n").1.last
            == "Content/a.md:4:1: error: unknown front matter key 'excerpt' (Hugo's or Jekyll's); 'description' (line 3) becomes 'summary' already: keep"
                + " one of the two as 'summary', and remove the other")
        // The advice followed: one key of each.
        let (matter, problems) = decode("---\ntitle: T\nreviewed: 2025-01-01\nsummary: D\n---\nBody.\n")
        #expect(problems.isEmpty && matter?.summary == "D" && matter?.reviewed?.iso == "2025-01-01")
    }

    /// Jekyll's `_drafts/` is never published there (without `--drafts`); here it is a folder as any other.
    @Test func anArticleInADraftsFolderIsAnErrorUnlessADraft() {
        let text = SourceText(path: "Content/blog/_drafts/trial.md", text: "---\ntitle: Trial\n---\nEmbargoed.\n")
        let (_, diagnostics) = ArticleLoading.article(ContentFile(path: "Content/blog/_drafts/trial.md", slug: "blog/_drafts/trial"), text: text)
        #expect(diagnostics.map(\.description) == [
            "Content/blog/_drafts/trial.md:1:1: error: the article is in a '_drafts' folder, Jekyll's for drafts, which Jekyll does not publish; sitegen"
                + " would publish it, at /blog/_drafts/trial/: mark it draft: true, or move it out of Content/ (to publish it, move it out of _drafts/)"
        ])
        // The advice followed: a draft, left out of the build.
        let draft = SourceText(path: "Content/blog/_drafts/trial.md", text: "---\ntitle: Trial\ndraft: true\n---\nEmbargoed.\n")
        let (article, none) = ArticleLoading.article(ContentFile(path: "Content/blog/_drafts/trial.md", slug: "blog/_drafts/trial"), text: draft)
        #expect(none.isEmpty && article?.frontMatter.isDraft == true)
        // A file named _drafts.md is no folder of drafts.
        #expect(ArticleLoading.article(ContentFile(path: "Content/_drafts.md", slug: "_drafts"), text: text).diagnostics.isEmpty)
    }

    /// `aliases:` (Hugo's and Zola's name; Jekyll's `redirect_from` is told to be renamed to it), a list or one address:
    /// each an old address of the page's, as a browser shows it (percent-encoded or not), to the file a redirect page goes in.
    @Test func aliasesAreOldAddressesOfThePage() throws {
        let (matter, said) = decode("---\ntitle: T\naliases: [/Heart/statins/, /old, /My%20Article/, /page.html, /]\n---\nText.\n")
        #expect(said.isEmpty, "\(said)")
        #expect(try #require(matter).aliases.map(\.path) == ["Heart/statins/index.html", "old/index.html", "My Article/index.html", "page.html", "index.html"])
        #expect(try #require(matter).aliases.map(\.location.column) == [11, 28, 34, 50, 62])
        #expect(try #require(decode("---\ntitle: T\naliases: /old/\n---\n").0).aliases.map(\.path) == ["old/index.html"])
    }

    /// An alias that is no address of the site's is kept with what to write, for the build to say with the other aliases'
    /// errors (README, "Old addresses"): reading the front matter says nothing, so that the build goes on to judge them all.
    @Test(arguments: [
        ("aliases: [https://old.example.org/heart/statins/]", "Content/a.md:3:11: the alias 'https://old.example.org/heart/statins/' is a full address; an alias is an old address of this site, written from its root: write /heart/statins/ (another site's address is that site's to redirect)"),
        ("aliases: [/a/../b/]", "Content/a.md:3:11: the alias '/a/../b/' has '.' or '..' in it; write the old address from the site's root, as readers saw it, such as /heart/statins/"),
        ("aliases: [\"/old/?page=2\"]", "Content/a.md:3:11: the alias '/old/?page=2' has a query, which no page of its own answers (a redirect page stands at a path): write /old/"),
        ("aliases: [old/statins/]", "Content/a.md:3:11: the alias 'old/statins/' is written from the site's root, with a / first: /old/statins/"),
        ("aliases:\n  - /ok/\n  - \"\"", "Content/a.md:5:5: an alias is empty; write an old address of the page, such as /heart/statins/, or remove the item"),
    ])
    func anAliasThatIsNoAddressOfTheSitesIsKeptWithWhatToWrite(line: String, expected: String) throws {
        let (matter, said) = decode("---\ntitle: T\n\(line)\n---\nText.\n")
        #expect(said.isEmpty, "\(said)")
        #expect(try #require(matter).rejectedAliases.map { "\($0.location): \($0.message)" } == [expected])
    }

    /// The keys other tools' are told to be renamed to, read from the advice they get (two told to become one key
    /// are said together).
    @Test func theKeysOtherToolsKeysAreRenamedTo() {
        #expect(FrontMatterDecoder.renamedKeys == [
            "date": "reviewed", "lastmod": "reviewed", "last_modified_at": "reviewed", "description": "summary", "excerpt": "summary",
            "abstract": "summary", "categories": "topic", "category": "topic", "keywords": "tags", "csl": "citation-style",
            "redirect_from": "aliases", "updated": "reviewed", "date-modified": "reviewed",
            // Keys of no tool's that say `reviewed` in other words.
            "last_reviewed": "reviewed", "last-reviewed": "reviewed", "lastReviewed": "reviewed", "last_review": "reviewed",
            "review_date": "reviewed", "review-date": "reviewed", "reviewDate": "reviewed", "reviewed_on": "reviewed",
            "reviewed-on": "reviewed", "last_updated": "reviewed", "last-updated": "reviewed", "lastUpdated": "reviewed",
            "modified": "reviewed", "date_modified": "reviewed",
        ])
    }

    /// A value that starts with `#` is a comment in YAML: Obsidian's hashtags give no tags, `#1` no summary.
    @Test func aValueThatStartsWithAHashIsAComment() {
        #expect(decode("---\ntitle: T\ntags: #cardiology #statins\n---\nBody.\n").1 == [
            "Content/a.md:3:7: warning: YAML reads '#' at the start of a value as a comment, so the value is empty (null) and '#cardiology #statins' is"
                + " left out; if they are tags, write them as a list: tags: [cardiology, statins]; else put the value in quotes: tags: \"#cardiology #statins\""
        ])
        #expect(decode("---\ntitle: T\nsummary: #1 answer is yes\n---\nBody.\n").1.first
            == "Content/a.md:3:10: warning: YAML reads '#' at the start of a value as a comment, so the value is empty (null) and '#1 answer is yes' is left"
                + " out; put the value in quotes: summary: \"#1 answer is yes\"")
        #expect(decode("---\ntitle: T\ntags: [#lipids, statins]\n---\nBody.\n").1 == [
            "Content/a.md:3:8: error: YAML reads '#' after '[', ',' or a space as the start of a comment, so the rest of the line is left out and the list"
                + " is never closed; put the item in quotes: tags: [\"#lipids\", statins]"
        ])
        // A key that takes a string is not told to write a list (`topic: [cardiology]` is an error), and a list cut
        // short by a `#` is said at it when a key follows too (libyaml then reports the list, not the file's end).
        #expect(decode("---\ntitle: T\ntopic: #cardiology\n---\nBody.\n").1.first
            == "Content/a.md:3:8: warning: YAML reads '#' at the start of a value as a comment, so the value is empty (null) and '#cardiology' is left"
                + " out; put the value in quotes: topic: \"#cardiology\"")
        #expect(decode("---\ntitle: T\ntags: [#lipids, statins]\nsummary: S\n---\nBody.\n").1 == [
            "Content/a.md:3:8: error: YAML reads '#' after '[', ',' or a space as the start of a comment, so the rest of the line is left out and the list"
                + " is never closed; put the item in quotes: tags: [\"#lipids\", statins]"
        ])
        // A comment after a key whose value is on the lines below is one meant.
        #expect(decode("---\ntitle: T\ntags: #the tags\n  - a\nquestions: #more\n- Is it?\n---\nBody.\n").1 == [])
        // The advice followed.
        #expect(decode("---\ntitle: T\ntags: [cardiology, statins]\n---\nBody.\n").0?.tags == ["cardiology", "statins"])
        #expect(decode("---\ntitle: T\nsummary: \"#1 answer is yes\"\n---\nBody.\n").0?.summary == "#1 answer is yes")
        #expect(decode("---\ntitle: T\ntags: [\"#lipids\", statins]\n---\nBody.\n").0?.tags == ["#lipids", "statins"])
    }

    /// Hugo's and Zola's `_index.md` is a folder's own page there; here it would be an article at `/_index/`.
    @Test func anUnderscoreIndexFileIsAWarning() {
        let text = SourceText(path: "Content/heart/_index.md", text: "---\ntitle: Heart\n---\nAbout the heart.\n")
        let (article, diagnostics) = ArticleLoading.article(ContentFile(path: "Content/heart/_index.md", slug: "heart/_index"), text: text)
        #expect(article?.urlPath == "heart/_index/")
        #expect(diagnostics.map(\.description) == [
            "Content/heart/_index.md:1:1: warning: '_index.md' is Hugo's and Zola's name for a folder's own page; here it is an article of its own,"
                + " published at /heart/_index/: rename it index.md to make it the page of its folder"
        ])
        #expect(ArticleLoading.article(ContentFile(path: "Content/heart/index.md", slug: "heart/index"), text: text).diagnostics.isEmpty)
        // `Index.md` in capitals is the page of its folder only where the file system ignores case.
        let capital = SourceText(path: "Content/heart/Index.md", text: "---\ntitle: Heart\n---\nAbout the heart.\n")
        #expect(ArticleLoading.article(ContentFile(path: "Content/heart/Index.md", slug: "heart/Index"), text: capital).diagnostics.map(\.description) == [
            "Content/heart/Index.md:1:1: warning: 'Index.md' is an article of its own, published at /heart/Index/, not the page of its folder,"
                + " which is named in small letters: rename it index.md"
        ])
    }

    /// A README kept in Content/ (as GitHub shows one in each folder) is an article to sitegen: the error says so.
    @Test func aReadmeInContentSaysEveryMarkdownFileIsAnArticle() {
        let text = SourceText(path: "Content/heart/README.md", text: "# Notes\n\nTo do.\n")
        #expect(FrontMatterSplitter.missingHeader(in: text).description
            == "Content/heart/README.md:1:1: error: missing front matter: an article starts with '---', a 'title:' line and '---'; every .md"
                + " file in Content/ is an article: if README.md holds notes about the site, move it out of Content/ (beside sitegen.yml); if"
                + " it is an answer, give it its front matter")
    }

    /// A space in an article's path is `%20` in its address: a warning with the name Hugo's address would have.
    @Test func aSpaceInAPathIsAWarning() {
        let text = SourceText(path: "Content/Heart Health/Statins Low Risk.md", text: "---\ntitle: Statins?\n---\nText.\n")
        let (article, diagnostics) = ArticleLoading.article(
            ContentFile(path: "Content/Heart Health/Statins Low Risk.md", slug: "Heart Health/Statins Low Risk"), text: text)
        #expect(article?.urlPath == "Heart Health/Statins Low Risk/")
        #expect(diagnostics.map(\.description) == [
            "Content/Heart Health/Statins Low Risk.md:1:1: warning: the path has a space, so the article's address is"
                + " /Heart%20Health/Statins%20Low%20Risk/; name it with hyphens (Content/heart-health/statins-low-risk.md) for an address without %20"
        ])
    }

    /// A second block of front matter below the first (pandoc reads it; CommonMark prints a rule and its keys) is a
    /// warning at its first line; a body that starts with a rule and text is none.
    @Test func aSecondBlockOfFrontMatterIsAWarning() {
        func diagnostics(_ text: String) -> [String] {
            ArticleLoading.article(ContentFile(path: "Content/q.md", slug: "q"), text: SourceText(path: "Content/q.md", text: text)).diagnostics.map(\.description)
        }
        #expect(diagnostics("---\ntitle: Q?\n---\n\n---\ntitle: second\ntags:\n  - a\n---\nText.\n") == [
            "Content/q.md:5:1: warning: a second block of front matter, which CommonMark prints as a rule and its keys as text (pandoc would"
                + " read them); move its keys into the front matter above, or remove the block"
        ])
        #expect(diagnostics("---\ntitle: Q?\n---\n---\n\nA paragraph, then a rule.\n\n---\n").isEmpty)
        #expect(diagnostics("---\ntitle: Q?\n---\n---\n---\nText.\n").isEmpty)
    }

    /// An answer published without text is a warning at the end of its front matter; a draft and the home page's
    /// introduction (which may be only a title) are not.
    @Test func anArticleWithoutTextIsAWarning() {
        func diagnostics(_ slug: String, _ text: String) -> [String] {
            ArticleLoading.article(ContentFile(path: "Content/\(slug).md", slug: slug), text: SourceText(path: "Content/\(slug).md", text: text))
                .diagnostics.map(\.description)
        }
        #expect(diagnostics("q", "---\ntitle: Q?\n---\n\n  \n") == [
            "Content/q.md:4:1: warning: the article has no text below its front matter; write the answer, or mark it draft: true until it is written"
        ])
        #expect(diagnostics("q", "---\ntitle: Q?\ndraft: true\n---\n").isEmpty)
        #expect(diagnostics("index", "---\ntitle: Answers\n---\n").isEmpty)
        #expect(diagnostics("q", "---\ntitle: Q?\n---\nYes.\n").isEmpty)
    }

    /// Markdown in a title, summary or question is printed as written: a warning names it (as cmark reads it, so
    /// `5*3`, `snake_case` and a lone `[1]` are text).
    @Test func markdownInPlainTextFieldsIsAWarning() {
        let (_, diagnostics) = decode(
            "---\ntitle: \"Do *statins* help?\"\nsummary: \"**Yes**, 5*3 and snake_case [1].\"\nquestions:\n  - Is `this` plain?\n  - Read [it](https://x.org)?\n  - 2*3 = 6, and file_name.txt?\n---\nText.\n")
        let tail = ", which is printed as written: a title, summary or question is plain text; write it without the marks"
        #expect(diagnostics == [
            "Content/a.md:2:8: warning: the title holds Markdown, emphasis (*…* or _…_)" + tail,
            "Content/a.md:3:10: warning: the summary holds Markdown, bold (**…**)" + tail,
            "Content/a.md:5:5: warning: the question holds Markdown, code (`…`)" + tail,
            "Content/a.md:6:5: warning: the question holds Markdown, a link ([…](…))" + tail,
        ])
        #expect(MarkdownOutline.inlineMarkup(in: "5*3 and snake_case [1]") == nil)
        // HTML tags, which a page shows as text; a comparison is none.
        #expect(MarkdownOutline.inlineMarkup(in: "Html <em>title</em>") == "an HTML tag, <em>")
        #expect(MarkdownOutline.inlineMarkup(in: "LDL < 2.6 or HbA1c <7%") == nil)
    }

    /// A citation in a summary or question (`[@ctt2012]`) was printed with its brackets and key, in silence: it is a
    /// warning that says where a citation goes. An address or a handle (`me@x.org`, `@nhs`) is no citation.
    @Test func aCitationInPlainTextFieldsIsAWarning() {
        let (_, diagnostics) = decode(
            "---\ntitle: Q?\nsummary: Statins cut risk by a fifth [@ctt2012; @ctt2022, p. 3].\nquestions:\n  - Mail me@x.org or [ask] @nhs?\n  - Does it apply to me [see @ctt2012]?\n---\nText.\n")
        #expect(diagnostics == [
            "Content/a.md:3:10: warning: the summary cites a source, '[@ctt2012; @ctt2022, p. 3]', which is printed as written: a title, summary or"
                + " question is plain text; cite the source in the body, where its claim is made",
            "Content/a.md:6:5: warning: the question cites a source, '[see @ctt2012]', which is printed as written: a title, summary or"
                + " question is plain text; cite the source in the body, where its claim is made",
        ])
    }

    /// A review date after tomorrow (a year mistyped) is a warning; the article is published as written.
    @Test func aReviewInTheFutureIsAWarning() throws {
        let header = try #require(try YAMLReader().read(SourceText(path: "Content/a.md", text: "title: T\nreviewed: 2062-01-01\n")))
        let start = SitegenKit.SourceLocation(path: "Content/a.md", line: 1, column: 1)
        let latest = try #require(ReviewDate("2026-12-04"))
        let (matter, diagnostics) = FrontMatterDecoder(latestReview: latest).decode(header)
        #expect(matter?.reviewed == ReviewDate("2062-01-01"))
        #expect(diagnostics.map(\.description) == [
            "Content/a.md:2:11: warning: 'reviewed' is a date in the future (2062-01-01); write the date the answer was last reviewed"
        ])
        let onTheDay = try #require(try YAMLReader().read(SourceText(path: "Content/a.md", text: "title: T\nreviewed: 2026-12-04\n")))
        #expect(FrontMatterDecoder(latestReview: latest).decode(onTheDay).1.isEmpty)
        // A year written short (`0026`) is an error: feeds, sitemaps and pages printed "26-04-20".
        let short = try #require(try YAMLReader().read(SourceText(path: "Content/a.md", text: "title: T\nreviewed: 0026-04-20\n")))
        #expect(FrontMatterDecoder(latestReview: latest).decode(short).1.map(\.description) == [
            "Content/a.md:2:11: error: 'reviewed' is a date in the year 26 ('0026-04-20'); write the year the answer was reviewed in full, such as 2026-04-20"
        ])
        // Tomorrow in UTC is the default: today's date is never in the future.
        #expect(FrontMatterDecoder().latestReview > ReviewDate.today())
    }

    /// Today's date is worked out without a Calendar (every article asks for it): the same dates as the Gregorian
    /// calendar's in UTC, a century either way, leap days included.
    @Test func todayIsTheCalendarsDate() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: -36_600, through: 36_600, by: 61) + [0, 1, -1] {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSinceNow: Double(days) * 86_400))
            let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let date = ReviewDate.today(addingDays: days)
            // Unless midnight passed between the two.
            #expect(date.iso == expected || ReviewDate.today(addingDays: days).iso != date.iso, "\(days) days")
        }
    }

    @Test func titleLikeNoStaysAString() {
        #expect(decode("---\ntitle: No\n---\n").0?.title == "No")
    }

    /// Positions after non-ASCII text are byte columns, like cmark's: `é` counts two, `中` three, `😀` four.
    @Test func columnsAfterNonASCIITextCountBytes() {
        // The mapping starts at scalar column 18 of line 3: byte column 12 + (2 + 3 + 4) + 2 + 1 = 24.
        let (_, diagnostics) = decode("---\ntitle: T\nquestions: [é中😀, {a: b}]\n---\n")
        #expect(diagnostics == ["Content/a.md:3:24: error: 'questions' must be a string, not a mapping; a colon and a space made it one: put it in quotes: \"a: b\""])
        let lines = YAMLReader.Lines("a: é中😀 b\nx")
        // Scalar column 7 (after `a: é中😀`) is byte 1 + 3 + 2 + 3 + 4 = 13.
        #expect(lines.byteColumn(line: 1, scalarColumn: 7) == 13)
        #expect(lines.byteColumn(line: 1, scalarColumn: 50) == 15)  // stops at the line's end
        #expect(lines.byteColumn(line: 2, scalarColumn: 1) == 1)
        #expect(lines.byteColumn(line: 3, scalarColumn: 1) == nil)
    }
}
