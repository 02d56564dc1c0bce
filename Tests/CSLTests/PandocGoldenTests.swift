import CSL
import Foundation
import Testing

/// The reference text and in-text citations of every built-in style, on the shipped bibliography, the Vancouver
/// golden set and the real bibliography exports, against what pandoc 3.9 prints (`Fixtures/pandoc/<style>.json` and
/// `<style>.citations.json`, made by `make-pandoc-golden.py`; a citation's key is written `[@key]` in the lists). Entries known to differ are listed with a reason in `Fixtures/pandoc/known-differences.txt`;
/// the test fails when an entry differs without being listed, or is listed and no longer differs.
@Suite struct PandocGoldenTests {
    /// A document's citations (each a list of cites) in a style of the CSL fixtures' `styles/`, as plain text.
    static func plainCitations(_ items: [CSLItem], _ document: [[CSLCite]], style: String) throws -> [String] {
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        return processor.render(items: items, citations: document.map { CSLCitation(cites: $0) }).citations.map { processor.plainText($0) }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = TestSuite.fixtures.appendingPathComponent("pandoc")

    @Test func everyBuiltInStylePrintsWhatPandocPrints() throws {
        let locales = try TestSuite.locales()
        var differences: [String: String] = [:]
        var report: [String] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") && !$0.hasSuffix(".citations.json") }.sorted()
        #expect(names.count == 11)
        for name in names {
            let style = String(name.dropLast(5))
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: locales)
            let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent(name))) as! [String: [String: String]]
            let citations = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("\(style).citations.json"))) as! [String: [String: String]]
            var same = 0, total = 0, citationSame = 0, citationTotal = 0
            // A BibTeX input is for SitegenKit's tests, which read it with sitegen's reader.
            for (input, expected) in golden.sorted(by: { $0.key < $1.key }) where input.hasSuffix(".json") {
                let items = try JSONInput.items(String(contentsOf: Self.root.appendingPathComponent(input), encoding: .utf8))
                // The whole file uncited (`nocite: @*`): pandoc gives the year suffixes of uncited entries in the
                // order of their keys (cited entries take theirs in citation order, in pandoc as in sitegen).
                let result = processor.render(items: items.sorted { $0.id < $1.id }, citations: [])
                for entry in result.bibliography {
                    if ProcessInfo.processInfo.environment["CSL_PANDOC_ONLY"] == "\(style) \(entry.id)" { dump(entry.text) }
                    guard let text = expected[entry.id] else { continue }
                    total += 1
                    let actual = Self.referenceText(entry.text, processor)
                    if actual == text { same += 1 } else { differences["\(style)\t\(input)\t\(entry.id)"] = "expected: \(text)\nactual:   \(actual)" }
                }
                #expect(result.bibliography.count == expected.count, "\(style), \(input): \(result.bibliography.count) entries, pandoc printed \(expected.count)")
                // Each item pandoc could cite, alone, in the file's order, as `[@key]` in its own paragraph.
                let citable = items.filter { citations[input]?[$0.id] != nil }
                let cited = processor.render(items: citable, citations: citable.map { CSLCitation(cites: [CSLCite(id: $0.id)]) })
                for (item, citation) in zip(citable, cited.citations) {
                    guard let text = citations[input]?[item.id] else { continue }
                    citationTotal += 1
                    let actual = processor.plainText(citation)
                    if actual == text { citationSame += 1 } else { differences["\(style)\t\(input)\t[@\(item.id)]"] = "expected: \(text)\nactual:   \(actual)" }
                }
            }
            report.append("\(style): \(same) of \(total) entries, \(citationSame) of \(citationTotal) citations")
        }
        print("CSL styles against pandoc 3.9: " + report.joined(separator: ", "))
        let known = try Self.knownDifferences()
        if let path = ProcessInfo.processInfo.environment["CSL_PANDOC_DIFFERENCES"] {
            try differences.sorted { $0.key < $1.key }.map { "=== \($0.key)\n\($0.value)\n" }.joined()
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let unexpected = differences.keys.filter { known[$0] == nil }.sorted()
        let fixed = known.keys.filter { differences[$0] == nil }.sorted()
        #expect(unexpected.isEmpty, "entries that differ from pandoc 3.9 and are not known differences:\n\(unexpected.map { "\($0)\n\(differences[$0]!)" }.joined(separator: "\n"))")
        #expect(fixed.isEmpty, "known differences that are gone (remove them from known-differences.txt): \(fixed.joined(separator: ", "))")
    }

    /// The order of an author-date bibliography is pandoc's: names and titles compared ignoring case, digits as
    /// characters ("Trial 10" before "Trial 2", and so 2020a before 2020b), as `pandoc --citeproc` 3.9 printed
    /// these items with `apa.csl` (`nocite: "@*"`).
    @Test func anAuthorDateBibliographyIsInPandocsOrder() throws {
        let entries = try Self.apaBibliography("""
            [{"id":"b10","type":"article-journal","title":"Trial 10 of statins","author":[{"family":"Smith","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"b2","type":"article-journal","title":"Trial 2 of statins","author":[{"family":"Smith","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"l1","type":"article-journal","title":"Alpha","author":[{"family":"lee","given":"Anna"}],"issued":{"date-parts":[[2020]]}},
             {"id":"l2","type":"article-journal","title":"Alpha","author":[{"family":"Lee","given":"Anna"}],"issued":{"date-parts":[[2021]]}},
             {"id":"l3","type":"article-journal","title":"Beta","author":[{"family":"Lee","given":"Anna"}],"issued":{"date-parts":[[2020]]}}]
            """)
        #expect(entries == [
            "lee, A. (2020). Alpha.", "Lee, A. (2020). Beta.", "Lee, A. (2021). Alpha.",
            "Smith, A. (2020a). Trial 10 of statins.", "Smith, A. (2020b). Trial 2 of statins.",
        ])
    }

    /// An entry whose sort macros print nothing (an item with no names, title or date) comes first, as pandoc's
    /// citeproc sorts an empty macro value before any other; a variable the item lacks still sorts last.
    @Test func anEntryWithEmptySortMacrosComesFirst() throws {
        let entries = try Self.apaBibliography("""
            [{"id":"a","type":"article-journal","title":"Alpha","author":[{"family":"Abbott","given":"Kim"}],"issued":{"date-parts":[[2018]]}},
             {"id":"set","type":"","annote":"A set."},
             {"id":"z","type":"article-journal","title":"Zeta","author":[{"family":"Zhang","given":"Li"}],"issued":{"date-parts":[[2019]]}}]
            """)
        #expect(entries == ["(n.d.).", "Abbott, K. (2018). Alpha.", "Zhang, L. (2019). Zeta."])
    }

    /// Names with apostrophes, spaces and hyphens sort as pandoc's citeproc sorts them: split into words at spaces and
    /// apostrophes, a hyphen left out ("O’Brien" before "O Neil" and "Oa", "O-Brien" after "Obi"), as `pandoc
    /// --citeproc` 3.9 printed these items with `apa.csl` (`nocite: "@*"`).
    @Test func namesWithApostrophesAndHyphensSortAsPandocSortsThem() throws {
        // Each the author of a paper of its own year (2000 for the first, 2001 for the next…), the year telling equal names apart.
        let families = ["O'Brien", "O’Brien", "Obi", "O Neil", "Oa", "Ob", "Oc", "O-Brien", "Obrien", "OBrien", "D'Angelo", "Da Silva", "Dabney", "Dangelo", "D Angelo"]
        let entries = try Self.apaBibliography("[" + families.enumerated().map { index, family in
            #"{"id": "n\#(index)", "type": "article-journal", "title": "X", "author": [{"family": "\#(family)", "given": "A"}], "issued": {"date-parts": [[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]")
        #expect(entries == [
            "D’Angelo, A. (2010). X.",
            "D Angelo, A. (2014). X.",
            "Da Silva, A. (2011). X.",
            "Dabney, A. (2012). X.",
            "Dangelo, A. (2013). X.",
            "O’Brien, A. (2000). X.",
            "O’Brien, A. (2001). X.",
            "O Neil, A. (2003). X.",
            "Oa, A. (2004). X.",
            "Ob, A. (2005). X.",
            "Obi, A. (2002). X.",
            "O-Brien, A. (2007). X.",
            "Obrien, A. (2008). X.",
            "OBrien, A. (2009). X.",
            "Oc, A. (2006). X.",
        ])
    }

    /// Symbols other than a currency's are punctuation to pandoc's citeproc: `<`, `=`, `+`, `>`, `|`, `~`, `^` and the
    /// backtick are left out of the letters ("<Ab" between "Aa" and "Ae") and only tell equal letters apart, before
    /// a letter and in the collation table's order ("`Am", "<Am", "~Am", "Am", "Am<"), while `$` sorts before letters.
    /// As `pandoc --citeproc` 3.9 printed these items (`nocite: "@*"`, and all cited in one citation, `-t plain`).
    @Test func symbolsSortAsPandocSortsThem() throws {
        // Each the author of a book of its own year (2000 for the first, 2001 for the next…).
        let families = ["Af", "<Ab", "=Ac", "+Ad", "Ae", ">Ag", "|Ah", "~Ai", "$Aj", "^Ak", "`Al", "Aa", "Am", "~Am", "<Am", "`Am", "Am<", "©An"]
        let json = "[" + families.enumerated().map { index, family in
            #"{"id": "k\#(index)", "type": "book", "title": "T", "author": [{"family": "\#(family)", "given": "J"}], "issued": {"date-parts": [[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]"
        let order = ["$Aj 2008", "Aa 2011", "<Ab 2001", "=Ac 2002", "+Ad 2003", "Ae 2004", "Af 2000", ">Ag 2005", "|Ah 2006", "~Ai 2007",
                     "^Ak 2009", "`Al 2010", "`Am 2015", "<Am 2014", "~Am 2013", "Am 2012", "Am< 2016", "©An 2017"]
        let byName = order.map { $0.split(separator: " ").map(String.init) }
        #expect(try Self.bibliography(json, style: "apa") == byName.map { "\($0[0]), J. (\($0[1])). T." })
        #expect(try Self.bibliography(json, style: "chicago-author-date") == byName.map { "\($0[0]), J. \($0[1]). T." })
        // APA sorts a citation's cites by name and year; Chicago's are left in the order written.
        let cites = [families.indices.map { CSLCite(id: "k\($0)") }]
        #expect(try Self.plainCitations(JSONInput.items(json), cites, style: "apa") == ["(" + byName.map { "\($0[0]), \($0[1])" }.joined(separator: "; ") + ")"])
        #expect(try Self.plainCitations(JSONInput.items(json), cites, style: "chicago-author-date")
            == ["(" + families.enumerated().map { "\($1) \(2000 + $0)" }.joined(separator: "; ") + ")"])
    }

    /// Every currency's sign sorts before digits and letters, in the collation table's order (`¤`, `¢`, `$`, `£`, `¥`,
    /// then by code point): `£` and `€` used to sort after the letters. As `pandoc --citeproc` 3.9 printed these items
    /// (`nocite: "@*"`, `-t plain`), given in this shuffled order.
    @Test func currencySignsSortAsPandocSortsThem() throws {
        let titles = ["฿", "€", "¢", "A", "¤", "₹", "₩", "0", "$", "¥", "₽", "£"]
        let json = "[" + titles.enumerated().map { index, title in
            #"{"id": "k\#(index)", "type": "article-journal", "title": "\#(title) test", "container-title": "J", "author": [{"family": "Smith", "given": "A"}], "issued": {"date-parts": [[2020]]}}"#
        }.joined(separator: ",") + "]"
        let order = ["¤", "¢", "$", "£", "¥", "฿", "₩", "€", "₹", "₽", "0", "A"]
        #expect(try Self.bibliography(json, style: "apa") == zip(order, "abcdefghijkl").map { "Smith, A. (2020\($1)). \($0) test. J." })
    }

    /// Page ranges whose first number is written with zeros before it expand from its digits as written (APA's
    /// `expanded`: "0090–0095", was "0090–95"; Chicago's below 100: "01–09", and "000–000", was "000–0"), and a list of
    /// pages prints each after ", " or " & ", as `pandoc --citeproc` 3.9 printed these (`nocite: "@*"`, `-t plain`).
    @Test func pageRangesWithZerosAndListsPrintAsPandocPrintsThem() throws {
        let pages = ["0090-95", "000-000", "090-95", "01-9", "0123-45", "1,3", "419&438", "12-15 , 17"]
        let json = "[" + pages.enumerated().map { index, page in
            #"{"id": "p\#(index)", "type": "article-journal", "title": "T\#(index)", "container-title": "J", "page": "\#(page)", "issued": {"date-parts": [[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]"
        #expect(try Self.bibliography(json, style: "apa") == ["0090–0095", "000–000", "090–095", "01–09", "0123–0145", "1, 3", "419 & 438", "12–15, 17"]
            .enumerated().map { "T\($0). (\(2000 + $0)). J, \($1)." })
        #expect(try Self.bibliography(json, style: "chicago-author-date") == ["0090–95", "000–000", "090–95", "01–09", "0123–45", "1, 3", "419 & 438", "12–15, 17"]
            .enumerated().map { "“T\($0).” \(2000 + $0). J, \($1)." })
    }

    /// Text in a `<number>` (IEEE's volume and issue) prints each hyphen that stands alone between characters that are no
    /// spaces, or at an end, as an en dash, as `pandoc --citeproc` 3.9 printed these (`nocite: "@*"`, `-t plain`): a
    /// Zotero export's "no. August–September", "vol. BME–32"; `A - B` and `x--y` stay, and the escaped `A\-B` is "A\–B".
    @Test func hyphensInANumbersTextPrintAsPandocPrintsThem() throws {
        let volumes = [#"A\\-B"#, "A - B", "x--y", "Suppl 2-3", "<i>A</i>-B", "e-15", "-5", "5-", "BME-32"]
        let json = "[" + volumes.enumerated().map { index, volume in
            #"{"id": "v\#(index)", "type": "article-journal", "title": "T\#(index)", "container-title": "J", "volume": "\#(volume)", "author": [{"family": "Ng", "given": "A"}], "issued": {"date-parts": [[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]"
        #expect(try Self.bibliography(json, style: "ieee") == [#"A\–B"#, "A - B", "x--y", "Suppl 2–3", "A–B", "e–15", "–5", "5–", "BME–32"]
            .enumerated().map { "A. Ng, “T\($0),” J, vol. \($1), \(2000 + $0)." })
    }

    /// Format characters weigh nothing in a sort: the direction marks Google Scholar puts around a title (U+202A …
    /// U+202C), which sorted the entry after every letter, as `pandoc --citeproc` 3.9 printed these (`nocite: "@*"`).
    @Test func directionMarksAreIgnoredInASort() throws {
        let json = #"[{"id": "z", "type": "book", "title": "Zoonomia", "issued": {"date-parts": [[2020]]}},"#
            + #" {"id": "m", "type": "book", "title": "\u202aMek inhibitors\u202c", "issued": {"date-parts": [[2020]]}},"#
            + #" {"id": "a", "type": "book", "title": "Ambrosi", "issued": {"date-parts": [[2020]]}}]"#
        #expect(try Self.bibliography(json, style: "apa") == ["Ambrosi. (2020).", "\u{202A}Mek inhibitors\u{202C}. (2020).", "Zoonomia. (2020)."])
    }

    /// Sort values compare as pandoc's citeproc collates them, word by word and each word at every level before the
    /// next: letters first ("Ø" is an "O" with a mark, "Æ" is "AE"), then punctuation, which comes before a letter
    /// ("A B" before "a. b.": "a" before "a."; "(2019) 2021" and "(2021) 2021" before "2021"). A family name alone
    /// inverts with its particle where the style demotes particles ("Berg, van der", and sorts so in Harvard). As
    /// `pandoc --citeproc` 3.9 printed these items (`nocite: "@*"`, `-t plain`).
    @Test func sortValuesCompareAsPandocCollatesThem() throws {
        let names = """
            [{"id":"a","type":"book","author":[{"family":"Lee","given":"Ø."}],"title":"One","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"b","type":"book","author":[{"family":"Lee","suffix":"Sr"}],"title":"Two","publisher":"P","issued":{"date-parts":[[2000]]}},
             {"id":"c","type":"book","author":[{"family":"Ng","given":"a. b."}],"title":"Three","publisher":"P","issued":{"date-parts":[[2000]]}},
             {"id":"d","type":"book","author":[{"family":"Ng","given":"A B"},{"family":"Kim","given":"Bo"}],"title":"Four","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"e","type":"book","author":[{"family":"Ng","given":"A B"},{"family":"Lee","given":"Cy"}],"title":"Five","publisher":"P","issued":{"date-parts":[[2002]]}},
             {"id":"f","type":"book","author":[{"family":"Ng","given":"a. b."},{"family":"Abe","given":"Cy"}],"title":"Six","publisher":"P","issued":{"date-parts":[[2003]]}},
             {"id":"g","type":"book","author":[{"family":"Ærø","given":"Al"}],"title":"Seven","publisher":"P","issued":{"date-parts":[[2003]]}},
             {"id":"h","type":"book","author":[{"family":"Afton","given":"Al"}],"title":"Eight","publisher":"P","issued":{"date-parts":[[2003]]}}]
            """
        #expect(try Self.bibliography(names, style: "apa") == [
            "Ærø, A. (2003). Seven. P.", "Afton, A. (2003). Eight. P.", "Lee, Ø. (2001). One. P.", "Lee, Sr. (2000). Two. P.",
            "Ng, A. B., & Kim, B. (2001). Four. P.", "Ng, A. B., & Lee, C. (2002). Five. P.", "Ng, a. b. (2000). Three. P.",
            "Ng, a. b., & Abe, C. (2003). Six. P.",
        ])
        #expect(try Self.bibliography(names, style: "harvard-cite-them-right") == [
            "Ærø, A. (2003) Seven. P.", "Afton, A. (2003) Eight. P.", "Lee, Ø. (2001) One. P.", "Lee, Sr (2000) Two. P.",
            "Ng, a.b. (2000) Three. P.", "Ng, a.b. and Abe, C. (2003) Six. P.", "Ng, A.B. and Kim, B. (2001) Four. P.",
            "Ng, A.B. and Lee, C. (2002) Five. P.",
        ])
        let particles = """
            [{"id":"a","type":"book","author":[{"family":"van der Berg"}],"title":"One","publisher":"P","issued":{"date-parts":[[2000]]}},
             {"id":"b","type":"book","author":[{"family":"Smith","given":"Al"},{"family":"van der Berg"}],"title":"Two","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"c","type":"book","author":[{"family":"Bergman","given":"Al"}],"title":"Three","publisher":"P","issued":{"date-parts":[[2002]]}},
             {"id":"d","type":"book","author":[{"family":"d'Alembert"}],"title":"Four","publisher":"P","issued":{"date-parts":[[2003]]}},
             {"id":"e","type":"book","author":[{"family":"Van Gogh"}],"title":"Five","publisher":"P","issued":{"date-parts":[[2004]]}}]
            """
        #expect(try Self.bibliography(particles, style: "chicago-author-date") == [
            "Alembert, d’. 2003. Four. P.", "Berg, van der. 2000. One. P.", "Bergman, Al. 2002. Three. P.",
            "Smith, Al, and van der Berg. 2001. Two. P.", "Van Gogh. 2004. Five. P.",
        ])
        #expect(try Self.bibliography(particles, style: "harvard-cite-them-right") == [
            "d’Alembert (2003) Four. P.", "van der Berg (2000) One. P.", "Bergman, A. (2002) Three. P.", "Smith, A. and van der Berg (2001) Two. P.",
            "Van Gogh (2004) Five. P.",
        ])
        let reprints = """
            [{"id":"x","type":"book","author":[{"family":"Kim","given":"Bo"}],"title":"Zeta","publisher":"P","issued":{"date-parts":[[2021]]},"original-date":{"date-parts":[[2021,10,6]]}},
             {"id":"y","type":"book","author":[{"family":"Kim","given":"Bo"}],"title":"Alpha","publisher":"P","issued":{"date-parts":[[2021]]}},
             {"id":"z","type":"book","author":[{"family":"Kim","given":"Bo"}],"title":"Beta","publisher":"P","issued":{"date-parts":[[2021]]},"original-date":{"date-parts":[[2019]]}}]
            """
        #expect(try Self.bibliography(reprints, style: "chicago-author-date") == [
            "Kim, Bo. (2019) 2021. Beta. P.", "Kim, Bo. (2021) 2021. Zeta. P.", "Kim, Bo. 2021. Alpha. P.",
        ])
    }

    /// Cites are ambiguous as pandoc's citeproc reads them, by their words without affixes, delimiters or quotation
    /// marks: Chicago's "Lee [1999?]" (a year in doubt) and "Lee 1999" take year suffixes; and a date sorts with its
    /// affixes, "[1999?]" before "1999". As `pandoc --citeproc` 3.9 printed them with `chicago-author-date.csl`.
    @Test func citesAreAmbiguousByTheirWordsAsPandocReadsThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"article-journal","title":"One","author":[{"family":"Lee","given":"Cy"}],"container-title":"J","issued":{"date-parts":[[1999]]}},
             {"id":"b","type":"article-journal","title":"Two","author":[{"family":"Lee","given":"Cy"}],"container-title":"J","issued":{"date-parts":[[1999]],"circa":true}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: [[CSLCite(id: "a")], [CSLCite(id: "b")]].map { CSLCitation(cites: $0) })
        #expect(result.citations.map { processor.plainText($0) } == ["(Lee 1999b)", "(Lee [1999?]a)"])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == ["Lee, Cy. [1999?]a. “Two.” J.", "Lee, Cy. 1999b. “One.” J."])
    }

    /// Variables a note gives (Zotero's "Extra") are read as pandoc reads them: only the `name: value` lines and
    /// `{:name: value}` fields at the note's start, a name in any case; the note's replaces the item's own variable
    /// when its name sorts before `note` (`container-title`), not otherwise (`page`). As `pandoc --citeproc` 3.9
    /// printed these items with `vancouver.csl` (`nocite: "@*"`, `-t plain`).
    @Test func variablesInANoteAreReadAsPandocReadsThem() throws {
        let entries = try Self.bibliography("""
            [{"id":"a","type":"article-journal","title":"A trial","author":[{"family":"Roe","given":"Ann"}],"container-title":"Real Journal",
              "page":"1-2","issued":{"date-parts":[[2020]]},"note":"container-title: Note Journal\\npage: 99\\n{:issue: 4}Volume: 7\\nnot a field: x\\nedition: 3"},
             {"id":"b","type":"article-journal","title":"B trial","author":[{"family":"Doe","given":"Bo"}],"container-title":"Real Journal",
              "issued":{"date-parts":[[2021]]},"note":"Some text first\\nvolume: 9"},
             {"id":"c","type":"article-journal","title":"C trial","author":[{"family":"Roe","given":"Ann"}],"container-title":"J",
              "issued":{"date-parts":[[2022]]},"note":"author: Smith || Jo\\nauthor: van Brown\\neditor: Lee || Al"}]
            """, style: "vancouver")
        // A name variable's lines are its names, `Family || Given` or a family name alone: they replace the authors.
        #expect(entries == ["Roe A. A trial. Note Journal. 2020;7(4):1–2.", "Doe B. B trial. Real Journal. 2021;", "Smith J, van Brown. C trial. J. 2022;"])
        // A date variable's line is a date, or text printed as written; `DOI:` and `URL:` are CSL's `DOI` and `URL`.
        let more = try Self.bibliography("""
            [{"id":"d","type":"article-journal","title":"D trial","author":[{"family":"Lowe","given":"Ian"}],"container-title":"Lancet","volume":"1",
              "page":"1-2","note":"issued: 2019-03-04\\nDOI: 10.1101/2020.01.01.000001"},
             {"id":"e","type":"article-journal","title":"E trial","author":[{"family":"Rose","given":"Ola"}],"container-title":"Lancet","volume":"1",
              "page":"8","issued":{"date-parts":[[2020]]},"note":"URL: https://example.org/x\\nissued: 2015"},
             {"id":"f","type":"article-journal","title":"F trial","author":[{"family":"Sims","given":"Pat"}],"container-title":"Lancet","volume":"1",
              "page":"9","issued":{"date-parts":[[2020]]},"note":"accessed: 2021-05-06\\nURL: https://example.org/f\\nissued: not a date"}]
            """, style: "vancouver")
        #expect(more == [
            "Lowe I. D trial. Lancet. 2019 Mar 4;1:1–2.", "Rose O. E trial. Lancet [Internet]. 2015;1:8. Available from: https://example.org/x",
            "Sims P. F trial. Lancet [Internet]. not a date [cited 2021 May 6];1:9. Available from: https://example.org/f",
        ])
    }

    /// The note keeps only the text after the variables it gives, as pandoc's does: a style that prints `note`
    /// (din-1505-2) printed "— Publisher: IEEE Publisher-Place: New York" after the entry it had read as that
    /// publisher's, and a note of variables alone is none. As `pandoc --citeproc` 3.9 printed these items with this
    /// style (`nocite: "@*"`, `-t plain`).
    @Test func aNoteKeepsOnlyTheTextAfterItsVariables() throws {
        let xml = """
            <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
              <info><id>note</id><title>Note</title><updated>2024-01-01T00:00:00+00:00</updated></info>
              <citation><layout><text variable="title"/></layout></citation>
              <bibliography><layout><group delimiter=" | "><text variable="title"/><text variable="publisher"/>
                <text variable="publisher-place"/><date variable="original-date"><date-part name="year"/></date>
                <text variable="note" prefix="Note: "/></group></layout></bibliography>
            </style>
            """
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","title":"A","note":"Publisher: IEEE\\nPublisher-Place: New York"},
             {"id":"b","type":"book","title":"B","note":"original-date: 1950\\nA real remark."},
             {"id":"c","type":"book","title":"C","publisher":"Own","note":"{:publisher: Other}{:original-date: 1960}Then: text\\nplace: x"},
             {"id":"d","type":"book","title":"D","note":"Not a field: x"}]
            """)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let entries = processor.render(items: items, citations: []).bibliography.map { Self.referenceText($0.text, processor) }
        #expect(entries == ["A | IEEE | New York", "B | 1950 | Note: A real remark.", "C | Own | 1960", "D | Note: Not a field: x"])
    }

    /// An edition's ordinal in the site's language, as `pandoc --citeproc` 3.9 prints it with `lang:` set (apa.csl,
    /// `-t plain`): German's own ordinal (no English "rd"), Italian's of the edition's feminine gender, Spanish's and
    /// French's indicators as the characters they are.
    @Test func ordinalsInTheLocalesLanguage() throws {
        let json = #"[{"id":"b","type":"book","title":"Clinical medicine","author":[{"family":"Brown","given":"Alice"}],"edition":"3","publisher":"Springer","issued":{"date-parts":[[2015]]}}]"#
        let printed = try ["de-DE", "it-IT", "es-ES", "fr-FR"].map { try Self.bibliography(json, style: "apa", language: $0).first ?? "" }
        #expect(printed == [
            "Brown, A. (2015). Clinical medicine (3. Aufl.). Springer.", "Brown, A. (2015). Clinical medicine (3ª ed.). Springer.",
            "Brown, A. (2015). Clinical medicine (3.ª ed.). Springer.", "Brown, A. (2015). Clinical medicine (3ᵉ éd.). Springer.",
        ])
    }

    /// A label's title case applies in every language (French "(Éds.)", "Trad.", Italian "(A c. Di)"), as pandoc's
    /// citeproc applies it to labels (a term printed by `<text>` follows the item's language), and a straight
    /// apostrophe in a term is one ("à l’adresse"): as `pandoc --citeproc` 3.9 prints these with `lang:` (apa.csl).
    @Test func labelsInTitleCaseInEveryLanguage() throws {
        let json = #"""
            [{"id":"c","type":"chapter","title":"Acute care","author":[{"family":"Green","given":"Tom"}],"editor":[{"family":"White","given":"Peter"},{"family":"Black","given":"Sarah"}],"container-title":"Emergency medicine","publisher":"Wiley","issued":{"date-parts":[[2016]]}},
             {"id":"t","type":"book","title":"The interpretation of dreams","author":[{"family":"Freud","given":"Sigmund"}],"translator":[{"family":"Strachey","given":"James"}],"publisher":"Basic Books","issued":{"date-parts":[[2001]]}},
             {"id":"w","type":"webpage","title":"Patient leaflet","container-title":"NHS","URL":"https://www.nhs.uk/leaflet","accessed":{"date-parts":[[2024,11,30]]}}]
            """#
        // "s. d." with the no-break space of sitegen's French locale, newer than pandoc's (which has a space).
        #expect(try Self.bibliography(json, style: "apa", language: "fr-FR") == [
            "Freud, S. (2001). The interpretation of dreams (J. Strachey, Trad.). Basic Books.",
            "Green, T. (2016). Acute care. In P. White & S. Black (Éds.), Emergency medicine. Wiley.",
            "Patient leaflet. (s.\u{A0}d.). NHS. Consulté 30 novembre 2024, à l’adresse https://www.nhs.uk/leaflet",
        ])
        #expect(try Self.bibliography(json, style: "apa", language: "it-IT")[1] == "Green, T. (2016). Acute care. In P. White & S. Black (A c. Di), Emergency medicine. Wiley.")
    }

    /// A term the locale lacks in the form a style asks for is the locale's own in another form (Italian's long
    /// "Atto di convegno" for the short "paper-conference"), not English's in that form ("Conf. paper"), as
    /// `pandoc --citeproc` 3.9 prints it (chicago-author-date.csl, `lang: it-IT`).
    @Test func aMissingFormIsTheLocalesOwnInAnother() throws {
        let json = #"[{"id":"p","type":"paper-conference","author":[{"family":"Tanaka","given":"Hiro"}],"title":"Deep learning for ECG","event-title":"Computing in Cardiology","event-place":"Singapore","issued":{"date-parts":[[2019,9]]}}]"#
        #expect(try Self.bibliography(json, style: "chicago-author-date", language: "it-IT")
            == ["Tanaka, Hiro. 2019. «Deep learning for ECG». Atto di convegno presented a Computing in Cardiology, Singapore. settembre."])
    }

    /// A citation's sources sort as pandoc's citeproc sorts them: a sort key's names cut by its `names-min` end without
    /// "et al." (Smith with four others ties Smith alone, and the year decides), and they inherit the name options of
    /// the `<citation>` but not those of the `<style>` (APA's `initialize-with` there leaves the key's given names
    /// whole, so Smith KJ sorts before Smith KP). As `pandoc --citeproc` 3.9 printed `[@one; @five]` and
    /// `[@kj; @kp]` with these styles (`-t plain`).
    @Test func citationsSortAsPandocSortsThem() throws {
        let json = """
            [{"id":"one","type":"article-journal","title":"A","author":[{"family":"Smith","given":"R"}],"issued":{"date-parts":[[2018]]}},
             {"id":"five","type":"article-journal","title":"B","author":[{"family":"Smith","given":"R"},{"family":"X0","given":"A"},
              {"family":"X1","given":"A"},{"family":"X2","given":"A"},{"family":"X3","given":"A"}],"issued":{"date-parts":[[2017]]}},
             {"id":"kj","type":"article-journal","title":"C","author":[{"family":"Smith","given":"KJ"}],"issued":{"date-parts":[[2018]]}},
             {"id":"kp","type":"article-journal","title":"D","author":[{"family":"Smith","given":"KP"},{"family":"X0","given":"A"},
              {"family":"X1","given":"A"}],"issued":{"date-parts":[[2017]]}}]
            """
        func style(_ citationAttributes: String, _ styleAttributes: String) -> String {
            #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" \#(styleAttributes)><info><title>T</title><id>t</id></info>"#
                + #"<macro name="a"><names variable="author"><name name-as-sort-order="all"/></names></macro>"#
                + #"<macro name="d"><date variable="issued"><date-part name="year"/></date></macro>"#
                + #"<citation \#(citationAttributes)><sort><key macro="a" names-min="3" names-use-first="1"/><key macro="d"/></sort>"#
                + #"<layout delimiter="; "><text macro="a"/><text macro="d" prefix=" "/></layout></citation></style>"#
        }
        func cite(_ ids: [String], _ xml: String) throws -> String {
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let result = processor.render(items: try JSONInput.items(json), citations: [CSLCitation(cites: ids.map { CSLCite(id: $0) })])
            return processor.plainText(try #require(result.citations.first))
        }
        let onStyle = style("", #"initialize-with=". ""#), onCitation = style(#"initialize-with=". ""#, "")
        #expect(try cite(["one", "five"], onStyle) == "Smith, R., X0, A., X1, A., X2, A., X3, A. 2017; Smith, R. 2018")
        #expect(try cite(["kp", "kj"], onStyle) == "Smith, K. 2018; Smith, K., X0, A., X1, A. 2017")
        #expect(try cite(["kj", "kp"], onCitation) == "Smith, K., X0, A., X1, A. 2017; Smith, K. 2018")
    }

    /// Cites of one author group in a collapsing style when the names they show are the same people: two papers of
    /// Smith A with different co-authors group as "Smith et al. 2010, 2012", papers of Singh A and of Singh R stay
    /// apart though both print "Singh et al."; in APA (its authors in a `<substitute>`, `names-delimiter` set), only
    /// when every name is the same. As `pandoc --citeproc` 3.9 printed them (`-t plain`), with a plain style and with
    /// `apa.csl`.
    @Test func citesGroupOnlyWhenTheirNamesAreTheSame() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","title":"T a","author":[{"family":"Smith","given":"A"},{"family":"Jones","given":"B"},{"family":"Lee","given":"C"}],"issued":{"date-parts":[[2010]]}},
             {"id":"b","type":"book","title":"T b","author":[{"family":"Smith","given":"A"},{"family":"Park","given":"D"},{"family":"Kim","given":"E"}],"issued":{"date-parts":[[2012]]}},
             {"id":"c","type":"book","title":"T c","author":[{"family":"Smith","given":"A"},{"family":"Jones","given":"B"},{"family":"Lee","given":"C"}],"issued":{"date-parts":[[2014]]}},
             {"id":"x","type":"book","title":"T x","author":[{"family":"Singh","given":"A"},{"family":"Jones","given":"B"},{"family":"Lee","given":"C"}],"issued":{"date-parts":[[2010]]}},
             {"id":"y","type":"book","title":"T y","author":[{"family":"Singh","given":"R"},{"family":"Park","given":"D"},{"family":"Kim","given":"E"}],"issued":{"date-parts":[[2012]]}}]
            """)
        func cite(_ ids: [String], _ xml: String) throws -> String {
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let result = processor.render(items: items.filter { ids.contains($0.id) }, citations: [CSLCitation(cites: ids.map { CSLCite(id: $0) })])
            return processor.plainText(try #require(result.citations.first))
        }
        let plain = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T</title><id>t</id></info>"#
            + #"<citation et-al-min="3" et-al-use-first="1" disambiguate-add-year-suffix="true" collapse="year"><layout prefix="(" suffix=")" delimiter="; ">"#
            + #"<group delimiter=" "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group>"#
            + #"</layout></citation></style>"#
        #expect(try cite(["a", "b"], plain) == "(Smith et al. 2010, 2012)")
        #expect(try cite(["x", "y"], plain) == "(Singh et al. 2010; Singh et al. 2012)")
        let apa = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/apa.csl"), encoding: .utf8)
        #expect(try cite(["a", "b"], apa) == "(Smith et al., 2010; Smith et al., 2012)")
        #expect(try cite(["a", "c"], apa) == "(Smith et al., 2010, 2014)")
    }

    /// Pandoc 3.9's citations (`pandoc --citeproc -t plain`) of cites with prefixes, suffixes and locators: a cite with
    /// a suffix stands alone, a later cite joins an earlier one's group only across cites without affixes, a locator in
    /// a group of `collapse="year"` sets all its cites apart, and cites with affixes stay where they are written.
    @Test func citesWithAffixesGroupAndSortAsPandocDoes() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Alpha","container-title":"J One","issued":{"date-parts":[[2010]]}},
             {"id":"b","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Beta","container-title":"J One","issued":{"date-parts":[[2012]]}},
             {"id":"c","type":"article-journal","author":[{"family":"Adams","given":"Ann"}],"title":"Gamma","container-title":"J Two","issued":{"date-parts":[[2015]]}},
             {"id":"d","type":"article-journal","author":[{"family":"Zane","given":"Zed"}],"title":"Delta","container-title":"J Two","issued":{"date-parts":[[2001]]}},
             {"id":"e","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Eps","container-title":"J One","issued":{"date-parts":[[2010]]}},
             {"id":"f","type":"article-journal","author":[{"family":"Smith","given":"John"}],"title":"Zeta","container-title":"J One","issued":{"date-parts":[[2010]]}}]
            """)
        // The citations of one article, as Markdown writes them: `[see @d; @c, p. 2]`.
        let article: [[CSLCite]] = [
            [CSLCite(id: "a"), CSLCite(id: "b", prefix: "see ")],
            [CSLCite(id: "a"), CSLCite(id: "b", locator: "5", label: "page")],
            [CSLCite(id: "a", suffix: ", and more"), CSLCite(id: "b")],
            [CSLCite(id: "a"), CSLCite(id: "b", suffix: ", and more")],
            [CSLCite(id: "d"), CSLCite(id: "c"), CSLCite(id: "a", prefix: "see "), CSLCite(id: "b")],
            [CSLCite(id: "d", prefix: "see "), CSLCite(id: "c", locator: "2", label: "page"), CSLCite(id: "a"), CSLCite(id: "b", prefix: "also ")],
            [CSLCite(id: "a"), CSLCite(id: "e"), CSLCite(id: "f", locator: "9", label: "page")],
            [CSLCite(id: "a"), CSLCite(id: "e", prefix: "see "), CSLCite(id: "f")],
            [CSLCite(id: "d"), CSLCite(id: "c", suffix: ", and more"), CSLCite(id: "b"), CSLCite(id: "a")],
        ]
        func citations(_ style: String) throws -> [String] {
            try Self.plainCitations(items, article, style: style)
        }
        #expect(try citations("chicago-author-date") == [
            "(Smith 2010a; see Smith 2012)", "(Smith 2010a; 2012, 5)", "(Smith 2010a, and more; Smith 2012)",
            "(Smith 2010a; Smith 2012, and more)", "(Zane 2001; Adams 2015; see Smith 2010a, 2012)",
            "(see Zane 2001; Adams 2015, 2; Smith 2010a; also Smith 2012)", "(Smith 2010a; 2010b; 2010c, 9)",
            "(Smith 2010a; see Smith 2010b, 2010c)", "(Zane 2001; Adams 2015, and more; Smith 2012, 2010a)",
        ])
        #expect(try citations("apa") == [
            "(Smith, 2010a; see Smith, 2012)", "(Smith, 2010a; 2012, p. 5)", "(Smith, 2010a, and more; Smith, 2012)",
            "(Smith, 2010a; Smith, 2012, and more)", "(Adams, 2015; Zane, 2001; see Smith, 2010a, 2012)",
            "(see Zane, 2001; Adams, 2015, p. 2; Smith, 2010a; also Smith, 2012)", "(Smith, 2010a; 2010b; 2010c, p. 9)",
            "(Smith, 2010a; see Smith, 2010b, 2010c)", "(Zane, 2001; Adams, 2015, and more; Smith, 2010a, 2012)",
        ])
        #expect(try citations("harvard-cite-them-right") == [
            "(Smith, 2010a; see Smith, 2012)", "(Smith, 2010a; 2012, p. 5)", "(Smith, 2010a, and more; Smith, 2012)",
            "(Smith, 2010a; Smith, 2012, and more)", "(Zane, 2001; Adams, 2015; see Smith, 2010a, 2012)",
            "(see Zane, 2001; Smith, 2010a; Adams, 2015, p. 2; also Smith, 2012)", "(Smith, 2010a; 2010b; 2010c, p. 9)",
            "(Smith, 2010a; see Smith, 2010b, 2010c)", "(Zane, 2001; Adams, 2015, and more; Smith, 2010a, 2012)",
        ])
    }

    /// Pandoc 3.9's citations of names as its citeproc compares them. Given names are added for a family name that two
    /// people share among the names the cites print, not among every name of the items (an editor no cite shows, a
    /// co-author an et-al cut leaves out). Two cites group when their authors are the same people however their names
    /// print ("Garcia, Lee, et al." with "Garcia et al."), except where a substitute prints them with `names-delimiter`
    /// (APA); an editor is not the same author as an author of the same name. Each document is rendered alone.
    @Test func namesAreComparedAsPandocComparesThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","author":[{"family":"Chen","given":"Wei"},{"family":"Smith","given":"J. R."},{"family":"Smith","given":"Anna"},{"family":"Garcia","given":"Luis"}],"editor":[{"family":"Smith","given":"Anna"}],"title":"T a","publisher":"P","issued":{"date-parts":[[2012]]}},
             {"id":"b","type":"book","author":[{"family":"Smith","given":"J. R."},{"family":"Garcia","given":"Luis"}],"title":"T b","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"c","type":"book","editor":[{"family":"Smith","given":"Anna"}],"title":"T c","publisher":"P","issued":{"date-parts":[[2015]]}},
             {"id":"d","type":"book","author":[{"family":"Garcia","given":"Luis"},{"family":"Lee","given":"Min"},{"family":"Chen","given":"Wei"}],"title":"T d","publisher":"P","issued":{"date-parts":[[2015]]}},
             {"id":"e","type":"book","author":[{"family":"Garcia","given":"Luis"},{"family":"O'Brien","given":"Pat"},{"family":"Chen","given":"Wei"}],"title":"T e","publisher":"P","issued":{"date-parts":[[2015]]}},
             {"id":"f","type":"book","author":[{"family":"Garcia","given":"Luis"},{"family":"Lee","given":"Min"},{"family":"Chen","given":"Wei"}],"title":"T f","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"x","type":"webpage","editor":[{"family":"Chen","given":"Wei"}],"title":"T x","issued":{"date-parts":[[2012]]}},
             {"id":"y","type":"report","author":[{"family":"Chen","given":"Wei"}],"title":"T y","publisher":"P","issued":{"date-parts":[[2020]]}}]
            """)
        let documents: [[[String]]] = [[["a"], ["b"]], [["a"], ["b"], ["c"]], [["d", "f"], ["e"]], [["f", "d"], ["e"]], [["x", "y"]]]
        func citations(_ style: String) throws -> [[String]] {
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            return documents.map { document in
                let ids = Set(document.joined())
                let result = processor.render(
                    items: items.filter { ids.contains($0.id) }, citations: document.map { CSLCitation(cites: $0.map { CSLCite(id: $0) }) })
                return result.citations.map { processor.plainText($0) }
            }
        }
        #expect(try citations("chicago-author-date") == [
            ["(Chen et al. 2012)", "(Smith and Garcia 2010)"],
            ["(Chen et al. 2012)", "(J. R. Smith and Garcia 2010)", "(A. Smith 2015)"],
            ["(Garcia, Lee, et al. 2015, 2010)", "(Garcia, O’Brien, et al. 2015)"],
            ["(Garcia et al. 2010, 2015)", "(Garcia, O’Brien, et al. 2015)"],
            ["(Chen 2012; Chen 2020)"],
        ])
        #expect(try citations("apa") == [
            ["(Chen et al., 2012)", "(Smith & Garcia, 2010)"],
            ["(Chen et al., 2012)", "(J. R. Smith & Garcia, 2010)", "(A. Smith, 2015)"],
            ["(Garcia et al., 2010; Garcia, Lee, et al., 2015)", "(Garcia, O’Brien, et al., 2015)"],
            ["(Garcia et al., 2010; Garcia, Lee, et al., 2015)", "(Garcia, O’Brien, et al., 2015)"],
            ["(Chen, 2012; Chen, 2020)"],
        ])
        #expect(try citations("harvard-cite-them-right") == [
            ["(Chen et al., 2012)", "(Smith and Garcia, 2010)"],
            ["(Chen et al., 2012)", "(Smith and Garcia, 2010)", "(Smith, 2015)"],
            ["(Garcia, Lee and Chen, 2010, 2015)", "(Garcia, O’Brien and Chen, 2015)"],
            ["(Garcia, Lee and Chen, 2010, 2015)", "(Garcia, O’Brien and Chen, 2015)"],
            ["(Chen, 2012; Chen, 2020)"],
        ])
    }

    /// A style that collapses citation numbers prints its `after-collapse-delimiter` after a range, and its layout's
    /// delimiter elsewhere, as pandoc 3.9 prints IEEE's citation with `collapse="citation-number"` added (`-t plain`):
    /// `[@a; @b; @c; @e]` is "[1]–[3]; [5]", `[@a; @b]` "[1], [2]". Without the delimiter the layout's follows a range.
    @Test func afterCollapseDelimiterFollowsARangeOfNumbers() throws {
        let items = try JSONInput.items("[" + ["a", "b", "c", "d", "e"].map { #"{"id": "\#($0)", "type": "article-journal", "title": "T \#($0)"}"# }.joined(separator: ",") + "]")
        let article = [["a", "b", "c", "d"], ["e", "a", "b", "c"], ["a", "b"], ["a", "c", "d"]].map { $0.map { CSLCite(id: $0) } }
        let ieee = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/ieee.csl"), encoding: .utf8)
        func citations(_ citation: String) throws -> [String] {
            let style = try CSLStyle(XMLReader.read(ieee.replacingOccurrences(of: "<citation>", with: citation)))
            let processor = CSLProcessor(style: style, localeFiles: try TestSuite.locales())
            return processor.render(items: items, citations: article.map { CSLCitation(cites: $0) }).citations.map { processor.plainText($0) }
        }
        #expect(try citations(#"<citation collapse="citation-number" after-collapse-delimiter="; ">"#) == ["[1]–[4]", "[1]–[3]; [5]", "[1], [2]", "[1], [3], [4]"])
        #expect(try citations(#"<citation collapse="citation-number">"#) == ["[1]–[4]", "[1]–[3], [5]", "[1], [2]", "[1], [3], [4]"])
        #expect(try citations("<citation>") == ["[1], [2], [3], [4]", "[1], [2], [3], [5]", "[1], [2]", "[1], [3], [4]"])
    }

    /// Cites of one author group in APA only when their items' `language` is the same, as pandoc's citeproc compares
    /// their text with the language it tags it with: a language tag in any case, `_` for `-`, up to the first space
    /// (`en and de` is `en`), and no tag at all (` en`) is no language. In Chicago the same people group whatever the
    /// language; "Smith et al." of other people, compared by their text, only in one language. As `pandoc --citeproc`
    /// 3.9 printed these three citations of one document (`-t plain`).
    @Test func citesGroupOnlyInOneLanguageWhereTheirTextIsCompared() throws {
        let items = try JSONInput.items("""
            [{"id":"en","type":"book","title":"Heart","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2019]]},"language":"en"},
             {"id":"de","type":"book","title":"Herz","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2020]]},"language":"de"},
             {"id":"none","type":"book","title":"Coeur","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2021]]}},
             {"id":"EN","type":"book","title":"Cardiac","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2022]]},"language":"EN"},
             {"id":"us","type":"book","title":"Hearts","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2023]]},"language":"en_US"},
             {"id":"US","type":"book","title":"Hearts 2","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2024]]},"language":"en-US"},
             {"id":"two","type":"book","title":"Zwei","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2016]]},"language":"en and de"},
             {"id":"space","type":"book","title":"Drei","author":[{"family":"Müller","given":"Hans"}],"issued":{"date-parts":[[2017]]},"language":" en"},
             {"id":"a","type":"book","title":"T a","author":[{"family":"Smith","given":"A"},{"family":"Jones","given":"B"},{"family":"Lee","given":"C"}],"issued":{"date-parts":[[2010]]},"language":"en"},
             {"id":"b","type":"book","title":"T b","author":[{"family":"Smith","given":"A"},{"family":"Park","given":"D"},{"family":"Kim","given":"E"}],"issued":{"date-parts":[[2012]]},"language":"de"},
             {"id":"c","type":"book","title":"T c","author":[{"family":"Smith","given":"A"},{"family":"Park","given":"D"},{"family":"Kim","given":"E"}],"issued":{"date-parts":[[2014]]},"language":"en"}]
            """)
        // `[@en; @de; @none; @EN]`, `[@us; @US; @two; @none; @space]`, `[@a; @b; @c]`
        let article = [["en", "de", "none", "EN"], ["us", "US", "two", "none", "space"], ["a", "b", "c"]]
        func citations(_ style: String) throws -> [String] {
            try Self.plainCitations(items, article.map { $0.map { CSLCite(id: $0) } }, style: style)
        }
        #expect(try citations("apa") == [
            "(Müller, 2019, 2022; Müller, 2020; Müller, 2021)", "(Müller, 2016; Müller, 2017, 2021; Müller, 2023, 2024)",
            "(Smith et al., 2010; Smith et al., 2012; Smith et al., 2014)",
        ])
        #expect(try citations("chicago-author-date") == [
            "(Müller 2019, 2020, 2021, 2022)", "(Müller 2023, 2024, 2016, 2021, 2017)", "(Smith et al. 2010, 2014; Smith et al. 2012)",
        ])
    }

    /// A style that collapses year suffixes (`collapse="year-suffix"`, as Springer's author-date styles) prints a cite
    /// of the author and year of the one before it as its year suffix, its locator kept, and the first's prefix or
    /// locator does not stop it ("Smith 2019a, p. 3, b"); a group whose suffixes collapsed has its other years set
    /// apart by the after-collapse delimiter ("2019a, b, c; 2020"), one without by the cite-group delimiter, a locator
    /// or not ("2019a, p. 3, 2020"). As `pandoc --citeproc` 3.9 printed these citations of one document (`-t plain`),
    /// with the style as it is and without its citation `<sort>`.
    @Test func yearSuffixesCollapseAsPandocCollapsesThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a2019a","type":"article-journal","title":"Alpha","author":[{"family":"Smith","given":"John"}],"issued":{"date-parts":[[2019]]}},
             {"id":"a2019b","type":"article-journal","title":"Beta","author":[{"family":"Smith","given":"John"}],"issued":{"date-parts":[[2019]]}},
             {"id":"a2019c","type":"article-journal","title":"Gamma","author":[{"family":"Smith","given":"John"}],"issued":{"date-parts":[[2019]]}},
             {"id":"j2020","type":"article-journal","title":"Delta","author":[{"family":"Jones","given":"Ann"}],"issued":{"date-parts":[[2020]]}},
             {"id":"a2020","type":"article-journal","title":"Eps","author":[{"family":"Smith","given":"John"}],"issued":{"date-parts":[[2020]]}}]
            """)
        func page(_ id: String, _ locator: String) -> CSLCite { CSLCite(id: id, locator: locator, label: "page") }
        // `[@a2019a; @a2019b]`, `[@a2019a; @a2019b; @a2019c; @a2020]`, `[@a2019a, p. 3; @a2019b]`, …
        let article: [[CSLCite]] = [
            [CSLCite(id: "a2019a"), CSLCite(id: "a2019b")],
            [CSLCite(id: "a2019a"), CSLCite(id: "a2019b"), CSLCite(id: "a2019c"), CSLCite(id: "a2020")],
            [page("a2019a", "3"), CSLCite(id: "a2019b")],
            [CSLCite(id: "a2019a"), page("a2019b", "4"), CSLCite(id: "a2019c")],
            [CSLCite(id: "a2019a", prefix: "see "), CSLCite(id: "a2019b")],
            [page("a2019a", "3"), CSLCite(id: "a2020")],
            [CSLCite(id: "a2020"), page("a2019a", "3"), CSLCite(id: "a2019b"), page("a2019c", "5")],
            [CSLCite(id: "a2019a"), page("a2019c", "5"), CSLCite(id: "j2020"), CSLCite(id: "a2019b")],
        ]
        func citations(sorted: Bool) throws -> [String] {
            let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T</title><id>t</id></info>"#
                + #"<macro name="author-short"><names variable="author"><name form="short" and="text"/></names></macro>"#
                + #"<macro name="author"><names variable="author"><name name-as-sort-order="all" initialize-with=""/></names></macro>"#
                + #"<citation et-al-min="3" et-al-use-first="1" disambiguate-add-year-suffix="true" collapse="year-suffix" cite-group-delimiter=", ">"#
                + (sorted ? #"<sort><key variable="issued"/><key macro="author"/></sort>"# : "")
                + #"<layout prefix="(" suffix=")" delimiter="; "><group delimiter=", "><group delimiter=" "><text macro="author-short"/>"#
                + #"<date variable="issued"><date-part name="year"/></date></group><group delimiter=" "><label variable="locator" form="short"/>"#
                + #"<text variable="locator"/></group></group></layout></citation>"#
                + #"<bibliography><sort><key macro="author"/><key variable="issued"/></sort><layout><text macro="author"/></layout></bibliography></style>"#
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            return processor.render(items: items, citations: article.map { CSLCitation(cites: $0) }).citations.map { processor.plainText($0) }
        }
        let collapsed = [
            "(Smith 2019a, b)", "(Smith 2019a, b, c; 2020)", "(Smith 2019a, p. 3, b)", "(Smith 2019a, b, p. 4, c)", "(see Smith 2019a, b)",
            "(Smith 2019a, p. 3, 2020)", "(Smith 2019a, p. 3, b, c, p. 5; 2020)", "(Smith 2019a, c, p. 5, b; Jones 2020)",
        ]
        #expect(try citations(sorted: true) == collapsed)
        var unsorted = collapsed
        unsorted[6] = "(Smith 2020; 2019a, p. 3, b, c, p. 5)"
        #expect(try citations(sorted: false) == unsorted)
    }

    /// An undated source cited with dated ones of the same author in the real Zotero export: Borgman's undated web page
    /// comes first ("n.d., 2011"), and of Schöpfel's, "Schöpfel & Prost, n.d." last in APA, first in Chicago; in APA
    /// a paper whose `language` is "en-US" does not group with one that gives none ("C. L. Borgman, 2012b; C. L.
    /// Borgman, 2012a"), where Chicago groups the same people. As `pandoc --citeproc` 3.9 printed these two citations
    /// of one document (`-t plain`).
    @Test func undatedAndDatedSourcesOfOneAuthorInTheZoteroExport() throws {
        let input = "Tests/SitegenKitTests/Fixtures/realbib/zotero-bbt-biblatex-zotero-better-bibtex.bib.csl.json"
        let article = [["borgman", "borgman2011", "borgman2012", "borgman2012a"], ["schopfel", "schopfel2015", "schopfel2015a", "schopfel2015b", "schopfel2016"]]
        let items = try JSONInput.items(String(contentsOf: Self.root.appendingPathComponent(input), encoding: .utf8)).filter { article.joined().contains($0.id) }
        func citations(_ style: String) throws -> [String] {
            try Self.plainCitations(items, article.map { $0.map { CSLCite(id: $0) } }, style: style)
        }
        #expect(try citations("apa") == [
            "(C. Borgman, n.d., 2011; C. L. Borgman, 2012b; C. L. Borgman, 2012a)",
            "(Schöpfel, Primož, et al., 2015a; Schöpfel, Prost, et al., 2015; Schöpfel, Primož, et al., 2015b; Schöpfel et al., 2016; Schöpfel & Prost, n.d.)",
        ])
        #expect(try citations("chicago-author-date") == [
            "(C. Borgman, n.d., 2011; C. L. Borgman 2012b, 2012a)",
            "(Schöpfel and Prost, n.d.; Schöpfel, Primož, et al. 2015b, 2015a; Schöpfel, Prost, et al. 2015; Schöpfel et al. 2016)",
        ])
    }

    /// Pandoc 3.9's citations and entries when by-cite disambiguation meets three people named Smith: each name gets
    /// the expansion it needs (initials for Anna, whose two papers a year suffix tells apart; the full name for John
    /// beside J.), not the one another name of the group needs.
    @Test func givenNamesExpandAsEachNameNeeds() throws {
        let items = try JSONInput.items("""
            [{"id":"s1","type":"report","author":[{"family":"Smith","given":"John"}],"title":"One","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"s2","type":"report","author":[{"family":"Smith","given":"J."}],"title":"Two","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"s3","type":"report","author":[{"family":"Smith","given":"Anna"}],"title":"Three","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"s4","type":"report","author":[{"family":"Smith","given":"Anna"}],"title":"Four","publisher":"P","issued":{"date-parts":[[2010]]}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/harvard-cite-them-right.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: ["s1", "s2", "s3", "s4"].map { CSLCitation(cites: [CSLCite(id: $0)]) })
        #expect(result.citations.map { processor.plainText($0) } == ["(John Smith, 2010)", "(J. Smith, 2010)", "(A. Smith, 2010b)", "(A. Smith, 2010a)"])
        // The entries show the expansions too, as pandoc's citeproc keeps them with the item: "Smith, John".
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Smith, A. (2010a) Four. P.", "Smith, A. (2010b) Three. P.", "Smith, John (2010) One. P.", "Smith, J. (2010) Two. P.",
        ])
    }

    /// Pandoc 3.9's entries (`pandoc --citeproc -t plain` of `A [@a]. B [@b]. C [@c].`) for given names written as
    /// initials: a part after a hyphen stays joined to the initial before it ("J.-P."), and a single letter keeps
    /// the style's period where disambiguation shows the given name in full (Chicago prints "F. Schmidt" in the
    /// citation and "Schmidt, F." in the entry, as it would without a namesake).
    @Test func initialsKeepTheirHyphensAndPeriods() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"article-journal","author":[{"family":"Schmidt","given":"F"},{"family":"Okafor","given":"F"}],"title":"First","container-title":"J","issued":{"date-parts":[[2020]]}},
             {"id":"b","type":"article-journal","author":[{"family":"Schmidt","given":"K"}],"title":"Second","container-title":"J","issued":{"date-parts":[[2020]]}},
             {"id":"c","type":"article-journal","author":[{"family":"Lee","given":"Jean-Paul"},{"family":"Park","given":"J.-P."},{"family":"Kim","given":"J.P."},{"family":"Cho","given":"J. P."},{"family":"Han","given":"J-P"}],"title":"Third","container-title":"J","issued":{"date-parts":[[2019]]}}]
            """)
        func printed(_ style: String) throws -> (citations: [String], entries: [String]) {
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let result = processor.render(items: items, citations: ["a", "b", "c"].map { CSLCitation(cites: [CSLCite(id: $0)]) })
            return (result.citations.map { processor.plainText($0) }, result.bibliography.map { Self.referenceText($0.text, processor) })
        }
        let chicago = try printed("chicago-author-date")
        #expect(chicago.citations == ["(F. Schmidt and Okafor 2020)", "(K. Schmidt 2020)", "(Lee et al. 2019)"])
        #expect(chicago.entries == [
            "Lee, Jean-Paul, J.-P. Park, J. P. Kim, J. P. Cho, and J-P Han. 2019. “Third.” J.",
            "Schmidt, F., and F. Okafor. 2020. “First.” J.", "Schmidt, K. 2020. “Second.” J.",
        ])
        let apa = try printed("apa")
        #expect(apa.citations == ["(F. Schmidt & Okafor, 2020)", "(K. Schmidt, 2020)", "(Lee et al., 2019)"])
        #expect(apa.entries == [
            "Lee, J.-P., Park, J.-P., Kim, J. P., Cho, J. P., & Han, J.-P. (2019). Third. J.",
            "Schmidt, F., & Okafor, F. (2020). First. J.", "Schmidt, K. (2020). Second. J.",
        ])
    }

    /// Three things real exports hold (found comparing 27 of them with pandoc), printed as `pandoc --citeproc` 3.9
    /// printed these (`nocite: "@*"`, `-t plain`): Wiley's pages of an article before its issue, `n/a-n/a`, which a
    /// format that shortens prints "n/a–" (APA's `expanded` whole); a title whose opening quote closes nowhere but holds
    /// a quote of its kind that closes (a Zotero export's `‘Small publishers … Amazon’s ‘buy’ button`): the first is
    /// text and the inner one quoted (sitegen printed the whole title in quotation marks); and given names that start
    /// with no letter of a case, a digit or a Hebrew or Arabic letter, kept whole up to a hyphen, after which only a
    /// part that starts with a capital gives an initial ("Jean-2x" is "J", was "J-2"; "محمد" was "م").
    @Test func oddPagesQuotesAndGivenNamesOfRealExportsPrintAsPandocPrintsThem() throws {
        let json = #"""
            [{"id": "p1", "type": "article-journal", "title": "Early view", "container-title": "J", "page": "n/a-n/a", "issued": {"date-parts": [[2017]]}},
             {"id": "p2", "type": "article-journal", "title": "Same letters", "container-title": "J", "page": "ab-ab", "issued": {"date-parts": [[2018]]}},
             {"id": "q1", "type": "article-journal", "title": "‘Small publishers feel power of Amazon’s ‘buy’ button", "container-title": "N.Y. Times", "issued": {"date-parts": [[2008]]}},
             {"id": "q2", "type": "article-journal", "title": "“Small publishers feel power of Amazon’s “buy” button", "container-title": "J", "issued": {"date-parts": [[2009]]}},
             {"id": "n1", "type": "article-journal", "title": "Names", "container-title": "J", "issued": {"date-parts": [[2010]]}, "author": [{"family": "Roe", "given": "Jean-2x"},
              {"family": "Doe", "given": "2x-Luc"}, {"family": "Poe", "given": "Ann 3-Rd"}, {"family": "Hadad", "given": "محمد"}, {"family": "Levi", "given": "דוד-Jean"}]}]
            """#
        #expect(try Self.bibliography(json, style: "vancouver") == [
            "Early view. J. 2017;n/a–.", "Same letters. J. 2018;ab–.", "‘Small publishers feel power of Amazon’s “buy” button. N.Y. Times. 2008;",
            "“Small publishers feel power of Amazon’s “buy” button. J. 2009;", "Roe J, Doe 2x-L, Poe A3-R, Hadad محمد, Levi דוד-J. Names. J. 2010;",
        ])
        #expect(try Self.bibliography(json, style: "apa") == [
            "Early view. (2017). J, n/a–n/a.", "Roe, J., Doe, 2x.-L., Poe, A. 3.-R., Hadad, محمد., & Levi, דוד.-J. (2010). Names. J.",
            "Same letters. (2018). J, ab–ab.", "‘Small publishers feel power of Amazon’s “buy” button. (2008). N.Y. Times.",
            "“Small publishers feel power of Amazon’s “buy” button. (2009). J.",
        ])
    }

    /// Pandoc 3.9's title case of a title's last word (Chicago's entries, `pandoc --citeproc -t plain`): a stop word
    /// there is capitalized ("Look Out For", "(Of)"), unless the word holds a hyphen, slash or dash, where it stays a
    /// stop word after the break ("Follow-up", "Sign-up/of").
    @Test func titleCaseCapitalizesALastWordWithoutABreak() throws {
        let titles = [
            "Care after follow-up", "Sign-in: a follow-up", "What to look out for", "Up-to-date care of the type of",
            "Care in the sign-up/of", "Step-by-step", "Care after (of)", "Looked in on. a to",
        ]
        let items = try JSONInput.items("[" + titles.enumerated().map { index, title in
            #"{"id":"t\#(index)","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"\#(title)","container-title":"J","issued":{"date-parts":[[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]")
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: items.indices.map { CSLCitation(cites: [CSLCite(id: "t\($0)")]) })
        let printed = Dictionary(uniqueKeysWithValues: result.bibliography.map { ($0.id, Self.referenceText($0.text, processor)) })
        #expect((0..<titles.count).map { printed["t\($0)"] } == [
            "Garcia, F. 2000. “Care After Follow-up.” J.", "Garcia, F. 2001. “Sign-in: A Follow-up.” J.",
            "Garcia, F. 2002. “What to Look Out For.” J.", "Garcia, F. 2003. “Up-to-Date Care of the Type Of.” J.",
            "Garcia, F. 2004. “Care in the Sign-up/of.” J.", "Garcia, F. 2005. “Step-by-Step.” J.",
            "Garcia, F. 2006. “Care After (Of).” J.", "Garcia, F. 2007. “Looked in on. A To.” J.",
        ])
    }

    /// Pandoc 3.9's title case where punctuation runs together (Chicago's entries, `pandoc --citeproc -t plain`): a run
    /// of punctuation is read by its last mark ("a.m.; on" and "vs., x-ray" go on in the sentence, "pre-! on" starts
    /// one); a single letter as the last word stays lowercase even at a sentence's start ("What? i.e."); and the
    /// last-word rule does not reach a title in the element's own italics (the journal "Care; into").
    @Test func titleCaseReadsRunsOfPunctuationAsPandocDoes() throws {
        let titles = ["what? i.e.", "x-ray vs., x-ray", "a.m.; on the ward", "self-care: a.m.", "pre-! on", "care; into", "look at l’hôpital. l’hôpital"]
        let items = try JSONInput.items("[" + titles.enumerated().map { index, title in
            #"{"id":"v\#(index)","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"\#(title)","container-title":"\#(index == 5 ? title : "J")","issued":{"date-parts":[[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]")
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: items.indices.map { CSLCitation(cites: [CSLCite(id: "v\($0)")]) })
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Garcia, F. 2000. “What? i.e.” J.", "Garcia, F. 2001. “X-Ray Vs., x-Ray.” J.", "Garcia, F. 2002. “A.m.; on the Ward.” J.",
            "Garcia, F. 2003. “Self-Care: a.m.” J.", "Garcia, F. 2004. “Pre-! On.” J.", "Garcia, F. 2005. “Care; Into.” Care; into.",
            "Garcia, F. 2006. “Look at l’hôpital. l’hôpital.” J.",
        ])
    }

    /// Pandoc 3.9's title case after a subscript or superscript (Chicago's entries, `pandoc --citeproc --csl
    /// chicago-author-date.csl -t html`, tags left out): the digits in `<sub>`/`<sup>` are words of their own, so the
    /// last word is still the title's last ("CO2 and the Lung", not "and The Lung"; "The Role of Aspirin", not "Of";
    /// "Cells: A Study", not "a"). Words with digits are title-cased as others ("The P53 Gene").
    @Test func titleCaseCountsWordsAfterSubscriptsAsPandocDoes() throws {
        let titles = [
            "CO<sub>2</sub> and the lung", "Platelets above 10<sup>9</sup>/L: the role of aspirin", "CO<sub>2</sub> cells: a study",
            "Vitamin D<sub>3</sub> in the care of the old", "the p53 gene and w12345 of the mRNA",
        ]
        let items = try JSONInput.items("[" + titles.enumerated().map { index, title in
            #"{"id":"s\#(index)","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"\#(title)","container-title":"J","issued":{"date-parts":[[\#(2000 + index)]]}}"#
        }.joined(separator: ",") + "]")
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: [])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Garcia, F. 2000. “CO2 and the Lung.” J.", "Garcia, F. 2001. “Platelets Above 109/L: The Role of Aspirin.” J.",
            "Garcia, F. 2002. “CO2 Cells: A Study.” J.", "Garcia, F. 2003. “Vitamin D3 in the Care of the Old.” J.",
            "Garcia, F. 2004. “The P53 Gene and W12345 of the mRNA.” J.",
        ])
    }

    /// Pandoc 3.9's `text-case="capitalize-first"` (APA's report number and genre, `pandoc --citeproc --csl apa.csl
    /// -t plain` of these items, uncited): the first run of letters and digits is capitalized only when it is all
    /// lowercase letters, so a number or genre that starts with a letter and digits stays ("No. w12345", "[p53
    /// dataset]"), and so does one after a hyphen ("-x data"); one after a bracket or before a hyphen does not.
    @Test func capitalizeFirstLeavesARunWithDigitsAsPandocDoes() throws {
        let entries = try Self.apaBibliography(#"""
            [{"id":"r","type":"report","author":[{"family":"Fa","given":"F."}],"title":"Working paper on costs","publisher":"NBER","number":"w12345","genre":"Working paper","issued":{"date-parts":[[2012]]}},
             {"id":"d0","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 0","publisher":"P","genre":"p53 dataset","issued":{"date-parts":[[2000]]}},
             {"id":"d1","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 1","publisher":"P","genre":"working paper","issued":{"date-parts":[[2001]]}},
             {"id":"d2","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 2","publisher":"P","genre":"arXiv preprint","issued":{"date-parts":[[2002]]}},
             {"id":"d3","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 3","publisher":"P","genre":"(draft) data","issued":{"date-parts":[[2003]]}},
             {"id":"d4","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 4","publisher":"P","genre":"e-values data","issued":{"date-parts":[[2004]]}},
             {"id":"d5","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 5","publisher":"P","genre":"3rd data set","issued":{"date-parts":[[2005]]}},
             {"id":"d6","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 6","publisher":"P","genre":"statin-dataset","issued":{"date-parts":[[2006]]}},
             {"id":"d7","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 7","publisher":"P","genre":"über data","issued":{"date-parts":[[2007]]}},
             {"id":"d8","type":"dataset","author":[{"family":"Fb","given":"F."}],"title":"Tumour data 8","publisher":"P","genre":"-x data","issued":{"date-parts":[[2008]]}}]
            """#)
        #expect(entries == [
            "Fa, F. (2012). Working paper on costs (Working Paper No. w12345). NBER.",
            "Fb, F. (2000). Tumour data 0 [p53 dataset]. P.", "Fb, F. (2001). Tumour data 1 [Working paper]. P.",
            "Fb, F. (2002). Tumour data 2 [arXiv preprint]. P.", "Fb, F. (2003). Tumour data 3 [(Draft) data]. P.",
            "Fb, F. (2004). Tumour data 4 [E-values data]. P.", "Fb, F. (2005). Tumour data 5 [3rd data set]. P.",
            "Fb, F. (2006). Tumour data 6 [Statin-dataset]. P.", "Fb, F. (2007). Tumour data 7 [Über data]. P.",
            "Fb, F. (2008). Tumour data 8 [-x data]. P.",
        ])
    }

    /// Pandoc 3.9's entries for titles ending in a quotation (Chicago, which quotes titles and puts a period inside
    /// the closing quote): the period goes inside the outer quote only ("‘Obesity Paradox’."), where the CSL suite's
    /// citeproc-js puts it inside the inner one; a quotation ending in punctuation of its own takes none.
    @Test func punctuationGoesInsideTheOuterQuoteOnly() throws {
        let items = try JSONInput.items(#"""
            [{"id":"q1","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"The \"obesity paradox\"","container-title":"J","issued":{"date-parts":[[2000]]}},
             {"id":"q2","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"Is it \"safe\"?","container-title":"J","issued":{"date-parts":[[2001]]}},
             {"id":"q3","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"A 'so-called' \"cure.\"","container-title":"J","issued":{"date-parts":[[2002]]}}]
            """#)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: ["q1", "q2", "q3"].map { CSLCitation(cites: [CSLCite(id: $0)]) })
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Garcia, F. 2000. “The ‘Obesity Paradox’.” J.", "Garcia, F. 2001. “Is It ‘Safe’?” J.", "Garcia, F. 2002. “A ‘so-Called’ ‘Cure.’” J.",
        ])
        // Harvard's comma after a quoted title: outside the inner quote, and none after a period the title moved
        // inside it (`Care of "de".`).
        let harvardItems = try JSONInput.items(#"""
            [{"id":"h1","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"Care of \"de\".","container-title":"J","issued":{"date-parts":[[2000]]}},
             {"id":"h2","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"The \"obesity paradox\"","container-title":"J","issued":{"date-parts":[[2001]]}}]
            """#)
        let harvardXML = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/harvard-cite-them-right.csl"), encoding: .utf8)
        let harvard = CSLProcessor(style: try CSLStyle(XMLReader.read(harvardXML)), localeFiles: try TestSuite.locales())
        let printed = harvard.render(items: harvardItems, citations: ["h1", "h2"].map { CSLCitation(cites: [CSLCite(id: $0)]) })
        #expect(printed.bibliography.map { Self.referenceText($0.text, harvard) } == [
            "Garcia, F. (2000) “Care of ‘de.’” J [Preprint].", "Garcia, F. (2001) “The ‘obesity paradox’,” J [Preprint].",
        ])
    }

    /// Pandoc 3.9's entries where a style strips periods and title-cases (Elsevier's journal abbreviations): the
    /// periods go first, in `nocase` text too, and title case reads what is left ("the u.s." is "the Us").
    @Test func periodsAreStrippedBeforeTheTextCase() throws {
        let items = try JSONInput.items(#"""
            [{"id":"e1","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"Care","container-title":"i.e. care of the u.s.","issued":{"date-parts":[[2000]]}},
             {"id":"e2","type":"article-journal","author":[{"family":"Garcia","given":"F"}],"title":"Care","container-title":"<span class=\"nocase\">a.m.</span>; follow-up","issued":{"date-parts":[[2001]]}}]
            """#)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/elsevier-vancouver.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: [CSLCitation(cites: [CSLCite(id: "e1"), CSLCite(id: "e2")])])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Garcia F. Care. Ie Care of the Us 2000.", "Garcia F. Care. am; Follow-up 2001.",
        ])
    }

    /// Pandoc 3.9's names where a given name is partly initials or missing (`pandoc --citeproc -t plain` of `A [@a]. B
    /// [@b]. C [@c]. D [@d]. E [@e].`): "Hans-J." gives "H.-J." (APA) and "H-J" (Vancouver); a name with a suffix and
    /// no given name keeps the suffix ("Lee, Sr" inverted, "Müller Sr" not) and shows it where disambiguation asks for
    /// the long form ("Lee Sr et al."); "J-P" and "J.-P." are two people's initials, as pandoc compares them.
    @Test func namesWithInitialsAndSuffixesPrintAsPandocPrintsThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","author":[{"family":"Kim","given":"Hans-J."},{"family":"Lee","suffix":"Sr"}],"title":"One","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"b","type":"chapter","author":[{"family":"Lee","given":"Th."},{"family":"Park","given":"A"},{"family":"Cho","given":"B"}],"editor":[{"family":"Müller","suffix":"Sr"}],"title":"Two","container-title":"Book","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"c","type":"book","author":[{"family":"Lee","suffix":"Sr"},{"family":"Park","given":"A"},{"family":"Cho","given":"B"}],"title":"Three","publisher":"P","issued":{"date-parts":[[2001]]}},
             {"id":"d","type":"book","author":[{"family":"Roy","given":"J-P"}],"title":"Four","publisher":"P","issued":{"date-parts":[[2002]]}},
             {"id":"e","type":"book","author":[{"family":"Roy","given":"J.-P."}],"title":"Five","publisher":"P","issued":{"date-parts":[[2002]]}}]
            """)
        func printed(_ style: String) throws -> (citations: [String], entries: [String: String]) {
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let result = processor.render(items: items, citations: ["a", "b", "c", "d", "e"].map { CSLCitation(cites: [CSLCite(id: $0)]) })
            return (result.citations.map { processor.plainText($0) },
                    Dictionary(uniqueKeysWithValues: result.bibliography.map { ($0.id, Self.referenceText($0.text, processor)) }))
        }
        let apa = try printed("apa")
        #expect(Array(apa.citations.prefix(3)) == ["(Kim & Lee, 2001)", "(Th. Lee et al., 2001)", "(Lee Sr et al., 2001)"])
        #expect(apa.citations.dropFirst(3).allSatisfy { $0.hasPrefix("(J.-P. Roy, 2002") })
        #expect(apa.entries["a"] == "Kim, H.-J., & Lee, Sr. (2001). One. P.")
        #expect(apa.entries["b"] == "Lee, Th., Park, A., & Cho, B. (2001). Two. In Müller Sr (Ed.), Book. P.")
        #expect(apa.entries["c"] == "Lee, Sr, Park, A., & Cho, B. (2001). Three. P.")
        let vancouver = try printed("vancouver")
        #expect(vancouver.entries["a"] == "Kim H-J, Lee Sr. One. P; 2001.")
        #expect(vancouver.entries["b"] == "Lee Th, Park A, Cho B. Two. In: Müller Sr, editor. Book. P; 2001.")
        #expect(vancouver.entries["c"] == "Lee Sr, Park A, Cho B. Three. P; 2001.")
        #expect(vancouver.entries["d"] == "Roy J-P. Four. P; 2002." && vancouver.entries["e"] == "Roy J-P. Five. P; 2002.")
    }

    /// Pandoc 3.9's Vancouver entry for given names that end in particles or are lowercase initials: a dropping
    /// particle is the words from the first lowercase one, when a word comes before it ("Jean de la": "J de la");
    /// "a. b." is initials ("ab"), not a particle.
    @Test func givenNameParticlesAsPandocReadsThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","author":[{"family":"Ng","given":"a. b."},{"family":"Fontaine","given":"Jean de la"},{"family":"Berg","given":"Anna van der"}],"title":"One","publisher":"P","issued":{"date-parts":[[2001]]}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/vancouver.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: [CSLCitation(cites: [CSLCite(id: "a")])])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == ["Ng ab, Fontaine J de la, Berg A van der. One. P; 2001."])
    }

    /// Pandoc 3.9's names with a dropping particle and no given name (`{"family": "Zola", "dropping-particle": "Émile"}`,
    /// `pandoc --citeproc -t plain --csl <style>.csl` of `[@z1]` and `[@z2]`): the particle is printed where a given name
    /// would be, inverted after the family name ("Zola, Émile") or before it ("Émile Zola"); a citation's short form
    /// leaves it out. sitegen printed the family name alone ("Zola, & Oster, O.").
    @Test func aDroppingParticleWithoutAGivenNameIsPrinted() throws {
        let items = try JSONInput.items("""
            [{"id":"z1","type":"article-journal","author":[{"family":"Zola","dropping-particle":"Émile"},{"family":"Oster","given":"Ole"}],"title":"One","container-title":"J","issued":{"date-parts":[[2002]]}},
             {"id":"z2","type":"article-journal","author":[{"family":"Oster","given":"Ole"},{"family":"Zola","dropping-particle":"Émile"}],"title":"Two","container-title":"J","issued":{"date-parts":[[2003]]}}]
            """)
        func printed(_ style: String) throws -> (citations: [String], entries: [String]) {
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let result = processor.render(items: items, citations: [CSLCitation(cites: [CSLCite(id: "z1")]), CSLCitation(cites: [CSLCite(id: "z2")])])
            return (result.citations.map { processor.plainText($0) }, result.bibliography.map { Self.referenceText($0.text, processor) })
        }
        let apa = try printed("apa")
        #expect(apa.citations == ["(Zola & Oster, 2002)", "(Oster & Zola, 2003)"])
        #expect(apa.entries == ["Oster, O., & Zola, Émile. (2003). Two. J.", "Zola, Émile, & Oster, O. (2002). One. J."])
        #expect(try printed("vancouver").entries == ["Zola Émile, Oster O. One. J. 2002;", "Oster O, Zola Émile. Two. J. 2003;"])
        let chicago = try printed("chicago-author-date")
        #expect(chicago.citations == ["(Zola and Oster 2002)", "(Oster and Zola 2003)"])
        #expect(chicago.entries == ["Oster, Ole, and Émile Zola. 2003. “Two.” J.", "Zola, Émile, and Ole Oster. 2002. “One.” J."])
    }

    /// Pandoc 3.9's entries when disambiguation added names to citations (`pandoc --citeproc -t plain` of `X [@g1]. Y
    /// [@g2; @g3].`): the bibliography cuts its names after as many (Harvard: "Garcia, J., Li, J.R., et al."), as
    /// pandoc's citeproc keeps the count with the item; an entry whose citation needed none keeps the style's cut.
    @Test func entriesShowTheNamesDisambiguationAdded() throws {
        let items = try JSONInput.items("""
            [{"id":"g1","type":"article-journal","author":[{"family":"Garcia","given":"John"},{"family":"Li","given":"J. R."},{"family":"Kim","given":"Robert"},{"family":"Berg","given":"Wei"}],"title":"Alpha","container-title":"The Lancet","volume":"12","page":"1-9","issued":{"date-parts":[[2020]]}},
             {"id":"g2","type":"article-journal","author":[{"family":"Garcia","given":"John"},{"family":"Nguyen","given":"Robert"},{"family":"Chen","given":"J."},{"family":"Wang","given":"Wei"},{"family":"Smith","given":"Ana"}],"title":"Beta","container-title":"BMJ","volume":"3","page":"10-19","issued":{"date-parts":[[2020]]}},
             {"id":"g3","type":"article-journal","author":[{"family":"Garcia","given":"John"},{"family":"Nguyen","given":"Robert"},{"family":"Chen","given":"J."}],"title":"Gamma","container-title":"BMJ","volume":"4","page":"20-29","issued":{"date-parts":[[2021]]}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/harvard-cite-them-right.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: [[CSLCite(id: "g1")], [CSLCite(id: "g2"), CSLCite(id: "g3")]].map { CSLCitation(cites: $0) })
        #expect(result.citations.map { processor.plainText($0) } == ["(Garcia, Li, et al., 2020)", "(Garcia, Nguyen, et al., 2020; Garcia, Nguyen and Chen, 2021)"])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Garcia, J., Li, J.R., et al. (2020) “Alpha,” The Lancet, 12, pp. 1–9.",
            "Garcia, J., Nguyen, R., et al. (2020) “Beta,” BMJ, 3, pp. 10–19.",
            "Garcia, J., Nguyen, R. and Chen, J. (2021) “Gamma,” BMJ, 4, pp. 20–29.",
        ])
    }

    /// Pandoc 3.9's citations of namesakes under the given-name rules that read the whole document (`primary-name` in
    /// Chicago, `primary-name-with-initials` in APA): names are grouped by family name alone, particles aside ("W.
    /// Berg" beside "A. van der Berg", "A. de Cruz" beside "W. Cruz"), and two names are two people when any part
    /// differs: a suffix ("Anna Müller Jr." beside "Anna Müller"), the given name as written ("J. R." beside "J.R."),
    /// or a given name missing ("A. Lee" beside "Lee").
    @Test func namesakesAreToldApartAsPandocTellsThem() throws {
        let items = try JSONInput.items("""
            [{"id":"a","type":"book","title":"A","author":[{"family":"Berg","given":"Wei"}],"issued":{"date-parts":[[2010]]}},
             {"id":"b","type":"book","title":"B","author":[{"family":"Berg","given":"Anna","non-dropping-particle":"van der"}],"issued":{"date-parts":[[2012]]}},
             {"id":"c","type":"book","title":"C","author":[{"family":"Müller","given":"Anna","suffix":"Jr."}],"issued":{"date-parts":[[2015]]}},
             {"id":"d","type":"book","title":"D","author":[{"family":"Müller","given":"Anna"}],"issued":{"date-parts":[[2012]]}},
             {"id":"e","type":"book","title":"E","author":[{"family":"Kim","given":"J. R."}],"issued":{"date-parts":[[2015]]}},
             {"id":"f","type":"book","title":"F","author":[{"family":"Kim","given":"J.R."}],"issued":{"date-parts":[[2012]]}},
             {"id":"g","type":"book","title":"G","author":[{"family":"Cruz","given":"Ana","dropping-particle":"de"}],"issued":{"date-parts":[[2016]]}},
             {"id":"h","type":"book","title":"H","author":[{"family":"Cruz","given":"Wei"}],"issued":{"date-parts":[[2011]]}},
             {"id":"i","type":"book","title":"I","author":[{"family":"Lee"}],"issued":{"date-parts":[[2013]]}},
             {"id":"j","type":"book","title":"J","author":[{"family":"Lee","given":"Anna"}],"issued":{"date-parts":[[2014]]}}]
            """)
        func citations(_ style: String) throws -> [String] {
            let document = [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"], ["i", "j"]]
            return try Self.plainCitations(items, document.map { $0.map { CSLCite(id: $0) } }, style: style)
        }
        #expect(try citations("chicago-author-date") == [
            "(W. Berg 2010; A. van der Berg 2012)", "(Anna Müller Jr. 2015; Anna Müller 2012)", "(J. R. Kim 2015; J. R. Kim 2012)",
            "(A. de Cruz 2016; W. Cruz 2011)", "(Lee 2013; A. Lee 2014)",
        ])
        #expect(try citations("apa") == [
            "(W. Berg, 2010; A. van der Berg, 2012)", "(Müller, 2012; Müller, 2015)", "(Kim, 2015; Kim, 2012)",
            "(A. de Cruz, 2016; W. Cruz, 2011)", "(Lee, 2013; A. Lee, 2014)",
        ])
    }

    /// Pandoc 3.9's citations when two works print alike and their names differ only where the given-name rule looks
    /// (`pandoc --citeproc -t plain`, `apa.csl`, `[@o1; @o2; @o3; @o4]` and `[@p1; @p2; @p3]`): APA's rule reads the
    /// first author's initials, which tell "A. O'Brien" from "J. O'Brien" though no cite prints them (Ana and John
    /// O'Brien keep them out), so pandoc adds no names and a year suffix tells the two apart; names are added where
    /// the names themselves differ further on, and the works still alike keep them too.
    @Test func namesAreAddedOnlyWhereTheNamesAreAlike() throws {
        let items = try JSONInput.items("""
            [{"id":"o1","type":"book","title":"One","publisher":"P","author":[{"family":"O'Brien","given":"A."},{"family":"Garcia","given":"A."},{"family":"Wang","given":"J. R."},{"family":"Chen","given":"J."}],"issued":{"date-parts":[[2010]]}},
             {"id":"o2","type":"book","title":"Two","publisher":"P","author":[{"family":"O'Brien","given":"J."},{"family":"Garcia","given":"J.-P."},{"family":"Kim","given":"A."}],"issued":{"date-parts":[[2010]]}},
             {"id":"o3","type":"book","title":"Three","publisher":"P","author":[{"family":"O'Brien","given":"Ana"}],"issued":{"date-parts":[[2015]]}},
             {"id":"o4","type":"book","title":"Four","publisher":"P","author":[{"family":"O'Brien","given":"John"}],"issued":{"date-parts":[[2016]]}},
             {"id":"p1","type":"book","title":"P one","publisher":"P","author":[{"family":"Smith","given":"J."},{"family":"Jones","given":"K."},{"family":"Brown","given":"L."}],"issued":{"date-parts":[[2012]]}},
             {"id":"p2","type":"book","title":"P two","publisher":"P","author":[{"family":"Smith","given":"J."},{"family":"Jones","given":"K."},{"family":"Brown","given":"L."}],"issued":{"date-parts":[[2012]]}},
             {"id":"p3","type":"book","title":"P three","publisher":"P","author":[{"family":"Smith","given":"J."},{"family":"Jones","given":"K."},{"family":"Green","given":"M."}],"issued":{"date-parts":[[2012]]}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/apa.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func citations(_ ids: [String]) -> [String] {
            let result = processor.render(items: items.filter { ids.contains($0.id) }, citations: [CSLCitation(cites: ids.map { CSLCite(id: $0) })])
            return result.citations.map { processor.plainText($0) }
        }
        #expect(citations(["o1", "o2", "o3", "o4"]) == ["(O’Brien et al., 2010a; O’Brien, 2015; O’Brien et al., 2010b; O’Brien, 2016)"])
        #expect(citations(["p1", "p2", "p3"]) == ["(Smith, Jones, & Brown, 2012a, 2012b; Smith, Jones, & Green, 2012)"])
    }

    /// Pandoc 3.9's by-cite hints (`pandoc --citeproc -t plain`, `harvard-cite-them-right.csl`, `A [@x30]. B [@x36]. C
    /// [@x08]. D [@e1; @e2].`): a hint goes with the name, wherever the item prints it ("John van der Berg Jr." beside
    /// "J. van der Berg", whose initials are the same, but the chapter's editor stays "W. Li"); the names of a group
    /// are read place by place in the order the items are first cited, and where some have fewer names than the place,
    /// pandoc gives that place's names to the items in order, so the second item's "Robert Li" gets the hint meant for
    /// the third's ("R. Li, Müller, van der Berg, et al.") and the third prints none.
    @Test func byCiteHintsGoWithTheNameAsPandocGivesThem() throws {
        let items = try JSONInput.items("""
            [{"id":"x30","type":"book","title":"Thirty","publisher":"P","author":[{"family":"Li","given":"Robert"},{"family":"Müller","given":"Ana"},{"family":"Li","given":"Jean-Paul"},{"family":"Wang","given":"Robert"},{"family":"Li","given":"Ana"},{"family":"Wang","given":"John"}],"issued":{"date-parts":[[2010]]}},
             {"id":"x36","type":"book","title":"Thirty-six","publisher":"P","author":[{"family":"Li","given":"Robert"},{"family":"Müller","given":"Ana"},{"family":"Berg","non-dropping-particle":"van der","given":"Jean-Paul"},{"family":"Li","given":"Robert"}],"issued":{"date-parts":[[2010]]}},
             {"id":"x08","type":"book","title":"Eight","publisher":"P","author":[{"family":"Li","given":"Robert"},{"family":"Berg","non-dropping-particle":"van der","given":"Jean-Paul"},{"family":"Wang","given":"Robert"},{"family":"Li","given":"Robert"},{"family":"Li","given":"Robert"},{"family":"Li","given":"J."},{"family":"Müller","given":"Anna"},{"family":"Li","given":"J."}],"issued":{"date-parts":[[2010]]}},
             {"id":"e1","type":"chapter","title":"Chapter","container-title":"Handbook","publisher":"P","author":[{"family":"Berg","non-dropping-particle":"van der","given":"John","suffix":"Jr."}],"editor":[{"family":"Li","given":"Wei"}],"issued":{"date-parts":[[2012]]}},
             {"id":"e2","type":"book","title":"Book","publisher":"P","author":[{"family":"Berg","non-dropping-particle":"van der","given":"J."}],"issued":{"date-parts":[[2012]]}}]
            """)
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/harvard-cite-them-right.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let document = [["x30"], ["x36"], ["x08"], ["e1", "e2"]]
        let result = processor.render(items: items, citations: document.map { CSLCitation(cites: $0.map { CSLCite(id: $0) }) })
        #expect(result.citations.map { processor.plainText($0) } == [
            "(Li, Müller, Li, et al., 2010)", "(R. Li, Müller, van der Berg, et al., 2010)", "(Li, van der Berg, et al., 2010)",
            "(John van der Berg Jr., 2012; J. van der Berg, 2012)",
        ])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "van der Berg, J. (2012) Book. P.", "van der Berg, John, Jr. (2012) “Chapter,” in W. Li (ed.) Handbook. P.",
            "Li, R., van der Berg, J.-P., et al. (2010) Eight. P.", "Li, R., Müller, A., Li, J.-P., et al. (2010) Thirty. P.",
            "Li, R., Müller, A., van der Berg, J.-P., et al. (2010) Thirty-six. P.",
        ])
    }

    /// Pandoc 3.9's citations when a style sorts cites by a macro that prints the year suffix (Harvard's `year-date`):
    /// pandoc works the keys out before disambiguation, so "2010b" sorts as "2010" and equal cites keep their order.
    @Test func citationSortKeysLeaveOutYearSuffixes() throws {
        let items = try JSONInput.items("""
            [{"id":"n1","type":"report","author":[{"literal":"NICE"}],"title":"Alpha guidance","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"n2","type":"report","author":[{"literal":"NICE"}],"title":"Beta guidance","publisher":"P","issued":{"date-parts":[[2010]]}},
             {"id":"m","type":"book","author":[{"family":"Müller","given":"Eva"}],"title":"Gamma","publisher":"P","issued":{"date-parts":[[2010]]}}]
            """)
        func citations(_ document: [[String]], _ style: String) throws -> [String] {
            let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let ids = Set(document.joined())
            let result = processor.render(items: items.filter { ids.contains($0.id) }, citations: document.map { CSLCitation(cites: $0.map { CSLCite(id: $0) }) })
            return result.citations.map { processor.plainText($0) }
        }
        #expect(try citations([["n2", "m"], ["n1"]], "harvard-cite-them-right") == ["(NICE, 2010b; Müller, 2010)", "(NICE, 2010a)"])
        #expect(try citations([["n2", "n1"]], "harvard-cite-them-right") == ["(NICE, 2010b, 2010a)"])
        #expect(try citations([["n2", "m"], ["n1"]], "apa") == ["(Müller, 2010; NICE, 2010b)", "(NICE, 2010a)"])
        #expect(try citations([["n2", "n1"]], "apa") == ["(NICE, 2010b, 2010a)"])
    }

    /// Pandoc 3.9's in-text citations (`@pc said`, `pandoc --citeproc -t plain`) in Chicago, whose personal
    /// communications print more at their first cite: the name and the rest of one citation are at its position,
    /// the first ("Anthony Stephen Fauci (to Jane Anne Smith, …)") or a later one ("Fauci (to Smith, …)").
    @Test func anInTextCitationsNameAndRestAreAtItsPosition() throws {
        let items = try JSONInput.items("""
            [{"id":"pc","type":"personal_communication","author":[{"family":"Fauci","given":"Anthony Stephen"}],"recipient":[{"family":"Smith","given":"Jane Anne"}],"issued":{"date-parts":[[2020,4,2]]},"genre":"email message"},
             {"id":"pc2","type":"personal_communication","author":[{"family":"Fauci","given":"Anthony Stephen"}],"recipient":[{"family":"Smith","given":"Jane Anne"}],"issued":{"date-parts":[[2020,5,2]]}}]
            """)
        /// The two citations of `@key [p. locator]`: the name, then the rest.
        func inText(_ id: String, page: String? = nil) -> [CSLCitation] {
            [CSLCitation(cites: [CSLCite(id: id, authorOnly: true)]),
             CSLCitation(cites: [CSLCite(id: id, locator: page, label: page.map { _ in "page" }, suppressAuthor: true)])]
        }
        let citations = inText("pc2") + [CSLCitation(cites: [CSLCite(id: "pc2")]), CSLCitation(cites: [CSLCite(id: "pc")])]
            + inText("pc") + inText("pc", page: "3") + inText("pc2")
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/chicago-author-date.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: citations)
        #expect(result.citations.map { processor.plainText($0) } == [
            "Anthony Stephen Fauci", "(to Jane Anne Smith, pers. comm., May 2, 2020)", "(Fauci to Smith, pers. comm., May 2, 2020)",
            "(Anthony Stephen Fauci, email message to Smith, April 2, 2020)", "Fauci", "(email message to Smith, April 2, 2020)",
            "Fauci", "(email message to Smith, April 2, 2020, 3)", "Fauci", "(to Smith, pers. comm., May 2, 2020)",
        ])
    }

    /// Pandoc 3.9's citations and entries (`pandoc --citeproc -t plain`) in a style that prints no `year-suffix`, of
    /// dates in ranges: a range within one year prints its year once, with the suffix ("March–April 2019a"), a range
    /// of years at its end ("2019–2020a").
    @Test func aDateRangeWithinAYearHasItsYearSuffix() throws {
        let items = try JSONInput.items("""
            [{"id":"single","type":"book","title":"Single","author":[{"family":"Ray","given":"Ann"}],"issued":{"date-parts":[[2019,5]]}},
             {"id":"range","type":"book","title":"Months","author":[{"family":"Ray","given":"Ann"}],"issued":{"date-parts":[[2019,3],[2019,4]]}},
             {"id":"days","type":"book","title":"Days","author":[{"family":"Ray","given":"Ann"}],"issued":{"date-parts":[[2019,3,2],[2019,3,5]]}},
             {"id":"years","type":"book","title":"Years","author":[{"family":"Ray","given":"Ann"}],"issued":{"date-parts":[[2019,3,2],[2020,3,5]]}},
             {"id":"again","type":"book","title":"Years again","author":[{"family":"Ray","given":"Ann"}],"issued":{"date-parts":[[2019,3,2],[2020,3,5]]}}]
            """)
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T</title><id>t</id></info>"#
            + #"<citation disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">"#
            + #"<names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group></layout></citation>"#
            + #"<bibliography><sort><key variable="title"/></sort><layout><group delimiter=". "><text variable="title"/>"#
            + #"<date variable="issued"><date-part name="day" suffix=" "/><date-part name="month" suffix=" "/><date-part name="year"/></date>"#
            + #"</group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let ids = ["single", "range", "days", "years", "again"]
        let result = processor.render(items: items, citations: ids.map { CSLCitation(cites: [CSLCite(id: $0)]) })
        #expect(result.citations.map { processor.plainText($0) } == [
            "(Ray 2019c)", "(Ray 2019b)", "(Ray 2019a)", "(Ray 2019–2020a)", "(Ray 2019–2020b)",
        ])
        #expect(result.bibliography.map { Self.referenceText($0.text, processor) } == [
            "Days. 2–5 March 2019a", "Months. March–April 2019b", "Single. May 2019c", "Years. 2 March 2019–5 March 2020a",
            "Years again. 2 March 2019–5 March 2020b",
        ])
    }

    /// Pandoc 3.9's citations of prefixes and suffixes with quotes, which pandoc reads as Markdown: straight quotes are
    /// quotes of the kind typed (single stays single, a comma moves inside either), curly ones are text as typed.
    @Test func quotesInAffixesPrintAsPandocPrintsThem() throws {
        let items = try JSONInput.items("""
            [{"id":"m","type":"book","author":[{"family":"Müller","given":"Eva"}],"title":"Gamma","publisher":"P","issued":{"date-parts":[[2010]]}}]
            """)
        let cites = [
            CSLCite(id: "m", prefix: "see “this”, "), CSLCite(id: "m", prefix: "see “the ‘in’ x”, "), CSLCite(id: "m", prefix: "see \"the 'in' x\", "),
            CSLCite(id: "m", prefix: "see 'the \"in\" x', "), CSLCite(id: "m", prefix: "see 'this', "), CSLCite(id: "m", suffix: ", 'x'. more"),
            CSLCite(id: "m", prefix: "compare ‘this’ "), CSLCite(id: "m", prefix: "it's "),
        ]
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/apa.csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let result = processor.render(items: items, citations: cites.map { CSLCitation(cites: [$0]) })
        #expect(result.citations.map { processor.plainText($0) } == [
            "(see “this”, Müller, 2010)", "(see “the ‘in’ x”, Müller, 2010)", "(see “the ‘in’ x,” Müller, 2010)",
            "(see ‘the “in” x,’ Müller, 2010)", "(see ‘this,’ Müller, 2010)", "(Müller, 2010, ‘x.’ more)",
            "(compare ‘this’ Müller, 2010)", "(it’s Müller, 2010)",
        ])
    }

    /// The bibliography of the items of a CSL-JSON text in APA, all of them uncited, as reference texts in order.
    static func apaBibliography(_ json: String) throws -> [String] {
        try bibliography(json, style: "apa")
    }

    /// The bibliography of the items of a CSL-JSON text in a style of the fixtures, all of them uncited, as reference
    /// texts in order.
    static func bibliography(_ json: String, style: String, language: String? = nil) throws -> [String] {
        let xml = try String(contentsOf: TestSuite.fixtures.appendingPathComponent("styles/\(style).csl"), encoding: .utf8)
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales(), language: language)
        return processor.render(items: try JSONInput.items(json), citations: []).bibliography.map { referenceText($0.text, processor) }
    }

    /// An entry as reference text: without its margin (the number of a numeric style), plain, trimmed.
    static func referenceText(_ texts: [CSLText], _ processor: CSLProcessor) -> String {
        var texts = texts
        if case .styled(.display("left-margin"), _) = texts.first { texts.removeFirst() }
        return processor.plainText(texts).trimmingCharacters(in: .whitespaces)
    }

    /// `style<TAB>input<TAB>key<TAB>reason` lines.
    static func knownDifferences() throws -> [String: String] {
        let text = try String(contentsOf: folder.appendingPathComponent("known-differences.txt"), encoding: .utf8)
        var known: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 3)
            guard fields.count >= 3 else { continue }
            known[fields[0...2].joined(separator: "\t")] = fields.count > 3 ? String(fields[3]) : ""
        }
        return known
    }
}
