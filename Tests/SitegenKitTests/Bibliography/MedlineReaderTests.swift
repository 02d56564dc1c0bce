import Foundation
import Testing

@testable import SitegenKit

/// PubMed's MEDLINE format, on the real export `Fixtures/realbib/pubmed-biopython.nbib` (see SOURCES.md there).
/// Every expected value is copied from the fixture file.
struct MedlineReaderTests {
    static let name = "pubmed-biopython.nbib"

    static func text() throws -> String {
        String(decoding: try Data(contentsOf: fixturesFolder.appendingPathComponent("realbib/\(name)")), as: UTF8.self)
    }

    static func read(_ text: String, path: String = "refs.nbib") -> BibliographyFile {
        MedlineReader().readFile(SourceText(path: path, text: text))
    }

    static func lines(_ text: String) -> [String] {
        // By bytes: Swift reads `\r\n` as one character, which is not `\n`.
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    static func fixture() throws -> [Reference] {
        let file = read(try text(), path: name)
        #expect(file.problems.isEmpty, "\(file.problems)")
        return file.references
    }

    @Test func everyRecord() throws {
        let text = try Self.text()
        let references = try Self.fixture()
        #expect(references.map(\.id) == ["16403221", "16377612", "14871861", "14630660"])
        #expect(references.map(\.pmid) == references.map(\.id))
        let pmidLines = Self.lines(text).enumerated().filter { $0.element.hasPrefix("PMID- ") }.map { $0.offset + 1 }
        #expect(references.map(\.location.line) == pmidLines)
        #expect(references.allSatisfy { $0.type == "article-journal" && $0.notices.isEmpty })
        // Through the reader the build uses, by extension.
        #expect(try BibliographyReader().read(SourceText(path: Self.name, text: text)).count == 4)
    }

    @Test func fieldByField() throws {
        let references = try Self.fixture()
        let scop = references[0]
        #expect(scop.title == "A high level interface to SCOP and ASTRAL implemented in python.")
        #expect(scop.authors == [  // FAU, not AU
            Reference.Name(family: "Casbon", given: "James A"), Reference.Name(family: "Crooks", given: "Gavin E"),
            Reference.Name(family: "Saqi", given: "Mansoor A S"),
        ])
        #expect(scop.containerTitle == "BMC bioinformatics" && scop.containerTitleShort == "BMC Bioinformatics")  // JT, TA
        #expect(scop.issued == Reference.DateParts(year: 2006))  // DP  - 2006
        #expect(scop.volume == "7" && scop.issue == nil && scop.page == "10")
        #expect(scop.doi == "10.1186/1471-2105-7-10")  // AID  - … [doi], after the [pii]
        #expect(scop.pmcid == "PMC1373603")

