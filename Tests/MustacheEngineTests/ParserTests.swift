@testable import MustacheEngine
import Testing

/// What build-time checks read of a template: its tags with their places, whether it has text of its own, and
/// located errors.
struct ParserTests {
    static func template(_ text: String) throws -> Template {
        try #require(try TemplateSet([(name: "t", text: text)])["t"])
    }

    /// Every name the check of templates knows as a transform transforms a value of some kind, and a name it does
    /// not know transforms none: the list and the transforms are one set.
    @Test func theTransformNamesAreTheTransforms() {
        let values: [TemplateValue] = [.text("a"), .list([.int(2), .int(1)]), .object(TemplateObject(["k": .int(1)])), .int(3)]
        for name in TemplateValue.transformNames { #expect(values.contains { $0.transformed(by: name) != nil }, "\(name)") }
        for name in ["length", "size", "uppercase", "sort", "capitalised", "plus1"] { #expect(!values.contains { $0.transformed(by: name) != nil }, "\(name)") }
    }

    @Test func tagsAreReadWithTheirPlaces() throws {
        let template = try Self.template("a\n  {{#x}}{{{y}}}{{! note }}{{=<% %>=}}<%>p%><%/x%>é<%& z %>")
        #expect(template.tags.map { "\($0.kind):\($0.name)@\($0.line):\($0.column)" } == [
            "section:x@2:3", "variable(escaped: false):y@2:9", "comment:@2:16", "setDelimiters:<% %>=@2:27", "partial:p@2:38",
            "close:x@2:44", "variable(escaped: false):z@2:51",
        ])
        #expect(template.hasText)
        #expect(try !Self.template("{{{body}}}\n  {{! only tags }}\n").hasText)
        // A comment may hold the opening delimiter (it ends at the first closing one).
        #expect(try Self.template("{{! {{title}} }}").tags.map(\.kind) == [.comment])
    }

    @Test(arguments: [
        ("x {{y", "1:3: a tag is opened here and never closed"),
        ("{{#a}}\n  {{/b}}", "2:3: expected '{{/a}}' to close the section opened at line 1, column 1, found '{{/b}}'"),
        ("ok\n{{/a}}", "2:1: '{{/a}}' closes a section that was never opened"),
        ("{{#a}}{{^b}}{{/b}}", "1:1: section 'a' is never closed (add '{{/a}}')"),
        ("é {{=<%%>=}}", "1:3: a set-delimiter tag needs two delimiters without '=', as in '{{=<% %>=}}'"),
        // A brace short: the tag would run to the end of the next one and the error be reported there.
        ("<h1>{{title}</h1>\n<p>{{#a}}x{{/a}}", "1:5: '{{title}</h1>' is not closed before the next tag (at line 2, column 4); end it with '}}'"),
        ("{{{body}}\n{{x}}", "1:1: '{{{body}}' is not closed before the next tag (at line 2, column 1); end it with '}}}'"),
        ("{{=<% %>=}}<%a {{b}} <%c%>", "1:12: '<%a {{b}} ' is not closed before the next tag (at line 1, column 22); end it with '%>'"),
    ])
    func mistakesAreLocated(text: String, message: String) {
        #expect(throws: TemplateSet.Problems.self) { try TemplateSet([(name: "t", text: text)]) }
        do {
            _ = try TemplateSet([(name: "t", text: text)])
        } catch {
            #expect(error.errors.map { "\($0.error)" } == [message])
            #expect(error.errors.map(\.name) == ["t"])
        }
    }

    /// A template that includes itself without end stops at a depth instead of exhausting the stack.
    @Test func endlessInclusionStops() throws {
        let set = try TemplateSet([(name: "t", text: "x{{>t}}")])
        #expect(set.render("t", .object([:])) == String(repeating: "x", count: 201))
    }
}
