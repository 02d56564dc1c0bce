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
}
