import Foundation
import Testing

@testable import SitegenKit

/// The real RIS exports in `Fixtures/realbib/` (see SOURCES.md there). Every expected value is copied from the
/// fixture file itself or from pandoc's reading of it (`<file>.csl.json`, `<file>.vancouver.json`).
struct RISReaderTests {
    /// A fixture's bytes as text, untouched (byte-order mark and `\r\n` kept).
    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: fixturesFolder.appendingPathComponent("realbib/\(name)")), as: UTF8.self)
    }

    static func read(_ text: String, path: String = "refs.ris") -> BibliographyFile {
        RISReader().readFile(SourceText(path: path, text: text))
    }

    static func fixture(_ name: String) throws -> [Reference] {
        let file = read(try text(name), path: name)
        #expect(file.problems.isEmpty, "\(file.problems)")
        return file.references
    }

    /// `LA` is the record's language as written, as pandoc 3.9 reads it: `English` (Scopus, Embase, WoS, EndNote) is
    /// no English language code, so Chicago prints the title as written (pandoc: "Duplication cysts: diagnosis, …");
    /// without `LA`, or with `en`, in title case.
    /// Quotation marks in a title print as written from a RIS file (pandoc reads its text as text) and a YAML file's
    /// curly ones too (pandoc reads its text as Markdown); a CSL-JSON file's are quotes, printed in the locale's marks
    /// (a Zotero title, "A Systematic Review ‘Parents’ Experience of Kangaroo Care’", came out with “Parents”).
    @Test func quotationMarksInATitlePrintAsPandocReadsTheFormat() throws {
        let title = "The ‘weekend effect’ and the \"not seen\" people's records"
        let ris = try BibliographyReader().read(SourceText(path: "refs.ris", text: "TY  - JOUR\nID  - a\nAU  - Roe, Ann\nPY  - 2017\nTI  - \(title)\nER  - \n"))
        #expect(CitationStyle.vancouver.entry(try #require(ris.first)).text == "Roe A. \(title). 2017;")
        let yaml = try BibliographyReader().read(SourceText(path: "refs.yaml", text: "- id: a\n  type: article-journal\n  title: 'The ‘weekend effect’ and people''s \"care\" at home'\n  issued: 2017\n"))
        let yamlText = CitationStyle.vancouver.entry(try #require(yaml.first)).text
        #expect(yamlText == "The ‘weekend effect’ and people’s “care” at home. 2017;")
        let json = try BibliographyReader().read(SourceText(path: "refs.json", text: #"[{"id": "a", "type": "article-journal", "title": "The ‘weekend effect’ at home", "issued": {"date-parts": [[2017]]}}]"#))
        let jsonText = CitationStyle.vancouver.entry(try #require(json.first)).text
        #expect(jsonText == "The “weekend effect” at home. 2017;")
    }

    @Test func theLanguageIsReadAsWritten() throws {
        let record = "TY  - JOUR\nAU  - Liu, R.\nTI  - Duplication cysts: diagnosis, management, and the role of endoscopic ultrasound\n"
            + "T2  - Endoscopic Ultrasound\nPY  - 2014\nVL  - 3\nIS  - 3\nSP  - 152\nEP  - 160\n"
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en"))
        for (language, title) in [
            ("LA  - English\n", "“Duplication cysts: diagnosis, management, and the role of endoscopic ultrasound.”"),
            ("LA  - eng\n", "“Duplication cysts: diagnosis, management, and the role of endoscopic ultrasound.”"),
            ("LA  - en\n", "“Duplication Cysts: Diagnosis, Management, and the Role of Endoscopic Ultrasound.”"),
            ("", "“Duplication Cysts: Diagnosis, Management, and the Role of Endoscopic Ultrasound.”"),
        ] {
            let reference = try #require(Self.read(record + language + "ER  - \n").references.first)
            #expect(chicago.entry(reference).text.contains(title), "\(language)")
        }
    }

    /// The text's lines, each with its `\r` if it has one.
    static func lines(_ text: String) -> [String] {
        // By bytes: Swift reads `\r\n` as one character, which is not `\n`.
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    @Test(arguments: [
        ("zotero-asreview-pubmed.ris", 6), ("endnote-asreview-pubmed.ris", 6), ("proquest-asreview.ris", 6),
        ("scopus-asreview.ris", 6), ("embase-asreview.ris", 6), ("wos-asreview.ris", 10),
    ])
    func everyRecordOfEveryExport(name: String, count: Int) throws {
        let text = try Self.text(name)
        let file = Self.read(text, path: name)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.broken.isEmpty)
        #expect(file.references.count == count)
        // Each record starts at its `TY` line.
        let typeLines = Self.lines(text).enumerated().filter { $0.element.contains("TY  - ") }.map { $0.offset + 1 }
        #expect(file.references.map(\.location.line) == typeLines)
        #expect(file.references.allSatisfy { $0.type == "article-journal" && $0.title != nil && !$0.authors.isEmpty })
        // Through the reader the build uses, by extension.
        #expect(try BibliographyReader().read(SourceText(path: name, text: text)).count == count)
    }

    // MARK: - Against pandoc's reading

    /// pandoc's CSL items for a fixture, in file order.
    static func pandocItems(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("realbib/\(name).csl.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func pandocNames(_ item: [String: Any]) -> [Reference.Name] {
        ((item["author"] as? [[String: String]]) ?? []).map {
            Reference.Name(family: $0["family"], given: $0["given"], droppingParticle: $0["dropping-particle"])
        }
    }

    /// Title, container, volume, issue, page, DOI, authors and year agree with pandoc's item, but where pandoc is
    /// known to read the file wrongly: `names` turns pandoc's names into what the file says.
    @Test(arguments: ["zotero-asreview-pubmed.ris", "embase-asreview.ris", "proquest-asreview.ris"])
    func agreesWithPandoc(name: String) throws {
        let references = try Self.fixture(name)
        let items = try Self.pandocItems(name)
        try #require(references.count == items.count)
        for (reference, item) in zip(references, items) {
            #expect(reference.title == item["title"] as? String)
            #expect(reference.containerTitle == item["container-title"] as? String)
            #expect(reference.volume == item["volume"] as? String)
            #expect(reference.issue == item["issue"] as? String)
            #expect(reference.page == item["page"] as? String)
            #expect(reference.url == item["URL"] as? String)
            // ProQuest writes `DO  - http://dx.doi.org/10.1002/jts.22387`; pandoc keeps the URL, sitegen the DOI.
            let doi = (item["DOI"] as? String).map { $0.replacingOccurrences(of: "http://dx.doi.org/", with: "") }
            #expect(reference.doi == doi)
            let issued = (item["issued"] as? [String: [[Int]]])?["date-parts"]?.first?.first
            #expect(reference.issued?.year == issued)
            #expect(reference.authors == Self.pandocNames(item).map { Self.asInFile($0, name: name) })
        }
    }

    /// pandoc reads Embase's `Liu R.` as given name Liu, family name R.; and ProQuest's `van de Schoot, Rens` as
    /// family name Schoot with the particle `van de`, where the file's family name is `van de Schoot`.
    static func asInFile(_ name: Reference.Name, name file: String) -> Reference.Name {
        if file.hasPrefix("embase") { return Reference.Name(family: name.given, given: name.family) }
        guard let particle = name.droppingParticle else { return name }
        return Reference.Name(family: particle + " " + (name.family ?? ""), given: name.given)
    }

    /// The Vancouver text of every record whose CSL item pandoc read right, against pandoc's citeproc.
    ///
    /// pandoc's item is right for 5 of the 18 records. The others: pandoc drops RIS's `J2` abbreviation and the
    /// month and day of `DA  - 2019/07/24/` (all 6 Zotero records: with those taken away again, sitegen's text
    /// equals pandoc's), swaps Embase's family and given names (all 6; 3 of them also lose `JO`'s abbreviation)
    /// and splits `van de Schoot` (1 ProQuest record).
    @Test func vancouverTextMatchesPandocWherePandocReadTheRecordRight() throws {
        var equal = 0, equalWithoutPandocsLosses = 0
        for name in ["zotero-asreview-pubmed.ris", "embase-asreview.ris", "proquest-asreview.ris"] {
            let references = try Self.fixture(name)
            let items = try Self.pandocItems(name)
            let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("realbib/\(name).vancouver.json"))
            let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
            for (reference, item) in zip(references, items) {
                let id = try #require(item["id"] as? String)
                let expected = try #require(golden[id])
                if Self.printedFields(reference) == Self.printedFields(item) {
                    #expect(CitationStyle.vancouver.entry(reference).text == expected)
                    equal += 1
                }
                // What pandoc's RIS reader leaves out.
                var lessened = reference
                lessened.containerTitleShort = nil
                lessened.issued = reference.issued.map { Reference.DateParts(year: $0.year) }
                if Self.printedFields(lessened) == Self.printedFields(item) {
                    #expect(CitationStyle.vancouver.entry(lessened).text == expected)
                    equalWithoutPandocsLosses += 1
                }
            }
        }
        #expect(equal == 5)
        #expect(equalWithoutPandocsLosses == 11)
    }

    /// The fields Vancouver prints for a journal article, as text.
    static func printedFields(_ reference: Reference) -> [String] {
        let names = reference.authors.map { [$0.family, $0.given, $0.droppingParticle, $0.literal].map { $0 ?? "" }.joined(separator: "|") }
        let date = reference.issued.map { [$0.year, $0.month, $0.day].map { $0.map(String.init) ?? "" }.joined(separator: "-") }
        return [reference.type, names.joined(separator: ";"), reference.title, reference.containerTitle, reference.containerTitleShort,
                date, reference.volume, reference.issue, reference.page, reference.url].map { $0 ?? "" }
    }

    static func printedFields(_ item: [String: Any]) -> [String] {
        let names = pandocNames(item).map { [$0.family, $0.given, $0.droppingParticle, $0.literal].map { $0 ?? "" }.joined(separator: "|") }
        let date = ((item["issued"] as? [String: [[Int]]])?["date-parts"]?.first).map { $0.map(String.init) + Array(repeating: "", count: 3 - $0.count) }
        return [item["type"] as? String, names.joined(separator: ";"), item["title"] as? String, item["container-title"] as? String,
                item["container-title-short"] as? String, date?.joined(separator: "-"), item["volume"] as? String,
                item["issue"] as? String, item["page"] as? String, item["URL"] as? String].map { $0 ?? "" }
    }

    // MARK: - Field by field, as each file says

    @Test func zoteroRecords() throws {
        let references = try Self.fixture("zotero-asreview-pubmed.ris")
        let first = references[0]
        #expect(first.id == "rudnik2019")
        #expect(first.title == "The importance of cognitive flexibility and flexibility in coping with stress for the quality of life in inflammatory bowel disease patients during biological therapy. A preliminary report.")
        #expect(first.authors.first == Reference.Name(family: "Rudnik", given: "Agata"))
        #expect(first.authors[2] == Reference.Name(family: "Basinska", given: "Malgorzata A."))
        #expect(first.containerTitle == "Przeglad gastroenterologiczny")
        #expect(first.containerTitleShort == "Prz Gastroenterol")
        #expect(first.issued == Reference.DateParts(year: 2019))  // DA  - 2019///
        #expect(first.volume == "14" && first.issue == "2" && first.page == "121-128")
        #expect(first.doi == "10.5114/pg.2018.81081")
        #expect(references[1].issued == Reference.DateParts(year: 2019, month: 10))  // DA  - 2019/10//undefined
        #expect(references[3].issued == Reference.DateParts(year: 2019, month: 7, day: 24))  // DA  - 2019/07/24/
        #expect(references[4].page == "115")  // SP alone
        #expect(references.map(\.id) == ["rudnik2019", "hicks2019", "shen2019", "ewais2019", "eckert2019", "zhang2019"])
        #expect(CitationStyle.vancouver.entry(references[1]).text
            == "Hicks G, Abdulaal A, Slesser AAP, Mohsen Y. Outcomes of inflammatory bowel disease surgery in obese versus non-obese patients: a meta-analysis. Tech Coloproctol. 2019 Oct;23(10):947–55.")
    }

    @Test func endNoteRecords() throws {
        let references = try Self.fixture("endnote-asreview-pubmed.ris")
        let first = references[0]
        #expect(first.id == "369")  // ID  - 369
        #expect(first.authors == [
            Reference.Name(family: "Abdel-Tawab", given: "M."), Reference.Name(family: "Werz", given: "O."),
            Reference.Name(family: "Schubert-Zsilavecz", given: "M."),
        ])
        #expect(first.title == "Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data")
        #expect(first.containerTitle == "Clin Pharmacokinet")
        #expect(first.issued == Reference.DateParts(year: 2011, month: 6))  // PY 2011, DA Jun
        #expect(first.volume == "50" && first.issue == "6" && first.page == "349-69")
        #expect(first.doi == "10.2165/11586800-000000000-00000")
        #expect(first.pmid == "21553931")  // AN with DP  - NLM
        #expect(first.edition == nil)  // ET  - 2011/05/11 is the e-publication date
        let second = references[1]
        #expect(second.id == "62")
        #expect(second.issued == Reference.DateParts(year: 2018, month: 3, day: 1))  // DA  - Mar 1
        #expect(second.authors.count == 12)
        #expect(CitationStyle.vancouver.entry(first).text
            == "Abdel-Tawab M, Werz O, Schubert-Zsilavecz M. Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data. Clin Pharmacokinet. 2011 Jun;50(6):349–69.")
    }

    @Test func proQuestRecords() throws {
        let references = try Self.fixture("proquest-asreview.ris")
        let first = references[0]
        #expect(first.id == "jones2019")
        #expect(first.title == "Predictors of posttraumatic stress symptom trajectories following the fatal 2011 Christchurch, New Zealand earthquake")
        #expect(first.containerTitle == "Journal of Traumatic Stress")  // JF
        #expect(first.doi == "10.1002/jts.22387")  // DO  - http://dx.doi.org/10.1002/jts.22387
        #expect(first.url == "https://search.proquest.com/docview/2214991469?accountid=14772")
        #expect(first.volume == nil && first.page == nil)
        #expect(first.authors[1] == Reference.Name(family: "Dorahy", given: "Martin J"))
        let last = references[5]
        #expect(last.authors.first == Reference.Name(family: "van de Schoot", given: "Rens"))
        #expect(last.id == "vandeschoot2018")
        #expect(references[4].authors[6] == Reference.Name(family: "O'Donnell", given: "Meaghan"))
    }

    @Test func scopusRecords() throws {
        let references = try Self.fixture("scopus-asreview.ris")
        let first = references[0]
        #expect(first.title == "Stress and the brain-gut axis in functional and chronic-inflammatory gastrointestinal diseases: A transdisciplinary challenge")
        #expect(first.containerTitle == "Psychoneuroendocrinology" && first.containerTitleShort == nil)  // J2 = T2
        #expect(first.volume == "111" && first.issued == Reference.DateParts(year: 2020))
        #expect(first.page == "104501")  // C7, the article number
        #expect(first.doi == "10.1016/j.psyneuen.2019.104501")
        #expect(first.publisher == "Elsevier Ltd")
        #expect(first.authors.map(\.family) == ["Labanski", "Langhorst", "Engler", "Elsenbruch"])
        #expect(first.authors[0].given == "A.")
        #expect(first.id == "labanski2020")
        let second = references[1]
        #expect(second.title == "Hypothesis: Mechanism of irritable bowel syndrome in inflammatory bowel disease")
        #expect(second.containerTitleShort == "Med. Hypotheses")
        #expect(second.authors == [Reference.Name(family: "Uno", given: "Y.")])
        // The references of the `N1` notes continue on untagged lines, none of which becomes a field.
        let gut = references[5]
        #expect(gut.title == "Role of brain imaging in disorders of brain-gut interaction: A Rome Working Team Report")
        #expect(gut.volume == "68" && gut.issue == "9" && gut.page == "1701-1715")
    }

    @Test func embaseRecords() throws {
        let references = try Self.fixture("embase-asreview.ris")
        let first = references[0]
        #expect(first.location.description == "embase-asreview.ris:1:1")  // the byte-order mark is no column
        #expect(first.authors == [Reference.Name(family: "Liu", given: "R."), Reference.Name(family: "Adler", given: "D.G.")])
        #expect(first.title == "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound")
        #expect(first.containerTitle == "Endoscopic Ultrasound" && first.containerTitleShort == nil)  // JO = JF
        #expect(first.issued == Reference.DateParts(year: 2014))  // Y1
        #expect(first.page == "152-160" && first.doi == "10.4103/2303-9027.138783")
        #expect(first.id == "liu2014")
        #expect(references[2].containerTitle == "International Journal of Surgery Case Reports")
        #expect(references[2].containerTitleShort == "Int. J. Surg. Case Rep.")  // JO beside JF
        #expect(references[3].authors.first == Reference.Name(family: "Quintanilla-Dieck", given: "L."))
        #expect(references[3].id == "quintanilladieck2018")
        #expect(CitationStyle.vancouver.entry(first).text
            == "Liu R, Adler DG. Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound. Endoscopic Ultrasound [Internet]. 2014;3(3):152–60. Available from: http://www.embase.com/search/results?subaction=viewrecord&from=export&id=L373791783")
    }

    @Test func webOfScienceRecords() throws {
        let references = try Self.fixture("wos-asreview.ris")
        let first = references[0]
        #expect(first.authors == [
            Reference.Name(family: "Alceste", given: "F"), Reference.Name(family: "Luke", given: "T. J."),
            Reference.Name(family: "Kassin", given: "S. M."),
        ])
        #expect(first.containerTitle == "JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION")
        #expect(first.containerTitleShort == "J. Appl. Res. Mem. Cogn.")  // JI
        #expect(first.issued == Reference.DateParts(year: 2018, month: 9))  // DA  - SEP, PY  - 2018
        #expect(first.page == "387-397")
        let denault = references[5]
        #expect(denault.issued == Reference.DateParts(year: 2023, month: 6, day: 19))  // DA  - JUN 19
        #expect(denault.page == "1175856")  // C7
        let kassin = references[7]
        #expect(kassin.id == "Kassin1997")  // ID
        #expect(kassin.authors.first == Reference.Name(family: "Kassin", given: "Saul M."))
        #expect(kassin.issued == Reference.DateParts(year: 1997, month: 2, day: 1))  // DA  - 1997/02/01
        #expect(kassin.containerTitle == "Law and Human Behavior")  // JO without JF
        #expect(kassin.title == "Coerced Confessions and the Jury: An Experimental Test of the “Harmless Error” Rule")
        #expect(kassin.doi == "10.1023/A:1024814009769" && kassin.url == "https://doi.org/10.1023/A:1024814009769")
        #expect(references[9].issued == Reference.DateParts(year: 2014, month: 4, day: 21))  // DA  - APR 21
        #expect(references.map(\.id) == [
            "alceste2018", "appleby2016", "brimbal2019", "brimbal2021", "david2018", "denault2023", "dianiska2021",
            "Kassin1997", "kelly2019", "wetmore2014",
        ])
        #expect(CitationStyle.vancouver.entry(first).text
            == "Alceste F, Luke TJ, Kassin SM. Holding Yourself Captive: Perceptions of Custody During Interviews and Interrogations. J. Appl. Res. Mem. Cogn. 2018 Sep;7(3):387–97.")
    }

    // MARK: - The file's form

    /// A date field with a month or day that is none, or no date at all, is a warning at its line saying what it is
    /// read as (pandoc reads no date from any of these); a 0 or an empty part is a part not given, in silence.
    @Test func datesThatCannotBeReadWholeAreWarnings() {
        let record = { (id: String, date: String) in "TY  - JOUR\nID  - \(id)\nTI  - T\n\(date)\nER  - \n\n" }
        let file = Self.read(record("a", "PY  - 2019/13/01/") + record("b", "PY  - 2019/02/30/") + record("c", "PY  - Spring 2019")
            + record("d", "DA  - 2019/Sep/") + record("e", "PY  - 2019/00/00/") + record("f", "PY  - 2019/06//undefined"))
        #expect(file.references.map { $0.issued.map { "\($0.year) \($0.month ?? 0)" } } == ["2019 0", "2019 2", nil, "2019 0", "2019 0", "2019 6"])
        let numbers = "(RIS writes the month and day as numbers: 2019/09/07/), so it is read as"
        #expect(file.problems.map(\.description) == [
            "refs.ris:4:1: warning: 'PY  - 2019/13/01/' has the month '13', which is no month \(numbers) 2019 (pandoc reads no date from it); correct it",
            "refs.ris:10:1: warning: 'PY  - 2019/02/30/' has the day '30', which that month does not have \(numbers) 2019/02 (pandoc reads no date"
                + " from it); correct it",
            "refs.ris:16:1: warning: 'PY  - Spring 2019' is no date a reader of RIS reads (YYYY/MM/DD/, as 2019/09/07/): the entry has none from"
                + " it; write it so",
            "refs.ris:22:1: warning: 'DA  - 2019/Sep/' has the month 'Sep', which is no month \(numbers) 2019 (pandoc reads no date from it); correct it",
        ])
    }

    /// IEEE Xplore writes each author as `Initials Family` without a comma (`AU  - C. Munteanu`): a given name and a
    /// family name, with the particles before the family name in it (`J. R. da Silva`) and a suffix after it, as pandoc
    /// 3.9 prints the first ("Munteanu C", `-t plain`, vancouver.csl; it prints "Silva JR da"). They were one name, as
    /// written ("C. Munteanu"), in 68 of a real export's 83 records. A name without an initial and its period stays one
    /// (`World Health Organization`, which pandoc prints "Organization WH").
    @Test func initialsBeforeAFamilyNameAreAGivenName() {
        let file = Self.read("TY  - CONF\nTI  - T\nT2  - EPE\nAU  - C. Munteanu\nAU  - Jose M. Garcia\nAU  - J. R. da Silva\nAU  - C. Munteanu Jr.\n"
            + "AU  - World Health Organization\nAU  - Yan Ma\nPY  - 2014\nER  - \n")
        let names = file.references.first?.authors ?? []
        #expect(names == [
            Reference.Name(family: "Munteanu", given: "C."), Reference.Name(family: "Garcia", given: "Jose M."),
            Reference.Name(family: "da Silva", given: "J. R."), Reference.Name(family: "Munteanu", given: "C.", suffix: "Jr."),
            Reference.Name(literal: "World Health Organization"), Reference.Name(literal: "Yan Ma"),
        ])
        #expect(file.references.first.map { CitationStyle.vancouver.entry($0).text }
            == "Munteanu C, Garcia JM, da Silva JR, Munteanu C Jr., World Health Organization, Yan Ma. T. In: EPE. 2014.")
    }

    /// IEEE Xplore writes a conference's days in `Y1` (`Y1  - 16-18 Oct. 2014`, in 72 of a real export's 83 records)
    /// beside the year in `PY`: the entry's date is the year, as pandoc reads it, without a warning for each record. A
    /// `Y1` that no reader reads and no `PY` beside it is a warning still.
    @Test func aConferencesDaysInY1BesideItsYearAreNoWarning() {
        let file = Self.read("TY  - CONF\nTI  - T\nT2  - 2014 EPE\nAU  - C. Munteanu\nPY  - 2014\nY1  - 16-18 Oct. 2014\nER  - \n\n"
            + "TY  - CONF\nID  - b\nTI  - T\nY1  - 16-18 Oct. 2014\nER  - \n")
        #expect(file.references.map { $0.issued?.year } == [2014, nil])
        #expect(file.problems.map(\.description) == [
            "refs.ris:12:1: warning: 'Y1  - 16-18 Oct. 2014' is no date a reader of RIS reads (YYYY/MM/DD/, as 2019/09/07/): the entry has none from"
                + " it; write it so",
        ])
    }

    /// Web of Science writes an issue of two months or of a season in `DA` without its year (`DA  - SEP-OCT`,
    /// `DA  - SPR`, the year in `PY`), in every record of such a journal: read as MEDLINE's `DP  - 2013 Sep-Oct` and
    /// `2013 Spring` are, not a warning to write what no export writes. A month range that runs backwards is still one.
    @Test func anIssueOfMonthsOrOfASeasonIsReadAsMedlineReadsIt() {
        let record = { (id: String, date: String) in "TY  - JOUR\nID  - \(id)\nAU  - Rose, AK\nTI  - T\nT2  - ADDICTION\nDA  - \(date)\nPY  - 2013\nER  - \n\n" }
        let file = Self.read(record("a", "SEP-OCT") + record("b", "SPR") + record("c", "FAL") + record("d", "OCT-SEP"))
        var range = Reference.DateParts(year: 2013, month: 9)
        range.endMonth = 10
        var spring = Reference.DateParts(year: 2013), fall = Reference.DateParts(year: 2013)
        (spring.season, fall.season) = ("1", "3")
        #expect(file.references.map(\.issued) == [range, spring, fall, Reference.DateParts(year: 2013)])
        #expect(file.problems.map(\.description) == [
            "refs.ris:33:1: warning: 'DA  - OCT-SEP' is no date a reader of RIS reads (YYYY/MM/DD/, as 2019/09/07/): the entry has none from it; write it so"
        ])
        #expect(file.references.prefix(2).map { CitationStyle.vancouver.entry($0).text } == [
            "Rose AK. T. ADDICTION. 2013 Sep\u{2013}Oct;", "Rose AK. T. ADDICTION. 2013 Spring;",
        ])
    }

    @Test func lineEndsAndByteOrderMarkChangeNothing() throws {
        let crlf = try Self.text("zotero-asreview-pubmed.ris")
        #expect(crlf.utf8.contains(0x0D))
        let lf = crlf.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(Self.read(lf).references == Self.read(crlf).references)
        let bom = try Self.text("embase-asreview.ris")
        let withoutBOM = Self.read(String(bom.dropFirst())).references
        var withBOM = Self.read(bom).references
        withBOM[0].location.column = 1
        #expect(withoutBOM == withBOM)
        // The build reads files with `\r\n` turned into `\n`; a file with `\r` left over reads the same.
        #expect(Self.read(bom.replacingOccurrences(of: "\n", with: "\r\n")).references == Self.read(bom).references)
    }

    @Test func untaggedLinesContinueTheFieldAbove() throws {
        var lines = Self.lines(try Self.text("zotero-asreview-pubmed.ris"))
        // The spec allows a long value to go on at the next line: the first title is split at its first space after
        // 70 characters, and the lines are joined with a space again.
        let title = lines[1]
        let space = try #require(title[title.index(title.startIndex, offsetBy: 76)...].firstIndex(of: " "))
        lines[1] = String(title[..<space]) + "\r"
        lines.insert(String(title[title.index(after: space)...]), at: 2)
        let references = Self.read(lines.joined(separator: "\n")).references
        #expect(references[0].title == "The importance of cognitive flexibility and flexibility in coping with stress for the quality of life in inflammatory bowel disease patients during biological therapy. A preliminary report.")
        // A name never runs over a line: an untagged line under `AU` is the next author.
        var authorLines = Self.lines(try Self.text("zotero-asreview-pubmed.ris"))
        authorLines[3] = String(authorLines[3].dropFirst(6))  // `AU  - Piotrowicz, Grazyna` loses its tag
        let authors = Self.read(authorLines.joined(separator: "\n")).references[0].authors
        #expect(authors.map(\.family) == ["Rudnik", "Piotrowicz", "Basinska", "Rashedi"])
    }

    @Test(arguments: [
        ("2019", PartialDate(year: 2019)), ("2019///", PartialDate(year: 2019)),
        ("2019/07/24/", PartialDate(year: 2019, month: 7, day: 24)), ("2019/06//undefined", PartialDate(year: 2019, month: 6)),
        ("1997/02/01", PartialDate(year: 1997, month: 2, day: 1)), ("SEP", PartialDate(month: 9)),
        ("APR 21", PartialDate(month: 4, day: 21)), ("Mar 1", PartialDate(month: 3, day: 1)), ("Jun", PartialDate(month: 6)),
        ("Mar 1 2018", PartialDate(year: 2018, month: 3, day: 1)), ("Jun 2011", PartialDate(year: 2011, month: 6)),
        // Not a date: a month 13 or a 30 February keeps only what is one.
        ("2019/13/01/", PartialDate(year: 2019)), ("2019/02/30/", PartialDate(year: 2019, month: 2)), ("undefined", nil),
        // The year last (Oxford Academic's access dates): month and day where the numbers tell them apart, else the year.
        ("1/15/2024", PartialDate(year: 2024, month: 1, day: 15)), ("15/1/2024", PartialDate(year: 2024, month: 1, day: 15)),
        ("3/4/2024", PartialDate(year: 2024)),
    ])
    func risDates(text: String, expected: PartialDate?) {
        #expect(RISConverter.date(text) == expected)
    }

    @Test func aDateWhoseMonthAndDayCannotBeToldApartIsSaid() {
        #expect(RISConverter.dateProblem("1/15/2024") == nil)
        #expect(RISConverter.dateProblem("3/4/2024") == "has its year last and its month and day in an order its numbers do not tell"
            + " (3/4/2024 is March 4 or 3 April), so it is read as 2024; write it as RIS does, 2024/MM/DD/")
    }

    // MARK: - Records that cannot be read

    @Test func aRecordWithoutERIsAnErrorAndTheOthersAreRead() throws {
        var lines = Self.lines(try Self.text("zotero-asreview-pubmed.ris"))
        let typeLines = lines.indices.filter { lines[$0].hasPrefix("TY  - ") }
        let end = try #require(lines[typeLines[2]...].firstIndex { $0.hasPrefix("ER  -") })
        lines.remove(at: end)
        let file = Self.read(lines.joined(separator: "\n"))
        #expect(file.references.map(\.id) == ["rudnik2019", "hicks2019", "ewais2019", "eckert2019", "zhang2019"])
        #expect(file.problems.map(\.description) == [
            "refs.ris:\(typeLines[2] + 1):1: error: malformed RIS: record 'shen2019' has no 'ER  - ' line before the next record starts on line \(typeLines[3])",
        ])
        #expect(file.broken == ["shen2019": SourceLocation(path: "refs.ris", line: typeLines[2] + 1, column: 1)])
    }

    @Test func aRecordWithoutTYIsAnErrorAtItsFirstLine() throws {
        var lines = Self.lines(try Self.text("zotero-asreview-pubmed.ris"))
        let typeLines = lines.indices.filter { lines[$0].hasPrefix("TY  - ") }
        lines.remove(at: typeLines[3])
        let file = Self.read(lines.joined(separator: "\n"))
        #expect(file.references.map(\.id) == ["rudnik2019", "hicks2019", "shen2019", "eckert2019", "zhang2019"])
        #expect(file.problems.map(\.description) == [
            "refs.ris:\(typeLines[3] + 1):1: error: malformed RIS: record 'ewais2019' does not start with a 'TY  - ' line (its type)",
        ])
        #expect(Array(file.broken.keys) == ["ewais2019"])
    }

    /// Tags written with one space before the hyphen (`TY - JOUR`), as some tools write them and pandoc reads them,
    /// or none after it, are tags; a record whose type line is in lower case says so.
    @Test func tagsWithOneSpaceAndATypeInLowerCase() throws {
        let text = try Self.text("zotero-asreview-pubmed.ris")
        let file = Self.read(text.replacingOccurrences(of: "  - ", with: " - ").replacingOccurrences(of: "ER  -", with: "ER -"))
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.references.map(\.id) == (try Self.fixture("zotero-asreview-pubmed.ris")).map(\.id))
        #expect(file.references.first?.title == (try Self.fixture("zotero-asreview-pubmed.ris")).first?.title)

        // No space after the hyphen; a journal named only by its abbreviation.
        let tight = Self.read("TY  -JOUR\nAU  -Jones, Mary\nTI  -Tight\nJA  -BMJ\nVL  -2\nPY  -2019\nER  -\n")
        #expect(tight.problems.isEmpty, "\(tight.problems)")
        #expect(tight.references.map { CitationStyle.vancouver.entry($0).text } == ["Jones M. Tight. BMJ. 2019;2."])

        let lower = Self.read("ty  - JOUR\nAU  - Lee, Bo\nTI  - Lower\nPY  - 2018\nER  - \n")
        #expect(lower.problems.map(\.description) == [
            "refs.ris:2:1: error: malformed RIS: record 'lee2018' does not start with a 'TY  - ' line (its type); the tags are capitals: "
                + "write 'ty  - JOUR' on line 1 as 'TY  - JOUR'",
        ])
    }

    @Test func aFileThatEndsInsideARecord() throws {
        let text = try Self.text("wos-asreview.ris")
        let cut = try #require(text.range(of: "ER  -", options: .backwards))
        let file = Self.read(String(text[..<cut.lowerBound]))
        #expect(file.references.count == 9)
        #expect(file.problems.map(\.message) == ["malformed RIS: record 'wetmore2014' has no 'ER  - ' line before the end of the file"])
    }

    /// A type RIS does not list (`XYZ`; Zotero-style files write `MISC`) is no type, which no style's `<if type>`
    /// matches, as pandoc 3.9 reads it ("misc"), with a warning: Chicago prints its title without quotes, as pandoc
    /// prints it, where a "document" had them.
    @Test func anUnknownTypeIsAWarning() throws {
        let text = try Self.text("wos-asreview.ris").replacingOccurrences(of: "TY  - JOUR\nAU  - Alceste", with: "TY  - XYZ\nAU  - Alceste")
        let file = Self.read(text)
        #expect(file.references[0].type == "")
        #expect(file.problems.map(\.description) == ["refs.ris:1:1: warning: unknown RIS type 'XYZ'; the record is read as a generic entry, as pandoc reads it"])
        let misc = Self.read("TY  - MISC\nID  - a\nAU  - Abu-El-Haija, Sami\nTI  - MixHop: Higher-order graph convolutional architectures\nPY  - 2019\nER  - \n")
        let chicago = try #require(try CitationStyle.builtIn("chicago-author-date", language: "en"))
        #expect(misc.references.map { chicago.entry($0).text } == ["Abu-El-Haija, Sami. 2019. MixHop: Higher-Order Graph Convolutional Architectures."])
    }

    // MARK: - Generated keys

    @Test func generatedKeysTakeSuffixesWhenTaken() throws {
        let text = try Self.text("zotero-asreview-pubmed.ris")
        let twice = Self.read(text + text).references.map(\.id)
        #expect(twice == [
            "rudnik2019", "hicks2019", "shen2019", "ewais2019", "eckert2019", "zhang2019",
            "rudnik2019a", "hicks2019a", "shen2019a", "ewais2019a", "eckert2019a", "zhang2019a",
        ])
        // A key given as an `ID` anywhere in the file is never generated, even for an earlier record.
        var lines = Self.lines(text)
        let lastEnd = try #require(lines.lastIndex { $0.hasPrefix("ER  -") })
        lines.insert("ID  - hicks2019\r", at: lastEnd)
        #expect(Self.read(lines.joined(separator: "\n")).references.map(\.id) == [
            "rudnik2019", "hicks2019a", "shen2019", "ewais2019", "eckert2019", "hicks2019",
        ])
        #expect(CitationKeyMaker.letters(1) == "a" && CitationKeyMaker.letters(26) == "z" && CitationKeyMaker.letters(27) == "aa")
    }

    /// The key pandoc 3.9 gives each record without an `ID` is kept beside sitegen's: the ids of pandoc's reading of
    /// each fixture it reads (`<file>.csl.json`), and of Zotero's read twice (pandoc: `Rudnik_…_2019a` the second time).
    @Test(arguments: ["zotero-asreview-pubmed.ris", "embase-asreview.ris", "proquest-asreview.ris"])
    func pandocsKeysAreKept(name: String) throws {
        let pandoc = try JSONSerialization.jsonObject(with: Data(contentsOf: fixturesFolder.appendingPathComponent("realbib/\(name).csl.json")))
        let ids = try #require(pandoc as? [[String: Any]]).compactMap { $0["id"] as? String }
        let references = try Self.fixture(name)
        #expect(references.map { $0.pandocKey ?? $0.id } == ids)
        #expect(references.allSatisfy { $0.pandocKey != nil })
        guard name == "zotero-asreview-pubmed.ris" else { return }
        // pandoc 3.9 on the file twice over: each id of the second copy with `a`.
        let text = try Self.text(name)
        #expect(Self.read(text + text).references.map { $0.pandocKey ?? $0.id } == ids + ids.map { $0 + "a" })
    }

    /// What a build says of a site whose one bibliography is the RIS file `t.ris`, and whose one article has `body`.
    static func diagnostics(ris: String, body: String) async throws -> [String] {
        let site = try TestSite([
            "sitegen.yml": "title: Test\nbaseURL: https://example.org/\n",
            "Content/bibliography/t.ris": ris,
            "Content/a.md": article("A question?", body),
        ])
        defer { site.remove() }
        return await site.build().diagnostics.map(\.description)
    }

    /// A citation written for pandoc (`[@Roe_2020]`) names the record pandoc gives that key, not the nearest key of
    /// sitegen's, which may be another record's (`roe2020` is the record of Roe and Doe, pandoc's `Roe_Doe_2020`).
    @Test func aCitationWithPandocsKeyNamesItsRecord() async throws {
        let ris = "TY  - JOUR\nAU  - Roe, Anna\nAU  - Doe, J\nTI  - T\nPY  - 2020\nER  - \n\nTY  - JOUR\nAU  - Roe, Anna\nTI  - T4\nPY  - 2020\nER  - \n"
        #expect(try await Self.diagnostics(ris: ris, body: "Text [@Roe_2020].\n") == [
            "Content/a.md:4:7: error: unknown citation key 'Roe_2020'; that is pandoc's key for the RIS record at Content/bibliography/t.ris:8:1,"
                + " which sitegen keys 'roe2020a' (its first author's family name and year): write [@roe2020a], or give the record the line 'ID  - Roe_2020'"
        ])
    }

    /// A record whose author's name has no Latin letters is keyed by the year (`ref2017`); a citation by a name and
    /// that year (`[@wang2017]`, a transliteration) names such records of the year and the `ID` line to key one so.
    @Test func aCitationByANameNamesTheRecordsKeyedByTheYearAlone() async throws {
        let ris = "TY  - JOUR\nAU  - 王, 小明\nTI  - T\nPY  - 2017\nER  - \n\nTY  - JOUR\nTI  - U\nPY  - 2017\nER  - \n\nTY  - JOUR\nAU  - 李, 华\nTI  - V\nPY  - 2018\nER  - \n"
        #expect(try await Self.diagnostics(ris: ris, body: "Text [@wang2017]. More [@li2018b].\n") == [
            "Content/a.md:4:7: error: unknown citation key 'wang2017'; no entry has an author of that name, but RIS records of that year without a"
                + " Latin letter in the author's name are keyed by the year alone: 'ref2017' (at Content/bibliography/t.ris:1:1), 'ref2017a' (at"
                + " Content/bibliography/t.ris:7:1); cite the one meant so, or give it the line 'ID  - wang2017'",
            "Content/a.md:4:25: error: unknown citation key 'li2018b'; no entry has an author of that name, but a RIS record of that year without a"
                + " Latin letter in the author's name is keyed by the year alone: 'ref2018' (at Content/bibliography/t.ris:12:1); cite it so, or give"
                + " it the line 'ID  - li2018b'",
        ])
    }

    /// A no-break space at either end of a field (Dimensions ends some titles with one) is trimmed, as pandoc's RIS reader
    /// trims it: "disturbance." and not "disturbance ."; one inside a field stays.
    @Test func noBreakSpacesAtAFieldsEndsAreTrimmed() throws {
        let references = Self.read("TY  - JOUR\nTI  - \u{A0}Soil carbon\u{A0}storage\u{A0}\u{A0}\nAU  - Roe, Anna\u{A0}\nT2  - J\nPY  - 2020\nER  - \n").references
        #expect(references.first?.title == "Soil carbon\u{A0}storage")
        #expect(references.first.map { CitationStyle.vancouver.entry($0).text } == "Roe A. Soil carbon\u{A0}storage. J. 2020;")
    }

    /// Ovid's and EBSCO's ways: a suffix after the given name without a comma (`Wilson, M R Jr`, `Dengah, H. J. François
    /// II`), a Cochrane record's authors in one field in Vancouver's form, the journal's abbreviation in an `NL` line
    /// after `ER` (no record of its own), pages "No Pagination Specified", and EBSCO's DOI in `L3`.
    @Test func ovidAndEBSCORecords() throws {
        let file = Self.read("""
            TY  - JOUR
            ID  - a
            TI  - Psilocybin.
            AU  - Wilson, M R Jr
            AU  - Dengah, H. J. François II
            AU  - Reynolds, Charles F 3rd
            PY  - 1968
            JF  - Clinical Psychology & Psychotherapy
            SP  - No
            EP  - Specified
            ER  - \r
            NL  - Clin Psychol Psychother

            Link to the Ovid Full Text or citation: https://example.org/

            TY  - ELEC
            ID  - CN-01112434
            T1  - Homological scaffolds
            A1  - Petri G, Expert P, Turkheimer F
            Y1  - 2014//
            L3  - 10.1080/16066359.2020.1867111
            ER  - \r

            """)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.references.map(\.id) == ["a", "CN-01112434"])
        let vancouver = file.references.map { CitationStyle.vancouver.entry($0).text }
        #expect(vancouver == [
            "Wilson MR Jr, Dengah HJF II, Reynolds CF 3rd. Psilocybin. Clin Psychol Psychother. 1968;",
            "Petri G, Expert P, Turkheimer F. Homological scaffolds. 2014;",
        ])
        #expect(file.references.last?.doi == "10.1080/16066359.2020.1867111")
        #expect(file.references.first?.page == nil)
        // A Vancouver-form list with `et al.` or a suffix is its names; one name in capitals is one name.
        let lists = Self.read("TY  - JOUR\nID  - l\nTI  - T\nA1  - Petri G, Expert P, et al.\nER  - \n\nTY  - JOUR\nID  - m\nTI  - T\n"
            + "A1  - Smith JA Jr, Jones B\nER  - \n\nTY  - JOUR\nID  - n\nTI  - T\nAU  - GARCIA RUIZ, MARIA JA\nER  - \n").references
        #expect(lists.map { CitationStyle.vancouver.entry($0).text } == [
            "Petri G, Expert P, et al. T.", "Smith JA Jr, Jones B. T.", "GARCIA RUIZ MJ. T.",
        ])
        // Another field right after `ER` starts a record without `TY`, an error, not the record before's.
        let merged = Self.read("TY  - JOUR\nID  - a\nTI  - First\nER  - \nAU  - Second, Author\nTI  - Second\nER  - \n")
        #expect(merged.references.map(\.id) == ["a"])
        #expect(merged.references.first?.authors.isEmpty == true)
        #expect(merged.problems.map(\.message) == ["malformed RIS: record 'second' does not start with a 'TY  - ' line (its type)"])
    }

    @Test func manyRecordsWithOneKeyTakeLinearTime() throws {
        let text = try Self.text("zotero-asreview-pubmed.ris")
        let records = Self.read(String(repeating: text, count: 100)).references
        #expect(Set(records.map(\.id)).count == 600)
        #expect(records[594].id == "rudnik2019cu")  // the 100th: suffix 99 = c, u
    }

    /// Family names from the fixtures, as keys.
    @Test(arguments: [
        ("O’Meara", "omeara"), ("Büyükgüngör", "buyukgungor"), ("Aksın", "aksin"), ("Östberg", "ostberg"),
        ("Quintanilla-Dieck", "quintanilladieck"), ("van de Schoot", "vandeschoot"),
    ])
    func keysAreFoldedToASCII(family: String, expected: String) {
        #expect(CitationKeyMaker.folded(family) == expected)
    }

    // MARK: - In a site

    @Test func aSiteCitesRecordsOfRISAndMedlineFiles() async throws {
        var lines = Self.lines(try Self.text("zotero-asreview-pubmed.ris"))
        let typeLines = lines.indices.filter { lines[$0].hasPrefix("TY  - ") }
        let end = try #require(lines[typeLines[2]...].firstIndex { $0.hasPrefix("ER  -") })
        lines.remove(at: end)  // the third record, shen2019, runs into the fourth
        let site = try TestSite([
            "sitegen.yml": "title: Test\nbaseURL: https://example.org/\n",
            "Content/bibliography/zotero.ris": lines.joined(separator: "\n"),
            "Content/bibliography/pubmed.nbib": try MedlineReaderTests.text(),
            "Content/a.md": article("A question?", "Text [@rudnik2019; @16377612].\n"),
        ])
        defer { site.remove() }
        let line = typeLines[2] + 1
        let warning = "Content/bibliography/zotero.ris:\(line):1: warning: malformed RIS: record 'shen2019' has no 'ER  - ' line before the next record starts on line \(typeLines[3]); the entry is skipped, and citing it is an error"
        #expect(await site.build().diagnostics.map(\.description) == [warning])
        let page = try site.read("a/index.html")
        #expect(page.contains("Rudnik A, Piotrowicz G, Basinska MA, Rashedi V. "))
        #expect(page.contains("Pritchard L, White JA, Birch PRJ, Toth IK. "))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("bibliography/zotero.ris").path))
        try site.write("Content/b.md", article("Another question?", "Text [@shen2019]. Typed [@Shen2019].\n"))
        // A key near one that could not be read (another case, a typo) is said to be near it, and where it broke.
        #expect(await site.build().diagnostics.map(\.description) == [
            warning, "Content/b.md:4:7: error: the entry 'shen2019' could not be read (at Content/bibliography/zotero.ris:\(line):1); fix it there",
            "Content/b.md:4:26: error: unknown citation key 'Shen2019'; did you mean 'shen2019'? That entry could not be read (at Content/bibliography/zotero.ris:\(line):1); fix it there",
        ])
    }

    // MARK: - Speed

    /// A record with 100,000 continuation lines and one with 50,000 fields. Not timed (measurements are never
    /// tests here): a reader that copied the value so far for each line would take minutes, not a second.
    @Test func longRecords() {
        let continuation = "TY  - JOUR\nTI  - x\n" + String(repeating: "y\n", count: 100_000) + "ER  - \n"
        let fields = "TY  - JOUR\n" + String(repeating: "AU  - Liu R.\n", count: 50_000) + "ER  - \n"
        #expect(Self.read(continuation).references.first?.title?.utf8.count == 1 + 2 * 100_000)
        #expect(Self.read(fields).references.first?.authors.count == 50_000)
    }
}
