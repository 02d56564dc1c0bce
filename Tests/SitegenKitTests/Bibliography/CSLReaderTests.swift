import Testing

@testable import SitegenKit

struct CSLReaderTests {
    @Test func readsCSLYAMLList() throws {
        let references = try BibliographyReader().read(SourceText(path: "refs.yaml", text: """
            references:
              - id: who2019
                type: book
                author:
                  - literal: World Health Organization
                title: Risk reduction of cognitive decline and dementia
                publisher: World Health Organization
                publisher-place: Geneva
                issued:
                  date-parts: [[2019]]
            """))
        #expect(references.count == 1)
        #expect(references[0].location.description == "refs.yaml:2:5")
        #expect(
            CitationStyle.vancouver.entry(references[0]).text
                == "World Health Organization. Risk reduction of cognitive decline and dementia. Geneva: World Health Organization; 2019.")
    }

    @Test(arguments: [
        ("[\n  {\"id\": \"a\",\n   \"issued\": {\"date-parts\": [[2020, 13]]}}\n]", "refs.json:3:14: error: 'issued' has month 13, which is not 1 to 12"),
        ("[\n  {\"type\": \"book\"}\n]", "refs.json:2:3: error: CSL item has no 'id'"),
        ("[\n  {\"id\": \"a\", }\n]", "refs.json:2:15: error: invalid JSON: expected a string key"),
        ("{\"id\": \"a\"}", "refs.json:1:1: error: a CSL bibliography must be a list of items, not a mapping"),
        ("[{\"id\": \"a\", \"author\": \"Smith\"}]", "refs.json:1:24: error: CSL field 'author' must be a list of names, not a string"),
    ])
    func malformedJSON(text: String, expected: String) {
        expectDiagnostic(expected) { () throws(Diagnostic) in _ = try BibliographyReader().read(SourceText(path: "refs.json", text: text)) }
    }
}
