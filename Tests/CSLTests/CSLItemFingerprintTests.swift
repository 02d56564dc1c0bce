@testable import CSL
import Testing

/// An item's fingerprint holds every value of the item (a build takes an entry's printed text from the last build's
/// by it): each value changed alone changes it, and a value added to the types is a value the fingerprint is to hold.
struct CSLItemFingerprintTests {
    static let item = CSLItem(
        id: "a", type: "article-journal", language: "en", fields: ["title": "T", "volume": "3"],
        names: ["author": [CSLName(family: "Roe", given: "Ann", droppingParticle: "d", nonDroppingParticle: "n", suffix: "Jr", literal: nil)]],
        dates: ["issued": CSLDate(parts: [[2020, 3]], season: "1", literal: nil)], link: "https://example.org")

    /// The stored values of each type, as the fingerprint reads them: a test to change with ``CSLItem/fingerprint``.
    @Test func theFingerprintReadsEveryStoredValue() {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        #expect(Set(labels(Self.item)) == ["narrowsSpaces", "quotesAsText", "readsNoteVariables", "namesAreText", "storage"])
        let storage = Mirror(reflecting: Self.item).children.first { $0.label == "storage" }!.value
        // `holdsStandIn` is worked out from the others.
        #expect(Set(labels(storage)) == ["id", "type", "language", "fields", "names", "dates", "link", "holdsStandIn"])
        #expect(
            Set(labels(CSLName()))
                == ["family", "given", "droppingParticle", "nonDroppingParticle", "suffix", "commaSuffix", "staticOrdering", "literal", "partsAsRead"])
        #expect(Set(labels(CSLDate())) == ["parts", "season", "circa", "literal"])
        #expect(Set(labels(CSLCitation(cites: []))) == ["cites", "noteNumber"])
        #expect(Set(labels(CSLCite(id: "a"))) == ["id", "prefix", "suffix", "locator", "label", "suppressAuthor", "authorOnly", "link"])
    }

    @Test func eachValueOfACitationChangedAloneChangesItsFingerprint() {
        let base = [CSLCitation(cites: [CSLCite(id: "a", prefix: "see", suffix: "x", locator: "3", label: "page", link: "#ref-a")], noteNumber: 1)]
        var changed: [[CSLCitation]] = []
        func cite(_ change: (inout CSLCite) -> Void) {
            var citations = base
            change(&citations[0].cites[0])
            changed.append(citations)
        }
        cite { $0.id = "b" }
        cite { $0.prefix = nil }
        cite { $0.suffix = "" }
        cite { $0.locator = nil }
        cite { $0.label = "chapter" }
        cite { $0.link = nil }
        cite { $0.suppressAuthor.toggle() }
        cite { $0.authorOnly.toggle() }
        // A value moved to the next part.
        cite { ($0.prefix, $0.suffix) = ("seex", nil) }
        changed.append([CSLCitation(cites: base[0].cites)])
        changed.append(base + base)
        changed.append([CSLCitation(cites: base[0].cites + base[0].cites, noteNumber: 1)])
        changed.append([])
        let fingerprints = [CSLCitation.fingerprint(base)] + changed.map(CSLCitation.fingerprint)
        #expect(Set(fingerprints).count == fingerprints.count)
    }

    @Test func eachValueChangedAloneChangesIt() {
        let base = Self.item
        var changed: [CSLItem] = []
        func with(_ change: (inout CSLItem) -> Void) {
            var item = base
            change(&item)
            changed.append(item)
        }
        func name(_ change: (inout CSLName) -> Void) { with { change(&$0.names["author"]![0]) } }
        func date(_ change: (inout CSLDate) -> Void) { with { change(&$0.dates["issued"]!) } }
        with { $0.id = "b" }
        with { $0.type = "book" }
        with { $0.language = nil }
        with { $0.link = nil }
        with { $0.narrowsSpaces.toggle() }
        with { $0.quotesAsText = .curly }
        with { $0.readsNoteVariables.toggle() }
        with { $0.namesAreText.toggle() }
        with { $0.fields["title"] = "U" }
        with { $0.fields["titles"] = "T" }
        with { $0.fields["volume"] = nil }
        // A value moved to another name.
        with { $0.fields = ["title": "3", "volume": "T"] }
        with { $0.names["editor"] = $0.names["author"] }
        with { $0.names["author"]!.append(CSLName(literal: "WHO")) }
        name { $0.family = "Doe" }
        name { $0.given = nil }
        name { $0.droppingParticle = nil }
        name { $0.nonDroppingParticle = "x" }
        name { $0.suffix = nil }
        name { $0.commaSuffix.toggle() }
        name { $0.staticOrdering.toggle() }
        name { $0.literal = "Roe" }
        name { $0.partsAsRead.toggle() }
        date { $0.parts = [[2020]] }
        date { $0.parts = [[2020, 3], [2021]] }
        date { $0.season = nil }
        date { $0.circa.toggle() }
        date { $0.literal = "2020" }
        let fingerprints = [base.fingerprint] + changed.map(\.fingerprint)
        #expect(Set(fingerprints).count == fingerprints.count)
        // The same values in another order of insertion: the same bytes.
        var reordered = CSLItem(id: "a", type: "article-journal", language: "en")
        reordered.link = "https://example.org"
        reordered.dates = base.dates
        reordered.names = base.names
        reordered.fields["volume"] = "3"
        reordered.fields["title"] = "T"
        #expect(reordered.fingerprint == base.fingerprint)
    }
}
