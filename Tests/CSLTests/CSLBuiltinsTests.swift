import CSL
import Foundation
import Testing

/// The styles and locales built into the binary are the fixture files (`make-builtins.py` writes them), and each reads.
@Suite struct CSLBuiltinsTests {
    @Test func builtInsAreTheFixtureFiles() throws {
        #expect(CSLBuiltins.styleNames.count == 11)
        #expect(Set(CSLBuiltins.styles.keys) == Set(CSLBuiltins.styleNames))
        for name in CSLBuiltins.styleNames {
            let file = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(name).csl"), encoding: .utf8)
            #expect(CSLBuiltins.styles[name] == file, "\(name): run python3 Tests/CSLTests/make-builtins.py")
            let style = try CSLStyle(XMLReader.read(try #require(CSLBuiltins.styles[name])))
            #expect(style.class == .inText && style.citationFormat != nil, "\(name)")
        }
        let folder = TestSuite.fixtures.appendingPathComponent("locales")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(CSLBuiltins.locales.count == files.count)
        for name in files {
            let language = String(name.dropFirst("locales-".count).dropLast(".xml".count))
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(CSLBuiltins.locales[language] == file, "\(language): run python3 Tests/CSLTests/make-builtins.py")
            #expect(try CSLLocale(XMLReader.read(file)).language == language)
        }
    }
}
