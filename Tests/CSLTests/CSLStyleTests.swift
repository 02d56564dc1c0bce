import CSL
import Foundation
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

struct CSLStyleTests {
    func style(_ name: String) throws -> CSLStyle {
        try CSLStyle(XMLReader.read(String(contentsOf: fixtures.appendingPathComponent("styles/\(name).csl"), encoding: .utf8)))
    }

    @Test func everyBuiltInStyleReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("styles").path).sorted()
        #expect(names.count == 13)
        for name in names {
            let style = try style(String(name.dropLast(4)))
            #expect(style.title != nil && style.id != nil, "\(name)")
            #expect(style.parent != nil || (style.citation != nil && style.bibliography != nil), "\(name)")
        }
    }

    @Test func vancouverIsReadAsItIsWritten() throws {
        let vancouver = try style("vancouver")
        #expect(vancouver.class == .inText)
        #expect(vancouver.locales.first?.term("month-09", form: .short) == "Sep")
        let citation = try #require(vancouver.citation)
        #expect(citation.options.contains(XMLAttribute(name: "collapse", value: "citation-number")))
        #expect(citation.sort.first?.source == .variable("citation-number"))
        let bibliography = try #require(vancouver.bibliography)
        #expect(bibliography.options.contains(XMLAttribute(name: "second-field-align", value: "flush")))
        // Every macro the layouts call is defined; the author macro renders the author's names.
        guard case .names(let attributes, let parts)? = vancouver.macros["author"]?.first else {
            Issue.record("the author macro does not start with <names>")
            return
        }
        #expect(attributes.first { $0.name == "variable" }?.value == "author")
        #expect(parts.contains { if case .substitute = $0 { true } else { false } })
    }

    @Test func chooseBranchesKeepTheirConditions() throws {
        let apa = try style("apa")
        func allBranches(_ elements: [CSLElement]) -> [CSLBranch] {
            elements.flatMap { element -> [CSLBranch] in
                switch element {
                case .choose(let branches): branches + branches.flatMap { allBranches($0.elements) }
                case .group(_, let children): allBranches(children)
                case .names(_, let parts):
                    parts.flatMap { part -> [CSLBranch] in
                        guard case .substitute(let children) = part else { return [] }
                        return allBranches(children)
                    }
                default: []
                }
            }
        }
        let all = apa.macros.values.flatMap(allBranches)
        #expect(all.count > 100)
        #expect(all.contains { $0.conditions.contains { $0.name == "type" && $0.values.contains("article-journal") } })
        #expect(all.contains { $0.match == .any } && all.contains { $0.match == .none })
    }

    /// Mistakes are refused at their element, with what was expected and, for a misspelt name, the nearest one.
    @Test func mistakesAreRefusedWhereTheyAre() throws {
        let head = "<style class=\"in-text\" version=\"1.0\">\n"
        let citation = "<citation><layout><text macro=\"author\"/></layout></citation>\n"
        let cases: [(text: String, line: Int, column: Int?, message: String)] = [
            (head + "<macro name=\"author\"><text variable=\"title\" prefx=\"(\"/></macro>\n" + citation + "</style>", 2, nil, "unknown attribute 'prefx' on <text>; did you mean 'prefix'?"),
            (head + "<macro name=\"autor\"><text variable=\"title\"/></macro>\n" + citation + "</style>", 3, nil, "no macro named 'author'; did you mean 'autor'?"),
            (head + "<macro name=\"author\"><choose><else><text value=\"x\"/></else></choose></macro>\n" + citation + "</style>", 2, nil, "<choose> holds <if>"),
            (head + "<macro name=\"author\"><choose><if><text value=\"x\"/></if></choose></macro>\n" + citation + "</style>", 2, nil, "<if> needs a condition"),
            (head + "<macro name=\"author\"><txt value=\"x\"/></macro>\n" + citation + "</style>", 2, nil, "unknown element <txt>"),
            (head + "<macro name=\"author\"><text variable=\"title\" term=\"and\"/></macro>\n" + citation + "</style>", 2, nil, "one of variable, macro, term or value"),
            (head + "<macro name=\"author\"><text value=\"x\"/></macro>\n</style>", 1, nil, "needs a <citation>"),
            ("<style class=\"intext\" version=\"1.0\">" + citation + "</style>", 1, nil, "unknown class 'intext' on <style>; expected in-text or note"),
            (head + "<macro name=\"author\"><group collapse=\"year\"/></macro>\n" + citation + "</style>", 2, nil, "unknown attribute 'collapse' on <group>; expected delimiter, prefix, suffix"),
            // A value out of a closed set or no count, which would print nothing in silence (every italic left out).
            (head + "<macro name=\"author\"><text variable=\"title\" font-style=\"italics\"/></macro>\n" + citation + "</style>", 2, nil,
             "'italics' is no value of font-style on <text>; did you mean 'italic'?"),
            (head + "<macro name=\"author\"><text variable=\"title\" text-case=\"upper\"/></macro>\n" + citation + "</style>", 2, nil,
             "'upper' is no value of text-case on <text>; expected lowercase, uppercase"),
            ("<style class=\"in-text\" version=\"1.0\">\n<citation et-al-min=\"twenty\"><layout><text variable=\"title\"/></layout></citation>\n</style>", 2, nil,
             "'twenty' is no value of et-al-min on <citation>; expected a whole number such as 3"),
            // A variable, term, type, position or locator CSL does not have, which would print nothing or never match.
            (head + "<macro name=\"author\"><text variable=\"container-titel\"/></macro>\n" + citation + "</style>", 2, nil,
             "'container-titel' is not a CSL variable (variable on <text>); did you mean 'container-title'?"),
            (head + "<macro name=\"author\"><names variable=\"author edtor\"/></macro>\n" + citation + "</style>", 2, nil,
             "'edtor' is not a CSL variable (variable on <names>); did you mean 'editor'?"),
            (head + "<macro name=\"author\"><text term=\"retreived\"/></macro>\n" + citation + "</style>", 2, nil,
             "'retreived' is not a CSL term (term on <text>); did you mean 'retrieved'?"),
            (head + "<macro name=\"author\">\n<choose><if type=\"book article-jornal\"><text value=\"x\"/></if></choose></macro>\n" + citation + "</style>", 3, 9,
             "'article-jornal' is not a CSL item type (type on <if>); did you mean 'article-journal'?"),
            (head + "<macro name=\"author\"><choose><if position=\"subsequnt\"><text value=\"x\"/></if></choose></macro>\n" + citation + "</style>", 2, nil,
             "'subsequnt' is not a CSL position (position on <if>); did you mean 'subsequent'?"),
            (head + "<macro name=\"author\"><choose><if is-numeric=\"volme\"><text value=\"x\"/></if></choose></macro>\n" + citation + "</style>", 2, nil,
             "'volme' is not a CSL variable (is-numeric on <if>); did you mean 'volume'?"),
            (head + "<macro name=\"author\"><choose><if locator=\"paeg\"><text value=\"x\"/></if></choose></macro>\n" + citation + "</style>", 2, nil,
             "'paeg' is not a CSL locator (locator on <if>)"),
            ("<style class=\"in-text\" version=\"1.0\">\n<citation><sort><key variable=\"isued\"/></sort><layout><text variable=\"title\"/></layout></citation>\n</style>", 2, nil,
             "'isued' is not a CSL variable (variable on <key>); did you mean 'issued'?"),
        ]
        Refusal.expect(cases) { _ = try CSLStyle(XMLReader.read($0)) }
    }

    /// What CSL knows by name, besides its lists: a term the style's own locale defines, the ordinals, CSL 1.0.1's
    /// `sub verbo`, several variables or types in one attribute.
    @Test func namesCSLKnowsAreRead() throws {
        let xml = #"<style class="in-text" version="1.0"><locale><terms><term name="house-note">see online</term></terms></locale>"#
            + #"<citation><layout><group delimiter=" "><text term="house-note"/><text term="ordinal-11"/><text term="ordinal"/><text term="sub verbo"/>"#
            + #"<choose><if locator="sub verbo page" type="book chapter" variable="DOI URL event"><text value="x"/></if></choose>"#
            + #"<names variable="editor-translator container-author"/><date variable="available-date" form="text"/></group></layout></citation></style>"#
        let style = try CSLStyle(XMLReader.read(xml))
        #expect(style.citation?.elements.count == 1)
        #expect(throws: CSLError.self) { try CSLStyle(XMLReader.read(xml.replacing("ordinal-11", with: "ordinal-1"))) }
        #expect(throws: CSLError.self) { try CSLStyle(XMLReader.read(xml.replacing(#"name="house-note""#, with: #"name="house-notes""#))) }
    }

    /// A `display` value CSL does not define cannot write markup: it prints as a block.
    @Test func anUnknownDisplayPrintsAsABlock() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><text variable="title" display="x&quot; onclick=&quot;alert(1)"/></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let entry = try #require(processor.render(items: [CSLItem(id: "a", type: "book", fields: ["title": "T"])], citations: []).bibliography.first)
        #expect(processor.html(entry.text) == #"<div class="csl-block">T</div>"#)
    }

    /// As pandoc's citeproc reads real styles: `type="thesis manuscript"` is "the type is one of these", whatever
    /// `match` says of the conditions (American Sociological Association's theses printed as books); and
    /// `capitalize-first` leaves a first word with a capital in it as it is ("arXiv", "eLife").
    @Test func aTypeListIsAnyOfItAndCapitalizeFirstKeepsMixedCase() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout delimiter=" "><group delimiter=" "><choose><if type="thesis manuscript" variable="title"><text value="T"/></if>"#
            + #"<else-if type="book report" match="any"><text value="B"/></else-if><else><text value="E"/></else></choose>"#
            + #"<text variable="publisher" text-case="capitalize-first"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let cases: [(type: String, title: String?, publisher: String, printed: String)] = [
            ("thesis", "A", "arXiv", "T arXiv"), ("manuscript", "A", "eLife sciences", "T eLife sciences"), ("thesis", nil, "in press", "E In press"),
            ("book", "A", "mRNA", "B mRNA"), ("article", "A", "2nd edition", "E 2nd edition"), ("report", "A", "éditions", "B Éditions"),
        ]
        for (type, title, publisher, printed) in cases {
            var fields = ["publisher": publisher]
            fields["title"] = title
            let entry = try #require(processor.render(items: [CSLItem(id: "a", type: type, fields: fields)], citations: []).bibliography.first)
            #expect(processor.plainText(entry.text) == printed, "\(type), \(publisher)")
        }
    }

    /// A last name "others" (BibTeX's `and others`) is "et al." where the names are shortened (`et-al-min`), and a
    /// name like any other where they never are, as pandoc 3.9 prints it (Science: "Q. Guo, others"; the American
    /// Sociological Association: "Westendorp, and others"). Every style printed "et al.".
    @Test func othersIsEtAlOnlyWhereListsAreShortened() throws {
        func printed(_ nameOptions: String) throws -> String {
            let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
                + #"<bibliography><layout><names variable="author"><name and="text" initialize-with=". " "# + nameOptions + #"/></names></layout></bibliography></style>"#
            let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
            let item = CSLItem(id: "a", type: "book", names: ["author": [CSLName(family: "Guo", given: "Qin"), CSLName(family: "Goldenberg", given: "Joshua"), CSLName(literal: "others")]])
            return processor.plainText(try #require(processor.render(items: [item], citations: []).bibliography.first).text)
        }
        #expect(try printed("") == "Q. Guo, J. Goldenberg, and others")
        #expect(try printed(#"et-al-min="7" et-al-use-first="6""#) == "Q. Guo, J. Goldenberg, et al.")
        #expect(try printed(#"et-al-min="3" et-al-use-first="1""#) == "Q. Guo et al.")
    }

    /// A `<names>`'s affixes go around what its substitute prints, once, whether a text or names that stand in
    /// (Harvard Anglia Ruskin's `<names suffix=",">`: pandoc 3.9 "Anon., 1850", sitegen printed "Anon. 1850").
    /// A `<choose>` in a `<substitute>` stands in with the first element of its branch that prints, and the variables
    /// of the branch's other elements are left out after it too, as pandoc 3.9 prints it ("L Rainey, ed. | Ch": the
    /// translator neither beside the editor nor in the names after).
    @Test func aChoiceInASubstituteGivesItsFirstElementThatPrints() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><group delimiter=" | "><names variable="container-author"><name/><label form="short" prefix=", "/><substitute>"#
            + #"<names variable="author"/><choose><if match="none" type="standard"><names variable="editor"/><names variable="translator"/></if></choose>"#
            + #"</substitute></names><names variable="editor translator" delimiter="; "><name/><label form="short" prefix=", "/></names>"#
            + #"<text variable="title"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let editor = CSLName(family: "Rainey", given: "L"), translator = CSLName(family: "Dupont", given: "M")
        let items = [
            CSLItem(id: "a", type: "chapter", fields: ["title": "Ch"], names: ["editor": [editor], "translator": [translator]]),
            CSLItem(id: "b", type: "chapter", fields: ["title": "Ch"], names: ["translator": [translator]]),
            CSLItem(id: "c", type: "chapter", fields: ["title": "Ch"], names: ["container-author": [editor], "translator": [translator]]),
        ]
        for (item, printed) in zip(items, ["L Rainey, ed. | Ch", "M Dupont, trans. | Ch", "L Rainey | M Dupont, trans. | Ch"]) {
            let entry = try #require(processor.render(items: [item], citations: []).bibliography.first)
            #expect(processor.plainText(entry.text) == printed)
        }
    }

    /// `subsequent-author-substitute-rule`: each entry is compared with the first of its run, the whole list replaced
    /// (complete-all), each name when all are the same (complete-each), each of the first names shared (partial-each)
    /// or the first (partial-first); a run whose first entry has no names (a title stood in) goes by complete-all.
    /// Every line as pandoc 3.9 prints it.
    @Test(arguments: [
        ("complete-all", ["———. 2002", "J. Doe, R. Roe, and Z. Zed. 2003", "J. Doe. 2004", "J. Doe and A. Abe. 2005"]),
        ("complete-each", ["———, ———, and ———. 2002", "J. Doe, R. Roe, and Z. Zed. 2003", "J. Doe. 2004", "J. Doe and A. Abe. 2005"]),
        ("partial-each", ["———, ———, and ———. 2002", "———, ———, and Z. Zed. 2003", "———. 2004", "——— and A. Abe. 2005"]),
        ("partial-first", ["———, R. Roe, and P. Poe. 2002", "———, R. Roe, and Z. Zed. 2003", "———. 2004", "——— and A. Abe. 2005"]),
    ])
    func subsequentAuthorSubstituteRules(rule: String, printed: [String]) throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography subsequent-author-substitute="———" subsequent-author-substitute-rule="\#(rule)"><layout suffix=".">"#
            + #"<group delimiter=". "><names variable="author"><name and="text" delimiter=", " initialize-with=". "/><label form="short" prefix=", "/>"#
            + #"<substitute><names variable="editor"/><text variable="title"/></substitute></names><date variable="issued"><date-part name="year"/></date>"#
            + #"</group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func name(_ family: String, _ given: String) -> CSLName { CSLName(family: family, given: given) }
        let authors = [
            [name("Doe", "Jane"), name("Roe", "Rick"), name("Poe", "Pat")], [name("Doe", "Jane"), name("Roe", "Rick"), name("Poe", "Pat")],
            [name("Doe", "Jane"), name("Roe", "Rick"), name("Zed", "Zoe")], [name("Doe", "Jane")], [name("Doe", "Jane"), name("Abe", "Al")],
        ]
        var items = authors.enumerated().map { index, names in
            CSLItem(id: "a\(index)", type: "book", names: ["author": names], dates: ["issued": CSLDate(parts: [[2001 + index]])])
        }
        items += [2006, 2007].map { CSLItem(id: "e\($0)", type: "book", names: ["editor": [name("Eve", "Ed")]], dates: ["issued": CSLDate(parts: [[$0]])]) }
        items += [2008, 2009].map { CSLItem(id: "t\($0)", type: "book", fields: ["title": "Eight"], dates: ["issued": CSLDate(parts: [[$0]])]) }
        let entries = processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) }
        #expect(entries == ["J. Doe, R. Roe, and P. Poe. 2001."] + printed.map { $0 + "." } + ["E. Eve, ed. 2006.", "———, ed. 2007.", "Eight. 2008.", "———. 2009."])
    }

    /// complete-all compares the authors' whole name lists, as pandoc's citeproc does: a list that prints the same
    /// before "et al." but has other names after the cut is another author's, and so is a literal name beside a
    /// family name of the same text. The substitute stands for the names; "et al." and the label stay. Every line as
    /// pandoc 3.9 prints it.
    @Test func completeAllComparesWholeNameListsAndKeepsEtAl() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography subsequent-author-substitute="———"><layout suffix="."><group delimiter=". "><names variable="author">"#
            + #"<name and="text" delimiter=", " et-al-min="3" et-al-use-first="1" name-as-sort-order="first"/><label form="short" prefix=", "/>"#
            + #"<substitute><names variable="editor"/><text variable="title"/></substitute></names><date variable="issued"><date-part name="year"/></date>"#
            + #"</group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func name(_ family: String, _ given: String) -> CSLName { CSLName(family: family, given: given) }
        let first = [name("Doe", "Jane"), name("Roe", "Rick"), name("Poe", "Pat")], second = [name("Doe", "Jane"), name("Roe", "Rick"), name("Zed", "Zoe")]
        let editors = [name("Eve", "Ed"), name("Fay", "Fi"), name("Gus", "Go")]
        let lists: [[String: [CSLName]]] = [
            ["author": first], ["author": first], ["author": second], ["author": second],
            ["author": [CSLName(family: "Beijing Zoo")]], ["author": [CSLName(literal: "Beijing Zoo")]],
            ["editor": editors], ["editor": editors], ["author": [name("Eve", "Ed")], "editor": editors],
        ]
        let items = lists.enumerated().map { CSLItem(id: "i\($0)", type: "book", names: $1, dates: ["issued": CSLDate(parts: [[2001 + $0]])]) }
        let entries = processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) }
        #expect(entries == [
            "Doe, Jane et al. 2001.", "——— et al. 2002.", "Doe, Jane et al. 2003.", "——— et al. 2004.", "Beijing Zoo. 2005.", "Beijing Zoo. 2006.",
            "Eve, Ed et al., eds. 2007.", "——— et al., eds. 2008.", "Eve, Ed. 2009.",
        ])
    }

    /// A name given in the parts its reader split it into (``CSLName/partsAsRead``, a BibTeX name's) is the same person
    /// as a name whose particles the processor finds (a CSL-JSON name's) when the two are read the same: `Doe, Jane`
    /// and `van der Berg, Anna` are CSL-JSON's "Doe", "Jane" and "Berg", "Anna van der"; BibTeX's `Smith, John van`,
    /// whose given name is "John van", is not CSL-JSON's "Smith", "John van", whose given name is "John". Every line as
    /// pandoc 3.9 prints it (the names in a .bib and a .json file).
    @Test func namesAsReadAreThePeopleCSLJSONNamesAreReadAs() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography subsequent-author-substitute="———"><layout suffix="."><group delimiter=". "><names variable="author">"#
            + #"<name and="text" delimiter=", " name-as-sort-order="first"/></names><date variable="issued"><date-part name="year"/></date>"#
            + #"</group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let names = [
            CSLName(family: "Doe", given: "Jane", partsAsRead: true), CSLName(family: "Doe", given: "Jane"),
            CSLName(family: "Berg", given: "Anna", droppingParticle: "van der", partsAsRead: true), CSLName(family: "Berg", given: "Anna van der"),
            CSLName(family: "Smith", given: "John van", partsAsRead: true), CSLName(family: "Smith", given: "John van"),
        ]
        let items = names.enumerated().map { CSLItem(id: "i\($0)", type: "book", names: ["author": [$1]], dates: ["issued": CSLDate(parts: [[2001 + $0]])]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "Doe, Jane. 2001.", "———. 2002.", "Berg, Anna van der. 2003.", "———. 2004.", "Smith, John van. 2005.", "Smith, John van. 2006.",
        ])
    }

    /// "after-inverted-name" puts the delimiter before "and" or "et al." after a name in the place `name-as-sort-order`
    /// inverts (the first, for "first"), whether or not that name turns: an organisation's, or a family name alone.
    /// Every line as pandoc 3.9 prints it.
    @Test func aDelimiterAfterAnInvertedNameGoesByTheNamesPlace() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout suffix="."><names variable="author"><name and="text" delimiter=", " delimiter-precedes-last="after-inverted-name""#
            + #" delimiter-precedes-et-al="after-inverted-name" name-as-sort-order="first" et-al-min="4" et-al-use-first="1"/></names></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func literal(_ text: String) -> CSLName { CSLName(literal: text) }
        let lists = [
            [literal("World Health Organization"), literal("UNICEF")], [CSLName(family: "Doe", given: "Jane"), CSLName(family: "Roe", given: "Rick")],
            ["Trang T. Le", "Zach Osman", "D. K. Watson", "Martin Dunn"].map(literal),
            [CSLName(family: "Doe", given: "Jane"), CSLName(family: "Roe", given: "Rick"), CSLName(family: "Poe", given: "Pat")],
            [CSLName(family: "Beijing Zoo"), CSLName(family: "Roe", given: "Rick")],
        ]
        let items = lists.enumerated().map { CSLItem(id: "i\($0)", type: "book", names: ["author": $1]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "World Health Organization, and UNICEF.", "Doe, Jane, and Rick Roe.", "Trang T. Le, et al.", "Doe, Jane, Rick Roe and Pat Poe.",
            "Beijing Zoo, and Rick Roe.",
        ])
    }

    /// Two entries in a row whose `<names>` has a substitute that prints nothing share an empty author, which the second
    /// prints as the substitute; a `<names>` without a substitute is no author at all. Every line as pandoc 3.9 prints it.
    /// Entries of nothing at all stay empty: the substitute does not make their group print.
    @Test(arguments: [(true, ["First.", "——. Second.", "J Doe. Third.", "Fourth.", "", ""]), (false, ["First.", "Second.", "J Doe. Third.", "Fourth.", "", ""])])
    func entriesWithAnEmptyAuthorInARowTakeTheSubstitute(hasSubstitute: Bool, printed: [String]) throws {
        let substitute = hasSubstitute ? #"<substitute><names variable="editor"/><text variable="title"/></substitute>"# : ""
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography subsequent-author-substitute="——"><layout suffix="."><group delimiter=". "><names variable="author">"#
            + substitute + #"</names><text variable="note"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = ["First", "Second", "Third", "Fourth", "", ""].enumerated().map { index, note in
            CSLItem(id: "i\(index)", type: "book", fields: note.isEmpty ? [:] : ["note": note], names: index == 2 ? ["author": [CSLName(family: "Doe", given: "J")]] : [:])
        }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == printed)
    }

    /// A `<name>`'s prefix and suffix go around each name, as pandoc 3.9 prints them (Urological Science's
    /// `suffix="."`: "Ching T., Himmelstein DS., et al."), not around the list.
    @Test func aNamesAffixesGoAroundEachName() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography et-al-min="4" et-al-use-first="2"><layout suffix="!"><names variable="author"><name prefix="(" suffix=")" delimiter=", ""#
            + #" and="text" initialize-with="" name-as-sort-order="all" sort-separator=" "/></names></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let people = [CSLName(family: "Doe", given: "Jane"), CSLName(family: "Roe", given: "Rick"), CSLName(family: "Poe", given: "Pat"), CSLName(family: "Zed", given: "Zoe")]
        let items = [3, 4, 1].enumerated().map { CSLItem(id: "i\($0)", type: "book", names: ["author": Array(people.prefix($1))]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "(Doe J), (Roe R), and (Poe P)!", "(Doe J), (Roe R), et al.!", "(Doe J)!",
        ])
    }

    /// A label of `number-of-pages` is plural as a page's is, by how many numbers the value holds, and one of
    /// `number-of-volumes` unless it is 1 or 0, as pandoc 3.9 prints them (Phytotaxa's "528 p.").
    @Test func labelsOfPagesAndVolumesCountAsPandocCountsThem() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><group delimiter=" "><text variable="number-of-pages"/><label variable="number-of-pages" form="short"/></group>"#
            + #"<text value=" | "/><group delimiter=" "><text variable="page"/><label variable="page" form="short"/></group><text value=" | "/>"#
            + #"<group delimiter=" "><text variable="number-of-volumes"/><label variable="number-of-volumes" form="short"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = [("528", "528", "3"), ("1", "1", "1"), ("xii, 528", "2-3", "2")].enumerated().map { index, values in
            CSLItem(id: "i\(index)", type: "book", fields: ["number-of-pages": values.0, "page": values.1, "number-of-volumes": values.2])
        }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "528 p. | 528 p. | 3 vols.", "1 p. | 1 p. | 1 vol.", "xii, 528 pp. | 2–3 pp. | 2 vols.",
        ])
    }

    /// `capitalize-first` capitalizes the first word, inside quotes or italics too; a first word in `nocase` is the
    /// first word all the same, and the words after it stay as they are. Every line as pandoc 3.9 prints it.
    @Test func capitalizeFirstStopsAtAFirstWordInNocase() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><text variable="title" text-case="capitalize-first"/></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let titles = [#"<span class="nocase">intention</span> und mehr"#, #""<span class="nocase">Intention</span>" und mehr"#, #""intention" und mehr"#,
                      "<i>intention</i> und mehr"]
        let items = titles.enumerated().map { CSLItem(id: "i\($0)", type: "book", fields: ["title": $1]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "intention und mehr", "“Intention” und mehr", "“Intention” und mehr", "Intention und mehr",
        ])
    }

    /// `capitalize-all` capitalizes each run of lowercase letters at the start or after a space, hyphen, slash or
    /// dash, and leaves a run with a capital or a digit as it is ("mRNA", "p53", "iPhone", "3d", "2nd"), and one after
    /// a letter, an apostrophe or a period ("O’neil", "e.g."). Every line as pandoc 3.9 prints it (`pandoc --citeproc`
    /// with this style, `-t plain`).
    @Test func capitalizeAllLeavesRunsWithCapitalsOrDigitsAsPandocDoes() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><text variable="title" text-case="capitalize-all"/></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let titles = ["mRNA vaccines and p53 in the iPhone era", "eLife and iOS data", "x-ray and e-cigarettes in 3d", "the 2nd and 3rd trials",
                      "McDonald's and O'neil", "e.g. and i.e. words", "sub-Saharan and non-HIV", "aUDIO and bEAST", "über uns and état"]
        let items = titles.enumerated().map { CSLItem(id: "i\($0)", type: "book", fields: ["title": $1]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "mRNA Vaccines And p53 In The iPhone Era", "eLife And iOS Data", "X-Ray And E-Cigarettes In 3d", "The 2nd And 3rd Trials",
            "McDonald’s And O’neil", "E.g. And I.e. Words", "Sub-Saharan And Non-HIV", "aUDIO And bEAST", "Über Uns And État",
        ])
    }

    /// A style's own ordinal terms replace the locale file's of the same name only, as pandoc 3.9 merges them (Sciences
    /// Po's French `ordinal-01` "ère" and `ordinal-02` "e": "15ᵉ éd." keeps the file's `ordinal`).
    @Test func aStylesOrdinalsReplaceOnlyTheLocalesOfTheirName() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="fr-FR"><locale xml:lang="fr"><terms>"#
            + #"<term name="ordinal-01">ère</term><term name="ordinal-02">e</term></terms></locale><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><group delimiter=" "><number variable="edition" form="ordinal"/><text term="edition" form="short"/></group>"#
            + #"</layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = ["1", "2", "15", "21", "12"].map { CSLItem(id: $0, type: "book", fields: ["edition": $0]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "1ère éd.", "2e éd.", "15ᵉ éd.", "21ère éd.", "12e éd.",
        ])
    }

    /// An ordinal suffix of digits is the number written again: he-IL's `ordinal-02` is "2", which printed a second
    /// edition "22 מהדורה"; the number goes alone, as the locale means.
    @Test func anOrdinalSuffixOfDigitsIsLeftOut() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="he-IL"><citation><layout>"#
            + #"<text variable="title"/></layout></citation><bibliography><layout><group delimiter=" "><number variable="edition" form="ordinal"/>"#
            + #"<text term="edition" form="short"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales(), language: "he-IL")
        let items = ["1", "2", "10", "22"].map { CSLItem(id: $0, type: "book", fields: ["edition": $0]) }
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "1 מהדורה", "2 מהדורה", "10 מהדורה", "22 מהדורה",
        ])
    }

    /// An author's undated works take year suffixes after "n.d." where the style prints no `year-suffix` of its own,
    /// after a space in the term's long form, as pandoc 3.9 prints them; a work alone or dated takes none.
    @Test(arguments: [("form=\"short\"", "n.d."), ("", "no date")])
    func undatedWorksOfOneAuthorTakeYearSuffixes(form: String, term: String) throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><macro name="year"><choose><if variable="issued">"#
            + #"<date variable="issued"><date-part name="year"/></date></if><else><text term="no date" \#(form)/></else></choose></macro>"#
            + #"<citation disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">"#
            + #"<names variable="author"><name form="short"/></names><text macro="year"/></group></layout></citation>"#
            + #"<bibliography><layout><group delimiter=" "><names variable="author"><name form="short"/></names><text macro="year"/>"#
            + #"<text variable="title"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        func item(_ id: String, _ family: String, _ year: Int? = nil) -> CSLItem {
            CSLItem(id: id, type: "webpage", fields: ["title": "Page " + id], names: ["author": [CSLName(family: family, given: "J")]],
                    dates: year.map { ["issued": CSLDate(parts: [[$0]])] } ?? [:])
        }
        let items = [item("z", "Doe"), item("w", "Doe"), item("v", "Roe"), item("u", "Roe", 2020)]
        let result = processor.render(items: items, citations: items.map { CSLCitation(cites: [CSLCite(id: $0.id)]) })
        let space = term == "n.d." ? "" : " "
        #expect(result.citations.map { processor.plainText($0) } == ["(Doe \(term)\(space)a)", "(Doe \(term)\(space)b)", "(Roe \(term))", "(Roe 2020)"])
        #expect(result.bibliography.map { processor.plainText($0.text) } == [
            "Doe \(term)\(space)a Page z", "Doe \(term)\(space)b Page w", "Roe \(term) Page v", "Roe 2020 Page u",
        ])
    }

    /// A year's `form="short"` prints the whole year, as pandoc 3.9 prints it (Elsevier Harvard's access date "(accessed
    /// 10.1.2006)"; citeproc-js would print "06").
    @Test func aShortYearPrintsWhole() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><date variable="accessed" delimiter="."><date-part name="day" form="numeric"/><date-part name="month" form="numeric"/>"#
            + #"<date-part name="year" form="short"/></date></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let item = CSLItem(id: "a", type: "webpage", dates: ["accessed": CSLDate(parts: [[2006, 1, 10]])])
        let entry = try #require(processor.render(items: [item], citations: []).bibliography.first)
        #expect(processor.plainText(entry.text) == "10.1.2006")
    }

    /// A title a substitute prints is not printed again, as CSL says; a date is, as pandoc's citeproc prints it (its
    /// substitutes take out the text, number and name variables they print, not dates: ISO 690's legal cases print
    /// "Brown v. Board, 1954. 17 May 1954").
    @Test func aDatePrintedInASubstitutePrintsAgain() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><macro name="t"><text variable="title" suffix=", "/>"#
            + #"<date variable="issued"><date-part name="year"/></date></macro><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout suffix="."><group delimiter=". "><names variable="author"><substitute><text macro="t"/></substitute></names>"#
            + #"<date variable="issued"><date-part name="day" suffix=" "/><date-part name="month" suffix=" "/><date-part name="year"/></date>"#
            + #"<text variable="title"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = [
            CSLItem(id: "a", type: "legal_case", fields: ["title": "Brown v. Board"], dates: ["issued": CSLDate(parts: [[1954, 5, 17]])]),
            CSLItem(id: "b", type: "book", fields: ["title": "Alone"], names: ["author": [CSLName(family: "Doe", given: "J")]],
                    dates: ["issued": CSLDate(parts: [[2000, 1, 2]])]),
        ]
        #expect(processor.render(items: items, citations: []).bibliography.map { processor.plainText($0.text) } == [
            "Brown v. Board, 1954. 17 May 1954.", "J Doe. 2 January 2000. Alone.",
        ])
    }

    /// With `second-field-align`, an entry with nothing beside its number prints the layout's suffix after it, unless
    /// the number ends with that mark, as pandoc 3.9 prints them: "1." alone (Cell), "1. " then "." (Nature). (Where
    /// the space between a number and the text goes, pandoc and citeproc-js differ; sitegen prints citeproc-js's.)
    @Test(arguments: [(".", "<div class=\"csl-left-margin\">1.</div><div class=\"csl-right-inline\"></div>"),
                      (". ", "<div class=\"csl-left-margin\">1. </div><div class=\"csl-right-inline\">.</div>")])
    func aNumberWithNothingBesideItTakesTheSuffixUnlessItEndsWithIt(numberSuffix: String, html: String) throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="citation-number"/></layout></citation>"#
            + #"<bibliography second-field-align="flush"><layout suffix="."><text variable="citation-number" suffix="\#(numberSuffix)"/>"#
            + #"<names variable="author" prefix=" "/></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = [CSLItem(id: "set", type: "book"), CSLItem(id: "b", type: "book", names: ["author": [CSLName(family: "Doe", given: "J")]])]
        let entries = processor.render(items: items, citations: []).bibliography.map { processor.html($0.text) }
        #expect(entries.first == html)
        #expect(entries.last?.hasSuffix("J Doe.</div>") == true)
    }

    /// A style's formatting inside the same formatting keeps it: DIN 1505-2's editor, standing in for the author in
    /// small caps inside `<names font-variant="small-caps">`, prints in small caps, as pandoc 3.9 prints it (`<span
    /// class="smallcaps"><span class="smallcaps">Klein</span></span>, 2019`), and so do italics in italics and bold in
    /// bold (`<em>Tit<em>Cont</em></em>`). Markup in an item's text still turns around: an `<i>` in an italic title
    /// prints upright.
    @Test func aStylesFormattingInsideTheSameFormattingStays() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><group delimiter=", ">"#
            + #"<names variable="author"><name form="short" font-variant="small-caps"/><et-al font-variant="normal"/><substitute><names variable="editor" font-variant="small-caps"/></substitute></names>"#
            + #"<date variable="issued"><date-part name="year"/></date></group></layout></citation>"#
            + #"<bibliography><layout delimiter="|"><group font-style="italic"><text variable="title"/><text variable="container-title" font-style="italic" prefix=" "/></group>"#
            + #"<group font-weight="bold" prefix="|"><text variable="container-title" font-weight="bold"/></group></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let item = CSLItem(id: "b", type: "chapter", fields: ["title": "A <i>Lactobacillus</i> trial", "container-title": "Cont"],
                           names: ["editor": [CSLName(family: "Klein", given: "Otto")]], dates: ["issued": CSLDate(parts: [[2019]])])
        let result = processor.render(items: [item], citations: [CSLCitation(cites: [CSLCite(id: "b")])])
        #expect(processor.html(result.citations[0]) == #"<span style="font-variant:small-caps;">Klein</span>, 2019"#)
        let entry = try #require(result.bibliography.first)
        #expect(processor.html(entry.text) == #"<i>A <span style="font-style:normal;">Lactobacillus</span> trial Cont</i>|<b>Cont</b>"#)
    }

    @Test func aSubstituteTakesTheAffixesOfItsNames() throws {
        let xml = #"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout><text variable="title"/></layout></citation>"#
            + #"<bibliography><layout><names variable="author" prefix="(" suffix="),"><name initialize-with="."/><substitute><names variable="editor"/>"#
            + #"<text value="Anon."/></substitute></names><date variable="issued" prefix=" "><date-part name="year"/></date></layout></bibliography></style>"#
        let processor = CSLProcessor(style: try CSLStyle(XMLReader.read(xml)), localeFiles: try TestSuite.locales())
        let items = [
            CSLItem(id: "a", type: "book", names: ["author": [CSLName(family: "Doe", given: "Jane")]], dates: ["issued": CSLDate(parts: [[1850]])]),
            CSLItem(id: "b", type: "book", names: ["editor": [CSLName(family: "Roe", given: "Ann")]], dates: ["issued": CSLDate(parts: [[1850]])]),
            CSLItem(id: "c", type: "book", dates: ["issued": CSLDate(parts: [[1850]])]),
        ]
        for (item, printed) in zip(items, ["(J. Doe), 1850", "(A. Roe), 1850", "(Anon.), 1850"]) {
            let entry = try #require(processor.render(items: [item], citations: []).bibliography.first)
            #expect(processor.plainText(entry.text) == printed)
        }
    }
}
