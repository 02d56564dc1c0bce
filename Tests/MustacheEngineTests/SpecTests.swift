import Foundation
import MustacheEngine
import Testing

/// A JSON value of a spec test's data, read as the template context it stands for.
struct JSONData: Decodable {
    var value: TemplateValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            value = .int(number)
        } else if let number = try? container.decode(Double.self) {
            value = .double(number)
        } else if let text = try? container.decode(String.self) {
            value = .text(text)
        } else if let items = try? container.decode([JSONData].self) {
            value = .list(items.map(\.value))
        } else {
            value = .object(TemplateObject(try container.decode([String: JSONData].self).mapValues(\.value)))
        }
    }
}

let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Every test of the official Mustache specification outside lambdas: 184 of them.
struct SpecTests {
    struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        var name: String
        var data: JSONData
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~dynamic-names", "~inheritance"]

    static func tests(_ file: String) throws -> [SpecTest] {
        let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("mustache-spec/\(file).json"))
        return try JSONDecoder().decode(SpecFile.self, from: data).tests
    }

    @Test func thereAre184() throws {
        #expect(try Self.files.map { try Self.tests($0).count }.reduce(0, +) == 184)
    }

    @Test(arguments: files)
    func everyTestPasses(file: String) throws {
        for test in try Self.tests(file) {
            let partials = (test.partials ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, text: $0.value) }
            let set = try TemplateSet(partials + [(name: "<spec test>", text: test.template)])
            let output = set.render("<spec test>", test.data.value)
            #expect(output == test.expected, "\(file): \(test.name)\n\(test.template.debugDescription)")
        }
    }
}
