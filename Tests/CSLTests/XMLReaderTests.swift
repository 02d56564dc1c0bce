import CSL
import Foundation
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

struct XMLReaderTests {
    /// Every style and locale reads as Python's expat reads it: the same elements, attributes in the same order and
    /// the same text (`make-xml-golden.py` made the summaries of expat's reading).
    @Test func everyStyleAndLocaleReadsAsExpatReadsIt() throws {
        let golden = try String(contentsOf: fixtures.appendingPathComponent("xml-expat.txt"), encoding: .utf8)
        let rows = golden.split(separator: "\n")
        #expect(rows.count == 75)
        for row in rows {
            let path = String(row.split(separator: " ")[0])
            let text = try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
            let dump = Self.dump(try XMLReader.read(text))
            let lines = dump.split(separator: "\n")
            let summary = "\(path) \(lines.count { $0.hasPrefix("<") }) \(lines.count { $0.hasPrefix("T") }) \(Self.fnv1a(dump))"
            #expect(summary == String(row), "compare with python3 Tests/CSLTests/make-xml-golden.py Tests/CSLTests/Fixtures/\(path)")
        }
    }

    @Test func elementsAttributesAndTextAreRead() throws {
        let text = """
            \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
            <!-- a comment -->
            <style xmlns="http://purl.org/net/xbiblio/csl" class='in-text'
                   version="1.0"><info><title>A &amp; B &#8211; &#x2014;</title></info>
              <locale><terms><term name="open-quote">“</term><term name="x"><![CDATA[<raw> & ]]>more</term></terms></locale>
              <macro name="m"><text value="a&#10;b&lt;c	d"/></macro>
            </style>
            <!-- after -->
            """
        let root = try XMLReader.read(text)
        #expect(root.name == "style")
        #expect(root.attributes.map(\.name) == ["xmlns", "class", "version"])
        #expect(root[attribute: "class"] == "in-text" && root[attribute: "missing"] == nil)
        #expect(root.elements.map(\.name) == ["info", "locale", "macro"])
        #expect(root.elements[0].text == "A & B – —")
        let terms = root.elements[1].elements[0].elements
        #expect(terms.map(\.text) == ["“", "<raw> & more"])
        // In an attribute value a tab is a space; a character reference for a line feed stays one.
        #expect(root.elements[2].elements[0][attribute: "value"] == "a\nb<c d")
        // Each element knows where it starts: the macro is on line 6, column 3.
        #expect(XMLReader.location(of: root.elements[2].offset, in: text) == (6, 3))
    }

    @Test func lineBreaksAreLineFeedsInTextAndSpacesInAttributes() throws {
        let root = try XMLReader.read("<a b=\"1\r\n2\">x\r\ny\rz<![CDATA[\r\n]]></a>")
        #expect(root[attribute: "b"] == "1 2")
        #expect(root.text == "x\ny\nz\n")
    }

    /// Mistakes are refused at the line and column where they are, saying what was expected.
    @Test func mistakesAreLocated() {
        let cases: [(text: String, line: Int, column: Int?, message: String)] = [
            ("<style>\n  <info>\n</style>", 3, 1, "expected </info>"),
            ("<a>\n<b x=1/></a>", 2, 6, "must be in quotes"),
            ("<a x=\"1\" x=\"2\"/>", 1, 10, "appears twice"),
            ("<a>&nbsp;</a>", 1, 4, "unknown entity &nbsp;"),
            ("<a>AT&T</a>", 1, 6, "'&' must begin a reference"),
            ("<a>&#0;</a>", 1, 4, "not a character"),
            ("<a>\n<b>", 2, 1, "<b> is not closed"),
            ("<a/><b/>", 1, 5, "nothing may follow the root element"),
            ("<!-- only a comment -->", 1, 24, "no root element"),
            ("<a x=\"<\"/>", 1, 7, "'<' may not appear in an attribute value"),
            ("<a><!-- open</a>", 1, 4, "comment is not closed"),
            ("<a b=\"1\"c=\"2\"/>", 1, 9, "expected a space, '>' or '/>'"),
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", 1, 13, "internal subset"),
            ("<a>]]></a>", 1, 4, "']]>' may not appear in text"),
        ]
        Refusal.expect(cases) { _ = try XMLReader.read($0) }
    }

    /// The canonical dump `make-xml-golden.py` describes.
    static func dump(_ element: XMLElement) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        }
        var lines = "<" + element.name + element.attributes.map { " \($0.name)=\(escaped($0.value))" }.joined() + "\n"
        for child in element.children {
            switch child {
            case .element(let child): lines += dump(child)
            case .text(let text) where !text.utf8.allSatisfy({ [0x20, 0x09, 0x0D, 0x0A].contains($0) }): lines += "T" + escaped(text) + "\n"
            case .text: break
            }
        }
        return lines + "</" + element.name + "\n"
    }

    static func fnv1a(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
