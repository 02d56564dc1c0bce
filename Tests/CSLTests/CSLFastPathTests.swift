@testable import CSL
import Foundation
import TestSupport
import Testing

/// The processor reads most names and sort values a byte at a time; each such path must give exactly what its rule
/// gives by characters (or by Foundation), on any text.
struct CSLFastPathTests {
    /// A seeded generator, so that a failure can be run again.
    typealias Generator = SeededGenerator

    static func text(_ alphabet: [String], upTo length: Int, _ generator: inout Generator) -> String {
        (0..<Int.random(in: 0...length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
    }

    @Test func sortOrderReadsASCIIAsItReadsCharacters() {
        var generator = Generator(state: 19)
        let alphabets: [[String]] = [
            // Every printable ASCII character, and some beyond (which only the comparison by characters reads).
            (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) } + ["é", "É", "ß", "\t", "\u{301}", "Ⅻ", "٣"],
            // Digits, letters and punctuation, to make runs of numbers and words that differ only in punctuation.
            ["0", "0", "0", "1", "2", "9", "a", "A", "z", " ", "-", ".", "(", "'"],
        ]
        for alphabet in alphabets {
            for round in 0..<60_000 {
                let a = CSLRenderer.sortWords(Self.text(alphabet, upTo: 12, &generator))
                // A third of the pairs differ from each other only a little: case, zeros, one more character.
                let b = CSLRenderer.sortWords(
                    round % 3 == 0 ? (Bool.random(using: &generator) ? a.uppercased() : a.replacing("0", with: "00")) + Self.text(alphabet, upTo: 1, &generator)
                        : Self.text(alphabet, upTo: 12, &generator))
                #expect(CSLProcessor.sortOrder(a, b) == CSLProcessor.unicodeSortOrder(a, b), "\(a.debugDescription) against \(b.debugDescription)")
            }
        }
        // Digits are characters, as pandoc sorts titles: "Trial 10" before "Trial 2".
        #expect(CSLProcessor.sortOrder("Trial 10", "trial 2") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("a01", "A1") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("Smith", "smith") == .orderedSame)
        #expect(CSLProcessor.sortOrder("_", "A") == .orderedAscending)
        // Punctuation counts only where the letters are the same, and a word's before the next word's letters.
        #expect(CSLProcessor.sortOrder("O-Brien", "Obi") == .orderedDescending)
        #expect(CSLProcessor.sortOrder("a", "a.") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("a z", "a. b") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("(7021) 7021", "7021") == .orderedAscending)
        // Accents count after letters; "ø" is an "o" with a mark, "æ" "ae".
        #expect(CSLProcessor.sortOrder("resume", "résumé") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("résumé", "resumf") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("Ø.", "Sr") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("o", "ø") == .orderedAscending)
        #expect(CSLProcessor.sortOrder("Æbel", "Afton") == .orderedAscending)
        var a = "x", b = "é"
        #expect(a.withUTF8 { a in b.withUTF8 { CSLProcessor.asciiWordOrder(a, $0) } } == nil)
    }

    @Test func asciiInitialsAreTheRuleByCharacters() {
        var generator = Generator(state: 23)
        let pieces = ["J", "j", "o", "hn", "Ts", "TSe", "-", "-", ".", " ", "  ", "M", "de", "Li", "wei", "3", "'", "A.", "(", "2x"]
        let marks = [".", ". ", "", " ", ".-", "\u{A0}", ". \u{301}"]
        for _ in 0..<40_000 {
            let given = Self.text(pieces, upTo: 7, &generator), mark = marks.randomElement(using: &generator)!
            let initialize = Bool.random(using: &generator), hyphen = Bool.random(using: &generator)
            let expected = CSLNames.characterInitials(given, with: mark, initialize: initialize, hyphen: hyphen)
            #expect(CSLNames.initials(given, with: mark, initialize: initialize, hyphen: hyphen) == expected,
                    "\(given.debugDescription) with \(mark.debugDescription), initialize \(initialize), hyphen \(hyphen)")
        }
        #expect(CSLNames.asciiInitials("Jean-Luc", with: ".", initialize: true, hyphen: true) == "J.-L.")
        #expect(CSLNames.asciiInitials("TSerendorjiin", with: ". ", initialize: true, hyphen: true) == "Ts.")
        #expect(CSLNames.asciiInitials("Jürgen", with: ".", initialize: true, hyphen: true) == nil)
    }

