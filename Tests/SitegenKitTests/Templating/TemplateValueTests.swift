import Foundation
import Mustache
import Testing

@testable import SitegenKit

/// Template contexts carry strings as `TemplateText` (fewer dynamic casts in swift-mustache); every template must
/// render exactly as it does with plain strings.
struct TemplateValueTests {
    static var context: [String: Any] { [
        "title": "Do <statins> help & \"when\"?", "empty": "", "body": "<p>Hi</p>",
        "tags": ["heart", "Blood", "age"], "none": [String](), "count": 3, "flag": true, "off": false,
        "site": ["title": "Answers", "nested": ["deep": "value"]],
        "references": [["number": 1, "id": "ref-a", "html": "<i>A</i>"], ["number": 2, "id": "ref-b", "html": "B"]],
        "mixed": ["x", 2, ["k": "v"]] as [Any],
    ] }

    static let templates = [
        "{{title}}|{{{title}}}|{{&body}}|{{empty}}|{{missing}}|{{count}}|{{flag}}",
        "{{#title}}[{{.}}]{{/title}}{{^title}}no{{/title}}{{#empty}}e{{/empty}}{{^empty}}not-e{{/empty}}",
        "{{#tags}}{{.}},{{/tags}}{{^none}}none{{/none}}{{#none}}x{{/none}}",
        "{{#sorted(tags)}}{{.}};{{/sorted(tags)}}{{#reversed(tags)}}{{.}};{{/reversed(tags)}}",
        "{{first(tags)}} {{last(tags)}} {{count(tags)}} {{empty(tags)}} {{empty(none)}}",
        "{{uppercased(title)}} {{lowercased(title)}} {{capitalized(title)}} {{reversed(title)}} {{empty(empty)}}",
        "{{site.title}} {{site.nested.deep}} {{#site}}{{title}} {{count}}{{/site}} {{site.missing.x}}",
        "{{#references}}<li id=\"{{id}}\">{{number}} {{{html}}} {{title}}</li>{{/references}}",
        "{{#title}}{{count}} {{site.title}} {{.}}{{/title}}",
        "{{#mixed}}({{.}}{{k}}){{/mixed}}",
        "{{#first(references)}}{{id}}{{/first(references)}}",
    ]

    @Test func wrappedStringsRenderExactlyLikeStrings() throws {
        let library = try TemplateLibrary(siteTemplates: [])
        _ = library  // registers the escaping content type the templates name
        for text in Self.templates {
            let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: SITEGEN_HTML}}" + text)
            let plain = template.render(Self.context)
            let wrapped = template.render(TemplateLibrary.templateValues(Self.context))
            #expect(wrapped == plain, "\(text)")
            #expect(!plain.isEmpty)
        }
    }

    /// `PageBuilder` makes its contexts template-ready as it builds them and renders them without a second pass:
    /// a bare `String` anywhere in one would render the same, only through swift-mustache's slow path.
    @Test func pageContextsHoldNoBareStrings() async throws {
        let site = try TestSite([
            "sitegen.yml": "title: Test Answers\nbaseURL: https://example.org/sub/\nextra: {owner: {name: Ann, links: [a, b]}}\n",
            "Content/bibliography/refs.json": BuildPipelineTests.refs,
            "Content/statins.md": article(
                "Do statins help?", "They lower risk [@smith2020; @smith2020, p. 3].\n",
                extra: "summary: Often.\ntopic: Cardiology\nconfidence: high\nreviewed: 2026-01-15\nquestions: [Is it for me?]\n"
                    + "tags: [heart, lipids]\nextra: {mood: calm, extras: {note: yes, list: [x, y]}}\n"),
        ])
        defer { site.remove() }
        let rendered = try await BuildPipeline(BuildOptions(source: site.root.path)).render()
        let pages = PageBuilder(settings: rendered.settings, templates: try TemplateLibrary(siteTemplates: []))
        let article = try #require(rendered.articles.first)
        #expect(!article.references.isEmpty)
        func bareStrings(_ value: Any, at path: String) -> [String] {
            switch value {
            case is String: return [path]
            case let map as [String: Any]: return map.flatMap { bareStrings($0.value, at: path + "." + $0.key) }
            case let list as [Any]: return list.enumerated().flatMap { bareStrings($0.element, at: path + "[\($0.offset)]") }
            default: return []
            }
        }
        let context = pages.articleContext(article)
        for key in ["site", "extra", "references", "tags", "questions", "jsonLD", "body", "title", "url"] {
            #expect(context[key] != nil, "\(key)")
        }
        #expect(bareStrings(context, at: "article") == [])
        #expect(bareStrings(pages.baseContext(path: "x/", title: "T", description: "D"), at: "base") == [])
        #expect(bareStrings(pages.listEntry(article.article), at: "entry") == [])
    }

    @Test(arguments: ["/", "/repo", "/repo/", "https://example.org", "https://example.org/", "http://host:8080/a/b", "https://u.github.io/r/"])
    func siteAddressesAnswerAsTheSettingsDo(baseURL: String) {
        var settings = SiteSettings()
        settings.baseURL = baseURL
        let addresses = SiteAddresses(settings)
        #expect(addresses.basePath == settings.basePath)
        for path in ["", "a/b/", "feed.xml"] {
            #expect(addresses.absoluteURL(path) == settings.absoluteURL(path))
        }
    }
}
