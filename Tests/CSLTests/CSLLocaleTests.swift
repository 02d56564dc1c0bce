import CSL
import Foundation
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

struct CSLLocaleTests {
    func locale(_ name: String) throws -> CSLLocale {
        try CSLLocale(XMLReader.read(String(contentsOf: fixtures.appendingPathComponent("locales/locales-\(name).xml"), encoding: .utf8)))
    }

    @Test func theEnglishLocaleHasItsTermsFormsAndDates() throws {
        let english = try locale("en-US")
        #expect(english.language == "en-US" && english.punctuationInQuote == true)
        #expect(english.term("and") == "and" && english.term("and", form: .symbol) == "&")
        #expect(english.term("page") == "page" && english.term("page", plural: true) == "pages")
        #expect(english.term("page", form: .short) == "p." && english.term("page", form: .short, plural: true) == "pp.")
        #expect(english.term("editor", form: .verb) == "edited by" && english.term("editor", form: .verbShort) == "ed. by")
        // A form the locale lacks falls back: "et-al" has no symbol or short form.
        #expect(english.term("et-al", form: .symbol) == english.term("et-al"))
        #expect(english.term("no such term") == nil)
        #expect(english.dateFormats[.text]?.map(\.name) == [.month, .day, .year])
        #expect(english.dateFormats[.numeric]?.first?.form == "numeric-leading-zeros")
        #expect(english.dateFormats[.text]?.first?.formatting == [XMLAttribute(name: "suffix", value: " ")])
        #expect(try locale("en-GB").punctuationInQuote == false)
    }

    @Test func everyLocaleAndEveryStylesOverrideReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("locales").path)
        // Every locale of citation-style-language/locales; the least complete has some 150 terms.
        #expect(names.count == 62)
        for name in names {
            let locale = try CSLLocale(XMLReader.read(String(contentsOf: fixtures.appendingPathComponent("locales/" + name), encoding: .utf8)))
            #expect(locale.term("and") != nil && locale.dateFormats.count == 2, "\(name)")
            #expect(locale.terms.count > 150, "\(name): \(locale.terms.count) terms")
        }
        // Vancouver's own override: NLM's month abbreviations for every English locale.
        let style = try XMLReader.read(String(contentsOf: fixtures.appendingPathComponent("styles/vancouver.csl"), encoding: .utf8))
        let override = try CSLLocale(try #require(style.elements.first { $0.name == "locale" }))
        #expect(override.language == "en")
        #expect(override.term("month-09", form: .short) == "Sep" && override.term("month-09") == nil)
    }

    /// Mistakes in a locale are refused at the element where they are, with what was expected.
    @Test func mistakesAreRefusedWhereTheyAre() throws {
        let cases: [(text: String, line: Int, column: Int?, message: String)] = [
            ("<locale>\n<terms><term name=\"page\" form=\"shrt\">p.</term></terms></locale>", 2, 8, "unknown form 'shrt' on <term>; expected long, short, verb, verb-short or symbol"),
            ("<locale><terms>\n  <term>x</term></terms></locale>", 2, 3, "a term needs a name"),
            ("<locale><style-options punctuation-in-quote=\"yes\"/></locale>", 1, 9, "is true or false, not 'yes'"),
            ("<locale><date form=\"text\"><date-part name=\"month\" form=\"abbreviated\"/></date></locale>", 1, 27, "unknown form 'abbreviated' for the month"),
            ("<locale><date><date-part name=\"day\"/></date></locale>", 1, 9, "<date> needs 'form': text or numeric"),
            ("<locale><term name=\"x\">y</term></locale>", 1, 9, "unknown element <term> in <locale>"),
            ("<locale><terms><term name=\"x\"><single>a</single></term></terms></locale>", 1, 16, "<single> then <multiple>"),
            ("<locale><style-options punctuation-in-qoute=\"true\"/></locale>", 1, 9, "unknown attribute 'punctuation-in-qoute' on <style-options>; did you mean 'punctuation-in-quote'?"),
            ("<locale><terms><term name=\"x\" plural=\"true\">y</term></terms></locale>", 1, 16, "unknown attribute 'plural' on <term>; expected name, form, gender, gender-form or match"),
        ]
        Refusal.expect(cases) { _ = try CSLLocale(XMLReader.read($0)) }
    }
}