    @Test func firstAndLastCharactersAreStringsOwn() {
        var generator = Generator(state: 29)
        let pieces = ["a", ".", " ", "\r", "\n", "\r\n", "\u{301}", "é", "\u{600}", "#", "\u{FE0F}", "\u{20E3}", "🇫", "🇷", "\u{200D}", "”", "中"]
        for _ in 0..<50_000 {
            let text = Self.text(pieces, upTo: 5, &generator)
            #expect(text.lastCharacter == text.last, "\(text.debugDescription)")
            #expect(text.firstCharacter == text.first, "\(text.debugDescription)")
        }
    }

    @Test func sortWordsAndPluralsReadASCIIAsTheyReadCharacters() {
        var generator = Generator(state: 43)
        // Every ASCII character, some often, and a few beyond (which only the reading by characters reads).
        let alphabet = (0x00..<0x80).map { String(UnicodeScalar(UInt8($0))) }
            + ["a", "4", " ", " ", ",", "'", "-", "-", ";", "\\", "\r\n", "\t", "é", "–", "’"]
        for _ in 0..<60_000 {
            let text = Self.text(alphabet, upTo: 10, &generator)
            #expect(CSLRenderer.sortWords(text) == CSLRenderer.characterSortWords(text), "\(text.debugDescription)")
            #expect(CSLNumbers.isPlural(text) == CSLNumbers.characterIsPlural(text), "\(text.debugDescription)")
        }
    }

    @Test func periodsAreStrippedAsCharacters() {
        var generator = Generator(state: 41)
        let pieces = ["a", ".", ".", " ", "\r\n", "\u{301}", "é", "J.", "\u{2024}", "。", "中", "-"]
        for _ in 0..<30_000 {
            let text = Self.text(pieces, upTo: 8, &generator)
            #expect(CSLTextCase.strippingPeriods(text) == text.replacing(".", with: ""), "\(text.debugDescription)")
        }
        // A period that a combining mark follows is another character: kept.
        #expect(CSLTextCase.strippingPeriods("J. .\u{301}") == "J .\u{301}")
    }