        let diagram = references[1]
        // TI continues on a line indented by six spaces.
        #expect(diagram.title == "GenomeDiagram: a python package for the visualization of large-scale genomic data.")
        #expect(diagram.issued == Reference.DateParts(year: 2006, month: 3, day: 1))  // DP  - 2006 Mar 1
        #expect(diagram.volume == "22" && diagram.issue == "5" && diagram.page == "616-7")
        #expect(diagram.doi == "10.1093/bioinformatics/btk021")
        #expect(diagram.containerTitle == "Bioinformatics (Oxford, England)" && diagram.containerTitleShort == "Bioinformatics")
        #expect(diagram.pmcid == nil)
        #expect(CitationStyle.vancouver.entry(diagram).text
            == "Pritchard L, White JA, Birch PRJ, Toth IK. GenomeDiagram: a python package for the visualization of large-scale genomic data. Bioinformatics. 2006 Mar 1;22(5):616–7.")

        let clustering = references[2]
        #expect(clustering.authors.first == Reference.Name(family: "de Hoon", given: "M J L"))
        #expect(clustering.issued == Reference.DateParts(year: 2004, month: 6, day: 12))
        #expect(clustering.doi == "10.1093/bioinformatics/bth078")  // the [doi] before the [pii]
        #expect(CitationStyle.vancouver.entry(clustering).text
            == "de Hoon MJL, Imoto S, Nolan J, Miyano S. Open source clustering software. Bioinformatics. 2004 Jun 12;20(9):1453–4.")

        let pdb = references[3]
        #expect(pdb.doi == nil)  // no AID
        #expect(pdb.issued == Reference.DateParts(year: 2003, month: 11, day: 22) && pdb.page == "2308-10")
    }

    @Test func shortNamesWhereThereAreNoFullNames() throws {
        let text = Self.lines(try Self.text()).filter { !$0.hasPrefix("FAU - ") }.joined(separator: "\n")
        let references = Self.read(text).references
        #expect(references[0].authors == [  // AU  - Casbon JA, Crooks GE, Saqi MA
            Reference.Name(family: "Casbon", given: "J. A."), Reference.Name(family: "Crooks", given: "G. E."),
            Reference.Name(family: "Saqi", given: "M. A."),
        ])
        #expect(references[2].authors.first == Reference.Name(family: "de Hoon", given: "M. J."))  // AU  - de Hoon MJ
        #expect(CitationStyle.vancouver.entry(references[0]).text.hasPrefix("Casbon JA, Crooks GE, Saqi MA. "))
    }

    /// A suffix ends the name in MEDLINE (`Quintiliani, Richard Jr`, `Dimar JR 2nd`, as PubMed exports record 17472997):
    /// the name's suffix, never an initial, in full names and short ones alike; a last `V` stays an initial.
    @Test func suffixesEndTheName() throws {
        let record = "PMID- 17472997\nTI  - Treatment.\nFAU - Quintiliani, Richard Jr\nAU  - Quintiliani R Jr\nFAU - Dimar, John R 2nd\nAU  - Dimar JR 2nd\n"
            + "AU  - White AC Sr\nFAU - Roe, Anna V\nAU  - Roe AV\nTA  - Ann Pharmacother\nDP  - 2007 Jun\n"
        let references = Self.read(record).references
        #expect(references.first?.authors == [
            Reference.Name(family: "Quintiliani", given: "Richard", suffix: "Jr"), Reference.Name(family: "Dimar", given: "John R", suffix: "2nd"),
            Reference.Name(family: "White", given: "A. C.", suffix: "Sr"), Reference.Name(family: "Roe", given: "Anna V"),
        ])
        // pandoc 3.9 with vancouver.csl prints the record's CSL-JSON (names with `suffix`) so.
        #expect(CitationStyle.vancouver.entry(try #require(references.first)).text.hasPrefix("Quintiliani R Jr, Dimar JR 2nd, White AC Sr, Roe AV. Treatment."))
    }

    /// A file cut short in its last record (metaknowledge's test file ends in the middle of a title): PubMed ends every
    /// record with `SO`, so the last one without it, after records with it, is a warning; the entry is read as far as it goes.
    @Test func aFileCutShortIsAWarning() throws {
        let whole = "PMID- 1\nTI  - One.\nTA  - J\nDP  - 2016\nSO  - J. 2016.\n\n"
        let file = Self.read(whole + "PMID- 26153366\nDP  - 2016 Jan\nTI  - Evaluation of the frequency of\n      G-765C in the endometriu\n")
        #expect(file.references.map(\.id) == ["1", "26153366"])
        #expect(file.problems.map(\.description) == [
            "refs.nbib:7:1: warning: the last record (PMID 26153366) has no 'SO' line, which PubMed writes at the end of every record: the"
                + " file looks cut short; save it from PubMed again"
        ])
        #expect(Self.read(whole + whole.replacing("PMID- 1", with: "PMID- 2")).problems.isEmpty)
    }

    /// The fixture has no corporate author and no notice: these are added, with text taken from its other records,
    /// to see where they go (they do not describe the record they are added to).
    @Test func corporateAuthorsAndNotices() throws {
        var lines = Self.lines(try Self.text())
        let sources = lines.filter { $0.hasPrefix("SO  - ") }.map { String($0.dropFirst(6)) }
        let firstAuthor = try #require(lines.firstIndex { $0.hasPrefix("FAU - Casbon") })
        lines.insert("CN  - Biopython", at: firstAuthor)
        let firstSource = try #require(lines.firstIndex { $0.hasPrefix("SO  - ") })
        lines.insert(contentsOf: ["RIN - \(sources[1])", "EIN - \(sources[2])"], at: firstSource)
        let reference = Self.read(lines.joined(separator: "\n")).references[0]
        #expect(reference.authors.first == Reference.Name(literal: "Biopython"))
        #expect(reference.authors.count == 4)
        #expect(reference.notices == [
            "Retraction in: Bioinformatics. 2006 Mar 1;22(5):616-7. Epub 2005 Dec 23.",
            "Erratum in: Bioinformatics. 2004 Jun 12;20(9):1453-4. Epub 2004 Feb 10.",
        ])
        // Notices are not printed.
        var withoutNotices = reference
        withoutNotices.notices = []
        #expect(CitationStyle.vancouver.entry(reference) == CitationStyle.vancouver.entry(withoutNotices))
    }

    @Test func aRecordWithoutPMIDIsAnErrorAndTheOthersAreRead() throws {
        var lines = Self.lines(try Self.text())
        let second = try #require(lines.firstIndex { $0 == "PMID- 16377612" })
        lines.remove(at: second)
        let file = Self.read(lines.joined(separator: "\n"))
        #expect(file.references.map(\.id) == ["16403221", "14871861", "14630660"])
        #expect(file.problems.map(\.description) == [
            "refs.nbib:\(second + 1):1: error: malformed MEDLINE: record has no 'PMID- ' line (its PubMed id)",
        ])
    }

    @Test func lineEndsByteOrderMarkAndMissingBlankLines() throws {
        let text = try Self.text()
        let references = try Self.fixture()
        let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.read(crlf, path: Self.name).references == references)
        // A PMID line starts a record also without a blank line before it.
        let packed = Self.lines(text).filter { !$0.isEmpty }.joined(separator: "\n")
        #expect(Self.read(packed).references.map(\.id) == references.map(\.id))
    }

    @Test func aLineThatIsNoFieldIsAWarning() throws {
        var lines = Self.lines(try Self.text())
        let index = try #require(lines.firstIndex { $0.hasPrefix("OWN - ") })
        lines[index] = "OWN: NLM"
        let file = Self.read(lines.joined(separator: "\n"))
        #expect(file.references.count == 4)
        #expect(file.problems.map(\.description) == [
            "refs.nbib:\(index + 1):1: warning: malformed MEDLINE: a line that is neither a field ('TAG - value') nor an indented continuation; it is skipped",
        ])
    }

    @Test(arguments: [
        ("2006", PartialDate(year: 2006)), ("2006 Mar 1", PartialDate(year: 2006, month: 3, day: 1)),
        ("2019 Sep-Oct", PartialDate(year: 2019)), ("2019 Dec 7-14", PartialDate(year: 2019, month: 12)),
        ("2000 Spring", PartialDate(year: 2000)), ("2020 Dec 7", PartialDate(year: 2020, month: 12, day: 7)),
    ])
    func publicationDates(text: String, expected: PartialDate) {
        #expect(PartialDate.yearFirst(Substring(text)) == expected)
    }

    /// `DP` with the ranges and seasons of journal issues, as MEDLINE writes them: each becomes the CSL date that
    /// prints as PubMed's citation reads (Vancouver, as pandoc 3.9 prints these dates from CSL-JSON: "2019 Sep–Oct",
    /// "2018 Dec–2019 Jan", "2019 Dec 7–14", "2000 Spring").
    @Test func publicationDatesKeepRangesAndSeasons() async throws {
        var range = Reference.DateParts(year: 2019, month: 9)
        range.endMonth = 10
        #expect(MedlineConverter.publicationDate("2019 Sep-Oct") == range)
        var acrossYears = Reference.DateParts(year: 2018, month: 12, endYear: 2019)
        acrossYears.endMonth = 1
        #expect(MedlineConverter.publicationDate("2018 Dec-2019 Jan") == acrossYears)
        var days = Reference.DateParts(year: 2019, month: 12, day: 7)
        (days.endMonth, days.endDay) = (12, 14)
        #expect(MedlineConverter.publicationDate("2019 Dec 7-14") == days)
        var season = Reference.DateParts(year: 2000)
        season.season = "1"
        #expect(MedlineConverter.publicationDate("2000 Spring") == season)
        #expect(MedlineConverter.publicationDate("2006 Mar 1") == Reference.DateParts(year: 2006, month: 3, day: 1))
        #expect(MedlineConverter.publicationDate("2020 Feb 30") == Reference.DateParts(year: 2020, month: 2))
        #expect(MedlineConverter.publicationDate("2019-06-24") == Reference.DateParts(year: 2019, month: 6, day: 24))
        #expect(MedlineConverter.publicationDate("n.d.") == nil)

        let record = { (pmid: String, date: String) in "PMID- \(pmid)\nTI  - Trial \(pmid).\nFAU - Kim, Anna\nTA  - J Med\nDP  - \(date)\nVI  - 3\nPG  - 5-7\n\n" }
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/bibliography/pubmed.nbib": record("1", "2019 Sep-Oct") + record("2", "2018 Dec-2019 Jan") + record("3", "2019 Dec 7-14") + record("4", "2000 Spring")
                + record("5", "2014 Nov 29-Dec 4") + record("6", "2007 Dec 22-2008 Jan 4"),
            "Content/a.md": article("A", "A [@1; @2; @3; @4; @5; @6].\n"),
        ])
        defer { site.remove() }
        let report = await BuildPipeline(BuildOptions(source: site.root.path)).run()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = try site.read("a/index.html")
        for printed in [
            "J Med. 2019 Sep–Oct;3:5–7.", "J Med. 2018 Dec–2019 Jan;3:5–7.", "J Med. 2019 Dec 7–14;3:5–7.", "J Med. 2000 Spring;3:5–7.",
            "J Med. 2014 Nov 29–Dec 4;3:5–7.", "J Med. 2007 Dec 22–2008 Jan 4;3:5–7.",
        ] {
            #expect(page.contains(printed), "\(printed)")
        }
    }

    /// A PubMed record's key is its PMID: a citation by its first author and year (`[@kim2019]`, as a RIS record without
    /// an `ID` is keyed) names the key to write, not only that no entry has it; two such records are both named.
    @Test func aCitationByAuthorAndYearNamesThePMID() async throws {
        let record = { (pmid: String, name: String, date: String) in "PMID- \(pmid)\nTI  - Trial \(pmid).\nFAU - \(name)\nTA  - J Med\nDP  - \(date)\n\n" }
        let site = try TestSite([
            "sitegen.yml": "title: T\nbaseURL: https://example.org/\n",
            "Content/bibliography/pubmed.nbib": record("31", "Kim, Anna", "2019 Sep") + record("32", "Müller, Jan", "2020") + record("33", "Müller, Eva", "2020"),
            "Content/a.md": article("A", "A [@kim2019]. B [@Kim_2019a; @mueller2020]. C [@muller2020b]. @kim2019 says so.\n"),
        ])
        defer { site.remove() }
        let report = await BuildPipeline(BuildOptions(source: site.root.path)).run()
        #expect(report.diagnostics.map(\.description) == [
            "Content/a.md:4:4: error: unknown citation key 'kim2019'; the entry of that author and year (at Content/bibliography/pubmed.nbib:1:1)"
                + " has the key '31' (a PubMed record's key is its PMID): write [@31]",
            "Content/a.md:4:18: error: unknown citation key 'Kim_2019a'; the entry of that author and year (at Content/bibliography/pubmed.nbib:1:1)"
                + " has the key '31' (a PubMed record's key is its PMID): write [@31]",
            // `mueller` is no spelling of Müller that keys are made of: the nearest key, if any, as before.
            "Content/a.md:4:30: error: unknown citation key 'mueller2020'; no bibliography of this article has it: add its entry to a file in"
                + " Content/bibliography/ (or to the article's own `bibliography:`), or correct the key",
            "Content/a.md:4:48: error: unknown citation key 'muller2020b'; the entries of that author and year have the keys '32' (at"
                + " Content/bibliography/pubmed.nbib:7:1), '33' (at Content/bibliography/pubmed.nbib:13:1): cite the one meant by its key",
            // In running text, printed as written (it may be a handle), with the key meant.
            "Content/a.md:4:63: warning: '@kim2019' is printed as text, as no entry has this key; did you mean '@31'?",
        ])
    }

    /// A `DP` with a word that is no part of a date (a misspelt month, a day the month lacks, a range that runs
    /// backwards), or without a year first, is a warning at its line saying what the date is read as.
    @Test func publicationDatesThatCannotBeReadWholeAreWarnings() {
        let record = { (pmid: String, date: String) in "PMID- \(pmid)\nTI  - Trial \(pmid).\nDP  - \(date)\n\n" }
        let file = Self.read(record("1", "2019 Sepember") + record("2", "2020 Feb 30") + record("3", "2019 Oct-Sep") + record("4", "circa 2019")
            + record("5", "2019 Sep 7-14"))
        #expect(file.references.map(\.issued?.month) == [nil, 2, 10, nil, 9])
        let words = "PubMed writes 'Sep', 'Sep-Oct', 'Spring', 'Sep 7' or 'Sep 7-14' after the year, and this is none of them (a misspelling,"
            + " a day the month does not have, a range that runs backwards); correct it"
        #expect(file.problems.map(\.description) == [
            "refs.nbib:3:1: warning: the date 'DP  - 2019 Sepember' is read as 2019, without 'Sepember': " + words,
            "refs.nbib:7:1: warning: the date 'DP  - 2020 Feb 30' is read as 2020-02, without '30': " + words,
            "refs.nbib:11:1: warning: the date 'DP  - 2019 Oct-Sep' is read as 2019-10, without 'Oct-Sep': " + words,
            "refs.nbib:15:1: warning: the date 'DP  - circa 2019' does not start with a year, so the entry has none; write it as PubMed does: '2019 Sep 7'",
        ])
    }

    /// 100,000 continuation lines. Not timed (measurements are never tests here): a reader that copied the value so
    /// far for each line would take minutes, not a second.
    @Test func longRecords() {
        let text = "PMID- 1\nTI  - x\n" + String(repeating: "      y\n", count: 100_000)
        #expect(Self.read(text).references.first?.title?.utf8.count == 1 + 2 * 100_000)
    }
}
