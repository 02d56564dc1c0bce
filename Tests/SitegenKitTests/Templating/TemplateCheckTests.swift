import Foundation
import MustacheEngine
import Testing

@testable import SitegenKit

/// What the build says about a site's templates that the Mustache specification cannot: names no page holds,
/// blocks their parent does not declare, partials that do not exist.
struct TemplateCheckTests {
    static func warnings(_ templates: [String: String]) throws -> [String] {
        let sources = templates.sorted { $0.key < $1.key }.map {
            (name: $0.key, source: SourceText(path: "Templates/\($0.key).mustache", text: $0.value))
        }
        return try TemplateLibrary(siteTemplates: sources, words: SiteWords()).warnings.map(\.description)
    }

    /// The errors that keep templates from being used; none when they compile.
    static func problems(_ templates: [String: String]) -> [String] {
        let sources = templates.map { (name: $0.key, source: SourceText(path: "Templates/\($0.key).mustache", text: $0.value)) }
        do {
            _ = try TemplateLibrary(siteTemplates: sources.sorted { $0.name < $1.name }, words: SiteWords())
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theBuiltInTemplatesUseOnlyNamesPagesHold() throws {
        #expect(try Self.warnings(BuiltinTemplates.all) == [])
    }

    @Test func aMistypedNameIsReportedWithTheNearestOne() throws {
        #expect(try Self.warnings(["article": "<h1>{{pageTitle}}</h1>\n  {{titel}} {{#sorted(tgas)}}{{.}}{{/sorted(tgas)}} {{{bdy}}}"]) == [
            "Templates/article.mustache:2:3: warning: no page's context has 'titel', so '{{titel}}' is always empty; did you mean 'title'? (the site's own keys are under 'site.', an article's under 'extra.')",
            "Templates/article.mustache:2:13: warning: no page's context has 'tgas', so '{{#sorted(tgas)}}' is always empty; did you mean 'tags'? (the site's own keys are under 'site.', an article's under 'extra.')",
            "Templates/article.mustache:2:53: warning: no page's context has 'bdy', so '{{{bdy}}}' is always empty; did you mean 'body'? (the site's own keys are under 'site.', an article's under 'extra.')",
        ])
    }