    @Test func titleCaseCountsASCIIRunsAsItCountsCharacters() {
        var generator = Generator(state: 37)
        let alphabet = (0x00..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["\r\n", "a", "Z", "7", " "]
        for _ in 0..<20_000 {
            let text = Self.text(alphabet, upTo: 16, &generator)
            var count = 0, inRun = false
            for character in text {
                let letter = character.isLetter || character.isNumber
                if letter && !inRun { count += 1 }
                inRun = letter
            }
            #expect(WordCase.runCount([.text(text)]) == count, "\(text.debugDescription)")
        }
    }

    @Test func theStandInIsFoundAndReplacedAsTextIs() {
        var generator = Generator(state: 43)
        let alphabet = ["9", "0", "7", "3", "1", "8", "5", "2", "6", "4", "a", "é", "😀", CSLProcessor.locatorStandIn, "907318526"]
        for _ in 0..<20_000 {
            let text = Self.text(alphabet, upTo: 8, &generator)
            #expect(CSLProcessor.holdsStandIn(text) == text.contains(CSLProcessor.locatorStandIn), "\(text)")
            #expect(CSLProcessor.replacingStandIn(with: "12", in: text) == text.replacing(CSLProcessor.locatorStandIn, with: "12"), "\(text)")
        }
    }

    @Test func citesWithPageNumbersOfDigitsShareARenderAndPrintAsEachAlone() throws {
        // Real items, and one whose title holds the stand-in's digits (an author-date cite prints the title of an item
        // without an author: its cites are rendered with their own locators).
        let path = PandocGoldenTests.root.appendingPathComponent("Tests/SitegenKitTests/Fixtures/realbib/biblatex-examples.bib.csl.json")
        var items = Array(try JSONInput.items(String(contentsOf: path, encoding: .utf8)).prefix(40))
        items.append(CSLItem(id: "standin", type: "report", fields: ["title": "Report \(CSLProcessor.locatorStandIn)", "page": "3-9"]))
        let locators = ["16", "356", "1", "9", "123456789", "0", "007", "12-15", "iv", "3, 5", "1234567890", "16 ", "A1"]
        let labels: [String?] = [nil, nil, "page", "chapter", "section", "line", "figure"]
        let locales = try TestSuite.locales()
        var generator = Generator(state: 31)
        var shared = 0
        for name in CSLBuiltins.styleNames {
            let style = try CSLStyle(XMLReader.read(try #require(CSLBuiltins.styles[name])))
            let sharing = CSLProcessor(style: style, localeFiles: locales)
            let alone = CSLProcessor(style: style, localeFiles: locales, language: nil, sharesLocatorRenders: false)
            if sharing.sharesLocatorRenders { shared += 1 }
            // Documents citing some of the items, each many times with other locators: the later ones find the
            // renders the earlier ones shared.
            for _ in 0..<40 {
                let cited = Array(items.shuffled(using: &generator).prefix(Int.random(in: 1...6, using: &generator)))
                let citations = (0..<8).map { _ in
                    CSLCitation(cites: (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                        CSLCite(id: cited.randomElement(using: &generator)!.id, prefix: Int.random(in: 0..<8, using: &generator) == 0 ? "see " : nil,
                                locator: Int.random(in: 0..<5, using: &generator) == 0 ? nil : locators.randomElement(using: &generator),
                                label: labels.randomElement(using: &generator)!, suppressAuthor: Int.random(in: 0..<6, using: &generator) == 0)
                    })
                }
                #expect(sharing.render(items: cited, citations: citations) == alone.render(items: cited, citations: citations), "\(name)")
            }
        }
        // Every built-in style prints a page number as written; one that prints it as an ordinal renders each cite
        // with its own ("1st" is not the stand-in's ordinal with a 1 in its place).
        #expect(shared == CSLBuiltins.styleNames.count)
        let ordinal = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout>"#
            + #"<text variable="title" suffix=", "/><number variable="locator" form="ordinal"/></layout></citation></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(ordinal)), localeFiles: locales)
        #expect(!processor.sharesLocatorRenders)
        let cited = processor.render(items: [items[0]], citations: [CSLCitation(cites: [CSLCite(id: items[0].id, locator: "1")])])
        #expect(processor.plainText(try #require(cited.citations.first)).hasSuffix(", 1st"))
    }

    @Test func whetherAnItemHoldsTheStandInIsReadAgainOnceItsVariablesChange() {
        // Worked out once for the variables an item's copies share: a copy that changes them, or the item changing its
        // own, must not keep the answer of the variables it had.
        var item = CSLItem(id: "a", type: "report", fields: ["title": "Report"])
        #expect(!item.holdsLocatorStandIn)
        let copy = item
        item.fields["title"] = "Report \(CSLProcessor.locatorStandIn)"
        #expect(item.holdsLocatorStandIn)
        #expect(!copy.holdsLocatorStandIn)
        item.fields["title"] = "Report"
        #expect(!item.holdsLocatorStandIn)
        item.names["author"] = [CSLName(family: "Lee \(CSLProcessor.locatorStandIn)")]
        #expect(item.holdsLocatorStandIn)
        item.names = [:]
        #expect(!item.holdsLocatorStandIn)
        item.dates["issued"] = CSLDate(parts: [[9_073_185_264]])
        #expect(item.holdsLocatorStandIn)
    }

    @Test func aCitationsSortValuesAreNotTheBibliographysInTheCache() throws {
        // Sort values are kept by key: the citations' first key and the bibliography's first key are two keys, also
        // when the citations' sort comes without cites (an ambiguous group's items in the order first cited).
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">"#
            + #"<citation><sort><key variable="title"/></sort><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><sort><key variable="publisher"/></sort><layout><text variable="title"/></layout></bibliography></style>"#
        let style = try CSLStyle(XMLReader.read(xml))
        let processor = CSLProcessor(style: style, localeFiles: try TestSuite.locales())
        let items = [CSLItem(id: "a", type: "book", fields: ["title": "Beta", "publisher": "Alpha"]),
                     CSLItem(id: "b", type: "book", fields: ["title": "Alpha", "publisher": "Beta"])]
        let bibliography = try #require(style.bibliography?.sort), citation = try #require(style.citation?.sort)
        #expect(processor.sort(items, keys: bibliography, setup: processor.bibliographySetup, numbers: [:]).map(\.id) == ["a", "b"])
        #expect(processor.sort(items, keys: citation, setup: processor.citationSetup, numbers: [:]).map(\.id) == ["b", "a"])
        #expect(processor.sort(items, keys: bibliography, setup: processor.bibliographySetup, numbers: [:]).map(\.id) == ["a", "b"])
    }

    @Test func aBibliographyListsEntriesItsKeysLeaveEqualInTheOrderGiven() throws {
        // The bibliography is sorted once, from the order first cited (which gives year suffixes their order), and
        // the entries the keys leave equal are then put in the order given; it must be the order a sort of the items
        // as given makes. Keys that leave many items equal: a publisher (or none), then a year.
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">"#
            + #"<citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><sort><key variable="publisher"/><key variable="issued" sort="descending"/></sort>"#
            + #"<layout><text variable="title"/></layout></bibliography></style>"#
        let style = try CSLStyle(XMLReader.read(xml))
        let processor = CSLProcessor(style: style, localeFiles: try TestSuite.locales())
        let keys = try #require(style.bibliography?.sort)
        let items = (0..<12).map { number in
            var item = CSLItem(id: "item\(number)", type: "book", fields: ["title": "Title \(number)"])
            if number % 4 != 0 { item.fields["publisher"] = ["Alpha", "Beta"][number % 2] }
            if number % 3 != 0 { item.dates["issued"] = CSLDate(parts: [[2000 + number % 2]]) }
            return item
        }
        var generator = Generator(state: 7)
        var reordered = 0
        for _ in 0..<200 {
            let given = Array(items.shuffled(using: &generator).prefix(Int.random(in: 2...12, using: &generator)))
            let citations = given.shuffled(using: &generator).map { CSLCitation(cites: [CSLCite(id: $0.id)]) }
            let listed = processor.render(items: given, citations: citations).bibliography.map(\.id)
            let expected = processor.sort(given, keys: keys, setup: processor.bibliographySetup, numbers: [:]).map(\.id)
            #expect(listed == expected)
            let cited = processor.sort(citations.map { cite in given.first { $0.id == cite.cites[0].id }! }, keys: keys,
                                       setup: processor.bibliographySetup, numbers: [:]).map(\.id)
            if cited != expected { reordered += 1 }
        }
        // Most documents have equal entries that the two orders list differently.
        #expect(reordered > 100)
    }

    @Test func initialsAddedShowInAnEntryThatPrintsNamesShort() throws {
        // An entry rendered once without disambiguation's hints is the entry for a state that adds only initials when
        // it prints no name short; one that does (an interview here) shows them, also after its entry without them
        // was rendered for another document.
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">"#
            + #"<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"><layout>"#
            + #"<group delimiter=" "><names variable="author"><name form="short" initialize-with=". "/></names>"#
            + #"<date variable="issued"><date-part name="year"/></date></group></layout></citation>"#
            + #"<bibliography><layout><group delimiter=": "><choose><if type="interview">"#
            + #"<names variable="author"><name form="short" initialize-with=". "/></names></if><else>"#
            + #"<names variable="author"><name initialize-with=". "/></names></else></choose>"#
            + #"<text variable="title"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func item(_ id: String, _ type: String, _ given: String) -> CSLItem {
            CSLItem(id: id, type: type, fields: ["title": id], names: ["author": [CSLName(family: "Smith", given: given)]],
                    dates: ["issued": CSLDate(parts: [[2020]])])
        }
        let talk = item("talk", "interview", "John"), paper = item("paper", "article-journal", "John"), other = item("other", "book", "Mary")
        func entries(_ items: [CSLItem]) -> [String] {
            let result = processor.render(items: items, citations: items.map { CSLCitation(cites: [CSLCite(id: $0.id)]) })
            return result.bibliography.map { processor.plainText($0.text) }
        }
        // Alone, nothing to tell apart: the interview's name prints short.
        #expect(entries([talk]) == ["Smith: talk"])
        #expect(entries([paper]) == ["J. Smith: paper"])
        // Beside another Smith of 2020, each cite adds initials, and so does the interview's entry.
        #expect(entries([talk, other]) == ["J. Smith: talk", "M. Smith: other"])
        #expect(entries([paper, other]) == ["J. Smith: paper", "M. Smith: other"])
        #expect(entries([talk]) == ["Smith: talk"])
    }

    @Test func aCopyThatReadsSpacesOtherwiseIsAnotherItemToTheCache() throws {
        // A copy shares its variables with the item until one changes; one whose text reads its spaces otherwise
        // (a CSL-JSON item's narrow before `;`, another format's not) prints otherwise, and is not the item's render.
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">"#
            + #"<citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><text variable="title"/></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let narrow = CSLItem(id: "a", type: "book", fields: ["title": "Paris ; Genève"])
        var plain = narrow
        plain.narrowsSpaces = false
        #expect(narrow != plain)
        func entry(_ item: CSLItem) -> String {
            processor.plainText(processor.render(items: [item], citations: [CSLCitation(cites: [CSLCite(id: "a")])]).bibliography[0].text)
        }
        #expect(entry(narrow) == "Paris\u{202F}; Genève")
        #expect(entry(plain) == "Paris ; Genève")
    }

    @Test func citationsPrintedAsHTMLAreTheirTextsPrinted() throws {
        // renderHTML keeps a citation of one cite printed, shared by every document that has it (a page number of
        // digits in the stand-in's place): each must be html() of what render() gives, in every built-in style,
        // whatever documents came before.
        let path = PandocGoldenTests.root.appendingPathComponent("Tests/SitegenKitTests/Fixtures/realbib/biblatex-examples.bib.csl.json")
        var items = Array(try JSONInput.items(String(contentsOf: path, encoding: .utf8)).prefix(40))
        items.append(CSLItem(id: "standin", type: "report", fields: ["title": "Report \(CSLProcessor.locatorStandIn)", "page": "3-9"]))
        let locators = ["16", "356", "1", "123456789", "0", "12-15", "iv", "1234567890"]
        let links: [String?] = [nil, "#ref-a", "#ref-\(CSLProcessor.locatorStandIn)", "https://example.org/?a=1&b=<2>"]
        let locales = try TestSuite.locales()
        var generator = Generator(state: 41)
        for name in CSLBuiltins.styleNames {
            let style = try CSLStyle(XMLReader.read(try #require(CSLBuiltins.styles[name])))
            let printing = CSLProcessor(style: style, localeFiles: locales), rendering = CSLProcessor(style: style, localeFiles: locales)
            for round in 0..<30 {
                let cited = Array(items.shuffled(using: &generator).prefix(Int.random(in: 1...6, using: &generator)))
                let citations = (0..<8).map { _ in
                    CSLCitation(cites: (0..<(Int.random(in: 0..<3, using: &generator) == 0 ? 2 : 1)).map { _ in
                        var cite = CSLCite(id: cited.randomElement(using: &generator)!.id, prefix: Int.random(in: 0..<8, using: &generator) == 0 ? "see " : nil,
                                           locator: Int.random(in: 0..<3, using: &generator) == 0 ? nil : locators.randomElement(using: &generator),
                                           label: "page", suppressAuthor: Int.random(in: 0..<6, using: &generator) == 0)
                        cite.link = links.randomElement(using: &generator)!
                        return cite
                    }, noteNumber: style.class == .note ? round + 1 : nil)
                }
                let escaping: CSLHTMLEscaping = Bool.random(using: &generator) ? .named : .citeproc
                let printed = printing.renderHTML(items: cited, citations: citations, escaping: escaping)
                let rendered = rendering.render(items: cited, citations: citations)
                #expect(printed.citations == rendered.citations.map { rendering.html($0, escaping: escaping) }, "\(name)")
                #expect(printed.bibliography == rendered.bibliography, "\(name)")
            }
        }
    }
}
