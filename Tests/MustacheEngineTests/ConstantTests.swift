import MustacheEngine
import TestSupport
import Testing

/// Values read when a set is made (``TemplateSet/readingConstants(_:in:)``) render as the same values looked up on
/// each page: random templates with `words` tags among the differential tests' tags, sections, lists and indented
/// partials, rendered both ways.
struct ConstantTests {
    static let words: TemplateValue = .object([
        "title": .text("Tom & <Jerry>"), "empty": .text(""), "count": .int(3), "on": .bool(true), "off": .bool(false), "none": .null,
        "en": .object(["on": .bool(true)]), "tags": .texts(["a", "b"]),
    ])
    static let tags = [
        "{{words.title}}", "{{{words.title}}}", "{{& words.empty }}", "{{words.count}}", "{{words.missing}}", "{{words.title.inner}}",
        "{{words.en}}", "{{words.tags}}", "{{#words.on}}ON{{/words.on}}", "{{^words.off}}OFF{{/words.off}}", "{{#words.none}}N{{/words.none}}",
        "{{^words.missing}}M{{/words.missing}}", "{{#words.en.on}} lang=\"en\"{{/words.en.on}}", "{{^words.en.off}}!{{/words.en.off}}",
        "{{#words.tags}}{{.}}{{words.count}},{{/words.tags}}", "{{#words.en}}{{on}}{{words.title}}{{/words.en}}", "{{#words.title}}{{.}}{{/words.title}}",
        "\n{{#words.on}}\n  standalone\n{{/words.on}}\n", "\n  {{^words.on}}\n  hidden\n  {{/words.on}}\n", "{{count(words.tags)}}",
    ]

    static func template(_ random: inout SeededGenerator, depth: Int = 0) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: text += DifferentialTests.template(&random, depth: 2)
            case 1, 2: text += tags.randomElement(using: &random)!
            case 3 where depth < 3:
                // A list of objects pushed on the context, and a flag that pushes none.
                text += "{{#items}}" + template(&random, depth: depth + 1) + "{{/items}}\n{{#on}}\n" + template(&random, depth: depth + 1) + "\n{{/on}}\n"
            case 4: text += ["\n  {{>part}}\n", "x{{>part}}y", "{{<parent}}{{$b}}" + tags.randomElement(using: &random)! + "{{/b}}{{/parent}}"].randomElement(using: &random)!
            default: text += ["\n", " ", "<p>", "\n  "].randomElement(using: &random)!
            }
        }
        return text
    }

    @Test func tenThousandRandomTemplatesRenderAsWhenTheirConstantsAreLookedUp() throws {
        var random = SeededGenerator(state: 62)
        let part = "{{words.title}}\n{{#words.on}}\n  on {{words.count}}\n{{/words.on}}\n{{#items}}[{{words.empty}}{{title}}]{{/items}}\n"
        let parent = "<{{$b}}{{words.title}}{{/b}}|{{#words.en.on}}{{$c}}C{{/c}}{{/words.en.on}}>\n"
        var differences: [String] = []
        for run in 0..<10_000 {
            let text = Self.template(&random)
            guard case .object(var context) = DifferentialTests.object(&random, depth: 0).ours else { continue }
            context["words"] = Self.words
            let set = try TemplateSet([(name: "t", text: text), (name: "part", text: part), (name: "parent", text: parent)])
            let read = set.readingConstants(["words": Self.words], in: ["t", "part", "parent"])
            let expected = set.render("t", .object(context)), found = read.render("t", .object(context))
            if expected != found, differences.count < 5 {
                differences.append("run \(run): \(text.debugDescription)\nlooked up: \(String(describing: expected).debugDescription)\nread once: \(String(describing: found).debugDescription)")
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n\n"))")
    }

    /// A section over a constant's object pushes it on the context, where its keys come first: inside it, a name that is a
    /// constant's is looked up on each page.
    @Test func aConstantsObjectPushedOnTheContextHidesTheConstants() throws {
        let words: TemplateValue = .object(["title": .text("outer"), "inner": .object(["words": .object(["title": .text("inner")])] as TemplateObject)] as TemplateObject)
        let set = try TemplateSet([(name: "t", text: "{{words.title}}/{{#words.inner}}{{words.title}}{{/words.inner}}")])
        let context: TemplateValue = .object(["words": words])
        #expect(set.render("t", context) == "outer/inner")
        #expect(set.readingConstants(["words": words], in: ["t"]).render("t", context) == "outer/inner")
        // Templates not named read them on each page: a context without them prints none. In one named, the text is read
        // once, and the section over an object still on each page.
        #expect(set.readingConstants(["words": words], in: []).render("t", .object([:])) == "/")
        #expect(set.readingConstants(["words": words], in: ["t"]).render("t", .object([:])) == "outer/")
    }
}