    /// A dotted name is checked past its first part (`{{pager.totl}}` printed nothing without a word), up to a part
    /// that holds the site's or an article's own keys (`extra`, `site`).
    @Test func everyPartOfADottedNameIsChecked() throws {
        let found = try Self.warnings(["list": "{{pager.totl}} {{#pager.prevURL}}p{{/pager.prevURL}} {{pager.current.extra.anything}} {{#articles}}{{topic.nmae}}{{/articles}}"])
        #expect(found == [
            "Templates/list.mustache:1:1: warning: no page's context has 'pager.totl', so '{{pager.totl}}' is always empty; did you mean 'pager.total'? (the site's own keys are under 'site.', an article's under 'extra.')",
            "Templates/list.mustache:1:100: warning: no page's context has 'topic.nmae', so '{{topic.nmae}}' is always empty; did you mean 'topic.name'? (the site's own keys are under 'site.', an article's under 'extra.')",
        ])
    }

    /// A transform mistyped (`uppercase`, `lenght`) prints nothing: said with the nearest one; and an author's plain
    /// text printed unescaped (`{{{title}}}`, `{{&summary}}`) runs a `<script>` or `<img onerror>` written in it.
    @Test func aMistypedTransformAndPlainTextUnescapedAreReported() throws {
        let found = try Self.warnings(["article": "<h1>{{uppercase(title)}}</h1>{{#lenght(tags)}}x{{/lenght(tags)}}\n<h2>{{{title}}}</h2>{{&summary}} {{{body}}} {{{extra.html}}} {{uppercased(title)}}"])
        #expect(found == [
            "Templates/article.mustache:1:5: warning: 'uppercase' is no transform, so '{{uppercase(title)}}' is always empty; did you mean 'uppercased'? (the transforms: "
                + TemplateValue.transformNames.joined(separator: ", ") + ")",
            "Templates/article.mustache:1:30: warning: 'lenght' is no transform, so '{{#lenght(tags)}}' is always empty; did you mean 'count'? (the transforms: "
                + TemplateValue.transformNames.joined(separator: ", ") + ")",
            "Templates/article.mustache:2:5: warning: 'title' is plain text, which a triple or '&' tag prints unescaped, so a '<' or '&' in it is read as HTML; write '{{title}}'",
            "Templates/article.mustache:2:21: warning: 'summary' is plain text, which a triple or '&' tag prints unescaped, so a '<' or '&' in it is read as HTML; write '{{summary}}'",
        ])
    }

    /// A brace too many after a tag, a tag without a name and text before the template's parent print what was not
    /// meant on every page, in silence by the specification; a partial named by its file is said with its name.
    @Test func strayBracesEmptyTagsAndTextBeforeTheParentAreReported() throws {
        // A script's object closed after a tag is no brace too many; columns count characters (👩‍⚕️ is one).
        #expect(try Self.warnings(["article": "{{<base}}{{$main}}<script>var page = {tags: {{count(tags)}}}</script>{{{body}}}{{/main}}{{/base}}"]) == [])
        #expect(try Self.warnings(["article": "<p>👩‍⚕️ {{title}}}</p>"]).first?.hasPrefix("Templates/article.mustache:1:15: warning: this '}'") == true)
        let found = try Self.warnings([
            "article": "Theme v2 (c) Clinic\n{{! note }}{{<base}}{{$main}}<h1>{{title}}}</h1>{{}} {{{body}}}{{/main}}{{/base}}\n",
            "topic": "{{! a comment first }}\n{{<base}}{{$main}}<h1>{{name}}</h1>{{/main}}{{/base}}\n",
        ])
        #expect(found == [
            "Templates/article.mustache:2:43: warning: this '}' after '{{title}}' is a brace too many, printed on every page; remove it (or write '{{{title}}}' for HTML)",
            "Templates/article.mustache:2:49: warning: '{{}}' is a tag without a name, which prints nothing; write the name, or remove it",
            "Templates/article.mustache:1:1: warning: text before '{{<base}}' is printed before the whole of 'base' (before <!DOCTYPE html>, which puts the"
                + " browser in quirks mode); put it inside one of its blocks, or in a comment {{! … }}",
        ])
        #expect(throws: TemplateLibrary.Problems.self) { try Self.warnings(["footer": "<footer></footer>", "article": "{{>footer.mustache}}"]) }
        let error = #expect(throws: TemplateLibrary.Problems.self) {
            try Self.warnings(["footer": "<footer></footer>", "article": "{{<base}}{{$main}}{{>Templates/footer.html}}{{/main}}{{/base}}"])
        }
        do {
            #expect(error?.diagnostics.map(\.description) == [
                "Templates/article.mustache:1:19: error: template error: no template named 'Templates/footer.html'; a template is named without Templates/ and .mustache: write {{>footer}}",
            ])
        }
    }

    /// A feed's address printed outside a section that tests it (a `base` or `topic` template copied before a site or
    /// a topic could be without a feed) printed `href=""` on the pages without that feed, in silence: a warning at the
    /// tag. Inside `{{#feedURL}}`, or in a partial every inclusion of which is inside one, it is none.
    @Test func aFeedsAddressOutsideASectionThatTestsItIsReported() throws {
        let found = try Self.warnings([
            "base": "<head>{{#siteFeedURL}}<link href=\"{{siteFeedURL}}\">{{/siteFeedURL}}{{$head}}{{/head}}</head>\n"
                + "{{$main}}{{/main}}<footer>{{#pager}}<a href=\"{{siteFeedURL}}\">Feed</a>{{/pager}} {{>site-feed}}</footer>",
            "topic": "{{<base}}{{$head}}<link rel=\"alternate\" href=\"{{root}}{{feedURL}}\">{{/head}}\n"
                + "{{$main}}{{#feedURL}}{{>feed-link}}{{/feedURL}}{{^feedURL}}{{{feedURL}}}{{/feedURL}}{{/main}}{{/base}}",
            "feed-link": "<a href=\"{{feedURL}}\">Feed</a>",
            "site-feed": "<a href=\"{{&siteFeedURL}}\">All</a>",
        ])
        let topic = "on every page but a topic's, and on the page of a topic none of whose answers has a review date (it has no feed)"
        let site = "on every page when no answer on the site has a review date (the site then has no feed)"
        let advice = { (key: String) in "where it prints nothing and a link to it leads to no feed; write it inside {{#\(key)}}…{{/\(key)}}, which prints only where there is one" }
        #expect(found == [
            "Templates/base.mustache:2:46: warning: '{{siteFeedURL}}' is null \(site), \(advice("siteFeedURL"))",
            "Templates/site-feed.mustache:1:10: warning: '{{{siteFeedURL}}}' is null \(site), \(advice("siteFeedURL"))",
            "Templates/topic.mustache:1:55: warning: '{{feedURL}}' is null \(topic), \(advice("feedURL"))",
            "Templates/topic.mustache:2:60: warning: '{{{feedURL}}}' is null \(topic), \(advice("feedURL"))",
        ])
        // Included once outside a section that tests it, the partial is said too.
        let twice = try Self.warnings([
            "feed-link": "<a href=\"{{feedURL}}\">Feed</a>",
            "topic": "{{<base}}{{$main}}{{#feedURL}}{{>feed-link}}{{/feedURL}}{{#articles}}{{>feed-link}}{{/articles}}{{/main}}{{/base}}",
        ])
        #expect(twice == ["Templates/feed-link.mustache:1:10: warning: '{{feedURL}}' is null \(topic), \(advice("feedURL"))"])
    }

    /// The place of the current item in its list (`{{index()}}`, `{{#first()}}`) is no unknown transform.
    @Test func thePlaceInAListIsKnown() throws {
        #expect(try Self.warnings(["article": "{{<base}}{{$main}}{{#sorted(tags)}}<p>{{index()}} {{#first()}}F{{/first()}}{{#odd()}}O{{/odd()}}: {{.}}</p>{{/sorted(tags)}}{{{body}}}{{/main}}{{/base}}"]) == [])
    }

    /// A partial named by an article's own value (`{{>*extra.widget}}`) that names no template printed nothing without
    /// a word: a warning at the value, with the template meant.
    @Test func aPartialNamedByAValueThatNamesNoTemplateIsAWarning() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Templates/article.mustache": "{{<base}}{{$main}}{{>*extra.widget}}{{{body}}}{{/main}}{{/base}}",
            "Templates/callout.mustache": "<aside>Note</aside>",
            "Content/a.md": article("A?", "Text.\n", extra: "extra:\n  widget: calout\n"),
            "Content/b.md": article("B?", "Text.\n", extra: "extra:\n  widget: callout\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:11: warning: 'calout' names no template, so '{{>*extra.widget}}' prints nothing on this page; did you mean 'callout'?"
        ])
        #expect(try site.read("b/index.html").contains("<aside>Note</aside>"))
    }

    /// A template that fails to parse does not hide another's unknown partial: one build names both.
    @Test func aParseErrorDoesNotHideAnotherTemplatesUnknownPartial() throws {
        let error = #expect(throws: TemplateLibrary.Problems.self) {
            try Self.warnings(["topic": "{{<Base}}{{$main}}x{{/main}}{{/base}}", "article": "{{<base}}{{$main}}{{>byline}}{{{body}}}{{/main}}{{/base}}"])
        }
        #expect(error?.diagnostics.map(\.description).sorted() == [
            "Templates/article.mustache:1:19: error: template error: no template named 'byline' (add Templates/byline.mustache to make one)",
            "Templates/topic.mustache:1:1: error: template error: no template named 'Base'; did you mean 'base'? ('{{/base}}' closes it)",
        ])
    }

    /// A template that fails to parse may include any other: the partial it includes is not said to be used by no page
    /// (which pointed at the wrong file, and invited deleting one in use), only the parse error.
    @Test func aParseErrorLeavesNoTemplateSaidUnused() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Templates/article.mustache": "{{<base}}{{$main}}<article>{{{body}}}{{>refs}}</article>{{/mian}}{{/base}}\n",
            "Templates/refs.mustache": "{{#references}}<p>{{{html}}}</p>{{/references}}\n",
            "Content/a.md": article("A?", "Text.\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Templates/article.mustache:1:57: error: template error: expected '{{/main}}' to close the section opened at line 1, column 10,"
                + " found '{{/mian}}'",
        ])
    }

    /// A layout of the site's that never prints `{{{body}}}` (itself, or a partial or parent it includes) leaves its
    /// articles' text out: a warning once, at the template.
    @Test func aLayoutWithoutTheBodyIsAWarning() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Templates/landing.mustache": "{{<base}}{{$main}}<h1>{{title}}</h1><p>{{summary}}</p>{{/main}}{{/base}}",
            "Templates/answer.mustache": "{{<base}}{{$main}}<h1>{{title}}</h1>{{>text}}{{/main}}{{/base}}",
            "Templates/text.mustache": "<div>{{{body}}}</div>",
            "Content/a.md": article("A?", "Text.\n", extra: "layout: landing\n"), "Content/b.md": article("B?", "Text.\n", extra: "layout: landing\n"),
            "Content/c.md": article("C?", "Text.\n", extra: "layout: answer\n"),
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Templates/landing.mustache:1:1: warning: this template never prints {{{body}}}, so the text and references of the articles that use it"
                + " (Content/a.md, Content/b.md) are left out of their pages; add {{{body}}} where the answer goes, as the built-in article template has it",
        ])
    }

    /// A partial included inside a section over an article's own keys reads those keys (`{{heading}}` of
    /// `extra.callout`), and a template named by a value (`{{>*extra.widget}}`) may be any: neither is warned about.
    @Test func partialsOverOwnKeysAndDynamicPartialsAreNotWarnedAbout() throws {
        let article = "{{<base}}{{$main}}{{#extra.callout}}{{>tip}}{{/extra.callout}}{{>*extra.widget}}{{{body}}}{{/main}}{{/base}}"
        #expect(try Self.warnings(["article": article, "tip": "<aside>{{heading}}</aside>", "quiz": "<form></form>"]) == [])
        let sources = ["article": article, "tip": "<aside>{{heading}}</aside>", "quiz": "<form></form>", "artcle": "x"].map {
            (name: $0.key, source: SourceText(path: "Templates/\($0.key).mustache", text: $0.value))
        }
        #expect(TemplateLoading.unused(sources, layouts: []).map(\.description) == [
            "Templates/artcle.mustache:1:1: error: no page uses the template 'artcle'; did you mean 'article'? (name the file Templates/article.mustache to replace the built-in one)",
        ])
        // Without the dynamic partial, the template no page uses is said.
        #expect(TemplateLoading.unused(sources.filter { $0.name == "quiz" }, layouts: []).count == 1)
    }

    /// A block given twice in one parent prints only the first: said at the second.
    @Test func aBlockGivenTwiceInOneParentIsReported() throws {
        let template = "{{<base}}\n{{$footer}}old{{/footer}}\n{{$main}}{{{body}}}{{/main}}\n{{$footer}}new{{/footer}}\n{{/base}}\n"
        #expect(try Self.warnings(["article": template]) == [
            "Templates/article.mustache:4:1: warning: '{{$footer}}' is given twice in '{{<base}}' (first at line 2, column 1), and only the first is printed; remove one",
        ])
    }

    /// What a parent holds outside its blocks is dropped, and what follows it prints after the whole page: each is
    /// said (a banner put between the blocks of a copied template was never shown).
    @Test func textOutsideAParentsBlocksIsSaid() throws {
        let template = "{{<base}}\n<div class=\"banner\">Read first</div>\n{{$main}}{{{body}}}{{/main}}\n{{/base}}\n<p>after</p>\n"
        #expect(try Self.warnings(["article": template]) == [
            "Templates/article.mustache:1:1: warning: '{{<base}}' holds text or tags outside its blocks ('<div class=\"banner\">Read first</div>'),"
                + " which are not printed: only the blocks of 'base' are; put them inside one ({{$main}}…{{/main}})",
            "Templates/article.mustache:4:1: warning: text or tags after '{{/base}}' are printed after the whole of 'base' (after </html>);"
                + " put them inside one of its blocks ({{$main}}…{{/main}})",
        ])
        #expect(try Self.warnings(["article": "{{<base}}\n{{! a note }}\n{{$main}}{{{body}}}{{/main}}\n{{/base}}\n"]) == [])
        // The parent that ends the template is named, not one nested in its blocks.
        #expect(try Self.warnings(["article": "{{<base}}{{$main}}{{<card}}{{/card}}{{/main}}{{/base}}\n<p>after</p>", "card": "<div>{{$x}}{{/x}}</div>"]) == [
            "Templates/article.mustache:1:46: warning: text or tags after '{{/base}}' are printed after the whole of 'base' (after </html>);"
                + " put them inside one of its blocks ({{$main}}…{{/main}})"
        ])
    }

    /// An inverted section over a name no page holds shows its content always, which the warning says.
    @Test func anInvertedSectionOverAnUnknownNameIsAlwaysShown() throws {
        #expect(try Self.warnings(["article": "{{^hasRefs}}NOREFS{{/hasRefs}}"]) == [
            "Templates/article.mustache:1:1: warning: no page's context has 'hasRefs', so '{{^hasRefs}}' always shows what it holds (the"
                + " site's own keys are under 'site.', an article's under 'extra.')"
        ])
    }

    /// The error at a tag of another generator's template language in Templates/article.mustache, at `place` (`1:5`).
    static func foreignTag(at place: String, _ typed: String, _ language: String, _ advice: String) -> String {
        "Templates/article.mustache:\(place): error: template error: '\(typed)' is \(language), which Mustache prints as nothing; \(advice)"
    }

    /// What to write for a condition or a loop of another generator's, whose value has no name a page holds.
    static let sectionAdvice = "write a condition or a loop as a section, {{#name}}…{{/name}} (shown when 'name' is set, once for each item"
        + " of a list; {{^name}}…{{/name}} when it is not), and a partial as {{>name}}"

    /// A template brought from Hugo (Go templates) names what no page can hold: each tag is an error, quoted as it is
    /// typed, that says what it is in Mustache (not the nearest name: 'if' is not 'id'); a page was published with an
    /// empty `<h1>`.
    @Test func hugosTemplateSyntaxIsAnErrorThatSaysWhatToWrite() throws {
        let template = "<h1>{{ .Title }}</h1>{{- .Content -}}{{ .Params.colour }} {{ .Site.Params.owner }} {{ .Kind }}\n"
            + "{{ if .Draft }}x{{ end }} {{ .Title | upper }} {{{ .Content }}}\n"
            + "{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}\n"
            + "{{ with .Params.note }}{{ . }}{{ else }}none{{ end }}\n"
            + "{{ partial \"footer.html\" . }}{{ define \"main\" }}{{ end }}{{ .Date.Format \"2006-01-02\" }}{{ len .Pages }}\n"
            + "{{ .Params.summary }}\n"
            + "{{ .Site.Title }} {{ .Site.LanguageCode }} {{ range .Site.Menus.main }}{{ end }} {{ .Site.Copyright }}"
        let problems = Self.problems(["article": template])
        func at(_ place: String, _ typed: String, _ advice: String) -> String {
            Self.foreignTag(at: place, typed, "Hugo's template syntax (Go templates)", advice)
        }
        let section = Self.sectionAdvice
        #expect(problems == [
            at("1:5", "{{ .Title }}", "write {{title}}"),
            at("1:22", "{{- .Content -}}", "write {{{body}}}"),
            at("1:38", "{{ .Params.colour }}", "write {{extra.colour}}"),
            at("1:59", "{{ .Site.Params.owner }}", "write {{site.extra.owner}}"),
            at("1:84", "{{ .Kind }}", "a value is named without the dot: {{title}}, {{{body}}}, {{extra.name}} for an article's own key"),
            at("2:1", "{{ if .Draft }}", section),
            at("2:17", "{{ end }}", section),
            at("2:27", "{{ .Title | upper }}", "there are no filters: sitegen's transforms are written as functions, {{uppercased(title)}}"),
            at("2:48", "{{{ .Content }}}", "write {{{body}}}"),
            at("3:1", "{{ range .Pages }}", "write the section {{#articles}}…{{/articles}} (shown when 'articles' is set, once for each item of a list;"
                + " {{^articles}}…{{/articles}} when it is not)"),
            at("3:23", "{{ .Title }}", "write {{title}}"),
            at("3:40", "{{ end }}", "write {{/articles}}, which ends {{#articles}}"),
            at("4:1", "{{ with .Params.note }}", "write the section {{#extra.note}}…{{/extra.note}} (shown when 'extra.note' is set, once for each item of"
                + " a list; {{^extra.note}}…{{/extra.note}} when it is not)"),
            at("4:31", "{{ else }}", "write {{/extra.note}}{{^extra.note}}: what follows is shown when 'extra.note' is not set"),
            at("4:45", "{{ end }}", "write {{/extra.note}}, which ends {{#extra.note}}"),
            at("5:1", "{{ partial \"footer.html\" . }}", "write the partial {{>footer}}, for Templates/footer.mustache"),
            at("5:30", "{{ define \"main\" }}", "write the block inside the parent it fills, {{<base}}{{$main}}…{{/main}}{{/base}}"),
            at("5:49", "{{ end }}", "write {{/main}}, which ends {{$main}}"),
            at("5:58", "{{ .Date.Format \"2006-01-02\" }}", "write {{reviewed}}"),
            at("5:89", "{{ len .Pages }}", "Go's functions are not run: sitegen's transforms are written as functions, {{uppercased(title)}}, {{count(articles)}}"),
            // A key of sitegen's front matter is the page's own, not under `extra`.
            at("6:1", "{{ .Params.summary }}", "write {{summary}}"),
            // Hugo's names for settings sitegen has under others; one it has not (`copyright`) is no setting to name.
            at("7:1", "{{ .Site.Title }}", "write {{site.title}}"),
            at("7:19", "{{ .Site.LanguageCode }}", "write {{site.language}}"),
            at("7:44", "{{ range .Site.Menus.main }}", "write the section {{#nav}}…{{/nav}} (shown when 'nav' is set, once for each item of a list;"
                + " {{^nav}}…{{/nav}} when it is not)"),
            at("7:72", "{{ end }}", "write {{/nav}}, which ends {{#nav}}"),
            at("7:82", "{{ .Site.Copyright }}", "a value is named without the dot: {{title}}, {{{body}}}, {{extra.name}} for an article's own key"),
        ], "\(problems)")
    }

    /// What Mustache reads as a name is no Go: the current value (`{{.}}`), a name it holds (`{{.title}}`, which
    /// prints the title), a dotted name, and a site's own keys in their section, whatever their case.
    @Test func mustacheNamesWithADotAreNotHugos() throws {
        let template = "{{<base}}{{$main}}<h1>{{.title}}</h1>{{{body}}}{{#tags}}{{.}} {{/tags}}{{site.title}}"
            + "{{#extra.authors}}{{.Name}} {{ end }}{{/extra.authors}}{{#references}}{{.number}}{{/references}}{{/main}}{{/base}}"
        #expect(try Self.warnings(["article": template]) == [])
        let library = try TemplateLibrary(
            siteTemplates: [(name: "article", source: SourceText(path: "Templates/article.mustache", text: "<h1>{{.title}}</h1>{{#extra.authors}}{{.Name}};{{/extra.authors}}"))],
            words: SiteWords())
        let page = library.render(["title": .text("Statins"), "extra": .object(["authors": .list([.object(["Name": .text("Roe")])])])], template: "article")
        #expect(page == "<h1>Statins</h1>Roe;")
    }

    /// A template brought from Jekyll (Liquid) names what no page holds: each tag is an error, quoted as typed, that says
    /// what to write (a page was published without its body for `{{ content }}`).
    @Test func jekyllsTemplateSyntaxIsAnErrorThatSaysWhatToWrite() throws {
        let problems = Self.problems(["article": "{{ page.title }} {{ page.mood }} {{ content }} {{ title | upcase }} {{ endif }}"])
        func at(_ column: Int, _ typed: String, _ advice: String) -> String {
            Self.foreignTag(at: "1:\(column)", typed, "Jekyll's template syntax (Liquid)", advice)
        }
        let section = Self.sectionAdvice
        #expect(problems == [
            at(1, "{{ page.title }}", "write {{title}}"),
            at(18, "{{ page.mood }}", "write {{extra.mood}}"),
            at(34, "{{ content }}", "write {{{body}}}"),
            at(48, "{{ title | upcase }}", "there are no filters: sitegen's transforms are written as functions, {{uppercased(title)}}"),
            at(69, "{{ endif }}", section),
        ], "\(problems)")
    }

    /// Liquid's `{% … %}` is no Mustache tag: a layout brought from Jekyll printed it on every page, without a word.
    @Test func aLiquidTagInATemplateSaysWhatToWrite() throws {
        #expect(try Self.warnings(["article": "<h1>{{title}}</h1>\n  é {% include partials/footer.html %}\n"]) == [
            "Templates/article.mustache:2:5: warning: '{% include partials/footer.html %}' is Jekyll's template syntax (Liquid), which Mustache does not run:"
                + " every page prints it as written; write an include as a partial, {{>partials/footer}}, for Templates/partials/footer.mustache",
        ])
        #expect(try Self.warnings(["article": "{% if page.title %}{{title}}{% endif %}\n{% for tag in page.tags %}"]) == [
            "Templates/article.mustache:1:1: warning: '{% if page.title %}' is Jekyll's template syntax (Liquid), which Mustache does not run:"
                + " every page prints it as written; write a condition or a loop as a section, {{#name}}…{{/name}} (shown when 'name' is set,"
                + " once for each item of a list), and an include as a partial, {{>name}} (2 more in this template)",
        ])
        #expect(try Self.warnings(["article": "<p>100% {{title}}</p><style>p { width: 50% }</style>"]) == [])
    }

    /// A value that is HTML, written escaped: the page would show its tags as text.
    @Test func htmlWrittenEscapedIsReported() throws {
        let warnings = try Self.warnings(["article": "{{body}}\n{{#references}}{{html}}{{/references}} {{{body}}} {{#extra}}{{html}}{{/extra}}"])
        #expect(warnings == [
            "Templates/article.mustache:1:1: warning: '{{body}}' escapes the HTML that 'body' holds, so the page shows its tags as text; write '{{{body}}}'",
            "Templates/article.mustache:2:16: warning: '{{html}}' escapes the HTML that 'html' holds, so the page shows its tags as text; write '{{{html}}}'",
        ], "\(warnings)")
    }

    @Test func theSitesAndArticlesOwnKeysAreNotChecked() throws {
        let template = "{{site.extra.owner}} {{#site.extra.team}}{{name}}{{person}}{{/site.extra.team}} {{extra.mood}} {{#extra}}{{mood}}{{/extra}}"
            + " {{#references}}{{number}} {{{html}}}{{/references}}{{#nav}}{{title}}{{/nav}} {{.}} {{#first()}}x{{/first()}}"
            + " {{site.title}} {{#site.nav}}{{url}}{{/site.nav}} {{site.search.synonyms}} {{#site}}{{owner}}{{/site}}"
        #expect(try Self.warnings(["article": template]) == [])
    }

    /// `site` holds sitegen.yml's keys, and sitegen.yml takes no others: a mistyped one always prints nothing.
    @Test func aMistypedSettingUnderSiteIsReported() throws {
        #expect(try Self.warnings(["article": "<title>{{site.titel}}</title>\n{{#site.owner}}{{name}}{{/site.owner}}"]) == [
            "Templates/article.mustache:1:8: warning: no page's context has 'site.titel', so '{{site.titel}}' is always empty; did you mean 'site.title'? (the site's own values are under 'site.extra.')",
            "Templates/article.mustache:2:1: warning: no page's context has 'site.owner', so '{{#site.owner}}' is always empty (the site's own values are under 'site.extra.')",
        ])
    }

    @Test func aBlockItsParentDoesNotDeclareIsReported() throws {
        let templates = [
            "frame": "<main>{{$content}}{{/content}}</main>{{$footer}}{{/footer}}",
            "wide": "{{<frame}}{{$content}}<div>{{$inner}}{{/inner}}</div>{{/content}}{{/frame}}",
            "article": "{{<wide}}{{$inner}}ok{{/inner}}{{$contnet}}lost{{/contnet}}{{$footer}}f{{/footer}}{{$body}}b{{/body}}{{/wide}}",
        ]
        #expect(try Self.warnings(templates) == [
            "Templates/article.mustache:1:32: warning: the parent 'wide' declares no block 'contnet', so its content never appears; did you mean 'content'?",
            "Templates/article.mustache:1:83: warning: the parent 'wide' declares no block 'body', so its content never appears; it declares 'content', 'footer', 'inner'",
        ])
    }

    @Test func aTemplateThatIncludesItselfWhateverTheDataIsAnError() throws {
        let sources = ["article": "<p>{{title}}</p>\n  {{>footer}}", "footer": "{{#nav}}x{{/nav}}{{>article}}"].map {
            (name: $0.key, source: SourceText(path: "Templates/\($0.key).mustache", text: $0.value))
        }
        do {
            _ = try TemplateLibrary(siteTemplates: sources.sorted { $0.name < $1.name }, words: SiteWords())
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.map(\.description).contains(
                "Templates/article.mustache:2:3: error: template error: 'article' includes itself here without end (through '{{>footer}}' outside any section); put the inclusion inside a section that ends"))
        }
        // Through an override that the parent prints whatever the data (the built-in `base` prints `main`), as in a
        // page template copied by `sitegen templates`; not through one the parent prints only in a section, or a
        // block of the template's own (a child may replace it).
        #expect(Self.problems(["article": "{{<base}}{{$main}}<p>{{{body}}} {{>article}}</p>{{/main}}{{/base}}"]) == [
            "Templates/article.mustache:1:33: error: template error: 'article' includes itself here without end (through '{{>article}}' outside any section); put the inclusion inside a section that ends"
        ])
        #expect(Self.problems(["frame": "{{#page}}{{$x}}{{/x}}{{/page}}", "article": "{{<frame}}{{$x}}{{>article}}{{/x}}{{/frame}}"]).isEmpty)
        #expect(Self.problems(["article": "{{$x}}{{>article}}{{/x}}"]).isEmpty)
        // A comment left open swallows the tags up to the next `}}`: the error names the comment, not where the structure
        // broke; a comment that closes is no cause.
        let open = Self.problems(["article": "<p>\n{{!left open\n{{#title}}x{{/title}}\n</p>"])
        #expect(open.count == 1 && open[0].hasPrefix("Templates/article.mustache:2:1: error: template error: this comment runs to line 3, over the tags between ("), "\(open)")
        let closed = Self.problems(["article": "{{! fine }}\n{{#title}}x{{/titl}}"])
        #expect(closed.count == 1 && closed[0].hasPrefix("Templates/article.mustache:2:") && !closed[0].contains("comment"), "\(closed)")
        // Inside a section, recursion ends with the data: a tree of questions.
        let tree = [(name: "tree", source: SourceText(path: "Templates/tree.mustache", text: "<li>{{title}}<ul>{{#articles}}{{>tree}}{{/articles}}</ul></li>"))]
        #expect(try TemplateLibrary(siteTemplates: tree, words: SiteWords()).warnings.isEmpty)
    }

    /// A key added to a page's context must be listed among the names pages hold, or templates using it get a warning.
    @Test func everyContextKeyIsAKnownName() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\nnav: [{title: About, url: /about/}]\n",
            "Content/bibliography/refs.json": BuildPipelineTests.refs,
            "Content/a.md": article(
                "A", "Text [@smith2020].\n",
                extra: "summary: S\ntopic: Heart\nconfidence: high\nreviewed: 2026-01-15\nquestions: [Q?]\ntags: [t]\nextra: {mood: calm}\n"),
        ])
        defer { site.remove() }
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let pages = PageBuilder(settings: rendered.settings, templates: try TemplateLibrary(siteTemplates: [], words: SiteWords()), hasFeed: true)
        let article = try #require(rendered.articles.first)
        var keys = Set(pages.articleContext(article).keys).union(pages.listEntry(article.article).keys)
        for value in [pages.referenceContext(try #require(article.references.first)), pages.topicContext((slug: "heart", name: "Heart", count: 1))] {
            if case .object(let object) = value { keys.formUnion(object.keys) }
        }
        #expect(keys.count > 30)
        #expect(keys.subtracting(PageBuilder.contextKeys) == [])
    }

    /// A reference's keys that no template looks up are left empty: each is there once a template names it, in any
    /// template of the site (here in partials the article's includes, `pubmed` only inside a transform).
    @Test func everyReferenceKeyATemplateNamesIsFilled() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\n",
            "Content/bibliography/refs.json": BuildPipelineTests.refs.replacingOccurrences(of: #""DOI""#, with: #""PMID": "12345678", "DOI""#),
            "Content/a.md": article("A", "Text [@smith2020].\n"),
            "Templates/article.mustache": "{{#references}}{{>entry}}{{/references}}{{>first-entry}}",
            "Templates/entry.mustache": "[{{number}}|{{id}}|{{key}}|{{text}}|{{{formatted}}}|{{doi}}|{{{html}}}]",
            "Templates/first-entry.mustache": "{{#first(references)}}({{pubmed}}){{/first(references)}}",
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(report.diagnostics.filter(\.isError).map(\.description) == [])
        let formatted = #"Smith A. <a href="https://doi.org/10.1000/xyz">A trial</a>. J Med. 2020;1:1–9."#
        #expect(try site.read("a/index.html") == """
            [1|ref-smith2020|smith2020|Smith A. A trial. J Med. 2020;1:1–9.|\(formatted)|https://doi.org/10.1000/xyz|\(formatted) \
            <span class="ref-links"><a href="https://doi.org/10.1000/xyz" aria-label="DOI for reference 1">DOI</a> \
            <a href="https://pubmed.ncbi.nlm.nih.gov/12345678/" aria-label="PubMed record for reference 1">PubMed</a></span> \
            <span class="backlinks"><a href="#cite-1" aria-label="Back to where reference 1 is cited">↩</a></span>](https://pubmed.ncbi.nlm.nih.gov/12345678/)
            """)
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let article = try #require(rendered.articles.first)
        // The built-in templates name `id` and `html` of a reference, and `number` and `text` elsewhere.
        let pages = PageBuilder(settings: rendered.settings, templates: try TemplateLibrary(siteTemplates: [], words: SiteWords()), hasFeed: true)
        guard case .object(let object) = pages.referenceContext(try #require(article.references.first)) else { throw CancellationError() }
        #expect(object["key"].map { if case .null = $0 { true } else { false } } == true)
        #expect(object["doi"].map { if case .null = $0 { true } else { false } } == true)
        #expect(object["id"].map { if case .text("ref-smith2020") = $0 { true } else { false } } == true)
    }

    /// The built-in templates read the site's words when they are compiled; one that a site template includes inside a
    /// section over an article's own keys reads them on each page, where `extra` may hold its own `words`, as the
    /// specification's lookup finds them (an outer context's name hidden by an inner one's).
    @Test func aBuiltInTemplateIncludedInsideExtraFindsTheWordsOfExtra() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: T\n",
            "Content/index.md": "---\ntitle: Home\nextra: {words: {lastReviewed: Checked}}\n---\nWelcome.\n",
            "Content/a.md": article("A?", "Alpha.\n", extra: "reviewed: 2026-01-02\n"),
            "Templates/home.mustache": "{{<base}}{{$main}}{{#extra}}{{>article-list}}{{/extra}}{{/main}}{{/base}}\n",
        ])
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(try site.read("index.html").contains(#"<span class="reviewed">Checked <time"#))
    }
}
